//! Host tensors: what a caller hands to a program and gets back, and what the golden
//! interpreter computes with.
//!
//! Values are kept in one of three plain forms, whatever the element type's width: floats as
//! `f32` (`f32`, `bf16` and `f16` element types; a `bf16` tensor holds values a bf16 can
//! represent), integers as `i64` (every signed and unsigned integer type) and booleans as
//! `bool`. Data is row-major.

use std::fmt;

/// The values of a tensor.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    F32(Vec<f32>),
    I64(Vec<i64>),
    Bool(Vec<bool>),
}

/// Which of the three forms an element type is held in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Float,
    Int,
    Bool,
}

impl Kind {
    /// The form of an MLIR element type name (`f32`, `bf16`, `si32`, `i64`, `i1`, ...).
    pub fn of_element(element: &str) -> Option<Kind> {
        match element {
            "f32" | "bf16" | "f16" | "f64" => Some(Kind::Float),
            "i1" => Some(Kind::Bool),
            "i8" | "i16" | "i32" | "i64" | "si8" | "si16" | "si32" | "si64" | "ui8" | "ui16"
            | "ui32" | "ui64" => Some(Kind::Int),
            _ => None,
        }
    }
}

/// A host tensor.
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    pub shape: Vec<usize>,
    pub data: Data,
}

impl Tensor {
    /// Number of elements.
    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }

    /// A float tensor.
    pub fn f32(shape: Vec<usize>, values: Vec<f32>) -> Tensor {
        debug_assert_eq!(shape.iter().product::<usize>(), values.len());
        Tensor {
            shape,
            data: Data::F32(values),
        }
    }

    /// An integer tensor.
    pub fn i64(shape: Vec<usize>, values: Vec<i64>) -> Tensor {
        debug_assert_eq!(shape.iter().product::<usize>(), values.len());
        Tensor {
            shape,
            data: Data::I64(values),
        }
    }

    /// A boolean tensor.
    pub fn bool(shape: Vec<usize>, values: Vec<bool>) -> Tensor {
        debug_assert_eq!(shape.iter().product::<usize>(), values.len());
        Tensor {
            shape,
            data: Data::Bool(values),
        }
    }

    /// A tensor of `kind` filled with zeros.
    pub fn zeros(shape: Vec<usize>, kind: Kind) -> Tensor {
        let n = shape.iter().product();
        let data = match kind {
            Kind::Float => Data::F32(vec![0.0; n]),
            Kind::Int => Data::I64(vec![0; n]),
            Kind::Bool => Data::Bool(vec![false; n]),
        };
        Tensor { shape, data }
    }

    /// The form the values are held in.
    pub fn kind(&self) -> Kind {
        match self.data {
            Data::F32(_) => Kind::Float,
            Data::I64(_) => Kind::Int,
            Data::Bool(_) => Kind::Bool,
        }
    }

    /// The values as f64 (booleans as 0 / 1).
    pub fn to_f64(&self) -> Vec<f64> {
        match &self.data {
            Data::F32(v) => v.iter().map(|&x| x as f64).collect(),
            Data::I64(v) => v.iter().map(|&x| x as f64).collect(),
            Data::Bool(v) => v.iter().map(|&x| x as u8 as f64).collect(),
        }
    }

    /// The values as f32 (integers rounded, booleans as 0 / 1).
    pub fn to_f32(&self) -> Vec<f32> {
        match &self.data {
            Data::F32(v) => v.clone(),
            Data::I64(v) => v.iter().map(|&x| x as f32).collect(),
            Data::Bool(v) => v.iter().map(|&x| x as u8 as f32).collect(),
        }
    }

    /// The tensor converted to `kind` (floats to integers truncate toward zero; to booleans is
    /// `x != 0`).
    pub fn convert(&self, kind: Kind) -> Tensor {
        if kind == self.kind() {
            return self.clone();
        }
        let data = match kind {
            Kind::Float => Data::F32(self.to_f32()),
            Kind::Int => Data::I64(match &self.data {
                Data::F32(v) => v.iter().map(|&x| x as i64).collect(),
                Data::Bool(v) => v.iter().map(|&x| x as i64).collect(),
                Data::I64(v) => v.clone(),
            }),
            Kind::Bool => Data::Bool(self.to_f64().iter().map(|&x| x != 0.0).collect()),
        };
        Tensor {
            shape: self.shape.clone(),
            data,
        }
    }
}

impl fmt::Display for Tensor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind() {
            Kind::Float => "float",
            Kind::Int => "int",
            Kind::Bool => "bool",
        };
        write!(f, "{kind}{:?}", self.shape)
    }
}
