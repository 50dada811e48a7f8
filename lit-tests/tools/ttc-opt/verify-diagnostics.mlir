// --verify-diagnostics fails, naming the line, when an expected diagnostic is missing or an
// unexpected one appears; it passes when they match.
// RUN: ttc-opt --verify-diagnostics --split-input-file %S/Inputs/expectations-met.mlir
// RUN: not ttc-opt --verify-diagnostics %S/Inputs/expectations-unmet.mlir 2>&1 | FileCheck %s

// CHECK-DAG: expectations-unmet.mlir:4:8: error: unexpected error: 'ttir.add' op operand shapes [2] and [3] are not broadcast-compatible
// CHECK-DAG: expectations-unmet.mlir:3:6: error: expected error "this text is not in the message" was not produced
// CHECK-DAG: expectations-unmet.mlir:7:6: error: expected remark "never emitted" was not produced
