//! Views and copies: `view`/`reshape`/`_unsafe_view`, `expand`, `permute`, `transpose`, `t`,
//! `slice`, `select`, `diagonal`, `as_strided`, `unsqueeze`, `squeeze`, `flatten`, `unflatten`,
//! and the identities (`clone`, `contiguous`, `alias`, `detach`, `lift_fresh_copy`);
//! `_assert_tensor_metadata`.
//!
//! The interpreter has no aliasing: a view's values are copied out (row-major) through
//! [`layout::gather`]. That is exact, since the traced graphs are functional (no op writes
//! into a view). `as_strided` reads its input as contiguous row-major storage starting at
//! element 0 (what a tensor the graph computed is); its `storage_offset` counts from there.

use crate::tensor::Tensor;

use super::args::{Ctx, Fail, fail};
use super::layout::{self, gather_tensor, strides, wrap_dim, wrap_dims};

/// Runs the view op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Vec<Tensor>, Fail>> {
    let one = |r: Result<Tensor, Fail>| Some(r.map(|t| vec![t]));
    match name {
        "aten.view.default"
        | "aten._unsafe_view.default"
        | "aten.reshape.default"
        | "aten.view_copy.default"
        | "aten._reshape_alias.default" => one(reshape(ctx)),
        "aten.expand.default" | "aten.expand_copy.default" => one(expand(ctx)),
        "aten.permute.default" | "aten.permute_copy.default" => one(permute(ctx)),
        "aten.transpose.int" => one(transpose(ctx)),
        "aten.t.default" => one(t(ctx)),
        "aten.slice.Tensor" => one(slice(ctx)),
        "aten.select.int" => one(select(ctx)),
        "aten.diagonal.default" | "aten.diagonal_copy.default" => one(diagonal(ctx)),
        "aten.as_strided.default" | "aten.as_strided_copy.default" => one(as_strided(ctx)),
        "aten.unsqueeze.default" => one(unsqueeze(ctx)),
        "aten.squeeze.dim" | "aten.squeeze.dims" | "aten.squeeze.default" => one(squeeze(ctx)),
        "aten.flatten.using_ints" => one(flatten(ctx)),
        "aten.unflatten.int" => one(unflatten(ctx)),
        "aten.clone.default"
        | "aten.contiguous.default"
        | "aten.alias.default"
        | "aten.detach.default"
        | "aten.lift_fresh_copy.default" => one(ctx.tensor("self").cloned()),
        "aten._assert_tensor_metadata.default" => Some(assert_metadata(ctx).map(|()| vec![])),
        _ => None,
    }
}

/// `sizes` with at most one `-1` resolved against `numel` elements.
fn infer_shape(sizes: &[i64], numel: usize, from: &[usize]) -> Result<Vec<usize>, String> {
    let mut infer = None;
    let mut known: usize = 1;
    for (i, &s) in sizes.iter().enumerate() {
        match s {
            -1 if infer.is_none() => infer = Some(i),
            -1 => return Err(format!("size {sizes:?} has more than one -1")),
            s if s < 0 => return Err(format!("size {sizes:?} has a negative entry")),
            s => known = known.saturating_mul(s as usize),
        }
    }
    let mut shape: Vec<usize> = sizes.iter().map(|&s| s.max(0) as usize).collect();
    if let Some(i) = infer {
        if known == 0 || !numel.is_multiple_of(known) {
            return Err(format!(
                "shape {sizes:?} is invalid for a tensor of shape {from:?} ({numel} elements)"
            ));
        }
        shape[i] = numel / known;
    } else if known != numel {
        return Err(format!(
            "shape {sizes:?} is invalid for a tensor of shape {from:?} ({numel} elements)"
        ));
    }
    layout::numel(&shape)?;
    Ok(shape)
}

fn reshape(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let sizes = match ctx.opt_ints("size")? {
        Some(s) => s,
        None => ctx.ints("shape")?,
    };
    let shape = infer_shape(&sizes, t.numel(), &t.shape)?;
    Ok(Tensor {
        shape,
        data: t.data.clone(),
    })
}

