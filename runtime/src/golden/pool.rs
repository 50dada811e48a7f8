//! Pooling over one and three spatial dimensions and patch folding: `avg_pool1d`,
//! `adaptive_avg_pool1d`, `max_pool1d` (and `max_pool1d_with_indices`), `avg_pool3d`,
//! `_adaptive_avg_pool3d` (and `adaptive_avg_pool3d`), `max_pool3d_with_indices` (and
//! `max_pool3d`), and `col2im`.
//!
//! The rules are those of the 2-d pools in `conv_pool.rs`, over any number of dimensions:
//! output sizes with `ceil_mode`, implicit `-inf` (max) or excluded (average, unless
//! `count_include_pad`) padding, NaN winning the max, indices flat into each input volume
//! (`(d * H + h) * W + w`), adaptive windows `[floor(o * in / out), ceil((o + 1) * in / out))`.
//! The pooled dimensions are the last ones; one or two leading dimensions (channels, batch)
//! are kept.
//!
//! `col2im` is `fold`: it sums the columns of `[N, C * kh * kw, L]` (the patches `im2col`
//! would extract) back into `[N, C, H, W]`, overlapping patches adding up.

use crate::tensor::{Kind, Tensor};

use super::args::{Ctx, Fail, fail};
use super::conv_pool::{pool_out, to_usize};
use super::layout;

/// Runs the pooling op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Vec<Tensor>, Fail>> {
    let one = |r: Result<Tensor, Fail>| Some(r.map(|t| vec![t]));
    let first = |r: Result<Vec<Tensor>, Fail>| {
        Some(r.map(|mut v| {
            v.truncate(1);
            v
        }))
    };
    match name {
        "aten.avg_pool1d.default" => one(avg_pool(ctx, 1, false)),
        "aten.avg_pool3d.default" => one(avg_pool(ctx, 3, true)),
        "aten.adaptive_avg_pool1d.default" => one(adaptive_avg_pool(ctx, 1)),
        "aten._adaptive_avg_pool3d.default" | "aten.adaptive_avg_pool3d.default" => {
            one(adaptive_avg_pool(ctx, 3))
        }
        "aten.max_pool1d_with_indices.default" => Some(max_pool(ctx, 1)),
        "aten.max_pool3d_with_indices.default" => Some(max_pool(ctx, 3)),
        "aten.max_pool1d.default" => first(max_pool(ctx, 1)),
        "aten.max_pool3d.default" => first(max_pool(ctx, 3)),
        "aten.col2im.default" => one(col2im(ctx)),
        _ => None,
    }
}

/// A pooling input: `planes` volumes of `size`, and the leading dimensions of the output.
pub(super) struct Input {
    pub planes: usize,
    pub size: Vec<usize>,
    pub lead: Vec<usize>,
}

pub(super) fn input(x: &Tensor, n: usize) -> Result<Input, Fail> {
    if x.kind() != Kind::Float {
        return fail(format!("pooling needs a float tensor, found {x}"));
    }
    let r = x.shape.len();
    if r != n + 1 && r != n + 2 {
        return fail(format!(
            "{n}-d pooling needs a {}-d or {}-d input, found {x}",
            n + 1,
            n + 2
        ));
    }
    let lead = x.shape[..r - n].to_vec();
    Ok(Input {
        planes: lead.iter().product(),
        size: x.shape[r - n..].to_vec(),
        lead,
    })
}

