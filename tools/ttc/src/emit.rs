//! Emitting a Program: MLIR functions to the runtime's MLIR-free format.
//!
//! [`emit_function`] turns one `func.func` into a [`program::Function`]: arguments with their
//! graph names and roles, ops in order with operands grouped by the names the op's definition
//! gives them (ttnn: the `.td` operands; aten: the schema's tensor arguments), attributes by
//! name (aten: every literal argument of the schema, defaults filled in), result types with
//! their layouts, and the traced node each op came from (its name location).

use std::collections::{BTreeMap, HashMap};

use melior::ir::attribute::AttributeLike;
use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::r#type::{RankedTensorType, ShapedTypeLike};
use melior::ir::{Attribute, BlockLike, RegionLike, Type, TypeLike, Value, ValueLike};
use ttc_dialects::aten::view::{AtenOp, Literal};
use ttc_dialects::layout::{Layout, MemoryConfig, enum_attr_value};
use ttc_dialects::registry::AttrType;
use ttc_dialects::view::OpView;
use ttc_runtime::program::{
    self, Attr, Function, Input, LayoutSpec, Op, Operand, ResultDecl, TensorSpec, ValueId,
};

/// Ids of the values of one function.
#[derive(Default)]
struct Ids {
    ids: HashMap<usize, ValueId>,
}

impl Ids {
    fn of(&mut self, v: Value<'_, '_>) -> ValueId {
        let next = self.ids.len() as ValueId;
        *self.ids.entry(v.to_raw().ptr as usize).or_insert(next)
    }
}

/// The type of a value as a [`TensorSpec`].
pub fn tensor_spec(ty: Type<'_>) -> TensorSpec {
    if ty.to_string() == "!ttnn.device" {
        return TensorSpec {
            shape: vec![],
            element: String::new(),
            layout: None,
            device: true,
            unranked: false,
        };
    }
    let element = unsafe {
        if mlir_sys::mlirTypeIsAShaped(ty.to_raw()) {
            Type::from_raw(mlir_sys::mlirShapedTypeGetElementType(ty.to_raw())).to_string()
        } else {
            ty.to_string()
        }
    };
    match RankedTensorType::try_from(ty) {
        Ok(t) => {
            let shape = (0..t.rank())
                .map(|i| unsafe { mlir_sys::mlirShapedTypeGetDimSize(t.to_raw(), i as isize) })
                .collect();
            let layout = t
                .encoding()
                .and_then(|e| Layout::from_attribute(e).ok())
                .map(|l| LayoutSpec {
                    page: l.layout.to_string(),
                    dtype: l.dtype.to_string(),
                    buffer: l.buffer.to_string(),
                    memory_layout: l.placement.as_ref().map(|p| p.memory_layout.to_string()),
                    grid: l
                        .placement
                        .as_ref()
                        .filter(|p| p.grid.len() == 2)
                        .map(|p| [p.grid[0], p.grid[1]]),
                });
            TensorSpec {
                shape,
                element,
                layout,
                device: false,
                unranked: false,
            }
        }
        Err(_) => TensorSpec {
            shape: vec![],
            element,
            layout: None,
            device: false,
            unranked: true,
        },
    }
}

/// The node name and `file:line:col` of a location (`loc("addmm"("fw_0.txt":5:9))`).
fn location_parts(op: OperationRef<'_, '_>) -> (Option<String>, Option<String>) {
    let text = op.location().to_string();
    let body = text
        .strip_prefix("loc(")
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or("");
    if let Some(rest) = body.strip_prefix('"') {
        let Some(end) = rest.find('"') else {
            return (None, None);
        };
        let name = &rest[..end];
        let after = &rest[end + 1..];
        if let Some(inner) = after.strip_prefix('(').and_then(|a| a.strip_suffix(')')) {
            let file_loc = inner.replacen('"', "", 2);
            return (Some(name.to_owned()), Some(file_loc));
        }
        // A bare file location `loc("f.mlir":3:4)` has a colon right after the quote.
        if after.starts_with(':') {
            return (None, Some(format!("{name}{after}")));
        }
        return (Some(name.to_owned()), None);
    }
    (None, None)
}

