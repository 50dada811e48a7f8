//! The device interpreter on the emitted test programs (`tests/data/*.program.json`, no corpus
//! needed): it agrees with the golden reference, caches const-eval results across runs of a
//! session, and reports bad inputs and broken programs as errors, never panics.

use std::path::Path;

use ttc_runtime::device::{RunError, Session};
use ttc_runtime::golden::run_golden;
use ttc_runtime::numerics::compare::compare;
use ttc_runtime::program::{Operand, Program, TensorSpec};
use ttc_runtime::tensor::{Kind, Tensor};

const MODELS: [&str; 3] = ["mnist_mlp", "mnist_cnn", "tiny_bert"];

fn program(model: &str) -> Program {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(format!("{model}.program.json"));
    let text = std::fs::read_to_string(&path).expect("test program");
    Program::from_json(&text, &path.display().to_string()).expect("program parses")
}

/// Deterministic inputs: small varied floats, index 1, masks of ones.
fn synthetic(spec: &TensorSpec, salt: usize) -> Tensor {
    let shape: Vec<usize> = spec.shape.iter().map(|&d| d as usize).collect();
    let n = shape.iter().product();
    match Kind::of_element(&spec.element).expect("known element type") {
        Kind::Float => Tensor::f32(
            shape,
            (0..n)
                .map(|i| (((i * 7 + salt) % 23) as f32 - 11.0) / 64.0)
                .collect(),
        ),
        Kind::Int => Tensor::i64(shape, vec![1; n]),
        Kind::Bool => Tensor::bool(shape, vec![true; n]),
    }
}

fn inputs(p: &Program) -> Vec<Tensor> {
    let entry = p.function(&p.entry).expect("entry");
    entry
        .inputs
        .iter()
        .enumerate()
        .map(|(i, input)| synthetic(&input.ty, i))
        .collect()
}

#[test]
fn compiled_runs_agree_with_golden_and_cache_const_eval() {
    for model in MODELS {
        let p = program(model);
        let golden = run_golden(p.golden.as_ref().expect("golden"), &inputs(&p))
            .unwrap_or_else(|e| panic!("{model}: {e}"));
        let mut session = Session::new(&p);
        let first = session
            .run(inputs(&p), false)
            .unwrap_or_else(|e| panic!("{model}: {e}"));
        let second = session
            .run(inputs(&p), true)
            .unwrap_or_else(|e| panic!("{model}: {e}"));
        assert_eq!(first.outputs, second.outputs, "{model}: runs differ");
        assert!(
            second.ops_executed < first.ops_executed,
            "{model}: const-eval ran again ({} then {} ops)",
            first.ops_executed,
            second.ops_executed
        );
        assert!(!second.values.is_empty(), "{model}: no values kept");
        for (i, (c, g)) in first.outputs.iter().zip(&golden.outputs).enumerate() {
            assert_eq!(c.shape, g.shape, "{model}: output {i} shape");
            let cmp = compare(&g.to_f32(), &c.to_f32(), 0.05, 0.05);
            assert!(cmp.pcc >= 0.99, "{model}: output {i} pcc {}", cmp.pcc);
        }
    }
}

#[test]
fn bad_inputs_are_errors_naming_the_input() {
    let p = program("mnist_mlp");
    let mut good = inputs(&p);
    let mut session = Session::new(&p);
    let err = session.run(good[1..].to_vec(), false).unwrap_err();
    assert!(matches!(err, RunError::Input(_)), "{err}");
    assert!(err.to_string().contains("inputs"), "{err}");
    let last = good.len() - 1;
    let shape = good[last].shape.clone();
    let mut wrong = shape.clone();
    wrong[0] += 1;
    good[last] = Tensor::zeros(wrong, Kind::Float);
    let err = session.run(good.clone(), false).unwrap_err();
    assert!(err.to_string().contains("has shape"), "{err}");
    good[last] = Tensor::zeros(shape, Kind::Int);
    let err = session.run(good, false).unwrap_err();
    assert!(err.to_string().contains("element type"), "{err}");
}

#[test]
fn a_use_after_deallocate_is_an_error_at_the_op() {
    let mut p = program("mnist_mlp");
    let entry = p.entry.clone();
    let func = p
        .functions
        .iter_mut()
        .find(|f| f.name == entry)
        .expect("entry");
    // Free the first op result that a later op reads, right after it is defined.
    let (index, id) = func
        .ops
        .iter()
        .enumerate()
        .filter(|(_, op)| op.name != "ttnn.deallocate" && op.name != "ttnn.get_device")
        .find_map(|(i, op)| op.results.first().map(|r| (i, r.id)))
        .expect("an op with a result");
    let mut free = func
        .ops
        .iter()
        .find(|op| op.name == "ttnn.deallocate")
        .expect("the program frees values")
        .clone();
    free.operands = vec![Operand {
        name: "input".into(),
        values: vec![Some(id)],
    }];
    func.ops.insert(index + 1, free);
    let err = Session::new(&p).run(inputs(&p), false).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("after ttnn.deallocate freed it"),
        "{message}"
    );
}

#[test]
fn malformed_programs_are_errors_at_the_op() {
    // A pool with a zero stride.
    let mut p = program("mnist_cnn");
    let entry = p.entry.clone();
    let func = p
        .functions
        .iter_mut()
        .find(|f| f.name == entry)
        .expect("entry");
    let pool = func
        .ops
        .iter_mut()
        .find(|op| op.name == "ttnn.max_pool2d" || op.name == "ttnn.max_pool2d_with_indices")
        .expect("mnist_cnn pools");
    pool.attrs.insert(
        "stride".into(),
        ttc_runtime::program::Attr::Ints(vec![0, 0]),
    );
    let err = Session::new(&p).run(inputs(&p), false).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("ttnn.max_pool2d"), "{message}");
    assert!(message.contains("non-positive"), "{message}");

    // A const-eval function that reaches itself.
    let mut p = program("mnist_mlp");
    let callee = p
        .functions
        .iter()
        .flat_map(|f| &f.ops)
        .find(|op| op.name == "ttnn.load_cached")
        .and_then(|op| op.attr("callee"))
        .and_then(|a| a.as_str())
        .expect("mnist_mlp has const-eval")
        .to_owned();
    let call = p
        .functions
        .iter()
        .flat_map(|f| &f.ops)
        .find(|op| op.name == "ttnn.load_cached")
        .expect("a call")
        .clone();
    let func = p
        .functions
        .iter_mut()
        .find(|f| f.name == callee)
        .expect("callee");
    let mut own = call;
    own.operands.iter_mut().for_each(|o| o.values.clear());
    own.results.clear();
    func.ops.insert(0, own);
    let err = Session::new(&p).run(inputs(&p), false).unwrap_err();
    assert!(err.to_string().contains("const-eval cycle"), "{err}");
}
