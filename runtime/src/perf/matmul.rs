//! Matrix products at the granularity of tile blocks per core: matmul and linear, and the ops
//! built on them (convolution, scaled dot-product attention).
//!
//! The program configuration follows what the TTNN library picks for the operands' layouts: a
//! block-sharded first operand runs the 2-D multicast program on its shard grid; height- and
//! width-sharded ones the 1-D programs; interleaved operands go through the library's automatic
//! choice (per-core blocks of up to 16x16 tiles decide between the 1-D and the 2-D multicast
//! program; a batched second operand runs one batch per core). Block sizes (`in0_block_w`, output
//! blocks, sub-blocks) are the largest whose circular buffers fit in a core's usable L1.
//!
//! Per core, each K block costs the larger of its compute (sub-blocks of tile products, each
//! product limited by the matrix engine at the op's fidelity or by the unpackers feeding it) and
//! its reads (the sender's DRAM or L1 reads plus the multicast and its hand-shake). The first
//! block's reads and the last output block's writes are not hidden. DRAM traffic is shared by
//! the chip.

use super::cost::{Bound, CoreSplit, CostKind, OpCost, StageNs, Stages, Stream, classify};
use super::hw::Hw;
use super::shape::{BufferKind, MathFidelity, MemoryLayout, OpShape, TensorDesc};

/// Where an operand is read from.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Source {
    /// Interleaved in DRAM.
    Dram,
    /// Interleaved in L1 (other cores' banks).
    L1,
    /// In this core's own L1 (a shard).
    Local,
}

impl Source {
    fn of(t: &TensorDesc) -> Source {
        match (t.buffer, t.memory_layout) {
            (BufferKind::L1, MemoryLayout::Interleaved) => Source::L1,
            (BufferKind::L1, _) => Source::Local,
            _ => Source::Dram,
        }
    }
}

/// The program the library runs.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Program {
    /// 2-D grid: the first operand multicast along rows, the second along columns.
    Mcast2d,
    /// 1-D grid, the first operand multicast to all cores (wide outputs).
    Mcast1dIn0,
    /// 1-D grid, the second operand multicast to all cores (tall outputs).
    Mcast1dIn1,
    /// One batch of a batched product per core, nothing shared.
    Batched,
}

/// A program configuration.
#[derive(Clone, Copy, Debug)]
struct Config {
    program: Program,
    /// Per-core output block in tiles.
    mp: u64,
    np: u64,
    /// K tiles per block.
    kb: u64,
    /// Output block processed at a time.
    obh: u64,
    obw: u64,
    /// Sub-block (tiles held in Dst at once).
    sh: u64,
    sw: u64,
    /// Cores with work.
    cores: u32,
    /// Work units per core (batches for [`Program::Batched`], else 1).
    units: u64,
    heavy: u32,
}

impl Config {
    /// A configuration with `blocks` = (K block, output block rows, columns) and sub-block
    /// `sub`, run by `cores` cores one unit each.
    fn new(
        program: Program,
        mp: u64,
        np: u64,
        blocks: (u64, u64, u64),
        sub: (u64, u64),
        cores: u32,
    ) -> Config {
        let (kb, obh, obw) = blocks;
        Config {
            program,
            mp,
            np,
            kb,
            obh,
            obw,
            sh: sub.0,
            sw: sub.1,
            cores,
            units: 1,
            heavy: cores,
        }
    }
}

/// A matrix product `[batch, M, K] x [K, N]` in tiles.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Gemm {
    pub batch: u64,
    pub b_batched: bool,
    pub mt: u64,
    pub kt: u64,
    pub nt: u64,
    pub rows: u64,
    pub cols: u64,
    pub depth: u64,
    pub tb0: f64,
    pub tb1: f64,
    pub tbo: f64,
    pub fp32: bool,
    pub fidelity: MathFidelity,
    pub bias: bool,
}

