//! Indexing and joining: `embedding`, `_embedding_bag`, `index.Tensor` (advanced indexing),
//! `index_select`, `gather`, `cat`, `stack`, `split`, `split_with_sizes`, `chunk`, `unbind`.
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
        "aten._embedding_bag.default" | "aten._embedding_bag_forward_only.default" => {
            Some(embedding_bag(ctx))
        }
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
pub(super) fn checked_indices(t: &Tensor, size: usize, what: &str) -> Result<Vec<usize>, Fail> {
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

/// `_embedding_bag`: bag `b` holds the indices from `offsets[b]` up to the next offset (the last
/// bag up to the end of `indices`, also with `include_last_offset`, which drops the last offset
/// as a bag start), reduced by `mode` 0 (sum, optionally weighted by `per_sample_weights`),
/// 1 (mean) or 2 (elementwise max); indices equal to `padding_idx` (when non-negative) are
/// skipped, and an empty bag gives zeros. The other results are those of PyTorch's CPU kernel:
/// `offset2bag` (each index's bag; empty for an unweighted or float-weighted sum without
/// padding, which PyTorch computes on its fast path), `bag_size` (the non-padding indices per
/// bag) and `max_indices` (the weight row of each maximum in mode 2, zeros otherwise).
fn embedding_bag(ctx: &Ctx<'_>) -> Result<Vec<Tensor>, Fail> {
    let weight = ctx.tensor("weight")?;
    let indices = ctx.tensor("indices")?;
    let offsets = ctx.tensor("offsets")?;
    let mode = ctx.int_or("mode", 0)?;
    let include_last = ctx.bool_or("include_last_offset", false)?;
    let padding_idx = ctx.int_or("padding_idx", -1)?;
    let per_sample = ctx.opt_tensor("per_sample_weights")?;
    if weight.kind() != Kind::Float || weight.shape.len() != 2 {
        return fail(format!("weight must be a 2-d float tensor, found {weight}"));
    }
    if indices.shape.len() != 1 || offsets.shape.len() != 1 {
        return fail(format!(
            "indices {indices} and offsets {offsets} must be 1-d"
        ));
    }
    if offsets.kind() != Kind::Int {
        return fail(format!("offsets must be integers, found {offsets}"));
    }
    if !(0..=2).contains(&mode) {
        return fail(format!("mode {mode} is not 0 (sum), 1 (mean) or 2 (max)"));
    }
    let (rows, dim) = (weight.shape[0], weight.shape[1]);
    let idx = checked_indices(indices, rows, "embedding_bag indices")?;
    let off = layout::ints(offsets);
    let n = idx.len();
    if include_last && off.is_empty() {
        return fail("include_last_offset needs at least one offset");
    }
    let bags = off.len() - usize::from(include_last);
    if let Some(&first) = off.first()
        && first != 0
    {
        return fail(format!("offsets[0] must be 0, found {first}"));
    }
    if off.windows(2).any(|w| w[1] < w[0]) || off.last().is_some_and(|&l| l > n as i64) {
        return fail(format!(
            "offsets {offsets} must be non-decreasing and at most the number of indices ({n})"
        ));
    }
    let psw = match per_sample {
        None => None,
        Some(_) if mode != 0 => {
            return fail("per_sample_weights are only supported in sum mode (0)");
        }
        Some(w) if w.shape != indices.shape => {
            return fail(format!(
                "per_sample_weights {w} must have the shape of indices {indices}"
            ));
        }
        Some(w) => Some(layout::floats(w)),
    };
    let wv = layout::floats(weight);
    let padded = |i: usize| padding_idx >= 0 && idx[i] as i64 == padding_idx;
    let mut out = vec![0f32; bags * dim];
    let mut bag_of = vec![0i64; n];
    let mut bag_size = vec![0i64; bags];
    let mut max_idx = vec![0i64; if mode == 2 { bags * dim } else { bags }];
    for b in 0..bags {
        let start = off[b] as usize;
        let end = if b + 1 < bags { off[b + 1] as usize } else { n };
        let row = &mut out[b * dim..(b + 1) * dim];
        let mut acc = vec![0f64; dim];
        let mut count = 0;
        for i in start..end {
            bag_of[i] = b as i64;
            if padded(i) {
                continue;
            }
            let src = &wv[idx[i] * dim..(idx[i] + 1) * dim];
            if mode == 2 {
                for j in 0..dim {
                    if count == 0 || src[j] > row[j] {
                        row[j] = src[j];
                        max_idx[b * dim + j] = idx[i] as i64;
                    }
                }
            } else {
                let scale = psw.as_ref().map_or(1.0, |w| w[i] as f64);
                for j in 0..dim {
                    acc[j] += src[j] as f64 * scale;
                }
            }
            count += 1;
        }
        if mode != 2 {
            let div = if mode == 1 { count.max(1) as f64 } else { 1.0 };
            for j in 0..dim {
                row[j] = (acc[j] / div) as f32;
            }
        }
        bag_size[b] = count as i64;
    }
    let fast_sum = mode == 0 && padding_idx < 0;
    let offset2bag = if fast_sum {
        Tensor::i64(vec![0], vec![])
    } else {
        Tensor::i64(vec![n], bag_of)
    };
    let max_shape = if mode == 2 {
        vec![bags, dim]
    } else {
        vec![bags]
    };
    Ok(vec![
        Tensor::f32(vec![bags, dim], out),
        offset2bag,
        Tensor::i64(vec![bags], bag_size),
        Tensor::i64(max_shape, max_idx),
    ])
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
pub(super) fn pick(t: &Tensor, offsets: &[usize], shape: Vec<usize>) -> Tensor {
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
    let (offsets, shape) = index_offsets(&t.shape, entries, b_shape)?;
    Ok(pick(t, &offsets, shape))
}

/// The flat offsets into a tensor of shape `t_shape` that advanced indexing with resolved
/// `entries` (see [`resolve_indices`]) reads, in the result's row-major order, and the result's
/// shape.
pub(super) fn index_offsets(
    t_shape: &[usize],
    entries: &[Option<Vec<usize>>],
    b_shape: &[usize],
) -> Result<(Vec<usize>, Vec<usize>), Fail> {
    let shape_t = if t_shape.is_empty() {
        vec![1]
    } else {
        t_shape.to_vec()
    };
    let st = strides(&shape_t);
    let indexed: Vec<usize> = (0..entries.len())
        .filter(|&d| entries[d].is_some())
        .collect();
    let rest: Vec<usize> = (0..shape_t.len())
        .filter(|d| !indexed.contains(d))
        .collect();
    let adjacent = indexed.windows(2).all(|w| w[1] == w[0] + 1);
    let (pre, post): (Vec<usize>, Vec<usize>) = match indexed.first() {
        Some(&first) if adjacent => rest.iter().partition(|&&d| d < first),
        _ => (vec![], rest.clone()),
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
    let mut shape: Vec<usize> = pre.iter().map(|&d| shape_t[d]).collect();
    shape.extend_from_slice(b_shape);
    shape.extend(post.iter().map(|&d| shape_t[d]));
    numel(&shape)?;
    let pre_off = offsets_over(&pre, &shape_t, &st);
    let post_off = offsets_over(&post, &shape_t, &st);
    let mut offsets = Vec::with_capacity(pre_off.len() * nb * post_off.len());
    for &p in &pre_off {
        for &b in &b_offsets {
            offsets.extend(post_off.iter().map(|&q| p + b + q));
        }
    }
    Ok((offsets, shape))
}

/// Resolves a `Tensor?[]` index list against `t`: boolean masks become the indices of their
/// true elements (one list per masked dimension), the index tensors broadcast together and are
/// checked and wrapped. Returns one entry per indexed dimension (`None` for a dimension taken
/// whole) and the broadcast shape, or `None` when every entry is absent.
#[allow(clippy::type_complexity)]
pub(super) fn resolve_indices(
    t: &Tensor,
    given: &[Option<&Tensor>],
) -> Result<Option<(Vec<Option<Vec<usize>>>, Vec<usize>)>, Fail> {
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
        return Ok(None);
    }
    let shapes: Vec<&[usize]> = entries
        .iter()
        .flatten()
        .map(|e| e.shape.as_slice())
        .collect();
    let b_shape = broadcast_all(&shapes)?;
    numel(&b_shape)?;
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
    Ok(Some((resolved, b_shape)))
}

fn index(ctx: &Ctx<'_>) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let given = ctx.opt_tensors("indices")?;
    match resolve_indices(t, &given)? {
        None => Ok(t.clone()),
        Some((resolved, b_shape)) => advanced_index(t, &resolved, &b_shape),
    }
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
    fn embedding_bag_modes() {
        // Rows [0, 1], [2, 3], [4, 5]; bags {0, 2}, {}, {1, 1}.
        let w = iota(&[3, 2]);
        let indices = Tensor::i64(vec![4], vec![0, 2, 1, 1]);
        let offsets = Tensor::i64(vec![3], vec![0, 2, 2]);
        let bag = |mode: i64, extra: &[(&str, Attr)], psw: Option<Tensor>| {
            let mut operands = vec![
                ("weight", w.clone()),
                ("indices", indices.clone()),
                ("offsets", offsets.clone()),
            ];
            if let Some(p) = psw {
                operands.push(("per_sample_weights", p));
            }
            let mut attrs = vec![("mode", Attr::Int(mode))];
            attrs.extend(extra.iter().cloned());
            run_op("aten._embedding_bag.default", &operands, &attrs, 4).unwrap()
        };
        let r = bag(0, &[], None);
        assert_eq!(
            r[0],
            Tensor::f32(vec![3, 2], vec![4.0, 6.0, 0.0, 0.0, 4.0, 6.0])
        );
        assert_eq!(r[1], Tensor::i64(vec![0], vec![]));
        assert_eq!(r[2], Tensor::i64(vec![3], vec![2, 0, 2]));
        let r = bag(1, &[], None);
        assert_eq!(
            r[0],
            Tensor::f32(vec![3, 2], vec![2.0, 3.0, 0.0, 0.0, 2.0, 3.0])
        );
        assert_eq!(r[1], Tensor::i64(vec![4], vec![0, 0, 2, 2]));
        let r = bag(2, &[], None);
        assert_eq!(
            r[0],
            Tensor::f32(vec![3, 2], vec![4.0, 5.0, 0.0, 0.0, 2.0, 3.0])
        );
        assert_eq!(r[3], Tensor::i64(vec![3, 2], vec![2, 2, 0, 0, 1, 1]));
        // Weighted sum; padding index 2 skipped in a mean.
        let psw = Tensor::f32(vec![4], vec![1.0, 0.5, 2.0, -1.0]);
        let r = bag(0, &[], Some(psw));
        assert_eq!(floats(&r[0]), vec![2.0, 3.5, 0.0, 0.0, 2.0, 3.0]);
        let r = bag(1, &[("padding_idx", Attr::Int(2))], None);
        assert_eq!(floats(&r[0]), vec![0.0, 1.0, 0.0, 0.0, 2.0, 3.0]);
        assert_eq!(r[2], Tensor::i64(vec![3], vec![1, 0, 2]));
        // The last offset closes the last bag: two bags.
        let r = bag(0, &[("include_last_offset", Attr::Bool(true))], None);
        assert_eq!(floats(&r[0]), vec![4.0, 6.0, 4.0, 6.0]);
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
