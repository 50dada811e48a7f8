// Training ops and the backward ops of aot_autograd's backward graphs, as ttir decompositions.
// RUN: ttc-opt %s --ttir-legalize-aten="fold-constants=false" -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttir-legalize-aten="fold-constants=false" | FileCheck %s

// CHECK-LABEL: func.func @dropout
func.func @dropout(%x: tensor<1x128xf32>) -> (tensor<1x128xf32>, tensor<1x128xi1>, tensor<1x128xf32>) {
  // Training: keep with probability 1 - p, scale by 1 / (1 - p), return the mask.
  // CHECK: %[[U:.*]] = ttir.rand {seed = {{[0-9]+}} : i64} : tensor<1x128xf32>
  // CHECK: %[[KEEP:.*]] = ttir.ge %[[U]], %{{.*}} : (tensor<1x128xf32>, tensor<f32>) -> tensor<1x128xi1>
  // CHECK: %[[S:.*]] = ttir.multiply %arg0, %{{.*}} : (tensor<1x128xf32>, tensor<f32>)
  // CHECK: ttir.where %[[KEEP]], %[[S]], %{{.*}}
  %0:2 = "aten.native_dropout.default"(%x) {p = 5.000000e-01 : f64, train = true} : (tensor<1x128xf32>) -> (tensor<1x128xf32>, tensor<1x128xi1>)
  // Inference dropout is the identity.
  // CHECK-NOT: ttir.rand
  %1 = "aten.dropout.default"(%x) {p = 1.000000e-01 : f64, train = false} : (tensor<1x128xf32>) -> tensor<1x128xf32>
  // CHECK: return %{{.*}}, %[[KEEP]], %arg0
  return %0#0, %0#1, %1 : tensor<1x128xf32>, tensor<1x128xi1>, tensor<1x128xf32>
}