impl Gemm {
    /// The product of `a` and `b` written to `out`.
    pub fn new(hw: &Hw, shape: &OpShape, fidelity: MathFidelity, bias: bool) -> Option<Gemm> {
        let a = shape.inputs.first()?;
        let b = shape.inputs.get(1)?;
        let out = shape.output_or_input(0)?;
        let (m, k) = if shape.attrs.transpose_a {
            (a.width(), a.height())
        } else {
            (a.height(), a.width())
        };
        let n = if shape.attrs.transpose_b {
            b.height()
        } else {
            b.width()
        };
        let [th, tw] = hw.tile;
        let fp32 = [a, b, out]
            .iter()
            .any(|t| t.dtype == crate::device::DType::F32);
        Some(Gemm {
            batch: a.batch().max(1),
            b_batched: b.batch() > 1,
            mt: m.div_ceil(th).max(1),
            kt: k.div_ceil(tw).max(1),
            nt: n.div_ceil(tw).max(1),
            rows: m,
            cols: n,
            depth: k,
            tb0: hw.tile_bytes(a.dtype),
            tb1: hw.tile_bytes(b.dtype),
            tbo: hw.tile_bytes(out.dtype),
            fp32,
            fidelity,
            bias,
        })
    }

    fn flops(&self) -> f64 {
        2.0 * self.batch as f64 * self.rows as f64 * self.depth as f64 * self.cols as f64
    }
}

/// Sub-block shapes in the library's order of preference: largest area first, squarer first,
/// taller first.
fn subblock(hw: &Hw, h: u64, w: u64, fp32: bool, one_row: bool) -> (u64, u64) {
    let cap = hw.dst_tiles[usize::from(fp32)].max(1) as u64;
    for area in (1..=cap).rev() {
        let mut shapes: Vec<(u64, u64)> = (1..=area)
            .filter(|d| area.is_multiple_of(*d))
            .map(|d| (area / d, d))
            .collect();
        shapes.sort_by_key(|&(a, b)| (a.abs_diff(b), std::cmp::Reverse(a)));
        for (sh, sw) in shapes {
            if one_row && sh != 1 {
                continue;
            }
            if h.is_multiple_of(sh) && w.is_multiple_of(sw) {
                return (sh, sw);
            }
        }
    }
    (1, 1)
}

/// Blocks whose circular buffers fit in L1 next to `resident` bytes: the widest K block
/// (`kfull` divided as little as possible) and the largest output block (`mp x np` split
/// evenly). With `fixed_k`, only `kfull` itself is tried.
fn fit_blocks(
    hw: &Hw,
    g: &Gemm,
    mp: u64,
    np: u64,
    kfull: u64,
    resident: f64,
    fixed_k: bool,
) -> (u64, u64, u64) {
    let kfull = kfull.max(1);
    for div in (1..=kfull).filter(|d| kfull.is_multiple_of(*d)) {
        let kb = kfull / div;
        for parts in [1, 2, 4, 8, 16] {
            let obh = if mp.is_multiple_of(parts) {
                mp / parts
            } else {
                mp
            };
            let obw = if np.is_multiple_of(parts) {
                np / parts
            } else {
                np
            };
            let bytes = 2.0 * (obh * kb) as f64 * g.tb0
                + 2.0 * (kb * obw) as f64 * g.tb1
                + (obh * obw) as f64 * g.tbo
                + resident;
            if bytes <= hw.l1_usable {
                return (kb, obh, obw);
            }
        }
        if fixed_k {
            break;
        }
    }
    (1, 1, 1)
}

