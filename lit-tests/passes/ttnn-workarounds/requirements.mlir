// ttnn-workarounds applies the library requirements declared on the ops (computeDtypes,
// operandRequirements, resultLayout, resultDtypes) with ttnn.convert_layout; ops that already
// meet them are left alone, and a second run changes nothing.
// RUN: ttc-opt %s --ttnn-workarounds | FileCheck %s
// RUN: ttc-opt %s --ttnn-workarounds -o %t.1 && ttc-opt %t.1 --ttnn-workarounds -o %t.2 && diff %t.1 %t.2

#tile = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
#tile_f32 = #ttnn.layout<tile, f32, dram, interleaved, grid = [8, 8]>
#tile_si32 = #ttnn.layout<tile, si32, dram, interleaved, grid = [8, 8]>

// CHECK-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[TILE_F32:.*]] = #ttnn.layout<tile, f32, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[TILE_SI32:.*]] = #ttnn.layout<tile, si32, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[RM_U32:.*]] = #ttnn.layout<row_major, u32, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[RM:.*]] = #ttnn.layout<row_major, bf16, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[HOST_RM:.*]] = #ttnn.layout<row_major, bf16, system_memory>
// CHECK-DAG: #[[HOST_RM_F32:.*]] = #ttnn.layout<row_major, f32, system_memory>

