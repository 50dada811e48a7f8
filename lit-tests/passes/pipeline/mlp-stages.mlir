// A small MLP classifier (two linear layers and the predicted class), as `ttc import` writes
// a torch.export graph, followed through the backend pipeline one stage at a time; the last
// RUN checks that ttc-backend-pipeline is exactly the stages in order.
//
// RUN: ttc-opt %s --ttir-legalize-aten | FileCheck %s --check-prefix=LEGAL
// RUN: ttc-opt %s --ttir-legalize-aten --ttir-normalize-types --canonicalize --cse | FileCheck %s --check-prefix=NORM
// RUN: ttc-opt %s --ttir-legalize-aten --ttir-normalize-types --canonicalize --cse --convert-ttir-to-ttnn | FileCheck %s --check-prefix=TTNN
// RUN: ttc-opt %s --ttir-legalize-aten --ttir-normalize-types --canonicalize --cse --convert-ttir-to-ttnn --ttnn-layout | FileCheck %s --check-prefix=LAYOUT
// RUN: ttc-opt %s --ttir-legalize-aten --ttir-normalize-types --canonicalize --cse --convert-ttir-to-ttnn --ttnn-layout --ttnn-workarounds | FileCheck %s --check-prefix=WORK
// RUN: ttc-opt %s --ttir-legalize-aten --ttir-normalize-types --canonicalize --cse --convert-ttir-to-ttnn --ttnn-layout --ttnn-workarounds --ttnn-decompose-layouts --canonicalize --cse | FileCheck %s --check-prefix=DECOMP
// RUN: ttc-opt %s --ttir-legalize-aten --ttir-normalize-types --canonicalize --cse --convert-ttir-to-ttnn --ttnn-layout --ttnn-workarounds --ttnn-decompose-layouts --canonicalize --cse --ttnn-const-eval --canonicalize | FileCheck %s --check-prefix=CONST
// RUN: ttc-opt %s --ttir-legalize-aten --ttir-normalize-types --canonicalize --cse --convert-ttir-to-ttnn --ttnn-layout --ttnn-workarounds --ttnn-decompose-layouts --canonicalize --cse --ttnn-const-eval --canonicalize --ttnn-deallocate -o %t.flags
// RUN: FileCheck %s --check-prefix=DEALLOC --input-file=%t.flags
// RUN: ttc-opt %s --pass-pipeline='builtin.module(ttc-backend-pipeline)' -o %t.pipeline
// RUN: diff %t.flags %t.pipeline

module {
  func.func @forward(%arg0: tensor<16x32xf32> {aten.name = "p_fc1_weight", ttc.role = "parameter"}, %arg1: tensor<16xf32> {aten.name = "p_fc1_bias", ttc.role = "parameter"}, %arg2: tensor<10x16xf32> {aten.name = "p_fc2_weight", ttc.role = "parameter"}, %arg3: tensor<10xf32> {aten.name = "p_fc2_bias", ttc.role = "parameter"}, %arg4: tensor<1x32xf32> {aten.name = "x"}) -> (tensor<1x10xf32>, tensor<1xi64>) {
    %0 = "aten.linear.default"(%arg4, %arg0, %arg1) : (tensor<1x32xf32>, tensor<16x32xf32>, tensor<16xf32>) -> tensor<1x16xf32>
    %1 = "aten.relu.default"(%0) : (tensor<1x16xf32>) -> tensor<1x16xf32>
    %2 = "aten.linear.default"(%1, %arg2, %arg3) : (tensor<1x16xf32>, tensor<10x16xf32>, tensor<10xf32>) -> tensor<1x10xf32>
    %3 = "aten.argmax.default"(%2) {dim = 1 : i64} : (tensor<1x10xf32>) -> tensor<1xi64>
    return %2, %3 : tensor<1x10xf32>, tensor<1xi64>
  }
}

