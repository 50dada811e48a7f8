//===- TtirReduction.td - ttir reductions and scans ---------------*- tablegen -*-===//
//
// Reductions over `dim_arg` (all dimensions when absent; negative values count from the end).
// With `keep_dim` the reduced dimensions stay with size 1, otherwise they are removed.
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTIR_REDUCTION
#define TTC_TTIR_REDUCTION

include "TtirBase.td"

class TTIR_ReductionOp<string mnemonic, string what> : TTIR_Op<mnemonic> {
  let summary = what # " over dimensions";
  let description = what # " of the elements along `dim_arg` (every dimension when absent). "
                    # "`keep_dim` keeps the reduced dimensions with size 1.";
  let arguments = (ins AnyRankedTensor:$input, OptionalAttr<DenseI64ArrayAttr>:$dim_arg,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTIR_SumOp : TTIR_ReductionOp<"sum", "Sum">;
def TTIR_MeanOp : TTIR_ReductionOp<"mean", "Arithmetic mean">;
def TTIR_MaxOp : TTIR_ReductionOp<"max", "Maximum">;
def TTIR_MinOp : TTIR_ReductionOp<"min", "Minimum">;
def TTIR_ProdOp : TTIR_ReductionOp<"prod", "Product">;
def TTIR_ReduceAndOp : TTIR_ReductionOp<"reduce_and", "Logical and (all), as i1">;
def TTIR_ReduceOrOp : TTIR_ReductionOp<"reduce_or", "Logical or (any), as i1">;

def TTIR_ArgMaxOp : TTIR_Op<"argmax"> {
  let summary = "Index of the maximum along one dimension";
  let description = [{
    The index (an integer tensor) of the first maximum along `dim`, or of the flattened input
    when `dim` is absent. `keep_dim` keeps the reduced dimension with size 1.
  }];
  let arguments = (ins AnyRankedTensor:$input, OptionalAttr<I64Attr>:$dim,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTIR_CumSumOp : TTIR_Op<"cumsum", [SameOperandsAndResultShape]> {
  let summary = "Running sum along one dimension";
  let description = [{ `result[..., i, ...] = sum(input[..., 0..=i, ...])` along `dim`. }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$dim);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

#endif // TTC_TTIR_REDUCTION
