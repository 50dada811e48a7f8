//===- TtirConv.td - ttir convolution and pooling -----------------*- tablegen -*-===//
//
// Images are NCHW, as in PyTorch. `padding` is `[top, left, bottom, right]`; `stride`,
// `dilation` and `kernel_size` are `[height, width]`.
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTIR_CONV
#define TTC_TTIR_CONV

include "TtirBase.td"

def TTIR_Conv2dOp : TTIR_Op<"conv2d"> {
  let summary = "2-D convolution (NCHW input, OIHW weight)";
  let description = [{
    Cross-correlation of `input` [N, C, H, W] with `weight` [O, C / groups, KH, KW], plus
    `bias` [O] when present. The result is [N, O, OH, OW] with
    `OH = (H + top + bottom - dilation_h * (KH - 1) - 1) / stride_h + 1` (and so for OW).
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                       Optional<AnyRankedTensor>:$bias,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                       DenseI64ArrayAttr:$dilation, DefaultValuedAttr<I64Attr, "1">:$groups);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat =
      "$input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)";
}

class TTIR_PoolOp<string mnemonic, string what> : TTIR_Op<mnemonic> {
  let summary = what # " over 2-D windows (NCHW)";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$kernel_size,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                       DenseI64ArrayAttr:$dilation,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTIR_MaxPool2dOp : TTIR_PoolOp<"max_pool2d", "Maximum"> {
  let description = [{
    Maximum of each window; padding counts as -inf. With `ceil_mode` the output size rounds up
    (a window must still start inside the input or its left padding).
  }];
}

def TTIR_MaxPool2dWithIndicesOp : TTIR_Op<"max_pool2d_with_indices"> {
  let summary = "Maximum over 2-D windows and where it was (NCHW)";
  let description = [{
    As `ttir.max_pool2d`, plus `indices`: for each output element, the position of the maximum
    in its input channel plane, `h * W + w` (as PyTorch's `max_pool2d_with_indices`).
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$kernel_size,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                       DenseI64ArrayAttr:$dilation,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
  let results = (outs AnyRankedTensor:$result, AnyRankedTensor:$indices);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTIR_AvgPool2dOp : TTIR_Op<"avg_pool2d"> {
  let summary = "Mean over 2-D windows (NCHW)";
  let description = [{
    Mean of each window; with `count_include_pad` padding counts as zeros in the divisor.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$kernel_size,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                       DefaultValuedAttr<BoolAttr, "true">:$count_include_pad);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTIR_GlobalAvgPool2dOp : TTIR_Op<"global_avg_pool2d"> {
  let summary = "Mean over each whole channel plane (NCHW)";
  let description = [{ [N, C, H, W] to [N, C, 1, 1]: the mean of each channel plane. }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

#endif // TTC_TTIR_CONV
