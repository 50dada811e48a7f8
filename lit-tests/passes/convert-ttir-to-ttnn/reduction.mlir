// Reductions: sum, mean, max, min, argmax and cumsum are renames; the library's prod takes one
// dimension (or all), so a prod over several dimensions is one ttnn.prod per dimension, highest
// first so the remaining indices stay valid; reduce_and / reduce_or are min / max of the 0 / 1
// view, a non-i1 input first compared `ne` against a `full` zero. An empty `dim_arg` reduces
// nothing: no reduction op is made and the result is the input (for reduce_and / reduce_or,
// its 0 / 1 view).
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s --check-prefix=NOTTIR
// RUN: ttc-opt %s --convert-ttir-to-ttnn -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2

// NOTTIR-NOT: ttir.

// CHECK-LABEL: func.func @renames(%arg0: tensor<2x8xf32>)
func.func @renames(%x: tensor<2x8xf32>) -> (tensor<2xf32>, tensor<2x1xf32>, tensor<f32>, tensor<8xf32>, tensor<2xsi32>, tensor<2x8xf32>) {
  // CHECK-NEXT: %[[S:.*]] = ttnn.sum %arg0 {dim_arg = array<i64: 1>} : (tensor<2x8xf32>) -> tensor<2xf32>
  %0 = ttir.sum %x {dim_arg = array<i64: 1>} : (tensor<2x8xf32>) -> tensor<2xf32>
  // CHECK-NEXT: %[[M:.*]] = ttnn.mean %arg0 {dim_arg = array<i64: -1>, keep_dim = true} : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %1 = ttir.mean %x {dim_arg = array<i64: -1>, keep_dim = true} : (tensor<2x8xf32>) -> tensor<2x1xf32>
  // CHECK-NEXT: %[[MX:.*]] = ttnn.max %arg0 : (tensor<2x8xf32>) -> tensor<f32>
  %2 = ttir.max %x : (tensor<2x8xf32>) -> tensor<f32>
  // CHECK-NEXT: %[[MN:.*]] = ttnn.min %arg0 {dim_arg = array<i64: 0>} : (tensor<2x8xf32>) -> tensor<8xf32>
  %3 = ttir.min %x {dim_arg = array<i64: 0>} : (tensor<2x8xf32>) -> tensor<8xf32>
  // CHECK-NEXT: %[[AM:.*]] = ttnn.argmax %arg0 {dim = 1 : i64} : (tensor<2x8xf32>) -> tensor<2xsi32>
  %4 = ttir.argmax %x {dim = 1 : i64} : (tensor<2x8xf32>) -> tensor<2xsi32>
  // CHECK-NEXT: %[[CS:.*]] = ttnn.cumsum %arg0 {dim = 1 : i64} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %5 = ttir.cumsum %x {dim = 1 : i64} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK-NEXT: return %[[S]], %[[M]], %[[MX]], %[[MN]], %[[AM]], %[[CS]]
  return %0, %1, %2, %3, %4, %5 : tensor<2xf32>, tensor<2x1xf32>, tensor<f32>, tensor<8xf32>, tensor<2xsi32>, tensor<2x8xf32>
}

