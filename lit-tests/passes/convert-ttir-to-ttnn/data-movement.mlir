// Data movement. transpose, permute, pad, concat, embedding and gather are renames; repeat and
// slice rename an attribute (repeats -> repeat_dims, steps -> step); reshape gets the `shape`
// attribute the library takes; broadcast is reshape (to the result's rank) + repeat;
// index_select and reverse are ttnn.embedding lookups of the selected dimension's rows (that
// dimension moved to the front and the rest flattened into the table), reverse with a constant
// index vector made on the device.
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s
// RUN: ttc-opt %s --convert-ttir-to-ttnn | FileCheck %s --check-prefix=NOTTIR
// RUN: ttc-opt %s --convert-ttir-to-ttnn -o %t.1 && ttc-opt %t.1 -o %t.2 && diff %t.1 %t.2

// NOTTIR-NOT: ttir.

// CHECK-LABEL: func.func @renames(%arg0: tensor<2x3xf32>)
func.func @renames(%x: tensor<2x3xf32>) -> (tensor<4x9xf32>, tensor<1x2xf32>, tensor<4x5xf32>, tensor<3x2xf32>, tensor<6xf32>, tensor<3x2xf32>, tensor<4x3xf32>) {
  // CHECK-NEXT: %[[REP:.*]] = ttnn.repeat %arg0 {repeat_dims = array<i64: 2, 3>} : (tensor<2x3xf32>) -> tensor<4x9xf32>
  %0 = ttir.repeat %x {repeats = array<i64: 2, 3>} : (tensor<2x3xf32>) -> tensor<4x9xf32>
  // CHECK-NEXT: %[[SL:.*]] = ttnn.slice %arg0 {begins = array<i64: 1, 0>, ends = array<i64: 2, 3>, step = array<i64: 1, 2>} : (tensor<2x3xf32>) -> tensor<1x2xf32>
  %1 = ttir.slice %x {begins = array<i64: 1, 0>, ends = array<i64: 2, 3>, steps = array<i64: 1, 2>} : (tensor<2x3xf32>) -> tensor<1x2xf32>
  // The f64 pad value is narrowed.
  // CHECK-NEXT: %[[PAD:.*]] = ttnn.pad %arg0 {padding = array<i64: 1, 1, 0, 2>, value = 5.000000e-01 : f32} : (tensor<2x3xf32>) -> tensor<4x5xf32>
  %2 = ttir.pad %x {padding = array<i64: 1, 1, 0, 2>, value = 0.5 : f64} : (tensor<2x3xf32>) -> tensor<4x5xf32>
  // CHECK-NEXT: %[[TR:.*]] = ttnn.transpose %arg0 {dim0 = 0 : i32, dim1 = 1 : i32} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %3 = ttir.transpose %x {dim0 = 0 : i32, dim1 = 1 : i32} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  // CHECK-NEXT: %[[RS:.*]] = ttnn.reshape %arg0 {shape = array<i64: 6>} : (tensor<2x3xf32>) -> tensor<6xf32>
  %4 = ttir.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
  // CHECK-NEXT: %[[PE:.*]] = ttnn.permute %arg0 {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %5 = ttir.permute %x {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  // CHECK-NEXT: %[[CC:.*]] = ttnn.concat %arg0, %arg0 {dim = 0 : i32} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  %6 = ttir.concat %x, %x {dim = 0 : i32} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  // CHECK-NEXT: return %[[REP]], %[[SL]], %[[PAD]], %[[TR]], %[[RS]], %[[PE]], %[[CC]]
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4x9xf32>, tensor<1x2xf32>, tensor<4x5xf32>, tensor<3x2xf32>, tensor<6xf32>, tensor<3x2xf32>, tensor<4x3xf32>
}

