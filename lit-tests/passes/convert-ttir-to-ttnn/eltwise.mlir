// Elementwise ops: most are renames, a few attributes take the library's parameter names and
// f64 attributes are narrowed to f32; ttir.div is ttnn.divide; bitwise ops on i1 become the
// logical ops (booleans live on the device as 0 / 1) while on si32 they stay bitwise; a
// typecast to i1 is `x != 0` against a `full` zero made on the function's device.
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s --check-prefix=NOTTIR
// RUN: ttc-opt %s --convert-ttir-to-ttnn -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2

// No ttir op is left anywhere.
// NOTTIR-NOT: ttir.

// CHECK-LABEL: func.func @unary_renames(%arg0: tensor<2x32xf32>) -> tensor<2x32xf32>
func.func @unary_renames(%x: tensor<2x32xf32>) -> tensor<2x32xf32> {
  // Renames need no device.
  // CHECK-NOT: ttnn.get_device
  // CHECK: %[[E:.*]] = ttnn.exp %arg0 : (tensor<2x32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: %[[S:.*]] = ttnn.sigmoid %[[E]] : (tensor<2x32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: %[[R:.*]] = ttnn.rsqrt %[[S]] : (tensor<2x32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: %[[RD:.*]] = ttnn.round %[[R]] : (tensor<2x32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: %[[ER:.*]] = ttnn.erfc %[[RD]] : (tensor<2x32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: return %[[ER]] : tensor<2x32xf32>
  %0 = ttir.exp %x : (tensor<2x32xf32>) -> tensor<2x32xf32>
  %1 = ttir.sigmoid %0 : (tensor<2x32xf32>) -> tensor<2x32xf32>
  %2 = ttir.rsqrt %1 : (tensor<2x32xf32>) -> tensor<2x32xf32>
  %3 = ttir.round %2 : (tensor<2x32xf32>) -> tensor<2x32xf32>
  %4 = ttir.erfc %3 : (tensor<2x32xf32>) -> tensor<2x32xf32>
  return %4 : tensor<2x32xf32>
}

