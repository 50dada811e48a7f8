//! Comparing a device result with its golden: PCC, max errors, allclose.
//!
//! Follows tt-mlir's golden checks (`tools/builder/base/builder_runtime.py` and
//! `runtime/tools/ttrt/common/util.py`, `get_atol_rtol_pcc`), which decide the PCC edge cases
//! in this order:
//!
//! 1. both empty → 1; one empty → 0;
//! 2. both all-NaN → 1;
//! 3. exactly one of them has a nonzero element (NaN counts as nonzero) → 0;
//! 4. one all-NaN → 0;
//! 5. NaN and ±inf are replaced by 0 in both; then equal → 1;
//! 6. a single element → 1 if `isclose`, else 0;
//! 7. both constant → 1 if their values are `isclose`, else 0;
//! 8. otherwise Pearson's r (computed in f64, clamped to [-1, 1]).
//!
//! `isclose(g, a)` is torch's: `|g - a| <= atol + rtol * |a|`. Two deliberate departures from
//! ttrt, both where ttrt's answer is an accident of its implementation:
//! - exactly one side constant (after step 5) gives 0 here; ttrt's masked `np.ma.corrcoef`
//!   divides by a zero variance, gets a masked value, and reports 1;
//! - a single nonzero golden goes through step 6; ttrt reports 1 whenever the cosine
//!   similarity is nonzero, so `[1]` against `[-1]` would pass.
//!
//! The error metrics follow ttrt where it is well defined: `max_abs_err = max |g - a|`,
//! `max_rel_err = max |g - a| / |a|` (ttrt divides by the *actual* value). Positions where both
//! are NaN, or both are the same infinity, count as error 0; any other NaN or infinity makes the
//! error infinite (torch would report NaN). `0 / 0` is 0 and `x / 0` is infinite. `allclose` is
//! `torch.allclose(golden, actual, rtol, atol)`: every element `isclose`, equal infinities close,
//! NaN never close.

/// The result of comparing an actual tensor with its golden.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparison {
    /// Pearson correlation coefficient with the edge cases of the module doc.
    pub pcc: f64,
    pub max_abs_err: f64,
    pub max_rel_err: f64,
    pub allclose: bool,
}

/// Compares `actual` with `golden` (same element order). Slices of different lengths compare
/// as unrelated: PCC 0, infinite errors, not close.
pub fn compare(golden: &[f32], actual: &[f32], rtol: f64, atol: f64) -> Comparison {
    if golden.len() != actual.len() {
        return Comparison {
            pcc: 0.0,
            max_abs_err: f64::INFINITY,
            max_rel_err: f64::INFINITY,
            allclose: false,
        };
    }
    let (mut max_abs_err, mut max_rel_err) = (0.0f64, 0.0f64);
    let mut allclose = true;
    for (&g, &a) in golden.iter().zip(actual) {
        let (g, a) = (f64::from(g), f64::from(a));
        let (abs, rel) = errors(g, a);
        max_abs_err = max_abs_err.max(abs);
        max_rel_err = max_rel_err.max(rel);
        allclose &= isclose(g, a, rtol, atol);
    }
    Comparison {
        pcc: pcc(golden, actual, rtol, atol),
        max_abs_err,
        max_rel_err,
        allclose,
    }
}

