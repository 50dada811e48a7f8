//! Unary elementwise ops: float functions (`exp`, `rsqrt`, `tanh`, `erf`, ...), activations
//! (`relu`, `gelu` exact and tanh, `silu`, `sigmoid`, `elu`, `softplus`, ...), sign and
//! rounding ops, logical and bitwise not, NaN/inf tests, and dtype conversion (`_to_copy`).
//!
//! The float functions turn integers and booleans into floats, as PyTorch's do; `neg`, `abs`,
//! `relu`, `sign` and the rounding ops keep integers integers and refuse booleans.
//! Transcendental functions are evaluated in f64 and rounded to f32 (`erf` from `libm`).
//! Conversions to integers truncate toward zero; to booleans are `x != 0`.

use rayon::prelude::*;

use crate::tensor::{Data, Tensor};

use super::args::{Ctx, Fail, fail};
use super::layout;

fn self_tensor<'a>(ctx: &Ctx<'a>) -> Result<&'a Tensor, Fail> {
    ctx.tensor("self")
}

/// Runs the unary op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Tensor, Fail>> {
    use std::f64::consts::{LN_2, LN_10};
    let r = match name {
        "aten.logical_not.default" => {
            self_tensor(ctx).map(|t| map_bool(t, |x| !x, |x| x == 0.0, |x| x == 0))
        }
        "aten.bitwise_not.default" => self_tensor(ctx).and_then(bitwise_not),
        "aten._to_copy.default" | "aten.to.dtype" | "aten._to_dtype.default" => to_copy(ctx),
        "aten.isnan.default" => {
            self_tensor(ctx).map(|t| map_bool(t, |_| false, f32::is_nan, |_| false))
        }
        "aten.isinf.default" => {
            self_tensor(ctx).map(|t| map_bool(t, |_| false, f32::is_infinite, |_| false))
        }
        "aten.gelu.default" => gelu(ctx),
        "aten.leaky_relu.default" => ctx
            .float_or("negative_slope", 0.01)
            .and_then(|s| float_fn(ctx, move |x| if x > 0.0 { x } else { x * s })),
        "aten.elu.default" => elu(ctx),
        "aten.softplus.default" => softplus(ctx),
        "aten.neg.default" => keep_kind(ctx, "neg", |x| -x, i64::wrapping_neg),
        "aten.abs.default" => keep_kind(ctx, "abs", f32::abs, i64::wrapping_abs),
        "aten.relu.default" => keep_kind(
            ctx,
            "relu",
            |x| if x > 0.0 || x.is_nan() { x } else { 0.0 },
            |x| x.max(0),
        ),
        "aten.sign.default" => keep_kind(
            ctx,
            "sign",
            |x| {
                if x > 0.0 {
                    1.0
                } else if x < 0.0 {
                    -1.0
                } else {
                    x
                }
            },
            i64::signum,
        ),
        "aten.floor.default" => keep_kind(ctx, "floor", f32::floor, |x| x),
        "aten.ceil.default" => keep_kind(ctx, "ceil", f32::ceil, |x| x),
        "aten.round.default" => keep_kind(ctx, "round", f32::round_ties_even, |x| x),
        "aten.trunc.default" => keep_kind(ctx, "trunc", f32::trunc, |x| x),
        "aten.exp.default" => float_fn(ctx, f64::exp),
        "aten.exp2.default" => float_fn(ctx, f64::exp2),
        "aten.expm1.default" => float_fn(ctx, f64::exp_m1),
        "aten.log.default" => float_fn(ctx, f64::ln),
        "aten.log2.default" => float_fn(ctx, |x| x.ln() / LN_2),
        "aten.log10.default" => float_fn(ctx, |x| x.ln() / LN_10),
        "aten.log1p.default" => float_fn(ctx, f64::ln_1p),
        "aten.sqrt.default" => float_fn(ctx, f64::sqrt),
        "aten.rsqrt.default" => float_fn(ctx, |x| 1.0 / x.sqrt()),
        "aten.reciprocal.default" => float_fn(ctx, |x| 1.0 / x),
        "aten.sin.default" => float_fn(ctx, f64::sin),
        "aten.cos.default" => float_fn(ctx, f64::cos),
        "aten.tan.default" => float_fn(ctx, f64::tan),
        "aten.asin.default" => float_fn(ctx, f64::asin),
        "aten.acos.default" => float_fn(ctx, f64::acos),
        "aten.atan.default" => float_fn(ctx, f64::atan),
        "aten.sinh.default" => float_fn(ctx, f64::sinh),
        "aten.cosh.default" => float_fn(ctx, f64::cosh),
        "aten.tanh.default" => float_fn(ctx, f64::tanh),
        "aten.erf.default" => float_fn(ctx, libm::erf),
        "aten.erfc.default" => float_fn(ctx, libm::erfc),
        "aten.erfinv.default" => float_fn(ctx, erfinv),
        "aten.sigmoid.default" => float_fn(ctx, sigmoid),
        "aten.silu.default" => float_fn(ctx, |x| x * sigmoid(x)),
        "aten.mish.default" => float_fn(ctx, |x| x * softplus_fn(x, 1.0, 20.0).tanh()),
        "aten.hardsigmoid.default" => float_fn(ctx, |x| (x + 3.0).clamp(0.0, 6.0) / 6.0),
        "aten.hardswish.default" => float_fn(ctx, |x| x * (x + 3.0).clamp(0.0, 6.0) / 6.0),
        _ => return None,
    };
    Some(r)
}

