// A conversion needs layouts on both sides to be planned.
// RUN: not ttc-opt %s --split-input-file --ttnn-decompose-layouts 2>&1 | FileCheck %s

#tile = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @source_without_layout(%x: tensor<4x8xbf16>) -> tensor<4x8xbf16, #tile> {
  // CHECK: invalid.mlir:[[# @LINE + 1]]:8: error: 'ttnn.convert_layout' op converts a tensor without a #ttnn.layout (run ttnn-layout first)
  %0 = ttnn.convert_layout %x : (tensor<4x8xbf16>) -> tensor<4x8xbf16, #tile>
  return %0 : tensor<4x8xbf16, #tile>
}

// -----

#tile = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @result_without_layout(%x: tensor<4x8xbf16, #tile>) -> tensor<4x8xbf16> {
  // CHECK: invalid.mlir:[[# @LINE + 1]]:8: error: 'ttnn.convert_layout' op converts a tensor without a #ttnn.layout (run ttnn-layout first)
  %0 = ttnn.convert_layout %x : (tensor<4x8xbf16, #tile>) -> tensor<4x8xbf16>
  return %0 : tensor<4x8xbf16>
}
