//! `ttnn-decompose-layouts`: turns every `ttnn.convert_layout` into TTNN library calls.
//!
//! First the conversions are simplified: a conversion of a conversion converts the original
//! value (so a device -> host -> device round trip cancels, and a chain of layout changes
//! becomes one), a conversion to the value's own type disappears, and conversions of one
//! value to one type are merged. Composing skips intermediate storage types: a value
//! converted from f32 to bf16 and back to f32 is not rounded to bf16 on the way, so values
//! only get more precise than the chain would make them. Then each remaining conversion from layout `S` to `D` is
//! planned as a sequence of `ttnn.to_device`, `ttnn.to_layout`, `ttnn.typecast`,
//! `ttnn.to_memory_config` and `ttnn.from_device`, doing as much as possible on the device:
//!
//! - host -> device: copy the row-major tensor over, then tilize on the device (converting a
//!   float type to another in the same `to_layout`, e.g. `f32` row-major to `bfp8_b` tiles);
//!   a data type the device cannot tilize (booleans in `u8`) is converted on the host first;
//!   a row-major target with another data type is converted on the host (the device
//!   converts data types of tiled tensors only).
//! - device -> host: convert the data type while still tiled, untilize on the device, copy
//!   back; what the device cannot do (`u8` booleans) happens on the host after the copy.
//! - device -> device: tilize then typecast, or typecast then untilize; a data-type change
//!   between row-major tensors goes through tiles on the device instead of through the host.
//! - memory: a move out of L1 or out of a sharded layout comes first, a move into one last.
//!
//! Which data types the device tilizes, untilizes and typecasts is the library's behaviour
//! (tt-metal's `tilize_with_val_padding`, `untilize` and `typecast` validation), kept in
//! [`Capabilities`]. Identical steps built for different conversions of one value are shared.

use std::collections::HashMap;

use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::{Attribute, Type, TypeLike, Value, ValueLike};
use ttc_dialects::diag;
use ttc_dialects::layout::{Layout, MemoryConfig};
use ttc_dialects::view::OpView;
use ttc_dialects::{BufferType, DataType, RegisteredOp, TensorLayout, TtnnOp};

use crate::ir::{
    At, Emitter, block_ops, entry_block, erase, functions, has_no_uses, replace_all_uses,
    set_operand,
};
use crate::layouts::{DRAM_INTERLEAVED, Layouts, element_name, is_block_float, is_float};
use crate::pass::{Anchor, Pass, PassFailed, PassInfo};

/// Registry entry of `ttnn-decompose-layouts`.
pub static INFO: PassInfo = PassInfo {
    name: "ttnn-decompose-layouts",
    summary: "Lower ttnn.convert_layout to to_device / to_layout / typecast / to_memory_config / from_device, tilizing on the device",
    anchor: Anchor::Module,
    options: &[],
    create: |_| Ok(Box::new(DecomposeLayouts)),
};

struct DecomposeLayouts;

/// What the library can do to a tensor on the device.
pub(crate) struct Capabilities;

impl Capabilities {
    /// Data types a row-major device tensor can be tilized from.
    pub fn tilize(dtype: DataType) -> bool {
        matches!(
            dtype,
            DataType::BFloat16
                | DataType::Float32
                | DataType::Int32
                | DataType::UInt32
                | DataType::UInt16
        )
    }

    /// Data types a tiled device tensor can be untilized in.
    pub fn untilize(dtype: DataType) -> bool {
        matches!(
            dtype,
            DataType::BFloat16 | DataType::Float32 | DataType::Int32 | DataType::UInt32
        )
    }

    /// Data types a tiled device tensor can be typecast from and to.
    pub fn typecast(dtype: DataType) -> bool {
        dtype != DataType::UInt8
    }

    /// Whether tilizing can produce `to` from `from` in the same `to_layout` call.
    pub fn fused_tilize(from: DataType, to: DataType) -> bool {
        is_float(from) && is_float(to)
    }
}

/// One library call of a conversion.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    ToDevice(MemoryConfig),
    FromDevice,
    /// Page layout change, with the data type it produces.
    ToLayout(TensorLayout, Option<DataType>),
    Typecast(DataType),
    ToMemoryConfig(MemoryConfig),
}

/// The layout after `step`.
fn after(layout: &Layout, step: &Step, layouts: &Layouts<'_>) -> Layout {
    let mut l = layout.clone();
    match step {
        Step::ToDevice(mc) | Step::ToMemoryConfig(mc) => {
            l.buffer = mc.buffer;
            l.placement = Some(layouts.placement(mc.memory_layout));
        }
        Step::FromDevice => {
            l.buffer = BufferType::SystemMemory;
            l.placement = None;
        }
        Step::ToLayout(layout, dtype) => {
            l.layout = *layout;
            if let Some(d) = dtype {
                l.dtype = *d;
            }
        }
        Step::Typecast(d) => l.dtype = *d,
    }
    l
}

