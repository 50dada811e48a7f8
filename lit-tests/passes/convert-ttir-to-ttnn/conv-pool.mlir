// Convolution and pooling. ttir is NCHW; the library works on channels-last activations
// flattened to [1, 1, N*H*W, C] with the geometry (batch, height, width, channels) in
// attributes. Each op becomes permute to NHWC, reshape to [1, 1, N*H*W, C], the library op,
// reshape to [N, OH, OW, C] and permute back to NCHW. Padding goes from ttir's
// [top, left, bottom, right] to the library's [top, bottom, left, right]; conv2d takes the
// device and a [1, 1, 1, O] bias.
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s --check-prefix=NOTTIR
// RUN: ttc-opt %s --convert-ttir-to-ttnn -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2

// NOTTIR-NOT: ttir.

// CHECK-LABEL: func.func @conv2d_bias_groups(%arg0: tensor<2x4x8x8xf32>, %arg1: tensor<6x2x3x3xf32>, %arg2: tensor<6xf32>)
func.func @conv2d_bias_groups(%x: tensor<2x4x8x8xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>) -> tensor<2x6x4x11xf32> {
  // Every padding differs, so a wrong reorder shows: ttir [1, 2, 0, 3] is [1, 0, 2, 3].
  // OH = (8 + 1 + 0 - 3) / 2 + 1 = 4, OW = (8 + 2 + 3 - 3) / 1 + 1 = 11.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[NHWC:.*]] = ttnn.permute %arg0 {permutation = array<i64: 0, 2, 3, 1>} : (tensor<2x4x8x8xf32>) -> tensor<2x8x8x4xf32>
  // CHECK-NEXT: %[[FLAT:.*]] = ttnn.reshape %[[NHWC]] {shape = array<i64: 1, 1, 128, 4>} : (tensor<2x8x8x4xf32>) -> tensor<1x1x128x4xf32>
  // CHECK-NEXT: %[[BIAS:.*]] = ttnn.reshape %arg2 {shape = array<i64: 1, 1, 1, 6>} : (tensor<6xf32>) -> tensor<1x1x1x6xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.conv2d %[[FLAT]], %arg1, %[[DEV]], %[[BIAS]]
  // CHECK-SAME: batch_size = 2 : i64
  // CHECK-SAME: dilation = array<i64: 1, 1>
  // CHECK-SAME: groups = 2 : i64
  // CHECK-SAME: in_channels = 4 : i64
  // CHECK-SAME: input_height = 8 : i64
  // CHECK-SAME: input_width = 8 : i64
  // CHECK-SAME: kernel_size = array<i64: 3, 3>
  // CHECK-SAME: out_channels = 6 : i64
  // CHECK-SAME: padding = array<i64: 1, 0, 2, 3>
  // CHECK-SAME: stride = array<i64: 2, 1>
  // CHECK-SAME: (tensor<1x1x128x4xf32>, tensor<6x2x3x3xf32>, !ttnn.device, tensor<1x1x1x6xf32>) -> tensor<1x1x88x6xf32>
  // CHECK-NEXT: %[[OUT:.*]] = ttnn.reshape %[[Y]] {shape = array<i64: 2, 4, 11, 6>} : (tensor<1x1x88x6xf32>) -> tensor<2x4x11x6xf32>
  // CHECK-NEXT: %[[NCHW:.*]] = ttnn.permute %[[OUT]] {permutation = array<i64: 0, 3, 1, 2>} : (tensor<2x4x11x6xf32>) -> tensor<2x6x4x11xf32>
  // CHECK-NEXT: return %[[NCHW]] : tensor<2x6x4x11xf32>
  %0 = ttir.conv2d %x, %w, %b {stride = array<i64: 2, 1>, padding = array<i64: 1, 2, 0, 3>, dilation = array<i64: 1, 1>, groups = 2 : i64} : (tensor<2x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<2x6x4x11xf32>
  return %0 : tensor<2x6x4x11xf32>
}

// CHECK-LABEL: func.func @conv2d_no_bias(%arg0: tensor<1x3x8x8xf32>, %arg1: tensor<4x3x3x3xf32>)
func.func @conv2d_no_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[NHWC:.*]] = ttnn.permute %arg0 {permutation = array<i64: 0, 2, 3, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x8x8x3xf32>
  // CHECK-NEXT: %[[FLAT:.*]] = ttnn.reshape %[[NHWC]] {shape = array<i64: 1, 1, 64, 3>}
  // CHECK-NEXT: %[[Y:.*]] = ttnn.conv2d %[[FLAT]], %arg1, %[[DEV]] {
  // CHECK-SAME: dilation = array<i64: 3, 3>
  // CHECK-SAME: : (tensor<1x1x64x3xf32>, tensor<4x3x3x3xf32>, !ttnn.device) -> tensor<1x1x4x4xf32>
  // CHECK-NEXT: %[[OUT:.*]] = ttnn.reshape %[[Y]] {shape = array<i64: 1, 2, 2, 4>} : (tensor<1x1x4x4xf32>) -> tensor<1x2x2x4xf32>
  // CHECK-NEXT: %[[NCHW:.*]] = ttnn.permute %[[OUT]] {permutation = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x4xf32>) -> tensor<1x4x2x2xf32>
  // CHECK-NEXT: return %[[NCHW]]
  %0 = ttir.conv2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>, dilation = array<i64: 3, 3>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// CHECK-LABEL: func.func @max_pool2d(%arg0: tensor<1x3x8x8xf32>)
func.func @max_pool2d(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // Pooling needs no device.
  // CHECK-NEXT: %[[NHWC:.*]] = ttnn.permute %arg0 {permutation = array<i64: 0, 2, 3, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x8x8x3xf32>
  // CHECK-NEXT: %[[FLAT:.*]] = ttnn.reshape %[[NHWC]] {shape = array<i64: 1, 1, 64, 3>} : (tensor<1x8x8x3xf32>) -> tensor<1x1x64x3xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.max_pool2d %[[FLAT]] {batch_size = 1 : i64, channels = 3 : i64, dilation = array<i64: 1, 1>, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x1x64x3xf32>) -> tensor<1x1x16x3xf32>
  // CHECK-NEXT: %[[OUT:.*]] = ttnn.reshape %[[Y]] {shape = array<i64: 1, 4, 4, 3>} : (tensor<1x1x16x3xf32>) -> tensor<1x4x4x3xf32>
  // CHECK-NEXT: %[[NCHW:.*]] = ttnn.permute %[[OUT]] {permutation = array<i64: 0, 3, 1, 2>} : (tensor<1x4x4x3xf32>) -> tensor<1x3x4x4xf32>
  // CHECK-NEXT: return %[[NCHW]]
  %0 = ttir.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, dilation = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// CHECK-LABEL: func.func @max_pool2d_with_indices(%arg0: tensor<2x3x8x8xf32>)
func.func @max_pool2d_with_indices(%x: tensor<2x3x8x8xf32>) -> (tensor<2x3x4x4xf32>, tensor<2x3x4x4xsi32>) {
  // Both results are reshaped and permuted back.
  // CHECK-NEXT: %[[NHWC:.*]] = ttnn.permute %arg0 {permutation = array<i64: 0, 2, 3, 1>}
  // CHECK-NEXT: %[[FLAT:.*]] = ttnn.reshape %[[NHWC]] {shape = array<i64: 1, 1, 128, 3>} : (tensor<2x8x8x3xf32>) -> tensor<1x1x128x3xf32>
  // CHECK-NEXT: %[[V:.*]], %[[I:.*]] = ttnn.max_pool2d_with_indices %[[FLAT]] {batch_size = 2 : i64, channels = 3 : i64, dilation = array<i64: 1, 1>, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>} : (tensor<1x1x128x3xf32>) -> (tensor<1x1x32x3xf32>, tensor<1x1x32x3xsi32>)
  // CHECK-NEXT: %[[V4:.*]] = ttnn.reshape %[[V]] {shape = array<i64: 2, 4, 4, 3>} : (tensor<1x1x32x3xf32>) -> tensor<2x4x4x3xf32>
  // CHECK-NEXT: %[[VO:.*]] = ttnn.permute %[[V4]] {permutation = array<i64: 0, 3, 1, 2>} : (tensor<2x4x4x3xf32>) -> tensor<2x3x4x4xf32>
  // CHECK-NEXT: %[[I4:.*]] = ttnn.reshape %[[I]] {shape = array<i64: 2, 4, 4, 3>} : (tensor<1x1x32x3xsi32>) -> tensor<2x4x4x3xsi32>
  // CHECK-NEXT: %[[IO:.*]] = ttnn.permute %[[I4]] {permutation = array<i64: 0, 3, 1, 2>} : (tensor<2x4x4x3xsi32>) -> tensor<2x3x4x4xsi32>
  // CHECK-NEXT: return %[[VO]], %[[IO]] : tensor<2x3x4x4xf32>, tensor<2x3x4x4xsi32>
  %0:2 = ttir.max_pool2d_with_indices %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, dilation = array<i64: 1, 1>} : (tensor<2x3x8x8xf32>) -> (tensor<2x3x4x4xf32>, tensor<2x3x4x4xsi32>)
  return %0#0, %0#1 : tensor<2x3x4x4xf32>, tensor<2x3x4x4xsi32>
}

// CHECK-LABEL: func.func @avg_pool2d(%arg0: tensor<1x3x8x8xf32>)
func.func @avg_pool2d(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x5x4xf32> {
  // Padding on top and bottom only: ttir [1, 0, 1, 0] is the library's [1, 1, 0, 0];
  // ceil_mode and count_include_pad are passed on, and avg_pool2d has no dilation.
  // CHECK-NEXT: %[[NHWC:.*]] = ttnn.permute %arg0 {permutation = array<i64: 0, 2, 3, 1>}
  // CHECK-NEXT: %[[FLAT:.*]] = ttnn.reshape %[[NHWC]] {shape = array<i64: 1, 1, 64, 3>}
  // CHECK-NEXT: %[[Y:.*]] = ttnn.avg_pool2d %[[FLAT]] {batch_size = 1 : i64, ceil_mode = true, channels = 3 : i64, count_include_pad = false, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 2, 2>, padding = array<i64: 1, 1, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x1x64x3xf32>) -> tensor<1x1x20x3xf32>
  // CHECK-NEXT: %[[OUT:.*]] = ttnn.reshape %[[Y]] {shape = array<i64: 1, 5, 4, 3>} : (tensor<1x1x20x3xf32>) -> tensor<1x5x4x3xf32>
  // CHECK-NEXT: %[[NCHW:.*]] = ttnn.permute %[[OUT]] {permutation = array<i64: 0, 3, 1, 2>} : (tensor<1x5x4x3xf32>) -> tensor<1x3x5x4xf32>
  // CHECK-NEXT: return %[[NCHW]]
  %0 = ttir.avg_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 1, 0, 1, 0>, ceil_mode = true, count_include_pad = false} : (tensor<1x3x8x8xf32>) -> tensor<1x3x5x4xf32>
  return %0 : tensor<1x3x5x4xf32>
}

// CHECK-LABEL: func.func @global_avg_pool2d(%arg0: tensor<2x3x8x8xf32>)
func.func @global_avg_pool2d(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x1x1xf32> {
  // NHWC without flattening: [N, H, W, C] to [N, 1, 1, C].
  // CHECK-NEXT: %[[NHWC:.*]] = ttnn.permute %arg0 {permutation = array<i64: 0, 2, 3, 1>} : (tensor<2x3x8x8xf32>) -> tensor<2x8x8x3xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.global_avg_pool2d %[[NHWC]] : (tensor<2x8x8x3xf32>) -> tensor<2x1x1x3xf32>
  // CHECK-NEXT: %[[NCHW:.*]] = ttnn.permute %[[Y]] {permutation = array<i64: 0, 3, 1, 2>} : (tensor<2x1x1x3xf32>) -> tensor<2x3x1x1xf32>
  // CHECK-NEXT: return %[[NCHW]] : tensor<2x3x1x1xf32>
  %0 = ttir.global_avg_pool2d %x : (tensor<2x3x8x8xf32>) -> tensor<2x3x1x1xf32>
  return %0 : tensor<2x3x1x1xf32>
}