// 1. aten -> ttir: linear keeps torch's [out, in] weight and says so; types are unchanged.
// LEGAL-LABEL: func.func @forward
// LEGAL-SAME: (%arg0: tensor<16x32xf32> {aten.name = "p_fc1_weight", ttc.role = "parameter"}, %arg1: tensor<16xf32> {aten.name = "p_fc1_bias", ttc.role = "parameter"}, %arg2: tensor<10x16xf32> {aten.name = "p_fc2_weight", ttc.role = "parameter"}, %arg3: tensor<10xf32> {aten.name = "p_fc2_bias", ttc.role = "parameter"}, %arg4: tensor<1x32xf32> {aten.name = "x"})
// LEGAL-SAME: -> (tensor<1x10xf32>, tensor<1xi64>)
// LEGAL-NEXT: %[[L1:.*]] = ttir.linear %arg4, %arg0, %arg1 {transpose_b = true} : (tensor<1x32xf32>, tensor<16x32xf32>, tensor<16xf32>) -> tensor<1x16xf32>
// LEGAL-NEXT: %[[R:.*]] = ttir.relu %[[L1]] : (tensor<1x16xf32>) -> tensor<1x16xf32>
// LEGAL-NEXT: %[[L2:.*]] = ttir.linear %[[R]], %arg2, %arg3 {transpose_b = true} : (tensor<1x16xf32>, tensor<10x16xf32>, tensor<10xf32>) -> tensor<1x10xf32>
// LEGAL-NEXT: %[[AM:.*]] = ttir.argmax %[[L2]] {dim = 1 : i64} : (tensor<1x10xf32>) -> tensor<1xi64>
// LEGAL-NEXT: return %[[L2]], %[[AM]] : tensor<1x10xf32>, tensor<1xi64>
// LEGAL-NOT: aten.

// 2. i64 narrows to si32, in the op and in the signature.
// NORM-LABEL: func.func @forward
// NORM-SAME: -> (tensor<1x10xf32>, tensor<1xsi32>)
// NORM: %[[L2:.*]] = ttir.linear %{{.*}}, %arg2, %arg3
// NORM-NEXT: %[[AM:.*]] = ttir.argmax %[[L2]] {dim = 1 : i64} : (tensor<1x10xf32>) -> tensor<1xsi32>
// NORM-NEXT: return %[[L2]], %[[AM]] : tensor<1x10xf32>, tensor<1xsi32>
// NORM-NOT: i64>

// 3. ttir -> ttnn, one to one here; still no layouts.
// TTNN-LABEL: func.func @forward
// TTNN-NEXT: %[[L1:.*]] = ttnn.linear %arg4, %arg0, %arg1 {transpose_b = true} : (tensor<1x32xf32>, tensor<16x32xf32>, tensor<16xf32>) -> tensor<1x16xf32>
// TTNN-NEXT: %[[R:.*]] = ttnn.relu %[[L1]] : (tensor<1x16xf32>) -> tensor<1x16xf32>
// TTNN-NEXT: %[[L2:.*]] = ttnn.linear %[[R]], %arg2, %arg3 {transpose_b = true} : (tensor<1x16xf32>, tensor<10x16xf32>, tensor<10xf32>) -> tensor<1x10xf32>
// TTNN-NEXT: %[[AM:.*]] = ttnn.argmax %[[L2]] {dim = 1 : i64} : (tensor<1x10xf32>) -> tensor<1xsi32>
// TTNN-NEXT: return %[[L2]], %[[AM]]
// TTNN-NOT: ttir.
// TTNN-NOT: #ttnn.layout