fn is_default_memory(l: &Layout) -> bool {
    l.memory_config() == Some(DRAM_INTERLEAVED)
}

/// The steps from `s` to `d`, keeping (un)tilizing on the device where it can run.
fn plan(s: &Layout, d: &Layout, layouts: &Layouts<'_>) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut cur = s.clone();
    let push = |steps: &mut Vec<Step>, cur: &mut Layout, step: Step| {
        *cur = after(cur, &step, layouts);
        steps.push(step);
    };
    match (s.on_device(), d.on_device()) {
        (false, true) => {
            let mc = d
                .memory_config()
                .expect("device layouts have a memory config");
            if d.layout == TensorLayout::RowMajor {
                if cur.layout != TensorLayout::RowMajor {
                    push(
                        &mut steps,
                        &mut cur,
                        Step::ToLayout(TensorLayout::RowMajor, None),
                    );
                }
                if cur.dtype != d.dtype {
                    push(&mut steps, &mut cur, Step::Typecast(d.dtype));
                }
                push(&mut steps, &mut cur, Step::ToDevice(mc));
            } else {
                if cur.layout == TensorLayout::RowMajor && !Capabilities::tilize(cur.dtype) {
                    let via = if Capabilities::tilize(d.dtype) {
                        d.dtype
                    } else {
                        DataType::BFloat16
                    };
                    push(&mut steps, &mut cur, Step::Typecast(via));
                }
                push(&mut steps, &mut cur, Step::ToDevice(mc));
                if cur.layout == TensorLayout::RowMajor {
                    let fused = (cur.dtype != d.dtype
                        && Capabilities::fused_tilize(cur.dtype, d.dtype))
                    .then_some(d.dtype);
                    push(
                        &mut steps,
                        &mut cur,
                        Step::ToLayout(TensorLayout::Tile, fused),
                    );
                }
                if cur.dtype != d.dtype {
                    push(&mut steps, &mut cur, Step::Typecast(d.dtype));
                }
            }
        }
        (true, false) => {
            if !is_default_memory(&cur) {
                push(&mut steps, &mut cur, Step::ToMemoryConfig(DRAM_INTERLEAVED));
            }
            if cur.layout == TensorLayout::Tile {
                let target_ok = Capabilities::typecast(d.dtype)
                    && (d.layout == TensorLayout::Tile || Capabilities::untilize(d.dtype));
                if cur.dtype != d.dtype && target_ok {
                    push(&mut steps, &mut cur, Step::Typecast(d.dtype));
                }
                if d.layout == TensorLayout::RowMajor {
                    if !Capabilities::untilize(cur.dtype) {
                        let via = if is_float(cur.dtype) {
                            DataType::BFloat16
                        } else {
                            DataType::Int32
                        };
                        push(&mut steps, &mut cur, Step::Typecast(via));
                    }
                    push(
                        &mut steps,
                        &mut cur,
                        Step::ToLayout(TensorLayout::RowMajor, None),
                    );
                }
            }
            push(&mut steps, &mut cur, Step::FromDevice);
            host_steps(&mut steps, &mut cur, d, layouts);
        }
        (true, true) => {
            let move_first = !is_default_memory(&cur);
            if move_first && cur.memory_config() != d.memory_config() {
                push(&mut steps, &mut cur, Step::ToMemoryConfig(DRAM_INTERLEAVED));
            }
            match (cur.layout, d.layout) {
                (TensorLayout::Tile, TensorLayout::Tile) => {
                    if cur.dtype != d.dtype {
                        push(&mut steps, &mut cur, Step::Typecast(d.dtype));
                    }
                }
                (TensorLayout::Tile, TensorLayout::RowMajor) => {
                    if cur.dtype != d.dtype {
                        push(&mut steps, &mut cur, Step::Typecast(d.dtype));
                    }
                    push(
                        &mut steps,
                        &mut cur,
                        Step::ToLayout(TensorLayout::RowMajor, None),
                    );
                }
                (TensorLayout::RowMajor, TensorLayout::Tile) => {
                    let fused = (cur.dtype != d.dtype
                        && Capabilities::fused_tilize(cur.dtype, d.dtype))
                    .then_some(d.dtype);
                    push(
                        &mut steps,
                        &mut cur,
                        Step::ToLayout(TensorLayout::Tile, fused),
                    );
                    if cur.dtype != d.dtype {
                        push(&mut steps, &mut cur, Step::Typecast(d.dtype));
                    }
                }
                (TensorLayout::RowMajor, TensorLayout::RowMajor) => {
                    if cur.dtype != d.dtype {
                        push(
                            &mut steps,
                            &mut cur,
                            Step::ToLayout(TensorLayout::Tile, None),
                        );
                        push(&mut steps, &mut cur, Step::Typecast(d.dtype));
                        push(
                            &mut steps,
                            &mut cur,
                            Step::ToLayout(TensorLayout::RowMajor, None),
                        );
                    }
                }
            }
            if cur.memory_config() != d.memory_config() || cur.placement != d.placement {
                let mc = d
                    .memory_config()
                    .expect("device layouts have a memory config");
                push(&mut steps, &mut cur, Step::ToMemoryConfig(mc));
            }
        }
        (false, false) => host_steps(&mut steps, &mut cur, d, layouts),
    }
    steps
}

