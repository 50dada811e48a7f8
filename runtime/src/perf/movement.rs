//! Ops that move data rather than compute: host↔device transfers over PCIe, layout changes
//! (tilize, untilize, typecast, DRAM↔L1, and `convert_layout` as the sum of the steps it
//! stands for), copies of pages with at most a per-tile transform (reshape, transpose, permute,
//! slice, pad, concat, repeat, embedding, gather), creation of tensors, and host fallbacks.

use super::cost::{Bound, CostKind, OpCost, Stages, Stream};
use super::hw::Hw;
use super::ops::{Create, Move, Relayout, Streaming, elementwise, flow, unary_math, units_of};
use super::shape::{OpShape, PageLayout};

/// `ttnn.to_device` / `ttnn.from_device`: a PCIe transfer of the host tensor's bytes.
pub(super) fn transfer(hw: &Hw, shape: &OpShape, to_device: bool) -> OpCost {
    let bytes: f64 = shape
        .inputs
        .first()
        .map(|t| flow(hw, t).bytes)
        .unwrap_or(0.0);
    pcie(hw, bytes, to_device)
}

fn pcie(hw: &Hw, bytes: f64, to_device: bool) -> OpCost {
    let (latency, rate) = if to_device {
        (hw.h2d_latency_ns, hw.h2d_bpns)
    } else {
        (hw.d2h_latency_ns, hw.d2h_bpns)
    };
    OpCost {
        kind: CostKind::Transfer,
        device_ns: latency + bytes / rate,
        bound: Bound::Pcie,
        pcie_bytes: bytes,
        ..OpCost::free(if to_device {
            "host to device"
        } else {
            "device to host"
        })
    }
}

/// Layout changes: tilize/untilize, typecast, moves between DRAM and L1, and the abstract
/// `convert_layout` as the sum of the steps it stands for.
pub(super) fn relayout(hw: &Hw, l: Relayout, shape: &OpShape, grid: [u32; 2]) -> OpCost {
    let (Some(input), Some(out)) = (shape.inputs.first(), shape.outputs.first()) else {
        return OpCost::free("no tensors");
    };
    let host_convert = |detail: &str| {
        let bytes = flow(hw, input).bytes + flow(hw, out).bytes;
        OpCost::host(bytes / hw.host_convert_bpns, detail)
    };
    let single = OpShape::new(vec![input.clone()], vec![out.clone()]);
    match l {
        Relayout::Pages | Relayout::Typecast if !input.on_device() || !out.on_device() => {
            host_convert("on host")
        }
        Relayout::Pages => {
            if input.page == out.page && input.dtype == out.dtype {
                return OpCost::free("same layout");
            }
            let mut math = 0.0;
            if input.page != out.page {
                math += hw.tilize_cycles;
            }
            if input.dtype != out.dtype {
                math += unary_math(hw, &single, 6.0);
            }
            let what = match (input.page, out.page) {
                (PageLayout::RowMajor, PageLayout::Tile) => "tilize",
                (PageLayout::Tile, PageLayout::RowMajor) => "untilize",
                _ => "typecast",
            };
            Streaming {
                hw,
                inputs: &single.inputs,
                outputs: &single.outputs,
                units: units_of(hw, out),
                math,
                unpack_passes: 1.0,
                gather: 0.0,
                extra_cycles: 0.0,
                detail: what.to_owned(),
            }
            .cost(grid)
        }
        Relayout::Typecast => {
            elementwise(hw, &single, grid, unary_math(hw, &single, 6.0), "typecast")
        }
        Relayout::MemoryConfig => {
            if input.buffer == out.buffer && input.memory_layout == out.memory_layout {
                return OpCost::free("same memory config");
            }
            Streaming {
                hw,
                inputs: &single.inputs,
                outputs: &single.outputs,
                units: units_of(hw, out),
                math: 0.0,
                unpack_passes: 0.0,
                gather: 0.0,
                extra_cycles: 0.0,
                detail: "copy".to_owned(),
            }
            .cost(grid)
        }
        Relayout::Convert => {
            let mut cost = OpCost::free("");
            let mut cur = input.clone();
            if !cur.on_device() && out.on_device() {
                let mut moved = cur.clone();
                moved.buffer = out.buffer;
                cost = cost.then(pcie(hw, flow(hw, &cur).bytes, true));
                cur = moved;
            }
            let mut target = out.clone();
            if cur.on_device() && !out.on_device() {
                target.buffer = cur.buffer;
                target.memory_layout = cur.memory_layout;
            }
            if cur.on_device() && (cur.page != target.page || cur.dtype != target.dtype) {
                let step = OpShape {
                    grid: shape.grid,
                    ..OpShape::new(vec![cur.clone()], vec![target.clone()])
                };
                cost = cost.then(relayout(hw, Relayout::Pages, &step, grid));
                cur.page = target.page;
                cur.dtype = target.dtype;
            }
            if cur.on_device()
                && out.on_device()
                && (cur.buffer != out.buffer || cur.memory_layout != out.memory_layout)
            {
                let step = OpShape::new(vec![cur.clone()], vec![out.clone()]);
                cost = cost.then(relayout(hw, Relayout::MemoryConfig, &step, grid));
            }
            if cur.on_device() && !out.on_device() {
                cost = cost.then(pcie(hw, flow(hw, &cur).bytes, false));
                if cur.page != out.page || cur.dtype != out.dtype {
                    let bytes = flow(hw, out).bytes;
                    cost = cost.then(OpCost::host(
                        bytes / hw.host_convert_bpns,
                        "convert on host",
                    ));
                }
            }
            if !input.on_device()
                && !out.on_device()
                && (input.page != out.page || input.dtype != out.dtype)
            {
                cost = cost.then(host_convert("convert on host"));
            }
            cost
        }
    }
}

