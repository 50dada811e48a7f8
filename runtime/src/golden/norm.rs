//! Normalisations: layer norm (`native_layer_norm` with its mean and rstd, `layer_norm`),
//! batch norm (inference `_native_batch_norm_legit_no_training`, the training variants
//! `_native_batch_norm_legit`, `native_batch_norm`, `_native_batch_norm_legit_functional`,
//! and `batch_norm`), and group norm (`native_group_norm`, `group_norm`).
//!
//! Statistics are computed in f64 with the biased variance (as PyTorch normalises), then
//! `y = (x - mean) * rstd * weight + bias` with `rstd = 1 / sqrt(var + eps)`. Batch norm's
//! channel dimension is 1. Inference batch norm returns empty `save_mean`/`save_rstd` (shape
//! `[0]`), as PyTorch does; training batch norm returns the batch statistics and, in the
//! functional variant, the updated running statistics (with the unbiased batch variance).

use crate::tensor::{Kind, Tensor};

use super::args::{Ctx, Fail, fail};
use super::layout;

/// Runs the normalisation `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Vec<Tensor>, Fail>> {
    let r = match name {
        "aten.native_layer_norm.default" => layer_norm(ctx),
        "aten.layer_norm.default" => layer_norm(ctx).map(|mut r| {
            r.truncate(1);
            r
        }),
        "aten._native_batch_norm_legit_no_training.default" => batch_norm(ctx, Some(false), false),
        "aten._native_batch_norm_legit.default" | "aten.native_batch_norm.default" => {
            batch_norm(ctx, None, false)
        }
        "aten._native_batch_norm_legit.no_stats" => batch_norm(ctx, None, false),
        "aten._native_batch_norm_legit_functional.default" => batch_norm(ctx, None, true),
        "aten.batch_norm.default" => batch_norm(ctx, None, false).map(|mut r| {
            r.truncate(1);
            r
        }),
        "aten.native_group_norm.default" | "aten.group_norm.default" => {
            group_norm(ctx, name == "aten.group_norm.default")
        }
        _ => return None,
    };
    Some(r)
}

fn float_input<'a>(ctx: &Ctx<'a>) -> Result<&'a Tensor, Fail> {
    let t = ctx.tensor("input")?;
    if t.kind() != Kind::Float {
        return fail(format!("input must be a float tensor, found {t}"));
    }
    Ok(t)
}

/// An optional per-feature tensor of exactly `shape`, as floats.
fn param(ctx: &Ctx<'_>, name: &str, shape: &[usize]) -> Result<Option<Vec<f32>>, Fail> {
    match ctx.opt_tensor(name)? {
        None => Ok(None),
        Some(t) if t.shape == shape => Ok(Some(layout::floats(t).into_owned())),
        Some(t) => fail(format!(
            "{name} has shape {:?}, expected {shape:?}",
            t.shape
        )),
    }
}

/// Mean and biased variance of `values`, in f64.
fn moments(values: impl Iterator<Item = f32> + Clone) -> (f64, f64) {
    let (mut n, mut sum) = (0usize, 0f64);
    for x in values.clone() {
        sum += x as f64;
        n += 1;
    }
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let mean = sum / n as f64;
    let var = values.map(|x| (x as f64 - mean).powi(2)).sum::<f64>() / n as f64;
    (mean, var)
}

fn layer_norm(ctx: &Ctx<'_>) -> Result<Vec<Tensor>, Fail> {
    let x = float_input(ctx)?;
    let normalized = layout::shape_of(&ctx.ints("normalized_shape")?)?;
    let eps = ctx.float_or("eps", 1e-5)?;
    let rank = x.shape.len();
    if normalized.len() > rank || x.shape[rank - normalized.len()..] != normalized[..] {
        return fail(format!(
            "normalized_shape {normalized:?} does not end input's shape {:?}",
            x.shape
        ));
    }
    let w = param(ctx, "weight", &normalized)?;
    let b = param(ctx, "bias", &normalized)?;
    let axis = rank - normalized.len();
    let len: usize = normalized.iter().product();
    let v = layout::floats(x);
    let rows = v.len().checked_div(len).unwrap_or(0);
    let mut out = vec![0f32; v.len()];
    let mut means = Vec::with_capacity(rows);
    let mut rstds = Vec::with_capacity(rows);
    for r in 0..rows {
        let row = &v[r * len..(r + 1) * len];
        let (mean, var) = moments(row.iter().copied());
        let rstd = 1.0 / (var + eps).sqrt();
        for (j, (&xv, o)) in row.iter().zip(&mut out[r * len..]).enumerate() {
            let mut y = (xv as f64 - mean) * rstd;
            if let Some(w) = &w {
                y *= w[j] as f64;
            }
            if let Some(b) = &b {
                y += b[j] as f64;
            }
            *o = y as f32;
        }
        means.push(mean as f32);
        rstds.push(rstd as f32);
    }
    let mut stat_shape = x.shape[..axis].to_vec();
    stat_shape.extend(std::iter::repeat_n(1, normalized.len()));
    Ok(vec![
        Tensor::f32(x.shape.clone(), out),
        Tensor::f32(stat_shape.clone(), means),
        Tensor::f32(stat_shape, rstds),
    ])
}

