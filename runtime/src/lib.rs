//! `ttc-runtime`: executes emitted ttc programs with Wormhole numerics, checks them against a
//! golden reference, and models their time on the device.
//!
//! - [`program`]: the Program format (versioned JSON), the only thing the runtime reads.
//! - [`tensor`]: host tensors; [`io`]: safetensors files.
//! - [`golden`]: the golden reference, an f32 interpreter of the traced aten graph.
//! - [`numerics`]: Wormhole arithmetic: bf16 / bfp rounding, tiles, math fidelity, matmul, PCC.
//! - [`device`]: the interpreter of ttnn programs (sessions, const-eval cache, kernels).
//! - [`perf`]: the cycle-approximate Wormhole model, timelines, traces, validation.
//! - [`rng`]: the device's random numbers (shared with the compiler through `ttc-device`).
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
