//! Gradients that training graphs compute with dedicated ops: `embedding_dense_backward`,
//! `native_layer_norm_backward`, `native_group_norm_backward`, `avg_pool2d_backward` and
//! `_adaptive_avg_pool2d_backward`.
//!
//! Sums accumulate in f64 and round once. The norms use the saved `mean` and `rstd`: with
//! `x̂ = (x - mean) * rstd` and `g = grad_out * weight` over a normalised group of `K` elements,
//! `grad_input = rstd / K * (K g - Σ g - x̂ Σ g x̂)`, `grad_weight = Σ grad_out x̂` and
//! `grad_bias = Σ grad_out` (summed over everything but the normalised features, or the
//! channel for group norm). All three results are computed whatever `output_mask` says (a
//! result the mask leaves out is `None` in PyTorch, which a graph never reads).
//!
//! The pooling gradients spread each output gradient evenly over its window (divided as the
//! forward pool divides), and `embedding_dense_backward` adds each gradient row to the weight
//! row it read (skipping `padding_idx`, dividing by the index's frequency when
//! `scale_grad_by_freq`).

use crate::tensor::{Kind, Tensor};

use super::args::{Ctx, Fail, fail};
use super::indexing::checked_indices;
use super::layout;
use super::pool::{adaptive_window, each_index, input, out_sizes, window};

/// Runs the gradient op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Vec<Tensor>, Fail>> {
    let one = |r: Result<Tensor, Fail>| Some(r.map(|t| vec![t]));
    match name {
        "aten.embedding_dense_backward.default" => one(embedding_backward(ctx)),
        "aten.native_layer_norm_backward.default" => Some(layer_norm_backward(ctx)),
        "aten.native_group_norm_backward.default" => Some(group_norm_backward(ctx)),
        "aten.avg_pool2d_backward.default" => one(avg_pool2d_backward(ctx)),
        "aten._adaptive_avg_pool2d_backward.default" => one(adaptive_avg_pool2d_backward(ctx)),
        _ => None,
    }
}

/// A float operand.
fn float<'a>(ctx: &Ctx<'a>, name: &str) -> Result<&'a Tensor, Fail> {
    let t = ctx.tensor(name)?;
    if t.kind() != Kind::Float {
        return fail(format!("{name} must be a float tensor, found {t}"));
    }
    Ok(t)
}

fn f64s(t: &Tensor) -> Vec<f64> {
    layout::floats(t).iter().map(|&x| x as f64).collect()
}

fn f32s(v: Vec<f64>) -> Vec<f32> {
    v.into_iter().map(|x| x as f32).collect()
}

fn embedding_backward(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let grad = float(ctx, "grad_output")?;
    let indices = ctx.tensor("indices")?;
    let num_weights = ctx.int("num_weights")?;
    let padding_idx = ctx.int_or("padding_idx", -1)?;
    let by_freq = ctx.bool_or("scale_grad_by_freq", false)?;
    let Some(&dim) = grad.shape.last() else {
        return fail("grad_output must have an embedding dimension");
    };
    if grad.shape[..grad.shape.len() - 1] != indices.shape[..] {
        return fail(format!(
            "grad_output {grad} does not match indices {indices} (expected indices' shape plus \
             the embedding dimension)"
        ));
    }
    let shape = layout::shape_of(&[num_weights, dim as i64])?;
    let rows = checked_indices(indices, shape[0], "embedding_dense_backward indices")?;
    let mut count = vec![0usize; shape[0]];
    for &r in &rows {
        count[r] += 1;
    }
    let g = layout::floats(grad);
    let mut out = vec![0f64; shape[0] * dim];
    for (i, &r) in rows.iter().enumerate() {
        if padding_idx >= 0 && r as i64 == padding_idx {
            continue;
        }
        let scale = if by_freq { 1.0 / count[r] as f64 } else { 1.0 };
        for j in 0..dim {
            out[r * dim + j] += g[i * dim + j] as f64 * scale;
        }
    }
    Ok(Tensor::f32(shape, f32s(out)))
}