/// The configuration the library runs for `g` with operands `a`, output `out` on `grid`.
fn configure(hw: &Hw, g: &Gemm, a: &TensorDesc, out: &TensorDesc, grid: [u32; 2]) -> Config {
    let (gy, gx) = (grid[0].max(1) as u64, grid[1].max(1) as u64);
    let cores = gy * gx;
    let out_sharded = out.is_sharded();
    let one_d = |program: Program, mp: u64, np: u64, kfull: u64, resident: f64, fixed_k: bool| {
        let blocks = fit_blocks(hw, g, mp, np, kfull, resident, fixed_k);
        let sub = subblock(hw, blocks.1, blocks.2, g.fp32, false);
        let used = match program {
            Program::Mcast1dIn0 => g.nt.div_ceil(np),
            _ => (g.mt * if g.b_batched { 1 } else { g.batch }).div_ceil(mp),
        };
        Config::new(program, mp, np, blocks, sub, used.clamp(1, cores) as u32)
    };
    let mt_all = g.mt * if g.b_batched { 1 } else { g.batch };
    if g.b_batched {
        let (used, heavy, per, _) = super::cost::split_work(g.batch, cores as u32);
        let blocks = fit_blocks(hw, g, g.mt, g.nt, 1, 0.0, true);
        let sub = subblock(hw, blocks.1, blocks.2, g.fp32, false);
        return Config {
            units: per,
            heavy,
            ..Config::new(Program::Batched, g.mt, g.nt, blocks, sub, used)
        };
    }
    match (a.buffer, a.memory_layout) {
        (BufferKind::L1, MemoryLayout::BlockSharded) => {
            let [sy, sx] = a.grid.unwrap_or(grid);
            let (sy, sx) = (sy.max(1) as u64, sx.max(1) as u64);
            let mp = mt_all.div_ceil(sy);
            let np = g.nt.div_ceil(sx);
            let kshard = g.kt.div_ceil(sx);
            let resident = (mp * kshard) as f64 * g.tb0
                + if out_sharded {
                    (mp * np) as f64 * g.tbo
                } else {
                    0.0
                };
            let blocks = fit_blocks(hw, g, mp, np, kshard, resident, false);
            let sub = subblock(hw, blocks.1, blocks.2, g.fp32, out_sharded);
            let used = (mt_all.div_ceil(mp) * g.nt.div_ceil(np)) as u32;
            Config::new(Program::Mcast2d, mp, np, blocks, sub, used)
        }
        (BufferKind::L1, MemoryLayout::HeightSharded) => {
            let mp = mt_all.div_ceil(cores);
            let resident = (mp * g.kt) as f64 * g.tb0;
            one_d(Program::Mcast1dIn1, mp, g.nt, g.kt, resident, false)
        }
        (BufferKind::L1, MemoryLayout::WidthSharded) => one_d(
            Program::Mcast1dIn0,
            mt_all,
            g.nt.div_ceil(cores),
            g.kt.div_ceil(cores),
            0.0,
            false,
        ),
        _ => auto_config(hw, g, mt_all, gy, gx, out, &one_d),
    }
}