// CHECK-LABEL: func.func @prod_dims(%arg0: tensor<2x3x4xf32>)
func.func @prod_dims(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  // Dimension 2 first, then 0 (its index is unchanged by removing dimension 2).
  // CHECK-NEXT: %[[P2:.*]] = ttnn.prod %arg0 {dim = 2 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  // CHECK-NEXT: %[[P0:.*]] = ttnn.prod %[[P2]] {dim = 0 : i64} : (tensor<2x3xf32>) -> tensor<3xf32>
  // CHECK-NEXT: return %[[P0]] : tensor<3xf32>
  %0 = ttir.prod %x {dim_arg = array<i64: 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// CHECK-LABEL: func.func @prod_dims_keep(%arg0: tensor<2x3x4xf32>)
func.func @prod_dims_keep(%x: tensor<2x3x4xf32>) -> tensor<1x3x1xf32> {
  // Unsorted and negative dimensions are normalised and sorted; kept dimensions stay size 1.
  // CHECK-NEXT: %[[P2:.*]] = ttnn.prod %arg0 {dim = 2 : i64, keep_dim = true} : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  // CHECK-NEXT: %[[P0:.*]] = ttnn.prod %[[P2]] {dim = 0 : i64, keep_dim = true} : (tensor<2x3x1xf32>) -> tensor<1x3x1xf32>
  // CHECK-NEXT: return %[[P0]] : tensor<1x3x1xf32>
  %0 = ttir.prod %x {dim_arg = array<i64: -1, 0>, keep_dim = true} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// CHECK-LABEL: func.func @prod_one_or_all(%arg0: tensor<2x3x4xf32>)
func.func @prod_one_or_all(%x: tensor<2x3x4xf32>) -> (tensor<2x3xf32>, tensor<f32>, tensor<f32>) {
  // One dimension: one prod.
  // CHECK-NEXT: %[[ONE:.*]] = ttnn.prod %arg0 {dim = 2 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  %0 = ttir.prod %x {dim_arg = array<i64: -1>} : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  // Every dimension without keep_dim, named or not: one prod without `dim`.
  // CHECK-NEXT: %[[ALL:.*]] = ttnn.prod %arg0 : (tensor<2x3x4xf32>) -> tensor<f32>
  %1 = ttir.prod %x : (tensor<2x3x4xf32>) -> tensor<f32>
  // CHECK-NEXT: %[[ALL2:.*]] = ttnn.prod %arg0 : (tensor<2x3x4xf32>) -> tensor<f32>
  %2 = ttir.prod %x {dim_arg = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<f32>
  // CHECK-NEXT: return %[[ONE]], %[[ALL]], %[[ALL2]]
  return %0, %1, %2 : tensor<2x3xf32>, tensor<f32>, tensor<f32>
}

// CHECK-LABEL: func.func @prod_all_keep(%arg0: tensor<2x3x4xf32>)
func.func @prod_all_keep(%x: tensor<2x3x4xf32>) -> tensor<1x1x1xf32> {
  // Every dimension with keep_dim: one prod per dimension.
  // CHECK-NEXT: %[[A:.*]] = ttnn.prod %arg0 {dim = 2 : i64, keep_dim = true} : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  // CHECK-NEXT: %[[B:.*]] = ttnn.prod %[[A]] {dim = 1 : i64, keep_dim = true} : (tensor<2x3x1xf32>) -> tensor<2x1x1xf32>
  // CHECK-NEXT: %[[C:.*]] = ttnn.prod %[[B]] {dim = 0 : i64, keep_dim = true} : (tensor<2x1x1xf32>) -> tensor<1x1x1xf32>
  // CHECK-NEXT: return %[[C]]
  %0 = ttir.prod %x {keep_dim = true} : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// CHECK-LABEL: func.func @reduce_bool_i1(%arg0: tensor<2x8xi1>)
func.func @reduce_bool_i1(%b: tensor<2x8xi1>) -> (tensor<2xi1>, tensor<2x1xi1>) {
  // An i1 input is reduced as it is: no device, no comparison.
  // CHECK-NOT: ttnn.get_device
  // CHECK-NOT: ttnn.ne
  // CHECK: %[[ALL:.*]] = ttnn.min %arg0 {dim_arg = array<i64: 1>} : (tensor<2x8xi1>) -> tensor<2xi1>
  %0 = ttir.reduce_and %b {dim_arg = array<i64: 1>} : (tensor<2x8xi1>) -> tensor<2xi1>
  // CHECK-NEXT: %[[ANY:.*]] = ttnn.max %arg0 {dim_arg = array<i64: -1>, keep_dim = true} : (tensor<2x8xi1>) -> tensor<2x1xi1>
  %1 = ttir.reduce_or %b {dim_arg = array<i64: -1>, keep_dim = true} : (tensor<2x8xi1>) -> tensor<2x1xi1>
  // CHECK-NEXT: return %[[ALL]], %[[ANY]]
  return %0, %1 : tensor<2xi1>, tensor<2x1xi1>
}

// CHECK-LABEL: func.func @reduce_bool_float(%arg0: tensor<2x8xf32>)
func.func @reduce_bool_float(%f: tensor<2x8xf32>) -> (tensor<2xi1>, tensor<i1>) {
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[Z:.*]] = ttnn.full %[[DEV]] {fill_value = 0.000000e+00 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<f32>
  // CHECK-NEXT: %[[NZ:.*]] = ttnn.ne %arg0, %[[Z]] : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xi1>
  // CHECK-NEXT: %[[ANY:.*]] = ttnn.max %[[NZ]] {dim_arg = array<i64: 1>} : (tensor<2x8xi1>) -> tensor<2xi1>
  %0 = ttir.reduce_or %f {dim_arg = array<i64: 1>} : (tensor<2x8xf32>) -> tensor<2xi1>
  // Without dim_arg every dimension is reduced.
  // CHECK-NEXT: %[[Z2:.*]] = ttnn.full %[[DEV]] {fill_value = 0.000000e+00 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<f32>
  // CHECK-NEXT: %[[NZ2:.*]] = ttnn.ne %arg0, %[[Z2]] : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xi1>
  // CHECK-NEXT: %[[ALL:.*]] = ttnn.min %[[NZ2]] : (tensor<2x8xi1>) -> tensor<i1>
  %1 = ttir.reduce_and %f : (tensor<2x8xf32>) -> tensor<i1>
  // CHECK-NEXT: return %[[ANY]], %[[ALL]]
  return %0, %1 : tensor<2xi1>, tensor<i1>
}

// CHECK-LABEL: func.func @reduce_bool_int(%arg0: tensor<4xsi32>)
func.func @reduce_bool_int(%i: tensor<4xsi32>) -> tensor<i1> {
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[Z:.*]] = ttnn.full %[[DEV]] {fill_value = 0 : i32, shape = array<i64>} : (!ttnn.device) -> tensor<si32>
  // CHECK-NEXT: %[[NZ:.*]] = ttnn.ne %arg0, %[[Z]] : (tensor<4xsi32>, tensor<si32>) -> tensor<4xi1>
  // CHECK-NEXT: %[[ALL:.*]] = ttnn.min %[[NZ]] {dim_arg = array<i64: 0>} : (tensor<4xi1>) -> tensor<i1>
  // CHECK-NEXT: return %[[ALL]]
  %0 = ttir.reduce_and %i {dim_arg = array<i64: 0>} : (tensor<4xsi32>) -> tensor<i1>
  return %0 : tensor<i1>
}

// An empty dim_arg names no dimension: nothing is reduced and no reduction op is made, with
// or without keep_dim. (Without dim_arg every dimension is reduced, as above.)
// CHECK-LABEL: func.func @reduce_no_dims(%arg0: tensor<2x8xf32>)
func.func @reduce_no_dims(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>) {
  // CHECK-NEXT: return %arg0, %arg0, %arg0, %arg0, %arg0, %arg0 : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
  %0 = ttir.sum %x {dim_arg = array<i64>} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = ttir.mean %x {dim_arg = array<i64>} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %2 = ttir.max %x {dim_arg = array<i64>} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %3 = ttir.min %x {dim_arg = array<i64>} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %4 = ttir.prod %x {dim_arg = array<i64>} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %5 = ttir.sum %x {dim_arg = array<i64>, keep_dim = true} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}

// CHECK-LABEL: func.func @reduce_no_dims_used(%arg0: tensor<2x8xf32>)
func.func @reduce_no_dims_used(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  // Users of the non-reduction read the input directly.
  // CHECK-NEXT: %[[E:.*]] = ttnn.exp %arg0 : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK-NEXT: return %[[E]]
  %0 = ttir.mean %x {dim_arg = array<i64>} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = ttir.exp %0 : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %1 : tensor<2x8xf32>
}

// CHECK-LABEL: func.func @reduce_bool_no_dims(%arg0: tensor<2x8xf32>, %arg1: tensor<2x8xi1>)
func.func @reduce_bool_no_dims(%f: tensor<2x8xf32>, %b: tensor<2x8xi1>) -> (tensor<2x8xi1>, tensor<2x8xi1>, tensor<2x8xi1>, tensor<2x8xi1>) {
  // A float input is only compared against zero (no min / max); an i1 input is the result.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[Z:.*]] = ttnn.full %[[DEV]] {fill_value = 0.000000e+00 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<f32>
  // CHECK-NEXT: %[[ALL:.*]] = ttnn.ne %arg0, %[[Z]] : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xi1>
  // CHECK-NEXT: %[[Z2:.*]] = ttnn.full %[[DEV]] {fill_value = 0.000000e+00 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<f32>
  // CHECK-NEXT: %[[ANY:.*]] = ttnn.ne %arg0, %[[Z2]] : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xi1>
  // CHECK-NEXT: return %[[ALL]], %[[ANY]], %arg1, %arg1 :
  %0 = ttir.reduce_and %f {dim_arg = array<i64>} : (tensor<2x8xf32>) -> tensor<2x8xi1>
  %1 = ttir.reduce_or %f {dim_arg = array<i64>} : (tensor<2x8xf32>) -> tensor<2x8xi1>
  %2 = ttir.reduce_and %b {dim_arg = array<i64>} : (tensor<2x8xi1>) -> tensor<2x8xi1>
  %3 = ttir.reduce_or %b {dim_arg = array<i64>, keep_dim = true} : (tensor<2x8xi1>) -> tensor<2x8xi1>
  return %0, %1, %2, %3 : tensor<2x8xi1>, tensor<2x8xi1>, tensor<2x8xi1>, tensor<2x8xi1>
}
