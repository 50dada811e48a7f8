//! Matrix products: `mm`, `addmm`, `bmm`, `baddbmm`, `linear`, `matmul`, `mv`, `dot`.
//!
//! Float products go through the `gemm` crate in f32 with f32 accumulation, as PyTorch's CPU
//! BLAS does (results differ from PyTorch's only in summation order). Integer products (which
//! PyTorch also computes on the CPU) use a plain loop with wrapping arithmetic. Both operands
//! must have the same kind, as aten requires. `addmm`-style ops compute
//! `beta * self + alpha * (a @ b)`, ignoring `self` when `beta` is 0.

use crate::tensor::{Data, Kind, Tensor};

use super::args::{Ctx, Fail, Scalar, fail};
use super::layout::{self, broadcast_shapes, numel};

/// Runs the matmul op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Tensor, Fail>> {
    let r = match name {
        "aten.mm.default" => {
            two(ctx, "self", "mat2", 2, 2).and_then(|(a, b)| mm(a, b, "self", "mat2"))
        }
        "aten.bmm.default" => {
            two(ctx, "self", "mat2", 3, 3).and_then(|(a, b)| bmm(a, b, "self", "mat2"))
        }
        "aten.addmm.default" => two(ctx, "mat1", "mat2", 2, 2)
            .and_then(|(a, b)| mm(a, b, "mat1", "mat2"))
            .and_then(|p| add_scaled(ctx, p)),
        "aten.baddbmm.default" => two(ctx, "batch1", "batch2", 3, 3)
            .and_then(|(a, b)| bmm(a, b, "batch1", "batch2"))
            .and_then(|p| add_scaled(ctx, p)),
        "aten.linear.default" => linear(ctx),
        "aten.matmul.default" | "aten.mv.default" | "aten.dot.default" => {
            let other = if name == "aten.mv.default" {
                "vec"
            } else if name == "aten.dot.default" {
                "tensor"
            } else {
                "other"
            };
            match (ctx.tensor("self"), ctx.tensor(other)) {
                (Ok(a), Ok(b)) => matmul(a, b),
                (Err(e), _) | (_, Err(e)) => Err(e),
            }
        }
        _ => return None,
    };
    Some(r)
}

fn two<'a>(
    ctx: &Ctx<'a>,
    a: &str,
    b: &str,
    ra: usize,
    rb: usize,
) -> Result<(&'a Tensor, &'a Tensor), Fail> {
    let (x, y) = (ctx.tensor(a)?, ctx.tensor(b)?);
    if x.shape.len() != ra || y.shape.len() != rb {
        return fail(format!(
            "{a} and {b} must be {ra}-d and {rb}-d, found {:?} and {:?}",
            x.shape, y.shape
        ));
    }
    if x.kind() != y.kind() {
        return fail(format!("{a} and {b} differ in dtype: {x} and {y}"));
    }
    Ok((x, y))
}

/// `batch` products of row-major `[m, k]` and `[k, n]` matrices; the right operand's element
/// `(i, j)` of batch `b` is at `b * b_batch + i * b_rs + j * b_cs`.
#[allow(clippy::too_many_arguments)]
pub fn gemm_f32(
    a: &[f32],
    b: &[f32],
    b_batch: usize,
    b_rs: usize,
    b_cs: usize,
    batch: usize,
    (m, k, n): (usize, usize, usize),
) -> Vec<f32> {
    let mut out = vec![0.0f32; batch * m * n];
    if m == 0 || n == 0 || k == 0 {
        return out;
    }
    assert!(a.len() >= batch * m * k);
    assert!(b.len() > (batch - 1) * b_batch + (k - 1) * b_rs + (n - 1) * b_cs);
    let parallelism = if m * n * k >= 1 << 18 {
        gemm::Parallelism::Rayon(0)
    } else {
        gemm::Parallelism::None
    };
    for i in 0..batch {
        let dst = &mut out[i * m * n..(i + 1) * m * n];
        // SAFETY: the destination holds m*n elements with row stride n; the left operand m*k
        // with row stride k; the right operand's last element (k-1, n-1) is in bounds (asserted
        // above); the three do not overlap (the destination is a fresh buffer).
        unsafe {
            gemm::gemm(
                m,
                n,
                k,
                dst.as_mut_ptr(),
                1,
                n as isize,
                false,
                a[i * m * k..].as_ptr(),
                1,
                k as isize,
                b[i * b_batch..].as_ptr(),
                b_cs as isize,
                b_rs as isize,
                0.0,
                1.0,
                false,
                false,
                false,
                parallelism,
            );
        }
    }
    out
}