/// An optional per-feature weight of `len` elements (ones when absent).
fn weight(ctx: &Ctx<'_>, len: usize) -> Result<Vec<f64>, Fail> {
    match ctx.opt_tensor("weight")? {
        None => Ok(vec![1.0; len]),
        Some(w) if w.numel() == len => Ok(f64s(w)),
        Some(w) => fail(format!("weight {w} must have {len} elements")),
    }
}

/// The input gradient of one normalised group (`x̂` and `g` as in the module doc).
fn norm_group_grad(xhat: &[f64], g: &[f64], rstd: f64, dx: &mut [f64]) {
    let k = xhat.len() as f64;
    let sum_g: f64 = g.iter().sum();
    let sum_gx: f64 = g.iter().zip(xhat).map(|(a, b)| a * b).sum();
    for ((d, &gj), &xj) in dx.iter_mut().zip(g).zip(xhat) {
        *d = rstd / k * (k * gj - sum_g - xj * sum_gx);
    }
}

fn layer_norm_backward(ctx: &Ctx<'_>) -> Result<Vec<Tensor>, Fail> {
    let dy = float(ctx, "grad_out")?;
    let x = float(ctx, "input")?;
    let mean = float(ctx, "mean")?;
    let rstd = float(ctx, "rstd")?;
    let normalized = layout::shape_of(&ctx.ints("normalized_shape")?)?;
    let rank = x.shape.len();
    if dy.shape != x.shape {
        return fail(format!("grad_out {dy} and input {x} differ in shape"));
    }
    if normalized.len() > rank || x.shape[rank - normalized.len()..] != normalized[..] {
        return fail(format!(
            "normalized_shape {normalized:?} does not end input's shape {:?}",
            x.shape
        ));
    }
    let n: usize = normalized.iter().product();
    let m: usize = x.shape[..rank - normalized.len()].iter().product();
    if mean.numel() != m || rstd.numel() != m {
        return fail(format!(
            "mean {mean} and rstd {rstd} must hold one value per normalised row ({m})"
        ));
    }
    let w = weight(ctx, n)?;
    let (xv, dyv, mv, rv) = (f64s(x), f64s(dy), f64s(mean), f64s(rstd));
    let mut dx = vec![0f64; m * n];
    let mut dw = vec![0f64; n];
    let mut db = vec![0f64; n];
    let mut xhat = vec![0f64; n];
    let mut g = vec![0f64; n];
    for r in 0..m {
        let row = r * n..(r + 1) * n;
        for (j, (&xj, &dj)) in xv[row.clone()].iter().zip(&dyv[row.clone()]).enumerate() {
            xhat[j] = (xj - mv[r]) * rv[r];
            g[j] = dj * w[j];
            dw[j] += dj * xhat[j];
            db[j] += dj;
        }
        norm_group_grad(&xhat, &g, rv[r], &mut dx[row]);
    }
    Ok(vec![
        Tensor::f32(x.shape.clone(), f32s(dx)),
        Tensor::f32(normalized.clone(), f32s(dw)),
        Tensor::f32(normalized, f32s(db)),
    ])
}

