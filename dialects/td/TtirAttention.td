//===- TtirAttention.td - ttir attention --------------------------*- tablegen -*-===//

#ifndef TTC_TTIR_ATTENTION
#define TTC_TTIR_ATTENTION

include "TtirBase.td"

def TTIR_ScaledDotProductAttentionOp : TTIR_Op<"scaled_dot_product_attention"> {
  let summary = "softmax(q @ k^T * scale + mask) @ v";
  let description = [{
    `query` [..., L, E], `key` [..., S, E], `value` [..., S, Ev] give [..., L, Ev]. `scale`
    defaults to `1 / sqrt(E)`. `attention_mask` broadcasts to [..., L, S]: an i1 mask keeps the
    positions where it is true, a float mask is added to the scores. `is_causal` masks the
    positions above the diagonal. Leading dimensions broadcast (grouped-query attention).
  }];
  let arguments = (ins AnyRankedTensor:$query, AnyRankedTensor:$key, AnyRankedTensor:$value,
                       Optional<AnyRankedTensor>:$attention_mask,
                       DefaultValuedAttr<BoolAttr, "false">:$is_causal,
                       OptionalAttr<F64Attr>:$scale);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value (`mask` $attention_mask^)? attr-dict `:` functional-type(operands, results)
  }];
}

#endif // TTC_TTIR_ATTENTION
