//! Normalisations: softmax, log-softmax, layer norm, RMS norm, batch norm (inference, and
//! training by decomposition) and group norm (by decomposition).
//!
//! The `native_*` variants also return statistics (mean, inverse standard deviation); those
//! results are built only when something reads them.

use melior::ir::operation::OperationLike;
use melior::ir::{Type, Value};
use ttc_dialects::TtirOp;
use ttc_dialects::aten::AtenOp;
use ttc_dialects::shapes::normalize_dim;

use super::builder::{Builder, NoMatch, element_of, shape_of};
use super::{Lowering, Replacement, result_type, result_used, single};

pub(super) static LOWERINGS: &[Lowering] = &[
    Lowering {
        op: "aten._softmax.default",
        produces: &[TtirOp::Softmax],
        conditions: "",
        rewrite: |b, a| softmax(b, a, TtirOp::Softmax),
    },
    Lowering {
        op: "aten.softmax.int",
        produces: &[TtirOp::Softmax],
        conditions: "",
        rewrite: |b, a| softmax(b, a, TtirOp::Softmax),
    },
    Lowering {
        op: "aten._log_softmax.default",
        produces: &[TtirOp::LogSoftmax],
        conditions: "",
        rewrite: |b, a| softmax(b, a, TtirOp::LogSoftmax),
    },
    Lowering {
        op: "aten.log_softmax.int",
        produces: &[TtirOp::LogSoftmax],
        conditions: "",
        rewrite: |b, a| softmax(b, a, TtirOp::LogSoftmax),
    },
    Lowering {
        op: "aten.native_layer_norm.default",
        produces: &[TtirOp::LayerNorm, TtirOp::Mean, TtirOp::Rsqrt],
        conditions: "",
        rewrite: layer_norm,
    },
    Lowering {
        op: "aten.layer_norm.default",
        produces: &[TtirOp::LayerNorm],
        conditions: "",
        rewrite: layer_norm,
    },
    Lowering {
        op: "aten.rms_norm.default",
        produces: &[TtirOp::RmsNorm],
        conditions: "",
        rewrite: rms_norm,
    },
    Lowering {
        op: "aten._native_batch_norm_legit_no_training.default",
        produces: &[TtirOp::BatchNorm],
        conditions: "",
        rewrite: |b, a| batch_norm(b, a, Some(false)),
    },
    Lowering {
        op: "aten._native_batch_norm_legit.default",
        produces: &[TtirOp::BatchNorm, TtirOp::Mean, TtirOp::Rsqrt],
        conditions: "",
        rewrite: |b, a| batch_norm(b, a, None),
    },
    Lowering {
        op: "aten.native_batch_norm.default",
        produces: &[TtirOp::BatchNorm, TtirOp::Mean, TtirOp::Rsqrt],
        conditions: "",
        rewrite: |b, a| batch_norm(b, a, None),
    },
    Lowering {
        op: "aten.batch_norm.default",
        produces: &[TtirOp::BatchNorm, TtirOp::Mean, TtirOp::Rsqrt],
        conditions: "",
        rewrite: |b, a| batch_norm(b, a, None),
    },
    Lowering {
        op: "aten.native_group_norm.default",
        produces: &[
            TtirOp::Reshape,
            TtirOp::Mean,
            TtirOp::Subtract,
            TtirOp::Multiply,
            TtirOp::Add,
            TtirOp::Rsqrt,
        ],
        conditions: "",
        rewrite: group_norm,
    },
    Lowering {
        op: "aten.group_norm.default",
        produces: &[
            TtirOp::Reshape,
            TtirOp::Mean,
            TtirOp::Subtract,
            TtirOp::Multiply,
            TtirOp::Add,
            TtirOp::Rsqrt,
        ],
        conditions: "",
        rewrite: group_norm,
    },
];

fn softmax<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    op: TtirOp,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let x = b.cast(a.required_tensor("self")?, element_of(ty));
    let rank = b.shape(x).len();
    let d = a.int("dim")?;
    let dim =
        normalize_dim(d, rank.max(1)).ok_or_else(|| format!("dimension {d} is out of range"))?;
    if rank == 0 {
        let value = if op == TtirOp::Softmax { 1.0 } else { 0.0 };
        return single(b.full(&[], element_of(ty), value));
    }
    single(b.one(op, &[x], &[("dimension", b.i32_attr(dim as i64))], ty))
}

