//! Indexing and joining: `embedding`, `index.Tensor` (advanced indexing), `index_select`,
//! `gather`, `cat`, `stack`, `split`, `split_with_sizes`, `chunk`, `unbind`.
//!
//! `index.Tensor` follows NumPy/PyTorch advanced indexing: boolean masks become the indices of
//! their true elements, the index tensors broadcast together to a shape `B`, and the result is
//! `B` in place of the indexed dimensions when they are adjacent, or `B` first followed by the
//! remaining dimensions when an absent entry separates them. Indices may be negative (counted
//! from the end); out-of-range indices are errors.

use crate::tensor::{Data, Kind, Tensor};

use super::args::{Ctx, Fail, fail};
use super::layout::{self, broadcast_all, gather_tensor, numel, strides, wrap_dim};

/// Runs the indexing op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Vec<Tensor>, Fail>> {
    let one = |r: Result<Tensor, Fail>| Some(r.map(|t| vec![t]));
    match name {
        "aten.embedding.default" => one(embedding(ctx)),
        "aten.index.Tensor" => one(index(ctx)),
        "aten.index_select.default" => one(index_select(ctx)),
        "aten.gather.default" => one(gather_op(ctx)),
        "aten.cat.default" | "aten.concat.default" | "aten.concatenate.default" => one(ctx
            .tensors("tensors")
            .and_then(|ts| cat(&ts, ctx.int_or("dim", 0)?))),
        "aten.stack.default" => one(stack(ctx)),
        "aten.split.Tensor" | "aten.split_with_sizes.default" | "aten.chunk.default" => {
            Some(split(name, ctx))
        }
        "aten.unbind.int" => Some(unbind(ctx)),
        _ => None,
    }
}

/// An index tensor's values, checked against a dimension of size `size` and wrapped.
fn checked_indices(t: &Tensor, size: usize, what: &str) -> Result<Vec<usize>, Fail> {
    if t.kind() != Kind::Int {
        return fail(format!("{what} must be integers, found {t}"));
    }
    let n = size as i64;
    layout::ints(t)
        .iter()
        .map(|&i| {
            if i < -n || i >= n {
                fail(format!(
                    "{what}: index {i} is out of range for a dimension of size {size}"
                ))
            } else {
                Ok(if i < 0 { i + n } else { i } as usize)
            }
        })
        .collect()
}

/// Copies `rows` (each `width` elements starting at `row * width`) of `t` in order.
fn take_rows(t: &Tensor, rows: &[usize], width: usize, shape: Vec<usize>) -> Tensor {
    fn go<T: Copy>(v: &[T], rows: &[usize], width: usize) -> Vec<T> {
        let mut out = Vec::with_capacity(rows.len() * width);
        for &r in rows {
            out.extend_from_slice(&v[r * width..(r + 1) * width]);
        }
        out
    }
    let data = match &t.data {
        Data::F32(v) => Data::F32(go(v, rows, width)),
        Data::I64(v) => Data::I64(go(v, rows, width)),
        Data::Bool(v) => Data::Bool(go(v, rows, width)),
    };
    Tensor { shape, data }
}

fn embedding(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let weight = ctx.tensor("weight")?;
    let indices = ctx.tensor("indices")?;
    if weight.shape.len() != 2 {
        return fail(format!("embedding weight must be 2-d, found {weight}"));
    }
    let rows = checked_indices(indices, weight.shape[0], "embedding indices")?;
    let mut shape = indices.shape.clone();
    shape.push(weight.shape[1]);
    Ok(take_rows(weight, &rows, weight.shape[1], shape))
}

fn index_select(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let index = ctx.tensor("index")?;
    if index.shape.len() > 1 {
        return fail(format!(
            "index_select's index must be 0-d or 1-d, found {index}"
        ));
    }
    let dim = wrap_dim(ctx.int("dim")?, t.shape.len())?;
    let size = t.shape.get(dim).copied().unwrap_or(1);
    let idx = checked_indices(index, size, "index_select")?;
    let mut entries: Vec<Option<Vec<usize>>> = vec![None; t.shape.len().max(1)];
    entries[dim] = Some(idx);
    let mut out = advanced_index(t, &entries, &[index.numel()])?;
    if t.shape.is_empty() {
        out.shape = vec![];
    }
    Ok(out)
}

