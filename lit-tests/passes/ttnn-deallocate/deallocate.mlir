// ttnn-deallocate frees each device buffer right after its last use: never arguments,
// returned values or results of ttnn.load_cached; a view (reshape) and its input are one
// buffer, freed once after the later of their last uses; host tensors are not freed.
// Frees that follow the same op come in the order the buffers were allocated, the same on
// every run.
// RUN: ttc-opt %s --ttnn-deallocate | FileCheck %s
// RUN: ttc-opt %s --ttnn-deallocate | FileCheck %s --check-prefix=COUNT
// RUN: ttc-opt %s --ttnn-deallocate -o %t.1 && ttc-opt %s --ttnn-deallocate -o %t.2 && diff %t.1 %t.2
// RUN: ttc-opt %s --ttnn-deallocate -o %t.3 && diff %t.1 %t.3
// RUN: ttc-opt %s --ttnn-deallocate -o %t.4 && diff %t.1 %t.4
// RUN: ttc-opt %s --ttnn-deallocate -o %t.5 && diff %t.1 %t.5

#host = #ttnn.layout<row_major, f32, system_memory>
#host_bf16 = #ttnn.layout<row_major, bf16, system_memory>
#dev_rm = #ttnn.layout<row_major, f32, dram, interleaved, grid = [8, 8]>
#rm = #ttnn.layout<row_major, bf16, dram, interleaved, grid = [8, 8]>
#tile = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>

// COUNT-LABEL: func.func @last_use
// COUNT-COUNT-4: ttnn.deallocate
// COUNT-NOT: ttnn.deallocate
// COUNT-LABEL: func.func @views
// COUNT-COUNT-3: ttnn.deallocate
// COUNT-NOT: ttnn.deallocate
// COUNT-LABEL: func.func @returned_view
// COUNT-COUNT-1: ttnn.deallocate
// COUNT-NOT: ttnn.deallocate
// COUNT-LABEL: func.func @host_and_cached
// COUNT-COUNT-4: ttnn.deallocate
// COUNT-NOT: ttnn.deallocate
// COUNT-LABEL: func.func private @cached
// COUNT-COUNT-1: ttnn.deallocate
// COUNT-NOT: ttnn.deallocate
// COUNT-LABEL: func.func @free_order
// COUNT-COUNT-5: ttnn.deallocate
// COUNT-NOT: ttnn.deallocate

