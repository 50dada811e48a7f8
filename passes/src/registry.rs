//! Every pass `ttc-opt` and the pipelines know: ttc's own passes and the upstream MLIR passes
//! that are offered through the same flags.

use std::sync::Once;

use crate::pass::{PassInfo, PassOptions};
use crate::pipeline::Element;

/// ttc's passes, in the order `--help` lists them.
pub static PASSES: &[&PassInfo] = &[
    &crate::verify::INFO,
    &crate::legalize_aten::INFO,
    &crate::fold_constants::INFO,
    &crate::normalize_types::INFO,
    &crate::convert_ttir_to_ttnn::INFO,
    &crate::ttnn_layout::INFO,
    &crate::workarounds::INFO,
    &crate::decompose_layouts::INFO,
    &crate::const_eval::INFO,
    &crate::deallocate::INFO,
];

/// An upstream MLIR pass offered by name.
#[derive(Debug)]
pub struct UpstreamPass {
    /// The pass's MLIR name.
    pub name: &'static str,
    /// One line for `--help`.
    pub summary: &'static str,
}

/// Upstream passes available as `--<name>` flags; any other upstream pass can still be named in
/// `--pass-pipeline`.
pub static UPSTREAM_PASSES: &[UpstreamPass] = &[
    UpstreamPass {
        name: "canonicalize",
        summary: "MLIR: fold and simplify ops; erase dead Pure ops",
    },
    UpstreamPass {
        name: "cse",
        summary: "MLIR: merge identical Pure ops",
    },
    UpstreamPass {
        name: "symbol-dce",
        summary: "MLIR: erase unreferenced private symbols",
    },
    UpstreamPass {
        name: "sccp",
        summary: "MLIR: sparse conditional constant propagation",
    },
    UpstreamPass {
        name: "inline",
        summary: "MLIR: inline function calls",
    },
    UpstreamPass {
        name: "strip-debuginfo",
        summary: "MLIR: replace every location with unknown",
    },
];

/// A named pipeline: a pass-like element with options that expands into passes.
pub struct NamedPipeline {
    /// Name, summary and options (the `create` function is never called).
    pub info: PassInfo,
    /// The elements it stands for, given its options; `verify` asks for `ttc-verify` after
    /// each stage.
    pub expand: fn(&PassOptions, bool) -> Vec<Element>,
}

/// ttc's named pipelines.
pub static PIPELINES: &[&NamedPipeline] = &[&crate::backend_pipeline::PIPELINE];

/// Looks up a named pipeline.
pub fn find_pipeline(name: &str) -> Option<&'static NamedPipeline> {
    PIPELINES.iter().copied().find(|p| p.info.name == name)
}

/// Looks up one of ttc's passes.
pub fn find(name: &str) -> Option<&'static PassInfo> {
    PASSES.iter().copied().find(|p| p.name == name)
}

/// Registers MLIR's transform passes (canonicalize, cse, ...) so pipelines can name them.
pub fn register_upstream_passes() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| unsafe { mlir_sys::mlirRegisterTransformsPasses() });
}
