// Softmax and normalisations. softmax is a rename; log_softmax has no library op and becomes the
// stable x - max - log(sum(exp(x - max))); the library normalises the last dimension only, so
// layer_norm / rms_norm over several trailing dimensions flatten them into one (input, weight
// and bias) and reshape the result back; batch_norm takes a 4-D input and [1, C, 1, 1]
// statistics, weight and bias.
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s --check-prefix=NOTTIR
// RUN: ttc-opt %s --convert-ttir-to-ttnn -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2

// NOTTIR-NOT: ttir.

// CHECK-LABEL: func.func @softmax(%arg0: tensor<2x8xf32>)
func.func @softmax(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  // CHECK-NEXT: %[[S:.*]] = ttnn.softmax %arg0 {dimension = -1 : i32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK-NEXT: return %[[S]]
  %0 = ttir.softmax %x {dimension = -1 : i32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// CHECK-LABEL: func.func @log_softmax_last(%arg0: tensor<2x8xf32>)
func.func @log_softmax_last(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  // The negative dimension is normalised; both reductions keep it.
  // CHECK-NEXT: %[[MAX:.*]] = ttnn.max %arg0 {dim_arg = array<i64: 1>, keep_dim = true} : (tensor<2x8xf32>) -> tensor<2x1xf32>
  // CHECK-NEXT: %[[SH:.*]] = ttnn.subtract %arg0, %[[MAX]] : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  // CHECK-NEXT: %[[EXP:.*]] = ttnn.exp %[[SH]] : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK-NEXT: %[[SUM:.*]] = ttnn.sum %[[EXP]] {dim_arg = array<i64: 1>, keep_dim = true} : (tensor<2x8xf32>) -> tensor<2x1xf32>
  // CHECK-NEXT: %[[LOG:.*]] = ttnn.log %[[SUM]] : (tensor<2x1xf32>) -> tensor<2x1xf32>
  // CHECK-NEXT: %[[R:.*]] = ttnn.subtract %[[SH]], %[[LOG]] : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  // CHECK-NEXT: return %[[R]] : tensor<2x8xf32>
  %0 = ttir.log_softmax %x {dimension = -1 : i32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// CHECK-LABEL: func.func @log_softmax_first(%arg0: tensor<2x8xf32>)
func.func @log_softmax_first(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  // CHECK-NEXT: %[[MAX:.*]] = ttnn.max %arg0 {dim_arg = array<i64: 0>, keep_dim = true} : (tensor<2x8xf32>) -> tensor<1x8xf32>
  // CHECK-NEXT: %[[SH:.*]] = ttnn.subtract %arg0, %[[MAX]] : (tensor<2x8xf32>, tensor<1x8xf32>) -> tensor<2x8xf32>
  // CHECK-NEXT: %[[EXP:.*]] = ttnn.exp %[[SH]]
  // CHECK-NEXT: %[[SUM:.*]] = ttnn.sum %[[EXP]] {dim_arg = array<i64: 0>, keep_dim = true} : (tensor<2x8xf32>) -> tensor<1x8xf32>
  // CHECK-NEXT: %[[LOG:.*]] = ttnn.log %[[SUM]] : (tensor<1x8xf32>) -> tensor<1x8xf32>
  // CHECK-NEXT: %[[R:.*]] = ttnn.subtract %[[SH]], %[[LOG]] : (tensor<2x8xf32>, tensor<1x8xf32>) -> tensor<2x8xf32>
  // CHECK-NEXT: return %[[R]]
  %0 = ttir.log_softmax %x {dimension = 0 : i32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// CHECK-LABEL: func.func @layer_norm_two_dims(%arg0: tensor<2x4x8xf32>, %arg1: tensor<4x8xf32>, %arg2: tensor<4x8xf32>)
func.func @layer_norm_two_dims(%x: tensor<2x4x8xf32>, %w: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<2x4x8xf32> {
  // CHECK-NEXT: %[[X:.*]] = ttnn.reshape %arg0 {shape = array<i64: 2, 32>} : (tensor<2x4x8xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: %[[W:.*]] = ttnn.reshape %arg1 {shape = array<i64: 32>} : (tensor<4x8xf32>) -> tensor<32xf32>
  // CHECK-NEXT: %[[B:.*]] = ttnn.reshape %arg2 {shape = array<i64: 32>} : (tensor<4x8xf32>) -> tensor<32xf32>
  // CHECK-NEXT: %[[N:.*]] = ttnn.layer_norm %[[X]] weight %[[W]] bias %[[B]] {epsilon = 9.99999997E-7 : f32} : (tensor<2x32xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.reshape %[[N]] {shape = array<i64: 2, 4, 8>} : (tensor<2x32xf32>) -> tensor<2x4x8xf32>
  // CHECK-NEXT: return %[[Y]] : tensor<2x4x8xf32>
  %0 = ttir.layer_norm %x weight %w bias %b {normalized_shape = array<i64: 4, 8>, epsilon = 1.0e-6 : f32} : (tensor<2x4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// CHECK-LABEL: func.func @rms_norm_two_dims(%arg0: tensor<2x4x8xf32>, %arg1: tensor<4x8xf32>)
func.func @rms_norm_two_dims(%x: tensor<2x4x8xf32>, %w: tensor<4x8xf32>) -> tensor<2x4x8xf32> {
  // Weight only: no bias operand appears.
  // CHECK-NEXT: %[[X:.*]] = ttnn.reshape %arg0 {shape = array<i64: 2, 32>} : (tensor<2x4x8xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: %[[W:.*]] = ttnn.reshape %arg1 {shape = array<i64: 32>} : (tensor<4x8xf32>) -> tensor<32xf32>
  // CHECK-NEXT: %[[N:.*]] = ttnn.rms_norm %[[X]] weight %[[W]] : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.reshape %[[N]] {shape = array<i64: 2, 4, 8>} : (tensor<2x32xf32>) -> tensor<2x4x8xf32>
  // CHECK-NEXT: return %[[Y]]
  %0 = ttir.rms_norm %x weight %w {normalized_shape = array<i64: 4, 8>} : (tensor<2x4x8xf32>, tensor<4x8xf32>) -> tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// CHECK-LABEL: func.func @norm_last_dim(%arg0: tensor<2x4x8xf32>, %arg1: tensor<8xf32>)
func.func @norm_last_dim(%x: tensor<2x4x8xf32>, %w: tensor<8xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8xf32>) {
  // Over the last dimension alone nothing is reshaped.
  // CHECK-NOT: ttnn.reshape
  // CHECK: %[[L:.*]] = ttnn.layer_norm %arg0 weight %arg1 : (tensor<2x4x8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  %0 = ttir.layer_norm %x weight %w {normalized_shape = array<i64: 8>} : (tensor<2x4x8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  // CHECK-NEXT: %[[R:.*]] = ttnn.rms_norm %arg0 : (tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  %1 = ttir.rms_norm %x {normalized_shape = array<i64: 8>} : (tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  // CHECK-NEXT: return %[[L]], %[[R]]
  return %0, %1 : tensor<2x4x8xf32>, tensor<2x4x8xf32>
}

// CHECK-LABEL: func.func @batch_norm_rank2(%arg0: tensor<4x3xf32>, %arg1: tensor<3xf32>, %arg2: tensor<3xf32>)
func.func @batch_norm_rank2(%x: tensor<4x3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<4x3xf32> {
  // [N, C] is [N, C, 1, 1] for the library.
  // CHECK-NEXT: %[[X:.*]] = ttnn.reshape %arg0 {shape = array<i64: 4, 3, 1, 1>} : (tensor<4x3xf32>) -> tensor<4x3x1x1xf32>
  // CHECK-NEXT: %[[M:.*]] = ttnn.reshape %arg1 {shape = array<i64: 1, 3, 1, 1>} : (tensor<3xf32>) -> tensor<1x3x1x1xf32>
  // CHECK-NEXT: %[[V:.*]] = ttnn.reshape %arg2 {shape = array<i64: 1, 3, 1, 1>} : (tensor<3xf32>) -> tensor<1x3x1x1xf32>
  // CHECK-NEXT: %[[N:.*]] = ttnn.batch_norm %[[X]], %[[M]], %[[V]] {epsilon = 1.000000e-03 : f32} : (tensor<4x3x1x1xf32>, tensor<1x3x1x1xf32>, tensor<1x3x1x1xf32>) -> tensor<4x3x1x1xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.reshape %[[N]] {shape = array<i64: 4, 3>} : (tensor<4x3x1x1xf32>) -> tensor<4x3xf32>
  // CHECK-NEXT: return %[[Y]] : tensor<4x3xf32>
  %0 = ttir.batch_norm %x, %m, %v {epsilon = 1.0e-3 : f32} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// CHECK-LABEL: func.func @batch_norm_rank4(%arg0: tensor<2x3x5x5xf32>, %arg1: tensor<3xf32>, %arg2: tensor<3xf32>, %arg3: tensor<3xf32>, %arg4: tensor<3xf32>)
func.func @batch_norm_rank4(%x: tensor<2x3x5x5xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>, %w: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<2x3x5x5xf32> {
  // A 4-D input is used as it is; statistics, weight and bias become [1, C, 1, 1].
  // CHECK-NEXT: %[[M:.*]] = ttnn.reshape %arg1 {shape = array<i64: 1, 3, 1, 1>} : (tensor<3xf32>) -> tensor<1x3x1x1xf32>
  // CHECK-NEXT: %[[V:.*]] = ttnn.reshape %arg2 {shape = array<i64: 1, 3, 1, 1>} : (tensor<3xf32>) -> tensor<1x3x1x1xf32>
  // CHECK-NEXT: %[[W:.*]] = ttnn.reshape %arg3 {shape = array<i64: 1, 3, 1, 1>} : (tensor<3xf32>) -> tensor<1x3x1x1xf32>
  // CHECK-NEXT: %[[B:.*]] = ttnn.reshape %arg4 {shape = array<i64: 1, 3, 1, 1>} : (tensor<3xf32>) -> tensor<1x3x1x1xf32>
  // CHECK-NEXT: %[[N:.*]] = ttnn.batch_norm %arg0, %[[M]], %[[V]] weight %[[W]] bias %[[B]] : (tensor<2x3x5x5xf32>, tensor<1x3x1x1xf32>, tensor<1x3x1x1xf32>, tensor<1x3x1x1xf32>, tensor<1x3x1x1xf32>) -> tensor<2x3x5x5xf32>
  // CHECK-NEXT: return %[[N]] : tensor<2x3x5x5xf32>
  %0 = ttir.batch_norm %x, %m, %v weight %w bias %b : (tensor<2x3x5x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x5x5xf32>
  return %0 : tensor<2x3x5x5xf32>
}

// CHECK-LABEL: func.func @batch_norm_rank5(%arg0: tensor<2x3x4x5x6xf32>
func.func @batch_norm_rank5(%x: tensor<2x3x4x5x6xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3x4x5x6xf32> {
  // Beyond rank 4 the middle dimensions are merged: [N, C, D*H, W].
  // CHECK-NEXT: %[[X:.*]] = ttnn.reshape %arg0 {shape = array<i64: 2, 3, 20, 6>} : (tensor<2x3x4x5x6xf32>) -> tensor<2x3x20x6xf32>
  // CHECK: %[[N:.*]] = ttnn.batch_norm %[[X]], %{{.*}}, %{{.*}} : (tensor<2x3x20x6xf32>, tensor<1x3x1x1xf32>, tensor<1x3x1x1xf32>) -> tensor<2x3x20x6xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.reshape %[[N]] {shape = array<i64: 2, 3, 4, 5, 6>} : (tensor<2x3x20x6xf32>) -> tensor<2x3x4x5x6xf32>
  // CHECK-NEXT: return %[[Y]]
  %0 = ttir.batch_norm %x, %m, %v : (tensor<2x3x4x5x6xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5x6xf32>
  return %0 : tensor<2x3x4x5x6xf32>
}
