//! A small evaluator of ttir ops on constant tensors, for the constant folder.
//!
//! Values are held as f64 and rounded to the result's element type after every op, so a
//! folded constant holds exactly what the typed computation would produce. Integers beyond 2^53
//! are not folded (they would not be exact).

use melior::ir::Type;
use ttc_dialects::TtirOp;
use ttc_dialects::shapes::normalize_dim;
use ttc_dialects::view::OpView;

/// A constant tensor.
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    pub shape: Vec<i64>,
    pub data: Vec<f64>,
}

/// Element types the folder handles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Element {
    Bool,
    Int { bits: u32, signed: bool },
    F16,
    BF16,
    F32,
    F64,
}

impl Element {
    /// The element kind of an MLIR type, `None` for unsupported ones.
    pub fn of(ty: Type<'_>) -> Option<Element> {
        let text = ty.to_string();
        Some(match text.as_str() {
            "i1" => Element::Bool,
            "f16" => Element::F16,
            "bf16" => Element::BF16,
            "f32" => Element::F32,
            "f64" => Element::F64,
            t => {
                let (signed, digits) = if let Some(d) = t.strip_prefix("ui") {
                    (false, d)
                } else if let Some(d) = t.strip_prefix("si") {
                    (true, d)
                } else {
                    (true, t.strip_prefix('i')?)
                };
                let bits: u32 = digits.parse().ok()?;
                if !matches!(bits, 8 | 16 | 32 | 64) {
                    return None;
                }
                Element::Int { bits, signed }
            }
        })
    }

    /// `v` as this element type holds it.
    pub fn round(self, v: f64) -> f64 {
        match self {
            Element::Bool => (v != 0.0) as i64 as f64,
            Element::Int { bits, signed } => {
                if !v.is_finite() {
                    return 0.0;
                }
                let t = v.trunc();
                let modulus = 2f64.powi(bits as i32);
                let wrapped = t.rem_euclid(modulus);
                if signed && wrapped >= modulus / 2.0 {
                    wrapped - modulus
                } else {
                    wrapped
                }
            }
            Element::F16 => half::f16::from_f64(v).to_f64(),
            Element::BF16 => half::bf16::from_f64(v).to_f64(),
            Element::F32 => v as f32 as f64,
            Element::F64 => v,
        }
    }

    fn is_int(self) -> bool {
        matches!(self, Element::Int { .. } | Element::Bool)
    }
}

fn strides(shape: &[i64]) -> Vec<i64> {
    let mut s = vec![1; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        s[i] = s[i + 1] * shape[i + 1];
    }
    s
}

fn count(shape: &[i64]) -> usize {
    shape.iter().product::<i64>().max(0) as usize
}

/// Multi-index of flat position `i` in `shape`.
fn unravel(mut i: i64, shape: &[i64]) -> Vec<i64> {
    let mut idx = vec![0; shape.len()];
    for d in (0..shape.len()).rev() {
        if shape[d] > 0 {
            idx[d] = i % shape[d];
            i /= shape[d];
        }
    }
    idx
}

/// `t` broadcast to `shape`.
fn broadcast_to(t: &Tensor, shape: &[i64]) -> Option<Vec<f64>> {
    if t.shape == shape {
        return Some(t.data.clone());
    }
    let offset = shape.len().checked_sub(t.shape.len())?;
    let src_strides = strides(&t.shape);
    let mut out = Vec::with_capacity(count(shape));
    for i in 0..count(shape) as i64 {
        let idx = unravel(i, shape);
        let mut src = 0;
        for (d, &size) in t.shape.iter().enumerate() {
            let j = if size == 1 { 0 } else { idx[d + offset] };
            src += j * src_strides[d];
        }
        out.push(t.data[src as usize]);
    }
    Some(out)
}

fn map(t: &Tensor, f: impl Fn(f64) -> f64) -> Vec<f64> {
    t.data.iter().map(|&v| f(v)).collect()
}