// CHECK-LABEL: func.func @nll_loss
func.func @nll_loss(%lp: tensor<1x10xf32>, %t: tensor<1xi64>, %g: tensor<f32>) -> (tensor<f32>, tensor<1x10xf32>) {
  // Forward: -mean(log_probs[i, target[i]]) over the samples not ignored (-100).
  // CHECK: %[[IGN:.*]] = ttir.eq %arg1, %{{.*}} : (tensor<1xi64>, tensor<i64>) -> tensor<1xi1>
  // CHECK: %[[SAFE:.*]] = ttir.where %[[IGN]]
  // CHECK: %[[IDX:.*]] = ttir.reshape %[[SAFE]] : (tensor<1xi64>) -> tensor<1x1xi64>
  // CHECK: ttir.gather %arg0, %[[IDX]] {dim = 1 : i64} : (tensor<1x10xf32>, tensor<1x1xi64>) -> tensor<1x1xf32>
  // CHECK: ttir.neg
  // CHECK: %[[TW:.*]] = ttir.sum {{.*}} -> tensor<f32>
  // CHECK: ttir.div %{{.*}}, %[[TW]] : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %0:2 = "aten.nll_loss_forward.default"(%lp, %t) {reduction = 1 : i64, ignore_index = -100 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x10xf32>, tensor<1xi64>) -> (tensor<f32>, tensor<f32>)
  // Backward: -grad / total_weight at each target column, zero elsewhere.
  // CHECK: %[[C:.*]] = ttir.arange {end = 1.000000e+01 : f64, start = 0.000000e+00 : f64} : tensor<10xi64>
  // CHECK: %[[ONEHOT:.*]] = ttir.eq {{.*}} : (tensor<1x10xi64>, tensor<1x1xi64>) -> tensor<1x10xi1>
  // CHECK: ttir.where %[[ONEHOT]], {{.*}} : (tensor<1x10xi1>, tensor<1x1xf32>, tensor<f32>) -> tensor<1x10xf32>
  %1 = "aten.nll_loss_backward.default"(%g, %lp, %t, %0#1) {reduction = 1 : i64, ignore_index = -100 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 1>} : (tensor<f32>, tensor<1x10xf32>, tensor<1xi64>, tensor<f32>) -> tensor<1x10xf32>
  return %0#0, %1 : tensor<f32>, tensor<1x10xf32>
}

// CHECK-LABEL: func.func @backward
func.func @backward(%g: tensor<1x10xf32>, %y: tensor<1x10xf32>, %mask: tensor<1x10xi1>) -> tensor<1x10xf32> {
  // ReLU backward: zero where the input was <= 0.
  // CHECK: %[[LE:.*]] = ttir.le %arg1, %{{.*}} : (tensor<1x10xf32>, tensor<f32>) -> tensor<1x10xi1>
  // CHECK: ttir.where %[[LE]], %{{.*}}, %arg0
  %0 = "aten.threshold_backward.default"(%g, %y) {threshold = 0 : i64} : (tensor<1x10xf32>, tensor<1x10xf32>) -> tensor<1x10xf32>
  // log_softmax backward: grad - exp(output) * sum(grad).
  // CHECK: %[[S:.*]] = ttir.sum %arg0 {dim_arg = array<i64: 1>, keep_dim = true}
  // CHECK: %[[E:.*]] = ttir.exp %arg1
  // CHECK: %[[W:.*]] = ttir.multiply %[[E]], %[[S]]
  // CHECK: ttir.subtract %arg0, %[[W]]
  %1 = "aten._log_softmax_backward_data.default"(%g, %y) {dim = 1 : i64, input_dtype = f32} : (tensor<1x10xf32>, tensor<1x10xf32>) -> tensor<1x10xf32>
  // Dropout backward: grad * mask * scale.
  // CHECK: %[[M:.*]] = ttir.typecast %arg2 : (tensor<1x10xi1>) -> tensor<1x10xf32>
  // CHECK: ttir.multiply %arg0, %[[M]]
  %2 = "aten.native_dropout_backward.default"(%g, %mask) {scale = 2.000000e+00 : f64} : (tensor<1x10xf32>, tensor<1x10xi1>) -> tensor<1x10xf32>
  return %0 : tensor<1x10xf32>
}

// CHECK-LABEL: func.func @pool_backward
func.func @pool_backward(%g: tensor<1x64x12x12xf32>, %x: tensor<1x64x24x24xf32>, %i: tensor<1x64x12x12xi64>) -> tensor<1x64x24x24xf32> {
  // Non-overlapping 2x2 windows: each gradient goes where its index points.
  // CHECK: ttir.broadcast {{.*}} -> tensor<1x64x12x2x12x2xf32>
  // CHECK: ttir.broadcast {{.*}} -> tensor<1x64x12x2x12x2xi64>
  // CHECK: ttir.arange {end = 5.760000e+02 : f64, start = 0.000000e+00 : f64} : tensor<576xi64>
  // CHECK: %[[HIT:.*]] = ttir.eq {{.*}} -> tensor<1x64x24x24xi1>
  // CHECK: ttir.where %[[HIT]]
  %0 = "aten.max_pool2d_with_indices_backward.default"(%g, %x, %i) {kernel_size = array<i64: 2, 2>, stride = array<i64>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x64x12x12xf32>, tensor<1x64x24x24xf32>, tensor<1x64x12x12xi64>) -> tensor<1x64x24x24xf32>
  return %0 : tensor<1x64x24x24xf32>
}

// CHECK-LABEL: func.func @conv_backward
func.func @conv_backward(%g: tensor<1x64x24x24xf32>, %x: tensor<1x32x26x26xf32>, %w: tensor<64x32x3x3xf32>) -> (tensor<1x32x26x26xf32>, tensor<64x32x3x3xf32>, tensor<64xf32>) {
  // Input gradient: the output gradient convolved with the flipped, transposed weight,
  // padded by kernel - 1.
  // CHECK: %[[WT:.*]] = ttir.permute %arg2 {permutation = array<i64: 1, 0, 2, 3>} : (tensor<64x32x3x3xf32>) -> tensor<32x64x3x3xf32>
  // CHECK: %[[WF:.*]] = ttir.reverse %[[WT]] {dimensions = array<i64: 2, 3>}
  // CHECK: ttir.conv2d %arg0, %[[WF]] {dilation = array<i64: 1, 1>, padding = array<i64: 2, 2, 2, 2>, stride = array<i64: 1, 1>} : (tensor<1x64x24x24xf32>, tensor<32x64x3x3xf32>) -> tensor<1x32x26x26xf32>
  // Weight gradient: the input (channels as batch) convolved with the output gradient.
  // CHECK: %[[XT:.*]] = ttir.permute %arg1 {permutation = array<i64: 1, 0, 2, 3>} : (tensor<1x32x26x26xf32>) -> tensor<32x1x26x26xf32>
  // CHECK: %[[GT:.*]] = ttir.permute %arg0 {permutation = array<i64: 1, 0, 2, 3>} : (tensor<1x64x24x24xf32>) -> tensor<64x1x24x24xf32>
  // CHECK: %[[GW:.*]] = ttir.conv2d %[[XT]], %[[GT]] {{.*}} -> tensor<32x64x3x3xf32>
  // CHECK: ttir.permute %[[GW]] {permutation = array<i64: 1, 0, 2, 3>} : (tensor<32x64x3x3xf32>) -> tensor<64x32x3x3xf32>
  // Bias gradient: the output gradient summed over N, H, W.
  // CHECK: ttir.sum %arg0 {dim_arg = array<i64: 0, 2, 3>} : (tensor<1x64x24x24xf32>) -> tensor<64xf32>
  %0:3 = "aten.convolution_backward.default"(%g, %x, %w) {bias_sizes = array<i64: 64>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64, output_mask = array<i1: true, true, true>} : (tensor<1x64x24x24xf32>, tensor<1x32x26x26xf32>, tensor<64x32x3x3xf32>) -> (tensor<1x32x26x26xf32>, tensor<64x32x3x3xf32>, tensor<64xf32>)
  return %0#0, %0#1, %0#2 : tensor<1x32x26x26xf32>, tensor<64x32x3x3xf32>, tensor<64xf32>
}
