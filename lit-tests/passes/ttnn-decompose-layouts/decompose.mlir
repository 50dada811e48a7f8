// ttnn-decompose-layouts turns each ttnn.convert_layout into library calls, tilizing and
// converting data types on the device where it can; chains are composed, round trips and
// identities disappear, and each value crosses PCIe at most once per direction.
// RUN: ttc-opt %s --ttnn-decompose-layouts | FileCheck %s
// RUN: ttc-opt %s --ttnn-decompose-layouts -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttnn-decompose-layouts | FileCheck %s --check-prefix=NONE

// No conversion is left.
// NONE-NOT: ttnn.convert_layout

#host = #ttnn.layout<row_major, f32, system_memory>
#host_u8 = #ttnn.layout<row_major, u8, system_memory>
#host_si32 = #ttnn.layout<row_major, si32, system_memory>
#tile = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
#tile_f32 = #ttnn.layout<tile, f32, dram, interleaved, grid = [8, 8]>
#rm = #ttnn.layout<row_major, bf16, dram, interleaved, grid = [8, 8]>
#rm_u32 = #ttnn.layout<row_major, u32, dram, interleaved, grid = [8, 8]>
#bfp8 = #ttnn.layout<tile, bfp8_b, dram, interleaved, grid = [8, 8]>
#l1 = #ttnn.layout<tile, bf16, l1, interleaved, grid = [8, 8]>

// CHECK-DAG: #[[HOST:.*]] = #ttnn.layout<row_major, f32, system_memory>
// CHECK-DAG: #[[HOST_BF16:.*]] = #ttnn.layout<row_major, bf16, system_memory>
// CHECK-DAG: #[[HOST_U8:.*]] = #ttnn.layout<row_major, u8, system_memory>
// CHECK-DAG: #[[HOST_SI32:.*]] = #ttnn.layout<row_major, si32, system_memory>
// CHECK-DAG: #[[HOST_U32:.*]] = #ttnn.layout<row_major, u32, system_memory>
// CHECK-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[TILE_F32:.*]] = #ttnn.layout<tile, f32, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[RM:.*]] = #ttnn.layout<row_major, bf16, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[RM_F32:.*]] = #ttnn.layout<row_major, f32, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[RM_U32:.*]] = #ttnn.layout<row_major, u32, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[BFP8:.*]] = #ttnn.layout<tile, bfp8_b, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[L1:.*]] = #ttnn.layout<tile, bf16, l1, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[RM_F32_L1:.*]] = #ttnn.layout<row_major, f32, l1, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[TILE_U32:.*]] = #ttnn.layout<tile, u32, dram, interleaved, grid = [8, 8]>

