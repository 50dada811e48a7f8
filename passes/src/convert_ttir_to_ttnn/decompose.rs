//! Rewrites of the ttir ops the TTNN library spells differently or does not have.
//!
//! - Boolean views: `i1` values live on the device as 0 / 1, so bitwise ops on `i1` become
//!   logical ops and a conversion *to* `i1` becomes `x != 0`.
//! - Reductions: `prod` over several dimensions is one `ttnn.prod` per dimension;
//!   `reduce_and` / `reduce_or` are `min` / `max` of the 0 / 1 view.
//! - `log_softmax` is the stable `x - max - log(sum(exp(x - max)))`.
//! - Normalisations over several trailing dimensions flatten them into the last one (the
//!   library normalises the last dimension); batch-norm statistics become [1, C, 1, 1].
//! - `broadcast` is `reshape` + `repeat`; `index_select` and `reverse` are an `embedding`
//!   lookup of the selected dimension's rows; creation ops take the device and a `shape`.
//! - Attention: a boolean mask becomes the additive mask the library expects.

use melior::ir::attribute::{
    AttributeLike, BoolAttribute, DenseI64ArrayAttribute, FloatAttribute, IntegerAttribute,
};
use melior::ir::r#type::IntegerType;
use melior::ir::{Attribute, Type, TypeLike, Value, ValueLike};
use ttc_dialects::TtnnOp;

use super::Lower;
use crate::fold_constants::{Tensor, dense_attribute};
use crate::ir::{element_of, shape_of, tensor_type};

type Out<'c, 'a> = Result<Vec<Value<'c, 'a>>, String>;

impl<'c, 'a> Lower<'c, 'a> {
    pub(super) fn tensor(&self, shape: &[i64], element: Type<'c>) -> Type<'c> {
        tensor_type(shape, element, None)
    }

    pub(super) fn i64_array(&self, v: &[i64]) -> Attribute<'c> {
        DenseI64ArrayAttribute::new(self.e.context, v).into()
    }

