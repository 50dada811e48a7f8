//! Matrix multiply as the Wormhole matrix unit computes it: `C = A @ B`, batched, f32 out.
//!
//! Model (sources in [`super::fidelity`]): the left operand `L` (the kernel's `in0`) is
//! unpacked into SrcB and the right operand `R` (`in1`) into SrcA, both as bf16 or tf32 with
//! denormals flushed. Each fidelity phase multiplies one part of every SrcA value by one part
//! of every SrcB value and adds the products into Dst, which accumulates in f32
//! (`fp32_dest_acc_en`). Summing the phase products of a fidelity is the same as multiplying
//! *merged* operands, because the parts add up:
//!
//! | fidelity | phases | computed as |
//! |---|---|---|
//! | LoFi | 0 | `L_hi @ R_hi` |
//! | HiFi2 | 0, 1 | `L_hi @ R_full` (phase 0 + phase 1 = `L_hi·(R_hi + R_lo)`) |
//! | HiFi3 | 0, 1, 2 | `L_hi @ R_full + L_lo @ R_hi` |
//! | HiFi4 | 0..3 | `L @ R_full` |
//!
//! where `L_hi` / `L_lo` are SrcB's parts (implicit 1 + 6 mantissa bits / the rest) and
//! `R_hi` / `R_full` SrcA's (implicit 1 + 4 mantissa bits / everything SrcA multiplies with:
//! all of a bf16, a tf32 less its last bit). Every individual product of parts is exact in f32
//! (at most 11 x 10 significant bits), so the merged form differs from a phase-by-phase
//! accumulation only in the order of f32 additions, which the hardware does not pin down either
//! (`MVMUL.md`: "operations might be performed in a different order"). HiFi4 on bf16 operands
//! is therefore exactly "bf16 x bf16 products accumulated in f32", and each fidelity costs one
//! f32 GEMM (HiFi3 two), run by the `gemm` crate (blocked, SIMD, rayon-parallel).
//!
//! Infinities and NaN enter through phase 0 only, as in [`super::fidelity::phase_product`].
//!
//! Not modelled: a bf16 Dst (`fp32_dest_acc_en = false`, rounding after every 16-deep partial
//! sum), packing of partial results between K blocks, and the non-IEEE NaN/infinity behaviour
//! of the multipliers (IEEE f32 rules apply here).

use std::borrow::Cow;

use gemm::Parallelism;
use rayon::prelude::*;

use super::fidelity::{
    Fidelity, SrcFormat, finite_or_zero, src_a_full, src_a_hi, src_b_hi, src_b_lo, to_src,
};

/// How a matmul runs on the matrix unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatmulConfig {
    pub fidelity: Fidelity,
    /// Format of both operands in the Src registers.
    pub src_format: SrcFormat,
    /// `a` is stored transposed (`[batch, k, m]`).
    pub transpose_a: bool,
    /// `b` is stored transposed (`[batch, n, k]`).
    pub transpose_b: bool,
}

/// One product of the phase table: (SrcB part of `a`, SrcA part of `b`).
type Term<'a> = (Cow<'a, [f32]>, Cow<'a, [f32]>);

/// Up to this many multiply-adds per matrix (128^3), batches run in parallel rather than each
/// GEMM; so do batches at least twice as many as the threads.
const SMALL_GEMM: usize = 1 << 21;

/// `C[b] = A[b] @ B[b]` for `b` in `0..batch`, with bf16 operands (values that are not bf16
/// are rounded to nearest even first) at `fidelity`. `a` is `[batch, m, k]` and `b` is
/// `[batch, k, n]`, both row-major; either may instead be a single matrix shared by every batch
/// (`[m, k]` / `[k, n]`). Returns `[batch, m, n]`.
///
/// # Panics
/// If an operand's length is neither one matrix nor `batch` matrices.
pub fn matmul(
    a: &[f32],
    b: &[f32],
    batch: usize,
    m: usize,
    k: usize,
    n: usize,
    fidelity: Fidelity,
) -> Vec<f32> {
    let config = MatmulConfig {
        fidelity,
        src_format: SrcFormat::Bf16,
        ..Default::default()
    };
    matmul_with(a, b, batch, m, k, n, config)
}

