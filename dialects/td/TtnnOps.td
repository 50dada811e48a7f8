//===- TtnnOps.td - ttnn operations --------------------------*- tablegen -*-===//
//
// One record per TTNN library function, operands in the library's order and optional library
// parameters as optional attributes. The output data type and memory configuration of an op
// are those of its result type's `#ttnn.layout` encoding.
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTNN_OPS
#define TTC_TTNN_OPS

include "TtnnBase.td"

//===----------------------------------------------------------------------===//
// Device and layout
//===----------------------------------------------------------------------===//

def TTNN_GetDeviceOp : TTNN_Op<"get_device"> {
  let summary = "The device the program runs on";
  let description = [{ Opens (or returns the already open) device: `ttnn::open_device`. }];
  let arguments = (ins);
  let results = (outs TTNN_DeviceType:$device);
  let assemblyFormat = "attr-dict `:` type($device)";
}

def TTNN_ToDeviceOp : TTNN_Op<"to_device"> {
  let summary = "Copy a host tensor to the device";
  let description = [{
    `ttnn::to_device(tensor, device, memory_config)`: the input lives in system memory, the
    result in the buffer named by `memory_config`, with the same page layout and data type.
  }];
  let arguments = (ins AnyRankedTensor:$input, TTNN_DeviceType:$device,
                       TTNN_MemoryConfigAttr:$memory_config);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `,` $device attr-dict `:` functional-type(operands, results)";
}

def TTNN_FromDeviceOp : TTNN_Op<"from_device"> {
  let summary = "Copy a device tensor to host memory";
  let description = [{ `ttnn::from_device(tensor)`: same page layout and data type, on the host. }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTNN_ToLayoutOp : TTNN_Op<"to_layout"> {
  let summary = "Tilize or untilize, optionally converting the data type";
  let description = [{
    `ttnn::to_layout(tensor, layout, dtype, memory_config)`: converts between row-major and
    tile page layout on the host or on the device, where the input lives.
  }];
  let arguments = (ins AnyRankedTensor:$input, TTNN_TensorLayoutAttr:$layout,
                       OptionalAttr<TTNN_DataTypeAttr>:$dtype,
                       OptionalAttr<TTNN_MemoryConfigAttr>:$memory_config);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTNN_TypecastOp : TTNN_Op<"typecast"> {
  let summary = "Convert the data type";
  let description = [{ `ttnn::typecast(tensor, dtype)`: same shape and page layout, new data type. }];
  let arguments = (ins AnyRankedTensor:$input, TTNN_DataTypeAttr:$dtype);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTNN_DeallocateOp : TTNN_Op<"deallocate", [MemoryEffects<[MemFree]>]> {
  let summary = "Free a device tensor's buffer";
  let description = [{
    `ttnn::deallocate(tensor, force)`: the tensor must not be used afterwards. This is the only
    ttnn op with a side effect, so cse and canonicalize never move or remove it.
  }];
  let arguments = (ins AnyRankedTensor:$input, DefaultValuedAttr<BoolAttr, "false">:$force);
  let results = (outs);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class TTNN_EltwiseUnaryOp<string mnemonic, list<Trait> traits = []>
    : TTNN_Op<mnemonic, !listconcat([Pure, SameOperandsAndResultShape], traits)> {
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

class TTNN_EltwiseBinaryOp<string mnemonic, list<Trait> traits = []>
    : TTNN_Op<mnemonic, !listconcat([Pure], traits)> {
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def TTNN_AddOp : TTNN_EltwiseBinaryOp<"add", [Commutative]> {
  let summary = "`ttnn::add`: elementwise sum with broadcasting";
}
def TTNN_SubtractOp : TTNN_EltwiseBinaryOp<"subtract"> {
  let summary = "`ttnn::subtract`: elementwise difference with broadcasting";
}
def TTNN_MultiplyOp : TTNN_EltwiseBinaryOp<"multiply", [Commutative]> {
  let summary = "`ttnn::multiply`: elementwise product with broadcasting";
}
def TTNN_DivideOp : TTNN_EltwiseBinaryOp<"divide"> {
  let summary = "`ttnn::divide`: elementwise quotient with broadcasting";
}
def TTNN_ReluOp : TTNN_EltwiseUnaryOp<"relu"> {
  let summary = "`ttnn::relu`: max(x, 0)";
}
def TTNN_GeluOp : TTNN_EltwiseUnaryOp<"gelu"> {
  let summary = "`ttnn::gelu`: Gaussian error linear unit";
  let description = [{
    `fast_and_approximate_mode` selects the tanh approximation (the library's parameter).
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<BoolAttr, "false">:$fast_and_approximate_mode);
}
def TTNN_ExpOp : TTNN_EltwiseUnaryOp<"exp"> {
  let summary = "`ttnn::exp`: natural exponential";
}

//===----------------------------------------------------------------------===//
// Matrix multiplication
//===----------------------------------------------------------------------===//

def TTNN_MatmulOp : TTNN_Op<"matmul"> {
  let summary = "`ttnn::matmul`: batched matrix product";
  let arguments = (ins AnyRankedTensor:$a, AnyRankedTensor:$b,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_a,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_b);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$a `,` $b attr-dict `:` functional-type(operands, results)";
}

def TTNN_LinearOp : TTNN_Op<"linear"> {
  let summary = "`ttnn::linear`: matrix product plus an optional bias";
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

def TTNN_SoftmaxOp : TTNN_Op<"softmax", [Pure, SameOperandsAndResultShape]> {
  let summary = "`ttnn::softmax`: softmax along one dimension";
  let arguments = (ins AnyRankedTensor:$input, I32Attr:$dimension);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTNN_LayerNormOp : TTNN_Op<"layer_norm", [Pure, AttrSizedOperandSegments]> {
  let summary = "`ttnn::layer_norm`: layer normalisation over the last dimension";
  let description = [{
    `ttnn::layer_norm(input, epsilon, weight, bias)` normalises over the last dimension only;
    `weight` and `bias` hold one value per element of that dimension.
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       Optional<AnyRankedTensor>:$weight,
                       Optional<AnyRankedTensor>:$bias,
                       DefaultValuedAttr<F32Attr, "1.0e-05">:$epsilon);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input (`weight` $weight^)? (`bias` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def TTNN_ReshapeOp : TTNN_Op<"reshape"> {
  let summary = "`ttnn::reshape`: same elements, new shape";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTNN_TransposeOp : TTNN_Op<"transpose"> {
  let summary = "`ttnn::transpose`: swap two dimensions";
  let arguments = (ins AnyRankedTensor:$input, I32Attr:$dim0, I32Attr:$dim1);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTNN_PermuteOp : TTNN_Op<"permute"> {
  let summary = "`ttnn::permute`: reorder dimensions";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTNN_ConcatOp : TTNN_Op<"concat"> {
  let summary = "`ttnn::concat`: join tensors along one dimension";
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, I32Attr:$dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
}

def TTNN_EmbeddingOp : TTNN_Op<"embedding"> {
  let summary = "`ttnn::embedding`: row lookup in a table";
  let description = [{ `input` holds row indices (row-major, integer); `weight` is the table. }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `,` $weight attr-dict `:` functional-type(operands, results)";
}

#endif // TTC_TTNN_OPS
