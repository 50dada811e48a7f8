//! Reductions and scans: `sum`, `mean`, `prod`, `amax`/`amin`, `max`/`min` (with indices),
//! `argmax`/`argmin`, `var`/`std`, `any`/`all`, `logsumexp`, `cumsum`, `cumprod`, `diff`, and the
//! softmax family (`_softmax`, `softmax.int`, `_log_softmax`, `log_softmax.int`).
//!
//! Float reductions accumulate in f64 and round once (PyTorch accumulates in f32 with pairwise
//! or vectorised sums; the f64 result is at least as close to the exact value). Integer and
//! boolean sums give i64, as in PyTorch; `mean` and the softmaxes need floats. An empty `dim`
//! list reduces over every dimension. `max`/`min`/`argmax` pick the first of equal values and
//! propagate NaN.

use crate::tensor::{Data, Kind, Tensor};

use super::args::{Ctx, Fail, fail};
use super::indexing;
use super::layout::{self, permute, wrap_dim, wrap_dims};

/// Runs the reduction `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Vec<Tensor>, Fail>> {
    let one = |r: Result<Tensor, Fail>| Some(r.map(|t| vec![t]));
    match name {
        "aten.sum.dim_IntList" | "aten.sum.default" => one(sum_mean(ctx, false)),
        "aten.mean.dim" | "aten.mean.default" => one(sum_mean(ctx, true)),
        "aten.prod.default" | "aten.prod.dim_int" => one(prod(ctx)),
        "aten.amax.default" => one(extreme(ctx, true).map(|(v, _)| v)),
        "aten.amin.default" => one(extreme(ctx, false).map(|(v, _)| v)),
        "aten.max.default" => one(extreme(ctx, true).map(|(v, _)| v)),
        "aten.min.default" => one(extreme(ctx, false).map(|(v, _)| v)),
        "aten.max.dim" => Some(extreme(ctx, true).map(|(v, i)| vec![v, i])),
        "aten.min.dim" => Some(extreme(ctx, false).map(|(v, i)| vec![v, i])),
        "aten.argmax.default" => one(extreme(ctx, true).map(|(_, i)| i)),
        "aten.argmin.default" => one(extreme(ctx, false).map(|(_, i)| i)),
        "aten.var.correction" | "aten.var.dim" => one(var_std(ctx, false)),
        "aten.std.correction" | "aten.std.dim" => one(var_std(ctx, true)),
        "aten.any.default" | "aten.any.dim" | "aten.any.dims" => one(any_all(ctx, true)),
        "aten.all.default" | "aten.all.dim" | "aten.all.dims" => one(any_all(ctx, false)),
        "aten.logsumexp.default" => one(logsumexp(ctx)),
        "aten.cumsum.default" => one(scan(ctx, false)),
        "aten.cumprod.default" => one(scan(ctx, true)),
        "aten.diff.default" => one(diff(ctx)),
        "aten._softmax.default" | "aten.softmax.int" => one(softmax(ctx, false)),
        "aten._log_softmax.default" | "aten.log_softmax.int" => one(softmax(ctx, true)),
        _ => None,
    }
}

/// A tensor arranged for reduction: `rows` rows of `len` contiguous values.
struct Rows {
    data: Tensor,
    len: usize,
    out_shape: Vec<usize>,
}

/// Moves the reduced `dims` (all when `None` or empty) last and flattens them.
fn rows(t: &Tensor, dims: Option<&[i64]>, keepdim: bool) -> Result<Rows, Fail> {
    let rank = t.shape.len();
    let reduced: Vec<usize> = match dims {
        Some(d) if !d.is_empty() => {
            let w = wrap_dims(d, rank)?;
            // A 0-d tensor accepts dimension 0 (or -1) and has nothing to move.
            if rank == 0 { vec![] } else { w }
        }
        _ => (0..rank).collect(),
    };
    let kept: Vec<usize> = (0..rank).filter(|d| !reduced.contains(d)).collect();
    let len = reduced.iter().map(|&d| t.shape[d]).product();
    let perm: Vec<usize> = kept.iter().chain(&reduced).copied().collect();
    let data = if perm.iter().enumerate().all(|(i, &p)| i == p) {
        t.clone()
    } else {
        permute(t, &perm)
    };
    let out_shape = if keepdim {
        (0..rank)
            .map(|d| if reduced.contains(&d) { 1 } else { t.shape[d] })
            .collect()
    } else {
        kept.iter().map(|&d| t.shape[d]).collect()
    };
    Ok(Rows {
        data,
        len,
        out_shape,
    })
}

