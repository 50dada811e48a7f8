//! Views and data movement: reshapes of every kind, transposes and permutes, expand, slicing
//! and selecting, concatenation and splitting, padding, flips, gathers, embedding lookups,
//! advanced indexing, the `*_scatter` writes, and the ops that only alias or copy.
//!
//! Views take the result's shape from the traced annotation, so `view(x, [-1, 32])` needs no
//! inference here.

use melior::ir::{Type, Value, ValueLike};
use ttc_dialects::TtirOp;
use ttc_dialects::aten::AtenOp;
use ttc_dialects::shapes::{broadcast, normalize_dim};

use super::builder::{Builder, NoMatch, element_of, shape_of};
use super::{Lowering, Replacement, result_type, result_used, single};

macro_rules! to_result_shape {
    ($name:literal, $op:ident) => {
        Lowering {
            op: $name,
            produces: &[TtirOp::$op],
            conditions: "",
            rewrite: |b, a| reshape_like(b, a, TtirOp::$op),
        }
    };
}

macro_rules! identity {
    ($name:literal) => {
        Lowering {
            op: $name,
            produces: &[],
            conditions: "",
            rewrite: identity,
        }
    };
}

pub(super) static LOWERINGS: &[Lowering] = &[
    to_result_shape!("aten.view.default", Reshape),
    to_result_shape!("aten._unsafe_view.default", Reshape),
    to_result_shape!("aten.reshape.default", Reshape),
    to_result_shape!("aten.view_copy.default", Reshape),
    to_result_shape!("aten.view_as.default", Reshape),
    to_result_shape!("aten.reshape_as.default", Reshape),
    to_result_shape!("aten.unflatten.int", Reshape),
    to_result_shape!("aten.flatten.using_ints", Reshape),
    to_result_shape!("aten.squeeze.default", Reshape),
    to_result_shape!("aten.squeeze.dim", Reshape),
    to_result_shape!("aten.squeeze.dims", Reshape),
    to_result_shape!("aten.squeeze_copy.dim", Reshape),
    to_result_shape!("aten.unsqueeze.default", Reshape),
    to_result_shape!("aten.unsqueeze_copy.default", Reshape),
    to_result_shape!("aten.expand.default", Broadcast),
    to_result_shape!("aten.expand_copy.default", Broadcast),
    to_result_shape!("aten.expand_as.default", Broadcast),
    Lowering {
        op: "aten.permute.default",
        produces: &[TtirOp::Permute],
        conditions: "",
        rewrite: permute,
    },
    Lowering {
        op: "aten.permute_copy.default",
        produces: &[TtirOp::Permute],
        conditions: "",
        rewrite: permute,
    },
    Lowering {
        op: "aten.transpose.int",
        produces: &[TtirOp::Transpose],
        conditions: "",
        rewrite: |b, a| transpose(b, a, "dim0", "dim1"),
    },
    Lowering {
        op: "aten.transpose_copy.int",
        produces: &[TtirOp::Transpose],
        conditions: "",
        rewrite: |b, a| transpose(b, a, "dim0", "dim1"),
    },
    Lowering {
        op: "aten.swapaxes.default",
        produces: &[TtirOp::Transpose],
        conditions: "",
        rewrite: |b, a| transpose(b, a, "axis0", "axis1"),
    },
    Lowering {
        op: "aten.movedim.int",
        produces: &[TtirOp::Permute],
        conditions: "",
        rewrite: movedim,
    },
    Lowering {
        op: "aten.slice.Tensor",
        produces: &[TtirOp::Slice],
        conditions: "",
        rewrite: slice,
    },
    Lowering {
        op: "aten.slice_copy.Tensor",
        produces: &[TtirOp::Slice],
        conditions: "",
        rewrite: slice,
    },
    Lowering {
        op: "aten.select.int",
        produces: &[TtirOp::Slice, TtirOp::Reshape],
        conditions: "",
        rewrite: select,
    },
    Lowering {
        op: "aten.select_copy.int",
        produces: &[TtirOp::Slice, TtirOp::Reshape],
        conditions: "",
        rewrite: select,
    },
    Lowering {
        op: "aten.narrow.default",
        produces: &[TtirOp::Slice],
        conditions: "",
        rewrite: narrow,
    },
    Lowering {
        op: "aten.cat.default",
        produces: &[TtirOp::Concat],
        conditions: "",
        rewrite: cat,
    },
    Lowering {
        op: "aten.stack.default",
        produces: &[TtirOp::Reshape, TtirOp::Concat],
        conditions: "",
        rewrite: stack,
    },
    Lowering {
        op: "aten.split.Tensor",
        produces: &[TtirOp::Slice],
        conditions: "",
        rewrite: split,
    },
    Lowering {
        op: "aten.split_with_sizes.default",
        produces: &[TtirOp::Slice],
        conditions: "",
        rewrite: split,
    },
    Lowering {
        op: "aten.split_with_sizes_copy.default",
        produces: &[TtirOp::Slice],
        conditions: "",
        rewrite: split,
    },
    Lowering {
        op: "aten.chunk.default",
        produces: &[TtirOp::Slice],
        conditions: "",
        rewrite: split,
    },
    Lowering {
        op: "aten.unbind.int",
        produces: &[TtirOp::Slice, TtirOp::Reshape],
        conditions: "",
        rewrite: split,
    },
    Lowering {
        op: "aten.unbind_copy.int",
        produces: &[TtirOp::Slice, TtirOp::Reshape],
        conditions: "",
        rewrite: split,
    },
    Lowering {
        op: "aten.repeat.default",
        produces: &[TtirOp::Reshape, TtirOp::Repeat],
        conditions: "",
        rewrite: repeat,
    },
    Lowering {
        op: "aten.constant_pad_nd.default",
        produces: &[TtirOp::Pad, TtirOp::Slice],
        conditions: "",
        rewrite: constant_pad,
    },
    Lowering {
        op: "aten.flip.default",
        produces: &[TtirOp::Reverse],
        conditions: "",
        rewrite: flip,
    },
    Lowering {
        op: "aten.index_select.default",
        produces: &[TtirOp::IndexSelect],
        conditions: "",
        rewrite: index_select,
    },
    Lowering {
        op: "aten.gather.default",
        produces: &[TtirOp::Gather],
        conditions: "",
        rewrite: gather,
    },
    Lowering {
        op: "aten.embedding.default",
        produces: &[TtirOp::Embedding],
        conditions: "",
        rewrite: embedding,
    },
    Lowering {
        op: "aten.index.Tensor",
        produces: &[
            TtirOp::Permute,
            TtirOp::Reshape,
            TtirOp::Multiply,
            TtirOp::Add,
            TtirOp::Embedding,
        ],
        conditions: "integer (not boolean) indices",
        rewrite: index,
    },
    Lowering {
        op: "aten._unsafe_index.Tensor",
        produces: &[
            TtirOp::Permute,
            TtirOp::Reshape,
            TtirOp::Multiply,
            TtirOp::Add,
            TtirOp::Embedding,
        ],
        conditions: "integer (not boolean) indices",
        rewrite: index,
    },
    Lowering {
        op: "aten.slice_scatter.default",
        produces: &[TtirOp::Slice, TtirOp::Concat],
        conditions: "step 1",
        rewrite: slice_scatter,
    },
    Lowering {
        op: "aten.select_scatter.default",
        produces: &[TtirOp::Reshape, TtirOp::Slice, TtirOp::Concat],
        conditions: "",
        rewrite: select_scatter,
    },
    Lowering {
        op: "aten.diff.default",
        produces: &[TtirOp::Slice, TtirOp::Subtract, TtirOp::Concat],
        conditions: "",
        rewrite: diff,
    },
    Lowering {
        op: "aten.copy.default",
        produces: &[TtirOp::Typecast, TtirOp::Broadcast],
        conditions: "",
        rewrite: copy,
    },
    identity!("aten.alias.default"),
    identity!("aten.alias_copy.default"),
    identity!("aten.clone.default"),
    identity!("aten.detach.default"),
    identity!("aten.lift_fresh_copy.default"),
    identity!("aten.contiguous.default"),
    Lowering {
        op: "aten._assert_tensor_metadata.default",
        produces: &[],
        conditions: "",
        rewrite: |_, _| Ok(vec![]),
    },
];