fn loop_i64(a: &[i64], b: &[i64], batch: usize, (m, k, n): (usize, usize, usize)) -> Vec<i64> {
    let mut out = vec![0i64; batch * m * n];
    for bi in 0..batch {
        for i in 0..m {
            for p in 0..k {
                let x = a[bi * m * k + i * k + p];
                for j in 0..n {
                    let o = &mut out[bi * m * n + i * n + j];
                    *o = o.wrapping_add(x.wrapping_mul(b[bi * k * n + p * n + j]));
                }
            }
        }
    }
    out
}

/// Batched product of contiguous `[batch, m, k]` and `[batch, k, n]` data.
fn batched(
    a: &Tensor,
    b: &Tensor,
    batch: usize,
    mkn: (usize, usize, usize),
) -> Result<Tensor, Fail> {
    let (m, _, n) = mkn;
    let shape = vec![batch, m, n];
    numel(&shape)?;
    Ok(match (&a.data, &b.data) {
        (Data::F32(x), Data::F32(y)) => {
            Tensor::f32(shape, gemm_f32(x, y, mkn.1 * n, n, 1, batch, mkn))
        }
        (Data::I64(x), Data::I64(y)) => Tensor::i64(shape, loop_i64(x, y, batch, mkn)),
        _ => return fail(format!("matrix products of {a} and {b} are not supported")),
    })
}

fn mm(a: &Tensor, b: &Tensor, an: &str, bn: &str) -> Result<Tensor, Fail> {
    let (m, k, k2, n) = (a.shape[0], a.shape[1], b.shape[0], b.shape[1]);
    if k != k2 {
        return fail(format!(
            "{an} has shape {:?} and {bn} {:?}: the inner dimensions differ",
            a.shape, b.shape
        ));
    }
    let mut r = batched(a, b, 1, (m, k, n))?;
    r.shape = vec![m, n];
    Ok(r)
}

fn bmm(a: &Tensor, b: &Tensor, an: &str, bn: &str) -> Result<Tensor, Fail> {
    if a.shape[0] != b.shape[0] || a.shape[2] != b.shape[1] {
        return fail(format!(
            "{an} has shape {:?} and {bn} {:?}: batch or inner dimensions differ",
            a.shape, b.shape
        ));
    }
    batched(a, b, a.shape[0], (a.shape[1], a.shape[2], b.shape[2]))
}

/// `beta * self + alpha * product`, with `self` broadcast to the product's shape.
fn add_scaled(ctx: &Ctx<'_>, product: Tensor) -> Result<Tensor, Fail> {
    let bias = ctx.tensor("self")?;
    let beta = ctx.opt_scalar("beta")?.unwrap_or(Scalar::Int(1));
    let alpha = ctx.opt_scalar("alpha")?.unwrap_or(Scalar::Int(1));
    if broadcast_shapes(&bias.shape, &product.shape)? != product.shape {
        return fail(format!(
            "self of shape {:?} does not broadcast to the product's shape {:?}",
            bias.shape, product.shape
        ));
    }
    let bias = layout::expand(bias, &product.shape);
    Ok(match (product.data, bias.data) {
        (Data::F32(p), Data::F32(s)) => {
            let (a, b) = (alpha.as_f64() as f32, beta.as_f64() as f32);
            let v: Vec<f32> = if b == 0.0 {
                p.iter().map(|&p| a * p).collect()
            } else if a == 1.0 && b == 1.0 {
                p.iter().zip(&s).map(|(&p, &s)| p + s).collect()
            } else {
                p.iter().zip(&s).map(|(&p, &s)| a * p + b * s).collect()
            };
            Tensor::f32(product.shape, v)
        }
        (Data::I64(p), Data::I64(s)) => {
            let (a, b) = (alpha.as_i64(), beta.as_i64());
            let v = p
                .iter()
                .zip(&s)
                .map(|(&p, &s)| a.wrapping_mul(p).wrapping_add(b.wrapping_mul(s)))
                .collect();
            Tensor::i64(product.shape, v)
        }
        (p, s) => {
            return fail(format!(
                "self and the product differ in dtype ({} and {})",
                kind_of(&s),
                kind_of(&p)
            ));
        }
    })
}