fn dims_attr(ctx: &Ctx<'_>) -> Result<Option<Vec<i64>>, Fail> {
    ctx.opt_ints("dim")
}

/// Applies `f` to each row of floats.
fn float_rows(r: &Rows, f: impl Fn(&[f32]) -> f64) -> Vec<f32> {
    let v = layout::floats(&r.data);
    if r.len == 0 {
        let n = r.out_shape.iter().product();
        return (0..n).map(|_| f(&[]) as f32).collect();
    }
    v.chunks(r.len).map(|row| f(row) as f32).collect()
}

fn sum_mean(ctx: &Ctx<'_>, mean: bool) -> Result<Tensor, Fail> {
    let mut t = ctx.tensor("self")?.clone();
    if let Some(kind) = ctx.dtype("dtype")? {
        t = t.convert(kind);
    }
    if mean && t.kind() != Kind::Float {
        return fail(format!(
            "mean needs a float tensor (or a float dtype), found {t}"
        ));
    }
    let r = rows(
        &t,
        dims_attr(ctx)?.as_deref(),
        ctx.bool_or("keepdim", false)?,
    )?;
    Ok(match t.kind() {
        Kind::Float => {
            let len = r.len as f64;
            let v = float_rows(&r, |row| {
                let s: f64 = row.iter().map(|&x| x as f64).sum();
                if mean { s / len } else { s }
            });
            Tensor::f32(r.out_shape, v)
        }
        _ => {
            let v = layout::ints(&r.data);
            let sums = if r.len == 0 {
                vec![0; r.out_shape.iter().product()]
            } else {
                v.chunks(r.len)
                    .map(|row| row.iter().fold(0i64, |a, &x| a.wrapping_add(x)))
                    .collect()
            };
            Tensor::i64(r.out_shape, sums)
        }
    })
}

fn prod(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let mut t = ctx.tensor("self")?.clone();
    if let Some(kind) = ctx.dtype("dtype")? {
        t = t.convert(kind);
    }
    let dims = ctx.opt_int("dim")?.map(|d| vec![d]);
    let r = rows(&t, dims.as_deref(), ctx.bool_or("keepdim", false)?)?;
    Ok(match t.kind() {
        Kind::Float => {
            let v = float_rows(&r, |row| row.iter().map(|&x| x as f64).product());
            Tensor::f32(r.out_shape, v)
        }
        _ => {
            let v = layout::ints(&r.data);
            let n: usize = r.out_shape.iter().product();
            let p = if r.len == 0 {
                vec![1; n]
            } else {
                v.chunks(r.len)
                    .map(|row| row.iter().fold(1i64, |a, &x| a.wrapping_mul(x)))
                    .collect()
            };
            Tensor::i64(r.out_shape, p)
        }
    })
}

/// The index of the largest (`max`) or smallest value of a row, the first on ties; NaN wins.
fn pick_index<T: PartialOrd + Copy>(row: &[T], max: bool, is_nan: impl Fn(T) -> bool) -> usize {
    let mut best = 0;
    for (i, &x) in row.iter().enumerate() {
        let b = row[best];
        if is_nan(b) {
            break;
        }
        if is_nan(x) || (max && x > b) || (!max && x < b) {
            best = i;
        }
    }
    best
}

/// Values and indices of row maxima/minima (`amax`, `max.dim`, `argmax`, ...).
fn extreme(ctx: &Ctx<'_>, max: bool) -> Result<(Tensor, Tensor), Fail> {
    let t = ctx.tensor("self")?;
    let keepdim = ctx.bool_or("keepdim", false)?;
    let dims = match ctx.attr("dim") {
        None => None,
        Some(_) => Some(ctx.ints("dim")?),
    };
    let r = rows(t, dims.as_deref(), keepdim)?;
    if r.len == 0 {
        return fail(format!(
            "cannot take the {} of an empty selection of {t}",
            if max { "maximum" } else { "minimum" }
        ));
    }
    let (values, idx) = match &r.data.data {
        Data::F32(v) => {
            let idx: Vec<usize> = v
                .chunks(r.len)
                .map(|row| pick_index(row, max, f32::is_nan))
                .collect();
            let vals = v.chunks(r.len).zip(&idx).map(|(row, &i)| row[i]).collect();
            (Data::F32(vals), idx)
        }
        Data::I64(v) => {
            let idx: Vec<usize> = v
                .chunks(r.len)
                .map(|row| pick_index(row, max, |_| false))
                .collect();
            let vals = v.chunks(r.len).zip(&idx).map(|(row, &i)| row[i]).collect();
            (Data::I64(vals), idx)
        }
        Data::Bool(v) => {
            let idx: Vec<usize> = v
                .chunks(r.len)
                .map(|row| pick_index(row, max, |_| false))
                .collect();
            let vals = v.chunks(r.len).zip(&idx).map(|(row, &i)| row[i]).collect();
            (Data::Bool(vals), idx)
        }
    };
    let shape = r.out_shape.clone();
    Ok((
        Tensor {
            shape: shape.clone(),
            data: values,
        },
        Tensor::i64(shape, idx.into_iter().map(|i| i as i64).collect()),
    ))
}

