//! A program's ops in time: [`Model::simulate`] walks the entry function in order and places
//! every op on the host track or on command queue 0.
//!
//! A program op is enqueued by the host (the untraced dispatch time per op; nothing with Metal
//! Trace, whose replay is one host call), then dispatched on the device (the traced dispatch
//! time: kernel binaries and runtime arguments reach the cores) after the previous op on the
//! queue has finished; its kernel then runs for the op's device time. Transfers go through the
//! same queue; reads back to the host block the host until they land. Host fallbacks run on the
//! host once it gets there. `ttnn.load_cached` returns cached results; the first run of a
//! program also runs the const-eval functions, which [`Model::simulate_first_run`] puts in line
//! and [`Timeline::const_eval_ns`] sums up.

use std::collections::HashMap;

use serde::Serialize;

use super::cost::{CostKind, OpCost};
use super::shape::{OpShape, TensorDesc};
use super::{Model, PerfError};
use crate::device::TtnnOp;
use crate::program::{Attr, Function, Program, TensorSpec, ValueId};

/// Where a slice runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// The host thread.
    Host,
    /// A device command queue.
    Queue(u32),
}

/// One op in time.
#[derive(Clone, Debug, Serialize)]
pub struct OpSlice {
    /// Position in the timeline.
    pub index: usize,
    /// The function it belongs to.
    pub function: String,
    /// The op's name (`ttnn.linear`).
    pub name: String,
    /// The traced graph node it came from.
    pub node: Option<String>,
    /// Its source location.
    pub loc: Option<String>,
    /// Where it runs.
    pub track: Track,
    /// Start of its device work (or host work, on the host track), ns.
    pub start_ns: f64,
    /// Duration of its device (or host) work, ns.
    pub duration_ns: f64,
    /// Time between the previous device op's end and this op's start (dispatch, waiting for
    /// the host), ns.
    pub dispatch_ns: f64,
    /// Start of the host's work on it (enqueue), ns.
    pub host_start_ns: f64,
    /// Host time spent on it (enqueue, host work), ns.
    pub host_ns: f64,
    /// Input tensors, described.
    pub inputs: Vec<String>,
    /// Output tensors, described.
    pub outputs: Vec<String>,
    /// The model's estimate.
    pub cost: OpCost,
}

impl OpSlice {
    /// End of its work, ns.
    pub fn end_ns(&self) -> f64 {
        self.start_ns + self.duration_ns
    }
}

/// A program run in time.
#[derive(Clone, Debug, Serialize)]
pub struct Timeline {
    /// The device's name.
    pub device: String,
    /// Metal Trace on.
    pub trace: bool,
    /// Compute grid `[rows, columns]`.
    pub grid: [u32; 2],
    /// Every op, in program order.
    pub ops: Vec<OpSlice>,
    /// Sum of program device times, ns.
    pub device_ns: f64,
    /// Sum of host work (dispatch without trace, host fallbacks, host conversions), ns.
    pub host_ns: f64,
    /// Sum of PCIe transfer times, ns.
    pub transfers_ns: f64,
    /// Sum of the gaps between device ops (dispatch and waiting for the host), ns.
    pub dispatch_ns: f64,
    /// From the first op to the last (end to end), ns.
    pub total_ns: f64,
    /// End-to-end time of the const-eval functions, run once before the first call, ns
    /// (included in `total_ns` only by [`Model::simulate_first_run`]).
    pub const_eval_ns: f64,
}

/// The simulation's clocks and totals.
struct Clock {
    host: f64,
    device: f64,
    slices: Vec<OpSlice>,
    device_ns: f64,
    host_ns: f64,
    transfers_ns: f64,
    dispatch_ns: f64,
}

const MAX_CALL_DEPTH: usize = 16;

impl Model {
    /// The steady state of `program`: the entry function with const-eval results cached.
    pub fn simulate(&self, program: &Program) -> Result<Timeline, PerfError> {
        let mut t = self.run(program, false)?;
        t.const_eval_ns = self.const_eval_ns(program)?;
        Ok(t)
    }

    /// The first run of `program`: const-eval functions run in line where they are loaded.
    pub fn simulate_first_run(&self, program: &Program) -> Result<Timeline, PerfError> {
        let mut t = self.run(program, true)?;
        t.const_eval_ns = self.const_eval_ns(program)?;
        Ok(t)
    }

    fn const_eval_ns(&self, program: &Program) -> Result<f64, PerfError> {
        let entry = entry(program)?;
        let mut total = 0.0;
        for op in &entry.ops {
            if let Some(callee) = callee(op) {
                let f = program
                    .function(callee)
                    .ok_or_else(|| PerfError::NoFunction(callee.to_owned()))?;
                let mut clock = Clock::new();
                self.walk(program, f, true, &mut clock, 1)?;
                total += clock.host.max(clock.device);
            }
        }
        Ok(total)
    }

    fn run(&self, program: &Program, first_run: bool) -> Result<Timeline, PerfError> {
        let f = entry(program)?;
        let mut clock = Clock::new();
        self.walk(program, f, first_run, &mut clock, 0)?;
        Ok(Timeline {
            device: self.hw.name.clone(),
            trace: self.opts.trace,
            grid: self.hw.grid,
            total_ns: clock.host.max(clock.device),
            ops: clock.slices,
            device_ns: clock.device_ns,
            host_ns: clock.host_ns,
            transfers_ns: clock.transfers_ns,
            dispatch_ns: clock.dispatch_ns,
            const_eval_ns: 0.0,
        })
    }

