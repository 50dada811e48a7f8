// Ops the conversion cannot handle: the pass fails with a diagnostic at the op's location,
// naming the op and the reason, and reports every such op (not only the first) before it fails.
// RUN: ttc-opt %s --convert-ttir-to-ttnn --split-input-file --verify-diagnostics
// RUN: not ttc-opt %s --convert-ttir-to-ttnn 2>&1 | FileCheck %s
// RUN: not ttc-opt %s --convert-ttir-to-ttnn 2>/dev/null | count 0

// The failing run prints no module (count 0 above), only the diagnostics, each with
// file:line:col, in op order.
// CHECK: invalid.mlir:[[# @LINE + 8]]:8: error: 'ttir.scaled_dot_product_attention' op cannot be converted to ttnn: the library's attention takes [batch, heads, sequence, head_dim]; got rank 5
// CHECK: invalid.mlir:[[# @LINE + 17]]:8: error: 'ttir.typecast' op cannot be converted to ttnn: no TTNN data type holds i64
// CHECK: invalid.mlir:[[# @LINE + 24]]:8: error: 'ttir.typecast' op cannot be converted to ttnn: no TTNN data type holds f64
// CHECK: invalid.mlir:[[# @LINE + 33]]:8: error: 'ttir.scaled_dot_product_attention' op cannot be converted to ttnn: key/value batch 2 does not broadcast to the query batch 1
// CHECK-NOT: error

func.func @attention_rank5(%q: tensor<1x1x2x8x16xf32>, %k: tensor<1x1x2x8x16xf32>, %v: tensor<1x1x2x8x16xf32>) -> tensor<1x1x2x8x16xf32> {
  // expected-error@+1 {{'ttir.scaled_dot_product_attention' op cannot be converted to ttnn: the library's attention takes [batch, heads, sequence, head_dim]; got rank 5}}
  %0 = ttir.scaled_dot_product_attention %q, %k, %v : (tensor<1x1x2x8x16xf32>, tensor<1x1x2x8x16xf32>, tensor<1x1x2x8x16xf32>) -> tensor<1x1x2x8x16xf32>
  return %0 : tensor<1x1x2x8x16xf32>
}

// -----

// Element types not narrowed by ttir-normalize-types have no TTNN data type.
func.func @typecast_i64(%x: tensor<4xf32>) -> tensor<4xi64> {
  %0 = ttir.exp %x : (tensor<4xf32>) -> tensor<4xf32>
  // expected-error@+1 {{'ttir.typecast' op cannot be converted to ttnn: no TTNN data type holds i64}}
  %1 = ttir.typecast %0 : (tensor<4xf32>) -> tensor<4xi64>
  return %1 : tensor<4xi64>
}

// -----

func.func @typecast_f64(%x: tensor<4xf32>) -> tensor<4xf64> {
  // expected-error@+1 {{'ttir.typecast' op cannot be converted to ttnn: no TTNN data type holds f64}}
  %0 = ttir.typecast %x : (tensor<4xf32>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}

// -----

// A key / value of batch 1 is repeated to the query's batch, but the query is not repeated to
// theirs.
func.func @attention_query_batch(%q: tensor<1x2x8x16xf32>, %k: tensor<2x2x8x16xf32>, %v: tensor<2x2x8x16xf32>) -> tensor<2x2x8x16xf32> {
  // expected-error@+1 {{'ttir.scaled_dot_product_attention' op cannot be converted to ttnn: key/value batch 2 does not broadcast to the query batch 1}}
  %0 = ttir.scaled_dot_product_attention %q, %k, %v : (tensor<1x2x8x16xf32>, tensor<2x2x8x16xf32>, tensor<2x2x8x16xf32>) -> tensor<2x2x8x16xf32>
  return %0 : tensor<2x2x8x16xf32>
}
