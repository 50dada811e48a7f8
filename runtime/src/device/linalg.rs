//! Matrix-engine kernels: matmul, linear, conv2d (im2col + matmul) and attention. Products go
//! through `numerics::matmul` with the op's math fidelity (default HiFi4), accumulating in f32;
//! results are stored in their data type.

use rayon::prelude::*;

use super::kernels::{Kernel, broadcast_indices, check_window};
use super::tensor::{DType, DevTensor};
use super::{Slot, reduce};
use crate::numerics::bf16::round_to_bf16;
use crate::numerics::fidelity::{Fidelity, SrcFormat};
use crate::numerics::matmul::{MatmulConfig, matmul_with};

/// How the matrix engine runs one product: the fidelity, the Src register format (f32 tensors
/// are unpacked as tf32, everything else as bf16) and which operands are stored transposed.
#[derive(Clone, Copy)]
struct Engine {
    fidelity: Fidelity,
    src_format: SrcFormat,
}

impl Engine {
    fn of(k: &Kernel<'_>, operands: &[&DevTensor]) -> Engine {
        let fidelity = k
            .string("math_fidelity")
            .and_then(Fidelity::parse)
            .unwrap_or(Fidelity::HiFi4);
        // tf32 only when every operand is f32; a bf16 operand puts both through bf16 Src.
        let src_format = if operands.iter().all(|t| t.dtype == DType::F32) {
            SrcFormat::Tf32
        } else {
            SrcFormat::Bf16
        };
        Engine {
            fidelity,
            src_format,
        }
    }

    /// `[m, k] @ [k, n]`; `a` stored as `[k, m]` when `ta`, `b` as `[n, k]` when `tb`.
    #[allow(clippy::too_many_arguments)]
    fn product(
        self,
        a: &[f32],
        b: &[f32],
        m: usize,
        k: usize,
        n: usize,
        ta: bool,
        tb: bool,
    ) -> Vec<f32> {
        let config = MatmulConfig {
            fidelity: self.fidelity,
            src_format: self.src_format,
            transpose_a: ta,
            transpose_b: tb,
        };
        matmul_with(a, b, 1, m, k, n, config)
    }
}

/// `[.., rows, cols]` matrices of a shape: (batch shape, rows, cols); rank 1 is one row.
fn as_matrices(shape: &[usize]) -> (Vec<usize>, usize, usize) {
    match shape.len() {
        0 => (vec![], 1, 1),
        1 => (vec![], 1, shape[0]),
        n => (shape[..n - 2].to_vec(), shape[n - 2], shape[n - 1]),
    }
}

pub(super) fn matmul(k: &Kernel<'_>, with_bias: bool) -> Result<Vec<Slot>, String> {
    let (a, b) = (k.input("a")?, k.input("b")?);
    let (ta, tb) = (k.flag("transpose_a"), k.flag("transpose_b"));
    let (out_shape, _, _, _) = k.result_spec(0)?;
    let (a_batch, mut ar, mut ac) = as_matrices(&a.shape);
    let (b_batch, mut br, mut bc) = if b.shape.len() == 1 {
        (vec![], b.shape[0], 1)
    } else {
        as_matrices(&b.shape)
    };
    if ta {
        std::mem::swap(&mut ar, &mut ac);
    }
    if tb {
        std::mem::swap(&mut br, &mut bc);
    }
    if ac != br {
        return Err(format!(
            "inner dimensions differ: {:?} and {:?}",
            a.shape, b.shape
        ));
    }
    let rank = a_batch.len().max(b_batch.len());
    let pad = |s: &[usize]| {
        let mut v = vec![1; rank - s.len()];
        v.extend_from_slice(s);
        v
    };
    let (pa, pb) = (pad(&a_batch), pad(&b_batch));
    let batch: Vec<usize> = pa.iter().zip(&pb).map(|(&x, &y)| x.max(y)).collect();
    let ia = broadcast_indices(&pa, &batch)?;
    let ib = broadcast_indices(&pb, &batch)?;
    let (av, bv) = (a.logical_f32(), b.logical_f32());
    let engine = Engine::of(k, &[a, b]);
    let (m, kk, n) = (ar, ac, bc);
    let mats: Vec<Vec<f32>> = ia
        .par_iter()
        .zip(ib.par_iter())
        .map(|(&i, &j)| {
            let sa = &av[i * m * kk..(i + 1) * m * kk];
            let sb = &bv[j * kk * n..(j + 1) * kk * n];
            engine.product(sa, sb, m, kk, n, ta, tb)
        })
        .collect();
    let mut out: Vec<f32> = mats.concat();
    if with_bias && let Some(bias) = k.opt_input("bias")? {
        let idx = broadcast_indices(&bias.shape, &out_shape)?;
        let bvals = bias.logical_f32();
        out.par_iter_mut()
            .zip(idx.par_iter())
            .for_each(|(o, &i)| *o += bvals[i]);
    }
    Ok(vec![k.emit_f32(0, out)?])
}

