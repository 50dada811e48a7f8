//! The golden reference against PyTorch: for the corpus models with a numerical reference
//! (`reference.safetensors`: the inputs, parameters and buffers of the first call of
//! `fw_0.txt` by placeholder name, and its results as `output_<i>`), the golden interpreter run
//! on the emitted program's aten graph (`tests/data/<model>.program.json`) reproduces every
//! output to `max |golden - expected| / max |expected| <= 1e-4`.
//!
//! The corpus is `../shared/corpus` next to the repository, or `$TTC_CORPUS`. When it is absent
//! the comparison says so and checks nothing; the programs are still run on synthetic inputs.

use std::path::{Path, PathBuf};

use ttc_runtime::golden::{run_golden, run_golden_with};
use ttc_runtime::io::read_safetensors;
use ttc_runtime::program::{Function, Program};
use ttc_runtime::tensor::{Kind, Tensor};

const MODELS: [&str; 3] = ["mnist_mlp", "mnist_cnn", "tiny_bert"];

/// The largest accepted `max |golden - expected| / max |expected|` over a model's outputs.
const EXPECTED_MAX_REL_ERR: f64 = 1e-4;

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("TTC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"));
    dir.is_dir().then_some(dir)
}

fn golden_graph(model: &str) -> Function {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(format!("{model}.program.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let program =
        Program::from_json(&text, &path.display().to_string()).unwrap_or_else(|e| panic!("{e}"));
    program
        .golden
        .unwrap_or_else(|| panic!("{} has no golden graph", path.display()))
}

/// `max |found - expected| / max |expected|`.
fn relative_error(found: &Tensor, expected: &Tensor) -> f64 {
    assert_eq!(found.shape, expected.shape, "output shapes differ");
    let (f, e) = (found.to_f64(), expected.to_f64());
    let scale = e.iter().fold(0f64, |m, x| m.max(x.abs()));
    let diff = f
        .iter()
        .zip(&e)
        .fold(0f64, |m, (a, b)| m.max((a - b).abs()));
    assert!(diff.is_finite(), "non-finite difference");
    if scale == 0.0 { diff } else { diff / scale }
}

#[test]
fn golden_outputs_match_the_pytorch_references() {
    let Some(dir) = corpus_dir() else {
        eprintln!(
            "corpus not found (../shared/corpus or $TTC_CORPUS): skipping the golden reference comparison"
        );
        return;
    };
    for model in MODELS {
        let graph = golden_graph(model);
        let reference_path = dir.join(model).join("reference.safetensors");
        let reference = read_safetensors(&reference_path).unwrap_or_else(|e| panic!("{e}"));
        let inputs: Vec<Tensor> = graph
            .inputs
            .iter()
            .map(|i| {
                let name = i.name.as_deref().expect("golden inputs are named");
                reference
                    .get(name)
                    .unwrap_or_else(|| panic!("{model}: the reference has no tensor '{name}'"))
                    .clone()
            })
            .collect();
        let run = run_golden(&graph, &inputs).unwrap_or_else(|e| panic!("{model}: {e}"));
        assert_eq!(run.outputs.len(), graph.outputs.len());
        let mut worst = 0f64;
        for (i, out) in run.outputs.iter().enumerate() {
            let expected = reference
                .get(&format!("output_{i}"))
                .unwrap_or_else(|| panic!("{model}: the reference has no output_{i}"));
            worst = worst.max(relative_error(out, expected));
        }
        eprintln!(
            "{model}: max rel err {worst:.3e} over {} outputs ({:.3} s)",
            run.outputs.len(),
            run.seconds
        );
        assert!(
            worst <= EXPECTED_MAX_REL_ERR,
            "{model}: max rel err {worst:e} exceeds {EXPECTED_MAX_REL_ERR:e}"
        );
    }
}

/// A deterministic synthetic input for a graph input.
fn synthetic(spec: &ttc_runtime::program::TensorSpec) -> Tensor {
    let shape: Vec<usize> = spec.shape.iter().map(|&d| d as usize).collect();
    let n = shape.iter().product();
    match Kind::of_element(&spec.element).expect("known element type") {
        Kind::Float => Tensor::f32(
            shape,
            (0..n).map(|i| ((i % 17) as f32 - 8.0) / 64.0).collect(),
        ),
        Kind::Int => Tensor::i64(shape, vec![1; n]),
        Kind::Bool => Tensor::bool(shape, vec![true; n]),
    }
}

#[test]
fn test_programs_run_and_keep_every_value() {
    for model in MODELS {
        let graph = golden_graph(model);
        let inputs: Vec<Tensor> = graph.inputs.iter().map(|i| synthetic(&i.ty)).collect();
        let run = run_golden(&graph, &inputs).unwrap_or_else(|e| panic!("{model}: {e}"));
        for op in &graph.ops {
            for r in &op.results {
                assert!(
                    run.values.contains_key(&r.id),
                    "{model}: no value for result {} of {}",
                    r.id,
                    op.name
                );
            }
        }
        for (out, &id) in run.outputs.iter().zip(&graph.outputs) {
            assert_eq!(Some(out), run.values.get(&id));
            assert!(
                out.to_f64().iter().all(|x| x.is_finite()),
                "{model}: non-finite output"
            );
        }
        // Without keeping values, dead values are dropped: same outputs, only they are kept.
        let lean = run_golden_with(&graph, &inputs, false).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lean.outputs, run.outputs, "{model}: outputs differ");
        assert!(
            lean.values.keys().all(|id| graph.outputs.contains(id)),
            "{model}: a dead value was kept"
        );
        // One input short is an error naming the count, not a panic.
        let err = run_golden(&graph, &inputs[1..]).unwrap_err();
        assert!(err.to_string().contains("inputs but"), "{err}");
    }
}
