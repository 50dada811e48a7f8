//! `convert-ttir-to-ttnn`: every ttir op becomes the TTNN library call that computes it.
//!
//! A full conversion: afterwards no ttir op is left, or the pass fails with a diagnostic at
//! the op it could not convert. [`lowering`] maps each ttir op (an exhaustive match, so a
//! new ttir op does not build until it has a lowering) either to a **rename**, a ttnn op with
//! the same operands and attributes (some renamed to the library's parameter names, float
//! attributes narrowed to the ttnn op's `f32`), or to a **rewrite** for the ops the library
//! spells differently: convolution and pooling on flattened channels-last tensors
//! ([`conv_pool`]), and the ops without a library counterpart, which are decomposed into ops
//! that have one ([`decompose`]).
//!
//! Types are left as they are: tensor types carry no layout until `ttnn-layout`. Ops that need
//! the device (creation ops, `conv2d`) take the function's `ttnn.get_device`, created once at
//! the top of the function.

mod conv_pool;
mod decompose;

use std::cell::Cell;

use melior::Context;
use melior::ir::attribute::{AttributeLike, FloatAttribute};
use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::{Attribute, BlockRef, Type, Value, ValueLike};
use ttc_dialects::diag;
use ttc_dialects::registry::AttrType;
use ttc_dialects::view::OpView;
use ttc_dialects::{RegisteredOp, TtirOp, TtnnOp};

use crate::ir::{At, Emitter, erase, nested_ops, replace_all_uses};
use crate::pass::{Anchor, Pass, PassFailed, PassInfo};

/// Registry entry of `convert-ttir-to-ttnn`.
pub static INFO: PassInfo = PassInfo {
    name: "convert-ttir-to-ttnn",
    summary: "Convert every ttir op to the TTNN library op (or ops) computing it",
    anchor: Anchor::Module,
    options: &[],
    create: |_| Ok(Box::new(ConvertTtirToTtnn)),
};

struct ConvertTtirToTtnn;

/// A rewrite: builds ttnn ops in place of the ttir op and returns its replacement values.
pub(crate) type RewriteFn = for<'c, 'a> fn(&Lower<'c, 'a>) -> Result<Vec<Value<'c, 'a>>, String>;

