//! Scatter writes: `scatter` (`src`, `value`, and the `reduce`/`value_reduce` forms with `add`
//! and `multiply`), `scatter_add`, `scatter_reduce.two` (`sum`, `prod`, `mean`, `amax`, `amin`,
//! with or without `include_self`), `index_put` (with `accumulate`), `masked_scatter`, and
//! `nonzero`.
//!
//! Writes happen in the index tensor's row-major order, so of several plain writes to one
//! element the last wins (PyTorch leaves that case unspecified). Scatter indices must lie in
//! `[0, size)` along `dim`, as PyTorch's CPU kernels require; `index_put` indices may be
//! negative (counted from the end), and its boolean masks select the positions of their true
//! elements. Float reductions accumulate in f64 and round once; an integer `mean` rounds toward
//! negative infinity, as PyTorch's floor division does; `amax`/`amin` propagate NaN. The
//! result has `self`'s element kind: the values written are converted to it.

use crate::tensor::{Data, Kind, Tensor};

use super::args::{Ctx, Fail, fail};
use super::indexing::{index_offsets, pick, resolve_indices};
use super::layout::{self, broadcast_shapes, expand, numel, strides, wrap_dim};

/// Runs the scatter op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Vec<Tensor>, Fail>> {
    let r = match name {
        "aten.scatter.src" | "aten.scatter.value" => scatter(ctx, Some(Reduce::Assign), true),
        "aten.scatter.reduce" | "aten.scatter.value_reduce" => scatter(ctx, None, true),
        "aten.scatter_add.default" => scatter(ctx, Some(Reduce::Sum), true),
        "aten.scatter_reduce.two" => match ctx.bool_or("include_self", true) {
            Ok(include_self) => scatter(ctx, None, include_self),
            Err(e) => Err(e),
        },
        "aten.index_put.default" => index_put(ctx),
        "aten.masked_scatter.default" => masked_scatter(ctx),
        "aten.nonzero.default" => nonzero(ctx),
        _ => return None,
    };
    Some(r.map(|t| vec![t]))
}

/// How a written value combines with the element it lands on.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Reduce {
    Assign,
    Sum,
    Prod,
    Mean,
    Max,
    Min,
}

impl Reduce {
    fn parse(s: &str) -> Result<Reduce, Fail> {
        Ok(match s {
            "sum" | "add" => Reduce::Sum,
            "prod" | "multiply" => Reduce::Prod,
            "mean" => Reduce::Mean,
            "amax" => Reduce::Max,
            "amin" => Reduce::Min,
            other => {
                return fail(format!(
                    "reduce '{other}' is not one of sum, prod, mean, amax, amin (or add, multiply)"
                ));
            }
        })
    }
}

