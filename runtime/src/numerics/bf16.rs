//! bfloat16: the 16-bit float Wormhole computes with (1 sign bit, 8 exponent bits, 7 stored
//! mantissa bits: the top half of an IEEE f32).
//!
//! Two roundings from f32 exist, and they are not the same:
//!
//! - **Host conversion** (`torch.Tensor.to(torch.bfloat16)`, ttnn `from_torch`): IEEE
//!   round-to-nearest, ties to even. Subnormals are kept (bf16 has the same exponent range as
//!   f32, so subnormals round like any other value); overflow goes to infinity; NaN stays NaN
//!   (quietened, sign kept). This is [`round_bf16`] / [`round_to_bf16`].
//! - **Device packer** (Dst → L1 with an FP32 → BF16 early format conversion): round to nearest
//!   with ties *away from zero*; denormals flushed to zero; -0 becomes +0; NaN becomes infinity
//!   (tt-isa-documentation `WormholeB0/TensixTile/TensixCoprocessor/Packers/FormatConversion.md`,
//!   "Early format conversion"). This is [`round_bf16_packer`] / [`round_to_bf16_packer`].
//!   It is modelled from the ISA text, not from hardware measurements.
//!
//! Values stay `f32` throughout the runtime (see `tensor.rs`): a bf16 tensor is an f32 buffer
//! whose values a bf16 can represent, so these functions round in place rather than convert.

use rayon::prelude::*;

/// Slices at least this long are rounded in parallel.
const PARALLEL_LEN: usize = 1 << 16;

/// The bf16 bit pattern nearest to `x` (round to nearest, ties to even; NaN stays NaN).
pub fn f32_to_bf16_bits(x: f32) -> u16 {
    let bits = x.to_bits();
    if x.is_nan() {
        // Keep the sign and the top of the payload; force the quiet bit so a payload that
        // lived only in the low 16 bits cannot turn into infinity.
        return ((bits >> 16) as u16) | 0x0040;
    }
    // Adding 0x7fff rounds the discarded half up when it exceeds 0x8000; adding the kept
    // least significant bit as well breaks the exact tie towards even. A carry out of the
    // mantissa increments the exponent, which is exactly right (up to infinity on overflow).
    let lsb = (bits >> 16) & 1;
    (bits.wrapping_add(0x7fff + lsb) >> 16) as u16
}

/// The f32 value of a bf16 bit pattern (exact).
pub fn bf16_bits_to_f32(bits: u16) -> f32 {
    f32::from_bits(u32::from(bits) << 16)
}

/// `x` rounded to the nearest bf16 (ties to even), as an f32.
pub fn round_bf16(x: f32) -> f32 {
    bf16_bits_to_f32(f32_to_bf16_bits(x))
}

/// Whether `x` is exactly representable as a bf16 (NaN counts as representable).
pub fn is_bf16(x: f32) -> bool {
    x.is_nan() || x.to_bits() & 0xffff == 0
}

/// Rounds every value to the nearest bf16 (ties to even), in place.
pub fn round_to_bf16(values: &mut [f32]) {
    map_in_place(values, round_bf16);
}

/// `x` rounded to bf16 the way the packer's FP32 → BF16 early conversion does it: nearest,
/// ties away from zero, denormal inputs flushed to +0, -0 to +0, NaN to infinity of the same
/// sign, overflow to infinity.
pub fn round_bf16_packer(x: f32) -> f32 {
    let bits = x.to_bits();
    let sign = bits & 0x8000_0000;
    let exp = (bits >> 23) & 0xff;
    if exp == 0 {
        return 0.0;
    }
    if exp == 0xff {
        // Infinity stays; NaN becomes infinity.
        return f32::from_bits(sign | 0x7f80_0000);
    }
    // Adding half of the discarded range and truncating rounds ties away from zero; the
    // magnitude is rounded, so this is symmetric in the sign.
    let magnitude = ((bits & 0x7fff_ffff) + 0x8000) & 0xffff_0000;
    f32::from_bits(sign | magnitude.min(0x7f80_0000))
}

/// Rounds every value with [`round_bf16_packer`], in place.
pub fn round_to_bf16_packer(values: &mut [f32]) {
    map_in_place(values, round_bf16_packer);
}

