// ttnn-const-eval moves what depends only on parameters, buffers, constants and the device
// into a private function called through ttnn.load_cached; inputs are not hoisted, and
// nothing is without roles.
// RUN: ttc-opt %s --ttnn-const-eval | FileCheck %s
// RUN: ttc-opt %s --ttnn-const-eval -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2

#host = #ttnn.layout<row_major, f32, system_memory>
#dev_rm = #ttnn.layout<row_major, f32, dram, interleaved, grid = [8, 8]>
#tile = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>

// CHECK-DAG: #[[HOST:.*]] = #ttnn.layout<row_major, f32, system_memory>
// CHECK-DAG: #[[RM:.*]] = #ttnn.layout<row_major, f32, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>

// The weight's copy, tilize and transpose run once; the input's every time.
// CHECK-LABEL: func.func @forward
// CHECK-SAME: (%arg0: tensor<64x32xf32, #[[HOST]]> {aten.name = "p_w", ttc.role = "parameter"}, %arg1: tensor<32x64xf32, #[[HOST]]> {aten.name = "x", ttc.role = "input"})
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[X:.*]] = ttnn.to_device %arg1, %[[D]] {memory_config = #ttnn.memory_config<dram, interleaved>}
// CHECK-NEXT: %[[XT:.*]] = ttnn.to_layout %[[X]] {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>}
// CHECK-NEXT: %[[W:.*]] = ttnn.load_cached @forward_const_eval_0(%arg0) : (tensor<64x32xf32, #[[HOST]]>) -> tensor<32x64xbf16, #[[TILE]]>
// CHECK-NEXT: %[[M:.*]] = ttnn.matmul %[[XT]], %[[W]] {transpose_b = true} : (tensor<32x64xbf16, #[[TILE]]>, tensor<32x64xbf16, #[[TILE]]>) -> tensor<32x32xbf16, #[[TILE]]>
// CHECK-NEXT: return %[[M]]
// CHECK-NEXT: }

// The const-eval function takes the arguments it reads, with their attributes, and opens the
// device itself.
// CHECK-LABEL: func.func private @forward_const_eval_0
// CHECK-SAME: (%arg0: tensor<64x32xf32, #[[HOST]]> {aten.name = "p_w", ttc.role = "parameter"}) -> tensor<32x64xbf16, #[[TILE]]>
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[WD:.*]] = ttnn.to_device %arg0, %[[D]] {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<64x32xf32, #[[HOST]]>, !ttnn.device) -> tensor<64x32xf32, #[[RM]]>
// CHECK-NEXT: %[[WT:.*]] = ttnn.to_layout %[[WD]] {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<64x32xf32, #[[RM]]>) -> tensor<64x32xbf16, #[[TILE]]>
// CHECK-NEXT: %[[TR:.*]] = ttnn.transpose %[[WT]] {dim0 = 0 : i32, dim1 = 1 : i32} : (tensor<64x32xbf16, #[[TILE]]>) -> tensor<32x64xbf16, #[[TILE]]>
// CHECK-NEXT: return %[[TR]] : tensor<32x64xbf16, #[[TILE]]>
// CHECK-NEXT: }
func.func @forward(%w: tensor<64x32xf32, #host> {aten.name = "p_w", ttc.role = "parameter"}, %x: tensor<32x64xf32, #host> {aten.name = "x", ttc.role = "input"}) -> tensor<32x32xbf16, #tile> {
  %d = ttnn.get_device : !ttnn.device
  %0 = ttnn.to_device %x, %d {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32x64xf32, #host>, !ttnn.device) -> tensor<32x64xf32, #dev_rm>
  %1 = ttnn.to_layout %0 {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<32x64xf32, #dev_rm>) -> tensor<32x64xbf16, #tile>
  %2 = ttnn.to_device %w, %d {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<64x32xf32, #host>, !ttnn.device) -> tensor<64x32xf32, #dev_rm>
  %3 = ttnn.to_layout %2 {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<64x32xf32, #dev_rm>) -> tensor<64x32xbf16, #tile>
  %4 = ttnn.transpose %3 {dim0 = 0 : i32, dim1 = 1 : i32} : (tensor<64x32xbf16, #tile>) -> tensor<32x64xbf16, #tile>
  %5 = ttnn.matmul %1, %4 {transpose_b = true} : (tensor<32x64xbf16, #tile>, tensor<32x64xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  return %5 : tensor<32x32xbf16, #tile>
}

// Without roles every argument is an input: nothing moves.
// CHECK-LABEL: func.func @no_roles
// CHECK-NEXT: ttnn.get_device
// CHECK-NEXT: ttnn.to_device %arg0
// CHECK-NEXT: ttnn.to_layout
// CHECK-NEXT: ttnn.matmul
// CHECK-NEXT: return
// CHECK-NOT: func.func private @no_roles_const_eval
func.func @no_roles(%w: tensor<64x32xf32, #host>, %x: tensor<32x64xbf16, #tile>) -> tensor<32x32xbf16, #tile> {
  %d = ttnn.get_device : !ttnn.device
  %0 = ttnn.to_device %w, %d {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<64x32xf32, #host>, !ttnn.device) -> tensor<64x32xf32, #dev_rm>
  %1 = ttnn.to_layout %0 {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<64x32xf32, #dev_rm>) -> tensor<64x32xbf16, #tile>
  %2 = ttnn.matmul %x, %1 : (tensor<32x64xbf16, #tile>, tensor<64x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  return %2 : tensor<32x32xbf16, #tile>
}

// Buffers and constants are constant too, and so are creation ops on the device; the name
// skips one already taken; the function's device handle stays (canonicalize removes it when
// unused).
// CHECK-LABEL: func.func @roles
// CHECK-NEXT: ttnn.get_device
// CHECK-NEXT: %[[C:.*]] = ttnn.load_cached @roles_const_eval_1(%arg0, %arg1) : (tensor<32xf32, #[[HOST]]>, tensor<32xf32, #[[HOST]]>) -> tensor<32xbf16, #[[TILE]]>
// CHECK-NEXT: %[[A:.*]] = ttnn.add %arg2, %[[C]]
// CHECK-NEXT: return %[[A]]
// CHECK-NEXT: }
// CHECK-NEXT: func.func private @roles_const_eval_1(%arg0: tensor<32xf32, #[[HOST]]> {ttc.role = "buffer"}, %arg1: tensor<32xf32, #[[HOST]]> {ttc.role = "constant"}) -> tensor<32xbf16, #[[TILE]]>
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[B0:.*]] = ttnn.to_device %arg0, %[[D]]
// CHECK-NEXT: %[[B1:.*]] = ttnn.to_layout %[[B0]]
// CHECK-NEXT: %[[C0:.*]] = ttnn.to_device %arg1, %[[D]]
// CHECK-NEXT: %[[C1:.*]] = ttnn.to_layout %[[C0]]
// CHECK-NEXT: %[[F:.*]] = ttnn.full %[[D]] {fill_value = 2.000000e+00 : f32, shape = array<i64: 32>}
// CHECK-NEXT: %[[MUL:.*]] = ttnn.multiply %[[B1]], %[[F]]
// CHECK-NEXT: %[[ADD:.*]] = ttnn.add %[[MUL]], %[[C1]]
// CHECK-NEXT: return %[[ADD]] : tensor<32xbf16, #[[TILE]]>
func.func @roles(%b: tensor<32xf32, #host> {ttc.role = "buffer"}, %c: tensor<32xf32, #host> {ttc.role = "constant"}, %x: tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile> {
  %d = ttnn.get_device : !ttnn.device
  %0 = ttnn.to_device %b, %d {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32xf32, #host>, !ttnn.device) -> tensor<32xf32, #dev_rm>
  %1 = ttnn.to_layout %0 {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<32xf32, #dev_rm>) -> tensor<32xbf16, #tile>
  %2 = ttnn.to_device %c, %d {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32xf32, #host>, !ttnn.device) -> tensor<32xf32, #dev_rm>
  %3 = ttnn.to_layout %2 {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<32xf32, #dev_rm>) -> tensor<32xbf16, #tile>
  %4 = ttnn.full %d {shape = array<i64: 32>, fill_value = 2.0 : f32} : (!ttnn.device) -> tensor<32xbf16, #tile>
  %5 = ttnn.multiply %1, %4 : (tensor<32xbf16, #tile>, tensor<32xbf16, #tile>) -> tensor<32xbf16, #tile>
  %6 = ttnn.add %5, %3 : (tensor<32xbf16, #tile>, tensor<32xbf16, #tile>) -> tensor<32xbf16, #tile>
  %7 = ttnn.add %x, %6 : (tensor<32x32xbf16, #tile>, tensor<32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  return %7 : tensor<32x32xbf16, #tile>
}

// A parameter read only by a host op: no ttnn op to hoist.
// CHECK-LABEL: func.func @host_only
// CHECK-NEXT: "aten.abs.default"(%arg0)
// CHECK-NEXT: return
func.func @host_only(%w: tensor<32xf32, #host> {ttc.role = "parameter"}) -> tensor<32xf32, #host> {
  %0 = "aten.abs.default"(%w) : (tensor<32xf32, #host>) -> tensor<32xf32, #host>
  return %0 : tensor<32xf32, #host>
}

// Private functions (const-eval functions among them) are left alone.
// CHECK-LABEL: func.func private @helper
// CHECK-NEXT: ttnn.get_device
// CHECK-NEXT: ttnn.to_device %arg0
// CHECK-NEXT: return
func.func private @helper(%w: tensor<32xf32, #host> {ttc.role = "parameter"}) -> tensor<32xf32, #dev_rm> {
  %d = ttnn.get_device : !ttnn.device
  %0 = ttnn.to_device %w, %d {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32xf32, #host>, !ttnn.device) -> tensor<32xf32, #dev_rm>
  return %0 : tensor<32xf32, #dev_rm>
}

// CHECK-LABEL: func.func @roles_const_eval_0()
// CHECK-NEXT: return
func.func @roles_const_eval_0() {
  return
}

// No other function was made.
// CHECK-NOT: func.func
