//! Elementwise aten ops: unary math, activations, arithmetic with tensors or scalars,
//! comparisons, logical and bitwise ops, `where`, `clamp` and dtype conversions.
//!
//! Operands are converted to the aten result's element type first (PyTorch's type promotion
//! has already decided it and the traced annotation records it); scalar arguments become 0-d
//! `ttir.full` tensors that broadcast.

use melior::ir::Value;
use melior::ir::ValueLike;
use ttc_dialects::TtirOp;
use ttc_dialects::aten::{AtenOp, Literal};

use super::builder::{Builder, NoMatch, element_of};
use super::{Lowering, Replacement, result_type, single};

macro_rules! unary {
    ($name:literal, $op:ident) => {
        Lowering {
            op: $name,
            produces: &[TtirOp::$op],
            conditions: "",
            rewrite: |b, a| unary_op(b, a, TtirOp::$op),
        }
    };
}

macro_rules! binary {
    ($name:literal, $op:ident) => {
        Lowering {
            op: $name,
            produces: &[TtirOp::$op],
            conditions: "",
            rewrite: |b, a| binary_op(b, a, TtirOp::$op),
        }
    };
}

macro_rules! compare {
    ($name:literal, $op:ident) => {
        Lowering {
            op: $name,
            produces: &[TtirOp::$op],
            conditions: "",
            rewrite: |b, a| compare_op(b, a, TtirOp::$op),
        }
    };
}

