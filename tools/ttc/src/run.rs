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
//!
//! The same program is also put through the cycle-approximate Wormhole model
//! (`ttc_runtime::perf`) of the device it was compiled for: the report gives the simulated
//! device time per run (const-eval results cached), the end-to-end time with transfers and
//! dispatch, and the first run's time with const-eval; the timeline can be written as a
//! Perfetto trace.

use std::collections::HashMap;

use serde::Serialize;
use ttc_runtime::device::{DeviceRun, Session};
use ttc_runtime::golden::{GoldenRun, run_golden_with};
use ttc_runtime::numerics::compare::compare;
use ttc_runtime::perf::{Model, ModelOptions, Timeline};
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
    /// Simulated time on the device (the cycle-approximate model), unless the model could not
    /// be built (`device_time_error` says why; the run itself does not need it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_time: Option<DeviceTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_time_error: Option<String>,
}

/// Simulated time of the program on its device, in milliseconds.
#[derive(Clone, Debug, Serialize)]
pub struct DeviceTime {
    /// Metal Trace on (no per-op host dispatch).
    pub metal_trace: bool,
    /// Sum of the device ops' times, one run with const-eval results cached.
    pub device_ms: f64,
    /// End to end of that run: device ops, PCIe transfers, dispatch gaps and host work.
    pub total_ms: f64,
    /// Of the total: PCIe transfers.
    pub transfers_ms: f64,
    /// Of the total: gaps between device ops (dispatch, waiting for the host).
    pub dispatch_ms: f64,
    /// Host work (untraced dispatch, host fallbacks, host-side conversions).
    pub host_ms: f64,
    /// End to end of the first run, const-eval functions included.
    pub first_run_total_ms: f64,
}

impl DeviceTime {
    fn of(steady: &Timeline, first: &Timeline) -> DeviceTime {
        DeviceTime {
            metal_trace: steady.trace,
            device_ms: steady.device_ns * 1e-6,
            total_ms: steady.total_ns * 1e-6,
            transfers_ms: steady.transfers_ns * 1e-6,
            dispatch_ms: steady.dispatch_ns * 1e-6,
            host_ms: steady.host_ns * 1e-6,
            first_run_total_ms: first.total_ns * 1e-6,
        }
    }
}

/// The program on the cycle-approximate model of the device it was compiled for: the steady
/// state (const-eval cached) and the first run.
pub fn simulate(program: &Program, metal_trace: bool) -> Result<(Timeline, Timeline), String> {
    let desc = ttc_device::DeviceDescriptor::resolve(&program.device)
        .map_err(|e| format!("device '{}' of the program: {e}", program.device))?;
    let model = Model::new(&desc, ModelOptions { trace: metal_trace });
    let steady = model.simulate(program).map_err(|e| e.to_string())?;
    let first = model
        .simulate_first_run(program)
        .map_err(|e| e.to_string())?;
    Ok((steady, first))
}

/// What to run and compare.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Compare every op with the golden value of its traced node.
    pub per_op_golden: bool,
    /// PCC below which an output or op counts as wrong.
    pub pcc_threshold: f64,
    /// Relative tolerance of `allclose`.
    pub rtol: f64,
    /// Absolute tolerance of `allclose`.
    pub atol: f64,
    /// Simulate with Metal Trace (programs replayed from a captured trace).
    pub metal_trace: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            per_op_golden: false,
            pcc_threshold: 0.99,
            rtol: 1e-2,
            atol: 1e-2,
            metal_trace: false,
        }
    }
}

/// The outputs of both runs and their comparison.
pub struct RunResult {
    pub report: RunReport,
    pub compiled: DeviceRun,
    pub golden: GoldenRun,
    /// The steady-state timeline of the cycle-approximate model (when it could be built).
    pub timeline: Option<Timeline>,
}

