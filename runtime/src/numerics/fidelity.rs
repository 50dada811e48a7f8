//! Math fidelity: which mantissa bits the matrix unit's multipliers see.
//!
//! The multipliers of `MVMUL` / `ELWMUL` / `GAPOOL` / `DOTPV` take at most 5 significant bits
//! of the SrcA operand and 7 of the SrcB operand. To multiply wider operands the hardware runs
//! up to four *fidelity phases*, each multiplying one part of SrcA by one part of SrcB and
//! adding the product into Dst (tt-isa-documentation `WormholeB0/TensixTile/TensixCoprocessor/
//! SrcASrcB.md` "Fidelity phases (floating-point)", `MVMUL.md` functional model
//! `SrcAFidelityBits` / `SrcBFidelityBits`):
//!
//! | phase | SrcA part | SrcB part |
//! |---|---|---|
//! | 0 | `A_hi`: implicit 1 + top 4 mantissa bits | `B_hi`: implicit 1 + top 6 mantissa bits |
//! | 1 | `A_lo`: the next mantissa bits (3 of bf16, 5 of tf32) | `B_hi` |
//! | 2 | `A_hi` | `B_lo`: the rest (1 bit of bf16, 4 of tf32) |
//! | 3 | `A_lo` | `B_lo` |
//!
//! `A_hi` keeps sign and exponent and masks the mantissa (f32 bits `& 0xfff8_0000`); `A_lo` is
//! the *value* of the next five mantissa bits (`x - (x & 0xfff8_3fff)`), so `A_hi + A_lo` is
//! the operand less its lowest tf32 bit, which SrcA never uses. `B_hi` is `x & 0xfffe_0000`
//! and `B_lo = x - B_hi`. A fidelity of n phases runs phases 0..n: LoFi = 1 phase (tt-metal
//! `MathFidelity::LoFi = 0`), HiFi2 = 2, HiFi3 = 3, HiFi4 = 4. Since
//! `A·B = A_hi·B_hi + A_lo·B_hi + A_hi·B_lo + A_lo·B_lo`, HiFi4 is the exact product of two
//! bf16 values; LoFi keeps 5 x 7 significant bits; HiFi2 uses all of SrcA but only `B_hi`.
//!
//! Which tensor lands in which register is the kernel's choice: a matmul unpacks `in0` (the
//! left operand) into SrcB and `in1` into SrcA (`Dst += SrcB @ SrcA`; tt-metal
//! `llk_unpack_AB_matmul_api.h`: "In0 -> srcB, In1 -> srcA"); eltwise binary ops unpack `in0`
//! into SrcA and `in1` into SrcB.
//!
//! Operands reach Src as bf16 (bf16, and bfp formats expanded losslessly) or as tf32 (fp32
//! tensors, low 13 mantissa bits dropped by the unpacker); denormals are flushed to zero
//! (`MVMUL.md`: "Denormals will be flushed to zero"). [`to_src`] applies both.

use std::fmt;

use super::bf16::round_bf16;

/// Math fidelity: how many fidelity phases a multiplication runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fidelity {
    LoFi,
    HiFi2,
    HiFi3,
    #[default]
    HiFi4,
}

impl Fidelity {
    /// All fidelities, lowest first.
    pub const ALL: [Fidelity; 4] = [
        Fidelity::LoFi,
        Fidelity::HiFi2,
        Fidelity::HiFi3,
        Fidelity::HiFi4,
    ];

    /// Parses `lofi`, `hifi2`, `hifi3`, `hifi4` (any case; `MathFidelity.HiFi4` style
    /// prefixes and `_`/`-` are accepted).
    pub fn parse(text: &str) -> Option<Fidelity> {
        let t = text.trim().to_ascii_lowercase();
        let t = t.rsplit('.').next().unwrap_or(&t).replace(['_', '-'], "");
        match t.as_str() {
            "lofi" => Some(Fidelity::LoFi),
            "hifi2" => Some(Fidelity::HiFi2),
            "hifi3" => Some(Fidelity::HiFi3),
            "hifi4" => Some(Fidelity::HiFi4),
            _ => None,
        }
    }