/// The inverse error function on `[-1, 1]` (NaN outside, infinite at the ends): a closed-form
/// estimate, refined by Newton steps on `erf(x) - y`, written as `(1 - y) - erfc(x)` for `y`
/// near 1 so the residual keeps its precision there.
fn erfinv(y: f64) -> f64 {
    use std::f64::consts::PI;
    if y.is_nan() || y.abs() > 1.0 {
        return f64::NAN;
    }
    if y.abs() == 1.0 {
        return y * f64::INFINITY;
    }
    if y == 0.0 {
        return y;
    }
    let a = y.abs();
    let mut x = if a < 1e-3 {
        a * PI.sqrt() / 2.0
    } else {
        // Winitzki's estimate: x = sqrt(sqrt(t^2 - l/k) - t), t = 2/(pi k) + l/2, l = ln(1 - a^2),
        // k = 0.147 (relative error below 0.2%).
        const K: f64 = 0.147;
        let ln = ((1.0 - a) * (1.0 + a)).ln();
        let t = 2.0 / (PI * K) + ln / 2.0;
        ((t * t - ln / K).sqrt() - t).sqrt()
    };
    let slope = 2.0 / PI.sqrt();
    for _ in 0..8 {
        let residual = if a > 0.5 {
            (1.0 - a) - libm::erfc(x)
        } else {
            libm::erf(x) - a
        };
        let step = residual / (slope * (-x * x).exp());
        x -= step;
        if step.abs() <= 1e-17 * x.abs() {
            break;
        }
    }
    x.copysign(y)
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn softplus_fn(x: f64, beta: f64, threshold: f64) -> f64 {
    if x * beta > threshold {
        x
    } else {
        (x * beta).exp().ln_1p() / beta
    }
}

/// Maps a slice, in parallel when it is large.
pub fn map1<A: Copy + Sync, O: Send>(a: &[A], f: impl Fn(A) -> O + Sync + Send) -> Vec<O> {
    if a.len() < 1 << 15 {
        a.iter().map(|&x| f(x)).collect()
    } else {
        a.par_iter().with_min_len(1 << 12).map(|&x| f(x)).collect()
    }
}

/// A float op that turns integers and booleans into floats.
fn float_fn(ctx: &Ctx<'_>, f: impl Fn(f64) -> f64 + Sync + Send) -> Result<Tensor, Fail> {
    let t = self_tensor(ctx)?;
    Ok(Tensor::f32(
        t.shape.clone(),
        map1(&layout::floats(t), |x| f(x as f64) as f32),
    ))
}

/// An op that keeps the kind of numbers (booleans are refused).
fn keep_kind(
    ctx: &Ctx<'_>,
    what: &str,
    f: impl Fn(f32) -> f32 + Sync + Send,
    i: impl Fn(i64) -> i64 + Sync + Send,
) -> Result<Tensor, Fail> {
    let t = self_tensor(ctx)?;
    let data = match &t.data {
        Data::F32(v) => Data::F32(map1(v, f)),
        Data::I64(v) => Data::I64(map1(v, i)),
        Data::Bool(_) => return fail(format!("{what} is not defined on booleans")),
    };
    Ok(Tensor {
        shape: t.shape.clone(),
        data,
    })
}

fn map_bool(
    t: &Tensor,
    b: impl Fn(bool) -> bool + Sync + Send,
    f: impl Fn(f32) -> bool + Sync + Send,
    i: impl Fn(i64) -> bool + Sync + Send,
) -> Tensor {
    let v = match &t.data {
        Data::F32(v) => map1(v, f),
        Data::I64(v) => map1(v, i),
        Data::Bool(v) => map1(v, b),
    };
    Tensor::bool(t.shape.clone(), v)
}

fn bitwise_not(t: &Tensor) -> Result<Tensor, Fail> {
    let data = match &t.data {
        Data::Bool(v) => Data::Bool(map1(v, |x| !x)),
        Data::I64(v) => Data::I64(map1(v, |x| !x)),
        Data::F32(_) => return fail("bitwise_not is not defined on floats"),
    };
    Ok(Tensor {
        shape: t.shape.clone(),
        data,
    })
}

fn to_copy(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = self_tensor(ctx)?;
    Ok(match ctx.dtype("dtype")? {
        Some(kind) => t.convert(kind),
        None => t.clone(),
    })
}

fn gelu(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    use std::f64::consts::{FRAC_1_SQRT_2, FRAC_2_PI};
    match ctx.opt_str("approximate")?.unwrap_or("none") {
        "none" => float_fn(ctx, |x| 0.5 * x * (1.0 + libm::erf(x * FRAC_1_SQRT_2))),
        "tanh" => {
            let beta = FRAC_2_PI.sqrt();
            float_fn(ctx, move |x| {
                0.5 * x * (1.0 + (beta * (x + 0.044715 * x * x * x)).tanh())
            })
        }
        other => fail(format!("approximate '{other}' is not 'none' or 'tanh'")),
    }
}

fn elu(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let alpha = ctx.float_or("alpha", 1.0)?;
    let scale = ctx.float_or("scale", 1.0)?;
    let input_scale = ctx.float_or("input_scale", 1.0)?;
    float_fn(ctx, move |x| {
        if x > 0.0 {
            scale * x
        } else {
            scale * alpha * ((x * input_scale).exp() - 1.0)
        }
    })
}

fn softplus(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let beta = ctx.float_or("beta", 1.0)?;
    let threshold = ctx.float_or("threshold", 20.0)?;
    float_fn(ctx, move |x| softplus_fn(x, beta, threshold))
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    fn f(shape: &[usize], v: &[f32]) -> Tensor {
        Tensor::f32(shape.to_vec(), v.to_vec())
    }

    #[test]
    fn activations() {
        let x = f(&[4], &[-2.0, -0.5, 0.5, 2.0]);
        let r = run1("aten.relu.default", &[("self", x.clone())], &[]);
        assert_eq!(r, f(&[4], &[0.0, 0.0, 0.5, 2.0]));
        // gelu(x) = x * Phi(x): Phi(2) = 0.97724987, Phi(-0.5) = 0.30853754.
        let r = run1(
            "aten.gelu.default",
            &[("self", x.clone())],
            &[("approximate", Attr::Str("none".into()))],
        );
        assert_close(
            &floats(&r),
            &[-0.04550026, -0.15426877, 0.34573123, 1.9544997],
            1e-6,
        );
        let r = run1(
            "aten.gelu.default",
            &[("self", x.clone())],
            &[("approximate", Attr::Str("tanh".into()))],
        );
        assert_close(
            &floats(&r),
            &[-0.045_402_3, -0.154_286, 0.345_714, 1.954_598],
            1e-6,
        );
        let r = run1("aten.silu.default", &[("self", x.clone())], &[]);
        assert_close(
            &floats(&r),
            &[-0.23840584, -0.18877033, 0.31122967, 1.7615942],
            1e-6,
        );
        let r = run1(
            "aten.rsqrt.default",
            &[("self", f(&[2], &[4.0, 0.25]))],
            &[],
        );
        assert_eq!(r, f(&[2], &[0.5, 2.0]));
        let r = run1(
            "aten.neg.default",
            &[("self", Tensor::i64(vec![1], vec![5]))],
            &[],
        );
        assert_eq!(r, Tensor::i64(vec![1], vec![-5]));
        // Float functions of integers are floats.
        let r = run1(
            "aten.exp.default",
            &[("self", Tensor::i64(vec![1], vec![0]))],
            &[],
        );
        assert_eq!(r, f(&[1], &[1.0]));
        assert!(
            run_op(
                "aten.neg.default",
                &[("self", Tensor::bool(vec![1], vec![true]))],
                &[],
                1
            )
            .is_err()
        );
    }

    #[test]
    fn erfinv_inverts_erf() {
        let x = f(
            &[9],
            &[0.0, 0.1, 0.5, -0.9, 0.999, 1.0, -1.0, 1.5, f32::NAN],
        );
        let r = floats(&run1("aten.erfinv.default", &[("self", x)], &[]));
        assert_close(
            &r[..5],
            // erfinv of the f32 nearest 0.999 (0.99900001287...).
            &[0.0, 0.088_855_99, 0.476_936_28, -1.163_087_2, 2.326_756_3],
            1e-6,
        );
        assert_eq!(&r[5..7], &[f32::INFINITY, f32::NEG_INFINITY]);
        assert!(r[7].is_nan() && r[8].is_nan());
        // Close to 1 (the largest f32 below 1) and close to 0.
        let r = floats(&run1(
            "aten.erfinv.default",
            &[("self", f(&[2], &[1.0 - f32::EPSILON / 2.0, 1e-6]))],
            &[],
        ));
        assert_close(&r, &[3.832_507, 8.862_269e-7], 1e-6);
    }

    #[test]
    fn conversions() {
        let x = f(&[3], &[-1.5, 0.0, 2.7]);
        let r = run1(
            "aten._to_copy.default",
            &[("self", x.clone())],
            &[("dtype", Attr::DType("i64".into()))],
        );
        assert_eq!(r, Tensor::i64(vec![3], vec![-1, 0, 2]));
        let r = run1(
            "aten._to_copy.default",
            &[("self", x.clone())],
            &[("dtype", Attr::DType("i1".into()))],
        );
        assert_eq!(r, Tensor::bool(vec![3], vec![true, false, true]));
        let r = run1("aten.logical_not.default", &[("self", x)], &[]);
        assert_eq!(r, Tensor::bool(vec![3], vec![false, true, false]));
    }
}
