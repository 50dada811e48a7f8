//! The Program: a compiled model as data, with no MLIR inside.
//!
//! `ttc compile --program` (the driver's emitter, `tools/ttc/src/emit.rs`) writes it as JSON:
//! the final ttnn functions (the entry function and its const-eval functions) with every op's
//! named operands, attributes and result types; the aten graph the model was traced as (for the
//! golden reference); the device it was compiled for; and the final MLIR text for reference.
//! A program declares its format and version; a program of another format version is refused
//! ([`Program::from_json`]).
//!
//! Ops of both kinds share one shape ([`Op`]): a name (`ttnn.linear`, `aten.addmm.default`),
//! operand groups by the name the op's definition gives them (ttnn: the `.td` operand names;
//! aten: the schema's tensor arguments), attributes by name (aten: every literal argument of
//! the schema, defaults filled in), results with their tensor types, and the name of the traced
//! graph node the op came from (its location), which ties a ttnn op to its golden aten node.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The `format` field of every program.
pub const FORMAT: &str = "ttc-program";

/// The version of the format this runtime reads and writes.
pub const VERSION: u32 = 1;

/// A value within one function.
pub type ValueId = u32;

/// A compiled model.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Program {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// What wrote it (`ttc 0.1.0`).
    pub producer: String,
    /// The device it was compiled for (a descriptor name or file).
    pub device: String,
    /// The function to call (`forward`).
    pub entry: String,
    /// The compiled ttnn functions: the entry and the const-eval functions it calls.
    pub functions: Vec<Function>,
    /// The traced aten graph before compilation, for the golden reference.
    pub golden: Option<Function>,
    /// The final ttnn module as MLIR text (for humans and tools; the runtime ignores it).
    pub source_mlir: String,
}

/// One function.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Function {
    /// Its symbol name.
    pub name: String,
    /// Arguments in order.
    pub inputs: Vec<Input>,
    /// Ops in execution order.
    pub ops: Vec<Op>,
    /// The values returned, in order.
    pub outputs: Vec<ValueId>,
}

/// A function argument.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Input {
    /// The value it defines.
    pub id: ValueId,
    /// The graph placeholder it stands for (`arg0_1`, `p_fc1_weight`), when known.
    pub name: Option<String>,
    /// `input`, `parameter`, `buffer` or `constant`, when known.
    pub role: Option<String>,
    /// Its type.
    pub ty: TensorSpec,
}

/// One op.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Op {
    /// The full op name (`ttnn.matmul`, `aten.addmm.default`).
    pub name: String,
    /// Operand groups in declaration order.
    pub operands: Vec<Operand>,
    /// Attributes by name.
    pub attrs: BTreeMap<String, Attr>,
    /// Results in order.
    pub results: Vec<ResultDecl>,
    /// The traced graph node the op came from (`addmm_3`), when known.
    pub node: Option<String>,
    /// Where it came from, `file:line:col`, when known.
    pub loc: Option<String>,
}

/// A named operand group: one value, an optional value (absent = `None`), or a list.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Operand {
    /// The name in the op's definition (`lhs`, `bias`, `self`, `indices`).
    pub name: String,
    /// Its values; `None` marks an absent entry of an optional list (`Tensor?[]`).
    pub values: Vec<Option<ValueId>>,
}

/// A result and its type.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ResultDecl {
    pub id: ValueId,
    pub ty: TensorSpec,
}

/// A tensor's static type: shape, element type and, for ttnn tensors, layout.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub struct TensorSpec {
    /// Dimensions (`[]` for a scalar tensor).
    pub shape: Vec<i64>,
    /// MLIR element type name: `f32`, `bf16`, `si32`, `i64`, `i1`, `ui32`, ...
    pub element: String,
    /// The `#ttnn.layout`; `None` for aten tensors and the device handle.
    pub layout: Option<LayoutSpec>,
    /// True for `!ttnn.device` (shape and element are then empty).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub device: bool,
    /// True when the trace did not record the shape (`tensor<*xf32>`: results of multi-result
    /// aten ops nobody reads); `shape` is then empty.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unranked: bool,
}

