//! Typed access to an op's operands and attributes, with errors that say what is wrong.
//!
//! Operands are the schema's tensor arguments by name; attributes its literal arguments (with
//! defaults filled in by the emitter, but every accessor also takes the schema's default so a
//! hand-written graph may leave them out). A schema `Tensor` argument written as a Python
//! number (`aten.mul.Tensor(x, 0.5)`) is read from the attribute of the same name.

use std::collections::HashMap;

use crate::program::{Attr, Op, ValueId};
use crate::tensor::{Kind, Tensor};

/// The values of a run: the caller's inputs (borrowed) and what the ops computed.
#[derive(Default)]
pub struct Env<'a> {
    pub inputs: HashMap<ValueId, &'a Tensor>,
    pub values: HashMap<ValueId, Tensor>,
}

impl Env<'_> {
    pub fn get(&self, id: ValueId) -> Option<&Tensor> {
        self.values
            .get(&id)
            .or_else(|| self.inputs.get(&id).copied())
    }
}

/// Why an op failed.
#[derive(Debug)]
pub enum Fail {
    /// Its operands or attributes are not what the op accepts.
    Invalid(String),
    /// The golden reference has no implementation of the overload.
    Unsupported,
    /// The op draws random numbers.
    Random,
}

impl From<String> for Fail {
    fn from(message: String) -> Fail {
        Fail::Invalid(message)
    }
}

/// Shorthand for an invalid-argument failure.
pub fn fail<T>(message: impl Into<String>) -> Result<T, Fail> {
    Err(Fail::Invalid(message.into()))
}

/// A Python number: aten's `Scalar`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
}

impl Scalar {
    pub fn kind(self) -> Kind {
        match self {
            Scalar::Bool(_) => Kind::Bool,
            Scalar::Int(_) => Kind::Int,
            Scalar::Float(_) => Kind::Float,
        }
    }

    pub fn as_f64(self) -> f64 {
        match self {
            Scalar::Bool(b) => b as i64 as f64,
            Scalar::Int(v) => v as f64,
            Scalar::Float(v) => v,
        }
    }

    /// The value as an integer (floats truncate, as a cast to an integer dtype does).
    pub fn as_i64(self) -> i64 {
        match self {
            Scalar::Bool(b) => b as i64,
            Scalar::Int(v) => v,
            Scalar::Float(v) => v as i64,
        }
    }

    /// A 0-d tensor of `kind` holding the scalar.
    pub fn tensor_of(self, kind: Kind) -> Tensor {
        match kind {
            Kind::Float => Tensor::f32(vec![], vec![self.as_f64() as f32]),
            Kind::Int => Tensor::i64(vec![], vec![self.as_i64()]),
            Kind::Bool => Tensor::bool(vec![], vec![self.as_f64() != 0.0]),
        }
    }

