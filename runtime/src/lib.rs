//! `ttc-runtime`: executes emitted ttc programs with Wormhole numerics and models their device
//! time.
//!
//! Architecture invariant: this crate depends on nothing from MLIR; it sees only the emitted
//! program format. It is empty until the program format and interpreter land.