// Host f32 to device tiles: copy the row-major tensor over, then tilize into bf16 there.
// CHECK-LABEL: func.func @to_device
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[DEV:.*]] = ttnn.to_device %arg0, %[[D]] {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<4x8xf32, #[[HOST]]>, !ttnn.device) -> tensor<4x8xf32, #[[RM_F32]]>
// CHECK-NEXT: %[[T:.*]] = ttnn.to_layout %[[DEV]] {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<4x8xf32, #[[RM_F32]]>) -> tensor<4x8xbf16, #[[TILE]]>
// CHECK-NEXT: return %[[T]] : tensor<4x8xbf16, #[[TILE]]>
func.func @to_device(%x: tensor<4x8xf32, #host>) -> tensor<4x8xbf16, #tile> {
  %0 = ttnn.convert_layout %x : (tensor<4x8xf32, #host>) -> tensor<4x8xbf16, #tile>
  return %0 : tensor<4x8xbf16, #tile>
}

// Device bf16 tiles to host f32: typecast while tiled, untilize on the device, copy back. No
// device handle is needed.
// CHECK-LABEL: func.func @from_device
// CHECK-NOT: ttnn.get_device
// CHECK-NEXT: %[[F:.*]] = ttnn.typecast %arg0 {dtype = #ttnn.data_type<f32>} : (tensor<4x8xbf16, #[[TILE]]>) -> tensor<4x8xf32, #[[TILE_F32]]>
// CHECK-NEXT: %[[R:.*]] = ttnn.to_layout %[[F]] {layout = #ttnn.tensor_layout<row_major>} : (tensor<4x8xf32, #[[TILE_F32]]>) -> tensor<4x8xf32, #[[RM_F32]]>
// CHECK-NEXT: %[[H:.*]] = ttnn.from_device %[[R]] : (tensor<4x8xf32, #[[RM_F32]]>) -> tensor<4x8xf32, #[[HOST]]>
// CHECK-NEXT: return %[[H]] : tensor<4x8xf32, #[[HOST]]>
func.func @from_device(%x: tensor<4x8xbf16, #tile>) -> tensor<4x8xf32, #host> {
  %0 = ttnn.convert_layout %x : (tensor<4x8xbf16, #tile>) -> tensor<4x8xf32, #host>
  return %0 : tensor<4x8xf32, #host>
}

// The device cannot tilize u8: booleans become bf16 on the host first, and come back to u8
// on the host after the copy.
// CHECK-LABEL: func.func @bool_to_device
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[B:.*]] = ttnn.typecast %arg0 {dtype = #ttnn.data_type<bf16>} : (tensor<4x8xi1, #[[HOST_U8]]>) -> tensor<4x8xbf16, #[[HOST_BF16]]>
// CHECK-NEXT: %[[DEV:.*]] = ttnn.to_device %[[B]], %[[D]] {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<4x8xbf16, #[[HOST_BF16]]>, !ttnn.device) -> tensor<4x8xbf16, #[[RM]]>
// CHECK-NEXT: %[[T:.*]] = ttnn.to_layout %[[DEV]] {layout = #ttnn.tensor_layout<tile>} : (tensor<4x8xbf16, #[[RM]]>) -> tensor<4x8xbf16, #[[TILE]]>
// CHECK-NEXT: return %[[T]]
func.func @bool_to_device(%m: tensor<4x8xi1, #host_u8>) -> tensor<4x8xbf16, #tile> {
  %0 = ttnn.convert_layout %m : (tensor<4x8xi1, #host_u8>) -> tensor<4x8xbf16, #tile>
  return %0 : tensor<4x8xbf16, #tile>
}

// CHECK-LABEL: func.func @bool_from_device
// CHECK-NEXT: %[[R:.*]] = ttnn.to_layout %arg0 {layout = #ttnn.tensor_layout<row_major>} : (tensor<4x8xbf16, #[[TILE]]>) -> tensor<4x8xbf16, #[[RM]]>
// CHECK-NEXT: %[[H:.*]] = ttnn.from_device %[[R]] : (tensor<4x8xbf16, #[[RM]]>) -> tensor<4x8xbf16, #[[HOST_BF16]]>
// CHECK-NEXT: %[[B:.*]] = ttnn.typecast %[[H]] {dtype = #ttnn.data_type<u8>} : (tensor<4x8xbf16, #[[HOST_BF16]]>) -> tensor<4x8xi1, #[[HOST_U8]]>
// CHECK-NEXT: return %[[B]]
func.func @bool_from_device(%m: tensor<4x8xbf16, #tile>) -> tensor<4x8xi1, #host_u8> {
  %0 = ttnn.convert_layout %m : (tensor<4x8xbf16, #tile>) -> tensor<4x8xi1, #host_u8>
  return %0 : tensor<4x8xi1, #host_u8>
}

// A row-major device target in another data type: convert on the host, then copy.
// CHECK-LABEL: func.func @indices
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[U:.*]] = ttnn.typecast %arg0 {dtype = #ttnn.data_type<u32>} : (tensor<1x4xsi32, #[[HOST_SI32]]>) -> tensor<1x4xui32, #[[HOST_U32]]>
// CHECK-NEXT: %[[DEV:.*]] = ttnn.to_device %[[U]], %[[D]] {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<1x4xui32, #[[HOST_U32]]>, !ttnn.device) -> tensor<1x4xui32, #[[RM_U32]]>
// CHECK-NEXT: return %[[DEV]]
func.func @indices(%i: tensor<1x4xsi32, #host_si32>) -> tensor<1x4xui32, #rm_u32> {
  %0 = ttnn.convert_layout %i : (tensor<1x4xsi32, #host_si32>) -> tensor<1x4xui32, #rm_u32>
  return %0 : tensor<1x4xui32, #rm_u32>
}

// Tilizing f32 straight into bfp8_b on the device.
// CHECK-LABEL: func.func @bfp8
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[DEV:.*]] = ttnn.to_device %arg0, %[[D]] {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32x32xf32, #[[HOST]]>, !ttnn.device) -> tensor<32x32xf32, #[[RM_F32]]>
// CHECK-NEXT: %[[T:.*]] = ttnn.to_layout %[[DEV]] {dtype = #ttnn.data_type<bfp8_b>, layout = #ttnn.tensor_layout<tile>} : (tensor<32x32xf32, #[[RM_F32]]>) -> tensor<32x32xbf16, #[[BFP8]]>
// CHECK-NEXT: return %[[T]]
func.func @bfp8(%x: tensor<32x32xf32, #host>) -> tensor<32x32xbf16, #bfp8> {
  %0 = ttnn.convert_layout %x : (tensor<32x32xf32, #host>) -> tensor<32x32xbf16, #bfp8>
  return %0 : tensor<32x32xbf16, #bfp8>
}

// A bfp8_b tensor goes back to the host through bf16 (untilize does not read block floats).
// CHECK-LABEL: func.func @bfp8_to_host
// CHECK-NEXT: %[[B:.*]] = ttnn.typecast %arg0 {dtype = #ttnn.data_type<bf16>} : (tensor<32x32xbf16, #[[BFP8]]>) -> tensor<32x32xbf16, #[[TILE]]>
// CHECK-NEXT: %[[R:.*]] = ttnn.to_layout %[[B]] {layout = #ttnn.tensor_layout<row_major>} : (tensor<32x32xbf16, #[[TILE]]>) -> tensor<32x32xbf16, #[[RM]]>
// CHECK-NEXT: %[[H:.*]] = ttnn.from_device %[[R]] : (tensor<32x32xbf16, #[[RM]]>) -> tensor<32x32xbf16, #[[HOST_BF16]]>
// CHECK-NEXT: return %[[H]]
func.func @bfp8_to_host(%x: tensor<32x32xbf16, #bfp8>) -> tensor<32x32xbf16, #ttnn.layout<row_major, bf16, system_memory>> {
  %0 = ttnn.convert_layout %x : (tensor<32x32xbf16, #bfp8>) -> tensor<32x32xbf16, #ttnn.layout<row_major, bf16, system_memory>>
  return %0 : tensor<32x32xbf16, #ttnn.layout<row_major, bf16, system_memory>>
}

// Row-major to row-major in another data type stays on the device, through tiles.
// CHECK-LABEL: func.func @row_major_dtype
// CHECK-NEXT: %[[T:.*]] = ttnn.to_layout %arg0 {layout = #ttnn.tensor_layout<tile>} : (tensor<1x4xui32, #[[RM_U32]]>) -> tensor<1x4xui32, #[[TILE_U32]]>
// CHECK-NEXT: %[[C:.*]] = ttnn.typecast %[[T]] {dtype = #ttnn.data_type<bf16>} : (tensor<1x4xui32, #[[TILE_U32]]>) -> tensor<1x4xbf16, #[[TILE]]>
// CHECK-NEXT: %[[R:.*]] = ttnn.to_layout %[[C]] {layout = #ttnn.tensor_layout<row_major>} : (tensor<1x4xbf16, #[[TILE]]>) -> tensor<1x4xbf16, #[[RM]]>
// CHECK-NEXT: return %[[R]]
func.func @row_major_dtype(%i: tensor<1x4xui32, #rm_u32>) -> tensor<1x4xbf16, #rm> {
  %0 = ttnn.convert_layout %i : (tensor<1x4xui32, #rm_u32>) -> tensor<1x4xbf16, #rm>
  return %0 : tensor<1x4xbf16, #rm>
}

// A move into L1 is a to_memory_config.
// CHECK-LABEL: func.func @to_l1
// CHECK-NEXT: %[[L:.*]] = ttnn.to_memory_config %arg0 {memory_config = #ttnn.memory_config<l1, interleaved>} : (tensor<32x32xbf16, #[[TILE]]>) -> tensor<32x32xbf16, #[[L1]]>
// CHECK-NEXT: return %[[L]]
func.func @to_l1(%x: tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #l1> {
  %0 = ttnn.convert_layout %x : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #l1>
  return %0 : tensor<32x32xbf16, #l1>
}

// From the host into L1: copied straight into L1 and tilized there.
// CHECK-LABEL: func.func @host_to_l1
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[DEV:.*]] = ttnn.to_device %arg0, %[[D]] {memory_config = #ttnn.memory_config<l1, interleaved>} : (tensor<32x32xf32, #[[HOST]]>, !ttnn.device) -> tensor<32x32xf32, #[[RM_F32_L1]]>
// CHECK-NEXT: %[[T:.*]] = ttnn.to_layout %[[DEV]] {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<32x32xf32, #[[RM_F32_L1]]>) -> tensor<32x32xbf16, #[[L1]]>
// CHECK-NEXT: return %[[T]]
func.func @host_to_l1(%x: tensor<32x32xf32, #host>) -> tensor<32x32xbf16, #l1> {
  %0 = ttnn.convert_layout %x : (tensor<32x32xf32, #host>) -> tensor<32x32xbf16, #l1>
  return %0 : tensor<32x32xbf16, #l1>
}

// A chain of conversions is one conversion from its start.
// CHECK-LABEL: func.func @chain
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[DEV:.*]] = ttnn.to_device %arg0, %[[D]] {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<4x8xf32, #[[HOST]]>, !ttnn.device) -> tensor<4x8xf32, #[[RM_F32]]>
// CHECK-NEXT: %[[T:.*]] = ttnn.to_layout %[[DEV]] {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<4x8xf32, #[[RM_F32]]>) -> tensor<4x8xbf16, #[[TILE]]>
// CHECK-NEXT: return %[[T]]
func.func @chain(%x: tensor<4x8xf32, #host>) -> tensor<4x8xbf16, #tile> {
  %0 = ttnn.convert_layout %x : (tensor<4x8xf32, #host>) -> tensor<4x8xbf16, #rm>
  %1 = ttnn.convert_layout %0 : (tensor<4x8xbf16, #rm>) -> tensor<4x8xbf16, #tile>
  return %1 : tensor<4x8xbf16, #tile>
}

// Device -> host -> device is the original device value.
// CHECK-LABEL: func.func @round_trip
// CHECK-NEXT: %[[R:.*]] = ttnn.relu %arg0 : (tensor<4x8xbf16, #[[TILE]]>) -> tensor<4x8xbf16, #[[TILE]]>
// CHECK-NEXT: return %[[R]]
func.func @round_trip(%x: tensor<4x8xbf16, #tile>) -> tensor<4x8xbf16, #tile> {
  %0 = ttnn.convert_layout %x : (tensor<4x8xbf16, #tile>) -> tensor<4x8xf32, #host>
  %1 = ttnn.convert_layout %0 : (tensor<4x8xf32, #host>) -> tensor<4x8xbf16, #tile>
  %2 = ttnn.relu %1 : (tensor<4x8xbf16, #tile>) -> tensor<4x8xbf16, #tile>
  return %2 : tensor<4x8xbf16, #tile>
}

// When the host copy has a host user, the copy stays but the device user still reads the
// original.
// CHECK-LABEL: func.func @round_trip_with_host_user
// CHECK-NEXT: %[[F:.*]] = ttnn.typecast %arg0 {dtype = #ttnn.data_type<f32>}
// CHECK-NEXT: %[[R:.*]] = ttnn.to_layout %[[F]] {layout = #ttnn.tensor_layout<row_major>}
// CHECK-NEXT: %[[H:.*]] = ttnn.from_device %[[R]]
// CHECK-NEXT: %[[NZ:.*]] = "aten.nonzero.default"(%[[H]])
// CHECK-NEXT: %[[RELU:.*]] = ttnn.relu %arg0 : (tensor<8xbf16, #[[TILE]]>) -> tensor<8xbf16, #[[TILE]]>
// CHECK-NEXT: return %[[RELU]], %[[NZ]]
func.func @round_trip_with_host_user(%x: tensor<8xbf16, #tile>) -> (tensor<8xbf16, #tile>, tensor<3x1xsi32, #host_si32>) {
  %0 = ttnn.convert_layout %x : (tensor<8xbf16, #tile>) -> tensor<8xf32, #host>
  %1 = "aten.nonzero.default"(%0) : (tensor<8xf32, #host>) -> tensor<3x1xsi32, #host_si32>
  %2 = ttnn.convert_layout %0 : (tensor<8xf32, #host>) -> tensor<8xbf16, #tile>
  %3 = ttnn.relu %2 : (tensor<8xbf16, #tile>) -> tensor<8xbf16, #tile>
  return %3, %1 : tensor<8xbf16, #tile>, tensor<3x1xsi32, #host_si32>
}

// A chain that ends where it started is an identity and disappears.
// CHECK-LABEL: func.func @identity
// CHECK-NEXT: %[[R:.*]] = ttnn.relu %arg0 : (tensor<4x8xbf16, #[[TILE]]>) -> tensor<4x8xbf16, #[[TILE]]>
// CHECK-NEXT: return %[[R]]
func.func @identity(%x: tensor<4x8xbf16, #tile>) -> tensor<4x8xbf16, #tile> {
  %0 = ttnn.convert_layout %x : (tensor<4x8xbf16, #tile>) -> tensor<4x8xbf16, #rm>
  %1 = ttnn.convert_layout %0 : (tensor<4x8xbf16, #rm>) -> tensor<4x8xbf16, #tile>
  %2 = ttnn.relu %1 : (tensor<4x8xbf16, #tile>) -> tensor<4x8xbf16, #tile>
  return %2 : tensor<4x8xbf16, #tile>
}

// One host value to two device layouts: one to_device, two tilizes of the copy.
// CHECK-LABEL: func.func @shared_copy
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[DEV:.*]] = ttnn.to_device %arg0, %[[D]] {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<4x8xf32, #[[HOST]]>, !ttnn.device) -> tensor<4x8xf32, #[[RM_F32]]>
// CHECK-NEXT: %[[BF:.*]] = ttnn.to_layout %[[DEV]] {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<4x8xf32, #[[RM_F32]]>) -> tensor<4x8xbf16, #[[TILE]]>
// CHECK-NEXT: %[[F:.*]] = ttnn.to_layout %[[DEV]] {layout = #ttnn.tensor_layout<tile>} : (tensor<4x8xf32, #[[RM_F32]]>) -> tensor<4x8xf32, #[[TILE_F32]]>
// CHECK-NEXT: return %[[BF]], %[[F]]
func.func @shared_copy(%x: tensor<4x8xf32, #host>) -> (tensor<4x8xbf16, #tile>, tensor<4x8xf32, #tile_f32>) {
  %0 = ttnn.convert_layout %x : (tensor<4x8xf32, #host>) -> tensor<4x8xbf16, #tile>
  %1 = ttnn.convert_layout %x : (tensor<4x8xf32, #host>) -> tensor<4x8xf32, #tile_f32>
  return %0, %1 : tensor<4x8xbf16, #tile>, tensor<4x8xf32, #tile_f32>
}

// Two conversions of one value to one type are one.
// CHECK-LABEL: func.func @duplicates
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[DEV:.*]] = ttnn.to_device %arg0, %[[D]]
// CHECK-NEXT: %[[T:.*]] = ttnn.to_layout %[[DEV]] {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>}
// CHECK-NEXT: %[[A:.*]] = ttnn.add %[[T]], %[[T]]
// CHECK-NEXT: return %[[A]]
func.func @duplicates(%x: tensor<4x8xf32, #host>) -> tensor<4x8xbf16, #tile> {
  %0 = ttnn.convert_layout %x : (tensor<4x8xf32, #host>) -> tensor<4x8xbf16, #tile>
  %1 = ttnn.convert_layout %x : (tensor<4x8xf32, #host>) -> tensor<4x8xbf16, #tile>
  %2 = ttnn.add %0, %1 : (tensor<4x8xbf16, #tile>, tensor<4x8xbf16, #tile>) -> tensor<4x8xbf16, #tile>
  return %2 : tensor<4x8xbf16, #tile>
}

// An existing device handle is reused.
// CHECK-LABEL: func.func @existing_device
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[FULL:.*]] = ttnn.full %[[D]]
// CHECK-NEXT: %[[DEV:.*]] = ttnn.to_device %arg0, %[[D]]
// CHECK-NOT: ttnn.get_device
// CHECK: return
func.func @existing_device(%x: tensor<32x32xf32, #host>) -> tensor<32x32xbf16, #tile> {
  %d = ttnn.get_device : !ttnn.device
  %1 = ttnn.full %d {shape = array<i64: 32, 32>, fill_value = 1.0 : f32} : (!ttnn.device) -> tensor<32x32xbf16, #tile>
  %0 = ttnn.convert_layout %x : (tensor<32x32xf32, #host>) -> tensor<32x32xbf16, #tile>
  %2 = ttnn.add %0, %1 : (tensor<32x32xbf16, #tile>, tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  return %2 : tensor<32x32xbf16, #tile>
}

// An existing device handle defined after the first conversion needing it is moved to the
// top of the function and reused, so it dominates the to_device.
// CHECK-LABEL: func.func @existing_device_later
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[DEV:.*]] = ttnn.to_device %arg0, %[[D]] {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32x32xf32, #[[HOST]]>, !ttnn.device) -> tensor<32x32xf32, #[[RM_F32]]>
// CHECK-NEXT: %[[T:.*]] = ttnn.to_layout %[[DEV]]
// CHECK-NEXT: %[[FULL:.*]] = ttnn.full %[[D]]
// CHECK-NEXT: %[[ADD:.*]] = ttnn.add %[[T]], %[[FULL]]
// CHECK-NEXT: return %[[ADD]]
func.func @existing_device_later(%x: tensor<32x32xf32, #host>) -> tensor<32x32xbf16, #tile> {
  %0 = ttnn.convert_layout %x : (tensor<32x32xf32, #host>) -> tensor<32x32xbf16, #tile>
  %d = ttnn.get_device : !ttnn.device
  %1 = ttnn.full %d {shape = array<i64: 32, 32>, fill_value = 1.0 : f32} : (!ttnn.device) -> tensor<32x32xbf16, #tile>
  %2 = ttnn.add %0, %1 : (tensor<32x32xbf16, #tile>, tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  return %2 : tensor<32x32xbf16, #tile>
}

// The same when the handle is the function's last op.
// CHECK-LABEL: func.func @existing_device_last
// CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CHECK-NEXT: %[[DEV:.*]] = ttnn.to_device %arg0, %[[D]]
// CHECK-NEXT: %[[T:.*]] = ttnn.to_layout %[[DEV]]
// CHECK-NEXT: return %[[T]], %[[D]]
func.func @existing_device_last(%x: tensor<32x32xf32, #host>) -> (tensor<32x32xbf16, #tile>, !ttnn.device) {
  %0 = ttnn.convert_layout %x : (tensor<32x32xf32, #host>) -> tensor<32x32xbf16, #tile>
  %d = ttnn.get_device : !ttnn.device
  return %0, %d : tensor<32x32xbf16, #tile>, !ttnn.device
}

// Out of L1 first, then to the host as from DRAM.
// CHECK-LABEL: func.func @from_l1
// CHECK-NEXT: %[[M:.*]] = ttnn.to_memory_config %arg0 {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32x32xbf16, #[[L1]]>) -> tensor<32x32xbf16, #[[TILE]]>
// CHECK-NEXT: %[[F:.*]] = ttnn.typecast %[[M]] {dtype = #ttnn.data_type<f32>} : (tensor<32x32xbf16, #[[TILE]]>) -> tensor<32x32xf32, #[[TILE_F32]]>
// CHECK-NEXT: %[[R:.*]] = ttnn.to_layout %[[F]] {layout = #ttnn.tensor_layout<row_major>} : (tensor<32x32xf32, #[[TILE_F32]]>) -> tensor<32x32xf32, #[[RM_F32]]>
// CHECK-NEXT: %[[H:.*]] = ttnn.from_device %[[R]] : (tensor<32x32xf32, #[[RM_F32]]>) -> tensor<32x32xf32, #[[HOST]]>
// CHECK-NEXT: return %[[H]]
func.func @from_l1(%x: tensor<32x32xbf16, #l1>) -> tensor<32x32xf32, #host> {
  %0 = ttnn.convert_layout %x : (tensor<32x32xbf16, #l1>) -> tensor<32x32xf32, #host>
  return %0 : tensor<32x32xf32, #host>
}
