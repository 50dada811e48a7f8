//===- TtnnDevice.td - ttnn device, layout and memory ops ----*- tablegen -*-===//
//
// Opening the device, moving tensors between host and device, changing page layout, data
// type and memory configuration, freeing buffers; plus the two ops ttc's pipeline adds around
// them: the abstract `convert_layout` that a late pass decomposes, and `load_cached`, which
// runs a const-eval function once and reuses its results.
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTNN_DEVICE
#define TTC_TTNN_DEVICE

include "TtnnBase.td"

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
    One PCIe transfer.
  }];
  let arguments = (ins AnyRankedTensor:$input, TTNN_DeviceType:$device,
                       TTNN_MemoryConfigAttr:$memory_config);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `,` $device attr-dict `:` functional-type(operands, results)";
}

def TTNN_FromDeviceOp : TTNN_Op<"from_device"> {
  let summary = "Copy a device tensor to host memory";
  let description = [{
    `ttnn::from_device(tensor)`: same page layout and data type, in system memory. One PCIe
    transfer.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTNN_ToLayoutOp : TTNN_Op<"to_layout", [Pure, SameOperandsAndResultShape]> {
  let summary = "Tilize or untilize, optionally converting the data type";
  let description = [{
    `ttnn::to_layout(tensor, layout, dtype, memory_config)`: converts between row-major and
    tile page layout where the input lives (host or device). Tilizing pads the last two
    dimensions to whole tiles with zeros. With `dtype` the conversion also changes the data
    type (on the device: a float row-major tensor tilizes straight into `bf16`, `f32`,
    `bfp8_b` or `bfp4_b`).
  }];
  let arguments = (ins AnyRankedTensor:$input, TTNN_TensorLayoutAttr:$layout,
                       OptionalAttr<TTNN_DataTypeAttr>:$dtype,
                       OptionalAttr<TTNN_MemoryConfigAttr>:$memory_config);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTNN_TypecastOp : TTNN_Op<"typecast", [Pure, SameOperandsAndResultShape]> {
  let summary = "Convert the data type";
  let description = [{
    `ttnn::typecast(tensor, dtype)`: same shape and page layout, new data type. On the device
    the input must be tiled. Float to integer truncates toward zero.
  }];
  let arguments = (ins AnyRankedTensor:$input, TTNN_DataTypeAttr:$dtype);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTNN_ToMemoryConfigOp : TTNN_Op<"to_memory_config", [Pure, SameOperandsAndResultShape]> {
  let summary = "Move a device tensor between DRAM and L1, or reshard it";
  let description = [{
    `ttnn::to_memory_config(tensor, memory_config)`: same page layout and data type, placed
    as `memory_config` says (and, for sharded layouts, on the result type's grid).
  }];
  let arguments = (ins AnyRankedTensor:$input, TTNN_MemoryConfigAttr:$memory_config);
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

def TTNN_ConvertLayoutOp : TTNN_Op<"convert_layout", [Pure, SameOperandsAndResultShape]> {
  let summary = "Change a tensor's layout encoding (compiler-internal)";
  let description = [{
    Not a TTNN library call: the one abstract layout change of ttc's pipeline. The result has
    the input's shape and the layout (page layout, data type, buffer, memory layout, grid) of
    its own type. `ttnn-layout` and `ttnn-workarounds` insert it where a tensor's layout must
    change; `ttnn-decompose-layouts` replaces every one by the library's `to_device`,
    `to_layout`, `typecast`, `to_memory_config` and `from_device`, in the order that keeps
    tilizing on the device, and removes chains that cancel.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTNN_LoadCachedOp : TTNN_Op<"load_cached"> {
  let summary = "Results of a const-eval function, computed once and cached";
  let description = [{
    Not a TTNN library call: calls `callee` (a function of parameters and constants made by
    `ttnn-const-eval`) the first time the program runs and returns its cached results on
    every later run. The results belong to the cache: they are never deallocated by the
    program.
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<AnyType>:$inputs);
  let results = (outs Variadic<AnyRankedTensor>:$results);
  let assemblyFormat = "$callee `(` $inputs `)` attr-dict `:` functional-type($inputs, $results)";
}

#endif // TTC_TTNN_DEVICE
