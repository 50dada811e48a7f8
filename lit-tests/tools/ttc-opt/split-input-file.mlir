// Each chunk is parsed and processed on its own; the outputs are joined with the marker, and a
// failing chunk does not hide the others' diagnostics. Line numbers are those of the file.
// RUN: ttc-opt --split-input-file %S/Inputs/two-chunks.mlir | FileCheck %s
// RUN: not ttc-opt --split-input-file %s 2>&1 | FileCheck %s --check-prefix=ERR

// CHECK-LABEL: func.func @first
// CHECK: ttir.relu
// CHECK: // -----
// CHECK-LABEL: func.func @second
// CHECK: ttir.exp

func.func @bad_first(%a: tensor<2xf32>) -> tensor<3xf32> {
  %0 = ttir.relu %a : (tensor<2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @bad_second(%a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<2xf32> {
  %0 = ttir.add %a, %b : (tensor<2xf32>, tensor<3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// ERR: split-input-file.mlir:13:8: error: 'ttir.relu' op requires the same shape for all operands and results
// ERR: split-input-file.mlir:20:8: error: 'ttir.add' op operand shapes [2] and [3] are not broadcast-compatible