    fn of_attr(attr: &Attr) -> Option<Scalar> {
        match attr {
            Attr::Bool(b) => Some(Scalar::Bool(*b)),
            Attr::Int(v) => Some(Scalar::Int(*v)),
            Attr::Float(v) => Some(Scalar::Float(*v)),
            // Non-finite floats have no JSON number; accept them spelled out.
            Attr::Str(s) => match s.as_str() {
                "inf" | "+inf" | "Infinity" => Some(Scalar::Float(f64::INFINITY)),
                "-inf" | "-Infinity" => Some(Scalar::Float(f64::NEG_INFINITY)),
                "nan" | "NaN" => Some(Scalar::Float(f64::NAN)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A `Tensor` argument that may have been written as a number.
pub enum Val<'a> {
    T(&'a Tensor),
    S(Scalar),
}

impl Val<'_> {
    pub fn kind(&self) -> Kind {
        match self {
            Val::T(t) => t.kind(),
            Val::S(s) => s.kind(),
        }
    }

    pub fn shape(&self) -> &[usize] {
        match self {
            Val::T(t) => &t.shape,
            Val::S(_) => &[],
        }
    }

    /// The value as a tensor of `kind`.
    pub fn tensor_of(&self, kind: Kind) -> Tensor {
        match self {
            Val::T(t) => t.convert(kind),
            Val::S(s) => s.tensor_of(kind),
        }
    }
}

/// An element-type attribute (`f32`, `i64`, `i1`, ...) as the form it is held in.
pub fn kind_of_dtype(dtype: &str) -> Result<Kind, Fail> {
    Kind::of_element(dtype).ok_or_else(|| Fail::Invalid(format!("unknown dtype '{dtype}'")))
}

/// One op in the context of a run.
pub struct Ctx<'a> {
    pub op: &'a Op,
    env: &'a Env<'a>,
}

impl<'a> Ctx<'a> {
    pub fn new(op: &'a Op, env: &'a Env<'a>) -> Ctx<'a> {
        Ctx { op, env }
    }

    fn group(&self, name: &str) -> Option<&'a [Option<ValueId>]> {
        self.op
            .operands
            .iter()
            .find(|o| o.name == name)
            .map(|o| o.values.as_slice())
    }

    fn value(&self, name: &str, id: ValueId) -> Result<&'a Tensor, Fail> {
        self.env.get(id).ok_or_else(|| {
            Fail::Invalid(format!(
                "operand '{name}' is value {id}, which no earlier op defines"
            ))
        })
    }

    /// The optional single tensor operand `name`.
    pub fn opt_tensor(&self, name: &str) -> Result<Option<&'a Tensor>, Fail> {
        match self.group(name) {
            None => Ok(None),
            Some(values) => match values {
                [] | [None] => Ok(None),
                [Some(id)] => self.value(name, *id).map(Some),
                _ => fail(format!(
                    "operand '{name}' has {} values where one is expected",
                    values.len()
                )),
            },
        }
    }

    /// The single tensor operand `name`.
    pub fn tensor(&self, name: &str) -> Result<&'a Tensor, Fail> {
        match self.opt_tensor(name)? {
            Some(t) => Ok(t),
            None if self.op.attr(name).is_some() => fail(format!(
                "operand '{name}' is a number where the op needs a tensor"
            )),
            None => fail(format!("operand '{name}' is missing")),
        }
    }

