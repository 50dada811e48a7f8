//! The cost model of every ttnn op: [`family`] is the registry row (one exhaustive `match` over
//! [`TtnnOp`], grouped by family, with the per-op parameters), and [`cost`] prices an op of a
//! family.
//!
//! SFPU ops are counted in SFPU instructions per row vector of 32 elements (load and store
//! included); one instruction over a tile takes the descriptor's
//! `sfpu_cycles_per_instruction_tile`. Only `exp` is measured (see its row); the other counts are
//! estimates from the structure of the library's kernels (a polynomial of degree n costs about
//! 2n instructions, a Newton step about 4, a reciprocal about 18), relative to it.

use super::cost::{CostKind, OpCost, Stages, Stream};
use super::hw::Hw;
use super::shape::{BufferKind, MathFidelity, OpShape, PageLayout, TensorDesc};
use super::{matmul, movement};
use crate::device::TtnnOp;

/// SFPU instructions per row vector of `exp`: 1,824 cycles per tile and core on large inputs in
/// `op-runtime/big_exp_dataset.csv` (64-core grid, bf16 and bfp8, DRAM and L1 alike), minus the
/// copy into Dst, over 32 cycles per instruction.
pub(crate) const EXP_INSTRUCTIONS: f64 = 56.75;

/// A binary elementwise op.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Binary {
    /// FPU add or subtract: one pass.
    Add,
    /// FPU multiply: one pass per fidelity phase.
    Multiply,
    /// Both operands copied into Dst, then SFPU instructions.
    Sfpu(f64),
    /// FPU subtract, then SFPU instructions on the difference (comparisons).
    Compare(f64),
}

/// A reduction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Reduce {
    /// FPU reduce with fidelity phases (sum, mean).
    Sum,
    /// FPU reduce without phases (max, min).
    Max,
    /// SFPU multiply-accumulate per tile.
    Prod,
    /// Scalar loop on the data-movement cores over row-major elements.
    Argmax,
    /// Running sum along a dimension (transposes around an FPU add).
    Cumsum,
}

/// A normalisation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Norm {
    Softmax,
    Layer,
    Rms,
    Batch,
}

/// A data-movement op.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Move {
    Reshape,
    Transpose,
    Permute,
    Repeat,
    Slice,
    Pad,
    Concat,
    Embedding,
    Gather,
}

/// A change of a tensor's layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Relayout {
    /// Tile ↔ row-major pages (and data type).
    Pages,
    /// Data type.
    Typecast,
    /// Buffer or memory layout.
    MemoryConfig,
    /// Any combination, host ↔ device included.
    Convert,
}

/// A tensor created on the device.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Create {
    /// Values from the host (copied over PCIe).
    Constant,
    /// Written by the data-movement cores, with this many SFPU instructions per row vector.
    Fill(f64),
}

/// How an op is modelled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Family {
    /// No time at all.
    Free,
    /// Host bookkeeping only.
    HostOnly,
    /// Calls a const-eval function.
    Call,
    ToDevice,
    FromDevice,
    Relayout(Relayout),
    /// SFPU unary: instructions per row vector.
    Unary(f64),
    Binary(Binary),
    /// Three operands into Dst, then SFPU instructions.
    Ternary(f64),
    Reduce(Reduce),
    Norm(Norm),
    Matmul {
        bias: bool,
    },
    Attention,
    Conv2d,
    Pool {
        average: bool,
    },
    GlobalPool,
    Move(Move),
    Create(Create),
}