fn gather_op(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let index = ctx.tensor("index")?;
    let rank = t.shape.len();
    let dim = wrap_dim(ctx.int("dim")?, rank)?;
    if index.shape.len() != rank {
        return fail(format!("gather: index {index} and self {t} differ in rank"));
    }
    for d in 0..rank {
        if d != dim && index.shape[d] > t.shape[d] {
            return fail(format!(
                "gather: index {index} is larger than self {t} in dimension {d}"
            ));
        }
    }
    let size = t.shape.get(dim).copied().unwrap_or(1);
    let idx = checked_indices(index, size, "gather")?;
    let (st, ist) = (strides(&t.shape), strides(&index.shape));
    let offsets: Vec<usize> = (0..idx.len())
        .map(|i| {
            let mut off = 0;
            for d in 0..rank {
                let c = (i / ist[d]) % index.shape[d];
                off += if d == dim { idx[i] } else { c } * st[d];
            }
            off
        })
        .collect();
    Ok(pick(t, &offsets, index.shape.clone()))
}

/// The elements of `t` at flat `offsets`.
fn pick(t: &Tensor, offsets: &[usize], shape: Vec<usize>) -> Tensor {
    let data = match &t.data {
        Data::F32(v) => Data::F32(offsets.iter().map(|&o| v[o]).collect()),
        Data::I64(v) => Data::I64(offsets.iter().map(|&o| v[o]).collect()),
        Data::Bool(v) => Data::Bool(offsets.iter().map(|&o| v[o]).collect()),
    };
    Tensor { shape, data }
}

/// The flat offsets of every element of the sub-tensor over `dims` (row-major order).
fn offsets_over(dims: &[usize], shape: &[usize], st: &[usize]) -> Vec<usize> {
    let mut out = vec![0usize];
    for &d in dims {
        let mut next = Vec::with_capacity(out.len() * shape[d]);
        for &o in &out {
            for i in 0..shape[d] {
                next.push(o + i * st[d]);
            }
        }
        out = next;
    }
    out
}

/// Advanced indexing with resolved entries: `entries[d]` holds the (already broadcast, length
/// `numel(b_shape)`) indices of dimension `d`, or `None` for a dimension taken whole.
fn advanced_index(
    t: &Tensor,
    entries: &[Option<Vec<usize>>],
    b_shape: &[usize],
) -> Result<Tensor, Fail> {
    let rank = t.shape.len();
    let shape_t = if rank == 0 { vec![1] } else { t.shape.clone() };
    let st = strides(&shape_t);
    let indexed: Vec<usize> = (0..entries.len())
        .filter(|&d| entries[d].is_some())
        .collect();
    let rest: Vec<usize> = (0..shape_t.len())
        .filter(|d| !indexed.contains(d))
        .collect();
    let adjacent = indexed.windows(2).all(|w| w[1] == w[0] + 1);
    let (pre, post): (Vec<usize>, Vec<usize>) = if adjacent {
        rest.iter().partition(|&&d| d < indexed[0])
    } else {
        (vec![], rest.clone())
    };
    let nb = numel(b_shape)?;
    let b_offsets: Vec<usize> = (0..nb)
        .map(|i| {
            indexed
                .iter()
                .map(|&d| entries[d].as_ref().map_or(0, |v| v[i]) * st[d])
                .sum()
        })
        .collect();
    let pre_off = offsets_over(&pre, &shape_t, &st);
    let post_off = offsets_over(&post, &shape_t, &st);
    let mut shape: Vec<usize> = pre.iter().map(|&d| shape_t[d]).collect();
    shape.extend_from_slice(b_shape);
    shape.extend(post.iter().map(|&d| shape_t[d]));
    numel(&shape)?;
    let mut offsets = Vec::with_capacity(pre_off.len() * nb * post_off.len());
    for &p in &pre_off {
        for &b in &b_offsets {
            offsets.extend(post_off.iter().map(|&q| p + b + q));
        }
    }
    Ok(pick(t, &offsets, shape))
}