/// A `#ttnn.layout`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub struct LayoutSpec {
    /// `tile` or `row_major`.
    pub page: String,
    /// `f32`, `bf16`, `bfp8_b`, `bfp4_b`, `u32`, `u16`, `u8`, `si32`.
    pub dtype: String,
    /// `system_memory`, `dram` or `l1`.
    pub buffer: String,
    /// `interleaved`, `height_sharded`, ... (device tensors only).
    pub memory_layout: Option<String>,
    /// Core grid `[rows, columns]` (device tensors only).
    pub grid: Option<[i64; 2]>,
}

/// An attribute value.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Attr {
    /// Absent optional (`None` in the schema).
    None,
    Bool(bool),
    Int(i64),
    /// Non-finite values are written as the strings `inf`, `-inf` and `nan` (JSON has no
    /// numbers for them).
    Float(#[serde(with = "float")] f64),
    /// Strings and enum-like values (`tile`, `bf16`, `contiguous_format`, `dram`).
    Str(String),
    Ints(Vec<i64>),
    Floats(#[serde(with = "floats")] Vec<f64>),
    Bools(Vec<bool>),
    /// An element type (`f32`, `i64`, `i1`), e.g. aten's `dtype` arguments.
    #[serde(rename = "dtype")]
    DType(String),
    /// Dense elements: a constant's values in row-major order, with their type.
    Elements {
        shape: Vec<i64>,
        element: String,
        #[serde(with = "floats")]
        values: Vec<f64>,
    },
    /// A symbol reference (`@forward_const_eval_0`).
    Symbol(String),
    /// `#ttnn.memory_config<buffer, memory layout>`.
    MemoryConfig {
        buffer: String,
        memory_layout: String,
    },
    /// Any other list.
    List(Vec<Attr>),
}

/// An f64 in JSON: a number, or `"inf"`, `"-inf"`, `"nan"` for the values JSON cannot write.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum JsonFloat {
    Number(f64),
    Special(String),
}

impl JsonFloat {
    fn of(v: f64) -> JsonFloat {
        if v.is_finite() {
            JsonFloat::Number(v)
        } else if v.is_nan() {
            JsonFloat::Special("nan".into())
        } else if v > 0.0 {
            JsonFloat::Special("inf".into())
        } else {
            JsonFloat::Special("-inf".into())
        }
    }

    fn value<E: serde::de::Error>(self) -> Result<f64, E> {
        match self {
            JsonFloat::Number(v) => Ok(v),
            JsonFloat::Special(s) => match s.as_str() {
                "inf" => Ok(f64::INFINITY),
                "-inf" => Ok(f64::NEG_INFINITY),
                "nan" => Ok(f64::NAN),
                _ => Err(E::custom(format!(
                    "expected a number, \"inf\", \"-inf\" or \"nan\", found \"{s}\""
                ))),
            },
        }
    }
}

mod float {
    use super::JsonFloat;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        JsonFloat::of(*v).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        JsonFloat::deserialize(d)?.value()
    }
}

mod floats {
    use super::JsonFloat;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[f64], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|&x| JsonFloat::of(x)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        Vec::<JsonFloat>::deserialize(d)?
            .into_iter()
            .map(JsonFloat::value)
            .collect()
    }
}

/// Why a program cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ProgramError {
    #[error("{path}: not a ttc program: {reason}")]
    Malformed { path: String, reason: String },
    #[error(
        "{path}: program format version {found}; this ttc reads version {expected} (recompile the model with this ttc)"
    )]
    Version {
        path: String,
        found: u32,
        expected: u32,
    },
}

impl Program {
    /// Parses a program, refusing other formats and versions. `path` names it in errors.
    pub fn from_json(text: &str, path: &str) -> Result<Program, ProgramError> {
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            version: Option<u32>,
        }
        let header: Header = serde_json::from_str(text).map_err(|e| ProgramError::Malformed {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(ProgramError::Malformed {
                path: path.to_owned(),
                reason: format!(
                    "the \"format\" field is {:?}, expected \"{FORMAT}\"",
                    header.format
                ),
            });
        }
        if header.version != Some(VERSION) {
            return Err(ProgramError::Version {
                path: path.to_owned(),
                found: header.version.unwrap_or(0),
                expected: VERSION,
            });
        }
        serde_json::from_str(text).map_err(|e| ProgramError::Malformed {
            path: path.to_owned(),
            reason: e.to_string(),
        })
    }