    /// Number of fidelity phases (1..=4): the cost multiplier of matrix-unit work.
    pub fn phases(self) -> u32 {
        match self {
            Fidelity::LoFi => 1,
            Fidelity::HiFi2 => 2,
            Fidelity::HiFi3 => 3,
            Fidelity::HiFi4 => 4,
        }
    }

    /// The lower-case name (`lofi`, `hifi2`, ...), as ttnn's MLIR attribute spells it.
    pub fn name(self) -> &'static str {
        match self {
            Fidelity::LoFi => "lofi",
            Fidelity::HiFi2 => "hifi2",
            Fidelity::HiFi3 => "hifi3",
            Fidelity::HiFi4 => "hifi4",
        }
    }
}

impl fmt::Display for Fidelity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The format operands have in SrcA / SrcB.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SrcFormat {
    /// bf16 (also bfp8/bfp4/bfp2 expanded by the unpacker): 1 + 7 significant bits.
    #[default]
    Bf16,
    /// tf32 (fp32 tensors): 1 + 10 significant bits, the low 13 f32 mantissa bits dropped.
    Tf32,
}

/// `x` as it sits in a Src register: rounded to bf16 (nearest even; a no-op on bf16 values)
/// or truncated to tf32, with denormals flushed to zero (sign kept).
pub fn to_src(x: f32, format: SrcFormat) -> f32 {
    let y = match format {
        SrcFormat::Bf16 => round_bf16(x),
        SrcFormat::Tf32 if x.is_nan() => x,
        SrcFormat::Tf32 => f32::from_bits(x.to_bits() & 0xffff_e000),
    };
    if y.is_subnormal() {
        0.0f32.copysign(y)
    } else {
        y
    }
}

/// SrcA's phase-0 part: sign, exponent, implicit 1 and the top 4 mantissa bits.
pub fn src_a_hi(x: f32) -> f32 {
    f32::from_bits(x.to_bits() & 0xfff8_0000)
}

/// SrcA's odd-phase part: the value of mantissa bits 5..10 (0 for infinities and NaN, whose
/// high part already carries them).
pub fn src_a_lo(x: f32) -> f32 {
    if !x.is_finite() {
        return 0.0;
    }
    x - f32::from_bits(x.to_bits() & 0xfff8_3fff)
}

/// Everything of `x` that SrcA multiplies with over all phases: `src_a_hi + src_a_lo` (the
/// operand less the lowest tf32 mantissa bit).
pub fn src_a_full(x: f32) -> f32 {
    if x.is_nan() {
        return x;
    }
    f32::from_bits(x.to_bits() & 0xffff_c000)
}

/// SrcB's phase-0/1 part: sign, exponent, implicit 1 and the top 6 mantissa bits.
pub fn src_b_hi(x: f32) -> f32 {
    f32::from_bits(x.to_bits() & 0xfffe_0000)
}

/// SrcB's phase-2/3 part: the value of the remaining mantissa bits (0 for infinities and NaN).
pub fn src_b_lo(x: f32) -> f32 {
    if !x.is_finite() {
        return 0.0;
    }
    x - src_b_hi(x)
}

/// `x` with infinities and NaN replaced by 0: a high part as later phases see it.
pub fn finite_or_zero(x: f32) -> f32 {
    if x.is_finite() { x } else { 0.0 }
}

/// The product one fidelity phase (0..=3) adds to Dst for Src values `a` and `b`.
///
/// Infinities and NaN enter through phase 0 only: phases 1-3 count a non-finite operand as 0
/// (its low parts are 0 already). The ISA's functional model would compute `inf - inf = NaN`
/// for the low part, but it calls itself a rough guide for non-finite values ("handling of
/// NaN/infinity does not conform to IEEE754"), so this model keeps IEEE results: `inf * 1.5`
/// is `inf` at every fidelity.
pub fn phase_product(a: f32, b: f32, phase: u32) -> f32 {
    if phase == 0 {
        return src_a_hi(a) * src_b_hi(b);
    }
    let a_part = if phase & 1 == 0 {
        src_a_hi(a)
    } else {
        src_a_lo(a)
    };
    let b_part = if phase & 2 == 0 {
        src_b_hi(b)
    } else {
        src_b_lo(b)
    };
    finite_or_zero(a_part) * finite_or_zero(b_part)
}

