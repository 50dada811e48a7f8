// Every ttir op in its custom syntax: parses, verifies and prints back unchanged; the generic
// form parses back to the same module.
// RUN: ttc-opt %s | FileCheck %s
// RUN: ttc-opt %s | ttc-opt | FileCheck %s
// RUN: ttc-opt --mlir-print-op-generic %s | ttc-opt | FileCheck %s

// CHECK-LABEL: func.func @eltwise
func.func @eltwise(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  // CHECK: %[[ADD:.*]] = ttir.add %arg0, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %0 = ttir.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.subtract %[[ADD]], %arg0
  %1 = ttir.subtract %0, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.multiply
  %2 = ttir.multiply %1, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.div
  %3 = ttir.div %2, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.relu %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = ttir.relu %3 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.gelu %{{.*}} :
  %5 = ttir.gelu %4 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.gelu %{{.*}} {approximate = true}
  %6 = ttir.gelu %5 {approximate = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.exp
  %7 = ttir.exp %6 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %7 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @typecast
func.func @typecast(%a: tensor<2x3xf32>) -> tensor<2x3xbf16> {
  // CHECK: ttir.typecast %arg0 : (tensor<2x3xf32>) -> tensor<2x3xbf16>
  %0 = ttir.typecast %a : (tensor<2x3xf32>) -> tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

// CHECK-LABEL: func.func @matmuls
func.func @matmuls(%a: tensor<8x32x64xbf16>, %b: tensor<64x128xbf16>, %c: tensor<128x64xbf16>, %bias: tensor<128xbf16>) -> tensor<8x32x128xbf16> {
  // CHECK: ttir.matmul %arg0, %arg1 : (tensor<8x32x64xbf16>, tensor<64x128xbf16>) -> tensor<8x32x128xbf16>
  %0 = ttir.matmul %a, %b : (tensor<8x32x64xbf16>, tensor<64x128xbf16>) -> tensor<8x32x128xbf16>
  // CHECK: ttir.matmul %arg0, %arg2 {transpose_b = true}
  %1 = ttir.matmul %a, %c {transpose_b = true} : (tensor<8x32x64xbf16>, tensor<128x64xbf16>) -> tensor<8x32x128xbf16>
  // CHECK: ttir.linear %arg0, %arg2, %arg3 {transpose_b = true} : (tensor<8x32x64xbf16>, tensor<128x64xbf16>, tensor<128xbf16>) -> tensor<8x32x128xbf16>
  %2 = ttir.linear %a, %c, %bias {transpose_b = true} : (tensor<8x32x64xbf16>, tensor<128x64xbf16>, tensor<128xbf16>) -> tensor<8x32x128xbf16>
  // CHECK: ttir.linear %arg0, %arg1 :
  %3 = ttir.linear %a, %b : (tensor<8x32x64xbf16>, tensor<64x128xbf16>) -> tensor<8x32x128xbf16>
  %4 = ttir.add %0, %1 : (tensor<8x32x128xbf16>, tensor<8x32x128xbf16>) -> tensor<8x32x128xbf16>
  %5 = ttir.add %2, %3 : (tensor<8x32x128xbf16>, tensor<8x32x128xbf16>) -> tensor<8x32x128xbf16>
  %6 = ttir.add %4, %5 : (tensor<8x32x128xbf16>, tensor<8x32x128xbf16>) -> tensor<8x32x128xbf16>
  return %6 : tensor<8x32x128xbf16>
}

// CHECK-LABEL: func.func @norms
func.func @norms(%x: tensor<1x128x768xf32>, %w: tensor<768xf32>, %b: tensor<768xf32>) -> tensor<1x128x768xf32> {
  // CHECK: ttir.softmax %arg0 {dimension = -1 : i32}
  %0 = ttir.softmax %x {dimension = -1 : i32} : (tensor<1x128x768xf32>) -> tensor<1x128x768xf32>
  // CHECK: ttir.layer_norm %{{.*}} weight %arg1 bias %arg2 {epsilon = 9.99999996E-13 : f32, normalized_shape = array<i64: 768>}
  %1 = ttir.layer_norm %0 weight %w bias %b {normalized_shape = array<i64: 768>, epsilon = 1.0e-12 : f32} : (tensor<1x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32>
  // CHECK: ttir.layer_norm %{{.*}} bias %arg2 {normalized_shape = array<i64: 768>}
  %2 = ttir.layer_norm %1 bias %b {normalized_shape = array<i64: 768>} : (tensor<1x128x768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32>
  // CHECK: ttir.layer_norm %{{.*}} {normalized_shape = array<i64: 128, 768>}
  %3 = ttir.layer_norm %2 {normalized_shape = array<i64: 128, 768>} : (tensor<1x128x768xf32>) -> tensor<1x128x768xf32>
  return %3 : tensor<1x128x768xf32>
}

// CHECK-LABEL: func.func @data_movement
func.func @data_movement(%x: tensor<2x3x4xf32>, %y: tensor<2x5x4xf32>) -> tensor<4x8x2xf32> {
  // CHECK: ttir.reshape %arg0 : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %0 = ttir.reshape %x : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  // CHECK: ttir.transpose %{{.*}} {dim0 = 0 : i32, dim1 = 1 : i32}
  %1 = ttir.transpose %0 {dim0 = 0 : i32, dim1 = 1 : i32} : (tensor<6x4xf32>) -> tensor<4x6xf32>
  // CHECK: ttir.concat %arg0, %arg1 {dim = 1 : i32} : (tensor<2x3x4xf32>, tensor<2x5x4xf32>) -> tensor<2x8x4xf32>
  %2 = ttir.concat %x, %y {dim = 1 : i32} : (tensor<2x3x4xf32>, tensor<2x5x4xf32>) -> tensor<2x8x4xf32>
  // CHECK: ttir.permute %{{.*}} {permutation = array<i64: 2, 1, 0>}
  %3 = ttir.permute %2 {permutation = array<i64: 2, 1, 0>} : (tensor<2x8x4xf32>) -> tensor<4x8x2xf32>
  return %3 : tensor<4x8x2xf32>
}

// CHECK-LABEL: func.func @embedding
func.func @embedding(%ids: tensor<1x128xi64>, %table: tensor<30522x768xbf16>) -> tensor<1x128x768xbf16> {
  // CHECK: ttir.embedding %arg0, %arg1 : (tensor<1x128xi64>, tensor<30522x768xbf16>) -> tensor<1x128x768xbf16>
  %0 = ttir.embedding %ids, %table : (tensor<1x128xi64>, tensor<30522x768xbf16>) -> tensor<1x128x768xbf16>
  return %0 : tensor<1x128x768xbf16>
}