pub(super) static LOWERINGS: &[Lowering] = &[
    unary!("aten.abs.default", Abs),
    unary!("aten.neg.default", Neg),
    unary!("aten.exp.default", Exp),
    unary!("aten.log.default", Log),
    unary!("aten.log1p.default", Log1p),
    unary!("aten.expm1.default", Expm1),
    unary!("aten.sqrt.default", Sqrt),
    unary!("aten.rsqrt.default", Rsqrt),
    unary!("aten.reciprocal.default", Reciprocal),
    unary!("aten.sigmoid.default", Sigmoid),
    unary!("aten.tanh.default", Tanh),
    unary!("aten.relu.default", Relu),
    unary!("aten.silu.default", Silu),
    unary!("aten.sin.default", Sin),
    unary!("aten.cos.default", Cos),
    unary!("aten.tan.default", Tan),
    unary!("aten.asin.default", Asin),
    unary!("aten.acos.default", Acos),
    unary!("aten.atan.default", Atan),
    unary!("aten.sinh.default", Sinh),
    unary!("aten.cosh.default", Cosh),
    unary!("aten.asinh.default", Asinh),
    unary!("aten.acosh.default", Acosh),
    unary!("aten.atanh.default", Atanh),
    unary!("aten.erf.default", Erf),
    unary!("aten.erfc.default", Erfc),
    unary!("aten.floor.default", Floor),
    unary!("aten.ceil.default", Ceil),
    unary!("aten.round.default", Round),
    unary!("aten.trunc.default", Trunc),
    unary!("aten.sign.default", Sign),
    unary!("aten.bitwise_not.default", BitwiseNot),
    Lowering {
        op: "aten.logical_not.default",
        produces: &[TtirOp::LogicalNot],
        conditions: "",
        rewrite: predicate_logical_not,
    },
    Lowering {
        op: "aten.isnan.default",
        produces: &[TtirOp::Isnan],
        conditions: "",
        rewrite: |b, a| predicate(b, a, TtirOp::Isnan),
    },
    Lowering {
        op: "aten.isfinite.default",
        produces: &[TtirOp::Isfinite],
        conditions: "",
        rewrite: |b, a| predicate(b, a, TtirOp::Isfinite),
    },
    Lowering {
        op: "aten.isinf.default",
        produces: &[TtirOp::Abs, TtirOp::Full, TtirOp::Eq],
        conditions: "",
        rewrite: isinf,
    },
    Lowering {
        op: "aten.square.default",
        produces: &[TtirOp::Multiply],
        conditions: "",
        rewrite: square,
    },
    Lowering {
        op: "aten.exp2.default",
        produces: &[TtirOp::Multiply, TtirOp::Exp],
        conditions: "",
        rewrite: exp2,
    },
    Lowering {
        op: "aten.log2.default",
        produces: &[TtirOp::Log, TtirOp::Multiply],
        conditions: "",
        rewrite: |b, a| scaled_log(b, a, std::f64::consts::LOG2_E),
    },
    Lowering {
        op: "aten.log10.default",
        produces: &[TtirOp::Log, TtirOp::Multiply],
        conditions: "",
        rewrite: |b, a| scaled_log(b, a, std::f64::consts::LOG10_E),
    },
    Lowering {
        op: "aten.frac.default",
        produces: &[TtirOp::Trunc, TtirOp::Subtract],
        conditions: "",
        rewrite: frac,
    },
    Lowering {
        op: "aten.gelu.default",
        produces: &[TtirOp::Gelu],
        conditions: "approximate is 'none' or 'tanh'",
        rewrite: gelu,
    },
    Lowering {
        op: "aten.leaky_relu.default",
        produces: &[TtirOp::LeakyRelu],
        conditions: "",
        rewrite: leaky_relu,
    },
    Lowering {
        op: "aten.elu.default",
        produces: &[TtirOp::Elu, TtirOp::Multiply],
        conditions: "",
        rewrite: elu,
    },
    Lowering {
        op: "aten.hardtanh.default",
        produces: &[TtirOp::Clamp],
        conditions: "",
        rewrite: hardtanh,
    },
    Lowering {
        op: "aten.relu6.default",
        produces: &[TtirOp::Clamp],
        conditions: "",
        rewrite: relu6,
    },
    Lowering {
        op: "aten.hardsigmoid.default",
        produces: &[TtirOp::Multiply, TtirOp::Add, TtirOp::Clamp],
        conditions: "",
        rewrite: hardsigmoid,
    },
    Lowering {
        op: "aten.hardswish.default",
        produces: &[TtirOp::Multiply, TtirOp::Add, TtirOp::Clamp],
        conditions: "",
        rewrite: hardswish,
    },
    Lowering {
        op: "aten.softplus.default",
        produces: &[
            TtirOp::Multiply,
            TtirOp::Exp,
            TtirOp::Log1p,
            TtirOp::Div,
            TtirOp::Gt,
            TtirOp::Where,
        ],
        conditions: "",
        rewrite: softplus,
    },
    Lowering {
        op: "aten.mish.default",
        produces: &[TtirOp::Exp, TtirOp::Log1p, TtirOp::Tanh, TtirOp::Multiply],
        conditions: "",
        rewrite: mish,
    },
    Lowering {
        op: "aten.log_sigmoid.default",
        produces: &[TtirOp::Sigmoid, TtirOp::Log],
        conditions: "",
        rewrite: log_sigmoid,
    },
    Lowering {
        op: "aten.clamp.default",
        produces: &[TtirOp::Clamp],
        conditions: "",
        rewrite: clamp,
    },
    Lowering {
        op: "aten.clamp_min.default",
        produces: &[TtirOp::Clamp],
        conditions: "",
        rewrite: clamp,
    },
    Lowering {
        op: "aten.clamp_max.default",
        produces: &[TtirOp::Clamp],
        conditions: "",
        rewrite: clamp,
    },
    Lowering {
        op: "aten.clamp.Tensor",
        produces: &[TtirOp::Maximum, TtirOp::Minimum],
        conditions: "",
        rewrite: clamp_tensor,
    },
    // Arithmetic.
    Lowering {
        op: "aten.add.Tensor",
        produces: &[TtirOp::Add, TtirOp::Multiply],
        conditions: "",
        rewrite: |b, a| add_sub(b, a, TtirOp::Add, false),
    },
    Lowering {
        op: "aten.add.Scalar",
        produces: &[TtirOp::Add, TtirOp::Full],
        conditions: "",
        rewrite: |b, a| add_sub(b, a, TtirOp::Add, false),
    },
    Lowering {
        op: "aten.sub.Tensor",
        produces: &[TtirOp::Subtract, TtirOp::Multiply],
        conditions: "",
        rewrite: |b, a| add_sub(b, a, TtirOp::Subtract, false),
    },
    Lowering {
        op: "aten.sub.Scalar",
        produces: &[TtirOp::Subtract, TtirOp::Full],
        conditions: "",
        rewrite: |b, a| add_sub(b, a, TtirOp::Subtract, false),
    },
    Lowering {
        op: "aten.rsub.Scalar",
        produces: &[TtirOp::Subtract, TtirOp::Full],
        conditions: "",
        rewrite: |b, a| add_sub(b, a, TtirOp::Subtract, true),
    },
    Lowering {
        op: "aten.rsub.Tensor",
        produces: &[TtirOp::Subtract, TtirOp::Multiply],
        conditions: "",
        rewrite: |b, a| add_sub(b, a, TtirOp::Subtract, true),
    },
    binary!("aten.mul.Tensor", Multiply),
    binary!("aten.mul.Scalar", Multiply),
    binary!("aten.div.Tensor", Div),
    binary!("aten.div.Scalar", Div),
    Lowering {
        op: "aten.div.Tensor_mode",
        produces: &[TtirOp::Div, TtirOp::Trunc, TtirOp::Floor],
        conditions: "",
        rewrite: div_mode,
    },
    Lowering {
        op: "aten.div.Scalar_mode",
        produces: &[TtirOp::Div, TtirOp::Trunc, TtirOp::Floor],
        conditions: "",
        rewrite: div_mode,
    },
    Lowering {
        op: "aten.floor_divide.default",
        produces: &[TtirOp::Div, TtirOp::Floor],
        conditions: "",
        rewrite: floor_divide,
    },
    Lowering {
        op: "aten.pow.Tensor_Scalar",
        produces: &[
            TtirOp::Pow,
            TtirOp::Multiply,
            TtirOp::Sqrt,
            TtirOp::Rsqrt,
            TtirOp::Reciprocal,
        ],
        conditions: "",
        rewrite: pow_tensor_scalar,
    },
    binary!("aten.pow.Tensor_Tensor", Pow),
    Lowering {
        op: "aten.pow.Scalar",
        produces: &[TtirOp::Pow, TtirOp::Full],
        conditions: "",
        rewrite: pow_scalar_base,
    },
    binary!("aten.maximum.default", Maximum),
    binary!("aten.minimum.default", Minimum),
    binary!("aten.remainder.Tensor", Remainder),
    binary!("aten.remainder.Scalar", Remainder),
    Lowering {
        op: "aten.fmod.Tensor",
        produces: &[
            TtirOp::Div,
            TtirOp::Trunc,
            TtirOp::Multiply,
            TtirOp::Subtract,
        ],
        conditions: "",
        rewrite: fmod,
    },
    Lowering {
        op: "aten.fmod.Scalar",
        produces: &[
            TtirOp::Div,
            TtirOp::Trunc,
            TtirOp::Multiply,
            TtirOp::Subtract,
        ],
        conditions: "",
        rewrite: fmod,
    },
    binary!("aten.atan2.default", Atan2),
    // Bitwise on integers; on i1 they are the logical connectives.
    Lowering {
        op: "aten.bitwise_and.Tensor",
        produces: &[TtirOp::BitwiseAnd, TtirOp::LogicalAnd],
        conditions: "",
        rewrite: |b, a| bitwise(b, a, TtirOp::BitwiseAnd, TtirOp::LogicalAnd),
    },
    Lowering {
        op: "aten.bitwise_and.Scalar",
        produces: &[TtirOp::BitwiseAnd, TtirOp::LogicalAnd],
        conditions: "",
        rewrite: |b, a| bitwise(b, a, TtirOp::BitwiseAnd, TtirOp::LogicalAnd),
    },
    Lowering {
        op: "aten.__and__.Tensor",
        produces: &[TtirOp::BitwiseAnd, TtirOp::LogicalAnd],
        conditions: "",
        rewrite: |b, a| bitwise(b, a, TtirOp::BitwiseAnd, TtirOp::LogicalAnd),
    },
    Lowering {
        op: "aten.bitwise_or.Tensor",
        produces: &[TtirOp::BitwiseOr, TtirOp::LogicalOr],
        conditions: "",
        rewrite: |b, a| bitwise(b, a, TtirOp::BitwiseOr, TtirOp::LogicalOr),
    },
    Lowering {
        op: "aten.bitwise_or.Scalar",
        produces: &[TtirOp::BitwiseOr, TtirOp::LogicalOr],
        conditions: "",
        rewrite: |b, a| bitwise(b, a, TtirOp::BitwiseOr, TtirOp::LogicalOr),
    },
    Lowering {
        op: "aten.bitwise_xor.Tensor",
        produces: &[TtirOp::BitwiseXor, TtirOp::LogicalXor],
        conditions: "",
        rewrite: |b, a| bitwise(b, a, TtirOp::BitwiseXor, TtirOp::LogicalXor),
    },
    Lowering {
        op: "aten.bitwise_xor.Scalar",
        produces: &[TtirOp::BitwiseXor, TtirOp::LogicalXor],
        conditions: "",
        rewrite: |b, a| bitwise(b, a, TtirOp::BitwiseXor, TtirOp::LogicalXor),
    },
    compare!("aten.logical_and.default", LogicalAnd),
    compare!("aten.logical_or.default", LogicalOr),
    compare!("aten.logical_xor.default", LogicalXor),
    compare!("aten.eq.Tensor", Eq),
    compare!("aten.eq.Scalar", Eq),
    compare!("aten.ne.Tensor", Ne),
    compare!("aten.ne.Scalar", Ne),
    compare!("aten.gt.Tensor", Gt),
    compare!("aten.gt.Scalar", Gt),
    compare!("aten.ge.Tensor", Ge),
    compare!("aten.ge.Scalar", Ge),
    compare!("aten.lt.Tensor", Lt),
    compare!("aten.lt.Scalar", Lt),
    compare!("aten.le.Tensor", Le),
    compare!("aten.le.Scalar", Le),
    // Selection.
    Lowering {
        op: "aten.where.self",
        produces: &[TtirOp::Where],
        conditions: "",
        rewrite: where_,
    },
    Lowering {
        op: "aten.where.ScalarOther",
        produces: &[TtirOp::Where, TtirOp::Full],
        conditions: "",
        rewrite: where_,
    },
    Lowering {
        op: "aten.where.ScalarSelf",
        produces: &[TtirOp::Where, TtirOp::Full],
        conditions: "",
        rewrite: where_,
    },
    Lowering {
        op: "aten.where.Scalar",
        produces: &[TtirOp::Where, TtirOp::Full],
        conditions: "",
        rewrite: where_,
    },
    Lowering {
        op: "aten.masked_fill.Scalar",
        produces: &[TtirOp::Where, TtirOp::Full],
        conditions: "",
        rewrite: masked_fill,
    },
    Lowering {
        op: "aten.masked_fill.Tensor",
        produces: &[TtirOp::Where],
        conditions: "",
        rewrite: masked_fill,
    },
    // Conversions.
    Lowering {
        op: "aten._to_copy.default",
        produces: &[TtirOp::Typecast],
        conditions: "",
        rewrite: to_dtype,
    },
    Lowering {
        op: "aten.to.dtype",
        produces: &[TtirOp::Typecast],
        conditions: "",
        rewrite: to_dtype,
    },
];

