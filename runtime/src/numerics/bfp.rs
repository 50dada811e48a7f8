//! Block floating point (`bfp8_b`, `bfp4_b`, `bfp2_b`) as Wormhole stores it.
//!
//! **Format.** Every 16 consecutive values of a tile (one row of a 16x16 face, in the order of
//! [`super::tiles`]) form a block that shares one 8-bit exponent, biased like f32's. Each value
//! keeps a sign bit and a `mantissa_bits`-bit magnitude (7 for bfp8, 3 for bfp4, 1 for bfp2)
//! with no implicit leading one: value = ±q · 2^(e − 127 − (mantissa_bits − 1)). A tile is 64
//! exponent bytes followed by the packed sign-magnitudes, so 1088 bytes for bfp8_b, 576 for
//! bfp4_b and 320 for bfp2_b (tt-metal `tt_backend_api_types.hpp` `tile_size`; the same numbers
//! are in `device/descriptors/*.toml`).
//!
//! **Host rounding ([`BfpRounding::Host`], the default)**, as tt-metal converts on the host
//! (`ttnn.from_torch(..., dtype=bfloat8_b)`; tt-metal `tt_metal/impl/data_format/
//! blockfloat_common.cpp` `convert_u32_to_bfp<_, false>` and its tests: the rounding cases
//! `ConvertU32ToBfpTests` and the reference model in `HostBfpPack.
//! NumericalBoundariesPreservePackedWords`):
//! 1. shared exponent = the largest f32 exponent field in the block (NaN/inf count as 255);
//! 2. a zero or subnormal value (exponent field 0) becomes 0 (the current reference model;
//!    older `convert_u32_to_bfp` gave subnormals a hidden one, a difference below 2^-126);
//! 3. otherwise the 24-bit significand (hidden one included) is shifted right by
//!    `shared − exponent`, *truncating* (the bits shifted out are lost, they are not sticky);
//! 4. the shifted significand is rounded to its top `mantissa_bits` bits: round to nearest,
//!    **ties to even** (judged on the bits left after step 3);
//! 5. a magnitude that rounds past the largest code is clamped to it (the exponent is not
//!    raised): 1.9921875 in a block whose largest exponent is 0 becomes 1.984375 in bfp8;
//! 6. a magnitude of 0 gets sign +.
//!
//! Values far below the block maximum therefore flush toward zero: a value 2^-7 below the
//! maximum's exponent is a tie at q = 0 and becomes 0 in bfp8.
//!
//! **Packer rounding ([`BfpRounding::Packer`])**, what the device packer does when an op writes
//! a bfp tensor (tt-isa-documentation `WormholeB0/TensixTile/TensixCoprocessor/Packers/
//! FormatConversion.md`): the early conversion rounds each datum to E8M6 (1 + 6 significant bits,
//! ties away from zero, denormals to 0, NaN to infinity); the late conversion rounds to bfp8
//! with one shared exponent per 16 datums (ties away from zero), and bfp4/bfp2 truncate the
//! bfp8 magnitude. The ISA text does not say how the late conversion treats the bits shifted
//! out by the exponent alignment; this model rounds on all of them. Not validated on hardware;
//! tt-metal's own test `test_bfloat8b_from_torch_vs_typecast_differ` notes that host and
//! device bfp8 results differ.

use rayon::prelude::*;

/// Values sharing one exponent: one row of a 16x16 face.
pub const BLOCK_LEN: usize = 16;

/// Blocks quantized per parallel task.
const BLOCKS_PER_TASK: usize = 256;

/// The block floating point formats of Wormhole (`_b`: 8-bit exponent like bf16).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BfpFormat {
    Bfp8B,
    Bfp4B,
    Bfp2B,
}

impl BfpFormat {
    /// Magnitude bits per value (the sign bit is extra).
    pub fn mantissa_bits(self) -> u32 {
        match self {
            BfpFormat::Bfp8B => 7,
            BfpFormat::Bfp4B => 3,
            BfpFormat::Bfp2B => 1,
        }
    }

    /// Bytes of one 32x32 tile.
    pub fn tile_bytes(self) -> usize {
        bfp_tile_bytes(self.mantissa_bits())
    }

