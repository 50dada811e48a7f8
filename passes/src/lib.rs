//! `ttc-passes`: ttc's passes, the infrastructure to write and register them, and textual
//! pipelines.
//!
//! - [`pass`]: the [`pass::Pass`] trait, [`pass::PassInfo`] (name, summary, options, anchor)
//!   and how a Rust pass runs inside MLIR's pass manager.
//! - [`registry`]: the list of every pass, ttc's and the upstream ones offered by flag, and the
//!   named pipelines ([`backend_pipeline`] is `ttc-backend-pipeline`).
//! - [`pipeline`]: MLIR's textual pipeline syntax and pass-manager construction.
//! - [`stats`]: the conversion statistics.
//! - One file (or folder) per pass, named after its flag: [`verify`] is `ttc-verify`,
//!   [`legalize_aten`] is `ttir-legalize-aten`, [`fold_constants`] is `ttir-fold-constants`,
//!   [`normalize_types`] is `ttir-normalize-types`, [`convert_ttir_to_ttnn`] is
//!   `convert-ttir-to-ttnn`, [`ttnn_layout`] is `ttnn-layout`, [`workarounds`] is
//!   `ttnn-workarounds`, [`decompose_layouts`] is `ttnn-decompose-layouts`, [`const_eval`] is
//!   `ttnn-const-eval`, [`deallocate`] is `ttnn-deallocate`.

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
