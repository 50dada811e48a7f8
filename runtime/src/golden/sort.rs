//! Sorting: `sort` (and `sort.stable`), `argsort` (and `argsort.stable`) and `topk`.
//!
//! Every sort is stable: equal values keep their original order, in descending sorts too (as
//! PyTorch's stable CPU sort does). NaN sorts as the largest value: last in ascending order,
//! first in descending order, and among the `k` largest of `topk`. `-0.0` and `0.0` are equal.
//! `topk` returns its `k` values in sorted order whatever `sorted` says (PyTorch leaves the order
//! of an unsorted `topk` unspecified, so the sorted order is one it may give). Indices are i64.

use std::cmp::Ordering;

use crate::tensor::{Data, Tensor};

use super::args::{Ctx, Fail, fail};
use super::layout::{numel, wrap_dim};

/// Runs the sorting op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Vec<Tensor>, Fail>> {
    let r = match name {
        "aten.sort.default" | "aten.sort.stable" => sort(ctx, false),
        "aten.argsort.default" | "aten.argsort.stable" => sort(ctx, true),
        "aten.topk.default" => topk(ctx),
        _ => return None,
    };
    Some(r)
}

/// NaN-aware total order of floats with NaN largest (and all NaNs equal).
fn float_order(a: &f32, b: &f32) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.partial_cmp(b).unwrap_or(Ordering::Equal),
    }
}

/// The first `k` entries of every sorted line along the middle dimension of `[outer, len,
/// inner]` data: values and original positions, as `[outer, k, inner]`.
fn sort_lines<T: Copy>(
    v: &[T],
    (outer, len, inner): (usize, usize, usize),
    k: usize,
    descending: bool,
    order: impl Fn(&T, &T) -> Ordering,
) -> (Vec<T>, Vec<i64>) {
    let n = outer * k * inner;
    let mut values = Vec::with_capacity(n);
    let mut indices = vec![0i64; n];
    let mut perm: Vec<usize> = Vec::with_capacity(len);
    let mut line: Vec<T> = Vec::with_capacity(len);
    for o in 0..outer {
        for i in 0..inner {
            line.clear();
            line.extend((0..len).map(|j| v[(o * len + j) * inner + i]));
            perm.clear();
            perm.extend(0..len);
            if descending {
                perm.sort_by(|&a, &b| order(&line[b], &line[a]));
            } else {
                perm.sort_by(|&a, &b| order(&line[a], &line[b]));
            }
            for (j, &p) in perm.iter().take(k).enumerate() {
                indices[(o * k + j) * inner + i] = p as i64;
            }
        }
    }
    // Values are gathered in output order from the indices.
    for o in 0..outer {
        for j in 0..k {
            for i in 0..inner {
                let p = indices[(o * k + j) * inner + i] as usize;
                values.push(v[(o * len + p) * inner + i]);
            }
        }
    }
    (values, indices)
}

/// Sorts `t` along `dim` and keeps the first `k` of every line.
fn sort_along(
    t: &Tensor,
    dim: i64,
    descending: bool,
    k: Option<usize>,
) -> Result<(Tensor, Tensor), Fail> {
    let rank = t.shape.len();
    let d = wrap_dim(dim, rank)?;
    let shape = if rank == 0 { vec![1] } else { t.shape.clone() };
    let len = shape[d];
    let k = k.unwrap_or(len);
    if rank == 0 && k != 1 {
        return fail(format!("k must be 1 for a 0-d tensor, found {k}"));
    }
    if k > len {
        return fail(format!(
            "k ({k}) is larger than dimension {d} of {t} (size {len})"
        ));
    }
    let dims = (
        shape[..d].iter().product(),
        len,
        shape[d + 1..].iter().product(),
    );
    let mut out_shape = t.shape.clone();
    if rank > 0 {
        out_shape[d] = k;
    }
    numel(&out_shape)?;
    let (data, idx) = match &t.data {
        Data::F32(v) => {
            let (a, b) = sort_lines(v, dims, k, descending, float_order);
            (Data::F32(a), b)
        }
        Data::I64(v) => {
            let (a, b) = sort_lines(v, dims, k, descending, i64::cmp);
            (Data::I64(a), b)
        }
        Data::Bool(v) => {
            let (a, b) = sort_lines(v, dims, k, descending, bool::cmp);
            (Data::Bool(a), b)
        }
    };
    Ok((
        Tensor {
            shape: out_shape.clone(),
            data,
        },
        Tensor::i64(out_shape, idx),
    ))
}