fn index(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let given = ctx.opt_tensors("indices")?;
    // Boolean masks stand for the indices of their true elements, one list per dimension.
    let mut entries: Vec<Option<Tensor>> = Vec::new();
    for e in given {
        match e {
            Some(m) if m.kind() == Kind::Bool => {
                let d0 = entries.len();
                let dims = m.shape.len();
                if d0 + dims > t.shape.len() || t.shape[d0..d0 + dims] != m.shape[..] {
                    return fail(format!(
                        "mask {m} does not match self {t} at dimension {d0}"
                    ));
                }
                let st = strides(&m.shape);
                let hits: Vec<usize> = layout::bools(m)
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| b)
                    .map(|(i, _)| i)
                    .collect();
                for (&stride, &size) in st.iter().zip(&m.shape) {
                    let v = hits.iter().map(|&i| ((i / stride) % size) as i64).collect();
                    entries.push(Some(Tensor::i64(vec![hits.len()], v)));
                }
            }
            other => entries.push(other.cloned()),
        }
    }
    if entries.len() > t.shape.len().max(1) || (t.shape.is_empty() && !entries.is_empty()) {
        return fail(format!(
            "too many indices ({}) for a tensor of rank {}",
            entries.len(),
            t.shape.len()
        ));
    }
    if entries.iter().all(Option::is_none) {
        return Ok(t.clone());
    }
    let shapes: Vec<&[usize]> = entries
        .iter()
        .flatten()
        .map(|e| e.shape.as_slice())
        .collect();
    let b_shape = broadcast_all(&shapes)?;
    let mut resolved = Vec::with_capacity(entries.len());
    for (d, e) in entries.iter().enumerate() {
        resolved.push(match e {
            None => None,
            Some(e) => Some(checked_indices(
                &layout::expand(e, &b_shape),
                t.shape[d],
                "index",
            )?),
        });
    }
    advanced_index(t, &resolved, &b_shape)
}

/// Concatenation along `dim`; kinds are promoted; 1-d empty tensors are skipped (as PyTorch's
/// legacy rule has it).
pub fn cat(tensors: &[&Tensor], dim: i64) -> Result<Tensor, Fail> {
    let parts: Vec<&Tensor> = tensors
        .iter()
        .copied()
        .filter(|t| !(t.shape.len() == 1 && t.shape[0] == 0))
        .collect();
    let Some(first) = parts.first() else {
        return match tensors.first() {
            Some(t) => Ok((*t).clone()),
            None => fail("cat needs at least one tensor"),
        };
    };
    let rank = first.shape.len();
    if rank == 0 {
        return fail("zero-dimensional tensors cannot be concatenated");
    }
    let d = wrap_dim(dim, rank)?;
    let mut kind = first.kind();
    let mut total = 0;
    for t in &parts {
        if t.shape.len() != rank
            || t.shape
                .iter()
                .zip(&first.shape)
                .enumerate()
                .any(|(i, (a, b))| i != d && a != b)
        {
            return fail(format!(
                "tensors {first} and {t} do not match outside dimension {d}"
            ));
        }
        kind = layout::promote(kind, t.kind());
        total += t.shape[d];
    }
    let inner: usize = first.shape[d + 1..].iter().product();
    let outer: usize = first.shape[..d].iter().product();
    let mut shape = first.shape.clone();
    shape[d] = total;
    numel(&shape)?;
    let converted: Vec<Tensor> = parts.iter().map(|t| t.convert(kind)).collect();
    fn join<T: Copy>(parts: Vec<(&[T], usize)>, outer: usize) -> Vec<T> {
        let mut out = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
        for o in 0..outer {
            for (v, w) in &parts {
                out.extend_from_slice(&v[o * w..(o + 1) * w]);
            }
        }
        out
    }
    let width = |t: &Tensor| t.shape[d] * inner;
    let data = match kind {
        Kind::Float => Data::F32(join(
            converted
                .iter()
                .map(|t| match &t.data {
                    Data::F32(v) => (v.as_slice(), width(t)),
                    _ => unreachable!("converted"),
                })
                .collect(),
            outer,
        )),
        Kind::Int => Data::I64(join(
            converted
                .iter()
                .map(|t| match &t.data {
                    Data::I64(v) => (v.as_slice(), width(t)),
                    _ => unreachable!("converted"),
                })
                .collect(),
            outer,
        )),
        Kind::Bool => Data::Bool(join(
            converted
                .iter()
                .map(|t| match &t.data {
                    Data::Bool(v) => (v.as_slice(), width(t)),
                    _ => unreachable!("converted"),
                })
                .collect(),
            outer,
        )),
    };
    Ok(Tensor { shape, data })
}

