//! Data movement, pooling and creation kernels: values are moved exactly (only the result's
//! storage type can round them).

use super::kernels::{Kernel, dim, strides};
use super::{Slot, TtnnOp};
use crate::program::Attr;

/// The flat source index of every element of a permuted tensor.
fn permute_indices(shape: &[usize], perm: &[usize]) -> Vec<usize> {
    let in_strides = strides(shape);
    let out_shape: Vec<usize> = perm.iter().map(|&p| shape[p]).collect();
    let out_strides = strides(&out_shape);
    let n: usize = shape.iter().product();
    (0..n)
        .map(|flat| {
            perm.iter()
                .enumerate()
                .map(|(i, &p)| ((flat / out_strides[i]) % out_shape[i]) * in_strides[p])
                .sum()
        })
        .collect()
}

fn gather_values(v: &[f64], idx: &[usize]) -> Vec<f64> {
    idx.iter().map(|&i| v[i]).collect()
}

pub(super) fn reshape(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    Ok(vec![k.emit(0, k.input("input")?.logical_f64())?])
}

pub(super) fn transpose(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let r = x.shape.len();
    let (d0, d1) = (
        dim(k.int("dim0").unwrap_or(0), r)?,
        dim(k.int("dim1").unwrap_or(0), r)?,
    );
    let mut perm: Vec<usize> = (0..r).collect();
    perm.swap(d0, d1);
    let idx = permute_indices(&x.shape, &perm);
    Ok(vec![k.emit(0, gather_values(&x.logical_f64(), &idx))?])
}

pub(super) fn permute(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let perm: Vec<usize> = k
        .ints("permutation")
        .ok_or("has no permutation")?
        .iter()
        .map(|&p| p as usize)
        .collect();
    let idx = permute_indices(&x.shape, &perm);
    Ok(vec![k.emit(0, gather_values(&x.logical_f64(), &idx))?])
}

