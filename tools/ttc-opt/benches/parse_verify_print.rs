//! Benchmark: `ttc-opt` parse + verify + print of a generated 100,000-op ttnn module, against
//! upstream `mlir-opt` (LLVM 22, `--allow-unregistered-dialect`) on the generic form of the same
//! module.
//!
//! Run with `cargo bench -p ttc-opt --bench parse_verify_print`. The module has 100 functions of
//! 1,000 ttnn ops each (eltwise, matmul, reshape, softmax chains on tiled bf16 DRAM tensors).
//! Each command runs `TTC_BENCH_RUNS` times (default 5); the table gives the median and the
//! minimum wall time. Results are also written to `target/bench-results/parse_verify_print.json`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const FUNCTIONS: usize = 100;
const OPS_PER_FUNCTION: usize = 1000;

fn generate() -> String {
    let mut s = String::new();
    s.push_str("#act = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>\n");
    let t = "tensor<64x128xbf16, #act>";
    let w = "tensor<128x128xbf16, #act>";
    let r = "tensor<128x64xbf16, #act>";
    for f in 0..FUNCTIONS {
        writeln!(
            s,
            "func.func @f{f}(%x: {t}, %w: {w}, %b: tensor<128xbf16, #act>) -> {t} {{"
        )
        .unwrap();
        let mut cur = "%x".to_owned();
        let mut n = 0;
        while n < OPS_PER_FUNCTION {
            let id = |k: usize| format!("%v{}", n + k);
            let ops = [
                format!("{} = ttnn.matmul {cur}, %w : ({t}, {w}) -> {t}", id(0)),
                format!(
                    "{} = ttnn.add {}, %b : ({t}, tensor<128xbf16, #act>) -> {t}",
                    id(1),
                    id(0)
                ),
                format!("{} = ttnn.relu {} : ({t}) -> {t}", id(2), id(1)),
                format!(
                    "{} = ttnn.multiply {}, {} : ({t}, {t}) -> {t}",
                    id(3),
                    id(2),
                    id(0)
                ),
                format!(
                    "{} = ttnn.reshape {} {{shape = array<i64: 128, 64>}} : ({t}) -> {r}",
                    id(4),
                    id(3)
                ),
                format!(
                    "{} = ttnn.reshape {} {{shape = array<i64: 64, 128>}} : ({r}) -> {t}",
                    id(5),
                    id(4)
                ),
                format!(
                    "{} = ttnn.softmax {} {{dimension = -1 : i32}} : ({t}) -> {t}",
                    id(6),
                    id(5)
                ),
                format!("{} = ttnn.exp {} : ({t}) -> {t}", id(7), id(6)),
                format!(
                    "{} = ttnn.subtract {}, {} : ({t}, {t}) -> {t}",
                    id(8),
                    id(7),
                    id(2)
                ),
                format!("{} = ttnn.gelu {} : ({t}) -> {t}", id(9), id(8)),
            ];
            for op in ops.iter().take(OPS_PER_FUNCTION - n) {
                writeln!(s, "  {op}").unwrap();
            }
            cur = id(9);
            n += ops.len();
        }
        writeln!(s, "  return {cur} : {t}\n}}").unwrap();
    }
    s
}

fn time(cmd: &mut Command, runs: usize) -> (Duration, Duration) {
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let out = cmd.output().expect("command runs");
        let elapsed = start.elapsed();
        assert!(
            out.status.success(),
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        times.push(elapsed);
    }
    times.sort();
    (times[times.len() / 2], times[0])
}

fn main() {
    let runs: usize = std::env::var("TTC_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let ttc_opt = env!("CARGO_BIN_EXE_ttc-opt");
    let mlir_opt =
        std::env::var("TTC_MLIR_OPT").unwrap_or_else(|_| "/usr/lib/llvm-22/bin/mlir-opt".into());
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-results");
    std::fs::create_dir_all(&target).unwrap();
    let pretty: PathBuf = target.join("ttnn_100k.mlir");
    let generic: PathBuf = target.join("ttnn_100k.generic.mlir");
    std::fs::write(&pretty, generate()).unwrap();
    let out = Command::new(ttc_opt)
        .arg(&pretty)
        .arg("--mlir-print-op-generic")
        .arg("-o")
        .arg(&generic)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ops = FUNCTIONS * (OPS_PER_FUNCTION + 1);

    let rows = [
        (
            "ttc-opt, custom syntax (MLIR + ttc verifier)",
            time(
                Command::new(ttc_opt).arg(&pretty).args(["-o", "/dev/null"]),
                runs,
            ),
        ),
        (
            "ttc-opt, generic form (MLIR + ttc verifier)",
            time(
                Command::new(ttc_opt)
                    .arg(&generic)
                    .args(["-o", "/dev/null"]),
                runs,
            ),
        ),
        (
            "mlir-opt-22 --allow-unregistered-dialect, generic form",
            time(
                Command::new(&mlir_opt)
                    .arg("--allow-unregistered-dialect")
                    .arg(&generic)
                    .args(["-o", "/dev/null"]),
                runs,
            ),
        ),
    ];
    let baseline = rows[2].1.0.as_secs_f64();
    println!("parse + verify + print of {ops} ops ({FUNCTIONS} functions), {runs} runs each");
    println!("| command | median (s) | min (s) | vs mlir-opt |");
    println!("|---|---|---|---|");
    let mut json = String::from("{\n");
    for (i, (name, (median, min))) in rows.iter().enumerate() {
        let ratio = median.as_secs_f64() / baseline;
        println!(
            "| {name} | {:.3} | {:.3} | {ratio:.2}x |",
            median.as_secs_f64(),
            min.as_secs_f64()
        );
        writeln!(
            json,
            "  \"{name}\": {{\"median_s\": {:.4}, \"min_s\": {:.4}, \"ratio\": {ratio:.3}}}{}",
            median.as_secs_f64(),
            min.as_secs_f64(),
            if i + 1 < rows.len() { "," } else { "" }
        )
        .unwrap();
    }
    json.push_str("}\n");
    std::fs::write(target.join("parse_verify_print.json"), json).unwrap();
}