/// The tensor or scalar argument `name`, as a tensor of element type `element`.
pub(super) fn tensor_or_scalar<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    name: &str,
    element: melior::ir::Type<'c>,
) -> Result<Value<'c, 'a>, NoMatch> {
    if a.is_tensor_arg(name)
        && let Some(v) = a.tensor(name)?
    {
        return Ok(b.cast(v, element));
    }
    match a.literal(name)? {
        Literal::None => Err(format!("argument '{name}' is missing")),
        lit => {
            let value = lit
                .as_f64()
                .ok_or_else(|| format!("argument '{name}' is not a number"))?;
            Ok(b.scalar(value, element))
        }
    }
}

fn self_input<'c, 'a>(a: &AtenOp<'c, 'a>) -> Result<Value<'c, 'a>, NoMatch> {
    a.required_tensor("self")
}

fn unary_op<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    op: TtirOp,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let x = b.cast(self_input(a)?, element_of(ty));
    single(b.one(op, &[x], &[], ty))
}

fn predicate<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    op: TtirOp,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    single(b.one(op, &[self_input(a)?], &[], result_type(a, 0)))
}

fn predicate_logical_not<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    if element_of(ty) != b.i1() {
        let not = b.one(
            TtirOp::LogicalNot,
            &[self_input(a)?],
            &[],
            b.tensor(&b.shape(self_input(a)?), b.i1()),
        );
        return single(b.cast(not, element_of(ty)));
    }
    predicate(b, a, TtirOp::LogicalNot)
}

