//! Graph-text values as MLIR: annotations as tensor types, literals as attributes.
//!
//! | graph text | MLIR |
//! |---|---|
//! | `"f32[1, 784]"`, `"f32[]"`, `"i64[s0]"` | `tensor<1x784xf32>`, `tensor<f32>`, `tensor<?xi64>` |
//! | `1`, `-2` | `1 : i64` (`1.0 : f64` where the schema wants a float) |
//! | `1e-05`, `inf`, `nan` | `1.0e-05 : f64` (MLIR prints non-finite values in hex) |
//! | `True` | `true` |
//! | `'tanh'` | `"tanh"` |
//! | `[1, 2]` / `[1.5]` / `[True]` | `array<i64: 1, 2>` / `array<f64: 1.5>` / `array<i1: true>` |
//! | other lists and tuples | `[...]` (array attribute of the elements) |
//! | `torch.float32`, `torch.int64`, `torch.bool` | `f32`, `i64`, `i1` (type attributes) |
//! | `torch.contiguous_format`, `torch.strided` | `"contiguous_format"`, `"strided"` |
//! | `device(type='cpu')`, `device(type='cuda', index=0)` | `"cpu"`, `"cuda:0"` |

use melior::Context;
use melior::ir::attribute::{
    ArrayAttribute, BoolAttribute, DenseI64ArrayAttribute, FloatAttribute, IntegerAttribute,
    StringAttribute, TypeAttribute,
};
use melior::ir::r#type::IntegerType;
use melior::ir::{Attribute, Type};

use crate::error::FrontendError;
use crate::graph::{Annotation, Dim, Expr, ExprKind};
use ttc_dialects::aten::ArgType;

/// The MLIR element type of a graph dtype abbreviation (`f32`, `b8`, ...).
pub fn element_type<'c>(context: &'c Context, dtype: &str) -> Option<Type<'c>> {
    let text = match dtype {
        "f32" => "f32",
        "f16" => "f16",
        "bf16" => "bf16",
        "f64" => "f64",
        "i64" => "i64",
        "i32" => "i32",
        "i16" => "i16",
        "i8" => "i8",
        "u8" => "ui8",
        "u16" => "ui16",
        "u32" => "ui32",
        "u64" => "ui64",
        "b8" => "i1",
        "c64" => "complex<f32>",
        "c128" => "complex<f64>",
        _ => return None,
    };
    Type::parse(context, text)
}

/// The MLIR element type of a `torch.<dtype>` constant (`float32`, `int64`, `bool`, ...).
pub fn torch_dtype<'c>(context: &'c Context, name: &str) -> Option<Type<'c>> {
    let abbreviation = match name {
        "float32" | "float" => "f32",
        "float16" | "half" => "f16",
        "bfloat16" => "bf16",
        "float64" | "double" => "f64",
        "int64" | "long" => "i64",
        "int32" | "int" => "i32",
        "int16" | "short" => "i16",
        "int8" => "i8",
        "uint8" => "u8",
        "uint16" => "u16",
        "uint32" => "u32",
        "uint64" => "u64",
        "bool" => "b8",
        "complex64" | "cfloat" => "c64",
        "complex128" | "cdouble" => "c128",
        _ => return None,
    };
    element_type(context, abbreviation)
}

/// The tensor type of an annotation.
pub fn tensor_type<'c>(
    context: &'c Context,
    ann: &Annotation,
    file: &str,
) -> Result<Type<'c>, FrontendError> {
    let Some(shape) = &ann.shape else {
        return Err(FrontendError::at(
            file,
            ann.pos,
            format!(
                "expected a tensor annotation such as \"f32[1, 784]\", found \"{}\"",
                ann.dtype
            ),
        ));
    };
    let element = element_type(context, &ann.dtype).ok_or_else(|| {
        FrontendError::at(
            file,
            ann.pos,
            format!(
                "expected a dtype (f32, f16, bf16, f64, i64, i32, i16, i8, u8, b8, c64, c128), found '{}'",
                ann.dtype
            ),
        )
    })?;
    let mut text = String::from("tensor<");
    for d in shape {
        match d {
            Dim::Static(v) if *v >= 0 => text.push_str(&format!("{v}x")),
            Dim::Static(v) => {
                return Err(FrontendError::at(
                    file,
                    ann.pos,
                    format!("expected a dimension size, found {v}"),
                ));
            }
            Dim::Symbolic(_) => text.push_str("?x"),
        }
    }
    text.push_str(&element.to_string());
    text.push('>');
    Type::parse(context, &text).ok_or_else(|| {
        FrontendError::at(
            file,
            ann.pos,
            format!("'{text}' is not a valid tensor type"),
        )
    })
}