fn input<'c, 'a>(a: &AtenOp<'c, 'a>) -> Result<Value<'c, 'a>, NoMatch> {
    a.required_tensor("self")
}

fn dim_arg(a: &AtenOp<'_, '_>, name: &str, rank: usize) -> Result<usize, NoMatch> {
    let d = a.int(name)?;
    normalize_dim(d, rank.max(1))
        .ok_or_else(|| format!("dimension {d} is out of range for rank {rank}"))
}

/// Views whose result shape the annotation gives: a reshape or broadcast to it.
fn reshape_like<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    op: TtirOp,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let x = input(a)?;
    if x.r#type() == ty {
        return single(x);
    }
    let x = b.cast(x, element_of(ty));
    match op {
        TtirOp::Broadcast => single(b.broadcast_to(x, &shape_of(ty))),
        _ => single(b.reshape(x, &shape_of(ty))),
    }
}

fn identity<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let x = input(a)?;
    single(b.reshape(b.cast(x, element_of(ty)), &shape_of(ty)))
}

fn permute<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let rank = b.shape(x).len();
    let perm = a
        .ints("dims")?
        .into_iter()
        .map(|d| {
            normalize_dim(d, rank.max(1))
                .map(|n| n as i64)
                .ok_or_else(|| format!("dimension {d} is out of range"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    single(b.permute(x, &perm))
}

fn transpose<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    n0: &str,
    n1: &str,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let rank = b.shape(x).len();
    if rank == 0 {
        return single(x);
    }
    single(b.transpose(x, dim_arg(a, n0, rank)?, dim_arg(a, n1, rank)?))
}

fn movedim<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let rank = b.shape(x).len();
    let (src, dst) = (
        dim_arg(a, "source", rank)?,
        dim_arg(a, "destination", rank)?,
    );
    let mut order: Vec<i64> = (0..rank as i64).filter(|&d| d != src as i64).collect();
    order.insert(dst, src as i64);
    single(b.permute(x, &order))
}

/// PyTorch's clamping of slice bounds: negative values count from the end, then clamp.
fn clamp_bound(v: i64, size: i64) -> i64 {
    let v = if v < 0 { v + size } else { v };
    v.clamp(0, size)
}

fn slice<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let shape = b.shape(x);
    let dim = dim_arg(a, "dim", shape.len())?;
    let size = shape[dim];
    let start = clamp_bound(a.opt_int("start")?.unwrap_or(0), size);
    let end = clamp_bound(a.opt_int("end")?.unwrap_or(size), size).max(start);
    let step = a.int("step")?;
    if step < 1 {
        return Err(format!("slice step {step} must be positive"));
    }
    single(b.slice_dim(x, dim, start, end, step))
}

