// Intermediate device tensors take the grid of the function's device layouts (here n300's
// 8x7), not a default one.
// RUN: ttc-opt %s --ttnn-decompose-layouts | FileCheck %s

#host = #ttnn.layout<row_major, f32, system_memory>
#tile = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 7]>

// CHECK-DAG: #[[HOST:.*]] = #ttnn.layout<row_major, f32, system_memory>
// CHECK-DAG: #[[RM_F32:.*]] = #ttnn.layout<row_major, f32, dram, interleaved, grid = [8, 7]>
// CHECK-DAG: #[[TILE_F32:.*]] = #ttnn.layout<tile, f32, dram, interleaved, grid = [8, 7]>
// CHECK-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 7]>

// CHECK-LABEL: func.func @n300
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[DEV:.*]] = ttnn.to_device %arg0, %[[D]] {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32x32xf32, #[[HOST]]>, !ttnn.device) -> tensor<32x32xf32, #[[RM_F32]]>
// CHECK-NEXT: %[[T:.*]] = ttnn.to_layout %[[DEV]] {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<32x32xf32, #[[RM_F32]]>) -> tensor<32x32xbf16, #[[TILE]]>
// CHECK-NEXT: %[[R:.*]] = ttnn.relu %[[T]]
// CHECK-NEXT: %[[F:.*]] = ttnn.typecast %[[R]] {dtype = #ttnn.data_type<f32>} : (tensor<32x32xbf16, #[[TILE]]>) -> tensor<32x32xf32, #[[TILE_F32]]>
// CHECK-NEXT: %[[U:.*]] = ttnn.to_layout %[[F]] {layout = #ttnn.tensor_layout<row_major>} : (tensor<32x32xf32, #[[TILE_F32]]>) -> tensor<32x32xf32, #[[RM_F32]]>
// CHECK-NEXT: %[[H:.*]] = ttnn.from_device %[[U]] : (tensor<32x32xf32, #[[RM_F32]]>) -> tensor<32x32xf32, #[[HOST]]>
// CHECK-NEXT: return %[[H]]
func.func @n300(%x: tensor<32x32xf32, #host>) -> tensor<32x32xf32, #host> {
  %0 = ttnn.convert_layout %x : (tensor<32x32xf32, #host>) -> tensor<32x32xbf16, #tile>
  %1 = ttnn.relu %0 : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  %2 = ttnn.convert_layout %1 : (tensor<32x32xbf16, #tile>) -> tensor<32x32xf32, #host>
  return %2 : tensor<32x32xf32, #host>
}