fn zip(a: &Tensor, b: &Tensor, shape: &[i64], f: impl Fn(f64, f64) -> f64) -> Option<Vec<f64>> {
    let (x, y) = (broadcast_to(a, shape)?, broadcast_to(b, shape)?);
    Some(x.iter().zip(&y).map(|(&p, &q)| f(p, q)).collect())
}

fn truth(v: f64) -> bool {
    v != 0.0
}

/// Evaluates `op` on constant operands; `None` when the op is not folded.
pub fn evaluate(
    op: TtirOp,
    view: &OpView<'_, '_>,
    ins: &[&Tensor],
    shape: &[i64],
    element: Element,
) -> Option<Tensor> {
    let exact = |t: &Tensor| t.data.iter().all(|v| v.abs() <= 9.0e15 || !v.is_finite());
    if !ins.iter().all(|t| exact(t)) {
        return None;
    }
    let b2 = |f: fn(f64, f64) -> f64| zip(ins[0], ins[1], shape, f);
    let data: Vec<f64> = match op {
        TtirOp::Constant => {
            let attr = view.attribute("value")?;
            return super::read_dense(attr, shape, element);
        }
        TtirOp::Full => {
            let attr = view.attribute("fill_value")?;
            let v = view.float_attr("fill_value").or_else(|| {
                melior::ir::attribute::AttributeLike::is_integer(&attr).then(|| unsafe {
                    mlir_sys::mlirIntegerAttrGetValueInt(
                        melior::ir::attribute::AttributeLike::to_raw(&attr),
                    )
                }
                    as f64)
            })?;
            vec![v; count(shape)]
        }
        TtirOp::Arange => {
            let (start, step) = (view.float_attr("start")?, view.float_attr("step")?);
            (0..count(shape)).map(|i| start + step * i as f64).collect()
        }
        TtirOp::Abs => map(ins[0], f64::abs),
        TtirOp::Neg => map(ins[0], |v| -v),
        TtirOp::Exp => map(ins[0], f64::exp),
        TtirOp::Log => map(ins[0], f64::ln),
        TtirOp::Log1p => map(ins[0], f64::ln_1p),
        TtirOp::Expm1 => map(ins[0], f64::exp_m1),
        TtirOp::Sqrt => map(ins[0], f64::sqrt),
        TtirOp::Rsqrt => map(ins[0], |v| 1.0 / v.sqrt()),
        TtirOp::Reciprocal => map(ins[0], |v| 1.0 / v),
        TtirOp::Sigmoid => map(ins[0], |v| 1.0 / (1.0 + (-v).exp())),
        TtirOp::Tanh => map(ins[0], f64::tanh),
        TtirOp::Relu => map(ins[0], |v| v.max(0.0)),
        TtirOp::Sin => map(ins[0], f64::sin),
        TtirOp::Cos => map(ins[0], f64::cos),
        TtirOp::Floor => map(ins[0], f64::floor),
        TtirOp::Ceil => map(ins[0], f64::ceil),
        TtirOp::Trunc => map(ins[0], f64::trunc),
        TtirOp::Round => map(ins[0], |v| {
            let r = v.round();
            if (v - v.trunc()).abs() == 0.5 {
                2.0 * (v / 2.0).round()
            } else {
                r
            }
        }),
        TtirOp::Sign => map(ins[0], |v| {
            if v > 0.0 {
                1.0
            } else if v < 0.0 {
                -1.0
            } else {
                0.0
            }
        }),
        TtirOp::LogicalNot => map(ins[0], |v| (!truth(v)) as i64 as f64),
        TtirOp::BitwiseNot if element.is_int() => {
            if element == Element::Bool {
                map(ins[0], |v| (!truth(v)) as i64 as f64)
            } else {
                map(ins[0], |v| !(v as i64) as f64)
            }
        }
        TtirOp::Isnan => map(ins[0], |v| v.is_nan() as i64 as f64),
        TtirOp::Isfinite => map(ins[0], |v| v.is_finite() as i64 as f64),
        TtirOp::Clamp => {
            let (lo, hi) = (view.float_attr("min"), view.float_attr("max"));
            map(ins[0], |v| {
                let v = lo.map_or(v, |l| v.max(l));
                hi.map_or(v, |h| v.min(h))
            })
        }
        TtirOp::Typecast => ins[0].data.clone(),
        TtirOp::Add => b2(|a, b| a + b)?,
        TtirOp::Subtract => b2(|a, b| a - b)?,
        TtirOp::Multiply => b2(|a, b| a * b)?,
        TtirOp::Div if !element.is_int() => b2(|a, b| a / b)?,
        TtirOp::Pow => b2(f64::powf)?,
        TtirOp::Maximum => b2(|a, b| {
            if a.is_nan() || b.is_nan() {
                f64::NAN
            } else {
                a.max(b)
            }
        })?,
        TtirOp::Minimum => b2(|a, b| {
            if a.is_nan() || b.is_nan() {
                f64::NAN
            } else {
                a.min(b)
            }
        })?,
        TtirOp::Remainder => b2(|a, b| a - (a / b).floor() * b)?,
        TtirOp::Eq => b2(|a, b| (a == b) as i64 as f64)?,
        TtirOp::Ne => b2(|a, b| (a != b) as i64 as f64)?,
        TtirOp::Gt => b2(|a, b| (a > b) as i64 as f64)?,
        TtirOp::Ge => b2(|a, b| (a >= b) as i64 as f64)?,
        TtirOp::Lt => b2(|a, b| (a < b) as i64 as f64)?,
        TtirOp::Le => b2(|a, b| (a <= b) as i64 as f64)?,
        TtirOp::LogicalAnd => b2(|a, b| (truth(a) && truth(b)) as i64 as f64)?,
        TtirOp::LogicalOr => b2(|a, b| (truth(a) || truth(b)) as i64 as f64)?,
        TtirOp::LogicalXor => b2(|a, b| (truth(a) != truth(b)) as i64 as f64)?,
        TtirOp::BitwiseAnd if element.is_int() => b2(|a, b| ((a as i64) & (b as i64)) as f64)?,
        TtirOp::BitwiseOr if element.is_int() => b2(|a, b| ((a as i64) | (b as i64)) as f64)?,
        TtirOp::BitwiseXor if element.is_int() => b2(|a, b| ((a as i64) ^ (b as i64)) as f64)?,
        TtirOp::Where => {
            let c = broadcast_to(ins[0], shape)?;
            let t = broadcast_to(ins[1], shape)?;
            let f = broadcast_to(ins[2], shape)?;
            c.iter()
                .zip(t.iter().zip(&f))
                .map(|(&c, (&t, &f))| if truth(c) { t } else { f })
                .collect()
        }
        TtirOp::Reshape => ins[0].data.clone(),
        TtirOp::Broadcast => broadcast_to(ins[0], shape)?,
        TtirOp::Transpose | TtirOp::Permute => {
            let rank = ins[0].shape.len();
            let perm: Vec<usize> = if op == TtirOp::Permute {
                view.i64_array_attr("permutation")?
                    .iter()
                    .map(|&p| p as usize)
                    .collect()
            } else {
                let d0 = normalize_dim(view.int_attr("dim0")?, rank)?;
                let d1 = normalize_dim(view.int_attr("dim1")?, rank)?;
                let mut p: Vec<usize> = (0..rank).collect();
                p.swap(d0, d1);
                p
            };
            let src_strides = strides(&ins[0].shape);
            (0..count(shape) as i64)
                .map(|i| {
                    let idx = unravel(i, shape);
                    let src: i64 = perm
                        .iter()
                        .enumerate()
                        .map(|(o, &p)| idx[o] * src_strides[p])
                        .sum();
                    ins[0].data[src as usize]
                })
                .collect()
        }
        TtirOp::Slice => {
            let (begins, steps) = (
                view.i64_array_attr("begins")?,
                view.i64_array_attr("steps")?,
            );
            let src_strides = strides(&ins[0].shape);
            (0..count(shape) as i64)
                .map(|i| {
                    let idx = unravel(i, shape);
                    let src: i64 = (0..shape.len())
                        .map(|d| (begins[d] + idx[d] * steps[d]) * src_strides[d])
                        .sum();
                    ins[0].data[src as usize]
                })
                .collect()
        }
        TtirOp::Concat => {
            let rank = shape.len();
            let dim = normalize_dim(view.int_attr("dim")?, rank)?;
            let mut out = Vec::with_capacity(count(shape));
            let outer: i64 = shape[..dim].iter().product();
            for o in 0..outer {
                for t in ins {
                    let inner: i64 = t.shape[dim..].iter().product();
                    let start = (o * inner) as usize;
                    out.extend_from_slice(&t.data[start..start + inner as usize]);
                }
            }
            out
        }
        TtirOp::Repeat => {
            let src_strides = strides(&ins[0].shape);
            (0..count(shape) as i64)
                .map(|i| {
                    let idx = unravel(i, shape);
                    let src: i64 = (0..shape.len())
                        .map(|d| (idx[d] % ins[0].shape[d].max(1)) * src_strides[d])
                        .sum();
                    ins[0].data[src as usize]
                })
                .collect()
        }
        TtirOp::Cumsum => {
            let dim = normalize_dim(view.int_attr("dim")?, shape.len())?;
            let st = strides(shape);
            let mut out = ins[0].data.clone();
            for i in 0..count(shape) as i64 {
                let idx = unravel(i, shape);
                if idx[dim] > 0 {
                    out[i as usize] = element.round(out[(i - st[dim]) as usize] + out[i as usize]);
                }
            }
            out
        }
        TtirOp::Sum
        | TtirOp::Mean
        | TtirOp::Max
        | TtirOp::Min
        | TtirOp::ReduceAnd
        | TtirOp::ReduceOr => {
            let input = ins[0];
            let rank = input.shape.len();
            let dims: Vec<usize> = match view.i64_array_attr("dim_arg") {
                Some(ds) => ds
                    .iter()
                    .map(|&d| normalize_dim(d, rank))
                    .collect::<Option<_>>()?,
                None => (0..rank).collect(),
            };
            let kept_shape: Vec<i64> = (0..rank)
                .map(|d| if dims.contains(&d) { 1 } else { input.shape[d] })
                .collect();
            let init = match op {
                TtirOp::Max => f64::NEG_INFINITY,
                TtirOp::Min => f64::INFINITY,
                TtirOp::ReduceAnd => 1.0,
                _ => 0.0,
            };
            let mut acc = vec![init; count(&kept_shape)];
            let kept_strides = strides(&kept_shape);
            for (i, &v) in input.data.iter().enumerate() {
                let idx = unravel(i as i64, &input.shape);
                let dst: i64 = (0..rank)
                    .map(|d| {
                        if dims.contains(&d) {
                            0
                        } else {
                            idx[d] * kept_strides[d]
                        }
                    })
                    .sum();
                let a = &mut acc[dst as usize];
                *a = match op {
                    TtirOp::Max => a.max(v),
                    TtirOp::Min => a.min(v),
                    TtirOp::ReduceAnd => (truth(*a) && truth(v)) as i64 as f64,
                    TtirOp::ReduceOr => (truth(*a) || truth(v)) as i64 as f64,
                    _ => *a + v,
                };
            }
            if op == TtirOp::Mean {
                let n: i64 = dims.iter().map(|&d| input.shape[d]).product();
                acc.iter_mut().for_each(|a| *a /= n as f64);
            }
            acc
        }
        TtirOp::Embedding => {
            let (indices, table) = (ins[0], ins[1]);
            let width = *table.shape.get(1)? as usize;
            let rows = *table.shape.first()?;
            let mut out = Vec::with_capacity(indices.data.len() * width);
            for &i in &indices.data {
                let r = i as i64;
                if !(0..rows).contains(&r) {
                    return None;
                }
                out.extend_from_slice(&table.data[r as usize * width..(r as usize + 1) * width]);
            }
            out
        }
        TtirOp::Gather | TtirOp::IndexSelect => {
            let (input, index) = (ins[0], ins[1]);
            let dim = normalize_dim(view.int_attr("dim")?, input.shape.len())?;
            let src_strides = strides(&input.shape);
            let index_strides = strides(&index.shape);
            (0..count(shape) as i64)
                .map(|i| {
                    let idx = unravel(i, shape);
                    let picked = if op == TtirOp::Gather {
                        let at: i64 = idx.iter().zip(&index_strides).map(|(a, s)| a * s).sum();
                        index.data[at as usize] as i64
                    } else {
                        index.data[idx[dim] as usize] as i64
                    };
                    let mut src_idx = idx.clone();
                    src_idx[dim] = if picked < 0 {
                        picked + input.shape[dim]
                    } else {
                        picked
                    };
                    let src: i64 = src_idx.iter().zip(&src_strides).map(|(a, s)| a * s).sum();
                    input.data.get(src as usize).copied().unwrap_or(f64::NAN)
                })
                .collect()
        }
        TtirOp::Pad => {
            let padding = view.i64_array_attr("padding")?;
            let value = view.float_attr("value").unwrap_or(0.0);
            let src_strides = strides(&ins[0].shape);
            (0..count(shape) as i64)
                .map(|i| {
                    let idx = unravel(i, shape);
                    let mut src = 0;
                    for d in 0..shape.len() {
                        let j = idx[d] - padding[2 * d];
                        if j < 0 || j >= ins[0].shape[d] {
                            return value;
                        }
                        src += j * src_strides[d];
                    }
                    ins[0].data[src as usize]
                })
                .collect()
        }
        TtirOp::Reverse => {
            let rank = shape.len();
            let dims: Vec<usize> = view
                .i64_array_attr("dimensions")?
                .iter()
                .map(|&d| normalize_dim(d, rank))
                .collect::<Option<_>>()?;
            let st = strides(shape);
            (0..count(shape) as i64)
                .map(|i| {
                    let idx = unravel(i, shape);
                    let src: i64 = (0..rank)
                        .map(|d| {
                            if dims.contains(&d) {
                                (shape[d] - 1 - idx[d]) * st[d]
                            } else {
                                idx[d] * st[d]
                            }
                        })
                        .sum();
                    ins[0].data[src as usize]
                })
                .collect()
        }
        _ => return None,
    };
    if data.len() != count(shape) {
        return None;
    }
    Some(Tensor {
        shape: shape.to_vec(),
        data: data.into_iter().map(|v| element.round(v)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_follows_the_element_type() {
        assert_eq!(
            Element::Int {
                bits: 8,
                signed: true
            }
            .round(130.7),
            -126.0
        );
        assert_eq!(
            Element::Int {
                bits: 8,
                signed: false
            }
            .round(-1.0),
            255.0
        );
        assert_eq!(Element::Bool.round(-3.0), 1.0);
        assert_eq!(Element::BF16.round(1.0 + 1.0 / 256.0), 1.0);
        assert_eq!(Element::F32.round(0.1), 0.1f32 as f64);
    }

    #[test]
    fn broadcasting_and_unravel() {
        let t = Tensor {
            shape: vec![2, 1],
            data: vec![1.0, 2.0],
        };
        assert_eq!(
            broadcast_to(&t, &[2, 3]).unwrap(),
            vec![1.0, 1.0, 1.0, 2.0, 2.0, 2.0]
        );
        assert_eq!(unravel(5, &[2, 3]), vec![1, 2]);
        assert_eq!(strides(&[2, 3, 4]), vec![12, 4, 1]);
    }
}
