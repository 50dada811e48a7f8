//! Typed access to an imported aten op: tensor arguments by schema name, literal arguments with
//! the schema's defaults applied.

use melior::ir::attribute::AttributeLike;
use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::{Attribute, Type, Value};

use super::{ArgType, PRESENT_SUFFIX, SEGMENT_SIZES_ATTR, Schema, SchemaArg, SchemaTable};

/// The value of a literal argument.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal<'c> {
    /// `None`, given or by default.
    None,
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A bool.
    Bool(bool),
    /// A string (also enum-like defaults such as `contiguous_format`).
    Str(String),
    /// A list of integers.
    Ints(Vec<i64>),
    /// A list of floats.
    Floats(Vec<f64>),
    /// A list of bools.
    Bools(Vec<bool>),
    /// A dtype.
    Type(Type<'c>),
    /// Any other list.
    List(Vec<Literal<'c>>),
}

impl Literal<'_> {
    /// The value as a number, for `Scalar` arguments.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Literal::Int(v) => Some(*v as f64),
            Literal::Float(v) => Some(*v),
            Literal::Bool(b) => Some(*b as i64 as f64),
            _ => None,
        }
    }
}

/// An aten op with its schema (when the table has one).
#[derive(Clone, Copy)]
pub struct AtenOp<'c, 'a> {
    /// The op.
    pub op: OperationRef<'c, 'a>,
    /// The schema of its overload.
    pub schema: Option<&'static Schema>,
}

impl<'c, 'a> AtenOp<'c, 'a> {
    /// Views `op` if it is an aten op (not `aten.operator`).
    pub fn new(op: OperationRef<'c, 'a>) -> Option<Self> {
        let name = op.name();
        let name = name.as_string_ref().as_str().ok()?;
        if !name.starts_with("aten.") || name == super::OPERATOR_OP {
            return None;
        }
        Some(AtenOp {
            op,
            schema: SchemaTable::builtin().get(name),
        })
    }

    /// The overload name, `aten.addmm.default`.
    pub fn name(&self) -> String {
        self.op
            .name()
            .as_string_ref()
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    fn arg(&self, name: &str) -> Result<&'static SchemaArg, String> {
        let schema = self
            .schema
            .ok_or_else(|| format!("{} has no schema", self.name()))?;
        schema
            .arg(name)
            .ok_or_else(|| format!("{} has no argument '{name}'", schema.name))
    }

    /// The operands of tensor argument `name`, in order (empty when it was `None`).
    pub fn tensors(&self, name: &str) -> Result<Vec<Value<'c, 'a>>, String> {
        let schema = self
            .schema
            .ok_or_else(|| format!("{} has no schema", self.name()))?;
        let tensor_args: Vec<&SchemaArg> = schema
            .args
            .iter()
            .filter(|a| a.ty.is_tensor_like())
            .collect();
        let index = tensor_args
            .iter()
            .position(|a| a.name == name)
            .ok_or_else(|| format!("{} has no tensor argument '{name}'", schema.name))?;
        let sizes: Vec<usize> = match self.op.attribute(SEGMENT_SIZES_ATTR) {
            Ok(attr) => {
                let n = unsafe { mlir_sys::mlirDenseArrayGetNumElements(attr.to_raw()) };
                (0..n)
                    .map(
                        |i| unsafe { mlir_sys::mlirDenseI32ArrayGetElement(attr.to_raw(), i) }
                            as usize,
                    )
                    .collect()
            }
            Err(_) => vec![1; tensor_args.len()],
        };
        let start: usize = sizes.iter().take(index).sum();
        let count = sizes.get(index).copied().unwrap_or(0);
        (start..start + count)
            .map(|i| {
                self.op
                    .operand(i)
                    .map_err(|e| format!("{}: {e}", self.name()))
            })
            .collect()
    }

    /// The single operand of tensor argument `name`, if given.
    pub fn tensor(&self, name: &str) -> Result<Option<Value<'c, 'a>>, String> {
        Ok(self.tensors(name)?.first().copied())
    }

    /// The operand of a tensor argument that must be present.
    pub fn required_tensor(&self, name: &str) -> Result<Value<'c, 'a>, String> {
        self.tensor(name)?
            .ok_or_else(|| format!("{}: argument '{name}' is missing", self.name()))
    }

    /// For a `Tensor?[]` argument, which entries were tensors.
    pub fn present_mask(&self, name: &str) -> Vec<bool> {
        match self.op.attribute(&format!("{name}{PRESENT_SUFFIX}")) {
            Ok(attr) => {
                let n = unsafe { mlir_sys::mlirDenseArrayGetNumElements(attr.to_raw()) };
                (0..n)
                    .map(|i| unsafe { mlir_sys::mlirDenseBoolArrayGetElement(attr.to_raw(), i) })
                    .collect()
            }
            Err(_) => self
                .tensors(name)
                .map(|v| vec![true; v.len()])
                .unwrap_or_default(),
        }
    }

