//! Training ops: dropout, the negative log-likelihood loss, and the backward ops aot_autograd
//! puts in backward graphs (ReLU, log-softmax, dropout, non-overlapping max pooling and
//! stride-1 convolutions), each as a decomposition into ttir.

use melior::ir::Value;
use melior::ir::operation::OperationLike;
use ttc_dialects::TtirOp;
use ttc_dialects::aten::AtenOp;
use ttc_dialects::shapes::normalize_dim;

use super::builder::{Builder, NoMatch, element_of, shape_of};
use super::{Lowering, Replacement, result_type, result_used, single};

pub(super) static LOWERINGS: &[Lowering] = &[
    Lowering {
        op: "aten.native_dropout.default",
        produces: &[
            TtirOp::Rand,
            TtirOp::Ge,
            TtirOp::Where,
            TtirOp::Multiply,
            TtirOp::Full,
        ],
        conditions: "",
        rewrite: dropout,
    },
    Lowering {
        op: "aten.dropout.default",
        produces: &[TtirOp::Rand, TtirOp::Ge, TtirOp::Where, TtirOp::Multiply],
        conditions: "",
        rewrite: dropout,
    },
    Lowering {
        op: "aten.nll_loss_forward.default",
        produces: &[
            TtirOp::Gather,
            TtirOp::Ne,
            TtirOp::Where,
            TtirOp::Embedding,
            TtirOp::Multiply,
            TtirOp::Neg,
            TtirOp::Sum,
            TtirOp::Div,
        ],
        conditions: "",
        rewrite: nll_loss_forward,
    },
    Lowering {
        op: "aten.nll_loss_backward.default",
        produces: &[
            TtirOp::Arange,
            TtirOp::Eq,
            TtirOp::Ne,
            TtirOp::Where,
            TtirOp::Embedding,
            TtirOp::Multiply,
            TtirOp::Neg,
            TtirOp::Div,
        ],
        conditions: "",
        rewrite: nll_loss_backward,
    },
    Lowering {
        op: "aten.threshold_backward.default",
        produces: &[TtirOp::Le, TtirOp::Where],
        conditions: "",
        rewrite: threshold_backward,
    },
    Lowering {
        op: "aten._log_softmax_backward_data.default",
        produces: &[TtirOp::Exp, TtirOp::Sum, TtirOp::Multiply, TtirOp::Subtract],
        conditions: "",
        rewrite: log_softmax_backward,
    },
    Lowering {
        op: "aten.native_dropout_backward.default",
        produces: &[TtirOp::Typecast, TtirOp::Multiply],
        conditions: "",
        rewrite: dropout_backward,
    },
    Lowering {
        op: "aten.max_pool2d_with_indices_backward.default",
        produces: &[
            TtirOp::Reshape,
            TtirOp::Broadcast,
            TtirOp::Arange,
            TtirOp::Eq,
            TtirOp::Where,
            TtirOp::Pad,
        ],
        conditions: "stride = kernel, no padding or dilation (non-overlapping windows)",
        rewrite: max_pool_backward,
    },
    Lowering {
        op: "aten.convolution_backward.default",
        produces: &[
            TtirOp::Conv2d,
            TtirOp::Permute,
            TtirOp::Reverse,
            TtirOp::Sum,
        ],
        conditions: "2-D, stride 1, dilation 1, one group, not transposed",
        rewrite: convolution_backward,
    },
];

/// Dropout: in training, keep each element with probability `1 - p` and scale by `1 / (1 - p)`;
/// otherwise the identity (with an all-true mask).
fn dropout<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = a.required_tensor("input")?;
    let p = a.float("p")?;
    let train = a.bool("train")?;
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let shape = shape_of(ty);
    let with_mask = a.op.result_count() == 2;
    if !train || p == 0.0 {
        let mut replacement = vec![Some(b.cast(x, e))];
        if with_mask {
            replacement.push(
                result_used(a, 1).then(|| b.full(&shape, element_of(result_type(a, 1)), 1.0)),
            );
        }
        return Ok(replacement);
    }
    if p >= 1.0 {
        let mut replacement = vec![Some(b.full(&shape, e, 0.0))];
        if with_mask {
            replacement.push(
                result_used(a, 1).then(|| b.full(&shape, element_of(result_type(a, 1)), 0.0)),
            );
        }
        return Ok(replacement);
    }
    let seed = super::creation::seed_of(a, ttc_device::rng::stream::DROPOUT);
    let uniform = b.one(
        TtirOp::Rand,
        &[],
        &[("seed", b.i64_attr(seed))],
        b.tensor(&shape, b.f32_type()),
    );
    let keep = b.compare(TtirOp::Ge, uniform, b.scalar(p, b.f32_type()))?;
    let scaled = b.binary(TtirOp::Multiply, x, b.scalar(1.0 / (1.0 - p), e), e)?;
    let out = b.select(keep, scaled, b.scalar(0.0, e), e)?;
    let mut replacement = vec![Some(out)];
    if with_mask {
        replacement.push(Some(b.cast(keep, element_of(result_type(a, 1)))));
    }
    Ok(replacement)
}

