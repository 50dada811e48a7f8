//! Convolution and pooling: `convolution` (1-d and 2-d, groups, stride, padding, dilation,
//! transposed with output padding), `conv1d`/`conv2d`, `max_pool2d_with_indices` and
//! `max_pool2d`, `avg_pool2d`, `adaptive_avg_pool2d`.
//!
//! Convolution is im2col followed by an f32 product per batch element and group (f32
//! accumulation, as PyTorch's CPU path). A 1-d convolution is a 2-d one of height 1; an input
//! without a batch dimension gets one and loses it again. Pooling follows PyTorch's CPU
//! kernels: output sizes with `ceil_mode`, implicit `-inf` (max) or excluded (avg, unless
//! `count_include_pad`) padding, NaN winning the max, and indices `h * W + w` into each input
//! plane.

use crate::tensor::{Kind, Tensor};

use super::args::{Ctx, Fail, fail};
use super::layout;
use super::matmul::gemm_f32;

/// Runs the convolution or pooling op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Vec<Tensor>, Fail>> {
    let one = |r: Result<Tensor, Fail>| Some(r.map(|t| vec![t]));
    match name {
        "aten.convolution.default" | "aten.conv2d.default" | "aten.conv1d.default" => {
            one(convolution(ctx))
        }
        "aten.max_pool2d_with_indices.default" => Some(max_pool(ctx)),
        "aten.max_pool2d.default" => Some(max_pool(ctx).map(|mut r| {
            r.truncate(1);
            r
        })),
        "aten.avg_pool2d.default" => one(avg_pool(ctx)),
        "aten.adaptive_avg_pool2d.default" | "aten._adaptive_avg_pool2d.default" => {
            one(adaptive_avg_pool(ctx))
        }
        _ => None,
    }
}

/// Geometry values, checked to lie in `[min, 2^31]` (so sizes computed from them cannot
/// overflow).
pub(super) fn to_usize(v: &[i64], what: &str, min: i64) -> Result<Vec<usize>, Fail> {
    if let Some(bad) = v.iter().find(|&&x| x < min) {
        return fail(format!("{what} {v:?} has an entry {bad} below {min}"));
    }
    if let Some(bad) = v.iter().find(|&&x| x > 1 << 31) {
        return fail(format!("{what} {v:?} has an absurd entry {bad}"));
    }
    Ok(v.iter().map(|&x| x as usize).collect())
}

/// Geometry of a 2-d convolution.
struct Conv {
    n: usize,
    c: usize,
    h: usize,
    w: usize,
    o: usize,
    kh: usize,
    kw: usize,
    stride: [usize; 2],
    pad: [usize; 2],
    dil: [usize; 2],
    groups: usize,
}