    /// The format of a ttnn / MLIR data type name (`bfp_bf8`, `bfloat8_b`, ...).
    pub fn parse(name: &str) -> Option<BfpFormat> {
        match name.to_ascii_lowercase().as_str() {
            "bfp8_b" | "bfloat8_b" | "bfp_bf8" | "bfp8" => Some(BfpFormat::Bfp8B),
            "bfp4_b" | "bfloat4_b" | "bfp_bf4" | "bfp4" => Some(BfpFormat::Bfp4B),
            "bfp2_b" | "bfloat2_b" | "bfp_bf2" | "bfp2" => Some(BfpFormat::Bfp2B),
            _ => None,
        }
    }
}

/// Who converts to block floating point, which decides the rounding (see the module doc).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BfpRounding {
    /// tt-metal's host conversion: truncating alignment, then nearest with ties to even.
    #[default]
    Host,
    /// The device packer: E8M6, then nearest with ties away from zero; bfp4/bfp2 truncate.
    Packer,
}

/// One encoded block: the shared exponent and 16 sign-magnitude codes (sign in bit
/// `mantissa_bits`, magnitude below it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BfpBlock {
    pub exponent: u8,
    pub codes: [u8; BLOCK_LEN],
}

/// Bytes of one 32x32 tile: 64 shared exponents plus 1024 codes of `1 + mantissa_bits` bits.
pub fn bfp_tile_bytes(mantissa_bits: u32) -> usize {
    let blocks = 32 * 32 / BLOCK_LEN;
    blocks + 32 * 32 * (1 + mantissa_bits as usize) / 8
}

/// Encodes up to 16 values (missing ones count as zeros).
///
/// # Panics
/// If `values` is longer than 16 or `mantissa_bits` is not in 1..=7.
pub fn encode_block(values: &[f32], mantissa_bits: u32, rounding: BfpRounding) -> BfpBlock {
    assert!(values.len() <= BLOCK_LEN, "a bfp block holds 16 values");
    assert!(
        (1..=7).contains(&mantissa_bits),
        "bfp mantissa bits must be 1..=7"
    );
    let mut bits = [0u32; BLOCK_LEN];
    for (b, v) in bits.iter_mut().zip(values) {
        *b = match rounding {
            BfpRounding::Host => v.to_bits(),
            BfpRounding::Packer => round_e8m6_away(v.to_bits()),
        };
    }
    let shared = bits.iter().map(|b| (b >> 23) & 0xff).max().unwrap_or(0);
    let mut codes = [0u8; BLOCK_LEN];
    for (code, &b) in codes.iter_mut().zip(&bits) {
        let magnitude = match rounding {
            BfpRounding::Host => host_magnitude(b, shared, mantissa_bits),
            BfpRounding::Packer => packer_magnitude(b, shared) >> (7 - mantissa_bits),
        };
        let sign = if magnitude == 0 { 0 } else { b >> 31 };
        *code = ((sign << mantissa_bits) | magnitude) as u8;
    }
    BfpBlock {
        exponent: shared as u8,
        codes,
    }
}

/// Decodes a block into `out` (at most 16 values are written).
pub fn decode_block(block: &BfpBlock, mantissa_bits: u32, out: &mut [f32]) {
    for (o, &code) in out.iter_mut().zip(&block.codes) {
        *o = decode_value(code, block.exponent, mantissa_bits);
    }
}

/// The value of one code under shared exponent `exponent`.
pub fn decode_value(code: u8, exponent: u8, mantissa_bits: u32) -> f32 {
    let code = u32::from(code);
    let magnitude = code & ((1 << mantissa_bits) - 1);
    let negative = ((code >> mantissa_bits) & 1) == 1;
    if magnitude == 0 {
        return 0.0;
    }
    let top = 1 << (mantissa_bits - 1);
    let value = if exponent == 255 && magnitude >= top {
        // Normalised with exponent 255: infinity if nothing follows the leading one, else NaN.
        if magnitude == top {
            f32::INFINITY
        } else {
            f32::NAN
        }
    } else {
        let scale = i32::from(exponent) - 127 - (mantissa_bits as i32 - 1);
        (f64::from(magnitude) * 2f64.powi(scale)) as f32
    };
    if negative { -value } else { value }
}

