//! Reductions and scans: sum, mean, max, min, prod, any, all, argmax, argmin, cumsum,
//! var, std and logsumexp.
//!
//! An empty or absent dimension list reduces every dimension. Inputs are converted to the
//! result's element type first (`sum` of bools counts them in i64, as PyTorch does).

use ttc_dialects::TtirOp;
use ttc_dialects::aten::{AtenOp, Literal};
use ttc_dialects::shapes::normalize_dim;

use super::builder::{Builder, NoMatch, element_of, shape_of};
use super::{Lowering, Replacement, result_type, result_used, single};

pub(super) static LOWERINGS: &[Lowering] = &[
    Lowering {
        op: "aten.sum.dim_IntList",
        produces: &[TtirOp::Sum],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::Sum),
    },
    Lowering {
        op: "aten.sum.default",
        produces: &[TtirOp::Sum],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::Sum),
    },
    Lowering {
        op: "aten.mean.dim",
        produces: &[TtirOp::Mean],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::Mean),
    },
    Lowering {
        op: "aten.mean.default",
        produces: &[TtirOp::Mean],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::Mean),
    },
    Lowering {
        op: "aten.amax.default",
        produces: &[TtirOp::Max],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::Max),
    },
    Lowering {
        op: "aten.amin.default",
        produces: &[TtirOp::Min],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::Min),
    },
    Lowering {
        op: "aten.max.default",
        produces: &[TtirOp::Max],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::Max),
    },
    Lowering {
        op: "aten.min.default",
        produces: &[TtirOp::Min],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::Min),
    },
    Lowering {
        op: "aten.prod.default",
        produces: &[TtirOp::Prod],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::Prod),
    },
    Lowering {
        op: "aten.prod.dim_int",
        produces: &[TtirOp::Prod],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::Prod),
    },
    Lowering {
        op: "aten.any.default",
        produces: &[TtirOp::ReduceOr],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::ReduceOr),
    },
    Lowering {
        op: "aten.any.dim",
        produces: &[TtirOp::ReduceOr],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::ReduceOr),
    },
    Lowering {
        op: "aten.any.dims",
        produces: &[TtirOp::ReduceOr],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::ReduceOr),
    },
    Lowering {
        op: "aten.all.default",
        produces: &[TtirOp::ReduceAnd],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::ReduceAnd),
    },
    Lowering {
        op: "aten.all.dim",
        produces: &[TtirOp::ReduceAnd],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::ReduceAnd),
    },
    Lowering {
        op: "aten.all.dims",
        produces: &[TtirOp::ReduceAnd],
        conditions: "",
        rewrite: |b, a| reduce(b, a, TtirOp::ReduceAnd),
    },
    Lowering {
        op: "aten.max.dim",
        produces: &[TtirOp::Max, TtirOp::Argmax],
        conditions: "",
        rewrite: |b, a| value_and_index(b, a, false),
    },
    Lowering {
        op: "aten.min.dim",
        produces: &[TtirOp::Min, TtirOp::Neg, TtirOp::Argmax],
        conditions: "",
        rewrite: |b, a| value_and_index(b, a, true),
    },
    Lowering {
        op: "aten.argmax.default",
        produces: &[TtirOp::Argmax],
        conditions: "",
        rewrite: |b, a| arg_extreme(b, a, false),
    },
    Lowering {
        op: "aten.argmin.default",
        produces: &[TtirOp::Neg, TtirOp::Argmax],
        conditions: "",
        rewrite: |b, a| arg_extreme(b, a, true),
    },
    Lowering {
        op: "aten.cumsum.default",
        produces: &[TtirOp::Cumsum],
        conditions: "",
        rewrite: cumsum,
    },
    Lowering {
        op: "aten.var.correction",
        produces: &[
            TtirOp::Mean,
            TtirOp::Subtract,
            TtirOp::Multiply,
            TtirOp::Sum,
            TtirOp::Div,
        ],
        conditions: "",
        rewrite: |b, a| variance(b, a, false),
    },
    Lowering {
        op: "aten.var.dim",
        produces: &[
            TtirOp::Mean,
            TtirOp::Subtract,
            TtirOp::Multiply,
            TtirOp::Sum,
            TtirOp::Div,
        ],
        conditions: "",
        rewrite: |b, a| variance(b, a, false),
    },
    Lowering {
        op: "aten.std.correction",
        produces: &[
            TtirOp::Mean,
            TtirOp::Subtract,
            TtirOp::Multiply,
            TtirOp::Sum,
            TtirOp::Div,
            TtirOp::Sqrt,
        ],
        conditions: "",
        rewrite: |b, a| variance(b, a, true),
    },
    Lowering {
        op: "aten.logsumexp.default",
        produces: &[
            TtirOp::Max,
            TtirOp::Subtract,
            TtirOp::Exp,
            TtirOp::Sum,
            TtirOp::Log,
            TtirOp::Add,
        ],
        conditions: "",
        rewrite: logsumexp,
    },
];

/// The dimensions named by argument `dim` (normalised, sorted, unique); every dimension when
/// the argument is absent, `None` or empty.
pub(super) fn dims_of(a: &AtenOp<'_, '_>, name: &str, rank: usize) -> Result<Vec<usize>, NoMatch> {
    let has = a.schema.is_some_and(|s| s.arg(name).is_some());
    let list = if has {
        match a.literal(name)? {
            Literal::None => vec![],
            Literal::Int(d) => vec![d],
            Literal::Ints(ds) => ds,
            other => {
                return Err(format!(
                    "dimension list {other:?} is not a list of integers"
                ));
            }
        }
    } else {
        vec![]
    };
    if list.is_empty() {
        return Ok((0..rank).collect());
    }
    let mut dims = Vec::with_capacity(list.len());
    for d in list {
        let n = normalize_dim(d, rank.max(1))
            .ok_or_else(|| format!("dimension {d} is out of range for rank {rank}"))?;
        if !dims.contains(&n) {
            dims.push(n);
        }
    }
    dims.sort_unstable();
    Ok(dims)
}