/// Layout and data-type changes on the host.
fn host_steps(steps: &mut Vec<Step>, cur: &mut Layout, d: &Layout, layouts: &Layouts<'_>) {
    let push = |steps: &mut Vec<Step>, cur: &mut Layout, step: Step| {
        *cur = after(cur, &step, layouts);
        steps.push(step);
    };
    if cur.layout != d.layout {
        let fused = (cur.dtype != d.dtype
            && (d.layout == TensorLayout::Tile || !is_block_float(cur.dtype)))
        .then_some(d.dtype);
        push(steps, cur, Step::ToLayout(d.layout, fused));
    }
    if cur.dtype != d.dtype {
        push(steps, cur, Step::Typecast(d.dtype));
    }
}

struct FuncDecomposer<'l, 'c, 'a> {
    layouts: &'l Layouts<'c>,
    device: Option<Value<'c, 'a>>,
    block: melior::ir::BlockRef<'c, 'a>,
    /// Steps built, by (input value, op name, result type, attribute text).
    built: HashMap<(usize, &'static str, usize, String), Value<'c, 'a>>,
    /// The device copy of each host value moved to the device, and the host copy of each
    /// device value moved to the host: later conversions of the value start from the copy,
    /// so each value crosses PCIe at most once in each direction.
    copies: HashMap<usize, Value<'c, 'a>>,
}

impl<'l, 'c, 'a> FuncDecomposer<'l, 'c, 'a> {
    fn device(&mut self) -> Value<'c, 'a> {
        if let Some(d) = self.device {
            return d;
        }
        for op in block_ops(self.block) {
            if OpView::new(op).is_some_and(|v| v.kind == RegisteredOp::Ttnn(TtnnOp::GetDevice)) {
                crate::ir::move_to_block_start(op);
                let d: Value = op.result(0).expect("get_device has a result").into();
                self.device = Some(d);
                return d;
            }
        }
        let context = self.layouts.context;
        let e = Emitter::new(
            context,
            At::Start(self.block),
            melior::ir::Location::unknown(context),
        );
        let ty = Type::parse(context, "!ttnn.device").expect("ttnn is registered");
        let d = e.one(TtnnOp::GetDevice.info().name, &[], &[], ty);
        self.device = Some(d);
        d
    }

