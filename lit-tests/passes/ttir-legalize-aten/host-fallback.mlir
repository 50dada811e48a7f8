// What cannot run on the device stays as the aten op, with one remark saying why; the pass
// still succeeds and converts everything else around it.
// RUN: ttc-opt %s --split-input-file --verify-diagnostics --ttir-legalize-aten
// RUN: ttc-opt %s --split-input-file --ttir-legalize-aten 2>/dev/null | FileCheck %s

// CHECK-LABEL: func.func @data_dependent
func.func @data_dependent(%x: tensor<8xf32>) -> tensor<8xf32> {
  // CHECK: ttir.relu
  %0 = "aten.relu.default"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  // CHECK: "aten.nonzero.default"
  // expected-remark@+1 {{'aten.nonzero.default' stays on the host: data-dependent output shape}}
  %1 = "aten.nonzero.default"(%0) : (tensor<8xf32>) -> tensor<3x1xi64>
  return %0 : tensor<8xf32>
}

// -----

func.func @declined_by_shape(%x: tensor<8xf32>, %m: tensor<8xi1>) -> tensor<3xf32> {
  // A pattern that declines leaves the op, with its reason.
  // expected-remark@+1 {{'aten.index.Tensor' stays on the host: boolean mask indexing has a data-dependent output shape}}
  %0 = "aten.index.Tensor"(%x, %m) {indices_present = array<i1: true>} : (tensor<8xf32>, tensor<8xi1>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @transposed_conv(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32> {
  // expected-remark@+1 {{'aten.convolution.default' stays on the host: transposed convolutions have no ttir op}}
  %0 = "aten.convolution.default"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, transposed = true, output_padding = array<i64: 0, 0>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return %0 : tensor<1x2x10x10xf32>
}

// -----

func.func @overlapping_pool_backward(%g: tensor<1x1x3x3xf32>, %x: tensor<1x1x7x7xf32>, %i: tensor<1x1x3x3xi64>) -> tensor<1x1x7x7xf32> {
  // expected-remark@+1 {{'aten.max_pool2d_with_indices_backward.default' stays on the host: only non-overlapping windows (stride = kernel, no padding, no dilation) are supported}}
  %0 = "aten.max_pool2d_with_indices_backward.default"(%g, %x, %i) {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x1x3x3xf32>, tensor<1x1x7x7xf32>, tensor<1x1x3x3xi64>) -> tensor<1x1x7x7xf32>
  return %0 : tensor<1x1x7x7xf32>
}

// -----

func.func @attention_dropout(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-remark@+1 {{'aten.scaled_dot_product_attention.default' stays on the host: attention dropout (training) is not supported on the device}}
  %0 = "aten.scaled_dot_product_attention.default"(%q, %q, %q) {dropout_p = 1.000000e-01 : f64, operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @unknown(%x: tensor<8xf32>) -> tensor<8xf32> {
  // An overload ttc has no schema or lowering for.
  // expected-remark@+1 {{'aten.my_custom_op.default' stays on the host: no lowering to ttir}}
  %0 = "aten.my_custom_op.default"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  // A call outside the aten namespace.
  // expected-remark@+1 {{'aten.operator' ("prims.convert_element_type.default") stays on the host: not an aten overload}}
  %1 = "aten.operator"(%0) {name = "prims.convert_element_type.default"} : (tensor<8xf32>) -> tensor<8xf32>
  return %1 : tensor<8xf32>
}

// -----

func.func @scatter(%x: tensor<8xf32>, %i: tensor<2xi64>, %s: tensor<2xf32>) -> tensor<8xf32> {
  // expected-remark@+1 {{'aten.scatter.src' stays on the host: scatter write; no scatter op in ttir yet}}
  %0 = "aten.scatter.src"(%x, %i, %s) {dim = 0 : i64} : (tensor<8xf32>, tensor<2xi64>, tensor<2xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
