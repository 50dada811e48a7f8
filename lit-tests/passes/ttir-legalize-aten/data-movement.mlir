// Views and data movement. View results take the traced shape; dimension arguments may be
// negative; slice bounds clamp like PyTorch's; aliases and copies disappear.
// RUN: ttc-opt %s --ttir-legalize-aten -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttir-legalize-aten | FileCheck %s

// CHECK-LABEL: func.func @views
func.func @views(%x: tensor<2x3x4xf32>, %y: tensor<6x4xf32>, %s: tensor<1x3x1xf32>) -> tensor<6x4xf32> {
  // CHECK: ttir.reshape %arg0 : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %0 = "aten.view.default"(%x) {size = array<i64: -1, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  // CHECK: ttir.reshape %arg0 : (tensor<2x3x4xf32>) -> tensor<24xf32>
  %1 = "aten._unsafe_view.default"(%x) {size = array<i64: 24>} : (tensor<2x3x4xf32>) -> tensor<24xf32>
  // CHECK: ttir.reshape %arg0 : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  %2 = "aten.reshape.default"(%x) {shape = array<i64: 2, 12>} : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  // CHECK: ttir.reshape %arg0 : (tensor<2x3x4xf32>) -> tensor<4x6xf32>
  %3 = "aten.view_copy.default"(%x) {size = array<i64: 4, 6>} : (tensor<2x3x4xf32>) -> tensor<4x6xf32>
  // CHECK: ttir.reshape %arg0 : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %4 = "aten.view_as.default"(%x, %y) : (tensor<2x3x4xf32>, tensor<6x4xf32>) -> tensor<6x4xf32>
  // CHECK: ttir.reshape %arg0 : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %5 = "aten.reshape_as.default"(%x, %y) : (tensor<2x3x4xf32>, tensor<6x4xf32>) -> tensor<6x4xf32>
  // CHECK: ttir.reshape %arg1 : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
  %6 = "aten.unflatten.int"(%y) {dim = 0 : i64, sizes = array<i64: 2, 3>} : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
  // CHECK: ttir.reshape %arg0 : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  %7 = "aten.flatten.using_ints"(%x) {start_dim = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  // CHECK: ttir.reshape %arg2 : (tensor<1x3x1xf32>) -> tensor<3xf32>
  %8 = "aten.squeeze.default"(%s) : (tensor<1x3x1xf32>) -> tensor<3xf32>
  // CHECK: ttir.reshape %arg2 : (tensor<1x3x1xf32>) -> tensor<1x3xf32>
  %9 = "aten.squeeze.dim"(%s) {dim = -1 : i64} : (tensor<1x3x1xf32>) -> tensor<1x3xf32>
  // CHECK: ttir.reshape %arg2 : (tensor<1x3x1xf32>) -> tensor<3xf32>
  %10 = "aten.squeeze.dims"(%s) {dim = array<i64: 0, 2>} : (tensor<1x3x1xf32>) -> tensor<3xf32>
  // CHECK: ttir.reshape %arg2 : (tensor<1x3x1xf32>) -> tensor<3x1xf32>
  %11 = "aten.squeeze_copy.dim"(%s) {dim = 0 : i64} : (tensor<1x3x1xf32>) -> tensor<3x1xf32>
  // CHECK: ttir.reshape %arg1 : (tensor<6x4xf32>) -> tensor<6x1x4xf32>
  %12 = "aten.unsqueeze.default"(%y) {dim = 1 : i64} : (tensor<6x4xf32>) -> tensor<6x1x4xf32>
  // CHECK: ttir.reshape %arg1 : (tensor<6x4xf32>) -> tensor<6x4x1xf32>
  %13 = "aten.unsqueeze_copy.default"(%y) {dim = -1 : i64} : (tensor<6x4xf32>) -> tensor<6x4x1xf32>
  // A view to the same shape disappears.
  // CHECK-NOT: ttir.reshape %arg1 : (tensor<6x4xf32>) -> tensor<6x4xf32>
  %14 = "aten.view.default"(%y) {size = array<i64: 6, 4>} : (tensor<6x4xf32>) -> tensor<6x4xf32>
  return %14 : tensor<6x4xf32>
}

