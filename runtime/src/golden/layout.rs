//! Shape arithmetic the op families share: dimension wrapping, broadcasting, element counts
//! and the strided gather every view materialises through.
//!
//! A view (permute, expand, slice, select, transpose) is an offset and one stride per output
//! dimension into its input's row-major data; [`gather`] copies it out contiguously.

use std::borrow::Cow;

use rayon::prelude::*;

use crate::tensor::{Data, Kind, Tensor};

/// The most elements one tensor may have (guards allocations against absurd shapes).
const MAX_ELEMENTS: u64 = 1 << 31;

/// Row-major strides of `shape`.
pub fn strides(shape: &[usize]) -> Vec<usize> {
    let mut s = vec![1; shape.len()];
    for d in (0..shape.len().saturating_sub(1)).rev() {
        s[d] = s[d + 1] * shape[d + 1];
    }
    s
}

/// Wraps a possibly negative dimension of a rank-`rank` tensor (a 0-d tensor accepts `0` and
/// `-1`, as PyTorch does).
pub fn wrap_dim(dim: i64, rank: usize) -> Result<usize, String> {
    let r = rank.max(1) as i64;
    if dim < -r || dim >= r {
        return Err(format!(
            "dimension {dim} is out of range for a tensor of rank {rank}"
        ));
    }
    Ok(if dim < 0 { dim + r } else { dim } as usize)
}

/// Wraps a list of dimensions, refusing repeats.
pub fn wrap_dims(dims: &[i64], rank: usize) -> Result<Vec<usize>, String> {
    let mut out = Vec::with_capacity(dims.len());
    for &d in dims {
        let w = wrap_dim(d, rank)?;
        if out.contains(&w) {
            return Err(format!("dimension {d} appears twice in {dims:?}"));
        }
        out.push(w);
    }
    Ok(out)
}

/// A shape from integer sizes, checked to be non-negative and of reasonable size.
pub fn shape_of(sizes: &[i64]) -> Result<Vec<usize>, String> {
    if let Some(bad) = sizes.iter().find(|&&s| s < 0) {
        return Err(format!("size {bad} in {sizes:?} is negative"));
    }
    let shape: Vec<usize> = sizes.iter().map(|&s| s as usize).collect();
    numel(&shape)?;
    Ok(shape)
}

/// The number of elements of `shape`, refusing absurd sizes: the product of its nonzero
/// dimensions must be at most `MAX_ELEMENTS` (so no stride computation can overflow, even
/// for a tensor with no elements).
pub fn numel(shape: &[usize]) -> Result<usize, String> {
    let mut extent: u64 = 1;
    for &d in shape {
        extent = extent.saturating_mul(d.max(1) as u64);
    }
    if extent > MAX_ELEMENTS {
        return Err(format!("shape {shape:?} is too large"));
    }
    Ok(shape.iter().product())
}

/// The broadcast of two shapes (numpy rules, aligned at the right).
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Result<Vec<usize>, String> {
    let rank = a.len().max(b.len());
    let mut out = vec![0; rank];
    for i in 0..rank {
        let da = if i + a.len() >= rank {
            a[i + a.len() - rank]
        } else {
            1
        };
        let db = if i + b.len() >= rank {
            b[i + b.len() - rank]
        } else {
            1
        };
        out[i] = match (da, db) {
            (x, y) if x == y => x,
            (1, y) => y,
            (x, 1) => x,
            _ => {
                return Err(format!(
                    "shapes {a:?} and {b:?} do not broadcast (dimension {i}: {da} vs {db})"
                ));
            }
        };
    }
    Ok(out)
}

/// The broadcast of several shapes.
pub fn broadcast_all(shapes: &[&[usize]]) -> Result<Vec<usize>, String> {
    let mut out = Vec::new();
    for s in shapes {
        out = broadcast_shapes(&out, s)?;
    }
    Ok(out)
}