    /// The program as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("programs serialise")
    }

    /// The function called `name`.
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == name)
    }
}

impl Op {
    /// The values of the operand group `name` (present ones only).
    pub fn operand(&self, name: &str) -> Vec<ValueId> {
        self.operands
            .iter()
            .find(|o| o.name == name)
            .map(|o| o.values.iter().flatten().copied().collect())
            .unwrap_or_default()
    }

    /// The single value of the operand group `name`, if present.
    pub fn one(&self, name: &str) -> Option<ValueId> {
        self.operand(name).first().copied()
    }

    /// An attribute.
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.get(name).filter(|a| **a != Attr::None)
    }
}

impl Attr {
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Attr::Int(v) => Some(*v),
            Attr::Bool(b) => Some(*b as i64),
            Attr::Float(f) if f.fract() == 0.0 => Some(*f as i64),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Attr::Int(v) => Some(*v as f64),
            Attr::Float(f) => Some(*f),
            Attr::Bool(b) => Some(*b as i64 as f64),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Attr::Bool(b) => Some(*b),
            Attr::Int(v) => Some(*v != 0),
            _ => None,
        }
    }

    pub fn as_ints(&self) -> Option<Vec<i64>> {
        match self {
            Attr::Ints(v) => Some(v.clone()),
            Attr::Int(v) => Some(vec![*v]),
            Attr::List(items) => items.iter().map(Attr::as_i64).collect(),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Attr::Str(s) | Attr::DType(s) | Attr::Symbol(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Program {
        Program {
            format: FORMAT.into(),
            version: VERSION,
            producer: "test".into(),
            device: "n150".into(),
            entry: "forward".into(),
            functions: vec![Function {
                name: "forward".into(),
                inputs: vec![],
                ops: vec![],
                outputs: vec![],
            }],
            golden: None,
            source_mlir: String::new(),
        }
    }

    #[test]
    fn round_trips_through_json() {
        let p = tiny();
        assert_eq!(Program::from_json(&p.to_json(), "p.json").unwrap(), p);
    }

    #[test]
    fn non_finite_floats_round_trip_as_strings() {
        let attrs = [
            Attr::Float(f64::NEG_INFINITY),
            Attr::Floats(vec![1.5, f64::INFINITY, f64::NAN]),
        ];
        let text = serde_json::to_string(&attrs).unwrap();
        assert_eq!(
            text,
            r#"[{"kind":"float","value":"-inf"},{"kind":"floats","value":[1.5,"inf","nan"]}]"#
        );
        let back: Vec<Attr> = serde_json::from_str(&text).unwrap();
        assert_eq!(back[0], Attr::Float(f64::NEG_INFINITY));
        let Attr::Floats(v) = &back[1] else {
            panic!("{back:?}")
        };
        assert_eq!(v[..2], [1.5, f64::INFINITY]);
        assert!(v[2].is_nan());
        let err = serde_json::from_str::<Attr>(r#"{"kind":"float","value":"huge"}"#).unwrap_err();
        assert!(err.to_string().contains("\"huge\""), "{err}");
    }

    #[test]
    fn other_versions_and_formats_are_refused() {
        let mut p = tiny();
        p.version = VERSION + 1;
        let err = Program::from_json(&p.to_json(), "p.json").unwrap_err();
        assert!(err.to_string().contains("version 2"), "{err}");
        let err = Program::from_json("{\"format\": \"onnx\"}", "x.json").unwrap_err();
        assert!(err.to_string().contains("not a ttc program"), "{err}");
        let err = Program::from_json("[1, 2", "x.json").unwrap_err();
        assert!(
            err.to_string().starts_with("x.json: not a ttc program"),
            "{err}"
        );
    }
}