fn select<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let shape = b.shape(x);
    let dim = dim_arg(a, "dim", shape.len())?;
    let i = a.int("index")?;
    let index = if i < 0 { i + shape[dim] } else { i };
    if !(0..shape[dim]).contains(&index) {
        return Err(format!("index {i} is out of range for size {}", shape[dim]));
    }
    let picked = b.slice_dim(x, dim, index, index + 1, 1);
    single(b.reshape(picked, &shape_of(result_type(a, 0))))
}

fn narrow<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let shape = b.shape(x);
    let dim = dim_arg(a, "dim", shape.len())?;
    let start = clamp_bound(a.int("start")?, shape[dim]);
    let length = a.int("length")?;
    single(b.slice_dim(x, dim, start, (start + length).min(shape[dim]), 1))
}

fn cat<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let rank = shape_of(ty).len();
    // PyTorch skips 1-D empty tensors in a concatenation.
    let inputs: Vec<Value> = a
        .tensors("tensors")?
        .into_iter()
        .filter(|v| !(b.shape(*v) == [0] && rank != 1))
        .map(|v| b.cast(v, e))
        .collect();
    if inputs.is_empty() {
        return Err("cat of no tensors".into());
    }
    let dim = dim_arg(a, "dim", rank)?;
    single(b.concat(&inputs, dim))
}

