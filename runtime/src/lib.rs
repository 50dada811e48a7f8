//! `ttc-runtime`: executes emitted ttc programs with Wormhole numerics and checks them against
//! a golden reference.
//!
//! - [`program`]: the Program format (versioned JSON), the only thing the runtime reads.
//! - [`tensor`]: host tensors; [`io`]: safetensors files.
//!
//! Architecture invariant: this crate depends on nothing from MLIR; it sees only the emitted
//! program format.

pub mod io;
pub mod program;
pub mod tensor;
