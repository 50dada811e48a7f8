// Root of the ttnn dialect definition: mlir-tblgen and llvm-tblgen are run on this file.
include "TtnnOps.td"
