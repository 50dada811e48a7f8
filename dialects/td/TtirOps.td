//===- TtirOps.td - ttir operations --------------------------*- tablegen -*-===//
//
// One record per op. Adding an op here adds a variant to the Rust `TtirOp` enum that the build
// script generates; every exhaustive match over that enum then shows where the op still needs
// handling.
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTIR_OPS
#define TTC_TTIR_OPS

include "TtirBase.td"

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class TTIR_EltwiseUnaryOp<string mnemonic, list<Trait> traits = []>
    : TTIR_Op<mnemonic, !listconcat([SameOperandsAndResultShape], traits)> {
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

class TTIR_EltwiseBinaryOp<string mnemonic, list<Trait> traits = []>
    : TTIR_Op<mnemonic, traits> {
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def TTIR_AddOp : TTIR_EltwiseBinaryOp<"add", [Commutative]> {
  let summary = "Elementwise sum with broadcasting";
  let description = [{ `result = lhs + rhs`; the shapes broadcast as in NumPy. }];
}

def TTIR_SubtractOp : TTIR_EltwiseBinaryOp<"subtract"> {
  let summary = "Elementwise difference with broadcasting";
  let description = [{ `result = lhs - rhs`; the shapes broadcast as in NumPy. }];
}

def TTIR_MultiplyOp : TTIR_EltwiseBinaryOp<"multiply", [Commutative]> {
  let summary = "Elementwise product with broadcasting";
  let description = [{ `result = lhs * rhs`; the shapes broadcast as in NumPy. }];
}

def TTIR_DivOp : TTIR_EltwiseBinaryOp<"div"> {
  let summary = "Elementwise true division with broadcasting";
  let description = [{ `result = lhs / rhs` in floating point; the shapes broadcast as in NumPy. }];
}

def TTIR_ReluOp : TTIR_EltwiseUnaryOp<"relu"> {
  let summary = "Rectified linear unit";
  let description = [{ `result = max(input, 0)`. }];
}

def TTIR_GeluOp : TTIR_EltwiseUnaryOp<"gelu"> {
  let summary = "Gaussian error linear unit";
  let description = [{
    `result = x * Phi(x)` with `Phi` the standard normal CDF (`erf` form). With
    `approximate = true` the tanh approximation
    `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))` is used, as aten's
    `gelu(approximate='tanh')`.
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<BoolAttr, "false">:$approximate);
}

def TTIR_ExpOp : TTIR_EltwiseUnaryOp<"exp"> {
  let summary = "Elementwise natural exponential";
  let description = [{ `result = e^input`. }];
}

def TTIR_TypecastOp : TTIR_EltwiseUnaryOp<"typecast"> {
  let summary = "Elementwise conversion to the result's element type";
  let description = [{
    Converts each element to the element type of the result: floats round to nearest even,
    float to integer truncates toward zero, to `i1` is `x != 0`.
  }];
}

//===----------------------------------------------------------------------===//
// Matrix multiplication
//===----------------------------------------------------------------------===//

def TTIR_MatmulOp : TTIR_Op<"matmul"> {
  let summary = "Batched matrix product";
  let description = [{
    `result = op(a) @ op(b)` where `op` transposes the last two dimensions when
    `transpose_a` / `transpose_b` is set. Rank-1 operands are treated as in `torch.matmul`;
    batch dimensions broadcast. The inner dimensions must agree.
  }];
  let arguments = (ins AnyRankedTensor:$a, AnyRankedTensor:$b,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_a,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_b);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$a `,` $b attr-dict `:` functional-type(operands, results)";
}

def TTIR_LinearOp : TTIR_Op<"linear"> {
  let summary = "Matrix product plus an optional broadcast bias";
  let description = [{ `result = matmul(a, b, transpose_a, transpose_b) + bias`. }];
  let arguments = (ins AnyRankedTensor:$a, AnyRankedTensor:$b,
                       Optional<AnyRankedTensor>:$bias,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_a,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_b);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat =
      "$a `,` $b (`,` $bias^)? attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Normalisation
//===----------------------------------------------------------------------===//

def TTIR_SoftmaxOp : TTIR_Op<"softmax", [SameOperandsAndResultShape, SameOperandsAndResultElementType]> {
  let summary = "Softmax along one dimension";
  let description = [{
    `result = exp(x - max(x)) / sum(exp(x - max(x)))` along `dimension` (negative values count
    from the last dimension).
  }];
  let arguments = (ins AnyRankedTensor:$input, I32Attr:$dimension);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTIR_LayerNormOp : TTIR_Op<"layer_norm", [AttrSizedOperandSegments]> {
  let summary = "Layer normalisation over the trailing dimensions";
  let description = [{
    Normalises over the trailing dimensions named by `normalized_shape`:
    `(x - mean) / sqrt(var + epsilon) * weight + bias`, with the biased variance.
    `weight` and `bias`, when present, have the shape `normalized_shape`.
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       Optional<AnyRankedTensor>:$weight,
                       Optional<AnyRankedTensor>:$bias,
                       DenseI64ArrayAttr:$normalized_shape,
                       DefaultValuedAttr<F32Attr, "1.0e-05">:$epsilon);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input (`weight` $weight^)? (`bias` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def TTIR_ReshapeOp : TTIR_Op<"reshape"> {
  let summary = "Same elements, new shape";
  let description = [{
    Reinterprets the row-major element sequence of `input` with the result's shape; the
    element counts must agree.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTIR_TransposeOp : TTIR_Op<"transpose"> {
  let summary = "Swap two dimensions";
  let description = [{ Swaps dimensions `dim0` and `dim1` (negative values count from the end). }];
  let arguments = (ins AnyRankedTensor:$input, I32Attr:$dim0, I32Attr:$dim1);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTIR_PermuteOp : TTIR_Op<"permute"> {
  let summary = "Reorder dimensions";
  let description = [{ `result.shape[i] = input.shape[permutation[i]]`. }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
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

#endif // TTC_TTIR_OPS
