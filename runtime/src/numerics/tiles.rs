//! Tilize and untilize: between a row-major logical tensor and Wormhole's tile order.
//!
//! A tiled tensor of shape `[..., H, W]` is stored as 32x32 tiles. The matrix dimensions are
//! padded up to multiples of 32 (`Hp`, `Wp`); tiles follow each other row-major over the
//! `Hp/32 x Wp/32` grid, one matrix after another (batch dimensions outermost). Inside a tile
//! the four 16x16 faces come in row-major order (top-left, top-right, bottom-left,
//! bottom-right), and each face is row-major. So element `(r, c)` of a tile sits at
//! `face * 256 + (r % 16) * 16 + (c % 16)` with `face = (r / 16) * 2 + c / 16`.
//! Sources: tt-metal `tt_metal/api/tt-metalium/tilize_utils.hpp` (`convert_layout`,
//! `TensorLayoutType::TILED_NFACES`) and tt-isa-documentation
//! `WormholeB0/TensixTile/TensixCoprocessor/UNPACR_Regular.md` (faces of 16 rows of 16 datums).
//!
//! Rank-0 and rank-1 tensors count as one row (`[W]` is `[1, W]`), the rule of
//! `Layout::physical_shape` in `ttc-dialects`. Padding takes a caller's value (zeros by
//! default); [`untilize`] drops it.

use rayon::prelude::*;

/// Tile height and width.
pub const TILE: usize = 32;
/// Face height and width.
pub const FACE: usize = 16;
/// Elements per tile.
pub const TILE_ELEMENTS: usize = TILE * TILE;

/// The shape a tiled tensor occupies: at least rank 2, last two dimensions rounded up to
/// multiples of 32 (a dimension of 0 stays 0).
pub fn padded_shape(shape: &[usize]) -> Vec<usize> {
    let mut s = matrix_shape(shape);
    let n = s.len();
    s[n - 2] = s[n - 2].div_ceil(TILE) * TILE;
    s[n - 1] = s[n - 1].div_ceil(TILE) * TILE;
    s
}

/// Elements in the tiled storage of `shape` (the product of [`padded_shape`]).
pub fn padded_len(shape: &[usize]) -> usize {
    padded_shape(shape).iter().product()
}

/// Offset in tile order of element `(row, col)` of matrix `batch`, for a tensor whose padded
/// matrix is `padded_h x padded_w`.
pub fn tiled_index(
    padded_h: usize,
    padded_w: usize,
    batch: usize,
    row: usize,
    col: usize,
) -> usize {
    let tiles_per_row = padded_w / TILE;
    let tiles_per_matrix = (padded_h / TILE) * tiles_per_row;
    let tile = batch * tiles_per_matrix + (row / TILE) * tiles_per_row + col / TILE;
    let (r, c) = (row % TILE, col % TILE);
    let face = (r / FACE) * 2 + c / FACE;
    tile * TILE_ELEMENTS + face * FACE * FACE + (r % FACE) * FACE + c % FACE
}

/// Row-major `values` of `shape` in tile order, padded with zeros (`T::default()`).
pub fn tilize<T: Copy + Default + Send + Sync>(values: &[T], shape: &[usize]) -> Vec<T> {
    tilize_with_pad(values, shape, T::default())
}

/// Row-major `values` of `shape` in tile order, padded with `pad`.
///
/// # Panics
/// If `values.len()` is not the product of `shape`.
pub fn tilize_with_pad<T: Copy + Send + Sync>(values: &[T], shape: &[usize], pad: T) -> Vec<T> {
    assert_eq!(
        values.len(),
        shape.iter().product::<usize>(),
        "shape mismatch"
    );
    let g = Geometry::of(shape);
    let mut out = vec![pad; g.padded_len()];
    if g.w == 0 || g.h == 0 {
        return out;
    }
    out.par_chunks_mut(TILE_ELEMENTS)
        .enumerate()
        .for_each(|(t, tile)| {
            let (batch, row0, col0) = g.tile_origin(t);
            let matrix = &values[batch * g.h * g.w..(batch + 1) * g.h * g.w];
            for r in 0..TILE.min(g.h.saturating_sub(row0)) {
                let src_row = &matrix[(row0 + r) * g.w..(row0 + r + 1) * g.w];
                for half in 0..2 {
                    let c0 = col0 + half * FACE;
                    if c0 >= g.w {
                        break;
                    }
                    let len = FACE.min(g.w - c0);
                    let dst = ((r / FACE) * 2 + half) * FACE * FACE + (r % FACE) * FACE;
                    tile[dst..dst + len].copy_from_slice(&src_row[c0..c0 + len]);
                }
            }
        });
    out
}