/// PCC of `actual` against `golden` with tt-mlir's edge cases (module doc, steps 1-8).
pub fn pcc(golden: &[f32], actual: &[f32], rtol: f64, atol: f64) -> f64 {
    if golden.is_empty() || actual.is_empty() {
        return if golden.len() == actual.len() {
            1.0
        } else {
            0.0
        };
    }
    let all_nan = |v: &[f32]| v.iter().all(|x| x.is_nan());
    let any_nonzero = |v: &[f32]| v.iter().any(|&x| x != 0.0 || x.is_nan());
    if all_nan(golden) && all_nan(actual) {
        return 1.0;
    }
    if any_nonzero(golden) != any_nonzero(actual) || all_nan(golden) || all_nan(actual) {
        return 0.0;
    }
    let finite = |v: &[f32]| -> Vec<f64> {
        v.iter()
            .map(|&x| if x.is_finite() { f64::from(x) } else { 0.0 })
            .collect()
    };
    let (g, a) = (finite(golden), finite(actual));
    if g == a {
        return 1.0;
    }
    let constant = |v: &[f64]| v.iter().all(|&x| x == v[0]);
    match (g.len() == 1 || constant(&g), g.len() == 1 || constant(&a)) {
        (true, true) => return f64::from(u8::from(isclose(g[0], a[0], rtol, atol))),
        (true, false) | (false, true) => return 0.0,
        (false, false) => {}
    }
    let n = g.len() as f64;
    let (mg, ma) = (g.iter().sum::<f64>() / n, a.iter().sum::<f64>() / n);
    let (mut sgg, mut saa, mut sga) = (0.0, 0.0, 0.0);
    for (x, y) in g.iter().zip(&a) {
        let (dx, dy) = (x - mg, y - ma);
        sgg += dx * dx;
        saa += dy * dy;
        sga += dx * dy;
    }
    (sga / (sgg * saa).sqrt()).clamp(-1.0, 1.0)
}

/// torch's `isclose(golden, actual)`: `|g - a| <= atol + rtol * |a|`; equal infinities are
/// close, NaN is never close.
pub fn isclose(golden: f64, actual: f64, rtol: f64, atol: f64) -> bool {
    if golden == actual {
        return true;
    }
    if !golden.is_finite() || !actual.is_finite() {
        return false;
    }
    (golden - actual).abs() <= atol + rtol * actual.abs()
}

