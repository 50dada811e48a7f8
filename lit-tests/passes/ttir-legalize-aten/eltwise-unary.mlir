// Elementwise unary aten ops become one ttir op each, keeping the type; activations with
// parameters carry them as attributes; ops without a ttir op are decomposed.
// RUN: ttc-opt %s --ttir-legalize-aten -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttir-legalize-aten | FileCheck %s

// CHECK-LABEL: func.func @unary
func.func @unary(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: ttir.abs %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = "aten.abs.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.neg %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "aten.neg.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.exp %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "aten.exp.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.log %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = "aten.log.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.log1p %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = "aten.log1p.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.expm1 %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = "aten.expm1.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.sqrt %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %6 = "aten.sqrt.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.rsqrt %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %7 = "aten.rsqrt.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.reciprocal %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %8 = "aten.reciprocal.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.sigmoid %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %9 = "aten.sigmoid.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.tanh %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %10 = "aten.tanh.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.relu %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %11 = "aten.relu.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.silu %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %12 = "aten.silu.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.sin %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %13 = "aten.sin.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.cos %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %14 = "aten.cos.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.tan %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %15 = "aten.tan.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.asin %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %16 = "aten.asin.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.acos %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %17 = "aten.acos.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.atan %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %18 = "aten.atan.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.sinh %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %19 = "aten.sinh.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.cosh %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %20 = "aten.cosh.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.asinh %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %21 = "aten.asinh.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.acosh %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %22 = "aten.acosh.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.atanh %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %23 = "aten.atanh.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.erf %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %24 = "aten.erf.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.erfc %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %25 = "aten.erfc.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.floor %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %26 = "aten.floor.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.ceil %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %27 = "aten.ceil.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.round %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %28 = "aten.round.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.trunc %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %29 = "aten.trunc.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.sign %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %30 = "aten.sign.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// An integer input to a floating op is converted to the result's type first.
// CHECK-LABEL: func.func @int_to_float
func.func @int_to_float(%x: tensor<4xi64>) -> tensor<4xf32> {
  // CHECK: %[[F:.*]] = ttir.typecast %arg0 : (tensor<4xi64>) -> tensor<4xf32>
  // CHECK: ttir.sigmoid %[[F]] : (tensor<4xf32>) -> tensor<4xf32>
  %0 = "aten.sigmoid.default"(%x) : (tensor<4xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @predicates
func.func @predicates(%x: tensor<4xf32>, %b: tensor<4xi1>, %i: tensor<4xi32>) -> tensor<4xi1> {
  // CHECK: ttir.bitwise_not %arg2 : (tensor<4xi32>) -> tensor<4xi32>
  %0 = "aten.bitwise_not.default"(%i) : (tensor<4xi32>) -> tensor<4xi32>
  // CHECK: ttir.logical_not %arg1 : (tensor<4xi1>) -> tensor<4xi1>
  %1 = "aten.logical_not.default"(%b) : (tensor<4xi1>) -> tensor<4xi1>
  // CHECK: ttir.isnan %arg0 : (tensor<4xf32>) -> tensor<4xi1>
  %2 = "aten.isnan.default"(%x) : (tensor<4xf32>) -> tensor<4xi1>
  // CHECK: ttir.isfinite %arg0 : (tensor<4xf32>) -> tensor<4xi1>
  %3 = "aten.isfinite.default"(%x) : (tensor<4xf32>) -> tensor<4xi1>
  // isinf is |x| == inf.
  // CHECK: %[[ABS:.*]] = ttir.abs %arg0
  // CHECK: %[[INF:.*]] = ttir.full {fill_value = 0x7FF0000000000000 : f64} : tensor<f32>
  // CHECK: ttir.eq %[[ABS]], %[[INF]] : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
  %4 = "aten.isinf.default"(%x) : (tensor<4xf32>) -> tensor<4xi1>
  return %4 : tensor<4xi1>
}

// CHECK-LABEL: func.func @decomposed
func.func @decomposed(%x: tensor<4xf32>) -> tensor<4xf32> {
  // square is x * x.
  // CHECK: ttir.multiply %arg0, %arg0
  %0 = "aten.square.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // exp2 is exp(x * ln 2).
  // CHECK: %[[LN2:.*]] = ttir.full {fill_value = 0.69314718055994529 : f64}
  // CHECK: %[[S:.*]] = ttir.multiply %arg0, %[[LN2]]
  // CHECK: ttir.exp %[[S]]
  %1 = "aten.exp2.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // log2 and log10 scale the natural log.
  // CHECK: %[[L:.*]] = ttir.log %arg0
  // CHECK: ttir.full {fill_value = 1.4426950408889634 : f64}
  // CHECK: ttir.multiply %[[L]]
  %2 = "aten.log2.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.full {fill_value = 0.43429448190325182 : f64}
  %3 = "aten.log10.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // frac is x - trunc(x).
  // CHECK: %[[T:.*]] = ttir.trunc %arg0
  // CHECK: ttir.subtract %arg0, %[[T]]
  %4 = "aten.frac.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %4 : tensor<4xf32>
}

// CHECK-LABEL: func.func @activations
func.func @activations(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: ttir.gelu %arg0 : (tensor<4xf32>) -> tensor<4xf32>
  %0 = "aten.gelu.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.gelu %arg0 {approximate = true}
  %1 = "aten.gelu.default"(%x) {approximate = "tanh"} : (tensor<4xf32>) -> tensor<4xf32>
  // The schema's default slope is 0.01.
  // CHECK: ttir.leaky_relu %arg0 {slope = 1.000000e-02 : f64}
  %2 = "aten.leaky_relu.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.leaky_relu %arg0 {slope = 2.000000e-01 : f64}
  %3 = "aten.leaky_relu.default"(%x) {negative_slope = 2.000000e-01 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.elu %arg0 {alpha = 1.000000e+00 : f64}
  %4 = "aten.elu.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // elu with a scale multiplies afterwards.
  // CHECK: %[[E:.*]] = ttir.elu %arg0 {alpha = 1.000000e+00 : f64}
  // CHECK: ttir.multiply %[[E]]
  %5 = "aten.elu.default"(%x) {scale = 2 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.clamp %arg0 {max = 1.000000e+00 : f64, min = -1.000000e+00 : f64}
  %6 = "aten.hardtanh.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: ttir.clamp %arg0 {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64}
  %7 = "aten.relu6.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // hardsigmoid is clamp(x / 6 + 1/2, 0, 1); hardswish multiplies it by x.
  // CHECK: ttir.multiply %arg0
  // CHECK: ttir.add
  // CHECK: ttir.clamp {{.*}} {max = 1.000000e+00 : f64, min = 0.000000e+00 : f64}
  %8 = "aten.hardsigmoid.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[HS:.*]] = ttir.clamp
  // CHECK: ttir.multiply %arg0, %[[HS]]
  %9 = "aten.hardswish.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // softplus is log1p(exp(x)), linear above the threshold.
  // CHECK: %[[EXP:.*]] = ttir.exp %arg0
  // CHECK: %[[SOFT:.*]] = ttir.log1p %[[EXP]]
  // CHECK: %[[BIG:.*]] = ttir.gt %arg0
  // CHECK: ttir.where %[[BIG]], %arg0, %[[SOFT]]
  %10 = "aten.softplus.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // mish is x * tanh(softplus(x)).
  // CHECK: ttir.log1p
  // CHECK: ttir.where
  // CHECK: %[[TANH:.*]] = ttir.tanh
  // CHECK: ttir.multiply %arg0, %[[TANH]]
  %11 = "aten.mish.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[SIG:.*]] = ttir.sigmoid %arg0
  // CHECK: ttir.log %[[SIG]]
  %12 = "aten.log_sigmoid.default"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %12 : tensor<4xf32>
}