fn convolution(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let x = ctx.tensor("input")?;
    let weight = ctx.tensor("weight")?;
    let bias = ctx.opt_tensor("bias")?;
    if x.kind() != Kind::Float || weight.kind() != Kind::Float {
        return fail(format!(
            "convolution needs float tensors, found {x} and {weight}"
        ));
    }
    let spatial = weight.shape.len().saturating_sub(2);
    if !(1..=2).contains(&spatial) {
        return fail(format!(
            "only 1-d and 2-d convolutions are supported, weight is {weight}"
        ));
    }
    let batched = match x.shape.len() {
        r if r == spatial + 2 => true,
        r if r == spatial + 1 => false,
        _ => return fail(format!("input {x} does not fit weight {weight}")),
    };
    let transposed = ctx.bool_or("transposed", false)?;
    let stride = to_usize(&ctx.spatial("stride", spatial, Some(&[1]))?, "stride", 1)?;
    let pad = ctx.spatial("padding", spatial, Some(&[0]))?;
    if ctx.opt_str("padding").is_ok_and(|p| p.is_some()) {
        return fail("string padding ('same', 'valid') is not supported");
    }
    let pad = to_usize(&pad, "padding", 0)?;
    let dil = to_usize(
        &ctx.spatial("dilation", spatial, Some(&[1]))?,
        "dilation",
        1,
    )?;
    let out_pad = to_usize(
        &ctx.spatial("output_padding", spatial, Some(&[0]))?,
        "output_padding",
        0,
    )?;
    let groups = ctx.int_or("groups", 1)?;
    if groups < 1 {
        return fail(format!("groups must be positive, found {groups}"));
    }
    // As 2-d: a 1-d convolution has height 1.
    let two = |v: &[usize], fill: usize| {
        if spatial == 1 {
            [fill, v[0]]
        } else {
            [v[0], v[1]]
        }
    };
    let mut xs = x.shape.clone();
    if !batched {
        xs.insert(0, 1);
    }
    let mut ws = weight.shape.clone();
    if spatial == 1 {
        xs.insert(2, 1);
        ws.insert(2, 1);
    }
    let g = groups as usize;
    let geom = Conv {
        n: xs[0],
        c: xs[1],
        h: xs[2],
        w: xs[3],
        o: if transposed { ws[1] * g } else { ws[0] },
        kh: ws[2],
        kw: ws[3],
        stride: two(&stride, 1),
        pad: two(&pad, 0),
        dil: two(&dil, 1),
        groups: g,
    };
    let in_per_group = if transposed { ws[0] / g } else { ws[1] };
    if !geom.c.is_multiple_of(g)
        || in_per_group * g != geom.c
        || (!transposed && !geom.o.is_multiple_of(g))
    {
        return fail(format!(
            "input {x} and weight {weight} do not fit {groups} groups"
        ));
    }
    if let Some(b) = bias
        && b.shape != [geom.o]
    {
        return fail(format!("bias {b} does not have {} elements", geom.o));
    }
    let xv = layout::floats(x);
    let wv = layout::floats(weight);
    let (mut out, oh, ow) = if transposed {
        conv_transposed(&geom, &xv, &wv, two(&out_pad, 0))?
    } else {
        conv_forward(&geom, &xv, &wv)?
    };
    if let Some(b) = bias {
        let bv = layout::floats(b);
        for (i, o) in out.iter_mut().enumerate() {
            *o += bv[(i / (oh * ow)) % geom.o];
        }
    }
    let mut shape = vec![geom.n, geom.o, oh, ow];
    if spatial == 1 {
        shape.remove(2);
    }
    if !batched {
        shape.remove(0);
    }
    Ok(Tensor::f32(shape, out))
}

fn out_size(input: usize, pad: usize, dil: usize, k: usize, stride: usize) -> Result<usize, Fail> {
    let span = dil * (k.max(1) - 1) + 1;
    if input + 2 * pad < span {
        return fail(format!(
            "the kernel (extent {span}) is larger than the padded input ({})",
            input + 2 * pad
        ));
    }
    Ok((input + 2 * pad - span) / stride + 1)
}

fn conv_forward(g: &Conv, x: &[f32], w: &[f32]) -> Result<(Vec<f32>, usize, usize), Fail> {
    let oh = out_size(g.h, g.pad[0], g.dil[0], g.kh, g.stride[0])?;
    let ow = out_size(g.w, g.pad[1], g.dil[1], g.kw, g.stride[1])?;
    let cg = g.c / g.groups;
    let og = g.o / g.groups;
    let k = cg * g.kh * g.kw;
    let plane = oh * ow;
    layout::numel(&[g.n, g.o, plane])?;
    layout::numel(&[k, plane])?;
    let mut out = vec![0f32; g.n * g.o * plane];
    let mut col = vec![0f32; k * plane];
    for n in 0..g.n {
        for grp in 0..g.groups {
            for ci in 0..cg {
                let ch = grp * cg + ci;
                let src = &x[(n * g.c + ch) * g.h * g.w..][..g.h * g.w];
                for i in 0..g.kh {
                    for j in 0..g.kw {
                        let row = &mut col[((ci * g.kh + i) * g.kw + j) * plane..][..plane];
                        for y in 0..oh {
                            let iy = (y * g.stride[0] + i * g.dil[0]) as isize - g.pad[0] as isize;
                            for xo in 0..ow {
                                let ix =
                                    (xo * g.stride[1] + j * g.dil[1]) as isize - g.pad[1] as isize;
                                row[y * ow + xo] = if iy >= 0
                                    && (iy as usize) < g.h
                                    && ix >= 0
                                    && (ix as usize) < g.w
                                {
                                    src[iy as usize * g.w + ix as usize]
                                } else {
                                    0.0
                                };
                            }
                        }
                    }
                }
            }
            let wg = &w[grp * og * k..(grp + 1) * og * k];
            let prod = gemm_f32(wg, &col, 0, plane, 1, 1, (og, k, plane));
            out[(n * g.o + grp * og) * plane..][..og * plane].copy_from_slice(&prod);
        }
    }
    Ok((out, oh, ow))
}

