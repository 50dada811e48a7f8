//! Tensors as the device (or the host runtime) holds them: logical shape, page layout, storage
//! data type, where they live, and the values as stored.
//!
//! A tiled tensor's values are kept in tile order over the padded shape (32x32 tiles of four
//! 16x16 faces, see `numerics::tiles`), a row-major one in row-major order. Values are always
//! what the storage type can hold: bf16 values are rounded to nearest even, block-float values
//! share an exponent per 16 values of a face row, integers are whole numbers in their range.
//! Floats are kept as f32, integers as i64.

use crate::numerics::{bf16, bfp, tiles};
use crate::program::LayoutSpec;

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
    pub store: Store,
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
        let values = if tile {
            tiles::tilize(&values, &shape)
        } else {
            values
        };
        DevTensor {
            shape,
            tile,
            dtype,
            on_device,
            store: Store::F32(values),
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
        let values = if tile {
            tiles::tilize(&values, &shape)
        } else {
            values
        };
        DevTensor {
            shape,
            tile,
            dtype,
            on_device,
            store: Store::I64(values),
        }
    }

    /// Number of logical elements.
    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }

    /// The logical values as f32, row-major.
    pub fn logical_f32(&self) -> Vec<f32> {
        match &self.store {
            Store::F32(v) => {
                if self.tile {
                    tiles::untilize(v, &self.shape)
                } else {
                    v.clone()
                }
            }
            Store::I64(_) => self.logical_i64().iter().map(|&v| v as f32).collect(),
        }
    }

    /// The logical values as f64, row-major (exact for integers).
    pub fn logical_f64(&self) -> Vec<f64> {
        match &self.store {
            Store::F32(_) => self.logical_f32().iter().map(|&v| v as f64).collect(),
            Store::I64(_) => self.logical_i64().iter().map(|&v| v as f64).collect(),
        }
    }

    /// The logical values as i64 (floats truncated toward zero), row-major.
    pub fn logical_i64(&self) -> Vec<i64> {
        match &self.store {
            Store::I64(v) => {
                if self.tile {
                    tiles::untilize(v, &self.shape)
                } else {
                    v.clone()
                }
            }
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
        match (&self.store, dtype.is_float()) {
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

    /// Whether this tensor's layout matches a declared one.
    pub fn matches(&self, layout: &LayoutSpec) -> bool {
        (layout.page == "tile") == self.tile
            && DType::parse(&layout.dtype) == Some(self.dtype)
            && (layout.buffer != "system_memory") == self.on_device
    }
}