/// `training`: `Some(false)` for the inference overload, `None` to read the `training`
/// attribute. `functional`: also return the updated running statistics.
fn batch_norm(
    ctx: &Ctx<'_>,
    training: Option<bool>,
    functional: bool,
) -> Result<Vec<Tensor>, Fail> {
    let x = float_input(ctx)?;
    if x.shape.len() < 2 {
        return fail(format!(
            "batch norm needs an input of at least 2 dimensions, found {x}"
        ));
    }
    let training = match training {
        Some(t) => t,
        None => ctx.bool_or("training", false)?,
    };
    let eps = ctx.float_or("eps", 1e-5)?;
    let momentum = ctx.float_or("momentum", 0.1)?;
    let (n, c) = (x.shape[0], x.shape[1]);
    let inner: usize = x.shape[2..].iter().product();
    let w = param(ctx, "weight", &[c])?;
    let b = param(ctx, "bias", &[c])?;
    let running_mean = param(ctx, "running_mean", &[c])?;
    let running_var = param(ctx, "running_var", &[c])?;
    let v = layout::floats(x);
    let channel =
        |ch: usize| (0..n).flat_map(move |i| (0..inner).map(move |j| (i * c + ch) * inner + j));
    let mut means = Vec::with_capacity(c);
    let mut vars = Vec::with_capacity(c);
    for ch in 0..c {
        let (m, var) = if training {
            moments(channel(ch).map(|k| v[k]))
        } else {
            match (&running_mean, &running_var) {
                (Some(m), Some(s)) => (m[ch] as f64, s[ch] as f64),
                _ => return fail("inference batch norm needs running_mean and running_var"),
            }
        };
        means.push(m);
        vars.push(var);
    }
    let mut out = vec![0f32; v.len()];
    for ch in 0..c {
        let rstd = 1.0 / (vars[ch] + eps).sqrt();
        let scale = w.as_ref().map_or(1.0, |w| w[ch] as f64);
        let shift = b.as_ref().map_or(0.0, |b| b[ch] as f64);
        for k in channel(ch) {
            out[k] = ((v[k] as f64 - means[ch]) * rstd * scale + shift) as f32;
        }
    }
    let mut results = vec![Tensor::f32(x.shape.clone(), out)];
    if training {
        results.push(Tensor::f32(
            vec![c],
            means.iter().map(|&m| m as f32).collect(),
        ));
        results.push(Tensor::f32(
            vec![c],
            vars.iter()
                .map(|&s| (1.0 / (s + eps).sqrt()) as f32)
                .collect(),
        ));
    } else {
        results.push(Tensor::f32(vec![0], vec![]));
        results.push(Tensor::f32(vec![0], vec![]));
    }
    if functional {
        let count = (n * inner) as f64;
        let (Some(rm), Some(rv)) = (&running_mean, &running_var) else {
            return fail("the functional batch norm needs running_mean and running_var");
        };
        let update = |old: f32, new: f64| ((1.0 - momentum) * old as f64 + momentum * new) as f32;
        let (nm, nv): (Vec<f32>, Vec<f32>) = if training {
            (0..c)
                .map(|ch| {
                    let unbiased = vars[ch] * count / (count - 1.0).max(1.0);
                    (update(rm[ch], means[ch]), update(rv[ch], unbiased))
                })
                .unzip()
        } else {
            (rm.clone(), rv.clone())
        };
        results.push(Tensor::f32(vec![c], nm));
        results.push(Tensor::f32(vec![c], nv));
    }
    Ok(results)
}

