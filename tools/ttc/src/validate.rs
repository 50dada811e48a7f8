//! `ttc validate-model`: the cycle-approximate Wormhole model against measured data.
//!
//! Replays the measured tables of the reference-data folder (`ttc_runtime::perf::validate`):
//! the n150 GEMM sweeps (manually tuned and out of the box, against `derived_device_time_ns`)
//! and the `ttnn.exp` kernel durations, and prints per table the rows compared, MAPE, median
//! and worst relative error, R² and the worst rows.

use std::path::{Path, PathBuf};

use ttc_runtime::perf::validate::TableReport;
use ttc_runtime::perf::{Model, ModelOptions};

/// Where the measured tables are looked for when no folder is given: `$TTC_REFERENCE_DATA`,
/// then `../shared/reference-data` from the working directory, then next to the source tree.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TTC_REFERENCE_DATA") {
        return PathBuf::from(dir);
    }
    let cwd = PathBuf::from("../shared/reference-data");
    if cwd.is_dir() {
        return cwd;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference-data")
}

/// Runs every table against the model of `device` (a descriptor name or file).
pub fn validate(dir: &Path, device: &str) -> Result<Vec<TableReport>, String> {
    if !dir.is_dir() {
        return Err(format!(
            "'{}' is not a directory: give the reference-data folder with --data",
            dir.display()
        ));
    }
    let desc = ttc_device::DeviceDescriptor::resolve(device).map_err(|e| e.to_string())?;
    let model = Model::new(&desc, ModelOptions::default());
    ttc_runtime::perf::validate::run(dir, &model)
}

/// The reports as a text table plus the worst rows of each.
pub fn render(reports: &[TableReport], worst: usize) -> String {
    let mut s = String::from(
        "| table | rows | excluded | MAPE | median | worst | R² | R² (log) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in reports {
        s.push_str(&format!(
            "| {} | {} | {} | {:.1}% | {:.1}% | {:.0}% | {:.3} | {:.3} |\n",
            r.name,
            r.n,
            r.excluded,
            100.0 * r.mape,
            100.0 * r.median_rel_err,
            100.0 * r.worst_rel_err,
            r.r2,
            r.r2_log
        ));
    }
    for r in reports {
        s.push_str(&format!("\n{} ({}): {}\n", r.name, r.source, r.note));
        for (row, measured, predicted) in r.worst_rows.iter().take(worst) {
            s.push_str(&format!(
                "  {row}: measured {:.1} us, predicted {:.1} us ({:+.0}%)\n",
                measured / 1e3,
                predicted / 1e3,
                100.0 * (predicted - measured) / measured
            ));
        }
    }
    s
}

/// The JSON form: one object per table, keyed by its name.
pub fn to_json(reports: &[TableReport]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for r in reports {
        map.insert(
            r.name.clone(),
            serde_json::to_value(r).expect("reports serialise"),
        );
    }
    serde_json::Value::Object(map)
}