fn stack<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let rank = shape_of(ty).len();
    let dim = dim_arg(a, "dim", rank)?;
    let inputs: Vec<Value> = a
        .tensors("tensors")?
        .into_iter()
        .map(|v| {
            let mut shape = b.shape(v);
            shape.insert(dim, 1);
            b.reshape(b.cast(v, e), &shape)
        })
        .collect();
    if inputs.is_empty() {
        return Err("stack of no tensors".into());
    }
    single(b.concat(&inputs, dim))
}

/// `split`, `split_with_sizes`, `chunk` and `unbind`: one slice per result that is read.
fn split<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let shape = b.shape(x);
    let dim = dim_arg(a, "dim", shape.len())?;
    let size = shape[dim];
    let name = a.name();
    let unbind = name.contains("unbind");
    let sizes: Vec<i64> = if unbind {
        vec![1; size as usize]
    } else if name.contains("split_with_sizes") {
        a.ints("split_sizes")?
    } else {
        let step = if name.contains("chunk") {
            let chunks = a.int("chunks")?.max(1);
            (size + chunks - 1) / chunks
        } else {
            a.int("split_size")?
        };
        if step <= 0 {
            return Err(format!("split size {step} must be positive"));
        }
        let mut sizes = Vec::new();
        let mut rest = size;
        while rest > 0 {
            sizes.push(step.min(rest));
            rest -= step;
        }
        sizes
    };
    let mut replacement = Vec::new();
    let mut start = 0;
    for (i, s) in sizes.iter().enumerate() {
        if i >= melior::ir::operation::OperationLike::result_count(&a.op) {
            break;
        }
        if result_used(a, i) {
            let part = b.slice_dim(x, dim, start, start + s, 1);
            replacement.push(Some(b.reshape(part, &shape_of(result_type(a, i)))));
        } else {
            replacement.push(None);
        }
        start += s;
    }
    while replacement.len() < melior::ir::operation::OperationLike::result_count(&a.op) {
        replacement.push(None);
    }
    Ok(replacement)
}

fn repeat<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let repeats = a.ints("repeats")?;
    let mut shape = b.shape(x);
    if repeats.len() < shape.len() {
        return Err("repeat needs at least one count per dimension".into());
    }
    while shape.len() < repeats.len() {
        shape.insert(0, 1);
    }
    let x = b.reshape(x, &shape);
    let ty = result_type(a, 0);
    if repeats.iter().all(|&r| r == 1) {
        return single(x);
    }
    single(b.one(
        TtirOp::Repeat,
        &[x],
        &[("repeats", b.i64_array(&repeats))],
        ty,
    ))
}

/// `constant_pad_nd(x, pad, value)`: `pad` lists (before, after) pairs from the last dimension
/// backwards; negative amounts crop.
fn constant_pad<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let mut x = input(a)?;
    let pad = a.ints("pad")?;
    let value = a.float("value")?;
    let rank = b.shape(x).len();
    if pad.len() % 2 != 0 || pad.len() / 2 > rank {
        return Err(format!("padding {pad:?} does not fit a rank-{rank} tensor"));
    }
    let mut low = vec![0; rank];
    let mut high = vec![0; rank];
    for (i, chunk) in pad.chunks(2).enumerate() {
        low[rank - 1 - i] = chunk[0];
        high[rank - 1 - i] = chunk[1];
    }
    // Crop first (negative padding), then pad.
    if low.iter().chain(&high).any(|&p| p < 0) {
        let shape = b.shape(x);
        let begins: Vec<i64> = low.iter().map(|&l| (-l).max(0)).collect();
        let ends: Vec<i64> = shape
            .iter()
            .zip(&high)
            .map(|(d, &h)| d - (-h).max(0))
            .collect();
        x = b.slice(x, &begins, &ends, &vec![1; rank]);
    }
    let padding: Vec<i64> = (0..rank)
        .flat_map(|d| [low[d].max(0), high[d].max(0)])
        .collect();
    if padding.iter().all(|&p| p == 0) {
        return single(x);
    }
    single(b.one(
        TtirOp::Pad,
        &[x],
        &[
            ("padding", b.i64_array(&padding)),
            ("value", b.f64_attr(value)),
        ],
        result_type(a, 0),
    ))
}

