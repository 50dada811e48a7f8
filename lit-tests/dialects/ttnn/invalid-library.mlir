// Verification errors of the ttnn ops that convert-ttir-to-ttnn and the layout passes produce:
// the flattened-NHWC geometry of convolution and pooling, [1, C, 1, 1] batch-norm statistics,
// creation ops' `shape` attribute and device operand, load_cached's callee, layout-changing
// ops, one-dimension reductions, deallocation and the library's 4-D attention.
// RUN: ttc-opt %s --split-input-file --verify-diagnostics

// The input must be [1, 1, batch_size * input_height * input_width, in_channels].
func.func @conv2d_flat_input(%x: tensor<1x1x100x4xbf16>, %w: tensor<6x4x3x3xbf16>) -> tensor<1x1x72x6xbf16> {
  %dev = ttnn.get_device : !ttnn.device
  // expected-error@+1 {{'ttnn.conv2d' op input shape [1, 1, 100, 4] should be [1, 1, 128, 4] (flattened NHWC for batch_size 2, input_height 8, input_width 8, in_channels 4)}}
  %0 = ttnn.conv2d %x, %w, %dev {batch_size = 2 : i64, dilation = array<i64: 1, 1>, in_channels = 4 : i64, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 3, 3>, out_channels = 6 : i64, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x1x100x4xbf16>, tensor<6x4x3x3xbf16>, !ttnn.device) -> tensor<1x1x72x6xbf16>
  return %0 : tensor<1x1x72x6xbf16>
}

// -----

// The library's bias is [1, 1, 1, out_channels], not ttir's [out_channels].
func.func @conv2d_bias_shape(%x: tensor<1x1x128x4xbf16>, %w: tensor<6x4x3x3xbf16>, %b: tensor<6xbf16>) -> tensor<1x1x72x6xbf16> {
  %dev = ttnn.get_device : !ttnn.device
  // expected-error@+1 {{'ttnn.conv2d' op bias shape [6] should be [1, 1, 1, 6]}}
  %0 = ttnn.conv2d %x, %w, %dev, %b {batch_size = 2 : i64, dilation = array<i64: 1, 1>, in_channels = 4 : i64, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 3, 3>, out_channels = 6 : i64, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x1x128x4xbf16>, tensor<6x4x3x3xbf16>, !ttnn.device, tensor<6xbf16>) -> tensor<1x1x72x6xbf16>
  return %0 : tensor<1x1x72x6xbf16>
}

// -----

// With groups the weight holds in_channels / groups input channels.
func.func @conv2d_weight_groups(%x: tensor<1x1x128x4xbf16>, %w: tensor<6x4x3x3xbf16>) -> tensor<1x1x72x6xbf16> {
  %dev = ttnn.get_device : !ttnn.device
  // expected-error@+1 {{'ttnn.conv2d' op weight shape [6, 4, 3, 3] should be [6, 2, 3, 3] for 4 input channels in 2 groups}}
  %0 = ttnn.conv2d %x, %w, %dev {batch_size = 2 : i64, dilation = array<i64: 1, 1>, groups = 2 : i64, in_channels = 4 : i64, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 3, 3>, out_channels = 6 : i64, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x1x128x4xbf16>, tensor<6x4x3x3xbf16>, !ttnn.device) -> tensor<1x1x72x6xbf16>
  return %0 : tensor<1x1x72x6xbf16>
}

// -----

// The result is [1, 1, N * OH * OW, C]: 8x8 pooled 2x2 by stride 2 is 4x4, not 8x8.
func.func @max_pool2d_output(%x: tensor<1x1x64x3xbf16>) -> tensor<1x1x64x3xbf16> {
  // expected-error@+1 {{'ttnn.max_pool2d' op result shape [1, 1, 64, 3] should be [1, 1, 16, 3]}}
  %0 = ttnn.max_pool2d %x {batch_size = 1 : i64, channels = 3 : i64, dilation = array<i64: 1, 1>, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x1x64x3xbf16>) -> tensor<1x1x64x3xbf16>
  return %0 : tensor<1x1x64x3xbf16>
}

// -----

