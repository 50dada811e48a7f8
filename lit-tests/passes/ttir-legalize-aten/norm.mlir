// Normalisations. Statistics results of the native_* ops are computed only when read.
// RUN: ttc-opt %s --ttir-legalize-aten -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttir-legalize-aten | FileCheck %s

// CHECK-LABEL: func.func @softmax
func.func @softmax(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  // CHECK: ttir.softmax %arg0 {dimension = 1 : i32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %0 = "aten._softmax.default"(%x) {dim = -1 : i64, half_to_float = false} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK: ttir.softmax %arg0 {dimension = 0 : i32}
  %1 = "aten.softmax.int"(%x) {dim = 0 : i64} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK: ttir.log_softmax %arg0 {dimension = 1 : i32}
  %2 = "aten._log_softmax.default"(%x) {dim = 1 : i64, half_to_float = false} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK: ttir.log_softmax %arg0 {dimension = 1 : i32}
  %3 = "aten.log_softmax.int"(%x) {dim = -1 : i64} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// CHECK-LABEL: func.func @layer_norm
func.func @layer_norm(%x: tensor<1x32x128xf32>, %w: tensor<128xf32>, %b: tensor<128xf32>) -> (tensor<1x32x128xf32>, tensor<1x32x1xf32>, tensor<1x32x1xf32>) {
  // Inference: only the normalised output is read.
  // CHECK: ttir.layer_norm %arg0 weight %arg1 bias %arg2 {epsilon = 9.99999996E-13 : f32, normalized_shape = array<i64: 128>}
  // CHECK-NOT: ttir.rsqrt
  %0:3 = "aten.native_layer_norm.default"(%x, %w, %b) {normalized_shape = array<i64: 128>, eps = 9.9999999999999998E-13 : f64} : (tensor<1x32x128xf32>, tensor<128xf32>, tensor<128xf32>) -> (tensor<1x32x128xf32>, tensor<*xf32>, tensor<*xf32>)
  // Training graphs save the mean and 1 / std for the backward pass.
  // CHECK: %[[LN:.*]] = ttir.layer_norm %arg0 weight %arg1 bias %arg2
  // CHECK: %[[MEAN:.*]] = ttir.mean %arg0 {dim_arg = array<i64: 2>, keep_dim = true}
  // CHECK: ttir.rsqrt
  %1:3 = "aten.native_layer_norm.default"(%x, %w, %b) {normalized_shape = array<i64: 128>, eps = 1.000000e-05 : f64} : (tensor<1x32x128xf32>, tensor<128xf32>, tensor<128xf32>) -> (tensor<1x32x128xf32>, tensor<1x32x1xf32>, tensor<1x32x1xf32>)
  // torch.export's layer_norm, here without an affine transform.
  // CHECK: ttir.layer_norm %arg0 {normalized_shape = array<i64: 32, 128>}
  %2 = "aten.layer_norm.default"(%x) {normalized_shape = array<i64: 32, 128>, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<1x32x128xf32>) -> tensor<1x32x128xf32>
  // CHECK: ttir.rms_norm %arg0 weight %arg1 {epsilon = 9.99999997E-7 : f32, normalized_shape = array<i64: 128>}
  %3 = "aten.rms_norm.default"(%x, %w) {normalized_shape = array<i64: 128>, eps = 9.9999999999999995E-7 : f64} : (tensor<1x32x128xf32>, tensor<128xf32>) -> tensor<1x32x128xf32>
  return %1#0, %1#1, %1#2 : tensor<1x32x128xf32>, tensor<1x32x1xf32>, tensor<1x32x1xf32>
}

// CHECK-LABEL: func.func @batch_norm
func.func @batch_norm(%x: tensor<1x64x8x8xf32>, %w: tensor<64xf32>, %b: tensor<64xf32>, %mean: tensor<64xf32>, %var: tensor<64xf32>) -> tensor<1x64x8x8xf32> {
  // The resnet pattern: inference with running statistics.
  // The default epsilon (1e-5) is not printed.
  // CHECK: ttir.batch_norm %arg0, %arg3, %arg4 weight %arg1 bias %arg2 :
  %0:3 = "aten._native_batch_norm_legit_no_training.default"(%x, %w, %b, %mean, %var) {momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64} : (tensor<1x64x8x8xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> (tensor<1x64x8x8xf32>, tensor<*xf32>, tensor<*xf32>)
  // CHECK: ttir.batch_norm %arg0, %arg3, %arg4 weight %arg1 bias %arg2
  %1:3 = "aten.native_batch_norm.default"(%x, %w, %b, %mean, %var) {training = false, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64} : (tensor<1x64x8x8xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> (tensor<1x64x8x8xf32>, tensor<*xf32>, tensor<*xf32>)
  // CHECK: ttir.batch_norm %arg0, %arg3, %arg4 weight %arg1 bias %arg2
  %2 = "aten.batch_norm.default"(%x, %w, %b, %mean, %var) {training = false, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64, cudnn_enabled = true} : (tensor<1x64x8x8xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x8x8xf32>
  // Training normalises with the batch statistics over N, H and W.
  // CHECK: %[[M:.*]] = ttir.mean %arg0 {dim_arg = array<i64: 0, 2, 3>, keep_dim = true} : (tensor<1x64x8x8xf32>) -> tensor<1x64x1x1xf32>
  // CHECK: ttir.rsqrt
  // CHECK: ttir.reshape %arg1 : (tensor<64xf32>) -> tensor<1x64x1x1xf32>
  %3 = "aten.batch_norm.default"(%x, %w, %b, %mean, %var) {training = true, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64, cudnn_enabled = true} : (tensor<1x64x8x8xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x8x8xf32>
  // CHECK: ttir.mean %arg0 {dim_arg = array<i64: 0, 2, 3>, keep_dim = true}
  %4:3 = "aten._native_batch_norm_legit.default"(%x, %w, %b, %mean, %var) {training = true, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64} : (tensor<1x64x8x8xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> (tensor<1x64x8x8xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<1x64x8x8xf32>
}

// CHECK-LABEL: func.func @group_norm
func.func @group_norm(%x: tensor<2x8x4x4xf32>, %w: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<2x8x4x4xf32> {
  // Groups of channels: reshape to [N, G, rest], normalise, reshape back, affine per channel.
  // CHECK: %[[G:.*]] = ttir.reshape %arg0 : (tensor<2x8x4x4xf32>) -> tensor<2x2x64xf32>
  // CHECK: ttir.mean %[[G]] {dim_arg = array<i64: 2>, keep_dim = true}
  // CHECK: ttir.reshape %{{.*}} : (tensor<2x2x64xf32>) -> tensor<2x8x4x4xf32>
  // CHECK: ttir.reshape %arg1 : (tensor<8xf32>) -> tensor<1x8x1x1xf32>
  %0 = "aten.group_norm.default"(%x, %w, %b) {num_groups = 2 : i64, eps = 1.000000e-05 : f64} : (tensor<2x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x4x4xf32>
  // CHECK: ttir.reshape %arg0 : (tensor<2x8x4x4xf32>) -> tensor<2x4x32xf32>
  %1:3 = "aten.native_group_norm.default"(%x, %w, %b) {N = 2 : i64, C = 8 : i64, HxW = 16 : i64, group = 4 : i64, eps = 1.000000e-05 : f64} : (tensor<2x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<2x8x4x4xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0 : tensor<2x8x4x4xf32>
}
