//! Scaled dot-product attention: `scaled_dot_product_attention`,
//! `_scaled_dot_product_flash_attention_for_cpu` (output and log-sum-exp) and
//! `_scaled_dot_product_attention_math` (output and attention weights).
//!
//! `softmax(Q Kᵀ · scale + mask) V` per query row, in f64: `scale` defaults to `1/sqrt(E)`;
//! `is_causal` lets query `i` see keys `j <= i` (top-left aligned, as `tril(ones(L, S))`); a
//! boolean `attn_mask` marks the keys that take part, a float one is added to the scores; batch
//! dimensions broadcast, and with `enable_gqa` key/value heads are shared by consecutive groups
//! of query heads. A row that sees no key gives zeros (and a log-sum-exp of `-inf`), as
//! PyTorch's CPU kernels do. Attention dropout is random and refused.

use rayon::prelude::*;

use crate::tensor::{Kind, Tensor};

use super::args::{Ctx, Fail, fail};
use super::layout::{self, broadcast_all, broadcast_shapes};

/// Runs the attention op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Vec<Tensor>, Fail>> {
    let r = match name {
        "aten.scaled_dot_product_attention.default" => attention(ctx).map(|r| vec![r.out]),
        "aten._scaled_dot_product_flash_attention_for_cpu.default" => {
            attention(ctx).map(|r| vec![r.out, r.lse])
        }
        "aten._scaled_dot_product_attention_math.default" => {
            attention(ctx).map(|r| vec![r.out, r.weights])
        }
        _ => return None,
    };
    Some(r)
}

struct Attention {
    out: Tensor,
    lse: Tensor,
    weights: Tensor,
}

