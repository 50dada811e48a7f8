// aten is an opaque dialect: any overload parses as an unregistered op and keeps its name,
// next to the registered ttir and ttnn ops.
// RUN: ttc-opt %s | FileCheck %s
// RUN: ttc-opt %s | ttc-opt | FileCheck %s

// CHECK-LABEL: func.func @linear
func.func @linear(%x: tensor<1x784xf32>, %w: tensor<128x784xf32>, %b: tensor<128xf32>) -> tensor<1x128xf32> {
  // CHECK: %[[T:.*]] = "aten.t.default"(%arg1) : (tensor<128x784xf32>) -> tensor<784x128xf32>
  %0 = "aten.t.default"(%w) : (tensor<128x784xf32>) -> tensor<784x128xf32>
  // CHECK: "aten.addmm.default"(%arg2, %arg0, %[[T]]) {alpha = 1 : i64, beta = 1 : i64}
  %1 = "aten.addmm.default"(%b, %x, %0) {alpha = 1 : i64, beta = 1 : i64} : (tensor<128xf32>, tensor<1x784xf32>, tensor<784x128xf32>) -> tensor<1x128xf32>
  // CHECK: ttir.relu
  %2 = ttir.relu %1 : (tensor<1x128xf32>) -> tensor<1x128xf32>
  // An overload ttc has no schema for keeps its name in a string attribute.
  // CHECK: "aten.operator"(%{{.*}}) {name = "aten.my_op.default"}
  %3 = "aten.operator"(%2) {name = "aten.my_op.default"} : (tensor<1x128xf32>) -> tensor<1x128xf32>
  return %3 : tensor<1x128xf32>
}
