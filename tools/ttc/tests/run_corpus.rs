//! The small corpus models compiled and run: the compiled program agrees with the golden
//! reference (`pcc_min >= 0.99` at the default settings: bf16, HiFi4) and, for the models with
//! PyTorch's own outputs (`reference.safetensors`), the golden reproduces them
//! (`expected_max_rel_err <= 1e-4`). The training graph runs with seeded random inputs and its
//! dropout draws the same numbers on both sides. The large models (BERT-large, GPT-2, Llama,
//! ResNet-18, DistilBERT) are run by `ttc report` and the benchmark; their figures are in the
//! README.
//!
//! The corpus is `../shared/corpus` next to the repository, or `$TTC_CORPUS`. When it is absent
//! the test says so and checks nothing.

use std::path::{Path, PathBuf};

use ttc::compile::{CompileOptions, compile_file, roles_from_meta};
use ttc::inputs::{expected_outputs, inputs_from_file, random_inputs};
use ttc::run::{RunOptions, run_and_compare};

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("TTC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    dir.is_dir().then_some(dir)
}

fn compile(dir: &Path) -> ttc_runtime::program::Program {
    let graph = dir.join("fw_0.txt");
    let options = CompileOptions {
        emit_program: true,
        roles: roles_from_meta(&dir.join("meta.json"), "fw_0.txt").expect("meta.json reads"),
        ..Default::default()
    };
    let result = compile_file(&graph, &options)
        .unwrap_or_else(|f| panic!("{}: {:?}", graph.display(), f.diagnostics));
    result.program.expect("a program was asked for")
}

#[test]
fn small_models_match_golden_and_pytorch() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("corpus not found (../shared/corpus or $TTC_CORPUS): skipping the runs");
        return;
    };
    for model in ["mnist_mlp", "mnist_cnn", "tiny_bert", "mnist_cnn_train"] {
        let dir = corpus.join(model);
        let program = compile(&dir);
        let reference = dir.join("reference.safetensors");
        let (inputs, expected) = if reference.is_file() {
            let inputs = inputs_from_file(&program, &reference).expect("reference inputs");
            let count = program.golden.as_ref().map_or(0, |g| g.outputs.len());
            let expected = expected_outputs(&reference, count).expect("reference outputs");
            (inputs, Some(expected))
        } else {
            (random_inputs(&program, 0).expect("random inputs"), None)
        };
        let result = run_and_compare(
            &program,
            inputs,
            expected.as_deref(),
            &RunOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{model}: {e}"));
        let report = result.report;
        assert!(
            report.pcc_min >= 0.99,
            "{model}: pcc_min {} below 0.99",
            report.pcc_min
        );
        if expected.is_some() {
            let err = report.expected_max_rel_err.expect("compared with PyTorch");
            assert!(err <= 1e-4, "{model}: expected_max_rel_err {err}");
        }
        eprintln!(
            "{model}: pcc_min {:.6}, expected_max_rel_err {:?}",
            report.pcc_min, report.expected_max_rel_err
        );
    }
}