    /// The value of literal argument `name`: its attribute, else the schema default, else None.
    pub fn literal(&self, name: &str) -> Result<Literal<'c>, String> {
        let arg = self.arg(name)?;
        if let Ok(attr) = self.op.attribute(name) {
            return Ok(read_attribute(attr));
        }
        Ok(match &arg.default {
            Some(text) => parse_default(text, arg),
            None => Literal::None,
        })
    }

    /// An integer argument.
    pub fn int(&self, name: &str) -> Result<i64, String> {
        match self.literal(name)? {
            Literal::Int(v) => Ok(v),
            Literal::Bool(b) => Ok(b as i64),
            other => Err(format!(
                "{}: argument '{name}' is {other:?}, expected an integer",
                self.name()
            )),
        }
    }

    /// An optional integer argument.
    pub fn opt_int(&self, name: &str) -> Result<Option<i64>, String> {
        match self.literal(name)? {
            Literal::None => Ok(None),
            _ => self.int(name).map(Some),
        }
    }

    /// A float (or Scalar) argument.
    pub fn float(&self, name: &str) -> Result<f64, String> {
        let lit = self.literal(name)?;
        lit.as_f64().ok_or_else(|| {
            format!(
                "{}: argument '{name}' is {lit:?}, expected a number",
                self.name()
            )
        })
    }

    /// An optional float (or Scalar) argument.
    pub fn opt_float(&self, name: &str) -> Result<Option<f64>, String> {
        match self.literal(name)? {
            Literal::None => Ok(None),
            lit => lit.as_f64().map(Some).ok_or_else(|| {
                format!(
                    "{}: argument '{name}' is {lit:?}, expected a number",
                    self.name()
                )
            }),
        }
    }

    /// A bool argument.
    pub fn bool(&self, name: &str) -> Result<bool, String> {
        match self.literal(name)? {
            Literal::Bool(b) => Ok(b),
            Literal::Int(v) => Ok(v != 0),
            other => Err(format!(
                "{}: argument '{name}' is {other:?}, expected a bool",
                self.name()
            )),
        }
    }

    /// An int-list argument; a single integer stands for a list of the schema's length.
    pub fn ints(&self, name: &str) -> Result<Vec<i64>, String> {
        let arg = self.arg(name)?;
        match self.literal(name)? {
            Literal::Ints(v) => Ok(v),
            Literal::Int(v) => Ok(vec![v; arg.list_len.unwrap_or(1)]),
            Literal::List(items) if items.is_empty() => Ok(vec![]),
            other => Err(format!(
                "{}: argument '{name}' is {other:?}, expected a list of integers",
                self.name()
            )),
        }
    }

    /// An optional int-list argument.
    pub fn opt_ints(&self, name: &str) -> Result<Option<Vec<i64>>, String> {
        match self.literal(name)? {
            Literal::None => Ok(None),
            _ => self.ints(name).map(Some),
        }
    }

    /// A dtype argument (`ScalarType?`), `None` when absent.
    pub fn dtype(&self, name: &str) -> Result<Option<Type<'c>>, String> {
        match self.literal(name)? {
            Literal::None => Ok(None),
            Literal::Type(t) => Ok(Some(t)),
            other => Err(format!(
                "{}: argument '{name}' is {other:?}, expected a dtype",
                self.name()
            )),
        }
    }

    /// A string argument.
    pub fn string(&self, name: &str) -> Result<String, String> {
        match self.literal(name)? {
            Literal::Str(s) => Ok(s),
            other => Err(format!(
                "{}: argument '{name}' is {other:?}, expected a string",
                self.name()
            )),
        }
    }

    /// Whether the schema's argument `name` is a tensor.
    pub fn is_tensor_arg(&self, name: &str) -> bool {
        self.arg(name).is_ok_and(|a| a.ty.is_tensor_like())
    }

    /// The schema type of argument `name`.
    pub fn arg_type(&self, name: &str) -> Option<&'static ArgType> {
        self.arg(name).ok().map(|a| &a.ty)
    }
}