// 4. Layouts: host row-major at the boundary, tiled bf16 in DRAM on the device, a
// convert_layout before each first use; linear gets the default fidelity.
// LAYOUT-DAG: #[[HOST:.*]] = #ttnn.layout<row_major, f32, system_memory>
// LAYOUT-DAG: #[[HOST_SI32:.*]] = #ttnn.layout<row_major, si32, system_memory>
// LAYOUT-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// LAYOUT-DAG: #[[TILE_SI32:.*]] = #ttnn.layout<tile, si32, dram, interleaved, grid = [8, 8]>
// LAYOUT-LABEL: func.func @forward
// LAYOUT-SAME: (%arg0: tensor<16x32xf32, #[[HOST]]> {aten.name = "p_fc1_weight", ttc.role = "parameter"}
// LAYOUT-SAME: %arg4: tensor<1x32xf32, #[[HOST]]> {aten.name = "x"})
// LAYOUT-SAME: -> (tensor<1x10xf32, #[[HOST]]>, tensor<1xsi32, #[[HOST_SI32]]>)
// LAYOUT-NEXT: %[[X:.*]] = ttnn.convert_layout %arg4 : (tensor<1x32xf32, #[[HOST]]>) -> tensor<1x32xbf16, #[[TILE]]>
// LAYOUT-NEXT: %[[W1:.*]] = ttnn.convert_layout %arg0 : (tensor<16x32xf32, #[[HOST]]>) -> tensor<16x32xbf16, #[[TILE]]>
// LAYOUT-NEXT: %[[B1:.*]] = ttnn.convert_layout %arg1 : (tensor<16xf32, #[[HOST]]>) -> tensor<16xbf16, #[[TILE]]>
// LAYOUT-NEXT: %[[L1:.*]] = ttnn.linear %[[X]], %[[W1]], %[[B1]] {math_fidelity = #ttnn.math_fidelity<hifi4>, transpose_b = true} : (tensor<1x32xbf16, #[[TILE]]>, tensor<16x32xbf16, #[[TILE]]>, tensor<16xbf16, #[[TILE]]>) -> tensor<1x16xbf16, #[[TILE]]>
// LAYOUT-NEXT: %[[R:.*]] = ttnn.relu %[[L1]] : (tensor<1x16xbf16, #[[TILE]]>) -> tensor<1x16xbf16, #[[TILE]]>
// LAYOUT-NEXT: %[[W2:.*]] = ttnn.convert_layout %arg2
// LAYOUT-NEXT: %[[B2:.*]] = ttnn.convert_layout %arg3
// LAYOUT-NEXT: %[[L2:.*]] = ttnn.linear %[[R]], %[[W2]], %[[B2]] {math_fidelity = #ttnn.math_fidelity<hifi4>, transpose_b = true} : (tensor<1x16xbf16, #[[TILE]]>, tensor<10x16xbf16, #[[TILE]]>, tensor<10xbf16, #[[TILE]]>) -> tensor<1x10xbf16, #[[TILE]]>
// LAYOUT-NEXT: %[[AM:.*]] = ttnn.argmax %[[L2]] {dim = 1 : i64} : (tensor<1x10xbf16, #[[TILE]]>) -> tensor<1xsi32, #[[TILE_SI32]]>
// LAYOUT-NEXT: %[[O1:.*]] = ttnn.convert_layout %[[L2]] : (tensor<1x10xbf16, #[[TILE]]>) -> tensor<1x10xf32, #[[HOST]]>
// LAYOUT-NEXT: %[[O2:.*]] = ttnn.convert_layout %[[AM]] : (tensor<1xsi32, #[[TILE_SI32]]>) -> tensor<1xsi32, #[[HOST_SI32]]>
// LAYOUT-NEXT: return %[[O1]], %[[O2]] : tensor<1x10xf32, #[[HOST]]>, tensor<1xsi32, #[[HOST_SI32]]>

// 5. Workarounds: argmax reads row-major and writes row-major u32, converted back to what its
// user (the return's conversion) expects. Nothing else changes.
// WORK-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// WORK-DAG: #[[RM:.*]] = #ttnn.layout<row_major, bf16, dram, interleaved, grid = [8, 8]>
// WORK-DAG: #[[RM_U32:.*]] = #ttnn.layout<row_major, u32, dram, interleaved, grid = [8, 8]>
// WORK-DAG: #[[TILE_SI32:.*]] = #ttnn.layout<tile, si32, dram, interleaved, grid = [8, 8]>
// WORK-DAG: #[[HOST_SI32:.*]] = #ttnn.layout<row_major, si32, system_memory>
// WORK-LABEL: func.func @forward
// WORK-COUNT-5: ttnn.convert_layout %arg
// WORK-NEXT: %[[L2:.*]] = ttnn.linear
// WORK-NEXT: %[[IN:.*]] = ttnn.convert_layout %[[L2]] : (tensor<1x10xbf16, #[[TILE]]>) -> tensor<1x10xbf16, #[[RM]]>
// WORK-NEXT: %[[AM:.*]] = ttnn.argmax %[[IN]] {dim = 1 : i64} : (tensor<1x10xbf16, #[[RM]]>) -> tensor<1xui32, #[[RM_U32]]>
// WORK-NEXT: %[[BACK:.*]] = ttnn.convert_layout %[[AM]] : (tensor<1xui32, #[[RM_U32]]>) -> tensor<1xsi32, #[[TILE_SI32]]>
// WORK-NEXT: %[[O1:.*]] = ttnn.convert_layout %[[L2]]
// WORK-NEXT: %[[O2:.*]] = ttnn.convert_layout %[[BACK]] : (tensor<1xsi32, #[[TILE_SI32]]>) -> tensor<1xsi32, #[[HOST_SI32]]>
// WORK-NEXT: return %[[O1]], %[[O2]]