/// The model of each op: its family and parameters.
pub(crate) fn family(op: TtnnOp) -> Family {
    use Family::{Binary as B, Unary as U};
    use TtnnOp::*;
    match op {
        // Host and runtime bookkeeping.
        GetDevice => Family::Free,
        Deallocate => Family::HostOnly,
        LoadCached => Family::Call,
        ToDevice => Family::ToDevice,
        FromDevice => Family::FromDevice,
        ToLayout => Family::Relayout(Relayout::Pages),
        Typecast => Family::Relayout(Relayout::Typecast),
        ToMemoryConfig => Family::Relayout(Relayout::MemoryConfig),
        ConvertLayout => Family::Relayout(Relayout::Convert),
        // SFPU unary ops.
        Abs | Neg | Relu | BitwiseNot => U(3.0),
        LogicalNot | LeakyRelu | Clamp => U(5.0),
        Sign | Isfinite | Isnan => U(5.0),
        Trunc => U(8.0),
        Floor | Ceil => U(10.0),
        Round => U(12.0),
        Exp => U(EXP_INSTRUCTIONS),
        Expm1 => U(EXP_INSTRUCTIONS + 2.0),
        Elu => U(EXP_INSTRUCTIONS + 4.0),
        Sinh | Cosh => U(2.0 * EXP_INSTRUCTIONS),
        Log => U(30.0),
        Log1p => U(34.0),
        Sqrt => U(16.0),
        Rsqrt => U(20.0),
        Reciprocal => U(18.0),
        Sigmoid | Tanh => U(30.0),
        Silu => U(34.0),
        Gelu => U(40.0),
        Erf | Erfc => U(35.0),
        Sin | Cos => U(30.0),
        Tan => U(45.0),
        Asin | Acos => U(40.0),
        Atan => U(35.0),
        Asinh | Acosh | Atanh => U(50.0),
        // Binary ops.
        Add | Subtract => B(Binary::Add),
        Multiply => B(Binary::Multiply),
        Divide => B(Binary::Sfpu(24.0)),
        Pow => B(Binary::Sfpu(90.0)),
        Maximum | Minimum => B(Binary::Sfpu(6.0)),
        Remainder => B(Binary::Sfpu(25.0)),
        Atan2 => B(Binary::Sfpu(45.0)),
        BitwiseAnd | BitwiseOr | BitwiseXor => B(Binary::Sfpu(4.0)),
        LogicalAnd | LogicalOr | LogicalXor => B(Binary::Sfpu(6.0)),
        Eq | Ne | Gt | Ge | Lt | Le => B(Binary::Compare(4.0)),
        Where => Family::Ternary(6.0),
        // Reductions and normalisations.
        Sum | Mean => Family::Reduce(Reduce::Sum),
        Max | Min => Family::Reduce(Reduce::Max),
        Prod => Family::Reduce(Reduce::Prod),
        Argmax => Family::Reduce(Reduce::Argmax),
        Cumsum => Family::Reduce(Reduce::Cumsum),
        Softmax => Family::Norm(Norm::Softmax),
        LayerNorm => Family::Norm(Norm::Layer),
        RmsNorm => Family::Norm(Norm::Rms),
        BatchNorm => Family::Norm(Norm::Batch),
        // Matrix products.
        Matmul => Family::Matmul { bias: false },
        Linear => Family::Matmul { bias: true },
        ScaledDotProductAttention => Family::Attention,
        Conv2d => Family::Conv2d,
        MaxPool2d | MaxPool2dWithIndices => Family::Pool { average: false },
        AvgPool2d => Family::Pool { average: true },
        GlobalAvgPool2d => Family::GlobalPool,
        // Data movement.
        Reshape => Family::Move(Move::Reshape),
        Transpose => Family::Move(Move::Transpose),
        Permute => Family::Move(Move::Permute),
        Repeat => Family::Move(Move::Repeat),
        Slice => Family::Move(Move::Slice),
        Pad => Family::Move(Move::Pad),
        Concat => Family::Move(Move::Concat),
        Embedding => Family::Move(Move::Embedding),
        Gather => Family::Move(Move::Gather),
        // Creation.
        Constant => Family::Create(Create::Constant),
        Full => Family::Create(Create::Fill(0.0)),
        Arange => Family::Create(Create::Fill(4.0)),
        Rand => Family::Create(Create::Fill(20.0)),
    }
}

/// The traffic of one tensor: pages and bytes, and where they are.
#[derive(Clone, Copy, Debug)]
pub(super) struct Flow {
    pub(super) pages: f64,
    pub(super) bytes: f64,
    pub(super) buffer: BufferKind,
    pub(super) sharded: bool,
}

pub(super) fn flow(hw: &Hw, t: &TensorDesc) -> Flow {
    let (pages, bytes) = match t.page {
        PageLayout::Tile => {
            let tiles = t.tiles(hw.tile) as f64;
            (tiles, tiles * hw.tile_bytes(t.dtype))
        }
        PageLayout::RowMajor => (t.rows() as f64, t.volume() as f64 * hw.elem_bytes(t.dtype)),
    };
    Flow {
        pages,
        bytes,
        buffer: t.buffer,
        sharded: t.is_sharded(),
    }
}