fn var_std(ctx: &Ctx<'_>, sqrt: bool) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    if t.kind() != Kind::Float {
        return fail(format!("var/std need a float tensor, found {t}"));
    }
    let correction = match ctx.opt_float("correction")? {
        Some(c) => c,
        None => {
            if ctx.bool_or("unbiased", true)? {
                1.0
            } else {
                0.0
            }
        }
    };
    let r = rows(
        t,
        dims_attr(ctx)?.as_deref(),
        ctx.bool_or("keepdim", false)?,
    )?;
    let v = float_rows(&r, |row| {
        let n = row.len() as f64;
        let mean = row.iter().map(|&x| x as f64).sum::<f64>() / n;
        let ss: f64 = row.iter().map(|&x| (x as f64 - mean).powi(2)).sum();
        let var = ss / (n - correction).max(0.0);
        if sqrt { var.sqrt() } else { var }
    });
    Ok(Tensor::f32(r.out_shape, v))
}

fn any_all(ctx: &Ctx<'_>, any: bool) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let dims = ctx.opt_ints("dim")?;
    let r = rows(t, dims.as_deref(), ctx.bool_or("keepdim", false)?)?;
    let v = layout::bools(&r.data);
    let n: usize = r.out_shape.iter().product();
    let out = if r.len == 0 {
        vec![!any; n]
    } else if any {
        v.chunks(r.len).map(|row| row.iter().any(|&b| b)).collect()
    } else {
        v.chunks(r.len).map(|row| row.iter().all(|&b| b)).collect()
    };
    Ok(Tensor::bool(r.out_shape, out))
}

fn logsumexp(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?.convert(Kind::Float);
    let r = rows(
        &t,
        dims_attr(ctx)?.as_deref(),
        ctx.bool_or("keepdim", false)?,
    )?;
    let v = float_rows(&r, |row| {
        let m = row.iter().fold(f64::NEG_INFINITY, |m, &x| m.max(x as f64));
        if m.is_infinite() {
            return m;
        }
        m + row.iter().map(|&x| (x as f64 - m).exp()).sum::<f64>().ln()
    });
    Ok(Tensor::f32(r.out_shape, v))
}

/// `(outer, len, inner)` of dimension `dim` of `shape`.
fn split_at(shape: &[usize], dim: usize) -> (usize, usize, usize) {
    if shape.is_empty() {
        return (1, 1, 1);
    }
    (
        shape[..dim].iter().product(),
        shape[dim],
        shape[dim + 1..].iter().product(),
    )
}

/// `cumsum` or (`product`) `cumprod` along `dim`.
fn scan(ctx: &Ctx<'_>, product: bool) -> Result<Tensor, Fail> {
    let mut t = ctx.tensor("self")?.clone();
    match ctx.dtype("dtype")? {
        Some(kind) => t = t.convert(kind),
        None if t.kind() == Kind::Bool => t = t.convert(Kind::Int),
        None => {}
    }
    let dim = wrap_dim(ctx.int("dim")?, t.shape.len())?;
    let (outer, len, inner) = split_at(&t.shape, dim);
    let mut out = t.clone();
    match &mut out.data {
        Data::F32(v) => {
            for o in 0..outer {
                for i in 0..inner {
                    let mut acc = if product { 1.0f64 } else { 0.0 };
                    for k in 0..len {
                        let e = &mut v[(o * len + k) * inner + i];
                        if product {
                            acc *= *e as f64;
                        } else {
                            acc += *e as f64;
                        }
                        *e = acc as f32;
                    }
                }
            }
        }
        Data::I64(v) => {
            for o in 0..outer {
                for i in 0..inner {
                    let mut acc = i64::from(product);
                    for k in 0..len {
                        let e = &mut v[(o * len + k) * inner + i];
                        acc = if product {
                            acc.wrapping_mul(*e)
                        } else {
                            acc.wrapping_add(*e)
                        };
                        *e = acc;
                    }
                }
            }
        }
        Data::Bool(_) => {
            return fail(format!(
                "{} cannot produce booleans",
                if product { "cumprod" } else { "cumsum" }
            ));
        }
    }
    Ok(out)
}

