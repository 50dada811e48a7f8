//! Convolution, pooling and nearest-neighbour upsampling of NCHW images.

use melior::ir::Value;
use ttc_dialects::TtirOp;
use ttc_dialects::aten::{AtenOp, Literal};

use super::builder::{Builder, NoMatch, element_of, shape_of};
use super::{Lowering, Replacement, result_type, result_used, single};

pub(super) static LOWERINGS: &[Lowering] = &[
    Lowering {
        op: "aten.convolution.default",
        produces: &[TtirOp::Conv2d],
        conditions: "2-D, not transposed",
        rewrite: convolution,
    },
    Lowering {
        op: "aten.conv2d.default",
        produces: &[TtirOp::Conv2d],
        conditions: "",
        rewrite: convolution,
    },
    Lowering {
        op: "aten.max_pool2d.default",
        produces: &[TtirOp::MaxPool2d],
        conditions: "",
        rewrite: max_pool,
    },
    Lowering {
        op: "aten.max_pool2d_with_indices.default",
        produces: &[TtirOp::MaxPool2d, TtirOp::MaxPool2dWithIndices],
        conditions: "",
        rewrite: max_pool,
    },
    Lowering {
        op: "aten.avg_pool2d.default",
        produces: &[TtirOp::AvgPool2d, TtirOp::Multiply],
        conditions: "",
        rewrite: avg_pool,
    },
    Lowering {
        op: "aten.adaptive_avg_pool2d.default",
        produces: &[TtirOp::GlobalAvgPool2d, TtirOp::AvgPool2d],
        conditions: "output size divides the input size",
        rewrite: adaptive_avg_pool,
    },
    Lowering {
        op: "aten._adaptive_avg_pool2d.default",
        produces: &[TtirOp::GlobalAvgPool2d, TtirOp::AvgPool2d],
        conditions: "output size divides the input size",
        rewrite: adaptive_avg_pool,
    },
    Lowering {
        op: "aten.upsample_nearest2d.vec",
        produces: &[TtirOp::Reshape, TtirOp::Broadcast],
        conditions: "integer scale factors",
        rewrite: upsample_nearest,
    },
    Lowering {
        op: "aten.upsample_nearest2d.default",
        produces: &[TtirOp::Reshape, TtirOp::Broadcast],
        conditions: "integer scale factors",
        rewrite: upsample_nearest,
    },
];

/// `[h, w]` from an int list of length 1 or 2.
fn pair(values: &[i64], what: &str) -> Result<[i64; 2], NoMatch> {
    match values {
        [v] => Ok([*v, *v]),
        [h, w] => Ok([*h, *w]),
        _ => Err(format!("{what} {values:?} is not 2-D")),
    }
}

fn convolution<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let x = b.cast(a.required_tensor("input")?, e);
    let w = b.cast(a.required_tensor("weight")?, e);
    if b.shape(x).len() != 4 || b.shape(w).len() != 4 {
        return Err("only 2-D convolutions (4-D input and weight) map to ttir.conv2d".into());
    }
    if a.schema.is_some_and(|s| s.arg("transposed").is_some()) && a.bool("transposed")? {
        return Err("transposed convolutions have no ttir op".into());
    }
    let stride = pair(&a.ints("stride")?, "stride")?;
    let padding = match a.literal("padding")? {
        Literal::Str(mode) => return Err(format!("padding mode '{mode}' is not supported")),
        _ => pair(&a.ints("padding")?, "padding")?,
    };
    let dilation = pair(&a.ints("dilation")?, "dilation")?;
    let groups = a.int("groups")?;
    let mut operands = vec![x, w];
    if let Some(bias) = a.tensor("bias")? {
        operands.push(b.cast(bias, e));
    }
    single(b.one(
        TtirOp::Conv2d,
        &operands,
        &[
            ("stride", b.i64_array(&stride)),
            (
                "padding",
                b.i64_array(&[padding[0], padding[1], padding[0], padding[1]]),
            ),
            ("dilation", b.i64_array(&dilation)),
            ("groups", b.i64_attr(groups)),
        ],
        ty,
    ))
}

