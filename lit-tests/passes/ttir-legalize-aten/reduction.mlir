// Reductions: negative dimensions are normalised, keepdim kept, absent or empty dimension
// lists reduce everything, bools are counted in the result type.
// RUN: ttc-opt %s --ttir-legalize-aten -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttir-legalize-aten | FileCheck %s

// CHECK-LABEL: func.func @sums
func.func @sums(%x: tensor<2x3x4xf32>, %b: tensor<2x3xi1>) -> tensor<2x3x1xf32> {
  // CHECK: ttir.sum %arg0 {dim_arg = array<i64: 2>, keep_dim = true} : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  %0 = "aten.sum.dim_IntList"(%x) {dim = array<i64: -1>, keepdim = true} : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  // CHECK: ttir.sum %arg0 {dim_arg = array<i64: 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  %1 = "aten.sum.dim_IntList"(%x) {dim = array<i64: 2, 0>} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  // CHECK: ttir.sum %arg0 {dim_arg = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<f32>
  %2 = "aten.sum.default"(%x) : (tensor<2x3x4xf32>) -> tensor<f32>
  // Summing bools counts them in i64.
  // CHECK: %[[I:.*]] = ttir.typecast %arg1 : (tensor<2x3xi1>) -> tensor<2x3xi64>
  // CHECK: ttir.sum %[[I]] {dim_arg = array<i64: 0, 1>} : (tensor<2x3xi64>) -> tensor<i64>
  %3 = "aten.sum.default"(%b) : (tensor<2x3xi1>) -> tensor<i64>
  // CHECK: ttir.mean %arg0 {dim_arg = array<i64: 1, 2>, keep_dim = true} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  %4 = "aten.mean.dim"(%x) {dim = array<i64: -1, -2>, keepdim = true} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  // CHECK: ttir.mean %arg0 {dim_arg = array<i64: 0, 1, 2>}
  %5 = "aten.mean.default"(%x) : (tensor<2x3x4xf32>) -> tensor<f32>
  // CHECK: ttir.prod %arg0 {dim_arg = array<i64: 0, 1, 2>}
  %6 = "aten.prod.default"(%x) : (tensor<2x3x4xf32>) -> tensor<f32>
  // CHECK: ttir.prod %arg0 {dim_arg = array<i64: 1>} : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  %7 = "aten.prod.dim_int"(%x) {dim = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x3x1xf32>
}

