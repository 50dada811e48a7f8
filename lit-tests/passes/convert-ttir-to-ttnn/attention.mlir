// Scaled dot-product attention. The library takes 4-D [batch, heads, sequence, head_dim]
// operands and an additive float mask: lower-rank q / k / v (and mask) get leading 1s and the
// result is reshaped back; an i1 mask becomes where(mask, 0, -inf); is_causal stays the
// library's flag only without a mask and with L == S, otherwise the causal mask is spelled out
// as a constant (0 on and below the diagonal, -inf above) and added to the mask. scale is
// narrowed to f32. The library does not broadcast the batch: a key / value of batch 1 is
// repeated to the query's batch (its heads may stay fewer: grouped-query attention).
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s --check-prefix=NOTTIR
// RUN: ttc-opt %s --convert-ttir-to-ttnn -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2

// NOTTIR-NOT: ttir.

// CHECK-LABEL: func.func @float_mask(
func.func @float_mask(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>, %m: tensor<1x1x8x8xf32>) -> tensor<1x2x8x16xf32> {
  // A float mask is passed as it is; no device is needed.
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %arg0, %arg1, %arg2 mask %arg3 {scale = 1.250000e-01 : f32} : (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x1x8x8xf32>) -> tensor<1x2x8x16xf32>
  // CHECK-NEXT: return %[[A]] : tensor<1x2x8x16xf32>
  %0 = ttir.scaled_dot_product_attention %q, %k, %v mask %m {scale = 0.125 : f64} : (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x1x8x8xf32>) -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// CHECK-LABEL: func.func @bool_mask(
func.func @bool_mask(%q: tensor<1x2x8x16xbf16>, %k: tensor<1x2x8x16xbf16>, %v: tensor<1x2x8x16xbf16>, %m: tensor<1x1x8x8xi1>) -> tensor<1x2x8x16xbf16> {
  // True keeps a position (adds 0), false masks it (adds -inf), in q's element type.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[ZERO:.*]] = ttnn.full %[[DEV]] {fill_value = 0.000000e+00 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<bf16>
  // CHECK-NEXT: %[[NINF:.*]] = ttnn.full %[[DEV]] {fill_value = 0xFF800000 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<bf16>
  // CHECK-NEXT: %[[MASK:.*]] = ttnn.where %arg3, %[[ZERO]], %[[NINF]] : (tensor<1x1x8x8xi1>, tensor<bf16>, tensor<bf16>) -> tensor<1x1x8x8xbf16>
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %arg0, %arg1, %arg2 mask %[[MASK]] : (tensor<1x2x8x16xbf16>, tensor<1x2x8x16xbf16>, tensor<1x2x8x16xbf16>, tensor<1x1x8x8xbf16>) -> tensor<1x2x8x16xbf16>
  // CHECK-NEXT: return %[[A]]
  %0 = ttir.scaled_dot_product_attention %q, %k, %v mask %m : (tensor<1x2x8x16xbf16>, tensor<1x2x8x16xbf16>, tensor<1x2x8x16xbf16>, tensor<1x1x8x8xi1>) -> tensor<1x2x8x16xbf16>
  return %0 : tensor<1x2x8x16xbf16>
}

// CHECK-LABEL: func.func @causal(
func.func @causal(%q: tensor<1x2x4x16xf32>, %k: tensor<1x2x4x16xf32>, %v: tensor<1x2x4x16xf32>) -> tensor<1x2x4x16xf32> {
  // Without a mask and with L == S the library's causal mode is used.
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %arg0, %arg1, %arg2 {is_causal = true} : (tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>) -> tensor<1x2x4x16xf32>
  // CHECK-NEXT: return %[[A]]
  %0 = ttir.scaled_dot_product_attention %q, %k, %v {is_causal = true} : (tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>) -> tensor<1x2x4x16xf32>
  return %0 : tensor<1x2x4x16xf32>
}

// CHECK-LABEL: func.func @causal_and_mask(
func.func @causal_and_mask(%q: tensor<1x2x3x16xf32>, %k: tensor<1x2x3x16xf32>, %v: tensor<1x2x3x16xf32>, %m: tensor<1x1x3x3xf32>) -> tensor<1x2x3x16xf32> {
  // The library's causal mode takes no mask: the causal mask is a constant added to it, and
  // the library's flag is off (the exact sdpa line leaves no room for is_causal).
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[CAUSAL:.*]] = ttnn.constant %[[DEV]] {value = dense<{{\[\[\[\[}}0.000000e+00, 0xFF800000, 0xFF800000], [0.000000e+00, 0.000000e+00, 0xFF800000], [0.000000e+00, 0.000000e+00, 0.000000e+00]]]]> : tensor<1x1x3x3xf32>} : (!ttnn.device) -> tensor<1x1x3x3xf32>
  // CHECK-NEXT: %[[MASK:.*]] = ttnn.add %arg3, %[[CAUSAL]] : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %arg0, %arg1, %arg2 mask %[[MASK]] : (tensor<1x2x3x16xf32>, tensor<1x2x3x16xf32>, tensor<1x2x3x16xf32>, tensor<1x1x3x3xf32>) -> tensor<1x2x3x16xf32>
  // CHECK-NEXT: return %[[A]]
  %0 = ttir.scaled_dot_product_attention %q, %k, %v mask %m {is_causal = true} : (tensor<1x2x3x16xf32>, tensor<1x2x3x16xf32>, tensor<1x2x3x16xf32>, tensor<1x1x3x3xf32>) -> tensor<1x2x3x16xf32>
  return %0 : tensor<1x2x3x16xf32>
}

