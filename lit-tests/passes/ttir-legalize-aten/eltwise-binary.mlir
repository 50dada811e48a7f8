// Binary aten ops: NumPy broadcasting, scalar operands as 0-d ttir.full, alpha scaling,
// operands converted to the result's element type, rounding modes decomposed.
// RUN: ttc-opt %s --ttir-legalize-aten -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttir-legalize-aten | FileCheck %s

// CHECK-LABEL: func.func @arithmetic
func.func @arithmetic(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  // CHECK: ttir.add %arg0, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %0 = "aten.add.Tensor"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // alpha scales the second operand.
  // CHECK: %[[TWO:.*]] = ttir.full {fill_value = 2.000000e+00 : f64} : tensor<f32>
  // CHECK: %[[SCALED:.*]] = ttir.multiply %arg1, %[[TWO]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  // CHECK: ttir.add %arg0, %[[SCALED]]
  %1 = "aten.add.Tensor"(%a, %b) {alpha = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // A Python number in a tensor position becomes a 0-d constant.
  // CHECK: %[[HALF:.*]] = ttir.full {fill_value = 5.000000e-01 : f64} : tensor<f32>
  // CHECK: ttir.add %arg0, %[[HALF]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %2 = "aten.add.Tensor"(%a) {other = 5.000000e-01 : f64, operandSegmentSizes = array<i32: 1, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.add %arg0, %{{.*}} : (tensor<2x3xf32>, tensor<f32>)
  %3 = "aten.add.Scalar"(%a) {other = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.subtract %arg0, %arg1
  %4 = "aten.sub.Tensor"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.subtract %arg0, %{{.*}} : (tensor<2x3xf32>, tensor<f32>)
  %5 = "aten.sub.Scalar"(%a) {other = 3 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // rsub: other - self.
  // CHECK: %[[ONE:.*]] = ttir.full {fill_value = 1.000000e+00 : f64} : tensor<f32>
  // CHECK: ttir.subtract %[[ONE]], %arg0 : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %6 = "aten.rsub.Scalar"(%a) {other = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.subtract %arg1, %arg0 : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %7 = "aten.rsub.Tensor"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.multiply %arg0, %arg1
  %8 = "aten.mul.Tensor"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.multiply %arg0, %{{.*}} : (tensor<2x3xf32>, tensor<f32>)
  %9 = "aten.mul.Scalar"(%a) {other = 3 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.div %arg0, %arg1
  %10 = "aten.div.Tensor"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.div %arg0, %{{.*}} : (tensor<2x3xf32>, tensor<f32>)
  %11 = "aten.div.Scalar"(%a) {other = 8 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.maximum %arg0, %arg1
  %12 = "aten.maximum.default"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.minimum %arg0, %arg1
  %13 = "aten.minimum.default"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.remainder %arg0, %arg1
  %14 = "aten.remainder.Tensor"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.remainder %arg0, %{{.*}} : (tensor<2x3xf32>, tensor<f32>)
  %15 = "aten.remainder.Scalar"(%a) {other = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.atan2 %arg0, %arg1
  %16 = "aten.atan2.default"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // fmod truncates the quotient: x - trunc(x / y) * y.
  // CHECK: %[[Q:.*]] = ttir.div %arg0, %arg1
  // CHECK: %[[T:.*]] = ttir.trunc %[[Q]]
  // CHECK: %[[P:.*]] = ttir.multiply %[[T]], %arg1
  // CHECK: ttir.subtract %arg0, %[[P]]
  %17 = "aten.fmod.Tensor"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.trunc
  %18 = "aten.fmod.Scalar"(%a) {other = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %18 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @division_modes
func.func @division_modes(%a: tensor<4xf32>, %b: tensor<4xf32>, %i: tensor<4xi64>, %j: tensor<4xi64>) -> tensor<4xi64> {
  // CHECK: %[[Q:.*]] = ttir.div %arg0, %arg1
  // CHECK: ttir.trunc %[[Q]]
  %0 = "aten.div.Tensor_mode"(%a, %b) {rounding_mode = "trunc"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[Q2:.*]] = ttir.div %arg0, %arg1
  // CHECK: ttir.floor %[[Q2]]
  %1 = "aten.div.Tensor_mode"(%a, %b) {rounding_mode = "floor"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // Without a rounding mode it is true division.
  // CHECK: ttir.div %arg0, %arg1 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK-NOT: ttir.floor
  %2 = "aten.div.Tensor_mode"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.div %arg0, %{{.*}} : (tensor<4xf32>, tensor<f32>)
  // CHECK: ttir.floor
  %3 = "aten.div.Scalar_mode"(%a) {other = 2 : i64, rounding_mode = "floor"} : (tensor<4xf32>) -> tensor<4xf32>
  // Integer floor division computes in f32 and converts back.
  // CHECK: %[[FI:.*]] = ttir.typecast %arg2 : (tensor<4xi64>) -> tensor<4xf32>
  // CHECK: %[[FJ:.*]] = ttir.typecast %arg3 : (tensor<4xi64>) -> tensor<4xf32>
  // CHECK: %[[D:.*]] = ttir.div %[[FI]], %[[FJ]]
  // CHECK: %[[FL:.*]] = ttir.floor %[[D]]
  // CHECK: ttir.typecast %[[FL]] : (tensor<4xf32>) -> tensor<4xi64>
  %4 = "aten.floor_divide.default"(%i, %j) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  return %4 : tensor<4xi64>
}

// CHECK-LABEL: func.func @powers
func.func @powers(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  // Small exponents become cheaper ops.
  // CHECK: ttir.multiply %arg0, %arg0
  %0 = "aten.pow.Tensor_Scalar"(%x) {exponent = 2 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[SQ:.*]] = ttir.multiply %arg0, %arg0
  // CHECK: ttir.multiply %[[SQ]], %arg0
  %1 = "aten.pow.Tensor_Scalar"(%x) {exponent = 3.000000e+00 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.sqrt %arg0
  %2 = "aten.pow.Tensor_Scalar"(%x) {exponent = 5.000000e-01 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.rsqrt %arg0
  %3 = "aten.pow.Tensor_Scalar"(%x) {exponent = -5.000000e-01 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.reciprocal %arg0
  %4 = "aten.pow.Tensor_Scalar"(%x) {exponent = -1 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[E:.*]] = ttir.full {fill_value = 2.500000e+00 : f64} : tensor<f32>
  // CHECK: ttir.pow %arg0, %[[E]]
  %5 = "aten.pow.Tensor_Scalar"(%x) {exponent = 2.500000e+00 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.pow %arg0, %arg1
  %6 = "aten.pow.Tensor_Tensor"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // A scalar base: pow(2, y).
  // CHECK: %[[B:.*]] = ttir.full {fill_value = 2.000000e+00 : f64} : tensor<f32>
  // CHECK: ttir.pow %[[B]], %arg1 : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %7 = "aten.pow.Scalar"(%y) {self = 2 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %7 : tensor<4xf32>
}

// CHECK-LABEL: func.func @promotion
func.func @promotion(%f: tensor<4xf32>, %i: tensor<4xi64>) -> tensor<4xf32> {
  // PyTorch promoted i64 + f32 to f32; the annotation says so and the integer operand is converted.
  // CHECK: %[[C:.*]] = ttir.typecast %arg1 : (tensor<4xi64>) -> tensor<4xf32>
  // CHECK: ttir.add %arg0, %[[C]] : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %0 = "aten.add.Tensor"(%f, %i) : (tensor<4xf32>, tensor<4xi64>) -> tensor<4xf32>
  // Integer arithmetic stays integer; the scalar takes the integer type.
  // CHECK: %[[Z:.*]] = ttir.full {fill_value = 1 : i64} : tensor<i64>
  // CHECK: ttir.add %arg1, %[[Z]] : (tensor<4xi64>, tensor<i64>) -> tensor<4xi64>
  %1 = "aten.add.Tensor"(%i) {other = 1 : i64, operandSegmentSizes = array<i32: 1, 0>} : (tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xf32>
}
