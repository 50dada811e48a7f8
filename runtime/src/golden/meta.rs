//! Metadata and scalar reads: `_local_scalar_dense` (a one-element tensor's value), the shape
//! queries `sym_size.int`, `sym_numel`, `sym_stride.int`, `sym_storage_offset` and
//! `sym_is_contiguous`, and `resize_`; the complex FFTs are refused.
//!
//! A graph holds the numbers these ops return as 0-d tensors: the shape queries give i64 (a
//! boolean for `sym_is_contiguous`), `_local_scalar_dense` keeps its input's kind. Every tensor
//! the interpreter holds is contiguous and row-major with storage offset 0, so strides are the
//! row-major ones (size-0 and size-1 dimensions count as 1, as PyTorch computes them) and
//! `is_contiguous` is true in the default format; in a channels-last format it holds when the
//! row-major strides also satisfy PyTorch's channels-last test. `resize_` to at most as many
//! elements keeps the leading ones; growing is refused (the new elements would be
//! uninitialised memory).

use crate::program::Attr;
use crate::tensor::{Data, Tensor};

use super::args::{Ctx, Fail, fail};
use super::layout::{numel, shape_of, wrap_dim};

/// Runs the metadata op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Tensor, Fail>> {
    let r = match name {
        "aten._local_scalar_dense.default" => local_scalar(ctx),
        "aten.sym_size.int" => query(ctx, |t, d| t.shape[d] as i64),
        "aten.sym_stride.int" => query(ctx, |t, d| contiguous_strides(&t.shape)[d]),
        "aten.sym_numel.default" => ctx.tensor("self").map(|t| int(t.numel() as i64)),
        "aten.sym_storage_offset.default" => ctx.tensor("self").map(|_| int(0)),
        "aten.sym_is_contiguous.default" => is_contiguous(ctx),
        "aten.resize_.default" => resize(ctx),
        "aten._fft_r2c.default" | "aten._fft_c2r.default" | "aten._fft_c2c.default" => {
            fail(format!(
                "{name} computes with complex numbers, which the reference interpreter does not \
                 represent (its tensors hold floats, integers or booleans)"
            ))
        }
        _ => return None,
    };
    Some(r)
}

fn int(v: i64) -> Tensor {
    Tensor::i64(vec![], vec![v])
}

/// Row-major strides as PyTorch computes them for a contiguous tensor.
fn contiguous_strides(shape: &[usize]) -> Vec<i64> {
    let mut s = vec![1i64; shape.len()];
    for d in (0..shape.len().saturating_sub(1)).rev() {
        s[d] = s[d + 1] * shape[d + 1].max(1) as i64;
    }
    s
}

fn local_scalar(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    if t.numel() != 1 {
        return fail(format!(
            "a tensor with {} elements cannot be read as one number ({t})",
            t.numel()
        ));
    }
    Ok(Tensor {
        shape: vec![],
        data: t.data.clone(),
    })
}

/// A per-dimension query of `self` at `dim` (a 0-d tensor has no dimensions to ask about).
fn query(ctx: &Ctx<'_>, f: impl Fn(&Tensor, usize) -> i64) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    if t.shape.is_empty() {
        return fail("a 0-d tensor has no dimensions to query");
    }
    let d = wrap_dim(ctx.int("dim")?, t.shape.len())?;
    Ok(int(f(t, d)))
}

fn is_contiguous(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let format = match ctx.attr("memory_format") {
        None => "contiguous_format".to_owned(),
        Some(Attr::Int(i)) => match i {
            0 => "contiguous_format",
            1 => "preserve_format",
            2 => "channels_last",
            3 => "channels_last_3d",
            _ => return fail(format!("memory format {i} is not one PyTorch has")),
        }
        .to_owned(),
        Some(a) => match a.as_str() {
            Some(s) => s.trim_start_matches("torch.").to_owned(),
            None => return fail(format!("memory_format {a:?} is not a memory format")),
        },
    };
    // PyTorch's test: walking the dimensions from fastest to slowest, every dimension of size
    // other than 1 has the stride of the elements walked so far.
    let order: &[usize] = match (format.as_str(), t.shape.len()) {
        ("contiguous_format" | "preserve_format", _) => {
            return Ok(Tensor::bool(vec![], vec![true]));
        }
        ("channels_last", 4) => &[1, 3, 2, 0],
        ("channels_last_3d", 5) => &[1, 4, 3, 2, 0],
        ("channels_last" | "channels_last_3d", _) => {
            return Ok(Tensor::bool(vec![], vec![false]));
        }
        (other, _) => return fail(format!("'{other}' is not a memory format")),
    };
    let strides = contiguous_strides(&t.shape);
    let mut expected = 1i64;
    let mut ok = true;
    for &d in order {
        let size = t.shape[d];
        if size != 1 {
            if strides[d] != expected {
                ok = false;
                break;
            }
            expected = expected.saturating_mul(size as i64);
        }
    }
    Ok(Tensor::bool(vec![], vec![ok]))
}

