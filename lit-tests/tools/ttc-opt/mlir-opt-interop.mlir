// Upstream mlir-opt (22) reads what ttc-opt prints in generic form, for ttir, ttnn and aten
// alike, and ttc-opt reads back what mlir-opt prints.
// RUN: ttc-opt --mlir-print-op-generic %s | %mlir-opt --allow-unregistered-dialect | FileCheck %s
// RUN: ttc-opt --mlir-print-op-generic %s | %mlir-opt --allow-unregistered-dialect --mlir-print-op-generic | ttc-opt | FileCheck %s --check-prefix=BACK

#host = #ttnn.layout<tile, bf16, system_memory>
#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>

// CHECK: "ttir.matmul"(%{{.*}}, %{{.*}}) <{transpose_a = false, transpose_b = true}> : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
// CHECK: "ttir.layer_norm"(%{{.*}}) <{epsilon = 9.99999974E-6 : f32, normalized_shape = array<i64: 4>, operandSegmentSizes = array<i32: 1, 0, 0>}>
// CHECK: "aten.relu.default"
// CHECK: "ttnn.get_device"() : () -> !ttnn.device
// CHECK: "ttnn.to_device"(%{{.*}}, %{{.*}}) <{memory_config = #ttnn.memory_config<dram, interleaved>}> : (tensor<32x32xbf16, #ttnn.layout<tile, bf16, system_memory>>, !ttnn.device) -> tensor<32x32xbf16, #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>>
// CHECK: "ttnn.concat"
// CHECK: "ttnn.deallocate"

// BACK: ttir.matmul %arg0, %arg1 {transpose_b = true}
// BACK: ttnn.to_device %arg0, %{{.*}} {memory_config = #ttnn.memory_config<dram, interleaved>}
// BACK: ttnn.concat %{{.*}}, %{{.*}} {dim = 0 : i32}

func.func @ttir(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> tensor<2x4xf32> {
  %0 = ttir.matmul %a, %b {transpose_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %1 = ttir.layer_norm %0 {normalized_shape = array<i64: 4>} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %2 = "aten.relu.default"(%1) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %2 : tensor<2x4xf32>
}

func.func @ttnn(%x: tensor<32x32xbf16, #host>) -> tensor<64x32xbf16, #host> {
  %d = ttnn.get_device : !ttnn.device
  %0 = ttnn.to_device %x, %d {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32x32xbf16, #host>, !ttnn.device) -> tensor<32x32xbf16, #dram>
  %1 = ttnn.concat %0, %0 {dim = 0 : i32} : (tensor<32x32xbf16, #dram>, tensor<32x32xbf16, #dram>) -> tensor<64x32xbf16, #dram>
  %2 = ttnn.from_device %1 : (tensor<64x32xbf16, #dram>) -> tensor<64x32xbf16, #host>
  ttnn.deallocate %1 : tensor<64x32xbf16, #dram>
  return %2 : tensor<64x32xbf16, #host>
}