// CHECK-LABEL: func.func @expand_permute
func.func @expand_permute(%x: tensor<1x1x4x1xi1>, %y: tensor<2x3x4xf32>, %z: tensor<4x4xf32>) -> tensor<1x1x4x4xi1> {
  // CHECK: ttir.broadcast %arg0 : (tensor<1x1x4x1xi1>) -> tensor<1x1x4x4xi1>
  %0 = "aten.expand.default"(%x) {size = array<i64: 1, -1, 4, 4>} : (tensor<1x1x4x1xi1>) -> tensor<1x1x4x4xi1>
  // CHECK: ttir.broadcast %arg0 : (tensor<1x1x4x1xi1>) -> tensor<2x1x4x4xi1>
  %1 = "aten.expand_copy.default"(%x) {size = array<i64: 2, 1, 4, 4>} : (tensor<1x1x4x1xi1>) -> tensor<2x1x4x4xi1>
  // CHECK: ttir.broadcast %arg0 : (tensor<1x1x4x1xi1>) -> tensor<1x1x4x4xi1>
  %2 = "aten.expand_as.default"(%x, %z) : (tensor<1x1x4x1xi1>, tensor<4x4xf32>) -> tensor<1x1x4x4xi1>
  // CHECK: ttir.permute %arg1 {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %3 = "aten.permute.default"(%y) {dims = array<i64: -1, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  // CHECK: ttir.permute %arg1 {permutation = array<i64: 1, 0, 2>}
  %4 = "aten.permute_copy.default"(%y) {dims = array<i64: 1, 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  // CHECK: ttir.transpose %arg1 {dim0 = 1 : i32, dim1 = 2 : i32} : (tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
  %5 = "aten.transpose.int"(%y) {dim0 = -2 : i64, dim1 = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
  // CHECK: ttir.transpose %arg1 {dim0 = 0 : i32, dim1 = 2 : i32}
  %6 = "aten.transpose_copy.int"(%y) {dim0 = 0 : i64, dim1 = 2 : i64} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  // CHECK: ttir.transpose %arg1 {dim0 = 0 : i32, dim1 = 1 : i32}
  %7 = "aten.swapaxes.default"(%y) {axis0 = 0 : i64, axis1 = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  // movedim(x, 0, 2): [2, 3, 4] -> [3, 4, 2].
  // CHECK: ttir.permute %arg1 {permutation = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  %8 = "aten.movedim.int"(%y) {source = 0 : i64, destination = 2 : i64} : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  return %0 : tensor<1x1x4x4xi1>
}

// CHECK-LABEL: func.func @slicing
func.func @slicing(%x: tensor<1x512xi64>, %y: tensor<4x10xf32>) -> tensor<1x32xi64> {
  // CHECK: ttir.slice %arg0 {begins = array<i64: 0, 0>, ends = array<i64: 1, 32>, steps = array<i64: 1, 1>} : (tensor<1x512xi64>) -> tensor<1x32xi64>
  %0 = "aten.slice.Tensor"(%x) {dim = 1 : i64, start = 0 : i64, end = 32 : i64} : (tensor<1x512xi64>) -> tensor<1x32xi64>
  // A strided slice with a negative start and an end past the size (clamped).
  // CHECK: ttir.slice %arg1 {begins = array<i64: 0, 4>, ends = array<i64: 4, 10>, steps = array<i64: 1, 2>} : (tensor<4x10xf32>) -> tensor<4x3xf32>
  %1 = "aten.slice.Tensor"(%y) {dim = -1 : i64, start = -6 : i64, end = 9223372036854775807 : i64, step = 2 : i64} : (tensor<4x10xf32>) -> tensor<4x3xf32>
  // CHECK: ttir.slice %arg1 {begins = array<i64: 1, 0>, ends = array<i64: 3, 10>, steps = array<i64: 1, 1>}
  %2 = "aten.slice_copy.Tensor"(%y) {dim = 0 : i64, start = 1 : i64, end = 3 : i64} : (tensor<4x10xf32>) -> tensor<2x10xf32>
  // select picks one index and drops the dimension.
  // CHECK: %[[S:.*]] = ttir.slice %arg1 {begins = array<i64: 0, 9>, ends = array<i64: 4, 10>, steps = array<i64: 1, 1>}
  // CHECK: ttir.reshape %[[S]] : (tensor<4x1xf32>) -> tensor<4xf32>
  %3 = "aten.select.int"(%y) {dim = 1 : i64, index = -1 : i64} : (tensor<4x10xf32>) -> tensor<4xf32>
  // CHECK: ttir.slice %arg1 {begins = array<i64: 2, 0>, ends = array<i64: 3, 10>
  %4 = "aten.select_copy.int"(%y) {dim = 0 : i64, index = 2 : i64} : (tensor<4x10xf32>) -> tensor<10xf32>
  // CHECK: ttir.slice %arg1 {begins = array<i64: 0, 3>, ends = array<i64: 4, 7>
  %5 = "aten.narrow.default"(%y) {dim = 1 : i64, start = 3 : i64, length = 4 : i64} : (tensor<4x10xf32>) -> tensor<4x4xf32>
  return %0 : tensor<1x32xi64>
}

// CHECK-LABEL: func.func @joining
func.func @joining(%a: tensor<1x32x32xf32>, %b: tensor<1x32x32xf32>, %e: tensor<0xf32>) -> tensor<1x32x64xf32> {
  // CHECK: ttir.concat %arg0, %arg1 {dim = 2 : i32} : (tensor<1x32x32xf32>, tensor<1x32x32xf32>) -> tensor<1x32x64xf32>
  %0 = "aten.cat.default"(%a, %b) {dim = -1 : i64, operandSegmentSizes = array<i32: 2>} : (tensor<1x32x32xf32>, tensor<1x32x32xf32>) -> tensor<1x32x64xf32>
  // PyTorch skips 1-D empty tensors in a concatenation.
  // CHECK: ttir.concat %arg0, %arg1 {dim = 1 : i32} : (tensor<1x32x32xf32>, tensor<1x32x32xf32>) -> tensor<1x64x32xf32>
  %1 = "aten.cat.default"(%a, %e, %b) {dim = 1 : i64, operandSegmentSizes = array<i32: 3>} : (tensor<1x32x32xf32>, tensor<0xf32>, tensor<1x32x32xf32>) -> tensor<1x64x32xf32>
  // stack inserts the new dimension, then concatenates.
  // CHECK: %[[A:.*]] = ttir.reshape %arg0 : (tensor<1x32x32xf32>) -> tensor<1x1x32x32xf32>
  // CHECK: %[[B:.*]] = ttir.reshape %arg1 : (tensor<1x32x32xf32>) -> tensor<1x1x32x32xf32>
  // CHECK: ttir.concat %[[A]], %[[B]] {dim = 1 : i32} : (tensor<1x1x32x32xf32>, tensor<1x1x32x32xf32>) -> tensor<1x2x32x32xf32>
  %2 = "aten.stack.default"(%a, %b) {dim = 1 : i64, operandSegmentSizes = array<i32: 2>} : (tensor<1x32x32xf32>, tensor<1x32x32xf32>) -> tensor<1x2x32x32xf32>
  return %0 : tensor<1x32x64xf32>
}

// CHECK-LABEL: func.func @splitting
func.func @splitting(%x: tensor<1x32x2304xf32>, %y: tensor<3x4xf32>) -> (tensor<1x32x768xf32>, tensor<1x32x768xf32>, tensor<4xf32>, tensor<1x4xf32>, tensor<2x4xf32>, tensor<1x4xf32>, tensor<1x4xf32>, tensor<4xf32>) {
  // GPT-2's QKV split: one slice per result that is read.
  // CHECK: ttir.slice %arg0 {begins = array<i64: 0, 0, 0>, ends = array<i64: 1, 32, 768>
  // CHECK-NOT: ends = array<i64: 1, 32, 1536>
  // CHECK: ttir.slice %arg0 {begins = array<i64: 0, 0, 1536>, ends = array<i64: 1, 32, 2304>
  %0:3 = "aten.split.Tensor"(%x) {split_size = 768 : i64, dim = 2 : i64} : (tensor<1x32x2304xf32>) -> (tensor<1x32x768xf32>, tensor<*xf32>, tensor<1x32x768xf32>)
  // CHECK: %[[U:.*]] = ttir.slice %arg1 {begins = array<i64: 2, 0>, ends = array<i64: 3, 4>
  // CHECK: ttir.reshape %[[U]] : (tensor<1x4xf32>) -> tensor<4xf32>
  %1:3 = "aten.unbind.int"(%y) : (tensor<3x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<4xf32>)
  // CHECK: ttir.slice %arg1 {begins = array<i64: 0, 0>, ends = array<i64: 1, 4>
  // CHECK: ttir.slice %arg1 {begins = array<i64: 1, 0>, ends = array<i64: 3, 4>
  %2:2 = "aten.split_with_sizes.default"(%y) {split_sizes = array<i64: 1, 2>} : (tensor<3x4xf32>) -> (tensor<1x4xf32>, tensor<2x4xf32>)
  // chunk(3 rows, 2 chunks): sizes 2 and 1.
  // CHECK: ttir.slice %arg1 {begins = array<i64: 2, 0>, ends = array<i64: 3, 4>
  %3:2 = "aten.chunk.default"(%y) {chunks = 2 : i64} : (tensor<3x4xf32>) -> (tensor<*xf32>, tensor<1x4xf32>)
  // CHECK: ttir.slice %arg1 {begins = array<i64: 0, 0>, ends = array<i64: 1, 4>
  %4:2 = "aten.split_with_sizes_copy.default"(%y) {split_sizes = array<i64: 1, 2>} : (tensor<3x4xf32>) -> (tensor<1x4xf32>, tensor<*xf32>)
  // CHECK: ttir.slice %arg1 {begins = array<i64: 1, 0>, ends = array<i64: 2, 4>
  %5:3 = "aten.unbind_copy.int"(%y) : (tensor<3x4xf32>) -> (tensor<*xf32>, tensor<4xf32>, tensor<*xf32>)
  return %0#0, %0#2, %1#2, %2#0, %2#1, %3#1, %4#0, %5#1 : tensor<1x32x768xf32>, tensor<1x32x768xf32>, tensor<4xf32>, tensor<1x4xf32>, tensor<2x4xf32>, tensor<1x4xf32>, tensor<1x4xf32>, tensor<4xf32>
}

// CHECK-LABEL: func.func @tile_pad_flip
func.func @tile_pad_flip(%x: tensor<2x3xf32>) -> tensor<2x6x6xf32> {
  // Extra repeat counts add leading dimensions.
  // CHECK: %[[R:.*]] = ttir.reshape %arg0 : (tensor<2x3xf32>) -> tensor<1x2x3xf32>
  // CHECK: ttir.repeat %[[R]] {repeats = array<i64: 2, 3, 2>} : (tensor<1x2x3xf32>) -> tensor<2x6x6xf32>
  %0 = "aten.repeat.default"(%x) {repeats = array<i64: 2, 3, 2>} : (tensor<2x3xf32>) -> tensor<2x6x6xf32>
  // constant_pad_nd pads from the last dimension: [left, right, top, bottom].
  // CHECK: ttir.pad %arg0 {padding = array<i64: 1, 0, 2, 3>, value = -1.000000e+00 : f64} : (tensor<2x3xf32>) -> tensor<3x8xf32>
  %1 = "aten.constant_pad_nd.default"(%x) {pad = array<i64: 2, 3, 1, 0>, value = -1 : i64} : (tensor<2x3xf32>) -> tensor<3x8xf32>
  // Negative amounts crop.
  // CHECK: ttir.slice %arg0 {begins = array<i64: 0, 1>, ends = array<i64: 2, 3>
  // CHECK: ttir.pad {{.*}} {padding = array<i64: 0, 0, 0, 1>}
  %2 = "aten.constant_pad_nd.default"(%x) {pad = array<i64: -1, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: ttir.reverse %arg0 {dimensions = array<i64: 1>}
  %3 = "aten.flip.default"(%x) {dims = array<i64: -1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x6x6xf32>
}

// CHECK-LABEL: func.func @aliases
func.func @aliases(%x: tensor<2x3xf32>, %y: tensor<3xbf16>, %t: tensor<2xi64>) -> tensor<2x3xf32> {
  // Aliases, clones and detaches are the value itself.
  %0 = "aten.alias.default"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "aten.alias_copy.default"(%0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "aten.clone.default"(%1) {memory_format = "contiguous_format"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = "aten.detach.default"(%2) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = "aten.lift_fresh_copy.default"(%3) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = "aten.contiguous.default"(%4) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  "aten._assert_tensor_metadata.default"(%5) {dtype = f32, device = "cpu", layout = "strided"} : (tensor<2x3xf32>) -> ()
  // copy(x, src): src converted and broadcast to x.
  // CHECK: %[[C:.*]] = ttir.typecast %arg1 : (tensor<3xbf16>) -> tensor<3xf32>
  // CHECK: ttir.broadcast %[[C]] : (tensor<3xf32>) -> tensor<2x3xf32>
  %6 = "aten.copy.default"(%5, %y) : (tensor<2x3xf32>, tensor<3xbf16>) -> tensor<2x3xf32>
  // diff along the last dimension.
  // CHECK: %[[HI:.*]] = ttir.slice %arg0 {begins = array<i64: 0, 1>, ends = array<i64: 2, 3>
  // CHECK: %[[LO:.*]] = ttir.slice %arg0 {begins = array<i64: 0, 0>, ends = array<i64: 2, 2>
  // CHECK: ttir.subtract %[[HI]], %[[LO]]
  %7 = "aten.diff.default"(%x) {operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  // CHECK: return %arg0
  return %5 : tensor<2x3xf32>
}
