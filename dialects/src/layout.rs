//! Typed Rust views of the ttnn attributes: the `#ttnn.layout` tensor encoding and
//! `#ttnn.memory_config`.
//!
//! The attributes are defined in `td/TtnnBase.td`; the C API cannot see their parameters, so the
//! Rust side reads an attribute by parsing its printed form and builds one by printing and
//! parsing. Both forms are the attribute's own assembly syntax, so they cannot drift apart
//! silently: a test round-trips every combination through MLIR.

use std::fmt;

use melior::Context;
use melior::ir::{Attribute, AttributeLike};

use crate::registry::{BufferType, DataType, TensorLayout, TensorMemoryLayout};

/// The encoding of a ttnn tensor type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Layout {
    /// Row-major or tiled pages.
    pub layout: TensorLayout,
    /// Storage data type.
    pub dtype: DataType,
    /// Host, DRAM or L1.
    pub buffer: BufferType,
    /// How pages spread over banks or cores, and the core grid: `Some` exactly on the device.
    pub placement: Option<Placement>,
}

/// Memory layout and core grid of a device tensor.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Placement {
    /// Interleaved or sharded.
    pub memory_layout: TensorMemoryLayout,
    /// The core grid, `[rows, columns]`.
    pub grid: Vec<i64>,
}

/// Where a device tensor is placed (`#ttnn.memory_config`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MemoryConfig {
    /// DRAM or L1.
    pub buffer: BufferType,
    /// Interleaved or sharded.
    pub memory_layout: TensorMemoryLayout,
}

/// Why a printed attribute could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot read `{text}` as {what}: {reason}")]
pub struct AttrReadError {
    /// The printed attribute.
    pub text: String,
    /// What it was read as.
    pub what: &'static str,
    /// What went wrong.
    pub reason: String,
}

impl Layout {
    /// A tiled or row-major device tensor interleaved over DRAM.
    pub fn dram_interleaved(layout: TensorLayout, dtype: DataType, grid: [i64; 2]) -> Self {
        Layout {
            layout,
            dtype,
            buffer: BufferType::DRAM,
            placement: Some(Placement {
                memory_layout: TensorMemoryLayout::Interleaved,
                grid: grid.to_vec(),
            }),
        }
    }

    /// A host tensor.
    pub fn host(layout: TensorLayout, dtype: DataType) -> Self {
        Layout {
            layout,
            dtype,
            buffer: BufferType::SystemMemory,
            placement: None,
        }
    }

    /// Reads a `#ttnn.layout<...>` attribute.
    pub fn from_attribute(attribute: Attribute<'_>) -> Result<Self, AttrReadError> {
        Self::parse(&attribute.to_string())
    }

