//! Scaled dot-product attention, including the CPU flash-attention op aot_autograd emits.
//!
//! Both become `ttir.scaled_dot_product_attention`. The flash op also returns the log-sum-exp of
//! the scores; when something reads it, it is computed from the scores explicitly. Attention
//! dropout only exists in training with `dropout_p > 0`, which stays on the host.

use melior::ir::Value;
use melior::ir::operation::OperationLike;
use ttc_dialects::TtirOp;
use ttc_dialects::aten::AtenOp;

use super::builder::{Builder, NoMatch, element_of, shape_of};
use super::{Lowering, Replacement, result_type, result_used};

pub(super) static LOWERINGS: &[Lowering] = &[
    Lowering {
        op: "aten.scaled_dot_product_attention.default",
        produces: &[
            TtirOp::ScaledDotProductAttention,
            TtirOp::Reshape,
            TtirOp::Broadcast,
        ],
        conditions: "dropout_p = 0",
        rewrite: attention,
    },
    Lowering {
        op: "aten._scaled_dot_product_flash_attention_for_cpu.default",
        produces: &[
            TtirOp::ScaledDotProductAttention,
            TtirOp::Matmul,
            TtirOp::Multiply,
            TtirOp::Add,
            TtirOp::Max,
            TtirOp::Subtract,
            TtirOp::Exp,
            TtirOp::Sum,
            TtirOp::Log,
        ],
        conditions: "dropout_p = 0",
        rewrite: attention,
    },
];

/// Repeats the heads (dimension -3) of `kv` `groups` times (grouped-query attention).
fn repeat_heads<'c, 'a>(b: &Builder<'c, 'a>, kv: Value<'c, 'a>, groups: i64) -> Value<'c, 'a> {
    if groups == 1 {
        return kv;
    }
    let shape = b.shape(kv);
    let r = shape.len();
    let mut expanded = shape[..r - 2].to_vec();
    expanded.push(1);
    expanded.extend(&shape[r - 2..]);
    let mut repeated = expanded.clone();
    repeated[r - 2] = groups;
    let mut out = shape.clone();
    out[r - 3] *= groups;
    let x = b.reshape(kv, &expanded);
    b.reshape(b.broadcast_to(x, &repeated), &out)
}

fn attention<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    if a.float("dropout_p")? != 0.0 {
        return Err("attention dropout (training) is not supported on the device".into());
    }
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let q = b.cast(a.required_tensor("query")?, e);
    let mut k = b.cast(a.required_tensor("key")?, e);
    let mut v = b.cast(a.required_tensor("value")?, e);
    let (qs, ks) = (b.shape(q), b.shape(k));
    if qs.len() < 3 || ks.len() != qs.len() {
        return Err("attention needs query and key of equal rank with a head dimension".into());
    }
    let r = qs.len();
    if a.schema.is_some_and(|s| s.arg("enable_gqa").is_some())
        && a.bool("enable_gqa")?
        && qs[r - 3] != ks[r - 3]
    {
        if ks[r - 3] == 0 || qs[r - 3] % ks[r - 3] != 0 {
            return Err("query heads are not a multiple of key heads".into());
        }
        let groups = qs[r - 3] / ks[r - 3];
        k = repeat_heads(b, k, groups);
        v = repeat_heads(b, v, groups);
    }
    let is_causal = a.bool("is_causal")?;
    let scale = a.opt_float("scale")?;
    let mask = a.tensor("attn_mask")?;
    let mut operands = vec![q, k, v];
    if let Some(m) = mask {
        operands.push(if b.element(m) == b.i1() {
            m
        } else {
            b.cast(m, e)
        });
    }
    let mut attrs = Vec::new();
    if is_causal {
        attrs.push(("is_causal", b.bool_attr(true)));
    }
    if let Some(s) = scale {
        attrs.push(("scale", b.f64_attr(s)));
    }
    let out = b.one(TtirOp::ScaledDotProductAttention, &operands, &attrs, ty);
    let mut replacement = vec![Some(out)];
    if a.op.result_count() > 1 {
        replacement.push(if result_used(a, 1) {
            Some(logsumexp(b, a, q, k, mask, scale, is_causal)?)
        } else {
            None
        });
        for _ in 2..a.op.result_count() {
            replacement.push(None);
        }
    }
    Ok(replacement)
}

/// The log-sum-exp of the attention scores over the key positions, `[..., L]`.
fn logsumexp<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    q: Value<'c, 'a>,
    k: Value<'c, 'a>,
    mask: Option<Value<'c, 'a>>,
    scale: Option<f64>,
    is_causal: bool,
) -> Result<Value<'c, 'a>, NoMatch> {
    if is_causal {
        return Err("the log-sum-exp of causal attention is read".into());
    }
    let e = b.element(q);
    let (qs, ks) = (b.shape(q), b.shape(k));
    let r = qs.len();
    let mut scores_shape = qs[..r - 1].to_vec();
    scores_shape.push(ks[r - 2]);
    let scores = b.one(
        TtirOp::Matmul,
        &[q, k],
        &[("transpose_b", b.bool_attr(true))],
        b.tensor(&scores_shape, e),
    );
    let scale = scale.unwrap_or(1.0 / (qs[r - 1] as f64).sqrt());
    let mut scores = b.binary(TtirOp::Multiply, scores, b.scalar(scale, e), e)?;
    if let Some(m) = mask {
        scores = if b.element(m) == b.i1() {
            b.select(m, scores, b.scalar(f64::NEG_INFINITY, e), e)?
        } else {
            b.binary(TtirOp::Add, scores, m, e)?
        };
    }
    let last = scores_shape.len() - 1;
    let max = b.reduce(TtirOp::Max, scores, &[last], true, e);
    let shifted = b.binary(TtirOp::Subtract, scores, max, e)?;
    let sum = b.reduce(TtirOp::Sum, b.unary(TtirOp::Exp, shifted), &[last], true, e);
    let lse = b.binary(TtirOp::Add, b.unary(TtirOp::Log, sum), max, e)?;
    let out_ty = result_type(a, 1);
    Ok(b.reshape(b.cast(lse, element_of(out_ty)), &shape_of(out_ty)))
}
