//! The golden reference: an f32 interpreter of the traced aten graph ([`Program::golden`]).
//!
//! It computes what PyTorch's eager CPU kernels compute, from aten's documented semantics
//! (broadcasting, type promotion, views, the overloads' defaults), and shares nothing with the
//! compiler's ttir/ttnn path, so a compiled program can be checked against it. Floats are held
//! as f32 and computed in f32 (matmul and convolution accumulate in f32 as PyTorch's CPU BLAS
//! does; reductions, norms and softmax accumulate in f64), integers as i64, booleans as bool.
//!
//! [`run_golden`] checks the inputs against the graph's signature, runs the ops in order, checks
//! every result against the shape and element kind the trace recorded, and keeps every value it
//! computed so a caller can compare intermediate results node by node. Bad input never panics:
//! every failure is a [`GoldenError`] that names the op, its graph node and its location.
//!
//! One file per op family: `eltwise.rs` (arithmetic, `atan2`, comparisons, logic, `where`),
//! `unary.rs` (float functions, `erfinv`, activations, type conversion), `creation.rs`,
//! `views.rs` (reshapes, permutations, slices, `diagonal`, `as_strided`), `indexing.rs`
//! (embedding and embedding bags, advanced indexing, concatenation, splitting), `scatter.rs`
//! (`scatter` and its reductions, `index_put`, `masked_scatter`, `nonzero`), `sort.rs`
//! (`sort`, `argsort`, `topk`), `matmul.rs`, `distance.rs` (`cdist`, `pdist`), `reduction.rs`
//! (sums, means, cumulative ops, softmax), `norm.rs`, `conv_pool.rs` (convolution, 2-d
//! pooling), `pool.rs` (1-d and 3-d pooling, `col2im`), `padding.rs` (reflection, replication
//! and constant padding), `sampling.rs` (bilinear and nearest upsampling, `grid_sampler_2d`),
//! `attention.rs`, `training.rs` (losses and dropout), `backward.rs` (the gradient ops of
//! embeddings, norms and average pools) and `meta.rs` (shape queries, scalar reads,
//! `resize_`). `layout.rs` holds the shape arithmetic they share and `args.rs` the typed
//! access to an op's operands and attributes.
//!
//! Values a graph holds as Python numbers (`sym_size`, `_local_scalar_dense`, ...) are 0-d
//! tensors. Complex tensors do not exist here: the FFTs are refused with that reason.
//!
//! Random ops the compiler lowers (`rand`, `randn` and their `_like` forms, dropout in training)
//! draw the compiled program's numbers: both sides seed a counter-based generator from the
//! traced node's name (`random.rs`, [`crate::rng`]). Other random ops (`bernoulli`,
//! `randint`, `randperm`, ...) are refused.
//!
//! [`Program::golden`]: crate::program::Program::golden

mod args;
mod attention;
mod backward;
mod conv_pool;
mod creation;
mod distance;
mod eltwise;
mod indexing;
mod layout;
mod matmul;
mod meta;
mod norm;
mod padding;
mod pool;
mod random;
mod reduction;
mod sampling;
mod scatter;
mod sort;
mod training;
mod unary;
mod views;

use std::collections::HashMap;
use std::fmt;
use std::time::Instant;

use crate::program::{Function, Op, TensorSpec, ValueId};
use crate::tensor::{Data, Kind, Tensor};

use args::{Ctx, Env, Fail};

/// The result of a golden run.
#[derive(Clone, Debug)]
pub struct GoldenRun {
    /// The function's outputs, in order.
    pub outputs: Vec<Tensor>,
    /// Every value an op computed, by id (the function's inputs are not repeated here); only
    /// the outputs when the run did not keep values ([`run_golden_with`]).
    pub values: HashMap<ValueId, Tensor>,
    /// Wall-clock time of the run.
    pub seconds: f64,
}

/// Where an op came from: its name, graph node and location.
#[derive(Clone, Debug, PartialEq)]
pub struct OpSite {
    /// The overload (`aten.addmm.default`).
    pub op: String,
    /// The graph node (`addmm_3`), when known.
    pub node: Option<String>,
    /// `file:line:col`, when known.
    pub loc: Option<String>,
}