fn flip<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let rank = b.shape(x).len();
    let dims = a
        .ints("dims")?
        .into_iter()
        .map(|d| {
            normalize_dim(d, rank.max(1))
                .map(|n| n as i64)
                .ok_or_else(|| format!("dimension {d} is out of range"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    single(b.one(
        TtirOp::Reverse,
        &[x],
        &[("dimensions", b.i64_array(&dims))],
        result_type(a, 0),
    ))
}

fn index_select<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let dim = dim_arg(a, "dim", b.shape(x).len())?;
    let index = a.required_tensor("index")?;
    let index = b.reshape(index, &[b.shape(index).iter().product()]);
    single(b.one(
        TtirOp::IndexSelect,
        &[x, index],
        &[("dim", b.i64_attr(dim as i64))],
        result_type(a, 0),
    ))
}

fn gather<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let dim = dim_arg(a, "dim", b.shape(x).len())?;
    let index = a.required_tensor("index")?;
    single(b.one(
        TtirOp::Gather,
        &[x, index],
        &[("dim", b.i64_attr(dim as i64))],
        result_type(a, 0),
    ))
}

fn embedding<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let weight = a.required_tensor("weight")?;
    let indices = a.required_tensor("indices")?;
    if b.shape(weight).len() != 2 {
        return Err("embedding tables must be 2-D".into());
    }
    single(b.one(
        TtirOp::Embedding,
        &[indices, weight],
        &[],
        result_type(a, 0),
    ))
}

/// `x[i0, i1, ...]` with integer index tensors (and `None` for whole dimensions): the indexed
/// dimensions are moved to the front and flattened into one, the index tensors combine into
/// one linear index, and an embedding lookup picks the rows.
fn index<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let shape = b.shape(x);
    let rank = shape.len();
    let present = a.present_mask("indices");
    let tensors = a.tensors("indices")?;
    let positions: Vec<usize> = present
        .iter()
        .enumerate()
        .filter(|(_, p)| **p)
        .map(|(i, _)| i)
        .collect();
    if positions.is_empty() || positions.len() != tensors.len() || present.len() > rank {
        return Err("advanced indexing without index tensors".into());
    }
    if tensors.iter().any(|t| b.element(*t) == b.i1()) {
        return Err("boolean mask indexing has a data-dependent output shape".into());
    }
    if tensors.iter().any(|t| b.is_float(b.element(*t))) {
        return Err("float index tensors".into());
    }
    let rest: Vec<usize> = (0..rank).filter(|d| !positions.contains(d)).collect();
    let perm: Vec<i64> = positions.iter().chain(&rest).map(|&d| d as i64).collect();
    let moved = b.permute(x, &perm);
    let rows: i64 = positions.iter().map(|&d| shape[d]).product();
    let rest_shape: Vec<i64> = rest.iter().map(|&d| shape[d]).collect();
    let width: i64 = rest_shape.iter().product();
    let table = b.reshape(moved, &[rows, width]);

    // The linear row index: sum of index_j * stride_j, negative indices wrapped.
    let index_type: Type = b.i64_type();
    let mut batch: Vec<i64> = vec![];
    for t in &tensors {
        batch = broadcast(&batch, &b.shape(*t)).ok_or("index tensors do not broadcast")?;
    }
    let mut linear: Option<Value> = None;
    let mut stride = rows;
    for (&pos, &t) in positions.iter().zip(&tensors) {
        let size = shape[pos];
        stride /= size;
        let t = b.cast(t, index_type);
        let negative = b.compare(TtirOp::Lt, t, b.scalar(0.0, index_type))?;
        let wrapped = b.binary(
            TtirOp::Add,
            t,
            b.scalar(size as f64, index_type),
            index_type,
        )?;
        let t = b.select(negative, wrapped, t, index_type)?;
        let term = if stride == 1 {
            t
        } else {
            b.binary(
                TtirOp::Multiply,
                t,
                b.scalar(stride as f64, index_type),
                index_type,
            )?
        };
        linear = Some(match linear {
            None => term,
            Some(acc) => b.binary(TtirOp::Add, acc, term, index_type)?,
        });
    }
    let linear = b.broadcast_to(linear.expect("at least one index"), &batch);
    let mut rows_shape = batch.clone();
    rows_shape.push(width);
    let picked = b.one(
        TtirOp::Embedding,
        &[linear, table],
        &[],
        b.tensor(&rows_shape, b.element(x)),
    );
    let mut gathered_shape = batch.clone();
    gathered_shape.extend(&rest_shape);
    let gathered = b.reshape(picked, &gathered_shape);
    // Adjacent indexed dimensions stay in place (after the dimensions before them).
    let adjacent = positions.windows(2).all(|w| w[1] == w[0] + 1);
    let first = positions[0];
    let result = if adjacent && first > 0 {
        let nb = batch.len() as i64;
        let mut order: Vec<i64> = (nb..nb + first as i64).collect();
        order.extend(0..nb);
        order.extend(nb + first as i64..gathered_shape.len() as i64);
        b.permute(gathered, &order)
    } else {
        gathered
    };
    single(result)
}