// 6. Every conversion becomes library calls: inputs copied and tilized into bf16 on the
// device; the logits typecast to f32, untilized and copied back; the u32 -> si32 -> host
// chain is composed into one copy and a host typecast.
// DECOMP-DAG: #[[HOST:.*]] = #ttnn.layout<row_major, f32, system_memory>
// DECOMP-DAG: #[[HOST_SI32:.*]] = #ttnn.layout<row_major, si32, system_memory>
// DECOMP-DAG: #[[HOST_U32:.*]] = #ttnn.layout<row_major, u32, system_memory>
// DECOMP-DAG: #[[RM_F32:.*]] = #ttnn.layout<row_major, f32, dram, interleaved, grid = [8, 8]>
// DECOMP-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// DECOMP-DAG: #[[TILE_F32:.*]] = #ttnn.layout<tile, f32, dram, interleaved, grid = [8, 8]>
// DECOMP-DAG: #[[RM:.*]] = #ttnn.layout<row_major, bf16, dram, interleaved, grid = [8, 8]>
// DECOMP-DAG: #[[RM_U32:.*]] = #ttnn.layout<row_major, u32, dram, interleaved, grid = [8, 8]>
// DECOMP-LABEL: func.func @forward
// DECOMP-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// DECOMP-NEXT: %[[X0:.*]] = ttnn.to_device %arg4, %[[D]] {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<1x32xf32, #[[HOST]]>, !ttnn.device) -> tensor<1x32xf32, #[[RM_F32]]>
// DECOMP-NEXT: %[[X:.*]] = ttnn.to_layout %[[X0]] {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<1x32xf32, #[[RM_F32]]>) -> tensor<1x32xbf16, #[[TILE]]>
// DECOMP-NEXT: %[[W10:.*]] = ttnn.to_device %arg0, %[[D]]
// DECOMP-NEXT: %[[W1:.*]] = ttnn.to_layout %[[W10]] {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>}
// DECOMP-NEXT: %[[B10:.*]] = ttnn.to_device %arg1, %[[D]]
// DECOMP-NEXT: %[[B1:.*]] = ttnn.to_layout %[[B10]] {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>}
// DECOMP-NEXT: %[[L1:.*]] = ttnn.linear %[[X]], %[[W1]], %[[B1]]
// DECOMP-NEXT: %[[R:.*]] = ttnn.relu %[[L1]]
// DECOMP-NEXT: %[[W20:.*]] = ttnn.to_device %arg2, %[[D]]
// DECOMP-NEXT: %[[W2:.*]] = ttnn.to_layout %[[W20]]
// DECOMP-NEXT: %[[B20:.*]] = ttnn.to_device %arg3, %[[D]]
// DECOMP-NEXT: %[[B2:.*]] = ttnn.to_layout %[[B20]]
// DECOMP-NEXT: %[[L2:.*]] = ttnn.linear %[[R]], %[[W2]], %[[B2]]
// DECOMP-NEXT: %[[IN:.*]] = ttnn.to_layout %[[L2]] {layout = #ttnn.tensor_layout<row_major>} : (tensor<1x10xbf16, #[[TILE]]>) -> tensor<1x10xbf16, #[[RM]]>
// DECOMP-NEXT: %[[AM:.*]] = ttnn.argmax %[[IN]] {dim = 1 : i64} : (tensor<1x10xbf16, #[[RM]]>) -> tensor<1xui32, #[[RM_U32]]>
// DECOMP-NEXT: %[[F:.*]] = ttnn.typecast %[[L2]] {dtype = #ttnn.data_type<f32>} : (tensor<1x10xbf16, #[[TILE]]>) -> tensor<1x10xf32, #[[TILE_F32]]>
// DECOMP-NEXT: %[[U:.*]] = ttnn.to_layout %[[F]] {layout = #ttnn.tensor_layout<row_major>} : (tensor<1x10xf32, #[[TILE_F32]]>) -> tensor<1x10xf32, #[[RM_F32]]>
// DECOMP-NEXT: %[[O1:.*]] = ttnn.from_device %[[U]] : (tensor<1x10xf32, #[[RM_F32]]>) -> tensor<1x10xf32, #[[HOST]]>
// DECOMP-NEXT: %[[AMH:.*]] = ttnn.from_device %[[AM]] : (tensor<1xui32, #[[RM_U32]]>) -> tensor<1xui32, #[[HOST_U32]]>
// DECOMP-NEXT: %[[O2:.*]] = ttnn.typecast %[[AMH]] {dtype = #ttnn.data_type<si32>} : (tensor<1xui32, #[[HOST_U32]]>) -> tensor<1xsi32, #[[HOST_SI32]]>
// DECOMP-NEXT: return %[[O1]], %[[O2]] : tensor<1x10xf32, #[[HOST]]>, tensor<1xsi32, #[[HOST_SI32]]>
// DECOMP-NOT: ttnn.convert_layout

