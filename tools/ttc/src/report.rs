//! `ttc report`: compiles every model it finds and tabulates the conversion, in the form of
//! pytorch2.0_ttnn's model table (Model, Run Success, Torch Ops Before (Unique Ops), Torch
//! Ops Remain (Unique Ops), To/From Device Ops) plus compile time, followed by one table per
//! model of its aten ops and whether each was converted.
//!
//! A model is a folder holding `fw_<i>.txt` graphs (several when the model had graph
//! breaks; their counts add up) and optionally a `meta.json`, whose placeholder roles mark
//! parameters for const-eval. A directory given on the command line is either such a model
//! folder or a folder of them (the shared corpus). Backward graphs are not compiled.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::compile::{CompileOptions, compile_file, roles_from_meta};

/// One model to compile: its name and forward graphs.
#[derive(Clone, Debug)]
pub struct ModelInput {
    pub name: String,
    pub graphs: Vec<PathBuf>,
    pub meta: Option<PathBuf>,
}

/// How an aten op fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpStatus {
    /// Every occurrence runs on the device.
    Converted,
    /// Some occurrences stay on the host.
    Partial,
    /// Every occurrence stays on the host.
    Host,
}

impl OpStatus {
    fn symbol(self) -> &'static str {
        match self {
            OpStatus::Converted => "✅",
            OpStatus::Partial => "🚧",
            OpStatus::Host => "❌",
        }
    }
}

/// One aten overload of a model.
#[derive(Clone, Debug, Serialize)]
pub struct OpRow {
    pub op: String,
    pub status: OpStatus,
    pub count: usize,
    pub remain: usize,
}

/// One model's line.
#[derive(Clone, Debug, Serialize)]
pub struct ModelRow {
    pub model: String,
    pub success: bool,
    pub graphs: usize,
    pub ops_before: usize,
    pub unique_ops_before: usize,
    pub ops_remain: usize,
    pub unique_ops_remain: usize,
    pub to_from_device_ops: usize,
    /// Of those, the transfers of every run (the rest are in const-eval functions, run once).
    pub to_from_device_ops_per_run: usize,
    pub to_layout_ops: usize,
    pub compile_ms: f64,
    pub ops: Vec<OpRow>,
    /// The first diagnostic of a failed compilation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The models under `dirs`: each dir is a model folder (has `fw_*.txt`) or a folder of them.
pub fn discover(dirs: &[PathBuf]) -> Result<Vec<ModelInput>, String> {
    let mut models = Vec::new();
    for dir in dirs {
        if !dir.is_dir() {
            return Err(format!("'{}' is not a directory", dir.display()));
        }
        if let Some(model) = model_in(dir)? {
            models.push(model);
            continue;
        }
        let mut found = false;
        for entry in sorted_entries(dir)? {
            if entry.is_dir()
                && let Some(model) = model_in(&entry)?
            {
                models.push(model);
                found = true;
            }
        }
        if !found {
            return Err(format!(
                "'{}' holds no model: expected fw_<i>.txt graphs in it or in its subfolders",
                dir.display()
            ));
        }
    }
    Ok(models)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read '{}': {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Ok(entries)
}

fn model_in(dir: &Path) -> Result<Option<ModelInput>, String> {
    let mut graphs: Vec<(usize, PathBuf)> = sorted_entries(dir)?
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_owned();
            let index = name
                .strip_prefix("fw_")?
                .strip_suffix(".txt")?
                .parse()
                .ok()?;
            Some((index, p))
        })
        .collect();
    if graphs.is_empty() {
        return Ok(None);
    }
    graphs.sort();
    let meta = dir.join("meta.json");
    Ok(Some(ModelInput {
        name: dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| dir.display().to_string()),
        graphs: graphs.into_iter().map(|(_, p)| p).collect(),
        meta: meta.is_file().then_some(meta),
    }))
}

