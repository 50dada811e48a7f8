// Upstream cse and canonicalize act on ttc's ops through their ODS traits: identical Pure ops
// merge, dead Pure ops vanish, ttnn.deallocate (MemFree) and opaque aten ops stay.
// RUN: ttc-opt %s --cse | FileCheck %s --check-prefix=CSE
// RUN: ttc-opt %s --canonicalize | FileCheck %s --check-prefix=CANON
// RUN: ttc-opt %s --pass-pipeline='builtin.module(func.func(cse,canonicalize{max-iterations=3}))' | FileCheck %s --check-prefix=BOTH

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>

// CSE-LABEL: func.func @ttnn_ops
// CANON-LABEL: func.func @ttnn_ops
// BOTH-LABEL: func.func @ttnn_ops
func.func @ttnn_ops(%a: tensor<32x32xbf16, #dram>, %b: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram> {
  // CSE: %[[X:.*]] = ttnn.add %arg0, %arg1
  // CSE-NOT: ttnn.add
  %0 = ttnn.add %a, %b : (tensor<32x32xbf16, #dram>, tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  %1 = ttnn.add %a, %b : (tensor<32x32xbf16, #dram>, tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  // CANON-NOT: ttnn.relu
  // BOTH-NOT: ttnn.relu
  %dead = ttnn.relu %0 : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  // CSE: ttnn.multiply %[[X]], %[[X]]
  %2 = ttnn.multiply %0, %1 : (tensor<32x32xbf16, #dram>, tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  // CANON: ttnn.exp
  %3 = ttnn.exp %2 : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  // CANON: ttnn.deallocate
  // BOTH: ttnn.deallocate
  ttnn.deallocate %3 : tensor<32x32xbf16, #dram>
  return %2 : tensor<32x32xbf16, #dram>
}

// CANON-LABEL: func.func @ttir_and_aten
// BOTH-LABEL: func.func @ttir_and_aten
func.func @ttir_and_aten(%a: tensor<4xf32>) -> tensor<4xf32> {
  // BOTH: %[[R:.*]] = ttir.relu %arg0
  // BOTH-NOT: ttir.relu
  %0 = ttir.relu %a : (tensor<4xf32>) -> tensor<4xf32>
  %1 = ttir.relu %a : (tensor<4xf32>) -> tensor<4xf32>
  // CANON-NOT: ttir.exp
  %dead = ttir.exp %a : (tensor<4xf32>) -> tensor<4xf32>
  // Unregistered aten ops may have side effects: canonicalize keeps them even when unused.
  // CANON: "aten.relu.default"
  %kept = "aten.relu.default"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  // BOTH: ttir.add %[[R]], %[[R]]
  %2 = ttir.add %0, %1 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}