fn isinf<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = self_input(a)?;
    if !b.is_float(b.element(x)) {
        return single(b.full(&b.shape(x), b.i1(), 0.0));
    }
    let abs = b.unary(TtirOp::Abs, x);
    let inf = b.scalar(f64::INFINITY, b.element(x));
    single(b.compare(TtirOp::Eq, abs, inf)?)
}

fn square<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let x = b.cast(self_input(a)?, element_of(ty));
    single(b.binary(TtirOp::Multiply, x, x, element_of(ty))?)
}

fn exp2<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let x = b.cast(self_input(a)?, e);
    let scaled = b.binary(TtirOp::Multiply, x, b.scalar(std::f64::consts::LN_2, e), e)?;
    single(b.unary(TtirOp::Exp, scaled))
}

fn scaled_log<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    factor: f64,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let ln = b.unary(TtirOp::Log, b.cast(self_input(a)?, e));
    single(b.binary(TtirOp::Multiply, ln, b.scalar(factor, e), e)?)
}

fn frac<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = self_input(a)?;
    let t = b.unary(TtirOp::Trunc, x);
    single(b.binary(TtirOp::Subtract, x, t, b.element(x))?)
}

fn gelu<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let approximate = match a.string("approximate")?.as_str() {
        "none" => false,
        "tanh" => true,
        other => return Err(format!("unknown gelu approximation '{other}'")),
    };
    let ty = result_type(a, 0);
    let x = b.cast(self_input(a)?, element_of(ty));
    let attrs: Vec<(&str, melior::ir::Attribute)> = if approximate {
        vec![("approximate", b.bool_attr(true))]
    } else {
        vec![]
    };
    single(b.one(TtirOp::Gelu, &[x], &attrs, ty))
}