/// The arithmetic a reduction needs, on the f64 and i64 working forms.
trait Acc: Copy + PartialOrd {
    const ZERO: Self;
    const ONE: Self;
    const LOWEST: Self;
    const HIGHEST: Self;
    fn add(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    fn is_nan(self) -> bool;
    fn div_count(self, n: i64) -> Self;
}

impl Acc for f64 {
    const ZERO: f64 = 0.0;
    const ONE: f64 = 1.0;
    const LOWEST: f64 = f64::NEG_INFINITY;
    const HIGHEST: f64 = f64::INFINITY;
    fn add(self, o: f64) -> f64 {
        self + o
    }
    fn mul(self, o: f64) -> f64 {
        self * o
    }
    fn is_nan(self) -> bool {
        f64::is_nan(self)
    }
    fn div_count(self, n: i64) -> f64 {
        self / n as f64
    }
}

impl Acc for i64 {
    const ZERO: i64 = 0;
    const ONE: i64 = 1;
    const LOWEST: i64 = i64::MIN;
    const HIGHEST: i64 = i64::MAX;
    fn add(self, o: i64) -> i64 {
        self.wrapping_add(o)
    }
    fn mul(self, o: i64) -> i64 {
        self.wrapping_mul(o)
    }
    fn is_nan(self) -> bool {
        false
    }
    fn div_count(self, n: i64) -> i64 {
        self.div_euclid(n)
    }
}

/// Writes `values[i]` into `out[targets[i]]` with `reduce`; `include_self` keeps the element's
/// own value in the reduction (otherwise the first write replaces it).
fn apply<T: Acc>(
    out: &mut [T],
    targets: &[usize],
    values: &[T],
    reduce: Reduce,
    include_self: bool,
) {
    if reduce == Reduce::Assign {
        for (&t, &v) in targets.iter().zip(values) {
            out[t] = v;
        }
        return;
    }
    let mut count = vec![0i64; out.len()];
    if !include_self {
        for &t in targets {
            out[t] = match reduce {
                Reduce::Prod => T::ONE,
                Reduce::Max => T::LOWEST,
                Reduce::Min => T::HIGHEST,
                _ => T::ZERO,
            };
        }
    }
    for (&t, &v) in targets.iter().zip(values) {
        let cur = out[t];
        out[t] = match reduce {
            Reduce::Sum | Reduce::Mean => cur.add(v),
            Reduce::Prod => cur.mul(v),
            Reduce::Max if cur.is_nan() || v.is_nan() => {
                if cur.is_nan() {
                    cur
                } else {
                    v
                }
            }
            Reduce::Min if cur.is_nan() || v.is_nan() => {
                if cur.is_nan() {
                    cur
                } else {
                    v
                }
            }
            Reduce::Max => {
                if v > cur {
                    v
                } else {
                    cur
                }
            }
            Reduce::Min => {
                if v < cur {
                    v
                } else {
                    cur
                }
            }
            Reduce::Assign => v,
        };
        count[t] += 1;
    }
    if reduce == Reduce::Mean {
        for (o, &c) in out.iter_mut().zip(&count) {
            let c = c + i64::from(include_self);
            if c > 0 {
                *o = o.div_count(c);
            }
        }
    }
}

/// `t` with `values` written at `targets` (flat offsets), in `t`'s kind.
fn write(
    t: &Tensor,
    targets: &[usize],
    values: &Tensor,
    reduce: Reduce,
    include_self: bool,
) -> Tensor {
    let values = values.convert(match t.kind() {
        Kind::Float => Kind::Float,
        _ => Kind::Int,
    });
    let data = match (&t.data, &values.data) {
        (Data::F32(v), Data::F32(w)) => {
            let mut out: Vec<f64> = v.iter().map(|&x| x as f64).collect();
            let w: Vec<f64> = w.iter().map(|&x| x as f64).collect();
            apply(&mut out, targets, &w, reduce, include_self);
            Data::F32(out.into_iter().map(|x| x as f32).collect())
        }
        (_, Data::I64(w)) => {
            let mut out = layout::ints(t).into_owned();
            apply(&mut out, targets, w, reduce, include_self);
            match t.kind() {
                Kind::Bool => Data::Bool(out.into_iter().map(|x| x != 0).collect()),
                _ => Data::I64(out),
            }
        }
        _ => unreachable!("values converted to self's working kind"),
    };
    Tensor {
        shape: t.shape.clone(),
        data,
    }
}

/// `scatter`, `scatter_add` and `scatter_reduce`: `reduce` is `None` when the `reduce`
/// attribute names it.
fn scatter(ctx: &Ctx<'_>, reduce: Option<Reduce>, include_self: bool) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let index = ctx.tensor("index")?;
    let reduce = match reduce {
        Some(r) => r,
        None => match ctx.opt_str("reduce")? {
            Some(s) => Reduce::parse(s)?,
            None => return fail("attribute 'reduce' is missing"),
        },
    };
    let src = ctx.opt_tensor("src")?;
    let value = match src {
        Some(_) => None,
        None => match ctx.opt_scalar("value")? {
            Some(v) => Some(v),
            None => return fail("scatter needs a 'src' tensor or a 'value'"),
        },
    };
    if index.kind() != Kind::Int {
        return fail(format!("scatter's index must be integers, found {index}"));
    }
    let rank = t.shape.len().max(1);
    let dim = wrap_dim(ctx.int("dim")?, t.shape.len())?;
    let as_rank = |s: &[usize]| if s.is_empty() { vec![1] } else { s.to_vec() };
    let (ts, is) = (as_rank(&t.shape), as_rank(&index.shape));
    if index.numel() == 0 {
        return Ok(t.clone());
    }
    if is.len() != rank {
        return fail(format!(
            "index {index} and self {t} differ in their number of dimensions"
        ));
    }
    // A number written as `value` stands for a tensor of the index's shape.
    let ss = src.map_or_else(|| is.clone(), |s| as_rank(&s.shape));
    if ss.len() != rank {
        return fail(format!(
            "src and self {t} differ in their number of dimensions ({:?} vs {:?})",
            ss, t.shape
        ));
    }
    for d in 0..rank {
        if is[d] > ss[d] || (d != dim && is[d] > ts[d]) {
            return fail(format!(
                "index {index} is larger than src {ss:?} or self {t} in dimension {d}"
            ));
        }
    }
    let idx = layout::ints(index);
    let (tst, ist, sst) = (strides(&ts), strides(&is), strides(&ss));
    let size = ts[dim] as i64;
    let n = index.numel();
    let mut targets = Vec::with_capacity(n);
    let mut sources = Vec::with_capacity(n);
    for (i, &k) in idx.iter().enumerate() {
        if k < 0 || k >= size {
            return fail(format!(
                "index {k} is out of bounds for dimension {dim} with size {size}"
            ));
        }
        let (mut to, mut from) = (0, 0);
        for d in 0..rank {
            let c = (i / ist[d]) % is[d];
            to += if d == dim { k as usize } else { c } * tst[d];
            from += c * sst[d];
        }
        targets.push(to);
        sources.push(from);
    }
    let values = match (src, value) {
        (Some(s), _) => pick(s, &sources, vec![n]),
        (None, Some(v)) => expand(&v.tensor_of(t.kind()), &[n]),
        (None, None) => unreachable!("checked above"),
    };
    Ok(write(t, &targets, &values, reduce, include_self))
}

fn index_put(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let given = ctx.opt_tensors("indices")?;
    let values = ctx.tensor("values")?;
    let accumulate = ctx.bool_or("accumulate", false)?;
    let (targets, shape) = match resolve_indices(t, &given)? {
        Some((resolved, b_shape)) => index_offsets(&t.shape, &resolved, &b_shape)?,
        None => ((0..t.numel()).collect(), t.shape.clone()),
    };
    if broadcast_shapes(&values.shape, &shape).ok().as_deref() != Some(&shape[..]) {
        return fail(format!(
            "values {values} do not broadcast to the indexed shape {shape:?}"
        ));
    }
    let values = expand(values, &shape);
    let reduce = if accumulate {
        Reduce::Sum
    } else {
        Reduce::Assign
    };
    Ok(write(t, &targets, &values, reduce, true))
}

fn masked_scatter(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let mask = ctx.tensor("mask")?;
    let source = ctx.tensor("source")?;
    let shape = broadcast_shapes(&t.shape, &mask.shape)?;
    numel(&shape)?;
    let base = expand(t, &shape);
    let m = expand(mask, &shape);
    let hits: Vec<usize> = layout::bools(&m)
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b)
        .map(|(i, _)| i)
        .collect();
    if source.numel() < hits.len() {
        return fail(format!(
            "the mask selects {} elements but source {source} has only {}",
            hits.len(),
            source.numel()
        ));
    }
    let order: Vec<usize> = (0..hits.len()).collect();
    let values = pick(source, &order, vec![hits.len()]);
    Ok(write(&base, &hits, &values, Reduce::Assign, true))
}

