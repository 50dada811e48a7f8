//! Binary elementwise ops: arithmetic, powers, `atan2`, comparisons, bitwise and logical ops,
//! `where`, `masked_fill` and `clamp` (unary ops are in `unary.rs`).
//!
//! PyTorch semantics: operands broadcast (numpy rules); the result kind is the highest of the
//! operands' kinds in the order bool < integer < float (with one width per kind, aten's
//! priority of dimensioned tensors over 0-d tensors and numbers never changes the answer);
//! true division turns integers into floats; comparisons compute in the promoted kind and give
//! booleans. Integer arithmetic wraps on overflow as PyTorch's does; integer division by zero
//! is an error. A float `pow` by 2, 3, 0.5, -0.5, -1 or -2 is computed as PyTorch special-cases
//! it (`x * x`, `sqrt`, ...).

use std::borrow::Cow;

use rayon::prelude::*;

use crate::tensor::{Data, Kind, Tensor};

use super::args::{Ctx, Fail, Scalar, Val, fail};
use super::layout::{self, broadcast_all, broadcast_shapes, broadcast_strides, gather, numel};
use super::unary::map1;

/// Runs the elementwise op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Tensor, Fail>> {
    let r = match name {
        "aten.add.Tensor" | "aten.add.Scalar" => add_sub(ctx, false, false),
        "aten.sub.Tensor" | "aten.sub.Scalar" => add_sub(ctx, true, false),
        "aten.rsub.Tensor" | "aten.rsub.Scalar" => add_sub(ctx, true, true),
        "aten.mul.Tensor" | "aten.mul.Scalar" => mul(ctx),
        "aten.div.Tensor" | "aten.div.Scalar" => div(ctx, None),
        "aten.div.Tensor_mode" | "aten.div.Scalar_mode" => match ctx.opt_str("rounding_mode") {
            Ok(mode) => div(ctx, mode),
            Err(e) => Err(e),
        },
        "aten.floor_divide.default" | "aten.floor_divide.Scalar" => div(ctx, Some("floor")),
        "aten.remainder.Tensor" | "aten.remainder.Scalar" => remainder(ctx),
        "aten.maximum.default" | "aten.minimum.default" => {
            extremum(ctx, name == "aten.maximum.default")
        }
        "aten.pow.Tensor_Scalar" | "aten.pow.Tensor_Tensor" | "aten.pow.Scalar" => pow(ctx),
        "aten.eq.Tensor" | "aten.eq.Scalar" => compare(ctx, Cmp::Eq),
        "aten.ne.Tensor" | "aten.ne.Scalar" => compare(ctx, Cmp::Ne),
        "aten.lt.Tensor" | "aten.lt.Scalar" => compare(ctx, Cmp::Lt),
        "aten.le.Tensor" | "aten.le.Scalar" => compare(ctx, Cmp::Le),
        "aten.gt.Tensor" | "aten.gt.Scalar" => compare(ctx, Cmp::Gt),
        "aten.ge.Tensor" | "aten.ge.Scalar" => compare(ctx, Cmp::Ge),
        "aten.bitwise_and.Tensor"
        | "aten.bitwise_and.Scalar"
        | "aten.__and__.Tensor"
        | "aten.__and__.Scalar" => bitwise(ctx, Bit::And),
        "aten.bitwise_or.Tensor"
        | "aten.bitwise_or.Scalar"
        | "aten.__or__.Tensor"
        | "aten.__or__.Scalar" => bitwise(ctx, Bit::Or),
        "aten.bitwise_xor.Tensor"
        | "aten.bitwise_xor.Scalar"
        | "aten.__xor__.Tensor"
        | "aten.__xor__.Scalar" => bitwise(ctx, Bit::Xor),
        "aten.logical_and.default" => logical(ctx, Bit::And),
        "aten.logical_or.default" => logical(ctx, Bit::Or),
        "aten.logical_xor.default" => logical(ctx, Bit::Xor),
        "aten.where.self"
        | "aten.where.ScalarSelf"
        | "aten.where.ScalarOther"
        | "aten.where.Scalar" => where_(ctx),
        "aten.masked_fill.Scalar" | "aten.masked_fill.Tensor" => masked_fill(ctx),
        "aten.clamp.default" | "aten.clamp.Tensor" => clamp(ctx, "min", "max"),
        "aten.clamp_min.default" => clamp(ctx, "min", ""),
        "aten.clamp_max.default" => clamp(ctx, "", "max"),
        "aten.hardtanh.default" => clamp(ctx, "min_val", "max_val"),
        "aten.atan2.default" | "aten.atan2.out" => atan2(ctx),
        _ => return None,
    };
    Some(r)
}