fn map_in_place(values: &mut [f32], f: fn(f32) -> f32) {
    if values.len() >= PARALLEL_LEN {
        values.par_chunks_mut(4096).for_each(|chunk| {
            for v in chunk {
                *v = f(*v);
            }
        });
    } else {
        for v in values {
            *v = f(*v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_values_are_unchanged() {
        // 1.0 = 0x3f80_0000, 1.5 = 0x3fc0_0000, -2.75 = 0xc030_0000: low 16 bits are zero.
        for x in [
            0.0f32,
            -0.0,
            1.0,
            1.5,
            -2.75,
            65280.0,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ] {
            assert_eq!(round_bf16(x).to_bits(), x.to_bits(), "{x}");
            assert!(is_bf16(x));
        }
    }

    #[test]
    fn rounds_to_nearest() {
        // 1 + 2^-8 + 2^-10 = 0x3f80_a000: the discarded half 0xa000 > 0x8000, so round up to
        // 0x3f81 = 1 + 2^-7 = 1.0078125.
        assert_eq!(round_bf16(f32::from_bits(0x3f80_a000)), 1.0078125);
        // 1 + 2^-9 = 0x3f80_4000: 0x4000 < 0x8000, round down to 1.0.
        assert_eq!(round_bf16(f32::from_bits(0x3f80_4000)), 1.0);
        // Negative values round the magnitude: -(1 + 2^-8 + 2^-10) -> -1.0078125.
        assert_eq!(round_bf16(f32::from_bits(0xbf80_a000)), -1.0078125);
        // 0.1 = 0x3dcc_cccd -> 0xcccd > 0x8000 -> 0x3dcd = 0.10009765625.
        assert_eq!(round_bf16(0.1), 205.0 / 2048.0);
    }

    #[test]
    fn ties_go_to_even() {
        // 1 + 2^-8 = 0x3f80_8000 is exactly halfway between 0x3f80 (1.0, even) and 0x3f81
        // (1.0078125, odd): goes down to the even 1.0.
        assert_eq!(round_bf16(1.0 + 2f32.powi(-8)), 1.0);
        // 1 + 3 * 2^-8 = 0x3f81_8000 is halfway between 0x3f81 (odd) and 0x3f82 (even,
        // 1 + 2^-6 = 1.015625): goes up.
        assert_eq!(round_bf16(1.0 + 3.0 * 2f32.powi(-8)), 1.015625);
        // Same for negative numbers: -(1 + 2^-8) -> -1.0.
        assert_eq!(round_bf16(-(1.0 + 2f32.powi(-8))), -1.0);
    }

    #[test]
    fn subnormals_round_like_normals() {
        // Smallest f32 subnormal 2^-149 = 0x0000_0001: rounds down to +0.
        assert_eq!(round_bf16(f32::from_bits(1)).to_bits(), 0);
        // 0x0001_8000 is a tie between 0x0001 (odd) and 0x0002 (even): up to 0x0002_0000
        // = 2^-132, which is still a subnormal.
        let up = round_bf16(f32::from_bits(0x0001_8000));
        assert_eq!(up.to_bits(), 0x0002_0000);
        assert_eq!(f64::from(up), 2f64.powi(-132));
        // The largest subnormal 0x007f_ffff rounds up into the smallest normal 2^-126.
        assert_eq!(round_bf16(f32::from_bits(0x007f_ffff)), f32::MIN_POSITIVE);
    }

    #[test]
    fn nan_and_infinity() {
        assert!(round_bf16(f32::NAN).is_nan());
        // A NaN whose payload is only in the low bits (0x7f80_0001) must not become infinity.
        assert!(round_bf16(f32::from_bits(0x7f80_0001)).is_nan());
        // Sign of NaN kept.
        assert_eq!(f32_to_bf16_bits(f32::from_bits(0xffc0_0000)), 0xffc0);
        // Largest finite f32 0x7f7f_ffff: discarded half 0xffff > 0x8000, round up, carry into
        // the exponent -> 0x7f80 = +inf.
        assert_eq!(round_bf16(f32::MAX), f32::INFINITY);
        assert_eq!(round_bf16(f32::MIN), f32::NEG_INFINITY);
        // Largest finite bf16 0x7f7f = (2 - 2^-7) * 2^127 stays.
        let max_bf16 = bf16_bits_to_f32(0x7f7f);
        assert_eq!(round_bf16(max_bf16), max_bf16);
    }

    #[test]
    fn agrees_with_half_crate() {
        // Cross-check against the `half` crate over a spread of bit patterns.
        let mut x: u32 = 0x1234_5678;
        for _ in 0..100_000 {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let v = f32::from_bits(x);
            let ours = round_bf16(v);
            let theirs = half::bf16::from_f32(v).to_f32();
            assert!(ours.to_bits() == theirs.to_bits() || (ours.is_nan() && theirs.is_nan()));
        }
    }

    #[test]
    fn slices_round_in_place_serial_and_parallel() {
        let mut small = vec![1.0 + 2f32.powi(-8), 0.1];
        round_to_bf16(&mut small);
        assert_eq!(small, [1.0, 205.0 / 2048.0]);
        let mut big = vec![1.0 + 3.0 * 2f32.powi(-8); PARALLEL_LEN + 3];
        round_to_bf16(&mut big);
        assert!(big.iter().all(|&v| v == 1.015625));
    }

    #[test]
    fn packer_rounding_ties_away() {
        // 1 + 2^-8 is a tie: ties-to-even gives 1.0, the packer gives 1.0078125 (away).
        assert_eq!(round_bf16_packer(1.0 + 2f32.powi(-8)), 1.0078125);
        assert_eq!(round_bf16_packer(-(1.0 + 2f32.powi(-8))), -1.0078125);
        // Not a tie: same as nearest-even. 1 + 2^-9 -> 1.0.
        assert_eq!(round_bf16_packer(1.0 + 2f32.powi(-9)), 1.0);
        // Denormals and -0 flush to +0; NaN becomes infinity.
        assert_eq!(round_bf16_packer(f32::from_bits(0x0001_8000)).to_bits(), 0);
        assert_eq!(round_bf16_packer(-0.0).to_bits(), 0);
        assert_eq!(round_bf16_packer(f32::NAN), f32::INFINITY);
        assert_eq!(round_bf16_packer(f32::MAX), f32::INFINITY);
        let mut v = vec![1.0 + 2f32.powi(-8)];
        round_to_bf16_packer(&mut v);
        assert_eq!(v, [1.0078125]);
    }
}
