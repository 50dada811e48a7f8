//! Layout policy shared by the ttnn passes: which data type holds which element type on the
//! host and on the device, the element type a data type is seen as, and building tensor
//! types with a `#ttnn.layout` encoding (cached: types and attributes are uniqued, and each
//! distinct one is parsed or printed once per pass run).
//!
//! The element type of a ttnn tensor follows its storage: a tensor stored as `bf16` (or
//! `bfp8_b`, `bfp4_b`) has element type `bf16`, one stored as `f32` has `f32`. Booleans are
//! 0 / 1 in `bf16` on the device (the library has no boolean type) and `u8` on the host, where
//! they keep the element type `i1`.

use std::cell::RefCell;
use std::collections::HashMap;

use melior::Context;
use melior::ir::attribute::AttributeLike;
use melior::ir::{Attribute, Type, Value, ValueLike};
use ttc_dialects::layout::{Layout, MemoryConfig, Placement};
use ttc_dialects::{BufferType, DataType, TensorLayout, TensorMemoryLayout};

use crate::ir::{element_of, encoding_of, shape_of, tensor_type};

/// The data type holding `element` in host memory.
pub(crate) fn host_dtype(element: &str) -> Option<DataType> {
    Some(match element {
        "f32" => DataType::Float32,
        "bf16" => DataType::BFloat16,
        "i1" | "ui8" | "i8" => DataType::UInt8,
        "si32" | "i32" => DataType::Int32,
        "ui32" => DataType::UInt32,
        "ui16" | "i16" => DataType::UInt16,
        _ => return None,
    })
}

/// The data type holding `element` on the device by default.
pub(crate) fn device_dtype(element: &str, keep_f32: bool) -> Option<DataType> {
    Some(match element {
        "f32" if keep_f32 => DataType::Float32,
        "f32" | "bf16" | "i1" => DataType::BFloat16,
        "si32" | "i32" => DataType::Int32,
        "ui32" => DataType::UInt32,
        "ui16" | "i16" => DataType::UInt16,
        "ui8" | "i8" => DataType::UInt8,
        _ => return None,
    })
}

/// The element type a tensor stored as `dtype` has: `logical` when the data type holds it,
/// else the data type's own element type.
pub(crate) fn element_for(dtype: DataType, logical: &str) -> &str {
    let allowed: &[&str] = match dtype {
        DataType::Float32 => &["f32"],
        DataType::BFloat16 | DataType::BFP8B | DataType::BFP4B => &["bf16"],
        DataType::UInt32 => &["ui32"],
        DataType::UInt16 => &["ui16"],
        DataType::UInt8 => &["ui8", "i1"],
        DataType::Int32 => &["si32", "i32"],
    };
    if allowed.contains(&logical) {
        logical
    } else {
        allowed[0]
    }
}

/// Whether a data type is a float format (IEEE or block float).
pub(crate) fn is_float(dtype: DataType) -> bool {
    matches!(
        dtype,
        DataType::Float32 | DataType::BFloat16 | DataType::BFP8B | DataType::BFP4B
    )
}

/// Whether a data type is a block-float format (tile layout only).
pub(crate) fn is_block_float(dtype: DataType) -> bool {
    matches!(dtype, DataType::BFP8B | DataType::BFP4B)
}

/// The data type among `accepted` a `current` tensor is converted to: `current` if accepted;
/// for integers another integer type, else `f32` (exact up to 2^24), else the first; for
/// floats `bf16`, else the first float type.
pub(crate) fn pick_dtype(current: DataType, accepted: &[DataType]) -> DataType {
    if accepted.is_empty() || accepted.contains(&current) {
        return current;
    }
    if is_float(current) {
        if accepted.contains(&DataType::BFloat16) {
            return DataType::BFloat16;
        }
        return accepted
            .iter()
            .copied()
            .find(|&d| is_float(d))
            .unwrap_or(accepted[0]);
    }
    accepted
        .iter()
        .copied()
        .find(|&d| !is_float(d))
        .or_else(|| accepted.iter().copied().find(|&d| d == DataType::Float32))
        .unwrap_or(accepted[0])
}