/// Tile-sized units of work of a tensor (its tiles, or its bytes in tiles when row-major).
pub(super) fn units_of(hw: &Hw, t: &TensorDesc) -> u64 {
    match t.page {
        PageLayout::Tile => t.tiles(hw.tile),
        PageLayout::RowMajor => (t.volume() as f64 / hw.tile_elems()).ceil() as u64,
    }
}

impl Flow {
    /// Cycles for a data-movement core to move `share` of this tensor.
    pub(super) fn cycles(&self, hw: &Hw, share: f64, write: bool) -> f64 {
        let (pages, bytes) = (self.pages * share, self.bytes * share);
        match (self.buffer, self.sharded, write) {
            (BufferKind::L1, true, _) => bytes / hw.l1_bpc,
            (BufferKind::L1, false, false) => hw.noc_cycles(pages, bytes, hw.l1_read_bpc),
            (BufferKind::L1, false, true) => hw.noc_cycles(pages, bytes, hw.l1_write_bpc),
            (_, _, false) => hw.noc_cycles(pages, bytes, hw.dram_read_bpc),
            (_, _, true) => hw.noc_cycles(pages, bytes, hw.dram_write_bpc),
        }
    }

    fn dram(&self) -> (f64, f64) {
        if self.buffer == BufferKind::L1 {
            (0.0, 0.0)
        } else {
            (self.bytes, self.pages)
        }
    }
}

/// A streaming op over `units` units (tiles of the output unless said otherwise): every input
/// is read in proportion, every output written; `math` cycles per unit.
pub(super) struct Streaming<'a> {
    pub(super) hw: &'a Hw,
    pub(super) inputs: &'a [TensorDesc],
    pub(super) outputs: &'a [TensorDesc],
    pub(super) units: u64,
    pub(super) math: f64,
    pub(super) unpack_passes: f64,
    /// Reader cycles per unit besides the inputs' share (gathers from other cores' L1).
    pub(super) gather: f64,
    /// Cycles once per core outside the pipeline (weights read once).
    pub(super) extra_cycles: f64,
    pub(super) detail: String,
}

impl Streaming<'_> {
    pub(super) fn cost(self, grid: [u32; 2]) -> OpCost {
        let hw = self.hw;
        let units = self.units.max(1);
        let share = 1.0 / units as f64;
        let ins: Vec<Flow> = self.inputs.iter().map(|t| flow(hw, t)).collect();
        let outs: Vec<Flow> = self.outputs.iter().map(|t| flow(hw, t)).collect();
        let reader: f64 = ins.iter().map(|f| f.cycles(hw, share, false)).sum::<f64>() + self.gather;
        let writer: f64 = outs.iter().map(|f| f.cycles(hw, share, true)).sum();
        let unpack: f64 =
            ins.iter().map(|f| f.bytes * share).sum::<f64>() / hw.unpack_bpc * self.unpack_passes;
        let pack: f64 = outs.iter().map(|f| f.bytes * share).sum::<f64>() / hw.pack_bpc;
        let (mut dram, mut pages) = (0.0, 0.0);
        for f in ins.iter().chain(&outs) {
            let (b, p) = f.dram();
            dram += b;
            pages += p;
        }
        Stream {
            units: if self.units == 0 { 0 } else { units },
            cores: Hw::cores_of(grid),
            stages: Stages {
                reader,
                unpack,
                math: self.math,
                pack,
                writer,
            },
            dram_bytes: dram,
            dram_pages: pages,
            extra_cycles: self.extra_cycles,
            flops: 0.0,
            detail: self.detail,
        }
        .cost(hw)
    }
}

