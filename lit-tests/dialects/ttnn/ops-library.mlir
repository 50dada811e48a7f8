// The ttnn ops that convert-ttir-to-ttnn and the layout passes produce beyond ops.mlir
// (flattened-NHWC convolution and pooling, 4-D batch norm, one-dimension reductions, creation
// ops with and without the device, load_cached, convert_layout, to_memory_config, where,
// attention), with and without #ttnn.layout encodings: each parses, passes both verifiers and
// prints back unchanged; the generic form parses back to the same module.
// RUN: ttc-opt %s | FileCheck %s
// RUN: ttc-opt %s | ttc-opt | FileCheck %s
// RUN: ttc-opt --mlir-print-op-generic %s | ttc-opt | FileCheck %s

#host = #ttnn.layout<row_major, bf16, system_memory>
#host_f32 = #ttnn.layout<row_major, f32, system_memory>
#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
#dram_rm = #ttnn.layout<row_major, bf16, dram, interleaved, grid = [8, 8]>
#dram_f32 = #ttnn.layout<tile, f32, dram, interleaved, grid = [8, 8]>
#u16_rm = #ttnn.layout<row_major, u16, dram, interleaved, grid = [8, 8]>
#u32_rm = #ttnn.layout<row_major, u32, dram, interleaved, grid = [8, 8]>
#l1 = #ttnn.layout<tile, bf16, l1, interleaved, grid = [8, 8]>

// CHECK-DAG: #[[HOST:.*]] = #ttnn.layout<row_major, bf16, system_memory>
// CHECK-DAG: #[[HOST_F32:.*]] = #ttnn.layout<row_major, f32, system_memory>
// CHECK-DAG: #[[DRAM:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[DRAM_RM:.*]] = #ttnn.layout<row_major, bf16, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[DRAM_F32:.*]] = #ttnn.layout<tile, f32, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[U16_RM:.*]] = #ttnn.layout<row_major, u16, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[U32_RM:.*]] = #ttnn.layout<row_major, u32, dram, interleaved, grid = [8, 8]>
// CHECK-DAG: #[[L1:.*]] = #ttnn.layout<tile, bf16, l1, interleaved, grid = [8, 8]>