impl OpSite {
    fn of(op: &Op) -> OpSite {
        OpSite {
            op: op.name.clone(),
            node: op.node.clone(),
            loc: op.loc.clone(),
        }
    }
}

impl fmt::Display for OpSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.loc {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{}", self.op)?;
        if let Some(node) = &self.node {
            write!(f, " (node {node})")?;
        }
        Ok(())
    }
}

/// Why the golden reference could not run a graph.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum GoldenError {
    #[error("the graph has {expected} inputs but {found} were given")]
    InputCount { expected: usize, found: usize },
    #[error("input {index} ({name}) has shape {found:?} but the graph expects {expected:?}")]
    InputShape {
        index: usize,
        name: String,
        found: Vec<usize>,
        expected: Vec<i64>,
    },
    #[error(
        "input {index} ({name}) holds {found} values but the graph expects {expected} ({element})"
    )]
    InputKind {
        index: usize,
        name: String,
        found: String,
        expected: String,
        element: String,
    },
    #[error("input {index} ({name}) is malformed: {reason}")]
    InputData {
        index: usize,
        name: String,
        reason: String,
    },
    #[error("{site}: {message}")]
    Op { site: OpSite, message: String },
    #[error("{site}: the golden reference does not implement {}", site.op)]
    Unsupported { site: OpSite },
    #[error(
        "{site}: random op {}: the golden reference does not reproduce the compiled program's random numbers",
        site.op
    )]
    Random { site: OpSite },
    #[error("output {index} is value {id}, which no input or op defines")]
    Output { index: usize, id: ValueId },
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Float => "float",
        Kind::Int => "integer",
        Kind::Bool => "boolean",
    }
}

fn input_name(func: &Function, index: usize) -> String {
    func.inputs[index]
        .name
        .clone()
        .unwrap_or_else(|| format!("value {}", func.inputs[index].id))
}

/// Runs the aten graph `func` on `inputs` (in `func.inputs` order), keeping every value it
/// computes in [`GoldenRun::values`].
pub fn run_golden(func: &Function, inputs: &[Tensor]) -> Result<GoldenRun, GoldenError> {
    run_golden_with(func, inputs, true)
}

