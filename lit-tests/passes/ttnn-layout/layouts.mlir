// ttnn-layout with its default options (n150, bf16 on the device, hifi4): function arguments
// and results are host row-major tensors in the data type of their element type; device ops
// compute on tiled bf16 (or si32) tensors interleaved over DRAM on the 8x8 grid; a
// convert_layout is inserted once per value and target; host fallbacks, and creation ops
// without a device operand, read and write host tensors.
// RUN: ttc-opt %s --ttnn-layout | FileCheck %s
// RUN: ttc-opt %s --ttnn-layout -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttnn-layout | FileCheck %s --check-prefix=DEFAULTS

// Without keep-f32 nothing is f32 on the device; n150's grid is 8x8.
// DEFAULTS-NOT: f32, dram
// DEFAULTS-NOT: grid = [8, 7]

// CHECK-DAG: #[[HOST_F32:.*]] = #ttnn.layout<row_major, f32, system_memory>
// CHECK-DAG: #[[HOST_SI32:.*]] = #ttnn.layout<row_major, si32, system_memory>
// CHECK-DAG: #[[HOST_U8:.*]] = #ttnn.layout<row_major, u8, system_memory>
// CHECK-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[TILE_SI32:.*]] = #ttnn.layout<tile, si32, dram, interleaved, grid = [8, 8]>