// 7. The parameters' copies and tilizes move into @forward_const_eval_0, run once.
// CONST-DAG: #[[HOST:.*]] = #ttnn.layout<row_major, f32, system_memory>
// CONST-DAG: #[[TILE:.*]] = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
// CONST-LABEL: func.func @forward
// CONST-NEXT: %[[D:.*]] = ttnn.get_device : !ttnn.device
// CONST-NEXT: %[[X0:.*]] = ttnn.to_device %arg4, %[[D]]
// CONST-NEXT: %[[X:.*]] = ttnn.to_layout %[[X0]]
// CONST-NEXT: %[[P:.*]]:4 = ttnn.load_cached @forward_const_eval_0(%arg0, %arg1, %arg2, %arg3) : (tensor<16x32xf32, #[[HOST]]>, tensor<16xf32, #[[HOST]]>, tensor<10x16xf32, #[[HOST]]>, tensor<10xf32, #[[HOST]]>) -> (tensor<16x32xbf16, #[[TILE]]>, tensor<16xbf16, #[[TILE]]>, tensor<10x16xbf16, #[[TILE]]>, tensor<10xbf16, #[[TILE]]>)
// CONST-NEXT: %[[L1:.*]] = ttnn.linear %[[X]], %[[P]]#0, %[[P]]#1
// CONST-NEXT: %[[R:.*]] = ttnn.relu %[[L1]]
// CONST-NEXT: %[[L2:.*]] = ttnn.linear %[[R]], %[[P]]#2, %[[P]]#3
// CONST-NOT: ttnn.to_device %arg
// CONST: return
// CONST-NEXT: }
// CONST-NEXT: func.func private @forward_const_eval_0(%arg0: tensor<16x32xf32, #[[HOST]]> {aten.name = "p_fc1_weight", ttc.role = "parameter"}, %arg1: tensor<16xf32, #[[HOST]]> {aten.name = "p_fc1_bias", ttc.role = "parameter"}, %arg2: tensor<10x16xf32, #[[HOST]]> {aten.name = "p_fc2_weight", ttc.role = "parameter"}, %arg3: tensor<10xf32, #[[HOST]]> {aten.name = "p_fc2_bias", ttc.role = "parameter"})
// CONST-NEXT: %[[CD:.*]] = ttnn.get_device : !ttnn.device
// CONST-NEXT: %[[C0:.*]] = ttnn.to_device %arg0, %[[CD]]
// CONST-NEXT: %[[C1:.*]] = ttnn.to_layout %[[C0]]
// CONST-NEXT: %[[C2:.*]] = ttnn.to_device %arg1, %[[CD]]
// CONST-NEXT: %[[C3:.*]] = ttnn.to_layout %[[C2]]
// CONST-NEXT: %[[C4:.*]] = ttnn.to_device %arg2, %[[CD]]
// CONST-NEXT: %[[C5:.*]] = ttnn.to_layout %[[C4]]
// CONST-NEXT: %[[C6:.*]] = ttnn.to_device %arg3, %[[CD]]
// CONST-NEXT: %[[C7:.*]] = ttnn.to_layout %[[C6]]
// CONST-NEXT: return %[[C1]], %[[C3]], %[[C5]], %[[C7]]