/// The cost of one op of `kind`.
pub(crate) fn cost(hw: &Hw, kind: TtnnOp, shape: &OpShape) -> OpCost {
    let grid = shape.grid.unwrap_or(hw.grid);
    let fam = family(kind);
    match fam {
        Family::Free => OpCost::free(""),
        Family::HostOnly => OpCost::free("host bookkeeping"),
        Family::Call => OpCost {
            kind: CostKind::Call,
            ..OpCost::free("cached const-eval results")
        },
        Family::ToDevice => movement::transfer(hw, shape, true),
        Family::FromDevice => movement::transfer(hw, shape, false),
        Family::Relayout(l) => movement::relayout(hw, l, shape, grid),
        Family::Unary(instructions) => {
            elementwise(hw, shape, grid, unary_math(hw, shape, instructions), "sfpu")
        }
        Family::Binary(b) => {
            let fidelity = shape.attrs.math_fidelity.unwrap_or(MathFidelity::HiFi4);
            let e = hw.eltwise_cycles;
            let math = match b {
                Binary::Add => e,
                Binary::Multiply => e * hw.phases(fidelity),
                Binary::Sfpu(n) => 2.0 * e + n * hw.sfpu_cycles,
                Binary::Compare(n) => e + n * hw.sfpu_cycles,
            };
            elementwise(
                hw,
                shape,
                grid,
                math,
                if matches!(b, Binary::Sfpu(_)) {
                    "sfpu"
                } else {
                    "fpu"
                },
            )
        }
        Family::Ternary(n) => elementwise(
            hw,
            shape,
            grid,
            3.0 * hw.eltwise_cycles + n * hw.sfpu_cycles,
            "sfpu",
        ),
        Family::Reduce(r) => reduce(hw, r, shape, grid),
        Family::Norm(n) => norm(hw, n, shape, grid),
        Family::Matmul { bias } => matmul::matmul_cost(hw, shape, grid, bias)
            .unwrap_or_else(|| OpCost::free("matmul without operands")),
        Family::Attention => matmul::attention_cost(hw, shape, grid, EXP_INSTRUCTIONS)
            .unwrap_or_else(|| OpCost::free("attention without operands")),
        Family::Conv2d => matmul::conv2d_cost(hw, shape, grid)
            .unwrap_or_else(|| OpCost::free("conv2d without window")),
        Family::Pool { average } => pool(hw, shape, grid, average),
        Family::GlobalPool => reduce(hw, Reduce::Sum, shape, grid),
        Family::Move(m) => movement::movement(hw, m, shape, grid),
        Family::Create(c) => movement::create(hw, c, shape, grid),
    }
}

/// Cycles per tile of an SFPU unary: the copy into Dst, then the instructions. Fast approximate
/// modes replace series by lookup tables and short polynomials: estimated at a third of the
/// instructions.
pub(super) fn unary_math(hw: &Hw, shape: &OpShape, instructions: f64) -> f64 {
    let n = if shape.attrs.approximate {
        (instructions / 3.0).max(3.0)
    } else {
        instructions
    };
    hw.eltwise_cycles + n * hw.sfpu_cycles
}

/// An elementwise op: one unit per output tile, inputs read in proportion to their size
/// (broadcast operands are smaller).
pub(super) fn elementwise(
    hw: &Hw,
    shape: &OpShape,
    grid: [u32; 2],
    math: f64,
    what: &str,
) -> OpCost {
    let Some(out) = shape.output_or_input(0) else {
        return OpCost::free("no tensors");
    };
    Streaming {
        hw,
        inputs: &shape.inputs,
        outputs: &shape.outputs,
        units: units_of(hw, out),
        math,
        unpack_passes: 1.0,
        gather: 0.0,
        extra_cycles: 0.0,
        detail: format!("{what} eltwise"),
    }
    .cost(grid)
}

/// Reductions: one unit per output tile, each reading its share of the input.
fn reduce(hw: &Hw, r: Reduce, shape: &OpShape, grid: [u32; 2]) -> OpCost {
    let (Some(input), Some(out)) = (shape.inputs.first(), shape.output_or_input(0)) else {
        return OpCost::free("no tensors");
    };
    let fidelity = shape.attrs.math_fidelity.unwrap_or(MathFidelity::HiFi4);
    let in_units = units_of(hw, input).max(1);
    let e = hw.eltwise_cycles;
    if r == Reduce::Argmax {
        // A scalar loop over the elements (one compare and branch each), rows over cores.
        let rows = input.rows().max(1);
        let per_row = input.width() as f64 * 4.0;
        return Streaming {
            hw,
            inputs: &shape.inputs,
            outputs: &shape.outputs,
            units: rows,
            math: per_row,
            unpack_passes: 0.0,
            gather: 0.0,
            extra_cycles: 0.0,
            detail: "scalar loop".to_owned(),
        }
        .cost(grid);
    }
    let out_units = units_of(hw, out).clamp(1, in_units);
    let per_tile = match r {
        Reduce::Sum => e * hw.phases(fidelity),
        Reduce::Max => e,
        Reduce::Prod => e + 10.0 * hw.sfpu_cycles,
        Reduce::Cumsum => 3.0 * e,
        Reduce::Argmax => e,
    };
    let ratio = in_units as f64 / out_units as f64;
    Streaming {
        hw,
        inputs: &shape.inputs,
        outputs: &shape.outputs,
        units: out_units,
        math: per_tile * ratio,
        unpack_passes: 1.0,
        gather: 0.0,
        extra_cycles: 0.0,
        detail: format!("reduce {ratio:.0} tiles per output tile"),
    }
    .cost(grid)
}