fn conv_transposed(
    g: &Conv,
    x: &[f32],
    w: &[f32],
    out_pad: [usize; 2],
) -> Result<(Vec<f32>, usize, usize), Fail> {
    let size = |input: usize, s: usize, p: usize, d: usize, k: usize, op: usize| {
        ((input.max(1) - 1) * s + d * (k.max(1) - 1) + op + 1).checked_sub(2 * p)
    };
    let (Some(oh), Some(ow)) = (
        size(g.h, g.stride[0], g.pad[0], g.dil[0], g.kh, out_pad[0]),
        size(g.w, g.stride[1], g.pad[1], g.dil[1], g.kw, out_pad[1]),
    ) else {
        return fail("the transposed convolution's padding exceeds its output");
    };
    layout::numel(&[g.n, g.o, oh, ow])?;
    let cg = g.c / g.groups;
    let og = g.o / g.groups;
    let mut out = vec![0f32; g.n * g.o * oh * ow];
    for n in 0..g.n {
        for ci in 0..g.c {
            let grp = ci / cg;
            for iy in 0..g.h {
                for ix in 0..g.w {
                    let v = x[((n * g.c + ci) * g.h + iy) * g.w + ix];
                    for oc in 0..og {
                        let o = grp * og + oc;
                        for i in 0..g.kh {
                            let y = (iy * g.stride[0] + i * g.dil[0]) as isize - g.pad[0] as isize;
                            if y < 0 || y as usize >= oh {
                                continue;
                            }
                            for j in 0..g.kw {
                                let xo =
                                    (ix * g.stride[1] + j * g.dil[1]) as isize - g.pad[1] as isize;
                                if xo < 0 || xo as usize >= ow {
                                    continue;
                                }
                                let wi = ((ci * og + oc) * g.kh + i) * g.kw + j;
                                out[((n * g.o + o) * oh + y as usize) * ow + xo as usize] +=
                                    v * w[wi];
                            }
                        }
                    }
                }
            }
        }
    }
    Ok((out, oh, ow))
}

/// A pooling input as `[planes, H, W]`, with the output shape's leading dimensions.
fn planes(x: &Tensor) -> Result<(usize, usize, usize, Vec<usize>), Fail> {
    if x.kind() != Kind::Float {
        return fail(format!("pooling needs a float tensor, found {x}"));
    }
    match x.shape.len() {
        3 | 4 => {
            let r = x.shape.len();
            let lead = x.shape[..r - 2].to_vec();
            Ok((lead.iter().product(), x.shape[r - 2], x.shape[r - 1], lead))
        }
        _ => fail(format!("pooling needs a 3-d or 4-d input, found {x}")),
    }
}

/// PyTorch's `pooling_output_shape`.
pub(super) fn pool_out(
    input: usize,
    k: usize,
    pad: usize,
    stride: usize,
    dil: usize,
    ceil: bool,
) -> Result<usize, Fail> {
    let span = (dil * (k - 1) + 1) as i64;
    let (i, p, s) = (input as i64, pad as i64, stride as i64);
    let num = i + 2 * p - span + if ceil { s - 1 } else { 0 };
    if num < 0 {
        return fail(format!(
            "the pooling window ({span}) is larger than the padded input ({})",
            i + 2 * p
        ));
    }
    let mut o = num / s + 1;
    if ceil && (o - 1) * s >= i + p {
        o -= 1;
    }
    Ok(o as usize)
}

struct Pool {
    k: [usize; 2],
    stride: [usize; 2],
    pad: [usize; 2],
    dil: [usize; 2],
    ceil: bool,
}

