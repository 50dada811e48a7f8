//! The coverage list: for every aten overload ttc knows, what it becomes.
//!
//! Generated from the lowering and host tables, so it cannot drift from the code;
//! `docs/aten-coverage.md` is this output, and a test fails when it is stale
//! (`TTC_BLESS=1 cargo test -p ttc-passes` rewrites it).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use ttc_dialects::aten::SchemaTable;

use super::host::HOST_OPS;
use super::lowerings;

/// The coverage list as markdown.
pub fn markdown() -> String {
    let table = SchemaTable::builtin();
    let lowering = lowerings();
    let mut ops: BTreeSet<&str> = table.ops().into_iter().collect();
    ops.extend(lowering.keys().copied());
    ops.extend(HOST_OPS.iter().map(|h| h.op));

    let core_total = ops.iter().filter(|op| table.is_core(op)).count();
    let core_lowered = ops
        .iter()
        .filter(|op| table.is_core(op) && lowering.contains_key(*op))
        .count();
    let host = ops
        .iter()
        .filter(|op| !lowering.contains_key(*op) && HOST_OPS.iter().any(|h| h.op == **op))
        .count();
    let unhandled: Vec<&str> = ops
        .iter()
        .copied()
        .filter(|op| !lowering.contains_key(op) && !HOST_OPS.iter().any(|h| h.op == *op))
        .collect();

    let mut out = String::new();
    out.push_str("# aten → ttir coverage\n\n");
    out.push_str("Generated from `passes/src/legalize_aten/` by `ttc_passes::legalize_aten::coverage::markdown`; do not\n");
    out.push_str("edit. Every overload of the schema table (PyTorch's Core ATen set, the corpus and seed ops, and the\n");
    out.push_str("common aot_autograd ops) and every overload with a lowering is listed.\n\n");
    writeln!(
        out,
        "{} overloads: {} become ttir, {} stay on the host with a reason, {} have no handling. Core ATen: {} of {} become ttir.\n",
        ops.len(),
        lowering.len(),
        host,
        unhandled.len(),
        core_lowered,
        core_total
    )
    .unwrap();
    out.push_str(
        "| overload | Core ATen | becomes | ttir ops | when / why |\n|---|---|---|---|---|\n",
    );
    for op in &ops {
        let core = if table.is_core(op) { "yes" } else { "" };
        let (status, produced, note) = match lowering.get(op) {
            Some(l) => {
                let names: Vec<String> = l
                    .produces
                    .iter()
                    .map(|p| format!("`{}`", p.info().name))
                    .collect();
                let produced = if names.is_empty() {
                    "(removed: uses take the input)".to_owned()
                } else {
                    names.join(", ")
                };
                ("ttir", produced, l.conditions.to_owned())
            }
            None => match HOST_OPS.iter().find(|h| h.op == *op) {
                Some(h) => ("host", String::new(), h.reason.to_owned()),
                None => ("host", String::new(), "no lowering yet".to_owned()),
            },
        };
        writeln!(out, "| `{op}` | {core} | {status} | {produced} | {note} |").unwrap();
    }
    out
}
