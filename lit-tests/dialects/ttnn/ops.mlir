// Every ttnn op, with layout encodings, in its custom syntax: parses, verifies and prints back
// unchanged; the generic form parses back to the same module.
// RUN: ttc-opt %s | FileCheck %s
// RUN: ttc-opt %s | ttc-opt | FileCheck %s
// RUN: ttc-opt --mlir-print-op-generic %s | ttc-opt | FileCheck %s

#host = #ttnn.layout<row_major, bf16, system_memory>
#host_tile = #ttnn.layout<tile, bf16, system_memory>
#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
#dram_rm = #ttnn.layout<row_major, bf16, dram, interleaved, grid = [8, 8]>
#dram_f32 = #ttnn.layout<tile, f32, dram, interleaved, grid = [8, 8]>
#bfp8 = #ttnn.layout<tile, bfp8_b, dram, interleaved, grid = [8, 8]>
#ids = #ttnn.layout<row_major, u32, dram, interleaved, grid = [1, 1]>
#l1 = #ttnn.layout<tile, bf16, l1, height_sharded, grid = [2, 4]>

// The printer names each distinct layout once.
// CHECK-DAG: #[[HOST:.*]] = #ttnn.layout<row_major, bf16, system_memory>
// CHECK-DAG: #[[DRAM:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[DRAM_RM:.*]] = #ttnn.layout<row_major, bf16, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[L1:.*]] = #ttnn.layout<tile, bf16, l1, height_sharded, grid = [2, 4]>