fn pool_params(ctx: &Ctx<'_>, dilation: bool) -> Result<Pool, Fail> {
    let k = to_usize(&ctx.spatial("kernel_size", 2, None)?, "kernel_size", 1)?;
    let stride = to_usize(
        &ctx.spatial("stride", 2, Some(&[k[0] as i64, k[1] as i64]))?,
        "stride",
        1,
    )?;
    let pad = to_usize(&ctx.spatial("padding", 2, Some(&[0]))?, "padding", 0)?;
    let dil = if dilation {
        to_usize(&ctx.spatial("dilation", 2, Some(&[1]))?, "dilation", 1)?
    } else {
        vec![1, 1]
    };
    for d in 0..2 {
        if pad[d] * 2 > (dil[d] * (k[d] - 1) + 1).max(k[d]) {
            return fail(format!(
                "padding {pad:?} should be at most half of the kernel size {k:?}"
            ));
        }
    }
    Ok(Pool {
        k: [k[0], k[1]],
        stride: [stride[0], stride[1]],
        pad: [pad[0], pad[1]],
        dil: [dil[0], dil[1]],
        ceil: ctx.bool_or("ceil_mode", false)?,
    })
}

fn max_pool(ctx: &Ctx<'_>) -> Result<Vec<Tensor>, Fail> {
    let x = ctx.tensor("self")?;
    let (np, h, w, lead) = planes(x)?;
    let p = pool_params(ctx, true)?;
    let oh = pool_out(h, p.k[0], p.pad[0], p.stride[0], p.dil[0], p.ceil)?;
    let ow = pool_out(w, p.k[1], p.pad[1], p.stride[1], p.dil[1], p.ceil)?;
    layout::numel(&[np, oh, ow])?;
    let v = layout::floats(x);
    let mut out = Vec::with_capacity(np * oh * ow);
    let mut idx = Vec::with_capacity(np * oh * ow);
    for pl in 0..np {
        let src = &v[pl * h * w..(pl + 1) * h * w];
        for y in 0..oh {
            let mut hs = (y * p.stride[0]) as i64 - p.pad[0] as i64;
            let he = (hs + ((p.k[0] - 1) * p.dil[0] + 1) as i64).min(h as i64);
            while hs < 0 {
                hs += p.dil[0] as i64;
            }
            for xo in 0..ow {
                let mut ws = (xo * p.stride[1]) as i64 - p.pad[1] as i64;
                let we = (ws + ((p.k[1] - 1) * p.dil[1] + 1) as i64).min(w as i64);
                while ws < 0 {
                    ws += p.dil[1] as i64;
                }
                let mut best_i = hs * w as i64 + ws;
                let mut best = f32::NEG_INFINITY;
                let mut yy = hs;
                while yy < he {
                    let mut xx = ws;
                    while xx < we {
                        let i = yy * w as i64 + xx;
                        let val = src[i as usize];
                        if val > best || val.is_nan() {
                            best = val;
                            best_i = i;
                        }
                        xx += p.dil[1] as i64;
                    }
                    yy += p.dil[0] as i64;
                }
                out.push(best);
                idx.push(best_i);
            }
        }
    }
    let mut shape = lead;
    shape.extend([oh, ow]);
    Ok(vec![
        Tensor::f32(shape.clone(), out),
        Tensor::i64(shape, idx),
    ])
}

