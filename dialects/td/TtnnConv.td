//===- TtnnConv.td - ttnn convolution and pooling ------------*- tablegen -*-===//
//
// The library's convolution and pooling work on channels-last activations flattened to
// [1, 1, N * H * W, C]; the geometry (batch, height, width, channels) travels as attributes.
// Conversion from ttir puts the permutes and reshapes around them.
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTNN_CONV
#define TTC_TTNN_CONV

include "TtnnBase.td"

def TTNN_Conv2dOp : TTNN_Op<"conv2d"> {
  let summary = "`ttnn::conv2d`: 2-D convolution of a flattened NHWC input";
  let description = [{
    `ttnn::conv2d(input, weight, device, in_channels, out_channels, batch_size, input_height,
    input_width, kernel_size, stride, padding, dilation, groups, bias, ...)`. `input` is
    [1, 1, batch_size * input_height * input_width, in_channels]; `weight` is
    [out_channels, in_channels / groups, KH, KW] and `bias` [1, 1, 1, out_channels], both read
    from host memory (the library prepares them for the device itself); the result is
    [1, 1, batch_size * OH * OW, out_channels]. `padding` is [top, bottom, left, right].
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight, TTNN_DeviceType:$device,
                       Optional<AnyRankedTensor>:$bias,
                       I64Attr:$in_channels, I64Attr:$out_channels, I64Attr:$batch_size,
                       I64Attr:$input_height, I64Attr:$input_width,
                       DenseI64ArrayAttr:$kernel_size, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilation,
                       DefaultValuedAttr<I64Attr, "1">:$groups,
                       OptionalAttr<TTNN_MathFidelityAttr>:$math_fidelity);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight `,` $device (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let computeDtypes = ["bf16", "f32", "bfp8_b"];
  let operandRequirements = [
    TTNN_Operand<"input", "row_major">,
    TTNN_Operand<"weight", "row_major", ["f32", "bf16"], "system_memory">,
    TTNN_Operand<"bias", "row_major", ["f32", "bf16"], "system_memory">
  ];
}

class TTNN_Pool2dOp<string mnemonic, string what> : TTNN_Op<mnemonic> {
  let summary = "`ttnn::" # mnemonic # "`: " # what # " over 2-D windows of a flattened NHWC input";
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let computeDtypes = ["bf16"];
  let operandRequirements = [TTNN_Operand<"input", "row_major">];
  let resultLayout = "row_major";
}

def TTNN_MaxPool2dOp : TTNN_Pool2dOp<"max_pool2d", "maximum"> {
  let description = [{
    `ttnn::max_pool2d(input, batch_size, input_h, input_w, channels, kernel_size, stride,
    padding, dilation, ceil_mode)`: `input` is [1, 1, batch_size * input_height * input_width,
    channels], the result [1, 1, batch_size * OH * OW, channels]; `padding` is [top, bottom,
    left, right] and counts as -inf.
    The library reads and writes row-major bf16.
  }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$batch_size, I64Attr:$input_height,
                       I64Attr:$input_width, I64Attr:$channels,
                       DenseI64ArrayAttr:$kernel_size, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilation,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
}

def TTNN_MaxPool2dWithIndicesOp : TTNN_Op<"max_pool2d_with_indices"> {
  let summary = "`ttnn::max_pool2d` with `return_indices`: maximum and where it was";
  let description = [{
    As `ttnn.max_pool2d`, plus `indices`: for each output element the position `h * W + w` of
    the maximum in its input channel plane (`u16`, row-major).
  }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$batch_size, I64Attr:$input_height,
                       I64Attr:$input_width, I64Attr:$channels,
                       DenseI64ArrayAttr:$kernel_size, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilation,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
  let results = (outs AnyRankedTensor:$result, AnyRankedTensor:$indices);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let computeDtypes = ["bf16"];
  let operandRequirements = [TTNN_Operand<"input", "row_major">];
  let resultLayout = "row_major";
  let resultDtypes = ["bf16", "u16"];
}

def TTNN_AvgPool2dOp : TTNN_Pool2dOp<"avg_pool2d", "mean"> {
  let description = [{
    `ttnn::avg_pool2d(input, batch_size, input_h, input_w, channels, kernel_size, stride,
    padding, ceil_mode, count_include_pad)` on [1, 1, batch_size * input_height * input_width,
    channels].
  }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$batch_size, I64Attr:$input_height,
                       I64Attr:$input_width, I64Attr:$channels,
                       DenseI64ArrayAttr:$kernel_size, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                       DefaultValuedAttr<BoolAttr, "true">:$count_include_pad);
}

def TTNN_GlobalAvgPool2dOp : TTNN_Op<"global_avg_pool2d"> {
  let summary = "`ttnn::global_avg_pool2d`: mean over each channel plane (NHWC)";
  let description = [{ [N, H, W, C] to [N, 1, 1, C]. }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let computeDtypes = ["bf16", "f32"];
  let operandRequirements = [TTNN_Operand<"input", "tile">];
}

#endif // TTC_TTNN_CONV