fn expand(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let sizes = ctx.ints("size")?;
    if sizes.len() < t.shape.len() {
        return fail(format!(
            "cannot expand shape {:?} to {sizes:?}: fewer dimensions",
            t.shape
        ));
    }
    let lead = sizes.len() - t.shape.len();
    let mut shape = Vec::with_capacity(sizes.len());
    for (i, &s) in sizes.iter().enumerate() {
        let d = if i < lead {
            if s < 0 {
                return fail(format!(
                    "cannot expand shape {:?} to {sizes:?}: -1 in a new leading dimension",
                    t.shape
                ));
            }
            s as usize
        } else {
            let have = t.shape[i - lead];
            match s {
                -1 => have,
                s if s >= 0 && (s as usize == have || have == 1) => s as usize,
                _ => {
                    return fail(format!(
                        "cannot expand shape {:?} to {sizes:?}: dimension {i} is {have}",
                        t.shape
                    ));
                }
            }
        };
        shape.push(d);
    }
    layout::numel(&shape)?;
    Ok(layout::expand(t, &shape))
}

fn permute(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let dims = ctx.ints("dims")?;
    if dims.len() != t.shape.len() {
        return fail(format!(
            "permutation {dims:?} does not fit a tensor of rank {}",
            t.shape.len()
        ));
    }
    let perm = wrap_dims(&dims, t.shape.len())?;
    Ok(layout::permute(t, &perm))
}

fn swap(t: &Tensor, a: usize, b: usize) -> Tensor {
    if a == b || t.shape.is_empty() {
        return t.clone();
    }
    let mut perm: Vec<usize> = (0..t.shape.len()).collect();
    perm.swap(a, b);
    layout::permute(t, &perm)
}

fn transpose(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let rank = t.shape.len();
    let a = wrap_dim(ctx.int("dim0")?, rank)?;
    let b = wrap_dim(ctx.int("dim1")?, rank)?;
    Ok(swap(t, a, b))
}

fn t(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    match t.shape.len() {
        0 | 1 => Ok(t.clone()),
        2 => Ok(swap(t, 0, 1)),
        r => fail(format!(
            "t expects a tensor of at most 2 dimensions, found {r}"
        )),
    }
}

/// Python slice bounds: `None` is the end, negatives count from the end, all clamped.
fn slice_bounds(start: Option<i64>, end: Option<i64>, size: usize) -> (usize, usize) {
    let n = size as i64;
    let clamp = |v: i64| -> i64 {
        let v = if v < 0 { v.saturating_add(n) } else { v };
        v.clamp(0, n)
    };
    let s = clamp(start.unwrap_or(0));
    let e = clamp(end.unwrap_or(n)).max(s);
    (s as usize, e as usize)
}

fn slice(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    if t.shape.is_empty() {
        return fail("cannot slice a 0-d tensor");
    }
    let dim = wrap_dim(ctx.int_or("dim", 0)?, t.shape.len())?;
    let step = ctx.int_or("step", 1)?;
    if step <= 0 {
        return fail(format!("slice step must be positive, found {step}"));
    }
    let (s, e) = slice_bounds(ctx.opt_int("start")?, ctx.opt_int("end")?, t.shape[dim]);
    let len = (e - s).div_ceil(step as usize);
    let st = strides(&t.shape);
    let mut shape = t.shape.clone();
    shape[dim] = len;
    let mut view: Vec<isize> = st.iter().map(|&x| x as isize).collect();
    view[dim] = view[dim].saturating_mul(step as isize);
    let offset = if len == 0 { 0 } else { s * st[dim] };
    Ok(gather_tensor(t, offset, &view, &shape))
}

fn select(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    if t.shape.is_empty() {
        return fail("cannot select from a 0-d tensor");
    }
    let dim = wrap_dim(ctx.int("dim")?, t.shape.len())?;
    let size = t.shape[dim] as i64;
    let index = ctx.int("index")?;
    if index < -size || index >= size {
        return fail(format!(
            "index {index} is out of range for dimension {dim} of size {size}"
        ));
    }
    let index = if index < 0 { index + size } else { index } as usize;
    let st = strides(&t.shape);
    let mut shape = t.shape.clone();
    shape.remove(dim);
    let mut view: Vec<isize> = st.iter().map(|&x| x as isize).collect();
    view.remove(dim);
    Ok(gather_tensor(t, index * st[dim], &view, &shape))
}