// CHECK-LABEL: func.func @causal_and_bool_mask(
func.func @causal_and_bool_mask(%q: tensor<1x2x2x16xf32>, %k: tensor<1x2x2x16xf32>, %v: tensor<1x2x2x16xf32>, %m: tensor<2x2xi1>) -> tensor<1x2x2x16xf32> {
  // An i1 mask is made additive first; a [L, S] mask gets leading 1s.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[M4:.*]] = ttnn.reshape %arg3 {shape = array<i64: 1, 1, 2, 2>} : (tensor<2x2xi1>) -> tensor<1x1x2x2xi1>
  // CHECK-NEXT: %[[ZERO:.*]] = ttnn.full %[[DEV]] {fill_value = 0.000000e+00 : f32, shape = array<i64>}
  // CHECK-NEXT: %[[NINF:.*]] = ttnn.full %[[DEV]] {fill_value = 0xFF800000 : f32, shape = array<i64>}
  // CHECK-NEXT: %[[ADD:.*]] = ttnn.where %[[M4]], %[[ZERO]], %[[NINF]] : (tensor<1x1x2x2xi1>, tensor<f32>, tensor<f32>) -> tensor<1x1x2x2xf32>
  // CHECK-NEXT: %[[CAUSAL:.*]] = ttnn.constant %[[DEV]] {value = dense<{{\[\[\[\[}}0.000000e+00, 0xFF800000], [0.000000e+00, 0.000000e+00]]]]> : tensor<1x1x2x2xf32>}
  // CHECK-NEXT: %[[MASK:.*]] = ttnn.add %[[ADD]], %[[CAUSAL]] : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %arg0, %arg1, %arg2 mask %[[MASK]] : {{.*}} -> tensor<1x2x2x16xf32>
  // CHECK-NEXT: return %[[A]]
  %0 = ttir.scaled_dot_product_attention %q, %k, %v mask %m {is_causal = true} : (tensor<1x2x2x16xf32>, tensor<1x2x2x16xf32>, tensor<1x2x2x16xf32>, tensor<2x2xi1>) -> tensor<1x2x2x16xf32>
  return %0 : tensor<1x2x2x16xf32>
}

// CHECK-LABEL: func.func @causal_rectangular(
func.func @causal_rectangular(%q: tensor<1x2x2x16xf32>, %k: tensor<1x2x3x16xf32>, %v: tensor<1x2x3x16xf32>) -> tensor<1x2x2x16xf32> {
  // L != S: the library's causal mode cannot be used, the [1, 1, L, S] constant is the mask.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[CAUSAL:.*]] = ttnn.constant %[[DEV]] {value = dense<{{\[\[\[\[}}0.000000e+00, 0xFF800000, 0xFF800000], [0.000000e+00, 0.000000e+00, 0xFF800000]]]]> : tensor<1x1x2x3xf32>} : (!ttnn.device) -> tensor<1x1x2x3xf32>
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %arg0, %arg1, %arg2 mask %[[CAUSAL]] : (tensor<1x2x2x16xf32>, tensor<1x2x3x16xf32>, tensor<1x2x3x16xf32>, tensor<1x1x2x3xf32>) -> tensor<1x2x2x16xf32>
  // CHECK-NEXT: return %[[A]]
  %0 = ttir.scaled_dot_product_attention %q, %k, %v {is_causal = true} : (tensor<1x2x2x16xf32>, tensor<1x2x3x16xf32>, tensor<1x2x3x16xf32>) -> tensor<1x2x2x16xf32>
  return %0 : tensor<1x2x2x16xf32>
}

