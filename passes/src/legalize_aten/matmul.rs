//! Matrix products: `mm`, `bmm`, `matmul`, `mv`, `dot`, `addmm`, `baddbmm`, `linear`, and `t`.
//!
//! A transpose of the last two dimensions feeding a product is folded into the product's
//! `transpose_a` / `transpose_b` (aot_autograd writes `addmm(b, x, t(w))` for every linear
//! layer); the transpose itself then has no users and cse/canonicalize drop it.

use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::{Value, ValueLike};
use ttc_dialects::TtirOp;
use ttc_dialects::aten::AtenOp;
use ttc_dialects::view::OpView;

use super::builder::{Builder, NoMatch, element_of, shape_of};
use super::{Lowering, Replacement, result_type, single};

pub(super) static LOWERINGS: &[Lowering] = &[
    Lowering {
        op: "aten.mm.default",
        produces: &[TtirOp::Matmul],
        conditions: "",
        rewrite: |b, a| product(b, a, "self", "mat2"),
    },
    Lowering {
        op: "aten.bmm.default",
        produces: &[TtirOp::Matmul],
        conditions: "",
        rewrite: |b, a| product(b, a, "self", "mat2"),
    },
    Lowering {
        op: "aten.matmul.default",
        produces: &[TtirOp::Matmul],
        conditions: "",
        rewrite: |b, a| product(b, a, "self", "other"),
    },
    Lowering {
        op: "aten.mv.default",
        produces: &[TtirOp::Matmul],
        conditions: "",
        rewrite: |b, a| product(b, a, "self", "vec"),
    },
    Lowering {
        op: "aten.dot.default",
        produces: &[TtirOp::Matmul],
        conditions: "",
        rewrite: |b, a| product(b, a, "self", "tensor"),
    },
    Lowering {
        op: "aten.addmm.default",
        produces: &[
            TtirOp::Linear,
            TtirOp::Matmul,
            TtirOp::Multiply,
            TtirOp::Add,
        ],
        conditions: "",
        rewrite: |b, a| add_product(b, a, "mat1", "mat2"),
    },
    Lowering {
        op: "aten.baddbmm.default",
        produces: &[
            TtirOp::Linear,
            TtirOp::Matmul,
            TtirOp::Multiply,
            TtirOp::Add,
        ],
        conditions: "",
        rewrite: |b, a| add_product(b, a, "batch1", "batch2"),
    },
    Lowering {
        op: "aten.linear.default",
        produces: &[TtirOp::Linear],
        conditions: "",
        rewrite: linear,
    },
    Lowering {
        op: "aten.t.default",
        produces: &[TtirOp::Transpose],
        conditions: "",
        rewrite: t,
    },
    Lowering {
        op: "aten.t_copy.default",
        produces: &[TtirOp::Transpose],
        conditions: "",
        rewrite: t,
    },
];

/// If `v` is a `ttir.transpose` of its last two dimensions, its input.
fn untransposed<'c, 'a>(v: Value<'c, 'a>) -> Option<Value<'c, 'a>> {
    let raw = v.to_raw();
    if !unsafe { mlir_sys::mlirValueIsAOpResult(raw) } {
        return None;
    }
    let owner = unsafe { OperationRef::from_raw(mlir_sys::mlirOpResultGetOwner(raw)) };
    let view = OpView::new(owner)?;
    if view.kind != ttc_dialects::RegisteredOp::Ttir(TtirOp::Transpose) {
        return None;
    }
    let input = owner.operand(0).ok()?;
    let rank = shape_of(input.r#type()).len() as i64;
    let (d0, d1) = (view.int_attr("dim0")?, view.int_attr("dim1")?);
    let norm = |d: i64| if d < 0 { d + rank } else { d };
    let (d0, d1) = (norm(d0).min(norm(d1)), norm(d0).max(norm(d1)));
    (rank >= 2 && d0 == rank - 2 && d1 == rank - 1).then_some(input)
}

/// A matmul of `a` and `b` (transposes folded in), converted to `element`.
pub(super) fn matmul_of<'c, 'a>(
    b: &Builder<'c, 'a>,
    x: Value<'c, 'a>,
    y: Value<'c, 'a>,
    bias: Option<Value<'c, 'a>>,
    element: melior::ir::Type<'c>,
    result_shape: &[i64],
) -> Value<'c, 'a> {
    let (x, ta) = match untransposed(x) {
        Some(inner) => (inner, true),
        None => (x, false),
    };
    let (y, tb) = match untransposed(y) {
        Some(inner) => (inner, true),
        None => (y, false),
    };
    let (x, y) = (b.cast(x, element), b.cast(y, element));
    let mut operands = vec![x, y];
    if let Some(bias) = bias {
        operands.push(b.cast(bias, element));
    }
    let mut attrs = Vec::new();
    if ta {
        attrs.push(("transpose_a", b.bool_attr(true)));
    }
    if tb {
        attrs.push(("transpose_b", b.bool_attr(true)));
    }
    let op = if bias.is_some() {
        TtirOp::Linear
    } else {
        TtirOp::Matmul
    };
    b.one(op, &operands, &attrs, b.tensor(result_shape, element))
}

fn product<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    lhs: &str,
    rhs: &str,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let x = a.required_tensor(lhs)?;
    let y = a.required_tensor(rhs)?;
    single(matmul_of(b, x, y, None, element_of(ty), &shape_of(ty)))
}

/// `beta * input + alpha * (m1 @ m2)`; with `beta = alpha = 1` a `ttir.linear`.
fn add_product<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    lhs: &str,
    rhs: &str,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let (e, shape) = (element_of(ty), shape_of(ty));
    let bias = a.required_tensor("self")?;
    let (beta, alpha) = (a.float("beta")?, a.float("alpha")?);
    let (x, y) = (a.required_tensor(lhs)?, a.required_tensor(rhs)?);
    if beta == 1.0 && alpha == 1.0 {
        return single(matmul_of(b, x, y, Some(bias), e, &shape));
    }
    let mut prod = matmul_of(b, x, y, None, e, &shape);
    if alpha != 1.0 {
        prod = b.binary(TtirOp::Multiply, prod, b.scalar(alpha, e), e)?;
    }
    if beta == 0.0 {
        return single(prod);
    }
    let scaled_bias = if beta == 1.0 {
        b.cast(bias, e)
    } else {
        b.binary(TtirOp::Multiply, bias, b.scalar(beta, e), e)?
    };
    single(b.binary(TtirOp::Add, prod, scaled_bias, e)?)
}

/// `linear(input, weight [out, in], bias)`: `input @ weight^T + bias`.
fn linear<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let x = b.cast(a.required_tensor("input")?, e);
    let w = b.cast(a.required_tensor("weight")?, e);
    let mut operands = vec![x, w];
    if let Some(bias) = a.tensor("bias")? {
        operands.push(b.cast(bias, e));
    }
    let op = if operands.len() == 3 {
        TtirOp::Linear
    } else {
        TtirOp::Matmul
    };
    single(b.one(op, &operands, &[("transpose_b", b.bool_attr(true))], ty))
}

/// `t`: transposes a 2-D tensor, leaves 0-D and 1-D tensors as they are.
fn t<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = a.required_tensor("self")?;
    match b.shape(x).len() {
        0 | 1 => single(x),
        2 => single(b.transpose(x, 0, 1)),
        n => Err(format!("t expects at most 2 dimensions, got {n}")),
    }
}
