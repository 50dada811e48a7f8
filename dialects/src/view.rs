//! Typed access to ttir and ttnn ops from Rust: operands by their `.td` name, attributes with
//! their ODS defaults applied, and tensor types as shape + element type + encoding.

use melior::ir::attribute::AttributeLike;
use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::r#type::{RankedTensorType, ShapedTypeLike, TypeLike};
use melior::ir::{Attribute, Type, Value, ValueLike};

use crate::registry::{ArgKind, AttrType, OpInfo, RegisteredOp};

/// A ranked tensor type taken apart.
#[derive(Clone, Debug)]
pub struct TensorType<'c> {
    /// Dimension sizes; a dynamic dimension is `i64::MIN`.
    pub shape: Vec<i64>,
    /// Element type.
    pub element: Type<'c>,
    /// Encoding attribute, if any.
    pub encoding: Option<Attribute<'c>>,
}

impl<'c> TensorType<'c> {
    /// Reads a type; `None` unless it is a ranked tensor.
    pub fn of(ty: Type<'c>) -> Option<Self> {
        let rt = RankedTensorType::try_from(ty).ok()?;
        let shape = (0..rt.rank())
            .map(|i| unsafe { mlir_sys::mlirShapedTypeGetDimSize(rt.to_raw(), i as isize) })
            .collect();
        Some(TensorType {
            shape,
            element: rt.element(),
            encoding: rt.encoding(),
        })
    }

    /// Reads the type of a value.
    pub fn of_value(value: Value<'c, '_>) -> Option<Self> {
        Self::of(value.r#type())
    }

    /// Whether every dimension is static.
    pub fn is_static(&self) -> bool {
        self.shape.iter().all(|&d| d >= 0)
    }

    /// The element type as printed (`bf16`, `f32`, `i64`, ...).
    pub fn element_name(&self) -> String {
        self.element.to_string()
    }
}

/// A ttir or ttnn op seen through its registry entry.
#[derive(Clone, Copy)]
pub struct OpView<'c, 'a> {
    /// The op.
    pub op: OperationRef<'c, 'a>,
    /// Which op it is.
    pub kind: RegisteredOp,
}

impl<'c, 'a> OpView<'c, 'a> {
    /// Views `op` if it belongs to a registered ttc dialect.
    pub fn new(op: OperationRef<'c, 'a>) -> Option<Self> {
        let name = op.name();
        let kind = RegisteredOp::from_name(name.as_string_ref().as_str().ok()?)?;
        Some(OpView { op, kind })
    }

    /// The registry entry.
    pub fn info(&self) -> &'static OpInfo {
        self.kind.info()
    }

    /// The operands split into the `.td`'s operand groups.
    pub fn operand_groups(&self) -> Vec<Vec<Value<'c, 'a>>> {
        let info = self.info();
        let operands: Vec<Value<'c, 'a>> = self.op.operands().collect();
        let sizes: Vec<usize> = match self.op.attribute("operandSegmentSizes") {
            Ok(attr) => {
                let n = unsafe { mlir_sys::mlirDenseArrayGetNumElements(attr.to_raw()) };
                (0..n)
                    .map(
                        |i| unsafe { mlir_sys::mlirDenseI32ArrayGetElement(attr.to_raw(), i) }
                            as usize,
                    )
                    .collect()
            }
            Err(_) => {
                let fixed = info
                    .operands
                    .iter()
                    .filter(|o| o.kind == ArgKind::Single)
                    .count();
                let rest = operands.len().saturating_sub(fixed);
                info.operands
                    .iter()
                    .map(|o| if o.kind == ArgKind::Single { 1 } else { rest })
                    .collect()
            }
        };
        let mut groups = Vec::with_capacity(sizes.len());
        let mut start = 0;
        for size in sizes {
            let end = (start + size).min(operands.len());
            groups.push(operands[start..end].to_vec());
            start = end;
        }
        groups
    }

    /// The single operand of group `name`, if present.
    pub fn operand(&self, name: &str) -> Option<Value<'c, 'a>> {
        let index = self.info().operand_index(name)?;
        self.operand_groups().get(index)?.first().copied()
    }

    /// The attribute `name` if set on the op.
    pub fn attribute(&self, name: &str) -> Option<Attribute<'c>> {
        self.op.attribute(name).ok()
    }

    /// A `BoolAttr`, with the ODS default when unset.
    pub fn bool_attr(&self, name: &str) -> bool {
        match self.attribute(name) {
            Some(a) => unsafe { mlir_sys::mlirBoolAttrGetValue(a.to_raw()) },
            None => self.default(name).map(|d| d == "true").unwrap_or(false),
        }
    }

    /// An integer attribute, with the ODS default when unset.
    pub fn int_attr(&self, name: &str) -> Option<i64> {
        match self.attribute(name) {
            Some(a) if a.is_integer() => {
                Some(unsafe { mlir_sys::mlirIntegerAttrGetValueInt(a.to_raw()) })
            }
            Some(_) => None,
            None => self.default(name)?.parse().ok(),
        }
    }

    /// A float attribute, with the ODS default when unset.
    pub fn float_attr(&self, name: &str) -> Option<f64> {
        match self.attribute(name) {
            Some(a) if a.is_float() => {
                Some(unsafe { mlir_sys::mlirFloatAttrGetValueDouble(a.to_raw()) })
            }
            Some(_) => None,
            None => self.default(name)?.parse().ok(),
        }
    }

    /// A `DenseI64ArrayAttr`.
    pub fn i64_array_attr(&self, name: &str) -> Option<Vec<i64>> {
        let a = self.attribute(name)?;
        if !unsafe { mlir_sys::mlirAttributeIsADenseI64Array(a.to_raw()) } {
            return None;
        }
        let n = unsafe { mlir_sys::mlirDenseArrayGetNumElements(a.to_raw()) };
        Some(
            (0..n)
                .map(|i| unsafe { mlir_sys::mlirDenseI64ArrayGetElement(a.to_raw(), i) })
                .collect(),
        )
    }

    fn default(&self, name: &str) -> Option<&'static str> {
        let attr = self.info().attribute(name)?;
        debug_assert!(
            matches!(
                attr.ty,
                AttrType::Bool | AttrType::I32 | AttrType::I64 | AttrType::F32 | AttrType::F64
            ) || attr.default.is_none()
        );
        attr.default
    }
}
