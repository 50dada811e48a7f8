//! Benchmark: the runtime on BERT-large, and the interpreter's matrix engine.
//!
//! Run with `cargo bench -p ttc --bench run`. Compiles the corpus BERT-large forward graph
//! (`../shared/corpus/bert/fw_0.txt`, or under `$TTC_CORPUS`) with its meta.json, makes seeded
//! random inputs, then times over `TTC_BENCH_RUNS` runs (default 3; medians): the golden
//! reference (f32 aten interpreter), the compiled program's first run (const-eval included)
//! and a later run of the same session (const-eval results cached). Then the matrix engine's
//! throughput: `numerics::matmul` on 1024 x 1024 x 1024 bf16 operands at each math fidelity, in
//! GFLOP/s (2·m·k·n per product), and the cycle-approximate model's time to simulate the
//! BERT-large program. Results also go to `target/bench-results/run.json`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use ttc::compile::{CompileOptions, compile_file, roles_from_meta};
use ttc_runtime::device::Session;
use ttc_runtime::golden::run_golden_with;
use ttc_runtime::numerics::fidelity::Fidelity;
use ttc_runtime::numerics::matmul::matmul;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let runs: usize = std::env::var("TTC_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let corpus = std::env::var_os("TTC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    let mut json = serde_json::Map::new();
    let threads = rayon::current_num_threads();
    println!("threads: {threads}");
    json.insert("threads".into(), threads.into());

    let bert = corpus.join("bert");
    if bert.is_dir() {
        let options = CompileOptions {
            emit_program: true,
            roles: roles_from_meta(&bert.join("meta.json"), "fw_0.txt").expect("meta.json"),
            ..Default::default()
        };
        let start = Instant::now();
        let compiled = compile_file(&bert.join("fw_0.txt"), &options).expect("BERT-large compiles");
        let compile_s = start.elapsed().as_secs_f64();
        let program = compiled.program.expect("program");
        let inputs = ttc::inputs::random_inputs(&program, 0).expect("inputs");
        let golden_fn = program.golden.as_ref().expect("golden graph");
        let (mut golden, mut first, mut cached) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            golden.push(
                run_golden_with(golden_fn, &inputs, false)
                    .expect("golden runs")
                    .seconds,
            );
            let mut session = Session::new(&program);
            first.push(session.run(inputs.clone(), false).expect("runs").seconds);
            cached.push(session.run(inputs.clone(), false).expect("runs").seconds);
        }
        let (g, f, c) = (median(golden), median(first), median(cached));
        let desc = ttc_device::DeviceDescriptor::default_device();
        let model = ttc_runtime::perf::Model::new(&desc, Default::default());
        let sims: Vec<f64> = (0..10)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(model.simulate(&program).expect("simulates"));
                start.elapsed().as_secs_f64()
            })
            .collect();
        let sim = median(sims);
        let timeline = model.simulate(&program).expect("simulates");
        println!("| BERT-large (corpus bert/fw_0.txt) | wall time (s) |");
        println!("|---|---:|");
        println!("| compile (import + pipeline) | {compile_s:.2} |");
        println!("| golden reference (f32 aten interpreter) | {g:.2} |");
        println!("| compiled program, first run (const-eval included) | {f:.2} |");
        println!("| compiled program, later run (const-eval cached) | {c:.2} |");
        println!(
            "| cycle-approximate model of one run ({:.3} ms simulated n150 device time) | {sim:.4} |",
            timeline.device_ns * 1e-6
        );
        json.insert(
            "bert_large".into(),
            serde_json::json!({
                "compile_s": compile_s, "golden_s": g,
                "compiled_first_run_s": f, "compiled_cached_run_s": c, "runs": runs,
                "simulate_s": sim, "simulated_device_ms": timeline.device_ns * 1e-6,
            }),
        );
    } else {
        eprintln!(
            "corpus not found at {}: skipping BERT-large",
            corpus.display()
        );
    }

    let n = 1024;
    let a: Vec<f32> = (0..n * n)
        .map(|i| ((i * 7919 % 1013) as f32 - 506.0) / 512.0)
        .collect();
    let b: Vec<f32> = (0..n * n)
        .map(|i| ((i * 104729 % 1009) as f32 - 504.0) / 512.0)
        .collect();
    println!("\n| matmul 1024³ bf16 | GFLOP/s |");
    println!("|---|---:|");
    let mut rates = serde_json::Map::new();
    for fidelity in [
        Fidelity::LoFi,
        Fidelity::HiFi2,
        Fidelity::HiFi3,
        Fidelity::HiFi4,
    ] {
        let times: Vec<f64> = (0..runs.max(3))
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(matmul(&a, &b, 1, n, n, n, fidelity));
                start.elapsed().as_secs_f64()
            })
            .collect();
        let gflops = 2.0 * (n * n * n) as f64 / median(times) / 1e9;
        println!("| {fidelity:?} | {gflops:.1} |");
        rates.insert(format!("{fidelity:?}"), gflops.into());
    }
    json.insert("matmul_1024_gflops".into(), rates.into());

    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-results");
    std::fs::create_dir_all(&out).expect("target/bench-results");
    std::fs::write(
        out.join("run.json"),
        serde_json::to_string_pretty(&json).expect("serialises") + "\n",
    )
    .expect("writes run.json");
}
