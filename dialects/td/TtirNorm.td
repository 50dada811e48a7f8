//===- TtirNorm.td - ttir normalisations --------------------------*- tablegen -*-===//

#ifndef TTC_TTIR_NORM
#define TTC_TTIR_NORM

include "TtirBase.td"

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

def TTIR_LogSoftmaxOp : TTIR_Op<"log_softmax", [SameOperandsAndResultShape, SameOperandsAndResultElementType]> {
  let summary = "Logarithm of the softmax along one dimension";
  let description = [{ `result = x - max(x) - log(sum(exp(x - max(x))))` along `dimension`. }];
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

def TTIR_RMSNormOp : TTIR_Op<"rms_norm", [AttrSizedOperandSegments]> {
  let summary = "Root-mean-square normalisation over the trailing dimensions";
  let description = [{
    `x / sqrt(mean(x^2) + epsilon) * weight + bias` over the trailing dimensions named by
    `normalized_shape`.
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

def TTIR_BatchNormOp : TTIR_Op<"batch_norm", [AttrSizedOperandSegments]> {
  let summary = "Batch normalisation with running statistics (inference)";
  let description = [{
    `(x - running_mean) / sqrt(running_var + epsilon) * weight + bias`, the statistics, weight
    and bias holding one value per channel (dimension 1 of the input).
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$running_mean,
                       AnyRankedTensor:$running_var,
                       Optional<AnyRankedTensor>:$weight,
                       Optional<AnyRankedTensor>:$bias,
                       DefaultValuedAttr<F32Attr, "1.0e-05">:$epsilon);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $running_mean `,` $running_var (`weight` $weight^)? (`bias` $bias^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

#endif // TTC_TTIR_NORM
