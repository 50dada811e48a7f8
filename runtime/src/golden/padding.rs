//! Padding: `reflection_pad1d`/`2d`/`3d`, `replication_pad1d`/`2d`/`3d` and `constant_pad_nd`.
//!
//! `padding` lists `(before, after)` pairs starting with the last dimension, as PyTorch's `pad`
//! does; a negative entry crops. Output position `j` of a padded dimension of size `W` reads
//! input position `c = j - before`: reflection mirrors it about the edge elements (`-c` below,
//! `2 (W - 1) - c` above, so every pad must be smaller than `W`), replication clamps it to
//! `[0, W - 1]`, and the constant pad writes `value` outside `[0, W)`. The reflection and
//! replication pads take one or two leading (channel, batch) dimensions before the padded ones.

use crate::tensor::{Data, Tensor};

use super::args::{Ctx, Fail, Scalar, fail};
use super::layout::{numel, strides};

/// Runs the padding op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Tensor, Fail>> {
    let r = match name {
        "aten.reflection_pad1d.default" => pad(ctx, Mode::Reflect, 1),
        "aten.reflection_pad2d.default" => pad(ctx, Mode::Reflect, 2),
        "aten.reflection_pad3d.default" => pad(ctx, Mode::Reflect, 3),
        "aten.replication_pad1d.default" => pad(ctx, Mode::Replicate, 1),
        "aten.replication_pad2d.default" => pad(ctx, Mode::Replicate, 2),
        "aten.replication_pad3d.default" => pad(ctx, Mode::Replicate, 3),
        "aten.constant_pad_nd.default" => ctx
            .opt_scalar("value")
            .and_then(|v| pad(ctx, Mode::Constant(v.unwrap_or(Scalar::Int(0))), 0)),
        _ => return None,
    };
    Some(r)
}

#[derive(Clone, Copy)]
enum Mode {
    Reflect,
    Replicate,
    Constant(Scalar),
}

/// Pads the last dimensions of `self` by the `pad`/`padding` attribute; `dims` is the number of
/// padded dimensions (0: as many as the pairs given).
fn pad(ctx: &Ctx<'_>, mode: Mode, dims: usize) -> Result<Tensor, Fail> {
    let t = ctx.tensor("self")?;
    let p = match ctx.opt_ints("padding")? {
        Some(p) => p,
        None => ctx.ints("pad")?,
    };
    let rank = t.shape.len();
    let k = if dims == 0 { p.len() / 2 } else { dims };
    if p.len() != 2 * k {
        return fail(format!(
            "padding {p:?} must hold {} values (before and after for each padded dimension)",
            if dims == 0 {
                "an even number of".to_owned()
            } else {
                (2 * k).to_string()
            }
        ));
    }
    let lead_ok = match mode {
        Mode::Constant(_) => k <= rank,
        _ => rank == k + 1 || rank == k + 2,
    };
    if !lead_ok {
        return fail(format!(
            "padding {k} dimensions needs {} input, found {t}",
            match mode {
                Mode::Constant(_) => format!("at least a {k}-d"),
                _ => format!("a {}-d or {}-d", k + 1, k + 2),
            }
        ));
    }
    let mut maps: Vec<Vec<Option<usize>>> = t
        .shape
        .iter()
        .map(|&s| (0..s).map(Some).collect())
        .collect();
    let mut shape = t.shape.clone();
    for i in 0..k {
        let d = rank - 1 - i;
        let w = t.shape[d] as i64;
        let (before, after) = (p[2 * i], p[2 * i + 1]);
        let out = w.checked_add(before).and_then(|x| x.checked_add(after));
        let out = match out {
            Some(o) if o >= 1 || (o == 0 && matches!(mode, Mode::Constant(_))) => o,
            _ => {
                return fail(format!(
                    "padding ({before}, {after}) of dimension {d} (size {w}) leaves no elements"
                ));
            }
        };
        if matches!(mode, Mode::Reflect) && (before >= w || after >= w) {
            return fail(format!(
                "reflection padding ({before}, {after}) must be smaller than dimension {d} \
                 (size {w})"
            ));
        }
        if matches!(mode, Mode::Replicate) && w == 0 {
            return fail(format!("cannot replicate the edge of empty dimension {d}"));
        }
        if out > 1 << 31 {
            return fail(format!("padding {p:?} makes dimension {d} absurdly large"));
        }
        shape[d] = out as usize;
        let (w, before) = (w as i128, before as i128);
        maps[d] = (0..out as i128)
            .map(|j| {
                let c = j - before;
                let c = match mode {
                    Mode::Reflect if c < 0 => -c,
                    Mode::Reflect if c >= w => 2 * (w - 1) - c,
                    Mode::Replicate => c.clamp(0, w - 1),
                    _ => c,
                };
                (0..w).contains(&c).then_some(c as usize)
            })
            .collect();
    }
    numel(&shape)?;
    let fill = match mode {
        Mode::Constant(v) => v,
        _ => Scalar::Int(0),
    };
    Ok(remap(t, &maps, fill, shape))
}