/// `n`-th forward differences along `dim`, after joining `prepend` and `append`.
fn diff(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let n = ctx.int_or("n", 1)?;
    if n < 0 {
        return fail(format!("diff order must be non-negative, found {n}"));
    }
    if t.shape.is_empty() {
        return fail("diff needs a tensor of at least one dimension");
    }
    let dim_attr = ctx.int_or("dim", -1)?;
    let dim = wrap_dim(dim_attr, t.shape.len())?;
    let mut parts = Vec::new();
    if let Some(p) = ctx.opt_tensor("prepend")? {
        parts.push(p);
    }
    parts.push(t);
    if let Some(a) = ctx.opt_tensor("append")? {
        parts.push(a);
    }
    let mut x = if parts.len() == 1 {
        t.clone()
    } else {
        indexing::cat(&parts, dim_attr)?
    };
    for _ in 0..n {
        let (outer, len, inner) = split_at(&x.shape, dim);
        if len == 0 {
            break;
        }
        let m = len - 1;
        let idx = |o: usize, k: usize, i: usize| (o * len + k) * inner + i;
        let cells = || {
            (0..outer)
                .flat_map(move |o| (0..m).flat_map(move |k| (0..inner).map(move |i| (o, k, i))))
        };
        let data = match &x.data {
            Data::F32(v) => Data::F32(
                cells()
                    .map(|(o, k, i)| v[idx(o, k + 1, i)] - v[idx(o, k, i)])
                    .collect(),
            ),
            Data::I64(v) => Data::I64(
                cells()
                    .map(|(o, k, i)| v[idx(o, k + 1, i)].wrapping_sub(v[idx(o, k, i)]))
                    .collect(),
            ),
            Data::Bool(v) => Data::Bool(
                cells()
                    .map(|(o, k, i)| v[idx(o, k + 1, i)] != v[idx(o, k, i)])
                    .collect(),
            ),
        };
        let mut shape = x.shape.clone();
        shape[dim] = m;
        x = Tensor { shape, data };
    }
    Ok(x)
}

/// Softmax (or log-softmax) along `dim`, computed per row in f64.
fn softmax(ctx: &Ctx<'_>, log: bool) -> Result<Tensor, Fail> {
    let mut t = ctx.tensor("self")?.clone();
    if let Some(kind) = ctx.dtype("dtype")? {
        t = t.convert(kind);
    }
    if t.kind() != Kind::Float {
        return fail(format!("softmax needs a float tensor, found {t}"));
    }
    let dim = wrap_dim(ctx.int("dim")?, t.shape.len())?;
    let (outer, len, inner) = split_at(&t.shape, dim);
    let Data::F32(v) = &mut t.data else {
        unreachable!("checked to be float")
    };
    let mut row = vec![0f64; len];
    for o in 0..outer {
        for i in 0..inner {
            let at = |k: usize| (o * len + k) * inner + i;
            for (k, r) in row.iter_mut().enumerate() {
                *r = v[at(k)] as f64;
            }
            softmax_row(&mut row, log);
            for (k, r) in row.iter().enumerate() {
                v[at(k)] = *r as f32;
            }
        }
    }
    Ok(t)
}

