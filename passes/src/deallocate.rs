//! `ttnn-deallocate`: frees each device tensor right after its last use.
//!
//! Buffers, not values, are freed: an op whose result may be a view of its input
//! (`resultMayAliasInput` in the `.td`, e.g. `ttnn.reshape`) puts both in one buffer, and the
//! buffer is freed once, after the last use of any of its values. A buffer is never freed
//! when one of its values is a function argument (the caller owns it), is returned (the
//! caller gets it) or comes from `ttnn.load_cached` (the cache owns it). Host tensors are
//! left to the host runtime. Run last: the frees are side effects, so later passes keep them
//! where they are.

use std::collections::HashMap;

use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::{BlockLike, Value, ValueLike};
use ttc_dialects::view::OpView;
use ttc_dialects::{RegisteredOp, TtnnOp};

use crate::ir::{At, Emitter, block_ops, entry_block, functions, op_name};
use crate::layouts::Layouts;
use crate::pass::{Anchor, Pass, PassFailed, PassInfo};

/// Registry entry of `ttnn-deallocate`.
pub static INFO: PassInfo = PassInfo {
    name: "ttnn-deallocate",
    summary: "Free every device buffer after its last use (never arguments, results or cached values)",
    anchor: Anchor::Module,
    options: &[],
    create: |_| Ok(Box::new(Deallocate)),
};

struct Deallocate;

fn key(v: Value<'_, '_>) -> usize {
    v.to_raw().ptr as usize
}

/// Union-find over values.
#[derive(Default)]
struct Buffers {
    parent: HashMap<usize, usize>,
}

impl Buffers {
    fn find(&mut self, k: usize) -> usize {
        let p = *self.parent.get(&k).unwrap_or(&k);
        if p == k {
            return k;
        }
        let root = self.find(p);
        self.parent.insert(k, root);
        root
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent.insert(rb, ra);
        }
    }
}

impl Pass for Deallocate {
    fn run(&self, module: OperationRef<'_, '_>) -> Result<(), PassFailed> {
        let ctx_ref = module.context();
        let context = unsafe { ctx_ref.to_ref() };
        let layouts = Layouts::new(context, [1, 1]);
        for func in functions(module) {
            let Some(block) = entry_block(func) else {
                continue;
            };
            let ops = block_ops(block);
            let mut buffers = Buffers::default();
            let mut pinned: Vec<usize> = Vec::new();
            for i in 0..block.argument_count() {
                pinned.push(key(block.argument(i).expect("index in range").into()));
            }
            // Device values in definition order, with their defining op.
            let mut defined: Vec<(Value, usize)> = Vec::new();
            for (index, &op) in ops.iter().enumerate() {
                let view = OpView::new(op);
                let kind = view.as_ref().map(|v| v.kind);
                if op_name(op) == "func.return" {
                    pinned.extend(op.operands().map(key));
                    continue;
                }
                if kind == Some(RegisteredOp::Ttnn(TtnnOp::LoadCached)) {
                    pinned.extend(op.results().map(|r| key(r.into())));
                }
                if let Some(RegisteredOp::Ttnn(k)) = kind
                    && k.info().library.result_may_alias_input
                    && let (Ok(input), Ok(result)) = (op.operand(0), op.result(0))
                {
                    buffers.union(key(input), key(result.into()));
                }
                if !matches!(kind, Some(RegisteredOp::Ttnn(_))) {
                    continue;
                }
                for r in op.results() {
                    let r: Value = r.into();
                    if layouts.of_value(r).is_some_and(|l| l.on_device()) {
                        defined.push((r, index));
                    }
                }
            }
            let pinned_roots: std::collections::HashSet<usize> =
                pinned.iter().map(|&k| buffers.find(k)).collect();
            // Last use (op index) of each buffer, and the value that allocated it.
            let position: HashMap<usize, usize> = ops
                .iter()
                .enumerate()
                .map(|(i, op)| (op.to_raw().ptr as usize, i))
                .collect();
            // Per buffer: (last use, order of its first value, that value).
            let mut last: HashMap<usize, (usize, usize, Value)> = HashMap::new();
            for (order, &(v, def_index)) in defined.iter().enumerate() {
                let root = buffers.find(key(v));
                if pinned_roots.contains(&root) {
                    continue;
                }
                let mut end = def_index;
                for user in crate::ir::users(v) {
                    if let Some(&p) = position.get(&(user.to_raw().ptr as usize)) {
                        end = end.max(p);
                    }
                }
                let entry = last.entry(root).or_insert((end, order, v));
                entry.0 = entry.0.max(end);
            }
            // Frees after one op come in the order the buffers were allocated.
            let mut frees: Vec<(usize, usize, Value)> = last.into_values().collect();
            frees.sort_by_key(|&(end, order, _)| (end, order));
            let mut i = 0;
            while i < frees.len() {
                let end = frees[i].0;
                let after = ops[end];
                let e = Emitter::new(context, At::After(after), after.location());
                while i < frees.len() && frees[i].0 == end {
                    e.build(TtnnOp::Deallocate.info().name, &[frees[i].2], &[], &[]);
                    i += 1;
                }
            }
        }
        Ok(())
    }
}
