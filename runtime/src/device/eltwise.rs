//! Elementwise kernels. Float math runs in f32 on the stored (already rounded) inputs and the
//! result is stored in its data type; integer inputs with an integer result compute exactly.
//! Comparisons and logical ops produce 1 or 0. Binary ops broadcast (NumPy rules).

use rayon::prelude::*;

use super::kernels::{Kernel, broadcast_indices};
use super::{Slot, TtnnOp};

fn erf(x: f64) -> f64 {
    libm::erf(x)
}

pub(super) fn unary(k: &Kernel<'_>, kind: TtnnOp) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let (_, _, out_dtype, _) = k.result_spec(0)?;
    let int_math = !x.dtype.is_float() && !out_dtype.is_float();
    let v = x.logical_f64();
    use TtnnOp::*;
    let approximate = k.flag("fast_and_approximate_mode");
    let slope = k.float("negative_slope").unwrap_or(0.01);
    let alpha = k.float("alpha").unwrap_or(1.0);
    let (lo, hi) = (k.float("min"), k.float("max"));
    let decimals = k.int("decimals").unwrap_or(0);
    let f = move |a: f64| -> f64 {
        match kind {
            Abs => a.abs(),
            Neg => -a,
            Exp => a.exp(),
            Log => a.ln(),
            Log1p => a.ln_1p(),
            Expm1 => a.exp_m1(),
            Sqrt => a.sqrt(),
            Rsqrt => 1.0 / a.sqrt(),
            Reciprocal => 1.0 / a,
            Sigmoid => 1.0 / (1.0 + (-a).exp()),
            Tanh => a.tanh(),
            Relu => a.max(0.0),
            Silu => a / (1.0 + (-a).exp()),
            Sin => a.sin(),
            Cos => a.cos(),
            Tan => a.tan(),
            Asin => a.asin(),
            Acos => a.acos(),
            Atan => a.atan(),
            Sinh => a.sinh(),
            Cosh => a.cosh(),
            Asinh => a.asinh(),
            Acosh => a.acosh(),
            Atanh => a.atanh(),
            Erf => erf(a),
            Erfc => 1.0 - erf(a),
            Floor => a.floor(),
            Ceil => a.ceil(),
            Round => {
                let scale = 10f64.powi(decimals as i32);
                let s = a * scale;
                let r = s.round();
                // Ties to even.
                let r = if (s - s.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
                    r - s.signum()
                } else {
                    r
                };
                r / scale
            }
            Trunc => a.trunc(),
            Sign => {
                if a > 0.0 {
                    1.0
                } else if a < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            BitwiseNot => !(a as i64) as f64,
            LogicalNot => (a == 0.0) as u8 as f64,
            Isfinite => a.is_finite() as u8 as f64,
            Isnan => a.is_nan() as u8 as f64,
            Gelu => {
                if approximate {
                    let c = (2.0 / std::f64::consts::PI).sqrt();
                    0.5 * a * (1.0 + (c * (a + 0.044715 * a * a * a)).tanh())
                } else {
                    0.5 * a * (1.0 + erf(a / std::f64::consts::SQRT_2))
                }
            }
            LeakyRelu => {
                if a >= 0.0 {
                    a
                } else {
                    slope * a
                }
            }
            Elu => {
                if a > 0.0 {
                    a
                } else {
                    alpha * a.exp_m1()
                }
            }
            Clamp => {
                let mut r = a;
                if let Some(l) = lo {
                    r = r.max(l);
                }
                if let Some(h) = hi {
                    r = r.min(h);
                }
                r
            }
            _ => f64::NAN,
        }
    };
    let out: Vec<f64> = if int_math {
        v.iter().map(|&a| f(a)).collect()
    } else {
        // Float inputs are f32 values; compute in f64 and let the store round.
        v.par_iter().map(|&a| f(a as f32 as f64)).collect()
    };
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn binary(k: &Kernel<'_>, kind: TtnnOp) -> Result<Vec<Slot>, String> {
    let (a, b) = (k.input("lhs")?, k.input("rhs")?);
    let (out_shape, _, _, _) = k.result_spec(0)?;
    let ia = broadcast_indices(&a.shape, &out_shape)?;
    let ib = broadcast_indices(&b.shape, &out_shape)?;
    let (va, vb) = (a.logical_f64(), b.logical_f64());
    use TtnnOp::*;
    let f = move |x: f64, y: f64| -> f64 {
        match kind {
            Add => x + y,
            Subtract => x - y,
            Multiply => x * y,
            Divide => x / y,
            Pow => x.powf(y),
            Maximum => {
                if x.is_nan() || y.is_nan() {
                    f64::NAN
                } else {
                    x.max(y)
                }
            }
            Minimum => {
                if x.is_nan() || y.is_nan() {
                    f64::NAN
                } else {
                    x.min(y)
                }
            }
            Remainder => x - (x / y).floor() * y,
            Atan2 => x.atan2(y),
            BitwiseAnd => ((x as i64) & (y as i64)) as f64,
            BitwiseOr => ((x as i64) | (y as i64)) as f64,
            BitwiseXor => ((x as i64) ^ (y as i64)) as f64,
            Eq => (x == y) as u8 as f64,
            Ne => (x != y) as u8 as f64,
            Gt => (x > y) as u8 as f64,
            Ge => (x >= y) as u8 as f64,
            Lt => (x < y) as u8 as f64,
            Le => (x <= y) as u8 as f64,
            LogicalAnd => (x != 0.0 && y != 0.0) as u8 as f64,
            LogicalOr => (x != 0.0 || y != 0.0) as u8 as f64,
            LogicalXor => ((x != 0.0) != (y != 0.0)) as u8 as f64,
            _ => f64::NAN,
        }
    };
    let float_math = a.dtype.is_float() || b.dtype.is_float();
    let out: Vec<f64> = ia
        .par_iter()
        .zip(ib.par_iter())
        .map(|(&i, &j)| {
            if float_math {
                // The FPU computes on f32 values.
                f(va[i] as f32 as f64, vb[j] as f32 as f64) as f32 as f64
            } else {
                f(va[i], vb[j])
            }
        })
        .collect();
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn select(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let (c, t, f) = (
        k.input("condition")?,
        k.input("true_value")?,
        k.input("false_value")?,
    );
    let (out_shape, _, _, _) = k.result_spec(0)?;
    let (ic, it, i_f) = (
        broadcast_indices(&c.shape, &out_shape)?,
        broadcast_indices(&t.shape, &out_shape)?,
        broadcast_indices(&f.shape, &out_shape)?,
    );
    let (vc, vt, vf) = (c.logical_f64(), t.logical_f64(), f.logical_f64());
    let out = (0..ic.len())
        .map(|n| {
            if vc[ic[n]] != 0.0 {
                vt[it[n]]
            } else {
                vf[i_f[n]]
            }
        })
        .collect();
    Ok(vec![k.emit(0, out)?])
}
