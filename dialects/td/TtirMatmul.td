//===- TtirMatmul.td - ttir matrix products -----------------------*- tablegen -*-===//

#ifndef TTC_TTIR_MATMUL
#define TTC_TTIR_MATMUL

include "TtirBase.td"

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

#endif // TTC_TTIR_MATMUL