// Indices are read as row-major u32, the table as row-major bf16 (an f32 table included).
// CHECK-LABEL: func.func @embedding
func.func @embedding(%ids: tensor<1x4xsi32, #tile_si32>, %table: tensor<16x8xbf16, #tile>, %table32: tensor<16x8xf32, #tile_f32>) -> (tensor<1x4x8xbf16, #tile>, tensor<1x4x8xf32, #tile_f32>) {
  // CHECK-NEXT: %[[IDS:.*]] = ttnn.convert_layout %arg0 : (tensor<1x4xsi32, #[[TILE_SI32]]>) -> tensor<1x4xui32, #[[RM_U32]]>
  // CHECK-NEXT: %[[TABLE:.*]] = ttnn.convert_layout %arg1 : (tensor<16x8xbf16, #[[TILE]]>) -> tensor<16x8xbf16, #[[RM]]>
  // CHECK-NEXT: %[[E0:.*]] = ttnn.embedding %[[IDS]], %[[TABLE]] : (tensor<1x4xui32, #[[RM_U32]]>, tensor<16x8xbf16, #[[RM]]>) -> tensor<1x4x8xbf16, #[[TILE]]>
  %0 = ttnn.embedding %ids, %table : (tensor<1x4xsi32, #tile_si32>, tensor<16x8xbf16, #tile>) -> tensor<1x4x8xbf16, #tile>
  // The converted indices are shared.
  // CHECK-NEXT: %[[TABLE32:.*]] = ttnn.convert_layout %arg2 : (tensor<16x8xf32, #[[TILE_F32]]>) -> tensor<16x8xbf16, #[[RM]]>
  // CHECK-NEXT: %[[E1:.*]] = ttnn.embedding %[[IDS]], %[[TABLE32]] : (tensor<1x4xui32, #[[RM_U32]]>, tensor<16x8xbf16, #[[RM]]>) -> tensor<1x4x8xf32, #[[TILE_F32]]>
  %1 = ttnn.embedding %ids, %table32 : (tensor<1x4xsi32, #tile_si32>, tensor<16x8xf32, #tile_f32>) -> tensor<1x4x8xf32, #tile_f32>
  // CHECK-NEXT: return %[[E0]], %[[E1]]
  return %0, %1 : tensor<1x4x8xbf16, #tile>, tensor<1x4x8xf32, #tile_f32>
}

// argmax reads row-major and writes row-major u32; a conversion back to the type the users
// expect follows it.
// CHECK-LABEL: func.func @argmax
func.func @argmax(%x: tensor<4x10xbf16, #tile>) -> tensor<4xsi32, #tile_si32> {
  // CHECK-NEXT: %[[IN:.*]] = ttnn.convert_layout %arg0 : (tensor<4x10xbf16, #[[TILE]]>) -> tensor<4x10xbf16, #[[RM]]>
  // CHECK-NEXT: %[[IDX:.*]] = ttnn.argmax %[[IN]] {dim = 1 : i64} : (tensor<4x10xbf16, #[[RM]]>) -> tensor<4xui32, #[[RM_U32]]>
  // CHECK-NEXT: %[[BACK:.*]] = ttnn.convert_layout %[[IDX]] : (tensor<4xui32, #[[RM_U32]]>) -> tensor<4xsi32, #[[TILE_SI32]]>
  // CHECK-NEXT: return %[[BACK]] : tensor<4xsi32, #[[TILE_SI32]]>
  %0 = ttnn.argmax %x {dim = 1 : i64} : (tensor<4x10xbf16, #tile>) -> tensor<4xsi32, #tile_si32>
  return %0 : tensor<4xsi32, #tile_si32>
}

// Pooling reads and writes row-major.
// CHECK-LABEL: func.func @max_pool
func.func @max_pool(%x: tensor<1x1x64x16xbf16, #tile>) -> tensor<1x1x16x16xbf16, #tile> {
  // CHECK-NEXT: %[[IN:.*]] = ttnn.convert_layout %arg0 : (tensor<1x1x64x16xbf16, #[[TILE]]>) -> tensor<1x1x64x16xbf16, #[[RM]]>
  // CHECK-NEXT: %[[POOL:.*]] = ttnn.max_pool2d %[[IN]]
  // CHECK-SAME: (tensor<1x1x64x16xbf16, #[[RM]]>) -> tensor<1x1x16x16xbf16, #[[RM]]>
  // CHECK-NEXT: %[[BACK:.*]] = ttnn.convert_layout %[[POOL]] : (tensor<1x1x16x16xbf16, #[[RM]]>) -> tensor<1x1x16x16xbf16, #[[TILE]]>
  // CHECK-NEXT: return %[[BACK]]
  %0 = ttnn.max_pool2d %x {batch_size = 1 : i64, input_height = 8 : i64, input_width = 8 : i64, channels = 16 : i64, kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, dilation = array<i64: 1, 1>} : (tensor<1x1x64x16xbf16, #tile>) -> tensor<1x1x16x16xbf16, #tile>
  return %0 : tensor<1x1x16x16xbf16, #tile>
}

// conv2d reads its input row-major on the device and weight and bias row-major from host
// memory, in a float type they accept (bf16 stays bf16, f32 stays f32); the result is as
// requested.
// CHECK-LABEL: func.func @conv
func.func @conv(%x: tensor<1x1x64x4xbf16, #tile>, %w: tensor<8x4x3x3xbf16, #tile>, %b: tensor<1x1x1x8xf32, #tile_f32>) -> tensor<1x1x36x8xbf16, #tile> {
  // CHECK-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
  %d = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[IN:.*]] = ttnn.convert_layout %arg0 : (tensor<1x1x64x4xbf16, #[[TILE]]>) -> tensor<1x1x64x4xbf16, #[[RM]]>
  // CHECK-NEXT: %[[W:.*]] = ttnn.convert_layout %arg1 : (tensor<8x4x3x3xbf16, #[[TILE]]>) -> tensor<8x4x3x3xbf16, #[[HOST_RM]]>
  // CHECK-NEXT: %[[B:.*]] = ttnn.convert_layout %arg2 : (tensor<1x1x1x8xf32, #[[TILE_F32]]>) -> tensor<1x1x1x8xf32, #[[HOST_RM_F32]]>
  // CHECK-NEXT: %[[OUT:.*]] = ttnn.conv2d %[[IN]], %[[W]], %[[D]], %[[B]]
  // CHECK-SAME: (tensor<1x1x64x4xbf16, #[[RM]]>, tensor<8x4x3x3xbf16, #[[HOST_RM]]>, !ttnn.device, tensor<1x1x1x8xf32, #[[HOST_RM_F32]]>) -> tensor<1x1x36x8xbf16, #[[TILE]]>
  // CHECK-NEXT: return %[[OUT]]
  %0 = ttnn.conv2d %x, %w, %d, %b {in_channels = 4 : i64, out_channels = 8 : i64, batch_size = 1 : i64, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 3, 3>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>, dilation = array<i64: 1, 1>} : (tensor<1x1x64x4xbf16, #tile>, tensor<8x4x3x3xbf16, #tile>, !ttnn.device, tensor<1x1x1x8xf32, #tile_f32>) -> tensor<1x1x36x8xbf16, #tile>
  return %0 : tensor<1x1x36x8xbf16, #tile>
}

// A float-only op on integers computes in f32 (exact for integers up to 2^24) and converts its
// result back; the f32 copy of the input is shared.
// CHECK-LABEL: func.func @int_operand
func.func @int_operand(%x: tensor<4x8xsi32, #tile_si32>) -> (tensor<4x8xsi32, #tile_si32>, tensor<4x8xsi32, #tile_si32>) {
  // CHECK-NEXT: %[[F:.*]] = ttnn.convert_layout %arg0 : (tensor<4x8xsi32, #[[TILE_SI32]]>) -> tensor<4x8xf32, #[[TILE_F32]]>
  // CHECK-NEXT: %[[EXP:.*]] = ttnn.exp %[[F]] : (tensor<4x8xf32, #[[TILE_F32]]>) -> tensor<4x8xf32, #[[TILE_F32]]>
  // CHECK-NEXT: %[[EXP_I:.*]] = ttnn.convert_layout %[[EXP]] : (tensor<4x8xf32, #[[TILE_F32]]>) -> tensor<4x8xsi32, #[[TILE_SI32]]>
  %0 = ttnn.exp %x : (tensor<4x8xsi32, #tile_si32>) -> tensor<4x8xsi32, #tile_si32>
  // CHECK-NEXT: %[[SM:.*]] = ttnn.softmax %[[F]] {dimension = 1 : i32} : (tensor<4x8xf32, #[[TILE_F32]]>) -> tensor<4x8xf32, #[[TILE_F32]]>
  // CHECK-NEXT: %[[SM_I:.*]] = ttnn.convert_layout %[[SM]] : (tensor<4x8xf32, #[[TILE_F32]]>) -> tensor<4x8xsi32, #[[TILE_SI32]]>
  %1 = ttnn.softmax %x {dimension = 1 : i32} : (tensor<4x8xsi32, #tile_si32>) -> tensor<4x8xsi32, #tile_si32>
  // Users read the converted results.
  // CHECK-NEXT: ttnn.add %[[EXP_I]], %[[SM_I]] : (tensor<4x8xsi32, #[[TILE_SI32]]>, tensor<4x8xsi32, #[[TILE_SI32]]>) -> tensor<4x8xsi32, #[[TILE_SI32]]>
  %2 = ttnn.add %0, %1 : (tensor<4x8xsi32, #tile_si32>, tensor<4x8xsi32, #tile_si32>) -> tensor<4x8xsi32, #tile_si32>
  return %2, %1 : tensor<4x8xsi32, #tile_si32>, tensor<4x8xsi32, #tile_si32>
}

// Requirements already met: bf16 and f32 float ops, si32 integer ops, tiled matmul operands.
// CHECK-LABEL: func.func @untouched
func.func @untouched(%x: tensor<32x32xbf16, #tile>, %i: tensor<32x32xsi32, #tile_si32>, %f: tensor<32x32xf32, #tile_f32>) -> (tensor<32x32xbf16, #tile>, tensor<32x32xsi32, #tile_si32>, tensor<32x32xf32, #tile_f32>) {
  // CHECK-NOT: ttnn.convert_layout
  // CHECK: %[[EXP:.*]] = ttnn.exp %arg0 : (tensor<32x32xbf16, #[[TILE]]>) -> tensor<32x32xbf16, #[[TILE]]>
  %0 = ttnn.exp %x : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // CHECK-NEXT: ttnn.add %arg1, %arg1 : (tensor<32x32xsi32, #[[TILE_SI32]]>, tensor<32x32xsi32, #[[TILE_SI32]]>) -> tensor<32x32xsi32, #[[TILE_SI32]]>
  %1 = ttnn.add %i, %i : (tensor<32x32xsi32, #tile_si32>, tensor<32x32xsi32, #tile_si32>) -> tensor<32x32xsi32, #tile_si32>
  // CHECK-NEXT: ttnn.softmax %arg2 {dimension = 1 : i32} : (tensor<32x32xf32, #[[TILE_F32]]>) -> tensor<32x32xf32, #[[TILE_F32]]>
  %2 = ttnn.softmax %f {dimension = 1 : i32} : (tensor<32x32xf32, #tile_f32>) -> tensor<32x32xf32, #tile_f32>
  // CHECK-NEXT: ttnn.matmul %[[EXP]], %arg0 : (tensor<32x32xbf16, #[[TILE]]>, tensor<32x32xbf16, #[[TILE]]>) -> tensor<32x32xbf16, #[[TILE]]>
  %3 = ttnn.matmul %0, %x : (tensor<32x32xbf16, #tile>, tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // CHECK-NOT: ttnn.convert_layout
  // CHECK: return
  return %3, %1, %2 : tensor<32x32xbf16, #tile>, tensor<32x32xsi32, #tile_si32>, tensor<32x32xf32, #tile_f32>
}
