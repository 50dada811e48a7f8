//! `ttc run`: runs a compiled program and its golden reference on the same inputs and compares
//! them.
//!
//! Each output of the compiled program is compared with the golden interpreter's (PCC, max
//! absolute and relative error, allclose); `pcc_min` is the minimum PCC over outputs. With
//! expected outputs (`--expect`, the corpus `reference.safetensors`), the golden outputs are
//! also compared with them (`expected_max_rel_err` = max over outputs of
//! max|golden − expected| / max|expected|). With per-op comparison, every ttnn op that
//! produces the value of a traced node (the last op carrying that node's location, with the
//! node's shape) is compared with the golden value of that node, in program order, and the
//! first one whose PCC falls below the threshold is named: where a model goes wrong.

use std::collections::HashMap;

use serde::Serialize;
use ttc_runtime::device::{DeviceRun, Session};
use ttc_runtime::golden::{GoldenRun, run_golden};
use ttc_runtime::numerics::compare::compare;
use ttc_runtime::program::Program;
use ttc_runtime::tensor::Tensor;

/// How one output compares.
#[derive(Clone, Debug, Serialize)]
pub struct OutputReport {
    pub index: usize,
    pub shape: Vec<usize>,
    pub pcc: f64,
    pub max_abs_err: f64,
    pub max_rel_err: f64,
    pub allclose: bool,
    /// max|golden − expected| / max|expected| (with expected outputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_rel_err: Option<f64>,
}

/// How one op's result compares with the golden value of its node.
#[derive(Clone, Debug, Serialize)]
pub struct OpReport {
    pub op: String,
    pub node: String,
    pub loc: Option<String>,
    pub pcc: f64,
    pub max_abs_err: f64,
}

/// The report of one run.
#[derive(Clone, Debug, Serialize)]
pub struct RunReport {
    pub device: String,
    pub pcc_min: f64,
    pub outputs: Vec<OutputReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_max_rel_err: Option<f64>,
    /// Wall time of the golden interpreter (the host reference run).
    pub golden_seconds: f64,
    /// Wall time of the device interpreter (not device time).
    pub interpreter_seconds: f64,
    pub ops_executed: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub per_op: Vec<OpReport>,
    /// The first op whose PCC is below the threshold (with per-op comparison).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_divergence: Option<OpReport>,
}

/// What to run and compare.
#[derive(Clone, Debug)]
pub struct RunOptions {
    pub per_op_golden: bool,
    pub pcc_threshold: f64,
    pub rtol: f64,
    pub atol: f64,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            per_op_golden: false,
            pcc_threshold: 0.99,
            rtol: 1e-2,
            atol: 1e-2,
        }
    }
}

/// The outputs of both runs and their comparison.
pub struct RunResult {
    pub report: RunReport,
    pub compiled: DeviceRun,
    pub golden: GoldenRun,
}

/// Runs `program` and its golden reference on `inputs` (consumed by the compiled run after the
/// golden one, so the weights are held once).
pub fn run_and_compare(
    program: &Program,
    inputs: Vec<Tensor>,
    expected: Option<&[Tensor]>,
    options: &RunOptions,
) -> Result<RunResult, String> {
    let golden_fn = program
        .golden
        .as_ref()
        .ok_or("the program has no golden graph (it was compiled from MLIR, not a traced graph)")?;
    let golden = run_golden(golden_fn, &inputs).map_err(|e| e.to_string())?;
    let mut session = Session::new(program);
    let compiled = session
        .run(inputs, options.per_op_golden)
        .map_err(|e| e.to_string())?;
    if compiled.outputs.len() != golden.outputs.len() {
        return Err(format!(
            "the compiled program returns {} outputs, the golden graph {}",
            compiled.outputs.len(),
            golden.outputs.len()
        ));
    }
    let mut outputs = Vec::new();
    let mut expected_max: Option<f64> = None;
    for (i, (c, g)) in compiled.outputs.iter().zip(&golden.outputs).enumerate() {
        let cmp = compare(&g.to_f32(), &c.to_f32(), options.rtol, options.atol);
        let expected_rel_err = expected.and_then(|e| e.get(i)).map(|e| {
            let (ev, gv) = (e.to_f64(), g.to_f64());
            let scale = ev.iter().fold(0f64, |m, &x| m.max(x.abs()));
            let diff = ev
                .iter()
                .zip(&gv)
                .fold(0f64, |m, (&x, &y)| m.max((x - y).abs()));
            if scale > 0.0 { diff / scale } else { diff }
        });
        if let Some(r) = expected_rel_err {
            expected_max = Some(expected_max.map_or(r, |m: f64| m.max(r)));
        }
        outputs.push(OutputReport {
            index: i,
            shape: c.shape.clone(),
            pcc: cmp.pcc,
            max_abs_err: cmp.max_abs_err,
            max_rel_err: cmp.max_rel_err,
            allclose: cmp.allclose,
            expected_rel_err,
        });
    }
    let pcc_min = outputs.iter().map(|o| o.pcc).fold(1.0, f64::min);
    let (per_op, first_divergence) = if options.per_op_golden {
        per_op_comparison(program, &compiled, &golden, options)
    } else {
        (Vec::new(), None)
    };
    Ok(RunResult {
        report: RunReport {
            device: program.device.clone(),
            pcc_min,
            outputs,
            expected_max_rel_err: expected_max,
            golden_seconds: golden.seconds,
            interpreter_seconds: compiled.seconds,
            ops_executed: compiled.ops_executed,
            per_op,
            first_divergence,
        },
        compiled,
        golden,
    })
}

