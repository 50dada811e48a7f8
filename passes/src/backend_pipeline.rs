//! `ttc-backend-pipeline`: everything from an aten module to the final ttnn module.
//!
//! ```text
//! ttir-legalize-aten          aten -> ttir; host fallbacks stay aten
//! ttir-normalize-types        i64 -> si32, f64 -> f32, f16 -> bf16
//! canonicalize, cse
//! convert-ttir-to-ttnn        ttir -> ttnn library ops
//! ttnn-layout{...}            layouts: host boundary, tiled DRAM on the device, dtypes
//! ttnn-workarounds            the library's per-op layout and dtype requirements
//! ttnn-decompose-layouts      to_device / to_layout / typecast / from_device
//! canonicalize, cse
//! ttnn-const-eval             (const-eval=true) weights prepared once, ttnn.load_cached
//! canonicalize
//! ttnn-deallocate             free device buffers after their last use
//! ```
//!
//! Options: `system-desc` (n150, n300 or a descriptor file), `weight-dtype` (bf16, bfp8_b,
//! bfp4_b), `math-fidelity` (lofi, hifi2, hifi3, hifi4), `keep-f32`, `const-eval`. In debug
//! builds `ttc-verify` runs after every stage.

use crate::pass::{Anchor, OptionKind, PassInfo, PassOption, PassOptions};
use crate::pipeline::Element;
use crate::registry::NamedPipeline;

const OPTIONS: &[PassOption] = &[
    crate::ttnn_layout::OPTIONS[0],
    crate::ttnn_layout::OPTIONS[1],
    crate::ttnn_layout::OPTIONS[2],
    crate::ttnn_layout::OPTIONS[3],
    PassOption {
        name: "const-eval",
        help: "hoist parameter-only computations into a function run once",
        kind: OptionKind::Bool,
        default: "true",
    },
];

/// The registry entry.
pub static PIPELINE: NamedPipeline = NamedPipeline {
    info: PassInfo {
        name: "ttc-backend-pipeline",
        summary: "The whole compiler: aten module to final ttnn module (legalize, convert, layouts, workarounds, transfers, const-eval, deallocation)",
        anchor: Anchor::Module,
        options: OPTIONS,
        create: |_| Err("ttc-backend-pipeline is a pipeline, not a pass".into()),
    },
    expand,
};

fn pass(name: &str, options: String) -> Element {
    Element::Pass {
        name: name.to_owned(),
        options,
    }
}

fn expand(options: &PassOptions, verify: bool) -> Vec<Element> {
    let info = &PIPELINE.info;
    let quote = |name: &str| {
        let v = options.string(info, name);
        if v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./".contains(c))
        {
            v
        } else {
            format!("\"{v}\"")
        }
    };
    let layout_options = format!(
        "system-desc={} keep-f32={} weight-dtype={} math-fidelity={}",
        quote("system-desc"),
        options.bool(info, "keep-f32"),
        options.string(info, "weight-dtype"),
        options.string(info, "math-fidelity"),
    );
    let mut stages: Vec<Vec<Element>> = vec![
        vec![pass("ttir-legalize-aten", String::new())],
        vec![
            pass("ttir-normalize-types", String::new()),
            pass("canonicalize", String::new()),
            pass("cse", String::new()),
        ],
        vec![pass("convert-ttir-to-ttnn", String::new())],
        vec![pass("ttnn-layout", layout_options)],
        vec![pass("ttnn-workarounds", String::new())],
        vec![
            pass("ttnn-decompose-layouts", String::new()),
            pass("canonicalize", String::new()),
            pass("cse", String::new()),
        ],
    ];
    if options.bool(info, "const-eval") {
        stages.push(vec![
            pass("ttnn-const-eval", String::new()),
            pass("canonicalize", String::new()),
        ]);
    }
    stages.push(vec![pass("ttnn-deallocate", String::new())]);
    let mut out = Vec::new();
    for stage in stages {
        out.extend(stage);
        if verify {
            out.push(pass(crate::verify::INFO.name, String::new()));
        }
    }
    out
}
