// The output of the passes is checked by ttc-verify even with --verify-each=false, which only
// skips the checks between passes. On IR with frees (as ttnn-deallocate leaves it), --cse
// merges the second exp into the first, freed one: the input verifies, the output does not,
// and nothing is printed or written.
// RUN: ttc-opt %s --verify-each=false | FileCheck %s --check-prefix=INPUT
// RUN: not ttc-opt %s --cse --verify-each=false 2>&1 | FileCheck %s
// RUN: not ttc-opt %s --cse --verify-each=false 2>/dev/null | count 0
// RUN: rm -f %t.mlir && not ttc-opt %s --cse --verify-each=false -o %t.mlir 2>/dev/null && not ls %t.mlir
// RUN: not ttc-opt %s --cse --verify-each 2>&1 | FileCheck %s
// A pass whose output verifies is not affected.
// RUN: ttc-opt %s --canonicalize --verify-each=false | FileCheck %s --check-prefix=INPUT

// INPUT: ttnn.exp %arg0
// INPUT: ttnn.deallocate
// INPUT: ttnn.exp %arg0
// CHECK: verify-output.mlir:[[# @LINE + 7]]:3: error: 'ttnn.deallocate' op frees a tensor that 'ttnn.add' uses afterwards
// CHECK-NOT: error

#tile = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @freed_then_merged(%x: tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile> {
  %0 = ttnn.exp %x : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  %1 = ttnn.neg %0 : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  ttnn.deallocate %0 : tensor<32x32xbf16, #tile>
  %2 = ttnn.exp %x : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  %3 = ttnn.add %1, %2 : (tensor<32x32xbf16, #tile>, tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  return %3 : tensor<32x32xbf16, #tile>
}