    fn walk(
        &self,
        program: &Program,
        f: &Function,
        first_run: bool,
        clock: &mut Clock,
        depth: usize,
    ) -> Result<(), PerfError> {
        let mut types: HashMap<ValueId, &TensorSpec> = HashMap::new();
        for input in &f.inputs {
            types.insert(input.id, &input.ty);
        }
        for op in &f.ops {
            let fail = |message: String| PerfError::Op {
                op: op.name.clone(),
                loc: op
                    .loc
                    .clone()
                    .or_else(|| op.node.clone())
                    .unwrap_or_else(|| f.name.clone()),
                message,
            };
            let shape = OpShape::from_program_op(op, &types).map_err(fail)?;
            for r in &op.results {
                types.insert(r.id, &r.ty);
            }
            let kind = TtnnOp::from_name(&op.name);
            let cost = match kind {
                Some(k) => self.op_cost(k, &shape),
                None if op.name.starts_with("aten.") => self.host_op_cost(&shape),
                None => return Err(fail("is not an op the performance model knows".into())),
            };
            let describe = |ts: &[TensorDesc]| ts.iter().map(TensorDesc::describe).collect();
            let mut slice = OpSlice {
                index: clock.slices.len(),
                function: f.name.clone(),
                name: op.name.clone(),
                node: op.node.clone(),
                loc: op.loc.clone(),
                track: super::Track::Host,
                start_ns: 0.0,
                duration_ns: 0.0,
                dispatch_ns: 0.0,
                host_start_ns: clock.host,
                host_ns: 0.0,
                inputs: describe(&shape.inputs),
                outputs: describe(&shape.outputs),
                cost,
            };
            match slice.cost.kind {
                CostKind::Program => {
                    // Host work of the op (preparing host operands) comes before its enqueue.
                    let enqueue = if self.opts.trace {
                        0.0
                    } else {
                        self.hw.untraced_ns
                    };
                    let host = slice.cost.host_ns + enqueue;
                    clock.host += host;
                    clock.host_ns += host;
                    let start = clock.device.max(clock.host) + self.hw.traced_ns;
                    slice.track = Track::Queue(0);
                    slice.host_ns = host;
                    slice.dispatch_ns = start - clock.device;
                    slice.start_ns = start;
                    slice.duration_ns = slice.cost.device_ns;
                    clock.dispatch_ns += slice.dispatch_ns;
                    clock.device_ns += slice.duration_ns;
                    clock.device = start + slice.duration_ns;
                }
                CostKind::Transfer => {
                    let start = clock.device.max(clock.host);
                    slice.track = Track::Queue(0);
                    // Waiting for the host (a fallback, the previous read) is a gap too, so
                    // device + transfers + gaps add up to the end-to-end time.
                    slice.dispatch_ns = start - clock.device;
                    clock.dispatch_ns += slice.dispatch_ns;
                    slice.start_ns = start;
                    slice.duration_ns = slice.cost.device_ns;
                    clock.transfers_ns += slice.duration_ns;
                    clock.device = start + slice.duration_ns;
                    if kind == Some(TtnnOp::FromDevice) || slice.cost.host_ns > 0.0 {
                        clock.host = clock.device + slice.cost.host_ns;
                        clock.host_ns += slice.cost.host_ns;
                    }
                }
                CostKind::Host => {
                    slice.start_ns = clock.host;
                    slice.duration_ns = slice.cost.host_ns;
                    slice.host_ns = slice.cost.host_ns;
                    clock.host += slice.duration_ns;
                    clock.host_ns += slice.duration_ns;
                }
                CostKind::Free => {
                    slice.start_ns = clock.host;
                }
                CostKind::Call => {
                    slice.start_ns = clock.host;
                    if first_run {
                        let name = callee(op).ok_or_else(|| fail("has no callee".into()))?;
                        let g = program
                            .function(name)
                            .ok_or_else(|| PerfError::NoFunction(name.to_owned()))?;
                        if depth >= MAX_CALL_DEPTH {
                            return Err(fail(format!("calls nested deeper than {MAX_CALL_DEPTH}")));
                        }
                        let at = clock.slices.len();
                        clock.slices.push(slice);
                        self.walk(program, g, first_run, clock, depth + 1)?;
                        let end = clock.host.max(clock.device);
                        let call = &mut clock.slices[at];
                        call.duration_ns = end - call.start_ns;
                        clock.host = clock.host.max(clock.device);
                        continue;
                    }
                }
            }
            clock.slices.push(slice);
        }
        Ok(())
    }
}

impl Clock {
    fn new() -> Clock {
        Clock {
            host: 0.0,
            device: 0.0,
            slices: Vec::new(),
            device_ns: 0.0,
            host_ns: 0.0,
            transfers_ns: 0.0,
            dispatch_ns: 0.0,
        }
    }
}

fn entry(program: &Program) -> Result<&Function, PerfError> {
    program
        .function(&program.entry)
        .ok_or_else(|| PerfError::NoFunction(program.entry.clone()))
}

fn callee(op: &crate::program::Op) -> Option<&str> {
    if op.name != "ttnn.load_cached" {
        return None;
    }
    op.attr("callee").and_then(Attr::as_str)
}
