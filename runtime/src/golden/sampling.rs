//! Resampling: `upsample_bilinear2d` (`vec` and `default`), `upsample_nearest2d` (`vec` and
//! `default`) and `grid_sampler_2d` (bilinear, nearest and bicubic, with zeros, border and
//! reflection padding).
//!
//! These follow PyTorch's CPU kernels, in f32 as they compute. Upsampling: the output size is
//! `output_size`, or `floor(input * scale)` for each `scale_factors` entry. Without
//! `align_corners`, output position `o` samples input position `(o + 0.5) / scale - 0.5`
//! (clamped at 0 for bilinear), with `scale` the given factor or `output / input`; with
//! `align_corners`, `o * (input - 1) / (output - 1)`. Bilinear mixes the two neighbours in each
//! direction (the upper one clamped to the edge); nearest takes `floor(o / scale)`.
//!
//! `grid_sampler_2d` reads `input` (`[N, C, H, W]`) at the points of `grid` (`[N, H', W', 2]`,
//! `x` then `y`, in `[-1, 1]` across the input: the corner pixels' centres with
//! `align_corners`, their outer edges without). Points outside read zeros, the nearest border
//! value, or the reflection about the border; nearest rounds half to even; bicubic is the
//! cubic convolution with `A = -0.75` over 4x4 neighbours. Non-finite positions read zeros.

use crate::tensor::{Kind, Tensor};

use super::args::{Ctx, Fail, fail};
use super::layout::{self, numel};

/// Runs the resampling op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Tensor, Fail>> {
    let r = match name {
        "aten.upsample_bilinear2d.vec" | "aten.upsample_bilinear2d.default" => upsample(ctx, true),
        "aten.upsample_nearest2d.vec" | "aten.upsample_nearest2d.default" => upsample(ctx, false),
        "aten.grid_sampler_2d.default" => grid_sample(ctx),
        _ => return None,
    };
    Some(r)
}

/// A float input of rank 4.
fn input4<'a>(ctx: &Ctx<'a>) -> Result<&'a Tensor, Fail> {
    let x = match ctx.opt_tensor("input")? {
        Some(x) => x,
        None => ctx.tensor("self")?,
    };
    if x.kind() != Kind::Float || x.shape.len() != 4 {
        return fail(format!("expected a 4-d float input, found {x}"));
    }
    Ok(x)
}

/// The output size and the scale given for each of the two spatial dimensions.
fn output_geometry(ctx: &Ctx<'_>, x: &Tensor) -> Result<([usize; 2], [Option<f64>; 2]), Fail> {
    let size = ctx.opt_ints("output_size")?.filter(|s| !s.is_empty());
    let factors = ctx.opt_floats("scale_factors")?.filter(|s| !s.is_empty());
    let scales = match &factors {
        Some(f) if f.len() == 2 => [Some(f[0]), Some(f[1])],
        Some(f) => return fail(format!("scale_factors {f:?} must have 2 entries")),
        None => [ctx.opt_float("scales_h")?, ctx.opt_float("scales_w")?],
    };
    let out = match (size, &factors) {
        (Some(_), Some(_)) => return fail("give output_size or scale_factors, not both"),
        (Some(s), None) => {
            if s.len() != 2 {
                return fail(format!("output_size {s:?} must have 2 entries"));
            }
            layout::shape_of(&s)?
        }
        (None, Some(f)) => {
            let sizes: Vec<i64> = (0..2)
                .map(|i| (x.shape[2 + i] as f64 * f[i]).floor() as i64)
                .collect();
            layout::shape_of(&sizes)?
        }
        (None, None) => return fail("give output_size or scale_factors"),
    };
    if out.contains(&0) && x.numel() > 0 {
        return fail(format!("output size {out:?} has no elements"));
    }
    numel(&[x.shape[0], x.shape[1], out[0], out[1]])?;
    Ok(([out[0], out[1]], scales))
}

/// PyTorch's `input / output` ratio, or `1 / scale` when a positive scale was given.
fn ratio(input: usize, output: usize, scale: Option<f64>) -> f32 {
    match scale {
        Some(s) if s > 0.0 => (1.0 / s) as f32,
        _ => input as f32 / output as f32,
    }
}

