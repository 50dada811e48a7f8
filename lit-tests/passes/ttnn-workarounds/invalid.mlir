// ttnn-workarounds needs every tensor of a ttnn op to carry a #ttnn.layout.
// RUN: not ttc-opt %s --split-input-file --ttnn-workarounds 2>&1 | FileCheck %s

func.func @operand_without_layout(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // CHECK: invalid.mlir:[[# @LINE + 1]]:8: error: 'ttnn.exp' op operand 'input' has no #ttnn.layout (run ttnn-layout first)
  %0 = ttnn.exp %x : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

#tile = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @second_operand_without_layout(%x: tensor<4x8xbf16, #tile>, %y: tensor<4x8xbf16>) -> tensor<4x8xbf16, #tile> {
  // CHECK: invalid.mlir:[[# @LINE + 1]]:8: error: 'ttnn.add' op operand 'rhs' has no #ttnn.layout (run ttnn-layout first)
  %0 = ttnn.add %x, %y : (tensor<4x8xbf16, #tile>, tensor<4x8xbf16>) -> tensor<4x8xbf16, #tile>
  return %0 : tensor<4x8xbf16, #tile>
}

// -----

#tile = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @result_without_layout(%x: tensor<4x8xbf16, #tile>) -> tensor<4x8xbf16> {
  // CHECK: invalid.mlir:[[# @LINE + 1]]:8: error: 'ttnn.exp' op result #0 has no #ttnn.layout (run ttnn-layout first)
  %0 = ttnn.exp %x : (tensor<4x8xbf16, #tile>) -> tensor<4x8xbf16>
  return %0 : tensor<4x8xbf16>
}