    fn attr(&self, text: String) -> Attribute<'c> {
        Attribute::parse(self.layouts.context, &text).expect("ttnn attribute parses")
    }

    /// Builds one step after `input` (before `anchor`), reusing an identical earlier one.
    fn step(
        &mut self,
        anchor: OperationRef<'c, 'a>,
        input: Value<'c, 'a>,
        step: &Step,
        result: Type<'c>,
    ) -> Value<'c, 'a> {
        let (op, attrs): (TtnnOp, Vec<(&str, Attribute<'c>)>) = match step {
            Step::ToDevice(mc) => (
                TtnnOp::ToDevice,
                vec![("memory_config", self.attr(mc.to_string()))],
            ),
            Step::FromDevice => (TtnnOp::FromDevice, vec![]),
            Step::ToLayout(layout, dtype) => {
                let mut attrs = vec![(
                    "layout",
                    self.attr(format!("#ttnn.tensor_layout<{layout}>")),
                )];
                if let Some(d) = dtype {
                    attrs.push(("dtype", self.attr(format!("#ttnn.data_type<{d}>"))));
                }
                (TtnnOp::ToLayout, attrs)
            }
            Step::Typecast(d) => (
                TtnnOp::Typecast,
                vec![("dtype", self.attr(format!("#ttnn.data_type<{d}>")))],
            ),
            Step::ToMemoryConfig(mc) => (
                TtnnOp::ToMemoryConfig,
                vec![("memory_config", self.attr(mc.to_string()))],
            ),
        };
        let key = (
            input.to_raw().ptr as usize,
            op.info().name,
            result.to_raw().ptr as usize,
            format!("{step:?}"),
        );
        if let Some(&v) = self.built.get(&key) {
            return v;
        }
        let mut operands = vec![input];
        if op == TtnnOp::ToDevice {
            operands.push(self.device());
        }
        // Before the conversion being decomposed: conversions are visited in block order, so
        // a step reused by a later conversion dominates it.
        let at = At::Before(anchor);
        let location = anchor.location();
        let e = Emitter::new(self.layouts.context, at, location);
        let v = e.one(op.info().name, &operands, &attrs, result);
        self.built.insert(key, v);
        v
    }

    fn decompose(&mut self, convert: OperationRef<'c, 'a>) -> Result<(), String> {
        let original = convert.operand(0).expect("convert_layout has an input");
        let result: Value = convert.result(0).expect("one result").into();
        let (Some(s0), Some(d)) = (
            self.layouts.of_value(original),
            self.layouts.of_value(result),
        ) else {
            return Err("converts a tensor without a #ttnn.layout (run ttnn-layout first)".into());
        };
        // Start from the copy on the other side when the value already crossed.
        let input = match self.copies.get(&(original.to_raw().ptr as usize)) {
            Some(&copy) if s0.on_device() != d.on_device() => copy,
            _ => original,
        };
        let s = self.layouts.of_value(input).expect("copies have layouts");
        let logical = element_name(result.r#type());
        let source_element = element_name(input.r#type());
        let mut cur = s.clone();
        let mut v = input;
        let steps = plan(&s, &d, self.layouts);
        for (i, step) in steps.iter().enumerate() {
            cur = after(&cur, step, self.layouts);
            let ty = if i + 1 == steps.len() {
                result.r#type()
            } else {
                let element = if cur.dtype == d.dtype {
                    logical.as_str()
                } else {
                    source_element.as_str()
                };
                self.layouts.retyped(result.r#type(), &cur, element)
            };
            v = self.step(convert, v, step, ty);
            if matches!(step, Step::ToDevice(_) | Step::FromDevice) {
                self.copies.insert(original.to_raw().ptr as usize, v);
            }
        }
        if cur != d {
            return Err(format!("cannot plan a conversion from {s} to {d}"));
        }
        replace_all_uses(result, v);
        erase(convert);
        Ok(())
    }
}

fn defining_op<'c, 'a>(v: Value<'c, 'a>) -> Option<OperationRef<'c, 'a>> {
    if unsafe { mlir_sys::mlirValueIsABlockArgument(v.to_raw()) } {
        return None;
    }
    Some(unsafe { OperationRef::from_raw(mlir_sys::mlirOpResultGetOwner(v.to_raw())) })
}

fn is_convert(op: OperationRef<'_, '_>) -> bool {
    OpView::new(op).is_some_and(|v| v.kind == RegisteredOp::Ttnn(TtnnOp::ConvertLayout))
}

/// Composes chains, drops identities and merges duplicates; returns the conversions left.
fn simplify<'c, 'a>(ops: &[OperationRef<'c, 'a>]) -> Vec<OperationRef<'c, 'a>> {
    let mut seen: HashMap<(usize, usize), Value<'c, 'a>> = HashMap::new();
    let mut kept = Vec::new();
    for &op in ops {
        if !is_convert(op) {
            continue;
        }
        let mut source = op.operand(0).expect("convert_layout has an input");
        while let Some(def) = defining_op(source)
            && is_convert(def)
        {
            source = def.operand(0).expect("convert_layout has an input");
        }
        set_operand(op, 0, source);
        let result: Value = op.result(0).expect("one result").into();
        if source.r#type() == result.r#type() {
            replace_all_uses(result, source);
            kept.push((op, false));
            continue;
        }
        let key = (
            source.to_raw().ptr as usize,
            result.r#type().to_raw().ptr as usize,
        );
        if let Some(&earlier) = seen.get(&key) {
            replace_all_uses(result, earlier);
            kept.push((op, false));
            continue;
        }
        seen.insert(key, result);
        kept.push((op, true));
    }
    // Erase dead conversions, users first.
    let mut live = Vec::new();
    for (op, keep) in kept.into_iter().rev() {
        let result: Value = op.result(0).expect("one result").into();
        if !keep || has_no_uses(result) {
            if has_no_uses(result) {
                erase(op);
            }
            continue;
        }
        live.push(op);
    }
    live.reverse();
    live
}

impl Pass for DecomposeLayouts {
    fn run(&self, module: OperationRef<'_, '_>) -> Result<(), PassFailed> {
        let ctx_ref = module.context();
        let context = unsafe { ctx_ref.to_ref() };
        let layouts = Layouts::new(context, [1, 1]);
        for func in functions(module) {
            let Some(block) = entry_block(func) else {
                continue;
            };
            let converts = simplify(&block_ops(block));
            // New placements (to_device) use the grid of the layouts already in the function.
            let grid = converts
                .iter()
                .find_map(|op| {
                    let v: Value = op.result(0).ok()?.into();
                    layouts
                        .of_value(v)
                        .and_then(|l| l.placement.map(|p| p.grid))
                        .or_else(|| {
                            layouts
                                .of_value(op.operand(0).ok()?)
                                .and_then(|l| l.placement.map(|p| p.grid))
                        })
                })
                .unwrap_or(vec![1, 1]);
            let layouts = Layouts::new(context, [grid[0], grid[1]]);
            let mut decomposer = FuncDecomposer {
                layouts: &layouts,
                device: None,
                block,
                built: HashMap::new(),
                copies: HashMap::new(),
            };
            for op in converts {
                if let Err(message) = decomposer.decompose(op) {
                    diag::emit_error(
                        op.location(),
                        &format!("'ttnn.convert_layout' op {message}"),
                    );
                    return Err(PassFailed);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ttc_dialects::create_context;

    fn names(steps: &[Step]) -> Vec<String> {
        steps
            .iter()
            .map(|s| match s {
                Step::ToDevice(_) => "to_device".to_owned(),
                Step::FromDevice => "from_device".to_owned(),
                Step::ToLayout(l, Some(d)) => format!("to_layout({l}, {d})"),
                Step::ToLayout(l, None) => format!("to_layout({l})"),
                Step::Typecast(d) => format!("typecast({d})"),
                Step::ToMemoryConfig(_) => "to_memory_config".to_owned(),
            })
            .collect()
    }

    #[test]
    fn plans_tilize_on_the_device() {
        let context = create_context();
        let l = Layouts::new(&context, [8, 8]);
        let host_f32 = Layout::host(TensorLayout::RowMajor, DataType::Float32);
        let tile_bf16 = l.device_tile(DataType::BFloat16);
        assert_eq!(
            names(&plan(&host_f32, &tile_bf16, &l)),
            ["to_device", "to_layout(tile, bf16)"]
        );
        assert_eq!(
            names(&plan(&tile_bf16, &host_f32, &l)),
            ["typecast(f32)", "to_layout(row_major)", "from_device"]
        );
        let bfp8 = l.device_tile(DataType::BFP8B);
        assert_eq!(
            names(&plan(&host_f32, &bfp8, &l)),
            ["to_device", "to_layout(tile, bfp8_b)"]
        );
        // Booleans: the device cannot tilize u8.
        let host_u8 = Layout::host(TensorLayout::RowMajor, DataType::UInt8);
        assert_eq!(
            names(&plan(&host_u8, &tile_bf16, &l)),
            ["typecast(bf16)", "to_device", "to_layout(tile)"]
        );
        assert_eq!(
            names(&plan(&tile_bf16, &host_u8, &l)),
            ["to_layout(row_major)", "from_device", "typecast(u8)"]
        );
        // Embedding indices: si32 on the host to u32 row-major on the device.
        let host_si32 = Layout::host(TensorLayout::RowMajor, DataType::Int32);
        let rm_u32 = Layout::dram_interleaved(TensorLayout::RowMajor, DataType::UInt32, [8, 8]);
        assert_eq!(
            names(&plan(&host_si32, &rm_u32, &l)),
            ["typecast(u32)", "to_device"]
        );
        // Row-major to row-major with a new data type stays on the device.
        let rm_bf16 = Layout::dram_interleaved(TensorLayout::RowMajor, DataType::BFloat16, [8, 8]);
        assert_eq!(
            names(&plan(&rm_u32, &rm_bf16, &l)),
            ["to_layout(tile)", "typecast(bf16)", "to_layout(row_major)"]
        );
        // A bfp8 tensor untilizes through bf16.
        let host_bf16 = Layout::host(TensorLayout::RowMajor, DataType::BFloat16);
        assert_eq!(
            names(&plan(&bfp8, &host_bf16, &l)),
            ["typecast(bf16)", "to_layout(row_major)", "from_device"]
        );
    }
}
