// Tensor creation takes shape and dtype from the result type.
// RUN: ttc-opt %s --ttir-legalize-aten="fold-constants=false" -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttir-legalize-aten="fold-constants=false" | FileCheck %s

// CHECK-LABEL: func.func @ranges
func.func @ranges() -> tensor<32xi64> {
  // CHECK: ttir.arange {end = 3.200000e+01 : f64, start = 0.000000e+00 : f64} : tensor<32xi64>
  %0 = "aten.arange.default"() {end = 32 : i64, device = "cpu", pin_memory = false} : () -> tensor<32xi64>
  // CHECK: ttir.arange {end = 1.000000e+01 : f64, start = 2.000000e+00 : f64} : tensor<8xi64>
  %1 = "aten.arange.start"() {start = 2 : i64, end = 10 : i64} : () -> tensor<8xi64>
  // CHECK: ttir.arange {end = 1.000000e+00 : f64, start = 0.000000e+00 : f64, step = 2.500000e-01 : f64} : tensor<4xf32>
  %2 = "aten.arange.start_step"() {start = 0 : i64, end = 1 : i64, step = 2.500000e-01 : f64, dtype = f32} : () -> tensor<4xf32>
  return %0 : tensor<32xi64>
}

// CHECK-LABEL: func.func @fills
func.func @fills(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: ttir.full {fill_value = 7.000000e+00 : f64} : tensor<2x3xf32>
  %0 = "aten.full.default"() {size = array<i64: 2, 3>, fill_value = 7 : i64} : () -> tensor<2x3xf32>
  // CHECK: ttir.full {fill_value = 2.500000e+00 : f64} : tensor<2x3xf32>
  %1 = "aten.full_like.default"(%x) {fill_value = 2.500000e+00 : f64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.full {fill_value = -1 : i64} : tensor<5xi64>
  %2 = "aten.new_full.default"(%x) {size = array<i64: 5>, fill_value = -1 : i64, dtype = i64} : (tensor<2x3xf32>) -> tensor<5xi64>
  // CHECK: ttir.full {fill_value = 3.000000e+00 : f64} : tensor<2x3xf32>
  %3 = "aten.fill.Scalar"(%x) {value = 3 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.full {fill_value = 0xFFF0000000000000 : f64} : tensor<f32>
  %4 = "aten.scalar_tensor.default"() {s = 0xFFF0000000000000 : f64, dtype = f32} : () -> tensor<f32>
  // CHECK: ttir.full {fill_value = 0.000000e+00 : f64} : tensor<4x4xf32>
  %5 = "aten.zeros.default"() {size = array<i64: 4, 4>} : () -> tensor<4x4xf32>
  // CHECK: ttir.full {fill_value = 0.000000e+00 : f64} : tensor<2x3xf32>
  %6 = "aten.zeros_like.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.full {fill_value = 0 : i64} : tensor<3xi32>
  %7 = "aten.new_zeros.default"(%x) {size = array<i64: 3>, dtype = i32} : (tensor<2x3xf32>) -> tensor<3xi32>
  // CHECK: ttir.full {fill_value = 1.000000e+00 : f64} : tensor<4xf32>
  %8 = "aten.ones.default"() {size = array<i64: 4>} : () -> tensor<4xf32>
  // CHECK: ttir.full {fill_value = 1.000000e+00 : f64} : tensor<2x3xf32>
  %9 = "aten.ones_like.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.full {fill_value = 1 : i64} : tensor<i1>
  %10 = "aten.new_ones.default"(%x) {size = array<i64>, dtype = i1, pin_memory = false} : (tensor<2x3xf32>) -> tensor<i1>
  // Uninitialised tensors are zero-filled.
  // CHECK: ttir.full {fill_value = 0.000000e+00 : f64} : tensor<8xf32>
  %11 = "aten.empty.memory_format"() {size = array<i64: 8>} : () -> tensor<8xf32>
  // CHECK: ttir.full {fill_value = 0.000000e+00 : f64} : tensor<2x3xf32>
  %12 = "aten.empty_like.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.full {fill_value = 0.000000e+00 : f64} : tensor<2xf32>
  %13 = "aten.new_empty.default"(%x) {size = array<i64: 2>} : (tensor<2x3xf32>) -> tensor<2xf32>
  // CHECK: ttir.full {fill_value = 0.000000e+00 : f64} : tensor<2x2xf32>
  %14 = "aten.empty_strided.default"() {size = array<i64: 2, 2>, stride = array<i64: 2, 1>} : () -> tensor<2x2xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @random
func.func @random(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // Seeds come from the op's location, so compiles are deterministic.
  // CHECK: ttir.rand {seed = {{[0-9]+}} : i64} : tensor<2x3xf32>
  %0 = "aten.rand.default"() {size = array<i64: 2, 3>} : () -> tensor<2x3xf32>
  // CHECK: ttir.rand {seed = {{[0-9]+}} : i64} : tensor<2x3xf32>
  %1 = "aten.rand_like.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // Normal values by Box-Muller: sqrt(-2 log u1) * cos(2 pi u2).
  // CHECK: ttir.rand {low = {{.*}}E-8 : f64, seed = {{[0-9]+}} : i64}
  // CHECK: ttir.log
  // CHECK: ttir.sqrt
  // CHECK: ttir.cos
  %2 = "aten.randn.default"() {size = array<i64: 2, 3>} : () -> tensor<2x3xf32>
  // CHECK: ttir.cos
  %3 = "aten.randn_like.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