fn stack(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let ts = ctx.tensors("tensors")?;
    let Some(first) = ts.first() else {
        return fail("stack needs at least one tensor");
    };
    let dim = wrap_dim(ctx.int_or("dim", 0)?, first.shape.len() + 1)?;
    if let Some(t) = ts.iter().find(|t| t.shape != first.shape) {
        return fail(format!("stack: tensors {first} and {t} differ in shape"));
    }
    let expanded: Vec<Tensor> = ts
        .iter()
        .map(|t| {
            let mut shape = t.shape.clone();
            shape.insert(dim, 1);
            Tensor {
                shape,
                data: t.data.clone(),
            }
        })
        .collect();
    cat(&expanded.iter().collect::<Vec<_>>(), dim as i64)
}

/// `len` entries of dimension `d` of `t` from `start`.
fn narrow(t: &Tensor, d: usize, start: usize, len: usize) -> Tensor {
    let st = strides(&t.shape);
    let mut shape = t.shape.clone();
    shape[d] = len;
    let view: Vec<isize> = st.iter().map(|&x| x as isize).collect();
    gather_tensor(t, if len == 0 { 0 } else { start * st[d] }, &view, &shape)
}

fn split(name: &str, ctx: &Ctx<'_>) -> Result<Vec<Tensor>, Fail> {
    let t = ctx.tensor("self")?;
    if t.shape.is_empty() {
        return fail("cannot split a 0-d tensor");
    }
    let d = wrap_dim(ctx.int_or("dim", 0)?, t.shape.len())?;
    let size = t.shape[d];
    let sizes: Vec<usize> = match name {
        "aten.split_with_sizes.default" => {
            let s = ctx.ints("split_sizes")?;
            let total = s.iter().try_fold(
                0i64,
                |acc, &x| if x < 0 { None } else { acc.checked_add(x) },
            );
            if total != Some(size as i64) {
                return fail(format!(
                    "split sizes {s:?} do not add up to dimension {d} of size {size}"
                ));
            }
            s.iter().map(|&x| x as usize).collect()
        }
        "aten.chunk.default" => {
            let chunks = ctx.int("chunks")?;
            if chunks <= 0 {
                return fail(format!("chunks must be positive, found {chunks}"));
            }
            let each = size.div_ceil(chunks as usize).max(1);
            chunk_sizes(size, each)
        }
        _ => {
            let each = ctx.int("split_size")?;
            if each < 0 || (each == 0 && size != 0) {
                return fail(format!("split_size must be positive, found {each}"));
            }
            chunk_sizes(size, each as usize)
        }
    };
    let mut out = Vec::with_capacity(sizes.len());
    let mut start = 0;
    for s in sizes {
        out.push(narrow(t, d, start, s));
        start += s;
    }
    Ok(out)
}

fn chunk_sizes(size: usize, each: usize) -> Vec<usize> {
    if size == 0 {
        return vec![0];
    }
    (0..size.div_ceil(each))
        .map(|i| each.min(size - i * each))
        .collect()
}

