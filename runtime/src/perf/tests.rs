//! Unit tests of the model's arithmetic on small hand-computed cases, of the timeline and the
//! trace format, and the validation against the measured tables (when `../shared` exists).

use std::path::PathBuf;

use super::*;
use crate::device::DType;
use crate::program::{
    Attr, Function, Input, LayoutSpec, Op, Operand, Program, ResultDecl, TensorSpec,
};

fn n150() -> Model {
    Model::new(&DeviceDescriptor::default_device(), ModelOptions::default())
}

/// The n150 with round numbers, so that costs can be computed by hand: 1 GHz, NoC rates of
/// 16 B/cycle (multicast 32), at least 20 cycles per transfer, read latency 100 and write latency
/// 50 cycles, unpackers and packers 64 B/cycle (32 B/cycle feeding the matrix engine), launch
/// 1000 ns, multicast hand-shake 100 cycles, no sub-block overhead, full DRAM efficiency.
fn round_device() -> DeviceDescriptor {
    let mut d = DeviceDescriptor::default_device();
    d.chip.clock_hz = 1e9;
    let n = &mut d.noc;
    n.dram_read_bytes_per_cycle = 16.0;
    n.dram_write_bytes_per_cycle = 16.0;
    n.l1_read_bytes_per_cycle = 16.0;
    n.l1_write_bytes_per_cycle = 16.0;
    n.multicast_bytes_per_cycle = 32.0;
    n.min_transfer_cycles = 20.0;
    n.read_latency_cycles = 100;
    n.write_latency_cycles = 50;
    d.compute.unpack_bytes_per_cycle = 64;
    d.compute.pack_bytes_per_cycle = 64;
    let k = &mut d.calibration;
    k.op_launch_ns = 1000.0;
    k.block_sync_cycles = 100.0;
    k.matmul_unpack_bytes_per_cycle = 32.0;
    k.matmul_subblock_cycles = 0.0;
    k.dram_interleaved_efficiency = 1.0;
    d
}

fn round() -> Model {
    Model::new(&round_device(), ModelOptions::default())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

fn reference_data() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference-data");
    dir.is_dir().then_some(dir)
}

#[test]
fn one_tile_on_one_core() {
    // ttnn.add of two bf16 [32, 32] DRAM tiles into a third. One unit on one core:
    //   reader 2 x 2048 B / 16 = 256, unpack 4096 / 64 = 64, math 8 (one FPU pass),
    //   pack 2048 / 64 = 32, writer 2048 / 16 = 128: 488 cycles through an empty pipeline,
    //   + 100 read latency + 50 write latency = 638 cycles = 638 ns; + 1000 ns launch.
    let t = TensorDesc::dram(&[32, 32], DType::BF16);
    let op = OpShape::new(vec![t.clone(), t.clone()], vec![t]);
    let c = round().op_cost(TtnnOp::Add, &op);
    assert_eq!(c.kind, CostKind::Program);
    assert_eq!(c.cores_used, 1);
    assert!(close(c.device_ns, 1638.0), "{c:?}");
    assert!(
        close(c.stages.reader, 256.0) && close(c.stages.math, 8.0),
        "{:?}",
        c.stages
    );
    // The launch outweighs the kernel.
    assert_eq!(c.bound, Bound::Dispatch);
    assert!(close(c.dram_bytes, 3.0 * 2048.0));
}

#[test]
fn large_eltwise_is_dram_bound() {
    // bf16 [8192, 8192] + itself: 65,536 tiles, 1,024 per core of 64. Per core the reader is the
    // slowest stage (256 cycles a tile): 488 + 1023 x 256 + 150 = 262,526 cycles. The chip's
    // DRAM moves 3 x 65,536 x 2048 B = 402,653,184 B at 288 GB/s x 0.927 achieved, 1.5 ms:
    // DRAM-bound.
    let t = TensorDesc::dram(&[8192, 8192], DType::BF16);
    let op = OpShape::new(vec![t.clone(), t.clone()], vec![t]);
    let c = round().op_cost(TtnnOp::Add, &op);
    let bytes = 3.0 * 65536.0 * 2048.0;
    let dram_ns = bytes / (288e9 * 0.927 / 1e9);
    assert_eq!(c.bound, Bound::Dram);
    assert!(
        close(c.device_ns, 1000.0 + dram_ns),
        "{} vs {}",
        c.device_ns,
        1000.0 + dram_ns
    );
    assert_eq!(c.cores_used, 64);
    assert!(close(c.split.heavy_ns, dram_ns));
    assert!(close(c.stages.reader, 1024.0 * 256.0));
}

