//! `ttc`: the driver of the compiler and its embedding API.
//!
//! The binary's subcommands are thin wrappers over the functions here:
//! - [`import`]: traced graph text to a verified `aten` module and its op counts.
//! - [`compile`]: graph text or a module to the final ttnn module and its statistics.
//! - [`emit`]: MLIR functions to the runtime's Program format.
//! - [`report`]: the conversion table of a folder of models.
//! - [`run`]: running a program and its golden reference and comparing them; [`inputs`]:
//!   inputs from safetensors files or a seed.
//! - [`api`]: the embedding API (`Compiler` → `CompiledModel` → `run`).
//! - [`output`]: reading inputs and writing results without surprises.

pub mod api;
pub mod compile;
pub mod emit;
pub mod import;
pub mod inputs;
pub mod output;
pub mod report;
pub mod run;
pub mod validate;
