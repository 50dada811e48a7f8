//! The shared corpus of real traced graphs: every graph file imports into a module that MLIR
//! and ttc's verifier accept, and the op counts of every fw/bw graph equal those PyTorch
//! recorded in `meta.json`.
//!
//! The corpus is `../shared/corpus` next to the repository, or `$TTC_CORPUS`. When it is absent
//! the test says so and checks nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ttc::import::import_graph_file;
use ttc_dialects::PrintOptions;

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("TTC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    dir.is_dir().then_some(dir)
}

fn graph_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for model in std::fs::read_dir(dir).unwrap() {
        let model = model.unwrap().path();
        if !model.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&model).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "txt") {
                files.push(f);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_corpus_graph_imports_and_verifies() {
    let Some(dir) = corpus_dir() else {
        eprintln!(
            "corpus not found (../shared/corpus or $TTC_CORPUS): skipping the corpus import test"
        );
        return;
    };
    let files = graph_files(&dir);
    assert!(
        files.len() >= 18,
        "expected the corpus graphs, found {}",
        files.len()
    );
    for f in &files {
        if let Err(failure) = import_graph_file(f, PrintOptions::default()) {
            panic!(
                "{} failed to import:\n{}",
                f.display(),
                failure.diagnostics.join("\n")
            );
        }
    }
}

#[test]
fn op_counts_match_meta_json() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found (../shared/corpus or $TTC_CORPUS): skipping the op-count test");
        return;
    };
    let mut checked = 0;
    for model in std::fs::read_dir(&dir).unwrap() {
        let model = model.unwrap().path();
        let meta_path = model.join("meta.json");
        if !meta_path.exists() {
            continue;
        }
        let meta: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
        for g in meta["graphs"].as_array().unwrap() {
            let file = model.join(g["file"].as_str().unwrap());
            let result = import_graph_file(&file, PrintOptions::default())
                .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
            let stats = result.stats;
            assert_eq!(
                stats.ops_before as u64,
                g["num_aten_ops"].as_u64().unwrap(),
                "{}",
                file.display()
            );
            assert_eq!(
                stats.unique_ops_before as u64,
                g["num_unique_aten_ops"].as_u64().unwrap(),
                "{}",
                file.display()
            );
            let expected: BTreeMap<String, usize> = g["targets"]
                .as_object()
                .unwrap()
                .iter()
                .filter(|(k, _)| k.starts_with("aten."))
                .map(|(k, v)| (k.clone(), v.as_u64().unwrap() as usize))
                .collect();
            assert_eq!(stats.ops_before_by_name, expected, "{}", file.display());
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} fw/bw graphs checked");
}

/// Imports and legalizes one graph; returns the aten ops left, the function type before and
/// after, and the diagnostics.
fn legalize(file: &Path) -> (usize, String, String, Vec<String>) {
    use melior::ir::BlockLike;
    use melior::ir::operation::{OperationLike, WalkOrder, WalkResult};
    use ttc_dialects::diag::DiagnosticCapture;
    use ttc_passes::pipeline::{
        BuildConfig, add_to_pass_manager, module_pass_manager, parse_pipeline,
    };

    let context = ttc_dialects::create_context();
    let capture = DiagnosticCapture::new(&context);
    let text = std::fs::read_to_string(file).unwrap();
    let mut imported =
        ttc_frontend::import_text(&context, &text, &file.display().to_string()).unwrap();
    let func_type = |module: &melior::ir::Module| {
        let body = module.body();
        let func = body.first_operation().expect("one function");
        func.attribute("function_type").unwrap().to_string()
    };
    let before = func_type(&imported.module);
    let pm = module_pass_manager(&context);
    pm.enable_verifier(true);
    let pipeline = parse_pipeline("ttir-legalize-aten,ttc-verify").unwrap();
    add_to_pass_manager(&pm, &pipeline, BuildConfig { verify_each: true }).unwrap();
    let ok = pm.run(&mut imported.module).is_ok();
    let diagnostics: Vec<String> = capture.take().iter().map(|d| d.to_string()).collect();
    assert!(
        ok,
        "{} failed to legalize:\n{}",
        file.display(),
        diagnostics.join("\n")
    );
    let mut left = 0;
    imported
        .module
        .as_operation()
        .walk(WalkOrder::PreOrder, |op| {
            if op
                .name()
                .as_string_ref()
                .as_str()
                .is_ok_and(|n| n.starts_with("aten."))
            {
                left += 1;
            }
            WalkResult::Advance
        });
    let after = func_type(&imported.module);
    (left, before, after, diagnostics)
}

#[test]
fn every_corpus_graph_legalizes_to_ttir() {
    let Some(dir) = corpus_dir() else {
        eprintln!(
            "corpus not found (../shared/corpus or $TTC_CORPUS): skipping the legalization test"
        );
        return;
    };
    for f in graph_files(&dir) {
        let (left, before, after, diagnostics) = legalize(&f);
        // Every graph of the corpus converts completely: fw, bw and export alike.
        assert_eq!(
            left,
            0,
            "{}: {left} aten ops stay on the host:\n{}",
            f.display(),
            diagnostics.join("\n")
        );
        assert_eq!(before, after, "{}: the function type changed", f.display());
    }
}

#[test]
fn every_legalized_corpus_graph_normalizes() {
    use ttc_dialects::diag::DiagnosticCapture;
    use ttc_passes::pipeline::{
        BuildConfig, add_to_pass_manager, module_pass_manager, parse_pipeline,
    };
    let Some(dir) = corpus_dir() else {
        eprintln!(
            "corpus not found (../shared/corpus or $TTC_CORPUS): skipping the normalization test"
        );
        return;
    };
    for f in graph_files(&dir) {
        let context = ttc_dialects::create_context();
        let capture = DiagnosticCapture::new(&context);
        let text = std::fs::read_to_string(&f).unwrap();
        let mut imported =
            ttc_frontend::import_text(&context, &text, &f.display().to_string()).unwrap();
        let pm = module_pass_manager(&context);
        let pipeline =
            parse_pipeline("ttir-legalize-aten,ttir-normalize-types,canonicalize,cse,ttc-verify")
                .unwrap();
        add_to_pass_manager(&pm, &pipeline, BuildConfig { verify_each: true }).unwrap();
        let ok = pm.run(&mut imported.module).is_ok();
        let diagnostics: Vec<String> = capture.take().iter().map(|d| d.to_string()).collect();
        assert!(ok, "{}: {}", f.display(), diagnostics.join("\n"));
        let printed = ttc_dialects::print_module(&imported.module, Default::default());
        for wide in ["xi64>", "xf64>", "xf16>", "<i64>", "<f64>"] {
            assert!(
                !printed.contains(wide),
                "{}: {wide} left after normalization",
                f.display()
            );
        }
    }
}
