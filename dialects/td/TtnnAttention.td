//===- TtnnAttention.td - ttnn transformer ops ---------------*- tablegen -*-===//

#ifndef TTC_TTNN_ATTENTION
#define TTC_TTNN_ATTENTION

include "TtnnBase.td"

def TTNN_ScaledDotProductAttentionOp : TTNN_Op<"scaled_dot_product_attention"> {
  let summary = "`ttnn::transformer::scaled_dot_product_attention`";
  let description = [{
    `scaled_dot_product_attention(q, k, v, attn_mask, is_causal, scale, ...)`:
    `softmax(q @ k^T * scale + mask) @ v` for `query` [B, H, L, E], `key` [B, Hkv, S, E] and
    `value` [B, Hkv, S, Ev] (`H` a multiple of `Hkv`). `scale` defaults to `1 / sqrt(E)`; the
    additive mask is [1 or B, 1 or H, L, S] and lives in DRAM; `is_causal` masks positions
    above the diagonal (and needs L == S). The library does not pad batch, heads or `E`.
  }];
  let arguments = (ins AnyRankedTensor:$query, AnyRankedTensor:$key, AnyRankedTensor:$value,
                       Optional<AnyRankedTensor>:$attention_mask,
                       DefaultValuedAttr<BoolAttr, "false">:$is_causal,
                       OptionalAttr<F32Attr>:$scale,
                       OptionalAttr<TTNN_MathFidelityAttr>:$math_fidelity);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value (`mask` $attention_mask^)? attr-dict `:` functional-type(operands, results)
  }];
  let computeDtypes = ["bf16", "bfp8_b", "bfp4_b"];
  let operandRequirements = [TTNN_Operand<"query", "tile">, TTNN_Operand<"key", "tile">,
                             TTNN_Operand<"value", "tile">,
                             TTNN_Operand<"attention_mask", "tile">];
}

#endif // TTC_TTNN_ATTENTION