/// Absolute and relative (to `actual`) error of one element.
fn errors(golden: f64, actual: f64) -> (f64, f64) {
    if golden == actual || (golden.is_nan() && actual.is_nan()) {
        return (0.0, 0.0);
    }
    let abs = (golden - actual).abs();
    if abs.is_nan() {
        return (f64::INFINITY, f64::INFINITY);
    }
    let rel = if actual == 0.0 {
        f64::INFINITY
    } else {
        abs / actual.abs()
    };
    (abs, rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAN: f32 = f32::NAN;
    const INF: f32 = f32::INFINITY;

    fn p(g: &[f32], a: &[f32]) -> f64 {
        pcc(g, a, 1e-5, 1e-8)
    }

    #[test]
    fn pcc_of_known_vectors() {
        // g = [1, 2, 3], a = [2, 4, 6]: a = 2g, r = 1.
        assert_eq!(p(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]), 1.0);
        // a = -g: r = -1.
        assert_eq!(p(&[1.0, 2.0, 3.0], &[-1.0, -2.0, -3.0]), -1.0);
        // g = [1, 2, 3, 4], a = [1, 3, 2, 4]: means 2.5; deviations (-1.5, -.5, .5, 1.5) and
        // (-1.5, .5, -.5, 1.5); sum of products 2.25 - .25 - .25 + 2.25 = 4; each sum of
        // squares 5; r = 4 / 5 = 0.8.
        assert!((p(&[1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 4.0]) - 0.8).abs() < 1e-12);
    }

    #[test]
    fn pcc_edge_cases() {
        // 1. Empty.
        assert_eq!(p(&[], &[]), 1.0);
        assert_eq!(p(&[], &[1.0]), 0.0);
        // 2. Both all NaN.
        assert_eq!(p(&[NAN, NAN], &[NAN, NAN]), 1.0);
        // 3. One all zero, the other not.
        assert_eq!(p(&[0.0, 0.0], &[0.0, 1e-3]), 0.0);
        assert_eq!(p(&[0.0, 0.0], &[0.0, 0.0]), 1.0);
        // 4. One all NaN.
        assert_eq!(p(&[1.0, 2.0], &[NAN, NAN]), 0.0);
        // 5. NaN / inf masked to 0: [inf, 1, 2] vs [NaN, 1, 2] become equal.
        assert_eq!(p(&[INF, 1.0, 2.0], &[NAN, 1.0, 2.0]), 1.0);
        // ... and the rest correlate: [1, 2, 3, NaN] vs [2, 4, 6, NaN] -> [1, 2, 3, 0] vs
        // [2, 4, 6, 0] = 2x -> 1.
        assert!((p(&[1.0, 2.0, 3.0, NAN], &[2.0, 4.0, 6.0, NAN]) - 1.0).abs() < 1e-12);
        // 6. Single element: isclose.
        assert_eq!(p(&[2.0], &[2.0]), 1.0);
        assert_eq!(p(&[2.0], &[2.000_001]), 1.0); // 1e-6 <= 1e-8 + 1e-5 * 2
        assert_eq!(p(&[2.0], &[2.1]), 0.0);
        assert_eq!(p(&[1.0], &[-1.0]), 0.0);
        // 7. Both constant: isclose of the constants.
        assert_eq!(p(&[3.0; 4], &[3.0; 4]), 1.0);
        assert_eq!(p(&[3.0; 4], &[3.5; 4]), 0.0);
        // One constant, the other varying: 0.
        assert_eq!(p(&[3.0; 4], &[1.0, 2.0, 3.0, 4.0]), 0.0);
        assert_eq!(p(&[1.0, 2.0, 3.0, 4.0], &[3.0; 4]), 0.0);
    }

    #[test]
    fn errors_and_allclose() {
        // g = [1, 2, 4], a = [1, 2.5, 3]: |d| = [0, .5, 1], |d| / |a| = [0, .2, 1/3].
        let c = compare(&[1.0, 2.0, 4.0], &[1.0, 2.5, 3.0], 0.0, 1.0);
        assert_eq!(c.max_abs_err, 1.0);
        assert!((c.max_rel_err - 1.0 / 3.0).abs() < 1e-12);
        assert!(c.allclose, "atol 1 covers every difference");
        assert!(!compare(&[1.0, 2.0, 4.0], &[1.0, 2.5, 3.0], 0.0, 0.9).allclose);
        // rtol is relative to the actual value: |4 - 3| = 1 <= 0.34 * 3, |2 - 2.5| <= .34 * 2.5.
        assert!(compare(&[1.0, 2.0, 4.0], &[1.0, 2.5, 3.0], 0.34, 0.0).allclose);
        // Exact zeros: 0 / 0 counts as 0; a nonzero golden against actual 0 is infinitely off.
        let c = compare(&[0.0, 1.0], &[0.0, 0.0], 1e-5, 1e-8);
        assert_eq!((c.max_abs_err, c.max_rel_err), (1.0, f64::INFINITY));
        assert_eq!(c.pcc, 0.0);
    }

    #[test]
    fn nan_and_infinity_in_errors() {
        // Matching NaN and matching infinities are no error; allclose rejects NaN even so.
        let c = compare(&[NAN, INF, 1.0], &[NAN, INF, 1.0], 1e-5, 1e-8);
        assert_eq!((c.max_abs_err, c.max_rel_err), (0.0, 0.0));
        assert!(!c.allclose);
        assert!(compare(&[INF, 1.0], &[INF, 1.0], 0.0, 0.0).allclose);
        // A NaN or infinity against a number is infinitely off.
        let c = compare(&[1.0, 2.0], &[NAN, 2.0], 1e-5, 1e-8);
        assert_eq!(c.max_abs_err, f64::INFINITY);
        let c = compare(&[INF, 2.0], &[-INF, 2.0], 1e-5, 1e-8);
        assert_eq!(c.max_abs_err, f64::INFINITY);
        assert!(!c.allclose);
        // Length mismatch.
        let c = compare(&[1.0], &[1.0, 2.0], 1e-5, 1e-8);
        assert_eq!((c.pcc, c.allclose), (0.0, false));
    }
}
