//! `ttc`: the driver of the compiler and its embedding API.
//!
//! The binary's subcommands are thin wrappers over the functions here:
//! - [`import`]: traced graph text to a verified `aten` module and its op counts.
//! - [`output`]: reading inputs and writing results without surprises.

pub mod import;
pub mod output;