// CHECK-LABEL: func.func @transfers
func.func @transfers(%x: tensor<64x96xbf16, #host>) -> tensor<64x96xbf16, #host> {
  // CHECK: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  %dev = ttnn.get_device : !ttnn.device
  // CHECK: ttnn.to_device %arg0, %[[DEV]] {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<64x96xbf16, #[[HOST]]>, !ttnn.device) -> tensor<64x96xbf16, #[[DRAM_RM]]>
  %0 = ttnn.to_device %x, %dev {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<64x96xbf16, #host>, !ttnn.device) -> tensor<64x96xbf16, #dram_rm>
  // CHECK: ttnn.to_layout %{{.*}} {layout = #ttnn.tensor_layout<tile>} : (tensor<64x96xbf16, #[[DRAM_RM]]>) -> tensor<64x96xbf16, #[[DRAM]]>
  %1 = ttnn.to_layout %0 {layout = #ttnn.tensor_layout<tile>} : (tensor<64x96xbf16, #dram_rm>) -> tensor<64x96xbf16, #dram>
  // CHECK: ttnn.typecast %{{.*}} {dtype = #ttnn.data_type<f32>}
  %2 = ttnn.typecast %1 {dtype = #ttnn.data_type<f32>} : (tensor<64x96xbf16, #dram>) -> tensor<64x96xf32, #dram_f32>
  %3 = ttnn.typecast %2 {dtype = #ttnn.data_type<bf16>} : (tensor<64x96xf32, #dram_f32>) -> tensor<64x96xbf16, #dram>
  // CHECK: ttnn.to_layout %{{.*}} {layout = #ttnn.tensor_layout<tile>, memory_config = #ttnn.memory_config<l1, height_sharded>}
  %4 = ttnn.to_layout %3 {layout = #ttnn.tensor_layout<tile>, memory_config = #ttnn.memory_config<l1, height_sharded>} : (tensor<64x96xbf16, #dram>) -> tensor<64x96xbf16, #l1>
  %5 = ttnn.to_layout %4 {layout = #ttnn.tensor_layout<row_major>, memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<64x96xbf16, #l1>) -> tensor<64x96xbf16, #dram_rm>
  // CHECK: ttnn.from_device %{{.*}} : (tensor<64x96xbf16, #[[DRAM_RM]]>) -> tensor<64x96xbf16, #[[HOST]]>
  %6 = ttnn.from_device %5 : (tensor<64x96xbf16, #dram_rm>) -> tensor<64x96xbf16, #host>
  // CHECK: ttnn.deallocate %{{.*}} : tensor<64x96xbf16, #[[DRAM_RM]]>
  ttnn.deallocate %5 : tensor<64x96xbf16, #dram_rm>
  // CHECK: ttnn.deallocate %{{.*}} {force = true}
  ttnn.deallocate %4 {force = true} : tensor<64x96xbf16, #l1>
  return %6 : tensor<64x96xbf16, #host>
}

// CHECK-LABEL: func.func @compute
func.func @compute(%a: tensor<1x32x64xbf16, #dram>, %b: tensor<64x64xbf16, #bfp8>, %bias: tensor<64xbf16, #dram>) -> tensor<1x32x64xbf16, #dram> {
  // CHECK: ttnn.add
  %0 = ttnn.add %a, %a : (tensor<1x32x64xbf16, #dram>, tensor<1x32x64xbf16, #dram>) -> tensor<1x32x64xbf16, #dram>
  // CHECK: ttnn.subtract
  %1 = ttnn.subtract %0, %a : (tensor<1x32x64xbf16, #dram>, tensor<1x32x64xbf16, #dram>) -> tensor<1x32x64xbf16, #dram>
  // CHECK: ttnn.multiply
  %2 = ttnn.multiply %1, %bias : (tensor<1x32x64xbf16, #dram>, tensor<64xbf16, #dram>) -> tensor<1x32x64xbf16, #dram>
  // CHECK: ttnn.divide
  %3 = ttnn.divide %2, %a : (tensor<1x32x64xbf16, #dram>, tensor<1x32x64xbf16, #dram>) -> tensor<1x32x64xbf16, #dram>
  // CHECK: ttnn.relu
  %4 = ttnn.relu %3 : (tensor<1x32x64xbf16, #dram>) -> tensor<1x32x64xbf16, #dram>
  // CHECK: ttnn.gelu %{{.*}} {fast_and_approximate_mode = true}
  %5 = ttnn.gelu %4 {fast_and_approximate_mode = true} : (tensor<1x32x64xbf16, #dram>) -> tensor<1x32x64xbf16, #dram>
  // CHECK: ttnn.exp
  %6 = ttnn.exp %5 : (tensor<1x32x64xbf16, #dram>) -> tensor<1x32x64xbf16, #dram>
  // CHECK: ttnn.matmul %{{.*}}, %arg1 {transpose_b = true}
  %7 = ttnn.matmul %6, %b {transpose_b = true} : (tensor<1x32x64xbf16, #dram>, tensor<64x64xbf16, #bfp8>) -> tensor<1x32x64xbf16, #dram>
  // CHECK: ttnn.linear %{{.*}}, %arg1, %arg2 :
  %8 = ttnn.linear %7, %b, %bias : (tensor<1x32x64xbf16, #dram>, tensor<64x64xbf16, #bfp8>, tensor<64xbf16, #dram>) -> tensor<1x32x64xbf16, #dram>
  // CHECK: ttnn.softmax %{{.*}} {dimension = 2 : i32}
  %9 = ttnn.softmax %8 {dimension = 2 : i32} : (tensor<1x32x64xbf16, #dram>) -> tensor<1x32x64xbf16, #dram>
  // CHECK: ttnn.layer_norm %{{.*}} weight %arg2 bias %arg2 {epsilon = 9.99999997E-7 : f32}
  %10 = ttnn.layer_norm %9 weight %bias bias %bias {epsilon = 1.0e-6 : f32} : (tensor<1x32x64xbf16, #dram>, tensor<64xbf16, #dram>, tensor<64xbf16, #dram>) -> tensor<1x32x64xbf16, #dram>
  return %10 : tensor<1x32x64xbf16, #dram>
}

// CHECK-LABEL: func.func @data_movement
func.func @data_movement(%x: tensor<2x32x64xbf16, #dram>, %y: tensor<2x32x32xbf16, #dram>) -> tensor<96x64xbf16, #dram> {
  // CHECK: ttnn.reshape %arg0 {shape = array<i64: 64, 64>}
  %0 = ttnn.reshape %x {shape = array<i64: 64, 64>} : (tensor<2x32x64xbf16, #dram>) -> tensor<64x64xbf16, #dram>
  // CHECK: ttnn.transpose %{{.*}} {dim0 = -2 : i32, dim1 = -1 : i32}
  %1 = ttnn.transpose %0 {dim0 = -2 : i32, dim1 = -1 : i32} : (tensor<64x64xbf16, #dram>) -> tensor<64x64xbf16, #dram>
  // CHECK: ttnn.permute %arg1 {permutation = array<i64: 0, 2, 1>}
  %2 = ttnn.permute %y {permutation = array<i64: 0, 2, 1>} : (tensor<2x32x32xbf16, #dram>) -> tensor<2x32x32xbf16, #dram>
  %3 = ttnn.reshape %2 {shape = array<i64: 32, 64>} : (tensor<2x32x32xbf16, #dram>) -> tensor<32x64xbf16, #dram>
  // CHECK: ttnn.concat %{{.*}}, %{{.*}} {dim = 0 : i32} : (tensor<64x64xbf16, #[[DRAM]]>, tensor<32x64xbf16, #[[DRAM]]>) -> tensor<96x64xbf16, #[[DRAM]]>
  %4 = ttnn.concat %1, %3 {dim = 0 : i32} : (tensor<64x64xbf16, #dram>, tensor<32x64xbf16, #dram>) -> tensor<96x64xbf16, #dram>
  return %4 : tensor<96x64xbf16, #dram>
}

// CHECK-LABEL: func.func @embedding
func.func @embedding(%ids: tensor<1x128xui32, #ids>, %table: tensor<1000x64xbf16, #dram_rm>) -> tensor<1x128x64xbf16, #dram> {
  // CHECK: ttnn.embedding %arg0, %arg1 : (tensor<1x128xui32, #{{.*}}>, tensor<1000x64xbf16, #[[DRAM_RM]]>) -> tensor<1x128x64xbf16, #[[DRAM]]>
  %0 = ttnn.embedding %ids, %table : (tensor<1x128xui32, #ids>, tensor<1000x64xbf16, #dram_rm>) -> tensor<1x128x64xbf16, #dram>
  return %0 : tensor<1x128x64xbf16, #dram>
}

// CHECK-LABEL: func.func @host_tiles
func.func @host_tiles(%x: tensor<32x32xbf16, #host>) -> tensor<32x32xbf16, #host_tile> {
  // Tilizing on the host is allowed: to_layout works where its input lives.
  // CHECK: ttnn.to_layout %arg0 {layout = #ttnn.tensor_layout<tile>}
  %0 = ttnn.to_layout %x {layout = #ttnn.tensor_layout<tile>} : (tensor<32x32xbf16, #host>) -> tensor<32x32xbf16, #host_tile>
  return %0 : tensor<32x32xbf16, #host_tile>
}
