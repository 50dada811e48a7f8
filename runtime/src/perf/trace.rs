//! A [`Timeline`] as Chrome trace-event JSON, which Perfetto (ui.perfetto.dev) and
//! `chrome://tracing` open: `{"traceEvents": [...], "displayTimeUnit": "ns"}`.
//!
//! Process 1 is the host (one thread); process 2 the device, with one thread per command queue
//! and, on request, one per core of the compute grid. Every op is one complete event
//! (`"ph": "X"`, category `op`) on the track it runs on, with its shapes, layouts, bound and cost
//! in `args`; without Metal Trace, each program's enqueue is a `host` event on the host thread;
//! per-core events (category `core`) show each core's kernel time. Times are microseconds.

use serde_json::{Value, json};

use super::cost::CostKind;
use super::timeline::{Timeline, Track};

const HOST_PID: u32 = 1;
const DEVICE_PID: u32 = 2;
const HOST_TID: u32 = 1;
const CORE_TID_BASE: u32 = 1000;

fn us(ns: f64) -> f64 {
    ns / 1000.0
}

fn name_event(pid: u32, tid: Option<u32>, name: &str) -> Value {
    match tid {
        None => json!({"ph": "M", "pid": pid, "name": "process_name", "args": {"name": name}}),
        Some(tid) => {
            json!({"ph": "M", "pid": pid, "tid": tid, "name": "thread_name", "args": {"name": name}})
        }
    }
}

/// Trace events of `timeline`; with `per_core`, one track per core of the grid as well.
pub fn chrome_trace(timeline: &Timeline, per_core: bool) -> Value {
    let mut events = vec![
        name_event(HOST_PID, None, "host"),
        name_event(HOST_PID, Some(HOST_TID), "host thread"),
        name_event(DEVICE_PID, None, &format!("{} device", timeline.device)),
        name_event(DEVICE_PID, Some(queue_tid(0)), "command queue 0"),
    ];
    let [rows, cols] = timeline.grid;
    if per_core {
        for y in 0..rows {
            for x in 0..cols {
                let tid = CORE_TID_BASE + y * cols + x;
                events.push(name_event(
                    DEVICE_PID,
                    Some(tid),
                    &format!("core ({x},{y})"),
                ));
            }
        }
    }
    for op in &timeline.ops {
        let (pid, tid) = match op.track {
            Track::Host => (HOST_PID, HOST_TID),
            Track::Queue(q) => (DEVICE_PID, queue_tid(q)),
        };
        let c = &op.cost;
        let mut args = json!({
            "index": op.index,
            "function": op.function,
            "inputs": op.inputs,
            "outputs": op.outputs,
            "bound": c.bound,
            "kind": c.kind,
            "device_ns": c.device_ns,
            "host_ns": op.host_ns,
            "dispatch_ns": op.dispatch_ns,
            "cores": c.cores_used,
            "stages_ns": c.stages,
            "dram_bytes": c.dram_bytes,
            "pcie_bytes": c.pcie_bytes,
            "flops": c.flops,
            "model": c.detail,
        });
        if let Some(node) = &op.node {
            args["node"] = json!(node);
        }
        if let Some(loc) = &op.loc {
            args["loc"] = json!(loc);
        }
        events.push(json!({
            "ph": "X", "cat": "op", "name": op.name, "pid": pid, "tid": tid,
            "ts": us(op.start_ns), "dur": us(op.duration_ns), "args": args,
        }));
        if op.host_ns > 0.0 && op.track != Track::Host {
            events.push(json!({
                "ph": "X", "cat": "host", "name": format!("enqueue {}", op.name),
                "pid": HOST_PID, "tid": HOST_TID,
                "ts": us(op.host_start_ns), "dur": us(op.host_ns),
                "args": {"index": op.index},
            }));
        }
        if per_core && c.kind == CostKind::Program && c.split.cores > 0 {
            let kernel_start = op.start_ns + (op.duration_ns - c.split.heavy_ns).max(0.0);
            for core in 0..c.split.cores.min(rows * cols) {
                let dur = if core < c.split.heavy {
                    c.split.heavy_ns
                } else {
                    c.split.light_ns
                };
                events.push(json!({
                    "ph": "X", "cat": "core", "name": op.name,
                    "pid": DEVICE_PID, "tid": CORE_TID_BASE + core,
                    "ts": us(kernel_start), "dur": us(dur),
                    "args": {"index": op.index},
                }));
            }
        }
    }
    json!({"traceEvents": events, "displayTimeUnit": "ns"})
}

fn queue_tid(queue: u32) -> u32 {
    10 + queue
}
