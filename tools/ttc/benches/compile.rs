//! Benchmark: compile time of every forward graph of the corpus, aten graph text to the final,
//! verified ttnn module (`ttc compile` with default options and the model's `meta.json`
//! roles, so const-eval runs).
//!
//! Run with `cargo bench -p ttc --bench compile`. Reports the median over `TTC_BENCH_RUNS`
//! runs (default 5) of the compile time (import, the whole `ttc-backend-pipeline`, final
//! verification; printing excluded) and of the same plus printing the module. Results also
//! go to `target/bench-results/compile.json`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use ttc::compile::{CompileOptions, compile_text, roles_from_meta};
use ttc::report::discover;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let runs: usize = std::env::var("TTC_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let corpus = std::env::var_os("TTC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    if !corpus.is_dir() {
        eprintln!(
            "corpus not found at {}: nothing to benchmark",
            corpus.display()
        );
        return;
    }
    let models = discover(&[corpus]).expect("corpus models");
    println!("| graph | aten ops | ttnn ops | compile (ms) | compile + print (ms) |");
    println!("|---|---:|---:|---:|---:|");
    let mut json = String::from("[\n");
    let mut first = true;
    for model in &models {
        for graph in &model.graphs {
            let file = graph.file_name().unwrap().to_string_lossy().into_owned();
            let mut options = CompileOptions::default();
            if let Some(meta) = &model.meta {
                options.roles = roles_from_meta(meta, &file).expect("meta.json");
            }
            let text = std::fs::read_to_string(graph).unwrap();
            let name = format!("{}/{file}", model.name);
            let (mut compile, mut total) = (Vec::new(), Vec::new());
            let mut counts = (0, 0);
            for _ in 0..runs {
                let start = Instant::now();
                let result = compile_text(&text, &name, false, &options).expect("compiles");
                total.push(start.elapsed().as_secs_f64() * 1e3);
                compile.push(result.compile_seconds * 1e3);
                counts = (
                    result.stats.ops_before,
                    result.stats.ttnn_ops_by_name.values().sum::<usize>(),
                );
            }
            let (c, t) = (median(compile), median(total));
            println!("| {name} | {} | {} | {c:.1} | {t:.1} |", counts.0, counts.1);
            if !first {
                json.push_str(",\n");
            }
            first = false;
            write!(
                json,
                "  {{\"graph\": \"{name}\", \"aten_ops\": {}, \"ttnn_ops\": {}, \"compile_ms\": {c:.2}, \"compile_print_ms\": {t:.2}}}",
                counts.0, counts.1
            )
            .unwrap();
        }
    }
    json.push_str("\n]\n");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-results");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("compile.json"), json).unwrap();
}