fn resize(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let shape = shape_of(&ctx.ints("size")?)?;
    let n = numel(&shape)?;
    if n > t.numel() {
        return fail(format!(
            "resize_ from {t} to {shape:?} grows the tensor; its new elements would be \
             uninitialised memory, which the reference interpreter cannot reproduce"
        ));
    }
    let data = match &t.data {
        Data::F32(v) => Data::F32(v[..n].to_vec()),
        Data::I64(v) => Data::I64(v[..n].to_vec()),
        Data::Bool(v) => Data::Bool(v[..n].to_vec()),
    };
    Ok(Tensor { shape, data })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    fn i(v: i64) -> Tensor {
        Tensor::i64(vec![], vec![v])
    }

    #[test]
    fn shape_queries_are_0d_integers() {
        let x = iota(&[2, 0, 3]);
        let q = |name: &str, attrs: &[(&str, Attr)]| run1(name, &[("self", x.clone())], attrs);
        assert_eq!(q("aten.sym_size.int", &[("dim", Attr::Int(-1))]), i(3));
        assert_eq!(q("aten.sym_numel.default", &[]), i(0));
        assert_eq!(q("aten.sym_stride.int", &[("dim", Attr::Int(0))]), i(3));
        assert_eq!(q("aten.sym_stride.int", &[("dim", Attr::Int(2))]), i(1));
        assert_eq!(q("aten.sym_storage_offset.default", &[]), i(0));
        assert_eq!(
            q("aten.sym_is_contiguous.default", &[]),
            Tensor::bool(vec![], vec![true])
        );
        let cl = |shape: &[usize]| {
            run1(
                "aten.sym_is_contiguous.default",
                &[("self", iota(shape))],
                &[("memory_format", Attr::Str("channels_last".into()))],
            )
        };
        assert_eq!(cl(&[2, 3, 4, 5]), Tensor::bool(vec![], vec![false]));
        assert_eq!(cl(&[2, 1, 4, 5]), Tensor::bool(vec![], vec![true]));
        assert_eq!(cl(&[2, 3, 1, 1]), Tensor::bool(vec![], vec![true]));
        assert!(
            run_op(
                "aten.sym_size.int",
                &[("self", x)],
                &[("dim", Attr::Int(3))],
                1
            )
            .is_err()
        );
    }

    #[test]
    fn local_scalar_and_resize() {
        let r = run1(
            "aten._local_scalar_dense.default",
            &[("self", Tensor::i64(vec![1, 1], vec![7]))],
            &[],
        );
        assert_eq!(r, i(7));
        let err = run_op(
            "aten._local_scalar_dense.default",
            &[("self", iota(&[2]))],
            &[],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("2 elements"), "{err}");
        let r = run1(
            "aten.resize_.default",
            &[("self", iota(&[2, 3]))],
            &[("size", ints(&[2, 2]))],
        );
        assert_eq!(r, Tensor::f32(vec![2, 2], vec![0.0, 1.0, 2.0, 3.0]));
        let err = run_op(
            "aten.resize_.default",
            &[("self", iota(&[2]))],
            &[("size", ints(&[3]))],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("grows the tensor"), "{err}");
        let err = run_op(
            "aten._fft_r2c.default",
            &[("self", iota(&[4]))],
            &[
                ("dim", ints(&[0])),
                ("normalization", Attr::Int(0)),
                ("onesided", Attr::Bool(true)),
            ],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("complex numbers"), "{err}");
        let err = run_op("aten.randperm.default", &[], &[("n", Attr::Int(4))], 1).unwrap_err();
        assert!(err.to_string().contains("random op"), "{err}");
    }
}