fn leaky_relu<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let slope = a.float("negative_slope")?;
    let ty = result_type(a, 0);
    single(b.one(
        TtirOp::LeakyRelu,
        &[self_input(a)?],
        &[("slope", b.f64_attr(slope))],
        ty,
    ))
}

fn elu<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let (alpha, scale, input_scale) = (
        a.float("alpha")?,
        a.float("scale")?,
        a.float("input_scale")?,
    );
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let mut x = self_input(a)?;
    if input_scale != 1.0 {
        // elu(x * s) with alpha: alpha * (exp(s x) - 1) for x <= 0, s x otherwise.
        x = b.binary(TtirOp::Multiply, x, b.scalar(input_scale, e), e)?;
    }
    let mut y = b.one(TtirOp::Elu, &[x], &[("alpha", b.f64_attr(alpha))], ty);
    if scale != 1.0 {
        y = b.binary(TtirOp::Multiply, y, b.scalar(scale, e), e)?;
    }
    single(y)
}

fn clamp_values<'c, 'a>(
    b: &Builder<'c, 'a>,
    x: Value<'c, 'a>,
    min: Option<f64>,
    max: Option<f64>,
    ty: melior::ir::Type<'c>,
) -> Value<'c, 'a> {
    let mut attrs = Vec::new();
    if let Some(m) = min {
        attrs.push(("min", b.f64_attr(m)));
    }
    if let Some(m) = max {
        attrs.push(("max", b.f64_attr(m)));
    }
    b.one(TtirOp::Clamp, &[x], &attrs, ty)
}

fn hardtanh<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    single(clamp_values(
        b,
        self_input(a)?,
        Some(a.float("min_val")?),
        Some(a.float("max_val")?),
        ty,
    ))
}

fn relu6<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    single(clamp_values(
        b,
        self_input(a)?,
        Some(0.0),
        Some(6.0),
        result_type(a, 0),
    ))
}

fn hard_sigmoid_of<'c, 'a>(
    b: &Builder<'c, 'a>,
    x: Value<'c, 'a>,
) -> Result<Value<'c, 'a>, NoMatch> {
    let e = b.element(x);
    let scaled = b.binary(TtirOp::Multiply, x, b.scalar(1.0 / 6.0, e), e)?;
    let shifted = b.binary(TtirOp::Add, scaled, b.scalar(0.5, e), e)?;
    Ok(clamp_values(
        b,
        shifted,
        Some(0.0),
        Some(1.0),
        shifted.r#type(),
    ))
}

fn hardsigmoid<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    single(hard_sigmoid_of(b, self_input(a)?)?)
}

fn hardswish<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = self_input(a)?;
    let h = hard_sigmoid_of(b, x)?;
    single(b.binary(TtirOp::Multiply, x, h, b.element(x))?)
}