/// Compiles one model's graphs and sums their statistics.
pub fn compile_model(model: &ModelInput, options: &CompileOptions) -> ModelRow {
    let mut row = ModelRow {
        model: model.name.clone(),
        success: true,
        graphs: model.graphs.len(),
        ops_before: 0,
        unique_ops_before: 0,
        ops_remain: 0,
        unique_ops_remain: 0,
        to_from_device_ops: 0,
        to_from_device_ops_per_run: 0,
        to_layout_ops: 0,
        compile_ms: 0.0,
        ops: Vec::new(),
        error: None,
    };
    let mut before: BTreeMap<String, usize> = BTreeMap::new();
    let mut remain: BTreeMap<String, usize> = BTreeMap::new();
    for graph in &model.graphs {
        let mut options = options.clone();
        if let Some(meta) = &model.meta {
            let file = graph
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            match roles_from_meta(meta, &file) {
                Ok(roles) => options.roles = roles,
                Err(e) => {
                    row.success = false;
                    row.error.get_or_insert(e);
                    continue;
                }
            }
        }
        match compile_file(graph, &options) {
            Ok(result) => {
                let s = result.stats;
                row.to_from_device_ops += s.to_from_device_ops;
                row.to_from_device_ops_per_run += s.to_from_device_ops_per_run;
                row.to_layout_ops += s.to_layout_ops;
                row.compile_ms += result.compile_seconds * 1e3;
                for (op, n) in s.ops_before_by_name {
                    *before.entry(op).or_default() += n;
                }
                for (op, n) in s.ops_remain_by_name {
                    *remain.entry(op).or_default() += n;
                }
            }
            Err(failure) => {
                row.success = false;
                row.error.get_or_insert_with(|| {
                    failure.diagnostics.first().cloned().unwrap_or_default()
                });
            }
        }
    }
    row.ops_before = before.values().sum();
    row.unique_ops_before = before.len();
    row.ops_remain = remain.values().sum();
    row.unique_ops_remain = remain.len();
    row.ops = before
        .into_iter()
        .map(|(op, count)| {
            let left = remain.get(&op).copied().unwrap_or(0);
            let status = if left == 0 {
                OpStatus::Converted
            } else if left < count {
                OpStatus::Partial
            } else {
                OpStatus::Host
            };
            OpRow {
                op,
                status,
                count,
                remain: left,
            }
        })
        .collect();
    row
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Csv,
}

/// Renders the report.
pub fn render(rows: &[ModelRow], format: Format) -> String {
    match format {
        Format::Markdown => markdown(rows),
        Format::Json => {
            #[derive(Serialize)]
            struct Report<'r> {
                models: &'r [ModelRow],
            }
            serde_json::to_string_pretty(&Report { models: rows }).expect("report serialises")
                + "\n"
        }
        Format::Csv => csv(rows),
    }
}

fn markdown(rows: &[ModelRow]) -> String {
    let mut out = String::new();
    out.push_str("| Model | Run Success | Torch Ops Before (Unique Ops) | Torch Ops Remain (Unique Ops) | To/From Device Ops (Per Run) | Compile Time (ms) |\n");
    out.push_str("|:------|:-----------:|------------------------------:|------------------------------:|-----------------------------:|------------------:|\n");
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} ({}) | {} ({}) | {} ({}) | {:.1} |\n",
            r.model,
            if r.success { "✅" } else { "❌" },
            r.ops_before,
            r.unique_ops_before,
            r.ops_remain,
            r.unique_ops_remain,
            r.to_from_device_ops,
            r.to_from_device_ops_per_run,
            r.compile_ms
        ));
    }
    for r in rows {
        out.push_str(&format!("\n### {}\n\n", r.model));
        if let Some(e) = &r.error {
            out.push_str(&format!(
                "Compilation failed: `{}`\n\n",
                e.replace('`', "'")
            ));
        }
        out.push_str("|    | aten op | status | count |\n");
        out.push_str("|---:|:--------|:------:|------:|\n");
        for (i, op) in r.ops.iter().enumerate() {
            out.push_str(&format!(
                "| {i} | {} | {} | {} |\n",
                op.op,
                op.status.symbol(),
                op.count
            ));
        }
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn csv(rows: &[ModelRow]) -> String {
    let mut out = String::from(
        "model,run_success,ops_before,unique_ops_before,ops_remain,unique_ops_remain,to_from_device_ops,to_from_device_ops_per_run,to_layout_ops,compile_ms\n",
    );
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{:.1}\n",
            csv_field(&r.model),
            r.success,
            r.ops_before,
            r.unique_ops_before,
            r.ops_remain,
            r.unique_ops_remain,
            r.to_from_device_ops,
            r.to_from_device_ops_per_run,
            r.to_layout_ops,
            r.compile_ms
        ));
    }
    out.push_str("\nmodel,op,status,count,remain\n");
    for r in rows {
        for op in &r.ops {
            out.push_str(&format!(
                "{},{},{},{},{}\n",
                csv_field(&r.model),
                csv_field(&op.op),
                serde_json::to_value(op.status)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                op.count,
                op.remain
            ));
        }
    }
    out
}
