//! Conversion statistics, with the definitions pytorch2.0_ttnn's reports use:
//!
//! - `ops_before`: `aten.*` call nodes of the traced graph (`getitem` and non-aten calls are
//!   not aten ops); `unique_ops_before`: distinct overloads among them.
//! - `ops_remain`: aten ops still in the compiled module (host fallbacks);
//!   `unique_ops_remain`: distinct overloads among them.
//! - `to_from_device_ops`: `ttnn.to_device` + `ttnn.from_device` in the compiled module (every
//!   function, const-eval functions included); `to_layout_ops` and `typecast_ops` are counted
//!   separately.
//!
//! [`count_aten`] counts a module's aten ops; the same function gives "before" (on the
//! imported module) and "remain" (on the compiled one).

use std::collections::BTreeMap;

use melior::ir::operation::{OperationLike, OperationRef};
use serde::Serialize;
use ttc_dialects::aten::OPERATOR_OP;

use crate::ir::{entry_block, functions, nested_ops, op_name};

/// aten op counts of a module.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AtenCounts {
    /// aten ops (`aten.operator` calls of other namespaces excluded).
    pub total: usize,
    /// Overload name to count.
    pub by_name: BTreeMap<String, usize>,
    /// Calls outside the aten namespace (`aten.operator`), by name.
    pub other_by_name: BTreeMap<String, usize>,
}

/// Counts the aten ops of `module`.
pub fn count_aten(module: OperationRef<'_, '_>) -> AtenCounts {
    let mut counts = AtenCounts::default();
    for op in nested_ops(module) {
        let name = op_name(op);
        if name == OPERATOR_OP {
            let callee = op
                .attribute("name")
                .map(|a| a.to_string().trim_matches('"').to_owned())
                .unwrap_or_default();
            *counts.other_by_name.entry(callee).or_default() += 1;
        } else if name.starts_with("aten.") {
            counts.total += 1;
            *counts.by_name.entry(name).or_default() += 1;
        }
    }
    counts
}

/// The statistics of one compiled graph.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ConversionStats {
    pub ops_before: usize,
    pub unique_ops_before: usize,
    pub ops_remain: usize,
    pub unique_ops_remain: usize,
    pub to_from_device_ops: usize,
    /// Of `to_from_device_ops`, those in the public functions, i.e. on every run (the rest
    /// are in const-eval functions, run once).
    pub to_from_device_ops_per_run: usize,
    pub to_layout_ops: usize,
    pub typecast_ops: usize,
    /// Host calls outside the aten namespace left in the module.
    pub other_host_ops: usize,
    /// Tensor arguments and results of the public functions.
    pub graph_inputs: usize,
    pub graph_outputs: usize,
    /// ttnn ops of the compiled module by name (layout ops and deallocations included).
    pub ttnn_ops_by_name: BTreeMap<String, usize>,
    pub ops_before_by_name: BTreeMap<String, usize>,
    pub ops_remain_by_name: BTreeMap<String, usize>,
}

impl ConversionStats {
    /// Statistics of the compiled `module`, given the counts of the graph before.
    pub fn collect(module: OperationRef<'_, '_>, before: &AtenCounts) -> Self {
        let remain = count_aten(module);
        let mut ttnn: BTreeMap<String, usize> = BTreeMap::new();
        for op in nested_ops(module) {
            let name = op_name(op);
            if name.starts_with("ttnn.") {
                *ttnn.entry(name).or_default() += 1;
            }
        }
        let count = |name: &str| ttnn.get(name).copied().unwrap_or(0);
        let (mut inputs, mut outputs, mut per_run) = (0, 0, 0);
        for func in functions(module) {
            let private = func
                .attribute("sym_visibility")
                .is_ok_and(|a| a.to_string() == "\"private\"");
            if private {
                continue;
            }
            per_run += nested_ops(func)
                .into_iter()
                .filter(|&op| {
                    let n = op_name(op);
                    n == "ttnn.to_device" || n == "ttnn.from_device"
                })
                .count();
            if let Some(block) = entry_block(func) {
                inputs += melior::ir::BlockLike::argument_count(&block);
            }
            outputs += crate::ir::function_results(func).len();
        }
        ConversionStats {
            ops_before: before.total,
            unique_ops_before: before.by_name.len(),
            ops_remain: remain.total,
            unique_ops_remain: remain.by_name.len(),
            to_from_device_ops: count("ttnn.to_device") + count("ttnn.from_device"),
            to_from_device_ops_per_run: per_run,
            to_layout_ops: count("ttnn.to_layout"),
            typecast_ops: count("ttnn.typecast"),
            other_host_ops: remain.other_by_name.values().sum(),
            graph_inputs: inputs,
            graph_outputs: outputs,
            ttnn_ops_by_name: ttnn,
            ops_before_by_name: before.by_name.clone(),
            ops_remain_by_name: remain.by_name,
        }
    }

    /// The bound on host transfers: each input in, each output out, and each host op's data
    /// out and back.
    pub fn transfer_bound(&self) -> usize {
        self.graph_inputs + self.graph_outputs + 2 * (self.ops_remain + self.other_host_ops)
    }
}
