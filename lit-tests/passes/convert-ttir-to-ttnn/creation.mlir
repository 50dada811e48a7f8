// Creation ops are made on the device: constant, full, rand and arange take the function's
// ttnn.get_device, created once at the top of the function (and only in functions that need
// it). full and rand get a `shape` attribute equal to the result's shape; f64 attributes are
// narrowed to f32. arange with integral start, end and step is the library's integer arange;
// otherwise it is start + step * arange(0, count), computed in f32 and typecast when the
// result is an integer tensor. A get_device already in the function is reused (moved to the
// top), never duplicated.
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s --check-prefix=NOTTIR
// RUN: ttc-opt %s --convert-ttir-to-ttnn -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2

// NOTTIR-NOT: ttir.

// CHECK-LABEL: func.func @creation()
func.func @creation() -> (tensor<2x2xf32>, tensor<3x4xbf16>, tensor<2xsi32>, tensor<2x3xf32>) {
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[C:.*]] = ttnn.constant %[[DEV]] {value = dense<{{\[}}[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>} : (!ttnn.device) -> tensor<2x2xf32>
  %0 = ttir.constant {value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>} : tensor<2x2xf32>
  // A float fill is narrowed to f32 whatever the element type.
  // CHECK-NEXT: %[[F:.*]] = ttnn.full %[[DEV]] {fill_value = 1.500000e+00 : f32, shape = array<i64: 3, 4>} : (!ttnn.device) -> tensor<3x4xbf16>
  %1 = ttir.full {fill_value = 1.5 : f64} : tensor<3x4xbf16>
  // An integer fill is kept as it is.
  // CHECK-NEXT: %[[FI:.*]] = ttnn.full %[[DEV]] {fill_value = 7 : i64, shape = array<i64: 2>} : (!ttnn.device) -> tensor<2xsi32>
  %2 = ttir.full {fill_value = 7 : i64} : tensor<2xsi32>
  // CHECK-NEXT: %[[R:.*]] = ttnn.rand %[[DEV]] {high = 2.000000e+00 : f32, low = -1.000000e+00 : f32, seed = 42 : i64, shape = array<i64: 2, 3>} : (!ttnn.device) -> tensor<2x3xf32>
  %3 = ttir.rand {low = -1.0 : f64, high = 2.0 : f64, seed = 42 : i64} : tensor<2x3xf32>
  // One device for the whole function.
  // CHECK-NOT: ttnn.get_device
  // CHECK: return %[[C]], %[[F]], %[[FI]], %[[R]]
  return %0, %1, %2, %3 : tensor<2x2xf32>, tensor<3x4xbf16>, tensor<2xsi32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @rand_defaults()
func.func @rand_defaults() -> tensor<4xbf16> {
  // low = 0, high = 1 and seed = 0 are the ttnn op's defaults too: only the shape shows.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[R:.*]] = ttnn.rand %[[DEV]] {shape = array<i64: 4>} : (!ttnn.device) -> tensor<4xbf16>
  // CHECK-NEXT: return %[[R]]
  %0 = ttir.rand : tensor<4xbf16>
  return %0 : tensor<4xbf16>
}

// CHECK-LABEL: func.func @device_after_args(%arg0: tensor<2xf32>)
func.func @device_after_args(%x: tensor<2xf32>) -> tensor<2xf32> {
  // A creation op late in the function still gets the device from the top.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[E:.*]] = ttnn.exp %arg0
  // CHECK-NEXT: %[[F:.*]] = ttnn.full %[[DEV]] {fill_value = 2.000000e+00 : f32, shape = array<i64: 2>} : (!ttnn.device) -> tensor<2xf32>
  // CHECK-NEXT: %[[M:.*]] = ttnn.multiply %[[E]], %[[F]]
  // CHECK-NEXT: return %[[M]]
  %0 = ttir.exp %x : (tensor<2xf32>) -> tensor<2xf32>
  %1 = ttir.full {fill_value = 2.0 : f64} : tensor<2xf32>
  %2 = ttir.multiply %0, %1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %2 : tensor<2xf32>
}

// CHECK-LABEL: func.func @no_device(%arg0: tensor<2xf32>)
func.func @no_device(%x: tensor<2xf32>) -> tensor<2xf32> {
  // CHECK-NOT: ttnn.get_device
  // CHECK: ttnn.neg %arg0
  %0 = ttir.neg %x : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// CHECK-LABEL: func.func @arange_integral()
func.func @arange_integral() -> (tensor<4xsi32>, tensor<3xf32>, tensor<5xf32>) {
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[A:.*]] = ttnn.arange %[[DEV]] {end = 10 : i64, start = 2 : i64, step = 2 : i64} : (!ttnn.device) -> tensor<4xsi32>
  %0 = ttir.arange {start = 2.0 : f64, end = 10.0 : f64, step = 2.0 : f64} : tensor<4xsi32>
  // The default step 1 is not printed.
  // CHECK-NEXT: %[[B:.*]] = ttnn.arange %[[DEV]] {end = 3 : i64, start = 0 : i64} : (!ttnn.device) -> tensor<3xf32>
  %1 = ttir.arange {start = 0.0 : f64, end = 3.0 : f64} : tensor<3xf32>
  // A negative step.
  // CHECK-NEXT: %[[C:.*]] = ttnn.arange %[[DEV]] {end = 0 : i64, start = 5 : i64, step = -1 : i64} : (!ttnn.device) -> tensor<5xf32>
  %2 = ttir.arange {start = 5.0 : f64, end = 0.0 : f64, step = -1.0 : f64} : tensor<5xf32>
  // CHECK-NEXT: return %[[A]], %[[B]], %[[C]]
  return %0, %1, %2 : tensor<4xsi32>, tensor<3xf32>, tensor<5xf32>
}

// CHECK-LABEL: func.func @arange_fractional()
func.func @arange_fractional() -> tensor<5xf32> {
  // 0.25, 0.75, ..., 2.25: arange(0, 5) * 0.5 + 0.25, the scalars as rank-0 fulls.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[I:.*]] = ttnn.arange %[[DEV]] {end = 5 : i64, start = 0 : i64} : (!ttnn.device) -> tensor<5xf32>
  // CHECK-NEXT: %[[STEP:.*]] = ttnn.full %[[DEV]] {fill_value = 5.000000e-01 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<f32>
  // CHECK-NEXT: %[[SC:.*]] = ttnn.multiply %[[I]], %[[STEP]] : (tensor<5xf32>, tensor<f32>) -> tensor<5xf32>
  // CHECK-NEXT: %[[START:.*]] = ttnn.full %[[DEV]] {fill_value = 2.500000e-01 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<f32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.add %[[SC]], %[[START]] : (tensor<5xf32>, tensor<f32>) -> tensor<5xf32>
  // CHECK-NEXT: return %[[Y]] : tensor<5xf32>
  %0 = ttir.arange {start = 0.25 : f64, end = 2.5 : f64, step = 0.5 : f64} : tensor<5xf32>
  return %0 : tensor<5xf32>
}

// CHECK-LABEL: func.func @arange_fractional_start()
func.func @arange_fractional_start() -> tensor<3xbf16> {
  // An integral step is not enough: the start is fractional.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[I:.*]] = ttnn.arange %[[DEV]] {end = 3 : i64, start = 0 : i64} : (!ttnn.device) -> tensor<3xbf16>
  // CHECK-NEXT: %[[STEP:.*]] = ttnn.full %[[DEV]] {fill_value = -2.000000e+00 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<bf16>
  // CHECK-NEXT: %[[SC:.*]] = ttnn.multiply %[[I]], %[[STEP]] : (tensor<3xbf16>, tensor<bf16>) -> tensor<3xbf16>
  // CHECK-NEXT: %[[START:.*]] = ttnn.full %[[DEV]] {fill_value = 1.500000e+00 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<bf16>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.add %[[SC]], %[[START]] : (tensor<3xbf16>, tensor<bf16>) -> tensor<3xbf16>
  // CHECK-NEXT: return %[[Y]]
  %0 = ttir.arange {start = 1.5 : f64, end = -4.0 : f64, step = -2.0 : f64} : tensor<3xbf16>
  return %0 : tensor<3xbf16>
}

// CHECK-LABEL: func.func @arange_fractional_integer()
func.func @arange_fractional_integer() -> (tensor<5xsi32>, tensor<5xf32>) {
  // 0.5, 1.0, ..., 2.5, truncated to 0, 1, 1, 2, 2: computed in f32 (in si32 the fractional
  // step and start would be lost), then typecast to si32.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[I:.*]] = ttnn.arange %[[DEV]] {end = 5 : i64, start = 0 : i64} : (!ttnn.device) -> tensor<5xf32>
  // CHECK-NEXT: %[[STEP:.*]] = ttnn.full %[[DEV]] {fill_value = 5.000000e-01 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<f32>
  // CHECK-NEXT: %[[SC:.*]] = ttnn.multiply %[[I]], %[[STEP]] : (tensor<5xf32>, tensor<f32>) -> tensor<5xf32>
  // CHECK-NEXT: %[[START:.*]] = ttnn.full %[[DEV]] {fill_value = 5.000000e-01 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<f32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.add %[[SC]], %[[START]] : (tensor<5xf32>, tensor<f32>) -> tensor<5xf32>
  // CHECK-NEXT: %[[INT:.*]] = ttnn.typecast %[[Y]] {dtype = #ttnn.data_type<si32>} : (tensor<5xf32>) -> tensor<5xsi32>
  %0 = ttir.arange {start = 0.5 : f64, end = 3.0 : f64, step = 0.5 : f64} : tensor<5xsi32>
  // The same with an f32 result: no typecast.
  // CHECK-NEXT: %[[I2:.*]] = ttnn.arange %[[DEV]] {end = 5 : i64, start = 0 : i64} : (!ttnn.device) -> tensor<5xf32>
  // CHECK-NEXT: %[[STEP2:.*]] = ttnn.full %[[DEV]] {fill_value = 5.000000e-01 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<f32>
  // CHECK-NEXT: %[[SC2:.*]] = ttnn.multiply %[[I2]], %[[STEP2]] : (tensor<5xf32>, tensor<f32>) -> tensor<5xf32>
  // CHECK-NEXT: %[[START2:.*]] = ttnn.full %[[DEV]] {fill_value = 5.000000e-01 : f32, shape = array<i64>} : (!ttnn.device) -> tensor<f32>
  // CHECK-NEXT: %[[Y2:.*]] = ttnn.add %[[SC2]], %[[START2]] : (tensor<5xf32>, tensor<f32>) -> tensor<5xf32>
  // CHECK-NEXT: return %[[INT]], %[[Y2]] : tensor<5xsi32>, tensor<5xf32>
  %1 = ttir.arange {start = 0.5 : f64, end = 3.0 : f64, step = 0.5 : f64} : tensor<5xf32>
  return %0, %1 : tensor<5xsi32>, tensor<5xf32>
}

// CHECK-LABEL: func.func @existing_device_after_use()
func.func @existing_device_after_use() -> (tensor<2xf32>, !ttnn.device) {
  // The function's own get_device comes after the full needing it: it is moved to the top
  // and used; no second one is made.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[F:.*]] = ttnn.full %[[DEV]] {fill_value = 2.000000e+00 : f32, shape = array<i64: 2>} : (!ttnn.device) -> tensor<2xf32>
  // CHECK-NEXT: return %[[F]], %[[DEV]] : tensor<2xf32>, !ttnn.device
  %0 = ttir.full {fill_value = 2.0 : f64} : tensor<2xf32>
  %d = ttnn.get_device : !ttnn.device
  return %0, %d : tensor<2xf32>, !ttnn.device
}

// CHECK-LABEL: func.func @existing_device_unused(%arg0: tensor<2xf32>)
func.func @existing_device_unused(%x: tensor<2xf32>) -> tensor<2xf32> {
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[E:.*]] = ttnn.exp %arg0
  // CHECK-NEXT: %[[F:.*]] = ttnn.full %[[DEV]] {fill_value = 2.000000e+00 : f32, shape = array<i64: 2>} : (!ttnn.device) -> tensor<2xf32>
  // CHECK-NEXT: %[[C:.*]] = ttnn.constant %[[DEV]]
  // CHECK-NEXT: %[[M:.*]] = ttnn.multiply %[[E]], %[[F]]
  // CHECK-NEXT: %[[A:.*]] = ttnn.add %[[M]], %[[C]]
  // CHECK-NEXT: return %[[A]]
  %0 = ttir.exp %x : (tensor<2xf32>) -> tensor<2xf32>
  %1 = ttir.full {fill_value = 2.0 : f64} : tensor<2xf32>
  %2 = ttir.constant {value = dense<[1.0, 2.0]> : tensor<2xf32>} : tensor<2xf32>
  %3 = ttir.multiply %0, %1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %d = ttnn.get_device : !ttnn.device
  %4 = ttir.add %3, %2 : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %4 : tensor<2xf32>
}