/// Reads an attribute written by the importer.
pub fn read_attribute(attr: Attribute<'_>) -> Literal<'_> {
    let raw = attr.to_raw();
    unsafe {
        if mlir_sys::mlirAttributeIsABool(raw) {
            return Literal::Bool(mlir_sys::mlirBoolAttrGetValue(raw));
        }
        if attr.is_integer() {
            return Literal::Int(mlir_sys::mlirIntegerAttrGetValueInt(raw));
        }
        if attr.is_float() {
            return Literal::Float(mlir_sys::mlirFloatAttrGetValueDouble(raw));
        }
        if attr.is_string() {
            let s = mlir_sys::mlirStringAttrGetValue(raw);
            let bytes = std::slice::from_raw_parts(s.data as *const u8, s.length);
            return Literal::Str(String::from_utf8_lossy(bytes).into_owned());
        }
        if mlir_sys::mlirAttributeIsAType(raw) {
            return Literal::Type(Type::from_raw(mlir_sys::mlirTypeAttrGetValue(raw)));
        }
        if mlir_sys::mlirAttributeIsAUnit(raw) {
            return Literal::None;
        }
        if mlir_sys::mlirAttributeIsADenseI64Array(raw) {
            let n = mlir_sys::mlirDenseArrayGetNumElements(raw);
            return Literal::Ints(
                (0..n)
                    .map(|i| mlir_sys::mlirDenseI64ArrayGetElement(raw, i))
                    .collect(),
            );
        }
        if mlir_sys::mlirAttributeIsADenseF64Array(raw) {
            let n = mlir_sys::mlirDenseArrayGetNumElements(raw);
            return Literal::Floats(
                (0..n)
                    .map(|i| mlir_sys::mlirDenseF64ArrayGetElement(raw, i))
                    .collect(),
            );
        }
        if mlir_sys::mlirAttributeIsADenseBoolArray(raw) {
            let n = mlir_sys::mlirDenseArrayGetNumElements(raw);
            return Literal::Bools(
                (0..n)
                    .map(|i| mlir_sys::mlirDenseBoolArrayGetElement(raw, i))
                    .collect(),
            );
        }
        if mlir_sys::mlirAttributeIsAArray(raw) {
            let n = mlir_sys::mlirArrayAttrGetNumElements(raw);
            return Literal::List(
                (0..n)
                    .map(|i| {
                        read_attribute(Attribute::from_raw(mlir_sys::mlirArrayAttrGetElement(
                            raw, i,
                        )))
                    })
                    .collect(),
            );
        }
    }
    Literal::Str(attr.to_string())
}

/// Reads a schema default (`1`, `-1`, `1e-05`, `True`, `None`, `[]`, `[0, 0]`, `"none"`).
fn parse_default<'c>(text: &str, arg: &SchemaArg) -> Literal<'c> {
    let text = text.trim();
    match text {
        "None" => return Literal::None,
        "True" => return Literal::Bool(true),
        "False" => return Literal::Bool(false),
        _ => {}
    }
    if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        let items: Vec<&str> = inner
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if let Ok(ints) = items
            .iter()
            .map(|i| i.parse::<i64>())
            .collect::<Result<Vec<_>, _>>()
        {
            // `int[2] stride=[]` means "the kernel size"; the caller handles empty lists.
            return Literal::Ints(ints);
        }
        if let Ok(floats) = items
            .iter()
            .map(|i| i.parse::<f64>())
            .collect::<Result<Vec<_>, _>>()
        {
            return Literal::Floats(floats);
        }
        return Literal::List(
            items
                .iter()
                .map(|i| Literal::Str((*i).to_owned()))
                .collect(),
        );
    }
    if let Ok(v) = text.parse::<i64>() {
        return match arg.ty {
            ArgType::Float => Literal::Float(v as f64),
            ArgType::Bool => Literal::Bool(v != 0),
            _ => Literal::Int(v),
        };
    }
    if let Ok(v) = text.parse::<f64>() {
        return Literal::Float(v);
    }
    Literal::Str(text.trim_matches(|c| c == '"' || c == '\'').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arg(ty: ArgType) -> SchemaArg {
        SchemaArg {
            name: "x".into(),
            ty,
            optional: false,
            default: None,
            kw_only: false,
            list_len: None,
        }
    }

    #[test]
    fn defaults() {
        assert_eq!(parse_default("1", &arg(ArgType::Scalar)), Literal::Int(1));
        assert_eq!(
            parse_default("1", &arg(ArgType::Float)),
            Literal::Float(1.0)
        );
        assert_eq!(
            parse_default("1e-05", &arg(ArgType::Float)),
            Literal::Float(1e-5)
        );
        assert_eq!(
            parse_default("False", &arg(ArgType::Bool)),
            Literal::Bool(false)
        );
        assert_eq!(parse_default("None", &arg(ArgType::Int)), Literal::None);
        assert_eq!(
            parse_default("[]", &arg(ArgType::IntList)),
            Literal::Ints(vec![])
        );
        assert_eq!(
            parse_default("[0, 0]", &arg(ArgType::IntList)),
            Literal::Ints(vec![0, 0])
        );
        assert_eq!(
            parse_default("\"none\"", &arg(ArgType::Str)),
            Literal::Str("none".into())
        );
        assert_eq!(
            parse_default("0.", &arg(ArgType::Float)),
            Literal::Float(0.0)
        );
    }
}