// CHECK-LABEL: func.func @conv_pool(
// CHECK-SAME: %arg0: tensor<1x1x128x4xbf16, #[[DRAM_RM]]>, %arg1: tensor<6x2x3x3xf32, #[[HOST_F32]]>, %arg2: tensor<1x1x1x6xf32, #[[HOST_F32]]>
func.func @conv_pool(%x: tensor<1x1x128x4xbf16, #dram_rm>, %w: tensor<6x2x3x3xf32, #host_f32>, %b: tensor<1x1x1x6xf32, #host_f32>) -> (tensor<1x1x88x6xbf16, #dram>, tensor<1x1x32x4xbf16, #dram_rm>, tensor<1x1x32x4xui16, #u16_rm>, tensor<1x1x32x4xbf16, #dram_rm>, tensor<2x1x1x6xbf16, #dram>) {
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  %dev = ttnn.get_device : !ttnn.device
  // Weight and bias in host memory, the input flattened: [1, 1, 2 * 8 * 8, 4].
  // CHECK-NEXT: %[[CONV:.*]] = ttnn.conv2d %arg0, %arg1, %[[DEV]], %arg2 {batch_size = 2 : i64, dilation = array<i64: 1, 1>, groups = 2 : i64, in_channels = 4 : i64, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 3, 3>, math_fidelity = #ttnn.math_fidelity<hifi4>, out_channels = 6 : i64, padding = array<i64: 1, 0, 2, 3>, stride = array<i64: 2, 1>} : (tensor<1x1x128x4xbf16, #[[DRAM_RM]]>, tensor<6x2x3x3xf32, #[[HOST_F32]]>, !ttnn.device, tensor<1x1x1x6xf32, #[[HOST_F32]]>) -> tensor<1x1x88x6xbf16, #[[DRAM]]>
  %0 = ttnn.conv2d %x, %w, %dev, %b {batch_size = 2 : i64, dilation = array<i64: 1, 1>, groups = 2 : i64, in_channels = 4 : i64, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 3, 3>, math_fidelity = #ttnn.math_fidelity<hifi4>, out_channels = 6 : i64, padding = array<i64: 1, 0, 2, 3>, stride = array<i64: 2, 1>} : (tensor<1x1x128x4xbf16, #dram_rm>, tensor<6x2x3x3xf32, #host_f32>, !ttnn.device, tensor<1x1x1x6xf32, #host_f32>) -> tensor<1x1x88x6xbf16, #dram>
  // Two results, the indices u16.
  // CHECK-NEXT: %[[V:.*]], %[[I:.*]] = ttnn.max_pool2d_with_indices %arg0 {batch_size = 2 : i64, ceil_mode = true, channels = 4 : i64, dilation = array<i64: 1, 1>, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x1x128x4xbf16, #[[DRAM_RM]]>) -> (tensor<1x1x32x4xbf16, #[[DRAM_RM]]>, tensor<1x1x32x4xui16, #[[U16_RM]]>)
  %1:2 = ttnn.max_pool2d_with_indices %x {batch_size = 2 : i64, ceil_mode = true, channels = 4 : i64, dilation = array<i64: 1, 1>, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x1x128x4xbf16, #dram_rm>) -> (tensor<1x1x32x4xbf16, #dram_rm>, tensor<1x1x32x4xui16, #u16_rm>)
  // count_include_pad = true is the default and is not printed.
  // CHECK-NEXT: %[[AVG:.*]] = ttnn.avg_pool2d %arg0 {batch_size = 2 : i64, channels = 4 : i64, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>} : (tensor<1x1x128x4xbf16, #[[DRAM_RM]]>) -> tensor<1x1x32x4xbf16, #[[DRAM_RM]]>
  %2 = ttnn.avg_pool2d %x {batch_size = 2 : i64, channels = 4 : i64, count_include_pad = true, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>} : (tensor<1x1x128x4xbf16, #dram_rm>) -> tensor<1x1x32x4xbf16, #dram_rm>
  // [N, H, W, C] to [N, 1, 1, C].
  %r = ttnn.reshape %0 {shape = array<i64: 2, 4, 11, 6>} : (tensor<1x1x88x6xbf16, #dram>) -> tensor<2x4x11x6xbf16, #dram>
  // CHECK-NEXT: %[[R:.*]] = ttnn.reshape %[[CONV]] {shape = array<i64: 2, 4, 11, 6>} : (tensor<1x1x88x6xbf16, #[[DRAM]]>) -> tensor<2x4x11x6xbf16, #[[DRAM]]>
  // CHECK-NEXT: %[[GAP:.*]] = ttnn.global_avg_pool2d %[[R]] : (tensor<2x4x11x6xbf16, #[[DRAM]]>) -> tensor<2x1x1x6xbf16, #[[DRAM]]>
  %3 = ttnn.global_avg_pool2d %r : (tensor<2x4x11x6xbf16, #dram>) -> tensor<2x1x1x6xbf16, #dram>
  // CHECK-NEXT: return %[[CONV]], %[[V]], %[[I]], %[[AVG]], %[[GAP]]
  return %0, %1#0, %1#1, %2, %3 : tensor<1x1x88x6xbf16, #dram>, tensor<1x1x32x4xbf16, #dram_rm>, tensor<1x1x32x4xui16, #u16_rm>, tensor<1x1x32x4xbf16, #dram_rm>, tensor<2x1x1x6xbf16, #dram>
}

// CHECK-LABEL: func.func @without_layouts(%arg0: tensor<2x3x4x4xbf16>, %arg1: tensor<1x3x1x1xbf16>, %arg2: tensor<1x3x1x1xbf16>, %arg3: tensor<2x3x4xbf16>)
func.func @without_layouts(%x: tensor<2x3x4x4xbf16>, %m: tensor<1x3x1x1xbf16>, %v: tensor<1x3x1x1xbf16>, %p: tensor<2x3x4xbf16>) -> (tensor<2x3x4x4xbf16>, tensor<2x3x4x4xbf16>, tensor<2x1x4xbf16>, tensor<2x4xbf16>, tensor<bf16>, tensor<2x4xui32>, tensor<2x3x4xui32>) {
  // Before ttnn-layout, tensor types carry no encoding.
  // CHECK-NEXT: %[[BN:.*]] = ttnn.batch_norm %arg0, %arg1, %arg2 weight %arg1 bias %arg2 {epsilon = 1.000000e-03 : f32} : (tensor<2x3x4x4xbf16>, tensor<1x3x1x1xbf16>, tensor<1x3x1x1xbf16>, tensor<1x3x1x1xbf16>, tensor<1x3x1x1xbf16>) -> tensor<2x3x4x4xbf16>
  %0 = ttnn.batch_norm %x, %m, %v weight %m bias %v {epsilon = 1.0e-3 : f32} : (tensor<2x3x4x4xbf16>, tensor<1x3x1x1xbf16>, tensor<1x3x1x1xbf16>, tensor<1x3x1x1xbf16>, tensor<1x3x1x1xbf16>) -> tensor<2x3x4x4xbf16>
  // Weight and bias are optional; the default epsilon is not printed.
  // CHECK-NEXT: %[[BN2:.*]] = ttnn.batch_norm %arg0, %arg1, %arg2 : (tensor<2x3x4x4xbf16>, tensor<1x3x1x1xbf16>, tensor<1x3x1x1xbf16>) -> tensor<2x3x4x4xbf16>
  %1 = ttnn.batch_norm %x, %m, %v {epsilon = 1.0e-5 : f32} : (tensor<2x3x4x4xbf16>, tensor<1x3x1x1xbf16>, tensor<1x3x1x1xbf16>) -> tensor<2x3x4x4xbf16>
  // CHECK-NEXT: %[[PK:.*]] = ttnn.prod %arg3 {dim = 1 : i64, keep_dim = true} : (tensor<2x3x4xbf16>) -> tensor<2x1x4xbf16>
  %2 = ttnn.prod %p {dim = 1 : i64, keep_dim = true} : (tensor<2x3x4xbf16>) -> tensor<2x1x4xbf16>
  // CHECK-NEXT: %[[PD:.*]] = ttnn.prod %arg3 {dim = -2 : i64} : (tensor<2x3x4xbf16>) -> tensor<2x4xbf16>
  %3 = ttnn.prod %p {dim = -2 : i64} : (tensor<2x3x4xbf16>) -> tensor<2x4xbf16>
  // CHECK-NEXT: %[[PA:.*]] = ttnn.prod %arg3 : (tensor<2x3x4xbf16>) -> tensor<bf16>
  %4 = ttnn.prod %p : (tensor<2x3x4xbf16>) -> tensor<bf16>
  // CHECK-NEXT: %[[AM:.*]] = ttnn.argmax %arg3 {dim = 1 : i64} : (tensor<2x3x4xbf16>) -> tensor<2x4xui32>
  %5 = ttnn.argmax %p {dim = 1 : i64} : (tensor<2x3x4xbf16>) -> tensor<2x4xui32>
  // CHECK-NEXT: %[[AMK:.*]] = ttnn.argmax %arg3 {dim = 2 : i64, keep_dim = true} : (tensor<2x3x4xbf16>) -> tensor<2x3x1xui32>
  %6 = ttnn.argmax %p {dim = 2 : i64, keep_dim = true} : (tensor<2x3x4xbf16>) -> tensor<2x3x1xui32>
  %7 = ttnn.repeat %6 {repeat_dims = array<i64: 1, 1, 4>} : (tensor<2x3x1xui32>) -> tensor<2x3x4xui32>
  // CHECK: return %[[BN]], %[[BN2]], %[[PK]], %[[PD]], %[[PA]], %[[AM]], %{{.*}} :
  return %0, %1, %2, %3, %4, %5, %7 : tensor<2x3x4x4xbf16>, tensor<2x3x4x4xbf16>, tensor<2x1x4xbf16>, tensor<2x4xbf16>, tensor<bf16>, tensor<2x4xui32>, tensor<2x3x4xui32>
}

// CHECK-LABEL: func.func @argmax_layout(
// CHECK-SAME: %arg0: tensor<2x3x4xbf16, #[[DRAM_RM]]>) -> tensor<2x4xui32, #[[U32_RM]]>
func.func @argmax_layout(%p: tensor<2x3x4xbf16, #dram_rm>) -> tensor<2x4xui32, #u32_rm> {
  // CHECK-NEXT: ttnn.argmax %arg0 {dim = 1 : i64} : (tensor<2x3x4xbf16, #[[DRAM_RM]]>) -> tensor<2x4xui32, #[[U32_RM]]>
  %0 = ttnn.argmax %p {dim = 1 : i64} : (tensor<2x3x4xbf16, #dram_rm>) -> tensor<2x4xui32, #u32_rm>
  return %0 : tensor<2x4xui32, #u32_rm>
}

// CHECK-LABEL: func.func @creation()
func.func @creation() -> (tensor<2x3xbf16, #dram>, tensor<2x3xbf16, #host>, tensor<2xbf16, #dram>, tensor<2xbf16, #host>, tensor<8xbf16, #dram_rm>, tensor<4xsi32>, tensor<2x2xbf16, #dram>) {
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  %dev = ttnn.get_device : !ttnn.device
  // With the device the tensor is created in device memory ...
  // CHECK-NEXT: %[[FD:.*]] = ttnn.full %[[DEV]] {fill_value = 1.500000e+00 : f32, shape = array<i64: 2, 3>} : (!ttnn.device) -> tensor<2x3xbf16, #[[DRAM]]>
  %0 = ttnn.full %dev {fill_value = 1.5 : f32, shape = array<i64: 2, 3>} : (!ttnn.device) -> tensor<2x3xbf16, #dram>
  // ... without it on the host.
  // CHECK-NEXT: %[[FH:.*]] = ttnn.full {fill_value = 0 : i32, shape = array<i64: 2, 3>} : () -> tensor<2x3xbf16, #[[HOST]]>
  %1 = ttnn.full {fill_value = 0 : i32, shape = array<i64: 2, 3>} : () -> tensor<2x3xbf16, #host>
  // CHECK-NEXT: %[[CD:.*]] = ttnn.constant %[[DEV]] {value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xbf16>} : (!ttnn.device) -> tensor<2xbf16, #[[DRAM]]>
  %2 = ttnn.constant %dev {value = dense<[1.0, 2.0]> : tensor<2xbf16>} : (!ttnn.device) -> tensor<2xbf16, #dram>
  // CHECK-NEXT: %[[CH:.*]] = ttnn.constant {value = dense<[3.000000e+00, 4.000000e+00]> : tensor<2xbf16>} : () -> tensor<2xbf16, #[[HOST]]>
  %3 = ttnn.constant {value = dense<[3.0, 4.0]> : tensor<2xbf16>} : () -> tensor<2xbf16, #host>
  // CHECK-NEXT: %[[AR:.*]] = ttnn.arange %[[DEV]] {end = 16 : i64, start = 0 : i64, step = 2 : i64} : (!ttnn.device) -> tensor<8xbf16, #[[DRAM_RM]]>
  %4 = ttnn.arange %dev {start = 0 : i64, end = 16 : i64, step = 2 : i64} : (!ttnn.device) -> tensor<8xbf16, #dram_rm>
  // Without an encoding either form is accepted.
  // CHECK-NEXT: %[[AR2:.*]] = ttnn.arange %[[DEV]] {end = 0 : i64, start = 4 : i64, step = -1 : i64} : (!ttnn.device) -> tensor<4xsi32>
  %5 = ttnn.arange %dev {start = 4 : i64, end = 0 : i64, step = -1 : i64} : (!ttnn.device) -> tensor<4xsi32>
  // CHECK-NEXT: %[[RND:.*]] = ttnn.rand %[[DEV]] {high = 2.000000e+00 : f32, seed = 7 : i64, shape = array<i64: 2, 2>} : (!ttnn.device) -> tensor<2x2xbf16, #[[DRAM]]>
  %6 = ttnn.rand %dev {high = 2.0 : f32, seed = 7 : i64, shape = array<i64: 2, 2>} : (!ttnn.device) -> tensor<2x2xbf16, #dram>
  // CHECK-NEXT: return %[[FD]], %[[FH]], %[[CD]], %[[CH]], %[[AR]], %[[AR2]], %[[RND]]
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x3xbf16, #dram>, tensor<2x3xbf16, #host>, tensor<2xbf16, #dram>, tensor<2xbf16, #host>, tensor<8xbf16, #dram_rm>, tensor<4xsi32>, tensor<2x2xbf16, #dram>
}

// CHECK-LABEL: func.func private @const_eval_0(
// CHECK-SAME: %arg0: tensor<32x32xbf16, #[[HOST]]>) -> (tensor<32x32xbf16, #[[DRAM]]>, tensor<32x32xbf16, #[[L1]]>)
func.func private @const_eval_0(%w: tensor<32x32xbf16, #host>) -> (tensor<32x32xbf16, #dram>, tensor<32x32xbf16, #l1>) {
  // convert_layout: host row-major to tiled DRAM in one abstract step.
  // CHECK-NEXT: %[[T:.*]] = ttnn.convert_layout %arg0 : (tensor<32x32xbf16, #[[HOST]]>) -> tensor<32x32xbf16, #[[DRAM]]>
  %0 = ttnn.convert_layout %w : (tensor<32x32xbf16, #host>) -> tensor<32x32xbf16, #dram>
  // CHECK-NEXT: %[[M:.*]] = ttnn.to_memory_config %[[T]] {memory_config = #ttnn.memory_config<l1, interleaved>} : (tensor<32x32xbf16, #[[DRAM]]>) -> tensor<32x32xbf16, #[[L1]]>
  %1 = ttnn.to_memory_config %0 {memory_config = #ttnn.memory_config<l1, interleaved>} : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #l1>
  // CHECK-NEXT: return %[[T]], %[[M]]
  return %0, %1 : tensor<32x32xbf16, #dram>, tensor<32x32xbf16, #l1>
}

// CHECK-LABEL: func.func @cached(
// CHECK-SAME: %arg0: tensor<32x32xbf16, #[[HOST]]>, %arg1: tensor<32x32xbf16, #[[DRAM]]>)
func.func @cached(%w: tensor<32x32xbf16, #host>, %c: tensor<32x32xbf16, #dram>) -> (tensor<32x32xf32, #dram_f32>, tensor<32x32xbf16, #l1>) {
  // CHECK-NEXT: %[[C:.*]]:2 = ttnn.load_cached @const_eval_0(%arg0) : (tensor<32x32xbf16, #[[HOST]]>) -> (tensor<32x32xbf16, #[[DRAM]]>, tensor<32x32xbf16, #[[L1]]>)
  %0:2 = ttnn.load_cached @const_eval_0(%w) : (tensor<32x32xbf16, #host>) -> (tensor<32x32xbf16, #dram>, tensor<32x32xbf16, #l1>)
  // CHECK-NEXT: %[[F:.*]] = ttnn.typecast %[[C]]#0 {dtype = #ttnn.data_type<f32>} : (tensor<32x32xbf16, #[[DRAM]]>) -> tensor<32x32xf32, #[[DRAM_F32]]>
  %1 = ttnn.typecast %0#0 {dtype = #ttnn.data_type<f32>} : (tensor<32x32xbf16, #dram>) -> tensor<32x32xf32, #dram_f32>
  // Operands in different buffers; the result's layout is its own.
  // CHECK-NEXT: %[[W:.*]] = ttnn.where %arg1, %[[C]]#1, %[[C]]#0 : (tensor<32x32xbf16, #[[DRAM]]>, tensor<32x32xbf16, #[[L1]]>, tensor<32x32xbf16, #[[DRAM]]>) -> tensor<32x32xbf16, #[[L1]]>
  %2 = ttnn.where %c, %0#1, %0#0 : (tensor<32x32xbf16, #dram>, tensor<32x32xbf16, #l1>, tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #l1>
  // CHECK-NEXT: return %[[F]], %[[W]]
  return %1, %2 : tensor<32x32xf32, #dram_f32>, tensor<32x32xbf16, #l1>
}

// CHECK-LABEL: func.func @cached_no_inputs()
func.func private @const_eval_1() -> tensor<4xbf16>
func.func @cached_no_inputs() -> tensor<4xbf16> {
  // A const-eval function of constants only takes no operands.
  // CHECK-NEXT: %[[C:.*]] = ttnn.load_cached @const_eval_1() : () -> tensor<4xbf16>
  %0 = ttnn.load_cached @const_eval_1() : () -> tensor<4xbf16>
  // CHECK-NEXT: return %[[C]]
  return %0 : tensor<4xbf16>
}

// CHECK-LABEL: func.func @attention(
func.func @attention(%q: tensor<1x2x32x64xbf16, #dram>, %k: tensor<1x2x32x64xbf16, #dram>, %v: tensor<1x2x32x64xbf16, #dram>, %m: tensor<1x1x32x32xbf16, #dram>, %p: tensor<1x2x16x64xbf16>, %r: tensor<1x2x24x64xbf16>) -> (tensor<1x2x32x64xbf16, #dram>, tensor<1x2x16x64xbf16>) {
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %arg0, %arg1, %arg2 mask %arg3 {math_fidelity = #ttnn.math_fidelity<hifi2>, scale = 1.250000e-01 : f32} : (tensor<1x2x32x64xbf16, #[[DRAM]]>, tensor<1x2x32x64xbf16, #[[DRAM]]>, tensor<1x2x32x64xbf16, #[[DRAM]]>, tensor<1x1x32x32xbf16, #[[DRAM]]>) -> tensor<1x2x32x64xbf16, #[[DRAM]]>
  %0 = ttnn.scaled_dot_product_attention %q, %k, %v mask %m {scale = 0.125 : f32, math_fidelity = #ttnn.math_fidelity<hifi2>} : (tensor<1x2x32x64xbf16, #dram>, tensor<1x2x32x64xbf16, #dram>, tensor<1x2x32x64xbf16, #dram>, tensor<1x1x32x32xbf16, #dram>) -> tensor<1x2x32x64xbf16, #dram>
  // Without layouts, L = 16 queries against S = 24 keys, no mask.
  // CHECK-NEXT: %[[B:.*]] = ttnn.scaled_dot_product_attention %arg4, %arg5, %arg5 : (tensor<1x2x16x64xbf16>, tensor<1x2x24x64xbf16>, tensor<1x2x24x64xbf16>) -> tensor<1x2x16x64xbf16>
  %1 = ttnn.scaled_dot_product_attention %p, %r, %r : (tensor<1x2x16x64xbf16>, tensor<1x2x24x64xbf16>, tensor<1x2x24x64xbf16>) -> tensor<1x2x16x64xbf16>
  // CHECK-NEXT: return %[[A]], %[[B]]
  return %0, %1 : tensor<1x2x32x64xbf16, #dram>, tensor<1x2x16x64xbf16>
}


// Grouped-query attention: 8 query heads share 2 key / value heads (4 each), with layouts,
// in causal mode, and without layouts with a mask of the query's heads.
// CHECK-LABEL: func.func @grouped_query_attention(
// CHECK-SAME: %arg0: tensor<1x8x32x64xbf16, #[[DRAM]]>, %arg1: tensor<1x2x32x64xbf16, #[[DRAM]]>, %arg2: tensor<1x2x32x64xbf16, #[[DRAM]]>,
// CHECK-SAME: %arg3: tensor<1x8x32x64xbf16>, %arg4: tensor<1x2x32x64xbf16>, %arg5: tensor<1x8x32x32xbf16>)
func.func @grouped_query_attention(%q: tensor<1x8x32x64xbf16, #dram>, %k: tensor<1x2x32x64xbf16, #dram>, %v: tensor<1x2x32x64xbf16, #dram>, %q2: tensor<1x8x32x64xbf16>, %kv2: tensor<1x2x32x64xbf16>, %m: tensor<1x8x32x32xbf16>) -> (tensor<1x8x32x64xbf16, #dram>, tensor<1x8x32x64xbf16, #dram>, tensor<1x8x32x64xbf16>) {
  // CHECK-NEXT: %[[A:.*]] = ttnn.scaled_dot_product_attention %arg0, %arg1, %arg2 : (tensor<1x8x32x64xbf16, #[[DRAM]]>, tensor<1x2x32x64xbf16, #[[DRAM]]>, tensor<1x2x32x64xbf16, #[[DRAM]]>) -> tensor<1x8x32x64xbf16, #[[DRAM]]>
  %0 = ttnn.scaled_dot_product_attention %q, %k, %v : (tensor<1x8x32x64xbf16, #dram>, tensor<1x2x32x64xbf16, #dram>, tensor<1x2x32x64xbf16, #dram>) -> tensor<1x8x32x64xbf16, #dram>
  // CHECK-NEXT: %[[C:.*]] = ttnn.scaled_dot_product_attention %arg0, %arg1, %arg2 {is_causal = true} : (tensor<1x8x32x64xbf16, #[[DRAM]]>, tensor<1x2x32x64xbf16, #[[DRAM]]>, tensor<1x2x32x64xbf16, #[[DRAM]]>) -> tensor<1x8x32x64xbf16, #[[DRAM]]>
  %1 = ttnn.scaled_dot_product_attention %q, %k, %v {is_causal = true} : (tensor<1x8x32x64xbf16, #dram>, tensor<1x2x32x64xbf16, #dram>, tensor<1x2x32x64xbf16, #dram>) -> tensor<1x8x32x64xbf16, #dram>
  // CHECK-NEXT: %[[M:.*]] = ttnn.scaled_dot_product_attention %arg3, %arg4, %arg4 mask %arg5 : (tensor<1x8x32x64xbf16>, tensor<1x2x32x64xbf16>, tensor<1x2x32x64xbf16>, tensor<1x8x32x32xbf16>) -> tensor<1x8x32x64xbf16>
  %2 = ttnn.scaled_dot_product_attention %q2, %kv2, %kv2 mask %m : (tensor<1x8x32x64xbf16>, tensor<1x2x32x64xbf16>, tensor<1x2x32x64xbf16>, tensor<1x8x32x32xbf16>) -> tensor<1x8x32x64xbf16>
  // CHECK-NEXT: return %[[A]], %[[C]], %[[M]]
  return %0, %1, %2 : tensor<1x8x32x64xbf16, #dram>, tensor<1x8x32x64xbf16, #dram>, tensor<1x8x32x64xbf16>
}
