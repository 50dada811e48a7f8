//! Tensor creation: `arange`, `full`, `ones`, `zeros`, `empty`, their `new_*` and `*_like`
//! forms, `scalar_tensor` and `fill`.
//!
//! Default dtypes follow PyTorch: `arange` and `full` take the kind of their numbers (any float
//! makes a float tensor), `ones`/`zeros`/`empty`/`scalar_tensor` are float, `new_*` and `*_like`
//! keep the kind of `self`. `empty` is zero-filled (its contents are unspecified in PyTorch).
//! `arange` computes `start + i * step` in f64 as PyTorch's CPU kernel does.

use crate::tensor::{Data, Kind, Tensor};

use super::args::{Ctx, Fail, Scalar, fail};
use super::layout::{numel, shape_of};

/// Runs the creation op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Tensor, Fail>> {
    let r = match name {
        "aten.arange.default" | "aten.arange.start" | "aten.arange.start_step" => arange(ctx),
        "aten.full.default" => full(ctx),
        "aten.ones.default" => sized(ctx, Scalar::Int(1), None),
        "aten.zeros.default" | "aten.empty.memory_format" => sized(ctx, Scalar::Int(0), None),
        "aten.new_ones.default" => self_sized(ctx, Some(Scalar::Int(1))),
        "aten.new_zeros.default" | "aten.new_empty.default" => {
            self_sized(ctx, Some(Scalar::Int(0)))
        }
        "aten.new_full.default" => self_sized(ctx, None),
        "aten.ones_like.default" => like(ctx, Some(Scalar::Int(1))),
        "aten.zeros_like.default" | "aten.empty_like.default" => like(ctx, Some(Scalar::Int(0))),
        "aten.full_like.default" => like(ctx, None),
        "aten.fill.Scalar" | "aten.fill.Tensor" => fill(ctx),
        "aten.scalar_tensor.default" => scalar_tensor(ctx),
        _ => return None,
    };
    Some(r)
}

/// A tensor of `shape` and `kind` filled with `value`.
pub fn filled(shape: Vec<usize>, kind: Kind, value: Scalar) -> Result<Tensor, String> {
    let n = numel(&shape)?;
    let one = value.tensor_of(kind);
    Ok(match one.data {
        Data::F32(v) => Tensor::f32(shape, vec![v[0]; n]),
        Data::I64(v) => Tensor::i64(shape, vec![v[0]; n]),
        Data::Bool(v) => Tensor::bool(shape, vec![v[0]; n]),
    })
}

fn arange(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let end = ctx.scalar("end")?;
    let start = ctx.opt_scalar("start")?.unwrap_or(Scalar::Int(0));
    let step = ctx.opt_scalar("step")?.unwrap_or(Scalar::Int(1));
    let numbers = [start, end, step];
    let kind = match ctx.dtype("dtype")? {
        Some(k) => k,
        None if numbers.iter().any(|s| s.kind() == Kind::Float) => Kind::Float,
        None => Kind::Int,
    };
    let (s, e, st) = (start.as_f64(), end.as_f64(), step.as_f64());
    if !(s.is_finite() && e.is_finite() && st.is_finite()) {
        return fail(format!(
            "arange bounds must be finite, found {s}, {e}, {st}"
        ));
    }
    if st == 0.0 {
        return fail("arange step must be nonzero");
    }
    if (st > 0.0 && e < s) || (st < 0.0 && e > s) {
        return fail(format!(
            "arange: upper bound and larger bound inconsistent with step sign (start {s}, end {e}, step {st})"
        ));
    }
    let size = ((e - s) / st).ceil();
    let n = numel(&[size as usize])?;
    Ok(match kind {
        Kind::Float => Tensor::f32(
            vec![n],
            (0..n).map(|i| (s + i as f64 * st) as f32).collect(),
        ),
        Kind::Int => {
            if numbers.iter().all(|x| x.kind() != Kind::Float) {
                let (s, st) = (start.as_i64(), step.as_i64());
                Tensor::i64(
                    vec![n],
                    (0..n as i64)
                        .map(|i| s.wrapping_add(i.wrapping_mul(st)))
                        .collect(),
                )
            } else {
                Tensor::i64(
                    vec![n],
                    (0..n).map(|i| (s + i as f64 * st) as i64).collect(),
                )
            }
        }
        Kind::Bool => Tensor::bool(vec![n], (0..n).map(|i| s + i as f64 * st != 0.0).collect()),
    })
}