/// Runs `program` and its golden reference on `inputs` (consumed by the compiled run after the
/// golden one, so the weights are held once).
pub fn run_and_compare(
    program: &Program,
    inputs: Vec<Tensor>,
    expected: Option<&[Tensor]>,
    options: &RunOptions,
) -> Result<RunResult, String> {
    let (timeline, first_run, device_time_error) = match simulate(program, options.metal_trace) {
        Ok((steady, first)) => (Some(steady), Some(first), None),
        Err(e) => (None, None, Some(e)),
    };
    let golden_fn = program
        .golden
        .as_ref()
        .ok_or("the program has no golden graph (it was compiled from MLIR, not a traced graph)")?;
    let golden =
        run_golden_with(golden_fn, &inputs, options.per_op_golden).map_err(|e| e.to_string())?;
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
    // Maxima and minima that keep NaN: a NaN error or PCC is a failure, not a value to skip.
    let max_nan = |m: f64, x: f64| if x.is_nan() || x > m { x } else { m };
    let min_nan = |m: f64, x: f64| if x.is_nan() || x < m { x } else { m };
    let mut outputs = Vec::new();
    let mut expected_max: Option<f64> = None;
    for (i, (c, g)) in compiled.outputs.iter().zip(&golden.outputs).enumerate() {
        let cmp = compare(&g.to_f32(), &c.to_f32(), options.rtol, options.atol);
        let expected_rel_err = match expected.and_then(|e| e.get(i)) {
            None => None,
            Some(e) if e.shape != g.shape => {
                return Err(format!(
                    "expected output_{i} has shape {:?}; the graph's output {i} has {:?}",
                    e.shape, g.shape
                ));
            }
            Some(e) => {
                let (ev, gv) = (e.to_f64(), g.to_f64());
                let scale = ev.iter().fold(0f64, |m, &x| max_nan(m, x.abs()));
                let diff = ev
                    .iter()
                    .zip(&gv)
                    .fold(0f64, |m, (&x, &y)| max_nan(m, (x - y).abs()));
                Some(if scale > 0.0 { diff / scale } else { diff })
            }
        };
        if let Some(r) = expected_rel_err {
            expected_max = Some(expected_max.map_or(r, |m: f64| max_nan(m, r)));
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
    let pcc_min = outputs.iter().map(|o| o.pcc).fold(1.0, min_nan);
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
            device_time: timeline
                .as_ref()
                .zip(first_run.as_ref())
                .map(|(steady, first)| DeviceTime::of(steady, first)),
            device_time_error,
        },
        compiled,
        golden,
        timeline,
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
    // The golden values of each node (several for split, max_pool2d_with_indices, ...).
    let node_values: HashMap<&str, Vec<u32>> = g
        .ops
        .iter()
        .filter_map(|op| {
            Some((
                op.node.as_deref()?,
                op.results.iter().map(|r| r.id).collect(),
            ))
        })
        .collect();
    // The last ttnn op (in program order) carrying a node's location produces that node's
    // value; frees, const-eval calls and the device handle produce none.
    let ops = &entry.ops;
    let produces = |op: &ttc_runtime::program::Op| {
        op.name.starts_with("ttnn.")
            && !op.results.is_empty()
            && !matches!(
                op.name.as_str(),
                "ttnn.deallocate" | "ttnn.load_cached" | "ttnn.get_device"
            )
    };
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, op) in ops.iter().enumerate() {
        if let Some(node) = op.node.as_deref()
            && produces(op)
        {
            last.insert(node, i);
        }
    }
    let mut chosen: Vec<(usize, &str)> = last.into_iter().map(|(n, i)| (i, n)).collect();
    chosen.sort();
    let squeeze = |s: &[usize]| -> Vec<usize> {
        let first = s.iter().position(|&d| d != 1).unwrap_or(s.len());
        s[first..].to_vec()
    };
    let mut reports = Vec::new();
    for (i, node) in chosen {
        let op = &ops[i];
        let (Some(gids), Some(r)) = (node_values.get(node), op.results.first()) else {
            continue;
        };
        let Some(cv) = compiled.values.get(&r.id) else {
            continue;
        };
        // The golden result of the same logical shape up to leading 1s (a value the device
        // holds in another shape is not comparable element by element); a node with several
        // results of that shape (split into equal chunks) is ambiguous and skipped.
        let mut candidates = gids
            .iter()
            .filter_map(|id| golden.values.get(id))
            .filter(|gv| squeeze(&gv.shape) == squeeze(&cv.shape) && gv.numel() > 0);
        let (Some(gv), None) = (candidates.next(), candidates.next()) else {
            continue;
        };
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
    if let Some(e) = &report.device_time_error {
        s.push_str(&format!("  device time: not available: {e}\n"));
    }
    if let Some(t) = &report.device_time {
        s.push_str(&format!(
        "  {} model (Metal Trace {}): device {:.3} ms per run; end to end {:.3} ms (PCIe {:.3} ms, dispatch gaps {:.3} ms); first run with const-eval {:.3} ms\n",
        report.device,
        if t.metal_trace { "on" } else { "off" },
        t.device_ms,
        t.total_ms,
        t.transfers_ms,
        t.dispatch_ms,
        t.first_run_total_ms
    ));
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