// CHECK-LABEL: func.func @rank3(%arg0: tensor<2x8x16xf32>, %arg1: tensor<2x8x16xf32>, %arg2: tensor<2x8x16xf32>, %arg3: tensor<2x8x8xf32>)
func.func @rank3(%q: tensor<2x8x16xf32>, %k: tensor<2x8x16xf32>, %v: tensor<2x8x16xf32>, %m: tensor<2x8x8xf32>) -> tensor<2x8x16xf32> {
  // CHECK-NEXT: %[[Q:.*]] = ttnn.reshape %arg0 {shape = array<i64: 1, 2, 8, 16>} : (tensor<2x8x16xf32>) -> tensor<1x2x8x16xf32>
  // CHECK-NEXT: %[[K:.*]] = ttnn.reshape %arg1 {shape = array<i64: 1, 2, 8, 16>} : (tensor<2x8x16xf32>) -> tensor<1x2x8x16xf32>
  // CHECK-NEXT: %[[V:.*]] = ttnn.reshape %arg2 {shape = array<i64: 1, 2, 8, 16>} : (tensor<2x8x16xf32>) -> tensor<1x2x8x16xf32>
  // CHECK-NEXT: %[[M:.*]] = ttnn.reshape %arg3 {shape = array<i64: 1, 2, 8, 8>} : (tensor<2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %[[Q]], %[[K]], %[[V]] mask %[[M]] : (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>) -> tensor<1x2x8x16xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.reshape %[[A]] {shape = array<i64: 2, 8, 16>} : (tensor<1x2x8x16xf32>) -> tensor<2x8x16xf32>
  // CHECK-NEXT: return %[[Y]] : tensor<2x8x16xf32>
  %0 = ttir.scaled_dot_product_attention %q, %k, %v mask %m : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x8xf32>) -> tensor<2x8x16xf32>
  return %0 : tensor<2x8x16xf32>
}