/// Calls `f` with every index of `shape` in row-major order.
pub(super) fn each_index(shape: &[usize], mut f: impl FnMut(&[usize])) {
    if shape.contains(&0) {
        return;
    }
    let mut idx = vec![0; shape.len()];
    loop {
        f(&idx);
        let mut d = shape.len();
        loop {
            if d == 0 {
                return;
            }
            d -= 1;
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
}

/// Kernel, stride, padding and dilation of an `n`-d pool.
pub(super) struct Window {
    pub k: Vec<usize>,
    pub stride: Vec<usize>,
    pub pad: Vec<usize>,
    pub dil: Vec<usize>,
    pub ceil: bool,
}

pub(super) fn window(ctx: &Ctx<'_>, n: usize, dilation: bool) -> Result<Window, Fail> {
    let k = to_usize(&ctx.spatial("kernel_size", n, None)?, "kernel_size", 1)?;
    let ki: Vec<i64> = k.iter().map(|&x| x as i64).collect();
    let stride = to_usize(&ctx.spatial("stride", n, Some(&ki))?, "stride", 1)?;
    let pad = to_usize(&ctx.spatial("padding", n, Some(&[0]))?, "padding", 0)?;
    let dil = if dilation {
        to_usize(&ctx.spatial("dilation", n, Some(&[1]))?, "dilation", 1)?
    } else {
        vec![1; n]
    };
    for d in 0..n {
        if pad[d] * 2 > (dil[d] * (k[d] - 1) + 1).max(k[d]) {
            return fail(format!(
                "padding {pad:?} should be at most half of the kernel size {k:?}"
            ));
        }
    }
    Ok(Window {
        k,
        stride,
        pad,
        dil,
        ceil: ctx.bool_or("ceil_mode", false)?,
    })
}

pub(super) fn out_sizes(inp: &Input, w: &Window) -> Result<Vec<usize>, Fail> {
    let out = (0..inp.size.len())
        .map(|d| pool_out(inp.size[d], w.k[d], w.pad[d], w.stride[d], w.dil[d], w.ceil))
        .collect::<Result<Vec<_>, _>>()?;
    let mut all = vec![inp.planes];
    all.extend(&out);
    layout::numel(&all)?;
    Ok(out)
}

fn with_lead(lead: &[usize], out: &[usize]) -> Vec<usize> {
    let mut shape = lead.to_vec();
    shape.extend_from_slice(out);
    shape
}

fn max_pool(ctx: &Ctx<'_>, n: usize) -> Result<Vec<Tensor>, Fail> {
    let x = ctx.tensor("self")?;
    let inp = input(x, n)?;
    let w = window(ctx, n, true)?;
    let out = out_sizes(&inp, &w)?;
    let v = layout::floats(x);
    let vol: usize = inp.size.iter().product();
    let st = layout::strides(&inp.size);
    let mut values = Vec::new();
    let mut indices = Vec::new();
    for p in 0..inp.planes {
        let src = &v[p * vol..(p + 1) * vol];
        each_index(&out, |o| {
            // The window's valid positions along each dimension.
            let taps: Vec<Vec<usize>> = (0..n)
                .map(|d| {
                    let start = (o[d] * w.stride[d]) as i64 - w.pad[d] as i64;
                    (0..w.k[d] as i64)
                        .map(|i| start + i * w.dil[d] as i64)
                        .filter(|&i| i >= 0 && i < inp.size[d] as i64)
                        .map(|i| i as usize)
                        .collect()
                })
                .collect();
            let lens: Vec<usize> = taps.iter().map(Vec::len).collect();
            let mut best = f32::NEG_INFINITY;
            let mut best_i = taps
                .iter()
                .zip(&st)
                .map(|(t, &s)| t.first().copied().unwrap_or(0) * s)
                .sum::<usize>();
            each_index(&lens, |t| {
                let i: usize = (0..n).map(|d| taps[d][t[d]] * st[d]).sum();
                let val = src[i];
                if val > best || val.is_nan() {
                    best = val;
                    best_i = i;
                }
            });
            values.push(best);
            indices.push(best_i as i64);
        });
    }
    let shape = with_lead(&inp.lead, &out);
    Ok(vec![
        Tensor::f32(shape.clone(), values),
        Tensor::i64(shape, indices),
    ])
}

fn avg_pool(ctx: &Ctx<'_>, n: usize, divisor_override: bool) -> Result<Tensor, Fail> {
    let x = ctx.tensor("self")?;
    let inp = input(x, n)?;
    let w = window(ctx, n, false)?;
    let include_pad = ctx.bool_or("count_include_pad", true)?;
    let divisor = if divisor_override {
        ctx.opt_int("divisor_override")?
    } else {
        None
    };
    if divisor == Some(0) {
        return fail("divisor_override must be nonzero");
    }
    let out = out_sizes(&inp, &w)?;
    let v = layout::floats(x);
    let vol: usize = inp.size.iter().product();
    let st = layout::strides(&inp.size);
    let mut values = Vec::new();
    for p in 0..inp.planes {
        let src = &v[p * vol..(p + 1) * vol];
        each_index(&out, |o| {
            let mut lo = Vec::with_capacity(n);
            let mut lens = Vec::with_capacity(n);
            let mut pool_size = 1i64;
            let mut count = 1i64;
            for (d, &od) in o.iter().enumerate() {
                let size = inp.size[d] as i64;
                let start = (od * w.stride[d]) as i64 - w.pad[d] as i64;
                let end = (start + w.k[d] as i64).min(size + w.pad[d] as i64);
                pool_size *= end - start;
                let (s, e) = (start.max(0), end.min(size));
                count *= (e - s).max(0);
                lo.push(s.max(0) as usize);
                lens.push((e - s).max(0) as usize);
            }
            if count == 0 {
                values.push(0.0);
                return;
            }
            let mut sum = 0f64;
            each_index(&lens, |t| {
                let i: usize = (0..n).map(|d| (lo[d] + t[d]) * st[d]).sum();
                sum += src[i] as f64;
            });
            let div = match divisor {
                Some(d) => d,
                None if include_pad => pool_size,
                None => count,
            };
            values.push((sum / div as f64) as f32);
        });
    }
    Ok(Tensor::f32(with_lead(&inp.lead, &out), values))
}

fn adaptive_avg_pool(ctx: &Ctx<'_>, n: usize) -> Result<Tensor, Fail> {
    let x = ctx.tensor("self")?;
    let inp = input(x, n)?;
    let out = to_usize(&ctx.spatial("output_size", n, None)?, "output_size", 0)?;
    if inp.size.contains(&0) {
        return fail(format!(
            "adaptive pooling needs non-empty pooled dimensions, found {x}"
        ));
    }
    let mut all = vec![inp.planes];
    all.extend(&out);
    layout::numel(&all)?;
    let v = layout::floats(x);
    let vol: usize = inp.size.iter().product();
    let st = layout::strides(&inp.size);
    let mut values = Vec::new();
    for p in 0..inp.planes {
        let src = &v[p * vol..(p + 1) * vol];
        each_index(&out, |o| {
            let (lo, lens) = adaptive_window(o, &out, &inp.size);
            let mut sum = 0f64;
            each_index(&lens, |t| {
                let i: usize = (0..n).map(|d| (lo[d] + t[d]) * st[d]).sum();
                sum += src[i] as f64;
            });
            values.push((sum / lens.iter().product::<usize>() as f64) as f32);
        });
    }
    Ok(Tensor::f32(with_lead(&inp.lead, &out), values))
}

/// The start and length of adaptive window `o` along each dimension.
pub(super) fn adaptive_window(
    o: &[usize],
    out: &[usize],
    size: &[usize],
) -> (Vec<usize>, Vec<usize>) {
    (0..o.len())
        .map(|d| {
            let start = o[d] * size[d] / out[d];
            let end = ((o[d] + 1) * size[d]).div_ceil(out[d]);
            (start, end - start)
        })
        .unzip()
}

fn col2im(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let x = ctx.tensor("self")?;
    if x.kind() != Kind::Float {
        return fail(format!("col2im needs a float tensor, found {x}"));
    }
    let size = to_usize(&ctx.spatial("output_size", 2, None)?, "output_size", 0)?;
    let k = to_usize(&ctx.spatial("kernel_size", 2, None)?, "kernel_size", 1)?;
    let dil = to_usize(&ctx.spatial("dilation", 2, Some(&[1]))?, "dilation", 1)?;
    let pad = to_usize(&ctx.spatial("padding", 2, Some(&[0]))?, "padding", 0)?;
    let stride = to_usize(&ctx.spatial("stride", 2, Some(&[1]))?, "stride", 1)?;
    let batched = match x.shape.len() {
        3 => true,
        2 => false,
        _ => return fail(format!("col2im needs a 2-d or 3-d input, found {x}")),
    };
    let (n, rows, l) = if batched {
        (x.shape[0], x.shape[1], x.shape[2])
    } else {
        (1, x.shape[0], x.shape[1])
    };
    let kk = k[0] * k[1];
    if !rows.is_multiple_of(kk) {
        return fail(format!(
            "col2im: {rows} rows are not a multiple of the kernel's {kk} positions"
        ));
    }
    let c = rows / kk;
    let mut blocks = [0usize; 2];
    for d in 0..2 {
        let span = dil[d] * (k[d] - 1) + 1;
        if size[d] + 2 * pad[d] < span {
            return fail(format!(
                "col2im: the kernel (extent {span}) is larger than the padded output ({})",
                size[d] + 2 * pad[d]
            ));
        }
        blocks[d] = (size[d] + 2 * pad[d] - span) / stride[d] + 1;
    }
    if blocks[0] * blocks[1] != l {
        return fail(format!(
            "col2im: {l} columns, but output {size:?} with this kernel has {} x {} blocks",
            blocks[0], blocks[1]
        ));
    }
    let (oh, ow) = (size[0], size[1]);
    layout::numel(&[n, c, oh, ow])?;
    let v = layout::floats(x);
    let mut out = vec![0f32; n * c * oh * ow];
    for b in 0..n {
        for row in 0..rows {
            let (ch, ki, kj) = (row / kk, (row % kk) / k[1], row % k[1]);
            for by in 0..blocks[0] {
                let y = (by * stride[0] + ki * dil[0]) as i64 - pad[0] as i64;
                if y < 0 || y >= oh as i64 {
                    continue;
                }
                for bx in 0..blocks[1] {
                    let xx = (bx * stride[1] + kj * dil[1]) as i64 - pad[1] as i64;
                    if xx < 0 || xx >= ow as i64 {
                        continue;
                    }
                    let src = (b * rows + row) * l + by * blocks[1] + bx;
                    out[((b * c + ch) * oh + y as usize) * ow + xx as usize] += v[src];
                }
            }
        }
    }
    let mut shape = vec![n, c, oh, ow];
    if !batched {
        shape.remove(0);
    }
    Ok(Tensor::f32(shape, out))
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    #[test]
    fn one_dimensional_pools() {
        let x = iota(&[1, 5]);
        let r = run1(
            "aten.avg_pool1d.default",
            &[("self", x.clone())],
            &[
                ("kernel_size", ints(&[2])),
                ("stride", ints(&[2])),
                ("padding", ints(&[1])),
            ],
        );
        // Windows [-1, 1), [1, 3), [3, 5), padding counted.
        assert_eq!(r, Tensor::f32(vec![1, 3], vec![0.0, 1.5, 3.5]));
        let r = run1(
            "aten.avg_pool1d.default",
            &[("self", x.clone())],
            &[
                ("kernel_size", ints(&[2])),
                ("stride", ints(&[2])),
                ("padding", ints(&[1])),
                ("ceil_mode", Attr::Bool(true)),
                ("count_include_pad", Attr::Bool(false)),
            ],
        );
        // Ceil mode would add a window starting in the padding, which is dropped; without the
        // padding counted, the first window divides by 1.
        assert_eq!(r, Tensor::f32(vec![1, 3], vec![0.0, 1.5, 3.5]));
        let r = run1(
            "aten.adaptive_avg_pool1d.default",
            &[("self", x.clone())],
            &[("output_size", ints(&[3]))],
        );
        // Windows [0, 2), [1, 4), [3, 5).
        assert_eq!(r, Tensor::f32(vec![1, 3], vec![0.5, 2.0, 3.5]));
        let r = run_op(
            "aten.max_pool1d_with_indices.default",
            &[(
                "self",
                Tensor::f32(vec![1, 5], vec![1.0, 3.0, 2.0, f32::NAN, 0.0]),
            )],
            &[("kernel_size", ints(&[2])), ("dilation", ints(&[2]))],
            2,
        )
        .unwrap();
        // Dilated windows {0, 2}, {2, 4}; stride defaults to the kernel: outputs at 0 and 2.
        assert_eq!(r[0], Tensor::f32(vec![1, 2], vec![2.0, 2.0]));
        assert_eq!(r[1], Tensor::i64(vec![1, 2], vec![2, 2]));
    }

    #[test]
    fn three_dimensional_pools() {
        let x = iota(&[1, 1, 2, 2, 4]);
        let r = run_op(
            "aten.max_pool3d_with_indices.default",
            &[("self", x.clone())],
            &[("kernel_size", ints(&[2, 2, 2]))],
            2,
        )
        .unwrap();
        assert_eq!(r[0], Tensor::f32(vec![1, 1, 1, 1, 2], vec![13.0, 15.0]));
        assert_eq!(r[1], Tensor::i64(vec![1, 1, 1, 1, 2], vec![13, 15]));
        let r = run1(
            "aten.avg_pool3d.default",
            &[("self", x.clone())],
            &[("kernel_size", ints(&[2, 2, 2]))],
        );
        // Mean of {0, 1, 4, 5, 8, 9, 12, 13} and of that plus 2.
        assert_eq!(r, Tensor::f32(vec![1, 1, 1, 1, 2], vec![6.5, 8.5]));
        let r = run1(
            "aten.avg_pool3d.default",
            &[("self", x.clone())],
            &[
                ("kernel_size", ints(&[2, 2, 2])),
                ("divisor_override", Attr::Int(4)),
            ],
        );
        assert_eq!(r, Tensor::f32(vec![1, 1, 1, 1, 2], vec![13.0, 17.0]));
        let r = run1(
            "aten._adaptive_avg_pool3d.default",
            &[("self", x)],
            &[("output_size", ints(&[1, 1, 1]))],
        );
        assert_eq!(r, Tensor::f32(vec![1, 1, 1, 1, 1], vec![7.5]));
    }

    #[test]
    fn col2im_adds_overlapping_patches() {
        // One channel, 2x1 kernel, stride 1 over a 3x1 output: two blocks.
        let cols = Tensor::f32(vec![1, 2, 2], vec![1.0, 2.0, 10.0, 20.0]);
        let r = run1(
            "aten.col2im.default",
            &[("self", cols)],
            &[
                ("output_size", ints(&[3, 1])),
                ("kernel_size", ints(&[2, 1])),
                ("dilation", ints(&[1, 1])),
                ("padding", ints(&[0, 0])),
                ("stride", ints(&[1, 1])),
            ],
        );
        // Row 0: block 0's top; row 1: block 0's bottom + block 1's top; row 2: block 1's bottom.
        assert_eq!(r, Tensor::f32(vec![1, 1, 3, 1], vec![1.0, 12.0, 20.0]));
        let err = run_op(
            "aten.col2im.default",
            &[("self", Tensor::f32(vec![2, 3], vec![0.0; 6]))],
            &[
                ("output_size", ints(&[3, 1])),
                ("kernel_size", ints(&[2, 1])),
                ("dilation", ints(&[1, 1])),
                ("padding", ints(&[0, 0])),
                ("stride", ints(&[1, 1])),
            ],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("3 columns"), "{err}");
    }
}