    /// Parses the printed form `#ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>`.
    pub fn parse(text: &str) -> Result<Self, AttrReadError> {
        let err = |reason: &str| AttrReadError {
            text: text.to_owned(),
            what: "#ttnn.layout",
            reason: reason.into(),
        };
        let body = strip_wrapper(text, "#ttnn.layout<")
            .ok_or_else(|| err("not a #ttnn.layout attribute"))?;
        let (head, grid) = match body.split_once("grid") {
            Some((head, grid)) => (head, Some(grid)),
            None => (body, None),
        };
        let fields: Vec<&str> = head
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect();
        let layout = fields
            .first()
            .and_then(|f| TensorLayout::parse(f))
            .ok_or_else(|| err("bad page layout"))?;
        let dtype = fields
            .get(1)
            .and_then(|f| DataType::parse(f))
            .ok_or_else(|| err("bad data type"))?;
        let buffer = fields
            .get(2)
            .and_then(|f| BufferType::parse(f))
            .ok_or_else(|| err("bad buffer type"))?;
        let placement = match (fields.get(3), grid) {
            (None, None) => None,
            (Some(ml), Some(grid)) => {
                let memory_layout =
                    TensorMemoryLayout::parse(ml).ok_or_else(|| err("bad memory layout"))?;
                let grid = grid
                    .trim()
                    .trim_start_matches('=')
                    .trim()
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .split(',')
                    .map(|v| v.trim().parse::<i64>())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|_| err("bad grid"))?;
                Some(Placement {
                    memory_layout,
                    grid,
                })
            }
            _ => return Err(err("memory layout and grid go together")),
        };
        if fields.len() > 4 {
            return Err(err("too many fields"));
        }
        Ok(Layout {
            layout,
            dtype,
            buffer,
            placement,
        })
    }

    /// Builds the attribute in `context`.
    pub fn to_attribute<'c>(&self, context: &'c Context) -> Attribute<'c> {
        Attribute::parse(context, &self.to_string()).expect("the printed layout is valid syntax")
    }

    /// Whether the tensor lives on the device.
    pub fn on_device(&self) -> bool {
        self.buffer != BufferType::SystemMemory
    }

    /// Whether pages are tiles.
    pub fn is_tile(&self) -> bool {
        self.layout == TensorLayout::Tile
    }

    /// Where a device tensor is placed (`None` on the host).
    pub fn memory_config(&self) -> Option<MemoryConfig> {
        self.placement.as_ref().map(|p| MemoryConfig {
            buffer: self.buffer,
            memory_layout: p.memory_layout,
        })
    }

    /// The shape the tensor occupies: a tiled tensor's last two dimensions rounded up to whole
    /// `tile` (rows, columns); rank-0 and rank-1 tensors count as one row.
    pub fn physical_shape(&self, shape: &[i64], tile: [i64; 2]) -> Vec<i64> {
        if !self.is_tile() {
            return shape.to_vec();
        }
        let mut s = shape.to_vec();
        while s.len() < 2 {
            s.insert(0, 1);
        }
        let n = s.len();
        s[n - 2] = (s[n - 2] + tile[0] - 1) / tile[0] * tile[0];
        s[n - 1] = (s[n - 1] + tile[1] - 1) / tile[1] * tile[1];
        s
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "#ttnn.layout<{}, {}, {}",
            self.layout, self.dtype, self.buffer
        )?;
        if let Some(p) = &self.placement {
            let grid: Vec<String> = p.grid.iter().map(i64::to_string).collect();
            write!(f, ", {}, grid = [{}]", p.memory_layout, grid.join(", "))?;
        }
        f.write_str(">")
    }
}

impl MemoryConfig {
    /// Reads a `#ttnn.memory_config<...>` attribute.
    pub fn from_attribute(attribute: Attribute<'_>) -> Result<Self, AttrReadError> {
        Self::parse(&attribute.to_string())
    }

    /// Parses the printed form `#ttnn.memory_config<dram, interleaved>`.
    pub fn parse(text: &str) -> Result<Self, AttrReadError> {
        let err = |reason: &str| AttrReadError {
            text: text.to_owned(),
            what: "#ttnn.memory_config",
            reason: reason.into(),
        };
        let body = strip_wrapper(text, "#ttnn.memory_config<")
            .ok_or_else(|| err("not a #ttnn.memory_config"))?;
        let fields: Vec<&str> = body.split(',').map(str::trim).collect();
        match fields.as_slice() {
            [b, m] => Ok(MemoryConfig {
                buffer: BufferType::parse(b).ok_or_else(|| err("bad buffer type"))?,
                memory_layout: TensorMemoryLayout::parse(m)
                    .ok_or_else(|| err("bad memory layout"))?,
            }),
            _ => Err(err("expected two fields")),
        }
    }

    /// Builds the attribute in `context`.
    pub fn to_attribute<'c>(&self, context: &'c Context) -> Attribute<'c> {
        Attribute::parse(context, &self.to_string())
            .expect("the printed memory config is valid syntax")
    }
}

impl fmt::Display for MemoryConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "#ttnn.memory_config<{}, {}>",
            self.buffer, self.memory_layout
        )
    }
}