fn sort(ctx: &Ctx<'_>, indices_only: bool) -> Result<Vec<Tensor>, Fail> {
    let t = ctx.tensor("self")?;
    let (values, indices) = sort_along(
        t,
        ctx.int_or("dim", -1)?,
        ctx.bool_or("descending", false)?,
        None,
    )?;
    Ok(if indices_only {
        vec![indices]
    } else {
        vec![values, indices]
    })
}

fn topk(ctx: &Ctx<'_>) -> Result<Vec<Tensor>, Fail> {
    let t = ctx.tensor("self")?;
    let k = ctx.int("k")?;
    if k < 0 {
        return fail(format!("k must be non-negative, found {k}"));
    }
    let k = usize::try_from(k).map_err(|_| Fail::Invalid(format!("k {k} is too large")))?;
    let (values, indices) = sort_along(
        t,
        ctx.int_or("dim", -1)?,
        ctx.bool_or("largest", true)?,
        Some(k),
    )?;
    Ok(vec![values, indices])
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    #[test]
    fn sort_is_stable_with_nan_largest() {
        let x = Tensor::f32(vec![6], vec![2.0, f32::NAN, -1.0, 2.0, 0.0, -0.0]);
        let r = run_op("aten.sort.default", &[("self", x.clone())], &[], 2).unwrap();
        let v = floats(&r[0]);
        assert_eq!(&v[..5], &[-1.0, 0.0, -0.0, 2.0, 2.0]);
        assert!(v[5].is_nan());
        assert_eq!(r[1], Tensor::i64(vec![6], vec![2, 4, 5, 0, 3, 1]));
        // Descending: NaN first, ties keep their order.
        let r = run_op(
            "aten.sort.default",
            &[("self", x)],
            &[("dim", Attr::Int(0)), ("descending", Attr::Bool(true))],
            2,
        )
        .unwrap();
        assert!(floats(&r[0])[0].is_nan());
        assert_eq!(r[1], Tensor::i64(vec![6], vec![1, 0, 3, 4, 5, 2]));
    }

    #[test]
    fn sort_along_a_leading_dimension() {
        let x = Tensor::i64(vec![3, 2], vec![3, 0, 1, 0, 2, -5]);
        let r = run_op(
            "aten.sort.default",
            &[("self", x.clone())],
            &[("dim", Attr::Int(0))],
            2,
        )
        .unwrap();
        assert_eq!(r[0], Tensor::i64(vec![3, 2], vec![1, -5, 2, 0, 3, 0]));
        assert_eq!(r[1], Tensor::i64(vec![3, 2], vec![1, 2, 2, 0, 0, 1]));
        let r = run1(
            "aten.argsort.default",
            &[("self", x)],
            &[("dim", Attr::Int(-1)), ("descending", Attr::Bool(true))],
        );
        assert_eq!(r, Tensor::i64(vec![3, 2], vec![0, 1, 0, 1, 0, 1]));
        // A 0-d tensor sorts to itself with index 0.
        let r = run_op(
            "aten.sort.default",
            &[("self", Tensor::f32(vec![], vec![4.0]))],
            &[],
            2,
        )
        .unwrap();
        assert_eq!(r[0], Tensor::f32(vec![], vec![4.0]));
        assert_eq!(r[1], Tensor::i64(vec![], vec![0]));
    }

    #[test]
    fn topk_largest_and_smallest() {
        let x = Tensor::f32(
            vec![2, 4],
            vec![1.0, 3.0, 3.0, 2.0, f32::NAN, 0.0, 5.0, -1.0],
        );
        let r = run_op(
            "aten.topk.default",
            &[("self", x.clone())],
            &[("k", Attr::Int(2))],
            2,
        )
        .unwrap();
        let v = floats(&r[0]);
        assert_eq!(&v[..2], &[3.0, 3.0]);
        assert!(v[2].is_nan());
        assert_eq!(v[3], 5.0);
        assert_eq!(r[1], Tensor::i64(vec![2, 2], vec![1, 2, 0, 2]));
        let r = run_op(
            "aten.topk.default",
            &[("self", x.clone())],
            &[
                ("k", Attr::Int(3)),
                ("dim", Attr::Int(1)),
                ("largest", Attr::Bool(false)),
            ],
            2,
        )
        .unwrap();
        assert_eq!(
            r[0],
            Tensor::f32(vec![2, 3], vec![1.0, 2.0, 3.0, -1.0, 0.0, 5.0])
        );
        assert_eq!(r[1], Tensor::i64(vec![2, 3], vec![0, 3, 1, 3, 1, 2]));
        let err = run_op(
            "aten.topk.default",
            &[("self", x)],
            &[("k", Attr::Int(5))],
            2,
        )
        .unwrap_err();
        assert!(err.to_string().contains("k (5) is larger"), "{err}");
    }
}
