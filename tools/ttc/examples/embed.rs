//! ttc as a compile backend: compile the bundled tiny BERT, run it on the inputs and weights
//! PyTorch used, and compare with PyTorch's outputs.
//!
//! Run from the repository root with `cargo run --release -p ttc --example embed`.

use std::path::Path;

use ttc::api::Compiler;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let reference =
        ttc_runtime::io::read_safetensors(&root.join("examples/tiny_bert.reference.safetensors"))?;

    // The placeholders the trace's meta.json marks as parameters or buffers: their layout work
    // is hoisted into a const-eval function run once.
    let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
        root.join("examples/tiny_bert.meta.json"),
    )?)?;
    let parameters: Vec<String> = meta["graphs"][0]["placeholders"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["role"] != "input")
        .filter_map(|p| p["name"].as_str().map(str::to_owned))
        .collect();
    let model = Compiler::new()
        .math_fidelity("hifi4")
        .parameters(parameters)
        .compile_file(&root.join("examples/tiny_bert_fw.txt"))?;
    let stats = model.stats().expect("a compiled model has statistics");
    println!(
        "compiled: {} aten ops, {} left on the host, {} host<->device transfers per run",
        stats.ops_before, stats.ops_remain, stats.to_from_device_ops_per_run
    );

    let inputs = reference
        .iter()
        .filter(|(k, _)| !k.starts_with("output_"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let run = model.run(inputs)?;
    println!("compiled vs golden: pcc_min {:.6}", run.report.pcc_min);
    for (i, output) in run.outputs.iter().enumerate() {
        let expected = &reference[&format!("output_{i}")];
        let (found, wanted) = (output.to_f64(), expected.to_f64());
        let scale = wanted.iter().fold(0f64, |m, v| m.max(v.abs()));
        let err = found
            .iter()
            .zip(&wanted)
            .fold(0f64, |m, (a, b)| m.max((a - b).abs()));
        println!(
            "output {i} {:?}: compiled vs PyTorch max |diff| / max |PyTorch| = {:.2e}",
            output.shape,
            err / scale
        );
    }
    Ok(())
}