/// [`matmul`] with an explicit [`MatmulConfig`] (e.g. tf32 operands for fp32 tensors).
pub fn matmul_with(
    a: &[f32],
    b: &[f32],
    batch: usize,
    m: usize,
    k: usize,
    n: usize,
    config: MatmulConfig,
) -> Vec<f32> {
    let a_batched = batched(a.len(), batch, m * k, "a");
    let b_batched = batched(b.len(), batch, k * n, "b");
    let mut c = vec![0.0f32; batch * m * n];
    if c.is_empty() || k == 0 {
        return c;
    }
    let fmt = config.src_format;
    // SrcB (`a` = L) parts and SrcA (`b` = R) parts, as the table in the module doc.
    // The full parts are usually the inputs themselves (bf16 tensors hold bf16 values), and are
    // then borrowed rather than copied.
    let a_hi = || map(a, |x| src_b_hi(to_src(x, fmt)));
    let a_lo = || map(a, |x| src_b_lo(to_src(x, fmt)));
    let a_full = || map_or_borrow(a, |x| to_src(x, fmt));
    let b_hi = || map(b, |x| src_a_hi(to_src(x, fmt)));
    // Phase 2 sees non-finite values as 0 (fidelity::phase_product).
    let b_hi_finite = || map(b, |x| finite_or_zero(src_a_hi(to_src(x, fmt))));
    let b_full = || map_or_borrow(b, |x| src_a_full(to_src(x, fmt)));
    let terms: Vec<Term> = match config.fidelity {
        Fidelity::LoFi => vec![(a_hi(), b_hi())],
        Fidelity::HiFi2 => vec![(a_hi(), b_full())],
        Fidelity::HiFi3 => vec![(a_hi(), b_full()), (a_lo(), b_hi_finite())],
        Fidelity::HiFi4 => vec![(a_full(), b_full())],
    };
    let a_stride = if a_batched { m * k } else { 0 };
    let b_stride = if b_batched { k * n } else { 0 };
    let shape = Gemm {
        m,
        k,
        n,
        transpose_a: config.transpose_a,
        transpose_b: config.transpose_b,
    };
    let run = |i: usize, dst: &mut [f32], par: Parallelism| {
        for (t, (lhs, rhs)) in terms.iter().enumerate() {
            let lhs = &lhs[i * a_stride..i * a_stride + m * k];
            let rhs = &rhs[i * b_stride..i * b_stride + k * n];
            gemm_strided(dst, lhs, rhs, shape, t > 0, par);
        }
    };
    if batch > 1 && (m * k * n <= SMALL_GEMM || batch >= 2 * rayon::current_num_threads()) {
        c.par_chunks_mut(m * n)
            .enumerate()
            .for_each(|(i, dst)| run(i, dst, Parallelism::None));
    } else {
        for (i, dst) in c.chunks_mut(m * n).enumerate() {
            run(i, dst, Parallelism::Rayon(0));
        }
    }
    c
}

/// Whether an operand of `len` values holds `batch` matrices of `matrix` values (true) or one
/// shared matrix (false).
fn batched(len: usize, batch: usize, matrix: usize, name: &str) -> bool {
    if len == batch * matrix && batch != 1 {
        true
    } else if len == matrix {
        false
    } else {
        panic!("matmul operand {name}: {len} values is neither 1 nor {batch} matrices of {matrix}")
    }
}

/// `f` applied to every value, in parallel.
fn map(values: &[f32], f: impl Fn(f32) -> f32 + Sync) -> Cow<'_, [f32]> {
    Cow::Owned(
        values
            .par_iter()
            .with_min_len(4096)
            .map(|&x| f(x))
            .collect(),
    )
}

/// `values` itself when `f` leaves every value's bits unchanged, else [`map`].
fn map_or_borrow(values: &[f32], f: impl Fn(f32) -> f32 + Sync) -> Cow<'_, [f32]> {
    let unchanged = values
        .par_iter()
        .with_min_len(4096)
        .all(|&x| f(x).to_bits() == x.to_bits());
    if unchanged {
        Cow::Borrowed(values)
    } else {
        map(values, f)
    }
}

/// One product's shape and operand storage.
#[derive(Clone, Copy)]
struct Gemm {
    m: usize,
    k: usize,
    n: usize,
    transpose_a: bool,
    transpose_b: bool,
}

