//! The cycle-approximate Wormhole model: how long each ttnn op of a program takes on the device
//! described by a [`DeviceDescriptor`], and a timeline of the whole program.
//!
//! Every device op is costed at the granularity of tile blocks per core: its work is split over
//! the compute grid (tiles per core, cores with one unit fewer); on each core, units go through
//! a reader (DRAM pages interleaved over the banks, or L1 over the NoC), the unpackers, the
//! matrix engine or the vector unit, the packers and a writer, overlapping through
//! double-buffered circular buffers (a core takes the sum of the stages for its first unit, then
//! the slowest stage per further unit); DRAM bandwidth is shared by all cores; a fixed launch
//! time is added. Host↔device transfers go over PCIe with a latency; each program is preceded
//! by its dispatch, on the host without Metal Trace and from the trace buffer with it.
//!
//! - `ops.rs`: the registry row of each op (`family`, one exhaustive `match` over [`TtnnOp`])
//!   and the cost of compute families; `matmul.rs`: matrix products and what is built on them;
//!   `movement.rs`: transfers, layout changes, copies, creation; `cost.rs`: [`OpCost`] and the
//!   per-core pipeline; `hw.rs`: the descriptor's numbers in the model's units.
//! - `shape.rs`: [`OpShape`], the neutral description of an op instance, from a program op or
//!   built by hand (validation tables).
//! - `timeline.rs`: [`Model::simulate`], the program's ops on a host track and a command queue.
//! - [`trace`]: Chrome / Perfetto trace-event JSON of a timeline.
//! - [`validate`]: replays measured tables and reports the model's error.
//!
//! Every number comes from the descriptor (`device/descriptors/*.toml`); the handful of
//! parameters no document gives were fitted once to measured data (`[calibration]`, reproduced
//! by the test `perf::tests::calibrate`, which also checks the descriptor holds the fit).

mod cost;
mod hw;
mod matmul;
mod movement;
mod ops;
mod shape;
mod timeline;
pub mod trace;
pub mod validate;

#[cfg(test)]
mod tests;

use ttc_device::DeviceDescriptor;

pub use cost::{Bound, CoreSplit, CostKind, OpCost, StageNs};
pub use shape::{
    BufferKind, MathFidelity, MemoryLayout, OpAttrs, OpShape, PageLayout, TensorDesc, Window,
    tensor_desc,
};
pub use timeline::{OpSlice, Timeline, Track};

use crate::device::TtnnOp;
use hw::Hw;

/// How the program is run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ModelOptions {
    /// Metal Trace on: programs are replayed from a captured trace, so the host adds no
    /// per-op dispatch time.
    pub trace: bool,
}

/// Why a program could not be simulated.
#[derive(Debug, thiserror::Error)]
pub enum PerfError {
    /// The program has no function of this name.
    #[error("program error: no function '{0}'")]
    NoFunction(String),
    /// An op could not be read.
    #[error("{loc}: error: '{op}' {message}")]
    Op {
        /// The op's name.
        op: String,
        /// Its location (or the function's name).
        loc: String,
        /// What is wrong.
        message: String,
    },
}

/// The model of one device.
#[derive(Clone, Debug)]
pub struct Model {
    hw: Hw,
    opts: ModelOptions,
}

impl Model {
    /// The model of `desc`, run as `opts` says.
    pub fn new(desc: &DeviceDescriptor, opts: ModelOptions) -> Model {
        Model {
            hw: Hw::new(desc),
            opts,
        }
    }

    /// The options it runs with.
    pub fn options(&self) -> ModelOptions {
        self.opts
    }

    /// The compute grid `[rows, columns]` ops run on unless their shape says otherwise.
    pub fn grid(&self) -> [u32; 2] {
        self.hw.grid
    }

    /// The cost of one op of `kind` on the tensors of `op` (device time of its program or
    /// transfer; dispatch is the timeline's business).
    pub fn op_cost(&self, kind: TtnnOp, op: &OpShape) -> OpCost {
        ops::cost(&self.hw, kind, op)
    }

    /// Bytes of `t` as stored (tiles padded, block floats with their exponents).
    pub fn tensor_bytes(&self, t: &TensorDesc) -> f64 {
        match t.page {
            PageLayout::Tile => t.tiles(self.hw.tile) as f64 * self.hw.tile_bytes(t.dtype),
            PageLayout::RowMajor => t.volume() as f64 * self.hw.elem_bytes(t.dtype),
        }
    }

    /// The shortest time the chip's DRAM can move `bytes`, at its peak bandwidth.
    pub fn dram_floor_ns(&self, bytes: f64) -> f64 {
        self.hw.ns(bytes / self.hw.dram_peak_bpc)
    }

    /// The cost of an op left on the host (`aten.*`).
    pub fn host_op_cost(&self, op: &OpShape) -> OpCost {
        movement::host_fallback(&self.hw, op)
    }
}