fn softplus_of<'c, 'a>(
    b: &Builder<'c, 'a>,
    x: Value<'c, 'a>,
    beta: f64,
    threshold: f64,
) -> Result<Value<'c, 'a>, NoMatch> {
    let e = b.element(x);
    let bx = if beta == 1.0 {
        x
    } else {
        b.binary(TtirOp::Multiply, x, b.scalar(beta, e), e)?
    };
    let soft = b.unary(TtirOp::Log1p, b.unary(TtirOp::Exp, bx));
    let soft = if beta == 1.0 {
        soft
    } else {
        b.binary(TtirOp::Div, soft, b.scalar(beta, e), e)?
    };
    // Above the threshold softplus is linear (PyTorch's numerical guard).
    let linear = b.compare(TtirOp::Gt, bx, b.scalar(threshold, e))?;
    b.select(linear, x, soft, e)
}

fn softplus<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    single(softplus_of(
        b,
        self_input(a)?,
        a.float("beta")?,
        a.float("threshold")?,
    )?)
}

fn mish<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = self_input(a)?;
    let sp = softplus_of(b, x, 1.0, 20.0)?;
    let t = b.unary(TtirOp::Tanh, sp);
    single(b.binary(TtirOp::Multiply, x, t, b.element(x))?)
}

fn log_sigmoid<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let s = b.unary(TtirOp::Sigmoid, self_input(a)?);
    single(b.unary(TtirOp::Log, s))
}

fn clamp<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let min = if a.schema.and_then(|s| s.arg("min")).is_some() {
        a.opt_float("min")?
    } else {
        None
    };
    let max = if a.schema.and_then(|s| s.arg("max")).is_some() {
        a.opt_float("max")?
    } else {
        None
    };
    let ty = result_type(a, 0);
    let x = b.cast(self_input(a)?, element_of(ty));
    single(clamp_values(b, x, min, max, ty))
}

fn clamp_tensor<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let e = element_of(result_type(a, 0));
    let mut x = b.cast(self_input(a)?, e);
    if let Some(min) = a.tensor("min")? {
        x = b.binary(TtirOp::Maximum, x, min, e)?;
    }
    if let Some(max) = a.tensor("max")? {
        x = b.binary(TtirOp::Minimum, x, max, e)?;
    }
    single(b.broadcast_to(x, &super::builder::shape_of(result_type(a, 0))))
}

/// `self ± alpha * other`, or `other - alpha * self` when `reversed` (rsub).
fn add_sub<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    op: TtirOp,
    reversed: bool,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let e = element_of(result_type(a, 0));
    let x = tensor_or_scalar(b, a, "self", e)?;
    let mut y = tensor_or_scalar(b, a, "other", e)?;
    let alpha = a.float("alpha")?;
    let (lhs, rhs) = if reversed {
        let scaled_x = if alpha == 1.0 {
            x
        } else {
            b.binary(TtirOp::Multiply, x, b.scalar(alpha, e), e)?
        };
        (y, scaled_x)
    } else {
        if alpha != 1.0 {
            y = b.binary(TtirOp::Multiply, y, b.scalar(alpha, e), e)?;
        }
        (x, y)
    };
    single(b.binary(op, lhs, rhs, e)?)
}

fn binary_op<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    op: TtirOp,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let e = element_of(result_type(a, 0));
    let (lhs_name, rhs_name) = operand_names(a);
    let x = tensor_or_scalar(b, a, lhs_name, e)?;
    let y = tensor_or_scalar(b, a, rhs_name, e)?;
    single(b.binary(op, x, y, e)?)
}

/// The names of a binary op's two operands (`self`/`other`, or `self`/`exponent` for pow).
fn operand_names(a: &AtenOp<'_, '_>) -> (&'static str, &'static str) {
    let has = |n: &str| a.schema.is_some_and(|s| s.arg(n).is_some());
    if has("exponent") {
        ("self", "exponent")
    } else {
        ("self", "other")
    }
}

fn compare_op<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    op: TtirOp,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = self_input(a)?;
    let y = tensor_or_scalar(b, a, "other", b.element(x))?;
    let r = b.compare(op, x, y)?;
    single(b.cast(r, element_of(result_type(a, 0))))
}