/// `slice_scatter(x, src, dim, start, end, 1)`: `x` with `x[start:end]` replaced by `src`.
fn slice_scatter<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let src = b.cast(a.required_tensor("src")?, b.element(x));
    let shape = b.shape(x);
    let dim = dim_arg(a, "dim", shape.len())?;
    let size = shape[dim];
    let start = clamp_bound(a.opt_int("start")?.unwrap_or(0), size);
    let end = clamp_bound(a.opt_int("end")?.unwrap_or(size), size).max(start);
    if a.int("step")? != 1 {
        return Err("slice_scatter with a step other than 1".into());
    }
    single(splice(b, x, src, dim, start, end))
}

fn splice<'c, 'a>(
    b: &Builder<'c, 'a>,
    x: Value<'c, 'a>,
    src: Value<'c, 'a>,
    dim: usize,
    start: i64,
    end: i64,
) -> Value<'c, 'a> {
    let size = b.shape(x)[dim];
    let mut parts = Vec::new();
    if start > 0 {
        parts.push(b.slice_dim(x, dim, 0, start, 1));
    }
    parts.push(src);
    if end < size {
        parts.push(b.slice_dim(x, dim, end, size, 1));
    }
    b.concat(&parts, dim)
}

fn select_scatter<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let x = input(a)?;
    let shape = b.shape(x);
    let dim = dim_arg(a, "dim", shape.len())?;
    let i = a.int("index")?;
    let index = if i < 0 { i + shape[dim] } else { i };
    let mut src_shape = shape.clone();
    src_shape[dim] = 1;
    let src = b.reshape(b.cast(a.required_tensor("src")?, b.element(x)), &src_shape);
    single(splice(b, x, src, dim, index, index + 1))
}

/// `diff(x, n, dim, prepend, append)`: `n` times `x[1:] - x[:-1]` along `dim`.
fn diff<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    let mut x = input(a)?;
    let dim = dim_arg(a, "dim", b.shape(x).len())?;
    let mut parts = Vec::new();
    if let Some(p) = a.tensor("prepend")? {
        parts.push(b.cast(p, b.element(x)));
    }
    parts.push(x);
    if let Some(p) = a.tensor("append")? {
        parts.push(b.cast(p, b.element(x)));
    }
    x = b.concat(&parts, dim);
    let boolean = b.element(x) == b.i1();
    for _ in 0..a.int("n")? {
        let size = b.shape(x)[dim];
        let (hi, lo) = (
            b.slice_dim(x, dim, 1, size, 1),
            b.slice_dim(x, dim, 0, size - 1, 1),
        );
        x = if boolean {
            b.compare(TtirOp::LogicalXor, hi, lo)?
        } else {
            b.binary(TtirOp::Subtract, hi, lo, b.element(x))?
        };
    }
    single(b.cast(x, e))
}

fn copy<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let src = a.required_tensor("src")?;
    let src = b.cast(src, element_of(ty));
    single(b.broadcast_to(src, &shape_of(ty)))
}