/// The library's automatic choice for interleaved operands.
fn auto_config(
    hw: &Hw,
    g: &Gemm,
    mt_all: u64,
    gy: u64,
    gx: u64,
    out: &TensorDesc,
    one_d: &dyn Fn(Program, u64, u64, u64, f64, bool) -> Config,
) -> Config {
    let cores = gy * gx;
    // Largest square per-core block of at most 16 tiles whose buffers fit with K blocks of 2.
    let factor = [16u64, 8, 4, 2]
        .into_iter()
        .find(|&f| {
            let bytes = 4.0 * f as f64 * (g.tb0 + g.tb1) + (f * f) as f64 * g.tbo;
            bytes <= hw.l1_usable
        })
        .unwrap_or(1);
    let blocks_y = mt_all.div_ceil(factor);
    let blocks_x = g.nt.div_ceil(factor);
    let [th, tw] = hw.tile;
    let (height, width) = (g.mt * th, g.nt * tw);
    let ratio = height.max(width) / height.min(width).max(1);
    let all_dram = out.buffer == BufferKind::Dram;
    let narrow = ratio > 8 || (all_dram && (height <= th || width <= tw));
    let wide = narrow && width > height;
    let tall = narrow && !wide;
    let range = if (blocks_y == 1 && blocks_x == 1) || blocks_y > gy || blocks_x > gx {
        (0, 0)
    } else {
        (blocks_x, blocks_y)
    };
    let kb2 = if g.kt.is_multiple_of(2) { 2 } else { 1 };
    if range.1 == 1 || wide {
        return one_d(
            Program::Mcast1dIn0,
            mt_all,
            g.nt.div_ceil(cores),
            kb2,
            0.0,
            true,
        );
    }
    if range.0 == 1 || tall {
        return one_d(
            Program::Mcast1dIn1,
            mt_all.div_ceil(cores),
            g.nt,
            kb2,
            0.0,
            true,
        );
    }
    let mp = mt_all.div_ceil(gy);
    let np = g.nt.div_ceil(gx);
    let kfull = if g.kt.is_multiple_of(gx) {
        g.kt / gx
    } else {
        1
    };
    let blocks = fit_blocks(hw, g, mp, np, kfull, 0.0, false);
    let sub = subblock(hw, blocks.1, blocks.2, g.fp32, false);
    let used = (mt_all.div_ceil(mp) * g.nt.div_ceil(np)) as u32;
    Config::new(Program::Mcast2d, mp, np, blocks, sub, used)
}

/// Cycles for one core to read `tiles` tiles of `bytes` each from `src`.
fn read_cycles(hw: &Hw, tiles: u64, bytes: f64, src: Source) -> f64 {
    match src {
        Source::Dram => hw.noc_cycles(tiles as f64, tiles as f64 * bytes, hw.dram_read_bpc),
        Source::L1 => hw.noc_cycles(tiles as f64, tiles as f64 * bytes, hw.l1_read_bpc),
        Source::Local => 0.0,
    }
}

/// The cost of a matrix product (`ttnn.matmul`, `ttnn.linear`).
pub(crate) fn matmul_cost(hw: &Hw, shape: &OpShape, grid: [u32; 2], bias: bool) -> Option<OpCost> {
    let fidelity = shape.attrs.math_fidelity.unwrap_or(MathFidelity::HiFi4);
    let g = Gemm::new(hw, shape, fidelity, bias)?;
    let a = &shape.inputs[0];
    let b = &shape.inputs[1];
    let out = shape.output_or_input(0)?;
    Some(gemm_cost(hw, &g, a, Source::of(a), b, out, grid, ""))
}

