// Root of the ttir dialect definition: mlir-tblgen and llvm-tblgen are run on this file.
include "TtirEltwise.td"
include "TtirMatmul.td"
include "TtirReduction.td"
include "TtirNorm.td"
include "TtirConv.td"
include "TtirDataMovement.td"
include "TtirCreation.td"
include "TtirAttention.td"