fn group_norm_backward(ctx: &Ctx<'_>) -> Result<Vec<Tensor>, Fail> {
    let dy = float(ctx, "grad_out")?;
    let x = float(ctx, "input")?;
    let mean = float(ctx, "mean")?;
    let rstd = float(ctx, "rstd")?;
    if dy.shape != x.shape {
        return fail(format!("grad_out {dy} and input {x} differ in shape"));
    }
    if x.shape.len() < 2 {
        return fail(format!(
            "group norm needs an input of at least 2 dimensions, found {x}"
        ));
    }
    let (n, c) = (x.shape[0], x.shape[1]);
    let hw: usize = x.shape[2..].iter().product();
    for (name, expected) in [("N", n), ("C", c), ("HxW", hw)] {
        if let Some(v) = ctx.opt_int(name)?
            && v != expected as i64
        {
            return fail(format!("{name} is {v} but input {x} has {expected}"));
        }
    }
    let groups = ctx.int("group")?;
    if groups <= 0 || !c.is_multiple_of(groups as usize) {
        return fail(format!("{c} channels do not split into {groups} groups"));
    }
    let g_count = groups as usize;
    if mean.numel() != n * g_count || rstd.numel() != n * g_count {
        return fail(format!(
            "mean {mean} and rstd {rstd} must hold {} values (N x group)",
            n * g_count
        ));
    }
    let w = weight(ctx, c)?;
    let (xv, dyv, mv, rv) = (f64s(x), f64s(dy), f64s(mean), f64s(rstd));
    let per = c / g_count * hw;
    let mut dx = vec![0f64; xv.len()];
    let mut dw = vec![0f64; c];
    let mut db = vec![0f64; c];
    let mut xhat = vec![0f64; per];
    let mut g = vec![0f64; per];
    for i in 0..n * g_count {
        let block = i * per..(i + 1) * per;
        for k in 0..per {
            let ch = (i % g_count) * (c / g_count) + k / hw.max(1);
            let (xk, dk) = (xv[block.start + k], dyv[block.start + k]);
            xhat[k] = (xk - mv[i]) * rv[i];
            g[k] = dk * w[ch];
            dw[ch] += dk * xhat[k];
            db[ch] += dk;
        }
        norm_group_grad(&xhat, &g, rv[i], &mut dx[block]);
    }
    Ok(vec![
        Tensor::f32(x.shape.clone(), f32s(dx)),
        Tensor::f32(vec![c], f32s(dw)),
        Tensor::f32(vec![c], f32s(db)),
    ])
}

/// `grad_output`, checked to have the forward pool's output shape.
fn pooled_grad<'a>(ctx: &Ctx<'a>, lead: &[usize], out: &[usize]) -> Result<&'a Tensor, Fail> {
    let g = float(ctx, "grad_output")?;
    let mut shape = lead.to_vec();
    shape.extend_from_slice(out);
    if g.shape != shape {
        return fail(format!(
            "grad_output {g} does not have the pooled shape {shape:?}"
        ));
    }
    Ok(g)
}

fn avg_pool2d_backward(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let x = ctx.tensor("self")?;
    let inp = input(x, 2)?;
    let w = window(ctx, 2, false)?;
    let include_pad = ctx.bool_or("count_include_pad", true)?;
    let divisor = ctx.opt_int("divisor_override")?;
    if divisor == Some(0) {
        return fail("divisor_override must be nonzero");
    }
    let out = out_sizes(&inp, &w)?;
    let g = layout::floats(pooled_grad(ctx, &inp.lead, &out)?);
    let (h, wd) = (inp.size[0] as i64, inp.size[1] as i64);
    let plane = (h * wd) as usize;
    let mut dx = vec![0f64; inp.planes * plane];
    let mut gi = 0;
    for p in 0..inp.planes {
        each_index(&out, |o| {
            let hs = (o[0] * w.stride[0]) as i64 - w.pad[0] as i64;
            let ws = (o[1] * w.stride[1]) as i64 - w.pad[1] as i64;
            let he = (hs + w.k[0] as i64).min(h + w.pad[0] as i64);
            let we = (ws + w.k[1] as i64).min(wd + w.pad[1] as i64);
            let pool_size = (he - hs) * (we - ws);
            let (hs, ws, he, we) = (hs.max(0), ws.max(0), he.min(h), we.min(wd));
            let grad = g[gi] as f64;
            gi += 1;
            if hs >= he || ws >= we {
                return;
            }
            let div = match divisor {
                Some(d) => d,
                None if include_pad => pool_size,
                None => (he - hs) * (we - ws),
            };
            for yy in hs..he {
                for xx in ws..we {
                    dx[p * plane + (yy * wd + xx) as usize] += grad / div as f64;
                }
            }
        });
    }
    Ok(Tensor::f32(x.shape.clone(), f32s(dx)))
}