    pub(super) fn i64_attr(&self, v: i64) -> Attribute<'c> {
        IntegerAttribute::new(IntegerType::new(self.e.context, 64).into(), v).into()
    }

    pub(super) fn f32_attr(&self, v: f64) -> Attribute<'c> {
        FloatAttribute::new(self.e.context, Type::float32(self.e.context), v).into()
    }

    pub(super) fn bool_attr(&self, v: bool) -> Attribute<'c> {
        BoolAttribute::new(self.e.context, v).into()
    }

    pub(super) fn reshape(&self, v: Value<'c, 'a>, shape: &[i64]) -> Value<'c, 'a> {
        if shape_of(v.r#type()) == shape {
            return v;
        }
        let ty = self.tensor(shape, element_of(v.r#type()));
        self.ttnn(
            TtnnOp::Reshape,
            &[v],
            &[("shape", self.i64_array(shape))],
            ty,
        )
    }

    pub(super) fn permute(&self, v: Value<'c, 'a>, perm: &[i64]) -> Value<'c, 'a> {
        if perm.iter().enumerate().all(|(i, &p)| p == i as i64) {
            return v;
        }
        let shape = shape_of(v.r#type());
        let out: Vec<i64> = perm.iter().map(|&p| shape[p as usize]).collect();
        let ty = self.tensor(&out, element_of(v.r#type()));
        self.ttnn(
            TtnnOp::Permute,
            &[v],
            &[("permutation", self.i64_array(perm))],
            ty,
        )
    }

    /// A device tensor of `shape` filled with `value`.
    pub(super) fn full(&self, shape: &[i64], element: Type<'c>, value: f64) -> Value<'c, 'a> {
        let fill: Attribute = if element.is_float() {
            FloatAttribute::new(self.e.context, Type::float32(self.e.context), value).into()
        } else {
            IntegerAttribute::new(IntegerType::new(self.e.context, 32).into(), value as i64).into()
        };
        self.ttnn(
            TtnnOp::Full,
            &[self.device()],
            &[("shape", self.i64_array(shape)), ("fill_value", fill)],
            self.tensor(shape, element),
        )
    }

    /// `x != 0` as `i1`.
    pub(super) fn nonzero(&self, x: Value<'c, 'a>) -> Value<'c, 'a> {
        let shape = shape_of(x.r#type());
        let zero = self.full(&[], element_of(x.r#type()), 0.0);
        let i1 = IntegerType::new(self.e.context, 1).into();
        self.ttnn(TtnnOp::Ne, &[x, zero], &[], self.tensor(&shape, i1))
    }

    fn is_bool(&self, v: Value<'c, 'a>) -> bool {
        element_of(v.r#type()).to_string() == "i1"
    }
}

pub(super) fn bitwise_not<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let x = l.operand(0);
    let op = if l.is_bool(x) {
        TtnnOp::LogicalNot
    } else {
        TtnnOp::BitwiseNot
    };
    Ok(vec![l.ttnn(op, &[x], &[], l.result_type(0))])
}

pub(super) fn bitwise_binary<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let (a, b) = (l.operand(0), l.operand(1));
    let boolean = l.is_bool(a) && l.is_bool(b);
    let op = match (l.view.info().name, boolean) {
        ("ttir.bitwise_and", true) => TtnnOp::LogicalAnd,
        ("ttir.bitwise_or", true) => TtnnOp::LogicalOr,
        ("ttir.bitwise_xor", true) => TtnnOp::LogicalXor,
        ("ttir.bitwise_and", false) => TtnnOp::BitwiseAnd,
        ("ttir.bitwise_or", false) => TtnnOp::BitwiseOr,
        (_, false) => TtnnOp::BitwiseXor,
        (_, true) => TtnnOp::LogicalXor,
    };
    Ok(vec![l.ttnn(op, &[a, b], &[], l.result_type(0))])
}

pub(super) fn typecast<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let x = l.operand(0);
    let result = l.result_type(0);
    let element = element_of(result).to_string();
    if element == "i1" {
        return Ok(vec![l.nonzero(x)]);
    }
    let attr = dtype_attr(l, element_of(result))?;
    Ok(vec![l.ttnn(
        TtnnOp::Typecast,
        &[x],
        &[("dtype", attr)],
        result,
    )])
}

/// The `#ttnn.data_type` holding `element` (before layouts: the logical element's own type).
fn dtype_attr<'c>(l: &Lower<'c, '_>, element: Type<'c>) -> Result<Attribute<'c>, String> {
    let dtype = match element.to_string().as_str() {
        "f32" => "f32",
        "bf16" => "bf16",
        "si32" | "i32" => "si32",
        "ui32" => "u32",
        "ui16" | "i16" => "u16",
        "ui8" | "i8" => "u8",
        other => return Err(format!("no TTNN data type holds {other}")),
    };
    Ok(
        Attribute::parse(l.e.context, &format!("#ttnn.data_type<{dtype}>"))
            .expect("data type attribute parses"),
    )
}

/// The reduced dimensions of a ttir reduction (all when absent), normalised.
fn reduced_dims(l: &Lower<'_, '_>, rank: usize) -> Vec<usize> {
    match l.view.i64_array_attr("dim_arg") {
        Some(dims) if !dims.is_empty() => dims
            .iter()
            .map(|&d| if d < 0 { d + rank as i64 } else { d } as usize)
            .collect(),
        _ => (0..rank).collect(),
    }
}

/// Whether the reduction names an empty list of dimensions: it reduces nothing.
fn reduces_nothing(l: &Lower<'_, '_>) -> bool {
    l.view
        .i64_array_attr("dim_arg")
        .is_some_and(|d| d.is_empty())
}

pub(super) fn reduce<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    if reduces_nothing(l) {
        return Ok(vec![l.operand(0)]);
    }
    let target = match l.view.info().name {
        "ttir.sum" => TtnnOp::Sum,
        "ttir.mean" => TtnnOp::Mean,
        "ttir.max" => TtnnOp::Max,
        _ => TtnnOp::Min,
    };
    super::rename(l, target, &[])
}

pub(super) fn prod<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let x = l.operand(0);
    if reduces_nothing(l) {
        return Ok(vec![x]);
    }
    let shape = shape_of(x.r#type());
    let keep = l.view.bool_attr("keep_dim");
    let mut dims = reduced_dims(l, shape.len());
    let result = l.result_type(0);
    if dims.len() == shape.len() && !keep {
        return Ok(vec![l.ttnn(TtnnOp::Prod, &[x], &[], result)]);
    }
    // One dimension at a time, highest first, so the remaining indices stay valid.
    dims.sort_unstable();
    dims.dedup();
    let mut v = x;
    let mut current = shape.clone();
    for &d in dims.iter().rev() {
        if keep {
            current[d] = 1;
        } else {
            current.remove(d);
        }
        let ty = l.tensor(&current, element_of(x.r#type()));
        v = l.ttnn(
            TtnnOp::Prod,
            &[v],
            &[
                ("dim", l.i64_attr(d as i64)),
                ("keep_dim", l.bool_attr(keep)),
            ],
            ty,
        );
    }
    Ok(vec![v])
}

pub(super) fn reduce_bool<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let x = l.operand(0);
    let flags = if l.is_bool(x) { x } else { l.nonzero(x) };
    if reduces_nothing(l) {
        return Ok(vec![flags]);
    }
    let op = if l.view.info().name == "ttir.reduce_and" {
        TtnnOp::Min
    } else {
        TtnnOp::Max
    };
    let mut attrs = vec![("keep_dim", l.bool_attr(l.view.bool_attr("keep_dim")))];
    if let Some(dims) = l.view.attribute("dim_arg") {
        attrs.push(("dim_arg", dims));
    }
    Ok(vec![l.ttnn(op, &[flags], &attrs, l.result_type(0))])
}

pub(super) fn log_softmax<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let x = l.operand(0);
    let ty = x.r#type();
    let shape = shape_of(ty);
    let rank = shape.len() as i64;
    let dim = l.view.int_attr("dimension").unwrap_or(-1);
    let dim = if dim < 0 { dim + rank } else { dim };
    let mut kept = shape.clone();
    kept[dim as usize] = 1;
    let kept_ty = l.tensor(&kept, element_of(ty));
    let reduce = [
        ("dim_arg", l.i64_array(&[dim])),
        ("keep_dim", l.bool_attr(true)),
    ];
    let max = l.ttnn(TtnnOp::Max, &[x], &reduce, kept_ty);
    let shifted = l.ttnn(TtnnOp::Subtract, &[x, max], &[], ty);
    let exp = l.ttnn(TtnnOp::Exp, &[shifted], &[], ty);
    let sum = l.ttnn(TtnnOp::Sum, &[exp], &reduce, kept_ty);
    let log = l.ttnn(TtnnOp::Log, &[sum], &[], kept_ty);
    Ok(vec![l.ttnn(TtnnOp::Subtract, &[shifted, log], &[], ty)])
}

pub(super) fn last_dim_norm<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let target = if l.view.info().name == "ttir.layer_norm" {
        TtnnOp::LayerNorm
    } else {
        TtnnOp::RmsNorm
    };
    let x = l.operand(0);
    let shape = shape_of(x.r#type());
    let normalized = l
        .view
        .i64_array_attr("normalized_shape")
        .unwrap_or_default();
    let width: i64 = normalized.iter().product();
    let groups = l.view.operand_groups();
    let mut flat_shape = shape[..shape.len() - normalized.len()].to_vec();
    flat_shape.push(width);
    let input = l.reshape(x, &flat_shape);
    let mut operands = vec![input];
    let mut segments = vec![1i32];
    for group in &groups[1..] {
        segments.push(group.len() as i32);
        for &p in group {
            operands.push(l.reshape(p, &[width]));
        }
    }
    let segments_attr = Attribute::parse(
        l.e.context,
        &format!(
            "array<i32: {}>",
            segments
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
    .expect("segment sizes parse");
    let mut attrs = vec![("operandSegmentSizes", segments_attr)];
    if let Some(eps) = l.view.attribute("epsilon") {
        attrs.push(("epsilon", eps));
    }
    let ty = l.tensor(&flat_shape, element_of(x.r#type()));
    let y = l.ttnn(target, &operands, &attrs, ty);
    Ok(vec![l.reshape(y, &shape)])
}

pub(super) fn batch_norm<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let x = l.operand(0);
    let shape = shape_of(x.r#type());
    if shape.len() < 2 {
        return Err("batch_norm needs an input of rank at least 2".into());
    }
    let four: Vec<i64> = match shape.len() {
        2 => vec![shape[0], shape[1], 1, 1],
        3 => vec![shape[0], shape[1], shape[2], 1],
        4 => shape.clone(),
        _ => {
            let h: i64 = shape[2..shape.len() - 1].iter().product();
            vec![shape[0], shape[1], h, shape[shape.len() - 1]]
        }
    };
    let channels = shape[1];
    let input = l.reshape(x, &four);
    let groups = l.view.operand_groups();
    let mut operands = vec![input];
    let mut segments = vec![1i32];
    for group in &groups[1..] {
        segments.push(group.len() as i32);
        for &p in group {
            operands.push(l.reshape(p, &[1, channels, 1, 1]));
        }
    }
    let segments_attr = Attribute::parse(
        l.e.context,
        &format!(
            "array<i32: {}>",
            segments
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
    .expect("segment sizes parse");
    let mut attrs = vec![("operandSegmentSizes", segments_attr)];
    if let Some(eps) = l.view.attribute("epsilon") {
        attrs.push(("epsilon", eps));
    }
    let ty = l.tensor(&four, element_of(x.r#type()));
    let y = l.ttnn(TtnnOp::BatchNorm, &operands, &attrs, ty);
    Ok(vec![l.reshape(y, &shape)])
}

pub(super) fn reshape<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let result = l.result_type(0);
    let shape = shape_of(result);
    Ok(vec![l.ttnn(
        TtnnOp::Reshape,
        &[l.operand(0)],
        &[("shape", l.i64_array(&shape))],
        result,
    )])
}

pub(super) fn broadcast<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let x = l.operand(0);
    let from = shape_of(x.r#type());
    let to = shape_of(l.result_type(0));
    let mut aligned = vec![1; to.len() - from.len()];
    aligned.extend_from_slice(&from);
    let v = l.reshape(x, &aligned);
    let repeats: Vec<i64> = aligned
        .iter()
        .zip(&to)
        .map(|(&a, &t)| if a == t { 1 } else { t })
        .collect();
    if repeats.iter().all(|&r| r == 1) {
        return Ok(vec![v]);
    }
    Ok(vec![l.ttnn(
        TtnnOp::Repeat,
        &[v],
        &[("repeat_dims", l.i64_array(&repeats))],
        l.result_type(0),
    )])
}

/// `input` with dimension `dim` replaced by the rows `index` picks: the dimension is moved to
/// the front, the rest flattened into a table, looked up with `ttnn.embedding`, and the
/// result put back in shape.
fn select_rows<'c, 'a>(
    l: &Lower<'c, 'a>,
    input: Value<'c, 'a>,
    index: Value<'c, 'a>,
    dim: usize,
) -> Value<'c, 'a> {
    let shape = shape_of(input.r#type());
    let element = element_of(input.r#type());
    let rank = shape.len();
    let count = shape_of(index.r#type()).iter().product::<i64>();
    let mut perm: Vec<i64> = vec![dim as i64];
    perm.extend((0..rank as i64).filter(|&d| d != dim as i64));
    let moved = l.permute(input, &perm);
    let rest: Vec<i64> = perm[1..].iter().map(|&p| shape[p as usize]).collect();
    let width: i64 = rest.iter().product();
    let table = l.reshape(moved, &[shape[dim], width]);
    let index = l.reshape(index, &[count]);
    let rows = l.ttnn(
        TtnnOp::Embedding,
        &[index, table],
        &[],
        l.tensor(&[count, width], element),
    );
    let mut picked = vec![count];
    picked.extend_from_slice(&rest);
    let picked = l.reshape(rows, &picked);
    let mut inverse = vec![0i64; rank];
    for (i, &p) in perm.iter().enumerate() {
        inverse[p as usize] = i as i64;
    }
    l.permute(picked, &inverse)
}

pub(super) fn index_select<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let input = l.operand(0);
    let rank = shape_of(input.r#type()).len() as i64;
    let dim = l.view.int_attr("dim").unwrap_or(0);
    let dim = if dim < 0 { dim + rank } else { dim } as usize;
    Ok(vec![select_rows(l, input, l.operand(1), dim)])
}

pub(super) fn reverse<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let mut v = l.operand(0);
    let shape = shape_of(v.r#type());
    let dims = l.view.i64_array_attr("dimensions").unwrap_or_default();
    let si32 = Type::parse(l.e.context, "si32").expect("si32 parses");
    for d in dims {
        let d = if d < 0 { d + shape.len() as i64 } else { d } as usize;
        let n = shape[d];
        let ty = l.tensor(&[n], si32);
        let values = Tensor {
            shape: vec![n],
            data: (0..n).rev().map(|i| i as f64).collect(),
        };
        let attr = dense_attribute(ty, &values).ok_or("cannot build the reversed indices")?;
        let index = l.ttnn(TtnnOp::Constant, &[l.device()], &[("value", attr)], ty);
        v = select_rows(l, v, index, d);
    }
    Ok(vec![v])
}

pub(super) fn constant<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let value = l.view.attribute("value").ok_or("constant without value")?;
    Ok(vec![l.ttnn(
        TtnnOp::Constant,
        &[l.device()],
        &[("value", value)],
        l.result_type(0),
    )])
}

pub(super) fn full<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let result = l.result_type(0);
    let fill = l
        .view
        .attribute("fill_value")
        .ok_or("full without fill_value")?;
    let fill = if fill.is_float() {
        let v = unsafe { mlir_sys::mlirFloatAttrGetValueDouble(fill.to_raw()) };
        l.f32_attr(v)
    } else {
        fill
    };
    Ok(vec![l.ttnn(
        TtnnOp::Full,
        &[l.device()],
        &[
            ("shape", l.i64_array(&shape_of(result))),
            ("fill_value", fill),
        ],
        result,
    )])
}

pub(super) fn arange<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let result = l.result_type(0);
    let start = l.view.float_attr("start").unwrap_or(0.0);
    let end = l.view.float_attr("end").unwrap_or(0.0);
    let step = l.view.float_attr("step").unwrap_or(1.0);
    let integral = |v: f64| v.fract() == 0.0 && v.abs() < 2f64.powi(53);
    let count = shape_of(result).first().copied().unwrap_or(0);
    let device = l.device();
    if integral(start) && integral(end) && integral(step) {
        return Ok(vec![l.ttnn(
            TtnnOp::Arange,
            &[device],
            &[
                ("start", l.i64_attr(start as i64)),
                ("end", l.i64_attr(end as i64)),
                ("step", l.i64_attr(step as i64)),
            ],
            result,
        )]);
    }
    // start + step * [0, 1, ..., count - 1], in f32 when the result is an integer type (the
    // conversion then truncates toward zero, as the constant folder does).
    let element = element_of(result);
    let compute = if element.is_float() {
        element
    } else {
        Type::float32(l.e.context)
    };
    let compute_ty = l.tensor(&[count], compute);
    let base = l.ttnn(
        TtnnOp::Arange,
        &[device],
        &[
            ("start", l.i64_attr(0)),
            ("end", l.i64_attr(count)),
            ("step", l.i64_attr(1)),
        ],
        compute_ty,
    );
    let scaled = l.ttnn(
        TtnnOp::Multiply,
        &[base, l.full(&[], compute, step)],
        &[],
        compute_ty,
    );
    let shifted = l.ttnn(
        TtnnOp::Add,
        &[scaled, l.full(&[], compute, start)],
        &[],
        compute_ty,
    );
    if compute == element {
        return Ok(vec![shifted]);
    }
    Ok(vec![l.ttnn(
        TtnnOp::Typecast,
        &[shifted],
        &[("dtype", dtype_attr(l, element)?)],
        result,
    )])
}

pub(super) fn rand<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let result = l.result_type(0);
    let low = l.view.float_attr("low").unwrap_or(0.0);
    let high = l.view.float_attr("high").unwrap_or(1.0);
    let seed = l.view.int_attr("seed").unwrap_or(0);
    Ok(vec![l.ttnn(
        TtnnOp::Rand,
        &[l.device()],
        &[
            ("shape", l.i64_array(&shape_of(result))),
            ("low", l.f32_attr(low)),
            ("high", l.f32_attr(high)),
            ("seed", l.i64_attr(seed)),
        ],
        result,
    )])
}

/// `[..., L, S]` additive causal mask: 0 on and below the diagonal, -inf above.
fn causal_mask<'c, 'a>(
    l: &Lower<'c, 'a>,
    rows: i64,
    cols: i64,
    element: Type<'c>,
) -> Result<Value<'c, 'a>, String> {
    let ty = l.tensor(&[1, 1, rows, cols], element);
    let data = (0..rows)
        .flat_map(|r| (0..cols).map(move |c| if c > r { f64::NEG_INFINITY } else { 0.0 }))
        .collect();
    let tensor = Tensor {
        shape: vec![1, 1, rows, cols],
        data,
    };
    let attr = dense_attribute(ty, &tensor).ok_or("cannot build the causal mask")?;
    Ok(l.ttnn(TtnnOp::Constant, &[l.device()], &[("value", attr)], ty))
}

pub(super) fn attention<'c, 'a>(l: &Lower<'c, 'a>) -> Out<'c, 'a> {
    let groups = l.view.operand_groups();
    let (q, k, v) = (groups[0][0], groups[1][0], groups[2][0]);
    let result = l.result_type(0);
    let out_shape = shape_of(result);
    let rank = shape_of(q.r#type()).len();
    if !(2..=4).contains(&rank) || shape_of(k.r#type()).len() != rank {
        return Err(format!(
            "the library's attention takes [batch, heads, sequence, head_dim]; got rank {rank}"
        ));
    }
    let to4 = |x: Value<'c, 'a>| {
        let s = shape_of(x.r#type());
        let mut four = vec![1; 4 - s.len()];
        four.extend_from_slice(&s);
        l.reshape(x, &four)
    };
    let (q4, mut k4, mut v4) = (to4(q), to4(k), to4(v));
    // The library does not broadcast the batch: repeat key and value to the query's batch.
    let batch = shape_of(q4.r#type())[0];
    for kv in [&mut k4, &mut v4] {
        let s = shape_of(kv.r#type());
        if s[0] != batch {
            if s[0] != 1 {
                return Err(format!(
                    "key/value batch {} does not broadcast to the query batch {batch}",
                    s[0]
                ));
            }
            let mut repeated = s.clone();
            repeated[0] = batch;
            *kv = l.ttnn(
                TtnnOp::Repeat,
                &[*kv],
                &[("repeat_dims", l.i64_array(&[batch, 1, 1, 1]))],
                l.tensor(&repeated, element_of(kv.r#type())),
            );
        }
    }
    let element = element_of(q.r#type());
    let (seq_q, seq_k) = (shape_of(q4.r#type())[2], shape_of(k4.r#type())[2]);
    let mut is_causal = l.view.bool_attr("is_causal");
    let mut mask = groups.get(3).and_then(|g| g.first().copied()).map(|m| {
        let m4 = to4(m);
        if l.is_bool(m) {
            let shape = shape_of(m4.r#type());
            let zero = l.full(&[], element, 0.0);
            let ninf = l.full(&[], element, f64::NEG_INFINITY);
            l.ttnn(
                TtnnOp::Where,
                &[m4, zero, ninf],
                &[],
                l.tensor(&shape, element),
            )
        } else {
            m4
        }
    });
    if is_causal && (mask.is_some() || seq_q != seq_k) {
        // The library's causal mode takes no mask and needs L == S: spell the mask out.
        let causal = causal_mask(l, seq_q, seq_k, element)?;
        mask = Some(match mask {
            Some(m) => {
                let shape = crate::ir::shape_of(m.r#type());
                let bshape = ttc_dialects::shapes::broadcast(&shape, &[1, 1, seq_q, seq_k])
                    .ok_or("the attention mask does not broadcast to [L, S]")?;
                l.ttnn(TtnnOp::Add, &[m, causal], &[], l.tensor(&bshape, element))
            }
            None => causal,
        });
        is_causal = false;
    }
    let mut operands = vec![q4, k4, v4];
    let mut attrs = vec![("is_causal", l.bool_attr(is_causal))];
    if let Some(m) = mask {
        operands.push(m);
    }
    if let Some(scale) = l.view.float_attr("scale") {
        attrs.push(("scale", l.f32_attr(scale)));
    }
    let mut out4 = vec![1; 4 - out_shape.len()];
    out4.extend_from_slice(&out_shape);
    let y = l.ttnn(
        TtnnOp::ScaledDotProductAttention,
        &operands,
        &attrs,
        l.tensor(&out4, element_of(result)),
    );
    Ok(vec![l.reshape(y, &out_shape)])
}
