// Pass flags run in command-line order, with options; IR printing and timing cover Rust and
// upstream passes alike.
// RUN: ttc-opt %s --ttc-verify --cse --canonicalize="max-iterations=2" | FileCheck %s
// RUN: ttc-opt %s --cse --mlir-print-ir-after-all 2>&1 >/dev/null | FileCheck %s --check-prefix=IR
// RUN: ttc-opt %s --cse --verify-each=false --mlir-timing 2>&1 >/dev/null | FileCheck %s --check-prefix=TIME
// RUN: ttc-opt %s --cse --verify-each --mlir-timing 2>&1 >/dev/null | FileCheck %s --check-prefix=EACH
// RUN: cat %s | ttc-opt - | FileCheck %s --check-prefix=STDIN
// RUN: ttc-opt %s --mlir-print-debuginfo | FileCheck %s --check-prefix=LOC

// CHECK-LABEL: func.func @f
// CHECK-COUNT-1: ttir.relu
// CHECK-NOT: ttir.relu

// IR: // -----// IR Dump After CSE (cse) ('builtin.module' operation) //----- //
// IR: ttir.relu

// TIME: Execution time report
// TIME: CSE
// TIME-NOT: ttc-verify

// EACH: CSE
// EACH: ttc-verify

// STDIN: func.func @f

// LOC: ttir.relu %arg0 : (tensor<2xf32>) -> tensor<2xf32> loc(#[[L:loc[0-9]*]])
// LOC: #[[L]] = loc("{{.*}}pass-flags.mlir":{{[0-9]+}}:8)

func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = ttir.relu %a : (tensor<2xf32>) -> tensor<2xf32>
  %1 = ttir.relu %a : (tensor<2xf32>) -> tensor<2xf32>
  %2 = ttir.add %0, %1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %2 : tensor<2xf32>
}