/// Data movement: copies of pages with at most a per-tile transform.
pub(super) fn movement(hw: &Hw, m: Move, shape: &OpShape, grid: [u32; 2]) -> OpCost {
    let (Some(input), Some(out)) = (shape.inputs.first(), shape.output_or_input(0)) else {
        return OpCost::free("no tensors");
    };
    let rank = input.shape.len() as i64;
    let norm_dim = |d: i64| if d < 0 { d + rank } else { d };
    let th = hw.tile[0];
    let copy = |units: u64, math: f64, detail: &str| {
        Streaming {
            hw,
            inputs: &shape.inputs,
            outputs: &shape.outputs,
            units,
            math,
            unpack_passes: if math > 0.0 { 1.0 } else { 0.0 },
            gather: 0.0,
            extra_cycles: 0.0,
            detail: detail.to_owned(),
        }
        .cost(grid)
    };
    let out_units = units_of(hw, out);
    let reshuffle = 2.0 * hw.tilize_cycles;
    match m {
        Move::Reshape => {
            let view = input.page == out.page
                && input.width() == out.width()
                && (input.page == PageLayout::RowMajor
                    || (input.height() % th == 0 && out.height() % th == 0)
                    || input.shape.len() < 2 && out.shape.len() < 2);
            if view {
                OpCost::free("view")
            } else if input.page == PageLayout::Tile {
                copy(
                    out_units.max(units_of(hw, input)),
                    reshuffle,
                    "untilize, reshape, tilize",
                )
            } else {
                copy(out_units, 0.0, "row copy")
            }
        }
        Move::Transpose | Move::Permute => {
            let dims: Vec<i64> = shape.attrs.dims.iter().map(|&d| norm_dim(d)).collect();
            let moved: Vec<i64> = if m == Move::Transpose {
                dims.clone()
            } else {
                dims.iter()
                    .enumerate()
                    .filter(|(i, d)| *i as i64 != **d)
                    .map(|(_, d)| *d)
                    .collect()
            };
            let last = rank - 1;
            let moves_w = moved.contains(&last)
                || (m == Move::Permute && dims.last().is_some_and(|&d| d != last));
            let moves_h = moved.contains(&(last - 1))
                || (m == Move::Permute && dims.len() >= 2 && dims[dims.len() - 2] != last - 1);
            let hw_only = moves_w && moves_h && moved.iter().all(|&d| d >= last - 1);
            let (math, detail) = if hw_only {
                (2.0 * hw.eltwise_cycles, "tile transposes")
            } else if moves_w {
                (
                    2.0 * hw.eltwise_cycles + reshuffle,
                    "tile transposes and row shuffles",
                )
            } else if moves_h {
                (reshuffle, "row shuffles")
            } else {
                (0.0, "tile moves")
            };
            copy(out_units, math, detail)
        }
        Move::Repeat | Move::Pad | Move::Concat | Move::Slice => copy(out_units, 0.0, "page copy"),
        Move::Embedding | Move::Gather => {
            // One read per output row (a row of the table), tilized in blocks of tile rows.
            let rows = out.rows().max(1) as f64;
            let row_bytes = out.width() as f64 * hw.elem_bytes(out.dtype);
            let units = out.tile_rows(hw.tile).max(1);
            let per_unit_rows = rows / units as f64;
            let wt = out.width().div_ceil(hw.tile[1]) as f64;
            let reader = hw.noc_cycles(per_unit_rows, per_unit_rows * row_bytes, hw.dram_read_bpc)
                + hw.read_latency;
            let tb = hw.tile_bytes(out.dtype);
            let tilize = if out.page == PageLayout::Tile {
                wt * hw.tilize_cycles
            } else {
                0.0
            };
            let stages = Stages {
                reader,
                unpack: wt * tb / hw.unpack_bpc,
                math: tilize,
                pack: wt * tb / hw.pack_bpc,
                writer: flow(hw, out).cycles(hw, 1.0 / units as f64, true),
            };
            let bytes = rows * row_bytes + flow(hw, out).bytes;
            Stream {
                units,
                cores: Hw::cores_of(grid),
                stages,
                dram_bytes: bytes,
                dram_pages: rows + flow(hw, out).pages,
                extra_cycles: 0.0,
                flops: 0.0,
                detail: "row gathers".to_owned(),
            }
            .cost(hw)
        }
    }
}

