//! Training-graph ops: `nll_loss_forward` (and `nll_loss`), `native_dropout` and `dropout`.
//!
//! `nll_loss_forward` returns `(loss, total_weight)`: per sample `-weight[t] * self[n, t]`,
//! skipping `ignore_index`; reduction 0 keeps the per-sample losses, 1 divides their sum by the
//! total weight (NaN when every target is ignored), 2 sums them.
//!
//! Dropout in training keeps element `i` when the node's dropout stream draws a value `>= p`
//! (the compiled program's numbers, see `random.rs`) and scales the kept values by
//! `1 / (1 - p)`. Not training is the identity with an all-true mask, `p = 0` the same and
//! `p = 1` zeros with an all-false mask.

use crate::tensor::{Data, Kind, Tensor};

use super::args::{Ctx, Fail, fail};
use super::layout;

/// Runs the training op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Vec<Tensor>, Fail>> {
    let r = match name {
        "aten.nll_loss_forward.default" => nll_loss(ctx),
        "aten.nll_loss.default" | "aten.nll_loss_nd.default" => nll_loss(ctx).map(|mut r| {
            r.truncate(1);
            r
        }),
        "aten.native_dropout.default" => dropout(ctx, "train", false),
        "aten.dropout.default" => dropout(ctx, "train", false).map(|mut r| {
            r.truncate(1);
            r
        }),
        // Dropout2d/3d: one draw per (sample, channel), shared by its spatial positions.
        "aten.feature_dropout.default" => dropout(ctx, "train", true).map(|mut r| {
            r.truncate(1);
            r
        }),
        _ => return None,
    };
    Some(r)
}

fn nll_loss(ctx: &Ctx<'_>) -> Result<Vec<Tensor>, Fail> {
    let x = ctx.tensor("self")?;
    let target = ctx.tensor("target")?;
    let weight = ctx.opt_tensor("weight")?;
    let reduction = ctx.int_or("reduction", 1)?;
    let ignore = ctx.int_or("ignore_index", -100)?;
    if x.kind() != Kind::Float {
        return fail(format!("self must be a float tensor, found {x}"));
    }
    if target.kind() != Kind::Int {
        return fail(format!("target must be an integer tensor, found {target}"));
    }
    let (n, c) = match x.shape.len() {
        1 if target.shape.is_empty() => (1, x.shape[0]),
        2 if target.shape == [x.shape[0]] => (x.shape[0], x.shape[1]),
        _ => {
            return fail(format!(
                "self {x} and target {target} do not fit ([N, C] with [N], or [C] with [])"
            ));
        }
    };
    let w = match weight {
        Some(w) if w.shape == [c] => Some(layout::floats(w).into_owned()),
        Some(w) => return fail(format!("weight {w} must have {c} elements")),
        None => None,
    };
    let xv = layout::floats(x);
    let tv = layout::ints(target);
    let mut losses = Vec::with_capacity(n);
    let (mut total, mut total_w) = (0f64, 0f64);
    for (i, &t) in tv.iter().enumerate() {
        if t == ignore {
            losses.push(0.0);
            continue;
        }
        if t < 0 || t as usize >= c {
            return fail(format!("target {t} is out of bounds for {c} classes"));
        }
        let wt = w.as_ref().map_or(1.0, |w| w[t as usize] as f64);
        let l = -wt * xv[i * c + t as usize] as f64;
        losses.push(l as f32);
        total += l;
        total_w += wt;
    }
    let loss = match reduction {
        0 => {
            let shape = if x.shape.len() == 1 { vec![] } else { vec![n] };
            return Ok(vec![
                Tensor::f32(shape, losses),
                Tensor::f32(vec![], vec![0.0]),
            ]);
        }
        1 => total / total_w,
        2 => total,
        r => {
            return fail(format!(
                "reduction {r} is not 0 (none), 1 (mean) or 2 (sum)"
            ));
        }
    };
    Ok(vec![
        Tensor::f32(vec![], vec![loss as f32]),
        Tensor::f32(vec![], vec![total_w as f32]),
    ])
}