fn attention(ctx: &Ctx<'_>) -> Result<Attention, Fail> {
    let q = ctx.tensor("query")?;
    let k = ctx.tensor("key")?;
    let v = ctx.tensor("value")?;
    for (name, t) in [("query", q), ("key", k), ("value", v)] {
        if t.kind() != Kind::Float || t.shape.len() < 2 {
            return fail(format!(
                "{name} must be a float tensor of at least 2 dimensions, found {t}"
            ));
        }
    }
    if ctx.float_or("dropout_p", 0.0)? > 0.0 {
        return Err(Fail::Random);
    }
    let mask = ctx.opt_tensor("attn_mask")?;
    let is_causal = ctx.bool_or("is_causal", false)?;
    let gqa = ctx.bool_or("enable_gqa", false)?;
    let (qr, kr, vr) = (q.shape.len(), k.shape.len(), v.shape.len());
    let (l, e) = (q.shape[qr - 2], q.shape[qr - 1]);
    let (s, ek) = (k.shape[kr - 2], k.shape[kr - 1]);
    let (sv, ev) = (v.shape[vr - 2], v.shape[vr - 1]);
    if ek != e || sv != s {
        return fail(format!(
            "query {q}, key {k} and value {v} do not fit (embedding or sequence lengths differ)"
        ));
    }
    let scale = match ctx.opt_float("scale")? {
        Some(s) => s,
        None => 1.0 / (e as f64).sqrt(),
    };
    let (bq, mut bk, mut bv) = (
        q.shape[..qr - 2].to_vec(),
        k.shape[..kr - 2].to_vec(),
        v.shape[..vr - 2].to_vec(),
    );
    // Grouped-query attention: key/value head `h / group` serves query head `h`.
    let mut group = 1;
    if gqa && !bq.is_empty() && !bk.is_empty() && bk.len() == bq.len() && bv.len() == bq.len() {
        let (hq, hk) = (bq[bq.len() - 1], bk[bk.len() - 1]);
        if hk == 0 || hq % hk != 0 || bv[bv.len() - 1] != hk {
            return fail(format!(
                "enable_gqa: {hq} query heads cannot share {hk} key/value heads"
            ));
        }
        group = hq / hk;
        let last = bq.len() - 1;
        bk[last] = hq;
        bv[last] = hq;
    }
    let batch_shape = broadcast_all(&[&bq, &bk, &bv])?;
    let batch = layout::numel(&batch_shape)?;
    layout::numel(&[batch, l, s])?;
    // Key/value as [batch, S, E]: expanded, and repeated per group for GQA.
    let kv = |t: &Tensor, width: usize| -> Result<Vec<f32>, Fail> {
        let mut t = t.clone();
        if group > 1 {
            let r = t.shape.len();
            let heads = t.shape[r - 3];
            let inner = s * width;
            let outer = t.numel() / (heads * inner);
            let src = layout::floats(&t).into_owned();
            let mut rep = Vec::with_capacity(src.len() * group);
            for o in 0..outer {
                for h in 0..heads {
                    let block = &src[(o * heads + h) * inner..][..inner];
                    for _ in 0..group {
                        rep.extend_from_slice(block);
                    }
                }
            }
            t = Tensor::f32(
                {
                    let mut sh = t.shape.clone();
                    sh[r - 3] = heads * group;
                    sh
                },
                rep,
            );
        }
        let mut to = batch_shape.clone();
        to.extend([s, width]);
        Ok(layout::floats(&layout::expand(&t, &to)).into_owned())
    };
    let kd = kv(k, e)?;
    let vd = kv(v, ev)?;
    let mut qshape = batch_shape.clone();
    qshape.extend([l, e]);
    if broadcast_shapes(&q.shape, &qshape)? != qshape {
        return fail(format!(
            "query {q} does not broadcast to the batch {batch_shape:?}"
        ));
    }
    let qd = layout::floats(&layout::expand(q, &qshape)).into_owned();
    let mut mshape = batch_shape.clone();
    mshape.extend([l, s]);
    let mask = match mask {
        None => None,
        Some(m) => {
            if broadcast_shapes(&m.shape, &mshape)? != mshape {
                return fail(format!(
                    "attn_mask {m} does not broadcast to the scores' shape {mshape:?}"
                ));
            }
            let m = layout::expand(m, &mshape);
            Some(match m.kind() {
                Kind::Bool => layout::bools(&m)
                    .iter()
                    .map(|&b| if b { 0.0 } else { f64::NEG_INFINITY })
                    .collect::<Vec<f64>>(),
                Kind::Float => layout::floats(&m).iter().map(|&x| x as f64).collect(),
                Kind::Int => return fail(format!("attn_mask must be boolean or float, found {m}")),
            })
        }
    };
    let rows: Vec<(Vec<f32>, f32, Vec<f32>)> = (0..batch * l)
        .into_par_iter()
        .map(|row| {
            let (b, i) = (row / l, row % l);
            let qi = &qd[row * e..(row + 1) * e];
            let mut scores: Vec<f64> = (0..s)
                .map(|j| {
                    if is_causal && j > i {
                        return f64::NEG_INFINITY;
                    }
                    let kj = &kd[(b * s + j) * e..(b * s + j + 1) * e];
                    let dot: f64 = qi.iter().zip(kj).map(|(&x, &y)| x as f64 * y as f64).sum();
                    let bias = mask.as_ref().map_or(0.0, |m| m[row * s + j]);
                    dot * scale + bias
                })
                .collect();
            let m = scores.iter().fold(f64::NEG_INFINITY, |m, &x| m.max(x));
            if m == f64::NEG_INFINITY {
                return (vec![0.0; ev], f32::NEG_INFINITY, vec![0.0; s]);
            }
            let sum: f64 = scores.iter().map(|&x| (x - m).exp()).sum();
            for x in scores.iter_mut() {
                *x = (*x - m).exp() / sum;
            }
            let mut acc = vec![0f64; ev];
            for (j, &p) in scores.iter().enumerate() {
                let vj = &vd[(b * s + j) * ev..(b * s + j + 1) * ev];
                for (o, &x) in acc.iter_mut().zip(vj) {
                    *o += p * x as f64;
                }
            }
            let out = acc.iter().map(|&x| x as f32).collect();
            let weights = scores.iter().map(|&p| p as f32).collect();
            (out, (m + sum.ln()) as f32, weights)
        })
        .collect();
    let mut out_shape = batch_shape.clone();
    out_shape.extend([l, ev]);
    let mut lse_shape = batch_shape.clone();
    lse_shape.push(l);
    let mut out = Vec::with_capacity(batch * l * ev);
    let mut lse = Vec::with_capacity(batch * l);
    let mut weights = Vec::with_capacity(batch * l * s);
    for (o, x, w) in rows {
        out.extend(o);
        lse.push(x);
        weights.extend(w);
    }
    Ok(Attention {
        out: Tensor::f32(out_shape, out),
        lse: Tensor::f32(lse_shape, lse),
        weights: Tensor::f32(mshape, weights),
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    fn sdpa(
        name: &str,
        q: &Tensor,
        k: &Tensor,
        v: &Tensor,
        mask: Option<Tensor>,
        causal: bool,
        n: usize,
    ) -> Vec<Tensor> {
        let mut ops = vec![
            ("query", q.clone()),
            ("key", k.clone()),
            ("value", v.clone()),
        ];
        if let Some(m) = mask {
            ops.push(("attn_mask", m));
        }
        run_op(
            name,
            &ops,
            &[
                ("dropout_p", Attr::Float(0.0)),
                ("is_causal", Attr::Bool(causal)),
                ("scale", Attr::None),
            ],
            n,
        )
        .unwrap()
    }

    #[test]
    fn causal_attention_with_logsumexp() {
        // One head, two positions, E = 1 (scale 1): q = [1, 1], k = [0, ln 3], v = [10, 20].
        let q = Tensor::f32(vec![1, 1, 2, 1], vec![1.0, 1.0]);
        let k = Tensor::f32(vec![1, 1, 2, 1], vec![0.0, 3f32.ln()]);
        let v = Tensor::f32(vec![1, 1, 2, 1], vec![10.0, 20.0]);
        let r = sdpa(
            "aten._scaled_dot_product_flash_attention_for_cpu.default",
            &q,
            &k,
            &v,
            None,
            true,
            2,
        );
        // Row 0 sees key 0 only; row 1 weighs the keys 1 : 3.
        assert_close(&floats(&r[0]), &[10.0, 17.5], 1e-5);
        assert_eq!(r[1].shape, vec![1, 1, 2]);
        assert_close(&floats(&r[1]), &[0.0, 4f32.ln()], 1e-6);
        let r = sdpa(
            "aten.scaled_dot_product_attention.default",
            &q,
            &k,
            &v,
            None,
            false,
            1,
        );
        assert_close(&floats(&r[0]), &[17.5, 17.5], 1e-5);
    }

    #[test]
    fn boolean_and_float_masks() {
        let q = Tensor::f32(vec![1, 2, 1], vec![1.0, 1.0]);
        let k = Tensor::f32(vec![1, 2, 1], vec![0.0, 0.0]);
        let v = Tensor::f32(vec![1, 2, 1], vec![10.0, 20.0]);
        // Row 0 may see key 1 only; row 1 nothing (zeros).
        let m = Tensor::bool(vec![2, 2], vec![false, true, false, false]);
        let r = sdpa(
            "aten.scaled_dot_product_attention.default",
            &q,
            &k,
            &v,
            Some(m),
            false,
            1,
        );
        assert_close(&floats(&r[0]), &[20.0, 0.0], 1e-5);
        // A float mask of [0, ln 3] weighs the keys 1 : 3.
        let m = Tensor::f32(vec![1, 2], vec![0.0, 3f32.ln()]);
        let r = sdpa(
            "aten.scaled_dot_product_attention.default",
            &q,
            &k,
            &v,
            Some(m),
            false,
            1,
        );
        assert_close(&floats(&r[0]), &[17.5, 17.5], 1e-5);
    }

    #[test]
    fn grouped_query_heads_share_keys() {
        // Two query heads, one key/value head, S = 1: every output is the single value.
        let q = Tensor::f32(vec![1, 2, 1, 2], vec![1.0, 0.0, 0.0, 1.0]);
        let k = Tensor::f32(vec![1, 1, 1, 2], vec![1.0, 1.0]);
        let v = Tensor::f32(vec![1, 1, 1, 3], vec![1.0, 2.0, 3.0]);
        let r = run_op(
            "aten.scaled_dot_product_attention.default",
            &[("query", q), ("key", k), ("value", v)],
            &[("enable_gqa", Attr::Bool(true))],
            1,
        )
        .unwrap();
        assert_eq!(
            r[0],
            Tensor::f32(vec![1, 2, 1, 3], vec![1.0, 2.0, 3.0, 1.0, 2.0, 3.0])
        );
    }
}