/// Softmax (or log-softmax) of one row in place; returns its log-sum-exp.
pub fn softmax_row(row: &mut [f64], log: bool) -> f64 {
    let m = row.iter().fold(f64::NEG_INFINITY, |m, &x| m.max(x));
    if m == f64::NEG_INFINITY || m.is_nan() {
        // Every entry is -inf (or a NaN is present): PyTorch gives NaN.
        row.iter_mut().for_each(|x| *x = f64::NAN);
        return m;
    }
    let sum: f64 = row.iter().map(|&x| (x - m).exp()).sum();
    let lse = m + sum.ln();
    for x in row.iter_mut() {
        *x = if log { *x - lse } else { (*x - m).exp() / sum };
    }
    lse
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    #[test]
    fn sum_and_mean_over_dims() {
        let x = iota(&[2, 3, 2]);
        let r = run1(
            "aten.sum.dim_IntList",
            &[("self", x.clone())],
            &[("dim", ints(&[0, 2])), ("keepdim", Attr::Bool(true))],
        );
        assert_eq!(r, Tensor::f32(vec![1, 3, 1], vec![14.0, 22.0, 30.0]));
        let r = run1(
            "aten.mean.dim",
            &[("self", x.clone())],
            &[("dim", ints(&[-1])), ("keepdim", Attr::Bool(false))],
        );
        assert_eq!(
            r,
            Tensor::f32(vec![2, 3], vec![0.5, 2.5, 4.5, 6.5, 8.5, 10.5])
        );
        let r = run1(
            "aten.sum.default",
            &[("self", Tensor::bool(vec![3], vec![true, false, true]))],
            &[],
        );
        assert_eq!(r, Tensor::i64(vec![], vec![2]));
        let err = run_op(
            "aten.mean.dim",
            &[("self", Tensor::i64(vec![2], vec![1, 2]))],
            &[("dim", ints(&[0]))],
            1,
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("mean needs a float tensor"),
            "{err}"
        );
    }

    #[test]
    fn max_argmax_and_scans() {
        let x = Tensor::f32(vec![2, 3], vec![1.0, 5.0, 5.0, -1.0, -3.0, -2.0]);
        let r = run_op(
            "aten.max.dim",
            &[("self", x.clone())],
            &[("dim", Attr::Int(1)), ("keepdim", Attr::Bool(false))],
            2,
        )
        .unwrap();
        assert_eq!(r[0], Tensor::f32(vec![2], vec![5.0, -1.0]));
        assert_eq!(r[1], Tensor::i64(vec![2], vec![1, 0]));
        let r = run1("aten.argmax.default", &[("self", x.clone())], &[]);
        assert_eq!(r, Tensor::i64(vec![], vec![1]));
        let r = run1(
            "aten.cumsum.default",
            &[(
                "self",
                Tensor::bool(vec![1, 4], vec![true, false, true, true]),
            )],
            &[("dim", Attr::Int(-1))],
        );
        assert_eq!(r, Tensor::i64(vec![1, 4], vec![1, 1, 2, 3]));
        let r = run1(
            "aten.cumprod.default",
            &[(
                "self",
                Tensor::f32(vec![2, 3], vec![1.0, 2.0, -3.0, 0.5, 0.0, 4.0]),
            )],
            &[("dim", Attr::Int(1))],
        );
        assert_eq!(
            r,
            Tensor::f32(vec![2, 3], vec![1.0, 2.0, -6.0, 0.5, 0.0, 0.0])
        );
        let r = run1(
            "aten.cumprod.default",
            &[("self", Tensor::bool(vec![3], vec![true, true, false]))],
            &[("dim", Attr::Int(0))],
        );
        assert_eq!(r, Tensor::i64(vec![3], vec![1, 1, 0]));
        let r = run1(
            "aten.cumprod.default",
            &[("self", Tensor::i64(vec![2, 2], vec![2, 3, -1, 5]))],
            &[("dim", Attr::Int(0)), ("dtype", Attr::DType("f32".into()))],
        );
        assert_eq!(r, Tensor::f32(vec![2, 2], vec![2.0, 3.0, -2.0, 15.0]));
        let r = run1(
            "aten.diff.default",
            &[
                ("self", Tensor::i64(vec![1, 3], vec![4, 6, 9])),
                ("prepend", Tensor::i64(vec![1, 1], vec![1])),
            ],
            &[("n", Attr::Int(1)), ("dim", Attr::Int(-1))],
        );
        assert_eq!(r, Tensor::i64(vec![1, 3], vec![3, 2, 3]));
    }

    #[test]
    fn softmax_and_log_softmax() {
        let x = Tensor::f32(vec![2, 2], vec![0.0, (3.0f32).ln(), 1.0, 1.0]);
        let r = run1(
            "aten._softmax.default",
            &[("self", x.clone())],
            &[("dim", Attr::Int(1)), ("half_to_float", Attr::Bool(false))],
        );
        assert_close(&floats(&r), &[0.25, 0.75, 0.5, 0.5], 1e-7);
        let r = run1(
            "aten._log_softmax.default",
            &[("self", x.clone())],
            &[("dim", Attr::Int(0)), ("half_to_float", Attr::Bool(false))],
        );
        let e = |a: f64, b: f64| (a - (a.exp() + b.exp()).ln()) as f32;
        let l3 = 3f64.ln();
        assert_close(
            &floats(&r),
            &[e(0.0, 1.0), e(l3, 1.0), e(1.0, 0.0), e(1.0, l3)],
            1e-6,
        );
    }
}