fn bitwise<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    bitwise: TtirOp,
    logical: TtirOp,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let e = element_of(result_type(a, 0));
    if b.is_float(e) {
        return Err("bitwise ops need integer or bool operands".into());
    }
    if e == b.i1() {
        let x = tensor_or_scalar(b, a, "self", e)?;
        let y = tensor_or_scalar(b, a, "other", e)?;
        return single(b.compare(logical, x, y)?);
    }
    binary_op(b, a, bitwise)
}

fn div_mode<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let e = element_of(result_type(a, 0));
    let rounding = match a.literal("rounding_mode")? {
        Literal::Str(s) => Some(s),
        _ => None,
    };
    // Integer division computes in f32 and rounds back, as TTNN does.
    let compute = if b.is_float(e) { e } else { b.f32_type() };
    let x = tensor_or_scalar(b, a, "self", compute)?;
    let y = tensor_or_scalar(b, a, "other", compute)?;
    let q = b.binary(TtirOp::Div, x, y, compute)?;
    let q = match rounding.as_deref() {
        None => q,
        Some("trunc") => b.unary(TtirOp::Trunc, q),
        Some("floor") => b.unary(TtirOp::Floor, q),
        Some(other) => return Err(format!("unknown rounding mode '{other}'")),
    };
    single(b.cast(q, e))
}

fn floor_divide<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let e = element_of(result_type(a, 0));
    let compute = if b.is_float(e) { e } else { b.f32_type() };
    let q = b.binary(
        TtirOp::Div,
        tensor_or_scalar(b, a, "self", compute)?,
        tensor_or_scalar(b, a, "other", compute)?,
        compute,
    )?;
    single(b.cast(b.unary(TtirOp::Floor, q), e))
}

fn fmod<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let e = element_of(result_type(a, 0));
    let compute = if b.is_float(e) { e } else { b.f32_type() };
    let x = tensor_or_scalar(b, a, "self", compute)?;
    let y = tensor_or_scalar(b, a, "other", compute)?;
    let q = b.unary(TtirOp::Trunc, b.binary(TtirOp::Div, x, y, compute)?);
    let r = b.binary(
        TtirOp::Subtract,
        x,
        b.binary(TtirOp::Multiply, q, y, compute)?,
        compute,
    )?;
    single(b.cast(r, e))
}

fn pow_tensor_scalar<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let x = b.cast(self_input(a)?, e);
    let exponent = a.float("exponent")?;
    let y = match exponent {
        1.0 => x,
        2.0 => b.binary(TtirOp::Multiply, x, x, e)?,
        3.0 => {
            let sq = b.binary(TtirOp::Multiply, x, x, e)?;
            b.binary(TtirOp::Multiply, sq, x, e)?
        }
        0.5 => b.unary(TtirOp::Sqrt, x),
        -0.5 => b.unary(TtirOp::Rsqrt, x),
        -1.0 => b.unary(TtirOp::Reciprocal, x),
        0.0 => b.full(&b.shape(x), e, 1.0),
        _ => b.binary(TtirOp::Pow, x, b.scalar(exponent, e), e)?,
    };
    single(y)
}

fn pow_scalar_base<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let e = element_of(result_type(a, 0));
    let base = tensor_or_scalar(b, a, "self", e)?;
    let exponent = b.cast(a.required_tensor("exponent")?, e);
    single(b.binary(TtirOp::Pow, base, exponent, e)?)
}

fn where_<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let e = element_of(result_type(a, 0));
    let mut condition = a.required_tensor("condition")?;
    if b.element(condition) != b.i1() {
        condition = b.compare(TtirOp::Ne, condition, b.scalar(0.0, b.element(condition)))?;
    }
    let t = tensor_or_scalar(b, a, "self", e)?;
    let f = tensor_or_scalar(b, a, "other", e)?;
    single(b.select(condition, t, f, e)?)
}

fn masked_fill<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let e = element_of(result_type(a, 0));
    let x = b.cast(self_input(a)?, e);
    let mut mask = a.required_tensor("mask")?;
    if b.element(mask) != b.i1() {
        mask = b.compare(TtirOp::Ne, mask, b.scalar(0.0, b.element(mask)))?;
    }
    let value = tensor_or_scalar(b, a, "value", e)?;
    let r = b.select(mask, value, x, e)?;
    single(b.broadcast_to(r, &super::builder::shape_of(result_type(a, 0))))
}

fn to_dtype<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let x = self_input(a)?;
    if x.r#type() == ty {
        return single(x);
    }
    single(b.cast(x, element_of(ty)))
}