/// Quantizes a tile-ordered buffer in place with host rounding: every 16 consecutive values
/// are one block (a last partial block is padded with zeros).
pub fn quantize_bfp(values: &mut [f32], mantissa_bits: u32) {
    quantize_bfp_with(values, mantissa_bits, BfpRounding::Host);
}

/// [`quantize_bfp`] with a chosen rounding.
pub fn quantize_bfp_with(values: &mut [f32], mantissa_bits: u32, rounding: BfpRounding) {
    values
        .par_chunks_mut(BLOCK_LEN * BLOCKS_PER_TASK)
        .for_each(|chunk| {
            for block in chunk.chunks_mut(BLOCK_LEN) {
                let encoded = encode_block(block, mantissa_bits, rounding);
                decode_block(&encoded, mantissa_bits, block);
            }
        });
}

/// Quantizes a row-major logical tensor of `shape` (`[..., H, W]`; rank 0 and 1 are one row)
/// in place, grouping values exactly as its tiled storage would: a face row is 16 consecutive
/// columns of one row starting at a multiple of 16, and the tile padding (zeros) never raises a
/// block's exponent, so each row is cut into runs of 16 from column 0, the last run short.
/// Equal to tilize → [`quantize_bfp`] → untilize.
pub fn quantize_bfp_tensor(values: &mut [f32], shape: &[usize], mantissa_bits: u32) {
    quantize_bfp_tensor_with(values, shape, mantissa_bits, BfpRounding::Host);
}

/// [`quantize_bfp_tensor`] with a chosen rounding.
///
/// # Panics
/// If `values.len()` is not the product of `shape`.
pub fn quantize_bfp_tensor_with(
    values: &mut [f32],
    shape: &[usize],
    mantissa_bits: u32,
    rounding: BfpRounding,
) {
    assert_eq!(
        values.len(),
        shape.iter().product::<usize>(),
        "shape mismatch"
    );
    let width = shape.last().copied().unwrap_or(1);
    if width == 0 || values.is_empty() {
        return;
    }
    let rows_per_task = (BLOCK_LEN * BLOCKS_PER_TASK / width).max(1);
    values
        .par_chunks_mut(width * rows_per_task)
        .for_each(|rows| {
            for row in rows.chunks_mut(width) {
                for block in row.chunks_mut(BLOCK_LEN) {
                    let encoded = encode_block(block, mantissa_bits, rounding);
                    decode_block(&encoded, mantissa_bits, block);
                }
            }
        });
}

/// Host step 2-6 for one value: the magnitude code under `shared`.
fn host_magnitude(bits: u32, shared: u32, mantissa_bits: u32) -> u32 {
    let exponent = (bits >> 23) & 0xff;
    if exponent == 0 {
        return 0;
    }
    let shift = shared - exponent;
    let significand = if shift >= 32 {
        0
    } else {
        ((bits & 0x7f_ffff) | 0x80_0000) >> shift
    };
    let drop = 24 - mantissa_bits;
    let half = 1 << (drop - 1);
    let mut q = significand >> drop;
    let rest = significand & ((1 << drop) - 1);
    if rest > half || (rest == half && (q & 1) == 1) {
        q += 1;
    }
    q.min((1 << mantissa_bits) - 1)
}

/// Packer early conversion: f32 bits rounded to E8M6 (ties away), denormals to +0, NaN to inf.
fn round_e8m6_away(bits: u32) -> u32 {
    let sign = bits & 0x8000_0000;
    let exponent = (bits >> 23) & 0xff;
    if exponent == 0 {
        return 0;
    }
    if exponent == 0xff {
        return sign | 0x7f80_0000;
    }
    let magnitude = ((bits & 0x7fff_ffff) + 0x1_0000) & !0x1_ffff;
    sign | magnitude.min(0x7f80_0000)
}

