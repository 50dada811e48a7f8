//! Reductions, scans, softmax and normalisations. The hardware reduces stored values into an
//! f32 destination register; these kernels accumulate in f64 (no worse than f32) and store the
//! result in its data type. Tile padding is never read: kernels see logical values only.

use rayon::prelude::*;

use super::kernels::{Kernel, dim, strides};
use super::{Slot, TtnnOp};

/// `values` (shape `shape`) with the dimensions in `dims` moved last: the result is
/// `outer` groups of `inner` consecutive values, one group per output element.
pub(super) fn group_dims(
    values: &[f64],
    shape: &[usize],
    dims: &[usize],
) -> (Vec<f64>, usize, usize) {
    let kept: Vec<usize> = (0..shape.len()).filter(|d| !dims.contains(d)).collect();
    let order: Vec<usize> = kept.iter().chain(dims.iter()).copied().collect();
    let inner: usize = dims.iter().map(|&d| shape[d]).product();
    let outer: usize = kept.iter().map(|&d| shape[d]).product();
    if order.iter().enumerate().all(|(i, &d)| i == d) {
        return (values.to_vec(), outer, inner);
    }
    let in_strides = strides(shape);
    let new_shape: Vec<usize> = order.iter().map(|&d| shape[d]).collect();
    let new_strides = strides(&new_shape);
    let n = values.len();
    let out = (0..n)
        .map(|flat| {
            let mut src = 0;
            for (i, &d) in order.iter().enumerate() {
                let coord = (flat / new_strides[i]) % new_shape[i];
                src += coord * in_strides[d];
            }
            values[src]
        })
        .collect();
    (out, outer, inner)
}

fn reduced_dims(k: &Kernel<'_>, rank: usize) -> Result<Vec<usize>, String> {
    match k.ints("dim_arg") {
        Some(dims) if !dims.is_empty() => {
            let mut d = dims
                .iter()
                .map(|&x| dim(x, rank))
                .collect::<Result<Vec<_>, _>>()?;
            d.sort_unstable();
            d.dedup();
            Ok(d)
        }
        Some(_) => Ok(vec![]),
        None => Ok((0..rank).collect()),
    }
}

pub(super) fn reduce(k: &Kernel<'_>, kind: TtnnOp) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let dims = reduced_dims(k, x.shape.len())?;
    let (v, outer, inner) = group_dims(&x.logical_f64(), &x.shape, &dims);
    let out: Vec<f64> = (0..outer)
        .into_par_iter()
        .map(|o| {
            let g = &v[o * inner..(o + 1) * inner];
            match kind {
                TtnnOp::Sum => g.iter().sum(),
                TtnnOp::Mean => g.iter().sum::<f64>() / inner.max(1) as f64,
                TtnnOp::Max => g.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                _ => g.iter().copied().fold(f64::INFINITY, f64::min),
            }
        })
        .collect();
    Ok(vec![k.emit(0, out)?])
}

/// The `dim` attribute as a one-dimension list, or every dimension without it.
fn one_dim_or_all(k: &Kernel<'_>, rank: usize) -> Result<Vec<usize>, String> {
    match k.int("dim") {
        Some(d) => Ok(vec![dim(d, rank)?]),
        None => Ok((0..rank).collect()),
    }
}

