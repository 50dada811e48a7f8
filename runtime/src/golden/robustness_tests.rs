//! Bad input never panics: every overload the interpreter knows, run on random small tensors of
//! every kind with random (often nonsensical) attributes, returns a result or a `GoldenError`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::program::Attr;
use crate::tensor::Tensor;

use super::test_util::run_op_lists;

/// Every overload named in the interpreter's sources.
fn overloads() -> Vec<String> {
    let sources = [
        include_str!("eltwise.rs"),
        include_str!("unary.rs"),
        include_str!("creation.rs"),
        include_str!("views.rs"),
        include_str!("indexing.rs"),
        include_str!("matmul.rs"),
        include_str!("reduction.rs"),
        include_str!("norm.rs"),
        include_str!("conv_pool.rs"),
        include_str!("attention.rs"),
        include_str!("training.rs"),
        include_str!("sort.rs"),
        include_str!("scatter.rs"),
        include_str!("meta.rs"),
        include_str!("padding.rs"),
        include_str!("sampling.rs"),
        include_str!("distance.rs"),
        include_str!("pool.rs"),
        include_str!("backward.rs"),
    ];
    let mut names = Vec::new();
    for src in sources {
        for piece in src.split("\"aten.").skip(1) {
            if let Some(end) = piece.find('"') {
                let name = format!("aten.{}", &piece[..end]);
                if name.matches('.').count() == 2 && !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    names
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SHAPES: &[&[usize]] = &[
    &[],
    &[0],
    &[3],
    &[2, 3],
    &[1, 3],
    &[2, 2, 3],
    &[1, 2, 4, 4],
    &[2, 1, 3, 3],
    &[1, 1, 1, 1],
    &[3, 3],
    &[2, 3, 3],
    &[1, 1, 3, 3],
];

fn tensor(rng: &mut Rng, base: &[usize]) -> Tensor {
    let shape = if rng.below(5) < 4 {
        base.to_vec()
    } else {
        SHAPES[rng.below(SHAPES.len())].to_vec()
    };
    let n: usize = shape.iter().product();
    match rng.below(8) {
        0..=5 => Tensor::f32(
            shape,
            (0..n)
                .map(|_| match rng.below(20) {
                    0 => f32::NAN,
                    1 => f32::NEG_INFINITY,
                    _ => rng.below(9) as f32 - 4.0,
                })
                .collect(),
        ),
        6 => Tensor::i64(shape, (0..n).map(|_| rng.below(7) as i64 - 3).collect()),
        _ => Tensor::bool(shape, (0..n).map(|_| rng.below(2) == 1).collect()),
    }
}

fn int(rng: &mut Rng) -> i64 {
    match rng.below(20) {
        0 => i64::MAX,
        1 => i64::MIN,
        _ => rng.below(7) as i64 - 2,
    }
}

/// A value for the attribute `name`: usually of the kind the schemas give it, sometimes not.
fn attr(rng: &mut Rng, name: &str) -> Attr {
    const LISTS: &[&str] = &[
        "size",
        "kernel_size",
        "stride",
        "padding",
        "dilation",
        "normalized_shape",
        "split_sizes",
        "output_size",
        "output_padding",
        "sizes",
        "dims",
        "shape",
        "pad",
    ];
    const BOOLS: &[&str] = &[
        "keepdim",
        "train",
        "is_causal",
        "transposed",
        "ceil_mode",
        "training",
        "enable_gqa",
        "count_include_pad",
        "largest",
        "sorted",
        "descending",
        "stable",
        "include_self",
        "accumulate",
        "align_corners",
        "include_last_offset",
        "scale_grad_by_freq",
    ];
    const FLOATS: &[&str] = &[
        "p",
        "eps",
        "momentum",
        "scale",
        "dropout_p",
        "negative_slope",
    ];
    if rng.below(10) == 0 {
        return match rng.below(5) {
            0 => Attr::None,
            1 => Attr::Str("x".into()),
            2 => Attr::Float(0.5),
            3 => Attr::Ints(vec![1, 2]),
            _ => Attr::Bool(true),
        };
    }
    if LISTS.contains(&name) {
        let len = rng.below(5);
        return Attr::Ints((0..len).map(|_| int(rng)).collect());
    }
    if BOOLS.contains(&name) {
        return Attr::Bool(rng.below(2) == 1);
    }
    if FLOATS.contains(&name) {
        return Attr::Float([0.0, 0.5, 1.0, 1e-5, -1.0][rng.below(5)]);
    }
    match name {
        "dtype" => Attr::DType(["f32", "i64", "i1", "bf16", "x"][rng.below(5)].into()),
        "approximate" => Attr::Str(["none", "tanh", "x"][rng.below(3)].into()),
        "rounding_mode" => Attr::Str(["floor", "trunc", "x"][rng.below(3)].into()),
        "reduce" => Attr::Str(
            [
                "sum", "prod", "mean", "amax", "amin", "add", "multiply", "x",
            ][rng.below(8)]
            .into(),
        ),
        "memory_format" => match rng.below(3) {
            0 => Attr::Int(rng.below(5) as i64),
            _ => Attr::Str(
                [
                    "contiguous_format",
                    "channels_last",
                    "channels_last_3d",
                    "x",
                ][rng.below(4)]
                .into(),
            ),
        },
        "scale_factors" => Attr::Floats(
            (0..rng.below(4))
                .map(|_| [0.0, 0.5, 1.5, 2.0, -1.0, 1e300, f64::NAN][rng.below(7)])
                .collect(),
        ),
        "output_mask" => Attr::Bools((0..3).map(|_| rng.below(2) == 1).collect()),
        "dim" if rng.below(3) == 0 => Attr::Ints((0..rng.below(3)).map(|_| int(rng)).collect()),
        "s" | "fill_value" | "value" | "other" | "exponent" | "alpha" | "beta" | "min" | "max"
        | "correction" => match rng.below(4) {
            0 => Attr::Float(rng.below(9) as f64 / 2.0 - 2.0),
            1 => Attr::Str("-inf".into()),
            _ => Attr::Int(int(rng)),
        },
        _ => Attr::Int(int(rng)),
    }
}

const OPERANDS: &[&str] = &[
    "self",
    "other",
    "input",
    "weight",
    "bias",
    "mat1",
    "mat2",
    "query",
    "key",
    "value",
    "attn_mask",
    "condition",
    "mask",
    "target",
    "indices",
    "index",
    "exponent",
    "vec",
    "tensor",
    "batch1",
    "batch2",
    "running_mean",
    "running_var",
    "a",
    "prepend",
    "append",
    "min",
    "max",
    "tensors",
    "src",
    "source",
    "values",
    "grad_output",
    "grad_out",
    "mean",
    "rstd",
    "offsets",
    "per_sample_weights",
    "x1",
    "x2",
    "grid",
    "out",
];

const ATTRS: &[&str] = &[
    "dim",
    "size",
    "start",
    "end",
    "step",
    "index",
    "kernel_size",
    "stride",
    "padding",
    "dilation",
    "groups",
    "keepdim",
    "dtype",
    "p",
    "train",
    "eps",
    "normalized_shape",
    "split_size",
    "split_sizes",
    "output_size",
    "alpha",
    "beta",
    "other",
    "exponent",
    "value",
    "min",
    "max",
    "n",
    "reduction",
    "ignore_index",
    "is_causal",
    "scale",
    "approximate",
    "rounding_mode",
    "chunks",
    "dim0",
    "dim1",
    "start_dim",
    "end_dim",
    "sizes",
    "fill_value",
    "s",
    "transposed",
    "output_padding",
    "ceil_mode",
    "training",
    "momentum",
    "num_groups",
    "group",
    "correction",
    "enable_gqa",
    "dims",
    "shape",
    "count_include_pad",
    "divisor_override",
    "negative_slope",
    "dropout_p",
    "k",
    "largest",
    "sorted",
    "descending",
    "reduce",
    "include_self",
    "accumulate",
    "offset",
    "dim2",
    "storage_offset",
    "align_corners",
    "scale_factors",
    "mode",
    "include_last_offset",
    "padding_idx",
    "num_weights",
    "scale_grad_by_freq",
    "output_mask",
    "N",
    "C",
    "HxW",
    "interpolation_mode",
    "padding_mode",
    "compute_mode",
    "memory_format",
    "pad",
];

#[test]
fn random_operands_and_attributes_never_panic() {
    let names = overloads();
    assert!(names.len() > 150, "found only {} overloads", names.len());
    let mut rng = Rng(7);
    let mut panics = Vec::new();
    for name in &names {
        for _ in 0..200 {
            let base = SHAPES[rng.below(SHAPES.len())];
            let mut operands: Vec<(&str, Vec<Option<Tensor>>)> = Vec::new();
            for &o in OPERANDS {
                if rng.below(10) == 0 {
                    continue;
                }
                let values = match rng.below(20) {
                    0 => vec![],
                    1 => vec![None, Some(tensor(&mut rng, base))],
                    2 | 3 => vec![Some(tensor(&mut rng, base)), Some(tensor(&mut rng, base))],
                    _ => vec![Some(tensor(&mut rng, base))],
                };
                operands.push((o, values));
            }
            let mut attrs: Vec<(&str, Attr)> = Vec::new();
            for &a in ATTRS {
                if rng.below(4) > 0 {
                    attrs.push((a, attr(&mut rng, a)));
                }
            }
            let results = rng.below(3) + 1;
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                run_op_lists(name, &operands, &attrs, results)
            }));
            if outcome.is_err() {
                panics.push(format!("{name}: operands {operands:?} attrs {attrs:?}"));
            }
        }
    }
    assert!(
        panics.is_empty(),
        "{} panics, first: {}",
        panics.len(),
        panics[0]
    );
}

fn f(shape: &[usize]) -> Tensor {
    let n: usize = shape.iter().product();
    Tensor::f32(
        shape.to_vec(),
        (0..n).map(|i| (i % 7) as f32 - 3.0).collect(),
    )
}

fn ints(shape: &[usize], values: impl Fn(usize) -> i64) -> Tensor {
    let n: usize = shape.iter().product();
    Tensor::i64(shape.to_vec(), (0..n).map(values).collect())
}

/// An op call: overload, operands, attributes.
type Call = (
    &'static str,
    Vec<(&'static str, Tensor)>,
    Vec<(&'static str, Attr)>,
);

/// Valid calls of the ops with many arguments, to be mutated.
fn seeds() -> Vec<Call> {
    let list = |v: &[i64]| Attr::Ints(v.to_vec());
    let conv = vec![
        ("stride", list(&[1, 1])),
        ("padding", list(&[1, 1])),
        ("dilation", list(&[1, 1])),
        ("transposed", Attr::Bool(false)),
        ("output_padding", list(&[0, 0])),
        ("groups", Attr::Int(1)),
    ];
    let pool = vec![
        ("kernel_size", list(&[2, 2])),
        ("stride", list(&[])),
        ("padding", Attr::Int(0)),
        ("dilation", Attr::Int(1)),
        ("ceil_mode", Attr::Bool(false)),
    ];
    let bn = vec![
        ("training", Attr::Bool(true)),
        ("momentum", Attr::Float(0.1)),
        ("eps", Attr::Float(1e-5)),
    ];
    let bn_ops = vec![
        ("input", f(&[2, 3, 2, 2])),
        ("weight", f(&[3])),
        ("bias", f(&[3])),
        ("running_mean", f(&[3])),
        ("running_var", f(&[3])),
    ];
    let qkv = vec![
        ("query", f(&[1, 2, 3, 4])),
        ("key", f(&[1, 2, 3, 4])),
        ("value", f(&[1, 2, 3, 4])),
    ];
    let sdpa = vec![
        ("dropout_p", Attr::Float(0.0)),
        ("is_causal", Attr::Bool(true)),
        ("enable_gqa", Attr::Bool(true)),
    ];
    vec![
        (
            "aten.convolution.default",
            vec![
                ("input", f(&[1, 2, 5, 5])),
                ("weight", f(&[4, 2, 3, 3])),
                ("bias", f(&[4])),
            ],
            conv.clone(),
        ),
        (
            "aten.convolution.default",
            vec![
                ("input", f(&[1, 2, 5])),
                ("weight", f(&[2, 1, 3])),
                ("bias", f(&[2])),
            ],
            vec![
                ("stride", list(&[2])),
                ("padding", list(&[1])),
                ("dilation", list(&[1])),
                ("transposed", Attr::Bool(true)),
                ("output_padding", list(&[1])),
                ("groups", Attr::Int(2)),
            ],
        ),
        (
            "aten.conv2d.default",
            vec![("input", f(&[2, 5, 5])), ("weight", f(&[2, 2, 3, 3]))],
            conv,
        ),
        (
            "aten.max_pool2d_with_indices.default",
            vec![("self", f(&[1, 2, 5, 5]))],
            pool.clone(),
        ),
        (
            "aten.avg_pool2d.default",
            vec![("self", f(&[2, 5, 5]))],
            pool.clone(),
        ),
        (
            "aten.adaptive_avg_pool2d.default",
            vec![("self", f(&[1, 2, 5, 5]))],
            vec![("output_size", list(&[2, 3]))],
        ),
        (
            "aten.embedding.default",
            vec![
                ("weight", f(&[5, 3])),
                ("indices", ints(&[2, 2], |i| i as i64)),
            ],
            vec![],
        ),
        (
            "aten.index_select.default",
            vec![("self", f(&[5, 3])), ("index", ints(&[2], |i| i as i64))],
            vec![("dim", Attr::Int(0))],
        ),
        (
            "aten.gather.default",
            vec![
                ("self", f(&[3, 3])),
                ("index", ints(&[2, 3], |i| (i % 3) as i64)),
            ],
            vec![("dim", Attr::Int(1))],
        ),
        (
            "aten.nll_loss_forward.default",
            vec![("self", f(&[3, 4])), ("target", ints(&[3], |i| i as i64))],
            vec![
                ("reduction", Attr::Int(1)),
                ("ignore_index", Attr::Int(-100)),
            ],
        ),
        (
            "aten._native_batch_norm_legit_functional.default",
            bn_ops.clone(),
            bn.clone(),
        ),
        (
            "aten._native_batch_norm_legit_no_training.default",
            bn_ops.clone(),
            bn.clone(),
        ),
        ("aten.native_batch_norm.default", bn_ops, bn),
        (
            "aten.native_layer_norm.default",
            vec![
                ("input", f(&[2, 3, 4])),
                ("weight", f(&[3, 4])),
                ("bias", f(&[3, 4])),
            ],
            vec![
                ("normalized_shape", list(&[3, 4])),
                ("eps", Attr::Float(1e-5)),
            ],
        ),
        (
            "aten.native_group_norm.default",
            vec![
                ("input", f(&[2, 4, 3])),
                ("weight", f(&[4])),
                ("bias", f(&[4])),
            ],
            vec![
                ("N", Attr::Int(2)),
                ("C", Attr::Int(4)),
                ("HxW", Attr::Int(3)),
                ("group", Attr::Int(2)),
                ("eps", Attr::Float(1e-5)),
            ],
        ),
        (
            "aten.masked_fill.Scalar",
            vec![
                ("self", f(&[2, 3])),
                ("mask", Tensor::bool(vec![3], vec![true, false, true])),
            ],
            vec![("value", Attr::Float(-1.0))],
        ),
        (
            "aten.hardtanh.default",
            vec![("self", f(&[2, 3]))],
            vec![
                ("min_val", Attr::Float(-1.0)),
                ("max_val", Attr::Float(1.0)),
            ],
        ),
        (
            "aten._assert_tensor_metadata.default",
            vec![("a", f(&[2, 3]))],
            vec![
                ("dtype", Attr::DType("f32".into())),
                ("size", list(&[2, 3])),
            ],
        ),
        (
            "aten._scaled_dot_product_flash_attention_for_cpu.default",
            qkv.clone(),
            sdpa.clone(),
        ),
        (
            "aten.scaled_dot_product_attention.default",
            vec![
                ("query", f(&[1, 4, 3, 2])),
                ("key", f(&[1, 2, 5, 2])),
                ("value", f(&[1, 2, 5, 3])),
                ("attn_mask", f(&[3, 5])),
            ],
            sdpa,
        ),
        (
            "aten.addmm.default",
            vec![
                ("self", f(&[4])),
                ("mat1", f(&[3, 2])),
                ("mat2", f(&[2, 4])),
            ],
            vec![("beta", Attr::Int(1)), ("alpha", Attr::Int(1))],
        ),
        (
            "aten.linear.default",
            vec![
                ("input", f(&[2, 3, 2])),
                ("weight", f(&[4, 2])),
                ("bias", f(&[4])),
            ],
            vec![],
        ),
        (
            "aten.split_with_sizes.default",
            vec![("self", f(&[5, 2]))],
            vec![("split_sizes", list(&[2, 3])), ("dim", Attr::Int(0))],
        ),
        (
            "aten.unflatten.int",
            vec![("self", f(&[6, 2]))],
            vec![("dim", Attr::Int(0)), ("sizes", list(&[2, -1]))],
        ),
        (
            "aten.permute.default",
            vec![("self", f(&[2, 3, 4]))],
            vec![("dims", list(&[2, 0, 1]))],
        ),
        (
            "aten.expand.default",
            vec![("self", f(&[3, 1]))],
            vec![("size", list(&[2, -1, 4]))],
        ),
        (
            "aten.topk.default",
            vec![("self", f(&[3, 4]))],
            vec![("k", Attr::Int(2)), ("dim", Attr::Int(1))],
        ),
        (
            "aten.sort.default",
            vec![("self", f(&[2, 3, 2]))],
            vec![("dim", Attr::Int(1)), ("descending", Attr::Bool(true))],
        ),
        (
            "aten.scatter_reduce.two",
            vec![
                ("self", f(&[3, 4])),
                ("index", ints(&[2, 3], |i| (i % 3) as i64)),
                ("src", f(&[2, 4])),
            ],
            vec![
                ("dim", Attr::Int(0)),
                ("reduce", Attr::Str("mean".into())),
                ("include_self", Attr::Bool(false)),
            ],
        ),
        (
            "aten.index_put.default",
            vec![
                ("self", f(&[4, 3])),
                ("indices", ints(&[2], |i| i as i64 * 2)),
                ("values", f(&[3])),
            ],
            vec![("accumulate", Attr::Bool(true))],
        ),
        (
            "aten.masked_scatter.default",
            vec![
                ("self", f(&[2, 3])),
                ("mask", Tensor::bool(vec![3], vec![true, false, true])),
                ("source", f(&[6])),
            ],
            vec![],
        ),
        (
            "aten.as_strided.default",
            vec![("self", f(&[3, 4]))],
            vec![
                ("size", list(&[2, 2])),
                ("stride", list(&[4, 1])),
                ("storage_offset", Attr::Int(1)),
            ],
        ),
        (
            "aten.diagonal.default",
            vec![("self", f(&[2, 3, 4]))],
            vec![
                ("offset", Attr::Int(1)),
                ("dim1", Attr::Int(2)),
                ("dim2", Attr::Int(0)),
            ],
        ),
        (
            "aten.reflection_pad2d.default",
            vec![("self", f(&[1, 3, 3]))],
            vec![("padding", list(&[2, 1, 0, 2]))],
        ),
        (
            "aten.constant_pad_nd.default",
            vec![("self", f(&[2, 3]))],
            vec![("pad", list(&[1, -1, 2, 0])), ("value", Attr::Float(0.5))],
        ),
        (
            "aten.upsample_bilinear2d.vec",
            vec![("input", f(&[1, 2, 3, 3]))],
            vec![
                ("align_corners", Attr::Bool(false)),
                ("scale_factors", Attr::Floats(vec![1.5, 2.0])),
            ],
        ),
        (
            "aten.grid_sampler_2d.default",
            vec![
                ("input", f(&[1, 2, 3, 3])),
                (
                    "grid",
                    Tensor::f32(
                        vec![1, 2, 2, 2],
                        vec![-1.0, 0.5, 0.2, -0.3, 1.5, 0.0, 0.9, 0.9],
                    ),
                ),
            ],
            vec![
                ("interpolation_mode", Attr::Int(2)),
                ("padding_mode", Attr::Int(2)),
                ("align_corners", Attr::Bool(false)),
            ],
        ),
        (
            "aten.max_pool3d_with_indices.default",
            vec![("self", f(&[1, 2, 3, 3, 3]))],
            vec![
                ("kernel_size", list(&[2, 2, 2])),
                ("stride", list(&[1])),
                ("padding", Attr::Int(1)),
                ("dilation", Attr::Int(1)),
                ("ceil_mode", Attr::Bool(true)),
            ],
        ),
        (
            "aten.avg_pool3d.default",
            vec![("self", f(&[2, 3, 3, 3]))],
            vec![
                ("kernel_size", list(&[2, 2, 2])),
                ("stride", list(&[])),
                ("padding", Attr::Int(1)),
                ("count_include_pad", Attr::Bool(false)),
                ("divisor_override", Attr::None),
            ],
        ),
        (
            "aten.col2im.default",
            vec![("self", f(&[1, 4, 4]))],
            vec![
                ("output_size", list(&[3, 3])),
                ("kernel_size", list(&[2, 2])),
                ("dilation", list(&[1, 1])),
                ("padding", list(&[0, 0])),
                ("stride", list(&[1, 1])),
            ],
        ),
        (
            "aten._embedding_bag.default",
            vec![
                ("weight", f(&[5, 3])),
                ("indices", ints(&[4], |i| i as i64)),
                ("offsets", ints(&[2], |i| i as i64 * 2)),
            ],
            vec![("mode", Attr::Int(2)), ("padding_idx", Attr::Int(1))],
        ),
        (
            "aten._cdist_forward.default",
            vec![("x1", f(&[2, 3, 2])), ("x2", f(&[4, 2]))],
            vec![("p", Attr::Float(1.5)), ("compute_mode", Attr::None)],
        ),
        (
            "aten.embedding_dense_backward.default",
            vec![
                ("grad_output", f(&[2, 2, 3])),
                ("indices", ints(&[2, 2], |i| i as i64)),
            ],
            vec![
                ("num_weights", Attr::Int(5)),
                ("padding_idx", Attr::Int(0)),
                ("scale_grad_by_freq", Attr::Bool(true)),
            ],
        ),
        (
            "aten.native_layer_norm_backward.default",
            vec![
                ("grad_out", f(&[2, 3])),
                ("input", f(&[2, 3])),
                ("mean", f(&[2, 1])),
                ("rstd", f(&[2, 1])),
                ("weight", f(&[3])),
            ],
            vec![
                ("normalized_shape", list(&[3])),
                ("output_mask", Attr::Bools(vec![true, true, true])),
            ],
        ),
        (
            "aten.native_group_norm_backward.default",
            vec![
                ("grad_out", f(&[2, 4, 3])),
                ("input", f(&[2, 4, 3])),
                ("mean", f(&[2, 2])),
                ("rstd", f(&[2, 2])),
                ("weight", f(&[4])),
            ],
            vec![
                ("N", Attr::Int(2)),
                ("C", Attr::Int(4)),
                ("HxW", Attr::Int(3)),
                ("group", Attr::Int(2)),
            ],
        ),
        (
            "aten.avg_pool2d_backward.default",
            vec![
                ("grad_output", f(&[1, 2, 2, 2])),
                ("self", f(&[1, 2, 4, 4])),
            ],
            vec![
                ("kernel_size", list(&[2, 2])),
                ("stride", list(&[2, 2])),
                ("padding", list(&[0, 0])),
                ("ceil_mode", Attr::Bool(false)),
                ("count_include_pad", Attr::Bool(true)),
                ("divisor_override", Attr::None),
            ],
        ),
        (
            "aten.slice.Tensor",
            vec![("self", f(&[4, 3]))],
            vec![
                ("dim", Attr::Int(0)),
                ("start", Attr::Int(1)),
                ("end", Attr::Int(3)),
                ("step", Attr::Int(1)),
            ],
        ),
    ]
}

#[test]
fn mutated_valid_calls_never_panic() {
    let mut rng = Rng(11);
    let mut panics = Vec::new();
    for (name, operands, attrs) in seeds() {
        let run = |ops: &[(&str, Tensor)], attrs: &[(&str, Attr)]| {
            let groups: Vec<(&str, Vec<Option<Tensor>>)> = ops
                .iter()
                .map(|(n, t)| (*n, vec![Some(t.clone())]))
                .collect();
            let results = match name {
                "aten._assert_tensor_metadata.default" => 0,
                "aten._embedding_bag.default" => 4,
                "aten.sort.default"
                | "aten.topk.default"
                | "aten.max_pool3d_with_indices.default" => 2,
                "aten.native_layer_norm_backward.default"
                | "aten.native_group_norm_backward.default" => 3,
                _ => 1,
            };
            run_op_lists(name, &groups, attrs, results)
        };
        assert!(
            run(&operands, &attrs).is_ok(),
            "{name}: the seed call fails: {:?}",
            run(&operands, &attrs)
        );
        for _ in 0..300 {
            let mut ops = operands.clone();
            let mut at = attrs.clone();
            for _ in 0..rng.below(3) + 1 {
                if rng.below(4) == 0 && !ops.is_empty() {
                    let i = rng.below(ops.len());
                    let base = SHAPES[rng.below(SHAPES.len())];
                    ops[i].1 = tensor(&mut rng, base);
                } else if !at.is_empty() && rng.below(3) > 0 {
                    let i = rng.below(at.len());
                    at[i].1 = attr(&mut rng, at[i].0);
                } else {
                    let a = ATTRS[rng.below(ATTRS.len())];
                    at.push((a, attr(&mut rng, a)));
                }
            }
            if catch_unwind(AssertUnwindSafe(|| run(&ops, &at))).is_err() {
                panics.push(format!("{name}: operands {ops:?} attrs {at:?}"));
            }
        }
    }
    assert!(
        panics.is_empty(),
        "{} panics, first: {}",
        panics.len(),
        panics[0]
    );
}
