//! Building ttir ops in place of an aten op.
//!
//! A [`Builder`] inserts new ops right before the aten op being replaced, gives them the aten
//! op's location (so diagnostics and per-op comparisons map back to the graph node), and
//! remembers what it built so a pattern that gives up half way leaves no trace.

use std::cell::RefCell;

use melior::Context;
use melior::ir::attribute::{
    BoolAttribute, DenseI64ArrayAttribute, FloatAttribute, IntegerAttribute,
};
use melior::ir::operation::{OperationBuilder, OperationLike, OperationRef};
use melior::ir::r#type::{IntegerType, RankedTensorType};
use melior::ir::{
    Attribute, BlockLike, BlockRef, Identifier, Location, Type, TypeLike, Value, ValueLike,
};
use ttc_dialects::TtirOp;
use ttc_dialects::shapes::broadcast;

/// Why a pattern does not apply; the op stays on the host with this reason.
pub(crate) type NoMatch = String;

/// Builds ttir ops before an anchor op.
pub(crate) struct Builder<'c, 'a> {
    pub context: &'c Context,
    block: BlockRef<'c, 'a>,
    anchor: OperationRef<'c, 'a>,
    location: Location<'c>,
    built: RefCell<Vec<mlir_sys::MlirOperation>>,
}

/// Element-type classes, for type promotion.
fn rank_of(ty: &str) -> i32 {
    match ty {
        "i1" => 0,
        "ui8" | "i8" => 1,
        "i16" | "ui16" => 2,
        "i32" | "si32" | "ui32" => 3,
        "i64" | "si64" | "ui64" => 4,
        "f16" => 10,
        "bf16" => 11,
        "f32" => 12,
        "f64" => 13,
        _ => 5,
    }
}

impl<'c, 'a> Builder<'c, 'a> {
    /// A builder inserting before `anchor`.
    pub fn new(context: &'c Context, anchor: OperationRef<'c, 'a>) -> Option<Self> {
        let block = anchor.block()?;
        Some(Builder {
            context,
            block,
            anchor,
            location: anchor.location(),
            built: RefCell::new(Vec::new()),
        })
    }

    /// Erases everything this builder created (after a pattern gave up).
    pub fn discard(&self) {
        for raw in self.built.borrow_mut().drain(..).rev() {
            unsafe { mlir_sys::mlirOperationDestroy(raw) };
        }
    }

    /// Forgets the created ops (they stay).
    pub fn commit(&self) {
        self.built.borrow_mut().clear();
    }

    /// Builds `op` with the given operands, attributes and result types.
    pub fn op(
        &self,
        op: TtirOp,
        operands: &[Value<'c, 'a>],
        attributes: &[(&str, Attribute<'c>)],
        results: &[Type<'c>],
    ) -> OperationRef<'c, 'a> {
        let attributes: Vec<(Identifier<'c>, Attribute<'c>)> = attributes
            .iter()
            .map(|(n, a)| (Identifier::new(self.context, n), *a))
            .collect();
        let built = OperationBuilder::new(op.info().name, self.location)
            .add_operands(operands)
            .add_attributes(&attributes)
            .add_results(results)
            .build()
            .expect("ttir ops build from registered names");
        let op = self.block.insert_operation_before(self.anchor, built);
        self.built.borrow_mut().push(op.to_raw());
        op
    }

    /// Builds a single-result op.
    pub fn one(
        &self,
        op: TtirOp,
        operands: &[Value<'c, 'a>],
        attributes: &[(&str, Attribute<'c>)],
        result: Type<'c>,
    ) -> Value<'c, 'a> {
        self.op(op, operands, attributes, &[result])
            .result(0)
            .expect("one result")
            .into()
    }

    // ---- types --------------------------------------------------------------

    /// `tensor<shape x element>`.
    pub fn tensor(&self, shape: &[i64], element: Type<'c>) -> Type<'c> {
        let dims: Vec<u64> = shape.iter().map(|&d| d as u64).collect();
        RankedTensorType::new(&dims, element, None).into()
    }

    /// The `i1` type.
    pub fn i1(&self) -> Type<'c> {
        IntegerType::new(self.context, 1).into()
    }

    /// The `i64` type.
    pub fn i64_type(&self) -> Type<'c> {
        IntegerType::new(self.context, 64).into()
    }

    /// The `f32` type.
    pub fn f32_type(&self) -> Type<'c> {
        Type::float32(self.context)
    }

    /// Shape of a ranked tensor value.
    pub fn shape(&self, v: Value<'c, '_>) -> Vec<i64> {
        shape_of(v.r#type())
    }

    /// Element type of a tensor value.
    pub fn element(&self, v: Value<'c, '_>) -> Type<'c> {
        element_of(v.r#type())
    }

    /// Whether a type is a float type.
    pub fn is_float(&self, ty: Type<'c>) -> bool {
        ty.is_float()
    }

    /// The element type both of two element types convert to (PyTorch-like promotion).
    pub fn promote(&self, a: Type<'c>, b: Type<'c>) -> Type<'c> {
        if rank_of(&a.to_string()) >= rank_of(&b.to_string()) {
            a
        } else {
            b
        }
    }

    // ---- attributes -----------------------------------------------------------

    pub fn i64_attr(&self, v: i64) -> Attribute<'c> {
        IntegerAttribute::new(self.i64_type(), v).into()
    }

    pub fn i32_attr(&self, v: i64) -> Attribute<'c> {
        IntegerAttribute::new(IntegerType::new(self.context, 32).into(), v).into()
    }

    pub fn f64_attr(&self, v: f64) -> Attribute<'c> {
        FloatAttribute::new(self.context, Type::float64(self.context), v).into()
    }