/// The cost of `g` with first operand `a` read from `src_a`.
#[allow(clippy::too_many_arguments)]
fn gemm_cost(
    hw: &Hw,
    g: &Gemm,
    a: &TensorDesc,
    src_a: Source,
    b: &TensorDesc,
    out: &TensorDesc,
    grid: [u32; 2],
    what: &str,
) -> OpCost {
    let c = configure(hw, g, a, out, grid);
    let src_b = Source::of(b);
    let out_dram = out.buffer == BufferKind::Dram;
    let unpack = g.tb0.max(g.tb1) / hw.matmul_unpack_bpc;
    let math = hw.matmul_cycles(g.fidelity);
    let per_product = math.max(unpack);
    let nk = g.kt.div_ceil(c.kb);
    let nbh = c.mp.div_ceil(c.obh);
    let nbw = c.np.div_ceil(c.obw);
    let nob = nbh * nbw;
    let subblocks = c.obh.div_ceil(c.sh) * c.obw.div_ceil(c.sw);
    let products = (c.sh * c.sw * c.kb) as f64;
    let compute = subblocks as f64 * (products * per_product + hw.subblock_cycles);
    let mcast = |tiles: u64, bytes: f64| tiles as f64 * bytes / hw.mcast_bpc;
    let (in0_tiles, in1_tiles) = (c.obh * c.kb, c.kb * c.obw);
    let (r0, r1, sync) = match c.program {
        Program::Mcast2d => (
            read_cycles(hw, in0_tiles, g.tb0, src_a) + mcast(in0_tiles, g.tb0),
            read_cycles(hw, in1_tiles, g.tb1, src_b) + mcast(in1_tiles, g.tb1),
            hw.block_sync_cycles,
        ),
        Program::Mcast1dIn0 => (
            read_cycles(hw, in0_tiles, g.tb0, src_a) + mcast(in0_tiles, g.tb0),
            read_cycles(hw, in1_tiles, g.tb1, src_b),
            hw.block_sync_cycles,
        ),
        Program::Mcast1dIn1 => (
            read_cycles(hw, in0_tiles, g.tb0, src_a),
            read_cycles(hw, in1_tiles, g.tb1, src_b) + mcast(in1_tiles, g.tb1),
            hw.block_sync_cycles,
        ),
        Program::Batched => (
            read_cycles(hw, in0_tiles, g.tb0, src_a),
            read_cycles(hw, in1_tiles, g.tb1, src_b),
            0.0,
        ),
    };
    let read = r0.max(r1) + sync;
    let block = compute.max(read);
    let out_tiles = c.obh * c.obw;
    let write = match out.buffer {
        BufferKind::L1 if out.is_sharded() => 0.0,
        BufferKind::L1 => {
            hw.noc_cycles(out_tiles as f64, out_tiles as f64 * g.tbo, hw.l1_write_bpc)
        }
        _ => hw.noc_cycles(
            out_tiles as f64,
            out_tiles as f64 * g.tbo,
            hw.dram_write_bpc,
        ),
    };
    let bias = if g.bias {
        (out_tiles as f64) * hw.eltwise_cycles
    } else {
        0.0
    };
    let per_unit = nob as f64 * ((nk as f64 * block).max(write) + bias) + read + write;
    let core_cycles = per_unit * c.units as f64 + hw.read_latency + hw.write_latency;
    // DRAM traffic: every output block row re-reads the second operand, every block column the
    // first; the output is written once.
    let mut dram = 0.0;
    let mut pages = 0.0;
    let batches = if g.b_batched { g.batch as f64 } else { 1.0 };
    let m_tiles = (g.mt * if g.b_batched { 1 } else { g.batch }) as f64;
    if src_a == Source::Dram {
        let tiles = m_tiles
            * g.kt as f64
            * if c.program == Program::Batched {
                1.0
            } else {
                nbw as f64
            }
            * batches;
        dram += tiles * g.tb0;
        pages += tiles;
    }
    if src_b == Source::Dram {
        let reread = if c.program == Program::Batched {
            1.0
        } else {
            nbh as f64
        };
        let tiles = g.kt as f64 * g.nt as f64 * reread * batches;
        dram += tiles * g.tb1;
        pages += tiles;
    }
    if out_dram {
        let tiles = m_tiles * g.nt as f64 * batches;
        dram += tiles * g.tbo;
        pages += tiles;
    }
    let dram_ns = hw.dram_ns(dram, pages);
    let core_ns = hw.ns(core_cycles);
    let kernel_ns = core_ns.max(dram_ns);
    let blocks = (nob * nk) as f64 * c.units as f64;
    let stages = StageNs {
        reader: hw.ns(blocks * read),
        unpack: hw.ns(blocks * subblocks as f64 * products * unpack),
        math: hw.ns(blocks * subblocks as f64 * products * math),
        pack: hw.ns(blocks * out_tiles as f64 * g.tbo / hw.pack_bpc),
        writer: hw.ns(nob as f64 * write * c.units as f64),
    };
    let mut bound = classify(hw.launch_ns, kernel_ns, dram_ns, &stages);
    if bound == Bound::Noc || bound == Bound::Compute {
        bound = if read > compute {
            Bound::Noc
        } else {
            Bound::Compute
        };
    }
    let light_ns = if c.program == Program::Batched && c.heavy < c.cores {
        hw.ns(per_unit * c.units.saturating_sub(1) as f64)
    } else {
        core_ns
    };
    let program = match c.program {
        Program::Mcast2d => "2d multicast",
        Program::Mcast1dIn0 => "1d multicast in0",
        Program::Mcast1dIn1 => "1d multicast in1",
        Program::Batched => "batched",
    };
    OpCost {
        kind: CostKind::Program,
        device_ns: hw.launch_ns + kernel_ns,
        host_ns: 0.0,
        bound,
        cores_used: c.cores,
        stages,
        split: CoreSplit {
            cores: c.cores,
            heavy: c.heavy,
            heavy_ns: kernel_ns,
            light_ns,
        },
        dram_bytes: dram,
        pcie_bytes: 0.0,
        flops: g.flops(),
        detail: format!(
            "{what}{program}, per core {}x{} tiles, in0_block_w {}, out block {}x{}, sub-block {}x{}",
            c.mp, c.np, c.kb, c.obh, c.obw, c.sh, c.sw
        ),
    }
}

