//! Tensors as the device (or the host runtime) holds them: logical shape, page layout, storage
//! data type, where they live, and the values as stored.
//!
//! A tiled tensor's values are kept in tile order over the padded shape (32x32 tiles of four
//! 16x16 faces, see `numerics::tiles`), a row-major one in row-major order. Values are always
//! what the storage type can hold: bf16 values are rounded to nearest even, block-float values
//! share an exponent per 16 values of a face row, integers are whole numbers in their range.
//! Floats are kept as f32, integers as i64.

use std::sync::Arc;

use crate::numerics::{bf16, bfp, tiles};

/// Storage data type (`#ttnn.layout`'s data type).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DType {
    F32,
    BF16,
    BFP8,
    BFP4,
    U32,
    U16,
    U8,
    SI32,
}

impl DType {
    /// Parses the IR spelling.
    pub fn parse(s: &str) -> Option<DType> {
        Some(match s {
            "f32" => DType::F32,
            "bf16" => DType::BF16,
            "bfp8_b" => DType::BFP8,
            "bfp4_b" => DType::BFP4,
            "u32" => DType::U32,
            "u16" => DType::U16,
            "u8" => DType::U8,
            "si32" => DType::SI32,
            _ => return None,
        })
    }

    /// The IR spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DType::F32 => "f32",
            DType::BF16 => "bf16",
            DType::BFP8 => "bfp8_b",
            DType::BFP4 => "bfp4_b",
            DType::U32 => "u32",
            DType::U16 => "u16",
            DType::U8 => "u8",
            DType::SI32 => "si32",
        }
    }

    /// Whether values are floats.
    pub fn is_float(self) -> bool {
        matches!(self, DType::F32 | DType::BF16 | DType::BFP8 | DType::BFP4)
    }

    /// The range of an integer type.
    fn int_range(self) -> (i64, i64) {
        match self {
            DType::U32 => (0, u32::MAX as i64),
            DType::U16 => (0, u16::MAX as i64),
            DType::U8 => (0, u8::MAX as i64),
            _ => (i32::MIN as i64, i32::MAX as i64),
        }
    }
}

/// Row-major `values` in the page layout: tile order (padded) or as they are.
fn paged<T: Copy + Default + Send + Sync>(values: Vec<T>, shape: &[usize], tile: bool) -> Vec<T> {
    if tile {
        tiles::tilize(&values, shape)
    } else {
        values
    }
}

/// The values as stored.
#[derive(Clone, Debug, PartialEq)]
pub enum Store {
    F32(Vec<f32>),
    I64(Vec<i64>),
}

/// A tensor held by the runtime.
#[derive(Clone, Debug, PartialEq)]
pub struct DevTensor {
    /// Logical shape.
    pub shape: Vec<usize>,
    /// Tile (true) or row-major pages.
    pub tile: bool,
    pub dtype: DType,
    /// On the device (DRAM or L1) rather than in host memory.
    pub on_device: bool,
    /// The values, shared by tensors that differ only in where they live (a transfer that
    /// changes neither layout nor data type copies nothing).
    pub store: Arc<Store>,
}

impl DevTensor {
    /// A tensor with `logical` row-major float values, stored as `dtype` in the given layout.
    pub fn from_f32(
        shape: Vec<usize>,
        logical: Vec<f32>,
        tile: bool,
        dtype: DType,
        on_device: bool,
    ) -> DevTensor {
        if !dtype.is_float() {
            let ints = logical.iter().map(|&v| v as f64).collect();
            return Self::from_f64_ints(shape, ints, tile, dtype, on_device);
        }
        let mut values = logical;
        match dtype {
            DType::F32 => {}
            DType::BF16 => bf16::round_to_bf16(&mut values),
            DType::BFP8 | DType::BFP4 => {
                let bits = if dtype == DType::BFP8 { 7 } else { 3 };
                bfp::quantize_bfp_tensor(&mut values, &shape, bits);
            }
            _ => unreachable!("float data types only"),
        }
        let values = paged(values, &shape, tile);
        DevTensor {
            shape,
            tile,
            dtype,
            on_device,
            store: Arc::new(Store::F32(values)),
        }
    }

    /// A tensor with logical integer values (given as f64, truncated toward zero and clamped
    /// to the type's range), or floats for a float type.
    pub fn from_f64_ints(
        shape: Vec<usize>,
        logical: Vec<f64>,
        tile: bool,
        dtype: DType,
        on_device: bool,
    ) -> DevTensor {
        if dtype.is_float() {
            let f = logical.iter().map(|&v| v as f32).collect();
            return Self::from_f32(shape, f, tile, dtype, on_device);
        }
        let (lo, hi) = dtype.int_range();
        let ints: Vec<i64> = logical
            .iter()
            .map(|&v| {
                if v.is_nan() {
                    0
                } else {
                    (v.trunc() as i64).clamp(lo, hi)
                }
            })
            .collect();
        Self::from_i64(shape, ints, tile, dtype, on_device)
    }

    /// A tensor with logical integer values (wrapped into the type's range as the hardware's
    /// integer formats do).
    pub fn from_i64(
        shape: Vec<usize>,
        logical: Vec<i64>,
        tile: bool,
        dtype: DType,
        on_device: bool,
    ) -> DevTensor {
        if dtype.is_float() {
            let f = logical.iter().map(|&v| v as f32).collect();
            return Self::from_f32(shape, f, tile, dtype, on_device);
        }
        let values: Vec<i64> = logical
            .into_iter()
            .map(|v| match dtype {
                DType::U32 => v as u32 as i64,
                DType::U16 => v as u16 as i64,
                DType::U8 => v as u8 as i64,
                _ => v as i32 as i64,
            })
            .collect();
        let values = paged(values, &shape, tile);
        DevTensor {
            shape,
            tile,
            dtype,
            on_device,
            store: Arc::new(Store::I64(values)),
        }
    }