// Padding is [top, bottom, left, right]: 1 + 1 rows make the height 10, 5 after pooling; no
// padding of the width keeps it 4.
func.func @avg_pool2d_padding_order(%x: tensor<1x1x64x3xbf16>) -> tensor<1x1x16x3xbf16> {
  // expected-error@+1 {{'ttnn.avg_pool2d' op result shape [1, 1, 16, 3] should be [1, 1, 20, 3]}}
  %0 = ttnn.avg_pool2d %x {batch_size = 1 : i64, channels = 3 : i64, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 2, 2>, padding = array<i64: 1, 1, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x1x64x3xbf16>) -> tensor<1x1x16x3xbf16>
  return %0 : tensor<1x1x16x3xbf16>
}

// -----

func.func @max_pool2d_indices_shape(%x: tensor<1x1x64x3xbf16>) -> (tensor<1x1x16x3xbf16>, tensor<1x1x64x3xui16>) {
  // expected-error@+1 {{'ttnn.max_pool2d_with_indices' op indices shape [1, 1, 64, 3] should be [1, 1, 16, 3]}}
  %0:2 = ttnn.max_pool2d_with_indices %x {batch_size = 1 : i64, channels = 3 : i64, dilation = array<i64: 1, 1>, input_height = 8 : i64, input_width = 8 : i64, kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x1x64x3xbf16>) -> (tensor<1x1x16x3xbf16>, tensor<1x1x64x3xui16>)
  return %0#0, %0#1 : tensor<1x1x16x3xbf16>, tensor<1x1x64x3xui16>
}

// -----

func.func @global_avg_pool2d_rank(%x: tensor<8x8x3xbf16>) -> tensor<1x1x3xbf16> {
  // expected-error@+1 {{'ttnn.global_avg_pool2d' op expects a 4-D NHWC input, got [8, 8, 3]}}
  %0 = ttnn.global_avg_pool2d %x : (tensor<8x8x3xbf16>) -> tensor<1x1x3xbf16>
  return %0 : tensor<1x1x3xbf16>
}

// -----

// ttir's [C] statistics must be reshaped before they reach ttnn.batch_norm.
func.func @batch_norm_stats(%x: tensor<2x3x4x4xbf16>, %m: tensor<3xbf16>, %v: tensor<1x3x1x1xbf16>) -> tensor<2x3x4x4xbf16> {
  // expected-error@+1 {{'ttnn.batch_norm' op running_mean has shape [3]; expected [1, 3, 1, 1]}}
  %0 = ttnn.batch_norm %x, %m, %v : (tensor<2x3x4x4xbf16>, tensor<3xbf16>, tensor<1x3x1x1xbf16>) -> tensor<2x3x4x4xbf16>
  return %0 : tensor<2x3x4x4xbf16>
}

// -----

// The channel axis is dimension 1: [1, 1, 1, 3] is not [1, C, 1, 1].
func.func @batch_norm_weight(%x: tensor<2x3x4x4xbf16>, %m: tensor<1x3x1x1xbf16>, %w: tensor<1x1x1x3xbf16>) -> tensor<2x3x4x4xbf16> {
  // expected-error@+1 {{'ttnn.batch_norm' op weight has shape [1, 1, 1, 3]; expected [1, 3, 1, 1]}}
  %0 = ttnn.batch_norm %x, %m, %m weight %w : (tensor<2x3x4x4xbf16>, tensor<1x3x1x1xbf16>, tensor<1x3x1x1xbf16>, tensor<1x1x1x3xbf16>) -> tensor<2x3x4x4xbf16>
  return %0 : tensor<2x3x4x4xbf16>
}

// -----

func.func @batch_norm_rank(%x: tensor<2x3x4xbf16>, %m: tensor<1x3x1x1xbf16>) -> tensor<2x3x4xbf16> {
  // expected-error@+1 {{'ttnn.batch_norm' op expects a 4-D NCHW input, got [2, 3, 4]}}
  %0 = ttnn.batch_norm %x, %m, %m : (tensor<2x3x4xbf16>, tensor<1x3x1x1xbf16>, tensor<1x3x1x1xbf16>) -> tensor<2x3x4xbf16>
  return %0 : tensor<2x3x4xbf16>
}

// -----