/// `dst = lhs @ rhs` (or `dst += lhs @ rhs` when `accumulate`), f32; `dst` is row-major, `lhs`
/// and `rhs` row-major or transposed as `g` says (read through strides, never copied).
fn gemm_strided(
    dst: &mut [f32],
    lhs: &[f32],
    rhs: &[f32],
    g: Gemm,
    accumulate: bool,
    parallelism: Parallelism,
) {
    let Gemm { m, k, n, .. } = g;
    assert!(dst.len() == m * n && lhs.len() == m * k && rhs.len() == k * n);
    // (column stride, row stride) of each operand as an m x k / k x n matrix.
    let (lhs_cs, lhs_rs) = if g.transpose_a { (m, 1) } else { (1, k) };
    let (rhs_cs, rhs_rs) = if g.transpose_b { (k, 1) } else { (1, n) };
    // SAFETY: the three slices hold exactly m x n, m x k and k x n matrices (checked above) and
    // the strides address each of them in its storage order, so every (row, column) the kernel
    // touches is in bounds; dst is borrowed mutably and does not alias lhs or rhs.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            dst.as_mut_ptr(),
            1,
            n as isize,
            accumulate,
            lhs.as_ptr(),
            lhs_cs as isize,
            lhs_rs as isize,
            rhs.as_ptr(),
            rhs_cs as isize,
            rhs_rs as isize,
            1.0,
            1.0,
            false,
            false,
            false,
            parallelism,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numerics::fidelity::{multiply, src_a_lo};

    fn all(a: &[f32], b: &[f32], m: usize, k: usize, n: usize) -> Vec<Vec<f32>> {
        Fidelity::ALL
            .iter()
            .map(|&f| matmul(a, b, 1, m, k, n, f))
            .collect()
    }

    #[test]
    fn one_by_one_worked_example() {
        // 1.0078125 * 1.0078125, see fidelity.rs: LoFi 1, HiFi2 1 + 2^-7, HiFi3 1 + 2^-6,
        // HiFi4 (1 + 2^-7)^2 = 1 + 2^-6 + 2^-14.
        let x = [1.0078125f32];
        assert_eq!(
            all(&x, &x, 1, 1, 1),
            [[1.0], [1.0078125], [1.015625], [16641.0 / 16384.0]]
        );
    }

    #[test]
    fn left_operand_is_srcb() {
        // 1.03125 = 1 + 2^-5 fits SrcB's 6 top mantissa bits but not SrcA's 4.
        // As the left operand (SrcB) LoFi keeps it; as the right operand (SrcA) LoFi drops it.
        assert_eq!(
            matmul(&[1.03125], &[1.0], 1, 1, 1, 1, Fidelity::LoFi),
            [1.03125]
        );
        assert_eq!(
            matmul(&[1.0], &[1.03125], 1, 1, 1, 1, Fidelity::LoFi),
            [1.0]
        );
        assert_eq!(
            matmul(&[1.0], &[1.03125], 1, 1, 1, 1, Fidelity::HiFi2),
            [1.03125]
        );
    }

    #[test]
    fn two_by_two_hand_computed() {
        // A (SrcB) = [[1, 1.0078125], [2, 3]], B (SrcA) = [[1.0078125, 1], [1, 0.5]].
        // A_hi = [[1, 1], [2, 3]] (1.0078125 loses its 7th bit), A_lo = [[0, 2^-7], [0, 0]];
        // B_hi = [[1, 1], [1, 0.5]].
        let a = [1.0, 1.0078125, 2.0, 3.0];
        let b = [1.0078125, 1.0, 1.0, 0.5];
        let r = all(&a, &b, 2, 2, 2);
        // LoFi = A_hi @ B_hi = [[1 + 1, 1 + 0.5], [2 + 3, 2 + 1.5]].
        assert_eq!(r[0], [2.0, 1.5, 5.0, 3.5]);
        // HiFi2 = A_hi @ B = [[1.0078125 + 1, 1 + 0.5], [2.015625 + 3, 2 + 1.5]].
        assert_eq!(r[1], [2.0078125, 1.5, 5.015625, 3.5]);
        // HiFi3 = HiFi2 + A_lo @ B_hi = HiFi2 + [[2^-7, 2^-8], [0, 0]].
        assert_eq!(r[2], [2.015625, 385.0 / 256.0, 5.015625, 3.5]);
        // HiFi4 = A @ B exactly: [[1.0078125 + 1.0078125, 1 + 0.50390625], [5.015625, 3.5]].
        assert_eq!(r[3], [2.015625, 385.0 / 256.0, 5.015625, 3.5]);
    }

    /// Deterministic pseudo-random bf16 values in +-[2^-4, 4).
    fn bf16_values(n: usize, seed: u32) -> Vec<f32> {
        let mut s = seed;
        (0..n)
            .map(|_| {
                s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let exp = 123 + (s >> 8) % 6;
                f32::from_bits((s & 0x807f_0000) | (exp << 23))
            })
            .collect()
    }

    /// Phase-by-phase scalar reference: per output, the f64 sum of `multiply` (exact products).
    fn reference(a: &[f32], b: &[f32], m: usize, k: usize, n: usize, f: Fidelity) -> Vec<f64> {
        let mut c = vec![0.0f64; m * n];
        for i in 0..m {
            for j in 0..n {
                // SrcA holds b, SrcB holds a.
                c[i * n + j] = (0..k)
                    .map(|p| f64::from(multiply(b[p * n + j], a[i * k + p], f)))
                    .sum();
            }
        }
        c
    }

    /// f32 accumulation of k terms can be off by k * 2^-24 * sum |terms| (here |term| < 16).
    fn tolerance(k: usize) -> f64 {
        k as f64 * f64::from(f32::EPSILON) / 2.0 * (k as f64 * 16.0)
    }

    #[test]
    fn agrees_with_the_phase_by_phase_reference() {
        let (m, k, n) = (37, 45, 29);
        let a = bf16_values(m * k, 1);
        let b = bf16_values(k * n, 2);
        for f in Fidelity::ALL {
            let c = matmul(&a, &b, 1, m, k, n, f);
            let r = reference(&a, &b, m, k, n, f);
            for (x, y) in c.iter().zip(&r) {
                // Only the f32 accumulation differs.
                assert!((f64::from(*x) - y).abs() <= tolerance(k), "{f}: {x} vs {y}");
            }
        }
        // HiFi4 equals the exact bf16 products accumulated (f64 reference, same tolerance).
        let exact = reference(&a, &b, m, k, n, Fidelity::HiFi4);
        let direct: Vec<f64> = (0..m * n)
            .map(|o| {
                let (i, j) = (o / n, o % n);
                (0..k)
                    .map(|p| f64::from(a[i * k + p]) * f64::from(b[p * n + j]))
                    .sum()
            })
            .collect();
        assert_eq!(exact, direct);
    }

    #[test]
    fn merged_phases_equal_separate_phase_gemms() {
        // Summing four separate GEMMs of the phase parts gives the merged HiFi4 result.
        let (m, k, n) = (16, 64, 24);
        let a = bf16_values(m * k, 3);
        let b = bf16_values(k * n, 4);
        let parts_a = [map(&a, src_b_hi), map(&a, src_b_lo)];
        let parts_b = [map(&b, src_a_hi), map(&b, src_a_lo)];
        let mut sum = vec![0.0f32; m * n];
        for phase in 0..4 {
            let lhs = &parts_a[phase >> 1];
            let rhs = &parts_b[phase & 1];
            let g = Gemm {
                m,
                k,
                n,
                transpose_a: false,
                transpose_b: false,
            };
            gemm_strided(&mut sum, lhs, rhs, g, phase > 0, Parallelism::None);
        }
        let merged = matmul(&a, &b, 1, m, k, n, Fidelity::HiFi4);
        for (x, y) in sum.iter().zip(&merged) {
            assert!(f64::from((x - y).abs()) <= 2.0 * tolerance(k), "{x} vs {y}");
        }
    }

    #[test]
    fn batches_and_broadcast() {
        let (m, k, n) = (3, 5, 4);
        let a = bf16_values(2 * m * k, 5);
        let b = bf16_values(2 * k * n, 6);
        let f = Fidelity::HiFi2;
        let c = matmul(&a, &b, 2, m, k, n, f);
        assert_eq!(&c[..m * n], matmul(&a[..m * k], &b[..k * n], 1, m, k, n, f));
        assert_eq!(&c[m * n..], matmul(&a[m * k..], &b[k * n..], 1, m, k, n, f));
        // b shared by both batches.
        let c = matmul(&a, &b[..k * n], 2, m, k, n, f);
        assert_eq!(&c[m * n..], matmul(&a[m * k..], &b[..k * n], 1, m, k, n, f));
        // Large enough for the per-GEMM parallel path.
        let (m, k, n) = (64, 80, 72);
        let a = bf16_values(2 * m * k, 7);
        let b = bf16_values(k * n, 8);
        let c = matmul(&a, &b, 2, m, k, n, Fidelity::HiFi4);
        assert_eq!(
            &c[m * n..],
            matmul(&a[m * k..], &b, 1, m, k, n, Fidelity::HiFi4)
        );
        // Empty dimensions.
        assert_eq!(matmul(&[], &[], 1, 2, 0, 3, Fidelity::LoFi), [0.0; 6]);
        assert!(matmul(&[], &[1.0; 6], 1, 0, 2, 3, Fidelity::LoFi).is_empty());
    }

    #[test]
    fn operands_are_rounded_into_src() {
        // Non-bf16 input 1 + 2^-8 + 2^-10 rounds to bf16 1.0078125 first.
        let x = [1.0 + 2f32.powi(-8) + 2f32.powi(-10)];
        assert_eq!(matmul(&x, &[1.0], 1, 1, 1, 1, Fidelity::HiFi4), [1.0078125]);
        // tf32 keeps 10 mantissa bits: 1 + 2^-10 survives HiFi4 on the left (SrcB uses all of
        // its bits) but not on the right (SrcA ignores its lowest tf32 bit).
        let tf32 = MatmulConfig {
            fidelity: Fidelity::HiFi4,
            src_format: SrcFormat::Tf32,
            ..Default::default()
        };
        let y = [1.0 + 2f32.powi(-10)];
        assert_eq!(matmul_with(&y, &[1.0], 1, 1, 1, 1, tf32), y);
        assert_eq!(matmul_with(&[1.0], &y, 1, 1, 1, 1, tf32), [1.0]);
        // 1 + 2^-9 is SrcA's last used tf32 bit: kept at HiFi2 (phases 0 + 1).
        let z = [1.0 + 2f32.powi(-9)];
        let hifi2 = MatmulConfig {
            fidelity: Fidelity::HiFi2,
            ..tf32
        };
        assert_eq!(matmul_with(&[1.0], &z, 1, 1, 1, 1, hifi2), z);
        assert_eq!(src_a_lo(z[0]), 2f32.powi(-9));
    }

    #[test]
    fn infinity_survives_every_fidelity() {
        // Phase 2 multiplies SrcB's low part (0 for 1.5 = 1.1b) by SrcA's high part; an
        // infinite SrcA must not turn that 0 * inf into NaN.
        for f in Fidelity::ALL {
            assert_eq!(
                matmul(&[1.5], &[f32::INFINITY], 1, 1, 1, 1, f),
                [f32::INFINITY]
            );
            assert_eq!(
                matmul(&[f32::INFINITY], &[1.5], 1, 1, 1, 1, f),
                [f32::INFINITY]
            );
            assert!(matmul(&[0.0], &[f32::INFINITY], 1, 1, 1, 1, f)[0].is_nan());
        }
    }

    #[test]
    fn transposed_operands_are_read_through_strides() {
        let (m, k, n) = (3, 5, 4);
        let a: Vec<f32> = (0..m * k).map(|i| i as f32 * 0.75 - 4.0).collect();
        let b: Vec<f32> = (0..k * n).map(|i| 2.5 - i as f32 * 0.5).collect();
        let t = |v: &[f32], rows: usize, cols: usize| -> Vec<f32> {
            (0..cols * rows)
                .map(|i| v[(i % rows) * cols + i / rows])
                .collect()
        };
        for fidelity in Fidelity::ALL {
            let plain = matmul(&a, &b, 1, m, k, n, fidelity);
            let config = MatmulConfig {
                fidelity,
                transpose_a: true,
                transpose_b: true,
                ..Default::default()
            };
            assert_eq!(
                matmul_with(&t(&a, m, k), &t(&b, k, n), 1, m, k, n, config),
                plain
            );
        }
    }
}