fn adaptive_avg_pool2d_backward(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let x = ctx.tensor("self")?;
    let inp = input(x, 2)?;
    let g = float(ctx, "grad_output")?;
    let r = g.shape.len();
    if r != x.shape.len() || g.shape[..r - 2] != inp.lead[..] {
        return fail(format!("grad_output {g} does not fit input {x}"));
    }
    let out = g.shape[r - 2..].to_vec();
    if inp.size.contains(&0) || (out.contains(&0) && g.numel() > 0) {
        return fail(format!(
            "adaptive pooling needs non-empty pooled dimensions, found {x} and {g}"
        ));
    }
    let gv = layout::floats(g);
    let plane = inp.size[0] * inp.size[1];
    let mut dx = vec![0f64; inp.planes * plane];
    let mut gi = 0;
    for p in 0..inp.planes {
        each_index(&out, |o| {
            let (lo, lens) = adaptive_window(o, &out, &inp.size);
            let share = gv[gi] as f64 / (lens[0] * lens[1]) as f64;
            gi += 1;
            for yy in lo[0]..lo[0] + lens[0] {
                for xx in lo[1]..lo[1] + lens[1] {
                    dx[p * plane + yy * inp.size[1] + xx] += share;
                }
            }
        });
    }
    Ok(Tensor::f32(x.shape.clone(), f32s(dx)))
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    #[test]
    fn embedding_backward_adds_rows() {
        let grad = iota(&[3, 2]);
        let indices = Tensor::i64(vec![3], vec![1, 0, 1]);
        let run = |padding_idx: i64, by_freq: bool| {
            run1(
                "aten.embedding_dense_backward.default",
                &[("grad_output", grad.clone()), ("indices", indices.clone())],
                &[
                    ("num_weights", Attr::Int(3)),
                    ("padding_idx", Attr::Int(padding_idx)),
                    ("scale_grad_by_freq", Attr::Bool(by_freq)),
                ],
            )
        };
        // Row 1 gets grad rows 0 and 2, row 0 grad row 1, row 2 nothing.
        assert_eq!(
            run(-1, false),
            Tensor::f32(vec![3, 2], vec![2.0, 3.0, 4.0, 6.0, 0.0, 0.0])
        );
        assert_eq!(
            run(1, false),
            Tensor::f32(vec![3, 2], vec![2.0, 3.0, 0.0, 0.0, 0.0, 0.0])
        );
        assert_eq!(
            run(-1, true),
            Tensor::f32(vec![3, 2], vec![2.0, 3.0, 2.0, 3.0, 0.0, 0.0])
        );
    }

    #[test]
    fn layer_norm_backward_matches_the_closed_form() {
        // One row x = [1, 3]: mean 2, var 1, rstd 1 (eps 0), x̂ = [-1, 1].
        let x = Tensor::f32(vec![1, 2], vec![1.0, 3.0]);
        let dy = Tensor::f32(vec![1, 2], vec![1.0, 0.0]);
        let w = Tensor::f32(vec![2], vec![2.0, 3.0]);
        let r = run_op(
            "aten.native_layer_norm_backward.default",
            &[
                ("grad_out", dy),
                ("input", x),
                ("mean", Tensor::f32(vec![1, 1], vec![2.0])),
                ("rstd", Tensor::f32(vec![1, 1], vec![1.0])),
                ("weight", w),
            ],
            &[
                ("normalized_shape", ints(&[2])),
                ("output_mask", Attr::Bools(vec![true, true, true])),
            ],
            3,
        )
        .unwrap();
        // g = [2, 0]; Σg = 2; Σg x̂ = -2; dx = 1/2 (2 g - 2 + 2 x̂) = [0, 0].
        assert_close(&floats(&r[0]), &[0.0, 0.0], 1e-7);
        assert_eq!(floats(&r[1]), vec![-1.0, 0.0]);
        assert_eq!(floats(&r[2]), vec![1.0, 0.0]);
        // Three features: x = [0, 1, 2] (mean 1, rstd 1 for the test), dy = [1, 0, 0].
        let r = run_op(
            "aten.native_layer_norm_backward.default",
            &[
                ("grad_out", Tensor::f32(vec![3], vec![1.0, 0.0, 0.0])),
                ("input", iota(&[3])),
                ("mean", Tensor::f32(vec![], vec![1.0])),
                ("rstd", Tensor::f32(vec![], vec![1.0])),
            ],
            &[("normalized_shape", ints(&[3]))],
            3,
        )
        .unwrap();
        // x̂ = [-1, 0, 1]; Σg = 1; Σg x̂ = -1; dx = 1/3 (3 g - 1 + x̂) = [1/3, -1/3, 0].
        assert_close(&floats(&r[0]), &[1.0 / 3.0, -1.0 / 3.0, 0.0], 1e-7);
    }

    #[test]
    fn group_norm_backward_per_group() {
        // N = 1, C = 2, HxW = 1, one group: the layer norm case over the channels.
        let r = run_op(
            "aten.native_group_norm_backward.default",
            &[
                ("grad_out", Tensor::f32(vec![1, 2, 1], vec![1.0, 0.0])),
                ("input", Tensor::f32(vec![1, 2, 1], vec![1.0, 3.0])),
                ("mean", Tensor::f32(vec![1, 1], vec![2.0])),
                ("rstd", Tensor::f32(vec![1, 1], vec![1.0])),
                ("weight", Tensor::f32(vec![2], vec![2.0, 3.0])),
            ],
            &[
                ("N", Attr::Int(1)),
                ("C", Attr::Int(2)),
                ("HxW", Attr::Int(1)),
                ("group", Attr::Int(1)),
                ("output_mask", Attr::Bools(vec![true, true, true])),
            ],
            3,
        )
        .unwrap();
        assert_close(&floats(&r[0]), &[0.0, 0.0], 1e-7);
        assert_eq!(floats(&r[1]), vec![-1.0, 0.0]);
        assert_eq!(floats(&r[2]), vec![1.0, 0.0]);
        // Two groups of one channel and HxW = 2: each group is its own layer norm.
        let r = run_op(
            "aten.native_group_norm_backward.default",
            &[
                (
                    "grad_out",
                    Tensor::f32(vec![1, 2, 2], vec![1.0, 0.0, 0.0, 2.0]),
                ),
                (
                    "input",
                    Tensor::f32(vec![1, 2, 2], vec![1.0, 3.0, 0.0, 0.0]),
                ),
                ("mean", Tensor::f32(vec![1, 2], vec![2.0, 0.0])),
                ("rstd", Tensor::f32(vec![1, 2], vec![1.0, 2.0])),
            ],
            &[("group", Attr::Int(2))],
            3,
        )
        .unwrap();
        // Group 0: x̂ = [-1, 1], g = [1, 0]: dx = 1/2 (2 g - 1 - x̂ (-1)) = [0, 0].
        // Group 1: x̂ = [0, 0], g = [0, 2], rstd 2: dx = 2/2 (2 g - 2) = [-2, 2].
        assert_close(&floats(&r[0]), &[0.0, 0.0, -2.0, 2.0], 1e-7);
        assert_eq!(floats(&r[2]), vec![1.0, 2.0]);
    }

    #[test]
    fn pooling_gradients_spread_over_windows() {
        let x = iota(&[1, 1, 2, 3]);
        let r = run1(
            "aten.avg_pool2d_backward.default",
            &[
                ("grad_output", Tensor::f32(vec![1, 1, 1, 2], vec![4.0, 8.0])),
                ("self", x.clone()),
            ],
            &[
                ("kernel_size", ints(&[2, 2])),
                ("stride", ints(&[1, 1])),
                ("padding", ints(&[0, 0])),
                ("ceil_mode", Attr::Bool(false)),
                ("count_include_pad", Attr::Bool(true)),
            ],
        );
        // Windows columns [0, 2) and [1, 3) over both rows, each gradient divided by 4.
        assert_eq!(
            r,
            Tensor::f32(vec![1, 1, 2, 3], vec![1.0, 3.0, 2.0, 1.0, 3.0, 2.0])
        );
        let r = run1(
            "aten._adaptive_avg_pool2d_backward.default",
            &[
                ("grad_output", Tensor::f32(vec![1, 1, 1, 2], vec![4.0, 8.0])),
                ("self", x.clone()),
            ],
            &[],
        );
        // Adaptive windows over 3 columns into 2: [0, 2) and [1, 3), each of 4 elements.
        assert_eq!(
            r,
            Tensor::f32(vec![1, 1, 2, 3], vec![1.0, 3.0, 2.0, 1.0, 3.0, 2.0])
        );
        let err = run_op(
            "aten._adaptive_avg_pool2d_backward.default",
            &[
                ("grad_output", Tensor::f32(vec![1, 2, 1, 2], vec![0.0; 4])),
                ("self", x),
            ],
            &[],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("does not fit"), "{err}");
    }
}
