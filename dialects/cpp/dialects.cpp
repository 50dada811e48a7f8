//===- dialects.cpp - registration of the ODS-generated ttir and ttnn dialects ---===//
//
// The only hand-written C++ in ttc. It includes what mlir-tblgen generated from dialects/td/
// and exports one C dialect handle per dialect, which the Rust side inserts into melior's
// DialectRegistry like any upstream dialect. Everything else (verifiers beyond ODS, passes,
// patterns) is Rust.
//
//===----------------------------------------------------------------------------===//

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir-c/IR.h"
#include "llvm/ADT/TypeSwitch.h"

// ---- ttir -------------------------------------------------------------------
#include "Ttir.dialect.h.inc"
#define GET_OP_CLASSES
#include "Ttir.ops.h.inc"

#include "Ttir.dialect.cpp.inc"
#define GET_OP_CLASSES
#include "Ttir.ops.cpp.inc"

void ttc::ttir::TTIRDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "Ttir.ops.cpp.inc"
      >();
}

// ---- ttnn -------------------------------------------------------------------
#include "Ttnn.dialect.h.inc"
#include "Ttnn.enums.h.inc"
#define GET_ATTRDEF_CLASSES
#include "Ttnn.attrs.h.inc"
#define GET_TYPEDEF_CLASSES
#include "Ttnn.types.h.inc"
#define GET_OP_CLASSES
#include "Ttnn.ops.h.inc"

#include "Ttnn.dialect.cpp.inc"
#include "Ttnn.enums.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "Ttnn.attrs.cpp.inc"
#define GET_TYPEDEF_CLASSES
#include "Ttnn.types.cpp.inc"
#define GET_OP_CLASSES
#include "Ttnn.ops.cpp.inc"

void ttc::ttnn::TTNNDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "Ttnn.attrs.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "Ttnn.types.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "Ttnn.ops.cpp.inc"
      >();
}

// ---- C handles ----------------------------------------------------------------
extern "C" {
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(TTIR, ttir);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(TTNN, ttnn);
}
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(TTIR, ttir, ::ttc::ttir::TTIRDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(TTNN, ttnn, ::ttc::ttnn::TTNNDialect)

// TypeIDs as C++ sees them, so a test can check that Rust and C++ share one copy of MLIR.
extern "C" const void *ttcRankedTensorTypeIdFromCpp() {
  return mlir::TypeID::get<mlir::RankedTensorType>().getAsOpaquePointer();
}