fn as_f32<'a>(v: &'a Val<'_>) -> Cow<'a, [f32]> {
    match v {
        Val::T(t) => layout::floats(t),
        Val::S(s) => Cow::Owned(vec![s.as_f64() as f32]),
    }
}

fn as_i64<'a>(v: &'a Val<'_>) -> Cow<'a, [i64]> {
    match v {
        Val::T(t) => layout::ints(t),
        Val::S(s) => Cow::Owned(vec![s.as_i64()]),
    }
}

fn as_bool<'a>(v: &'a Val<'_>) -> Cow<'a, [bool]> {
    match v {
        Val::T(t) => layout::bools(t),
        Val::S(s) => Cow::Owned(vec![s.as_f64() != 0.0]),
    }
}

fn broadcast_to<'a, T: Copy + Default + Send + Sync>(
    v: &'a [T],
    shape: &[usize],
    to: &[usize],
) -> Cow<'a, [T]> {
    if shape == to {
        Cow::Borrowed(v)
    } else {
        Cow::Owned(gather(v, 0, &broadcast_strides(shape, to), to))
    }
}

/// Applies `f` to two broadcast operands.
pub fn map2<A, B, O>(
    a: &[A],
    ash: &[usize],
    b: &[B],
    bsh: &[usize],
    f: impl Fn(A, B) -> O + Sync + Send,
) -> Result<(Vec<usize>, Vec<O>), String>
where
    A: Copy + Default + Send + Sync,
    B: Copy + Default + Send + Sync,
    O: Send,
{
    let shape = broadcast_shapes(ash, bsh)?;
    let n = numel(&shape)?;
    let a = broadcast_to(a, ash, &shape);
    let b = broadcast_to(b, bsh, &shape);
    let out = if n < 1 << 15 {
        a.iter().zip(b.iter()).map(|(&x, &y)| f(x, y)).collect()
    } else {
        a.par_iter()
            .with_min_len(1 << 12)
            .zip(b.par_iter())
            .map(|(&x, &y)| f(x, y))
            .collect()
    };
    Ok((shape, out))
}

/// Applies an arithmetic op in `kind` (the operands are converted to it).
fn arith(
    a: &Val<'_>,
    b: &Val<'_>,
    kind: Kind,
    f: impl Fn(f32, f32) -> f32 + Sync + Send,
    i: impl Fn(i64, i64) -> i64 + Sync + Send,
    bo: impl Fn(bool, bool) -> bool + Sync + Send,
) -> Result<Tensor, Fail> {
    let (ash, bsh) = (a.shape(), b.shape());
    Ok(match kind {
        Kind::Float => {
            let (shape, v) = map2(&as_f32(a), ash, &as_f32(b), bsh, f)?;
            Tensor::f32(shape, v)
        }
        Kind::Int => {
            let (shape, v) = map2(&as_i64(a), ash, &as_i64(b), bsh, i)?;
            Tensor::i64(shape, v)
        }
        Kind::Bool => {
            let (shape, v) = map2(&as_bool(a), ash, &as_bool(b), bsh, bo)?;
            Tensor::bool(shape, v)
        }
    })
}

fn operands<'a>(ctx: &Ctx<'a>) -> Result<(Val<'a>, Val<'a>), Fail> {
    Ok((
        ctx.tensor_or_scalar("self")?,
        ctx.tensor_or_scalar("other")?,
    ))
}

