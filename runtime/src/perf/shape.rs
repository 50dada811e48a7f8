//! The neutral description of one op instance the model costs: its tensors (shape, data type,
//! page layout, buffer, memory layout, grid) and the few attributes that change its cost.
//! Program ops are turned into an [`OpShape`] by [`OpShape::from_program_op`]; validation tables
//! build them directly, so both go through the same per-op model.

use std::collections::HashMap;

use serde::Serialize;

use crate::device::DType;
use crate::program::{Attr, Op, TensorSpec, ValueId};

/// Where a tensor lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BufferKind {
    /// Host memory.
    SystemMemory,
    /// Device DRAM, pages interleaved over the banks.
    Dram,
    /// Device L1 SRAM.
    L1,
}

/// How a device tensor's pages are spread over banks or cores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MemoryLayout {
    /// Pages round-robin over all banks.
    Interleaved,
    /// Rows split over cores.
    HeightSharded,
    /// Columns split over cores.
    WidthSharded,
    /// Rows and columns split over a 2-D grid of cores.
    BlockSharded,
}

/// The page layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageLayout {
    /// 32x32 tiles.
    Tile,
    /// One page per row of the last dimension.
    RowMajor,
}

/// Math fidelity of the matrix engine (number of multiplier phases).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MathFidelity {
    /// One phase.
    LoFi,
    /// Two phases.
    HiFi2,
    /// Three phases.
    HiFi3,
    /// Four phases.
    HiFi4,
}

impl MathFidelity {
    /// Parses `lofi`, `hifi2`, `hifi3`, `hifi4` (any case).
    pub fn parse(s: &str) -> Option<MathFidelity> {
        Some(match s.to_ascii_lowercase().as_str() {
            "lofi" => MathFidelity::LoFi,
            "hifi2" => MathFidelity::HiFi2,
            "hifi3" => MathFidelity::HiFi3,
            "hifi4" => MathFidelity::HiFi4,
            _ => return None,
        })
    }

    /// Multiplier phases (1 to 4).
    pub fn phases(self) -> u32 {
        match self {
            MathFidelity::LoFi => 1,
            MathFidelity::HiFi2 => 2,
            MathFidelity::HiFi3 => 3,
            MathFidelity::HiFi4 => 4,
        }
    }
}

/// One tensor of an op.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TensorDesc {
    /// Logical shape.
    pub shape: Vec<u64>,
    /// Stored data type.
    #[serde(serialize_with = "dtype_name")]
    pub dtype: DType,
    /// Tile or row-major pages.
    pub page: PageLayout,
    /// Host, DRAM or L1.
    pub buffer: BufferKind,
    /// Interleaved or sharded.
    pub memory_layout: MemoryLayout,
    /// Core grid of a sharded tensor `[rows, columns]`.
    pub grid: Option<[u32; 2]>,
}

impl TensorDesc {
    /// A tiled, DRAM-interleaved tensor.
    pub fn dram(shape: &[u64], dtype: DType) -> TensorDesc {
        TensorDesc {
            shape: shape.to_vec(),
            dtype,
            page: PageLayout::Tile,
            buffer: BufferKind::Dram,
            memory_layout: MemoryLayout::Interleaved,
            grid: None,
        }
    }

    /// The same tensor in L1, interleaved.
    pub fn in_l1(mut self) -> TensorDesc {
        self.buffer = BufferKind::L1;
        self
    }

    /// The same tensor in L1, sharded over `grid`.
    pub fn sharded(mut self, layout: MemoryLayout, grid: [u32; 2]) -> TensorDesc {
        self.buffer = BufferKind::L1;
        self.memory_layout = layout;
        self.grid = Some(grid);
        self
    }

    /// The same tensor with row-major pages.
    pub fn row_major(mut self) -> TensorDesc {
        self.page = PageLayout::RowMajor;
        self
    }

    /// The same tensor in host memory.
    pub fn on_host(mut self) -> TensorDesc {
        self.buffer = BufferKind::SystemMemory;
        self
    }

    /// Elements.
    pub fn volume(&self) -> u64 {
        self.shape.iter().product()
    }

    /// Size of the last dimension (1 for a scalar).
    pub fn width(&self) -> u64 {
        self.shape.last().copied().unwrap_or(1)
    }

    /// Size of the second-to-last dimension (1 below rank 2).
    pub fn height(&self) -> u64 {
        if self.shape.len() >= 2 {
            self.shape[self.shape.len() - 2]
        } else {
            1
        }
    }

    /// Product of the dimensions before the last two.
    pub fn batch(&self) -> u64 {
        let n = self.shape.len().saturating_sub(2);
        self.shape[..n].iter().product()
    }

    /// Tiles of the padded tensor: `batch × ⌈H/th⌉ × ⌈W/tw⌉`.
    pub fn tiles(&self, tile: [u64; 2]) -> u64 {
        if self.volume() == 0 {
            return 0;
        }
        self.batch() * self.height().div_ceil(tile[0]) * self.width().div_ceil(tile[1])
    }

