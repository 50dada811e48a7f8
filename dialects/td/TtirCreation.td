//===- TtirCreation.td - ttir tensor creation ---------------------*- tablegen -*-===//

#ifndef TTC_TTIR_CREATION
#define TTC_TTIR_CREATION

include "TtirBase.td"

def TTIR_ConstantOp : TTIR_Op<"constant", [ConstantLike]> {
  let summary = "A tensor given by its elements";
  let description = [{ The result is `value`, a dense elements attribute of the result's type. }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

def TTIR_FullOp : TTIR_Op<"full"> {
  let summary = "A tensor filled with one value";
  let description = [{
    Every element is `fill_value` (an integer or float attribute) converted to the result's
    element type; `zeros` and `ones` are `full`.
  }];
  let arguments = (ins AnyAttr:$fill_value);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

def TTIR_ArangeOp : TTIR_Op<"arange"> {
  let summary = "Evenly spaced values";
  let description = [{
    A 1-D tensor of `start, start + step, ...` below `end` (above it for negative `step`),
    converted to the result's element type; its length is `ceil((end - start) / step)`.
  }];
  let arguments = (ins F64Attr:$start, F64Attr:$end, DefaultValuedAttr<F64Attr, "1.0">:$step);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

def TTIR_RandOp : TTIR_Op<"rand"> {
  let summary = "Uniform random values";
  let description = [{
    Values drawn uniformly from `[low, high)` with the generator seeded by `seed`. `Pure`: the
    same seed gives the same tensor.
  }];
  let arguments = (ins DefaultValuedAttr<F64Attr, "0.0">:$low,
                       DefaultValuedAttr<F64Attr, "1.0">:$high,
                       DefaultValuedAttr<I64Attr, "0">:$seed);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

#endif // TTC_TTIR_CREATION
