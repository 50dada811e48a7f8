// Root of the ttir dialect definition: mlir-tblgen and llvm-tblgen are run on this file.
include "TtirOps.td"