/// Targets with `ignore_index` replaced by 0 (so they index safely) and the per-sample weight
/// (the class weight, 0 for ignored samples), for log-probabilities `[N, C]`.
fn nll_parts<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    n: i64,
) -> Result<(Value<'c, 'a>, Value<'c, 'a>), NoMatch> {
    let log_probs = a.required_tensor("self")?;
    let e = b.element(log_probs);
    let target = a.required_tensor("target")?;
    let target = b.reshape(target, &[n]);
    let index_type = b.element(target);
    let ignore = a.int("ignore_index")?;
    let ignored = b.compare(TtirOp::Eq, target, b.scalar(ignore as f64, index_type))?;
    let safe = b.select(ignored, b.scalar(0.0, index_type), target, index_type)?;
    let class_weight = match a.tensor("weight")? {
        Some(w) => {
            let c = b.shape(w)[0];
            let table = b.reshape(b.cast(w, e), &[c, 1]);
            let picked = b.one(TtirOp::Embedding, &[safe, table], &[], b.tensor(&[n, 1], e));
            b.reshape(picked, &[n])
        }
        None => b.full(&[n], e, 1.0),
    };
    let weight = b.select(ignored, b.scalar(0.0, e), class_weight, e)?;
    Ok((safe, weight))
}

fn batch_of(b: &Builder<'_, '_>, log_probs: Value<'_, '_>) -> Result<(i64, i64), NoMatch> {
    match b.shape(log_probs).as_slice() {
        [c] => Ok((1, *c)),
        [n, c] => Ok((*n, *c)),
        other => Err(format!(
            "nll_loss on {other:?}: only [N, C] and [C] inputs are supported"
        )),
    }
}

fn nll_loss_forward<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let log_probs = a.required_tensor("self")?;
    let e = b.element(log_probs);
    let (n, c) = batch_of(b, log_probs)?;
    let log_probs = b.reshape(log_probs, &[n, c]);
    let (safe, weight) = nll_parts(b, a, n)?;
    let index = b.reshape(safe, &[n, 1]);
    let picked = b.reshape(
        b.one(
            TtirOp::Gather,
            &[log_probs, index],
            &[("dim", b.i64_attr(1))],
            b.tensor(&[n, 1], e),
        ),
        &[n],
    );
    let losses = b.unary(TtirOp::Neg, b.binary(TtirOp::Multiply, picked, weight, e)?);
    let total_weight = b.reduce(TtirOp::Sum, weight, &[0], false, e);
    let output = match a.int("reduction")? {
        0 => losses,
        1 => b.binary(
            TtirOp::Div,
            b.reduce(TtirOp::Sum, losses, &[0], false, e),
            total_weight,
            e,
        )?,
        2 => b.reduce(TtirOp::Sum, losses, &[0], false, e),
        r => return Err(format!("unknown reduction {r}")),
    };
    let out_ty = result_type(a, 0);
    let mut replacement = vec![Some(
        b.reshape(b.cast(output, element_of(out_ty)), &shape_of(out_ty)),
    )];
    if a.op.result_count() == 2 {
        let tw_ty = result_type(a, 1);
        replacement.push(
            result_used(a, 1)
                .then(|| b.reshape(b.cast(total_weight, element_of(tw_ty)), &shape_of(tw_ty))),
        );
    }
    Ok(replacement)
}

