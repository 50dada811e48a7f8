//===- TtnnNorm.td - ttnn softmax and normalisations ---------*- tablegen -*-===//

#ifndef TTC_TTNN_NORM
#define TTC_TTNN_NORM

include "TtnnBase.td"

def TTNN_SoftmaxOp : TTNN_Op<"softmax", [Pure, SameOperandsAndResultShape]> {
  let summary = "`ttnn::softmax`: softmax along one dimension";
  let arguments = (ins AnyRankedTensor:$input, I32Attr:$dimension);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let computeDtypes = ["bf16", "f32", "bfp8_b"];
  let operandRequirements = [TTNN_Operand<"input", "tile">];
}

class TTNN_LastDimNormOp<string mnemonic, string formula>
    : TTNN_Op<mnemonic, [Pure, AttrSizedOperandSegments]> {
  let summary = "`ttnn::" # mnemonic # "`: normalisation over the last dimension";
  let description = "`ttnn::" # mnemonic # "(input, epsilon, weight, bias)`: `" # formula #
                    "` over the last dimension; `weight` and `bias` hold one value per element "
                    # "of that dimension.";
  let arguments = (ins AnyRankedTensor:$input,
                       Optional<AnyRankedTensor>:$weight,
                       Optional<AnyRankedTensor>:$bias,
                       DefaultValuedAttr<F32Attr, "1.0e-05">:$epsilon);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input (`weight` $weight^)? (`bias` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let computeDtypes = ["bf16", "f32", "bfp8_b"];
  let operandRequirements = [TTNN_Operand<"input", "tile">, TTNN_Operand<"weight", "tile">,
                             TTNN_Operand<"bias", "tile">];
}

def TTNN_LayerNormOp
    : TTNN_LastDimNormOp<"layer_norm", "(x - mean) / sqrt(var + epsilon) * weight + bias">;
def TTNN_RmsNormOp
    : TTNN_LastDimNormOp<"rms_norm", "x / sqrt(mean(x^2) + epsilon) * weight + bias">;

def TTNN_BatchNormOp : TTNN_Op<"batch_norm", [Pure, AttrSizedOperandSegments]> {
  let summary = "`ttnn::batch_norm`: batch normalisation with running statistics";
  let description = [{
    `ttnn::batch_norm(input, running_mean, running_var, training, eps, momentum, weight,
    bias)` in inference mode: `(x - running_mean) / sqrt(running_var + epsilon) * weight +
    bias` for an [N, C, H, W] input; statistics, weight and bias have shape [1, C, 1, 1].
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
  let computeDtypes = ["bf16", "f32"];
  let operandRequirements = [TTNN_Operand<"input", "tile">, TTNN_Operand<"running_mean", "tile">,
                             TTNN_Operand<"running_var", "tile">, TTNN_Operand<"weight", "tile">,
                             TTNN_Operand<"bias", "tile">];
}

#endif // TTC_TTNN_NORM