/// Per output position: the two input positions and their weights along one dimension.
fn linear_taps(
    input: usize,
    output: usize,
    align: bool,
    scale: Option<f64>,
) -> Vec<(usize, usize, f32, f32)> {
    let r = if align {
        if output > 1 {
            (input as f32 - 1.0) / (output as f32 - 1.0)
        } else {
            0.0
        }
    } else {
        ratio(input, output, scale)
    };
    (0..output)
        .map(|o| {
            if input == output {
                return (o, o, 1.0, 0.0);
            }
            let src = if align {
                r * o as f32
            } else {
                (r * (o as f32 + 0.5) - 0.5).max(0.0)
            };
            let i0 = (src.floor() as usize).min(input - 1);
            let l1 = (src - i0 as f32).clamp(0.0, 1.0);
            let i1 = if i0 < input - 1 { i0 + 1 } else { i0 };
            (i0, i1, 1.0 - l1, l1)
        })
        .collect()
}

fn nearest_taps(input: usize, output: usize, scale: Option<f64>) -> Vec<usize> {
    let r = ratio(input, output, scale);
    (0..output)
        .map(|o| {
            if input == output {
                o
            } else if output == 2 * input {
                o / 2
            } else {
                ((o as f32 * r).floor() as usize).min(input - 1)
            }
        })
        .collect()
}

fn upsample(ctx: &Ctx<'_>, bilinear: bool) -> Result<Tensor, Fail> {
    let x = input4(ctx)?;
    let ([oh, ow], scales) = output_geometry(ctx, x)?;
    let (planes, h, w) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3]);
    let v = layout::floats(x);
    let mut out = Vec::with_capacity(planes * oh * ow);
    if planes > 0 && h * w > 0 {
        if bilinear {
            let align = ctx.bool_or("align_corners", false)?;
            let ys = linear_taps(h, oh, align, scales[0]);
            let xs = linear_taps(w, ow, align, scales[1]);
            for p in 0..planes {
                let src = &v[p * h * w..(p + 1) * h * w];
                for &(y0, y1, ly0, ly1) in &ys {
                    for &(x0, x1, lx0, lx1) in &xs {
                        let top = src[y0 * w + x0] * lx0 + src[y0 * w + x1] * lx1;
                        let bottom = src[y1 * w + x0] * lx0 + src[y1 * w + x1] * lx1;
                        out.push(top * ly0 + bottom * ly1);
                    }
                }
            }
        } else {
            let ys = nearest_taps(h, oh, scales[0]);
            let xs = nearest_taps(w, ow, scales[1]);
            for p in 0..planes {
                let src = &v[p * h * w..(p + 1) * h * w];
                for &y in &ys {
                    out.extend(xs.iter().map(|&xx| src[y * w + xx]));
                }
            }
        }
    } else {
        out.resize(planes * oh * ow, 0.0);
    }
    Ok(Tensor::f32(vec![x.shape[0], x.shape[1], oh, ow], out))
}

#[derive(Clone, Copy, PartialEq)]
enum Padding {
    Zeros,
    Border,
    Reflection,
}

/// A grid coordinate in `[-1, 1]` as a pixel position.
fn unnormalize(c: f32, size: usize, align: bool) -> f32 {
    let s = size as f32;
    if align {
        (c + 1.0) / 2.0 * (s - 1.0)
    } else {
        ((c + 1.0) * s - 1.0) / 2.0
    }
}

/// Reflects `x` into `[low2 / 2, high2 / 2]`.
fn reflect(x: f32, low2: f32, high2: f32) -> f32 {
    if low2 == high2 {
        return 0.0;
    }
    let min = low2 / 2.0;
    let span = (high2 - low2) / 2.0;
    let x = (x - min).abs();
    let extra = x % span;
    let flips = (x / span).floor();
    if flips % 2.0 == 0.0 {
        extra + min
    } else {
        span - extra + min
    }
}

/// A pixel position with the padding mode applied.
fn pad_coord(x: f32, size: usize, padding: Padding, align: bool) -> f32 {
    let s = size as f32;
    let clip = |x: f32| x.max(0.0).min(s - 1.0);
    match padding {
        Padding::Zeros => x,
        Padding::Border => clip(x),
        Padding::Reflection if align => clip(reflect(x, 0.0, 2.0 * (s - 1.0))),
        Padding::Reflection => clip(reflect(x, -1.0, 2.0 * s - 1.0)),
    }
}

fn cubic_weights(t: f32) -> [f32; 4] {
    const A: f32 = -0.75;
    let near = |x: f32| ((A + 2.0) * x - (A + 3.0)) * x * x + 1.0;
    let far = |x: f32| ((A * x - 5.0 * A) * x + 8.0 * A) * x - 4.0 * A;
    [far(t + 1.0), near(t), near(1.0 - t), far(2.0 - t)]
}