/// `ttnn.conv2d`: the input is brought into L1 (with the halo of neighbouring rows), then an
/// implicit matrix product `[N·OH·OW, C_in·KH·KW / groups] x [.., C_out]` reads its first operand
/// from L1.
pub(crate) fn conv2d_cost(hw: &Hw, shape: &OpShape, grid: [u32; 2]) -> Option<OpCost> {
    let w = shape.attrs.window.as_ref()?;
    let input = shape.inputs.first()?;
    let out = shape.output_or_input(0)?;
    let [oh, ow] = w.output_hw();
    let m = w.batch * oh * ow;
    let k = w.in_channels / w.groups.max(1) * w.kernel[0] * w.kernel[1];
    let n = w.out_channels;
    let act = TensorDesc {
        shape: vec![m, k],
        ..input.clone()
    }
    .in_l1();
    let weight_dtype = shape.inputs.get(1).map_or(input.dtype, |t| t.dtype);
    let weights = TensorDesc::dram(&[k, n], weight_dtype);
    let result = TensorDesc {
        shape: vec![m, n],
        ..out.clone()
    };
    let product = OpShape::new(vec![act.clone(), weights.clone()], vec![result.clone()]);
    let fidelity = shape.attrs.math_fidelity.unwrap_or(MathFidelity::HiFi4);
    let g = Gemm::new(hw, &product, fidelity, shape.inputs.len() > 3)?;
    let matmul = gemm_cost(
        hw,
        &g,
        &act,
        Source::L1,
        &weights,
        &result,
        grid,
        "implicit gemm, ",
    );
    // Bringing the input into L1 shards: every core reads its rows once, plus the halo.
    let cores = Hw::cores_of(grid);
    let in_bytes = input.volume() as f64 * hw.elem_bytes(input.dtype);
    let halo =
        1.0 + (w.kernel[0].saturating_sub(1)) as f64 / (oh.max(1) as f64 / cores as f64).max(1.0);
    let pages = input.rows() as f64;
    let shard = Stream {
        units: 1,
        cores: 1,
        stages: Stages {
            reader: hw.noc_cycles(
                pages / cores as f64,
                in_bytes * halo / cores as f64,
                hw.dram_read_bpc,
            ),
            ..Stages::default()
        },
        dram_bytes: in_bytes,
        dram_pages: pages,
        extra_cycles: 0.0,
        flops: 0.0,
        detail: "input to L1 shards".to_owned(),
    }
    .cost(hw);
    let mut cost = shard.then(matmul);
    cost.device_ns -= hw.launch_ns;
    cost.cores_used = cores.min(cost.cores_used.max(1));
    // Weights and bias still on the host are prepared and uploaded by the op at every call.
    let host_bytes: f64 = shape.inputs[1..]
        .iter()
        .filter(|t| !t.on_device())
        .map(|t| t.volume() as f64 * hw.elem_bytes(t.dtype))
        .sum();
    if host_bytes > 0.0 {
        cost.device_ns += hw.h2d_latency_ns + host_bytes / hw.h2d_bpns;
        cost.host_ns += host_bytes / hw.host_convert_bpns;
        cost.pcie_bytes += host_bytes;
        cost.detail.push_str(" + weights from the host");
    }
    Some(cost)
}