/// Tensors created on the device.
pub(super) fn create(hw: &Hw, c: Create, shape: &OpShape, grid: [u32; 2]) -> OpCost {
    let Some(out) = shape.outputs.first() else {
        return OpCost::free("no tensors");
    };
    match c {
        Create::Constant if out.on_device() => pcie(hw, flow(hw, out).bytes, true),
        Create::Constant => OpCost::free("host constant"),
        Create::Fill(_) if !out.on_device() => {
            OpCost::host(flow(hw, out).bytes / hw.host_convert_bpns, "on host")
        }
        Create::Fill(n) => {
            let math = if n > 0.0 { n * hw.sfpu_cycles } else { 0.0 };
            Streaming {
                hw,
                inputs: &[],
                outputs: &shape.outputs,
                units: units_of(hw, out),
                math,
                unpack_passes: 0.0,
                gather: 0.0,
                extra_cycles: 0.0,
                detail: "fill".to_owned(),
            }
            .cost(grid)
        }
    }
}

/// An op left on the host: its operands and results at the host fallback rate.
pub(crate) fn host_fallback(hw: &Hw, shape: &OpShape) -> OpCost {
    let bytes: f64 = shape
        .inputs
        .iter()
        .chain(&shape.outputs)
        .map(|t| t.volume() as f64 * hw.elem_bytes(t.dtype))
        .sum();
    OpCost::host(bytes / hw.host_fallback_bpns, "host fallback")
}