#[test]
fn sharded_matmul_is_compute_bound() {
    // [256, 512] x [512, 256] bf16 at HiFi4 on a 2x2 grid, the first operand and the output
    // block-sharded in L1, the second in DRAM. Per core a 4x4-tile output block, K shard of 8
    // tiles: in0_block_w 8, so 2 K blocks; the output is sharded, so sub-blocks are one row:
    // 1x4, 4 of them per block, each 1 x 4 x 8 = 32 tile products of max(64 cycles HiFi4,
    // 2048 B / 32 B/cycle) = 64 cycles: 8,192 cycles per K block.
    // Reads per K block: in1 32 tiles from DRAM (65,536 B / 16 = 4,096) then multicast
    // (65,536 / 32 = 2,048), in0 multicast only (2,048); + 100 hand-shake = 6,244 < 8,192.
    // Core: 2 x 8,192 + 6,244 (first block's reads) + 0 (no writes) + 150 latency = 22,778.
    let a = TensorDesc::dram(&[256, 512], DType::BF16).sharded(MemoryLayout::BlockSharded, [2, 2]);
    let b = TensorDesc::dram(&[512, 256], DType::BF16);
    let out =
        TensorDesc::dram(&[256, 256], DType::BF16).sharded(MemoryLayout::BlockSharded, [2, 2]);
    let mut op = OpShape::new(vec![a, b], vec![out]);
    op.attrs.math_fidelity = Some(MathFidelity::HiFi4);
    op.grid = Some([2, 2]);
    let c = round().op_cost(TtnnOp::Matmul, &op);
    assert_eq!(c.bound, Bound::Compute, "{c:?}");
    assert_eq!(c.cores_used, 4);
    assert!(
        close(c.device_ns, 1000.0 + 22_778.0),
        "{}: {}",
        c.device_ns,
        c.detail
    );
    assert!(
        c.detail.contains("in0_block_w 8") && c.detail.contains("sub-block 1x4"),
        "{}",
        c.detail
    );
    assert!(close(c.flops, 2.0 * 256.0 * 512.0 * 256.0));
    // Only the second operand comes from DRAM: 16 x 8 tiles.
    assert!(close(c.dram_bytes, 128.0 * 2048.0));
}

#[test]
fn lower_fidelity_and_smaller_tiles_are_faster() {
    let m = n150();
    let op = |dtype, fidelity| {
        let mut s = OpShape::new(
            vec![
                TensorDesc::dram(&[2048, 2048], dtype),
                TensorDesc::dram(&[2048, 2048], dtype),
            ],
            vec![TensorDesc::dram(&[2048, 2048], dtype)],
        );
        s.attrs.math_fidelity = Some(fidelity);
        m.op_cost(TtnnOp::Matmul, &s).device_ns
    };
    let hifi4 = op(DType::BF16, MathFidelity::HiFi4);
    let hifi2 = op(DType::BF16, MathFidelity::HiFi2);
    let lofi = op(DType::BFP4, MathFidelity::LoFi);
    assert!(hifi4 > hifi2 && hifi2 > lofi, "{hifi4} {hifi2} {lofi}");
}

#[test]
fn transfers_and_views() {
    let m = round();
    // 1 MiB to the device: latency + bytes over the DMA rate.
    let host = TensorDesc::dram(&[512, 512], DType::F32)
        .row_major()
        .on_host();
    let dev = host.clone().row_major();
    let mut dev = dev;
    dev.buffer = BufferKind::Dram;
    let c = m.op_cost(TtnnOp::ToDevice, &OpShape::new(vec![host], vec![dev]));
    let d = round_device();
    let expected = d.pcie.host_to_device_latency_ns as f64
        + 1_048_576.0 / (d.pcie.host_to_device_bytes_per_s / 1e9);
    assert_eq!((c.kind, c.bound), (CostKind::Transfer, Bound::Pcie));
    assert!(close(c.device_ns, expected));
    // Merging leading dimensions of a tiled tensor is a view.
    let a = TensorDesc::dram(&[4, 64, 128], DType::BF16);
    let b = TensorDesc::dram(&[256, 128], DType::BF16);
    let c = m.op_cost(TtnnOp::Reshape, &OpShape::new(vec![a], vec![b]));
    assert_eq!((c.kind, c.device_ns), (CostKind::Free, 0.0));
}

