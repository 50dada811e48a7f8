// Verification errors of ttnn ops and of the #ttnn.layout encoding.
// RUN: ttc-opt %s --split-input-file --verify-diagnostics

// A device layout needs its grid.
// expected-error@+1 {{expected ','}}
#bad = #ttnn.layout<tile, bf16, dram, interleaved>

// -----

// expected-error@+2 {{expected ::ttc::ttnn::DataType to be one of: f32, bf16, bfp8_b, bfp4_b, u32, u16, u8, si32}}
// expected-error@+1 {{failed to parse TTNN_LayoutAttr parameter 'dtype'}}
#bad = #ttnn.layout<tile, f16, dram>

// -----

#host = #ttnn.layout<tile, f32, system_memory>
func.func @negative_dtype_mismatch(%a: tensor<32x32xbf16, #host>) -> tensor<32x32xbf16, #host> {
  // expected-error@+1 {{'ttnn.relu' op operand #0 has element type bf16, which data type f32 cannot hold (it holds f32)}}
  %0 = ttnn.relu %a : (tensor<32x32xbf16, #host>) -> tensor<32x32xbf16, #host>
  return %0 : tensor<32x32xbf16, #host>
}

// -----

#rm8 = #ttnn.layout<row_major, bfp8_b, dram, interleaved, grid = [1, 1]>
func.func @negative_block_float_row_major(%a: tensor<32x32xbf16, #rm8>) -> tensor<32x32xbf16, #rm8> {
  // expected-error@+1 {{uses block-float type bfp8_b in row_major layout; it exists only in tile layout}}
  %0 = ttnn.relu %a : (tensor<32x32xbf16, #rm8>) -> tensor<32x32xbf16, #rm8>
  return %0 : tensor<32x32xbf16, #rm8>
}

// -----

#host_grid = #ttnn.layout<tile, bf16, system_memory, interleaved, grid = [1, 1]>
func.func @negative_host_with_grid(%a: tensor<32x32xbf16, #host_grid>) -> tensor<32x32xbf16, #host_grid> {
  // expected-error@+1 {{places a host (system_memory) tensor with a memory layout and grid}}
  %0 = ttnn.relu %a : (tensor<32x32xbf16, #host_grid>) -> tensor<32x32xbf16, #host_grid>
  return %0 : tensor<32x32xbf16, #host_grid>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram>
func.func @negative_device_without_grid(%a: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram> {
  // expected-error@+1 {{puts a tensor in dram without a memory layout and grid}}
  %0 = ttnn.relu %a : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  return %0 : tensor<32x32xbf16, #dram>
}

// -----

#zero = #ttnn.layout<tile, bf16, l1, block_sharded, grid = [0, 8]>
func.func @negative_empty_grid(%a: tensor<32x32xbf16, #zero>) -> tensor<32x32xbf16, #zero> {
  // expected-error@+1 {{has grid [0, 8]; a grid is [rows, columns] with positive sizes}}
  %0 = ttnn.relu %a : (tensor<32x32xbf16, #zero>) -> tensor<32x32xbf16, #zero>
  return %0 : tensor<32x32xbf16, #zero>
}

// -----

func.func @negative_foreign_encoding(%a: tensor<32x32xbf16, "weird">) -> tensor<32x32xbf16, "weird"> {
  // expected-error@+1 {{'ttnn.relu' op operand #0 has encoding "weird", which is not a #ttnn.layout}}
  %0 = ttnn.relu %a : (tensor<32x32xbf16, "weird">) -> tensor<32x32xbf16, "weird">
  return %0 : tensor<32x32xbf16, "weird">
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @negative_to_device_twice(%a: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram> {
  %d = ttnn.get_device : !ttnn.device
  // expected-error@+1 {{'ttnn.to_device' op input is already on the device (dram)}}
  %0 = ttnn.to_device %a, %d {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32x32xbf16, #dram>, !ttnn.device) -> tensor<32x32xbf16, #dram>
  return %0 : tensor<32x32xbf16, #dram>
}

// -----

#host = #ttnn.layout<tile, bf16, system_memory>
#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @negative_to_device_memory_config(%a: tensor<32x32xbf16, #host>) -> tensor<32x32xbf16, #dram> {
  %d = ttnn.get_device : !ttnn.device
  // expected-error@+1 {{'ttnn.to_device' op result layout #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]> does not match memory_config #ttnn.memory_config<l1, interleaved>}}
  %0 = ttnn.to_device %a, %d {memory_config = #ttnn.memory_config<l1, interleaved>} : (tensor<32x32xbf16, #host>, !ttnn.device) -> tensor<32x32xbf16, #dram>
  return %0 : tensor<32x32xbf16, #dram>
}

// -----

#host = #ttnn.layout<row_major, bf16, system_memory>
#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @negative_to_device_tilizes(%a: tensor<32x32xbf16, #host>) -> tensor<32x32xbf16, #dram> {
  %d = ttnn.get_device : !ttnn.device
  // expected-error@+1 {{'ttnn.to_device' op changes page layout or data type}}
  %0 = ttnn.to_device %a, %d {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32x32xbf16, #host>, !ttnn.device) -> tensor<32x32xbf16, #dram>
  return %0 : tensor<32x32xbf16, #dram>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @negative_from_device_result(%a: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram> {
  // expected-error@+1 {{'ttnn.from_device' op result must be in system_memory, not dram}}
  %0 = ttnn.from_device %a : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  return %0 : tensor<32x32xbf16, #dram>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @negative_to_layout_kind(%a: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram> {
  // expected-error@+1 {{'ttnn.to_layout' op result layout #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]> is not the requested row_major layout}}
  %0 = ttnn.to_layout %a {layout = #ttnn.tensor_layout<row_major>} : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  return %0 : tensor<32x32xbf16, #dram>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
#dram32 = #ttnn.layout<tile, f32, dram, interleaved, grid = [8, 8]>
func.func @negative_to_layout_silent_dtype(%a: tensor<32x32xbf16, #dram>) -> tensor<32x32xf32, #dram32> {
  // expected-error@+1 {{'ttnn.to_layout' op changes the data type from bf16 to f32 without a dtype attribute}}
  %0 = ttnn.to_layout %a {layout = #ttnn.tensor_layout<tile>} : (tensor<32x32xbf16, #dram>) -> tensor<32x32xf32, #dram32>
  return %0 : tensor<32x32xf32, #dram32>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @negative_typecast_dtype(%a: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram> {
  // expected-error@+1 {{'ttnn.typecast' op result layout #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]> does not have data type f32}}
  %0 = ttnn.typecast %a {dtype = #ttnn.data_type<f32>} : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  return %0 : tensor<32x32xbf16, #dram>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @negative_reshape_attribute(%a: tensor<32x32xbf16, #dram>) -> tensor<1024xbf16, #dram> {
  // expected-error@+1 {{'ttnn.reshape' op shape attribute [32, 32] differs from the result shape [1024]}}
  %0 = ttnn.reshape %a {shape = array<i64: 32, 32>} : (tensor<32x32xbf16, #dram>) -> tensor<1024xbf16, #dram>
  return %0 : tensor<1024xbf16, #dram>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @negative_layer_norm_last_dim(%a: tensor<32x64xbf16, #dram>, %w: tensor<32xbf16, #dram>) -> tensor<32x64xbf16, #dram> {
  // expected-error@+1 {{'ttnn.layer_norm' op weight shape [32] does not match the normalized shape [64]}}
  %0 = ttnn.layer_norm %a weight %w : (tensor<32x64xbf16, #dram>, tensor<32xbf16, #dram>) -> tensor<32x64xbf16, #dram>
  return %0 : tensor<32x64xbf16, #dram>
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @negative_deallocate_argument(%a: tensor<32x32xbf16, #dram>) {
  // expected-error@+1 {{'ttnn.deallocate' op frees a function argument; arguments belong to the caller}}
  ttnn.deallocate %a : tensor<32x32xbf16, #dram>
  return
}

// -----

#dram = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
func.func @negative_use_after_free(%a: tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram> {
  %0 = ttnn.relu %a : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  // expected-error@+1 {{'ttnn.deallocate' op frees a tensor that 'ttnn.exp' uses afterwards}}
  ttnn.deallocate %0 : tensor<32x32xbf16, #dram>
  %1 = ttnn.exp %0 : (tensor<32x32xbf16, #dram>) -> tensor<32x32xbf16, #dram>
  return %1 : tensor<32x32xbf16, #dram>
}

// -----

func.func @negative_unknown_op(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{custom op 'ttnn.addd' is unknown}}
  %0 = ttnn.addd %a, %a : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_unknown_generic_op(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{unregistered operation 'ttnn.addd' found in dialect ('ttnn') that does not allow unknown operations}}
  %0 = "ttnn.addd"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