fn attr_of(attr: Attribute<'_>, ty: AttrType, value_type: Option<Type<'_>>) -> Attr {
    let text = attr.to_string();
    match ty {
        AttrType::Bool => Attr::Bool(text == "true"),
        AttrType::I32 | AttrType::I64 => {
            Attr::Int(unsafe { mlir_sys::mlirIntegerAttrGetValueInt(attr.to_raw()) })
        }
        AttrType::F32 | AttrType::F64 => {
            Attr::Float(unsafe { mlir_sys::mlirFloatAttrGetValueDouble(attr.to_raw()) })
        }
        AttrType::String => Attr::Str(text.trim_matches('"').to_owned()),
        AttrType::DenseI64Array => {
            let n = unsafe { mlir_sys::mlirDenseArrayGetNumElements(attr.to_raw()) };
            Attr::Ints(
                (0..n)
                    .map(|i| unsafe { mlir_sys::mlirDenseI64ArrayGetElement(attr.to_raw(), i) })
                    .collect(),
            )
        }
        AttrType::Elements => {
            let ty = value_type.unwrap_or_else(|| unsafe {
                Type::from_raw(mlir_sys::mlirAttributeGetType(attr.to_raw()))
            });
            let spec = tensor_spec(ty);
            let plain = unsafe { Type::from_raw(mlir_sys::mlirAttributeGetType(attr.to_raw())) };
            let values = ttc_passes::fold_constants::dense_values(attr, plain).unwrap_or_default();
            Attr::Elements {
                shape: spec.shape,
                element: spec.element,
                values,
            }
        }
        AttrType::Any => {
            if attr.is_integer() {
                Attr::Int(unsafe { mlir_sys::mlirIntegerAttrGetValueInt(attr.to_raw()) })
            } else if attr.is_float() {
                Attr::Float(unsafe { mlir_sys::mlirFloatAttrGetValueDouble(attr.to_raw()) })
            } else {
                Attr::Str(text)
            }
        }
        AttrType::DataType => Attr::Str(
            enum_attr_value(&text, "data_type")
                .unwrap_or(&text)
                .to_owned(),
        ),
        AttrType::TensorLayout => Attr::Str(
            enum_attr_value(&text, "tensor_layout")
                .unwrap_or(&text)
                .to_owned(),
        ),
        AttrType::MathFidelity => Attr::Str(
            enum_attr_value(&text, "math_fidelity")
                .unwrap_or(&text)
                .to_owned(),
        ),
        AttrType::MemoryConfig => match MemoryConfig::parse(&text) {
            Ok(mc) => Attr::MemoryConfig {
                buffer: mc.buffer.to_string(),
                memory_layout: mc.memory_layout.to_string(),
            },
            Err(_) => Attr::Str(text),
        },
        AttrType::Symbol => Attr::Symbol(text.trim_start_matches('@').trim_matches('"').to_owned()),
    }
}

fn literal_attr(literal: &Literal<'_>) -> Attr {
    match literal {
        Literal::None => Attr::None,
        Literal::Int(v) => Attr::Int(*v),
        Literal::Float(v) => Attr::Float(*v),
        Literal::Bool(v) => Attr::Bool(*v),
        Literal::Str(s) => Attr::Str(s.clone()),
        Literal::Ints(v) => Attr::Ints(v.clone()),
        Literal::Floats(v) => Attr::Floats(v.clone()),
        Literal::Bools(v) => Attr::Bools(v.clone()),
        Literal::Type(t) => Attr::DType(t.to_string()),
        Literal::List(items) => Attr::List(items.iter().map(literal_attr).collect()),
    }
}

/// A raw attribute of an op with no schema or definition.
fn raw_attr(attr: Attribute<'_>) -> Attr {
    literal_attr(&ttc_dialects::aten::view::read_attribute(attr))
}