    /// The tensor-list operand `name` (`Tensor[]`); absent entries are errors.
    pub fn tensors(&self, name: &str) -> Result<Vec<&'a Tensor>, Fail> {
        self.opt_tensors(name)?
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                t.ok_or_else(|| Fail::Invalid(format!("operand '{name}' entry {i} is absent")))
            })
            .collect()
    }

    /// The optional-tensor-list operand `name` (`Tensor?[]`), `None` for absent entries.
    pub fn opt_tensors(&self, name: &str) -> Result<Vec<Option<&'a Tensor>>, Fail> {
        let Some(values) = self.group(name) else {
            return fail(format!("operand '{name}' is missing"));
        };
        values
            .iter()
            .map(|v| v.map(|id| self.value(name, id)).transpose())
            .collect()
    }

    /// A `Tensor` argument that may be a number (read from the attribute of that name).
    pub fn tensor_or_scalar(&self, name: &str) -> Result<Val<'a>, Fail> {
        if let Some(t) = self.opt_tensor(name)? {
            return Ok(Val::T(t));
        }
        match self.opt_scalar(name)? {
            Some(s) => Ok(Val::S(s)),
            None => fail(format!(
                "operand '{name}' is missing (neither a tensor nor a number)"
            )),
        }
    }

    /// The attribute `name`, if present and not `None`.
    pub fn attr(&self, name: &str) -> Option<&'a Attr> {
        self.op.attr(name)
    }

    fn bad_attr<T>(&self, name: &str, what: &str) -> Result<T, Fail> {
        fail(format!(
            "attribute '{name}' is {:?}, expected {what}",
            self.op.attrs.get(name)
        ))
    }

    pub fn opt_int(&self, name: &str) -> Result<Option<i64>, Fail> {
        match self.attr(name) {
            None => Ok(None),
            Some(a) => match a.as_i64() {
                Some(v) => Ok(Some(v)),
                None => self.bad_attr(name, "an integer"),
            },
        }
    }

    pub fn int(&self, name: &str) -> Result<i64, Fail> {
        match self.opt_int(name)? {
            Some(v) => Ok(v),
            None => fail(format!("attribute '{name}' is missing")),
        }
    }

    pub fn int_or(&self, name: &str, default: i64) -> Result<i64, Fail> {
        Ok(self.opt_int(name)?.unwrap_or(default))
    }

    pub fn opt_float(&self, name: &str) -> Result<Option<f64>, Fail> {
        match self.attr(name) {
            None => Ok(None),
            Some(a) => match Scalar::of_attr(a) {
                Some(s) => Ok(Some(s.as_f64())),
                None => self.bad_attr(name, "a number"),
            },
        }
    }

    pub fn float_or(&self, name: &str, default: f64) -> Result<f64, Fail> {
        Ok(self.opt_float(name)?.unwrap_or(default))
    }

    pub fn bool_or(&self, name: &str, default: bool) -> Result<bool, Fail> {
        match self.attr(name) {
            None => Ok(default),
            Some(a) => match a.as_bool() {
                Some(b) => Ok(b),
                None => self.bad_attr(name, "a boolean"),
            },
        }
    }

    /// An `int[]` attribute; `None` when absent.
    pub fn opt_ints(&self, name: &str) -> Result<Option<Vec<i64>>, Fail> {
        match self.attr(name) {
            None => Ok(None),
            Some(a) => match a.as_ints() {
                Some(v) => Ok(Some(v)),
                None => self.bad_attr(name, "a list of integers"),
            },
        }
    }

    /// A `float[]` attribute (integers are accepted as floats); `None` when absent.
    pub fn opt_floats(&self, name: &str) -> Result<Option<Vec<f64>>, Fail> {
        match self.attr(name) {
            None => Ok(None),
            Some(Attr::Floats(v)) => Ok(Some(v.clone())),
            Some(Attr::Ints(v)) => Ok(Some(v.iter().map(|&x| x as f64).collect())),
            Some(Attr::List(items)) => match items.iter().map(Attr::as_f64).collect() {
                Some(v) => Ok(Some(v)),
                None => self.bad_attr(name, "a list of numbers"),
            },
            Some(a) => match a.as_f64() {
                Some(v) => Ok(Some(vec![v])),
                None => self.bad_attr(name, "a list of numbers"),
            },
        }
    }

    pub fn ints(&self, name: &str) -> Result<Vec<i64>, Fail> {
        match self.opt_ints(name)? {
            Some(v) => Ok(v),
            None => fail(format!("attribute '{name}' is missing")),
        }
    }

    /// An `int[n]` attribute of a spatial op: one value stands for all `n`; an absent or empty
    /// list is `default` (an error when there is none).
    pub fn spatial(&self, name: &str, n: usize, default: Option<&[i64]>) -> Result<Vec<i64>, Fail> {
        let v = match self.opt_ints(name)? {
            Some(v) if !v.is_empty() => v,
            _ => match default {
                Some(d) => d.to_vec(),
                None => return fail(format!("attribute '{name}' is missing")),
            },
        };
        match v.len() {
            1 => Ok(vec![v[0]; n]),
            l if l == n => Ok(v),
            l => fail(format!(
                "attribute '{name}' has {l} values, expected 1 or {n}"
            )),
        }
    }

    pub fn opt_scalar(&self, name: &str) -> Result<Option<Scalar>, Fail> {
        match self.attr(name) {
            None => Ok(None),
            Some(a) => match Scalar::of_attr(a) {
                Some(s) => Ok(Some(s)),
                None => self.bad_attr(name, "a number"),
            },
        }
    }

    pub fn scalar(&self, name: &str) -> Result<Scalar, Fail> {
        match self.opt_scalar(name)? {
            Some(s) => Ok(s),
            None => fail(format!("attribute '{name}' is missing")),
        }
    }

    pub fn opt_str(&self, name: &str) -> Result<Option<&'a str>, Fail> {
        match self.attr(name) {
            None => Ok(None),
            Some(a) => match a.as_str() {
                Some(s) => Ok(Some(s)),
                None => self.bad_attr(name, "a string"),
            },
        }
    }

    /// A `ScalarType?` attribute as the form it is held in.
    pub fn dtype(&self, name: &str) -> Result<Option<Kind>, Fail> {
        match self.opt_str(name)? {
            None => Ok(None),
            Some(d) => kind_of_dtype(d).map(Some),
        }
    }
}
