//! `ttc report`: compiles every model it finds and tabulates the conversion, in the form of
//! pytorch2.0_ttnn's model table (Model, Run Success, Torch Ops Before (Unique Ops), Torch
//! Ops Remain (Unique Ops), To/From Device Ops) plus compile time, followed by one table per
//! model of its aten ops and whether each was converted.
//!
//! A model is a folder holding `fw_<i>.txt` graphs (several when the model had graph
//! breaks; their counts add up) and optionally a `meta.json`, whose placeholder roles mark
//! parameters for const-eval. A directory given on the command line is either such a model
//! folder or a folder of them (the shared corpus). Backward graphs are not compiled.
//!
//! Unless told not to ([`ReportOptions::run`]), every compiled graph is also run with the
//! runtime and compared with its golden reference: the model's inputs come from its
//! `reference.safetensors` when it has one (the first graph's inputs), seeded random ones
//! otherwise. Accuracy (%) is 100 × the lowest PCC over the model's graphs and outputs
//! (pytorch2.0_ttnn's "Accuracy (%)"); the golden run time is the host reference run (its
//! "Original Run Time"). Compiled Run Time is the device time of one run (const-eval results
//! cached) on the cycle-approximate model of the device compiled for (n150 by default), summed
//! over the model's graphs; it is computed with or without the runs.

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
    /// 100 × the lowest PCC of compiled vs golden outputs over the model's graphs (when run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accuracy_pct: Option<f64>,
    /// Wall time of the golden reference runs on the host (when run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub golden_ms: Option<f64>,
    /// Simulated device time of one run (const-eval cached), summed over the graphs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compiled_run_ms: Option<f64>,
    /// Where the run's inputs came from: `reference.safetensors` or `random (seed N)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inputs: Option<String>,
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

/// What `ttc report` does besides compiling.
#[derive(Clone, Debug, Default)]
pub struct ReportOptions {
    /// Run every compiled graph and its golden reference (the accuracy columns).
    pub run: bool,
    /// Seed of the random inputs of models without a reference file.
    pub seed: u64,
}