/// Emits one function.
pub fn emit_function(func: OperationRef<'_, '_>) -> Result<Function, String> {
    let name = func
        .attribute("sym_name")
        .map(|a| a.to_string().trim_matches('"').to_owned())
        .unwrap_or_default();
    let mut ids = Ids::default();
    let region = func.region(0).map_err(|_| "function without body")?;
    let block = region.first_block().ok_or("function without body")?;
    let arg_attrs = func.attribute("arg_attrs").ok();
    let mut inputs = Vec::new();
    for i in 0..block.argument_count() {
        let arg: Value = block.argument(i).expect("index in range").into();
        let get = |key: &str| -> Option<String> {
            let attrs = arg_attrs?;
            let dict = unsafe { mlir_sys::mlirArrayAttrGetElement(attrs.to_raw(), i as isize) };
            if dict.ptr.is_null() || !unsafe { mlir_sys::mlirAttributeIsADictionary(dict) } {
                return None;
            }
            let v = unsafe {
                mlir_sys::mlirDictionaryAttrGetElementByName(
                    dict,
                    melior::StringRef::new(key).to_raw(),
                )
            };
            if v.ptr.is_null() {
                return None;
            }
            Some(
                unsafe { Attribute::from_raw(v) }
                    .to_string()
                    .trim_matches('"')
                    .to_owned(),
            )
        };
        inputs.push(Input {
            id: ids.of(arg),
            name: get(ttc_frontend::import::ARG_NAME_ATTR),
            role: get(ttc_dialects::roles::ATTR),
            ty: tensor_spec(arg.r#type()),
        });
    }
    let mut ops = Vec::new();
    let mut outputs = Vec::new();
    let mut next = block.first_operation();
    while let Some(op) = next {
        next = op.next_in_block();
        let op_name = op.name().as_string_ref().as_str().unwrap_or("").to_owned();
        if op_name == "func.return" {
            outputs = op.operands().map(|v| ids.of(v)).collect();
            continue;
        }
        ops.push(emit_op(op, &op_name, &mut ids)?);
    }
    Ok(Function {
        name,
        inputs,
        ops,
        outputs,
    })
}

fn emit_op(op: OperationRef<'_, '_>, op_name: &str, ids: &mut Ids) -> Result<Op, String> {
    let mut operands = Vec::new();
    let mut attrs = BTreeMap::new();
    if let Some(view) = OpView::new(op) {
        let info = view.info();
        for (group, spec) in view.operand_groups().iter().zip(info.operands) {
            operands.push(Operand {
                name: spec.name.to_owned(),
                values: group.iter().map(|&v| Some(ids.of(v))).collect(),
            });
        }
        // (`result(0)` of an op without results would print the op into its error: costly.)
        let result_type = (op.result_count() > 0)
            .then(|| op.result(0).ok())
            .flatten()
            .map(|r| r.r#type());
        for a in info.attributes {
            if let Some(attr) = view.attribute(a.name) {
                attrs.insert(a.name.to_owned(), attr_of(attr, a.ty, result_type));
            }
        }
    } else if let Some(aten) = AtenOp::new(op)
        && let Some(schema) = aten.schema
    {
        for arg in &schema.args {
            if aten.is_tensor_arg(&arg.name) {
                let values = aten.tensors(&arg.name).unwrap_or_default();
                let present = aten.present_mask(&arg.name);
                let mut vals = Vec::new();
                if present.is_empty() {
                    vals.extend(values.iter().map(|&v| Some(ids.of(v))));
                } else {
                    let mut it = values.iter();
                    for p in present {
                        vals.push(if p {
                            it.next().map(|&v| ids.of(v))
                        } else {
                            None
                        });
                    }
                }
                // A Python number given for a `Tensor` argument (`add.Tensor(x, 0)`) is an
                // attribute of the argument's name.
                if vals.is_empty()
                    && let Ok(attr) = op.attribute(&arg.name)
                {
                    attrs.insert(arg.name.clone(), raw_attr(attr));
                }
                operands.push(Operand {
                    name: arg.name.clone(),
                    values: vals,
                });
            } else {
                let literal = aten
                    .literal(&arg.name)
                    .map_err(|e| format!("'{op_name}': argument '{}': {e}", arg.name))?;
                attrs.insert(arg.name.clone(), literal_attr(&literal));
            }
        }
    } else {
        // An op of no known definition (an unknown aten overload or `aten.operator`): operands
        // by position, attributes as written.
        for (i, v) in op.operands().enumerate() {
            operands.push(Operand {
                name: format!("arg{i}"),
                values: vec![Some(ids.of(v))],
            });
        }
        for i in 0..unsafe { mlir_sys::mlirOperationGetNumAttributes(op.to_raw()) } {
            let named = unsafe { mlir_sys::mlirOperationGetAttribute(op.to_raw(), i) };
            let name = unsafe {
                let s = mlir_sys::mlirIdentifierStr(named.name);
                String::from_utf8_lossy(std::slice::from_raw_parts(s.data as *const u8, s.length))
                    .into_owned()
            };
            attrs.insert(
                name,
                raw_attr(unsafe { Attribute::from_raw(named.attribute) }),
            );
        }
    }
    let results = op
        .results()
        .map(|r| {
            let v: Value = r.into();
            ResultDecl {
                id: ids.of(v),
                ty: tensor_spec(v.r#type()),
            }
        })
        .collect();
    let (node, loc) = location_parts(op);
    Ok(Op {
        name: op_name.to_owned(),
        operands,
        attrs,
        results,
        node,
        loc,
    })
}

/// Emits every function of a module (the entry first).
pub fn emit_functions(module: OperationRef<'_, '_>, entry: &str) -> Result<Vec<Function>, String> {
    let region = module.region(0).map_err(|_| "module without body")?;
    let block = region.first_block().ok_or("module without body")?;
    let mut functions = Vec::new();
    let mut next = block.first_operation();
    while let Some(op) = next {
        next = op.next_in_block();
        if op.name().as_string_ref().as_str() == Ok("func.func") {
            functions.push(emit_function(op)?);
        }
    }
    functions.sort_by_key(|f| f.name != entry);
    Ok(functions)
}

/// The program header fields for this build of ttc.
pub fn new_program(
    device: &str,
    entry: &str,
    functions: Vec<Function>,
    golden: Option<Function>,
    source_mlir: String,
) -> program::Program {
    program::Program {
        format: program::FORMAT.to_owned(),
        version: program::VERSION,
        producer: format!("ttc {}", env!("CARGO_PKG_VERSION")),
        device: device.to_owned(),
        entry: entry.to_owned(),
        functions,
        golden,
        source_mlir,
    }
}
