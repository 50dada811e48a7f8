//! Binding a call's arguments: which become operands and which attributes.
//!
//! With a schema, positional arguments fill the schema's positional parameters in order and
//! keyword arguments are matched by name. Tensor parameters become operands; every other
//! parameter becomes an attribute named as in the schema. When a schema has an optional or list
//! tensor parameter, `operandSegmentSizes` records how many operands each tensor parameter
//! gave, and a `Tensor?[]` parameter also records which entries were present
//! (`<name>_present`).
//!
//! Without a schema, graph values become operands in order and literals become attributes
//! named after their position (`arg1`, `arg2`, ...) or their keyword.

use melior::Context;
use melior::ir::attribute::DenseI32ArrayAttribute;
use melior::ir::{Attribute, Value};

use crate::error::FrontendError;
use crate::graph::{Expr, ExprKind};
use crate::literal::attribute;
use ttc_dialects::aten::{ArgType, PRESENT_SUFFIX, SEGMENT_SIZES_ATTR, Schema};

/// Operands and attributes of one op.
pub(crate) struct Bound<'c, 'b> {
    pub operands: Vec<Value<'c, 'b>>,
    pub attributes: Vec<(String, Attribute<'c>)>,
}

/// Resolves a reference to a graph value (placeholder, node or tuple element).
pub(crate) trait Resolve<'c, 'b> {
    fn value(&self, expr: &Expr) -> Result<Value<'c, 'b>, FrontendError>;
}

fn is_value(expr: &Expr) -> bool {
    matches!(expr.kind, ExprKind::Name(_) | ExprKind::GetItem { .. })
}

/// Binds `args` and `kwargs` of a call to `schema`'s parameters.
pub(crate) fn bind_with_schema<'c, 'b>(
    context: &'c Context,
    schema: &Schema,
    args: &[Expr],
    kwargs: &[(String, Expr)],
    resolve: &dyn Resolve<'c, 'b>,
    file: &str,
) -> Result<Bound<'c, 'b>, FrontendError> {
    let err = |pos, msg: String| FrontendError::at(file, pos, msg);
    let mut slots: Vec<Option<&Expr>> = vec![None; schema.args.len()];
    let positional: Vec<usize> = (0..schema.args.len())
        .filter(|&i| !schema.args[i].kw_only)
        .collect();
    if args.len() > positional.len() {
        return Err(err(
            args[positional.len()].pos,
            format!(
                "{} takes {} positional argument{}, found {}",
                schema.name,
                positional.len(),
                if positional.len() == 1 { "" } else { "s" },
                args.len()
            ),
        ));
    }
    for (value, &slot) in args.iter().zip(&positional) {
        slots[slot] = Some(value);
    }
    for (key, value) in kwargs {
        let Some(slot) = schema.args.iter().position(|a| &a.name == key) else {
            let names: Vec<&str> = schema.args.iter().map(|a| a.name.as_str()).collect();
            return Err(err(
                value.pos,
                format!(
                    "{} has no argument '{key}' (arguments: {})",
                    schema.name,
                    names.join(", ")
                ),
            ));
        };
        if slots[slot].is_some() {
            return Err(err(
                value.pos,
                format!("argument '{key}' of {} is given twice", schema.name),
            ));
        }
        slots[slot] = Some(value);
    }

    let mut bound = Bound {
        operands: Vec::new(),
        attributes: Vec::new(),
    };
    let mut segments: Vec<i32> = Vec::new();
    for (param, slot) in schema.args.iter().zip(slots) {
        if !param.ty.is_tensor_like() {
            let Some(value) = slot else { continue };
            if is_value(value) {
                return Err(err(
                    value.pos,
                    format!(
                        "argument '{}' of {} is a {}, found a graph value (symbolic values are not supported)",
                        param.name,
                        schema.name,
                        describe(&param.ty)
                    ),
                ));
            }
            if let Some(a) = attribute(context, value, Some(&param.ty), file)? {
                bound.attributes.push((param.name.clone(), a));
            }
            continue;
        }
        let before = bound.operands.len();
        match (slot, &param.ty) {
            (None, _) => {}
            (Some(v), _) if is_value(v) => bound.operands.push(resolve.value(v)?),
            (
                Some(Expr {
                    kind: ExprKind::List(items) | ExprKind::Tuple(items),
                    ..
                }),
                ArgType::TensorList,
            ) => {
                for item in items {
                    if !is_value(item) {
                        return Err(err(
                            item.pos,
                            format!("expected a tensor in '{}' of {}", param.name, schema.name),
                        ));
                    }
                    bound.operands.push(resolve.value(item)?);
                }
            }
            (
                Some(Expr {
                    kind: ExprKind::List(items) | ExprKind::Tuple(items),
                    ..
                }),
                ArgType::OptionalTensorList,
            ) => {
                let mut present = Vec::with_capacity(items.len());
                for item in items {
                    match &item.kind {
                        ExprKind::None => present.push(0),
                        _ if is_value(item) => {
                            bound.operands.push(resolve.value(item)?);
                            present.push(1);
                        }
                        _ => {
                            return Err(err(
                                item.pos,
                                format!(
                                    "expected a tensor or None in '{}' of {}",
                                    param.name, schema.name
                                ),
                            ));
                        }
                    }
                }
                let raw = unsafe {
                    mlir_sys::mlirDenseBoolArrayGet(
                        context.to_raw(),
                        present.len() as isize,
                        present.as_ptr(),
                    )
                };
                bound
                    .attributes
                    .push((format!("{}{PRESENT_SUFFIX}", param.name), unsafe {
                        Attribute::from_raw(raw)
                    }));
            }
            (Some(v), _) => {
                // A literal where the schema has a tensor (e.g. a Python number): keep it as an
                // attribute named after the parameter.
                if let Some(a) = attribute(context, v, None, file)? {
                    bound.attributes.push((param.name.clone(), a));
                }
            }
        }
        segments.push((bound.operands.len() - before) as i32);
    }
    if segments.iter().any(|&s| s != 1) {
        bound.attributes.push((
            SEGMENT_SIZES_ATTR.to_owned(),
            DenseI32ArrayAttribute::new(context, &segments).into(),
        ));
    }
    Ok(bound)
}

/// Binds the arguments of a call whose overload has no schema.
pub(crate) fn bind_without_schema<'c, 'b>(
    context: &'c Context,
    args: &[Expr],
    kwargs: &[(String, Expr)],
    resolve: &dyn Resolve<'c, 'b>,
    file: &str,
) -> Result<Bound<'c, 'b>, FrontendError> {
    let mut bound = Bound {
        operands: Vec::new(),
        attributes: Vec::new(),
    };
    let named = args
        .iter()
        .enumerate()
        .map(|(i, a)| (format!("arg{i}"), a))
        .chain(kwargs.iter().map(|(k, v)| (k.clone(), v)));
    for (name, value) in named {
        let items: Option<&Vec<Expr>> = match &value.kind {
            ExprKind::List(items) | ExprKind::Tuple(items)
                if !items.is_empty() && items.iter().all(is_value) =>
            {
                Some(items)
            }
            _ => None,
        };
        if is_value(value) {
            bound.operands.push(resolve.value(value)?);
        } else if let Some(items) = items {
            for item in items {
                bound.operands.push(resolve.value(item)?);
            }
        } else if let Some(a) = attribute(context, value, None, file)? {
            bound.attributes.push((name, a));
        }
    }
    Ok(bound)
}

fn describe(ty: &ArgType) -> String {
    match ty {
        ArgType::Tensor => "tensor".into(),
        ArgType::TensorList | ArgType::OptionalTensorList => "list of tensors".into(),
        ArgType::Int => "int".into(),
        ArgType::IntList => "list of ints".into(),
        ArgType::Float => "float".into(),
        ArgType::FloatList => "list of floats".into(),
        ArgType::Bool => "bool".into(),
        ArgType::BoolList => "list of bools".into(),
        ArgType::Scalar => "scalar".into(),
        ArgType::ScalarType => "dtype".into(),
        ArgType::Str => "string".into(),
        ArgType::Other(name) => name.clone(),
    }
}
