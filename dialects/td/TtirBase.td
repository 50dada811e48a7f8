//===- TtirBase.td - the ttir dialect ------------------------*- tablegen -*-===//
//
// ttir is ttc's hardware-agnostic tensor dialect: what a traced PyTorch graph means, with the
// aten overload zoo reduced to one op per computation. It knows nothing of layouts, devices or
// tiles; those appear when ttir is converted to ttnn.
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTIR_BASE
#define TTC_TTIR_BASE

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def TTIR_Dialect : Dialect {
  let name = "ttir";
  let cppNamespace = "::ttc::ttir";
  let summary = "Hardware-agnostic tensor operations";
  let description = [{
    Every ttir op computes a new tensor from its operands and has no side effects (`Pure`), so
    upstream `cse` merges duplicates and `canonicalize` removes dead ops. Elementwise binary
    ops broadcast their operands with NumPy rules; the shape rules that ODS cannot state
    (broadcasting, matmul inner dimensions, element counts of reshapes) are checked by ttc's
    semantic verifier (`ttc-verify`).
  }];
}

// Base class of every ttir op: all of them are free of side effects.
class TTIR_Op<string mnemonic, list<Trait> traits = []>
    : Op<TTIR_Dialect, mnemonic, !listconcat([Pure], traits)>;

#endif // TTC_TTIR_BASE
