// ttnn-layout's options: math-fidelity, keep-f32, weight-dtype and system-desc.
// RUN: ttc-opt %s --ttnn-layout="math-fidelity=lofi" | FileCheck %s --check-prefix=LOFI
// RUN: ttc-opt %s --ttnn-layout="keep-f32=true" | FileCheck %s --check-prefix=F32
// RUN: ttc-opt %s --ttnn-layout="weight-dtype=bfp8_b" | FileCheck %s --check-prefix=BFP8
// RUN: ttc-opt %s --ttnn-layout="weight-dtype=bfp4_b" | FileCheck %s --check-prefix=BFP4
// RUN: ttc-opt %s --ttnn-layout="system-desc=n300" | FileCheck %s --check-prefix=N300
// RUN: ttc-opt %s --ttnn-layout="system-desc=n300" | FileCheck %s --check-prefix=N300-NOT88

// LOFI-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// F32-DAG: #[[HOST_F32:.*]] = #ttnn.layout<row_major, f32, system_memory>
// F32-DAG: #[[TILE_F32:.*]] = #ttnn.layout<tile, f32, dram, interleaved, grid = [8, 8]>
// F32-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// BFP8-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// BFP8-DAG: #[[BFP8:.*]] = #ttnn.layout<tile, bfp8_b, dram, interleaved, grid = [8, 8]>
// BFP4-DAG: #[[BFP4:.*]] = #ttnn.layout<tile, bfp4_b, dram, interleaved, grid = [8, 8]>
// N300-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 7]>
// N300-DAG: #[[TILE_SI32:.*]] = #ttnn.layout<tile, si32, dram, interleaved, grid = [8, 7]>
// N300-NOT88-NOT: grid = [8, 8]