/// `mean` and `1 / sqrt(var + eps)` over `dims` (kept), the biased variance.
fn moments<'c, 'a>(
    b: &Builder<'c, 'a>,
    x: Value<'c, 'a>,
    dims: &[usize],
    eps: f64,
    e: Type<'c>,
) -> Result<(Value<'c, 'a>, Value<'c, 'a>), NoMatch> {
    let mean = b.reduce(TtirOp::Mean, x, dims, true, e);
    let centered = b.binary(TtirOp::Subtract, x, mean, e)?;
    let var = b.reduce(
        TtirOp::Mean,
        b.binary(TtirOp::Multiply, centered, centered, e)?,
        dims,
        true,
        e,
    );
    let rstd = b.unary(
        TtirOp::Rsqrt,
        b.binary(TtirOp::Add, var, b.scalar(eps, e), e)?,
    );
    Ok((mean, rstd))
}

fn layer_norm<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let x = b.cast(a.required_tensor("input")?, e);
    let normalized = a.ints("normalized_shape")?;
    let eps = a.float("eps")?;
    let shape = b.shape(x);
    if normalized.is_empty()
        || normalized.len() > shape.len()
        || shape[shape.len() - normalized.len()..] != normalized[..]
    {
        return Err(format!(
            "normalized_shape {normalized:?} is not a trailing part of {shape:?}"
        ));
    }
    let mut operands = vec![x];
    let weight = a.tensor("weight")?.map(|w| b.cast(w, e));
    let bias = a.tensor("bias")?.map(|v| b.cast(v, e));
    operands.extend(weight);
    operands.extend(bias);
    let segments = [1, weight.is_some() as i32, bias.is_some() as i32];
    let out = b.one(
        TtirOp::LayerNorm,
        &operands,
        &[
            ("normalized_shape", b.i64_array(&normalized)),
            ("epsilon", b.f32_attr(eps)),
            ("operandSegmentSizes", segment_sizes(b, &segments)),
        ],
        ty,
    );
    let mut replacement = vec![Some(out)];
    if a.op.result_count() == 3 {
        let (mean_used, rstd_used) = (result_used(a, 1), result_used(a, 2));
        if mean_used || rstd_used {
            let dims: Vec<usize> = (shape.len() - normalized.len()..shape.len()).collect();
            let (mean, rstd) = moments(b, x, &dims, eps, e)?;
            replacement.push(mean_used.then(|| b.reshape(mean, &shape_of(result_type(a, 1)))));
            replacement.push(rstd_used.then(|| b.reshape(rstd, &shape_of(result_type(a, 2)))));
        } else {
            replacement.extend([None, None]);
        }
    }
    Ok(replacement)
}

pub(super) fn segment_sizes<'c>(b: &Builder<'c, '_>, sizes: &[i32]) -> melior::ir::Attribute<'c> {
    melior::ir::attribute::DenseI32ArrayAttribute::new(b.context, sizes).into()
}

fn rms_norm<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let x = b.cast(a.required_tensor("input")?, e);
    let normalized = a.ints("normalized_shape")?;
    // PyTorch's default epsilon is the machine epsilon of the input type.
    let eps = a.opt_float("eps")?.unwrap_or(if e == b.f32_type() {
        f32::EPSILON as f64
    } else {
        0.0078125
    });
    let mut operands = vec![x];
    let weight = a.tensor("weight")?.map(|w| b.cast(w, e));
    operands.extend(weight);
    single(b.one(
        TtirOp::RmsNorm,
        &operands,
        &[
            ("normalized_shape", b.i64_array(&normalized)),
            ("epsilon", b.f32_attr(eps)),
            (
                "operandSegmentSizes",
                segment_sizes(b, &[1, weight.is_some() as i32, 0]),
            ),
        ],
        ty,
    ))
}