/// `(output, mask)` of dropout; with `per_channel`, one draw per `(N, C)` pair of an input of
/// rank 2 or more, broadcast over the other dimensions.
fn dropout(ctx: &Ctx<'_>, train_attr: &str, per_channel: bool) -> Result<Vec<Tensor>, Fail> {
    let x = ctx.tensor("input")?;
    let p = ctx.float_or("p", 0.5)?;
    let train = ctx.bool_or(train_attr, true)?;
    if !(0.0..=1.0).contains(&p) {
        return fail(format!("dropout probability {p} is not between 0 and 1"));
    }
    let n = x.numel();
    if !train || p == 0.0 {
        return Ok(vec![
            x.clone(),
            Tensor::bool(x.shape.clone(), vec![true; n]),
        ]);
    }
    if p == 1.0 {
        let zeroed = match &x.data {
            Data::F32(v) => Tensor::f32(x.shape.clone(), v.iter().map(|&a| a * 0.0).collect()),
            _ => x.convert(Kind::Float),
        };
        return Ok(vec![zeroed, Tensor::bool(x.shape.clone(), vec![false; n])]);
    }
    let keep = if per_channel && x.shape.len() >= 2 {
        let channels = x.shape[0] * x.shape[1];
        let spatial = n / channels.max(1);
        let draws = super::random::dropout_mask(ctx, channels, p)?;
        (0..n).map(|i| draws[i / spatial.max(1)]).collect()
    } else {
        super::random::dropout_mask(ctx, n, p)?
    };
    let scale = (1.0 / (1.0 - p)) as f32;
    let values = x
        .to_f32()
        .iter()
        .zip(&keep)
        .map(|(&v, &k)| if k { v * scale } else { 0.0 })
        .collect();
    Ok(vec![
        Tensor::f32(x.shape.clone(), values),
        Tensor::bool(x.shape.clone(), keep),
    ])
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::{Data, Tensor};

    #[test]
    fn nll_loss_reductions_and_ignore_index() {
        let x = Tensor::f32(vec![3, 2], vec![-1.0, -2.0, -3.0, -4.0, -5.0, -6.0]);
        let t = Tensor::i64(vec![3], vec![1, 0, -100]);
        let run = |reduction: i64| {
            run_op(
                "aten.nll_loss_forward.default",
                &[("self", x.clone()), ("target", t.clone())],
                &[
                    ("reduction", Attr::Int(reduction)),
                    ("ignore_index", Attr::Int(-100)),
                ],
                2,
            )
            .unwrap()
        };
        let r = run(1);
        assert_eq!(r[0], Tensor::f32(vec![], vec![2.5]));
        assert_eq!(r[1], Tensor::f32(vec![], vec![2.0]));
        assert_eq!(run(2)[0], Tensor::f32(vec![], vec![5.0]));
        assert_eq!(run(0)[0], Tensor::f32(vec![3], vec![2.0, 3.0, 0.0]));
        let bad = Tensor::i64(vec![3], vec![2, 0, 0]);
        let err = run_op(
            "aten.nll_loss_forward.default",
            &[("self", x), ("target", bad)],
            &[("reduction", Attr::Int(1))],
            2,
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("target 2 is out of bounds"),
            "{err}"
        );
    }

    #[test]
    fn dropout_keeps_the_compiled_programs_elements() {
        let x = Tensor::f32(vec![2], vec![1.0, 2.0]);
        let r = run_op(
            "aten.native_dropout.default",
            &[("input", x.clone())],
            &[("p", Attr::Float(0.5)), ("train", Attr::Bool(false))],
            2,
        )
        .unwrap();
        assert_eq!(r[0], x);
        assert_eq!(r[1], Tensor::bool(vec![2], vec![true, true]));
        let r = run_op(
            "aten.native_dropout.default",
            &[("input", x.clone())],
            &[("p", Attr::Float(1.0)), ("train", Attr::Bool(true))],
            2,
        )
        .unwrap();
        assert_eq!(r[0], Tensor::f32(vec![2], vec![0.0, 0.0]));
        // In training, the kept elements are those whose uniform value of the node's dropout
        // stream is at least p, as in the compiled program.
        let n = 4096;
        let x = Tensor::f32(vec![n], vec![2.0; n]);
        let r = run_op(
            "aten.native_dropout.default",
            &[("input", x)],
            &[("p", Attr::Float(0.25)), ("train", Attr::Bool(true))],
            2,
        )
        .unwrap();
        let seed = crate::rng::node_seed("node", crate::rng::stream::DROPOUT) as u64;
        let (Data::F32(out), Data::Bool(mask)) = (&r[0].data, &r[1].data) else {
            panic!("{r:?}")
        };
        for i in 0..n {
            let keep = crate::rng::uniform(seed, i as u64) as f32 >= 0.25;
            assert_eq!(mask[i], keep);
            assert_eq!(out[i], if keep { 2.0 / 0.75 } else { 0.0 });
        }
        let kept = mask.iter().filter(|&&k| k).count() as f64 / n as f64;
        // Feature dropout keeps or drops whole channels.
        let x = Tensor::f32(vec![2, 64, 3], vec![1.0; 384]);
        let r = run_op(
            "aten.feature_dropout.default",
            &[("input", x)],
            &[("p", Attr::Float(0.5)), ("train", Attr::Bool(true))],
            1,
        )
        .unwrap();
        let Data::F32(out) = &r[0].data else {
            panic!("{r:?}")
        };
        let channels: Vec<&[f32]> = out.chunks(3).collect();
        assert!(channels.iter().all(|c| c.iter().all(|&v| v == c[0])));
        assert!(channels.iter().any(|c| c[0] == 0.0) && channels.iter().any(|c| c[0] == 2.0));
        assert!((kept - 0.75).abs() < 0.03, "{kept}");
    }
}