// CHECK-LABEL: func.func @boundary
// CHECK-SAME: (%arg0: tensor<4x8xf32, #[[HOST_F32]]>, %arg1: tensor<4x8xsi32, #[[HOST_SI32]]>, %arg2: tensor<4x8xi1, #[[HOST_U8]]>)
// CHECK-SAME: -> (tensor<4x8xf32, #[[HOST_F32]]>, tensor<4x8xsi32, #[[HOST_SI32]]>, tensor<4x8xi1, #[[HOST_U8]]>)
func.func @boundary(%a: tensor<4x8xf32>, %i: tensor<4x8xsi32>, %m: tensor<4x8xi1>) -> (tensor<4x8xf32>, tensor<4x8xsi32>, tensor<4x8xi1>) {
  // Each value is converted once per target, before its first user; booleans are bf16 0 / 1
  // on the device.
  // CHECK-NEXT: %[[M:.*]] = ttnn.convert_layout %arg2 : (tensor<4x8xi1, #[[HOST_U8]]>) -> tensor<4x8xbf16, #[[TILE]]>
  // CHECK-NEXT: %[[A:.*]] = ttnn.convert_layout %arg0 : (tensor<4x8xf32, #[[HOST_F32]]>) -> tensor<4x8xbf16, #[[TILE]]>
  // CHECK-NEXT: %[[W:.*]] = ttnn.where %[[M]], %[[A]], %[[A]] : (tensor<4x8xbf16, #[[TILE]]>, tensor<4x8xbf16, #[[TILE]]>, tensor<4x8xbf16, #[[TILE]]>) -> tensor<4x8xbf16, #[[TILE]]>
  %0 = ttnn.where %m, %a, %a : (tensor<4x8xi1>, tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  // CHECK-NEXT: %[[I:.*]] = ttnn.convert_layout %arg1 : (tensor<4x8xsi32, #[[HOST_SI32]]>) -> tensor<4x8xsi32, #[[TILE_SI32]]>
  // CHECK-NEXT: %[[ADD:.*]] = ttnn.add %[[I]], %[[I]] : (tensor<4x8xsi32, #[[TILE_SI32]]>, tensor<4x8xsi32, #[[TILE_SI32]]>) -> tensor<4x8xsi32, #[[TILE_SI32]]>
  %1 = ttnn.add %i, %i : (tensor<4x8xsi32>, tensor<4x8xsi32>) -> tensor<4x8xsi32>
  // Later users reuse the conversions made for the first ones.
  // CHECK-NEXT: %[[GT:.*]] = ttnn.gt %[[A]], %[[W]] : (tensor<4x8xbf16, #[[TILE]]>, tensor<4x8xbf16, #[[TILE]]>) -> tensor<4x8xbf16, #[[TILE]]>
  %2 = ttnn.gt %a, %0 : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>
  // CHECK-NEXT: %[[AND:.*]] = ttnn.logical_and %[[GT]], %[[M]] : (tensor<4x8xbf16, #[[TILE]]>, tensor<4x8xbf16, #[[TILE]]>) -> tensor<4x8xbf16, #[[TILE]]>
  %3 = ttnn.logical_and %2, %m : (tensor<4x8xi1>, tensor<4x8xi1>) -> tensor<4x8xi1>
  // Results go back to the host in their own element type.
  // CHECK-NEXT: %[[R0:.*]] = ttnn.convert_layout %[[W]] : (tensor<4x8xbf16, #[[TILE]]>) -> tensor<4x8xf32, #[[HOST_F32]]>
  // CHECK-NEXT: %[[R1:.*]] = ttnn.convert_layout %[[ADD]] : (tensor<4x8xsi32, #[[TILE_SI32]]>) -> tensor<4x8xsi32, #[[HOST_SI32]]>
  // CHECK-NEXT: %[[R2:.*]] = ttnn.convert_layout %[[AND]] : (tensor<4x8xbf16, #[[TILE]]>) -> tensor<4x8xi1, #[[HOST_U8]]>
  // CHECK-NEXT: return %[[R0]], %[[R1]], %[[R2]] : tensor<4x8xf32, #[[HOST_F32]]>, tensor<4x8xsi32, #[[HOST_SI32]]>, tensor<4x8xi1, #[[HOST_U8]]>
  return %0, %1, %3 : tensor<4x8xf32>, tensor<4x8xsi32>, tensor<4x8xi1>
}

// A returned argument is already a host tensor of the right type: nothing to convert.
// CHECK-LABEL: func.func @passthrough
// CHECK-SAME: (%arg0: tensor<4xsi32, #[[HOST_SI32]]>) -> tensor<4xsi32, #[[HOST_SI32]]>
// CHECK-NEXT: return %arg0 : tensor<4xsi32, #[[HOST_SI32]]>
func.func @passthrough(%a: tensor<4xsi32>) -> tensor<4xsi32> {
  return %a : tensor<4xsi32>
}

// CHECK-LABEL: func.func @host_fallback
// CHECK-SAME: (%arg0: tensor<8xf32, #[[HOST_F32]]>) -> tensor<3x1xsi32, #[[HOST_SI32]]>
func.func @host_fallback(%a: tensor<8xf32>) -> tensor<3x1xsi32> {
  // CHECK-NEXT: %[[IN:.*]] = ttnn.convert_layout %arg0 : (tensor<8xf32, #[[HOST_F32]]>) -> tensor<8xbf16, #[[TILE]]>
  // CHECK-NEXT: %[[RELU:.*]] = ttnn.relu %[[IN]] : (tensor<8xbf16, #[[TILE]]>) -> tensor<8xbf16, #[[TILE]]>
  %0 = ttnn.relu %a : (tensor<8xf32>) -> tensor<8xf32>
  // The aten op reads the host copy of the device result and writes a host tensor.
  // CHECK-NEXT: %[[HOST:.*]] = ttnn.convert_layout %[[RELU]] : (tensor<8xbf16, #[[TILE]]>) -> tensor<8xf32, #[[HOST_F32]]>
  // CHECK-NEXT: %[[NZ:.*]] = "aten.nonzero.default"(%[[HOST]]) : (tensor<8xf32, #[[HOST_F32]]>) -> tensor<3x1xsi32, #[[HOST_SI32]]>
  %1 = "aten.nonzero.default"(%0) : (tensor<8xf32>) -> tensor<3x1xsi32>
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.convert_layout %[[NZ]] : (tensor<3x1xsi32, #[[HOST_SI32]]>) -> tensor<3x1xsi32, #[[TILE_SI32]]>
  // CHECK-NEXT: %[[NEG:.*]] = ttnn.neg %[[DEV]] : (tensor<3x1xsi32, #[[TILE_SI32]]>) -> tensor<3x1xsi32, #[[TILE_SI32]]>
  %2 = ttnn.neg %1 : (tensor<3x1xsi32>) -> tensor<3x1xsi32>
  // A host op result feeding another host op and the return needs no conversion.
  // CHECK-NEXT: %[[ABS:.*]] = "aten.abs.default"(%[[NZ]]) : (tensor<3x1xsi32, #[[HOST_SI32]]>) -> tensor<3x1xsi32, #[[HOST_SI32]]>
  %3 = "aten.abs.default"(%1) : (tensor<3x1xsi32>) -> tensor<3x1xsi32>
  // CHECK-NEXT: %[[BACK:.*]] = ttnn.convert_layout %[[NEG]] : (tensor<3x1xsi32, #[[TILE_SI32]]>) -> tensor<3x1xsi32, #[[HOST_SI32]]>
  // CHECK-NEXT: %[[SUM:.*]] = "aten.add.Tensor"(%[[BACK]], %[[ABS]])
  %4 = "aten.add.Tensor"(%2, %3) : (tensor<3x1xsi32>, tensor<3x1xsi32>) -> tensor<3x1xsi32>
  // CHECK-NEXT: return %[[SUM]] : tensor<3x1xsi32, #[[HOST_SI32]]>
  return %4 : tensor<3x1xsi32>
}

// typecast's dtype follows its result type, whatever it said before.
// CHECK-LABEL: func.func @typecast
func.func @typecast(%a: tensor<4xf32>) -> (tensor<4xsi32>, tensor<4xf32>) {
  // CHECK-NEXT: %[[IN:.*]] = ttnn.convert_layout %arg0
  // CHECK-NEXT: %[[INT:.*]] = ttnn.typecast %[[IN]] {dtype = #ttnn.data_type<si32>} : (tensor<4xbf16, #[[TILE]]>) -> tensor<4xsi32, #[[TILE_SI32]]>
  %0 = ttnn.typecast %a {dtype = #ttnn.data_type<f32>} : (tensor<4xf32>) -> tensor<4xsi32>
  // CHECK-NEXT: ttnn.typecast %[[INT]] {dtype = #ttnn.data_type<bf16>} : (tensor<4xsi32, #[[TILE_SI32]]>) -> tensor<4xbf16, #[[TILE]]>
  %1 = ttnn.typecast %0 {dtype = #ttnn.data_type<f32>} : (tensor<4xsi32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xsi32>, tensor<4xf32>
}

// Constants are rounded to their storage (bf16, to nearest even); integers are kept; booleans
// become 1.0 / 0.0. get_device is left alone.
// CHECK-LABEL: func.func @constants
func.func @constants() -> (tensor<4xf32>, tensor<2xsi32>) {
  // CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
  %d = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[F:.*]] = ttnn.constant %[[D]] {value = dense<[1.000000e+00, 1.000000e+00, 1.015630e+00, 3.140630e+00]> : tensor<4xbf16>} : (!ttnn.device) -> tensor<4xbf16, #[[TILE]]>
  %0 = ttnn.constant %d {value = dense<[1.0, 1.00390625, 1.01171875, 3.14159274]> : tensor<4xf32>} : (!ttnn.device) -> tensor<4xf32>
  // CHECK-NEXT: %[[I:.*]] = ttnn.constant %[[D]] {value = dense<[7, -3]> : tensor<2xsi32>} : (!ttnn.device) -> tensor<2xsi32, #[[TILE_SI32]]>
  %1 = ttnn.constant %d {value = dense<[7, -3]> : tensor<2xsi32>} : (!ttnn.device) -> tensor<2xsi32>
  // CHECK-NEXT: %[[B:.*]] = ttnn.constant %[[D]] {value = dense<[1.000000e+00, 0.000000e+00]> : tensor<2xbf16>} : (!ttnn.device) -> tensor<2xbf16, #[[TILE]]>
  %2 = ttnn.constant %d {value = dense<[true, false]> : tensor<2xi1>} : (!ttnn.device) -> tensor<2xi1>
  // CHECK-NEXT: ttnn.where %[[B]], %[[I]], %[[I]] : (tensor<2xbf16, #[[TILE]]>, tensor<2xsi32, #[[TILE_SI32]]>, tensor<2xsi32, #[[TILE_SI32]]>) -> tensor<2xsi32, #[[TILE_SI32]]>
  %3 = ttnn.where %2, %1, %1 : (tensor<2xi1>, tensor<2xsi32>, tensor<2xsi32>) -> tensor<2xsi32>
  return %0, %3 : tensor<4xf32>, tensor<2xsi32>
}

// Creation ops without a device operand create host tensors: row-major in system memory, in
// the data type of their element type; a device user gets a convert_layout of them.
// CHECK-LABEL: func.func @host_creation
// CHECK-SAME: (%arg0: tensor<4xf32, #[[HOST_F32]]>) -> (tensor<4xf32, #[[HOST_F32]]>, tensor<2x3xsi32, #[[HOST_SI32]]>)
func.func @host_creation(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<2x3xsi32>) {
  // CHECK-NEXT: %[[C:.*]] = ttnn.constant {value = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>} : () -> tensor<4xf32, #[[HOST_F32]]>
  %0 = ttnn.constant {value = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  // CHECK-NEXT: %[[A:.*]] = ttnn.convert_layout %arg0 : (tensor<4xf32, #[[HOST_F32]]>) -> tensor<4xbf16, #[[TILE]]>
  // CHECK-NEXT: %[[CD:.*]] = ttnn.convert_layout %[[C]] : (tensor<4xf32, #[[HOST_F32]]>) -> tensor<4xbf16, #[[TILE]]>
  // CHECK-NEXT: %[[ADD:.*]] = ttnn.add %[[A]], %[[CD]] : (tensor<4xbf16, #[[TILE]]>, tensor<4xbf16, #[[TILE]]>) -> tensor<4xbf16, #[[TILE]]>
  %1 = ttnn.add %a, %0 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK-NEXT: %[[F:.*]] = ttnn.full {fill_value = 7 : i64, shape = array<i64: 2, 3>} : () -> tensor<2x3xsi32, #[[HOST_SI32]]>
  %2 = ttnn.full {fill_value = 7 : i64, shape = array<i64: 2, 3>} : () -> tensor<2x3xsi32>
  // CHECK-NEXT: %[[FD:.*]] = ttnn.convert_layout %[[F]] : (tensor<2x3xsi32, #[[HOST_SI32]]>) -> tensor<2x3xsi32, #[[TILE_SI32]]>
  // CHECK-NEXT: %[[NEG:.*]] = ttnn.neg %[[FD]] : (tensor<2x3xsi32, #[[TILE_SI32]]>) -> tensor<2x3xsi32, #[[TILE_SI32]]>
  %3 = ttnn.neg %2 : (tensor<2x3xsi32>) -> tensor<2x3xsi32>
  // CHECK-NEXT: %[[R0:.*]] = ttnn.convert_layout %[[ADD]]
  // CHECK-NEXT: %[[R1:.*]] = ttnn.convert_layout %[[NEG]]
  // CHECK-NEXT: return %[[R0]], %[[R1]]
  return %1, %3 : tensor<4xf32>, tensor<2x3xsi32>
}

// A host creation op returned as it is needs no conversion; booleans are u8 on the host.
// CHECK-LABEL: func.func @host_creation_returned
// CHECK-SAME: () -> (tensor<4xf32, #[[HOST_F32]]>, tensor<2xi1, #[[HOST_U8]]>)
func.func @host_creation_returned() -> (tensor<4xf32>, tensor<2xi1>) {
  // CHECK-NEXT: %[[F:.*]] = ttnn.full {fill_value = 1.500000e+00 : f32, shape = array<i64: 4>} : () -> tensor<4xf32, #[[HOST_F32]]>
  %0 = ttnn.full {fill_value = 1.5 : f32, shape = array<i64: 4>} : () -> tensor<4xf32>
  // CHECK-NEXT: %[[B:.*]] = ttnn.constant {value = dense<[true, false]> : tensor<2xi1>} : () -> tensor<2xi1, #[[HOST_U8]]>
  %1 = ttnn.constant {value = dense<[true, false]> : tensor<2xi1>} : () -> tensor<2xi1>
  // CHECK-NEXT: return %[[F]], %[[B]] : tensor<4xf32, #[[HOST_F32]]>, tensor<2xi1, #[[HOST_U8]]>
  return %0, %1 : tensor<4xf32>, tensor<2xi1>
}

// Ops with a compute configuration get the default fidelity unless they name one; weights
// stay bf16 by default, parameters or not.
// CHECK-LABEL: func.func @fidelity
func.func @fidelity(%a: tensor<32x64xf32>, %b: tensor<64x32xf32> {ttc.role = "parameter"}) -> tensor<32x32xf32> {
  // CHECK: ttnn.matmul %{{.*}}, %{{.*}} {math_fidelity = #ttnn.math_fidelity<hifi4>} : (tensor<32x64xbf16, #[[TILE]]>, tensor<64x32xbf16, #[[TILE]]>) -> tensor<32x32xbf16, #[[TILE]]>
  %0 = ttnn.matmul %a, %b : (tensor<32x64xf32>, tensor<64x32xf32>) -> tensor<32x32xf32>
  // CHECK-NEXT: ttnn.matmul %{{.*}}, %{{.*}} {math_fidelity = #ttnn.math_fidelity<hifi2>}
  %1 = ttnn.matmul %a, %b {math_fidelity = #ttnn.math_fidelity<hifi2>} : (tensor<32x64xf32>, tensor<64x32xf32>) -> tensor<32x32xf32>
  // CHECK-NEXT: %[[ADD:.*]] = ttnn.add
  // CHECK-NOT: math_fidelity
  // CHECK-SAME: -> tensor<32x32xbf16, #[[TILE]]>
  %2 = ttnn.add %0, %1 : (tensor<32x32xf32>, tensor<32x32xf32>) -> tensor<32x32xf32>
  return %2 : tensor<32x32xf32>
}