fn keep_dim(a: &AtenOp<'_, '_>) -> Result<bool, NoMatch> {
    if a.schema.is_some_and(|s| s.arg("keepdim").is_some()) {
        a.bool("keepdim")
    } else {
        Ok(false)
    }
}

fn reduce<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    op: TtirOp,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let x = a.required_tensor("self")?;
    let rank = b.shape(x).len();
    let dims = dims_of(a, "dim", rank)?;
    let keep = keep_dim(a)?;
    let x = if matches!(op, TtirOp::ReduceAnd | TtirOp::ReduceOr) {
        x
    } else {
        b.cast(x, e)
    };
    if rank == 0 {
        // Reducing a 0-d tensor leaves it as it is.
        return single(b.cast(x, e));
    }
    let r = b.reduce(op, x, &dims, keep, e);
    single(b.reshape(r, &shape_of(ty)))
}

fn argmax_of<'c, 'a>(
    b: &Builder<'c, 'a>,
    x: melior::ir::Value<'c, 'a>,
    dim: Option<usize>,
    keep: bool,
    ty: melior::ir::Type<'c>,
) -> melior::ir::Value<'c, 'a> {
    let mut attrs = vec![("keep_dim", b.bool_attr(keep))];
    if let Some(d) = dim {
        attrs.push(("dim", b.i64_attr(d as i64)));
    }
    b.one(TtirOp::Argmax, &[x], &attrs, ty)
}

fn arg_extreme<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    minimum: bool,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let mut x = a.required_tensor("self")?;
    let rank = b.shape(x).len();
    let dim = match a.opt_int("dim")? {
        Some(d) => Some(
            normalize_dim(d, rank.max(1))
                .ok_or_else(|| format!("dimension {d} is out of range"))?,
        ),
        None => None,
    };
    if minimum {
        x = b.unary(TtirOp::Neg, x);
    }
    single(argmax_of(b, x, dim, keep_dim(a)?, ty))
}

/// `max.dim` / `min.dim`: the values and the index of the first extremum along `dim`.
fn value_and_index<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    minimum: bool,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = a.required_tensor("self")?;
    let rank = b.shape(x).len();
    let d = a.int("dim")?;
    let dim =
        normalize_dim(d, rank.max(1)).ok_or_else(|| format!("dimension {d} is out of range"))?;
    let keep = keep_dim(a)?;
    let (values_ty, indices_ty) = (result_type(a, 0), result_type(a, 1));
    let values = if result_used(a, 0) {
        let op = if minimum { TtirOp::Min } else { TtirOp::Max };
        Some(b.reshape(
            b.reduce(op, x, &[dim], keep, element_of(values_ty)),
            &shape_of(values_ty),
        ))
    } else {
        None
    };
    let indices = if result_used(a, 1) {
        let src = if minimum { b.unary(TtirOp::Neg, x) } else { x };
        Some(argmax_of(b, src, Some(dim), keep, indices_ty))
    } else {
        None
    };
    Ok(vec![values, indices])
}

fn cumsum<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let x = b.cast(a.required_tensor("self")?, element_of(ty));
    let rank = b.shape(x).len();
    let d = a.int("dim")?;
    let dim =
        normalize_dim(d, rank.max(1)).ok_or_else(|| format!("dimension {d} is out of range"))?;
    if rank == 0 {
        return single(x);
    }
    single(b.one(TtirOp::Cumsum, &[x], &[("dim", b.i64_attr(dim as i64))], ty))
}

/// `var` / `std` with a correction (Bessel's by default): `sum((x - mean)^2) / (N - correction)`.
fn variance<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    sqrt: bool,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let x = b.cast(a.required_tensor("self")?, e);
    let shape = b.shape(x);
    let dims = dims_of(a, "dim", shape.len())?;
    let keep = keep_dim(a)?;
    let correction = if a.schema.is_some_and(|s| s.arg("correction").is_some()) {
        a.opt_float("correction")?.unwrap_or(1.0)
    } else if a.bool("unbiased")? {
        1.0
    } else {
        0.0
    };
    let count: i64 = dims.iter().map(|&d| shape[d]).product();
    let mean = b.reduce(TtirOp::Mean, x, &dims, true, e);
    let centered = b.binary(TtirOp::Subtract, x, mean, e)?;
    let squared = b.binary(TtirOp::Multiply, centered, centered, e)?;
    let total = b.reduce(TtirOp::Sum, squared, &dims, keep, e);
    let divisor = (count as f64 - correction).max(0.0);
    let mut v = b.binary(TtirOp::Div, total, b.scalar(divisor, e), e)?;
    if sqrt {
        v = b.unary(TtirOp::Sqrt, v);
    }
    single(b.reshape(v, &shape_of(ty)))
}

/// `log(sum(exp(x - max))) + max`, stable.
fn logsumexp<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let x = b.cast(a.required_tensor("self")?, e);
    let dims = dims_of(a, "dim", b.shape(x).len())?;
    let max = b.reduce(TtirOp::Max, x, &dims, true, e);
    let shifted = b.binary(TtirOp::Subtract, x, max, e)?;
    let sum = b.reduce(TtirOp::Sum, b.unary(TtirOp::Exp, shifted), &dims, true, e);
    let lse = b.binary(TtirOp::Add, b.unary(TtirOp::Log, sum), max, e)?;
    single(b.reshape(lse, &shape_of(ty)))
}
