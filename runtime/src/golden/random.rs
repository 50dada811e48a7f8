//! Random ops drawn from the same streams as the compiled program: `rand`, `rand_like`,
//! `randn`, `randn_like`, and dropout in training (`native_dropout`, `dropout`,
//! `feature_dropout` are in `training.rs` and call [`dropout_mask`]).
//!
//! The compiler seeds each random `ttnn.rand` from the traced node's name and a stream number
//! ([`crate::rng::node_seed`]); the golden reference draws element `i` of the same stream, so
//! a compiled random op and its golden agree element for element, up to the device's rounding
//! of the drawn values (a bf16 uniform value can land on the other side of a dropout
//! probability). These are not PyTorch's random numbers: a graph with random ops is compared
//! with the compiled program, never with PyTorch's outputs.

use crate::rng::{node_seed, stream, uniform};
use crate::tensor::Tensor;

use super::args::{Ctx, Fail, fail};
use super::layout::shape_of;

/// Runs the random op `name`, or `None` when it is not one.
pub fn run(name: &str, ctx: &Ctx<'_>) -> Option<Result<Tensor, Fail>> {
    let r = match name {
        "aten.rand.default" => sized(ctx).and_then(|s| uniform_tensor(ctx, s)),
        "aten.rand_like.default" => like(ctx).and_then(|s| uniform_tensor(ctx, s)),
        "aten.randn.default" => sized(ctx).and_then(|s| normal_tensor(ctx, s)),
        "aten.randn_like.default" => like(ctx).and_then(|s| normal_tensor(ctx, s)),
        _ => return None,
    };
    Some(r)
}

fn sized(ctx: &Ctx<'_>) -> Result<Vec<usize>, Fail> {
    Ok(shape_of(&ctx.ints("size")?)?)
}

fn like(ctx: &Ctx<'_>) -> Result<Vec<usize>, Fail> {
    Ok(ctx.tensor("self")?.shape.clone())
}

/// The seed of stream `s` of the op's node; an op without a node name has no stream.
fn seed(ctx: &Ctx<'_>, s: u64) -> Result<u64, Fail> {
    match &ctx.op.node {
        Some(node) => Ok(node_seed(node, s) as u64),
        None => Err(Fail::Random),
    }
}

fn check_float(ctx: &Ctx<'_>) -> Result<(), Fail> {
    match ctx.dtype("dtype")? {
        None | Some(crate::tensor::Kind::Float) => Ok(()),
        Some(_) => fail("random integers are not supported"),
    }
}

fn uniform_tensor(ctx: &Ctx<'_>, shape: Vec<usize>) -> Result<Tensor, Fail> {
    check_float(ctx)?;
    let s = seed(ctx, stream::UNIFORM)?;
    let n: usize = shape.iter().product();
    let values = (0..n as u64).map(|i| uniform(s, i) as f32).collect();
    Ok(Tensor::f32(shape, values))
}

/// Box-Muller: `sqrt(-2 ln u1) * cos(2 pi u2)`, `u1` in `[NORMAL_LOW, 1)`.
fn normal_tensor(ctx: &Ctx<'_>, shape: Vec<usize>) -> Result<Tensor, Fail> {
    check_float(ctx)?;
    let (s1, s2) = (
        seed(ctx, stream::NORMAL_RADIUS)?,
        seed(ctx, stream::NORMAL_ANGLE)?,
    );
    let n: usize = shape.iter().product();
    let values = (0..n as u64)
        .map(|i| {
            let u1 = (stream::NORMAL_LOW + (1.0 - stream::NORMAL_LOW) * uniform(s1, i)) as f32;
            let u2 = uniform(s2, i) as f32;
            (-2.0 * u1.ln()).sqrt() * (std::f32::consts::TAU * u2).cos()
        })
        .collect();
    Ok(Tensor::f32(shape, values))
}

/// Dropout's keep mask for `n` elements: element `i` is kept when its uniform value (in f32)
/// is at least `p`.
pub fn dropout_mask(ctx: &Ctx<'_>, n: usize, p: f64) -> Result<Vec<bool>, Fail> {
    let s = seed(ctx, stream::DROPOUT)?;
    let p = p as f32;
    Ok((0..n as u64).map(|i| uniform(s, i) as f32 >= p).collect())
}
