// Scaled dot-product attention, including aot_autograd's CPU flash-attention op.
// RUN: ttc-opt %s --ttir-legalize-aten -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttir-legalize-aten | FileCheck %s

// CHECK-LABEL: func.func @sdpa
func.func @sdpa(%q: tensor<1x2x32x64xf32>, %k: tensor<1x2x32x64xf32>, %v: tensor<1x2x32x64xf32>, %m: tensor<1x1x32x32xf32>, %b: tensor<1x1x32x32xi1>) -> tensor<1x2x32x64xf32> {
  // CHECK: ttir.scaled_dot_product_attention %arg0, %arg1, %arg2 mask %arg3 {scale = 1.250000e-01 : f64} : (tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>, tensor<1x1x32x32xf32>) -> tensor<1x2x32x64xf32>
  %0:2 = "aten._scaled_dot_product_flash_attention_for_cpu.default"(%q, %k, %v, %m) {attn_mask_present = true, scale = 1.250000e-01 : f64, operandSegmentSizes = array<i32: 1, 1, 1, 1>} : (tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>, tensor<1x1x32x32xf32>) -> (tensor<1x2x32x64xf32>, tensor<*xf32>)
  // CHECK: ttir.scaled_dot_product_attention %arg0, %arg1, %arg2 {is_causal = true}
  %1 = "aten.scaled_dot_product_attention.default"(%q, %k, %v) {is_causal = true, operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>) -> tensor<1x2x32x64xf32>
  // A boolean mask is passed as it is.
  // CHECK: ttir.scaled_dot_product_attention %arg0, %arg1, %arg2 mask %arg4 : {{.*}}tensor<1x1x32x32xi1>
  %2 = "aten.scaled_dot_product_attention.default"(%q, %k, %v, %b) : (tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>, tensor<1x1x32x32xi1>) -> tensor<1x2x32x64xf32>
  return %0#0 : tensor<1x2x32x64xf32>
}

// CHECK-LABEL: func.func @grouped_query
func.func @grouped_query(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x16x64xf32>, %v: tensor<1x2x16x64xf32>) -> tensor<1x8x16x64xf32> {
  // enable_gqa repeats each key/value head for its 4 query heads.
  // CHECK: ttir.reshape %arg1 : (tensor<1x2x16x64xf32>) -> tensor<1x2x1x16x64xf32>
  // CHECK: ttir.broadcast {{.*}} -> tensor<1x2x4x16x64xf32>
  // CHECK: ttir.reshape {{.*}} -> tensor<1x8x16x64xf32>
  // CHECK: ttir.scaled_dot_product_attention %arg0, {{.*}} : (tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>)
  %0 = "aten.scaled_dot_product_attention.default"(%q, %k, %v) {enable_gqa = true, operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (tensor<1x8x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>) -> tensor<1x8x16x64xf32>
  return %0 : tensor<1x8x16x64xf32>
}

// CHECK-LABEL: func.func @logsumexp_read
func.func @logsumexp_read(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8xf32> {
  // When the log-sum-exp output is read it is computed from the scores.
  // CHECK: ttir.scaled_dot_product_attention
  // CHECK: %[[S:.*]] = ttir.matmul %arg0, %arg1 {transpose_b = true} : (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>) -> tensor<1x2x8x8xf32>
  // CHECK: ttir.full {fill_value = 2.500000e-01 : f64}
  // CHECK: ttir.max
  // CHECK: ttir.exp
  // CHECK: ttir.sum
  // CHECK: ttir.log
  // CHECK: ttir.reshape {{.*}} : (tensor<1x2x8x1xf32>) -> tensor<1x2x8xf32>
  %0:2 = "aten._scaled_dot_product_flash_attention_for_cpu.default"(%q, %k, %v) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>) -> (tensor<1x2x8x16xf32>, tensor<1x2x8xf32>)
  return %0#1 : tensor<1x2x8xf32>
}
