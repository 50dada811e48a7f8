//! Every forward graph of the shared corpus compiles to a verified ttnn module in which every
//! compute op is a ttnn op and every tensor carries a `#ttnn.layout`, with no more host
//! transfers than the graph's inputs and outputs (plus two per host fallback); and the
//! `ttc report` table keeps its format (an insta snapshot, compile times redacted).
//!
//! The corpus is `../shared/corpus` next to the repository, or `$TTC_CORPUS`. When it is absent
//! the tests say so and check nothing.

use std::path::{Path, PathBuf};

use melior::ir::ValueLike;
use melior::ir::operation::{OperationLike, WalkOrder, WalkResult};
use melior::ir::r#type::RankedTensorType;
use ttc::compile::{CompileOptions, compile_file, roles_from_meta};
use ttc::report::{Format, ReportOptions, compile_model, discover, render};

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("TTC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    dir.is_dir().then_some(dir)
}

/// Checks the printed module: no ttir op, every tensor type encoded, ops known.
fn check_final_module(text: &str, file: &str) {
    let context = ttc_dialects::create_context();
    let module = ttc_dialects::parse_module(&context, text, file)
        .unwrap_or_else(|| panic!("{file}: the printed module does not parse back"));
    let mut problems = Vec::new();
    module.as_operation().walk(WalkOrder::PreOrder, |op| {
        let name = op.name().as_string_ref().as_str().unwrap_or("?").to_owned();
        let compute = !matches!(
            name.as_str(),
            "builtin.module" | "func.func" | "func.return"
        );
        if compute && !name.starts_with("ttnn.") && !name.starts_with("aten.") {
            problems.push(format!("op {name} is neither ttnn nor a host fallback"));
        }
        let types = op
            .operands()
            .map(|v| v.r#type())
            .chain(op.results().map(|r| r.r#type()));
        for ty in types {
            if let Ok(t) = RankedTensorType::try_from(ty)
                && !t
                    .encoding()
                    .is_some_and(|e| e.to_string().starts_with("#ttnn.layout<"))
            {
                problems.push(format!("{name} has a tensor without layout: {}", ty));
            }
        }
        WalkResult::Advance
    });
    assert!(problems.is_empty(), "{file}:\n{}", problems.join("\n"));
}

#[test]
fn every_forward_graph_compiles_with_layouts_and_bounded_transfers() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found (../shared/corpus or $TTC_CORPUS): skipping the compile test");
        return;
    };
    let models = discover(&[dir]).expect("the corpus holds models");
    assert!(
        models.len() >= 9,
        "expected the corpus models, found {}",
        models.len()
    );
    for model in &models {
        for graph in &model.graphs {
            let mut options = CompileOptions::default();
            if let Some(meta) = &model.meta {
                let file = graph.file_name().unwrap().to_string_lossy().into_owned();
                options.roles = roles_from_meta(meta, &file).expect("meta.json reads");
            }
            let file = graph.display().to_string();
            let result = compile_file(graph, &options).unwrap_or_else(|f| {
                panic!("{file} failed to compile:\n{}", f.diagnostics.join("\n"))
            });
            check_final_module(&result.mlir, &file);
            let s = &result.stats;
            assert!(
                s.to_from_device_ops <= s.transfer_bound(),
                "{file}: {} transfers exceed inputs {} + outputs {} + 2 x host ops {}",
                s.to_from_device_ops,
                s.graph_inputs,
                s.graph_outputs,
                s.ops_remain + s.other_host_ops
            );
            assert!(s.ops_before > 0, "{file}: no aten ops counted");
            if options.roles.values().any(|r| r.is_constant()) {
                assert!(
                    result.mlir.contains("ttnn.load_cached"),
                    "{file}: parameters but no const-eval function"
                );
            }
        }
    }
}

#[test]
fn corpus_report_format() {
    let Some(dir) = corpus_dir() else {
        eprintln!(
            "corpus not found (../shared/corpus or $TTC_CORPUS): skipping the report snapshot"
        );
        return;
    };
    let models = discover(&[dir]).expect("the corpus holds models");
    let rows: Vec<_> = models
        .iter()
        .map(|m| compile_model(m, &CompileOptions::default(), &ReportOptions::default()))
        .collect();
    insta::with_settings!({filters => vec![
        (r"\| [0-9]+\.[0-9] \|", "| [ms] |"),
        (r",[0-9]+\.[0-9],,([0-9.]*),\n", ",[ms],,$1,\n"),
    ]}, {
        insta::assert_snapshot!("corpus_report_md", render(&rows, Format::Markdown));
        insta::assert_snapshot!("corpus_report_csv", render(&rows, Format::Csv));
    });
}