// CHECK-LABEL: func.func @last_use
func.func @last_use(%x: tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile> {
  // CHECK-NEXT: %[[R:.*]] = ttnn.relu %arg0
  %0 = ttnn.relu %x : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // CHECK-NEXT: %[[E:.*]] = ttnn.exp %[[R]]
  %1 = ttnn.exp %0 : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // The argument is used here for the last time, but it belongs to the caller.
  // CHECK-NEXT: %[[N:.*]] = ttnn.neg %arg0
  %2 = ttnn.neg %x : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // CHECK-NEXT: %[[A:.*]] = ttnn.add %[[R]], %[[N]]
  // CHECK-NEXT: ttnn.deallocate %[[R]] : tensor<32x32xbf16, #{{.*}}>
  // CHECK-NEXT: ttnn.deallocate %[[N]] : tensor<32x32xbf16, #{{.*}}>
  %3 = ttnn.add %0, %2 : (tensor<32x32xbf16, #tile>, tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // CHECK-NEXT: %[[OUT:.*]] = ttnn.add %[[A]], %[[E]]
  // The exp was allocated before the first add.
  // CHECK-NEXT: ttnn.deallocate %[[E]] :
  // CHECK-NEXT: ttnn.deallocate %[[A]] :
  %4 = ttnn.add %3, %1 : (tensor<32x32xbf16, #tile>, tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // The returned value is not freed.
  // CHECK-NEXT: return %[[OUT]]
  return %4 : tensor<32x32xbf16, #tile>
}

// CHECK-LABEL: func.func @views
func.func @views(%x: tensor<32x64xbf16, #tile>) -> tensor<64x32xbf16, #tile> {
  // CHECK-NEXT: %[[R:.*]] = ttnn.relu %arg0
  %0 = ttnn.relu %x : (tensor<32x64xbf16, #tile>) -> tensor<32x64xbf16, #tile>
  // The reshape shares %[[R]]'s buffer: neither is freed after the exp, the view's last use.
  // CHECK-NEXT: %[[V:.*]] = ttnn.reshape %[[R]] {shape = array<i64: 64, 32>}
  %1 = ttnn.reshape %0 {shape = array<i64: 64, 32>} : (tensor<32x64xbf16, #tile>) -> tensor<64x32xbf16, #tile>
  // CHECK-NEXT: %[[E:.*]] = ttnn.exp %[[V]]
  %2 = ttnn.exp %1 : (tensor<64x32xbf16, #tile>) -> tensor<64x32xbf16, #tile>
  // The buffer is freed once, through the value that allocated it, after the neg.
  // CHECK-NEXT: %[[N:.*]] = ttnn.neg %[[R]]
  // CHECK-NEXT: ttnn.deallocate %[[R]] : tensor<32x64xbf16, #{{.*}}>
  %3 = ttnn.neg %0 : (tensor<32x64xbf16, #tile>) -> tensor<32x64xbf16, #tile>
  // A view as the last user of a buffer, and its own last use later.
  // CHECK-NEXT: %[[NV:.*]] = ttnn.reshape %[[N]]
  %4 = ttnn.reshape %3 {shape = array<i64: 64, 32>} : (tensor<32x64xbf16, #tile>) -> tensor<64x32xbf16, #tile>
  // CHECK-NEXT: %[[S:.*]] = ttnn.add %[[E]], %[[NV]]
  // CHECK-NEXT: ttnn.deallocate %[[E]] : tensor<64x32xbf16, #{{.*}}>
  // CHECK-NEXT: ttnn.deallocate %[[N]] : tensor<32x64xbf16, #{{.*}}>
  %5 = ttnn.add %2, %4 : (tensor<64x32xbf16, #tile>, tensor<64x32xbf16, #tile>) -> tensor<64x32xbf16, #tile>
  // CHECK-NEXT: return %[[S]]
  return %5 : tensor<64x32xbf16, #tile>
}

// A returned view keeps its input's buffer alive.
// CHECK-LABEL: func.func @returned_view
func.func @returned_view(%x: tensor<32x64xbf16, #tile>) -> tensor<64x32xbf16, #tile> {
  // CHECK-NEXT: %[[R:.*]] = ttnn.relu %arg0
  %0 = ttnn.relu %x : (tensor<32x64xbf16, #tile>) -> tensor<32x64xbf16, #tile>
  // CHECK-NEXT: %[[E:.*]] = ttnn.exp %[[R]]
  // CHECK-NEXT: ttnn.deallocate %[[R]]
  %1 = ttnn.exp %0 : (tensor<32x64xbf16, #tile>) -> tensor<32x64xbf16, #tile>
  // CHECK-NEXT: %[[V:.*]] = ttnn.reshape %[[E]]
  // CHECK-NEXT: return %[[V]]
  %2 = ttnn.reshape %1 {shape = array<i64: 64, 32>} : (tensor<32x64xbf16, #tile>) -> tensor<64x32xbf16, #tile>
  return %2 : tensor<64x32xbf16, #tile>
}

// Cached results belong to the cache; host tensors to the host runtime.
// CHECK-LABEL: func.func @host_and_cached
func.func @host_and_cached(%w: tensor<32x32xf32, #host> {ttc.role = "parameter"}, %x: tensor<32x32xf32, #host>) -> tensor<32x32xf32, #host> {
  // CHECK-NEXT: ttnn.get_device
  %d = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[XD:.*]] = ttnn.to_device %arg1
  %0 = ttnn.to_device %x, %d {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32x32xf32, #host>, !ttnn.device) -> tensor<32x32xf32, #dev_rm>
  // CHECK-NEXT: %[[XT:.*]] = ttnn.to_layout %[[XD]]
  // CHECK-NEXT: ttnn.deallocate %[[XD]] : tensor<32x32xf32, #{{.*}}>
  %1 = ttnn.to_layout %0 {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<32x32xf32, #dev_rm>) -> tensor<32x32xbf16, #tile>
  // CHECK-NEXT: %[[W:.*]] = ttnn.load_cached @cached(%arg0)
  %2 = ttnn.load_cached @cached(%w) : (tensor<32x32xf32, #host>) -> tensor<32x32xbf16, #tile>
  // CHECK-NEXT: %[[M:.*]] = ttnn.matmul %[[XT]], %[[W]]
  // CHECK-NEXT: ttnn.deallocate %[[XT]] :
  %3 = ttnn.matmul %1, %2 : (tensor<32x32xbf16, #tile>, tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // CHECK-NEXT: %[[MR:.*]] = ttnn.to_layout %[[M]]
  // CHECK-NEXT: ttnn.deallocate %[[M]] :
  %4 = ttnn.to_layout %3 {layout = #ttnn.tensor_layout<row_major>} : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #rm>
  // CHECK-NEXT: %[[H:.*]] = ttnn.from_device %[[MR]]
  // CHECK-NEXT: ttnn.deallocate %[[MR]] :
  %5 = ttnn.from_device %4 : (tensor<32x32xbf16, #rm>) -> tensor<32x32xbf16, #host_bf16>
  // CHECK-NEXT: %[[HF:.*]] = ttnn.typecast %[[H]]
  %6 = ttnn.typecast %5 {dtype = #ttnn.data_type<f32>} : (tensor<32x32xbf16, #host_bf16>) -> tensor<32x32xf32, #host>
  // CHECK-NEXT: %[[ABS:.*]] = "aten.abs.default"(%[[HF]])
  %7 = "aten.abs.default"(%6) : (tensor<32x32xf32, #host>) -> tensor<32x32xf32, #host>
  // CHECK-NEXT: return %[[ABS]]
  return %7 : tensor<32x32xf32, #host>
}

// Every function is handled; what a const-eval function returns is not freed.
// CHECK-LABEL: func.func private @cached
func.func private @cached(%w: tensor<32x32xf32, #host>) -> tensor<32x32xbf16, #tile> {
  // CHECK-NEXT: ttnn.get_device
  %d = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[WD:.*]] = ttnn.to_device %arg0
  %0 = ttnn.to_device %w, %d {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<32x32xf32, #host>, !ttnn.device) -> tensor<32x32xf32, #dev_rm>
  // CHECK-NEXT: %[[WT:.*]] = ttnn.to_layout %[[WD]]
  // CHECK-NEXT: ttnn.deallocate %[[WD]] :
  %1 = ttnn.to_layout %0 {dtype = #ttnn.data_type<bf16>, layout = #ttnn.tensor_layout<tile>} : (tensor<32x32xf32, #dev_rm>) -> tensor<32x32xbf16, #tile>
  // CHECK-NEXT: return %[[WT]]
  return %1 : tensor<32x32xbf16, #tile>
}

// Several buffers freed after one op: in allocation order, not operand order, and a buffer
// shared with a view is placed by its own allocation.
// CHECK-LABEL: func.func @free_order
func.func @free_order(%x: tensor<32x32xbf16, #tile>) -> tensor<1x32x32xbf16, #tile> {
  // CHECK-NEXT: %[[A:.*]] = ttnn.relu %arg0
  %0 = ttnn.relu %x : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // CHECK-NEXT: %[[B:.*]] = ttnn.exp %arg0
  %1 = ttnn.exp %x : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // CHECK-NEXT: %[[C:.*]] = ttnn.neg %arg0
  %2 = ttnn.neg %x : (tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // CHECK-NEXT: %[[D:.*]] = ttnn.gt %arg0, %[[A]]
  %3 = ttnn.gt %x, %0 : (tensor<32x32xbf16, #tile>, tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // CHECK-NEXT: %[[AV:.*]] = ttnn.reshape %[[A]]
  %4 = ttnn.reshape %0 {shape = array<i64: 1, 32, 32>} : (tensor<32x32xbf16, #tile>) -> tensor<1x32x32xbf16, #tile>
  // Operands in the reverse of their allocation order.
  // CHECK-NEXT: %[[W:.*]] = ttnn.where %[[D]], %[[C]], %[[B]]
  // CHECK-NEXT: ttnn.deallocate %[[B]] :
  // CHECK-NEXT: ttnn.deallocate %[[C]] :
  // CHECK-NEXT: ttnn.deallocate %[[D]] :
  %5 = ttnn.where %3, %2, %1 : (tensor<32x32xbf16, #tile>, tensor<32x32xbf16, #tile>, tensor<32x32xbf16, #tile>) -> tensor<32x32xbf16, #tile>
  // The relu's buffer (last used through its view) was allocated before the where's.
  // CHECK-NEXT: %[[S:.*]] = ttnn.add %[[W]], %[[AV]]
  // CHECK-NEXT: ttnn.deallocate %[[A]] :
  // CHECK-NEXT: ttnn.deallocate %[[W]] :
  // CHECK-NEXT: return %[[S]]
  %6 = ttnn.add %5, %4 : (tensor<32x32xbf16, #tile>, tensor<1x32x32xbf16, #tile>) -> tensor<1x32x32xbf16, #tile>
  return %6 : tensor<1x32x32xbf16, #tile>
}