/// `self + alpha * other`, `self - alpha * other` or (`reverse`) `other - alpha * self`.
fn add_sub(ctx: &Ctx<'_>, subtract: bool, reverse: bool) -> Result<Tensor, Fail> {
    let (mut a, mut b) = operands(ctx)?;
    if reverse {
        std::mem::swap(&mut a, &mut b);
    }
    let kind = layout::promote(a.kind(), b.kind());
    let alpha = ctx.opt_scalar("alpha")?.unwrap_or(Scalar::Int(1));
    if kind != Kind::Float && alpha.kind() == Kind::Float {
        return fail("a float alpha needs float operands");
    }
    if kind == Kind::Bool && subtract {
        return fail("subtraction is not defined on booleans (use logical_xor)");
    }
    let (af, ai) = (alpha.as_f64() as f32, alpha.as_i64());
    if subtract {
        arith(
            &a,
            &b,
            kind,
            |x, y| x - af * y,
            |x, y| x.wrapping_sub(ai.wrapping_mul(y)),
            |x, _| x,
        )
    } else if af == 1.0 {
        arith(&a, &b, kind, |x, y| x + y, i64::wrapping_add, |x, y| x || y)
    } else {
        let ab = ai != 0;
        arith(
            &a,
            &b,
            kind,
            |x, y| x + af * y,
            |x, y| x.wrapping_add(ai.wrapping_mul(y)),
            |x, y| x || (ab && y),
        )
    }
}

fn mul(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let (a, b) = operands(ctx)?;
    let kind = layout::promote(a.kind(), b.kind());
    arith(&a, &b, kind, |x, y| x * y, i64::wrapping_mul, |x, y| x && y)
}

fn has_zero(v: &Val<'_>) -> bool {
    as_i64(v).contains(&0)
}

/// PyTorch's floor division of floats (`div_floor_floating`).
fn floor_div_f32(a: f32, b: f32) -> f32 {
    if b == 0.0 {
        return a / b;
    }
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && (b < 0.0) != (m < 0.0) {
        div -= 1.0;
    }
    if div != 0.0 {
        let mut fl = div.floor();
        if div - fl > 0.5 {
            fl += 1.0;
        }
        fl
    } else {
        (0.0f32).copysign(a / b)
    }
}