fn nonzero(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let rank = t.shape.len();
    let st = strides(&t.shape);
    let mut out = Vec::new();
    let mut rows = 0;
    for (i, &b) in layout::bools(t).iter().enumerate() {
        if b {
            rows += 1;
            for (&s, &size) in st.iter().zip(&t.shape) {
                out.push(((i / s) % size) as i64);
            }
        }
    }
    Ok(Tensor::i64(vec![rows, rank], out))
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    fn idx(shape: &[usize], v: &[i64]) -> Tensor {
        Tensor::i64(shape.to_vec(), v.to_vec())
    }

    #[test]
    fn scatter_src_value_and_add() {
        let t = Tensor::f32(vec![2, 3], vec![0.0; 6]);
        let src = iota(&[2, 3]);
        // out[index[i][j]][j] = src[i][j] along dim 0.
        let r = run1(
            "aten.scatter.src",
            &[
                ("self", t.clone()),
                ("index", idx(&[1, 3], &[1, 0, 1])),
                ("src", src.clone()),
            ],
            &[("dim", Attr::Int(0))],
        );
        assert_eq!(
            r,
            Tensor::f32(vec![2, 3], vec![0.0, 1.0, 0.0, 0.0, 0.0, 2.0])
        );
        let r = run1(
            "aten.scatter.value",
            &[("self", t.clone()), ("index", idx(&[2, 1], &[2, 0]))],
            &[("dim", Attr::Int(1)), ("value", Attr::Float(1.5))],
        );
        assert_eq!(
            r,
            Tensor::f32(vec![2, 3], vec![0.0, 0.0, 1.5, 1.5, 0.0, 0.0])
        );
        // Repeated targets add up.
        let r = run1(
            "aten.scatter_add.default",
            &[
                ("self", Tensor::f32(vec![2, 3], vec![1.0; 6])),
                ("index", idx(&[2, 2], &[0, 0, 2, 2])),
                ("src", src),
            ],
            &[("dim", Attr::Int(1))],
        );
        assert_eq!(
            r,
            Tensor::f32(vec![2, 3], vec![2.0, 1.0, 1.0, 1.0, 1.0, 8.0])
        );
        let err = run_op(
            "aten.scatter.value",
            &[("self", t), ("index", idx(&[1, 1], &[-1]))],
            &[("dim", Attr::Int(0)), ("value", Attr::Int(1))],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("out of bounds"), "{err}");
    }

    #[test]
    fn scatter_reduce_modes() {
        let t = Tensor::f32(vec![3], vec![1.0, 2.0, 3.0]);
        let index = idx(&[4], &[0, 0, 2, 0]);
        let src = Tensor::f32(vec![4], vec![4.0, 5.0, 6.0, -1.0]);
        let run = |reduce: &str, include_self: bool| {
            run1(
                "aten.scatter_reduce.two",
                &[
                    ("self", t.clone()),
                    ("index", index.clone()),
                    ("src", src.clone()),
                ],
                &[
                    ("dim", Attr::Int(0)),
                    ("reduce", Attr::Str(reduce.into())),
                    ("include_self", Attr::Bool(include_self)),
                ],
            )
        };
        let f = |v: &[f32]| Tensor::f32(vec![3], v.to_vec());
        assert_eq!(run("sum", true), f(&[9.0, 2.0, 9.0]));
        assert_eq!(run("sum", false), f(&[8.0, 2.0, 6.0]));
        assert_eq!(run("prod", true), f(&[-20.0, 2.0, 18.0]));
        assert_eq!(run("prod", false), f(&[-20.0, 2.0, 6.0]));
        assert_eq!(run("mean", true), f(&[2.25, 2.0, 4.5]));
        assert_eq!(run("mean", false), f(&[8.0 / 3.0, 2.0, 6.0]));
        assert_eq!(run("amax", true), f(&[5.0, 2.0, 6.0]));
        assert_eq!(run("amin", true), f(&[-1.0, 2.0, 3.0]));
        assert_eq!(run("amin", false), f(&[-1.0, 2.0, 6.0]));
        // Integer means round toward negative infinity.
        let r = run1(
            "aten.scatter_reduce.two",
            &[
                ("self", Tensor::i64(vec![2], vec![-4, 7])),
                ("index", idx(&[2], &[0, 1])),
                ("src", Tensor::i64(vec![2], vec![1, 0])),
            ],
            &[("dim", Attr::Int(0)), ("reduce", Attr::Str("mean".into()))],
        );
        assert_eq!(r, Tensor::i64(vec![2], vec![-2, 3]));
        let r = run1(
            "aten.scatter_reduce.two",
            &[
                ("self", t.clone()),
                ("index", idx(&[1], &[1])),
                ("src", Tensor::f32(vec![1], vec![f32::NAN])),
            ],
            &[("dim", Attr::Int(0)), ("reduce", Attr::Str("amax".into()))],
        );
        assert!(floats(&r)[1].is_nan());
    }

    #[test]
    fn index_put_with_indices_masks_and_accumulate() {
        let t = Tensor::f32(vec![3, 2], vec![0.0; 6]);
        let rows = idx(&[3], &[0, 2, 0]);
        let put = |indices: Vec<Option<Tensor>>, values: Tensor, accumulate: bool| {
            run_op_lists(
                "aten.index_put.default",
                &[
                    ("self", vec![Some(t.clone())]),
                    ("indices", indices),
                    ("values", vec![Some(values)]),
                ],
                &[("accumulate", Attr::Bool(accumulate))],
                1,
            )
            .unwrap()
            .remove(0)
        };
        // x[[0, 2, 0]] += [[1, 2]] (broadcast rows): row 0 twice.
        let r = put(
            vec![Some(rows.clone())],
            Tensor::f32(vec![1, 2], vec![1.0, 2.0]),
            true,
        );
        assert_eq!(
            r,
            Tensor::f32(vec![3, 2], vec![2.0, 4.0, 0.0, 0.0, 1.0, 2.0])
        );
        // x[:, [-1]] = 5.
        let r = put(
            vec![None, Some(idx(&[1], &[-1]))],
            Tensor::f32(vec![], vec![5.0]),
            false,
        );
        assert_eq!(
            r,
            Tensor::f32(vec![3, 2], vec![0.0, 5.0, 0.0, 5.0, 0.0, 5.0])
        );
        // x[mask] = [7, 8] with a [3, 2] mask.
        let mask = Tensor::bool(vec![3, 2], vec![false, true, false, false, true, false]);
        let r = put(
            vec![Some(mask)],
            Tensor::f32(vec![2], vec![7.0, 8.0]),
            false,
        );
        assert_eq!(
            r,
            Tensor::f32(vec![3, 2], vec![0.0, 7.0, 0.0, 0.0, 8.0, 0.0])
        );
        let err = run_op_lists(
            "aten.index_put.default",
            &[
                ("self", vec![Some(t.clone())]),
                ("indices", vec![Some(rows)]),
                ("values", vec![Some(iota(&[2, 2]))]),
            ],
            &[],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("do not broadcast"), "{err}");
    }

    #[test]
    fn masked_scatter_and_nonzero() {
        let t = Tensor::i64(vec![2, 2], vec![1, 2, 3, 4]);
        let mask = Tensor::bool(vec![2], vec![true, false]);
        let r = run1(
            "aten.masked_scatter.default",
            &[
                ("self", t),
                ("mask", mask.clone()),
                ("source", Tensor::i64(vec![3], vec![9, 8, 7])),
            ],
            &[],
        );
        assert_eq!(r, Tensor::i64(vec![2, 2], vec![9, 2, 8, 4]));
        let err = run_op(
            "aten.masked_scatter.default",
            &[
                ("self", Tensor::f32(vec![2, 2], vec![0.0; 4])),
                ("mask", mask),
                ("source", Tensor::f32(vec![1], vec![1.0])),
            ],
            &[],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("selects 2 elements"), "{err}");
        let r = run1(
            "aten.nonzero.default",
            &[(
                "self",
                Tensor::f32(vec![2, 3], vec![0.0, 1.0, 0.0, f32::NAN, 0.0, -2.0]),
            )],
            &[],
        );
        assert_eq!(r, Tensor::i64(vec![3, 2], vec![0, 1, 1, 0, 1, 2]));
        let r = run1(
            "aten.nonzero.default",
            &[("self", Tensor::bool(vec![], vec![true]))],
            &[],
        );
        assert_eq!(r, Tensor::i64(vec![1, 0], vec![]));
    }
}
