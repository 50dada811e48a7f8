//! `ttir-normalize-types`: the one place where element types are narrowed to what Wormhole
//! computes with.
//!
//! - 64-bit and signless 32-bit integers become `si32` (TTNN's INT32), unsigned 64-bit
//!   integers `ui32`;
//! - `f64` becomes `f32`, and `f16` becomes `bf16` (Wormhole has no f16 arithmetic);
//! - `i1` stays: booleans keep their meaning in ttir (comparisons, masks, `where`
//!   conditions); how they are stored is the TTNN layout's business.
//!
//! Every value, function argument and result is retyped; `ttir.constant` values are converted
//! (rounding as the new type holds them); `ttir.typecast`s that became conversions to the same
//! type disappear. Run it after `ttir-legalize-aten`: the function signature changes, so the
//! runtime converts inputs and outputs at the boundary.

use melior::ir::attribute::AttributeLike;
use melior::ir::operation::{OperationLike, OperationRef, WalkOrder, WalkResult};
use melior::ir::r#type::{FunctionType, RankedTensorType};
use melior::ir::{Attribute, BlockLike, RegionLike, Type, TypeLike, Value, ValueLike};
use ttc_dialects::view::OpView;
use ttc_dialects::{RegisteredOp, TtirOp};

use crate::fold_constants::{Element, read_dense};
use crate::legalize_aten::builder::{element_of, shape_of};
use crate::pass::{Anchor, Pass, PassFailed, PassInfo};

/// Registry entry of `ttir-normalize-types`.
pub static INFO: PassInfo = PassInfo {
    name: "ttir-normalize-types",
    summary: "Narrow element types to what the device computes with (i64 -> si32, f64 -> f32, f16 -> bf16)",
    anchor: Anchor::Module,
    options: &[],
    create: |_| Ok(Box::new(NormalizeTypes)),
};

struct NormalizeTypes;

/// The normalised element type, or `None` when it stays.
fn normalized_element<'c>(context: &'c melior::Context, element: Type<'c>) -> Option<Type<'c>> {
    let text = match element.to_string().as_str() {
        "i64" | "si64" | "i32" => "si32",
        "ui64" => "ui32",
        "f64" => "f32",
        "f16" => "bf16",
        _ => return None,
    };
    Type::parse(context, text)
}

/// `ty` with its element type normalised (tensors only).
fn normalized<'c>(context: &'c melior::Context, ty: Type<'c>) -> Option<Type<'c>> {
    let tensor = RankedTensorType::try_from(ty).ok()?;
    let element = normalized_element(context, element_of(ty))?;
    let dims: Vec<u64> = shape_of(ty).iter().map(|&d| d as u64).collect();
    Some(RankedTensorType::new(&dims, element, tensor.encoding()).into())
}

fn retype(context: &melior::Context, v: Value<'_, '_>) {
    if let Some(ty) = normalized(context, v.r#type()) {
        unsafe { mlir_sys::mlirValueSetType(v.to_raw(), ty.to_raw()) };
    }
}

impl Pass for NormalizeTypes {
    fn run(&self, module: OperationRef<'_, '_>) -> Result<(), PassFailed> {
        let ctx_ref = module.context();
        let context = unsafe { ctx_ref.to_ref() };
        let mut funcs = Vec::new();
        let mut ops = Vec::new();
        module.walk(WalkOrder::PreOrder, |op| {
            match op.name().as_string_ref().as_str() {
                Ok("func.func") => funcs.push(op.to_raw()),
                Ok("builtin.module") => {}
                _ => ops.push(op.to_raw()),
            }
            WalkResult::Advance
        });
        for raw in &funcs {
            let func = unsafe { OperationRef::from_raw(*raw) };
            let region = func.region(0).map_err(|_| PassFailed)?;
            if let Some(entry) = region.first_block() {
                for i in 0..entry.argument_count() {
                    retype(context, entry.argument(i).expect("index in range").into());
                }
            }
        }
        for raw in &ops {
            let op = unsafe { OperationRef::from_raw(*raw) };
            let old_types: Vec<Type> = op.results().map(|r| r.r#type()).collect();
            for r in op.results() {
                retype(context, r.into());
            }
            if let Some(view) = OpView::new(op)
                && view.kind == RegisteredOp::Ttir(TtirOp::Constant)
                && let Some(new_ty) = normalized(context, old_types[0])
            {
                convert_constant(op, old_types[0], new_ty)?;
            }
        }
        // Conversions that now convert to the same type.
        for raw in ops.iter().rev() {
            let op = unsafe { OperationRef::from_raw(*raw) };
            let is_cast =
                OpView::new(op).is_some_and(|v| v.kind == RegisteredOp::Ttir(TtirOp::Typecast));
            if is_cast
                && let (Ok(input), Ok(result)) = (op.operand(0), op.result(0))
                && input.r#type() == result.r#type()
            {
                unsafe {
                    mlir_sys::mlirValueReplaceAllUsesOfWith(result.to_raw(), input.to_raw());
                    mlir_sys::mlirOperationDestroy(*raw);
                }
            }
        }
        for raw in funcs {
            let func = unsafe { OperationRef::from_raw(raw) };
            let region = func.region(0).map_err(|_| PassFailed)?;
            let Some(entry) = region.first_block() else {
                continue;
            };
            let mut inputs = Vec::new();
            for i in 0..entry.argument_count() {
                let arg: Value = entry.argument(i).expect("index in range").into();
                inputs.push(arg.r#type());
            }
            let Ok(function_type) = func.attribute("function_type") else {
                continue;
            };
            let ty =
                unsafe { Type::from_raw(mlir_sys::mlirTypeAttrGetValue(function_type.to_raw())) };
            let fty = FunctionType::try_from(ty).map_err(|_| PassFailed)?;
            let results: Vec<Type> = (0..fty.result_count())
                .map(|i| {
                    let r = fty.result(i).expect("index in range");
                    normalized(context, r).unwrap_or(r)
                })
                .collect();
            let new_type = FunctionType::new(context, &inputs, &results);
            let attr: Attribute = melior::ir::attribute::TypeAttribute::new(new_type.into()).into();
            unsafe {
                mlir_sys::mlirOperationSetAttributeByName(
                    raw,
                    melior::StringRef::new("function_type").to_raw(),
                    attr.to_raw(),
                )
            };
        }
        Ok(())
    }
}

/// Rewrites a `ttir.constant`'s value for its new element type.
fn convert_constant(
    op: OperationRef<'_, '_>,
    old: Type<'_>,
    new: Type<'_>,
) -> Result<(), PassFailed> {
    let Ok(value) = op.attribute("value") else {
        return Ok(());
    };
    let (Some(from), Some(to)) = (Element::of(element_of(old)), Element::of(element_of(new)))
    else {
        return Err(PassFailed);
    };
    let Some(mut tensor) = read_dense(value, &shape_of(old), from) else {
        return Err(PassFailed);
    };
    tensor.data.iter_mut().for_each(|v| *v = to.round(*v));
    let Some(attr) = crate::fold_constants::dense_attribute(new, &tensor) else {
        return Err(PassFailed);
    };
    unsafe {
        mlir_sys::mlirOperationSetAttributeByName(
            op.to_raw(),
            melior::StringRef::new("value").to_raw(),
            attr.to_raw(),
        )
    };
    Ok(())
}