pub(super) fn conv2d(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let x = k.input("input")?;
    let w = k.input("weight")?;
    let bias = k.opt_input("bias")?;
    let g = |n: &str| k.int(n).map(|v| v as usize).ok_or(format!("has no '{n}'"));
    let (batch, h, wd, c, o) = (
        g("batch_size")?,
        g("input_height")?,
        g("input_width")?,
        g("in_channels")?,
        g("out_channels")?,
    );
    let groups = k.int("groups").unwrap_or(1).max(1) as usize;
    let ks = k.ints("kernel_size").ok_or("has no kernel_size")?;
    let st = k.ints("stride").unwrap_or(vec![1, 1]);
    let pd = k.ints("padding").unwrap_or(vec![0; 4]);
    let dl = k.ints("dilation").unwrap_or(vec![1, 1]);
    check_window(&ks, &st, &pd, &dl)?;
    let (st, pd, dl) = (st.as_slice(), pd.as_slice(), dl.as_slice());
    let (kh, kw) = (ks[0] as usize, ks[1] as usize);
    let (oh, ow) = {
        let span = |size: usize, pad: i64, kernel: usize, s: i64, d: i64| {
            ((size as i64 + pad - d * (kernel as i64 - 1) - 1) / s + 1).max(0) as usize
        };
        (
            span(h, pd[0] + pd[1], kh, st[0], dl[0]),
            span(wd, pd[2] + pd[3], kw, st[1], dl[1]),
        )
    };
    let xv = x.logical_f32();
    // The library prepares the weights in the activation's data type.
    let mut wv = w.logical_f32();
    if matches!(x.dtype, DType::BF16 | DType::BFP8 | DType::BFP4) {
        round_to_bf16(&mut wv);
    }
    let cg = c / groups;
    let og = o / groups;
    let patch = cg * kh * kw;
    let rows = batch * oh * ow;
    let engine = Engine::of(k, &[x, w]);
    let mut out = vec![0f32; rows * o];
    for grp in 0..groups {
        // im2col: rows x patch.
        let cols: Vec<f32> = (0..rows)
            .into_par_iter()
            .flat_map_iter(|r| {
                let (n, rem) = (r / (oh * ow), r % (oh * ow));
                let (y, xo) = (rem / ow, rem % ow);
                let xv = &xv;
                (0..cg).flat_map(move |ci| {
                    (0..kh).flat_map(move |i| {
                        (0..kw).map(move |j| {
                            let iy = (y as i64) * st[0] - pd[0] + (i as i64) * dl[0];
                            let ix = (xo as i64) * st[1] - pd[2] + (j as i64) * dl[1];
                            if iy < 0 || ix < 0 || iy >= h as i64 || ix >= wd as i64 {
                                0.0
                            } else {
                                let pix = (n * h + iy as usize) * wd + ix as usize;
                                xv[pix * c + grp * cg + ci]
                            }
                        })
                    })
                })
            })
            .collect();
        // Weights of this group as patch x og.
        let mut wm = vec![0f32; patch * og];
        for oc in 0..og {
            let src = &wv[(grp * og + oc) * patch..(grp * og + oc + 1) * patch];
            for (p, &val) in src.iter().enumerate() {
                wm[p * og + oc] = val;
            }
        }
        let res = engine.product(&cols, &wm, rows, patch, og, false, false);
        for r in 0..rows {
            out[r * o + grp * og..r * o + (grp + 1) * og]
                .copy_from_slice(&res[r * og..(r + 1) * og]);
        }
    }
    if let Some(b) = bias {
        let bv = b.logical_f32();
        for r in 0..rows {
            for oc in 0..o {
                out[r * o + oc] += bv[oc];
            }
        }
    }
    Ok(vec![k.emit_f32(0, out)?])
}

pub(super) fn attention(k: &Kernel<'_>) -> Result<Vec<Slot>, String> {
    let (q, kt, v) = (k.input("query")?, k.input("key")?, k.input("value")?);
    let mask = k.opt_input("attention_mask")?;
    let [b, h, l, e] = q.shape[..] else {
        return Err(format!("expects a 4-D query, got {:?}", q.shape));
    };
    let (hk, s, ev) = (kt.shape[1], kt.shape[2], v.shape[3]);
    let scale = k.float("scale").unwrap_or(1.0 / (e as f64).sqrt()) as f32;
    let causal = k.flag("is_causal");
    let engine = Engine::of(k, &[q, kt, v]);
    let (qv, kv, vv) = (q.logical_f32(), kt.logical_f32(), v.logical_f32());
    let mv = mask.map(|m| (m.logical_f32(), m.shape.clone()));
    let heads: Vec<Vec<f32>> = (0..b * h)
        .into_par_iter()
        .map(|bh| {
            let (bi, hi) = (bh / h, bh % h);
            let kh = hi / (h / hk.max(1)).max(1);
            let qs = &qv[bh * l * e..(bh + 1) * l * e];
            let base = (bi * hk + kh) * s;
            let ks = &kv[base * e..(base + s) * e];
            let vs = &vv[base * ev..(base + s) * ev];
            let scores = engine.product(qs, ks, l, e, s, false, true);
            let mut probs = vec![0f32; l * s];
            for i in 0..l {
                let mut row: Vec<f64> = (0..s)
                    .map(|j| {
                        let mut x = (scores[i * s + j] * scale) as f64;
                        if let Some((m, ms)) = &mv {
                            let mb = if ms[0] == 1 { 0 } else { bi };
                            let mh = if ms[1] == 1 { 0 } else { hi };
                            let mi = if ms[2] == 1 { 0 } else { i };
                            x += m[((mb * ms[1] + mh) * ms[2] + mi) * s + j] as f64;
                        }
                        if causal && j > i {
                            x = f64::NEG_INFINITY;
                        }
                        x
                    })
                    .collect();
                reduce::softmax_row(&mut row);
                for (j, p) in row.into_iter().enumerate() {
                    probs[i * s + j] = p as f32;
                }
            }
            // The probabilities pass through a bf16 circular buffer before the second product.
            round_to_bf16(&mut probs);
            engine.product(&probs, vs, l, s, ev, false, false)
        })
        .collect();
    Ok(vec![k.emit_f32(0, heads.concat())?])
}