fn kind_of(d: &Data) -> &'static str {
    match d {
        Data::F32(_) => "float",
        Data::I64(_) => "integer",
        Data::Bool(_) => "boolean",
    }
}

/// `input @ weight.T + bias` over the last dimension of `input`.
fn linear(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let x = ctx.tensor("input")?;
    let w = ctx.tensor("weight")?;
    let bias = ctx.opt_tensor("bias")?;
    let Some(&k) = x.shape.last() else {
        return fail("linear's input must have at least one dimension");
    };
    if w.shape.len() > 2 || w.shape.is_empty() || *w.shape.last().unwrap_or(&0) != k {
        return fail(format!(
            "input has shape {:?} and weight {:?}: the inner dimensions differ",
            x.shape, w.shape
        ));
    }
    if x.kind() != w.kind() {
        return fail(format!("input and weight differ in dtype: {x} and {w}"));
    }
    let n = if w.shape.len() == 2 { w.shape[0] } else { 1 };
    let m: usize = x.shape[..x.shape.len() - 1].iter().product();
    let mut shape = x.shape[..x.shape.len() - 1].to_vec();
    if w.shape.len() == 2 {
        shape.push(n);
    }
    let mut out = match (&x.data, &w.data) {
        // The right operand is weight transposed: element (i, j) is weight[j * k + i].
        (Data::F32(a), Data::F32(b)) => {
            Tensor::f32(shape.clone(), gemm_f32(a, b, 0, 1, k, 1, (m, k, n)))
        }
        _ => {
            let wt = layout::permute(
                &w.convert(Kind::Int),
                if w.shape.len() == 2 { &[1, 0] } else { &[0] },
            );
            let mut r = batched(x, &wt, 1, (m, k, n))?;
            r.shape = shape.clone();
            r
        }
    };
    if let Some(b) = bias {
        if broadcast_shapes(&b.shape, &shape)? != shape {
            return fail(format!(
                "bias of shape {:?} does not broadcast to the output's shape {shape:?}",
                b.shape
            ));
        }
        let b = layout::expand(b, &shape);
        match (&mut out.data, &b.data) {
            (Data::F32(o), Data::F32(b)) => o.iter_mut().zip(b).for_each(|(o, b)| *o += b),
            (Data::I64(o), Data::I64(b)) => o
                .iter_mut()
                .zip(b)
                .for_each(|(o, b)| *o = o.wrapping_add(*b)),
            _ => return fail(format!("bias {b} and the output {out} differ in dtype")),
        }
    }
    Ok(out)
}