/// Builds and reads layout-encoded tensor types, with caches.
pub(crate) struct Layouts<'c> {
    pub context: &'c Context,
    /// The device's compute grid, for device placements.
    pub grid: [i64; 2],
    parsed: RefCell<HashMap<usize, Option<Layout>>>,
    attrs: RefCell<HashMap<Layout, Attribute<'c>>>,
    elements: RefCell<HashMap<String, Type<'c>>>,
}

impl<'c> Layouts<'c> {
    pub fn new(context: &'c Context, grid: [i64; 2]) -> Self {
        Layouts {
            context,
            grid,
            parsed: RefCell::new(HashMap::new()),
            attrs: RefCell::new(HashMap::new()),
            elements: RefCell::new(HashMap::new()),
        }
    }

    /// The layout of a tensor type, if it has a `#ttnn.layout` encoding.
    pub fn of(&self, ty: Type<'_>) -> Option<Layout> {
        let encoding = encoding_of(ty)?;
        let key = encoding.to_raw().ptr as usize;
        self.parsed
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| Layout::from_attribute(encoding).ok())
            .clone()
    }

    /// The layout of a value's type.
    pub fn of_value(&self, v: Value<'_, '_>) -> Option<Layout> {
        self.of(v.r#type())
    }

    /// The attribute of a layout.
    pub fn attribute(&self, layout: &Layout) -> Attribute<'c> {
        *self
            .attrs
            .borrow_mut()
            .entry(layout.clone())
            .or_insert_with(|| layout.to_attribute(self.context))
    }

    /// An element type by name.
    pub fn element(&self, name: &str) -> Type<'c> {
        *self
            .elements
            .borrow_mut()
            .entry(name.to_owned())
            .or_insert_with(|| Type::parse(self.context, name).expect("element type parses"))
    }

    /// `ty`'s shape with `layout`, the element type following the storage (`logical` is the
    /// element type the value stands for).
    pub fn retyped(&self, ty: Type<'_>, layout: &Layout, logical: &str) -> Type<'c> {
        let element = self.element(element_for(layout.dtype, logical));
        tensor_type(&shape_of(ty), element, Some(self.attribute(layout)))
    }

    /// A device tensor in tile layout interleaved over DRAM.
    pub fn device_tile(&self, dtype: DataType) -> Layout {
        Layout::dram_interleaved(TensorLayout::Tile, dtype, self.grid)
    }

    /// The placement of `memory_config` on this device.
    pub fn placement(&self, memory_layout: TensorMemoryLayout) -> Placement {
        Placement {
            memory_layout,
            grid: self.grid.to_vec(),
        }
    }
}

/// The name of a type's element type (`f32`).
pub(crate) fn element_name(ty: Type<'_>) -> String {
    element_of(ty).to_string()
}

/// The memory config of DRAM interleaved tensors.
pub(crate) const DRAM_INTERLEAVED: MemoryConfig = MemoryConfig {
    buffer: BufferType::DRAM,
    memory_layout: TensorMemoryLayout::Interleaved,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dtypes_follow_the_element_types() {
        assert_eq!(host_dtype("i1"), Some(DataType::UInt8));
        assert_eq!(device_dtype("i1", false), Some(DataType::BFloat16));
        assert_eq!(device_dtype("f32", false), Some(DataType::BFloat16));
        assert_eq!(device_dtype("f32", true), Some(DataType::Float32));
        assert_eq!(device_dtype("i64", false), None);
        assert_eq!(element_for(DataType::BFP8B, "f32"), "bf16");
        assert_eq!(element_for(DataType::UInt8, "i1"), "i1");
        assert_eq!(element_for(DataType::Int32, "i32"), "i32");
    }

    #[test]
    fn conversions_pick_a_close_type() {
        use DataType::*;
        assert_eq!(pick_dtype(Int32, &[BFloat16, Float32]), Float32);
        assert_eq!(pick_dtype(Int32, &[UInt32]), UInt32);
        assert_eq!(pick_dtype(Float32, &[BFloat16, BFP8B]), BFloat16);
        assert_eq!(pick_dtype(BFloat16, &[BFloat16, Float32]), BFloat16);
        assert_eq!(pick_dtype(BFloat16, &[Int32, UInt32]), Int32);
        assert_eq!(pick_dtype(BFP8B, &[Float32, BFloat16]), BFloat16);
    }
}
