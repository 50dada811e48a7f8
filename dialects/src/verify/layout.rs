//! Consistency of `#ttnn.layout` encodings.

use std::collections::HashMap;

use crate::layout::Layout;
use crate::registry::{BufferType, DataType, TensorLayout};
use crate::view::TensorType;

/// What the verifier needs to know about one MLIR type. Types and attributes are uniqued, so
/// each distinct type is taken apart (and its layout parsed and checked) once per run.
#[derive(Clone, Debug)]
pub(super) enum TypeFacts {
    /// A static ranked tensor.
    Tensor {
        shape: Vec<i64>,
        /// The element type as printed (`bf16`).
        element: String,
        /// The encoding as printed, if any.
        encoding: Option<String>,
        /// The parsed layout: `Ok(None)` without encoding, `Err` when the encoding is not a
        /// consistent `#ttnn.layout` for this tensor.
        layout: Result<Option<Layout>, String>,
    },
    /// `!ttnn.device`.
    Device,
    /// Anything else; the message says why it is not supported.
    Unsupported(String),
}

/// Facts by type identity.
#[derive(Default)]
pub(super) struct TypeCache {
    facts: HashMap<usize, std::rc::Rc<TypeFacts>>,
}

impl TypeCache {
    pub(super) fn facts(&mut self, ty: melior::ir::Type<'_>) -> std::rc::Rc<TypeFacts> {
        use melior::ir::TypeLike;
        self.facts
            .entry(ty.to_raw().ptr as usize)
            .or_insert_with(|| std::rc::Rc::new(compute_facts(ty)))
            .clone()
    }
}

fn compute_facts(ty: melior::ir::Type<'_>) -> TypeFacts {
    let Some(t) = TensorType::of(ty) else {
        if ty.to_string() == "!ttnn.device" {
            return TypeFacts::Device;
        }
        return TypeFacts::Unsupported(format!("has type {ty}; expected a ranked tensor"));
    };
    if !t.is_static() {
        return TypeFacts::Unsupported(format!(
            "has dynamic shape in {ty}; ttc needs static shapes"
        ));
    }
    let element = t.element_name();
    let encoding = t.encoding.map(|e| e.to_string());
    let layout = match &encoding {
        None => Ok(None),
        Some(text) => match Layout::parse(text) {
            Err(_) => Err(format!("has encoding {text}, which is not a #ttnn.layout")),
            Ok(layout) => check_consistency(&layout, &element).map(|()| Some(layout)),
        },
    };
    TypeFacts::Tensor {
        shape: t.shape,
        element,
        encoding,
        layout,
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
    if matches!(layout.dtype, DataType::BFP8B | DataType::BFP4B)
        && layout.layout != TensorLayout::Tile
    {
        return Err(format!(
            "uses block-float type {} in {} layout; it exists only in tile layout",
            layout.dtype, layout.layout
        ));
    }
    match (&layout.placement, layout.buffer) {
        (Some(_), BufferType::SystemMemory) => {
            return Err(
                "places a host (system_memory) tensor with a memory layout and grid".into(),
            );
        }
        (None, BufferType::DRAM | BufferType::L1) => {
            return Err(format!(
                "puts a tensor in {} without a memory layout and grid",
                layout.buffer
            ));
        }
        _ => {}
    }
    if let Some(p) = &layout.placement
        && (p.grid.len() != 2 || p.grid.iter().any(|&g| g <= 0))
    {
        return Err(format!(
            "has grid {:?}; a grid is [rows, columns] with positive sizes",
            p.grid
        ));
    }
    Ok(())
}