#[test]
fn work_split_gives_remainder_cores_one_unit_less() {
    // 100 units over 64 cores: 36 cores take 2, 28 take 1.
    assert_eq!(cost::split_work(100, 64), (64, 36, 2, 1));
    assert_eq!(cost::split_work(10, 64), (10, 10, 1, 1));
    assert_eq!(cost::split_work(0, 64), (0, 0, 0, 0));
    assert_eq!(cost::split_work(128, 64), (64, 64, 2, 2));
}

fn spec(shape: &[i64], dtype: &str, page: &str, buffer: &str) -> TensorSpec {
    TensorSpec {
        shape: shape.to_vec(),
        element: dtype.to_owned(),
        layout: Some(LayoutSpec {
            page: page.to_owned(),
            dtype: dtype.to_owned(),
            buffer: buffer.to_owned(),
            memory_layout: (buffer != "system_memory").then(|| "interleaved".to_owned()),
            grid: (buffer != "system_memory").then_some([8, 8]),
        }),
        device: false,
        unranked: false,
    }
}

fn op(name: &str, operands: &[(&str, u32)], result: Option<(u32, TensorSpec)>) -> Op {
    Op {
        name: name.to_owned(),
        operands: operands
            .iter()
            .map(|(n, v)| Operand {
                name: (*n).to_owned(),
                values: vec![Some(*v)],
            })
            .collect(),
        attrs: Default::default(),
        results: result
            .map(|(id, ty)| vec![ResultDecl { id, ty }])
            .unwrap_or_default(),
        node: Some("add".to_owned()),
        loc: Some("model.txt:3:5".to_owned()),
    }
}

/// x (host f32) -> device -> tile bf16 -> x + x -> row-major -> host.
fn small_program() -> Program {
    let device = TensorSpec {
        shape: vec![],
        element: String::new(),
        layout: None,
        device: true,
        unranked: false,
    };
    let mut ops = vec![
        op("ttnn.get_device", &[], Some((1, device))),
        op(
            "ttnn.to_device",
            &[("input", 0), ("device", 1)],
            Some((2, spec(&[64, 64], "f32", "row_major", "dram"))),
        ),
        op(
            "ttnn.to_layout",
            &[("input", 2)],
            Some((3, spec(&[64, 64], "bf16", "tile", "dram"))),
        ),
        op(
            "ttnn.add",
            &[("lhs", 3), ("rhs", 3)],
            Some((4, spec(&[64, 64], "bf16", "tile", "dram"))),
        ),
        op("ttnn.deallocate", &[("input", 3)], None),
        op(
            "ttnn.to_layout",
            &[("input", 4)],
            Some((5, spec(&[64, 64], "bf16", "row_major", "dram"))),
        ),
        op(
            "ttnn.from_device",
            &[("input", 5)],
            Some((6, spec(&[64, 64], "bf16", "row_major", "system_memory"))),
        ),
    ];
    ops[2]
        .attrs
        .insert("layout".into(), Attr::Str("tile".into()));
    Program {
        format: crate::program::FORMAT.into(),
        version: crate::program::VERSION,
        producer: "test".into(),
        device: "n150".into(),
        entry: "forward".into(),
        functions: vec![Function {
            name: "forward".into(),
            inputs: vec![Input {
                id: 0,
                name: Some("x".into()),
                role: Some("input".into()),
                ty: spec(&[64, 64], "f32", "row_major", "system_memory"),
            }],
            ops,
            outputs: vec![6],
        }],
        golden: None,
        source_mlir: String::new(),
    }
}