/// Converts a literal to an attribute, guided by the schema type when there is one. `Ok(None)`
/// for `None`, which is recorded by leaving the attribute out.
pub fn attribute<'c>(
    context: &'c Context,
    value: &Expr,
    hint: Option<&ArgType>,
    file: &str,
) -> Result<Option<Attribute<'c>>, FrontendError> {
    let i64_type: Type<'c> = IntegerType::new(context, 64).into();
    let f64_type = Type::float64(context);
    let attr: Attribute<'c> = match &value.kind {
        ExprKind::None => return Ok(None),
        ExprKind::Int(v) => match hint {
            Some(ArgType::Float) => FloatAttribute::new(context, f64_type, *v as f64).into(),
            Some(ArgType::Bool) => BoolAttribute::new(context, *v != 0).into(),
            _ => IntegerAttribute::new(i64_type, *v).into(),
        },
        ExprKind::Float(v) => FloatAttribute::new(context, f64_type, *v).into(),
        ExprKind::Bool(b) => BoolAttribute::new(context, *b).into(),
        ExprKind::Str(s) => StringAttribute::new(context, s).into(),
        ExprKind::TorchConstant(name) => match torch_dtype(context, name) {
            Some(ty) => TypeAttribute::new(ty).into(),
            None => StringAttribute::new(context, name).into(),
        },
        ExprKind::List(items) | ExprKind::Tuple(items) => {
            list_attribute(context, items, hint, file)?
        }
        ExprKind::Call { target, kwargs, .. } if target == "device" => {
            let get = |key: &str| kwargs.iter().find(|(k, _)| k == key).map(|(_, v)| &v.kind);
            let kind = match get("type") {
                Some(ExprKind::Str(s)) => s.clone(),
                _ => {
                    return Err(FrontendError::at(
                        file,
                        value.pos,
                        "expected device(type='...')",
                    ));
                }
            };
            let text = match get("index") {
                Some(ExprKind::Int(i)) => format!("{kind}:{i}"),
                _ => kind,
            };
            StringAttribute::new(context, &text).into()
        }
        ExprKind::Call { target, .. } => {
            return Err(FrontendError::at(
                file,
                value.pos,
                format!("expected a literal argument, found a call to '{target}'"),
            ));
        }
        ExprKind::Name(n) | ExprKind::GetItem { base: n, .. } => {
            return Err(FrontendError::at(
                file,
                value.pos,
                format!("expected a literal argument, found the value '{n}'"),
            ));
        }
    };
    Ok(Some(attr))
}

fn list_attribute<'c>(
    context: &'c Context,
    items: &[Expr],
    hint: Option<&ArgType>,
    file: &str,
) -> Result<Attribute<'c>, FrontendError> {
    let all_int = items.iter().all(|e| matches!(e.kind, ExprKind::Int(_)));
    let all_float = items
        .iter()
        .all(|e| matches!(e.kind, ExprKind::Int(_) | ExprKind::Float(_)));
    let all_bool = items.iter().all(|e| matches!(e.kind, ExprKind::Bool(_)));
    let want_floats = matches!(hint, Some(ArgType::FloatList));
    let want_bools = matches!(hint, Some(ArgType::BoolList));
    if items.is_empty() || (all_int && !want_floats && !want_bools) {
        if items.is_empty() && want_floats {
            return Ok(Attribute::parse(context, "array<f64>").expect("valid"));
        }
        let values: Vec<i64> = items
            .iter()
            .filter_map(|e| {
                if let ExprKind::Int(v) = e.kind {
                    Some(v)
                } else {
                    None
                }
            })
            .collect();
        return Ok(DenseI64ArrayAttribute::new(context, &values).into());
    }
    if all_float && !all_bool {
        let values: Vec<f64> = items
            .iter()
            .map(|e| match e.kind {
                ExprKind::Int(v) => v as f64,
                ExprKind::Float(v) => v,
                _ => unreachable!("checked above"),
            })
            .collect();
        let raw = unsafe {
            mlir_sys::mlirDenseF64ArrayGet(context.to_raw(), values.len() as isize, values.as_ptr())
        };
        return Ok(unsafe { Attribute::from_raw(raw) });
    }
    if all_bool {
        let values: Vec<std::ffi::c_int> = items
            .iter()
            .map(|e| matches!(e.kind, ExprKind::Bool(true)) as std::ffi::c_int)
            .collect();
        let raw = unsafe {
            mlir_sys::mlirDenseBoolArrayGet(
                context.to_raw(),
                values.len() as isize,
                values.as_ptr(),
            )
        };
        return Ok(unsafe { Attribute::from_raw(raw) });
    }
    let mut elements = Vec::with_capacity(items.len());
    for item in items {
        match attribute(context, item, None, file)? {
            Some(a) => elements.push(a),
            None => elements.push(unit_attribute(context)),
        }
    }
    Ok(ArrayAttribute::new(context, &elements).into())
}

/// `unit`: stands for `None` inside a mixed list.
fn unit_attribute(context: &Context) -> Attribute<'_> {
    unsafe { Attribute::from_raw(mlir_sys::mlirUnitAttrGet(context.to_raw())) }
}
