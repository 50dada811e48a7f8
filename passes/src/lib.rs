//! `ttc-passes`: ttc's passes, the infrastructure to write and register them, and textual
//! pipelines.
//!
//! - [`pass`]: the [`pass::Pass`] trait, [`pass::PassInfo`] (name, summary, options, anchor)
//!   and how a Rust pass runs inside MLIR's pass manager.
//! - [`registry`]: the list of every pass, ttc's and the upstream ones offered by flag.
//! - [`pipeline`]: MLIR's textual pipeline syntax and pass-manager construction.
//! - One file (or folder) per pass, named after its flag: [`verify`] is `ttc-verify`,
//!   [`legalize_aten`] is `ttir-legalize-aten`, [`fold_constants`] is `ttir-fold-constants`.

pub mod backend_pipeline;
pub mod const_eval;
pub mod convert_ttir_to_ttnn;
pub mod deallocate;
pub mod decompose_layouts;
pub mod fold_constants;
pub(crate) mod ir;
pub(crate) mod layouts;
pub mod legalize_aten;
pub mod normalize_types;
pub mod pass;
pub mod pipeline;
pub mod registry;
pub mod stats;
pub mod ttnn_layout;
pub mod verify;
pub mod workarounds;
