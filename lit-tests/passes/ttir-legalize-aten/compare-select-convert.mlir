// Comparisons and logical ops produce i1; bitwise ops on i1 are the logical connectives;
// where, masked_fill and clamp select elementwise; dtype conversions are typecasts.
// RUN: ttc-opt %s --ttir-legalize-aten -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttir-legalize-aten | FileCheck %s

// CHECK-LABEL: func.func @compare
func.func @compare(%a: tensor<1x4xf32>, %b: tensor<3x1xf32>, %i: tensor<4xi64>) -> tensor<3x4xi1> {
  // CHECK: ttir.eq %arg0, %arg1 : (tensor<1x4xf32>, tensor<3x1xf32>) -> tensor<3x4xi1>
  %0 = "aten.eq.Tensor"(%a, %b) : (tensor<1x4xf32>, tensor<3x1xf32>) -> tensor<3x4xi1>
  // CHECK: ttir.ne %arg0, %arg1
  %1 = "aten.ne.Tensor"(%a, %b) : (tensor<1x4xf32>, tensor<3x1xf32>) -> tensor<3x4xi1>
  // CHECK: ttir.gt %arg0, %arg1
  %2 = "aten.gt.Tensor"(%a, %b) : (tensor<1x4xf32>, tensor<3x1xf32>) -> tensor<3x4xi1>
  // CHECK: ttir.ge %arg0, %arg1
  %3 = "aten.ge.Tensor"(%a, %b) : (tensor<1x4xf32>, tensor<3x1xf32>) -> tensor<3x4xi1>
  // CHECK: ttir.lt %arg0, %arg1
  %4 = "aten.lt.Tensor"(%a, %b) : (tensor<1x4xf32>, tensor<3x1xf32>) -> tensor<3x4xi1>
  // CHECK: ttir.le %arg0, %arg1
  %5 = "aten.le.Tensor"(%a, %b) : (tensor<1x4xf32>, tensor<3x1xf32>) -> tensor<3x4xi1>
  // Scalar comparisons compare with a 0-d constant of the tensor's type.
  // CHECK: %[[Z:.*]] = ttir.full {fill_value = 0 : i64} : tensor<i64>
  // CHECK: ttir.ge %arg2, %[[Z]] : (tensor<4xi64>, tensor<i64>) -> tensor<4xi1>
  %6 = "aten.ge.Scalar"(%i) {other = 0 : i64} : (tensor<4xi64>) -> tensor<4xi1>
  // CHECK: ttir.eq %arg2
  %7 = "aten.eq.Scalar"(%i) {other = 1 : i64} : (tensor<4xi64>) -> tensor<4xi1>
  // CHECK: ttir.ne %arg2
  %8 = "aten.ne.Scalar"(%i) {other = 1 : i64} : (tensor<4xi64>) -> tensor<4xi1>
  // CHECK: ttir.gt %arg2
  %9 = "aten.gt.Scalar"(%i) {other = 1 : i64} : (tensor<4xi64>) -> tensor<4xi1>
  // CHECK: ttir.lt %arg2
  %10 = "aten.lt.Scalar"(%i) {other = 1 : i64} : (tensor<4xi64>) -> tensor<4xi1>
  // CHECK: ttir.le %arg2
  %11 = "aten.le.Scalar"(%i) {other = 1 : i64} : (tensor<4xi64>) -> tensor<4xi1>
  // Mixed types compare in the promoted type.
  // CHECK: %[[F:.*]] = ttir.typecast %arg2 : (tensor<4xi64>) -> tensor<4xf32>
  // CHECK: ttir.lt %arg0, %[[F]] : (tensor<1x4xf32>, tensor<4xf32>) -> tensor<1x4xi1>
  %12 = "aten.lt.Tensor"(%a, %i) : (tensor<1x4xf32>, tensor<4xi64>) -> tensor<1x4xi1>
  return %0 : tensor<3x4xi1>
}

