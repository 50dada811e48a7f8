// ttnn-layout rejects what it has no layout for, naming the op or argument and the pass to run
// first; a bad option fails before any pass runs.
// RUN: not ttc-opt %s --split-input-file --ttnn-layout 2>&1 | FileCheck %s
// RUN: not ttc-opt %s --ttnn-layout="system-desc=n500" 2>&1 | FileCheck %s --check-prefix=DEVICE
// RUN: not ttc-opt %s --ttnn-layout="system-desc=%t.missing.toml" 2>&1 | FileCheck %s --check-prefix=DESC-FILE
// RUN: not ttc-opt %s --ttnn-layout="weight-dtype=f32" 2>&1 | FileCheck %s --check-prefix=WEIGHT
// RUN: not ttc-opt %s --ttnn-layout="math-fidelity=hifi5" 2>&1 | FileCheck %s --check-prefix=FIDELITY
// RUN: not ttc-opt %s --ttnn-layout="keep-f32=yes" 2>&1 | FileCheck %s --check-prefix=KEEP

// CHECK: invalid.mlir:[[# @LINE + 1]]:1: error: argument #0: element type i64 has no TTNN data type (run ttir-normalize-types first: it narrows i64 to si32 and f64 to f32)
func.func @wide_argument(%a: tensor<4xi64>) -> tensor<4xi64> {
  %0 = ttnn.neg %a : (tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

func.func @wide_result(%a: tensor<4xf32>) -> tensor<4xf64> {
  // CHECK: invalid.mlir:[[# @LINE + 1]]:8: error: element type f64 has no TTNN data type (run ttir-normalize-types first: it narrows i64 to si32 and f64 to f32)
  %0 = ttnn.typecast %a {dtype = #ttnn.data_type<f32>} : (tensor<4xf32>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}

// -----

func.func @leftover_ttir(%a: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: invalid.mlir:[[# @LINE + 1]]:8: error: 'ttir.relu' op has no layout rule (ttnn-layout expects ttnn ops and aten host fallbacks; run convert-ttir-to-ttnn first)
  %0 = ttir.relu %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-NOT: error

// DEVICE: ttc-opt: error: unknown device 'n500' (bundled devices: n150, n300; or give a descriptor file)
// DESC-FILE: ttc-opt: error: cannot read device descriptor {{.*}}.missing.toml: No such file or directory
// WEIGHT: ttc-opt: error: option 'weight-dtype' of pass 'ttnn-layout' expects one of bf16, bfp8_b, bfp4_b, got 'f32'
// FIDELITY: ttc-opt: error: option 'math-fidelity' of pass 'ttnn-layout' expects one of lofi, hifi2, hifi3, hifi4, got 'hifi5'
// KEEP: ttc-opt: error: option 'keep-f32' of pass 'ttnn-layout' expects true or false, got 'yes'
