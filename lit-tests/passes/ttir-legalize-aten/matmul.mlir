// Matrix products. A transpose of the last two dimensions feeding a product is folded into
// transpose_a / transpose_b (the t(weight) of every linear layer in aot_autograd graphs).
// RUN: ttc-opt %s --ttir-legalize-aten -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttir-legalize-aten | FileCheck %s
// RUN: ttc-opt %s --ttir-legalize-aten --canonicalize | FileCheck %s --check-prefix=CANON

// CHECK-LABEL: func.func @linear_layer
// CANON-LABEL: func.func @linear_layer
func.func @linear_layer(%w: tensor<128x784xf32>, %b: tensor<128xf32>, %x: tensor<1x784xf32>) -> tensor<1x128xf32> {
  // CHECK: ttir.transpose %arg0 {dim0 = 0 : i32, dim1 = 1 : i32} : (tensor<128x784xf32>) -> tensor<784x128xf32>
  %0 = "aten.t.default"(%w) : (tensor<128x784xf32>) -> tensor<784x128xf32>
  // CHECK: ttir.linear %arg2, %arg0, %arg1 {transpose_b = true} : (tensor<1x784xf32>, tensor<128x784xf32>, tensor<128xf32>) -> tensor<1x128xf32>
  // The transpose is dead afterwards and canonicalize removes it.
  // CANON-NOT: ttir.transpose
  // CANON: ttir.linear %arg2, %arg0, %arg1 {transpose_b = true}
  %1 = "aten.addmm.default"(%b, %x, %0) : (tensor<128xf32>, tensor<1x784xf32>, tensor<784x128xf32>) -> tensor<1x128xf32>
  return %1 : tensor<1x128xf32>
}

// CHECK-LABEL: func.func @products
func.func @products(%a: tensor<8x16xf32>, %b: tensor<16x4xf32>, %c: tensor<2x8x16xf32>, %d: tensor<2x16x4xf32>, %v: tensor<16xf32>) -> tensor<8x4xf32> {
  // CHECK: ttir.matmul %arg0, %arg1 : (tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32>
  %0 = "aten.mm.default"(%a, %b) : (tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32>
  // CHECK: ttir.matmul %arg2, %arg3 : (tensor<2x8x16xf32>, tensor<2x16x4xf32>) -> tensor<2x8x4xf32>
  %1 = "aten.bmm.default"(%c, %d) : (tensor<2x8x16xf32>, tensor<2x16x4xf32>) -> tensor<2x8x4xf32>
  // Batch dimensions broadcast.
  // CHECK: ttir.matmul %arg2, %arg1 : (tensor<2x8x16xf32>, tensor<16x4xf32>) -> tensor<2x8x4xf32>
  %2 = "aten.matmul.default"(%c, %b) : (tensor<2x8x16xf32>, tensor<16x4xf32>) -> tensor<2x8x4xf32>
  // CHECK: ttir.matmul %arg0, %arg4 : (tensor<8x16xf32>, tensor<16xf32>) -> tensor<8xf32>
  %3 = "aten.mv.default"(%a, %v) : (tensor<8x16xf32>, tensor<16xf32>) -> tensor<8xf32>
  // CHECK: ttir.matmul %arg4, %arg4 : (tensor<16xf32>, tensor<16xf32>) -> tensor<f32>
  %4 = "aten.dot.default"(%v, %v) : (tensor<16xf32>, tensor<16xf32>) -> tensor<f32>
  return %0 : tensor<8x4xf32>
}

// CHECK-LABEL: func.func @scaled
func.func @scaled(%bias: tensor<4xf32>, %a: tensor<8x16xf32>, %b: tensor<16x4xf32>, %c: tensor<2x8x4xf32>, %x: tensor<2x8x16xf32>, %y: tensor<2x16x4xf32>) -> tensor<8x4xf32> {
  // beta and alpha other than 1: alpha * (a @ b) + beta * bias.
  // CHECK: %[[P:.*]] = ttir.matmul %arg1, %arg2
  // CHECK: %[[A:.*]] = ttir.multiply %[[P]], %{{.*}} : (tensor<8x4xf32>, tensor<f32>)
  // CHECK: %[[B:.*]] = ttir.multiply %arg0, %{{.*}} : (tensor<4xf32>, tensor<f32>)
  // CHECK: ttir.add %[[A]], %[[B]]
  %0 = "aten.addmm.default"(%bias, %a, %b) {beta = 5.000000e-01 : f64, alpha = 2 : i64} : (tensor<4xf32>, tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32>
  // beta = 0 drops the input.
  // CHECK: %[[P2:.*]] = ttir.matmul %arg1, %arg2
  // CHECK-NOT: ttir.add %[[P2]]
  %1 = "aten.addmm.default"(%bias, %a, %b) {beta = 0 : i64} : (tensor<4xf32>, tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32>
  // CHECK: ttir.linear %arg4, %arg5, %arg3 : (tensor<2x8x16xf32>, tensor<2x16x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
  %2 = "aten.baddbmm.default"(%c, %x, %y) : (tensor<2x8x4xf32>, tensor<2x8x16xf32>, tensor<2x16x4xf32>) -> tensor<2x8x4xf32>
  return %0 : tensor<8x4xf32>
}

// CHECK-LABEL: func.func @export_linear
func.func @export_linear(%x: tensor<1x32x128xf32>, %w: tensor<512x128xf32>, %b: tensor<512xf32>) -> tensor<1x32x512xf32> {
  // torch.export keeps aten.linear: weight [out, in], so transpose_b.
  // CHECK: ttir.linear %arg0, %arg1, %arg2 {transpose_b = true} : (tensor<1x32x128xf32>, tensor<512x128xf32>, tensor<512xf32>) -> tensor<1x32x512xf32>
  %0 = "aten.linear.default"(%x, %w, %b) : (tensor<1x32x128xf32>, tensor<512x128xf32>, tensor<512xf32>) -> tensor<1x32x512xf32>
  // Without bias it is a matmul.
  // CHECK: ttir.matmul %arg0, %arg1 {transpose_b = true}
  %1 = "aten.linear.default"(%x, %w) {operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x32x128xf32>, tensor<512x128xf32>) -> tensor<1x32x512xf32>
  return %0 : tensor<1x32x512xf32>
}

// CHECK-LABEL: func.func @transposes
func.func @transposes(%m: tensor<3x5xf32>, %v: tensor<5xf32>) -> tensor<5xf32> {
  // CHECK: ttir.transpose %arg0 {dim0 = 0 : i32, dim1 = 1 : i32} : (tensor<3x5xf32>) -> tensor<5x3xf32>
  %0 = "aten.t_copy.default"(%m) : (tensor<3x5xf32>) -> tensor<5x3xf32>
  // t of a vector is the vector.
  // CHECK-NOT: ttir.transpose %arg1
  %1 = "aten.t.default"(%v) : (tensor<5xf32>) -> tensor<5xf32>
  return %1 : tensor<5xf32>
}