/// Reads a `#ttnn.<mnemonic><value>` enum attribute's value (`#ttnn.data_type<bf16>` -> `bf16`).
pub fn enum_attr_value<'a>(text: &'a str, mnemonic: &str) -> Option<&'a str> {
    let prefix = format!("#ttnn.{mnemonic}<");
    strip_wrapper(text, &prefix).map(str::trim)
}

fn strip_wrapper<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.trim().strip_prefix(prefix)?.strip_suffix('>')
}

/// Whether a printed attribute is a ttnn layout encoding (cheap check before parsing).
pub fn is_layout_text(text: &str) -> bool {
    text.trim_start().starts_with("#ttnn.layout<")
}

/// Reads the ttnn layout encoding of a tensor type's encoding attribute.
pub fn layout_of_encoding(encoding: Attribute<'_>) -> Result<Layout, AttrReadError> {
    let text = encoding.to_string();
    Layout::parse(&text)
}

/// Builds a ranked tensor type with a new encoding (or none), keeping shape and element type.
pub fn with_encoding<'c>(
    ty: melior::ir::r#type::RankedTensorType<'c>,
    encoding: Option<Attribute<'c>>,
) -> melior::ir::Type<'c> {
    use melior::ir::TypeLike;
    use melior::ir::r#type::ShapedTypeLike;
    let rank = ty.rank();
    let shape: Vec<i64> = (0..rank)
        .map(|i| unsafe { mlir_sys::mlirShapedTypeGetDimSize(ty.to_raw(), i as isize) })
        .collect();
    let enc = encoding
        .map(|a| a.to_raw())
        .unwrap_or(unsafe { mlir_sys::mlirAttributeGetNull() });
    unsafe {
        melior::ir::Type::from_raw(mlir_sys::mlirRankedTensorTypeGet(
            rank as isize,
            shape.as_ptr(),
            ty.element().to_raw(),
            enc,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::create_context;

    #[test]
    fn every_layout_round_trips_through_mlir() {
        let context = create_context();
        for &layout in TensorLayout::ALL {
            for &dtype in DataType::ALL {
                for &buffer in BufferType::ALL {
                    let placement = (buffer != BufferType::SystemMemory).then(|| Placement {
                        memory_layout: TensorMemoryLayout::BlockSharded,
                        grid: vec![8, 8],
                    });
                    let l = Layout {
                        layout,
                        dtype,
                        buffer,
                        placement,
                    };
                    let attr = l.to_attribute(&context);
                    assert_eq!(Layout::from_attribute(attr).unwrap(), l);
                    assert_eq!(attr.to_string(), l.to_string());
                }
            }
        }
    }

    #[test]
    fn tiles_pad_the_last_two_dimensions() {
        let tile = Layout::dram_interleaved(TensorLayout::Tile, DataType::BFloat16, [8, 8]);
        assert_eq!(tile.physical_shape(&[2, 3, 33], [32, 32]), vec![2, 32, 64]);
        assert_eq!(tile.physical_shape(&[5], [32, 32]), vec![32, 32]);
        assert_eq!(tile.physical_shape(&[], [32, 32]), vec![32, 32]);
        let rm = Layout::host(TensorLayout::RowMajor, DataType::Float32);
        assert_eq!(rm.physical_shape(&[2, 3], [32, 32]), vec![2, 3]);
    }

    #[test]
    fn memory_config_round_trips() {
        let context = create_context();
        let mc = MemoryConfig {
            buffer: BufferType::L1,
            memory_layout: TensorMemoryLayout::HeightSharded,
        };
        let attr = mc.to_attribute(&context);
        assert_eq!(MemoryConfig::from_attribute(attr).unwrap(), mc);
    }

    #[test]
    fn bad_text_is_an_error_not_a_panic() {
        assert!(Layout::parse("#ttnn.layout<tile>").is_err());
        assert!(Layout::parse("#ttnn.layout<tile, bf16, dram, interleaved>").is_err());
        assert!(Layout::parse("#foo<1>").is_err());
        assert!(MemoryConfig::parse("#ttnn.memory_config<dram>").is_err());
    }
}
