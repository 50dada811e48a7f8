//! `ttc`: the driver of the compiler and its embedding API.
//!
//! The binary's subcommands are thin wrappers over the functions here:
//! - [`import`]: traced graph text to a verified `aten` module and its op counts.
//! - [`compile`]: graph text or a module to the final ttnn module and its statistics.
//! - [`emit`]: MLIR functions to the runtime's Program format.
//! - [`report`]: the conversion table of a folder of models.
//! - [`output`]: reading inputs and writing results without surprises.

pub mod compile;
pub mod emit;
pub mod import;
pub mod output;
pub mod report;