func.func @full_shape_attribute() -> tensor<2x3xbf16> {
  // expected-error@+1 {{'ttnn.full' op shape attribute [3, 2] differs from the result shape [2, 3]}}
  %0 = ttnn.full {fill_value = 1.0 : f32, shape = array<i64: 3, 2>} : () -> tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

// -----

func.func @rand_shape_attribute() -> tensor<4xbf16> {
  // expected-error@+1 {{'ttnn.rand' op shape attribute [5] differs from the result shape [4]}}
  %0 = ttnn.rand {shape = array<i64: 5>} : () -> tensor<4xbf16>
  return %0 : tensor<4xbf16>
}

// -----

func.func @full_fill_value() -> tensor<4xbf16> {
  // expected-error@+1 {{'ttnn.full' op fill_value must be an integer or float attribute}}
  %0 = ttnn.full {fill_value = "one", shape = array<i64: 4>} : () -> tensor<4xbf16>
  return %0 : tensor<4xbf16>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @full_device_layout_without_device() -> tensor<2x3xbf16, #dram> {
  // expected-error@+1 {{'ttnn.full' op creates a device tensor (#ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>) without a device operand}}
  %0 = ttnn.full {fill_value = 1.0 : f32, shape = array<i64: 2, 3>} : () -> tensor<2x3xbf16, #dram>
  return %0 : tensor<2x3xbf16, #dram>
}

// -----

#host = #ttnn.layout<row_major, bf16, system_memory>
func.func @full_host_layout_with_device() -> tensor<2x3xbf16, #host> {
  %dev = ttnn.get_device : !ttnn.device
  // expected-error@+1 {{'ttnn.full' op takes a device but its result is a host tensor (#ttnn.layout<row_major, bf16, system_memory>)}}
  %0 = ttnn.full %dev {fill_value = 1.0 : f32, shape = array<i64: 2, 3>} : (!ttnn.device) -> tensor<2x3xbf16, #host>
  return %0 : tensor<2x3xbf16, #host>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @constant_device_layout_without_device() -> tensor<2xbf16, #dram> {
  // expected-error@+1 {{'ttnn.constant' op creates a device tensor (#ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>) without a device operand}}
  %0 = ttnn.constant {value = dense<[1.0, 2.0]> : tensor<2xbf16>} : () -> tensor<2xbf16, #dram>
  return %0 : tensor<2xbf16, #dram>
}

// -----

#dram = #ttnn.layout<row_major, bf16, dram, interleaved, grid = [8, 8]>
func.func @arange_count() -> tensor<7xbf16, #dram> {
  %dev = ttnn.get_device : !ttnn.device
  // expected-error@+1 {{'ttnn.arange' op result shape [7] should be [8]}}
  %0 = ttnn.arange %dev {start = 0 : i64, end = 16 : i64, step = 2 : i64} : (!ttnn.device) -> tensor<7xbf16, #dram>
  return %0 : tensor<7xbf16, #dram>
}

// -----

func.func @load_cached_missing_function(%x: tensor<2xbf16>) -> tensor<2xbf16> {
  // expected-error@+1 {{'ttnn.load_cached' op calls @nowhere, which is not a function of the module}}
  %0 = ttnn.load_cached @nowhere(%x) : (tensor<2xbf16>) -> tensor<2xbf16>
  return %0 : tensor<2xbf16>
}

// -----