fn floor_div_i64(a: i64, b: i64) -> i64 {
    let q = a.wrapping_div(b);
    if a.wrapping_rem(b) != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// True division, or division rounded by `mode` (`trunc`, `floor`).
fn div(ctx: &Ctx<'_>, mode: Option<&str>) -> Result<Tensor, Fail> {
    let (a, b) = operands(ctx)?;
    let promoted = layout::promote(a.kind(), b.kind());
    match mode {
        None => arith(&a, &b, Kind::Float, |x, y| x / y, |_, _| 0, |_, _| false),
        Some("trunc") | Some("floor") => {
            let floor = mode == Some("floor");
            if promoted != Kind::Float {
                if has_zero(&b) {
                    return fail("integer division by zero");
                }
                let k = if promoted == Kind::Bool {
                    Kind::Int
                } else {
                    promoted
                };
                let f = if floor {
                    floor_div_i64
                } else {
                    i64::wrapping_div
                };
                return arith(&a, &b, k, |_, _| 0.0, f, |_, _| false);
            }
            if floor {
                arith(&a, &b, Kind::Float, floor_div_f32, |_, _| 0, |_, _| false)
            } else {
                arith(
                    &a,
                    &b,
                    Kind::Float,
                    |x, y| (x / y).trunc(),
                    |_, _| 0,
                    |_, _| false,
                )
            }
        }
        Some(other) => fail(format!(
            "rounding_mode '{other}' is not one of None, 'trunc', 'floor'"
        )),
    }
}

/// Python's modulo: the result has the sign of the divisor.
fn remainder(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let (a, b) = operands(ctx)?;
    let kind = layout::promote(a.kind(), b.kind());
    if kind != Kind::Float && has_zero(&b) {
        return fail("integer remainder by zero");
    }
    arith(
        &a,
        &b,
        if kind == Kind::Bool { Kind::Int } else { kind },
        |x, y| {
            let m = x % y;
            if m != 0.0 && (m < 0.0) != (y < 0.0) {
                m + y
            } else {
                m
            }
        },
        |x, y| {
            let m = x.wrapping_rem(y);
            if m != 0 && (m < 0) != (y < 0) {
                m + y
            } else {
                m
            }
        },
        |_, _| false,
    )
}

fn extremum(ctx: &Ctx<'_>, max: bool) -> Result<Tensor, Fail> {
    let (a, b) = operands(ctx)?;
    let kind = layout::promote(a.kind(), b.kind());
    let pick = move |x: f32, y: f32| {
        if x.is_nan() || y.is_nan() {
            f32::NAN
        } else if (x > y) == max {
            x
        } else {
            y
        }
    };
    if max {
        arith(&a, &b, kind, pick, i64::max, |x, y| x || y)
    } else {
        arith(&a, &b, kind, pick, i64::min, |x, y| x && y)
    }
}

/// `base ** exp` for integers (negative exponents give 0 unless the base is ±1).
fn int_pow(base: i64, exp: i64) -> i64 {
    if exp < 0 {
        return match base {
            1 => 1,
            -1 => {
                if exp % 2 == 0 {
                    1
                } else {
                    -1
                }
            }
            _ => 0,
        };
    }
    let (mut result, mut b, mut e) = (1i64, base, exp);
    while e > 0 {
        if e & 1 == 1 {
            result = result.wrapping_mul(b);
        }
        b = b.wrapping_mul(b);
        e >>= 1;
    }
    result
}

/// `pow` with PyTorch's special cases for common float exponents.
fn pow(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let a = ctx.tensor_or_scalar("self")?;
    let e = ctx.tensor_or_scalar("exponent")?;
    let mut kind = layout::promote(a.kind(), e.kind());
    if kind == Kind::Bool {
        kind = Kind::Int;
    }
    if kind == Kind::Int
        && let Val::S(s) = &e
        && s.as_i64() < 0
    {
        return fail("integers to negative integer powers are not allowed");
    }
    if let (Val::S(s), Kind::Float) = (&e, kind) {
        let p = s.as_f64();
        let t = a.tensor_of(Kind::Float);
        let Data::F32(v) = &t.data else {
            unreachable!("converted to floats")
        };
        let f: Box<dyn Fn(f32) -> f32 + Sync + Send> = if p == 2.0 {
            Box::new(|x| x * x)
        } else if p == 3.0 {
            Box::new(|x| x * x * x)
        } else if p == 0.5 {
            Box::new(f32::sqrt)
        } else if p == -0.5 {
            Box::new(|x| 1.0 / x.sqrt())
        } else if p == -1.0 {
            Box::new(|x| 1.0 / x)
        } else if p == -2.0 {
            Box::new(|x| 1.0 / (x * x))
        } else {
            let pf = p as f32;
            Box::new(move |x| x.powf(pf))
        };
        return Ok(Tensor::f32(t.shape.clone(), map1(v, f)));
    }
    arith(&a, &e, kind, f32::powf, int_pow, |_, _| false)
}

#[derive(Clone, Copy)]
enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn apply<T: PartialOrd>(self, x: T, y: T) -> bool {
        match self {
            Cmp::Eq => x == y,
            Cmp::Ne => x != y,
            Cmp::Lt => x < y,
            Cmp::Le => x <= y,
            Cmp::Gt => x > y,
            Cmp::Ge => x >= y,
        }
    }
}

fn compare(ctx: &Ctx<'_>, c: Cmp) -> Result<Tensor, Fail> {
    let (a, b) = operands(ctx)?;
    let (ash, bsh) = (a.shape(), b.shape());
    let (shape, v) = match layout::promote(a.kind(), b.kind()) {
        Kind::Float => map2(&as_f32(&a), ash, &as_f32(&b), bsh, |x, y| c.apply(x, y))?,
        Kind::Int => map2(&as_i64(&a), ash, &as_i64(&b), bsh, |x, y| c.apply(x, y))?,
        Kind::Bool => map2(&as_bool(&a), ash, &as_bool(&b), bsh, |x, y| c.apply(x, y))?,
    };
    Ok(Tensor::bool(shape, v))
}

#[derive(Clone, Copy)]
enum Bit {
    And,
    Or,
    Xor,
}

fn bitwise(ctx: &Ctx<'_>, op: Bit) -> Result<Tensor, Fail> {
    let (a, b) = operands(ctx)?;
    let kind = layout::promote(a.kind(), b.kind());
    if kind == Kind::Float {
        return fail("bitwise operations are not defined on floats");
    }
    match op {
        Bit::And => arith(&a, &b, kind, |_, _| 0.0, |x, y| x & y, |x, y| x & y),
        Bit::Or => arith(&a, &b, kind, |_, _| 0.0, |x, y| x | y, |x, y| x | y),
        Bit::Xor => arith(&a, &b, kind, |_, _| 0.0, |x, y| x ^ y, |x, y| x ^ y),
    }
}