/// [`run_golden`]; without `keep_values`, a value is dropped after its last use (memory holds
/// only live values: a large model's transposed weights are not all held at once) and
/// [`GoldenRun::values`] holds only the outputs.
pub fn run_golden_with(
    func: &Function,
    inputs: &[Tensor],
    keep_values: bool,
) -> Result<GoldenRun, GoldenError> {
    let start = Instant::now();
    let outputs: std::collections::HashSet<ValueId> = func.outputs.iter().copied().collect();
    let mut last_use: HashMap<ValueId, usize> = HashMap::new();
    if !keep_values {
        for (i, op) in func.ops.iter().enumerate() {
            for id in op.operands.iter().flat_map(|o| o.values.iter().flatten()) {
                last_use.insert(*id, i);
            }
        }
    }
    if inputs.len() != func.inputs.len() {
        return Err(GoldenError::InputCount {
            expected: func.inputs.len(),
            found: inputs.len(),
        });
    }
    let mut env = Env::default();
    for (index, (decl, tensor)) in func.inputs.iter().zip(inputs).enumerate() {
        check_input(func, index, &decl.ty, tensor)?;
        env.inputs.insert(decl.id, tensor);
    }
    for (index, op) in func.ops.iter().enumerate() {
        let site = || OpSite::of(op);
        let results = {
            let ctx = Ctx::new(op, &env);
            dispatch(&ctx).map_err(|fail| match fail {
                Fail::Invalid(message) => GoldenError::Op {
                    site: site(),
                    message,
                },
                Fail::Unsupported => GoldenError::Unsupported { site: site() },
                Fail::Random => GoldenError::Random { site: site() },
            })?
        };
        if results.len() < op.results.len() {
            return Err(GoldenError::Op {
                site: site(),
                message: format!(
                    "the graph declares {} results but the op computes {}",
                    op.results.len(),
                    results.len()
                ),
            });
        }
        for (i, (decl, value)) in op.results.iter().zip(results).enumerate() {
            check_result(i, &decl.ty, &value).map_err(|message| GoldenError::Op {
                site: site(),
                message,
            })?;
            if keep_values || last_use.contains_key(&decl.id) || outputs.contains(&decl.id) {
                env.values.insert(decl.id, value);
            }
        }
        if !keep_values {
            for id in op.operands.iter().flat_map(|o| o.values.iter().flatten()) {
                if last_use.get(id) == Some(&index) && !outputs.contains(id) {
                    env.values.remove(id);
                }
            }
        }
    }
    let mut outputs = Vec::with_capacity(func.outputs.len());
    for (index, &id) in func.outputs.iter().enumerate() {
        let value = env.get(id).ok_or(GoldenError::Output { index, id })?;
        outputs.push(value.clone());
    }
    Ok(GoldenRun {
        outputs,
        values: env.values,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// Runs one op on `inputs` (its tensor operands in operand order, absent optional operands
/// skipped), as the golden reference would: how the device runtime executes host fallbacks.
pub fn eval_op(op: &Op, inputs: &[&Tensor]) -> Result<Vec<Tensor>, String> {
    let ids = op.operands.iter().flat_map(|o| o.values.iter().flatten());
    let mut env = Env::default();
    let mut count = 0;
    for (&id, &tensor) in ids.zip(inputs) {
        env.inputs.insert(id, tensor);
        count += 1;
    }
    if count != inputs.len() {
        return Err(format!(
            "takes {count} tensor operands but {} were given",
            inputs.len()
        ));
    }
    let ctx = Ctx::new(op, &env);
    dispatch(&ctx).map_err(|fail| match fail {
        Fail::Invalid(message) => message,
        Fail::Unsupported => format!("the host interpreter does not implement {}", op.name),
        Fail::Random => format!(
            "{} draws random numbers on the host, which is not supported",
            op.name
        ),
    })
}

fn check_input(
    func: &Function,
    index: usize,
    spec: &TensorSpec,
    tensor: &Tensor,
) -> Result<(), GoldenError> {
    let len = match &tensor.data {
        Data::F32(v) => v.len(),
        Data::I64(v) => v.len(),
        Data::Bool(v) => v.len(),
    };
    if len != tensor.numel() {
        return Err(GoldenError::InputData {
            index,
            name: input_name(func, index),
            reason: format!(
                "shape {:?} has {} elements but the tensor holds {len} values",
                tensor.shape,
                tensor.numel()
            ),
        });
    }
    let Some(kind) = Kind::of_element(&spec.element) else {
        return Err(GoldenError::InputData {
            index,
            name: input_name(func, index),
            reason: format!(
                "the graph declares element type '{}', which the golden reference does not know",
                spec.element
            ),
        });
    };
    if !spec.unranked
        && (spec.shape.len() != tensor.shape.len()
            || spec
                .shape
                .iter()
                .zip(&tensor.shape)
                .any(|(&e, &f)| e < 0 || e as u64 != f as u64))
    {
        return Err(GoldenError::InputShape {
            index,
            name: input_name(func, index),
            found: tensor.shape.clone(),
            expected: spec.shape.clone(),
        });
    }
    if kind != tensor.kind() {
        return Err(GoldenError::InputKind {
            index,
            name: input_name(func, index),
            found: kind_name(tensor.kind()).to_owned(),
            expected: kind_name(kind).to_owned(),
            element: spec.element.clone(),
        });
    }
    Ok(())
}

/// Checks a computed result against the type the trace recorded (unranked results are not
/// checked: the trace did not record them).
fn check_result(index: usize, spec: &TensorSpec, value: &Tensor) -> Result<(), String> {
    if spec.unranked {
        return Ok(());
    }
    let same_shape = spec.shape.len() == value.shape.len()
        && spec
            .shape
            .iter()
            .zip(&value.shape)
            .all(|(&e, &f)| e >= 0 && e as u64 == f as u64);
    if !same_shape {
        return Err(format!(
            "result {index} has shape {:?} but the graph declares {:?}",
            value.shape, spec.shape
        ));
    }
    if let Some(kind) = Kind::of_element(&spec.element)
        && kind != value.kind()
    {
        return Err(format!(
            "result {index} holds {} values but the graph declares {}",
            kind_name(value.kind()),
            spec.element
        ));
    }
    Ok(())
}

/// The ops that draw random numbers (by overload-name prefix).
const RANDOM_PREFIXES: &[&str] = &[
    "aten.randint.",
    "aten.randint_like.",
    "aten.randperm.",
    "aten.bernoulli.",
    "aten.bernoulli_.",
    "aten.normal.",
    "aten.normal_.",
    "aten.uniform.",
    "aten.uniform_.",
    "aten.exponential.",
    "aten.exponential_.",
    "aten.multinomial.",
    "aten.poisson.",
    "aten.rrelu.",
    "aten.rrelu_with_noise.",
];

/// Runs one op: the table from overload to implementation.
fn dispatch(ctx: &Ctx<'_>) -> Result<Vec<Tensor>, Fail> {
    let name = ctx.op.name.as_str();
    if RANDOM_PREFIXES.iter().any(|p| name.starts_with(p)) {
        return Err(Fail::Random);
    }
    let one = |t: Result<Tensor, Fail>| t.map(|t| vec![t]);
    if let Some(r) = eltwise::run(name, ctx) {
        return one(r);
    }
    if let Some(r) = unary::run(name, ctx) {
        return one(r);
    }
    if let Some(r) = creation::run(name, ctx) {
        return one(r);
    }
    if let Some(r) = random::run(name, ctx) {
        return one(r);
    }
    if let Some(r) = views::run(name, ctx) {
        return r;
    }
    if let Some(r) = indexing::run(name, ctx) {
        return r;
    }
    if let Some(r) = matmul::run(name, ctx) {
        return one(r);
    }
    if let Some(r) = reduction::run(name, ctx) {
        return r;
    }
    if let Some(r) = norm::run(name, ctx) {
        return r;
    }
    if let Some(r) = conv_pool::run(name, ctx) {
        return r;
    }
    if let Some(r) = attention::run(name, ctx) {
        return r;
    }
    if let Some(r) = training::run(name, ctx) {
        return r;
    }
    if let Some(r) = backward::run(name, ctx) {
        return r;
    }
    if let Some(r) = pool::run(name, ctx) {
        return r;
    }
    if let Some(r) = distance::run(name, ctx) {
        return one(r);
    }
    if let Some(r) = sampling::run(name, ctx) {
        return one(r);
    }
    if let Some(r) = padding::run(name, ctx) {
        return one(r);
    }
    if let Some(r) = meta::run(name, ctx) {
        return one(r);
    }
    if let Some(r) = sort::run(name, ctx) {
        return r;
    }
    if let Some(r) = scatter::run(name, ctx) {
        return r;
    }
    Err(Fail::Unsupported)
}

#[cfg(test)]
mod robustness_tests;
#[cfg(test)]
pub(crate) mod test_util;

#[cfg(test)]
mod tests {
    use super::test_util::*;
    use super::*;
    use crate::program::Attr;

    #[test]
    fn input_checks_name_the_input() {
        let func = graph(
            &[("arg0_1", &[1, 64], "f32"), ("arg1_1", &[2], "i64")],
            vec![op(
                "aten.relu.default",
                &[("self", 0)],
                &[],
                &[(&[1, 64], "f32")],
            )],
            &[2],
        );
        let ok = [
            Tensor::f32(vec![1, 64], vec![0.0; 64]),
            Tensor::i64(vec![2], vec![1, 2]),
        ];
        assert!(run_golden(&func, &ok).is_ok());
        let err = run_golden(&func, &ok[..1]).unwrap_err();
        assert_eq!(err.to_string(), "the graph has 2 inputs but 1 were given");
        let bad = [Tensor::f32(vec![1, 32], vec![0.0; 32]), ok[1].clone()];
        let err = run_golden(&func, &bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "input 0 (arg0_1) has shape [1, 32] but the graph expects [1, 64]"
        );
        let bad = [ok[0].clone(), Tensor::f32(vec![2], vec![1.0, 2.0])];
        let err = run_golden(&func, &bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "input 1 (arg1_1) holds float values but the graph expects integer (i64)"
        );
        let bad = [
            ok[0].clone(),
            Tensor {
                shape: vec![3],
                data: Data::I64(vec![1]),
            },
        ];
        let err = run_golden(&func, &bad).unwrap_err();
        assert!(err.to_string().contains("holds 1 values"), "{err}");
    }

    #[test]
    fn op_errors_name_the_op_node_and_location() {
        let mut mm = op(
            "aten.mm.default",
            &[("self", 0), ("mat2", 1)],
            &[],
            &[(&[2, 2], "f32")],
        );
        mm.node = Some("mm_3".into());
        mm.loc = Some("fw_0.txt:7:9".into());
        let func = graph(
            &[("a", &[2, 3], "f32"), ("b", &[2, 2], "f32")],
            vec![mm],
            &[2],
        );
        let err = run_golden(
            &func,
            &[
                Tensor::f32(vec![2, 3], vec![0.0; 6]),
                Tensor::f32(vec![2, 2], vec![0.0; 4]),
            ],
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "fw_0.txt:7:9: aten.mm.default (node mm_3): self has shape [2, 3] and mat2 [2, 2]: \
             the inner dimensions differ"
        );
    }

    #[test]
    fn unknown_random_and_mistyped_ops_are_errors() {
        let func = graph(
            &[("a", &[2], "f32")],
            vec![op(
                "aten.frobnicate.default",
                &[("self", 0)],
                &[],
                &[(&[2], "f32")],
            )],
            &[1],
        );
        let a = [Tensor::f32(vec![2], vec![1.0, 2.0])];
        let err = run_golden(&func, &a).unwrap_err();
        assert!(
            err.to_string()
                .contains("does not implement aten.frobnicate.default")
        );
        let func = graph(
            &[("a", &[2], "f32")],
            vec![op(
                "aten.native_dropout.default",
                &[("input", 0)],
                &[("p", Attr::Float(0.5)), ("train", Attr::Bool(true))],
                &[(&[2], "f32"), (&[2], "i1")],
            )],
            &[1],
        );
        let err = run_golden(&func, &a).unwrap_err();
        assert!(
            err.to_string().contains(
                "random op aten.native_dropout.default: the golden reference does not reproduce"
            ),
            "{err}"
        );
        // The trace says [3]; relu of a [2] tensor is [2].
        let func = graph(
            &[("a", &[2], "f32")],
            vec![op(
                "aten.relu.default",
                &[("self", 0)],
                &[],
                &[(&[3], "f32")],
            )],
            &[1],
        );
        let err = run_golden(&func, &a).unwrap_err();
        assert!(
            err.to_string()
                .contains("result 0 has shape [2] but the graph declares [3]"),
            "{err}"
        );
    }

    #[test]
    fn values_hold_every_computed_value_and_outputs_may_be_inputs() {
        let func = graph(
            &[("a", &[2], "f32")],
            vec![
                op("aten.neg.default", &[("self", 0)], &[], &[(&[2], "f32")]),
                op("aten.relu.default", &[("self", 1)], &[], &[(&[2], "f32")]),
            ],
            &[2, 0],
        );
        let run = run_golden(&func, &[Tensor::f32(vec![2], vec![1.0, -2.0])]).unwrap();
        assert_eq!(run.values.len(), 2);
        assert_eq!(run.values[&1], Tensor::f32(vec![2], vec![-1.0, 2.0]));
        assert_eq!(run.outputs[0], Tensor::f32(vec![2], vec![0.0, 2.0]));
        assert_eq!(run.outputs[1], Tensor::f32(vec![2], vec![1.0, -2.0]));
    }
}