// CHECK-LABEL: func.func @extremes
func.func @extremes(%x: tensor<2x3x4xf32>) -> (tensor<2x1x4xf32>, tensor<2x1x4xi64>, tensor<2x3xf32>, tensor<2x3xi64>) {
  // CHECK: ttir.max %arg0 {dim_arg = array<i64: 2>} : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  %0 = "aten.amax.default"(%x) {dim = array<i64: -1>} : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  // An empty list reduces every dimension.
  // CHECK: ttir.min %arg0 {dim_arg = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<f32>
  %1 = "aten.amin.default"(%x) {dim = array<i64>} : (tensor<2x3x4xf32>) -> tensor<f32>
  // CHECK: ttir.max %arg0 {dim_arg = array<i64: 0, 1, 2>}
  %2 = "aten.max.default"(%x) : (tensor<2x3x4xf32>) -> tensor<f32>
  // CHECK: ttir.min %arg0 {dim_arg = array<i64: 0, 1, 2>}
  %3 = "aten.min.default"(%x) : (tensor<2x3x4xf32>) -> tensor<f32>
  // max.dim returns the values and the indices.
  // CHECK: ttir.max %arg0 {dim_arg = array<i64: 1>, keep_dim = true} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  // CHECK: ttir.argmax %arg0 {dim = 1 : i64, keep_dim = true} : (tensor<2x3x4xf32>) -> tensor<2x1x4xi64>
  %4:2 = "aten.max.dim"(%x) {dim = 1 : i64, keepdim = true} : (tensor<2x3x4xf32>) -> (tensor<2x1x4xf32>, tensor<2x1x4xi64>)
  // min.dim's indices are the argmax of the negation (first minimum wins).
  // CHECK: ttir.min %arg0 {dim_arg = array<i64: 2>}
  // CHECK: %[[N:.*]] = ttir.neg %arg0
  // CHECK: ttir.argmax %[[N]] {dim = 2 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3xi64>
  %5:2 = "aten.min.dim"(%x) {dim = -1 : i64} : (tensor<2x3x4xf32>) -> (tensor<2x3xf32>, tensor<2x3xi64>)
  // CHECK: ttir.argmax %arg0 {dim = 2 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3xi64>
  %6 = "aten.argmax.default"(%x) {dim = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3xi64>
  // Without a dimension argmax looks at the flattened tensor.
  // CHECK: ttir.argmax %arg0 : (tensor<2x3x4xf32>) -> tensor<i64>
  %7 = "aten.argmax.default"(%x) : (tensor<2x3x4xf32>) -> tensor<i64>
  // CHECK: %[[N2:.*]] = ttir.neg %arg0
  // CHECK: ttir.argmax %[[N2]] {dim = 0 : i64, keep_dim = true}
  %8 = "aten.argmin.default"(%x) {dim = 0 : i64, keepdim = true} : (tensor<2x3x4xf32>) -> tensor<1x3x4xi64>
  // Unread results of max.dim / min.dim are not computed.
  // CHECK-NOT: ttir.argmax {{.*}} -> tensor<2x1x4xi64>
  %9:2 = "aten.max.dim"(%x) {dim = 1 : i64, keepdim = true} : (tensor<2x3x4xf32>) -> (tensor<2x1x4xf32>, tensor<2x1x4xi64>)
  return %4#0, %4#1, %5#0, %5#1 : tensor<2x1x4xf32>, tensor<2x1x4xi64>, tensor<2x3xf32>, tensor<2x3xi64>
}

// CHECK-LABEL: func.func @boolean
func.func @boolean(%b: tensor<2x3xi1>) -> tensor<i1> {
  // CHECK: ttir.reduce_or %arg0 {dim_arg = array<i64: 0, 1>} : (tensor<2x3xi1>) -> tensor<i1>
  %0 = "aten.any.default"(%b) : (tensor<2x3xi1>) -> tensor<i1>
  // CHECK: ttir.reduce_or %arg0 {dim_arg = array<i64: 1>} : (tensor<2x3xi1>) -> tensor<2xi1>
  %1 = "aten.any.dim"(%b) {dim = 1 : i64} : (tensor<2x3xi1>) -> tensor<2xi1>
  // CHECK: ttir.reduce_or %arg0 {dim_arg = array<i64: 0, 1>, keep_dim = true} : (tensor<2x3xi1>) -> tensor<1x1xi1>
  %2 = "aten.any.dims"(%b) {dim = array<i64: 0, 1>, keepdim = true} : (tensor<2x3xi1>) -> tensor<1x1xi1>
  // CHECK: ttir.reduce_and %arg0 {dim_arg = array<i64: 0, 1>}
  %3 = "aten.all.default"(%b) : (tensor<2x3xi1>) -> tensor<i1>
  // CHECK: ttir.reduce_and %arg0 {dim_arg = array<i64: 0>} : (tensor<2x3xi1>) -> tensor<3xi1>
  %4 = "aten.all.dim"(%b) {dim = 0 : i64} : (tensor<2x3xi1>) -> tensor<3xi1>
  // CHECK: ttir.reduce_and %arg0 {dim_arg = array<i64: 1>}
  %5 = "aten.all.dims"(%b) {dim = array<i64: -1>} : (tensor<2x3xi1>) -> tensor<2xi1>
  return %0 : tensor<i1>
}

// CHECK-LABEL: func.func @scans_and_statistics
func.func @scans_and_statistics(%m: tensor<1x32xi1>, %x: tensor<4x8xf32>) -> tensor<1x32xi64> {
  // cumsum of a bool mask counts in i64 (HF position ids).
  // CHECK: %[[I:.*]] = ttir.typecast %arg0 : (tensor<1x32xi1>) -> tensor<1x32xi64>
  // CHECK: ttir.cumsum %[[I]] {dim = 1 : i64} : (tensor<1x32xi64>) -> tensor<1x32xi64>
  %0 = "aten.cumsum.default"(%m) {dim = -1 : i64} : (tensor<1x32xi1>) -> tensor<1x32xi64>
  // var with the default (Bessel) correction divides by N - 1 = 7.
  // CHECK: %[[MEAN:.*]] = ttir.mean %arg1 {dim_arg = array<i64: 1>, keep_dim = true}
  // CHECK: %[[C:.*]] = ttir.subtract %arg1, %[[MEAN]]
  // CHECK: %[[SQ:.*]] = ttir.multiply %[[C]], %[[C]]
  // CHECK: %[[SUM:.*]] = ttir.sum %[[SQ]] {dim_arg = array<i64: 1>}
  // CHECK: %[[N:.*]] = ttir.full {fill_value = 7.000000e+00 : f64}
  // CHECK: ttir.div %[[SUM]], %[[N]]
  %1 = "aten.var.correction"(%x) {dim = array<i64: 1>} : (tensor<4x8xf32>) -> tensor<4xf32>
  // var.dim with unbiased = false divides by N.
  // CHECK: ttir.full {fill_value = 8.000000e+00 : f64}
  %2 = "aten.var.dim"(%x) {dim = array<i64: 1>, unbiased = false} : (tensor<4x8xf32>) -> tensor<4xf32>
  // std is the square root of var.
  // CHECK: ttir.full {fill_value = 3.100000e+01 : f64}
  // CHECK: %[[V:.*]] = ttir.div
  // CHECK: ttir.sqrt %[[V]]
  %3 = "aten.std.correction"(%x) : (tensor<4x8xf32>) -> tensor<f32>
  // logsumexp subtracts the maximum first.
  // CHECK: %[[MAX:.*]] = ttir.max %arg1 {dim_arg = array<i64: 1>, keep_dim = true}
  // CHECK: %[[SH:.*]] = ttir.subtract %arg1, %[[MAX]]
  // CHECK: %[[E:.*]] = ttir.exp %[[SH]]
  // CHECK: %[[S:.*]] = ttir.sum %[[E]]
  // CHECK: %[[L:.*]] = ttir.log %[[S]]
  // CHECK: %[[LSE:.*]] = ttir.add %[[L]], %[[MAX]]
  // CHECK: ttir.reshape %[[LSE]] : (tensor<4x1xf32>) -> tensor<4xf32>
  %4 = "aten.logsumexp.default"(%x) {dim = array<i64: 1>} : (tensor<4x8xf32>) -> tensor<4xf32>
  return %0 : tensor<1x32xi64>
}