/// The diagonal of the `dim1`/`dim2` planes, `offset` above (or, negative, below) the main
/// one, as the last dimension.
fn diagonal(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let rank = t.shape.len();
    if rank < 2 {
        return fail(format!("diagonal needs at least 2 dimensions, found {t}"));
    }
    let d1 = wrap_dim(ctx.int_or("dim1", 0)?, rank)?;
    let d2 = wrap_dim(ctx.int_or("dim2", 1)?, rank)?;
    if d1 == d2 {
        return fail(format!("diagonal dimensions {d1} and {d2} are the same"));
    }
    let offset = ctx.int_or("offset", 0)?;
    let (r0, c0) = if offset >= 0 {
        (0, offset)
    } else {
        (offset.saturating_neg(), 0)
    };
    let (s1, s2) = (t.shape[d1] as i64, t.shape[d2] as i64);
    let len = (s1 - r0).min(s2 - c0).max(0) as usize;
    let st = strides(&t.shape);
    let keep = (0..rank).filter(|&d| d != d1 && d != d2);
    let mut shape: Vec<usize> = keep.clone().map(|d| t.shape[d]).collect();
    let mut view: Vec<isize> = keep.map(|d| st[d] as isize).collect();
    shape.push(len);
    view.push((st[d1] + st[d2]) as isize);
    let start = if len == 0 || t.numel() == 0 {
        0
    } else {
        r0 as usize * st[d1] + c0 as usize * st[d2]
    };
    Ok(gather_tensor(t, start, &view, &shape))
}

/// The view of `size` with `stride` from `storage_offset` into the input's row-major elements.
fn as_strided(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let size = ctx.ints("size")?;
    let stride = ctx.ints("stride")?;
    if size.len() != stride.len() {
        return fail(format!(
            "as_strided: size {size:?} and stride {stride:?} differ in length"
        ));
    }
    if let Some(bad) = stride.iter().find(|&&s| s < 0) {
        return fail(format!("as_strided: stride {bad} is negative"));
    }
    let shape = layout::shape_of(&size)?;
    let offset = ctx.opt_int("storage_offset")?.unwrap_or(0);
    if offset < 0 {
        return fail(format!("as_strided: storage_offset {offset} is negative"));
    }
    if shape.contains(&0) {
        return Ok(gather_tensor(t, 0, &vec![0; shape.len()], &shape));
    }
    let last = size
        .iter()
        .zip(&stride)
        .map(|(&n, &s)| (n as i128 - 1) * s as i128)
        .sum::<i128>()
        + offset as i128;
    if last >= t.numel() as i128 {
        return fail(format!(
            "as_strided: size {size:?}, stride {stride:?} and offset {offset} reach element \
             {last} of {t}, which has {} elements",
            t.numel()
        ));
    }
    let view: Vec<isize> = size
        .iter()
        .zip(&stride)
        .map(|(&n, &s)| if n == 1 { 0 } else { s as isize })
        .collect();
    Ok(gather_tensor(t, offset as usize, &view, &shape))
}

fn unsqueeze(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let dim = wrap_dim(ctx.int("dim")?, t.shape.len() + 1)?;
    let mut shape = t.shape.clone();
    shape.insert(dim, 1);
    Ok(Tensor {
        shape,
        data: t.data.clone(),
    })
}

fn squeeze(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let rank = t.shape.len();
    let dims: Vec<usize> = match ctx.opt_ints("dim")? {
        Some(d) => wrap_dims(&d, rank)?,
        None => (0..rank).collect(),
    };
    let shape = t
        .shape
        .iter()
        .enumerate()
        .filter(|&(i, &s)| !(s == 1 && dims.contains(&i)))
        .map(|(_, &s)| s)
        .collect();
    Ok(Tensor {
        shape,
        data: t.data.clone(),
    })
}