fn avg_pool(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let x = ctx.tensor("self")?;
    let (np, h, w, lead) = planes(x)?;
    let p = pool_params(ctx, false)?;
    let include_pad = ctx.bool_or("count_include_pad", true)?;
    let divisor = ctx.opt_int("divisor_override")?;
    if divisor == Some(0) {
        return fail("divisor_override must be nonzero");
    }
    let oh = pool_out(h, p.k[0], p.pad[0], p.stride[0], 1, p.ceil)?;
    let ow = pool_out(w, p.k[1], p.pad[1], p.stride[1], 1, p.ceil)?;
    layout::numel(&[np, oh, ow])?;
    let v = layout::floats(x);
    let (hi, wi) = (h as i64, w as i64);
    let mut out = Vec::with_capacity(np * oh * ow);
    for pl in 0..np {
        let src = &v[pl * h * w..(pl + 1) * h * w];
        for y in 0..oh {
            for xo in 0..ow {
                let mut hs = (y * p.stride[0]) as i64 - p.pad[0] as i64;
                let mut ws = (xo * p.stride[1]) as i64 - p.pad[1] as i64;
                let mut he = (hs + p.k[0] as i64).min(hi + p.pad[0] as i64);
                let mut we = (ws + p.k[1] as i64).min(wi + p.pad[1] as i64);
                let pool_size = (he - hs) * (we - ws);
                hs = hs.max(0);
                ws = ws.max(0);
                he = he.min(hi);
                we = we.min(wi);
                if hs >= he || ws >= we {
                    out.push(0.0);
                    continue;
                }
                let mut sum = 0f64;
                for yy in hs..he {
                    for xx in ws..we {
                        sum += src[(yy * wi + xx) as usize] as f64;
                    }
                }
                let div = match divisor {
                    Some(d) => d,
                    None if include_pad => pool_size,
                    None => (he - hs) * (we - ws),
                };
                out.push((sum / div as f64) as f32);
            }
        }
    }
    let mut shape = lead;
    shape.extend([oh, ow]);
    Ok(Tensor::f32(shape, out))
}