fn logical(ctx: &Ctx<'_>, op: Bit) -> Result<Tensor, Fail> {
    let (a, b) = operands(ctx)?;
    let (ash, bsh) = (a.shape(), b.shape());
    let (av, bv) = (as_bool(&a), as_bool(&b));
    let (shape, v) = match op {
        Bit::And => map2(&av, ash, &bv, bsh, |x, y| x && y)?,
        Bit::Or => map2(&av, ash, &bv, bsh, |x, y| x || y)?,
        Bit::Xor => map2(&av, ash, &bv, bsh, |x, y| x != y)?,
    };
    Ok(Tensor::bool(shape, v))
}

/// Picks, per element, from `a` where `cond` holds and from `b` elsewhere (all broadcast).
pub fn select(cond: &Tensor, a: &Val<'_>, b: &Val<'_>, kind: Kind) -> Result<Tensor, String> {
    let shape = broadcast_all(&[&cond.shape, a.shape(), b.shape()])?;
    let n = numel(&shape)?;
    let c = layout::bools(cond);
    let c = broadcast_to(&c, &cond.shape, &shape);
    fn pick<T: Copy + Default + Send + Sync>(
        c: &[bool],
        a: &[T],
        ash: &[usize],
        b: &[T],
        bsh: &[usize],
        shape: &[usize],
        n: usize,
    ) -> Vec<T> {
        let a = broadcast_to(a, ash, shape);
        let b = broadcast_to(b, bsh, shape);
        (0..n).map(|i| if c[i] { a[i] } else { b[i] }).collect()
    }
    let (ash, bsh) = (a.shape(), b.shape());
    let data = match kind {
        Kind::Float => Data::F32(pick(&c, &as_f32(a), ash, &as_f32(b), bsh, &shape, n)),
        Kind::Int => Data::I64(pick(&c, &as_i64(a), ash, &as_i64(b), bsh, &shape, n)),
        Kind::Bool => Data::Bool(pick(&c, &as_bool(a), ash, &as_bool(b), bsh, &shape, n)),
    };
    Ok(Tensor { shape, data })
}

fn where_(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let cond = ctx.tensor("condition")?;
    let (a, b) = operands(ctx)?;
    if cond.kind() == Kind::Float {
        return fail("where's condition must be boolean");
    }
    let kind = layout::promote(a.kind(), b.kind());
    Ok(select(cond, &a, &b, kind)?)
}

/// `atan2(self, other)`, the angle of the point `(other, self)`, in floats (computed in f64).
/// The `out` form returns the result; the tensor it names is not read.
fn atan2(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let (a, b) = operands(ctx)?;
    let (shape, v) = map2(&as_f32(&a), a.shape(), &as_f32(&b), b.shape(), |y, x| {
        (y as f64).atan2(x as f64) as f32
    })?;
    Ok(Tensor::f32(shape, v))
}

/// `self` with `value` where `mask` holds (the result keeps `self`'s shape and kind).
fn masked_fill(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let mask = ctx.tensor("mask")?;
    let value = ctx.tensor_or_scalar("value")?;
    if !value.shape().is_empty() {
        return fail(format!(
            "value must be a number or a 0-d tensor, found shape {:?}",
            value.shape()
        ));
    }
    if mask.kind() != Kind::Bool {
        return fail("masked_fill's mask must be boolean");
    }
    if t.kind() != Kind::Float && value.kind() == Kind::Float {
        return fail("cannot fill a non-float tensor with a float value");
    }
    let shape = broadcast_shapes(&t.shape, &mask.shape)?;
    if shape != t.shape {
        return fail(format!(
            "mask of shape {:?} does not broadcast to self's shape {:?}",
            mask.shape, t.shape
        ));
    }
    Ok(select(mask, &value, &Val::T(t), t.kind())?)
}

