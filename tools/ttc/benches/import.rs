//! Benchmark: importing the largest graph of the corpus (by node count) into the aten dialect.
//!
//! Run with `cargo bench -p ttc --bench import`. Reports, for every fw/bw/export graph of
//! `../shared/corpus` (or `$TTC_CORPUS`), the median over `TTC_BENCH_RUNS` runs (default 20) of
//! parse, parse + import, and parse + import + verify (MLIR and ttc), and nodes per second for
//! the whole path. Results also go to `target/bench-results/import.json`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ttc_dialects::create_context;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let runs: usize = std::env::var("TTC_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
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
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .flat_map(|m| std::fs::read_dir(m.unwrap().path()).into_iter().flatten())
        .map(|f| f.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();

    println!("| graph | nodes | parse (ms) | parse + import (ms) | + verify (ms) | nodes/s |");
    println!("|---|---|---|---|---|---|");
    let mut json = String::from("[\n");
    for (i, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file
            .strip_prefix(&corpus)
            .unwrap_or(file)
            .display()
            .to_string();
        let nodes = ttc_frontend::graph::parse(&text, &name)
            .unwrap()
            .nodes
            .len();
        let context = create_context();
        let (mut parse, mut import, mut verify) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            let start = Instant::now();
            let graph = ttc_frontend::graph::parse(&text, &name).unwrap();
            parse.push(start.elapsed());
            let imported = ttc_frontend::import_graph(&context, &graph, &name).unwrap();
            import.push(start.elapsed());
            let op = imported.module.as_operation();
            assert!(melior::ir::operation::OperationLike::verify(&op));
            assert!(ttc_dialects::verify::verify(op).is_empty());
            verify.push(start.elapsed());
        }
        let (p, im, v) = (median(parse), median(import), median(verify));
        let rate = nodes as f64 / v.as_secs_f64();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "| {name} | {nodes} | {:.2} | {:.2} | {:.2} | {:.0} |",
            ms(p),
            ms(im),
            ms(v),
            rate
        );
        writeln!(
            json,
            "  {{\"graph\": \"{name}\", \"nodes\": {nodes}, \"parse_ms\": {:.3}, \"import_ms\": {:.3}, \"verify_ms\": {:.3}, \"nodes_per_s\": {rate:.0}}}{}",
            ms(p),
            ms(im),
            ms(v),
            if i + 1 < files.len() { "," } else { "" }
        )
        .unwrap();
    }
    json.push_str("]\n");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-results");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("import.json"), json).unwrap();
}
