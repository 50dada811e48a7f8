//! Pairwise distances: `_cdist_forward` (between the rows of two batched sets) and
//! `_pdist_forward` (between the rows of one matrix, upper triangle in row-major order).
//!
//! The `p`-norm of each difference is computed directly in f64: `p = 0` counts the nonzero
//! differences, `p = inf` takes the largest magnitude (NaN propagates), other `p` give
//! `(Σ |d|^p)^(1/p)`. PyTorch's `cdist` may compute Euclidean distances of larger sets through
//! a matrix product instead (`compute_mode`), which rounds differently; the direct sum is the
//! more exact of the two, so `compute_mode` does not change the result here.

use crate::tensor::{Kind, Tensor};

use super::args::{Ctx, Fail, fail};
use super::layout::{self, broadcast_shapes, expand, numel};

/// Runs the distance op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Tensor, Fail>> {
    let r = match name {
        "aten._cdist_forward.default" => cdist(ctx),
        "aten._pdist_forward.default" => pdist(ctx),
        _ => return None,
    };
    Some(r)
}

fn norm_p(ctx: &Ctx<'_>) -> Result<f64, Fail> {
    let p = ctx.float_or("p", 2.0)?;
    if p.is_nan() || p < 0.0 {
        return fail(format!("p must be a non-negative number, found {p}"));
    }
    Ok(p)
}

/// The `p`-norm of `a - b`.
fn distance(a: &[f32], b: &[f32], p: f64) -> f64 {
    let diffs = a.iter().zip(b).map(|(&x, &y)| (x as f64 - y as f64).abs());
    if p == 0.0 {
        diffs.map(|d| if d == 0.0 { 0.0 } else { 1.0 }).sum()
    } else if p == f64::INFINITY {
        diffs.fold(0.0, |m, d| {
            if d.is_nan() || m.is_nan() {
                f64::NAN
            } else {
                m.max(d)
            }
        })
    } else if p == 1.0 {
        diffs.sum()
    } else if p == 2.0 {
        diffs.map(|d| d * d).sum::<f64>().sqrt()
    } else {
        diffs.map(|d| d.powf(p)).sum::<f64>().powf(1.0 / p)
    }
}

fn float<'a>(ctx: &Ctx<'a>, name: &str) -> Result<&'a Tensor, Fail> {
    let t = ctx.tensor(name)?;
    if t.kind() != Kind::Float || t.shape.len() < 2 {
        return fail(format!(
            "{name} must be a float tensor of at least 2 dimensions, found {t}"
        ));
    }
    Ok(t)
}

fn cdist(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let x1 = float(ctx, "x1")?;
    let x2 = float(ctx, "x2")?;
    let p = norm_p(ctx)?;
    let (r1, r2) = (x1.shape.len(), x2.shape.len());
    let (rows1, m) = (x1.shape[r1 - 2], x1.shape[r1 - 1]);
    let rows2 = x2.shape[r2 - 2];
    if x2.shape[r2 - 1] != m {
        return fail(format!(
            "x1 {x1} and x2 {x2} must have the same number of columns"
        ));
    }
    let batch = broadcast_shapes(&x1.shape[..r1 - 2], &x2.shape[..r2 - 2])?;
    let with = |rows: usize| {
        let mut s = batch.clone();
        s.extend([rows, m]);
        s
    };
    let mut out_shape = batch.clone();
    out_shape.extend([rows1, rows2]);
    numel(&out_shape)?;
    numel(&with(rows1))?;
    numel(&with(rows2))?;
    let a = expand(x1, &with(rows1));
    let b = expand(x2, &with(rows2));
    let (av, bv) = (layout::floats(&a), layout::floats(&b));
    let nb: usize = batch.iter().product();
    let mut out = Vec::with_capacity(nb * rows1 * rows2);
    for k in 0..nb {
        for i in 0..rows1 {
            let ra = &av[(k * rows1 + i) * m..][..m];
            for j in 0..rows2 {
                let rb = &bv[(k * rows2 + j) * m..][..m];
                out.push(distance(ra, rb, p) as f32);
            }
        }
    }
    Ok(Tensor::f32(out_shape, out))
}

fn pdist(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let x = float(ctx, "self")?;
    if x.shape.len() != 2 {
        return fail(format!("pdist needs a 2-d input, found {x}"));
    }
    let p = norm_p(ctx)?;
    let (n, m) = (x.shape[0], x.shape[1]);
    let v = layout::floats(x);
    let mut out = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    for i in 0..n {
        for j in i + 1..n {
            out.push(distance(&v[i * m..(i + 1) * m], &v[j * m..(j + 1) * m], p) as f32);
        }
    }
    Ok(Tensor::f32(vec![out.len()], out))
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    #[test]
    fn cdist_norms_and_batches() {
        let x1 = Tensor::f32(vec![2, 2], vec![0.0, 0.0, 1.0, 1.0]);
        let x2 = Tensor::f32(vec![1, 1, 2], vec![3.0, 4.0]);
        let d = |p: f64| {
            run1(
                "aten._cdist_forward.default",
                &[("x1", x1.clone()), ("x2", x2.clone())],
                &[("p", Attr::Float(p)), ("compute_mode", Attr::None)],
            )
        };
        // Differences (3, 4) and (2, 3); x2's batch of 1 broadcasts.
        assert_close(&floats(&d(2.0)), &[5.0, 13f32.sqrt()], 1e-6);
        assert_eq!(d(1.0), Tensor::f32(vec![1, 2, 1], vec![7.0, 5.0]));
        assert_eq!(floats(&d(0.0)), vec![2.0, 2.0]);
        assert_eq!(floats(&d(f64::INFINITY)), vec![4.0, 3.0]);
        assert_close(&floats(&d(3.0)), &[91f32.cbrt(), 35f32.cbrt()], 1e-5);
        let err = run_op(
            "aten._cdist_forward.default",
            &[("x1", x1), ("x2", Tensor::f32(vec![1, 3], vec![0.0; 3]))],
            &[("p", Attr::Float(2.0))],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("same number of columns"), "{err}");
    }

    #[test]
    fn pdist_upper_triangle() {
        let x = Tensor::f32(vec![3, 2], vec![0.0, 0.0, 3.0, 4.0, 6.0, 8.0]);
        let r = run1("aten._pdist_forward.default", &[("self", x)], &[]);
        assert_close(&floats(&r), &[5.0, 10.0, 5.0], 1e-6);
        assert_eq!(r.shape, vec![3]);
    }
}
