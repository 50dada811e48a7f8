//===- TtnnCreation.td - ttnn tensor creation ----------------*- tablegen -*-===//
//
// Creation ops take the device as an optional operand: with it the tensor is created in
// device memory, without it on the host. The result type's layout says which.
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTNN_CREATION
#define TTC_TTNN_CREATION

include "TtnnBase.td"

def TTNN_ConstantOp : TTNN_Op<"constant"> {
  let summary = "A tensor given by its elements";
  let description = [{
    The result holds `value` (dense elements of the result's shape and element type),
    created on the device when `device` is given.
  }];
  let arguments = (ins Optional<TTNN_DeviceType>:$device, ElementsAttr:$value);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "($device^)? attr-dict `:` functional-type(operands, results)";
}

def TTNN_FullOp : TTNN_Op<"full"> {
  let summary = "`ttnn::full`: a tensor filled with one value";
  let description = [{
    `ttnn::full(shape, fill_value, dtype, layout, device, memory_config)`: `shape` equals the
    result's shape; `fill_value` is an integer or float attribute.
  }];
  let arguments = (ins Optional<TTNN_DeviceType>:$device, DenseI64ArrayAttr:$shape,
                       AnyAttr:$fill_value);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "($device^)? attr-dict `:` functional-type(operands, results)";
}

def TTNN_ArangeOp : TTNN_Op<"arange"> {
  let summary = "`ttnn::arange`: evenly spaced integers";
  let description = [{
    `ttnn::arange(start, end, step, dtype, device, memory_config)`: the 1-D tensor
    `start, start + step, ...` below `end`. The library writes it in row-major layout.
  }];
  let arguments = (ins Optional<TTNN_DeviceType>:$device, I64Attr:$start, I64Attr:$end,
                       DefaultValuedAttr<I64Attr, "1">:$step);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "($device^)? attr-dict `:` functional-type(operands, results)";
  let resultLayout = "row_major";
}

def TTNN_RandOp : TTNN_Op<"rand"> {
  let summary = "`ttnn::rand`: uniform random values";
  let description = [{
    `ttnn::rand(shape, device, dtype, layout, memory_config, low, high, seed)`: values drawn
    uniformly from `[low, high)`; the same seed gives the same tensor.
  }];
  let arguments = (ins Optional<TTNN_DeviceType>:$device, DenseI64ArrayAttr:$shape,
                       DefaultValuedAttr<F32Attr, "0.0">:$low,
                       DefaultValuedAttr<F32Attr, "1.0">:$high,
                       DefaultValuedAttr<I64Attr, "0">:$seed);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "($device^)? attr-dict `:` functional-type(operands, results)";
  let computeDtypes = ["bf16", "f32"];
}

#endif // TTC_TTNN_CREATION