// CHECK-LABEL: func.func @attribute_renames
func.func @attribute_renames(%x: tensor<2x32xf32>) -> tensor<2x32xf32> {
  // approximate -> fast_and_approximate_mode
  // CHECK: %[[G:.*]] = ttnn.gelu %arg0 {fast_and_approximate_mode = true} : (tensor<2x32xf32>) -> tensor<2x32xf32>
  %0 = ttir.gelu %x {approximate = true} : (tensor<2x32xf32>) -> tensor<2x32xf32>
  // The default (erf) form carries no attribute.
  // CHECK-NEXT: %[[G2:.*]] = ttnn.gelu %[[G]] : (tensor<2x32xf32>) -> tensor<2x32xf32>
  %1 = ttir.gelu %0 : (tensor<2x32xf32>) -> tensor<2x32xf32>
  // slope (f64) -> negative_slope (f32)
  // CHECK-NEXT: %[[L:.*]] = ttnn.leaky_relu %[[G2]] {negative_slope = 1.000000e-01 : f32} : (tensor<2x32xf32>) -> tensor<2x32xf32>
  %2 = ttir.leaky_relu %1 {slope = 0.1 : f64} : (tensor<2x32xf32>) -> tensor<2x32xf32>
  // alpha keeps its name, narrowed to f32.
  // CHECK-NEXT: %[[EL:.*]] = ttnn.elu %[[L]] {alpha = 1.500000e+00 : f32} : (tensor<2x32xf32>) -> tensor<2x32xf32>
  %3 = ttir.elu %2 {alpha = 1.5 : f64} : (tensor<2x32xf32>) -> tensor<2x32xf32>
  // Both optional clamp bounds are narrowed.
  // CHECK-NEXT: %[[C:.*]] = ttnn.clamp %[[EL]] {max = 6.000000e+00 : f32, min = -1.000000e+00 : f32} : (tensor<2x32xf32>) -> tensor<2x32xf32>
  %4 = ttir.clamp %3 {min = -1.0 : f64, max = 6.0 : f64} : (tensor<2x32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: %[[C1:.*]] = ttnn.clamp %[[C]] {min = 0.000000e+00 : f32} : (tensor<2x32xf32>) -> tensor<2x32xf32>
  %5 = ttir.clamp %4 {min = 0.0 : f64} : (tensor<2x32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: return %[[C1]]
  return %5 : tensor<2x32xf32>
}

// CHECK-LABEL: func.func @binary(%arg0: tensor<2x32xf32>, %arg1: tensor<32xf32>, %arg2: tensor<2x32xi1>)
func.func @binary(%x: tensor<2x32xf32>, %y: tensor<32xf32>, %c: tensor<2x32xi1>) -> (tensor<2x32xf32>, tensor<2x32xi1>) {
  // div is the library's divide; broadcasting operands are kept as they are.
  // CHECK: %[[D:.*]] = ttnn.divide %arg0, %arg1 : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32>
  %0 = ttir.div %x, %y : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: %[[A:.*]] = ttnn.add %[[D]], %arg1 : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32>
  %1 = ttir.add %0, %y : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: %[[P:.*]] = ttnn.pow %[[A]], %arg0 : (tensor<2x32xf32>, tensor<2x32xf32>) -> tensor<2x32xf32>
  %2 = ttir.pow %1, %x : (tensor<2x32xf32>, tensor<2x32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: %[[GT:.*]] = ttnn.gt %[[P]], %arg1 : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xi1>
  %3 = ttir.gt %2, %y : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xi1>
  // CHECK-NEXT: %[[AND:.*]] = ttnn.logical_and %[[GT]], %arg2 : (tensor<2x32xi1>, tensor<2x32xi1>) -> tensor<2x32xi1>
  %4 = ttir.logical_and %3, %c : (tensor<2x32xi1>, tensor<2x32xi1>) -> tensor<2x32xi1>
  // CHECK-NEXT: %[[W:.*]] = ttnn.where %[[AND]], %[[P]], %arg1 : (tensor<2x32xi1>, tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32>
  %5 = ttir.where %4, %2, %y : (tensor<2x32xi1>, tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32>
  // CHECK-NEXT: return %[[W]], %[[AND]]
  return %5, %4 : tensor<2x32xf32>, tensor<2x32xi1>
}

// CHECK-LABEL: func.func @bitwise_bool(%arg0: tensor<4xi1>, %arg1: tensor<4xi1>)
func.func @bitwise_bool(%a: tensor<4xi1>, %b: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  // CHECK-NOT: ttnn.bitwise
  // CHECK: %[[AND:.*]] = ttnn.logical_and %arg0, %arg1 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK-NEXT: %[[OR:.*]] = ttnn.logical_or %arg0, %arg1 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK-NEXT: %[[XOR:.*]] = ttnn.logical_xor %arg0, %arg1 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK-NEXT: %[[NOT:.*]] = ttnn.logical_not %arg0 : (tensor<4xi1>) -> tensor<4xi1>
  // CHECK-NEXT: return %[[AND]], %[[OR]], %[[XOR]], %[[NOT]]
  %0 = ttir.bitwise_and %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %1 = ttir.bitwise_or %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %2 = ttir.bitwise_xor %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %3 = ttir.bitwise_not %a : (tensor<4xi1>) -> tensor<4xi1>
  return %0, %1, %2, %3 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// CHECK-LABEL: func.func @bitwise_int(%arg0: tensor<4xsi32>, %arg1: tensor<4xsi32>)
func.func @bitwise_int(%a: tensor<4xsi32>, %b: tensor<4xsi32>) -> (tensor<4xsi32>, tensor<4xsi32>, tensor<4xsi32>, tensor<4xsi32>) {
  // CHECK-NOT: ttnn.logical
  // CHECK: %[[AND:.*]] = ttnn.bitwise_and %arg0, %arg1 : (tensor<4xsi32>, tensor<4xsi32>) -> tensor<4xsi32>
  // CHECK-NEXT: %[[OR:.*]] = ttnn.bitwise_or %arg0, %arg1 : (tensor<4xsi32>, tensor<4xsi32>) -> tensor<4xsi32>
  // CHECK-NEXT: %[[XOR:.*]] = ttnn.bitwise_xor %arg0, %arg1 : (tensor<4xsi32>, tensor<4xsi32>) -> tensor<4xsi32>
  // CHECK-NEXT: %[[NOT:.*]] = ttnn.bitwise_not %arg0 : (tensor<4xsi32>) -> tensor<4xsi32>
  // CHECK-NEXT: return %[[AND]], %[[OR]], %[[XOR]], %[[NOT]]
  %0 = ttir.bitwise_and %a, %b : (tensor<4xsi32>, tensor<4xsi32>) -> tensor<4xsi32>
  %1 = ttir.bitwise_or %a, %b : (tensor<4xsi32>, tensor<4xsi32>) -> tensor<4xsi32>
  %2 = ttir.bitwise_xor %a, %b : (tensor<4xsi32>, tensor<4xsi32>) -> tensor<4xsi32>
  %3 = ttir.bitwise_not %a : (tensor<4xsi32>) -> tensor<4xsi32>
  return %0, %1, %2, %3 : tensor<4xsi32>, tensor<4xsi32>, tensor<4xsi32>, tensor<4xsi32>
}

// CHECK-LABEL: func.func @typecasts(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xsi32>, %arg2: tensor<2x3xi1>)
func.func @typecasts(%x: tensor<2x3xf32>, %i: tensor<2x3xsi32>, %b: tensor<2x3xi1>) -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xbf16>, tensor<2x3xsi32>, tensor<2x3xf32>) {
  // To i1: x != 0, the zero a rank-0 `full` of the input's element type made on the device,
  // which is fetched once, at the top of the function.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[ZF:.*]] = ttnn.full %[[DEV]] {fill_value = 0.000000e+00 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<f32>
  // CHECK-NEXT: %[[BF:.*]] = ttnn.ne %arg0, %[[ZF]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1>
  %0 = ttir.typecast %x : (tensor<2x3xf32>) -> tensor<2x3xi1>
  // An integer input gets an integer zero.
  // CHECK-NEXT: %[[ZI:.*]] = ttnn.full %[[DEV]] {fill_value = 0 : i32, shape = array<i64>} : (!ttnn.device) -> tensor<si32>
  // CHECK-NEXT: %[[BI:.*]] = ttnn.ne %arg1, %[[ZI]] : (tensor<2x3xsi32>, tensor<si32>) -> tensor<2x3xi1>
  %1 = ttir.typecast %i : (tensor<2x3xsi32>) -> tensor<2x3xi1>
  // Other conversions are ttnn.typecast with the library's data type.
  // CHECK-NEXT: %[[H:.*]] = ttnn.typecast %arg0 {dtype = #ttnn.data_type<bf16>} : (tensor<2x3xf32>) -> tensor<2x3xbf16>
  %2 = ttir.typecast %x : (tensor<2x3xf32>) -> tensor<2x3xbf16>
  // CHECK-NEXT: %[[I:.*]] = ttnn.typecast %arg0 {dtype = #ttnn.data_type<si32>} : (tensor<2x3xf32>) -> tensor<2x3xsi32>
  %3 = ttir.typecast %x : (tensor<2x3xf32>) -> tensor<2x3xsi32>
  // From i1 is a plain typecast.
  // CHECK-NEXT: %[[F:.*]] = ttnn.typecast %arg2 {dtype = #ttnn.data_type<f32>} : (tensor<2x3xi1>) -> tensor<2x3xf32>
  %4 = ttir.typecast %b : (tensor<2x3xi1>) -> tensor<2x3xf32>
  // CHECK-NOT: ttnn.get_device
  // CHECK: return %[[BF]], %[[BI]], %[[H]], %[[I]], %[[F]]
  return %0, %1, %2, %3, %4 : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xbf16>, tensor<2x3xsi32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @matmul
func.func @matmul(%a: tensor<2x8x16xf32>, %b: tensor<32x16xf32>, %c: tensor<32xf32>) -> (tensor<2x8x32xf32>, tensor<2x8x32xf32>) {
  // CHECK: %[[M:.*]] = ttnn.matmul %arg0, %arg1 {transpose_b = true} : (tensor<2x8x16xf32>, tensor<32x16xf32>) -> tensor<2x8x32xf32>
  %0 = ttir.matmul %a, %b {transpose_b = true} : (tensor<2x8x16xf32>, tensor<32x16xf32>) -> tensor<2x8x32xf32>
  // CHECK-NEXT: %[[L:.*]] = ttnn.linear %arg0, %arg1, %arg2 {transpose_b = true} : (tensor<2x8x16xf32>, tensor<32x16xf32>, tensor<32xf32>) -> tensor<2x8x32xf32>
  %1 = ttir.linear %a, %b, %c {transpose_b = true} : (tensor<2x8x16xf32>, tensor<32x16xf32>, tensor<32xf32>) -> tensor<2x8x32xf32>
  // CHECK-NEXT: return %[[M]], %[[L]]
  return %0, %1 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
}