/// Tile-ordered `tiled` (as [`tilize`] lays out `shape`) back to row-major `shape`, dropping
/// the padding.
///
/// # Panics
/// If `tiled.len()` is not [`padded_len`]`(shape)`.
pub fn untilize<T: Copy + Default + Send + Sync>(tiled: &[T], shape: &[usize]) -> Vec<T> {
    let g = Geometry::of(shape);
    assert_eq!(tiled.len(), g.padded_len(), "tiled length mismatch");
    let mut out = vec![T::default(); g.batch * g.h * g.w];
    if g.w == 0 || g.h == 0 {
        return out;
    }
    // One task per matrix row: each gathers its 16-element face-row runs.
    out.par_chunks_mut(g.w).enumerate().for_each(|(i, dst)| {
        let (batch, row) = (i / g.h, i % g.h);
        for c0 in (0..g.w).step_by(FACE) {
            let len = FACE.min(g.w - c0);
            let src = tiled_index(g.hp, g.wp, batch, row, c0);
            dst[c0..c0 + len].copy_from_slice(&tiled[src..src + len]);
        }
    });
    out
}

/// `shape` as at least rank 2 (leading ones for rank 0 and 1).
fn matrix_shape(shape: &[usize]) -> Vec<usize> {
    let mut s = shape.to_vec();
    while s.len() < 2 {
        s.insert(0, 1);
    }
    s
}

/// The batch count and the logical and padded matrix sizes of a shape.
struct Geometry {
    batch: usize,
    h: usize,
    w: usize,
    hp: usize,
    wp: usize,
}

impl Geometry {
    fn of(shape: &[usize]) -> Geometry {
        let s = matrix_shape(shape);
        let n = s.len();
        let (h, w) = (s[n - 2], s[n - 1]);
        Geometry {
            batch: s[..n - 2].iter().product(),
            h,
            w,
            hp: h.div_ceil(TILE) * TILE,
            wp: w.div_ceil(TILE) * TILE,
        }
    }

    fn padded_len(&self) -> usize {
        self.batch * self.hp * self.wp
    }

