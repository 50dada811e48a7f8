//===- TtirDataMovement.td - ttir data movement -------------------*- tablegen -*-===//
//
// Ops that move or select elements without arithmetic. Dimension attributes may be negative
// (counting from the end) unless stated otherwise.
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTIR_DATA_MOVEMENT
#define TTC_TTIR_DATA_MOVEMENT

include "TtirBase.td"

class TTIR_DataMovementOp<string mnemonic, list<Trait> traits = []>
    : TTIR_Op<mnemonic, traits> {
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTIR_ReshapeOp : TTIR_DataMovementOp<"reshape"> {
  let summary = "Same elements, new shape";
  let description = [{
    Reinterprets the row-major element sequence of `input` with the result's shape; the
    element counts must agree.
  }];
  let arguments = (ins AnyRankedTensor:$input);
}

def TTIR_TransposeOp : TTIR_DataMovementOp<"transpose"> {
  let summary = "Swap two dimensions";
  let description = [{ Swaps dimensions `dim0` and `dim1`. }];
  let arguments = (ins AnyRankedTensor:$input, I32Attr:$dim0, I32Attr:$dim1);
}

def TTIR_PermuteOp : TTIR_DataMovementOp<"permute"> {
  let summary = "Reorder dimensions";
  let description = [{ `result.shape[i] = input.shape[permutation[i]]` (non-negative). }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$permutation);
}

def TTIR_BroadcastOp : TTIR_DataMovementOp<"broadcast"> {
  let summary = "Broadcast to the result's shape";
  let description = [{
    Repeats size-1 dimensions (and adds leading ones) as NumPy broadcasting does, to the
    result's shape.
  }];
  let arguments = (ins AnyRankedTensor:$input);
}

def TTIR_RepeatOp : TTIR_DataMovementOp<"repeat"> {
  let summary = "Tile a tensor";
  let description = [{
    `result.shape[i] = input.shape[i] * repeats[i]`; the input is copied `repeats[i]` times
    along each dimension (as `Tensor.repeat` with equal ranks).
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$repeats);
}

def TTIR_SliceOp : TTIR_DataMovementOp<"slice"> {
  let summary = "Strided slice";
  let description = [{
    For every dimension `i`, the elements `begins[i], begins[i] + steps[i], ...` below
    `ends[i]`, with `0 <= begins[i] <= ends[i] <= input.shape[i]` and `steps[i] >= 1`.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$begins,
                       DenseI64ArrayAttr:$ends, DenseI64ArrayAttr:$steps);
}

def TTIR_PadOp : TTIR_DataMovementOp<"pad"> {
  let summary = "Pad with a constant";
  let description = [{
    `padding` holds `[low_0, high_0, low_1, high_1, ...]`, the number of `value` elements added
    before and after each dimension (non-negative).
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$padding,
                       DefaultValuedAttr<F64Attr, "0.0">:$value);
}

def TTIR_ReverseOp : TTIR_DataMovementOp<"reverse"> {
  let summary = "Reverse the order along dimensions";
  let description = [{ Flips the element order along each dimension in `dimensions`. }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$dimensions);
}

def TTIR_ConcatOp : TTIR_Op<"concat"> {
  let summary = "Join tensors along one dimension";
  let description = [{
    Concatenates one or more tensors along `dim`; all other dimensions must agree. The
    operands may have different shapes along `dim`.
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, I32Attr:$dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
}

def TTIR_EmbeddingOp : TTIR_Op<"embedding"> {
  let summary = "Row lookup in a table";
  let description = [{
    `result[..., :] = weight[input[...], :]`: `input` holds integer row indices into the 2-D
    `weight`; the result has shape `input.shape + [weight.shape[1]]`.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `,` $weight attr-dict `:` functional-type(operands, results)";
}

def TTIR_GatherOp : TTIR_Op<"gather"> {
  let summary = "Pick elements along one dimension by index";
  let description = [{
    `result[i0, ..., id, ...] = input[i0, ..., index[i0, ..., id, ...], ...]` along `dim`
    (`torch.gather`): `index` has the input's rank and the result its shape.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$index, I64Attr:$dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `,` $index attr-dict `:` functional-type(operands, results)";
}

def TTIR_IndexSelectOp : TTIR_Op<"index_select"> {
  let summary = "Select slices along one dimension by a 1-D index";
  let description = [{
    `result` is `input` with dimension `dim` replaced by the entries `input[..., index[k], ...]`
    for each `k` (`torch.index_select`).
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$index, I64Attr:$dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `,` $index attr-dict `:` functional-type(operands, results)";
}

#endif // TTC_TTIR_DATA_MOVEMENT