/// Strides that read a row-major tensor of `shape` as if it had the broadcast shape `to`
/// (zero for new or size-1 dimensions). `to` must be a broadcast of `shape`.
pub fn broadcast_strides(shape: &[usize], to: &[usize]) -> Vec<isize> {
    let s = strides(shape);
    let lead = to.len() - shape.len();
    (0..to.len())
        .map(|i| {
            if i < lead || shape[i - lead] == 1 && to[i] != 1 {
                0
            } else {
                s[i - lead] as isize
            }
        })
        .collect()
}

/// Copies the view (`offset`, `strides`, `shape`) of `src` out in row-major order.
pub fn gather<T: Copy + Default + Send + Sync>(
    src: &[T],
    offset: usize,
    strides: &[isize],
    shape: &[usize],
) -> Vec<T> {
    let n: usize = shape.iter().product();
    if n == 0 {
        return Vec::new();
    }
    let Some((&inner, outer)) = shape.split_last() else {
        return vec![src[offset]];
    };
    let inner_stride = strides[shape.len() - 1];
    let row_start = |row: usize| -> isize {
        let mut rem = row;
        let mut base = offset as isize;
        for d in (0..outer.len()).rev() {
            base += (rem % outer[d]) as isize * strides[d];
            rem /= outer[d];
        }
        base
    };
    let mut out = vec![T::default(); n];
    let fill = |(row, chunk): (usize, &mut [T])| {
        let base = row_start(row);
        if inner_stride == 1 {
            let b = base as usize;
            chunk.copy_from_slice(&src[b..b + chunk.len()]);
        } else {
            for (j, o) in chunk.iter_mut().enumerate() {
                *o = src[(base + j as isize * inner_stride) as usize];
            }
        }
    };
    if n < 1 << 15 {
        out.chunks_mut(inner).enumerate().for_each(fill);
    } else {
        out.par_chunks_mut(inner)
            .with_min_len((1 << 14) / inner.max(1) + 1)
            .enumerate()
            .for_each(fill);
    }
    out
}

/// [`gather`] on a tensor of any kind.
pub fn gather_tensor(t: &Tensor, offset: usize, strides: &[isize], shape: &[usize]) -> Tensor {
    let data = match &t.data {
        Data::F32(v) => Data::F32(gather(v, offset, strides, shape)),
        Data::I64(v) => Data::I64(gather(v, offset, strides, shape)),
        Data::Bool(v) => Data::Bool(gather(v, offset, strides, shape)),
    };
    Tensor {
        shape: shape.to_vec(),
        data,
    }
}

/// `t` broadcast to `shape` (which must be a broadcast of `t.shape`).
pub fn expand(t: &Tensor, shape: &[usize]) -> Tensor {
    if t.shape == shape {
        return t.clone();
    }
    gather_tensor(t, 0, &broadcast_strides(&t.shape, shape), shape)
}

/// `[batch, rows, cols]` data transposed to `[batch, cols, rows]`, in cache-sized tiles.
fn transpose_last<T: Copy + Default + Send + Sync>(src: &[T], rows: usize, cols: usize) -> Vec<T> {
    const TILE: usize = 32;
    let mut out = vec![T::default(); src.len()];
    if rows == 0 || cols == 0 {
        return out;
    }
    // Output row `o` (of `rows` values) is input column `o % cols` of batch `o / cols`.
    out.par_chunks_mut(rows * TILE)
        .enumerate()
        .for_each(|(chunk, dst)| {
            let first = chunk * TILE;
            for i0 in (0..rows).step_by(TILE) {
                let i1 = (i0 + TILE).min(rows);
                for (k, row) in dst.chunks_mut(rows).enumerate() {
                    let o = first + k;
                    let base = (o / cols) * rows * cols + o % cols;
                    for i in i0..i1 {
                        row[i] = src[base + i * cols];
                    }
                }
            }
        });
    out
}