pub(super) fn repeat(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let (out_shape, _, _, _) = k.result_spec(0)?;
    let in_strides = strides(&x.shape);
    let out_strides = strides(&out_shape);
    let v = x.logical_f64();
    let n: usize = out_shape.iter().product();
    let out = (0..n)
        .map(|flat| {
            let src: usize = (0..out_shape.len())
                .map(|d| ((flat / out_strides[d]) % out_shape[d] % x.shape[d]) * in_strides[d])
                .sum();
            v[src]
        })
        .collect();
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn slice(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let begins = k.ints("begins").ok_or("has no begins")?;
    let steps = k.ints("step").unwrap_or(vec![1; x.shape.len()]);
    let (out_shape, _, _, _) = k.result_spec(0)?;
    let rank = x.shape.len();
    if begins.len() != rank || steps.len() != rank || out_shape.len() != rank {
        return Err(format!(
            "begins {begins:?} and steps {steps:?} do not match the rank of {:?}",
            x.shape
        ));
    }
    for d in 0..rank {
        let last = begins[d] + (out_shape[d] as i64 - 1) * steps[d];
        if out_shape[d] > 0 && (steps[d] <= 0 || begins[d] < 0 || last >= x.shape[d] as i64) {
            return Err(format!(
                "dimension {d}: begin {} and step {} for {} values leave the input's {}",
                begins[d], steps[d], out_shape[d], x.shape[d]
            ));
        }
    }
    let in_strides = strides(&x.shape);
    let out_strides = strides(&out_shape);
    let v = x.logical_f64();
    let n: usize = out_shape.iter().product();
    let out = (0..n)
        .map(|flat| {
            let src: usize = (0..out_shape.len())
                .map(|d| {
                    let c = (flat / out_strides[d]) % out_shape[d];
                    (begins[d] as usize + c * steps[d] as usize) * in_strides[d]
                })
                .sum();
            v[src]
        })
        .collect();
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn pad(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let padding = k.ints("padding").ok_or("has no padding")?;
    let value = k.float("value").unwrap_or(0.0);
    let (out_shape, _, _, _) = k.result_spec(0)?;
    let in_strides = strides(&x.shape);
    let out_strides = strides(&out_shape);
    let v = x.logical_f64();
    let n: usize = out_shape.iter().product();
    let out = (0..n)
        .map(|flat| {
            let mut src = 0;
            for d in 0..out_shape.len() {
                let c = ((flat / out_strides[d]) % out_shape[d]) as i64 - padding[2 * d];
                if c < 0 || c >= x.shape[d] as i64 {
                    return value;
                }
                src += c as usize * in_strides[d];
            }
            v[src]
        })
        .collect();
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn concat(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let inputs = k.inputs("inputs")?;
    let (out_shape, _, _, _) = k.result_spec(0)?;
    let d = dim(k.int("dim").unwrap_or(0), out_shape.len())?;
    let outer: usize = out_shape[..d].iter().product();
    let mut out = Vec::with_capacity(out_shape.iter().product());
    let values: Vec<Vec<f64>> = inputs.iter().map(|t| t.logical_f64()).collect();
    for o in 0..outer {
        for (t, v) in inputs.iter().zip(&values) {
            let chunk: usize = t.shape[d..].iter().product();
            out.extend_from_slice(&v[o * chunk..(o + 1) * chunk]);
        }
    }
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn embedding(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let idx = k.input("input")?.logical_i64();
    let w = k.input("weight")?;
    if w.shape.len() != 2 {
        return Err(format!("expects a 2-D table, got {:?}", w.shape));
    }
    let (rows, width) = (w.shape[0], w.shape[1]);
    let mut out = Vec::with_capacity(idx.len() * width);
    for &i in &idx {
        if i < 0 || i as usize >= rows {
            return Err(format!("index {i} is outside the table's {rows} rows"));
        }
        out.extend(w.row_f64(i as usize));
    }
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn gather(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let index = k.input("index")?;
    let d = dim(k.int("dim").unwrap_or(0), x.shape.len())?;
    let (iv, xv) = (index.logical_i64(), x.logical_f64());
    let in_strides = strides(&x.shape);
    let idx_strides = strides(&index.shape);
    let mut out = Vec::with_capacity(iv.len());
    for (flat, &i) in iv.iter().enumerate() {
        if i < 0 || i as usize >= x.shape[d] {
            return Err(format!(
                "index {i} is outside dimension {d} of size {}",
                x.shape[d]
            ));
        }
        let mut src = 0;
        for dd in 0..index.shape.len() {
            let c = (flat / idx_strides[dd]) % index.shape[dd];
            src += if dd == d { i as usize } else { c } * in_strides[dd];
        }
        out.push(xv[src]);
    }
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn pool2d(k: &Kernel<'_>, kind: TtnnOp) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let g = |n: &str| k.int(n).map(|v| v as usize).ok_or(format!("has no '{n}'"));
    let (batch, h, w, c) = (
        g("batch_size")?,
        g("input_height")?,
        g("input_width")?,
        g("channels")?,
    );
    let ks = k.ints("kernel_size").ok_or("has no kernel_size")?;
    let st = k.ints("stride").unwrap_or(ks.clone());
    let pd = k.ints("padding").unwrap_or(vec![0; 4]);
    let dl = k.ints("dilation").unwrap_or(vec![1, 1]);
    super::kernels::check_window(&ks, &st, &pd, &dl)?;
    let include_pad =
        k.op.attr("count_include_pad")
            .is_none_or(|a| *a == Attr::Bool(true));
    let (out_shape, _, _, _) = k.result_spec(0)?;
    let rows = out_shape[2];
    let per_image = rows / batch.max(1);
    // Output height and width: the result holds batch * oh * ow rows; recover oh from the
    // window arithmetic (ceil mode may add one).
    let ceil = k.flag("ceil_mode");
    let out_dim = |size: usize, pad: i64, kernel: i64, s: i64, d: i64| {
        let span = size as i64 + pad - d * (kernel - 1) - 1;
        let mut o = if ceil {
            (span + s - 1) / s + 1
        } else {
            span / s + 1
        };
        if ceil && (o - 1) * s >= size as i64 + pad / 2 {
            o -= 1;
        }
        o.max(0) as usize
    };
    let oh = out_dim(h, pd[0] + pd[1], ks[0], st[0], dl[0]);
    let ow = out_dim(w, pd[2] + pd[3], ks[1], st[1], dl[1]);
    if oh * ow != per_image {
        return Err(format!(
            "output rows {rows} do not match {batch} images of {oh}x{ow}"
        ));
    }
    let v = x.logical_f64();
    let mut out = vec![0.0; rows * c];
    let mut indices = vec![0.0; rows * c];
    for n in 0..batch {
        for y in 0..oh {
            for xo in 0..ow {
                for ch in 0..c {
                    let (mut best, mut best_i, mut sum, mut count) =
                        (f64::NEG_INFINITY, 0usize, 0.0, 0usize);
                    for i in 0..ks[0] {
                        for j in 0..ks[1] {
                            let iy = y as i64 * st[0] - pd[0] + i * dl[0];
                            let ix = xo as i64 * st[1] - pd[2] + j * dl[1];
                            let inside = iy >= 0 && ix >= 0 && iy < h as i64 && ix < w as i64;
                            if !inside {
                                // Padding inside the padded input counts for the average.
                                let in_padded = iy < h as i64 + pd[1] && ix < w as i64 + pd[3];
                                if include_pad && in_padded {
                                    count += 1;
                                }
                                continue;
                            }
                            let pos = iy as usize * w + ix as usize;
                            let val = v[((n * h * w) + pos) * c + ch];
                            if val > best || (val.is_nan() && !best.is_nan()) {
                                best = val;
                                best_i = pos;
                            }
                            sum += val;
                            count += 1;
                        }
                    }
                    let r = (n * oh + y) * ow + xo;
                    out[r * c + ch] = if kind == TtnnOp::AvgPool2d {
                        sum / count.max(1) as f64
                    } else {
                        best
                    };
                    indices[r * c + ch] = best_i as f64;
                }
            }
        }
    }
    let mut results = vec![k.emit(0, out)?];
    if kind == TtnnOp::MaxPool2dWithIndices {
        results.push(k.emit(1, indices)?);
    }
    Ok(results)
}

pub(super) fn global_avg_pool2d(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let [n, h, w, c] = x.shape[..] else {
        return Err(format!("expects an NHWC input, got {:?}", x.shape));
    };
    let v = x.logical_f64();
    let mut out = vec![0.0; n * c];
    for b in 0..n {
        for p in 0..h * w {
            for ch in 0..c {
                out[b * c + ch] += v[(b * h * w + p) * c + ch];
            }
        }
    }
    out.iter_mut().for_each(|x| *x /= (h * w).max(1) as f64);
    Ok(vec![k.emit(0, out)?])
}

pub(super) fn constant(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    match k.op.attr("value") {
        Some(Attr::Elements { values, .. }) => {
            let (shape, _, _, _) = k.result_spec(0)?;
            let n: usize = shape.iter().product();
            let values = if values.len() == 1 && n != 1 {
                vec![values[0]; n]
            } else {
                values.clone()
            };
            Ok(vec![k.emit(0, values)?])
        }
        _ => Err("has no dense value".into()),
    }
}

pub(super) fn full(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let (shape, _, _, _) = k.result_spec(0)?;
    let v = k.float("fill_value").ok_or("has no numeric fill_value")?;
    Ok(vec![k.emit(0, vec![v; shape.iter().product()])?])
}

pub(super) fn arange(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let (shape, _, _, _) = k.result_spec(0)?;
    let (start, step) = (k.int("start").unwrap_or(0), k.int("step").unwrap_or(1));
    let n: usize = shape.iter().product();
    Ok(vec![k.emit(
        0,
        (0..n).map(|i| (start + step * i as i64) as f64).collect(),
    )?])
}

pub(super) fn rand(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let (shape, _, _, _) = k.result_spec(0)?;
    let (low, high) = (
        k.float("low").unwrap_or(0.0),
        k.float("high").unwrap_or(1.0),
    );
    let seed = k.int("seed").unwrap_or(0) as u64;
    let n: usize = shape.iter().product();
    let out = (0..n)
        .map(|i| low + (high - low) * crate::rng::uniform(seed, i as u64))
        .collect();
    Ok(vec![k.emit(0, out)?])
}