/// `ttnn.scaled_dot_product_attention` as a flash-attention program: one unit of work per
/// (batch, head, chunk of query rows); for each chunk of keys, `Q·Kᵀ`, scale and mask, a running
/// max, `exp`, a running sum, and `P·V`.
pub(crate) fn attention_cost(
    hw: &Hw,
    shape: &OpShape,
    grid: [u32; 2],
    exp_instructions: f64,
) -> Option<OpCost> {
    let q = shape.inputs.first()?;
    let k = shape.inputs.get(1)?;
    let v = shape.inputs.get(2).unwrap_or(k);
    let mask = shape.inputs.get(3);
    let [th, tw] = hw.tile;
    let heads = q.batch().max(1);
    let sq = q.height().div_ceil(th).max(1);
    let sk = k.height().div_ceil(th).max(1);
    let d = q.width().div_ceil(tw).max(1);
    let fidelity = shape.attrs.math_fidelity.unwrap_or(MathFidelity::HiFi4);
    let tb = hw.tile_bytes(q.dtype);
    let kv_bytes = hw.tile_bytes(k.dtype) + hw.tile_bytes(v.dtype);
    let per_product = hw.matmul_cycles(fidelity).max(tb / hw.matmul_unpack_bpc);
    // Assumed chunks of one tile row of queries and keys.
    let (qc, kc) = (1u64, 1u64);
    let k_chunks = sk.div_ceil(kc);
    let units = heads * sq.div_ceil(qc);
    let products = (qc * kc * d * 2) as f64 * k_chunks as f64;
    let scores = (qc * kc) as f64 * k_chunks as f64;
    let phases = hw.phases(fidelity);
    let elementwise = scores * hw.eltwise_cycles * (2.0 * phases + 3.0 + phases)
        + scores * exp_instructions * hw.sfpu_cycles
        + (qc * d) as f64 * k_chunks as f64 * hw.eltwise_cycles * phases;
    let mask_tiles = if mask.is_some() { scores } else { 0.0 };
    let read_tiles = (qc * d) as f64 + (2 * kc * d) as f64 * k_chunks as f64 + mask_tiles;
    let read_bytes =
        (qc * d) as f64 * tb + (kc * d) as f64 * k_chunks as f64 * kv_bytes + mask_tiles * tb;
    let reader = hw.noc_cycles(read_tiles, read_bytes, hw.dram_read_bpc);
    let out_tiles = (qc * d) as f64;
    let stages = Stages {
        reader,
        unpack: (products + scores * 4.0) * tb / hw.unpack_bpc,
        math: products * per_product + elementwise,
        pack: (scores * 3.0 + out_tiles) * tb / hw.pack_bpc,
        writer: hw.noc_cycles(out_tiles, out_tiles * tb, hw.dram_write_bpc),
    };
    let dram_tiles = units as f64 * (read_tiles + out_tiles);
    let dram_bytes = units as f64 * (read_bytes + out_tiles * tb);
    let flops = 4.0 * heads as f64 * q.height() as f64 * k.height() as f64 * q.width() as f64;
    Some(
        Stream {
            units,
            cores: Hw::cores_of(grid),
            stages,
            dram_bytes,
            dram_pages: dram_tiles,
            extra_cycles: 0.0,
            flops,
            detail: format!("flash attention, {units} query chunks of {qc} tile rows"),
        }
        .cost(hw),
    )
}
