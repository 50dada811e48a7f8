//===- TtnnReduction.td - ttnn reductions and scans ----------*- tablegen -*-===//

#ifndef TTC_TTNN_REDUCTION
#define TTC_TTNN_REDUCTION

include "TtnnBase.td"

class TTNN_ReductionOp<string mnemonic, string what> : TTNN_Op<mnemonic> {
  let summary = "`ttnn::" # mnemonic # "`: " # what # " over dimensions";
  let description = "`ttnn::" # mnemonic # "(input, dim, keepdim)`: " # what # " of the elements "
                    # "along `dim_arg` (every dimension when absent); `keep_dim` keeps the "
                    # "reduced dimensions with size 1. Tile padding is not reduced.";
  let arguments = (ins AnyRankedTensor:$input, OptionalAttr<DenseI64ArrayAttr>:$dim_arg,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let computeDtypes = ["bf16", "f32", "bfp8_b"];
  let operandRequirements = [TTNN_Operand<"input", "tile">];
}

def TTNN_SumOp : TTNN_ReductionOp<"sum", "sum">;
def TTNN_MeanOp : TTNN_ReductionOp<"mean", "arithmetic mean">;
def TTNN_MaxOp : TTNN_ReductionOp<"max", "maximum">;
def TTNN_MinOp : TTNN_ReductionOp<"min", "minimum">;

def TTNN_ProdOp : TTNN_Op<"prod"> {
  let summary = "`ttnn::prod`: product over one dimension or all";
  let description = [{
    `ttnn::prod(input, dim, keepdim)`: the product along `dim`, or of every element when `dim`
    is absent.
  }];
  let arguments = (ins AnyRankedTensor:$input, OptionalAttr<I64Attr>:$dim,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let computeDtypes = ["bf16"];
  let operandRequirements = [TTNN_Operand<"input", "tile">];
}

def TTNN_ArgmaxOp : TTNN_Op<"argmax"> {
  let summary = "`ttnn::argmax`: index of the maximum along one dimension";
  let description = [{
    `ttnn::argmax(input, dim, keepdim)`: the index of the first maximum along `dim` (of the
    flattened input when absent). The library reads a row-major input and writes `u32`
    indices in row-major layout.
  }];
  let arguments = (ins AnyRankedTensor:$input, OptionalAttr<I64Attr>:$dim,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let computeDtypes = ["bf16", "f32"];
  let operandRequirements = [TTNN_Operand<"input", "row_major">];
  let resultLayout = "row_major";
  let resultDtypes = ["u32"];
}

def TTNN_CumsumOp : TTNN_Op<"cumsum", [Pure, SameOperandsAndResultShape]> {
  let summary = "`ttnn::cumsum`: running sum along one dimension";
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let computeDtypes = ["bf16", "f32"];
  let operandRequirements = [TTNN_Operand<"input", "tile">];
}

#endif // TTC_TTNN_REDUCTION