pub(super) fn prod(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let dims = one_dim_or_all(k, x.shape.len())?;
    let (v, outer, inner) = group_dims(&x.logical_f64(), &x.shape, &dims);
    let out = (0..outer)
        .map(|o| v[o * inner..(o + 1) * inner].iter().product())
        .collect();
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn argmax(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let dims = one_dim_or_all(k, x.shape.len())?;
    let (v, outer, inner) = group_dims(&x.logical_f64(), &x.shape, &dims);
    let out = (0..outer)
        .map(|o| {
            let g = &v[o * inner..(o + 1) * inner];
            let mut best = 0;
            for (i, &val) in g.iter().enumerate() {
                if val > g[best] || (val.is_nan() && !g[best].is_nan()) {
                    best = i;
                }
            }
            best as f64
        })
        .collect();
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn cumsum(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let d = dim(k.int("dim").unwrap_or(0), x.shape.len())?;
    let mut v = x.logical_f64();
    let st = strides(&x.shape);
    let n = x.shape[d];
    let step = st[d];
    for base in 0..v.len() {
        if !(base / step).is_multiple_of(n) {
            continue;
        }
        let mut acc = 0.0;
        for i in 0..n {
            acc += v[base + i * step];
            v[base + i * step] = acc;
        }
    }
    Ok(vec![k.emit(0, v)?])
}

/// Applies `f` to each run of the last-dimension-moved view of `dim` and writes back.
fn along_dim(values: &[f64], shape: &[usize], d: usize, f: impl Fn(&mut [f64]) + Sync) -> Vec<f64> {
    let st = strides(shape);
    let n = shape[d];
    let step = st[d];
    let mut out = values.to_vec();
    let bases: Vec<usize> = (0..values.len())
        .filter(|&b| (b / step).is_multiple_of(n))
        .collect();
    let rows: Vec<(usize, Vec<f64>)> = bases
        .par_iter()
        .map(|&b| {
            let mut row: Vec<f64> = (0..n).map(|i| values[b + i * step]).collect();
            f(&mut row);
            (b, row)
        })
        .collect();
    for (b, row) in rows {
        for (i, val) in row.into_iter().enumerate() {
            out[b + i * step] = val;
        }
    }
    out
}

pub(super) fn softmax_row(row: &mut [f64]) {
    let m = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if m == f64::NEG_INFINITY {
        row.iter_mut().for_each(|v| *v = f64::NAN);
        return;
    }
    let mut sum = 0.0;
    for v in row.iter_mut() {
        *v = (*v - m).exp();
        sum += *v;
    }
    for v in row.iter_mut() {
        *v /= sum;
    }
}

pub(super) fn softmax(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let d = dim(k.int("dimension").unwrap_or(-1), x.shape.len())?;
    let out = along_dim(&x.logical_f64(), &x.shape, d, softmax_row);
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn last_dim_norm(k: &Kernel<'_>, layer: bool) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let eps = k.float("epsilon").unwrap_or(1e-5);
    let weight = k.opt_input("weight")?.map(|w| w.logical_f64());
    let bias = k.opt_input("bias")?.map(|b| b.logical_f64());
    let width = *x.shape.last().ok_or("normalises a rank-0 tensor")?;
    let v = x.logical_f64();
    let out: Vec<f64> = v
        .par_chunks(width.max(1))
        .flat_map_iter(|row| {
            let n = row.len() as f64;
            let mean = if layer {
                row.iter().sum::<f64>() / n
            } else {
                0.0
            };
            let var = row.iter().map(|&a| (a - mean) * (a - mean)).sum::<f64>() / n;
            let inv = 1.0 / (var + eps).sqrt();
            let (w, b) = (weight.clone(), bias.clone());
            row.iter().enumerate().map(move |(i, &a)| {
                let mut y = (a - mean) * inv;
                if let Some(w) = &w {
                    y *= w[i];
                }
                if let Some(b) = &b {
                    y += b[i];
                }
                y
            })
        })
        .collect();
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn batch_norm(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let eps = k.float("epsilon").unwrap_or(1e-5);
    let mean = k.input("running_mean")?.logical_f64();
    let var = k.input("running_var")?.logical_f64();
    let weight = k.opt_input("weight")?.map(|w| w.logical_f64());
    let bias = k.opt_input("bias")?.map(|b| b.logical_f64());
    if x.shape.len() != 4 {
        return Err(format!("expects an NCHW input, got shape {:?}", x.shape));
    }
    let (c, hw) = (x.shape[1], x.shape[2] * x.shape[3]);
    let v = x.logical_f64();
    let out = v
        .iter()
        .enumerate()
        .map(|(i, &a)| {
            let ch = (i / hw) % c;
            let mut y = (a - mean[ch]) / (var[ch] + eps).sqrt();
            if let Some(w) = &weight {
                y *= w[ch];
            }
            if let Some(b) = &bias {
                y += b[ch];
            }
            y
        })
        .collect();
    Ok(vec![k.emit(0, out)?])
}
