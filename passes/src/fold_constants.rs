//! `ttir-fold-constants`: evaluate parameter-independent ttir subgraphs at compile time.
//!
//! Traced graphs compute position ids (`arange` + offsets), causal and padding masks
//! (comparisons of `arange`s, `where` with `-inf`), rotary tables and the like from constants
//! alone. Every ttir op whose operands are all known constants is evaluated here (in f64, then
//! rounded to its element type exactly as the typed result holds it); the values that feed
//! non-constant ops become `ttir.constant`s and the subgraph that computed them disappears.
//! Source ops (`full`, `arange`, `constant`) that feed only non-constant ops are left alone: they
//! are already as cheap as a constant. Results larger than [`MAX_ELEMENTS`] are not folded, so
//! weights of a model never end up duplicated in the IR.

use std::collections::HashMap;

use melior::Context;
use melior::ir::attribute::AttributeLike;
use melior::ir::operation::{OperationBuilder, OperationLike, OperationRef, WalkOrder, WalkResult};
use melior::ir::{Attribute, BlockLike, Identifier, Type, TypeLike, Value, ValueLike};
use ttc_dialects::view::OpView;
use ttc_dialects::{RegisteredOp, TtirOp};

use crate::legalize_aten::builder::{element_of, is_static_tensor, shape_of};
use crate::pass::{Anchor, Pass, PassFailed, PassInfo};

mod eval;
pub(crate) use eval::{Element, Tensor};

/// The largest constant the folder creates.
pub const MAX_ELEMENTS: i64 = 1 << 16;

/// Registry entry of `ttir-fold-constants`.
pub static INFO: PassInfo = PassInfo {
    name: "ttir-fold-constants",
    summary: "Evaluate ttir subgraphs that depend only on constants (position ids, masks) at compile time",
    anchor: Anchor::Module,
    options: &[],
    create: |_| Ok(Box::new(FoldConstants)),
};

struct FoldConstants;

impl Pass for FoldConstants {
    fn run(&self, module: OperationRef<'_, '_>) -> Result<(), PassFailed> {
        let ctx_ref = module.context();
        fold_module(unsafe { ctx_ref.to_ref() }, module)
    }
}

