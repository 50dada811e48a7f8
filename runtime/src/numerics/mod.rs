//! Wormhole numerics: the arithmetic the device interpreter uses to reproduce what the chip
//! computes, bit for bit where the sources allow.
//!
//! - [`bf16`]: f32 ↔ bf16 rounding (host: nearest even; device packer: nearest, ties away).
//! - [`bfp`]: block floating point `bfp8_b` / `bfp4_b` / `bfp2_b` (16 values share an
//!   exponent), quantization as tt-metal's host conversion or the device packer does it.
//! - [`tiles`]: tilize / untilize between row-major tensors and 32x32 tiles of 16x16 faces.
//! - [`fidelity`]: math fidelity phases, which mantissa bits of SrcA / SrcB each phase
//!   multiplies.
//! - [`mod@matmul`]: batched matmul through the matrix unit model (fidelity, f32 Dst), on `gemm`.
//! - [`mod@compare`]: PCC, max errors and allclose as tt-mlir's golden checks compute them.
//!
//! Every module names its sources (tt-isa-documentation `WormholeB0/`, tt-metal, tt-mlir) in its
//! own doc comment. Values are f32 throughout: a bf16 or bfp tensor is an f32 buffer holding
//! only values its format can represent.

pub mod bf16;
pub mod bfp;
pub mod compare;
pub mod fidelity;
pub mod matmul;
pub mod tiles;

pub use bf16::{round_bf16, round_to_bf16};
pub use bfp::{BfpFormat, BfpRounding, quantize_bfp, quantize_bfp_tensor};
pub use compare::{Comparison, compare};
pub use fidelity::{Fidelity, SrcFormat};
pub use matmul::{MatmulConfig, matmul, matmul_with};
pub use tiles::{padded_shape, tilize, untilize};