fn nll_loss_backward<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let log_probs = a.required_tensor("self")?;
    let (n, c) = batch_of(b, log_probs)?;
    let (safe, weight) = nll_parts(b, a, n)?;
    let grad = b.cast(a.required_tensor("grad_output")?, e);
    // d(loss)/d(log_probs[i, target[i]]) = -weight[i] * grad (/ total_weight for the mean).
    let mut coefficient = b.binary(TtirOp::Multiply, b.unary(TtirOp::Neg, weight), grad, e)?;
    if a.int("reduction")? == 1 {
        let total = b.cast(a.required_tensor("total_weight")?, e);
        coefficient = b.binary(TtirOp::Div, coefficient, total, e)?;
    }
    let index_type = b.element(safe);
    let classes = b.one(
        TtirOp::Arange,
        &[],
        &[
            ("start", b.f64_attr(0.0)),
            ("end", b.f64_attr(c as f64)),
            ("step", b.f64_attr(1.0)),
        ],
        b.tensor(&[c], index_type),
    );
    let onehot = b.compare(
        TtirOp::Eq,
        b.reshape(classes, &[1, c]),
        b.reshape(safe, &[n, 1]),
    )?;
    let grad_input = b.select(onehot, b.reshape(coefficient, &[n, 1]), b.scalar(0.0, e), e)?;
    single(b.reshape(grad_input, &shape_of(ty)))
}

fn threshold_backward<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let grad = a.required_tensor("grad_output")?;
    let x = a.required_tensor("self")?;
    let threshold = a.float("threshold")?;
    let below = b.compare(TtirOp::Le, x, b.scalar(threshold, b.element(x)))?;
    single(b.select(below, b.scalar(0.0, e), grad, e)?)
}

fn log_softmax_backward<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let grad = b.cast(a.required_tensor("grad_output")?, e);
    let output = b.cast(a.required_tensor("output")?, e);
    let rank = b.shape(grad).len();
    let d = a.int("dim")?;
    let dim =
        normalize_dim(d, rank.max(1)).ok_or_else(|| format!("dimension {d} is out of range"))?;
    let total = b.reduce(TtirOp::Sum, grad, &[dim], true, e);
    let weighted = b.binary(TtirOp::Multiply, b.unary(TtirOp::Exp, output), total, e)?;
    single(b.binary(TtirOp::Subtract, grad, weighted, e)?)
}

fn dropout_backward<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let grad = a.required_tensor("grad_output")?;
    let mask = b.cast(a.required_tensor("mask")?, e);
    let scale = a.float("scale")?;
    let kept = b.binary(TtirOp::Multiply, grad, mask, e)?;
    single(b.binary(TtirOp::Multiply, kept, b.scalar(scale, e), e)?)
}

fn pair(v: Vec<i64>) -> Result<[i64; 2], NoMatch> {
    match v.as_slice() {
        [x] => Ok([*x, *x]),
        [h, w] => Ok([*h, *w]),
        other => Err(format!("{other:?} is not 2-D")),
    }
}

/// Gradient of max pooling with non-overlapping windows: each output gradient goes to the one
/// input position its index names.
fn max_pool_backward<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let grad = b.cast(a.required_tensor("grad_output")?, e);
    let indices = a.required_tensor("indices")?;
    let kernel = pair(a.ints("kernel_size")?)?;
    let stride_list = a.ints("stride")?;
    let stride = if stride_list.is_empty() {
        kernel
    } else {
        pair(stride_list)?
    };
    let padding = pair(a.ints("padding")?)?;
    let dilation = pair(a.ints("dilation")?)?;
    if stride != kernel || padding != [0, 0] || dilation != [1, 1] {
        return Err(
            "only non-overlapping windows (stride = kernel, no padding, no dilation) are supported"
                .into(),
        );
    }
    let input_shape = shape_of(ty);
    let gs = b.shape(grad);
    if input_shape.len() != 4 || gs.len() != 4 {
        return Err("only batched NCHW inputs are supported".into());
    }
    let (n, c, h, w) = (
        input_shape[0],
        input_shape[1],
        input_shape[2],
        input_shape[3],
    );
    let (oh, ow) = (gs[2], gs[3]);
    let (kh, kw) = (kernel[0], kernel[1]);
    if oh * kh > h || ow * kw > w {
        return Err("ceil-mode windows that overhang the input are not supported".into());
    }
    let spread = |v: Value<'c, 'a>| {
        let x = b.reshape(v, &[n, c, oh, 1, ow, 1]);
        b.reshape(
            b.broadcast_to(x, &[n, c, oh, kh, ow, kw]),
            &[n, c, oh * kh, ow * kw],
        )
    };
    let (up_grad, up_index) = (spread(grad), spread(indices));
    let index_type = b.element(indices);
    let positions = b.one(
        TtirOp::Arange,
        &[],
        &[
            ("start", b.f64_attr(0.0)),
            ("end", b.f64_attr((h * w) as f64)),
            ("step", b.f64_attr(1.0)),
        ],
        b.tensor(&[h * w], index_type),
    );
    let positions = b.slice(
        b.reshape(positions, &[1, 1, h, w]),
        &[0, 0, 0, 0],
        &[1, 1, oh * kh, ow * kw],
        &[1, 1, 1, 1],
    );
    let hit = b.compare(TtirOp::Eq, up_index, positions)?;
    let covered = b.select(hit, up_grad, b.scalar(0.0, e), e)?;
    // Rows and columns the windows do not reach get no gradient.
    if oh * kh == h && ow * kw == w {
        return single(covered);
    }
    let padding = [0, 0, 0, 0, 0, h - oh * kh, 0, w - ow * kw];
    single(b.one(
        TtirOp::Pad,
        &[covered],
        &[("padding", b.i64_array(&padding))],
        ty,
    ))
}