#[test]
fn timeline_places_programs_after_their_dispatch() {
    let p = small_program();
    let d = DeviceDescriptor::default_device();
    let traced = Model::new(&d, ModelOptions { trace: true })
        .simulate(&p)
        .unwrap();
    let untraced = Model::new(&d, ModelOptions { trace: false })
        .simulate(&p)
        .unwrap();
    assert_eq!(traced.ops.len(), p.functions[0].ops.len());
    // Three programs (two layout changes and the add), two transfers.
    let programs: Vec<&OpSlice> = traced
        .ops
        .iter()
        .filter(|s| s.cost.kind == CostKind::Program)
        .collect();
    assert_eq!(programs.len(), 3);
    // With Metal Trace, each program waits only for the device-side dispatch.
    for w in traced
        .ops
        .windows(2)
        .filter(|w| w[1].cost.kind == CostKind::Program)
    {
        let prev_end = traced.ops[..=w[0].index]
            .iter()
            .filter(|s| s.track != Track::Host)
            .map(OpSlice::end_ns)
            .fold(0.0, f64::max);
        assert!(
            close(w[1].start_ns - prev_end, d.dispatch.traced_ns as f64),
            "{:?}",
            w[1]
        );
    }
    // Without it, the host's enqueue time per program dominates.
    assert!(close(untraced.host_ns, 3.0 * d.dispatch.untraced_ns as f64));
    assert!(untraced.total_ns > traced.total_ns + 2.0 * d.dispatch.untraced_ns as f64);
    assert!(close(
        traced.device_ns,
        programs.iter().map(|s| s.duration_ns).sum()
    ));
    assert!(traced.transfers_ns > 0.0);
}

#[test]
fn chrome_trace_has_one_slice_per_op() {
    let p = small_program();
    let t = n150().simulate(&p).unwrap();
    let json = trace::chrome_trace(&t, true);
    assert_eq!(json["displayTimeUnit"], "ns");
    let events = json["traceEvents"].as_array().unwrap();
    let names: Vec<&str> = events
        .iter()
        .filter(|e| e["ph"] == "M")
        .filter_map(|e| e["args"]["name"].as_str())
        .collect();
    assert!(
        names.contains(&"host")
            && names.contains(&"command queue 0")
            && names.contains(&"core (7,7)"),
        "{names:?}"
    );
    let slices: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e["ph"] == "X" && e["cat"] == "op")
        .collect();
    assert_eq!(slices.len(), p.functions[0].ops.len());
    for (s, op) in slices.iter().zip(&p.functions[0].ops) {
        assert_eq!(s["name"], op.name.as_str());
        assert!(s["ts"].is_f64() && s["dur"].is_f64(), "{s}");
        assert!(
            s["args"]["bound"].is_string()
                && s["args"]["inputs"].is_array()
                && s["args"]["outputs"].is_array(),
            "{s}"
        );
        assert!(s["pid"].is_u64() && s["tid"].is_u64());
    }
    assert_eq!(slices[3]["args"]["loc"], "model.txt:3:5");
    assert!(events.iter().any(|e| e["cat"] == "core"));
    // Complete events carry microseconds: the add starts after the dispatch of its program.
    let add = slices[3];
    let slice = &t.ops[3];
    assert!(close(add["ts"].as_f64().unwrap(), slice.start_ns / 1000.0));
    assert!(close(
        add["dur"].as_f64().unwrap(),
        slice.duration_ns / 1000.0
    ));
}

#[test]
fn bad_programs_are_errors_not_panics() {
    let mut p = small_program();
    p.functions[0].ops[3].operands[0].values = vec![Some(99)];
    let err = n150().simulate(&p).unwrap_err().to_string();
    assert!(
        err.starts_with("model.txt:3:5: error: 'ttnn.add'") && err.contains("undefined value 99"),
        "{err}"
    );
    let mut p = small_program();
    p.functions[0].ops[3].name = "ttnn.frobnicate".into();
    let err = n150().simulate(&p).unwrap_err().to_string();
    assert!(
        err.contains("not an op the performance model knows"),
        "{err}"
    );
    let mut p = small_program();
    p.entry = "main".into();
    assert!(
        n150()
            .simulate(&p)
            .unwrap_err()
            .to_string()
            .contains("no function 'main'")
    );
}

