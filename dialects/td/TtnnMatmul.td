//===- TtnnMatmul.td - ttnn matrix products ------------------*- tablegen -*-===//
//
// `ttnn::matmul` and `ttnn::linear`. `math_fidelity` is the compute kernel configuration's
// fidelity (absent: the library's default); the pipeline sets it from its `math-fidelity`
// option.
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTNN_MATMUL
#define TTC_TTNN_MATMUL

include "TtnnBase.td"

def TTNN_MatmulOp : TTNN_Op<"matmul"> {
  let summary = "`ttnn::matmul`: batched matrix product";
  let description = [{
    `ttnn::matmul(a, b, transpose_a, transpose_b, ..., compute_kernel_config)`: batch
    dimensions broadcast; the inner dimensions must agree.
  }];
  let arguments = (ins AnyRankedTensor:$a, AnyRankedTensor:$b,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_a,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_b,
                       OptionalAttr<TTNN_MathFidelityAttr>:$math_fidelity);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$a `,` $b attr-dict `:` functional-type(operands, results)";
  let computeDtypes = TTNN_FloatTypes;
  let operandRequirements = [TTNN_Operand<"a", "tile">, TTNN_Operand<"b", "tile">];
}

def TTNN_LinearOp : TTNN_Op<"linear"> {
  let summary = "`ttnn::linear`: matrix product plus an optional bias";
  let description = [{
    `ttnn::linear(a, b, bias, transpose_a, transpose_b, ...)`: `matmul(a, b) + bias`, the bias
    broadcasting over the rows.
  }];
  let arguments = (ins AnyRankedTensor:$a, AnyRankedTensor:$b,
                       Optional<AnyRankedTensor>:$bias,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_a,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_b,
                       OptionalAttr<TTNN_MathFidelityAttr>:$math_fidelity);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat =
      "$a `,` $b (`,` $bias^)? attr-dict `:` functional-type(operands, results)";
  let computeDtypes = TTNN_FloatTypes;
  let operandRequirements = [TTNN_Operand<"a", "tile">, TTNN_Operand<"b", "tile">,
                             TTNN_Operand<"bias", "tile">];
}

#endif // TTC_TTNN_MATMUL
