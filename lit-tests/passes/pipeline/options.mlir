// ttc-backend-pipeline's options reach the passes they are for: weight-dtype, math-fidelity and
// system-desc (and keep-f32) go to ttnn-layout; const-eval=false leaves ttnn-const-eval out.
// RUN: ttc-opt %s --pass-pipeline='builtin.module(ttc-backend-pipeline{weight-dtype=bfp8_b})' | FileCheck %s --check-prefix=BFP8
// RUN: ttc-opt %s --pass-pipeline='builtin.module(ttc-backend-pipeline{math-fidelity=lofi})' | FileCheck %s --check-prefix=LOFI
// RUN: ttc-opt %s --pass-pipeline='builtin.module(ttc-backend-pipeline{const-eval=false})' | FileCheck %s --check-prefix=NOCONST
// RUN: ttc-opt %s --pass-pipeline='builtin.module(ttc-backend-pipeline{system-desc=n300})' | FileCheck %s --check-prefix=N300
// RUN: ttc-opt %s --pass-pipeline='builtin.module(ttc-backend-pipeline{system-desc=n300})' | FileCheck %s --check-prefix=N300-ONLY
// The same as the passes one by one with ttnn-layout's options and without ttnn-const-eval:
// RUN: ttc-opt %s --pass-pipeline='builtin.module(ttc-backend-pipeline{weight-dtype=bfp8_b math-fidelity=lofi const-eval=false system-desc=n300 keep-f32=true})' -o %t.pipeline
// RUN: ttc-opt %s --ttir-legalize-aten --ttir-normalize-types --canonicalize --cse --convert-ttir-to-ttnn --ttnn-layout="weight-dtype=bfp8_b math-fidelity=lofi system-desc=n300 keep-f32=true" --ttnn-workarounds --ttnn-decompose-layouts --canonicalize --cse --ttnn-deallocate -o %t.flags
// The frees after one op come in no fixed order: compare the other lines in order, and all
// lines as sets.
// RUN: grep -v ttnn.deallocate %t.flags > %t.flags.ops && grep -v ttnn.deallocate %t.pipeline > %t.pipeline.ops
// RUN: diff %t.flags.ops %t.pipeline.ops
// RUN: sort %t.flags > %t.flags.sorted && sort %t.pipeline > %t.pipeline.sorted
// RUN: diff %t.flags.sorted %t.pipeline.sorted
// Bad values are rejected before anything runs.
// RUN: not ttc-opt %s --pass-pipeline='builtin.module(ttc-backend-pipeline{weight-dtype=f16})' 2>&1 | FileCheck %s --check-prefix=BAD-WEIGHT
// RUN: not ttc-opt %s --pass-pipeline='builtin.module(ttc-backend-pipeline{math-fidelity=max})' 2>&1 | FileCheck %s --check-prefix=BAD-FIDELITY
// RUN: not ttc-opt %s --pass-pipeline='builtin.module(ttc-backend-pipeline{const-eval=maybe})' 2>&1 | FileCheck %s --check-prefix=BAD-CONST
// RUN: not ttc-opt %s --pass-pipeline='builtin.module(ttc-backend-pipeline{system-desc=n500})' 2>&1 | FileCheck %s --check-prefix=BAD-DEVICE
// RUN: not ttc-opt %s --pass-pipeline='builtin.module(ttc-backend-pipeline{bogus=1})' 2>&1 | FileCheck %s --check-prefix=BAD-NAME

module {
  func.func @forward(%arg0: tensor<16x32xf32> {aten.name = "p_fc1_weight", ttc.role = "parameter"}, %arg1: tensor<16xf32> {aten.name = "p_fc1_bias", ttc.role = "parameter"}, %arg2: tensor<1x32xf32> {aten.name = "x"}) -> tensor<1x16xf32> {
    %0 = "aten.linear.default"(%arg2, %arg0, %arg1) : (tensor<1x32xf32>, tensor<16x32xf32>, tensor<16xf32>) -> tensor<1x16xf32>
    %1 = "aten.relu.default"(%0) : (tensor<1x16xf32>) -> tensor<1x16xf32>
    return %1 : tensor<1x16xf32>
  }
}