/// `t`'s dimensions reordered: output dimension `i` is input dimension `perm[i]`.
pub fn permute(t: &Tensor, perm: &[usize]) -> Tensor {
    let r = perm.len();
    let shape: Vec<usize> = perm.iter().map(|&p| t.shape[p]).collect();
    if r >= 2
        && perm[r - 2] == r - 1
        && perm[r - 1] == r - 2
        && perm[..r - 2].iter().enumerate().all(|(i, &p)| i == p)
        && t.numel() >= 1 << 14
    {
        let (rows, cols) = (t.shape[r - 2], t.shape[r - 1]);
        let data = match &t.data {
            Data::F32(v) => Data::F32(transpose_last(v, rows, cols)),
            Data::I64(v) => Data::I64(transpose_last(v, rows, cols)),
            Data::Bool(v) => Data::Bool(transpose_last(v, rows, cols)),
        };
        return Tensor { shape, data };
    }
    let s = strides(&t.shape);
    let st: Vec<isize> = perm.iter().map(|&p| s[p] as isize).collect();
    gather_tensor(t, 0, &st, &shape)
}

/// A float tensor's values, converting other kinds.
pub fn floats(t: &Tensor) -> Cow<'_, [f32]> {
    match &t.data {
        Data::F32(v) => Cow::Borrowed(v),
        _ => Cow::Owned(t.to_f32()),
    }
}

/// An integer tensor's values, converting other kinds (floats truncate).
pub fn ints(t: &Tensor) -> Cow<'_, [i64]> {
    match &t.data {
        Data::I64(v) => Cow::Borrowed(v),
        Data::F32(v) => Cow::Owned(v.iter().map(|&x| x as i64).collect()),
        Data::Bool(v) => Cow::Owned(v.iter().map(|&x| x as i64).collect()),
    }
}

/// A boolean tensor's values, converting other kinds (`x != 0`).
pub fn bools(t: &Tensor) -> Cow<'_, [bool]> {
    match &t.data {
        Data::Bool(v) => Cow::Borrowed(v),
        Data::F32(v) => Cow::Owned(v.iter().map(|&x| x != 0.0).collect()),
        Data::I64(v) => Cow::Owned(v.iter().map(|&x| x != 0).collect()),
    }
}

/// The larger of two kinds in PyTorch's promotion order (bool < integer < float).
pub fn promote(a: Kind, b: Kind) -> Kind {
    fn rank(k: Kind) -> u8 {
        match k {
            Kind::Bool => 0,
            Kind::Int => 1,
            Kind::Float => 2,
        }
    }
    if rank(a) >= rank(b) { a } else { b }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcasting_follows_numpy() {
        assert_eq!(
            broadcast_shapes(&[2, 1, 3], &[4, 1]).unwrap(),
            vec![2, 4, 3]
        );
        assert_eq!(broadcast_shapes(&[], &[5]).unwrap(), vec![5]);
        assert!(broadcast_shapes(&[2, 3], &[4]).is_err());
        let t = Tensor::i64(vec![2, 1], vec![1, 2]);
        assert_eq!(
            expand(&t, &[2, 2, 3]).data,
            Data::I64(vec![1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2])
        );
    }

    #[test]
    fn dims_wrap_like_pytorch() {
        assert_eq!(wrap_dim(-1, 3).unwrap(), 2);
        assert_eq!(wrap_dim(-1, 0).unwrap(), 0);
        assert!(wrap_dim(3, 3).is_err());
        assert!(wrap_dims(&[0, -2], 2).is_err());
    }

    #[test]
    fn large_transposes_agree_with_the_strided_gather() {
        let (b, r, c) = (3, 301, 67);
        let t = Tensor::f32(vec![b, r, c], (0..b * r * c).map(|i| i as f32).collect());
        let p = permute(&t, &[0, 2, 1]);
        assert_eq!(p.shape, vec![b, c, r]);
        let s = strides(&t.shape);
        let slow = gather_tensor(&t, 0, &[s[0] as isize, 1, s[1] as isize], &[b, c, r]);
        assert_eq!(p, slow);
        let Data::F32(v) = &p.data else { panic!() };
        assert_eq!(v[(2 * c + 7) * r + 5], (2 * r * c + 5 * c + 7) as f32);
    }
}
