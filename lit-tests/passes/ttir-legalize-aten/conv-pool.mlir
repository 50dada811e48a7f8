// Convolution and pooling of NCHW images; padding [ph, pw] becomes [top, left, bottom, right].
// RUN: ttc-opt %s --ttir-legalize-aten -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttir-legalize-aten | FileCheck %s

// CHECK-LABEL: func.func @conv
func.func @conv(%x: tensor<1x3x224x224xf32>, %w: tensor<64x3x7x7xf32>, %b: tensor<32xf32>, %m: tensor<1x1x28x28xf32>, %k: tensor<32x1x3x3xf32>) -> tensor<1x64x112x112xf32> {
  // The resnet stem: stride 2, padding 3, no bias.
  // CHECK: ttir.conv2d %arg0, %arg1 {dilation = array<i64: 1, 1>, padding = array<i64: 3, 3, 3, 3>, stride = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>) -> tensor<1x64x112x112xf32>
  %0 = "aten.convolution.default"(%x, %w) {stride = array<i64: 2, 2>, padding = array<i64: 3, 3>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>) -> tensor<1x64x112x112xf32>
  // With a bias (mnist).
  // CHECK: ttir.conv2d %arg3, %arg4, %arg2 {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>}
  %1 = "aten.convolution.default"(%m, %k, %b) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x1x28x28xf32>, tensor<32x1x3x3xf32>, tensor<32xf32>) -> tensor<1x32x26x26xf32>
  // torch.export's conv2d takes the schema defaults (stride 1, padding 0, dilation 1, groups 1).
  // CHECK: ttir.conv2d %arg3, %arg4 {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>}
  %2 = "aten.conv2d.default"(%m, %k) {operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x1x28x28xf32>, tensor<32x1x3x3xf32>) -> tensor<1x32x26x26xf32>
  return %0 : tensor<1x64x112x112xf32>
}

// CHECK-LABEL: func.func @pool
func.func @pool(%x: tensor<1x64x112x112xf32>, %y: tensor<1x64x24x24xf32>) -> (tensor<1x64x12x12xf32>, tensor<1x64x12x12xi64>) {
  // Inference reads only the values: a plain max pool.
  // CHECK: ttir.max_pool2d %arg0 {dilation = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>} : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
  %0:2 = "aten.max_pool2d_with_indices.default"(%x) {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : (tensor<1x64x112x112xf32>) -> (tensor<1x64x56x56xf32>, tensor<*xi64>)
  // Training saves the indices. An empty stride means the kernel size.
  // CHECK: ttir.max_pool2d_with_indices %arg1 {dilation = array<i64: 1, 1>, kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x64x24x24xf32>) -> (tensor<1x64x12x12xf32>, tensor<1x64x12x12xi64>)
  %1:2 = "aten.max_pool2d_with_indices.default"(%y) {kernel_size = array<i64: 2, 2>} : (tensor<1x64x24x24xf32>) -> (tensor<1x64x12x12xf32>, tensor<1x64x12x12xi64>)
  // CHECK: ttir.max_pool2d %arg1 {{.*}}ceil_mode = true
  %2 = "aten.max_pool2d.default"(%y) {kernel_size = array<i64: 5, 5>, stride = array<i64: 5, 5>, ceil_mode = true} : (tensor<1x64x24x24xf32>) -> tensor<1x64x5x5xf32>
  // CHECK: ttir.avg_pool2d %arg1 {kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>}
  %3 = "aten.avg_pool2d.default"(%y) {kernel_size = array<i64: 2, 2>} : (tensor<1x64x24x24xf32>) -> tensor<1x64x12x12xf32>
  // A divisor override rescales the mean: 4 / 2.
  // CHECK: %[[A:.*]] = ttir.avg_pool2d %arg1
  // CHECK: %[[F:.*]] = ttir.full {fill_value = 2.000000e+00 : f64}
  // CHECK: ttir.multiply %[[A]], %[[F]]
  %4 = "aten.avg_pool2d.default"(%y) {kernel_size = array<i64: 2, 2>, divisor_override = 2 : i64} : (tensor<1x64x24x24xf32>) -> tensor<1x64x12x12xf32>
  return %1#0, %1#1 : tensor<1x64x12x12xf32>, tensor<1x64x12x12xi64>
}

// CHECK-LABEL: func.func @adaptive_and_upsample
func.func @adaptive_and_upsample(%x: tensor<1x512x7x7xf32>, %y: tensor<1x8x6x6xf32>) -> tensor<1x512x1x1xf32> {
  // CHECK: ttir.global_avg_pool2d %arg0 : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
  %0 = "aten.adaptive_avg_pool2d.default"(%x) {output_size = array<i64: 1, 1>} : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
  // An output size that divides the input is a plain average pool.
  // CHECK: ttir.avg_pool2d %arg1 {kernel_size = array<i64: 2, 3>, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 3>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x3x2xf32>
  %1 = "aten._adaptive_avg_pool2d.default"(%y) {output_size = array<i64: 3, 2>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x3x2xf32>
  // Nearest upsampling by 2: each pixel repeated in a 2x2 block.
  // CHECK: %[[R:.*]] = ttir.reshape %arg1 : (tensor<1x8x6x6xf32>) -> tensor<1x8x6x1x6x1xf32>
  // CHECK: %[[B:.*]] = ttir.broadcast %[[R]] : (tensor<1x8x6x1x6x1xf32>) -> tensor<1x8x6x2x6x2xf32>
  // CHECK: ttir.reshape %[[B]] : (tensor<1x8x6x2x6x2xf32>) -> tensor<1x8x12x12xf32>
  %2 = "aten.upsample_nearest2d.vec"(%y) {scale_factors = array<f64: 2.0, 2.0>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x12x12xf32>
  // CHECK: ttir.broadcast {{.*}} -> tensor<1x8x6x3x6x3xf32>
  %3 = "aten.upsample_nearest2d.default"(%y) {output_size = array<i64: 18, 18>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x18x18xf32>
  return %0 : tensor<1x512x1x1xf32>
}