fn grid_sample(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let x = input4(ctx)?;
    let grid = ctx.tensor("grid")?;
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
    if grid.kind() != Kind::Float
        || grid.shape.len() != 4
        || grid.shape[0] != n
        || grid.shape[3] != 2
    {
        return fail(format!(
            "grid must be a float [{n}, H, W, 2] tensor for input {x}, found {grid}"
        ));
    }
    let mode = ctx.int("interpolation_mode")?;
    if !(0..=2).contains(&mode) {
        return fail(format!(
            "interpolation_mode {mode} is not 0 (bilinear), 1 (nearest) or 2 (bicubic)"
        ));
    }
    let padding = match ctx.int("padding_mode")? {
        0 => Padding::Zeros,
        1 => Padding::Border,
        2 => Padding::Reflection,
        p => {
            return fail(format!(
                "padding_mode {p} is not 0 (zeros), 1 (border) or 2 (reflection)"
            ));
        }
    };
    let align = ctx.bool_or("align_corners", false)?;
    let (gh, gw) = (grid.shape[1], grid.shape[2]);
    numel(&[n, c, gh, gw])?;
    let v = layout::floats(x);
    let g = layout::floats(grid);
    let mut out = vec![0f32; n * c * gh * gw];
    // The value of plane `p` at integer position (`yy`, `xx`), zero outside.
    let at = |p: usize, yy: f32, xx: f32| -> f32 {
        if !(yy.is_finite() && xx.is_finite()) {
            return 0.0;
        }
        let (yi, xi) = (yy as i64, xx as i64);
        if yi < 0 || xi < 0 || yi >= h as i64 || xi >= w as i64 {
            return 0.0;
        }
        v[(p * h + yi as usize) * w + xi as usize]
    };
    for b in 0..n {
        for oy in 0..gh {
            for ox in 0..gw {
                let gi = ((b * gh + oy) * gw + ox) * 2;
                let (gx, gy) = (g[gi], g[gi + 1]);
                for ch in 0..c {
                    let p = b * c + ch;
                    let value = match mode {
                        0 | 1 => {
                            let ix = pad_coord(unnormalize(gx, w, align), w, padding, align);
                            let iy = pad_coord(unnormalize(gy, h, align), h, padding, align);
                            if mode == 1 {
                                at(p, iy.round_ties_even(), ix.round_ties_even())
                            } else {
                                let (x0, y0) = (ix.floor(), iy.floor());
                                let (x1, y1) = (x0 + 1.0, y0 + 1.0);
                                at(p, y0, x0) * ((x1 - ix) * (y1 - iy))
                                    + at(p, y0, x1) * ((ix - x0) * (y1 - iy))
                                    + at(p, y1, x0) * ((x1 - ix) * (iy - y0))
                                    + at(p, y1, x1) * ((ix - x0) * (iy - y0))
                            }
                        }
                        _ => {
                            let ix = unnormalize(gx, w, align);
                            let iy = unnormalize(gy, h, align);
                            let (x0, y0) = (ix.floor(), iy.floor());
                            let (wx, wy) = (cubic_weights(ix - x0), cubic_weights(iy - y0));
                            let mut acc = 0.0;
                            for (j, &wyj) in wy.iter().enumerate() {
                                let yy = pad_coord(y0 - 1.0 + j as f32, h, padding, align);
                                let mut row = 0.0;
                                for (i, &wxi) in wx.iter().enumerate() {
                                    let xx = pad_coord(x0 - 1.0 + i as f32, w, padding, align);
                                    row += at(p, yy, xx) * wxi;
                                }
                                acc += row * wyj;
                            }
                            acc
                        }
                    };
                    out[(p * gh + oy) * gw + ox] = value;
                }
            }
        }
    }
    Ok(Tensor::f32(vec![n, c, gh, gw], out))
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    #[test]
    fn bilinear_upsampling_both_corner_modes() {
        // [[0, 1], [2, 3]] to 4x4.
        let x = iota(&[1, 1, 2, 2]);
        let up = |attrs: &[(&str, Attr)]| {
            floats(&run1(
                "aten.upsample_bilinear2d.vec",
                &[("input", x.clone())],
                attrs,
            ))
        };
        // Without aligned corners: positions -0.25 (clamped to 0), 0.25, 0.75, 1.25 (edge).
        let row = [0.0, 0.25, 0.75, 1.0];
        let expected: Vec<f32> = [0.0, 0.5, 1.5, 2.0]
            .iter()
            .flat_map(|&r| row.iter().map(move |&c| r + c))
            .collect();
        let r = up(&[
            ("output_size", ints(&[4, 4])),
            ("align_corners", Attr::Bool(false)),
        ]);
        assert_close(&r, &expected, 1e-6);
        // A scale factor of 2 gives the same.
        let r = up(&[
            ("align_corners", Attr::Bool(false)),
            ("scale_factors", Attr::Floats(vec![2.0, 2.0])),
        ]);
        assert_close(&r, &expected, 1e-6);
        // Aligned corners: positions 0, 1/3, 2/3, 1.
        let r = up(&[
            ("output_size", ints(&[2, 4])),
            ("align_corners", Attr::Bool(true)),
        ]);
        let third = 1.0 / 3.0;
        assert_close(
            &r,
            &[
                0.0,
                third,
                2.0 * third,
                1.0,
                2.0,
                2.0 + third,
                2.0 + 2.0 * third,
                3.0,
            ],
            1e-6,
        );
        let err = run_op(
            "aten.upsample_bilinear2d.vec",
            &[("input", x)],
            &[("align_corners", Attr::Bool(false))],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("give output_size"), "{err}");
    }

    #[test]
    fn nearest_upsampling() {
        let x = iota(&[1, 1, 1, 3]);
        let r = run1(
            "aten.upsample_nearest2d.vec",
            &[("input", x.clone())],
            &[("output_size", ints(&[1, 6]))],
        );
        assert_eq!(floats(&r), vec![0.0, 0.0, 1.0, 1.0, 2.0, 2.0]);
        // Scale 3 / 2 = 1.5 with 3 -> 4: floor(o * 0.75) = 0, 0, 1, 2.
        let r = run1(
            "aten.upsample_nearest2d.vec",
            &[("input", x)],
            &[("output_size", ints(&[1, 4]))],
        );
        assert_eq!(floats(&r), vec![0.0, 0.0, 1.0, 2.0]);
    }

    #[test]
    fn grid_sampler_modes_and_padding() {
        // A 2x3 image [[0, 1, 2], [3, 4, 5]].
        let x = iota(&[1, 1, 2, 3]);
        let sample = |points: &[f32], mode: i64, padding: i64, align: bool| {
            let grid = Tensor::f32(vec![1, 1, points.len() / 2, 2], points.to_vec());
            floats(&run1(
                "aten.grid_sampler_2d.default",
                &[("input", x.clone()), ("grid", grid)],
                &[
                    ("interpolation_mode", Attr::Int(mode)),
                    ("padding_mode", Attr::Int(padding)),
                    ("align_corners", Attr::Bool(align)),
                ],
            ))
        };
        // Aligned corners: (-1, -1) is pixel (0, 0), (1, 1) pixel (2, 1), (0, 0) pixel (1, 0.5).
        let r = sample(&[-1.0, -1.0, 1.0, 1.0, 0.0, 0.0], 0, 0, true);
        assert_close(&r, &[0.0, 5.0, 2.5], 1e-6);
        // Unaligned: (0, 0) is the centre, pixel (1, 0.5) as well; (1, 1) the outer corner,
        // pixel (2.5, 1.5): a quarter of pixel (2, 1) with zero padding.
        let r = sample(&[0.0, 0.0, 1.0, 1.0], 0, 0, false);
        assert_close(&r, &[2.5, 1.25], 1e-6);
        // Border padding clamps a point far outside to the corner; reflection mirrors it.
        let r = sample(&[3.0, -3.0], 0, 1, true);
        assert_close(&r, &[2.0], 1e-6);
        // x = 2 aligned is pixel 3, mirrored to 1; y = -3 is pixel -1, mirrored to 1.
        let r = sample(&[2.0, -3.0], 0, 2, true);
        assert_close(&r, &[4.0], 1e-6);
        // Nearest: pixel (1.5, 0.5) rounds half to even: (2, 0).
        let r = sample(&[0.5, 0.0], 1, 0, true);
        assert_close(&r, &[2.0], 1e-6);
        // Bicubic at pixel centres reads the pixels.
        let r = sample(&[-1.0, -1.0, 0.0, 1.0], 2, 1, true);
        assert_close(&r, &[0.0, 4.0], 1e-5);
    }
}