fn group_norm(ctx: &Ctx<'_>, composite: bool) -> Result<Vec<Tensor>, Fail> {
    let x = float_input(ctx)?;
    if x.shape.len() < 2 {
        return fail(format!(
            "group norm needs an input of at least 2 dimensions, found {x}"
        ));
    }
    let (n, c) = (x.shape[0], x.shape[1]);
    let groups = if composite {
        ctx.int("num_groups")?
    } else {
        ctx.int("group")?
    };
    if groups <= 0 || c % groups as usize != 0 {
        return fail(format!("{c} channels do not split into {groups} groups"));
    }
    let g = groups as usize;
    let eps = ctx.float_or("eps", 1e-5)?;
    let w = param(ctx, "weight", &[c])?;
    let b = param(ctx, "bias", &[c])?;
    let inner: usize = x.shape[2..].iter().product();
    let per = c / g * inner;
    let v = layout::floats(x);
    let mut out = vec![0f32; v.len()];
    let (mut means, mut rstds) = (Vec::new(), Vec::new());
    for i in 0..n * g {
        let block = &v[i * per..(i + 1) * per];
        let (mean, var) = moments(block.iter().copied());
        let rstd = 1.0 / (var + eps).sqrt();
        for (k, &xv) in block.iter().enumerate() {
            let ch = (i % g) * (c / g) + k / inner.max(1);
            let scale = w.as_ref().map_or(1.0, |w| w[ch] as f64);
            let shift = b.as_ref().map_or(0.0, |b| b[ch] as f64);
            out[i * per + k] = ((xv as f64 - mean) * rstd * scale + shift) as f32;
        }
        means.push(mean as f32);
        rstds.push(rstd as f32);
    }
    let mut r = vec![Tensor::f32(x.shape.clone(), out)];
    if !composite {
        r.push(Tensor::f32(vec![n, g], means));
        r.push(Tensor::f32(vec![n, g], rstds));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    #[test]
    fn native_layer_norm_returns_mean_and_rstd() {
        let x = Tensor::f32(vec![2, 2], vec![1.0, 3.0, -1.0, -1.0]);
        let w = Tensor::f32(vec![2], vec![2.0, 1.0]);
        let b = Tensor::f32(vec![2], vec![0.5, 0.0]);
        let r = run_op(
            "aten.native_layer_norm.default",
            &[("input", x), ("weight", w), ("bias", b)],
            &[("normalized_shape", ints(&[2])), ("eps", Attr::Float(0.0))],
            3,
        )
        .unwrap();
        // Row 0: mean 2, var 1 -> [-1, 1] -> [-1.5, 1]; row 1: var 0, eps 0 -> NaN.
        assert_close(&floats(&r[0])[..2], &[-1.5, 1.0], 1e-7);
        assert!(floats(&r[0])[2].is_nan());
        assert_eq!(r[1], Tensor::f32(vec![2, 1], vec![2.0, -1.0]));
        assert_eq!(floats(&r[2])[0], 1.0);
        let err = run_op(
            "aten.native_layer_norm.default",
            &[("input", iota(&[2, 3]))],
            &[("normalized_shape", ints(&[2])), ("eps", Attr::Float(1e-5))],
            3,
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("does not end input's shape"),
            "{err}"
        );
    }

    #[test]
    fn batch_norm_inference_and_training() {
        let x = Tensor::f32(vec![2, 2, 1, 1], vec![1.0, 10.0, 3.0, 20.0]);
        let rm = Tensor::f32(vec![2], vec![1.0, 0.0]);
        let rv = Tensor::f32(vec![2], vec![4.0, 1.0]);
        let r = run_op(
            "aten._native_batch_norm_legit_no_training.default",
            &[
                ("input", x.clone()),
                ("running_mean", rm.clone()),
                ("running_var", rv.clone()),
            ],
            &[("momentum", Attr::Float(0.1)), ("eps", Attr::Float(0.0))],
            3,
        )
        .unwrap();
        assert_eq!(floats(&r[0]), vec![0.0, 10.0, 1.0, 20.0]);
        assert_eq!(r[1].shape, vec![0]);
        let r = run_op(
            "aten._native_batch_norm_legit.default",
            &[("input", x), ("running_mean", rm), ("running_var", rv)],
            &[
                ("training", Attr::Bool(true)),
                ("momentum", Attr::Float(0.1)),
                ("eps", Attr::Float(0.0)),
            ],
            3,
        )
        .unwrap();
        assert_eq!(floats(&r[0]), vec![-1.0, -1.0, 1.0, 1.0]);
        assert_eq!(floats(&r[1]), vec![2.0, 15.0]);
        assert_close(&floats(&r[2]), &[1.0, 0.2], 1e-7);
    }
}