// CHECK-LABEL: func.func @logical
func.func @logical(%p: tensor<4xi1>, %q: tensor<4xi1>, %m: tensor<4xi32>, %n: tensor<4xi32>) -> tensor<4xi1> {
  // CHECK: ttir.logical_and %arg0, %arg1
  %0 = "aten.logical_and.default"(%p, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: ttir.logical_or %arg0, %arg1
  %1 = "aten.logical_or.default"(%p, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: ttir.logical_xor %arg0, %arg1
  %2 = "aten.logical_xor.default"(%p, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // On bools the bitwise ops are the logical ones.
  // CHECK: ttir.logical_and %arg0, %arg1
  %3 = "aten.bitwise_and.Tensor"(%p, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: ttir.logical_and %arg0, %arg1
  %4 = "aten.__and__.Tensor"(%p, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: ttir.logical_or %arg0, %arg1
  %5 = "aten.bitwise_or.Tensor"(%p, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: ttir.logical_xor %arg0, %arg1
  %6 = "aten.bitwise_xor.Tensor"(%p, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // On integers they stay bitwise.
  // CHECK: ttir.bitwise_and %arg2, %arg3 : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %7 = "aten.bitwise_and.Tensor"(%m, %n) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  // CHECK: ttir.bitwise_or %arg2, %{{.*}} : (tensor<4xi32>, tensor<i32>)
  %8 = "aten.bitwise_or.Scalar"(%m) {other = 6 : i64} : (tensor<4xi32>) -> tensor<4xi32>
  // CHECK: ttir.bitwise_xor %arg2, %{{.*}} : (tensor<4xi32>, tensor<i32>)
  %9 = "aten.bitwise_xor.Scalar"(%m) {other = 6 : i64} : (tensor<4xi32>) -> tensor<4xi32>
  // CHECK: ttir.bitwise_and %arg2, %{{.*}} : (tensor<4xi32>, tensor<i32>)
  %10 = "aten.bitwise_and.Scalar"(%m) {other = 6 : i64} : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi1>
}

// CHECK-LABEL: func.func @select
func.func @select(%c: tensor<1x1x4x4xi1>, %x: tensor<f32>, %y: tensor<f32>, %a: tensor<4x4xf32>, %n: tensor<4xi64>) -> tensor<1x1x4x4xf32> {
  // The causal-mask pattern of HF models: where(mask, 0.0, -inf) on 0-d tensors.
  // CHECK: ttir.where %arg0, %arg1, %arg2 : (tensor<1x1x4x4xi1>, tensor<f32>, tensor<f32>) -> tensor<1x1x4x4xf32>
  %0 = "aten.where.self"(%c, %x, %y) : (tensor<1x1x4x4xi1>, tensor<f32>, tensor<f32>) -> tensor<1x1x4x4xf32>
  // CHECK: %[[O:.*]] = ttir.full {fill_value = 0.000000e+00 : f64} : tensor<f32>
  // CHECK: ttir.where %arg0, %arg3, %[[O]]
  %1 = "aten.where.ScalarOther"(%c, %a) {other = 0.000000e+00 : f64} : (tensor<1x1x4x4xi1>, tensor<4x4xf32>) -> tensor<1x1x4x4xf32>
  // CHECK: ttir.where %arg0, %{{.*}}, %arg3
  %2 = "aten.where.ScalarSelf"(%c, %a) {self = 1.000000e+00 : f64} : (tensor<1x1x4x4xi1>, tensor<4x4xf32>) -> tensor<1x1x4x4xf32>
  // CHECK: ttir.where %arg0, %{{.*}}, %{{.*}} : (tensor<1x1x4x4xi1>, tensor<f32>, tensor<f32>)
  %3 = "aten.where.Scalar"(%c) {self = 1.000000e+00 : f64, other = 0.000000e+00 : f64} : (tensor<1x1x4x4xi1>) -> tensor<1x1x4x4xf32>
  // A non-bool condition is compared with zero first.
  // CHECK: %[[NZ:.*]] = ttir.ne %arg4
  // CHECK: ttir.where %[[NZ]], %arg1, %arg2
  %4 = "aten.where.self"(%n, %x, %y) : (tensor<4xi64>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  // masked_fill(x, mask, value) is where(mask, value, x).
  // CHECK: %[[V:.*]] = ttir.full {fill_value = 0xFFF0000000000000 : f64} : tensor<f32>
  // CHECK: ttir.where %arg0, %[[V]], %arg3
  %5 = "aten.masked_fill.Scalar"(%a, %c) {value = 0xFFF0000000000000 : f64} : (tensor<4x4xf32>, tensor<1x1x4x4xi1>) -> tensor<1x1x4x4xf32>
  // CHECK: ttir.where %arg0, %arg1, %arg3
  %6 = "aten.masked_fill.Tensor"(%a, %c, %x) : (tensor<4x4xf32>, tensor<1x1x4x4xi1>, tensor<f32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// CHECK-LABEL: func.func @clamp
func.func @clamp(%x: tensor<4xf32>, %lo: tensor<4xf32>, %hi: tensor<1xf32>) -> tensor<4xf32> {
  // CHECK: ttir.clamp %arg0 {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64}
  %0 = "aten.clamp.default"(%x) {min = 0 : i64, max = 6 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  // A missing bound does not limit.
  // CHECK: ttir.clamp %arg0 {min = -1.000000e+00 : f64}
  %1 = "aten.clamp.default"(%x) {min = -1.000000e+00 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.clamp %arg0 {min = 1.000000e+00 : f64}
  %2 = "aten.clamp_min.default"(%x) {min = 1 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.clamp %arg0 {max = 1.000000e+00 : f64}
  %3 = "aten.clamp_max.default"(%x) {max = 1 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  // Tensor bounds: maximum with min, then minimum with max.
  // CHECK: %[[L:.*]] = ttir.maximum %arg0, %arg1
  // CHECK: ttir.minimum %[[L]], %arg2
  %4 = "aten.clamp.Tensor"(%x, %lo, %hi) : (tensor<4xf32>, tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @convert
func.func @convert(%x: tensor<1x32xi64>, %f: tensor<4xf32>) -> tensor<1x32xi1> {
  // CHECK: ttir.typecast %arg0 : (tensor<1x32xi64>) -> tensor<1x32xi1>
  %0 = "aten._to_copy.default"(%x) {dtype = i1, device = "cpu"} : (tensor<1x32xi64>) -> tensor<1x32xi1>
  // CHECK: ttir.typecast %arg1 : (tensor<4xf32>) -> tensor<4xbf16>
  %1 = "aten.to.dtype"(%f) {dtype = bf16} : (tensor<4xf32>) -> tensor<4xbf16>
  // A copy to the same type disappears.
  // CHECK-NOT: ttir.typecast %arg1 : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "aten._to_copy.default"(%f) {dtype = f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<1x32xi1>
}
