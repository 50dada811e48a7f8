//! Convolution and pooling: ttir works on NCHW tensors, the library on channels-last
//! activations flattened to [1, 1, N * H * W, C]. Each op becomes permute + reshape, the
//! library op with its geometry attributes, and reshape + permute back. Padding goes from
//! ttir's [top, left, bottom, right] to the library's [top, bottom, left, right].

use melior::ir::operation::OperationLike;
use melior::ir::{Attribute, Value, ValueLike};
use ttc_dialects::TtnnOp;

use super::Lower;
use crate::ir::{element_of, shape_of};

type Out<'c, 'a> = Result<Vec<Value<'c, 'a>>, String>;

/// NCHW to [1, 1, N*H*W, C]; returns the flattened value and (N, C, H, W).
fn flatten_nhwc<'c, 'a>(
    l: &Lower<'c, 'a>,
    x: Value<'c, 'a>,
) -> Result<(Value<'c, 'a>, [i64; 4]), String> {
    let s = shape_of(x.r#type());
    let [n, c, h, w] = s[..] else {
        return Err(format!("expects a 4-D NCHW input, got rank {}", s.len()));
    };
    let nhwc = l.permute(x, &[0, 2, 3, 1]);
    Ok((l.reshape(nhwc, &[1, 1, n * h * w, c]), [n, c, h, w]))
}

/// [1, 1, N*OH*OW, C] back to NCHW `[n, c, oh, ow]`.
fn unflatten_nchw<'c, 'a>(l: &Lower<'c, 'a>, y: Value<'c, 'a>, nchw: &[i64]) -> Value<'c, 'a> {
    let nhwc = l.reshape(y, &[nchw[0], nchw[2], nchw[3], nchw[1]]);
    l.permute(nhwc, &[0, 3, 1, 2])
}

/// ttir [top, left, bottom, right] to the library's [top, bottom, left, right].
fn library_padding(padding: &[i64]) -> Vec<i64> {
    vec![padding[0], padding[2], padding[1], padding[3]]
}

fn geometry<'c>(
    l: &Lower<'c, '_>,
    nchw: [i64; 4],
    channels_name: &'static str,
) -> Vec<(&'static str, Attribute<'c>)> {
    let [n, c, h, w] = nchw;
    vec![
        ("batch_size", l.i64_attr(n)),
        ("input_height", l.i64_attr(h)),
        ("input_width", l.i64_attr(w)),
        (channels_name, l.i64_attr(c)),
    ]
}

pub(super) fn conv2d<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let groups = l.view.operand_groups();
    let (x, weight) = (groups[0][0], groups[1][0]);
    let bias = groups.get(2).and_then(|g| g.first().copied());
    let result = l.result_type(0);
    let out = shape_of(result);
    let (flat, nchw) = flatten_nhwc(l, x)?;
    let wshape = shape_of(weight.r#type());
    let o = wshape[0];
    let padding = l.view.i64_array_attr("padding").unwrap_or(vec![0; 4]);
    let mut attrs = geometry(l, nchw, "in_channels");
    attrs.extend([
        ("out_channels", l.i64_attr(o)),
        ("kernel_size", l.i64_array(&wshape[2..])),
        (
            "stride",
            l.i64_array(&l.view.i64_array_attr("stride").unwrap_or(vec![1, 1])),
        ),
        ("padding", l.i64_array(&library_padding(&padding))),
        (
            "dilation",
            l.i64_array(&l.view.i64_array_attr("dilation").unwrap_or(vec![1, 1])),
        ),
        ("groups", l.i64_attr(l.view.int_attr("groups").unwrap_or(1))),
    ]);
    let mut operands = vec![flat, weight, l.device()];
    if let Some(b) = bias {
        operands.push(l.reshape(b, &[1, 1, 1, o]));
    }
    let flat_out = [1, 1, out[0] * out[2] * out[3], o];
    let y = l.ttnn(
        TtnnOp::Conv2d,
        &operands,
        &attrs,
        l.tensor(&flat_out, element_of(result)),
    );
    Ok(vec![unflatten_nchw(l, y, &out)])
}

pub(super) fn pool2d<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let target = match l.view.info().name {
        "ttir.max_pool2d" => TtnnOp::MaxPool2d,
        "ttir.max_pool2d_with_indices" => TtnnOp::MaxPool2dWithIndices,
        _ => TtnnOp::AvgPool2d,
    };
    let x = l.operand(0);
    let (flat, nchw) = flatten_nhwc(l, x)?;
    let out = shape_of(l.result_type(0));
    let padding = l.view.i64_array_attr("padding").unwrap_or(vec![0; 4]);
    let mut attrs = geometry(l, nchw, "channels");
    for name in ["kernel_size", "stride"] {
        if let Some(a) = l.view.attribute(name) {
            attrs.push((name, a));
        }
    }
    attrs.push(("padding", l.i64_array(&library_padding(&padding))));
    attrs.push(("ceil_mode", l.bool_attr(l.view.bool_attr("ceil_mode"))));
    if target == TtnnOp::AvgPool2d {
        attrs.push((
            "count_include_pad",
            l.bool_attr(l.view.bool_attr("count_include_pad")),
        ));
    } else if let Some(d) = l.view.attribute("dilation") {
        attrs.push(("dilation", d));
    }
    let flat_out = [1, 1, out[0] * out[2] * out[3], out[1]];
    let mut results = vec![l.tensor(&flat_out, element_of(l.result_type(0)))];
    if target == TtnnOp::MaxPool2dWithIndices {
        results.push(l.tensor(&flat_out, element_of(l.result_type(1))));
    }
    let built = l.e.build(target.info().name, &[flat], &attrs, &results);
    Ok(built
        .results()
        .map(|r| unflatten_nchw(l, r.into(), &out))
        .collect())
}

pub(super) fn global_avg_pool2d<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let x = l.operand(0);
    let s = shape_of(x.r#type());
    if s.len() != 4 {
        return Err(format!("expects a 4-D NCHW input, got rank {}", s.len()));
    }
    let nhwc = l.permute(x, &[0, 2, 3, 1]);
    let y = l.ttnn(
        TtnnOp::GlobalAvgPool2d,
        &[nhwc],
        &[],
        l.tensor(&[s[0], 1, 1, s[1]], element_of(x.r#type())),
    );
    Ok(vec![l.permute(y, &[0, 3, 1, 2])])
}
