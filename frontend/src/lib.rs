//! `ttc-frontend`: parses the text PyTorch prints for traced aten graphs and imports it into the
//! `aten` dialect.
//!
//! - [`graph`]: the syntax tree and the pest parser of graph text.
//! - [`import`]: the importer into MLIR (`aten` ops in one `func.func @forward`).
//! - [`literal`]: how annotations and literals map to MLIR types and attributes.
//!
//! Malformed input is a [`FrontendError`] (`file:line:col: error: expected ..., found ...`),
//! never a panic. The aten schema table lives in `ttc_dialects::aten`, next to the verifier
//! that checks imported ops against it.

mod args;
pub mod error;
pub mod graph;
pub mod import;
pub mod literal;

pub use error::FrontendError;
pub use import::{
    ImportOptions, ImportStats, Imported, import_graph, import_graph_with, import_text,
    import_text_with,
};