/// Packer late conversion for one E8M6 value: the 7-bit bfp8 magnitude under `shared`, ties
/// away from zero.
fn packer_magnitude(bits: u32, shared: u32) -> u32 {
    let exponent = (bits >> 23) & 0xff;
    if exponent == 0 {
        return 0;
    }
    let significand = u64::from((bits & 0x7f_ffff) | 0x80_0000);
    let shift = u64::from(shared - exponent) + 17;
    if shift >= 40 {
        return 0;
    }
    let q = (significand + (1 << (shift - 1))) >> shift;
    (q as u32).min(0x7f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantized(values: &[f32], mantissa_bits: u32, rounding: BfpRounding) -> Vec<f32> {
        let mut v = values.to_vec();
        quantize_bfp_with(&mut v, mantissa_bits, rounding);
        v
    }

    /// A block whose largest exponent is 0 (values in [1, 2)): bfp8 steps are 2^-6 = 1/64,
    /// bfp4 steps are 2^-2 = 1/4.
    const BLOCK: [f32; 16] = [
        1.0, 0.5, 0.3, -0.75, 1.9921875, 0.0078125, 0.01171875, 1.0234375, 1.0078125, 1e-30, 0.0,
        -0.0, 0.25, 1.125, 1.375, 0.625,
    ];

    #[test]
    fn bfp8_block_with_exponent_zero() {
        let b = encode_block(&BLOCK, 7, BfpRounding::Host);
        assert_eq!(b.exponent, 127);
        // q = value * 64, rounded as the module doc says:
        // 1.0 -> 64; 0.5 -> 32; -0.75 -> 48 | sign (0x80).
        // 0.3 = 0x3e99999a: exponent 125, significand 0x99999a >> 2 = 0x266666 (truncating);
        //   q = 0x266666 >> 17 = 19, rest 0x06666 < 0x10000 -> 19 -> 19/64 = 0.296875.
        // 1.9921875 = 0x3fff0000: q = 0xff0000 >> 17 = 127, rest 0x10000 = tie, 127 odd ->
        //   128 -> clamped to 127 -> 1.984375.
        // 0.0078125 = 2^-7: 0x800000 >> 7 = 0x10000: q = 0, rest = tie, 0 even -> 0.
        // 0.01171875 = 1.5 * 2^-7: 0xc00000 >> 7 = 0x18000: q = 0, rest > tie -> 1 -> 1/64.
        // 1.0234375 = 1 + 3/128: 0x830000: q = 65, rest = tie, 65 odd -> 66 -> 1.03125.
        // 1.0078125 = 1 + 1/128: 0x810000: q = 64, rest = tie, 64 even -> 64 -> 1.0.
        // 1e-30 far below: shifted out -> 0. 0.0 -> 0. -0.0 -> 0 with sign + (code 0).
        // 0.25 -> 16. 1.125 -> 72, 1.375 -> 88, 0.625 -> 40 (exact in 6 fraction bits).
        assert_eq!(
            b.codes,
            [
                64,
                32,
                19,
                0x80 | 48,
                127,
                0,
                1,
                66,
                64,
                0,
                0,
                0,
                16,
                72,
                88,
                40
            ]
        );
        let q = quantized(&BLOCK, 7, BfpRounding::Host);
        let expected = [
            1.0, 0.5, 0.296875, -0.75, 1.984375, 0.0, 0.015625, 1.03125, 1.0, 0.0, 0.0, 0.0, 0.25,
            1.125, 1.375, 0.625,
        ];
        assert_eq!(q, expected);
        assert_eq!(q[11].to_bits(), 0, "-0 becomes +0");
    }

    #[test]
    fn bfp4_block_with_exponent_zero() {
        let b = encode_block(&BLOCK, 3, BfpRounding::Host);
        assert_eq!(b.exponent, 127);
        // q = value * 4 with 3 magnitude bits (drop 21 bits, tie = 0x100000):
        // 1.0 -> 4; 0.5 -> 2; 0.3: 0x266666 >> 21 = 1, rest 0x066666 < tie -> 1 (0.25);
        // -0.75 -> 3 | sign (0x8); 1.9921875: 0xff0000 >> 21 = 7, rest 0x1f0000 > tie -> 8 ->
        // clamped 7 (1.75); 0.0078125, 0.01171875 -> 0; 1.0234375: 0x830000 -> 4, rest
        // 0x030000 < tie -> 4; 1.0078125 -> 4; 1e-30, 0, -0 -> 0; 0.25 -> 1;
        // 1.125 = 0x900000: 4, rest = tie, 4 even -> 4 (1.0);
        // 1.375 = 0xb00000: 5, rest = tie, 5 odd -> 6 (1.5);
        // 0.625: 0xa00000 >> 1 = 0x500000: 2, rest = tie, 2 even -> 2 (0.5).
        assert_eq!(
            b.codes,
            [4, 2, 1, 0x8 | 3, 7, 0, 0, 4, 4, 0, 0, 0, 1, 4, 6, 2]
        );
        let q = quantized(&BLOCK, 3, BfpRounding::Host);
        let expected = [
            1.0, 0.5, 0.25, -0.75, 1.75, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.25, 1.0, 1.5, 0.5,
        ];
        assert_eq!(q, expected);
    }

    #[test]
    fn small_values_lose_precision_to_the_block_maximum() {
        // Largest exponent 3 (8.0): bfp8 step 2^(3-6) = 1/8.
        // 0.1 = 0x3dcccccd: exponent 123, 0xcccccd >> 7 = 0x19999: q = 0, rest > 0x10000 ->
        // 1 -> 0.125. 1.0 -> 8 -> 1.0. 0.05 -> 0x3d4ccccd: 0xcccccd >> 8 = 0xcccc < tie -> 0.
        let q = quantized(&[8.0, 1.0, 0.1, 0.05], 7, BfpRounding::Host);
        assert_eq!(q, [8.0, 1.0, 0.125, 0.0]);
    }

    #[test]
    fn tt_metal_rounding_vectors() {
        // tt-metal's own cases (each value is its own block maximum, exponent 6, step 1):
        // 64.75 -> 65 (up), 65.25 -> 65 (down), 64.5 -> 64 (tie to even), 65.5 -> 66.
        for (input, output) in [(64.75, 65.0), (65.25, 65.0), (64.5, 64.0), (65.5, 66.0)] {
            assert_eq!(quantized(&[input], 7, BfpRounding::Host), [output]);
            assert_eq!(quantized(&[-input], 7, BfpRounding::Host), [-output]);
        }
    }

    #[test]
    fn infinity_nan_and_subnormals() {
        // Infinity has exponent 255: it survives; 1.0 and -3.0 (exponents 0 and 1, shifted
        // right by 128 and 127) flush to zero.
        let q = quantized(&[f32::INFINITY, 1.0, -3.0], 7, BfpRounding::Host);
        assert_eq!(q[0], f32::INFINITY);
        assert_eq!(&q[1..], [0.0, 0.0]);
        let q = quantized(&[f32::NEG_INFINITY], 3, BfpRounding::Host);
        assert_eq!(q, [f32::NEG_INFINITY]);
        // Quiet NaN 0x7fc00000: significand 0xc00000 -> q = 0x60: leading one then a one ->
        // NaN again.
        let q = quantized(&[f32::NAN, 2.0], 7, BfpRounding::Host);
        assert!(q[0].is_nan());
        assert_eq!(q[1], 0.0);
        // A block of subnormals has exponent 0 and flushes entirely.
        let sub = f32::from_bits(0x0040_0000);
        assert_eq!(quantized(&[sub, -sub], 7, BfpRounding::Host), [0.0, 0.0]);
    }

    #[test]
    fn packer_rounding_differs_on_ties() {
        // Early E8M6 (ties away): 1.0078125 = 1.0000001b -> 1.000001b = 1.015625 (host: 1.0).
        // 0.0078125 = 2^-7 aligned to exponent 0: 0.0000001b -> tie at q = 0 -> away -> 1/64
        // (host: 0). 1.0234375 = 1.0000011b -> E8M6 1.000010b = 1.03125 (host agrees).
        let q = quantized(
            &[1.0078125, 0.0078125, 1.0234375, 1.0],
            7,
            BfpRounding::Packer,
        );
        assert_eq!(q, [1.015625, 0.015625, 1.03125, 1.0]);
        // 1.9921875 = 1.1111111b rounds up to 2.0 in E8M6, raising the block exponent to 1:
        // step 2^-5; 2.0 -> 64, 1.0 -> 32.
        let q = quantized(&[1.9921875, 1.0], 7, BfpRounding::Packer);
        assert_eq!(q, [2.0, 1.0]);
        // bfp4 truncates the bfp8 magnitude: 1.015625 -> q8 = 65 -> 65 >> 4 = 4 -> 1.0;
        // 1.9 = 0x3ff33333 -> E8M6 0x3ff40000 = 1.90625 -> q8 = 0xf40000 >> 17 = 122 ->
        // 122 >> 4 = 7 -> 1.75 (host: 0xf33333 >> 21 = 7, rest > tie -> 8, clamped 7 -> 1.75
        // too); 0.3 -> E8M6 0.296875 -> q8 = 19 -> 19 >> 4 = 1 -> 0.25.
        let q = quantized(&[1.0078125, 1.9, 0.3], 3, BfpRounding::Packer);
        assert_eq!(q, [1.0, 1.75, 0.25]);
        // NaN becomes infinity in the packer.
        assert_eq!(
            quantized(&[f32::NAN], 7, BfpRounding::Packer),
            [f32::INFINITY]
        );
    }

    #[test]
    fn tensor_helper_groups_face_rows() {
        // [2, 20]: each row is blocks of columns 0..16 and 16..20. Row 0 puts 8.0 in the first
        // block and 0.1 in the second, so 0.1 keeps its own exponent there. Next to 8.0 it
        // becomes 0.125 (see above). Alone: exponent 123, q = 0xcccccd >> 17 = 102, rest
        // 0xcccd < tie -> 102 * 2^(123 - 127 - 6) = 102 / 1024 = 51 / 512.
        let mut v = vec![0.0f32; 40];
        v[0] = 8.0;
        v[1] = 0.1;
        v[16] = 0.1;
        v[20] = 0.1; // row 1, column 0: alone in its block too
        quantize_bfp_tensor(&mut v, &[2, 20], 7);
        assert_eq!(v[0], 8.0);
        assert_eq!(v[1], 0.125);
        assert_eq!(v[16], 51.0 / 512.0);
        assert_eq!(v[20], 51.0 / 512.0);
    }

    #[test]
    fn tensor_helper_equals_tilize_quantize_untilize() {
        use crate::numerics::tiles::{tilize, untilize};
        let shape = [3, 33, 47];
        let n: usize = shape.iter().product();
        let mut seed = 7u32;
        let values: Vec<f32> = (0..n)
            .map(|i| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let m = (seed >> 8) as f32 / (1 << 24) as f32 - 0.5;
                m * 2f32.powi((i % 13) as i32 - 6)
            })
            .collect();
        for rounding in [BfpRounding::Host, BfpRounding::Packer] {
            for bits in [7, 3] {
                let mut direct = values.clone();
                quantize_bfp_tensor_with(&mut direct, &shape, bits, rounding);
                let mut tiled = tilize(&values, &shape);
                quantize_bfp_with(&mut tiled, bits, rounding);
                assert_eq!(untilize(&tiled, &shape), direct);
            }
        }
    }

    #[test]
    fn tile_bytes_match_the_device_descriptor() {
        let d = ttc_device::DeviceDescriptor::default_device();
        assert_eq!(BfpFormat::Bfp8B.tile_bytes(), 1088);
        assert_eq!(BfpFormat::Bfp4B.tile_bytes(), 576);
        assert_eq!(BfpFormat::Bfp2B.tile_bytes(), 320);
        assert_eq!(BfpFormat::Bfp8B.tile_bytes(), d.tiles.bytes_bfp8_b as usize);
        assert_eq!(BfpFormat::Bfp4B.tile_bytes(), d.tiles.bytes_bfp4_b as usize);
        assert_eq!(BfpFormat::parse("bfloat8_b"), Some(BfpFormat::Bfp8B));
    }
}