    /// Rows of tiles (`batch × ⌈H/th⌉`).
    pub fn tile_rows(&self, tile: [u64; 2]) -> u64 {
        self.batch() * self.height().div_ceil(tile[0])
    }

    /// Row-major pages (one per row of the last dimension).
    pub fn rows(&self) -> u64 {
        if self.width() == 0 {
            0
        } else {
            self.volume() / self.width()
        }
    }

    /// True on the device.
    pub fn on_device(&self) -> bool {
        self.buffer != BufferKind::SystemMemory
    }

    /// True when sharded over cores.
    pub fn is_sharded(&self) -> bool {
        self.memory_layout != MemoryLayout::Interleaved
    }

    /// `bf16[1,128,1024] tile dram interleaved` — for traces and reports.
    pub fn describe(&self) -> String {
        let dims: Vec<String> = self.shape.iter().map(u64::to_string).collect();
        let page = match self.page {
            PageLayout::Tile => "tile",
            PageLayout::RowMajor => "row_major",
        };
        let place = match (self.buffer, self.memory_layout) {
            (BufferKind::SystemMemory, _) => "host".to_owned(),
            (b, m) => {
                let b = if b == BufferKind::Dram { "dram" } else { "l1" };
                let m = match m {
                    MemoryLayout::Interleaved => "interleaved",
                    MemoryLayout::HeightSharded => "height_sharded",
                    MemoryLayout::WidthSharded => "width_sharded",
                    MemoryLayout::BlockSharded => "block_sharded",
                };
                format!("{b} {m}")
            }
        };
        format!("{}[{}] {page} {place}", self.dtype.as_str(), dims.join(","))
    }
}

fn dtype_name<S: serde::Serializer>(d: &DType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(d.as_str())
}

/// A convolution's or pooling's window.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Window {
    /// Batch.
    pub batch: u64,
    /// Input `[height, width]`.
    pub input_hw: [u64; 2],
    /// Input channels.
    pub in_channels: u64,
    /// Output channels (= input channels for pooling).
    pub out_channels: u64,
    /// Kernel `[height, width]`.
    pub kernel: [u64; 2],
    /// Stride `[height, width]`.
    pub stride: [u64; 2],
    /// Padding `[top, bottom, left, right]`.
    pub padding: [u64; 4],
    /// Dilation `[height, width]`.
    pub dilation: [u64; 2],
    /// Groups.
    pub groups: u64,
}

impl Window {
    /// Output `[height, width]`.
    pub fn output_hw(&self) -> [u64; 2] {
        let out = |i: usize, pad: u64| {
            let span = self.dilation[i].max(1) * (self.kernel[i].max(1) - 1) + 1;
            let padded = self.input_hw[i] + pad;
            if padded < span {
                1
            } else {
                (padded - span) / self.stride[i].max(1) + 1
            }
        };
        [
            out(0, self.padding[0] + self.padding[1]),
            out(1, self.padding[2] + self.padding[3]),
        ]
    }
}

/// The attributes that change an op's cost.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OpAttrs {
    /// Matrix-engine fidelity (matmuls, attention, multiplies); the library default when absent.
    pub math_fidelity: Option<MathFidelity>,
    /// Matmul: first operand transposed.
    pub transpose_a: bool,
    /// Matmul: second operand transposed.
    pub transpose_b: bool,
    /// Reduction dimensions, or a permutation.
    pub dims: Vec<i64>,
    /// Fast approximate mode of an SFPU op.
    pub approximate: bool,
    /// Convolution or pooling window.
    pub window: Option<Window>,
}

/// One op instance: its tensors and attributes, and optionally the compute grid it runs on.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OpShape {
    /// Tensor operands in the op's operand order.
    pub inputs: Vec<TensorDesc>,
    /// Tensor results.
    pub outputs: Vec<TensorDesc>,
    /// Attributes.
    pub attrs: OpAttrs,
    /// Compute grid `[rows, columns]`; the device's when absent.
    pub grid: Option<[u32; 2]>,
}

impl OpShape {
    /// An op with these inputs and outputs and default attributes.
    pub fn new(inputs: Vec<TensorDesc>, outputs: Vec<TensorDesc>) -> OpShape {
        OpShape {
            inputs,
            outputs,
            ..OpShape::default()
        }
    }

    /// The op of a program, given the types of the values defined so far.
    pub fn from_program_op(
        op: &Op,
        types: &HashMap<ValueId, &TensorSpec>,
    ) -> Result<OpShape, String> {
        let mut inputs = Vec::new();
        for group in &op.operands {
            for id in group.values.iter().flatten() {
                let spec = types
                    .get(id)
                    .ok_or_else(|| format!("operand '{}' uses undefined value {id}", group.name))?;
                if let Some(t) = tensor_desc(spec) {
                    inputs.push(t);
                }
            }
        }
        let outputs = op
            .results
            .iter()
            .filter_map(|r| tensor_desc(&r.ty))
            .collect();
        Ok(OpShape {
            inputs,
            outputs,
            attrs: attrs_of(op),
            grid: None,
        })
    }