    /// Number of logical elements.
    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }

    /// Stored values in row-major order (untilized when tiled).
    fn row_major<T: Copy + Default + Send + Sync>(&self, stored: &[T]) -> Vec<T> {
        if self.tile {
            tiles::untilize(stored, &self.shape)
        } else {
            stored.to_vec()
        }
    }

    /// The logical values as f32, row-major.
    pub fn logical_f32(&self) -> Vec<f32> {
        match self.store.as_ref() {
            Store::F32(v) => self.row_major(v),
            Store::I64(_) => self.logical_i64().iter().map(|&v| v as f32).collect(),
        }
    }

    /// Row `row` of a 2-D tensor as f64, read in place (an embedding lookup must not untilize
    /// the whole table).
    pub fn row_f64(&self, row: usize) -> Vec<f64> {
        let w = self.shape[1];
        let padded = tiles::padded_shape(&self.shape);
        let at = |col: usize| {
            if self.tile {
                tiles::tiled_index(padded[0], padded[1], 0, row, col)
            } else {
                row * w + col
            }
        };
        match self.store.as_ref() {
            Store::F32(v) => (0..w).map(|c| v[at(c)] as f64).collect(),
            Store::I64(v) => (0..w).map(|c| v[at(c)] as f64).collect(),
        }
    }

    /// The logical values as f64, row-major (exact for integers).
    pub fn logical_f64(&self) -> Vec<f64> {
        match self.store.as_ref() {
            Store::F32(_) => self.logical_f32().iter().map(|&v| v as f64).collect(),
            Store::I64(_) => self.logical_i64().iter().map(|&v| v as f64).collect(),
        }
    }

    /// The logical values as i64 (floats truncated toward zero), row-major.
    pub fn logical_i64(&self) -> Vec<i64> {
        match self.store.as_ref() {
            Store::I64(v) => self.row_major(v),
            Store::F32(_) => self.logical_f32().iter().map(|&v| v as i64).collect(),
        }
    }

    /// The same values in another layout, data type or place (a conversion that goes through
    /// the logical values).
    pub fn converted(&self, tile: bool, dtype: DType, on_device: bool) -> DevTensor {
        if tile == self.tile && dtype == self.dtype {
            let mut t = self.clone();
            t.on_device = on_device;
            return t;
        }
        match (self.store.as_ref(), dtype.is_float()) {
            (Store::I64(_), false) => DevTensor::from_i64(
                self.shape.clone(),
                self.logical_i64(),
                tile,
                dtype,
                on_device,
            ),
            (Store::F32(_), false) => DevTensor::from_f64_ints(
                self.shape.clone(),
                self.logical_f64(),
                tile,
                dtype,
                on_device,
            ),
            _ => DevTensor::from_f32(
                self.shape.clone(),
                self.logical_f32(),
                tile,
                dtype,
                on_device,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_are_what_the_data_type_holds() {
        // 1 + 2^-8 is halfway between two bf16 values and rounds to even (1.0); 1 + 3·2^-8
        // rounds up to 1 + 2^-6.
        let t = DevTensor::from_f32(
            vec![2],
            vec![1.0 + 2f32.powi(-8), 1.0 + 3.0 * 2f32.powi(-8)],
            false,
            DType::BF16,
            true,
        );
        assert_eq!(t.logical_f32(), [1.0, 1.0 + 2f32.powi(-6)]);
        // Integers wrap into their type; floats converted to integers truncate and saturate.
        let u = DevTensor::from_i64(vec![3], vec![-5, 7, 70_000], false, DType::U16, true);
        assert_eq!(u.logical_i64(), [65_531, 7, 4_464]);
        let f = DevTensor::from_f64_ints(vec![3], vec![-5.5, 7.9, 7e4], false, DType::U16, true);
        assert_eq!(f.logical_i64(), [0, 7, 65_535]);
    }

    #[test]
    fn tiles_are_padded_and_rows_read_in_place() {
        let (h, w) = (33, 40);
        let values: Vec<f32> = (0..h * w).map(|i| i as f32).collect();
        let tiled = DevTensor::from_f32(vec![h, w], values.clone(), true, DType::F32, true);
        let Store::F32(stored) = tiled.store.as_ref() else {
            panic!("float store")
        };
        // Two tile rows of two tiles.
        assert_eq!(stored.len(), 4 * 1024);
        // Element (0, 16) opens the top-right face of the first tile.
        assert_eq!(stored[256], 16.0);
        // Element (32, 0) opens the third tile.
        assert_eq!(stored[2 * 1024], (32 * w) as f32);
        assert_eq!(tiled.logical_f32(), values);
        for row in [0, 17, 32] {
            let expected: Vec<f64> = values[row * w..(row + 1) * w]
                .iter()
                .map(|&v| v as f64)
                .collect();
            assert_eq!(tiled.row_f64(row), expected);
        }
        // A transfer that keeps layout and data type shares the values.
        let host = tiled.converted(true, DType::F32, false);
        assert!(Arc::ptr_eq(&host.store, &tiled.store));
        assert!(!host.on_device);
        let row_major = tiled.converted(false, DType::F32, true);
        assert_eq!(row_major.logical_f32(), values);
        // To bf16: 257 is halfway between 256 and 258 and rounds to even.
        let bf16 = tiled.converted(false, DType::BF16, true).logical_f32();
        assert_eq!(bf16[257], 256.0);
        assert_eq!(bf16[259], 260.0);
    }
}