fn size(ctx: &Ctx<'_>) -> Result<Vec<usize>, Fail> {
    Ok(shape_of(&ctx.ints("size")?)?)
}

fn full(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let value = ctx.scalar("fill_value")?;
    let kind = ctx.dtype("dtype")?.unwrap_or(value.kind());
    Ok(filled(size(ctx)?, kind, value)?)
}

fn sized(ctx: &Ctx<'_>, value: Scalar, kind: Option<Kind>) -> Result<Tensor, Fail> {
    let kind = ctx.dtype("dtype")?.or(kind).unwrap_or(Kind::Float);
    Ok(filled(size(ctx)?, kind, value)?)
}

/// `new_*`: `value` (or `fill_value`), the kind of `self` unless a dtype is given.
fn self_sized(ctx: &Ctx<'_>, value: Option<Scalar>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let value = match value {
        Some(v) => v,
        None => ctx.scalar("fill_value")?,
    };
    sized(ctx, value, Some(t.kind()))
}

/// `*_like`: `self`'s shape and (unless a dtype is given) kind.
fn like(ctx: &Ctx<'_>, value: Option<Scalar>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let value = match value {
        Some(v) => v,
        None => ctx.scalar("fill_value")?,
    };
    let kind = ctx.dtype("dtype")?.unwrap_or(t.kind());
    Ok(filled(t.shape.clone(), kind, value)?)
}

fn fill(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let value = match ctx.opt_tensor("value")? {
        Some(v) if v.shape.is_empty() => match &v.data {
            Data::F32(x) => Scalar::Float(x[0] as f64),
            Data::I64(x) => Scalar::Int(x[0]),
            Data::Bool(x) => Scalar::Bool(x[0]),
        },
        Some(v) => {
            return fail(format!(
                "fill value must be a 0-d tensor, found shape {:?}",
                v.shape
            ));
        }
        None => ctx.scalar("value")?,
    };
    Ok(filled(t.shape.clone(), t.kind(), value)?)
}

fn scalar_tensor(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let s = ctx.scalar("s")?;
    let kind = ctx.dtype("dtype")?.unwrap_or(Kind::Float);
    Ok(filled(vec![], kind, s)?)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    #[test]
    fn arange_takes_the_kind_of_its_numbers() {
        let r = run1("aten.arange.default", &[], &[("end", Attr::Int(4))]);
        assert_eq!(r, Tensor::i64(vec![4], vec![0, 1, 2, 3]));
        let r = run1(
            "aten.arange.start_step",
            &[],
            &[
                ("start", Attr::Int(1)),
                ("end", Attr::Float(2.0)),
                ("step", Attr::Float(0.25)),
            ],
        );
        assert_eq!(r, Tensor::f32(vec![4], vec![1.0, 1.25, 1.5, 1.75]));
        let r = run1(
            "aten.arange.default",
            &[],
            &[("end", Attr::Int(3)), ("dtype", Attr::DType("f32".into()))],
        );
        assert_eq!(r, Tensor::f32(vec![3], vec![0.0, 1.0, 2.0]));
        let err = run_op(
            "aten.arange.start_step",
            &[],
            &[
                ("start", Attr::Int(0)),
                ("end", Attr::Int(3)),
                ("step", Attr::Int(0)),
            ],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("step must be nonzero"), "{err}");
    }

    #[test]
    fn full_ones_new_ones_and_scalar_tensor() {
        let r = run1(
            "aten.full.default",
            &[],
            &[("size", ints(&[2])), ("fill_value", Attr::Bool(true))],
        );
        assert_eq!(r, Tensor::bool(vec![2], vec![true, true]));
        let r = run1("aten.ones.default", &[], &[("size", ints(&[1, 2]))]);
        assert_eq!(r, Tensor::f32(vec![1, 2], vec![1.0, 1.0]));
        let r = run1(
            "aten.new_ones.default",
            &[("self", Tensor::i64(vec![3], vec![1, 2, 3]))],
            &[("size", ints(&[])), ("dtype", Attr::DType("i1".into()))],
        );
        assert_eq!(r, Tensor::bool(vec![], vec![true]));
        let r = run1(
            "aten.scalar_tensor.default",
            &[],
            &[
                ("s", Attr::Str("-inf".into())),
                ("dtype", Attr::DType("f32".into())),
            ],
        );
        assert_eq!(r, Tensor::f32(vec![], vec![f32::NEG_INFINITY]));
        let err = run_op("aten.zeros.default", &[], &[("size", ints(&[-1]))], 1).unwrap_err();
        assert!(err.to_string().contains("negative"), "{err}");
    }
}