fn per_op_comparison(
    program: &Program,
    compiled: &DeviceRun,
    golden: &GoldenRun,
    options: &RunOptions,
) -> (Vec<OpReport>, Option<OpReport>) {
    let (Some(entry), Some(g)) = (program.function(&program.entry), program.golden.as_ref()) else {
        return (Vec::new(), None);
    };
    // The golden value of each node: its first result.
    let node_value: HashMap<&str, u32> = g
        .ops
        .iter()
        .filter_map(|op| Some((op.node.as_deref()?, op.results.first()?.id)))
        .collect();
    // The last ttnn op of each run of ops carrying one node produces that node's value.
    let mut reports = Vec::new();
    let ops = &entry.ops;
    for (i, op) in ops.iter().enumerate() {
        let Some(node) = op.node.as_deref() else {
            continue;
        };
        let next_same = ops.get(i + 1).and_then(|n| n.node.as_deref()) == Some(node);
        if next_same || !op.name.starts_with("ttnn.") || op.results.is_empty() {
            continue;
        }
        let (Some(&gid), Some(r)) = (node_value.get(node), op.results.first()) else {
            continue;
        };
        let (Some(gv), Some(cv)) = (golden.values.get(&gid), compiled.values.get(&r.id)) else {
            continue;
        };
        if gv.numel() != cv.numel() || gv.numel() == 0 {
            continue;
        }
        let cmp = compare(&gv.to_f32(), &cv.logical_f32(), options.rtol, options.atol);
        reports.push(OpReport {
            op: op.name.clone(),
            node: node.to_owned(),
            loc: op.loc.clone(),
            pcc: cmp.pcc,
            max_abs_err: cmp.max_abs_err,
        });
    }
    let first = reports
        .iter()
        .find(|r| r.pcc < options.pcc_threshold)
        .cloned();
    (reports, first)
}

/// A short human-readable report.
pub fn render(report: &RunReport, name: &str) -> String {
    let mut s = format!(
        "{name} on {}: pcc_min {:.6} over {} output(s); golden {:.3} s, compiled (interpreter) {:.3} s, {} ttnn ops\n",
        report.device,
        report.pcc_min,
        report.outputs.len(),
        report.golden_seconds,
        report.interpreter_seconds,
        report.ops_executed
    );
    for o in &report.outputs {
        s.push_str(&format!(
            "  output {} {:?}: pcc {:.6}, max abs err {:.3e}, max rel err {:.3e}, allclose {}",
            o.index, o.shape, o.pcc, o.max_abs_err, o.max_rel_err, o.allclose
        ));
        if let Some(r) = o.expected_rel_err {
            s.push_str(&format!(", golden vs expected rel err {r:.3e}"));
        }
        s.push('\n');
    }
    if let Some(r) = report.expected_max_rel_err {
        s.push_str(&format!("  expected_max_rel_err {r:.3e}\n"));
    }
    if !report.per_op.is_empty() {
        let worst = report
            .per_op
            .iter()
            .min_by(|a, b| a.pcc.total_cmp(&b.pcc))
            .expect("non-empty");
        s.push_str(&format!(
            "  per-op: {} ops compared, lowest pcc {:.6} at {} ({})\n",
            report.per_op.len(),
            worst.pcc,
            worst.node,
            worst.op
        ));
        match &report.first_divergence {
            Some(d) => s.push_str(&format!(
                "  first op below the threshold: {} (node {}{}) pcc {:.6}\n",
                d.op,
                d.node,
                d.loc
                    .as_deref()
                    .map(|l| format!(", {l}"))
                    .unwrap_or_default(),
                d.pcc
            )),
            None => s.push_str("  no op falls below the threshold\n"),
        }
    }
    s
}
