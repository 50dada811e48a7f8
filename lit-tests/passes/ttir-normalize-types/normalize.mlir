// Element types narrowed in one place: i64 and i32 to si32, f64 to f32, f16 to bf16; i1 stays.
// RUN: ttc-opt %s --ttir-normalize-types | FileCheck %s
// RUN: ttc-opt %s --ttir-normalize-types -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2

// CHECK-LABEL: func.func @ids(%arg0: tensor<1x4xsi32>, %arg1: tensor<16x8xf32>) -> (tensor<1x4x8xf32>, tensor<4xi1>)
func.func @ids(%ids: tensor<1x4xi64>, %table: tensor<16x8xf64>) -> (tensor<1x4x8xf64>, tensor<4xi1>) {
  // CHECK: ttir.constant {value = dense<[0, 1, 2, 3]> : tensor<4xsi32>} : tensor<4xsi32>
  %c = ttir.constant {value = dense<[0, 1, 2, 3]> : tensor<4xi64>} : tensor<4xi64>
  // CHECK: ttir.embedding %arg0, %arg1 : (tensor<1x4xsi32>, tensor<16x8xf32>) -> tensor<1x4x8xf32>
  %0 = ttir.embedding %ids, %table : (tensor<1x4xi64>, tensor<16x8xf64>) -> tensor<1x4x8xf64>
  // CHECK: ttir.gt %{{.*}}, %{{.*}} : (tensor<4xsi32>, tensor<si32>) -> tensor<4xi1>
  %z = ttir.full {fill_value = 1 : i64} : tensor<i64>
  %1 = ttir.gt %c, %z : (tensor<4xi64>, tensor<i64>) -> tensor<4xi1>
  return %0, %1 : tensor<1x4x8xf64>, tensor<4xi1>
}

// CHECK-LABEL: func.func @casts(%arg0: tensor<4xsi32>) -> tensor<4xsi32>
func.func @casts(%x: tensor<4xi32>) -> tensor<4xi64> {
  // An i32 -> i64 conversion is si32 -> si32 now and disappears.
  // CHECK-NOT: ttir.typecast
  // CHECK: return %arg0 : tensor<4xsi32>
  %0 = ttir.typecast %x : (tensor<4xi32>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// CHECK-LABEL: func.func @halves(%arg0: tensor<4xbf16>) -> tensor<4xbf16>
func.func @halves(%x: tensor<4xf16>) -> tensor<4xf16> {
  // CHECK: ttir.exp %arg0 : (tensor<4xbf16>) -> tensor<4xbf16>
  %0 = ttir.exp %x : (tensor<4xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}