/// The tensor whose element at `(j_0, j_1, ...)` is `t`'s element at `(maps[0][j_0], ...)`, or
/// `fill` where a map has no source.
fn remap(t: &Tensor, maps: &[Vec<Option<usize>>], fill: Scalar, shape: Vec<usize>) -> Tensor {
    let st = strides(&t.shape);
    let mut offsets: Vec<Option<usize>> = vec![Some(0)];
    for (d, map) in maps.iter().enumerate() {
        let mut next = Vec::with_capacity(offsets.len() * map.len());
        for &o in &offsets {
            next.extend(map.iter().map(|&m| Some(o? + m? * st[d])));
        }
        offsets = next;
    }
    fn go<T: Copy>(v: &[T], offsets: &[Option<usize>], fill: T) -> Vec<T> {
        offsets.iter().map(|o| o.map_or(fill, |o| v[o])).collect()
    }
    let data = match &t.data {
        Data::F32(v) => Data::F32(go(v, &offsets, fill.as_f64() as f32)),
        Data::I64(v) => Data::I64(go(v, &offsets, fill.as_i64())),
        Data::Bool(v) => Data::Bool(go(v, &offsets, fill.as_f64() != 0.0)),
    };
    Tensor { shape, data }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::program::Attr;
    use crate::tensor::Tensor;

    fn pad(name: &str, x: Tensor, p: &[i64]) -> Tensor {
        run1(name, &[("self", x)], &[("padding", ints(p))])
    }

    #[test]
    fn reflection_mirrors_about_the_edges() {
        let x = iota(&[1, 4]);
        assert_eq!(
            pad("aten.reflection_pad1d.default", x.clone(), &[2, 3]),
            Tensor::f32(
                vec![1, 9],
                vec![2.0, 1.0, 0.0, 1.0, 2.0, 3.0, 2.0, 1.0, 0.0]
            )
        );
        // A negative pad crops.
        assert_eq!(
            pad("aten.reflection_pad1d.default", x.clone(), &[-1, 1]),
            Tensor::f32(vec![1, 4], vec![1.0, 2.0, 3.0, 2.0])
        );
        let err = run_op(
            "aten.reflection_pad1d.default",
            &[("self", x)],
            &[("padding", ints(&[4, 0]))],
            1,
        )
        .unwrap_err();
        assert!(err.to_string().contains("must be smaller"), "{err}");
        // 2-d: [[0, 1, 2], [3, 4, 5]] padded by 1 left, 1 top.
        let r = pad(
            "aten.reflection_pad2d.default",
            iota(&[1, 2, 3]),
            &[1, 0, 1, 0],
        );
        assert_eq!(
            r,
            Tensor::f32(
                vec![1, 3, 4],
                vec![4.0, 3.0, 4.0, 5.0, 1.0, 0.0, 1.0, 2.0, 4.0, 3.0, 4.0, 5.0]
            )
        );
        // 3-d: depth 2 padded by one after: the last plane mirrors the first.
        let r = pad(
            "aten.reflection_pad3d.default",
            iota(&[1, 2, 1, 2]),
            &[0, 0, 0, 0, 0, 1],
        );
        assert_eq!(
            r,
            Tensor::f32(vec![1, 3, 1, 2], vec![0.0, 1.0, 2.0, 3.0, 0.0, 1.0])
        );
    }

    #[test]
    fn replication_and_constant_pads() {
        let r = pad(
            "aten.replication_pad2d.default",
            iota(&[1, 2, 2]),
            &[1, 2, 0, 1],
        );
        assert_eq!(
            r,
            Tensor::f32(
                vec![1, 3, 5],
                vec![
                    0.0, 0.0, 1.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 2.0, 2.0, 3.0, 3.0, 3.0
                ]
            )
        );
        let r = pad(
            "aten.replication_pad3d.default",
            Tensor::i64(vec![1, 1, 1, 1, 2], vec![5, 6]),
            &[0, 1, 1, 0, 0, 0],
        );
        assert_eq!(r, Tensor::i64(vec![1, 1, 1, 2, 3], vec![5, 6, 6, 5, 6, 6]));
        let r = run1(
            "aten.constant_pad_nd.default",
            &[("self", iota(&[2, 2]))],
            &[("pad", ints(&[1, -1])), ("value", Attr::Float(-1.5))],
        );
        assert_eq!(r, Tensor::f32(vec![2, 2], vec![-1.5, 0.0, -1.5, 2.0]));
    }
}
