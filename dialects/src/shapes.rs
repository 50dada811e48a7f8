//! Shape rules shared by the semantic verifier, the passes and the runtime: NumPy
//! broadcasting, matrix-product shapes, dimension normalisation.
//!
//! Plain functions over `&[i64]`, so they are tested without MLIR.

/// The NumPy broadcast of two shapes, or `None` when they are incompatible.
pub fn broadcast(a: &[i64], b: &[i64]) -> Option<Vec<i64>> {
    let rank = a.len().max(b.len());
    let mut out = vec![0; rank];
    for i in 0..rank {
        let da = if i + a.len() >= rank {
            a[i + a.len() - rank]
        } else {
            1
        };
        let db = if i + b.len() >= rank {
            b[i + b.len() - rank]
        } else {
            1
        };
        out[i] = match (da, db) {
            (x, y) if x == y => x,
            (1, y) => y,
            (x, 1) => x,
            _ => return None,
        };
    }
    Some(out)
}

/// Whether `from` broadcasts to exactly `to`.
pub fn broadcasts_to(from: &[i64], to: &[i64]) -> bool {
    from.len() <= to.len() && broadcast(from, to).as_deref() == Some(to)
}

/// Normalises a possibly negative dimension index against `rank`.
pub fn normalize_dim(dim: i64, rank: usize) -> Option<usize> {
    let rank = rank as i64;
    let d = if dim < 0 { dim + rank } else { dim };
    (0..rank).contains(&d).then_some(d as usize)
}

/// The shape of `torch.matmul(op(a), op(b))`, where `op` swaps the last two dimensions when the
/// flag is set; an error message when the operands do not fit.
pub fn matmul(
    a: &[i64],
    b: &[i64],
    transpose_a: bool,
    transpose_b: bool,
) -> Result<Vec<i64>, String> {
    if a.is_empty() || b.is_empty() {
        return Err("matmul operands must have rank at least 1".into());
    }
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    if transpose_a && a.len() >= 2 {
        let n = a.len();
        a.swap(n - 1, n - 2);
    }
    if transpose_b && b.len() >= 2 {
        let n = b.len();
        b.swap(n - 1, n - 2);
    }
    let a_vec = a.len() == 1;
    let b_vec = b.len() == 1;
    if a_vec {
        a.insert(0, 1);
    }
    if b_vec {
        b.push(1);
    }
    let (m, k) = (a[a.len() - 2], a[a.len() - 1]);
    let (k2, n) = (b[b.len() - 2], b[b.len() - 1]);
    if k != k2 {
        return Err(format!("inner dimensions differ: {k} (lhs) vs {k2} (rhs)"));
    }
    let batch = broadcast(&a[..a.len() - 2], &b[..b.len() - 2]).ok_or_else(|| {
        format!(
            "batch dimensions {:?} and {:?} do not broadcast",
            &a[..a.len() - 2],
            &b[..b.len() - 2]
        )
    })?;
    let mut out = batch;
    if !a_vec {
        out.push(m);
    }
    if !b_vec {
        out.push(n);
    }
    Ok(out)
}

/// Number of elements of a shape.
pub fn num_elements(shape: &[i64]) -> i64 {
    shape.iter().product()
}

/// Formats a shape as `[2, 3]` for messages.
pub fn fmt_shape(shape: &[i64]) -> String {
    format!("{shape:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcasting_follows_numpy() {
        assert_eq!(broadcast(&[2, 3], &[3]), Some(vec![2, 3]));
        assert_eq!(broadcast(&[2, 1, 4], &[3, 1]), Some(vec![2, 3, 4]));
        assert_eq!(broadcast(&[], &[5]), Some(vec![5]));
        assert_eq!(broadcast(&[2, 3], &[2]), None);
        assert!(broadcasts_to(&[1, 4], &[3, 4]));
        assert!(!broadcasts_to(&[3, 4], &[4]));
    }

    #[test]
    fn matmul_shapes() {
        assert_eq!(matmul(&[2, 3], &[3, 4], false, false), Ok(vec![2, 4]));
        assert_eq!(matmul(&[8, 2, 3], &[3, 4], false, false), Ok(vec![8, 2, 4]));
        assert_eq!(matmul(&[2, 3], &[4, 3], false, true), Ok(vec![2, 4]));
        assert_eq!(matmul(&[3], &[3, 4], false, false), Ok(vec![4]));
        assert_eq!(matmul(&[2, 3], &[3], false, false), Ok(vec![2]));
        assert_eq!(matmul(&[3], &[3], false, false), Ok(vec![]));
        assert!(
            matmul(&[2, 3], &[4, 5], false, false)
                .unwrap_err()
                .contains("inner dimensions")
        );
        assert!(matmul(&[2, 2, 3], &[5, 3, 4], false, false).is_err());
    }

    #[test]
    fn negative_dims() {
        assert_eq!(normalize_dim(-1, 3), Some(2));
        assert_eq!(normalize_dim(3, 3), None);
        assert_eq!(normalize_dim(-4, 3), None);
    }
}