fn max_pool<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = a.required_tensor("self")?;
    let shape = b.shape(x);
    if shape.len() != 4 {
        return Err(format!(
            "max_pool2d on {shape:?}: only batched NCHW inputs are supported"
        ));
    }
    let kernel = pair(&a.ints("kernel_size")?, "kernel_size")?;
    let stride_list = a.ints("stride")?;
    let stride = if stride_list.is_empty() {
        kernel
    } else {
        pair(&stride_list, "stride")?
    };
    let padding = pair(&a.ints("padding")?, "padding")?;
    let dilation = pair(&a.ints("dilation")?, "dilation")?;
    let ceil = a.bool("ceil_mode")?;
    let attrs = [
        ("kernel_size", b.i64_array(&kernel)),
        ("stride", b.i64_array(&stride)),
        (
            "padding",
            b.i64_array(&[padding[0], padding[1], padding[0], padding[1]]),
        ),
        ("dilation", b.i64_array(&dilation)),
        ("ceil_mode", b.bool_attr(ceil)),
    ];
    let values_ty = result_type(a, 0);
    if a.op.result_count() == 2 && result_used(a, 1) {
        let op = b.op(
            TtirOp::MaxPool2dWithIndices,
            &[x],
            &attrs,
            &[values_ty, result_type(a, 1)],
        );
        return Ok(vec![
            Some(op.result(0).expect("values").into()),
            Some(op.result(1).expect("indices").into()),
        ]);
    }
    let values = b.one(TtirOp::MaxPool2d, &[x], &attrs, values_ty);
    let mut replacement = vec![Some(values)];
    if a.op.result_count() == 2 {
        replacement.push(None);
    }
    Ok(replacement)
}

use melior::ir::operation::OperationLike;

fn avg_pool<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let x = b.cast(a.required_tensor("self")?, e);
    if b.shape(x).len() != 4 {
        return Err("only batched NCHW inputs are supported".into());
    }
    let kernel = pair(&a.ints("kernel_size")?, "kernel_size")?;
    let stride_list = a.ints("stride")?;
    let stride = if stride_list.is_empty() {
        kernel
    } else {
        pair(&stride_list, "stride")?
    };
    let padding = pair(&a.ints("padding")?, "padding")?;
    let pooled = b.one(
        TtirOp::AvgPool2d,
        &[x],
        &[
            ("kernel_size", b.i64_array(&kernel)),
            ("stride", b.i64_array(&stride)),
            (
                "padding",
                b.i64_array(&[padding[0], padding[1], padding[0], padding[1]]),
            ),
            ("ceil_mode", b.bool_attr(a.bool("ceil_mode")?)),
            (
                "count_include_pad",
                b.bool_attr(a.bool("count_include_pad")?),
            ),
        ],
        ty,
    );
    match a.opt_int("divisor_override")? {
        None => single(pooled),
        Some(d) => {
            // The divisor replaces the window size: rescale the mean.
            let factor = (kernel[0] * kernel[1]) as f64 / d as f64;
            single(b.binary(TtirOp::Multiply, pooled, b.scalar(factor, e), e)?)
        }
    }
}

fn adaptive_avg_pool<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let x = b.cast(a.required_tensor("self")?, element_of(ty));
    let shape = b.shape(x);
    if shape.len() != 4 {
        return Err("only batched NCHW inputs are supported".into());
    }
    let out = pair(&a.ints("output_size")?, "output_size")?;
    if out == [1, 1] {
        return single(b.one(TtirOp::GlobalAvgPool2d, &[x], &[], ty));
    }
    let (h, w) = (shape[2], shape[3]);
    if out[0] <= 0 || out[1] <= 0 || h % out[0] != 0 || w % out[1] != 0 {
        return Err(format!(
            "output size {out:?} does not divide the input size [{h}, {w}]"
        ));
    }
    let kernel = [h / out[0], w / out[1]];
    single(b.one(
        TtirOp::AvgPool2d,
        &[x],
        &[
            ("kernel_size", b.i64_array(&kernel)),
            ("stride", b.i64_array(&kernel)),
            ("padding", b.i64_array(&[0, 0, 0, 0])),
        ],
        ty,
    ))
}

/// Nearest upsampling by integer factors: each pixel repeated `sh x sw` times.
fn upsample_nearest<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let x: Value = a.required_tensor(if a.is_tensor_arg("input") {
        "input"
    } else {
        "self"
    })?;
    let shape = b.shape(x);
    let out = shape_of(ty);
    if shape.len() != 4 || out.len() != 4 || out[2] % shape[2] != 0 || out[3] % shape[3] != 0 {
        return Err(format!(
            "nearest upsampling from {shape:?} to {out:?} is not by integer factors"
        ));
    }
    let (sh, sw) = (out[2] / shape[2], out[3] / shape[3]);
    let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3]);
    let expanded = b.reshape(x, &[n, c, h, 1, w, 1]);
    let repeated = b.broadcast_to(expanded, &[n, c, h, sh, w, sw]);
    single(b.reshape(repeated, &out))
}