fn adaptive_avg_pool(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let x = ctx.tensor("self")?;
    let (np, h, w, lead) = planes(x)?;
    let size = to_usize(&ctx.spatial("output_size", 2, None)?, "output_size", 0)?;
    let (oh, ow) = (size[0], size[1]);
    layout::numel(&[np, oh, ow])?;
    let v = layout::floats(x);
    let start = |o: usize, out: usize, inp: usize| (o * inp) / out;
    let end = |o: usize, out: usize, inp: usize| ((o + 1) * inp).div_ceil(out);
    let mut out = Vec::with_capacity(np * oh * ow);
    for pl in 0..np {
        let src = &v[pl * h * w..(pl + 1) * h * w];
        for y in 0..oh {
            let (hs, he) = (start(y, oh, h), end(y, oh, h));
            for xo in 0..ow {
                let (ws, we) = (start(xo, ow, w), end(xo, ow, w));
                let mut sum = 0f64;
                for yy in hs..he {
                    for xx in ws..we {
                        sum += src[yy * w + xx] as f64;
                    }
                }
                out.push((sum / ((he - hs) * (we - ws)) as f64) as f32);
            }
        }
    }
    let mut shape = lead;
    shape.extend([oh, ow]);
    Ok(Tensor::f32(shape, out))
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    fn conv_attrs(stride: i64, pad: i64, dil: i64, groups: i64) -> Vec<(&'static str, Attr)> {
        vec![
            ("stride", ints(&[stride, stride])),
            ("padding", ints(&[pad, pad])),
            ("dilation", ints(&[dil, dil])),
            ("transposed", Attr::Bool(false)),
            ("output_padding", ints(&[0, 0])),
            ("groups", Attr::Int(groups)),
        ]
    }

    #[test]
    fn conv2d_one_channel_3x3() {
        // A 4x4 input 0..15 and a 3x3 kernel of ones plus a centre weight of 2.
        let x = iota(&[1, 1, 4, 4]);
        let mut k = vec![1.0; 9];
        k[4] = 2.0;
        let w = Tensor::f32(vec![1, 1, 3, 3], k);
        let b = Tensor::f32(vec![1], vec![0.5]);
        let r = run1(
            "aten.convolution.default",
            &[("input", x.clone()), ("weight", w.clone()), ("bias", b)],
            &conv_attrs(1, 0, 1, 1),
        );
        // Window sums of 0..15 at (1,1): 45 + 5 = 50; (1,2): 54 + 6; (2,1): 81 + 9; (2,2): 90 + 10.
        assert_eq!(
            r,
            Tensor::f32(vec![1, 1, 2, 2], vec![50.5, 60.5, 90.5, 100.5])
        );
        // Padding 1, stride 2: outputs at (0,0), (0,2), (2,0), (2,2).
        let r = run1(
            "aten.convolution.default",
            &[("input", x.clone()), ("weight", w.clone())],
            &conv_attrs(2, 1, 1, 1),
        );
        assert_eq!(
            r,
            Tensor::f32(vec![1, 1, 2, 2], vec![10.0, 26.0, 59.0, 100.0])
        );
        // Dilation 2 on a 5x5 input: the corners and edge centres of the whole input.
        let x5 = iota(&[1, 1, 5, 5]);
        let r = run1(
            "aten.conv2d.default",
            &[("input", x5), ("weight", w)],
            &conv_attrs(1, 0, 2, 1),
        );
        assert_eq!(r, Tensor::f32(vec![1, 1, 1, 1], vec![120.0]));
    }

    #[test]
    fn grouped_convolution_keeps_groups_apart() {
        // Two channels, two groups, 1x1 kernels of 2 and 3.
        let x = iota(&[1, 2, 1, 2]);
        let w = Tensor::f32(vec![2, 1, 1, 1], vec![2.0, 3.0]);
        let r = run1(
            "aten.convolution.default",
            &[("input", x), ("weight", w)],
            &conv_attrs(1, 0, 1, 2),
        );
        assert_eq!(r, Tensor::f32(vec![1, 2, 1, 2], vec![0.0, 2.0, 6.0, 9.0]));
    }

    #[test]
    fn max_pool_returns_plane_indices() {
        let x = Tensor::f32(
            vec![1, 1, 2, 4],
            vec![1.0, 5.0, 2.0, 0.0, 3.0, 4.0, 7.0, 7.0],
        );
        let r = run_op(
            "aten.max_pool2d_with_indices.default",
            &[("self", x.clone())],
            &[
                ("kernel_size", ints(&[2, 2])),
                ("stride", ints(&[])),
                ("padding", Attr::Int(0)),
                ("dilation", Attr::Int(1)),
                ("ceil_mode", Attr::Bool(false)),
            ],
            2,
        )
        .unwrap();
        assert_eq!(r[0], Tensor::f32(vec![1, 1, 1, 2], vec![5.0, 7.0]));
        assert_eq!(r[1], Tensor::i64(vec![1, 1, 1, 2], vec![1, 6]));
        // Stride 1 with ceil mode over a 2x4 plane gives 1x3 windows.
        let r = run_op(
            "aten.max_pool2d_with_indices.default",
            &[("self", x)],
            &[
                ("kernel_size", ints(&[2, 2])),
                ("stride", ints(&[1, 1])),
                ("ceil_mode", Attr::Bool(true)),
            ],
            2,
        )
        .unwrap();
        assert_eq!(r[1], Tensor::i64(vec![1, 1, 1, 3], vec![1, 6, 6]));
    }

    #[test]
    fn average_pools() {
        let x = iota(&[1, 1, 4, 4]);
        let r = run1(
            "aten.avg_pool2d.default",
            &[("self", x.clone())],
            &[("kernel_size", ints(&[2, 2])), ("stride", ints(&[2, 2]))],
        );
        assert_eq!(r, Tensor::f32(vec![1, 1, 2, 2], vec![2.5, 4.5, 10.5, 12.5]));
        let r = run1(
            "aten.avg_pool2d.default",
            &[("self", x.clone())],
            &[
                ("kernel_size", ints(&[2, 2])),
                ("stride", ints(&[2, 2])),
                ("padding", ints(&[1, 1])),
                ("count_include_pad", Attr::Bool(false)),
            ],
        );
        assert_eq!(floats(&r)[0], 0.0);
        assert_eq!(floats(&r)[1], 1.5);
        let r = run1(
            "aten.adaptive_avg_pool2d.default",
            &[("self", x.clone())],
            &[("output_size", ints(&[1, 1]))],
        );
        assert_eq!(r, Tensor::f32(vec![1, 1, 1, 1], vec![7.5]));
        let r = run1(
            "aten.adaptive_avg_pool2d.default",
            &[("self", x)],
            &[("output_size", ints(&[3, 1]))],
        );
        // Rows [0,2), [1,3), [2,4).
        assert_eq!(r, Tensor::f32(vec![1, 1, 3, 1], vec![3.5, 7.5, 11.5]));
    }
}
