//! Which semantic rule family each ttir and ttnn op follows.
//!
//! Both mappings are exhaustive matches over the generated op enums: an op added to a `.td`
//! file does not build until it is given a rule here.

use crate::registry::{TtirOp, TtnnOp};

/// The semantic family an op belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rule {
    /// Broadcasting binary op; operands and result share the element type.
    Binary,
    /// Broadcasting binary op with an i1 result (comparisons, logical ops).
    Compare,
    /// Elementwise unary op keeping the element type.
    Unary,
    /// Elementwise unary op with an i1 result.
    Predicate,
    /// Elementwise conversion of the element type (ttir.typecast).
    Cast,
    /// ttir.where.
    Where,
    /// Reduction keeping the element type.
    Reduction,
    /// Reduction with an i1 result (reduce_and, reduce_or).
    BoolReduction,
    ArgMax,
    CumSum,
    Matmul,
    Linear,
    /// softmax and log_softmax.
    Softmax,
    /// ttir: normalised shape from the `normalized_shape` attribute.
    LayerNorm,
    /// ttnn: normalises the last dimension.
    LayerNormLastDim,
    BatchNorm,
    Conv2d,
    /// max_pool2d and avg_pool2d.
    Pool2d,
    MaxPool2dWithIndices,
    GlobalAvgPool2d,
    /// ttir: the result type is the new shape.
    Reshape,
    /// ttnn: the `shape` attribute must equal the result shape.
    ReshapeWithShapeAttr,
    Transpose,
    Permute,
    Broadcast,
    Repeat,
    Slice,
    Pad,
    Reverse,
    Concat,
    Embedding,
    Gather,
    IndexSelect,
    Constant,
    Full,
    Arange,
    /// No operands to relate (rand, get_device).
    Source,
    Attention,
    ToDevice,
    FromDevice,
    ToLayout,
    /// ttnn.typecast: data type from the `dtype` attribute.
    TypecastDtype,
    Deallocate,
}

pub(super) fn ttir_rule(op: TtirOp) -> Rule {
    match op {
        TtirOp::Add
        | TtirOp::Subtract
        | TtirOp::Multiply
        | TtirOp::Div
        | TtirOp::Pow
        | TtirOp::Maximum
        | TtirOp::Minimum
        | TtirOp::Remainder
        | TtirOp::Atan2
        | TtirOp::BitwiseAnd
        | TtirOp::BitwiseOr
        | TtirOp::BitwiseXor => Rule::Binary,
        TtirOp::Eq
        | TtirOp::Ne
        | TtirOp::Gt
        | TtirOp::Ge
        | TtirOp::Lt
        | TtirOp::Le
        | TtirOp::LogicalAnd
        | TtirOp::LogicalOr
        | TtirOp::LogicalXor => Rule::Compare,
        TtirOp::Abs
        | TtirOp::Neg
        | TtirOp::Exp
        | TtirOp::Log
        | TtirOp::Log1p
        | TtirOp::Expm1
        | TtirOp::Sqrt
        | TtirOp::Rsqrt
        | TtirOp::Reciprocal
        | TtirOp::Sigmoid
        | TtirOp::Tanh
        | TtirOp::Relu
        | TtirOp::Silu
        | TtirOp::Sin
        | TtirOp::Cos
        | TtirOp::Tan
        | TtirOp::Asin
        | TtirOp::Acos
        | TtirOp::Atan
        | TtirOp::Sinh
        | TtirOp::Cosh
        | TtirOp::Asinh
        | TtirOp::Acosh
        | TtirOp::Atanh
        | TtirOp::Erf
        | TtirOp::Erfc
        | TtirOp::Floor
        | TtirOp::Ceil
        | TtirOp::Round
        | TtirOp::Trunc
        | TtirOp::Sign
        | TtirOp::BitwiseNot
        | TtirOp::Gelu
        | TtirOp::LeakyRelu
        | TtirOp::Elu
        | TtirOp::Clamp => Rule::Unary,
        TtirOp::LogicalNot | TtirOp::Isfinite | TtirOp::Isnan => Rule::Predicate,
        TtirOp::Typecast => Rule::Cast,
        TtirOp::Where => Rule::Where,
        TtirOp::Sum | TtirOp::Mean | TtirOp::Max | TtirOp::Min | TtirOp::Prod => Rule::Reduction,
        TtirOp::ReduceAnd | TtirOp::ReduceOr => Rule::BoolReduction,
        TtirOp::Argmax => Rule::ArgMax,
        TtirOp::Cumsum => Rule::CumSum,
        TtirOp::Matmul => Rule::Matmul,
        TtirOp::Linear => Rule::Linear,
        TtirOp::Softmax | TtirOp::LogSoftmax => Rule::Softmax,
        TtirOp::LayerNorm | TtirOp::RmsNorm => Rule::LayerNorm,
        TtirOp::BatchNorm => Rule::BatchNorm,
        TtirOp::Conv2d => Rule::Conv2d,
        TtirOp::MaxPool2d | TtirOp::AvgPool2d => Rule::Pool2d,
        TtirOp::MaxPool2dWithIndices => Rule::MaxPool2dWithIndices,
        TtirOp::GlobalAvgPool2d => Rule::GlobalAvgPool2d,
        TtirOp::Reshape => Rule::Reshape,
        TtirOp::Transpose => Rule::Transpose,
        TtirOp::Permute => Rule::Permute,
        TtirOp::Broadcast => Rule::Broadcast,
        TtirOp::Repeat => Rule::Repeat,
        TtirOp::Slice => Rule::Slice,
        TtirOp::Pad => Rule::Pad,
        TtirOp::Reverse => Rule::Reverse,
        TtirOp::Concat => Rule::Concat,
        TtirOp::Embedding => Rule::Embedding,
        TtirOp::Gather => Rule::Gather,
        TtirOp::IndexSelect => Rule::IndexSelect,
        TtirOp::Constant => Rule::Constant,
        TtirOp::Full => Rule::Full,
        TtirOp::Arange => Rule::Arange,
        TtirOp::Rand => Rule::Source,
        TtirOp::ScaledDotProductAttention => Rule::Attention,
    }
}

pub(super) fn ttnn_rule(op: TtnnOp) -> Rule {
    match op {
        TtnnOp::Add | TtnnOp::Subtract | TtnnOp::Multiply | TtnnOp::Divide => Rule::Binary,
        TtnnOp::Relu | TtnnOp::Gelu | TtnnOp::Exp => Rule::Unary,
        TtnnOp::Typecast => Rule::TypecastDtype,
        TtnnOp::Matmul => Rule::Matmul,
        TtnnOp::Linear => Rule::Linear,
        TtnnOp::Softmax => Rule::Softmax,
        TtnnOp::LayerNorm => Rule::LayerNormLastDim,
        TtnnOp::Reshape => Rule::ReshapeWithShapeAttr,
        TtnnOp::Transpose => Rule::Transpose,
        TtnnOp::Permute => Rule::Permute,
        TtnnOp::Concat => Rule::Concat,
        TtnnOp::Embedding => Rule::Embedding,
        TtnnOp::GetDevice => Rule::Source,
        TtnnOp::ToDevice => Rule::ToDevice,
        TtnnOp::FromDevice => Rule::FromDevice,
        TtnnOp::ToLayout => Rule::ToLayout,
        TtnnOp::Deallocate => Rule::Deallocate,
    }
}