#[test]
fn validation_reports_bad_files_with_their_line() {
    let dir = std::env::temp_dir().join(format!("ttc-perf-validate-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("wormhole")).unwrap();
    let header = "m,k,n,use_trace,grid_size,in0_storage_type,in1_storage_type,out_storage_type,dtype,math_fidelity,derived_device_time_ns";
    std::fs::write(
        dir.join("wormhole/gemm_n150_manually_tuned.csv"),
        format!("{header}\n512,512,512,False,8x8,DRAM,DRAM,DRAM,BFLOAT16,HiFi2,10000\n512,x,512,False,8x8,DRAM,DRAM,DRAM,BFLOAT16,HiFi2,1\n"),
    )
    .unwrap();
    let err = validate::run(&dir, &n150()).unwrap_err();
    assert!(err.ends_with("gemm_n150_manually_tuned.csv:3: error: column 'k': expected a non-negative integer, found 'x'"), "{err}");
    std::fs::write(
        dir.join("wormhole/gemm_n150_manually_tuned.csv"),
        "m,k\n1,2,3\n",
    )
    .unwrap();
    let err = validate::run(&dir, &n150()).unwrap_err();
    assert!(
        err.contains(":2: error: expected 2 columns, found 3"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn validation_meets_its_targets() {
    let Some(dir) = reference_data() else {
        eprintln!("skipped: ../shared/reference-data is absent");
        return;
    };
    let reports = validate::run(&dir, &n150()).unwrap();
    let get = |name: &str| reports.iter().find(|r| r.name == name).unwrap();
    for r in &reports {
        eprintln!(
            "{}: n {} excluded {} MAPE {:.1}% median {:.1}% worst {:.0}% R2 {:.3} R2(log) {:.3}",
            r.name,
            r.n,
            r.excluded,
            r.mape * 100.0,
            r.median_rel_err * 100.0,
            r.worst_rel_err * 100.0,
            r.r2,
            r.r2_log
        );
    }
    assert_eq!(get("gemm_manual").n, 156);
    assert_eq!(get("gemm_out_of_box").n, 78);
    assert!(get("gemm_manual").mape <= 0.15);
    assert!(get("gemm_out_of_box").mape <= 0.15);
    assert!(get("exp").mape <= 0.20);
    assert_eq!(get("exp_all_rows").n, 14_939);
}

/// Fits the descriptor's `[calibration]` parameters to the measured tables, starting from the
/// descriptor's values, and prints them (with the exp instruction count implied by
/// `big_exp_dataset.csv`); fails when the fit improves on the descriptor by more than 1% or the
/// exp count differs from `ops.rs`. Print with
/// `cargo test -p ttc-runtime perf::tests::calibrate -- --nocapture`.
#[test]
fn calibrate() {
    let Some(dir) = reference_data() else {
        eprintln!("skipped: ../shared/reference-data is absent");
        return;
    };
    let base = DeviceDescriptor::default_device();
    let tables = validate::prepare(&dir, &n150()).unwrap();
    let tables: Vec<_> = tables
        .into_iter()
        .filter(|t| t.name != "exp_all_rows")
        .collect();
    let with = |p: &[f64; 5]| {
        let mut d = base.clone();
        let k = &mut d.calibration;
        k.op_launch_ns = p[0];
        k.block_sync_cycles = p[1];
        k.matmul_unpack_bytes_per_cycle = p[2];
        k.matmul_subblock_cycles = p[3];
        k.dram_interleaved_efficiency = p[4].min(1.0);
        Model::new(&d, ModelOptions::default())
    };
    let score = |p: &[f64; 5]| {
        let m = with(p);
        let mapes: Vec<f64> = tables.iter().map(|t| t.evaluate(&m).mape).collect();
        mapes.iter().sum::<f64>() + mapes.iter().copied().fold(0.0, f64::max)
    };
    let k = &base.calibration;
    let mut p = [
        k.op_launch_ns,
        k.block_sync_cycles,
        k.matmul_unpack_bytes_per_cycle,
        k.matmul_subblock_cycles,
        k.dram_interleaved_efficiency,
    ];
    let start = score(&p);
    let mut best = start;
    let mut step = 0.2;
    while step > 0.002 {
        let mut improved = false;
        for i in 0..p.len() {
            for dir in [1.0 + step, 1.0 / (1.0 + step)] {
                let mut q = p;
                q[i] = (q[i] * dir).max(0.5);
                let s = score(&q);
                if s < best {
                    best = s;
                    p = q;
                    improved = true;
                }
            }
        }
        if !improved {
            step /= 2.0;
        }
    }
    eprintln!(
        "score {best:.4}: op_launch_ns {:.0}, block_sync_cycles {:.0}, matmul_unpack_bytes_per_cycle {:.1}, matmul_subblock_cycles {:.0}, dram_interleaved_efficiency {:.3}",
        p[0], p[1], p[2], p[3], p[4]
    );
    let m = with(&p);
    for t in &tables {
        let r = t.evaluate(&m);
        eprintln!(
            "  {}: mape {:.3} median {:.3} r2 {:.3}",
            r.name, r.mape, r.median_rel_err, r.r2
        );
    }
    // The descriptor holds the fit: searching from it gains (almost) nothing.
    assert!(
        best >= 0.99 * start,
        "the calibration in the descriptor is not converged: score {start:.4} -> {best:.4}"
    );
    // exp: cycles per tile and core from the older sweep (64 cores), by least squares of the
    // duration against the tiles of the busiest core.
    let Ok(text) = std::fs::read_to_string(dir.join("op-runtime/big_exp_dataset.csv")) else {
        return;
    };
    let mut configs: std::collections::BTreeMap<String, (u64, Vec<f64>)> = Default::default();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        let dims: Vec<u64> = cells[..4]
            .iter()
            .filter_map(|c| c.parse().ok())
            .filter(|&d| d > 0)
            .collect();
        let t = TensorDesc::dram(&dims, crate::device::DType::BF16);
        let per_core = t.tiles([32, 32]).div_ceil(64);
        let e = configs
            .entry(cells[..8].join(","))
            .or_insert((per_core, Vec::new()));
        e.1.push(cells[8].parse().unwrap_or(f64::NAN));
    }
    let points: Vec<(f64, f64)> = configs
        .values()
        .filter(|(_, v)| {
            v.iter().copied().fold(0.0, f64::max)
                <= 1.25 * v.iter().copied().fold(f64::INFINITY, f64::min)
        })
        .map(|(k, v)| (*k as f64, v[v.len() / 2]))
        .collect();
    let n = points.len() as f64;
    let (mx, my) = (
        points.iter().map(|p| p.0).sum::<f64>() / n,
        points.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let slope = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>()
        / points.iter().map(|p| (p.0 - mx).powi(2)).sum::<f64>();
    let k = &base.compute;
    let cycles = slope * base.chip.clock_hz / 1e9;
    let instructions =
        (cycles - k.eltwise_cycles_per_tile as f64) / k.sfpu_cycles_per_instruction_tile as f64;
    eprintln!(
        "exp (big_exp_dataset.csv, {} configurations): {cycles:.0} cycles per tile and core = {instructions:.2} SFPU instructions after the copy into Dst",
        points.len(),
    );
    // The exp row of the op registry holds this derivation.
    assert!(
        (instructions - super::ops::EXP_INSTRUCTIONS).abs() < 0.05,
        "exp: {instructions:.2} instructions derived, {} in ops.rs",
        super::ops::EXP_INSTRUCTIONS
    );
}

#[test]
fn ops_without_tensors_or_attributes_cost_nothing_or_little() {
    use TtnnOp::*;
    let m = n150();
    let t = TensorDesc::dram(&[64, 64], DType::BF16);
    let one = OpShape::new(vec![t.clone()], vec![t.clone()]);
    for kind in [
        Add,
        Matmul,
        Linear,
        Conv2d,
        MaxPool2d,
        Softmax,
        LayerNorm,
        Embedding,
        Permute,
        Reshape,
        ToLayout,
        ConvertLayout,
        ScaledDotProductAttention,
        Argmax,
        Full,
        Constant,
        Exp,
        Where,
    ] {
        for shape in [OpShape::default(), one.clone()] {
            let c = m.op_cost(kind, &shape);
            assert!(
                c.device_ns.is_finite() && c.device_ns >= 0.0,
                "{kind:?}: {c:?}"
            );
            assert!(c.host_ns.is_finite() && c.host_ns >= 0.0, "{kind:?}: {c:?}");
        }
    }
    assert_eq!(m.op_cost(GetDevice, &one).kind, CostKind::Free);
    assert_eq!(m.op_cost(LoadCached, &one).kind, CostKind::Call);
}