/// `clamp` and its relatives; an empty attribute name means no bound on that side.
fn clamp(ctx: &Ctx<'_>, min: &str, max: &str) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let bound = |name: &str| -> Result<Option<Val<'_>>, Fail> {
        if name.is_empty() {
            return Ok(None);
        }
        if let Some(t) = ctx.opt_tensor(name)? {
            return Ok(Some(Val::T(t)));
        }
        Ok(ctx.opt_scalar(name)?.map(Val::S))
    };
    let (lo, hi) = (bound(min)?, bound(max)?);
    if lo.is_none() && hi.is_none() {
        return fail("clamp needs at least one of min and max");
    }
    let mut kind = t.kind();
    for b in lo.iter().chain(hi.iter()) {
        kind = layout::promote(kind, b.kind());
    }
    let mut out = t.convert(kind);
    if let Some(lo) = lo {
        out = arith(
            &Val::T(&out),
            &lo,
            kind,
            |x, y| if x.is_nan() { x } else { x.max(y) },
            i64::max,
            |x, y| x || y,
        )?;
    }
    if let Some(hi) = hi {
        out = arith(
            &Val::T(&out),
            &hi,
            kind,
            |x, y| if x.is_nan() { x } else { x.min(y) },
            i64::min,
            |x, y| x && y,
        )?;
    }
    Ok(out)
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
    fn atan2_broadcasts_and_gives_floats() {
        use std::f32::consts::{FRAC_PI_2, FRAC_PI_4, PI};
        let y = f(&[2, 1], &[1.0, -1.0]);
        let x = Tensor::i64(vec![3], vec![1, 0, -1]);
        let r = run1(
            "aten.atan2.default",
            &[("self", y.clone()), ("other", x.clone())],
            &[],
        );
        assert_close(
            &floats(&r),
            &[
                FRAC_PI_4,
                FRAC_PI_2,
                3.0 * FRAC_PI_4,
                -FRAC_PI_4,
                -FRAC_PI_2,
                -3.0 * FRAC_PI_4,
            ],
            1e-7,
        );
        let r = run1(
            "aten.atan2.out",
            &[
                ("self", f(&[2], &[0.0, -0.0])),
                ("other", f(&[2], &[-1.0, -1.0])),
                ("out", f(&[2], &[9.0, 9.0])),
            ],
            &[],
        );
        assert_eq!(r, f(&[2], &[PI, -PI]));
    }

    #[test]
    fn add_broadcasts_with_alpha_and_promotes_numbers() {
        let a = f(&[2, 1], &[1.0, 2.0]);
        let b = f(&[3], &[10.0, 20.0, 30.0]);
        let r = run1(
            "aten.add.Tensor",
            &[("self", a), ("other", b)],
            &[("alpha", Attr::Int(2))],
        );
        assert_eq!(r, f(&[2, 3], &[21.0, 41.0, 61.0, 22.0, 42.0, 62.0]));
        // An integer tensor plus a float number is a float tensor.
        let r = run1(
            "aten.add.Tensor",
            &[("self", Tensor::i64(vec![2], vec![1, 2]))],
            &[("other", Attr::Float(0.5)), ("alpha", Attr::Int(1))],
        );
        assert_eq!(r, f(&[2], &[1.5, 2.5]));
        // ... and plus an integer number stays integer.
        let r = run1(
            "aten.add.Tensor",
            &[("self", Tensor::i64(vec![2], vec![1, 2]))],
            &[("other", Attr::Int(0))],
        );
        assert_eq!(r, Tensor::i64(vec![2], vec![1, 2]));
        let r = run1(
            "aten.rsub.Scalar",
            &[("self", f(&[2], &[1.0, 2.0]))],
            &[("other", Attr::Float(1.0))],
        );
        assert_eq!(r, f(&[2], &[0.0, -1.0]));
    }

    #[test]
    fn division_modes_and_integer_rules() {
        let a = Tensor::i64(vec![4], vec![7, -7, 7, -7]);
        let b = Tensor::i64(vec![4], vec![2, 2, -2, -2]);
        let r = run1(
            "aten.div.Tensor",
            &[("self", a.clone()), ("other", b.clone())],
            &[],
        );
        assert_eq!(r, f(&[4], &[3.5, -3.5, -3.5, 3.5]));
        let r = run1(
            "aten.div.Tensor_mode",
            &[("self", a.clone()), ("other", b.clone())],
            &[("rounding_mode", Attr::Str("floor".into()))],
        );
        assert_eq!(r, Tensor::i64(vec![4], vec![3, -4, -4, 3]));
        let r = run1(
            "aten.div.Tensor_mode",
            &[("self", a.clone()), ("other", b.clone())],
            &[("rounding_mode", Attr::Str("trunc".into()))],
        );
        assert_eq!(r, Tensor::i64(vec![4], vec![3, -3, -3, 3]));
        let r = run1(
            "aten.remainder.Tensor",
            &[("self", a.clone()), ("other", b)],
            &[],
        );
        assert_eq!(r, Tensor::i64(vec![4], vec![1, 1, -1, -1]));
        let zero = Tensor::i64(vec![1], vec![0]);
        let err = run_op(
            "aten.div.Tensor_mode",
            &[("self", a), ("other", zero)],
            &[("rounding_mode", Attr::Str("floor".into()))],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("division by zero"), "{err}");
    }

    #[test]
    fn comparisons_logic_and_where() {
        let a = Tensor::i64(vec![3], vec![1, 2, 3]);
        let r = run1(
            "aten.ge.Scalar",
            &[("self", a.clone())],
            &[("other", Attr::Float(1.5))],
        );
        assert_eq!(r, Tensor::bool(vec![3], vec![false, true, true]));
        let r = run1(
            "aten.ne.Scalar",
            &[("self", a.clone())],
            &[("other", Attr::Int(2))],
        );
        assert_eq!(r, Tensor::bool(vec![3], vec![true, false, true]));
        let col = Tensor::i64(vec![3, 1], vec![1, 2, 3]);
        let r = run1(
            "aten.le.Tensor",
            &[("self", a.clone()), ("other", col)],
            &[],
        );
        assert_eq!(
            r,
            Tensor::bool(
                vec![3, 3],
                vec![true, false, false, true, true, false, true, true, true]
            )
        );
        let t = Tensor::bool(vec![], vec![true]);
        let m = Tensor::bool(vec![2], vec![true, false]);
        let r = run1(
            "aten.__and__.Tensor",
            &[("self", t), ("other", m.clone())],
            &[],
        );
        assert_eq!(r, m);
        let r = run1(
            "aten.where.self",
            &[
                ("condition", m),
                ("self", Tensor::f32(vec![], vec![0.0])),
                ("other", Tensor::f32(vec![], vec![f32::NEG_INFINITY])),
            ],
            &[],
        );
        assert_eq!(r, f(&[2], &[0.0, f32::NEG_INFINITY]));
        let r = run1(
            "aten.bitwise_and.Tensor",
            &[("self", a), ("other", Tensor::i64(vec![], vec![6]))],
            &[],
        );
        assert_eq!(r, Tensor::i64(vec![3], vec![0, 2, 2]));
    }

    #[test]
    fn pow_keeps_integers_and_special_cases_floats() {
        let x = f(&[4], &[-2.0, -0.5, 0.5, 2.0]);
        let r = run1(
            "aten.pow.Tensor_Scalar",
            &[("self", x.clone())],
            &[("exponent", Attr::Float(3.0))],
        );
        assert_eq!(r, f(&[4], &[-8.0, -0.125, 0.125, 8.0]));
        let r = run1(
            "aten.pow.Tensor_Scalar",
            &[("self", Tensor::i64(vec![2], vec![3, -2]))],
            &[("exponent", Attr::Int(2))],
        );
        assert_eq!(r, Tensor::i64(vec![2], vec![9, 4]));
    }

    #[test]
    fn fill_and_clamp() {
        let x = f(&[3], &[-1.5, 0.0, 2.7]);
        let r = run1(
            "aten.masked_fill.Scalar",
            &[
                ("self", x.clone()),
                ("mask", Tensor::bool(vec![3], vec![true, false, false])),
            ],
            &[("value", Attr::Str("-inf".into()))],
        );
        assert_eq!(r, f(&[3], &[f32::NEG_INFINITY, 0.0, 2.7]));
        let r = run1(
            "aten.clamp.default",
            &[("self", x)],
            &[("min", Attr::Float(-1.0)), ("max", Attr::None)],
        );
        assert_eq!(r, f(&[3], &[-1.0, 0.0, 2.7]));
    }
}