/// Gradients of a stride-1 2-D convolution, as convolutions: the input gradient convolves the
/// output gradient with the flipped, transposed weight; the weight gradient convolves the input
/// (channels as batch) with the output gradient; the bias gradient sums the output gradient.
fn convolution_backward<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let grad = a.required_tensor("grad_output")?;
    let x = a.required_tensor("input")?;
    let w = a.required_tensor("weight")?;
    let e = b.element(grad);
    let stride = pair(a.ints("stride")?)?;
    let padding = pair(a.ints("padding")?)?;
    let dilation = pair(a.ints("dilation")?)?;
    if a.bool("transposed")? || a.int("groups")? != 1 || stride != [1, 1] || dilation != [1, 1] {
        return Err(
            "only stride-1, undilated, ungrouped, untransposed convolution gradients are supported"
                .into(),
        );
    }
    let (gs, xs, ws) = (b.shape(grad), b.shape(x), b.shape(w));
    if gs.len() != 4 || xs.len() != 4 || ws.len() != 4 {
        return Err("only 2-D convolutions are supported".into());
    }
    let mask = a.literal("output_mask")?;
    let wanted = |i: usize| match &mask {
        ttc_dialects::aten::Literal::Bools(m) => m.get(i).copied().unwrap_or(false),
        _ => true,
    };
    let (kh, kw) = (ws[2], ws[3]);
    let mut replacement = Vec::new();

    replacement.push(if wanted(0) && result_used(a, 0) {
        let (ph, pw) = (kh - 1 - padding[0], kw - 1 - padding[1]);
        if ph < 0 || pw < 0 {
            return Err("padding larger than the kernel".into());
        }
        let flipped_t = b.permute(w, &[1, 0, 2, 3]);
        let flipped_t = b.one(
            TtirOp::Reverse,
            &[flipped_t],
            &[("dimensions", b.i64_array(&[2, 3]))],
            melior::ir::ValueLike::r#type(&flipped_t),
        );
        Some(conv(b, grad, flipped_t, [ph, pw], result_type(a, 0))?)
    } else {
        None
    });
    replacement.push(if wanted(1) && result_used(a, 1) {
        let xt = b.permute(x, &[1, 0, 2, 3]);
        let gt = b.permute(grad, &[1, 0, 2, 3]);
        let transposed_ty = b.tensor(&[ws[1], ws[0], kh, kw], e);
        let gw = conv(b, xt, gt, padding, transposed_ty)?;
        Some(b.cast(b.permute(gw, &[1, 0, 2, 3]), element_of(result_type(a, 1))))
    } else {
        None
    });
    replacement.push(
        if a.op.result_count() > 2 && wanted(2) && result_used(a, 2) {
            let ty = result_type(a, 2);
            Some(b.reshape(
                b.reduce(TtirOp::Sum, grad, &[0, 2, 3], false, element_of(ty)),
                &shape_of(ty),
            ))
        } else {
            None
        },
    );
    replacement.truncate(a.op.result_count());
    Ok(replacement)
}

fn conv<'c, 'a>(
    b: &Builder<'c, 'a>,
    x: Value<'c, 'a>,
    w: Value<'c, 'a>,
    padding: [i64; 2],
    ty: melior::ir::Type<'c>,
) -> Result<Value<'c, 'a>, NoMatch> {
    Ok(b.one(
        TtirOp::Conv2d,
        &[x, w],
        &[
            ("stride", b.i64_array(&[1, 1])),
            (
                "padding",
                b.i64_array(&[padding[0], padding[1], padding[0], padding[1]]),
            ),
            ("dilation", b.i64_array(&[1, 1])),
        ],
        ty,
    ))
}