/// `torch.matmul`: vectors are promoted to matrices and back, batch dimensions broadcast.
pub fn matmul(a: &Tensor, b: &Tensor) -> Result<Tensor, Fail> {
    if a.shape.is_empty() || b.shape.is_empty() {
        return fail("matmul needs tensors of at least one dimension");
    }
    if a.kind() != b.kind() {
        return fail(format!("self and other differ in dtype: {a} and {b}"));
    }
    let (ar, br) = (a.shape.len(), b.shape.len());
    let a_shape: Vec<usize> = if ar == 1 {
        vec![1, a.shape[0]]
    } else {
        a.shape.clone()
    };
    let b_shape: Vec<usize> = if br == 1 {
        vec![b.shape[0], 1]
    } else {
        b.shape.clone()
    };
    let (m, k) = (a_shape[a_shape.len() - 2], a_shape[a_shape.len() - 1]);
    let (k2, n) = (b_shape[b_shape.len() - 2], b_shape[b_shape.len() - 1]);
    if k != k2 {
        return fail(format!(
            "self has shape {:?} and other {:?}: the inner dimensions differ",
            a.shape, b.shape
        ));
    }
    let batch_a = &a_shape[..a_shape.len() - 2];
    let batch_b = &b_shape[..b_shape.len() - 2];
    let batch_shape = broadcast_shapes(batch_a, batch_b)?;
    let batch = numel(&batch_shape)?;
    let full = |t: &Tensor, shape: &[usize], rows: usize, cols: usize| {
        let r = Tensor {
            shape: shape.to_vec(),
            data: t.data.clone(),
        };
        let mut to = batch_shape.clone();
        to.extend([rows, cols]);
        layout::expand(&r, &to)
    };
    let a3 = full(a, &a_shape, m, k);
    let b3 = full(b, &b_shape, k, n);
    let mut r = batched(&a3, &b3, batch, (m, k, n))?;
    let mut shape = batch_shape;
    if ar > 1 {
        shape.push(m);
    }
    if br > 1 {
        shape.push(n);
    }
    r.shape = shape;
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    #[test]
    fn addmm_applies_beta_and_alpha() {
        // [[1, 2], [3, 4]] @ [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
        let a = Tensor::f32(vec![2, 2], vec![1.0, 2.0, 3.0, 4.0]);
        let b = Tensor::f32(vec![2, 2], vec![5.0, 6.0, 7.0, 8.0]);
        let bias = Tensor::f32(vec![2], vec![1.0, -1.0]);
        let r = run1(
            "aten.addmm.default",
            &[
                ("self", bias.clone()),
                ("mat1", a.clone()),
                ("mat2", b.clone()),
            ],
            &[("beta", Attr::Float(0.5)), ("alpha", Attr::Int(2))],
        );
        assert_eq!(r, Tensor::f32(vec![2, 2], vec![38.5, 43.5, 86.5, 99.5]));
        let r = run1(
            "aten.addmm.default",
            &[
                ("self", Tensor::f32(vec![], vec![f32::NAN])),
                ("mat1", a),
                ("mat2", b),
            ],
            &[("beta", Attr::Int(0)), ("alpha", Attr::Int(1))],
        );
        assert_eq!(r, Tensor::f32(vec![2, 2], vec![19.0, 22.0, 43.0, 50.0]));
    }

    #[test]
    fn linear_and_broadcast_matmul() {
        let x = iota(&[2, 1, 3]);
        let w = Tensor::f32(vec![2, 3], vec![1.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
        let b = Tensor::f32(vec![2], vec![0.5, -0.5]);
        let r = run1(
            "aten.linear.default",
            &[("input", x.clone()), ("weight", w.clone()), ("bias", b)],
            &[],
        );
        assert_eq!(r, Tensor::f32(vec![2, 1, 2], vec![0.5, 2.5, 3.5, 11.5]));
        // [2, 1, 3] @ [3] -> [2, 1]
        let v = Tensor::f32(vec![3], vec![1.0, 1.0, 1.0]);
        let r = run1(
            "aten.matmul.default",
            &[("self", x.clone()), ("other", v)],
            &[],
        );
        assert_eq!(r, Tensor::f32(vec![2, 1], vec![3.0, 12.0]));
        // [2, 1, 3] @ [3, 2] broadcast over the batch.
        let wt = Tensor::f32(vec![3, 2], vec![1.0, 1.0, 0.0, 1.0, 0.0, 1.0]);
        let r = run1("aten.matmul.default", &[("self", x), ("other", wt)], &[]);
        assert_eq!(r, Tensor::f32(vec![2, 1, 2], vec![0.0, 3.0, 3.0, 12.0]));
        let r = run1(
            "aten.mm.default",
            &[
                ("self", Tensor::i64(vec![1, 2], vec![2, 3])),
                ("mat2", Tensor::i64(vec![2, 1], vec![4, 5])),
            ],
            &[],
        );
        assert_eq!(r, Tensor::i64(vec![1, 1], vec![23]));
    }

    #[test]
    fn large_products_match_a_plain_loop() {
        let (m, k, n) = (70, 300, 50);
        let a = Tensor::f32(
            vec![m, k],
            (0..m * k).map(|i| ((i * 7) % 13) as f32 - 6.0).collect(),
        );
        let b = Tensor::f32(
            vec![k, n],
            (0..k * n).map(|i| ((i * 5) % 11) as f32 - 5.0).collect(),
        );
        let r = run1(
            "aten.mm.default",
            &[("self", a.clone()), ("mat2", b.clone())],
            &[],
        );
        let (av, bv) = (floats(&a), floats(&b));
        let mut expected = vec![0.0f32; m * n];
        for i in 0..m {
            for j in 0..n {
                expected[i * n + j] = (0..k).map(|p| av[i * k + p] * bv[p * n + j]).sum();
            }
        }
        assert_eq!(floats(&r), expected);
    }
}