func.func private @const_eval_0(%x: tensor<2xbf16>) -> tensor<2xbf16> {
  return %x : tensor<2xbf16>
}
func.func @load_cached_result_types(%x: tensor<2xbf16>) -> tensor<2xf32> {
  // expected-error@+1 {{'ttnn.load_cached' op types (tensor<2xbf16>) -> (tensor<2xf32>) do not match @const_eval_0's (tensor<2xbf16>) -> (tensor<2xbf16>)}}
  %0 = ttnn.load_cached @const_eval_0(%x) : (tensor<2xbf16>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

#host = #ttnn.layout<row_major, bf16, system_memory>
#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func private @const_eval_0(%x: tensor<2xbf16, #host>) -> tensor<2xbf16, #dram>
func.func @load_cached_operand_layout(%x: tensor<2xbf16, #dram>) -> tensor<2xbf16, #dram> {
  // The layout is part of the type: a device operand does not match a host parameter.
  // expected-error@+1 {{'ttnn.load_cached' op types (tensor<2xbf16, #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>>) -> (tensor<2xbf16, #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>>) do not match @const_eval_0's (tensor<2xbf16, #ttnn.layout<row_major, bf16, system_memory>>) -> (tensor<2xbf16, #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>>)}}
  %0 = ttnn.load_cached @const_eval_0(%x) : (tensor<2xbf16, #dram>) -> tensor<2xbf16, #dram>
  return %0 : tensor<2xbf16, #dram>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @convert_layout_to_itself(%x: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram> {
  // expected-error@+1 {{'ttnn.convert_layout' op converts tensor<32x32xbf16, #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>> to itself}}
  %0 = ttnn.convert_layout %x : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  return %0 : tensor<32x32xbf16, #dram>
}

// -----

#host = #ttnn.layout<tile, bf16, system_memory>
#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @to_memory_config_from_host(%x: tensor<32x32xbf16, #host>) -> tensor<32x32xbf16, #dram> {
  // expected-error@+1 {{'ttnn.to_memory_config' op moves between device buffers; got #ttnn.layout<tile, bf16, system_memory> to #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]> (use to_device or from_device)}}
  %0 = ttnn.to_memory_config %x {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32x32xbf16, #host>) -> tensor<32x32xbf16, #dram>
  return %0 : tensor<32x32xbf16, #dram>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
#l1_rm = #ttnn.layout<row_major, bf16, l1, interleaved, grid = [8, 8]>
func.func @to_memory_config_page_layout(%x: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #l1_rm> {
  // expected-error@+1 {{'ttnn.to_memory_config' op changes page layout or data type}}
  %0 = ttnn.to_memory_config %x {memory_config = #ttnn.memory_config<l1, interleaved>} : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #l1_rm>
  return %0 : tensor<32x32xbf16, #l1_rm>
}

// -----

// The memory_config attribute says where the result goes; the result type must agree.
#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
#l1 = #ttnn.layout<tile, bf16, l1, interleaved, grid = [8, 8]>
func.func @to_memory_config_attribute_vs_type(%x: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #l1> {
  // expected-error@+1 {{'ttnn.to_memory_config' op result layout #ttnn.layout<tile, bf16, l1, interleaved, grid = [8, 8]> does not match memory_config #ttnn.memory_config<dram, interleaved>}}
  %0 = ttnn.to_memory_config %x {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #l1>
  return %0 : tensor<32x32xbf16, #l1>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
#l1 = #ttnn.layout<tile, bf16, l1, interleaved, grid = [8, 8]>
func.func @to_memory_config_attribute_vs_type_dram(%x: tensor<32x32xbf16, #l1>) -> tensor<32x32xbf16, #dram> {
  // expected-error@+1 {{'ttnn.to_memory_config' op result layout #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]> does not match memory_config #ttnn.memory_config<l1, interleaved>}}
  %0 = ttnn.to_memory_config %x {memory_config = #ttnn.memory_config<l1, interleaved>} : (tensor<32x32xbf16, #l1>) -> tensor<32x32xbf16, #dram>
  return %0 : tensor<32x32xbf16, #dram>
}

// -----

// The memory layout counts too, not only the buffer.
#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
#l1_sharded = #ttnn.layout<tile, bf16, l1, height_sharded, grid = [8, 8]>
func.func @to_memory_config_attribute_sharding(%x: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #l1_sharded> {
  // expected-error@+1 {{'ttnn.to_memory_config' op result layout #ttnn.layout<tile, bf16, l1, height_sharded, grid = [8, 8]> does not match memory_config #ttnn.memory_config<l1, interleaved>}}
  %0 = ttnn.to_memory_config %x {memory_config = #ttnn.memory_config<l1, interleaved>} : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #l1_sharded>
  return %0 : tensor<32x32xbf16, #l1_sharded>
}

// -----

func.func @prod_dim_out_of_range(%x: tensor<2x3xbf16>) -> tensor<2xbf16> {
  // expected-error@+1 {{'ttnn.prod' op dim 2 is out of range for rank 2}}
  %0 = ttnn.prod %x {dim = 2 : i64} : (tensor<2x3xbf16>) -> tensor<2xbf16>
  return %0 : tensor<2xbf16>
}

// -----

func.func @prod_negative_dim_out_of_range(%x: tensor<2x3xbf16>) -> tensor<2xbf16> {
  // expected-error@+1 {{'ttnn.prod' op dim -3 is out of range for rank 2}}
  %0 = ttnn.prod %x {dim = -3 : i64} : (tensor<2x3xbf16>) -> tensor<2xbf16>
  return %0 : tensor<2xbf16>
}

// -----

func.func @prod_keep_dim(%x: tensor<2x3xbf16>) -> tensor<2xbf16> {
  // expected-error@+1 {{'ttnn.prod' op result shape [2] should be [2, 1]}}
  %0 = ttnn.prod %x {dim = 1 : i64, keep_dim = true} : (tensor<2x3xbf16>) -> tensor<2xbf16>
  return %0 : tensor<2xbf16>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @use_after_deallocate(%x: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram> {
  %0 = ttnn.exp %x : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  // The later use is found among several operands.
  // expected-error@+1 {{'ttnn.deallocate' op frees a tensor that 'ttnn.add' uses afterwards}}
  ttnn.deallocate %0 : tensor<32x32xbf16, #dram>
  %1 = ttnn.add %x, %0 : (tensor<32x32xbf16, #dram>, tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  return %1 : tensor<32x32xbf16, #dram>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @return_after_deallocate(%x: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram> {
  %0 = ttnn.exp %x : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  // Returning a freed tensor is a use too.
  // expected-error@+1 {{'ttnn.deallocate' op frees a tensor that 'func.return' uses afterwards}}
  ttnn.deallocate %0 : tensor<32x32xbf16, #dram>
  return %0 : tensor<32x32xbf16, #dram>
}

// -----

// The library's attention is 4-D only; convert-ttir-to-ttnn reshapes lower ranks.
func.func @sdpa_rank3(%q: tensor<2x8x16xbf16>, %k: tensor<2x8x16xbf16>, %v: tensor<2x8x16xbf16>) -> tensor<2x8x16xbf16> {
  // expected-error@+1 {{'ttnn.scaled_dot_product_attention' op query, key and value must be [batch, heads, sequence, head_dim], got [2, 8, 16], [2, 8, 16] and [2, 8, 16]}}
  %0 = ttnn.scaled_dot_product_attention %q, %k, %v : (tensor<2x8x16xbf16>, tensor<2x8x16xbf16>, tensor<2x8x16xbf16>) -> tensor<2x8x16xbf16>
  return %0 : tensor<2x8x16xbf16>
}

// -----

func.func @sdpa_causal_with_mask(%q: tensor<1x2x8x16xbf16>, %m: tensor<1x1x8x8xbf16>) -> tensor<1x2x8x16xbf16> {
  // expected-error@+1 {{'ttnn.scaled_dot_product_attention' op takes no mask in causal mode (add the causal mask to it)}}
  %0 = ttnn.scaled_dot_product_attention %q, %q, %q mask %m {is_causal = true} : (tensor<1x2x8x16xbf16>, tensor<1x2x8x16xbf16>, tensor<1x2x8x16xbf16>, tensor<1x1x8x8xbf16>) -> tensor<1x2x8x16xbf16>
  return %0 : tensor<1x2x8x16xbf16>
}

// -----

func.func @sdpa_causal_lengths(%q: tensor<1x2x8x16xbf16>, %k: tensor<1x2x12x16xbf16>) -> tensor<1x2x8x16xbf16> {
  // expected-error@+1 {{'ttnn.scaled_dot_product_attention' op causal mode needs equal query and key lengths, got 8 and 12}}
  %0 = ttnn.scaled_dot_product_attention %q, %k, %k {is_causal = true} : (tensor<1x2x8x16xbf16>, tensor<1x2x12x16xbf16>, tensor<1x2x12x16xbf16>) -> tensor<1x2x8x16xbf16>
  return %0 : tensor<1x2x8x16xbf16>
}

// -----

// Grouped-query attention shares each key / value head among H / Hkv query heads.
func.func @sdpa_heads_not_a_multiple(%q: tensor<1x6x8x16xbf16>, %k: tensor<1x4x8x16xbf16>) -> tensor<1x6x8x16xbf16> {
  // expected-error@+1 {{'ttnn.scaled_dot_product_attention' op query heads 6 are not a multiple of key/value heads 4}}
  %0 = ttnn.scaled_dot_product_attention %q, %k, %k : (tensor<1x6x8x16xbf16>, tensor<1x4x8x16xbf16>, tensor<1x4x8x16xbf16>) -> tensor<1x6x8x16xbf16>
  return %0 : tensor<1x6x8x16xbf16>
}

// -----

// The batch is not broadcast: convert-ttir-to-ttnn repeats key and value.
func.func @sdpa_batch(%q: tensor<2x4x8x16xbf16>, %k: tensor<1x4x8x16xbf16>) -> tensor<2x4x8x16xbf16> {
  // expected-error@+1 {{'ttnn.scaled_dot_product_attention' op key [1, 4, 8, 16] and value [1, 4, 8, 16] must match the query [2, 4, 8, 16] in batch, and each other in heads and sequence; key and query in head_dim}}
  %0 = ttnn.scaled_dot_product_attention %q, %k, %k : (tensor<2x4x8x16xbf16>, tensor<1x4x8x16xbf16>, tensor<1x4x8x16xbf16>) -> tensor<2x4x8x16xbf16>
  return %0 : tensor<2x4x8x16xbf16>
}

// -----

// The mask covers [L, S] scores: 8 queries against 12 keys, not 8.
func.func @sdpa_mask_key_length(%q: tensor<2x4x8x16xbf16>, %k: tensor<2x4x12x16xbf16>, %m: tensor<1x1x8x8xbf16>) -> tensor<2x4x8x16xbf16> {
  // expected-error@+1 {{'ttnn.scaled_dot_product_attention' op mask [1, 1, 8, 8] should be [1 or 2, 1 or 4, 8, 12]}}
  %0 = ttnn.scaled_dot_product_attention %q, %k, %k mask %m : (tensor<2x4x8x16xbf16>, tensor<2x4x12x16xbf16>, tensor<2x4x12x16xbf16>, tensor<1x1x8x8xbf16>) -> tensor<2x4x8x16xbf16>
  return %0 : tensor<2x4x8x16xbf16>
}

// -----

// Mask heads are 1 or the query's heads.
func.func @sdpa_mask_heads(%q: tensor<2x4x8x16xbf16>, %k: tensor<2x4x12x16xbf16>, %m: tensor<2x2x8x12xbf16>) -> tensor<2x4x8x16xbf16> {
  // expected-error@+1 {{'ttnn.scaled_dot_product_attention' op mask [2, 2, 8, 12] should be [1 or 2, 1 or 4, 8, 12]}}
  %0 = ttnn.scaled_dot_product_attention %q, %k, %k mask %m : (tensor<2x4x8x16xbf16>, tensor<2x4x12x16xbf16>, tensor<2x4x12x16xbf16>, tensor<2x2x8x12xbf16>) -> tensor<2x4x8x16xbf16>
  return %0 : tensor<2x4x8x16xbf16>
}

// -----

// The mask is 4-D too.
func.func @sdpa_mask_rank(%q: tensor<2x4x8x16xbf16>, %k: tensor<2x4x12x16xbf16>, %m: tensor<8x12xbf16>) -> tensor<2x4x8x16xbf16> {
  // expected-error@+1 {{'ttnn.scaled_dot_product_attention' op mask [8, 12] should be [1 or 2, 1 or 4, 8, 12]}}
  %0 = ttnn.scaled_dot_product_attention %q, %k, %k mask %m : (tensor<2x4x8x16xbf16>, tensor<2x4x12x16xbf16>, tensor<2x4x12x16xbf16>, tensor<8x12xbf16>) -> tensor<2x4x8x16xbf16>
  return %0 : tensor<2x4x8x16xbf16>
}

// -----

// The result has the query's heads and the value's head_dim.
func.func @sdpa_result(%q: tensor<1x8x32x64xbf16>, %k: tensor<1x2x32x64xbf16>, %v: tensor<1x2x32x32xbf16>) -> tensor<1x8x32x64xbf16> {
  // expected-error@+1 {{'ttnn.scaled_dot_product_attention' op result shape [1, 8, 32, 64] should be [1, 8, 32, 32]}}
  %0 = ttnn.scaled_dot_product_attention %q, %k, %v : (tensor<1x8x32x64xbf16>, tensor<1x2x32x64xbf16>, tensor<1x2x32x32xbf16>) -> tensor<1x8x32x64xbf16>
  return %0 : tensor<1x8x32x64xbf16>
}