fn unbind(ctx: &Ctx<'_>) -> Result<Vec<Tensor>, Fail> {
    let t = ctx.tensor("self")?;
    if t.shape.is_empty() {
        return fail("cannot unbind a 0-d tensor");
    }
    let d = wrap_dim(ctx.int_or("dim", 0)?, t.shape.len())?;
    Ok((0..t.shape[d])
        .map(|i| {
            let mut r = narrow(t, d, i, 1);
            r.shape.remove(d);
            r
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    #[test]
    fn embedding_gathers_rows() {
        let w = iota(&[4, 2]);
        let idx = Tensor::i64(vec![1, 3], vec![3, 0, -1]);
        let r = run1(
            "aten.embedding.default",
            &[("weight", w.clone()), ("indices", idx)],
            &[],
        );
        assert_eq!(
            r,
            Tensor::f32(vec![1, 3, 2], vec![6.0, 7.0, 0.0, 1.0, 6.0, 7.0])
        );
        let bad = Tensor::i64(vec![1], vec![4]);
        let err = run_op(
            "aten.embedding.default",
            &[("weight", w), ("indices", bad)],
            &[],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("index 4 is out of range"), "{err}");
    }

    #[test]
    fn index_broadcasts_its_index_tensors() {
        // x[rows[:, None], cols[None, :]] with x of shape [3, 4].
        let x = iota(&[3, 4]);
        let rows = Tensor::i64(vec![2, 1], vec![0, 2]);
        let cols = Tensor::i64(vec![1, 3], vec![1, 3, -4]);
        let r = run_op_lists(
            "aten.index.Tensor",
            &[
                ("self", vec![Some(x.clone())]),
                ("indices", vec![Some(rows), Some(cols)]),
            ],
            &[],
            1,
        )
        .unwrap()
        .remove(0);
        assert_eq!(
            r,
            Tensor::f32(vec![2, 3], vec![1.0, 3.0, 0.0, 9.0, 11.0, 8.0])
        );
        // x[:, idx] keeps the leading dimension (one index, adjacent).
        let idx = Tensor::i64(vec![2], vec![3, 0]);
        let r = run_op_lists(
            "aten.index.Tensor",
            &[
                ("self", vec![Some(x.clone())]),
                ("indices", vec![None, Some(idx)]),
            ],
            &[],
            1,
        )
        .unwrap()
        .remove(0);
        assert_eq!(
            r,
            Tensor::f32(vec![3, 2], vec![3.0, 0.0, 7.0, 4.0, 11.0, 8.0])
        );
        // y[i, :, j] on a [2, 3, 2] tensor: separated indices put B first.
        let y = iota(&[2, 3, 2]);
        let i = Tensor::i64(vec![2], vec![0, 1]);
        let j = Tensor::i64(vec![], vec![1]);
        let r = run_op_lists(
            "aten.index.Tensor",
            &[
                ("self", vec![Some(y)]),
                ("indices", vec![Some(i), None, Some(j)]),
            ],
            &[],
            1,
        )
        .unwrap()
        .remove(0);
        assert_eq!(
            r,
            Tensor::f32(vec![2, 3], vec![1.0, 3.0, 5.0, 7.0, 9.0, 11.0])
        );
        // A boolean mask selects rows.
        let m = Tensor::bool(vec![3], vec![true, false, true]);
        let r = run_op_lists(
            "aten.index.Tensor",
            &[("self", vec![Some(x)]), ("indices", vec![Some(m)])],
            &[],
            1,
        )
        .unwrap()
        .remove(0);
        assert_eq!(
            r,
            Tensor::f32(vec![2, 4], vec![0.0, 1.0, 2.0, 3.0, 8.0, 9.0, 10.0, 11.0])
        );
    }

    #[test]
    fn cat_promotes_and_split_chunks() {
        let a = Tensor::i64(vec![1, 1], vec![7]);
        let b = Tensor::f32(vec![1, 2], vec![0.5, 1.5]);
        let r = run_op_lists(
            "aten.cat.default",
            &[("tensors", vec![Some(a), Some(b)])],
            &[("dim", Attr::Int(-1))],
            1,
        )
        .unwrap()
        .remove(0);
        assert_eq!(r, Tensor::f32(vec![1, 3], vec![7.0, 0.5, 1.5]));
        let parts = run_op(
            "aten.split.Tensor",
            &[("self", iota(&[5, 1]))],
            &[("split_size", Attr::Int(2)), ("dim", Attr::Int(0))],
            3,
        )
        .unwrap();
        assert_eq!(parts[2], Tensor::f32(vec![1, 1], vec![4.0]));
        assert_eq!(parts[1], Tensor::f32(vec![2, 1], vec![2.0, 3.0]));
    }
}
