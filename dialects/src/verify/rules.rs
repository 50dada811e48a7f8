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
    /// ttnn.prod: one optional `dim`.
    ReductionOneDim,
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
    /// ttnn: statistics, weight and bias of shape [1, C, 1, 1].
    BatchNormStats4d,
    Conv2d,
    /// ttnn: flattened NHWC input [1, 1, N*H*W, C] with the geometry in attributes.
    Conv2dFlat,
    /// max_pool2d and avg_pool2d.
    Pool2d,
    MaxPool2dWithIndices,
    GlobalAvgPool2d,
    /// ttnn: max_pool2d and avg_pool2d on a flattened NHWC input.
    Pool2dFlat,
    MaxPool2dWithIndicesFlat,
    /// ttnn: [N, H, W, C] to [N, 1, 1, C].
    GlobalAvgPool2dNhwc,
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
    /// ttnn.full and ttnn.rand: a `shape` attribute equal to the result shape.
    ShapeAttr,
    Arange,
    /// No operands to relate (rand, get_device).
    Source,
    Attention,
    /// ttnn: the library's 4-D attention.
    AttentionLibrary,
    ToDevice,
    FromDevice,
    ToLayout,
    /// ttnn.typecast: data type from the `dtype` attribute.
    TypecastDtype,
    Deallocate,
    ToMemoryConfig,
    ConvertLayout,
    LoadCached,
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
        TtnnOp::Add
        | TtnnOp::Subtract
        | TtnnOp::Multiply
        | TtnnOp::Divide
        | TtnnOp::Pow
        | TtnnOp::Maximum
        | TtnnOp::Minimum
        | TtnnOp::Remainder
        | TtnnOp::Atan2
        | TtnnOp::BitwiseAnd
        | TtnnOp::BitwiseOr
        | TtnnOp::BitwiseXor
        | TtnnOp::Eq
        | TtnnOp::Ne
        | TtnnOp::Gt
        | TtnnOp::Ge
        | TtnnOp::Lt
        | TtnnOp::Le
        | TtnnOp::LogicalAnd
        | TtnnOp::LogicalOr
        | TtnnOp::LogicalXor => Rule::Binary,
        TtnnOp::Abs
        | TtnnOp::Neg
        | TtnnOp::Exp
        | TtnnOp::Log
        | TtnnOp::Log1p
        | TtnnOp::Expm1
        | TtnnOp::Sqrt
        | TtnnOp::Rsqrt
        | TtnnOp::Reciprocal
        | TtnnOp::Sigmoid
        | TtnnOp::Tanh
        | TtnnOp::Relu
        | TtnnOp::Silu
        | TtnnOp::Sin
        | TtnnOp::Cos
        | TtnnOp::Tan
        | TtnnOp::Asin
        | TtnnOp::Acos
        | TtnnOp::Atan
        | TtnnOp::Sinh
        | TtnnOp::Cosh
        | TtnnOp::Asinh
        | TtnnOp::Acosh
        | TtnnOp::Atanh
        | TtnnOp::Erf
        | TtnnOp::Erfc
        | TtnnOp::Floor
        | TtnnOp::Ceil
        | TtnnOp::Round
        | TtnnOp::Trunc
        | TtnnOp::Sign
        | TtnnOp::BitwiseNot
        | TtnnOp::LogicalNot
        | TtnnOp::Isfinite
        | TtnnOp::Isnan
        | TtnnOp::Gelu
        | TtnnOp::LeakyRelu
        | TtnnOp::Elu
        | TtnnOp::Clamp => Rule::Unary,
        TtnnOp::Where => Rule::Where,
        TtnnOp::Typecast => Rule::TypecastDtype,
        TtnnOp::Sum | TtnnOp::Mean | TtnnOp::Max | TtnnOp::Min => Rule::Reduction,
        TtnnOp::Prod => Rule::ReductionOneDim,
        TtnnOp::Argmax => Rule::ArgMax,
        TtnnOp::Cumsum => Rule::CumSum,
        TtnnOp::Matmul => Rule::Matmul,
        TtnnOp::Linear => Rule::Linear,
        TtnnOp::Softmax => Rule::Softmax,
        TtnnOp::LayerNorm | TtnnOp::RmsNorm => Rule::LayerNormLastDim,
        TtnnOp::BatchNorm => Rule::BatchNormStats4d,
        TtnnOp::Conv2d => Rule::Conv2dFlat,
        TtnnOp::MaxPool2d | TtnnOp::AvgPool2d => Rule::Pool2dFlat,
        TtnnOp::MaxPool2dWithIndices => Rule::MaxPool2dWithIndicesFlat,
        TtnnOp::GlobalAvgPool2d => Rule::GlobalAvgPool2dNhwc,
        TtnnOp::Reshape => Rule::ReshapeWithShapeAttr,
        TtnnOp::Transpose => Rule::Transpose,
        TtnnOp::Permute => Rule::Permute,
        TtnnOp::Repeat => Rule::Repeat,
        TtnnOp::Slice => Rule::Slice,
        TtnnOp::Pad => Rule::Pad,
        TtnnOp::Concat => Rule::Concat,
        TtnnOp::Embedding => Rule::Embedding,
        TtnnOp::Gather => Rule::Gather,
        TtnnOp::Constant => Rule::Constant,
        TtnnOp::Full | TtnnOp::Rand => Rule::ShapeAttr,
        TtnnOp::Arange => Rule::Arange,
        TtnnOp::ScaledDotProductAttention => Rule::AttentionLibrary,
        TtnnOp::GetDevice => Rule::Source,
        TtnnOp::ToDevice => Rule::ToDevice,
        TtnnOp::FromDevice => Rule::FromDevice,
        TtnnOp::ToLayout => Rule::ToLayout,
        TtnnOp::ToMemoryConfig => Rule::ToMemoryConfig,
        TtnnOp::ConvertLayout => Rule::ConvertLayout,
        TtnnOp::LoadCached => Rule::LoadCached,
        TtnnOp::Deallocate => Rule::Deallocate,
    }
}