    /// Matrix index and the logical row and column of tile `t`'s top-left element.
    fn tile_origin(&self, t: usize) -> (usize, usize, usize) {
        let tiles_per_row = self.wp / TILE;
        let tiles_per_matrix = (self.hp / TILE) * tiles_per_row;
        let (batch, i) = (t / tiles_per_matrix, t % tiles_per_matrix);
        (
            batch,
            (i / tiles_per_row) * TILE,
            (i % tiles_per_row) * TILE,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_shapes() {
        assert_eq!(padded_shape(&[]), [32, 32]);
        assert_eq!(padded_shape(&[5]), [32, 32]);
        assert_eq!(padded_shape(&[2, 3]), [32, 32]);
        assert_eq!(padded_shape(&[33, 34]), [64, 64]);
        assert_eq!(padded_shape(&[4, 1, 64, 65]), [4, 1, 64, 96]);
        assert_eq!(padded_shape(&[3, 0, 7]), [3, 0, 32]);
        assert_eq!(padded_len(&[33, 34]), 4096);
    }

    #[test]
    fn two_by_three() {
        // [[1, 2, 3], [4, 5, 6]] fits in the top-left face of one tile: row r, column c sits at
        // r * 16 + c. Everything else is padding.
        let t = tilize(&[1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]);
        assert_eq!(t.len(), 1024);
        assert_eq!(&t[0..4], [1.0, 2.0, 3.0, 0.0]);
        assert_eq!(&t[16..20], [4.0, 5.0, 6.0, 0.0]);
        let nonzero: Vec<usize> = (0..1024).filter(|&i| t[i] != 0.0).collect();
        assert_eq!(nonzero, [0, 1, 2, 16, 17, 18]);
        assert_eq!(untilize(&t, &[2, 3]), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        // A pad value other than zero fills every other position.
        let p = tilize_with_pad(&[1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3], -1.0);
        assert_eq!(p[3], -1.0);
        assert_eq!(p.iter().filter(|&&v| v == -1.0).count(), 1024 - 6);
    }

    #[test]
    fn thirty_three_by_thirty_four() {
        // Value = 1000 * row + col + 1 (so no element is 0). Padded to 64x64 = 2x2 tiles.
        let (h, w) = (33, 34);
        let v: Vec<f32> = (0..h * w)
            .map(|i| (1000 * (i / w) + i % w + 1) as f32)
            .collect();
        let t = tilize(&v, &[h, w]);
        assert_eq!(t.len(), 4 * 1024);
        let at = |r: usize, c: usize| (1000 * r + c + 1) as f32;
        // (0, 0): tile 0, face 0, offset 0.
        assert_eq!(t[0], at(0, 0));
        // (0, 16): tile 0, face 1 (top-right) -> 256.
        assert_eq!(t[256], at(0, 16));
        // (15, 15): tile 0, face 0, 15 * 16 + 15 = 255.
        assert_eq!(t[255], at(15, 15));
        // (16, 0): tile 0, face 2 (bottom-left) -> 512.
        assert_eq!(t[512], at(16, 0));
        // (31, 31): tile 0, face 3, 768 + 15 * 16 + 15 = 1023.
        assert_eq!(t[1023], at(31, 31));
        // (0, 32): tile 1 (top-right tile), face 0 -> 1024; (0, 33) -> 1025; (0, 34) is padding.
        assert_eq!(t[1024], at(0, 32));
        assert_eq!(t[1025], at(0, 33));
        assert_eq!(t[1026], 0.0);
        // (32, 0): tile 2 (bottom-left), face 0 -> 2048; (33, 0) is padding (2048 + 16).
        assert_eq!(t[2048], at(32, 0));
        assert_eq!(t[2048 + 16], 0.0);
        // (32, 33): tile 3, face 0, column 1 -> 3072 + 1.
        assert_eq!(t[3073], at(32, 33));
        // Exactly the 33 * 34 logical values are nonzero.
        assert_eq!(t.iter().filter(|&&x| x != 0.0).count(), h * w);
        // tiled_index agrees with every position, and untilize inverts tilize.
        for r in 0..h {
            for c in 0..w {
                assert_eq!(t[tiled_index(64, 64, 0, r, c)], at(r, c));
            }
        }
        assert_eq!(untilize(&t, &[h, w]), v);
    }

    #[test]
    fn batches_are_outermost_and_rank_one_is_a_row() {
        // [2, 1, 2]: two matrices of one row each, one tile per matrix.
        let t = tilize(&[1i64, 2, 3, 4], &[2, 1, 2]);
        assert_eq!(t.len(), 2048);
        assert_eq!((t[0], t[1], t[1024], t[1025]), (1, 2, 3, 4));
        assert_eq!(untilize(&t, &[2, 1, 2]), [1, 2, 3, 4]);
        // Rank 1 [40]: one row across two tiles; element 35 sits in tile 1 at column 3.
        let v: Vec<f32> = (1..=40).map(|i| i as f32).collect();
        let t = tilize(&v, &[40]);
        assert_eq!(t.len(), 2048);
        assert_eq!(t[1024 + 3], 36.0);
        assert_eq!(untilize(&t, &[40]), v);
        // Rank 0: one value at offset 0.
        let t = tilize(&[7.0f32], &[]);
        assert_eq!((t.len(), t[0]), (1024, 7.0));
        assert_eq!(untilize(&t, &[]), [7.0]);
        // Empty tensors.
        assert!(tilize::<f32>(&[], &[0, 5]).is_empty());
        assert!(untilize::<f32>(&[], &[0, 5]).is_empty());
    }

    #[test]
    fn round_trip_large() {
        let shape = [3, 70, 100];
        let v: Vec<f32> = (0..3 * 70 * 100).map(|i| i as f32).collect();
        assert_eq!(untilize(&tilize(&v, &shape), &shape), v);
    }
}