/// Folds every function of `module`.
pub fn fold_module(context: &Context, module: OperationRef<'_, '_>) -> Result<(), PassFailed> {
    let mut ops = Vec::new();
    module.walk(WalkOrder::PreOrder, |op| {
        if op
            .name()
            .as_string_ref()
            .as_str()
            .is_ok_and(|n| n.starts_with("ttir."))
        {
            ops.push(op.to_raw());
        }
        WalkResult::Advance
    });
    let mut known: HashMap<usize, Tensor> = HashMap::new();
    let mut folded: Vec<mlir_sys::MlirOperation> = Vec::new();
    for raw in &ops {
        let op = unsafe { OperationRef::from_raw(*raw) };
        let Some(view) = OpView::new(op) else {
            continue;
        };
        let RegisteredOp::Ttir(kind) = view.kind else {
            continue;
        };
        if op.result_count() != 1 {
            continue;
        }
        let result: Value = op.result(0).expect("one result").into();
        let ty = result.r#type();
        if !is_static_tensor(ty) || shape_of(ty).iter().product::<i64>() > MAX_ELEMENTS {
            continue;
        }
        let Some(element) = Element::of(element_of(ty)) else {
            continue;
        };
        let operands: Option<Vec<&Tensor>> = op.operands().map(|v| known.get(&key(v))).collect();
        let Some(operands) = operands else { continue };
        if let Some(value) = eval::evaluate(kind, &view, &operands, &shape_of(ty), element) {
            known.insert(key(result), value);
            folded.push(*raw);
        }
    }
    // Materialise the folded values that non-folded ops read, then erase what became dead.
    for raw in &folded {
        let op = unsafe { OperationRef::from_raw(*raw) };
        let view = OpView::new(op).expect("ttir op");
        let is_source = matches!(
            view.kind,
            RegisteredOp::Ttir(TtirOp::Full | TtirOp::Arange | TtirOp::Constant)
        );
        let result: Value = op.result(0).expect("one result").into();
        if is_source || !has_unfolded_user(result, &known) {
            continue;
        }
        let value = &known[&key(result)];
        let Some(attr) = dense_attribute(result.r#type(), value) else {
            continue;
        };
        let constant = OperationBuilder::new(TtirOp::Constant.info().name, op.location())
            .add_attributes(&[(Identifier::new(context, "value"), attr)])
            .add_results(&[result.r#type()])
            .build()
            .expect("ttir.constant builds");
        let block = op.block().expect("op in a block");
        let constant = block.insert_operation_before(op, constant);
        let new: Value = constant.result(0).expect("one result").into();
        replace_unfolded_uses(result, new, &known);
    }
    for raw in folded.iter().rev() {
        let op = unsafe { OperationRef::from_raw(*raw) };
        let result: Value = op.result(0).expect("one result").into();
        if !has_uses(result) {
            unsafe { mlir_sys::mlirOperationDestroy(*raw) };
        }
    }
    Ok(())
}

fn key(v: Value<'_, '_>) -> usize {
    v.to_raw().ptr as usize
}

fn has_uses(v: Value<'_, '_>) -> bool {
    !unsafe { mlir_sys::mlirOpOperandIsNull(mlir_sys::mlirValueGetFirstUse(v.to_raw())) }
}

/// The ops using `v`, as (owner, operand index).
fn uses(v: Value<'_, '_>) -> Vec<(mlir_sys::MlirOperation, isize)> {
    let mut out = Vec::new();
    let mut use_ = unsafe { mlir_sys::mlirValueGetFirstUse(v.to_raw()) };
    while !unsafe { mlir_sys::mlirOpOperandIsNull(use_) } {
        out.push(unsafe {
            (
                mlir_sys::mlirOpOperandGetOwner(use_),
                mlir_sys::mlirOpOperandGetOperandNumber(use_) as isize,
            )
        });
        use_ = unsafe { mlir_sys::mlirOpOperandGetNextUse(use_) };
    }
    out
}

fn folded_result(owner: mlir_sys::MlirOperation, known: &HashMap<usize, Tensor>) -> bool {
    let op = unsafe { OperationRef::from_raw(owner) };
    op.result_count() == 1 && known.contains_key(&key(op.result(0).expect("one result").into()))
}

fn has_unfolded_user(v: Value<'_, '_>, known: &HashMap<usize, Tensor>) -> bool {
    uses(v)
        .iter()
        .any(|(owner, _)| !folded_result(*owner, known))
}

fn replace_unfolded_uses(old: Value<'_, '_>, new: Value<'_, '_>, known: &HashMap<usize, Tensor>) {
    for (owner, index) in uses(old) {
        if !folded_result(owner, known) {
            unsafe { mlir_sys::mlirOperationSetOperand(owner, index, new.to_raw()) };
        }
    }
}

/// A dense elements attribute of `ty` holding `value`.
pub(crate) fn dense_attribute<'c>(ty: Type<'c>, value: &Tensor) -> Option<Attribute<'c>> {
    let raw_ty = ty.to_raw();
    let n = value.data.len() as isize;
    let element = element_of(ty);
    let attr = unsafe {
        match Element::of(element)? {
            Element::Bool => {
                let data: Vec<std::ffi::c_int> = value
                    .data
                    .iter()
                    .map(|&v| (v != 0.0) as std::ffi::c_int)
                    .collect();
                mlir_sys::mlirDenseElementsAttrBoolGet(raw_ty, n, data.as_ptr())
            }
            Element::Int { bits: 64, .. } => {
                let data: Vec<i64> = value.data.iter().map(|&v| v as i64).collect();
                mlir_sys::mlirDenseElementsAttrInt64Get(raw_ty, n, data.as_ptr())
            }
            Element::Int { bits: 32, .. } => {
                let data: Vec<i32> = value.data.iter().map(|&v| v as i32).collect();
                mlir_sys::mlirDenseElementsAttrInt32Get(raw_ty, n, data.as_ptr())
            }
            Element::Int { bits: 16, .. } => {
                let data: Vec<i16> = value.data.iter().map(|&v| v as i16).collect();
                mlir_sys::mlirDenseElementsAttrInt16Get(raw_ty, n, data.as_ptr())
            }
            Element::Int { bits: 8, .. } => {
                let data: Vec<i8> = value.data.iter().map(|&v| v as i8).collect();
                mlir_sys::mlirDenseElementsAttrInt8Get(raw_ty, n, data.as_ptr())
            }
            Element::Int { .. } => return None,
            Element::F64 => {
                mlir_sys::mlirDenseElementsAttrDoubleGet(raw_ty, n, value.data.as_ptr())
            }
            Element::F32 => {
                let data: Vec<f32> = value.data.iter().map(|&v| v as f32).collect();
                mlir_sys::mlirDenseElementsAttrFloatGet(raw_ty, n, data.as_ptr())
            }
            Element::BF16 => {
                let data: Vec<u16> = value
                    .data
                    .iter()
                    .map(|&v| half::bf16::from_f64(v).to_bits())
                    .collect();
                mlir_sys::mlirDenseElementsAttrBFloat16Get(raw_ty, n, data.as_ptr())
            }
            Element::F16 => {
                let data: Vec<u16> = value
                    .data
                    .iter()
                    .map(|&v| half::f16::from_f64(v).to_bits())
                    .collect();
                mlir_sys::mlirDenseElementsAttrFloat16Get(raw_ty, n, data.as_ptr())
            }
        }
    };
    if attr.ptr.is_null() {
        None
    } else {
        Some(unsafe { Attribute::from_raw(attr) })
    }
}

