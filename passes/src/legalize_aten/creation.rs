//! Tensor creation: `arange`, `full`, `zeros`, `ones`, `empty` (zero-filled), `scalar_tensor`,
//! the `new_*` and `*_like` families, `fill`, and random tensors.
//!
//! Shapes and dtypes come from the result type. Random ops get their seeds from the traced node's
//! name and stream (`ttc_device::rng::node_seed`), so a compiled program is deterministic and
//! the golden reference draws the same numbers.

use melior::ir::operation::OperationLike;
use ttc_device::rng::stream;
use ttc_dialects::TtirOp;
use ttc_dialects::aten::AtenOp;

use super::builder::{Builder, NoMatch, element_of, shape_of};
use super::{Lowering, Replacement, result_type, single};

pub(super) static LOWERINGS: &[Lowering] = &[
    Lowering {
        op: "aten.arange.default",
        produces: &[TtirOp::Arange],
        conditions: "",
        rewrite: arange,
    },
    Lowering {
        op: "aten.arange.start",
        produces: &[TtirOp::Arange],
        conditions: "",
        rewrite: arange,
    },
    Lowering {
        op: "aten.arange.start_step",
        produces: &[TtirOp::Arange],
        conditions: "",
        rewrite: arange,
    },
    Lowering {
        op: "aten.full.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| fill(b, a, Some("fill_value")),
    },
    Lowering {
        op: "aten.full_like.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| fill(b, a, Some("fill_value")),
    },
    Lowering {
        op: "aten.new_full.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| fill(b, a, Some("fill_value")),
    },
    Lowering {
        op: "aten.fill.Scalar",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| fill(b, a, Some("value")),
    },
    Lowering {
        op: "aten.scalar_tensor.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| fill(b, a, Some("s")),
    },
    Lowering {
        op: "aten.zeros.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| constant(b, a, 0.0),
    },
    Lowering {
        op: "aten.zeros_like.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| constant(b, a, 0.0),
    },
    Lowering {
        op: "aten.new_zeros.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| constant(b, a, 0.0),
    },
    Lowering {
        op: "aten.ones.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| constant(b, a, 1.0),
    },
    Lowering {
        op: "aten.ones_like.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| constant(b, a, 1.0),
    },
    Lowering {
        op: "aten.new_ones.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| constant(b, a, 1.0),
    },
    // Uninitialised memory may hold anything; zeros are a valid choice.
    Lowering {
        op: "aten.empty.memory_format",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| constant(b, a, 0.0),
    },
    Lowering {
        op: "aten.empty_like.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| constant(b, a, 0.0),
    },
    Lowering {
        op: "aten.new_empty.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| constant(b, a, 0.0),
    },
    Lowering {
        op: "aten.empty_strided.default",
        produces: &[TtirOp::Full],
        conditions: "",
        rewrite: |b, a| constant(b, a, 0.0),
    },
    Lowering {
        op: "aten.rand.default",
        produces: &[TtirOp::Rand],
        conditions: "",
        rewrite: uniform,
    },
    Lowering {
        op: "aten.rand_like.default",
        produces: &[TtirOp::Rand],
        conditions: "",
        rewrite: uniform,
    },
    Lowering {
        op: "aten.randn.default",
        produces: &[
            TtirOp::Rand,
            TtirOp::Log,
            TtirOp::Sqrt,
            TtirOp::Cos,
            TtirOp::Multiply,
        ],
        conditions: "",
        rewrite: normal,
    },
    Lowering {
        op: "aten.randn_like.default",
        produces: &[
            TtirOp::Rand,
            TtirOp::Log,
            TtirOp::Sqrt,
            TtirOp::Cos,
            TtirOp::Multiply,
        ],
        conditions: "",
        rewrite: normal,
    },
];

fn arange<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let has = |n: &str| a.schema.is_some_and(|s| s.arg(n).is_some());
    let start = if has("start") { a.float("start")? } else { 0.0 };
    let end = a.float("end")?;
    let step = if has("step") { a.float("step")? } else { 1.0 };
    if step == 0.0 {
        return Err("arange step is zero".into());
    }
    let ty = result_type(a, 0);
    let count = ((end - start) / step).ceil().max(0.0) as i64;
    if shape_of(ty) != [count] {
        return Err(format!(
            "arange({start}, {end}, {step}) has {count} elements but the result is {ty}"
        ));
    }
    single(b.one(
        TtirOp::Arange,
        &[],
        &[
            ("start", b.f64_attr(start)),
            ("end", b.f64_attr(end)),
            ("step", b.f64_attr(step)),
        ],
        ty,
    ))
}

fn fill<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    value: Option<&str>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let v = match value {
        Some(name) => a.float(name)?,
        None => 0.0,
    };
    constant(b, a, v)
}

fn constant<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
    value: f64,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    single(b.full(&shape_of(ty), element_of(ty), value))
}

/// The seed of a random stream of the op's traced node (see `ttc_device::rng::node_seed`: the
/// golden reference draws the same numbers).
pub(super) fn seed_of(a: &AtenOp<'_, '_>, stream: u64) -> i64 {
    ttc_device::rng::node_seed(&node_name(a), stream)
}

/// The traced node an op came from: the name of its name location
/// (`loc("native_dropout"("fw_0.txt":23:9))`), or the whole location when it has none.
fn node_name(a: &AtenOp<'_, '_>) -> String {
    let text = a.op.location().to_string();
    text.strip_prefix("loc(\"")
        .and_then(|rest| rest.split_once('"'))
        .map(|(name, _)| name.to_owned())
        .unwrap_or(text)
}

fn uniform<'c, 'a>(
    b: &Builder<'c, 'a>,
    a: &AtenOp<'c, 'a>,
) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    if !b.is_float(element_of(ty)) {
        return Err("random integers are not supported".into());
    }
    single(b.one(
        TtirOp::Rand,
        &[],
        &[("seed", b.i64_attr(seed_of(a, stream::UNIFORM)))],
        ty,
    ))
}

/// Standard normal values by the Box-Muller transform of two uniform tensors.
fn normal<'c, 'a>(b: &Builder<'c, 'a>, a: &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    let ty = result_type(a, 0);
    let e = element_of(ty);
    if !b.is_float(e) {
        return Err("random integers are not supported".into());
    }
    // u1 in [NORMAL_LOW, 1): avoid log(0).
    let u1 = b.one(
        TtirOp::Rand,
        &[],
        &[
            ("low", b.f64_attr(stream::NORMAL_LOW)),
            ("seed", b.i64_attr(seed_of(a, stream::NORMAL_RADIUS))),
        ],
        ty,
    );
    let u2 = b.one(
        TtirOp::Rand,
        &[],
        &[("seed", b.i64_attr(seed_of(a, stream::NORMAL_ANGLE)))],
        ty,
    );
    let radius = b.unary(
        TtirOp::Sqrt,
        b.binary(
            TtirOp::Multiply,
            b.unary(TtirOp::Log, u1),
            b.scalar(-2.0, e),
            e,
        )?,
    );
    let angle = b.unary(
        TtirOp::Cos,
        b.binary(TtirOp::Multiply, u2, b.scalar(std::f64::consts::TAU, e), e)?,
    );
    single(b.binary(TtirOp::Multiply, radius, angle, e)?)
}