/// How one ttir op becomes ttnn.
pub(crate) enum Lowering {
    /// The ttnn op with the same operands, results and attributes; `(ttir, ttnn)` pairs rename
    /// attributes.
    Rename(TtnnOp, &'static [(&'static str, &'static str)]),
    /// A rewrite function and the ttnn ops it may produce.
    Rewrite(RewriteFn, &'static [TtnnOp]),
}

/// The lowering of every ttir op.
pub(crate) fn lowering(op: TtirOp) -> Lowering {
    use Lowering::{Rename, Rewrite};
    match op {
        TtirOp::Abs => Rename(TtnnOp::Abs, &[]),
        TtirOp::Neg => Rename(TtnnOp::Neg, &[]),
        TtirOp::Exp => Rename(TtnnOp::Exp, &[]),
        TtirOp::Log => Rename(TtnnOp::Log, &[]),
        TtirOp::Log1p => Rename(TtnnOp::Log1p, &[]),
        TtirOp::Expm1 => Rename(TtnnOp::Expm1, &[]),
        TtirOp::Sqrt => Rename(TtnnOp::Sqrt, &[]),
        TtirOp::Rsqrt => Rename(TtnnOp::Rsqrt, &[]),
        TtirOp::Reciprocal => Rename(TtnnOp::Reciprocal, &[]),
        TtirOp::Sigmoid => Rename(TtnnOp::Sigmoid, &[]),
        TtirOp::Tanh => Rename(TtnnOp::Tanh, &[]),
        TtirOp::Relu => Rename(TtnnOp::Relu, &[]),
        TtirOp::Silu => Rename(TtnnOp::Silu, &[]),
        TtirOp::Sin => Rename(TtnnOp::Sin, &[]),
        TtirOp::Cos => Rename(TtnnOp::Cos, &[]),
        TtirOp::Tan => Rename(TtnnOp::Tan, &[]),
        TtirOp::Asin => Rename(TtnnOp::Asin, &[]),
        TtirOp::Acos => Rename(TtnnOp::Acos, &[]),
        TtirOp::Atan => Rename(TtnnOp::Atan, &[]),
        TtirOp::Sinh => Rename(TtnnOp::Sinh, &[]),
        TtirOp::Cosh => Rename(TtnnOp::Cosh, &[]),
        TtirOp::Asinh => Rename(TtnnOp::Asinh, &[]),
        TtirOp::Acosh => Rename(TtnnOp::Acosh, &[]),
        TtirOp::Atanh => Rename(TtnnOp::Atanh, &[]),
        TtirOp::Erf => Rename(TtnnOp::Erf, &[]),
        TtirOp::Erfc => Rename(TtnnOp::Erfc, &[]),
        TtirOp::Floor => Rename(TtnnOp::Floor, &[]),
        TtirOp::Ceil => Rename(TtnnOp::Ceil, &[]),
        TtirOp::Round => Rename(TtnnOp::Round, &[]),
        TtirOp::Trunc => Rename(TtnnOp::Trunc, &[]),
        TtirOp::Sign => Rename(TtnnOp::Sign, &[]),
        TtirOp::Gelu => Rename(
            TtnnOp::Gelu,
            &[("approximate", "fast_and_approximate_mode")],
        ),
        TtirOp::LeakyRelu => Rename(TtnnOp::LeakyRelu, &[("slope", "negative_slope")]),
        TtirOp::Elu => Rename(TtnnOp::Elu, &[]),
        TtirOp::Clamp => Rename(TtnnOp::Clamp, &[]),
        TtirOp::LogicalNot => Rename(TtnnOp::LogicalNot, &[]),
        TtirOp::Isfinite => Rename(TtnnOp::Isfinite, &[]),
        TtirOp::Isnan => Rename(TtnnOp::Isnan, &[]),
        TtirOp::BitwiseNot => Rewrite(
            decompose::bitwise_not,
            &[TtnnOp::BitwiseNot, TtnnOp::LogicalNot],
        ),
        TtirOp::Typecast => Rewrite(
            decompose::typecast,
            &[TtnnOp::Typecast, TtnnOp::Ne, TtnnOp::Full],
        ),
        TtirOp::Add => Rename(TtnnOp::Add, &[]),
        TtirOp::Subtract => Rename(TtnnOp::Subtract, &[]),
        TtirOp::Multiply => Rename(TtnnOp::Multiply, &[]),
        TtirOp::Div => Rename(TtnnOp::Divide, &[]),
        TtirOp::Pow => Rename(TtnnOp::Pow, &[]),
        TtirOp::Maximum => Rename(TtnnOp::Maximum, &[]),
        TtirOp::Minimum => Rename(TtnnOp::Minimum, &[]),
        TtirOp::Remainder => Rename(TtnnOp::Remainder, &[]),
        TtirOp::Atan2 => Rename(TtnnOp::Atan2, &[]),
        TtirOp::BitwiseAnd => Rewrite(
            decompose::bitwise_binary,
            &[TtnnOp::BitwiseAnd, TtnnOp::LogicalAnd],
        ),
        TtirOp::BitwiseOr => Rewrite(
            decompose::bitwise_binary,
            &[TtnnOp::BitwiseOr, TtnnOp::LogicalOr],
        ),
        TtirOp::BitwiseXor => Rewrite(
            decompose::bitwise_binary,
            &[TtnnOp::BitwiseXor, TtnnOp::LogicalXor],
        ),
        TtirOp::Eq => Rename(TtnnOp::Eq, &[]),
        TtirOp::Ne => Rename(TtnnOp::Ne, &[]),
        TtirOp::Gt => Rename(TtnnOp::Gt, &[]),
        TtirOp::Ge => Rename(TtnnOp::Ge, &[]),
        TtirOp::Lt => Rename(TtnnOp::Lt, &[]),
        TtirOp::Le => Rename(TtnnOp::Le, &[]),
        TtirOp::LogicalAnd => Rename(TtnnOp::LogicalAnd, &[]),
        TtirOp::LogicalOr => Rename(TtnnOp::LogicalOr, &[]),
        TtirOp::LogicalXor => Rename(TtnnOp::LogicalXor, &[]),
        TtirOp::Where => Rename(TtnnOp::Where, &[]),
        TtirOp::Sum => Rewrite(decompose::reduce, &[TtnnOp::Sum]),
        TtirOp::Mean => Rewrite(decompose::reduce, &[TtnnOp::Mean]),
        TtirOp::Max => Rewrite(decompose::reduce, &[TtnnOp::Max]),
        TtirOp::Min => Rewrite(decompose::reduce, &[TtnnOp::Min]),
        TtirOp::Prod => Rewrite(decompose::prod, &[TtnnOp::Prod]),
        TtirOp::ReduceAnd => Rewrite(
            decompose::reduce_bool,
            &[TtnnOp::Min, TtnnOp::Ne, TtnnOp::Full],
        ),
        TtirOp::ReduceOr => Rewrite(
            decompose::reduce_bool,
            &[TtnnOp::Max, TtnnOp::Ne, TtnnOp::Full],
        ),
        TtirOp::Argmax => Rename(TtnnOp::Argmax, &[]),
        TtirOp::Cumsum => Rename(TtnnOp::Cumsum, &[]),
        TtirOp::Matmul => Rename(TtnnOp::Matmul, &[]),
        TtirOp::Linear => Rename(TtnnOp::Linear, &[]),
        TtirOp::Softmax => Rename(TtnnOp::Softmax, &[]),
        TtirOp::LogSoftmax => Rewrite(
            decompose::log_softmax,
            &[
                TtnnOp::Max,
                TtnnOp::Subtract,
                TtnnOp::Exp,
                TtnnOp::Sum,
                TtnnOp::Log,
            ],
        ),
        TtirOp::LayerNorm => Rewrite(
            decompose::last_dim_norm,
            &[TtnnOp::LayerNorm, TtnnOp::Reshape],
        ),
        TtirOp::RmsNorm => Rewrite(
            decompose::last_dim_norm,
            &[TtnnOp::RmsNorm, TtnnOp::Reshape],
        ),
        TtirOp::BatchNorm => Rewrite(decompose::batch_norm, &[TtnnOp::BatchNorm, TtnnOp::Reshape]),
        TtirOp::Conv2d => Rewrite(
            conv_pool::conv2d,
            &[TtnnOp::Conv2d, TtnnOp::Permute, TtnnOp::Reshape],
        ),
        TtirOp::MaxPool2d => Rewrite(
            conv_pool::pool2d,
            &[TtnnOp::MaxPool2d, TtnnOp::Permute, TtnnOp::Reshape],
        ),
        TtirOp::MaxPool2dWithIndices => Rewrite(
            conv_pool::pool2d,
            &[
                TtnnOp::MaxPool2dWithIndices,
                TtnnOp::Permute,
                TtnnOp::Reshape,
            ],
        ),
        TtirOp::AvgPool2d => Rewrite(
            conv_pool::pool2d,
            &[TtnnOp::AvgPool2d, TtnnOp::Permute, TtnnOp::Reshape],
        ),
        TtirOp::GlobalAvgPool2d => Rewrite(
            conv_pool::global_avg_pool2d,
            &[TtnnOp::GlobalAvgPool2d, TtnnOp::Permute],
        ),
        TtirOp::Reshape => Rewrite(decompose::reshape, &[TtnnOp::Reshape]),
        TtirOp::Transpose => Rename(TtnnOp::Transpose, &[]),
        TtirOp::Permute => Rename(TtnnOp::Permute, &[]),
        TtirOp::Broadcast => Rewrite(decompose::broadcast, &[TtnnOp::Reshape, TtnnOp::Repeat]),
        TtirOp::Repeat => Rename(TtnnOp::Repeat, &[("repeats", "repeat_dims")]),
        TtirOp::Slice => Rename(TtnnOp::Slice, &[("steps", "step")]),
        TtirOp::Pad => Rename(TtnnOp::Pad, &[]),
        TtirOp::Reverse => Rewrite(
            decompose::reverse,
            &[
                TtnnOp::Constant,
                TtnnOp::Embedding,
                TtnnOp::Permute,
                TtnnOp::Reshape,
            ],
        ),
        TtirOp::Concat => Rename(TtnnOp::Concat, &[]),
        TtirOp::Embedding => Rename(TtnnOp::Embedding, &[]),
        TtirOp::Gather => Rename(TtnnOp::Gather, &[]),
        TtirOp::IndexSelect => Rewrite(
            decompose::index_select,
            &[TtnnOp::Embedding, TtnnOp::Permute, TtnnOp::Reshape],
        ),
        TtirOp::Constant => Rewrite(decompose::constant, &[TtnnOp::Constant]),
        TtirOp::Full => Rewrite(decompose::full, &[TtnnOp::Full]),
        TtirOp::Arange => Rewrite(
            decompose::arange,
            &[
                TtnnOp::Arange,
                TtnnOp::Multiply,
                TtnnOp::Add,
                TtnnOp::Full,
                TtnnOp::Typecast,
            ],
        ),
        TtirOp::Rand => Rewrite(decompose::rand, &[TtnnOp::Rand]),
        TtirOp::ScaledDotProductAttention => Rewrite(
            decompose::attention,
            &[
                TtnnOp::ScaledDotProductAttention,
                TtnnOp::Where,
                TtnnOp::Full,
                TtnnOp::Constant,
                TtnnOp::Add,
                TtnnOp::Reshape,
                TtnnOp::Repeat,
            ],
        ),
    }
}

/// The context of one conversion: where to build, the op being replaced, the device.
pub(crate) struct Lower<'c, 'a> {
    pub e: Emitter<'c, 'a>,
    pub op: OperationRef<'c, 'a>,
    pub view: OpView<'c, 'a>,
    device: &'a DeviceSlot<'c, 'a>,
}

/// The function's `ttnn.get_device`, created on first use.
struct DeviceSlot<'c, 'a> {
    context: &'c Context,
    block: BlockRef<'c, 'a>,
    /// The function's location, given to the `get_device` it creates.
    location: melior::ir::Location<'c>,
    value: Cell<Option<Value<'c, 'a>>>,
}

impl<'c, 'a> DeviceSlot<'c, 'a> {
    fn get(&self) -> Value<'c, 'a> {
        if let Some(v) = self.value.get() {
            return v;
        }
        for op in crate::ir::block_ops(self.block) {
            if OpView::new(op).is_some_and(|v| v.kind == RegisteredOp::Ttnn(TtnnOp::GetDevice)) {
                crate::ir::move_to_block_start(op);
                let v: Value = op.result(0).expect("get_device has a result").into();
                self.value.set(Some(v));
                return v;
            }
        }
        let e = Emitter::new(self.context, At::Start(self.block), self.location);
        let ty = Type::parse(self.context, "!ttnn.device").expect("ttnn is registered");
        let v = e.one(TtnnOp::GetDevice.info().name, &[], &[], ty);
        self.value.set(Some(v));
        v
    }
}

impl<'c, 'a> Lower<'c, 'a> {
    /// The device handle of the function.
    pub fn device(&self) -> Value<'c, 'a> {
        self.device.get()
    }

    /// Operand `i` of the ttir op.
    pub fn operand(&self, i: usize) -> Value<'c, 'a> {
        self.op.operand(i).expect("operand index in range")
    }

    /// Result type `i` of the ttir op.
    pub fn result_type(&self, i: usize) -> Type<'c> {
        self.op.result(i).expect("result index in range").r#type()
    }

    /// Builds a single-result ttnn op.
    pub fn ttnn(
        &self,
        op: TtnnOp,
        operands: &[Value<'c, 'a>],
        attributes: &[(&str, Attribute<'c>)],
        result: Type<'c>,
    ) -> Value<'c, 'a> {
        self.e.one(op.info().name, operands, attributes, result)
    }
}

/// An attribute converted to the storage the ttnn op declares (f64 to f32 floats).
fn convert_attribute<'c>(context: &'c Context, attr: Attribute<'c>, ty: AttrType) -> Attribute<'c> {
    if ty == AttrType::F32 && attr.is_float() {
        let value = unsafe { mlir_sys::mlirFloatAttrGetValueDouble(attr.to_raw()) };
        return FloatAttribute::new(context, Type::float32(context), value).into();
    }
    attr
}

/// Builds `target` with the ttir op's operands, results and (renamed) attributes.
fn rename<'c, 'a>(
    l: &Lower<'c, 'a>,
    target: TtnnOp,
    renames: &[(&str, &str)],
) -> Result<Vec<Value<'c, 'a>>, String> {
    let source = l.view.info();
    let info = target.info();
    let mut attributes = Vec::new();
    for a in source.attributes {
        let Some(attr) = l.view.attribute(a.name) else {
            continue;
        };
        let name = renames
            .iter()
            .find(|(from, _)| *from == a.name)
            .map(|(_, to)| *to)
            .unwrap_or(a.name);
        let Some(spec) = info.attribute(name) else {
            return Err(format!("{} has no attribute '{name}'", info.name));
        };
        attributes.push((name, convert_attribute(l.e.context, attr, spec.ty)));
    }
    if let Some(segments) = l.view.attribute("operandSegmentSizes") {
        attributes.push(("operandSegmentSizes", segments));
    }
    let operands: Vec<Value> = l.op.operands().collect();
    let results: Vec<Type> = l.op.results().map(|r| r.r#type()).collect();
    let built = l.e.build(info.name, &operands, &attributes, &results);
    Ok(built.results().map(Into::into).collect())
}

impl Pass for ConvertTtirToTtnn {
    fn run(&self, module: OperationRef<'_, '_>) -> Result<(), PassFailed> {
        let ctx_ref = module.context();
        let context = unsafe { ctx_ref.to_ref() };
        let mut failed = false;
        for func in crate::ir::functions(module) {
            let Some(block) = crate::ir::entry_block(func) else {
                continue;
            };
            let slot = DeviceSlot {
                context,
                block,
                location: func.location(),
                value: Cell::new(None),
            };
            for op in nested_ops(func) {
                let Some(view) = OpView::new(op) else {
                    continue;
                };
                let RegisteredOp::Ttir(kind) = view.kind else {
                    continue;
                };
                let lower = Lower {
                    e: Emitter::new(context, At::Before(op), op.location()),
                    op,
                    view,
                    device: &slot,
                };
                let replaced = match lowering(kind) {
                    Lowering::Rename(target, renames) => rename(&lower, target, renames),
                    Lowering::Rewrite(rewrite, _) => rewrite(&lower),
                };
                match replaced {
                    Ok(values) => {
                        for (i, v) in values.into_iter().enumerate() {
                            let old: Value = op.result(i).expect("one value per result").into();
                            replace_all_uses(old, v);
                        }
                        erase(op);
                    }
                    Err(reason) => {
                        diag::emit_error(
                            op.location(),
                            &format!(
                                "'{}' op cannot be converted to ttnn: {reason}",
                                kind.info().name
                            ),
                        );
                        failed = true;
                    }
                }
            }
        }
        if failed { Err(PassFailed) } else { Ok(()) }
    }
}

/// The ttnn ops the lowering of `op` may produce.
pub fn produced_ops(op: TtirOp) -> Vec<TtnnOp> {
    match lowering(op) {
        Lowering::Rename(target, _) => vec![target],
        Lowering::Rewrite(_, produces) => produces.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every compute op of the ttnn dialect is the target of some lowering: the dialect holds
    /// no op the compiler cannot produce.
    #[test]
    fn every_library_op_is_produced() {
        let produced: std::collections::BTreeSet<TtnnOp> = TtirOp::ALL
            .iter()
            .flat_map(|&op| produced_ops(op))
            .collect();
        let layout_ops = [
            TtnnOp::GetDevice,
            TtnnOp::ToDevice,
            TtnnOp::FromDevice,
            TtnnOp::ToLayout,
            TtnnOp::ToMemoryConfig,
            TtnnOp::Deallocate,
            TtnnOp::ConvertLayout,
            TtnnOp::LoadCached,
        ];
        for &op in TtnnOp::ALL {
            assert!(
                produced.contains(&op) || layout_ops.contains(&op),
                "{} is produced by no lowering",
                op.info().name
            );
        }
    }

    /// Every renamed op's attributes exist on the ttnn op, with a compatible storage type.
    #[test]
    fn renames_keep_every_attribute() {
        for &op in TtirOp::ALL {
            let Lowering::Rename(target, renames) = lowering(op) else {
                continue;
            };
            let info = target.info();
            for a in op.info().attributes {
                let name = renames
                    .iter()
                    .find(|(from, _)| *from == a.name)
                    .map(|(_, to)| *to)
                    .unwrap_or(a.name);
                let spec = info.attribute(name).unwrap_or_else(|| {
                    panic!("{} lacks {name} (from {})", info.name, op.info().name)
                });
                let compatible =
                    spec.ty == a.ty || (spec.ty == AttrType::F32 && a.ty == AttrType::F64);
                assert!(
                    compatible,
                    "{}.{name}: {:?} vs {:?}",
                    info.name, spec.ty, a.ty
                );
            }
            assert_eq!(
                op.info().operands.len(),
                info.operands.len(),
                "{} and {} have different operand groups",
                op.info().name,
                info.name
            );
        }
    }
}
