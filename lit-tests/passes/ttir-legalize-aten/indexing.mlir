// Gathers, embedding lookups, advanced indexing and scatter writes.
// RUN: ttc-opt %s --ttir-legalize-aten="fold-constants=false" -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttir-legalize-aten="fold-constants=false" | FileCheck %s

// CHECK-LABEL: func.func @lookups
func.func @lookups(%table: tensor<1024x128xf32>, %ids: tensor<1x32xi64>, %x: tensor<4x10xf32>, %i: tensor<3xi64>, %g: tensor<4x2xi64>) -> tensor<1x32x128xf32> {
  // aten.embedding(weight, indices) -> ttir.embedding(indices, weight).
  // CHECK: ttir.embedding %arg1, %arg0 : (tensor<1x32xi64>, tensor<1024x128xf32>) -> tensor<1x32x128xf32>
  %0 = "aten.embedding.default"(%table, %ids) {padding_idx = 0 : i64} : (tensor<1024x128xf32>, tensor<1x32xi64>) -> tensor<1x32x128xf32>
  // CHECK: ttir.index_select %arg2, %arg3 {dim = 1 : i64} : (tensor<4x10xf32>, tensor<3xi64>) -> tensor<4x3xf32>
  %1 = "aten.index_select.default"(%x, %i) {dim = -1 : i64} : (tensor<4x10xf32>, tensor<3xi64>) -> tensor<4x3xf32>
  // CHECK: ttir.gather %arg2, %arg4 {dim = 1 : i64} : (tensor<4x10xf32>, tensor<4x2xi64>) -> tensor<4x2xf32>
  %2 = "aten.gather.default"(%x, %g) {dim = 1 : i64} : (tensor<4x10xf32>, tensor<4x2xi64>) -> tensor<4x2xf32>
  return %0 : tensor<1x32x128xf32>
}

// Advanced indexing: the indexed dimensions move to the front and flatten into the rows of a
// table, the index tensors combine into one row index (negatives wrapped), an embedding
// lookup gathers the rows.
// CHECK-LABEL: func.func @advanced
func.func @advanced(%mask: tensor<1x32xi1>, %r: tensor<1x1xi64>, %c: tensor<1x32xi64>, %x: tensor<5x6x7xf32>, %k: tensor<2xi64>) -> tensor<1x32xi1> {
  // x[r, c] on a [1, 32] tensor (the HF padding-mask pattern).
  // CHECK: %[[T:.*]] = ttir.reshape %arg0 : (tensor<1x32xi1>) -> tensor<32x1xi1>
  // CHECK: ttir.multiply {{.*}} : (tensor<1x1xi64>, tensor<i64>) -> tensor<1x1xi64>
  // CHECK: %[[L:.*]] = ttir.add %{{.*}}, %{{.*}} : (tensor<1x1xi64>, tensor<1x32xi64>) -> tensor<1x32xi64>
  // CHECK: %[[E:.*]] = ttir.embedding %[[L]], %[[T]] : (tensor<1x32xi64>, tensor<32x1xi1>) -> tensor<1x32x1xi1>
  // CHECK: ttir.reshape %[[E]] : (tensor<1x32x1xi1>) -> tensor<1x32xi1>
  %0 = "aten.index.Tensor"(%mask, %r, %c) {indices_present = array<i1: true, true>, operandSegmentSizes = array<i32: 1, 2>} : (tensor<1x32xi1>, tensor<1x1xi64>, tensor<1x32xi64>) -> tensor<1x32xi1>
  // x[:, k]: the indexed dimension stays in place.
  // CHECK: %[[P:.*]] = ttir.permute %arg3 {permutation = array<i64: 1, 0, 2>} : (tensor<5x6x7xf32>) -> tensor<6x5x7xf32>
  // CHECK: %[[TB:.*]] = ttir.reshape %[[P]] : (tensor<6x5x7xf32>) -> tensor<6x35xf32>
  // CHECK: ttir.embedding %{{.*}}, %[[TB]] : (tensor<2xi64>, tensor<6x35xf32>) -> tensor<2x35xf32>
  // CHECK: %[[G:.*]] = ttir.reshape %{{.*}} : (tensor<2x35xf32>) -> tensor<2x5x7xf32>
  // CHECK: ttir.permute %[[G]] {permutation = array<i64: 1, 0, 2>} : (tensor<2x5x7xf32>) -> tensor<5x2x7xf32>
  %1 = "aten.index.Tensor"(%x, %k) {indices_present = array<i1: false, true>} : (tensor<5x6x7xf32>, tensor<2xi64>) -> tensor<5x2x7xf32>
  // x[k, :, k]: non-adjacent indices go to the front.
  // CHECK: ttir.permute %arg3 {permutation = array<i64: 0, 2, 1>}
  // CHECK: ttir.embedding {{.*}} -> tensor<2x6xf32>
  %2 = "aten._unsafe_index.Tensor"(%x, %k, %k) {indices_present = array<i1: true, false, true>, operandSegmentSizes = array<i32: 1, 2>} : (tensor<5x6x7xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<2x6xf32>
  return %0 : tensor<1x32xi1>
}

// CHECK-LABEL: func.func @scatters
func.func @scatters(%x: tensor<4x8xf32>, %s: tensor<4x3xf32>, %row: tensor<8xf32>) -> tensor<4x8xf32> {
  // slice_scatter(x, s, dim 1, 2:5) = concat(x[:, :2], s, x[:, 5:]).
  // CHECK: %[[A:.*]] = ttir.slice %arg0 {begins = array<i64: 0, 0>, ends = array<i64: 4, 2>
  // CHECK: %[[B:.*]] = ttir.slice %arg0 {begins = array<i64: 0, 5>, ends = array<i64: 4, 8>
  // CHECK: ttir.concat %[[A]], %arg1, %[[B]] {dim = 1 : i32}
  %0 = "aten.slice_scatter.default"(%x, %s) {dim = 1 : i64, start = 2 : i64, end = 5 : i64} : (tensor<4x8xf32>, tensor<4x3xf32>) -> tensor<4x8xf32>
  // select_scatter writes one row.
  // CHECK: %[[R:.*]] = ttir.reshape %arg2 : (tensor<8xf32>) -> tensor<1x8xf32>
  // CHECK: ttir.concat {{.*}}, %[[R]], {{.*}} {dim = 0 : i32}
  %1 = "aten.select_scatter.default"(%x, %row) {dim = 0 : i64, index = 1 : i64} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
