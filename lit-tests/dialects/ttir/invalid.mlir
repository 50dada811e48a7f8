// Verification errors of ttir ops: what ODS checks (operand types and counts, attributes) and
// what ttc's semantic verifier adds (shapes, element types, encodings).
// RUN: ttc-opt %s --split-input-file --verify-diagnostics

func.func @negative_add_operand_type(%a: tensor<2x3xf32>, %b: i32) -> tensor<2x3xf32> {
  // expected-error@+1 {{'ttir.add' op operand #1 must be ranked tensor of any type values, but got 'i32'}}
  %0 = ttir.add %a, %b : (tensor<2x3xf32>, i32) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @negative_add_operand_count(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'ttir.add' op expected 2 operands, but found 1}}
  %0 = "ttir.add"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @negative_transpose_missing_attribute(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error@+1 {{'ttir.transpose' op requires attribute 'dim1'}}
  %0 = ttir.transpose %a {dim0 = 0 : i32} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @negative_softmax_attribute_kind(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'ttir.softmax' op attribute 'dimension' failed to satisfy constraint: 32-bit signless integer attribute}}
  %0 = ttir.softmax %a {dimension = 1.0 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @negative_relu_shape(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error@+1 {{'ttir.relu' op requires the same shape for all operands and results}}
  %0 = ttir.relu %a : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @negative_add_broadcast(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'ttir.add' op operand shapes [2, 3] and [4, 3] are not broadcast-compatible}}
  %0 = ttir.add %a, %b : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @negative_add_result_shape(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error@+1 {{'ttir.add' op result shape [3] is not the broadcast shape [2, 3]}}
  %0 = ttir.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @negative_add_element_types(%a: tensor<2x3xf32>, %b: tensor<2x3xbf16>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'ttir.add' op operand #1 has element type bf16 but the result has f32}}
  %0 = ttir.add %a, %b : (tensor<2x3xf32>, tensor<2x3xbf16>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @negative_matmul_inner_dims(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // expected-error@+1 {{'ttir.matmul' op inner dimensions differ: 3 (lhs) vs 4 (rhs) (shapes [2, 3] and [4, 5])}}
  %0 = ttir.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @negative_matmul_result(%a: tensor<2x3xf32>, %b: tensor<5x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'ttir.matmul' op result shape [2, 3] should be [2, 5]}}
  %0 = ttir.matmul %a, %b {transpose_b = true} : (tensor<2x3xf32>, tensor<5x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @negative_matmul_batch(%a: tensor<2x4x3xf32>, %b: tensor<5x3x6xf32>) -> tensor<5x4x6xf32> {
  // expected-error@+1 {{batch dimensions [2] and [5] do not broadcast}}
  %0 = ttir.matmul %a, %b : (tensor<2x4x3xf32>, tensor<5x3x6xf32>) -> tensor<5x4x6xf32>
  return %0 : tensor<5x4x6xf32>
}

// -----

func.func @negative_linear_bias(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %bias: tensor<4xf32>) -> tensor<2x5xf32> {
  // expected-error@+1 {{'ttir.linear' op bias shape [4] does not broadcast to the result shape [2, 5]}}
  %0 = ttir.linear %a, %b, %bias : (tensor<2x3xf32>, tensor<3x5xf32>, tensor<4xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @negative_softmax_dimension(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'ttir.softmax' op dimension 2 is out of range for rank 2}}
  %0 = ttir.softmax %a {dimension = 2 : i32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @negative_layer_norm_shape(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'ttir.layer_norm' op normalized_shape [2] is not a trailing part of the input shape [2, 3]}}
  %0 = ttir.layer_norm %a {normalized_shape = array<i64: 2>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @negative_layer_norm_weight(%a: tensor<2x3xf32>, %w: tensor<2xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'ttir.layer_norm' op weight shape [2] does not match the normalized shape [3]}}
  %0 = ttir.layer_norm %a weight %w {normalized_shape = array<i64: 3>} : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @negative_reshape_elements(%a: tensor<2x3xf32>) -> tensor<7xf32> {
  // expected-error@+1 {{'ttir.reshape' op cannot reshape [2, 3] (6 elements) to [7] (7 elements)}}
  %0 = ttir.reshape %a : (tensor<2x3xf32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

func.func @negative_transpose_range(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error@+1 {{'ttir.transpose' op dim1 -3 is out of range for rank 2}}
  %0 = ttir.transpose %a {dim0 = 0 : i32, dim1 = -3 : i32} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @negative_transpose_result(%a: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  // expected-error@+1 {{'ttir.transpose' op result shape [3, 2, 4] should be [4, 3, 2]}}
  %0 = ttir.transpose %a {dim0 = 0 : i32, dim1 = 2 : i32} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// -----

func.func @negative_permute_repeat(%a: tensor<2x3xf32>) -> tensor<2x2xf32> {
  // expected-error@+1 {{'ttir.permute' op permutation [0, 0] is not a permutation of the 2 input dimensions}}
  %0 = ttir.permute %a {permutation = array<i64: 0, 0>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @negative_concat_mismatch(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'ttir.concat' op operand #1 shape [2, 4] does not match operand #0 shape [2, 3] outside dimension 0}}
  %0 = ttir.concat %a, %b {dim = 0 : i32} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @negative_concat_result(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) -> tensor<2x8xf32> {
  // expected-error@+1 {{'ttir.concat' op result shape [2, 8] should be [2, 7]}}
  %0 = ttir.concat %a, %b {dim = -1 : i32} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

func.func @negative_embedding_indices(%ids: tensor<4xf32>, %t: tensor<10x8xf32>) -> tensor<4x8xf32> {
  // expected-error@+1 {{'ttir.embedding' op indices have element type f32; expected an integer type}}
  %0 = ttir.embedding %ids, %t : (tensor<4xf32>, tensor<10x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @negative_embedding_table(%ids: tensor<4xi32>, %t: tensor<10x8x2xf32>) -> tensor<4x8xf32> {
  // expected-error@+1 {{'ttir.embedding' op weight must be a 2-D table, got shape [10, 8, 2]}}
  %0 = ttir.embedding %ids, %t : (tensor<4xi32>, tensor<10x8x2xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @negative_dynamic_shape(%a: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error@+1 {{'ttir.relu' op operand #0 has dynamic shape in tensor<?x3xf32>; ttc needs static shapes}}
  %0 = ttir.relu %a : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

#dram = #ttnn.layout<tile, f32, dram, interleaved, grid = [1, 1]>
func.func @negative_ttir_with_layout(%a: tensor<2x3xf32, #dram>) -> tensor<2x3xf32, #dram> {
  // expected-error@+1 {{'ttir.relu' op operand #0 has encoding #ttnn.layout<tile, f32, dram, interleaved, grid = [1, 1]>; ttir tensors carry no layout}}
  %0 = ttir.relu %a : (tensor<2x3xf32, #dram>) -> tensor<2x3xf32, #dram>
  return %0 : tensor<2x3xf32, #dram>
}

// -----

func.func @negative_compare_result(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'ttir.eq' op result has element type f32; expected i1}}
  %0 = ttir.eq %a, %a : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_where_shapes(%c: tensor<3xi1>, %a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'ttir.where' op operand shapes [3], [2] and [2] are not broadcast-compatible}}
  %0 = ttir.where %c, %a, %a : (tensor<3xi1>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_reduction_shape(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'ttir.sum' op result shape [2] should be [2, 1]}}
  %0 = ttir.sum %a {dim_arg = array<i64: 1>, keep_dim = true} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_reduction_dims(%a: tensor<2x3xf32>) -> tensor<f32> {
  // expected-error@+1 {{'ttir.max' op dim_arg names dimension 1 twice}}
  %0 = ttir.max %a {dim_arg = array<i64: 1, -1>} : (tensor<2x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @negative_conv_channels(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'ttir.conv2d' op input has 3 channels but weight [4, 2, 3, 3] expects 2 x 1 groups}}
  %0 = ttir.conv2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>, dilation = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @negative_conv_output(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error@+1 {{'ttir.conv2d' op result shape [1, 4, 8, 8] should be [1, 4, 6, 6]}}
  %0 = ttir.conv2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>, dilation = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @negative_pool_padding(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error@+1 {{'ttir.max_pool2d' op 'padding' has 2 entries; expected 4}}
  %0 = ttir.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @negative_slice_bounds(%x: tensor<4x8xf32>) -> tensor<4x2xf32> {
  // expected-error@+1 {{'ttir.slice' op dimension 1: slice 6:10:2 of size 8 needs 0 <= begin <= end <= size and step >= 1}}
  %0 = ttir.slice %x {begins = array<i64: 0, 6>, ends = array<i64: 4, 10>, steps = array<i64: 1, 2>} : (tensor<4x8xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

func.func @negative_pad_result(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'ttir.pad' op result shape [2, 3] should be [3, 5]}}
  %0 = ttir.pad %x {padding = array<i64: 1, 0, 1, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @negative_broadcast(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'ttir.broadcast' op cannot broadcast [2, 3] to [4, 3]}}
  %0 = ttir.broadcast %x : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @negative_gather_rank(%x: tensor<4x8xf32>, %i: tensor<4xi64>) -> tensor<4xf32> {
  // expected-error@+1 {{'ttir.gather' op index [4] must have the input's rank (2)}}
  %0 = ttir.gather %x, %i {dim = 1 : i64} : (tensor<4x8xf32>, tensor<4xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @negative_constant_type() -> tensor<2xf32> {
  // expected-error@+1 {{'ttir.constant' op value has type tensor<2xi64> but the result has type tensor<2xf32>}}
  %0 = ttir.constant {value = dense<[1, 2]> : tensor<2xi64>} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_arange_length() -> tensor<5xi64> {
  // expected-error@+1 {{'ttir.arange' op result shape [5] should be [4]}}
  %0 = ttir.arange {start = 0.0 : f64, end = 8.0 : f64, step = 2.0 : f64} : tensor<5xi64>
  return %0 : tensor<5xi64>
}

// -----

func.func @negative_full_value() -> tensor<2xf32> {
  // expected-error@+1 {{'ttir.full' op fill_value must be an integer or float attribute}}
  %0 = ttir.full {fill_value = "one"} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_attention(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x32xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error@+1 {{'ttir.scaled_dot_product_attention' op query [1, 2, 8, 16] and key [1, 2, 8, 32] must agree on the embedding size and key and value [1, 2, 8, 16] on the sequence length}}
  %0 = ttir.scaled_dot_product_attention %q, %k, %q : (tensor<1x2x8x16xf32>, tensor<1x2x8x32xf32>, tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @negative_batch_norm(%x: tensor<1x4x2x2xf32>, %m: tensor<3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{'ttir.batch_norm' op running_mean has shape [3]; expected [4]}}
  %0 = ttir.batch_norm %x, %m, %m : (tensor<1x4x2x2xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}