// CHECK-LABEL: func.func @rank2_causal(
func.func @rank2_causal(%q: tensor<8x16xf32>, %k: tensor<8x16xf32>, %v: tensor<8x16xf32>) -> tensor<8x16xf32> {
  // CHECK-NEXT: %[[Q:.*]] = ttnn.reshape %arg0 {shape = array<i64: 1, 1, 8, 16>}
  // CHECK-NEXT: %[[K:.*]] = ttnn.reshape %arg1 {shape = array<i64: 1, 1, 8, 16>}
  // CHECK-NEXT: %[[V:.*]] = ttnn.reshape %arg2 {shape = array<i64: 1, 1, 8, 16>}
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %[[Q]], %[[K]], %[[V]] {is_causal = true} : (tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>) -> tensor<1x1x8x16xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.reshape %[[A]] {shape = array<i64: 8, 16>} : (tensor<1x1x8x16xf32>) -> tensor<8x16xf32>
  // CHECK-NEXT: return %[[Y]]
  %0 = ttir.scaled_dot_product_attention %q, %k, %v {is_causal = true} : (tensor<8x16xf32>, tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// CHECK-LABEL: func.func @kv_batch_broadcast(
func.func @kv_batch_broadcast(%q: tensor<2x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<2x2x8x16xf32> {
  // CHECK-NEXT: %[[K:.*]] = ttnn.repeat %arg1 {repeat_dims = array<i64: 2, 1, 1, 1>} : (tensor<1x2x8x16xf32>) -> tensor<2x2x8x16xf32>
  // CHECK-NEXT: %[[V:.*]] = ttnn.repeat %arg2 {repeat_dims = array<i64: 2, 1, 1, 1>} : (tensor<1x2x8x16xf32>) -> tensor<2x2x8x16xf32>
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %arg0, %[[K]], %[[V]] : (tensor<2x2x8x16xf32>, tensor<2x2x8x16xf32>, tensor<2x2x8x16xf32>) -> tensor<2x2x8x16xf32>
  // CHECK-NEXT: return %[[A]]
  %0 = ttir.scaled_dot_product_attention %q, %k, %v : (tensor<2x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>) -> tensor<2x2x8x16xf32>
  return %0 : tensor<2x2x8x16xf32>
}

// CHECK-LABEL: func.func @key_batch_broadcast(
func.func @key_batch_broadcast(%q: tensor<2x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<2x2x8x16xf32>) -> tensor<2x2x8x16xf32> {
  // Only the operand of batch 1 is repeated.
  // CHECK-NEXT: %[[K:.*]] = ttnn.repeat %arg1 {repeat_dims = array<i64: 2, 1, 1, 1>} : (tensor<1x2x8x16xf32>) -> tensor<2x2x8x16xf32>
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %arg0, %[[K]], %arg2 : (tensor<2x2x8x16xf32>, tensor<2x2x8x16xf32>, tensor<2x2x8x16xf32>) -> tensor<2x2x8x16xf32>
  // CHECK-NEXT: return %[[A]]
  %0 = ttir.scaled_dot_product_attention %q, %k, %v : (tensor<2x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<2x2x8x16xf32>) -> tensor<2x2x8x16xf32>
  return %0 : tensor<2x2x8x16xf32>
}

// CHECK-LABEL: func.func @kv_batch_and_heads_broadcast(
func.func @kv_batch_and_heads_broadcast(%q: tensor<2x4x8x16xf32>, %k: tensor<1x1x8x16xf32>, %v: tensor<1x1x8x16xf32>, %m: tensor<2x1x8x8xi1>) -> tensor<2x4x8x16xf32> {
  // The batch is repeated, the single key / value head is left to the library; the mask is
  // made additive after the repeats.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[K:.*]] = ttnn.repeat %arg1 {repeat_dims = array<i64: 2, 1, 1, 1>} : (tensor<1x1x8x16xf32>) -> tensor<2x1x8x16xf32>
  // CHECK-NEXT: %[[V:.*]] = ttnn.repeat %arg2 {repeat_dims = array<i64: 2, 1, 1, 1>} : (tensor<1x1x8x16xf32>) -> tensor<2x1x8x16xf32>
  // CHECK-NEXT: %[[ZERO:.*]] = ttnn.full %[[DEV]]
  // CHECK-NEXT: %[[NINF:.*]] = ttnn.full %[[DEV]]
  // CHECK-NEXT: %[[MASK:.*]] = ttnn.where %arg3, %[[ZERO]], %[[NINF]] : (tensor<2x1x8x8xi1>, tensor<f32>, tensor<f32>) -> tensor<2x1x8x8xf32>
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %arg0, %[[K]], %[[V]] mask %[[MASK]] : (tensor<2x4x8x16xf32>, tensor<2x1x8x16xf32>, tensor<2x1x8x16xf32>, tensor<2x1x8x8xf32>) -> tensor<2x4x8x16xf32>
  // CHECK-NEXT: return %[[A]]
  %0 = ttir.scaled_dot_product_attention %q, %k, %v mask %m : (tensor<2x4x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<2x1x8x8xi1>) -> tensor<2x4x8x16xf32>
  return %0 : tensor<2x4x8x16xf32>
}

// CHECK-LABEL: func.func @rank3_kv_broadcast(
func.func @rank3_kv_broadcast(%q: tensor<2x8x16xf32>, %k: tensor<1x8x16xf32>, %v: tensor<1x8x16xf32>) -> tensor<2x8x16xf32> {
  // With leading 1s the rank-3 batch becomes the heads: 2 query heads share 1 key head, and
  // the 4-D batches (1) agree, so nothing is repeated.
  // CHECK-NEXT: %[[Q:.*]] = ttnn.reshape %arg0 {shape = array<i64: 1, 2, 8, 16>}
  // CHECK-NEXT: %[[K:.*]] = ttnn.reshape %arg1 {shape = array<i64: 1, 1, 8, 16>}
  // CHECK-NEXT: %[[V:.*]] = ttnn.reshape %arg2 {shape = array<i64: 1, 1, 8, 16>}
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %[[Q]], %[[K]], %[[V]] : (tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>) -> tensor<1x2x8x16xf32>
  // CHECK-NEXT: ttnn.reshape %[[A]] {shape = array<i64: 2, 8, 16>}
  %0 = ttir.scaled_dot_product_attention %q, %k, %v : (tensor<2x8x16xf32>, tensor<1x8x16xf32>, tensor<1x8x16xf32>) -> tensor<2x8x16xf32>
  return %0 : tensor<2x8x16xf32>
}