// 8. Device buffers are freed after their last use; cached weights, arguments, results and
// host tensors are not.
// DEALLOC-LABEL: func.func @forward
// DEALLOC-NEXT: %[[D:.*]] = ttnn.get_device
// DEALLOC-NEXT: %[[X0:.*]] = ttnn.to_device %arg4
// DEALLOC-NEXT: %[[X:.*]] = ttnn.to_layout %[[X0]]
// DEALLOC-NEXT: ttnn.deallocate %[[X0]]
// DEALLOC-NEXT: %[[P:.*]]:4 = ttnn.load_cached @forward_const_eval_0
// DEALLOC-NEXT: %[[L1:.*]] = ttnn.linear %[[X]], %[[P]]#0, %[[P]]#1
// DEALLOC-NEXT: ttnn.deallocate %[[X]]
// DEALLOC-NEXT: %[[R:.*]] = ttnn.relu %[[L1]]
// DEALLOC-NEXT: ttnn.deallocate %[[L1]]
// DEALLOC-NEXT: %[[L2:.*]] = ttnn.linear %[[R]], %[[P]]#2, %[[P]]#3
// DEALLOC-NEXT: ttnn.deallocate %[[R]]
// DEALLOC-NEXT: %[[IN:.*]] = ttnn.to_layout %[[L2]]
// DEALLOC-NEXT: %[[AM:.*]] = ttnn.argmax %[[IN]]
// DEALLOC-NEXT: ttnn.deallocate %[[IN]]
// DEALLOC-NEXT: %[[F:.*]] = ttnn.typecast %[[L2]]
// DEALLOC-NEXT: ttnn.deallocate %[[L2]]
// DEALLOC-NEXT: %[[U:.*]] = ttnn.to_layout %[[F]]
// DEALLOC-NEXT: ttnn.deallocate %[[F]]
// DEALLOC-NEXT: %[[O1:.*]] = ttnn.from_device %[[U]]
// DEALLOC-NEXT: ttnn.deallocate %[[U]]
// DEALLOC-NEXT: %[[AMH:.*]] = ttnn.from_device %[[AM]]
// DEALLOC-NEXT: ttnn.deallocate %[[AM]]
// DEALLOC-NEXT: %[[O2:.*]] = ttnn.typecast %[[AMH]]
// DEALLOC-NEXT: return %[[O1]], %[[O2]]
// DEALLOC-LABEL: func.func private @forward_const_eval_0
// DEALLOC-NEXT: %[[CD:.*]] = ttnn.get_device
// DEALLOC-NEXT: %[[C0:.*]] = ttnn.to_device %arg0
// DEALLOC-NEXT: %[[C1:.*]] = ttnn.to_layout %[[C0]]
// DEALLOC-NEXT: ttnn.deallocate %[[C0]]
// DEALLOC-NEXT: %[[C2:.*]] = ttnn.to_device %arg1
// DEALLOC-NEXT: %[[C3:.*]] = ttnn.to_layout %[[C2]]
// DEALLOC-NEXT: ttnn.deallocate %[[C2]]
// DEALLOC-NEXT: %[[C4:.*]] = ttnn.to_device %arg2
// DEALLOC-NEXT: %[[C5:.*]] = ttnn.to_layout %[[C4]]
// DEALLOC-NEXT: ttnn.deallocate %[[C4]]
// DEALLOC-NEXT: %[[C6:.*]] = ttnn.to_device %arg3
// DEALLOC-NEXT: %[[C7:.*]] = ttnn.to_layout %[[C6]]
// DEALLOC-NEXT: ttnn.deallocate %[[C6]]
// DEALLOC-NEXT: return %[[C1]], %[[C3]], %[[C5]], %[[C7]]
