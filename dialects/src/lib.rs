//! `ttc-dialects`: ttc's MLIR dialects and everything that knows what their ops mean.
//!
//! - `ttir` and `ttnn` are defined with ODS in `td/`; the build script generates the C++ that
//!   registers them (loaded by [`create_context`]) and the Rust op registry ([`registry`]).
//! - `aten` is opaque: its ops keep their overload names and parse as unregistered ops.
//! - [`verify`] holds the semantic rules the `.td` files cannot state; [`layout`] reads and
//!   builds the `#ttnn.layout` encoding; [`diag`] captures and formats diagnostics.
//!
//! This crate is the only one that defines dialect contents; passes and tools use its views
//! instead of spelling op names.

pub mod aten;
pub mod context;
pub mod diag;
pub mod layout;
pub mod registry;
pub mod roles;
pub mod shapes;
pub mod verify;
pub mod view;

/// The version of the LLVM/MLIR installation ttc was built against.
pub const LLVM_VERSION: &str = env!("TTC_LLVM_VERSION");

pub use context::{KNOWN_DIALECTS, PrintOptions, create_context, parse_module, print_module};
pub use registry::{
    BufferType, DataType, OpInfo, RegisteredOp, TensorLayout, TensorMemoryLayout, TtirOp, TtnnOp,
};
