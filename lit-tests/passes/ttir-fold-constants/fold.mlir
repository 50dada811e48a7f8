// Subgraphs that depend only on constants are evaluated at compile time; the values that feed
// the rest of the program become ttir.constant ops and the subgraph disappears.
// RUN: ttc-opt %s --ttir-fold-constants | FileCheck %s
// RUN: ttc-opt %s --ttir-fold-constants -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2

// CHECK-LABEL: func.func @position_ids
func.func @position_ids(%table: tensor<16x8xf32>) -> tensor<1x4x8xf32> {
  // arange(4) + 2, unsqueezed: the ids are a constant; the lookup stays.
  // CHECK: %[[IDS:.*]] = ttir.constant {value = dense<{{\[\[}}2, 3, 4, 5]]> : tensor<1x4xi64>} : tensor<1x4xi64>
  // CHECK-NOT: ttir.arange
  // CHECK: ttir.embedding %[[IDS]], %arg0
  %0 = ttir.arange {start = 0.0 : f64, end = 4.0 : f64} : tensor<4xi64>
  %1 = ttir.full {fill_value = 2 : i64} : tensor<i64>
  %2 = ttir.add %0, %1 : (tensor<4xi64>, tensor<i64>) -> tensor<4xi64>
  %3 = ttir.reshape %2 : (tensor<4xi64>) -> tensor<1x4xi64>
  %4 = ttir.embedding %3, %table : (tensor<1x4xi64>, tensor<16x8xf32>) -> tensor<1x4x8xf32>
  return %4 : tensor<1x4x8xf32>
}

// CHECK-LABEL: func.func @causal_mask
func.func @causal_mask(%scores: tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32> {
  // where(col <= row, 0, -inf) from two aranges: a constant mask.
  // CHECK: %[[M:.*]] = ttir.constant {value = dense<{{\[\[\[\[}}0.000000e+00, 0xFF800000, 0xFF800000], [0.000000e+00, 0.000000e+00, 0xFF800000], [0.000000e+00, 0.000000e+00, 0.000000e+00]]]]> : tensor<1x1x3x3xf32>}
  // CHECK: ttir.add %arg0, %[[M]]
  %r = ttir.arange {start = 0.0 : f64, end = 3.0 : f64} : tensor<3xi64>
  %rows = ttir.reshape %r : (tensor<3xi64>) -> tensor<3x1xi64>
  %cols = ttir.reshape %r : (tensor<3xi64>) -> tensor<1x3xi64>
  %keep = ttir.le %cols, %rows : (tensor<1x3xi64>, tensor<3x1xi64>) -> tensor<3x3xi1>
  %zero = ttir.full {fill_value = 0.0 : f64} : tensor<f32>
  %ninf = ttir.full {fill_value = 0xFFF0000000000000 : f64} : tensor<f32>
  %mask = ttir.where %keep, %zero, %ninf : (tensor<3x3xi1>, tensor<f32>, tensor<f32>) -> tensor<3x3xf32>
  %mask4 = ttir.reshape %mask : (tensor<3x3xf32>) -> tensor<1x1x3x3xf32>
  %out = ttir.add %scores, %mask4 : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  return %out : tensor<1x1x3x3xf32>
}

// CHECK-LABEL: func.func @kept
func.func @kept(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<1x512x512xf32>) {
  // A source op that feeds only non-constant ops is already as cheap as a constant.
  // CHECK: %[[ONE:.*]] = ttir.full {fill_value = 1.000000e+00 : f64} : tensor<f32>
  // CHECK: ttir.add %arg0, %[[ONE]]
  %one = ttir.full {fill_value = 1.0 : f64} : tensor<f32>
  %0 = ttir.add %x, %one : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // Results larger than 65536 elements are not materialised.
  // CHECK: %[[H:.*]] = ttir.full {fill_value = 5.000000e-01 : f64} : tensor<f32>
  // CHECK: ttir.broadcast %[[H]] : (tensor<f32>) -> tensor<1x512x512xf32>
  // CHECK-NOT: ttir.constant
  %half = ttir.full {fill_value = 0.5 : f64} : tensor<f32>
  %big = ttir.broadcast %half : (tensor<f32>) -> tensor<1x512x512xf32>
  return %0, %big : tensor<2x3xf32>, tensor<1x512x512xf32>
}

// CHECK-LABEL: func.func @rounding
func.func @rounding() -> (tensor<3xi8>, tensor<2xbf16>) {
  // Values are rounded to the result type after every op: i8 wraps, bf16 rounds.
  // CHECK: ttir.constant {value = dense<[126, 127, -128]> : tensor<3xi8>}
  %0 = ttir.arange {start = 126.0 : f64, end = 129.0 : f64} : tensor<3xi8>
  %1 = ttir.full {fill_value = 0 : i64} : tensor<i8>
  %2 = ttir.add %0, %1 : (tensor<3xi8>, tensor<i8>) -> tensor<3xi8>
  // CHECK: ttir.constant {value = dense<[1.000000e+00, 1.007810e+00]> : tensor<2xbf16>}
  %3 = ttir.arange {start = 0.0 : f64, end = 2.0 : f64} : tensor<2xf32>
  %4 = ttir.full {fill_value = 0.0078125 : f64} : tensor<f32>
  %5 = ttir.multiply %3, %4 : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  %6 = ttir.full {fill_value = 1.0 : f64} : tensor<f32>
  %7 = ttir.add %5, %6 : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  %8 = ttir.typecast %7 : (tensor<2xf32>) -> tensor<2xbf16>
  return %2, %8 : tensor<3xi8>, tensor<2xbf16>
}