fn flatten(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let rank = t.shape.len();
    if rank == 0 {
        return Ok(Tensor {
            shape: vec![1],
            data: t.data.clone(),
        });
    }
    let s = wrap_dim(ctx.int_or("start_dim", 0)?, rank)?;
    let e = wrap_dim(ctx.int_or("end_dim", -1)?, rank)?;
    if s > e {
        return fail(format!("flatten: start_dim {s} comes after end_dim {e}"));
    }
    let mut shape = t.shape[..s].to_vec();
    shape.push(t.shape[s..=e].iter().product());
    shape.extend_from_slice(&t.shape[e + 1..]);
    Ok(Tensor {
        shape,
        data: t.data.clone(),
    })
}

fn unflatten(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let dim = wrap_dim(ctx.int("dim")?, t.shape.len())?;
    let sizes = ctx.ints("sizes")?;
    let inner = infer_shape(&sizes, t.shape.get(dim).copied().unwrap_or(1), &t.shape)?;
    let mut shape = t.shape[..dim.min(t.shape.len())].to_vec();
    shape.extend(inner);
    shape.extend_from_slice(t.shape.get(dim + 1..).unwrap_or(&[]));
    Ok(Tensor {
        shape,
        data: t.data.clone(),
    })
}

/// Checks what `_assert_tensor_metadata` asserts (dtype and sizes); it has no results.
fn assert_metadata(ctx: &Ctx<'_>) -> Result<(), Fail> {
    let t = ctx.tensor("a")?;
    if let Some(kind) = ctx.dtype("dtype")?
        && kind != t.kind()
    {
        return fail(format!(
            "the tensor is {t} but the graph asserts dtype {}",
            ctx.opt_str("dtype")?.unwrap_or("?")
        ));
    }
    if let Some(size) = ctx.opt_ints("size")?
        && size
            .iter()
            .map(|&s| s as u64)
            .ne(t.shape.iter().map(|&s| s as u64))
    {
        return fail(format!(
            "the tensor is {t} but the graph asserts size {size:?}"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    #[test]
    fn diagonal_with_offsets_and_dims() {
        let x = iota(&[3, 4]);
        let diag = |x: &Tensor, attrs: &[(&str, Attr)]| {
            run1("aten.diagonal.default", &[("self", x.clone())], attrs)
        };
        assert_eq!(diag(&x, &[]), Tensor::f32(vec![3], vec![0.0, 5.0, 10.0]));
        assert_eq!(
            diag(&x, &[("offset", Attr::Int(1))]),
            Tensor::f32(vec![3], vec![1.0, 6.0, 11.0])
        );
        assert_eq!(
            diag(&x, &[("offset", Attr::Int(-1))]),
            Tensor::f32(vec![2], vec![4.0, 9.0])
        );
        assert_eq!(
            diag(&x, &[("offset", Attr::Int(5))]),
            Tensor::f32(vec![0], vec![])
        );
        // out[j, k] = y[k, j, k].
        let y = iota(&[2, 2, 3]);
        assert_eq!(
            diag(&y, &[("dim1", Attr::Int(0)), ("dim2", Attr::Int(-1))]),
            Tensor::f32(vec![2, 2], vec![0.0, 7.0, 3.0, 10.0])
        );
        let err = run_op(
            "aten.diagonal.default",
            &[("self", x)],
            &[("dim1", Attr::Int(1)), ("dim2", Attr::Int(-1))],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("are the same"), "{err}");
    }

    #[test]
    fn as_strided_reads_row_major_storage() {
        let x = iota(&[2, 3]);
        let r = run1(
            "aten.as_strided.default",
            &[("self", x.clone())],
            &[
                ("size", ints(&[2, 2])),
                ("stride", ints(&[1, 2])),
                ("storage_offset", Attr::Int(1)),
            ],
        );
        assert_eq!(r, Tensor::f32(vec![2, 2], vec![1.0, 3.0, 2.0, 4.0]));
        // Overlapping windows.
        let r = run1(
            "aten.as_strided.default",
            &[("self", x.clone())],
            &[("size", ints(&[3, 2])), ("stride", ints(&[1, 1]))],
        );
        assert_eq!(
            r,
            Tensor::f32(vec![3, 2], vec![0.0, 1.0, 1.0, 2.0, 2.0, 3.0])
        );
        let err = run_op(
            "aten.as_strided.default",
            &[("self", x)],
            &[
                ("size", ints(&[2, 3])),
                ("stride", ints(&[3, 1])),
                ("storage_offset", Attr::Int(1)),
            ],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("reach element 6"), "{err}");
    }

    #[test]
    fn reshape_infers_minus_one_and_checks_sizes() {
        let r = run1(
            "aten.view.default",
            &[("self", iota(&[2, 6]))],
            &[("size", ints(&[3, -1]))],
        );
        assert_eq!(r.shape, vec![3, 4]);
        let err = run_op(
            "aten.view.default",
            &[("self", iota(&[2, 6]))],
            &[("size", ints(&[5, -1]))],
            1,
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("is invalid for a tensor of shape [2, 6]"),
            "{err}"
        );
    }

    #[test]
    fn permutations_slices_and_selects() {
        let x = iota(&[2, 3]);
        let r = run1("aten.t.default", &[("self", x.clone())], &[]);
        assert_eq!(
            r,
            Tensor::f32(vec![3, 2], vec![0.0, 3.0, 1.0, 4.0, 2.0, 5.0])
        );
        let r = run1(
            "aten.transpose.int",
            &[("self", iota(&[2, 3, 2]))],
            &[("dim0", Attr::Int(0)), ("dim1", Attr::Int(-1))],
        );
        assert_eq!(r.shape, vec![2, 3, 2]);
        assert_eq!(
            floats(&r),
            vec![0.0, 6.0, 2.0, 8.0, 4.0, 10.0, 1.0, 7.0, 3.0, 9.0, 5.0, 11.0]
        );
        let r = run1(
            "aten.slice.Tensor",
            &[("self", iota(&[2, 5]))],
            &[
                ("dim", Attr::Int(1)),
                ("start", Attr::Int(-4)),
                ("end", Attr::Int(i64::MAX)),
                ("step", Attr::Int(2)),
            ],
        );
        assert_eq!(r, Tensor::f32(vec![2, 2], vec![1.0, 3.0, 6.0, 8.0]));
        let r = run1(
            "aten.slice.Tensor",
            &[("self", iota(&[4]))],
            &[
                ("dim", Attr::Int(0)),
                ("start", Attr::None),
                ("end", Attr::Int(2)),
            ],
        );
        assert_eq!(r, Tensor::f32(vec![2], vec![0.0, 1.0]));
        let r = run1(
            "aten.select.int",
            &[("self", x.clone())],
            &[("dim", Attr::Int(1)), ("index", Attr::Int(-1))],
        );
        assert_eq!(r, Tensor::f32(vec![2], vec![2.0, 5.0]));
        let err = run_op(
            "aten.select.int",
            &[("self", x)],
            &[("dim", Attr::Int(0)), ("index", Attr::Int(2))],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("out of range"), "{err}");
    }

    #[test]
    fn expand_unsqueeze_squeeze() {
        let x = Tensor::i64(vec![2, 1], vec![1, 2]);
        let r = run1(
            "aten.expand.default",
            &[("self", x.clone())],
            &[("size", ints(&[1, -1, 3]))],
        );
        assert_eq!(r, Tensor::i64(vec![1, 2, 3], vec![1, 1, 1, 2, 2, 2]));
        assert!(
            run_op(
                "aten.expand.default",
                &[("self", x.clone())],
                &[("size", ints(&[3, 3]))],
                1
            )
            .is_err()
        );
        let r = run1(
            "aten.unsqueeze.default",
            &[("self", x.clone())],
            &[("dim", Attr::Int(-1))],
        );
        assert_eq!(r.shape, vec![2, 1, 1]);
        let r = run1(
            "aten.squeeze.dim",
            &[("self", x.clone())],
            &[("dim", Attr::Int(0))],
        );
        assert_eq!(r.shape, vec![2, 1]);
        let r = run1(
            "aten.squeeze.dim",
            &[("self", x)],
            &[("dim", Attr::Int(-1))],
        );
        assert_eq!(r.shape, vec![2]);
    }
}