/// Softmax and the normalisations: one unit per row of tiles; several FPU passes per tile and
/// SFPU work per row.
fn norm(hw: &Hw, n: Norm, shape: &OpShape, grid: [u32; 2]) -> OpCost {
    let Some(input) = shape.inputs.first() else {
        return OpCost::free("no tensors");
    };
    let fidelity = shape.attrs.math_fidelity.unwrap_or(MathFidelity::HiFi4);
    let e = hw.eltwise_cycles;
    let ph = hw.phases(fidelity);
    let s = hw.sfpu_cycles;
    if n == Norm::Batch {
        // (x - mean) * rsqrt(var + eps) * weight + bias: four passes per tile.
        let math = 2.0 * e + 2.0 * e * ph + 20.0 * s / hw.tile[0] as f64;
        return Streaming {
            hw,
            inputs: &shape.inputs,
            outputs: &shape.outputs,
            units: units_of(hw, input),
            math,
            unpack_passes: 1.0,
            gather: 0.0,
            extra_cycles: 0.0,
            detail: "batch norm".to_owned(),
        }
        .cost(grid);
    }
    let rows = input.tile_rows(hw.tile).max(1);
    let wt = input.width().div_ceil(hw.tile[1]).max(1) as f64;
    let (per_tile, per_row, detail) = match n {
        // max, subtract, exp, sum, multiply by the reciprocal.
        Norm::Softmax => (
            2.0 * e + EXP_INSTRUCTIONS * s + 2.0 * e * ph,
            18.0 * s,
            "softmax",
        ),
        // mean, subtract, square, variance, normalise, scale, shift.
        Norm::Layer => (3.0 * e + 4.0 * e * ph, 20.0 * s, "layer norm"),
        Norm::Rms => (e + 3.0 * e * ph, 20.0 * s, "rms norm"),
        Norm::Batch => (0.0, 0.0, ""),
    };
    // Weights (gamma, beta) are read once per core.
    let weights: f64 = shape.inputs[1..]
        .iter()
        .map(|t| flow(hw, t).cycles(hw, 1.0, false))
        .sum();
    Streaming {
        hw,
        inputs: std::slice::from_ref(input),
        outputs: &shape.outputs,
        units: rows,
        math: per_tile * wt + per_row,
        unpack_passes: 2.0,
        gather: 0.0,
        extra_cycles: weights,
        detail: detail.to_owned(),
    }
    .cost(grid)
}

/// Max and average pooling: the input is brought into L1 shards, then each output tile reduces
/// its window's tiles.
fn pool(hw: &Hw, shape: &OpShape, grid: [u32; 2], average: bool) -> OpCost {
    let (Some(input), Some(out)) = (shape.inputs.first(), shape.output_or_input(0)) else {
        return OpCost::free("no tensors");
    };
    let window = shape
        .attrs
        .window
        .as_ref()
        .map_or(1, |w| w.kernel[0] * w.kernel[1])
        .max(1) as f64;
    let units = units_of(hw, out).max(1);
    let tb = hw.tile_bytes(out.dtype);
    let e = hw.eltwise_cycles;
    let fidelity = shape.attrs.math_fidelity.unwrap_or(MathFidelity::HiFi4);
    let math = window * if average { e * hw.phases(fidelity) } else { e };
    Streaming {
        hw,
        inputs: std::slice::from_ref(input),
        outputs: &shape.outputs,
        units,
        math,
        unpack_passes: window,
        // Each output tile gathers its window's rows from the L1 shards.
        gather: hw.noc_cycles(window, window * tb, hw.l1_read_bpc),
        extra_cycles: 0.0,
        detail: format!("pool over {window} window elements"),
    }
    .cost(grid)
}