/// Batch norm. `training`: `Some(false)` for the no-training overload, `None` to read the
/// `training` argument (absent means training with batch statistics, as
/// `_native_batch_norm_legit`).
fn batch_norm<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    training: Option<bool>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let x = b.cast(a.required_tensor("input")?, e);
    let shape = b.shape(x);
    if shape.len() < 2 {
        return Err("batch norm needs a channel dimension".into());
    }
    let has_training_arg = a.schema.is_some_and(|s| s.arg("training").is_some());
    let training = match training {
        Some(t) => t,
        None if has_training_arg => a.bool("training")?,
        None => true,
    };
    let eps = a.float("eps")?;
    let channels = shape[1];
    let weight = a.tensor("weight")?.map(|w| b.cast(w, e));
    let bias = a.tensor("bias")?.map(|v| b.cast(v, e));
    let mut replacement = Vec::new();
    if !training {
        let mean = a
            .tensor("running_mean")?
            .ok_or("inference batch norm needs running statistics")?;
        let var = a
            .tensor("running_var")?
            .ok_or("inference batch norm needs running statistics")?;
        let mut operands = vec![x, b.cast(mean, e), b.cast(var, e)];
        operands.extend(weight);
        operands.extend(bias);
        let out = b.one(
            TtirOp::BatchNorm,
            &operands,
            &[
                ("epsilon", b.f32_attr(eps)),
                (
                    "operandSegmentSizes",
                    segment_sizes(
                        b,
                        &[1, 1, 1, weight.is_some() as i32, bias.is_some() as i32],
                    ),
                ),
            ],
            ty,
        );
        replacement.push(Some(out));
        // The saved statistics of the inference overloads are empty tensors nobody reads.
        for i in 1..a.op.result_count() {
            if result_used(a, i) {
                return Err("the saved statistics of an inference batch norm are read".into());
            }
            replacement.push(None);
        }
        return Ok(replacement);
    }
    // Training: normalise with the batch statistics over every dimension but the channels.
    let dims: Vec<usize> = (0..shape.len()).filter(|&d| d != 1).collect();
    let (mean, rstd) = moments(b, x, &dims, eps, e)?;
    let mut y = b.binary(
        TtirOp::Multiply,
        b.binary(TtirOp::Subtract, x, mean, e)?,
        rstd,
        e,
    )?;
    let mut per_channel = vec![1; shape.len()];
    per_channel[1] = channels;
    if let Some(w) = weight {
        y = b.binary(TtirOp::Multiply, y, b.reshape(w, &per_channel), e)?;
    }
    if let Some(v) = bias {
        y = b.binary(TtirOp::Add, y, b.reshape(v, &per_channel), e)?;
    }
    replacement.push(Some(y));
    let stats = [(1, mean), (2, rstd)];
    for (i, value) in stats {
        if i < a.op.result_count() {
            replacement
                .push(result_used(a, i).then(|| b.reshape(value, &shape_of(result_type(a, i)))));
        }
    }
    Ok(replacement)
}

fn group_norm<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let x = b.cast(a.required_tensor("input")?, e);
    let shape = b.shape(x);
    let groups = if a.schema.is_some_and(|s| s.arg("group").is_some()) {
        a.int("group")?
    } else {
        a.int("num_groups")?
    };
    let eps = a.float("eps")?;
    if shape.len() < 2 || groups <= 0 || shape[1] % groups != 0 {
        return Err(format!(
            "{groups} groups do not divide the channels of {shape:?}"
        ));
    }
    let (n, c) = (shape[0], shape[1]);
    let rest: i64 = shape[2..].iter().product();
    let grouped = b.reshape(x, &[n, groups, (c / groups) * rest]);
    let (mean, rstd) = moments(b, grouped, &[2], eps, e)?;
    let normed = b.binary(
        TtirOp::Multiply,
        b.binary(TtirOp::Subtract, grouped, mean, e)?,
        rstd,
        e,
    )?;
    let mut y = b.reshape(normed, &shape);
    let mut per_channel = vec![1; shape.len()];
    per_channel[1] = c;
    if let Some(w) = a.tensor("weight")? {
        y = b.binary(
            TtirOp::Multiply,
            y,
            b.reshape(b.cast(w, e), &per_channel),
            e,
        )?;
    }
    if let Some(v) = a.tensor("bias")? {
        y = b.binary(TtirOp::Add, y, b.reshape(b.cast(v, e), &per_channel), e)?;
    }
    let mut replacement = vec![Some(y)];
    for (i, value) in [(1, mean), (2, rstd)] {
        if i < a.op.result_count() {
            replacement
                .push(result_used(a, i).then(|| b.reshape(value, &shape_of(result_type(a, i)))));
        }
    }
    Ok(replacement)
}