// LOFI-LABEL: func.func @fidelity
// F32-LABEL: func.func @fidelity
// N300-LABEL: func.func @fidelity
func.func @fidelity(%a: tensor<32x64xf32>, %b: tensor<64x32xf32>, %i: tensor<32xsi32>) -> (tensor<32x32xf32>, tensor<32xsi32>) {
  // The option sets the fidelity of ops that do not name one.
  // LOFI: %[[M0:.*]] = ttnn.matmul %{{.*}}, %{{.*}} {math_fidelity = #ttnn.math_fidelity<lofi>} : (tensor<32x64xbf16, #[[TILE]]>, tensor<64x32xbf16, #[[TILE]]>) -> tensor<32x32xbf16, #[[TILE]]>
  // With keep-f32, f32 tensors stay f32 on the device and are converted without a change of
  // element type.
  // F32: %[[A:.*]] = ttnn.convert_layout %arg0 : (tensor<32x64xf32, #[[HOST_F32]]>) -> tensor<32x64xf32, #[[TILE_F32]]>
  // F32-NEXT: %[[B:.*]] = ttnn.convert_layout %arg1 : (tensor<64x32xf32, #[[HOST_F32]]>) -> tensor<64x32xf32, #[[TILE_F32]]>
  // F32-NEXT: ttnn.matmul %[[A]], %[[B]] {math_fidelity = #ttnn.math_fidelity<hifi4>} : (tensor<32x64xf32, #[[TILE_F32]]>, tensor<64x32xf32, #[[TILE_F32]]>) -> tensor<32x32xf32, #[[TILE_F32]]>
  // N300: ttnn.convert_layout %arg0 : (tensor<32x64xf32, #{{.*}}>) -> tensor<32x64xbf16, #[[TILE]]>
  // N300: ttnn.matmul %{{.*}} -> tensor<32x32xbf16, #[[TILE]]>
  %0 = ttnn.matmul %a, %b : (tensor<32x64xf32>, tensor<64x32xf32>) -> tensor<32x32xf32>
  // An explicit fidelity is kept.
  // LOFI-NEXT: %[[M1:.*]] = ttnn.matmul %{{.*}}, %{{.*}} {math_fidelity = #ttnn.math_fidelity<hifi3>}
  %1 = ttnn.matmul %a, %b {math_fidelity = #ttnn.math_fidelity<hifi3>} : (tensor<32x64xf32>, tensor<64x32xf32>) -> tensor<32x32xf32>
  // LOFI-NEXT: ttnn.add %[[M0]], %[[M1]] : (tensor<32x32xbf16, #[[TILE]]>, tensor<32x32xbf16, #[[TILE]]>) -> tensor<32x32xbf16, #[[TILE]]>
  %2 = ttnn.add %0, %1 : (tensor<32x32xf32>, tensor<32x32xf32>) -> tensor<32x32xf32>
  // N300: ttnn.neg %{{.*}} : (tensor<32xsi32, #[[TILE_SI32]]>) -> tensor<32xsi32, #[[TILE_SI32]]>
  %3 = ttnn.neg %i : (tensor<32xsi32>) -> tensor<32xsi32>
  return %2, %3 : tensor<32x32xf32>, tensor<32xsi32>
}

// keep-f32 keeps the exact constant; booleans are still bf16 on the device.
// F32-LABEL: func.func @keep_f32_constants
func.func @keep_f32_constants(%m: tensor<3xi1>) -> tensor<3xf32> {
  %d = ttnn.get_device : !ttnn.device
  // F32: %[[C:.*]] = ttnn.constant %{{.*}} {value = dense<[1.000000e+00, 1.00390625, 3.14159274]> : tensor<3xf32>} : (!ttnn.device) -> tensor<3xf32, #[[TILE_F32]]>
  %0 = ttnn.constant %d {value = dense<[1.0, 1.00390625, 3.14159274]> : tensor<3xf32>} : (!ttnn.device) -> tensor<3xf32>
  // F32-NEXT: %[[M:.*]] = ttnn.convert_layout %arg0 : (tensor<3xi1, #{{.*}}>) -> tensor<3xbf16, #[[TILE]]>
  // F32-NEXT: ttnn.where %[[M]], %[[C]], %[[C]] : (tensor<3xbf16, #[[TILE]]>, tensor<3xf32, #[[TILE_F32]]>, tensor<3xf32, #[[TILE_F32]]>) -> tensor<3xf32, #[[TILE_F32]]>
  %1 = ttnn.where %m, %0, %0 : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %1 : tensor<3xf32>
}

// weight-dtype converts the `b` operand of matmul and linear to the block-float type when it is
// computed from a parameter only through data movement; nothing else changes.
// BFP8-LABEL: func.func @weights
// BFP4-LABEL: func.func @weights
func.func @weights(%x: tensor<32x64xf32>, %w: tensor<32x64xf32> {ttc.role = "parameter"}, %v: tensor<2048xf32> {ttc.role = "parameter"}, %y: tensor<64x32xf32>, %bias: tensor<32xf32> {ttc.role = "parameter"}, %buf: tensor<64x32xf32> {ttc.role = "buffer"}) -> (tensor<32x32xf32>, tensor<32x32xf32>, tensor<32x32xf32>, tensor<32x64xf32>, tensor<32x32xf32>, tensor<32x32xf32>) {
  // Through a transpose: the transposed bf16 tensor is converted, the parameter itself stays
  // bf16 for its other users.
  // BFP8: %[[W:.*]] = ttnn.convert_layout %arg1 : (tensor<32x64xf32, #{{.*}}>) -> tensor<32x64xbf16, #[[TILE]]>
  // BFP8-NEXT: %[[T:.*]] = ttnn.transpose %[[W]] {dim0 = 0 : i32, dim1 = 1 : i32} : (tensor<32x64xbf16, #[[TILE]]>) -> tensor<64x32xbf16, #[[TILE]]>
  // BFP8-NEXT: %[[X:.*]] = ttnn.convert_layout %arg0 : (tensor<32x64xf32, #{{.*}}>) -> tensor<32x64xbf16, #[[TILE]]>
  // BFP8-NEXT: %[[T8:.*]] = ttnn.convert_layout %[[T]] : (tensor<64x32xbf16, #[[TILE]]>) -> tensor<64x32xbf16, #[[BFP8]]>
  // BFP8-NEXT: ttnn.matmul %[[X]], %[[T8]] {math_fidelity = #ttnn.math_fidelity<hifi4>} : (tensor<32x64xbf16, #[[TILE]]>, tensor<64x32xbf16, #[[BFP8]]>) -> tensor<32x32xbf16, #[[TILE]]>
  // BFP4: ttnn.matmul %{{.*}}, %{{.*}} {math_fidelity = #ttnn.math_fidelity<hifi4>} : (tensor<32x64xbf16, #{{.*}}>, tensor<64x32xbf16, #[[BFP4]]>)
  %t = ttnn.transpose %w {dim0 = 0 : i32, dim1 = 1 : i32} : (tensor<32x64xf32>) -> tensor<64x32xf32>
  %0 = ttnn.matmul %x, %t : (tensor<32x64xf32>, tensor<64x32xf32>) -> tensor<32x32xf32>
  // Through a reshape, for linear; the bias is not a weight.
  // BFP8-NEXT: %[[V:.*]] = ttnn.convert_layout %arg2
  // BFP8-NEXT: %[[R:.*]] = ttnn.reshape %[[V]] {shape = array<i64: 64, 32>} : (tensor<2048xbf16, #[[TILE]]>) -> tensor<64x32xbf16, #[[TILE]]>
  // BFP8-NEXT: %[[BIAS:.*]] = ttnn.convert_layout %arg4 : (tensor<32xf32, #{{.*}}>) -> tensor<32xbf16, #[[TILE]]>
  // BFP8-NEXT: %[[R8:.*]] = ttnn.convert_layout %[[R]] : (tensor<64x32xbf16, #[[TILE]]>) -> tensor<64x32xbf16, #[[BFP8]]>
  // BFP8-NEXT: ttnn.linear %[[X]], %[[R8]], %[[BIAS]] {math_fidelity = #ttnn.math_fidelity<hifi4>} : (tensor<32x64xbf16, #[[TILE]]>, tensor<64x32xbf16, #[[BFP8]]>, tensor<32xbf16, #[[TILE]]>) -> tensor<32x32xbf16, #[[TILE]]>
  // BFP4: ttnn.linear %{{.*}}, %{{.*}}, %{{.*}} {math_fidelity = #ttnn.math_fidelity<hifi4>} : (tensor<32x64xbf16, #{{.*}}>, tensor<64x32xbf16, #[[BFP4]]>, tensor<32xbf16,
  %r = ttnn.reshape %v {shape = array<i64: 64, 32>} : (tensor<2048xf32>) -> tensor<64x32xf32>
  %1 = ttnn.linear %x, %r, %bias : (tensor<32x64xf32>, tensor<64x32xf32>, tensor<32xf32>) -> tensor<32x32xf32>
  // An input is not a weight.
  // BFP8-NEXT: %[[Y:.*]] = ttnn.convert_layout %arg3 : (tensor<64x32xf32, #{{.*}}>) -> tensor<64x32xbf16, #[[TILE]]>
  // BFP8-NEXT: ttnn.matmul %[[X]], %[[Y]] {math_fidelity = #ttnn.math_fidelity<hifi4>} : (tensor<32x64xbf16, #[[TILE]]>, tensor<64x32xbf16, #[[TILE]]>) -> tensor<32x32xbf16, #[[TILE]]>
  %2 = ttnn.matmul %x, %y : (tensor<32x64xf32>, tensor<64x32xf32>) -> tensor<32x32xf32>
  // Other ops read the parameter in bf16.
  // BFP8-NEXT: ttnn.multiply %[[X]], %[[W]] : (tensor<32x64xbf16, #[[TILE]]>, tensor<32x64xbf16, #[[TILE]]>) -> tensor<32x64xbf16, #[[TILE]]>
  %3 = ttnn.multiply %x, %w : (tensor<32x64xf32>, tensor<32x64xf32>) -> tensor<32x64xf32>
  // Computed from a parameter (not just moved): not a weight.
  // BFP8-NEXT: %[[E:.*]] = ttnn.exp %[[T]]
  // BFP8-NEXT: ttnn.matmul %[[X]], %[[E]] {math_fidelity = #ttnn.math_fidelity<hifi4>} : (tensor<32x64xbf16, #[[TILE]]>, tensor<64x32xbf16, #[[TILE]]>) -> tensor<32x32xbf16, #[[TILE]]>
  %e = ttnn.exp %t : (tensor<64x32xf32>) -> tensor<64x32xf32>
  %4 = ttnn.matmul %x, %e : (tensor<32x64xf32>, tensor<64x32xf32>) -> tensor<32x32xf32>
  // A buffer is not a parameter.
  // BFP8-NEXT: %[[BUF:.*]] = ttnn.convert_layout %arg5
  // BFP8-NEXT: ttnn.matmul %[[X]], %[[BUF]] {math_fidelity = #ttnn.math_fidelity<hifi4>} : (tensor<32x64xbf16, #[[TILE]]>, tensor<64x32xbf16, #[[TILE]]>) -> tensor<32x32xbf16, #[[TILE]]>
  %5 = ttnn.matmul %x, %buf : (tensor<32x64xf32>, tensor<64x32xf32>) -> tensor<32x32xf32>
  // BFP8-NOT: bfp8_b
  // BFP8: return
  return %0, %1, %2, %3, %4, %5 : tensor<32x32xf32>, tensor<32x32xf32>, tensor<32x32xf32>, tensor<32x64xf32>, tensor<32x32xf32>, tensor<32x32xf32>
}