/// `a * b` as the matrix unit computes it at `fidelity`: the sum of the phase products, in
/// phase order, for values already in Src format (see [`to_src`]). Used by eltwise multiply
/// and as the reference for the matmul kernels.
pub fn multiply(a: f32, b: f32, fidelity: Fidelity) -> f32 {
    (0..fidelity.phases()).fold(0.0f32, |acc, p| acc + phase_product(a, b, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_names() {
        assert_eq!(Fidelity::parse("hifi4"), Some(Fidelity::HiFi4));
        assert_eq!(Fidelity::parse("LoFi"), Some(Fidelity::LoFi));
        assert_eq!(Fidelity::parse("MathFidelity.HiFi2"), Some(Fidelity::HiFi2));
        assert_eq!(Fidelity::parse("hi_fi3"), Some(Fidelity::HiFi3));
        assert_eq!(Fidelity::parse("hifi5"), None);
        for f in Fidelity::ALL {
            assert_eq!(Fidelity::parse(f.name()), Some(f));
            assert_eq!(f.to_string(), f.name());
        }
        assert_eq!(
            Fidelity::ALL.map(Fidelity::phases),
            [1, 2, 3, 4],
            "phases = cost multiplier"
        );
    }

    #[test]
    fn worked_example_lowest_bit_of_both() {
        // a = b = 1.0078125 = 1 + 2^-7 = bf16 0x3f81: only the lowest (7th) mantissa bit set.
        // SrcA: hi = 1.0 (top 4 bits are 0000), lo = 2^-7 (the bit is among the next 3).
        // SrcB: hi = 1.0 (top 6 bits are 000000), lo = 2^-7 (the 7th bit).
        let x = 1.0078125f32;
        assert_eq!((src_a_hi(x), src_a_lo(x)), (1.0, 2f32.powi(-7)));
        assert_eq!((src_b_hi(x), src_b_lo(x)), (1.0, 2f32.powi(-7)));
        // Phases: 0: 1 * 1 = 1; 1: 2^-7 * 1; 2: 1 * 2^-7; 3: 2^-7 * 2^-7 = 2^-14.
        // LoFi  = 1                                   = 1.0
        // HiFi2 = 1 + 2^-7                            = 1.0078125
        // HiFi3 = 1 + 2^-7 + 2^-7                     = 1.015625
        // HiFi4 = 1 + 2^-6 + 2^-14 = (1 + 2^-7)^2     = 1.01568603515625 (exact)
        assert_eq!(multiply(x, x, Fidelity::LoFi), 1.0);
        assert_eq!(multiply(x, x, Fidelity::HiFi2), 1.0078125);
        assert_eq!(multiply(x, x, Fidelity::HiFi3), 1.015625);
        assert_eq!(multiply(x, x, Fidelity::HiFi4), 16641.0 / 16384.0);
        assert_eq!(multiply(x, x, Fidelity::HiFi4), x * x);
    }

    #[test]
    fn srca_keeps_five_bits_srcb_seven() {
        // 1 + 2^-4 (mantissa 0001000) is within SrcA's 4 top mantissa bits: exact in LoFi.
        // 1 + 2^-5 (0000100) is not: LoFi drops it when it is in SrcA...
        let (in4, in5, in6) = (1.0625f32, 1.03125f32, 1.015625f32);
        assert_eq!(multiply(in4, 1.0, Fidelity::LoFi), 1.0625);
        assert_eq!(multiply(in5, 1.0, Fidelity::LoFi), 1.0);
        // ...but keeps it in SrcB, whose phase-0 part has 6 mantissa bits (1 + 2^-6 too).
        assert_eq!(multiply(1.0, in5, Fidelity::LoFi), 1.03125);
        assert_eq!(multiply(1.0, in6, Fidelity::LoFi), 1.015625);
        // HiFi2 adds phase 1 (SrcA's low bits): SrcA is complete, SrcB still 7 bits.
        assert_eq!(multiply(in5, 1.0, Fidelity::HiFi2), 1.03125);
        assert_eq!(multiply(1.0, 1.0078125, Fidelity::HiFi2), 1.0);
        // HiFi3 adds phase 2 (SrcB's low bit times SrcA's high part).
        assert_eq!(multiply(1.0, 1.0078125, Fidelity::HiFi3), 1.0078125);
        // A bf16 with all 7 mantissa bits set, 1.9921875 = 1.1111111b:
        // SrcA hi = 1.1111b = 1.9375, lo = 0.0000111b = 0.0546875;
        // SrcB hi = 1.111111b = 1.984375, lo = 2^-7.
        let f = 1.9921875f32;
        assert_eq!((src_a_hi(f), src_a_lo(f)), (1.9375, 0.0546875));
        assert_eq!((src_b_hi(f), src_b_lo(f)), (1.984375, 0.0078125));
        // LoFi f * f = 1.9375 * 1.984375 = (31 / 16) * (127 / 64) = 3937 / 1024; HiFi4 = f^2.
        assert_eq!(multiply(f, f, Fidelity::LoFi), 3937.0 / 1024.0);
        assert_eq!(multiply(f, f, Fidelity::HiFi4), f * f);
        // Signs and exponents pass through every phase: SrcA = -3.015625 = -1.1000001b * 2
        // (hi = -1.1000b * 2 = -3.0, lo = -2^-7 * 2 = -0.015625), SrcB = 2.0.
        assert_eq!(multiply(-3.015625, 2.0, Fidelity::LoFi), -6.0);
        assert_eq!(multiply(-3.015625, 2.0, Fidelity::HiFi2), -6.03125);
    }

    #[test]
    fn hifi4_is_exact_for_bf16_and_tf32_loses_one_srca_bit() {
        // Random signs and mantissas in +-[1, 2).
        let mut s = 99u32;
        let mut next = || {
            s = s.wrapping_mul(747_796_405).wrapping_add(2_891_336_453);
            f32::from_bits((s & 0x807f_ffff) | 0x3f80_0000)
        };
        for _ in 0..10_000 {
            let (x, y) = (next(), next());
            let (a, b) = (to_src(x, SrcFormat::Bf16), to_src(y, SrcFormat::Bf16));
            assert_eq!(multiply(a, b, Fidelity::HiFi4), a * b);
            // tf32: SrcA's lowest mantissa bit (f32 bit 13) is never multiplied.
            let (a, b) = (to_src(x, SrcFormat::Tf32), to_src(y, SrcFormat::Tf32));
            assert_eq!(multiply(a, b, Fidelity::HiFi4), src_a_full(a) * b);
        }
    }

    #[test]
    fn src_format_conversion() {
        // bf16: nearest even. 1 + 2^-8 is a tie -> 1.0.
        assert_eq!(to_src(1.0 + 2f32.powi(-8), SrcFormat::Bf16), 1.0);
        // tf32 truncates: 1 + 2^-10 + 2^-11 keeps 2^-10 only.
        assert_eq!(
            to_src(1.0 + 2f32.powi(-10) + 2f32.powi(-11), SrcFormat::Tf32),
            1.0 + 2f32.powi(-10)
        );
        // Denormals flush, sign kept; infinities and NaN pass.
        assert_eq!(to_src(-1e-40, SrcFormat::Bf16).to_bits(), 0x8000_0000);
        assert_eq!(to_src(f32::INFINITY, SrcFormat::Tf32), f32::INFINITY);
        assert!(to_src(f32::NAN, SrcFormat::Tf32).is_nan());
        // Infinity survives every fidelity; its low parts are 0, not NaN.
        assert_eq!(multiply(f32::INFINITY, 1.5, Fidelity::HiFi4), f32::INFINITY);
        assert_eq!(src_a_lo(f32::INFINITY), 0.0);
    }
}
