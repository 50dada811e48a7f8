//! `ttc-runtime`: executes emitted ttc programs with Wormhole numerics and checks them against
//! a golden reference.
//!
//! - [`program`]: the Program format (versioned JSON), the only thing the runtime reads.
//! - [`tensor`]: host tensors; [`io`]: safetensors files.
//! - [`golden`]: the golden reference, an f32 interpreter of the traced aten graph.
//! - [`numerics`]: Wormhole arithmetic: bf16 / bfp rounding, tiles, math fidelity, matmul, PCC.
//!
//! Architecture invariant: this crate depends on nothing from MLIR; it sees only the emitted
//! program format.

pub mod device;
pub mod golden;
pub mod io;
pub mod numerics;
pub mod perf;
pub mod program;
pub mod rng;
pub mod tensor;