// The weight (not the bias) is cached as bfp8_b, tilized from f32 in one step.
// BFP8-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// BFP8-DAG: #[[BFP8:.*]] = #ttnn.layout<tile, bfp8_b, dram, interleaved, grid = [8, 8]>
// BFP8-LABEL: func.func @forward
// BFP8: %[[P:.*]]:2 = ttnn.load_cached @forward_const_eval_0(%arg0, %arg1) : ({{.*}}) -> (tensor<16x32xbf16, #[[BFP8]]>, tensor<16xbf16, #[[TILE]]>)
// BFP8-NEXT: ttnn.linear %{{.*}}, %[[P]]#0, %[[P]]#1 {math_fidelity = #ttnn.math_fidelity<hifi4>, transpose_b = true} : (tensor<1x32xbf16, #[[TILE]]>, tensor<16x32xbf16, #[[BFP8]]>, tensor<16xbf16, #[[TILE]]>) -> tensor<1x16xbf16, #[[TILE]]>
// BFP8-LABEL: func.func private @forward_const_eval_0
// BFP8-DAG: ttnn.to_layout %{{.*}} {dtype = #ttnn.data_type<bfp8_b>, layout = #ttnn.tensor_layout<tile>} : (tensor<16x32xf32, #{{.*}}>) -> tensor<16x32xbf16, #[[BFP8]]>
// BFP8-DAG: ttnn.to_layout %{{.*}} {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<16xf32, #{{.*}}>) -> tensor<16xbf16, #[[TILE]]>

// LOFI-LABEL: func.func @forward
// LOFI: ttnn.linear %{{.*}} {math_fidelity = #ttnn.math_fidelity<lofi>, transpose_b = true}

// Without const-eval the weights are copied and tilized on every run, in @forward, and freed
// after the linear.
// NOCONST-LABEL: func.func @forward
// NOCONST-NOT: ttnn.load_cached
// NOCONST: %[[W0:.*]] = ttnn.to_device %arg0
// NOCONST-NEXT: %[[W:.*]] = ttnn.to_layout %[[W0]]
// NOCONST-NEXT: ttnn.deallocate %[[W0]]
// NOCONST-NEXT: %[[B0:.*]] = ttnn.to_device %arg1
// NOCONST-NEXT: %[[B:.*]] = ttnn.to_layout %[[B0]]
// NOCONST-NEXT: ttnn.deallocate %[[B0]]
// NOCONST-NEXT: %[[L:.*]] = ttnn.linear %[[X:.*]], %[[W]], %[[B]]
// NOCONST-DAG: ttnn.deallocate %[[W]] :
// NOCONST-DAG: ttnn.deallocate %[[B]] :
// NOCONST-DAG: ttnn.deallocate %[[X]] :
// NOCONST-NEXT: ttnn.relu %[[L]]
// NOCONST-NOT: func.func private

// N300-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 7]>
// N300-DAG: #[[RM:.*]] = #ttnn.layout<row_major, f32, dram, interleaved, grid = [8, 7]>
// N300-LABEL: func.func @forward
// N300: ttnn.to_device %arg2, %{{.*}} {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<1x32xf32, #{{.*}}>, !ttnn.device) -> tensor<1x32xf32, #[[RM]]>
// N300: ttnn.linear {{.*}} -> tensor<1x16xbf16, #[[TILE]]>
// N300-ONLY-NOT: grid = [8, 8]

// BAD-WEIGHT: ttc-opt: error: option 'weight-dtype' of pass 'ttc-backend-pipeline' expects one of bf16, bfp8_b, bfp4_b, got 'f16'
// BAD-FIDELITY: ttc-opt: error: option 'math-fidelity' of pass 'ttc-backend-pipeline' expects one of lofi, hifi2, hifi3, hifi4, got 'max'
// BAD-CONST: ttc-opt: error: option 'const-eval' of pass 'ttc-backend-pipeline' expects true or false, got 'maybe'
// BAD-DEVICE: ttc-opt: error: unknown device 'n500' (bundled devices: n150, n300; or give a descriptor file)
// BAD-NAME: ttc-opt: error: pass 'ttc-backend-pipeline' has no option 'bogus' (options: system-desc, keep-f32, weight-dtype, math-fidelity, const-eval)
