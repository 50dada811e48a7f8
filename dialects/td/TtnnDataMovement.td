//===- TtnnDataMovement.td - ttnn reshapes, slices and lookups -*- tablegen -*-===//

#ifndef TTC_TTNN_DATA_MOVEMENT
#define TTC_TTNN_DATA_MOVEMENT

include "TtnnBase.td"

class TTNN_DataMovementOp<string mnemonic, string what, list<Trait> traits = [Pure]>
    : TTNN_Op<mnemonic, traits> {
  let summary = "`ttnn::" # mnemonic # "`: " # what;
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTNN_ReshapeOp : TTNN_DataMovementOp<"reshape", "same elements, new shape"> {
  let description = [{
    `ttnn::reshape(input, shape)`: `shape` equals the result's shape. When the last dimension
    and the tile padding do not change, the library returns a view of the input's buffer.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$shape);
  let resultMayAliasInput = 1;
}

def TTNN_TransposeOp : TTNN_DataMovementOp<"transpose", "swap two dimensions"> {
  let arguments = (ins AnyRankedTensor:$input, I32Attr:$dim0, I32Attr:$dim1);
}

def TTNN_PermuteOp : TTNN_DataMovementOp<"permute", "reorder dimensions"> {
  let description = [{ `ttnn::permute(input, dims)`: `result.shape[i] = input.shape[permutation[i]]`. }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$permutation);
}

def TTNN_RepeatOp : TTNN_DataMovementOp<"repeat", "tile a tensor"> {
  let description = [{
    `ttnn::repeat(input, repeat_dims)`: `result.shape[i] = input.shape[i] * repeat_dims[i]`.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$repeat_dims);
}

def TTNN_SliceOp : TTNN_DataMovementOp<"slice", "strided slice"> {
  let description = [{
    `ttnn::slice(input, begins, ends, step)`: along each dimension the elements
    `begins[i], begins[i] + step[i], ...` below `ends[i]`.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$begins,
                       DenseI64ArrayAttr:$ends, DenseI64ArrayAttr:$step);
}

def TTNN_PadOp : TTNN_DataMovementOp<"pad", "pad with a constant"> {
  let description = [{
    `ttnn::pad(input, padding, value)`: `padding` is `[low_0, high_0, low_1, high_1, ...]`.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$padding,
                       DefaultValuedAttr<F32Attr, "0.0">:$value);
  let operandRequirements = [TTNN_Operand<"input", "row_major">];
  let resultLayout = "row_major";
}

def TTNN_ConcatOp : TTNN_Op<"concat"> {
  let summary = "`ttnn::concat`: join tensors along one dimension";
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, I32Attr:$dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
}

def TTNN_EmbeddingOp : TTNN_Op<"embedding"> {
  let summary = "`ttnn::embedding`: row lookup in a table";
  let description = [{
    `ttnn::embedding(input, weight)`: `input` holds row indices (`u32`, row-major), `weight`
    is the [rows, width] table (row-major); the result is `input.shape + [width]`.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `,` $weight attr-dict `:` functional-type(operands, results)";
  let operandRequirements = [TTNN_Operand<"input", "row_major", ["u32"]>,
                             TTNN_Operand<"weight", "row_major", ["bf16"]>];
}

def TTNN_GatherOp : TTNN_Op<"gather"> {
  let summary = "`ttnn::gather`: pick elements along one dimension by index";
  let description = [{
    `ttnn::gather(input, dim, index)`: `result[..., i, ...] = input[..., index[..., i, ...], ...]`
    along `dim`; `index` (`u32`) has the input's rank and the result its shape.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$index, I64Attr:$dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `,` $index attr-dict `:` functional-type(operands, results)";
  let operandRequirements = [TTNN_Operand<"input", "tile", ["bf16", "f32"]>,
                             TTNN_Operand<"index", "tile", ["u32", "u16"]>];
}

#endif // TTC_TTNN_DATA_MOVEMENT