/// Compiles one model's graphs (and runs them, see [`ReportOptions`]) and sums their
/// statistics.
pub fn compile_model(
    model: &ModelInput,
    options: &CompileOptions,
    report: &ReportOptions,
) -> ModelRow {
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
        accuracy_pct: None,
        golden_ms: None,
        compiled_run_ms: None,
        inputs: None,
        ops: Vec::new(),
        error: None,
    };
    let reference = model
        .graphs
        .first()
        .and_then(|g| g.parent())
        .map(|d| d.join("reference.safetensors"))
        .filter(|p| p.is_file());
    let mut before: BTreeMap<String, usize> = BTreeMap::new();
    let mut remain: BTreeMap<String, usize> = BTreeMap::new();
    for (index, graph) in model.graphs.iter().enumerate() {
        let mut options = options.clone();
        options.emit_program = true;
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
                if let Some(program) = &result.program {
                    match crate::run::simulate(program, false) {
                        Ok((timeline, _)) => {
                            *row.compiled_run_ms.get_or_insert(0.0) += timeline.device_ns * 1e-6;
                        }
                        Err(e) => {
                            row.success = false;
                            row.error.get_or_insert_with(|| {
                                format!("{}: performance model: {e}", graph.display())
                            });
                        }
                    }
                }
                if let Some(program) = result.program.as_ref().filter(|_| report.run) {
                    let inputs_file = reference.as_deref().filter(|_| index == 0);
                    match run_graph(program, inputs_file, report.seed) {
                        Ok(run) => {
                            let pct = 100.0 * run.pcc_min;
                            row.accuracy_pct =
                                Some(row.accuracy_pct.map_or(pct, |a: f64| a.min(pct)));
                            *row.golden_ms.get_or_insert(0.0) += run.golden_seconds * 1e3;
                            let source = match inputs_file {
                                Some(_) => "reference.safetensors".to_owned(),
                                None => format!("random (seed {})", report.seed),
                            };
                            match &mut row.inputs {
                                Some(s) if *s != source => s.push_str(&format!(", {source}")),
                                Some(_) => {}
                                None => row.inputs = Some(source),
                            }
                        }
                        Err(e) => {
                            row.success = false;
                            row.error
                                .get_or_insert_with(|| format!("{}: run: {e}", graph.display()));
                        }
                    }
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

/// Runs one compiled graph on the reference inputs (or seeded random ones) and its golden.
fn run_graph(
    program: &ttc_runtime::program::Program,
    inputs_file: Option<&Path>,
    seed: u64,
) -> Result<crate::run::RunReport, String> {
    let inputs = match inputs_file {
        Some(path) => crate::inputs::inputs_from_file(program, path)?,
        None => crate::inputs::random_inputs(program, seed)?,
    };
    let result =
        crate::run::run_and_compare(program, inputs, None, &crate::run::RunOptions::default())?;
    Ok(result.report)
}

fn opt_cell(v: Option<f64>, digits: usize) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{v:.digits$}"))
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
    out.push_str("| Model | Run Success | Torch Ops Before (Unique Ops) | Torch Ops Remain (Unique Ops) | To/From Device Ops (Per Run) | Compile Time (ms) | Original Run Time (ms) | Compiled Run Time (ms) | Accuracy (%) |\n");
    out.push_str("|:------|:-----------:|------------------------------:|------------------------------:|-----------------------------:|------------------:|-----------------------:|-----------------------:|-------------:|\n");
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} ({}) | {} ({}) | {} ({}) | {:.1} | {} | {} | {} |\n",
            r.model,
            if r.success { "✅" } else { "❌" },
            r.ops_before,
            r.unique_ops_before,
            r.ops_remain,
            r.unique_ops_remain,
            r.to_from_device_ops,
            r.to_from_device_ops_per_run,
            r.compile_ms,
            opt_cell(r.golden_ms, 1),
            opt_cell(r.compiled_run_ms, 3),
            opt_cell(r.accuracy_pct, 2)
        ));
    }
    if rows.iter().any(|r| r.compiled_run_ms.is_some()) {
        out.push_str("\nCompiled Run Time: simulated device time of one run on the cycle-approximate Wormhole model (const-eval cached, Metal Trace off).\n");
    }
    if rows.iter().any(|r| r.accuracy_pct.is_some()) {
        out.push_str("Original Run Time: the golden reference (f32 aten interpreter) on the host. Accuracy: 100 × the lowest PCC of the compiled program's outputs against the golden ones. Inputs: ");
        let sources: Vec<String> = rows
            .iter()
            .filter_map(|r| r.inputs.as_ref().map(|i| format!("{} {i}", r.model)))
            .collect();
        out.push_str(&sources.join("; "));
        out.push_str(".\n");
    }
    for r in rows {
        out.push_str(&format!("\n### {}\n\n", r.model));
        if let Some(e) = &r.error {
            out.push_str(&format!("Failed: `{}`\n\n", e.replace('`', "'")));
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
        "model,run_success,ops_before,unique_ops_before,ops_remain,unique_ops_remain,to_from_device_ops,to_from_device_ops_per_run,to_layout_ops,compile_ms,golden_ms,compiled_run_ms,accuracy_pct\n",
    );
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{:.1},{},{},{}\n",
            csv_field(&r.model),
            r.success,
            r.ops_before,
            r.unique_ops_before,
            r.ops_remain,
            r.unique_ops_remain,
            r.to_from_device_ops,
            r.to_from_device_ops_per_run,
            r.to_layout_ops,
            r.compile_ms,
            r.golden_ms.map(|v| format!("{v:.1}")).unwrap_or_default(),
            r.compiled_run_ms
                .map(|v| format!("{v:.4}"))
                .unwrap_or_default(),
            r.accuracy_pct
                .map(|v| format!("{v:.4}"))
                .unwrap_or_default()
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