    pub fn f32_attr(&self, v: f64) -> Attribute<'c> {
        FloatAttribute::new(self.context, self.f32_type(), v).into()
    }

    pub fn bool_attr(&self, v: bool) -> Attribute<'c> {
        BoolAttribute::new(self.context, v).into()
    }

    pub fn i64_array(&self, v: &[i64]) -> Attribute<'c> {
        DenseI64ArrayAttribute::new(self.context, v).into()
    }

    // ---- common ops -------------------------------------------------------------

    /// A tensor of `shape` filled with `value`.
    pub fn full(&self, shape: &[i64], element: Type<'c>, value: f64) -> Value<'c, 'a> {
        let fill = if element.is_float() {
            self.f64_attr(value)
        } else if value.fract() == 0.0 && value.abs() < 9.0e18 {
            self.i64_attr(value as i64)
        } else {
            self.f64_attr(value)
        };
        self.one(
            TtirOp::Full,
            &[],
            &[("fill_value", fill)],
            self.tensor(shape, element),
        )
    }

    /// A 0-d tensor holding `value`.
    pub fn scalar(&self, value: f64, element: Type<'c>) -> Value<'c, 'a> {
        self.full(&[], element, value)
    }

    /// `v` converted to `element` (no op when it already is).
    pub fn cast(&self, v: Value<'c, 'a>, element: Type<'c>) -> Value<'c, 'a> {
        if self.element(v) == element {
            return v;
        }
        let shape = self.shape(v);
        self.one(TtirOp::Typecast, &[v], &[], self.tensor(&shape, element))
    }

    /// `v` with a new shape of the same element count (no op when unchanged).
    pub fn reshape(&self, v: Value<'c, 'a>, shape: &[i64]) -> Value<'c, 'a> {
        if self.shape(v) == shape {
            return v;
        }
        let ty = self.tensor(shape, self.element(v));
        self.one(TtirOp::Reshape, &[v], &[], ty)
    }

    /// `v` broadcast to `shape` (no op when unchanged).
    pub fn broadcast_to(&self, v: Value<'c, 'a>, shape: &[i64]) -> Value<'c, 'a> {
        if self.shape(v) == shape {
            return v;
        }
        let ty = self.tensor(shape, self.element(v));
        self.one(TtirOp::Broadcast, &[v], &[], ty)
    }

    /// An elementwise unary op keeping shape and element type.
    pub fn unary(&self, op: TtirOp, v: Value<'c, 'a>) -> Value<'c, 'a> {
        self.one(op, &[v], &[], v.r#type())
    }

    /// A broadcasting binary op with result element type `element`; operands are converted to
    /// `element` first.
    pub fn binary(
        &self,
        op: TtirOp,
        a: Value<'c, 'a>,
        b: Value<'c, 'a>,
        element: Type<'c>,
    ) -> Result<Value<'c, 'a>, NoMatch> {
        let shape = self.broadcast_shape(a, b)?;
        let (a, b) = (self.cast(a, element), self.cast(b, element));
        Ok(self.one(op, &[a, b], &[], self.tensor(&shape, element)))
    }

    /// A broadcasting comparison or logical op (i1 result); operands are converted to their
    /// promoted type first.
    pub fn compare(
        &self,
        op: TtirOp,
        a: Value<'c, 'a>,
        b: Value<'c, 'a>,
    ) -> Result<Value<'c, 'a>, NoMatch> {
        let shape = self.broadcast_shape(a, b)?;
        let common = self.promote(self.element(a), self.element(b));
        let (a, b) = (self.cast(a, common), self.cast(b, common));
        Ok(self.one(op, &[a, b], &[], self.tensor(&shape, self.i1())))
    }

    pub fn broadcast_shape(&self, a: Value<'c, 'a>, b: Value<'c, 'a>) -> Result<Vec<i64>, NoMatch> {
        let (sa, sb) = (self.shape(a), self.shape(b));
        broadcast(&sa, &sb).ok_or_else(|| format!("shapes {sa:?} and {sb:?} do not broadcast"))
    }

    /// `ttir.where` with broadcasting; the branches are converted to `element`.
    pub fn select(
        &self,
        condition: Value<'c, 'a>,
        if_true: Value<'c, 'a>,
        if_false: Value<'c, 'a>,
        element: Type<'c>,
    ) -> Result<Value<'c, 'a>, NoMatch> {
        let shape = self.broadcast_shape(condition, if_true)?;
        let shape =
            broadcast(&shape, &self.shape(if_false)).ok_or("where operands do not broadcast")?;
        let (t, f) = (self.cast(if_true, element), self.cast(if_false, element));
        Ok(self.one(
            TtirOp::Where,
            &[condition, t, f],
            &[],
            self.tensor(&shape, element),
        ))
    }

    /// Swaps two (non-negative) dimensions.
    pub fn transpose(&self, v: Value<'c, 'a>, d0: usize, d1: usize) -> Value<'c, 'a> {
        if d0 == d1 {
            return v;
        }
        let mut shape = self.shape(v);
        shape.swap(d0, d1);
        let ty = self.tensor(&shape, self.element(v));
        self.one(
            TtirOp::Transpose,
            &[v],
            &[
                ("dim0", self.i32_attr(d0 as i64)),
                ("dim1", self.i32_attr(d1 as i64)),
            ],
            ty,
        )
    }

    /// Reorders dimensions.
    pub fn permute(&self, v: Value<'c, 'a>, perm: &[i64]) -> Value<'c, 'a> {
        if perm.iter().enumerate().all(|(i, &p)| p == i as i64) {
            return v;
        }
        let shape = self.shape(v);
        let out: Vec<i64> = perm.iter().map(|&p| shape[p as usize]).collect();
        let ty = self.tensor(&out, self.element(v));
        self.one(
            TtirOp::Permute,
            &[v],
            &[("permutation", self.i64_array(perm))],
            ty,
        )
    }

    /// A strided slice of every dimension (normalised bounds).
    pub fn slice(
        &self,
        v: Value<'c, 'a>,
        begins: &[i64],
        ends: &[i64],
        steps: &[i64],
    ) -> Value<'c, 'a> {
        let shape = self.shape(v);
        if begins.iter().all(|&b| b == 0)
            && ends == shape.as_slice()
            && steps.iter().all(|&s| s == 1)
        {
            return v;
        }
        let out: Vec<i64> = (0..shape.len())
            .map(|i| (ends[i] - begins[i] + steps[i] - 1) / steps[i])
            .collect();
        let ty = self.tensor(&out, self.element(v));
        self.one(
            TtirOp::Slice,
            &[v],
            &[
                ("begins", self.i64_array(begins)),
                ("ends", self.i64_array(ends)),
                ("steps", self.i64_array(steps)),
            ],
            ty,
        )
    }

    /// Elements `[start, end)` with `step` along one dimension.
    pub fn slice_dim(
        &self,
        v: Value<'c, 'a>,
        dim: usize,
        start: i64,
        end: i64,
        step: i64,
    ) -> Value<'c, 'a> {
        let shape = self.shape(v);
        let mut begins = vec![0; shape.len()];
        let mut ends = shape.clone();
        let mut steps = vec![1; shape.len()];
        begins[dim] = start;
        ends[dim] = end;
        steps[dim] = step;
        self.slice(v, &begins, &ends, &steps)
    }

    /// Concatenation along `dim`.
    pub fn concat(&self, inputs: &[Value<'c, 'a>], dim: usize) -> Value<'c, 'a> {
        if inputs.len() == 1 {
            return inputs[0];
        }
        let mut shape = self.shape(inputs[0]);
        shape[dim] = inputs.iter().map(|v| self.shape(*v)[dim]).sum();
        let ty = self.tensor(&shape, self.element(inputs[0]));
        self.one(
            TtirOp::Concat,
            inputs,
            &[("dim", self.i32_attr(dim as i64))],
            ty,
        )
    }

    /// A reduction over `dims` (non-negative, sorted) with result element `element`.
    pub fn reduce(
        &self,
        op: TtirOp,
        v: Value<'c, 'a>,
        dims: &[usize],
        keep: bool,
        element: Type<'c>,
    ) -> Value<'c, 'a> {
        let shape = self.shape(v);
        let out: Vec<i64> = (0..shape.len())
            .filter_map(|i| match (dims.contains(&i), keep) {
                (false, _) => Some(shape[i]),
                (true, true) => Some(1),
                (true, false) => None,
            })
            .collect();
        let dims: Vec<i64> = dims.iter().map(|&d| d as i64).collect();
        let ty = self.tensor(&out, element);
        self.one(
            op,
            &[v],
            &[
                ("dim_arg", self.i64_array(&dims)),
                ("keep_dim", self.bool_attr(keep)),
            ],
            ty,
        )
    }
}

pub(crate) use crate::ir::{element_of, is_static_tensor, shape_of};