/// Reads a dense elements attribute (as `ttir.constant` holds it).
/// The values of a dense elements attribute of tensor type `ty`, row-major, as f64 (booleans
/// as 0 / 1); `None` for other attributes or element types.
pub fn dense_values(attr: Attribute<'_>, ty: Type<'_>) -> Option<Vec<f64>> {
    let element = Element::of(element_of(ty))?;
    read_dense(attr, &crate::ir::shape_of(ty), element).map(|t| t.data)
}

pub(crate) fn read_dense(attr: Attribute<'_>, shape: &[i64], element: Element) -> Option<Tensor> {
    let raw = attr.to_raw();
    if !unsafe { mlir_sys::mlirAttributeIsADenseElements(raw) } {
        return None;
    }
    let count: i64 = shape.iter().product();
    let splat = unsafe { mlir_sys::mlirDenseElementsAttrIsSplat(raw) };
    let half_data = unsafe { mlir_sys::mlirDenseElementsAttrGetRawData(raw) } as *const u16;
    let read = |i: isize| -> f64 {
        unsafe {
            match element {
                Element::Bool => mlir_sys::mlirDenseElementsAttrGetBoolValue(raw, i) as i64 as f64,
                Element::Int { bits: 64, .. } => {
                    mlir_sys::mlirDenseElementsAttrGetInt64Value(raw, i) as f64
                }
                Element::Int { bits: 32, .. } => {
                    mlir_sys::mlirDenseElementsAttrGetInt32Value(raw, i) as f64
                }
                Element::Int { bits: 16, .. } => {
                    mlir_sys::mlirDenseElementsAttrGetInt16Value(raw, i) as f64
                }
                Element::Int { .. } => mlir_sys::mlirDenseElementsAttrGetInt8Value(raw, i) as f64,
                Element::F64 => mlir_sys::mlirDenseElementsAttrGetDoubleValue(raw, i),
                Element::F32 => mlir_sys::mlirDenseElementsAttrGetFloatValue(raw, i) as f64,
                Element::BF16 => half::bf16::from_bits(*half_data.offset(i)).to_f64(),
                Element::F16 => half::f16::from_bits(*half_data.offset(i)).to_f64(),
            }
        }
    };
    let data = if splat {
        vec![read(0); count as usize]
    } else {
        (0..count as isize).map(read).collect()
    };
    Some(Tensor {
        shape: shape.to_vec(),
        data,
    })
}