    /// Output `i`, or input 0 when the op has no such output.
    pub fn output_or_input(&self, i: usize) -> Option<&TensorDesc> {
        self.outputs.get(i).or_else(|| self.inputs.first())
    }
}

/// The model's view of a program type; `None` for the device handle and unranked values.
pub fn tensor_desc(spec: &TensorSpec) -> Option<TensorDesc> {
    if spec.device || spec.unranked {
        return None;
    }
    let shape = spec.shape.iter().map(|&d| d.max(0) as u64).collect();
    let Some(layout) = &spec.layout else {
        return Some(TensorDesc {
            shape,
            dtype: host_dtype(&spec.element),
            page: PageLayout::RowMajor,
            buffer: BufferKind::SystemMemory,
            memory_layout: MemoryLayout::Interleaved,
            grid: None,
        });
    };
    let buffer = match layout.buffer.as_str() {
        "dram" => BufferKind::Dram,
        "l1" | "l1_small" => BufferKind::L1,
        _ => BufferKind::SystemMemory,
    };
    let memory_layout = match layout.memory_layout.as_deref() {
        Some("height_sharded") => MemoryLayout::HeightSharded,
        Some("width_sharded") => MemoryLayout::WidthSharded,
        Some("block_sharded") => MemoryLayout::BlockSharded,
        _ => MemoryLayout::Interleaved,
    };
    Some(TensorDesc {
        shape,
        dtype: DType::parse(&layout.dtype).unwrap_or_else(|| host_dtype(&layout.dtype)),
        page: if layout.page == "tile" {
            PageLayout::Tile
        } else {
            PageLayout::RowMajor
        },
        buffer,
        memory_layout,
        grid: layout.grid.map(|[r, c]| {
            [
                r.clamp(1, u32::MAX as i64) as u32,
                c.clamp(1, u32::MAX as i64) as u32,
            ]
        }),
    })
}

/// The storage type closest to an MLIR element type (host tensors); unknown types count as
/// 32-bit.
fn host_dtype(element: &str) -> DType {
    match element {
        "bf16" | "f16" => DType::BF16,
        "i64" | "si64" | "i32" | "si32" => DType::SI32,
        "ui32" | "u32" | "ui64" => DType::U32,
        "i16" | "si16" | "ui16" | "u16" => DType::U16,
        "i1" | "i8" | "si8" | "ui8" | "u8" => DType::U8,
        "bfp8_b" => DType::BFP8,
        "bfp4_b" => DType::BFP4,
        _ => DType::F32,
    }
}

fn attrs_of(op: &Op) -> OpAttrs {
    let flag = |name: &str| op.attr(name).and_then(Attr::as_bool).unwrap_or(false);
    let ints = |name: &str| op.attr(name).and_then(Attr::as_ints);
    let int = |name: &str| op.attr(name).and_then(Attr::as_i64);
    let dims = ints("dim_arg")
        .or_else(|| ints("permutation"))
        .or_else(|| ints("dims"))
        .or_else(|| match (int("dim0"), int("dim1")) {
            (Some(a), Some(b)) => Some(vec![a, b]),
            _ => int("dim").map(|d| vec![d]),
        })
        .unwrap_or_default();
    let pair = |name: &str, default: u64| -> [u64; 2] {
        match ints(name).as_deref() {
            Some([a]) => [*a.max(&0) as u64; 2],
            Some([a, b, ..]) => [(*a).max(0) as u64, (*b).max(0) as u64],
            _ => [default; 2],
        }
    };
    let window = int("input_height").map(|h| {
        let padding = match ints("padding").as_deref() {
            Some([p]) => [(*p).max(0) as u64; 4],
            Some([a, b]) => {
                let (a, b) = ((*a).max(0) as u64, (*b).max(0) as u64);
                [a, a, b, b]
            }
            Some([a, b, c, d, ..]) => [*a, *b, *c, *d].map(|x| x.max(0) as u64),
            _ => [0; 4],
        };
        let channels = int("channels");
        Window {
            batch: int("batch_size").unwrap_or(1).max(1) as u64,
            input_hw: [
                h.max(1) as u64,
                int("input_width").unwrap_or(1).max(1) as u64,
            ],
            in_channels: int("in_channels").or(channels).unwrap_or(1).max(1) as u64,
            out_channels: int("out_channels").or(channels).unwrap_or(1).max(1) as u64,
            kernel: pair("kernel_size", 1),
            stride: pair("stride", 1),
            padding,
            dilation: pair("dilation", 1),
            groups: int("groups").unwrap_or(1).max(1) as u64,
        }
    });
    OpAttrs {
        math_fidelity: op
            .attr("math_fidelity")
            .and_then(Attr::as_str)
            .and_then(MathFidelity::parse),
        transpose_a: flag("transpose_a"),
        transpose_b: flag("transpose_b"),
        dims,
        approximate: flag("fast_and_approximate_mode") || flag("approximate"),
        window,
    }
}