// CHECK-LABEL: func.func @lookups(%arg0: tensor<2x3xf32>, %arg1: tensor<10x3xf32>, %arg2: tensor<2x4xsi32>, %arg3: tensor<2x3xsi32>)
func.func @lookups(%x: tensor<2x3xf32>, %t: tensor<10x3xf32>, %ids: tensor<2x4xsi32>, %g: tensor<2x3xsi32>) -> (tensor<2x4x3xf32>, tensor<2x3xf32>) {
  // CHECK-NEXT: %[[E:.*]] = ttnn.embedding %arg2, %arg1 : (tensor<2x4xsi32>, tensor<10x3xf32>) -> tensor<2x4x3xf32>
  %0 = ttir.embedding %ids, %t : (tensor<2x4xsi32>, tensor<10x3xf32>) -> tensor<2x4x3xf32>
  // CHECK-NEXT: %[[G:.*]] = ttnn.gather %arg0, %arg3 {dim = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xsi32>) -> tensor<2x3xf32>
  %1 = ttir.gather %x, %g {dim = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xsi32>) -> tensor<2x3xf32>
  // CHECK-NEXT: return %[[E]], %[[G]]
  return %0, %1 : tensor<2x4x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @broadcast(%arg0: tensor<3x1xf32>, %arg1: tensor<4xf32>, %arg2: tensor<2x4xf32>)
func.func @broadcast(%x: tensor<3x1xf32>, %y: tensor<4xf32>, %z: tensor<2x4xf32>) -> (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<1x2x4xf32>) {
  // A leading 1 is added, then size-1 dimensions are repeated to the result's size.
  // CHECK-NEXT: %[[X3:.*]] = ttnn.reshape %arg0 {shape = array<i64: 1, 3, 1>} : (tensor<3x1xf32>) -> tensor<1x3x1xf32>
  // CHECK-NEXT: %[[XB:.*]] = ttnn.repeat %[[X3]] {repeat_dims = array<i64: 2, 1, 4>} : (tensor<1x3x1xf32>) -> tensor<2x3x4xf32>
  %0 = ttir.broadcast %x : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK-NEXT: %[[Y2:.*]] = ttnn.reshape %arg1 {shape = array<i64: 1, 4>} : (tensor<4xf32>) -> tensor<1x4xf32>
  // CHECK-NEXT: %[[YB:.*]] = ttnn.repeat %[[Y2]] {repeat_dims = array<i64: 3, 1>} : (tensor<1x4xf32>) -> tensor<3x4xf32>
  %1 = ttir.broadcast %y : (tensor<4xf32>) -> tensor<3x4xf32>
  // Only a new leading 1: the reshape is all, no repeat.
  // CHECK-NEXT: %[[Z3:.*]] = ttnn.reshape %arg2 {shape = array<i64: 1, 2, 4>} : (tensor<2x4xf32>) -> tensor<1x2x4xf32>
  // CHECK-NEXT: return %[[XB]], %[[YB]], %[[Z3]]
  %2 = ttir.broadcast %z : (tensor<2x4xf32>) -> tensor<1x2x4xf32>
  return %0, %1, %2 : tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<1x2x4xf32>
}

// CHECK-LABEL: func.func @index_select_dim0(%arg0: tensor<5x4xf32>, %arg1: tensor<3xsi32>)
func.func @index_select_dim0(%x: tensor<5x4xf32>, %i: tensor<3xsi32>) -> tensor<3x4xf32> {
  // Dimension 0 of a 2-D input is the table itself: one embedding, nothing moved.
  // CHECK-NEXT: %[[E:.*]] = ttnn.embedding %arg1, %arg0 : (tensor<3xsi32>, tensor<5x4xf32>) -> tensor<3x4xf32>
  // CHECK-NEXT: return %[[E]] : tensor<3x4xf32>
  %0 = ttir.index_select %x, %i {dim = 0 : i64} : (tensor<5x4xf32>, tensor<3xsi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// CHECK-LABEL: func.func @index_select_middle(%arg0: tensor<2x5x4xf32>, %arg1: tensor<3xsi32>)
func.func @index_select_middle(%x: tensor<2x5x4xf32>, %i: tensor<3xsi32>) -> tensor<2x3x4xf32> {
  // Dimension 1 to the front, [5, 2 * 4] table, [3, 8] rows, back to [2, 3, 4].
  // CHECK-NEXT: %[[P:.*]] = ttnn.permute %arg0 {permutation = array<i64: 1, 0, 2>} : (tensor<2x5x4xf32>) -> tensor<5x2x4xf32>
  // CHECK-NEXT: %[[T:.*]] = ttnn.reshape %[[P]] {shape = array<i64: 5, 8>} : (tensor<5x2x4xf32>) -> tensor<5x8xf32>
  // CHECK-NEXT: %[[E:.*]] = ttnn.embedding %arg1, %[[T]] : (tensor<3xsi32>, tensor<5x8xf32>) -> tensor<3x8xf32>
  // CHECK-NEXT: %[[R:.*]] = ttnn.reshape %[[E]] {shape = array<i64: 3, 2, 4>} : (tensor<3x8xf32>) -> tensor<3x2x4xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.permute %[[R]] {permutation = array<i64: 1, 0, 2>} : (tensor<3x2x4xf32>) -> tensor<2x3x4xf32>
  // CHECK-NEXT: return %[[Y]] : tensor<2x3x4xf32>
  %0 = ttir.index_select %x, %i {dim = 1 : i64} : (tensor<2x5x4xf32>, tensor<3xsi32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @index_select_last(%arg0: tensor<2x5x4xf32>, %arg1: tensor<3xsi32>)
func.func @index_select_last(%x: tensor<2x5x4xf32>, %i: tensor<3xsi32>) -> tensor<2x5x3xf32> {
  // A negative dimension counts from the end; the inverse permutation is not the permutation.
  // CHECK-NEXT: %[[P:.*]] = ttnn.permute %arg0 {permutation = array<i64: 2, 0, 1>} : (tensor<2x5x4xf32>) -> tensor<4x2x5xf32>
  // CHECK-NEXT: %[[T:.*]] = ttnn.reshape %[[P]] {shape = array<i64: 4, 10>} : (tensor<4x2x5xf32>) -> tensor<4x10xf32>
  // CHECK-NEXT: %[[E:.*]] = ttnn.embedding %arg1, %[[T]] : (tensor<3xsi32>, tensor<4x10xf32>) -> tensor<3x10xf32>
  // CHECK-NEXT: %[[R:.*]] = ttnn.reshape %[[E]] {shape = array<i64: 3, 2, 5>} : (tensor<3x10xf32>) -> tensor<3x2x5xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.permute %[[R]] {permutation = array<i64: 1, 2, 0>} : (tensor<3x2x5xf32>) -> tensor<2x5x3xf32>
  // CHECK-NEXT: return %[[Y]]
  %0 = ttir.index_select %x, %i {dim = -1 : i64} : (tensor<2x5x4xf32>, tensor<3xsi32>) -> tensor<2x5x3xf32>
  return %0 : tensor<2x5x3xf32>
}

// CHECK-LABEL: func.func @index_select_rank1(%arg0: tensor<5xf32>, %arg1: tensor<3xsi32>)
func.func @index_select_rank1(%x: tensor<5xf32>, %i: tensor<3xsi32>) -> tensor<3xf32> {
  // A vector is a [5, 1] table.
  // CHECK-NEXT: %[[T:.*]] = ttnn.reshape %arg0 {shape = array<i64: 5, 1>} : (tensor<5xf32>) -> tensor<5x1xf32>
  // CHECK-NEXT: %[[E:.*]] = ttnn.embedding %arg1, %[[T]] : (tensor<3xsi32>, tensor<5x1xf32>) -> tensor<3x1xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.reshape %[[E]] {shape = array<i64: 3>} : (tensor<3x1xf32>) -> tensor<3xf32>
  // CHECK-NEXT: return %[[Y]]
  %0 = ttir.index_select %x, %i {dim = 0 : i64} : (tensor<5xf32>, tensor<3xsi32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// CHECK-LABEL: func.func @reverse(%arg0: tensor<2x3xf32>)
func.func @reverse(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  // The reversed indices [n-1, ..., 0] are an si32 constant on the device.
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[I3:.*]] = ttnn.constant %[[DEV]] {value = dense<[2, 1, 0]> : tensor<3xsi32>} : (!ttnn.device) -> tensor<3xsi32>
  // CHECK-NEXT: %[[P:.*]] = ttnn.permute %arg0 {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  // CHECK-NEXT: %[[E:.*]] = ttnn.embedding %[[I3]], %[[P]] : (tensor<3xsi32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  // CHECK-NEXT: %[[R1:.*]] = ttnn.permute %[[E]] {permutation = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %0 = ttir.reverse %x {dimensions = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // Two dimensions: one lookup each, dimension 0 first; the device is not fetched again.
  // CHECK-NEXT: %[[I2:.*]] = ttnn.constant %[[DEV]] {value = dense<[1, 0]> : tensor<2xsi32>} : (!ttnn.device) -> tensor<2xsi32>
  // CHECK-NEXT: %[[E0:.*]] = ttnn.embedding %[[I2]], %arg0 : (tensor<2xsi32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK-NEXT: %[[J3:.*]] = ttnn.constant %[[DEV]] {value = dense<[2, 1, 0]> : tensor<3xsi32>} : (!ttnn.device) -> tensor<3xsi32>
  // CHECK-NEXT: %[[P1:.*]] = ttnn.permute %[[E0]] {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  // CHECK-NEXT: %[[E1:.*]] = ttnn.embedding %[[J3]], %[[P1]] : (tensor<3xsi32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  // CHECK-NEXT: %[[R2:.*]] = ttnn.permute %[[E1]] {permutation = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
  // CHECK-NEXT: return %[[R1]], %[[R2]]
  %1 = ttir.reverse %x {dimensions = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @reverse_middle(%arg0: tensor<2x3x4xf32>)
func.func @reverse_middle(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // CHECK-NEXT: %[[DEV:.*]] = ttnn.get_device : !ttnn.device
  // CHECK-NEXT: %[[I:.*]] = ttnn.constant %[[DEV]] {value = dense<[2, 1, 0]> : tensor<3xsi32>}
  // CHECK-NEXT: %[[P:.*]] = ttnn.permute %arg0 {permutation = array<i64: 1, 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  // CHECK-NEXT: %[[T:.*]] = ttnn.reshape %[[P]] {shape = array<i64: 3, 8>} : (tensor<3x2x4xf32>) -> tensor<3x8xf32>
  // CHECK-NEXT: %[[E:.*]] = ttnn.embedding %[[I]], %[[T]] : (tensor<3xsi32>, tensor<3x8xf32>) -> tensor<3x8xf32>
  // CHECK-NEXT: %[[R:.*]] = ttnn.reshape %[[E]] {shape = array<i64: 3, 2, 4>} : (tensor<3x8xf32>) -> tensor<3x2x4xf32>
  // CHECK-NEXT: %[[Y:.*]] = ttnn.permute %[[R]] {permutation = array<i64: 1, 0, 2>} : (tensor<3x2x4xf32>) -> tensor<2x3x4xf32>
  // CHECK-NEXT: return %[[Y]]
  %0 = ttir.reverse %x {dimensions = array<i64: -2>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}
