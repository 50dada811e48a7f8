//! `ttnn-workarounds`: meets what the TTNN library requires of each op's tensors.
//!
//! The requirements are data on the ops (`td/Ttnn*.td`: `computeDtypes`,
//! `operandRequirements`, `resultLayout`, `resultDtypes`, read into
//! `OpInfo::library`); this pass is the one generic place that applies them:
//!
//! - an operand stored in a data type the op does not compute in is converted to the closest
//!   one it does (integers to `f32` for float-only ops, floats to `bf16`), and so is one the
//!   op's per-operand requirement excludes;
//! - an operand the library reads in another page layout (row-major embedding indices, tiled
//!   matmul inputs) or from host memory (conv2d weights) is converted to it;
//! - a result the library produces in another layout or data type (argmax's row-major `u32`
//!   indices, a float op's result for integer inputs) gets that type, and a conversion back
//!   to the type its users expect follows the op.
//!
//! Every change is a `ttnn.convert_layout`; `ttnn-decompose-layouts` lowers and merges them.
//! Run after `ttnn-layout`: every tensor must carry a layout.

use std::collections::HashMap;

use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::{Type, TypeLike, Value, ValueLike};
use ttc_dialects::diag;
use ttc_dialects::layout::Layout;
use ttc_dialects::view::OpView;
use ttc_dialects::{BufferType, DataType, RegisteredOp, TensorLayout, TtnnOp};

use crate::ir::{
    At, Emitter, is_static_tensor, nested_ops, replace_uses_except, set_operand, set_type,
};
use crate::layouts::{Layouts, element_name, is_block_float, pick_dtype};
use crate::pass::{Anchor, Pass, PassFailed, PassInfo};

/// Registry entry of `ttnn-workarounds`.
pub static INFO: PassInfo = PassInfo {
    name: "ttnn-workarounds",
    summary: "Apply the TTNN library's per-op layout and data-type requirements (declared on the ops)",
    anchor: Anchor::Module,
    options: &[],
    create: |_| Ok(Box::new(Workarounds)),
};

struct Workarounds;

/// Whether the op moves or converts tensors rather than computing with them.
fn is_layout_op(op: TtnnOp) -> bool {
    matches!(
        op,
        TtnnOp::GetDevice
            | TtnnOp::ToDevice
            | TtnnOp::FromDevice
            | TtnnOp::ToLayout
            | TtnnOp::Typecast
            | TtnnOp::ToMemoryConfig
            | TtnnOp::Deallocate
            | TtnnOp::ConvertLayout
            | TtnnOp::LoadCached
    )
}

/// Block-float data types exist only in tile layout.
fn fix_block_float(layout: &mut Layout) {
    if layout.layout == TensorLayout::RowMajor && is_block_float(layout.dtype) {
        layout.dtype = DataType::BFloat16;
    }
}

struct Rewriter<'l, 'c, 'a> {
    layouts: &'l Layouts<'c>,
    /// Conversions already inserted, by (value, target type).
    converted: HashMap<(usize, usize), Value<'c, 'a>>,
}

impl<'l, 'c, 'a> Rewriter<'l, 'c, 'a> {
    fn convert_operand(&mut self, op: OperationRef<'c, 'a>, index: usize, target: Type<'c>) {
        let v = op.operand(index).expect("operand index in range");
        let k = (v.to_raw().ptr as usize, target.to_raw().ptr as usize);
        let converted = match self.converted.get(&k) {
            Some(&c) => c,
            None => {
                let e = Emitter::new(self.layouts.context, At::Before(op), op.location());
                let c = e.one(TtnnOp::ConvertLayout.info().name, &[v], &[], target);
                self.converted.insert(k, c);
                c
            }
        };
        set_operand(op, index, converted);
    }

    fn apply(
        &mut self,
        op: OperationRef<'c, 'a>,
        kind: TtnnOp,
        view: &OpView<'c, 'a>,
    ) -> Result<(), String> {
        let info = kind.info();
        let lib = &info.library;
        let mut compute: Option<DataType> = None;
        let mut index = 0;
        for (group, spec) in view.operand_groups().iter().zip(info.operands) {
            for &v in group {
                let i = index;
                index += 1;
                if !is_static_tensor(v.r#type()) {
                    continue;
                }
                let Some(current) = self.layouts.of_value(v) else {
                    return Err(format!(
                        "operand '{}' has no #ttnn.layout (run ttnn-layout first)",
                        spec.name
                    ));
                };
                let mut target = current.clone();
                if !lib.compute_dtypes.is_empty() {
                    target.dtype = pick_dtype(target.dtype, lib.compute_dtypes);
                    compute.get_or_insert(target.dtype);
                }
                if let Some(req) = lib.operand(spec.name) {
                    if let Some(layout) = req.layout {
                        target.layout = layout;
                    }
                    target.dtype = pick_dtype(target.dtype, req.dtypes);
                    if req.buffer == Some(BufferType::SystemMemory) {
                        target.buffer = BufferType::SystemMemory;
                        target.placement = None;
                    }
                }
                fix_block_float(&mut target);
                if target != current {
                    let ty = self
                        .layouts
                        .retyped(v.r#type(), &target, &element_name(v.r#type()));
                    self.convert_operand(op, i, ty);
                }
            }
        }
        for (ri, r) in op.results().enumerate() {
            let r: Value = r.into();
            if !is_static_tensor(r.r#type()) {
                continue;
            }
            let Some(current) = self.layouts.of_value(r) else {
                return Err(format!(
                    "result #{ri} has no #ttnn.layout (run ttnn-layout first)"
                ));
            };
            let mut target = current.clone();
            if !lib.compute_dtypes.is_empty() && !lib.compute_dtypes.contains(&target.dtype) {
                target.dtype =
                    compute.unwrap_or_else(|| pick_dtype(target.dtype, lib.compute_dtypes));
            }
            if let Some(layout) = lib.result_layout {
                target.layout = layout;
            }
            if let Some(Some(dtype)) = lib.result_dtypes.get(ri) {
                target.dtype = *dtype;
            }
            fix_block_float(&mut target);
            if target == current {
                continue;
            }
            let old = r.r#type();
            let new = self.layouts.retyped(old, &target, &element_name(old));
            set_type(r, new);
            let e = Emitter::new(self.layouts.context, At::After(op), op.location());
            let back = e.build(TtnnOp::ConvertLayout.info().name, &[r], &[], &[old]);
            replace_uses_except(r, back.result(0).expect("one result").into(), back);
        }
        Ok(())
    }
}

impl Pass for Workarounds {
    fn run(&self, module: OperationRef<'_, '_>) -> Result<(), PassFailed> {
        let ctx_ref = module.context();
        let context = unsafe { ctx_ref.to_ref() };
        // The grid only matters for new placements, which this pass never makes.
        let layouts = Layouts::new(context, [1, 1]);
        let mut rewriter = Rewriter {
            layouts: &layouts,
            converted: HashMap::new(),
        };
        for op in nested_ops(module) {
            let Some(view) = OpView::new(op) else {
                continue;
            };
            let RegisteredOp::Ttnn(kind) = view.kind else {
                continue;
            };
            if is_layout_op(kind) {
                continue;
            }
            if let Err(message) = rewriter.apply(op, kind, &view) {
                diag::emit_error(
                    op.location(),
                    &format!("'{}' op {message}", kind.info().name),
                );
                return Err(PassFailed);
            }
        }
        Ok(())
    }
}
