//! Consistency of `#ttnn.layout` encodings.

use std::collections::HashMap;

use melior::ir::attribute::AttributeLike;

use crate::layout::Layout;
use crate::registry::{BufferType, DataType, TensorLayout};
use crate::view::TensorType;

/// Parsed layouts by attribute identity: attributes are uniqued, so each distinct encoding is
/// printed and parsed once per verifier run.
#[derive(Default)]
pub(super) struct LayoutCache {
    parsed: HashMap<usize, Result<Layout, String>>,
}

impl LayoutCache {
    /// The layout encoding of `ty`: `Ok(None)` without encoding, `Err` with a message when the
    /// encoding is not a valid, consistent `#ttnn.layout` for this tensor.
    pub(super) fn layout_of(&mut self, ty: &TensorType<'_>) -> Result<Option<Layout>, String> {
        let Some(enc) = ty.encoding else { return Ok(None) };
        let layout = self
            .parsed
            .entry(enc.to_raw().ptr as usize)
            .or_insert_with(|| {
                let text = enc.to_string();
                Layout::parse(&text).map_err(|_| format!("has encoding {text}, which is not a #ttnn.layout"))
            })
            .clone()?;
        check_consistency(&layout, &ty.element_name())?;
        Ok(Some(layout))
    }
}

/// The element types a storage data type can hold.
pub(crate) fn element_types_for(dtype: DataType) -> &'static [&'static str] {
    match dtype {
        DataType::Float32 => &["f32"],
        DataType::BFloat16 | DataType::BFP8B | DataType::BFP4B => &["bf16"],
        DataType::UInt32 => &["ui32", "i32"],
        DataType::UInt16 => &["ui16", "i16"],
        DataType::UInt8 => &["ui8", "i8", "i1"],
        DataType::Int32 => &["si32", "i32"],
    }
}

fn check_consistency(layout: &Layout, element: &str) -> Result<(), String> {
    let allowed = element_types_for(layout.dtype);
    if !allowed.contains(&element) {
        return Err(format!(
            "has element type {element}, which data type {} cannot hold (it holds {})",
            layout.dtype,
            allowed.join(" or ")
        ));
    }
    if matches!(layout.dtype, DataType::BFP8B | DataType::BFP4B) && layout.layout != TensorLayout::Tile {
        return Err(format!("uses block-float type {} in {} layout; it exists only in tile layout", layout.dtype, layout.layout));
    }
    match (&layout.placement, layout.buffer) {
        (Some(_), BufferType::SystemMemory) => {
            return Err("places a host (system_memory) tensor with a memory layout and grid".into());
        }
        (None, BufferType::DRAM | BufferType::L1) => {
            return Err(format!("puts a tensor in {} without a memory layout and grid", layout.buffer));
        }
        _ => {}
    }
    if let Some(p) = &layout.placement {
        if p.grid.len() != 2 || p.grid.iter().any(|&g| g <= 0) {
            return Err(format!("has grid {:?}; a grid is [rows, columns] with positive sizes", p.grid));
        }
    }
    Ok(())
}
