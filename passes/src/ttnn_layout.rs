//! `ttnn-layout`: gives every tensor a `#ttnn.layout` encoding.
//!
//! - Function arguments and results are host tensors in row-major layout, stored in the data
//!   type of their element type (`f32`, `si32`, booleans as `u8`): the caller hands over and
//!   gets back plain host tensors.
//! - Every ttnn op computes on the device: operands and results are tiled, interleaved over
//!   DRAM on the descriptor's compute grid, stored as `bf16` (or `f32` with `keep-f32`),
//!   integers as `si32` / `u32`, booleans as 0 / 1 in `bf16`.
//! - Host fallbacks (ops still in the `aten` dialect) read and write host tensors.
//! - With `weight-dtype=bfp8_b|bfp4_b` the weights of `matmul` and `linear` (their `b` operand
//!   when it is computed only from parameters) are stored in that block-float format.
//! - `math-fidelity` is set on every op with a compute configuration (`matmul`, `linear`,
//!   `conv2d`, attention) that does not name one.
//!
//! Where a value's layout differs from what its user needs, a `ttnn.convert_layout` is
//! inserted (one per value and target layout); `ttnn-workarounds` adds the library's per-op
//! requirements and `ttnn-decompose-layouts` turns every conversion into library calls.
//! Element types follow the storage, so `ttnn.typecast` and `ttnn.to_layout` get their `dtype`
//! from their result, and `ttnn.constant` values are rounded to the stored type.

use std::collections::HashMap;

use melior::Context;
use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::{Attribute, BlockLike, Type, TypeLike, Value, ValueLike};
use ttc_device::DeviceDescriptor;
use ttc_dialects::diag;
use ttc_dialects::layout::Layout;
use ttc_dialects::roles::{self, ArgRole};
use ttc_dialects::view::OpView;
use ttc_dialects::{DataType, RegisteredOp, TensorLayout, TtnnOp};

use crate::fold_constants::{Element, dense_attribute, read_dense};
use crate::ir::{
    At, Emitter, arg_attr_string, block_ops, entry_block, functions, is_static_tensor, op_name,
    set_attribute, set_function_type, set_operand, set_type, shape_of, tensor_type,
};
use crate::layouts::{Layouts, device_dtype, element_name, host_dtype};
use crate::pass::{Anchor, OptionKind, Pass, PassFailed, PassInfo, PassOption};

/// Registry entry of `ttnn-layout`.
pub static INFO: PassInfo = PassInfo {
    name: "ttnn-layout",
    summary: "Give every tensor a #ttnn.layout: host row-major at the boundary, tiled DRAM on the device",
    anchor: Anchor::Module,
    options: OPTIONS,
    create: |options| {
        let device = DeviceDescriptor::resolve(&options.string(&INFO, "system-desc"))
            .map_err(|e| e.to_string())?;
        Ok(Box::new(TtnnLayout {
            grid: device.grid(),
            keep_f32: options.bool(&INFO, "keep-f32"),
            weight_dtype: DataType::parse(&options.string(&INFO, "weight-dtype"))
                .expect("choice validated"),
            math_fidelity: options.string(&INFO, "math-fidelity"),
        }))
    },
};

/// The options of `ttnn-layout`, shared with `ttc-backend-pipeline`.
pub(crate) const OPTIONS: &[PassOption] = &[
    PassOption {
        name: "system-desc",
        help: "device: n150, n300 or a descriptor .toml file",
        kind: OptionKind::String,
        default: "n150",
    },
    PassOption {
        name: "keep-f32",
        help: "store f32 tensors as f32 on the device instead of bf16",
        kind: OptionKind::Bool,
        default: "false",
    },
    PassOption {
        name: "weight-dtype",
        help: "storage of matmul and linear weights",
        kind: OptionKind::Choice(&["bf16", "bfp8_b", "bfp4_b"]),
        default: "bf16",
    },
    PassOption {
        name: "math-fidelity",
        help: "matrix-engine fidelity of matmul, linear, conv2d and attention",
        kind: OptionKind::Choice(&["lofi", "hifi2", "hifi3", "hifi4"]),
        default: "hifi4",
    },
];

struct TtnnLayout {
    grid: [i64; 2],
    keep_f32: bool,
    weight_dtype: DataType,
    math_fidelity: String,
}

/// State of one function's rewrite.
struct FuncRewrite<'p, 'c, 'a> {
    pass: &'p TtnnLayout,
    layouts: &'p Layouts<'c>,
    func: OperationRef<'c, 'a>,
    /// The type each retyped value had before (its logical type).
    logical: HashMap<usize, Type<'c>>,
    /// Conversions already inserted, by (value, target type).
    converted: HashMap<(usize, usize), Value<'c, 'a>>,
}

fn key(v: Value<'_, '_>) -> usize {
    v.to_raw().ptr as usize
}

impl<'p, 'c, 'a> FuncRewrite<'p, 'c, 'a> {
    fn context(&self) -> &'c Context {
        self.layouts.context
    }

    fn logical(&self, v: Value<'c, 'a>) -> Type<'c> {
        self.logical.get(&key(v)).copied().unwrap_or(v.r#type())
    }

    fn retype(&mut self, v: Value<'c, 'a>, ty: Type<'c>) {
        if v.r#type() != ty {
            self.logical.entry(key(v)).or_insert(v.r#type());
            set_type(v, ty);
        }
    }

    /// The host type of a logical tensor type.
    fn host_type(&self, logical: Type<'c>) -> Result<Type<'c>, String> {
        let e = element_name(logical);
        let dtype = host_dtype(&e).ok_or_else(|| no_dtype(&e))?;
        Ok(self
            .layouts
            .retyped(logical, &Layout::host(TensorLayout::RowMajor, dtype), &e))
    }

    /// The default device type of a logical tensor type.
    fn device_type(&self, logical: Type<'c>) -> Result<Type<'c>, String> {
        let e = element_name(logical);
        let dtype = device_dtype(&e, self.pass.keep_f32).ok_or_else(|| no_dtype(&e))?;
        Ok(self
            .layouts
            .retyped(logical, &self.layouts.device_tile(dtype), &e))
    }

    /// Makes operand `index` of `op` have type `target`, through a (shared) convert_layout.
    fn convert_operand(&mut self, op: OperationRef<'c, 'a>, index: usize, target: Type<'c>) {
        let v = op.operand(index).expect("operand index in range");
        if v.r#type() == target {
            return;
        }
        let k = (key(v), target.to_raw().ptr as usize);
        let converted = match self.converted.get(&k) {
            Some(&c) => c,
            None => {
                let e = Emitter::new(self.context(), At::Before(op), op.location());
                let c = e.one(TtnnOp::ConvertLayout.info().name, &[v], &[], target);
                self.converted.insert(k, c);
                c
            }
        };
        set_operand(op, index, converted);
    }

    /// Rewrites the function; an error names the op (or the function) it is about.
    fn run(&mut self) -> Result<(), (OperationRef<'c, 'a>, String)> {
        let Some(block) = entry_block(self.func) else {
            return Ok(());
        };
        for i in 0..block.argument_count() {
            let arg: Value = block.argument(i).expect("index in range").into();
            if is_static_tensor(arg.r#type()) {
                let ty = self
                    .host_type(arg.r#type())
                    .map_err(|m| (self.func, format!("argument #{i}: {m}")))?;
                self.retype(arg, ty);
            }
        }
        let mut results = None;
        for op in block_ops(block) {
            self.rewrite_op(op, &mut results).map_err(|m| (op, m))?;
        }
        if let Some(types) = results {
            set_function_type(self.context(), self.func, &types);
        }
        Ok(())
    }

    fn rewrite_op(
        &mut self,
        op: OperationRef<'c, 'a>,
        results: &mut Option<Vec<Type<'c>>>,
    ) -> Result<(), String> {
        {
            let name = op_name(op);
            if name == "func.return" {
                let mut types = Vec::new();
                for i in 0..op.operand_count() {
                    let v = op.operand(i).expect("index in range");
                    let target = self
                        .host_type(self.logical(v))
                        .map_err(|m| format!("result #{i} of the function: {m}"))?;
                    self.convert_operand(op, i, target);
                    types.push(target);
                }
                *results = Some(types);
            } else if name.starts_with("aten.") {
                self.host_op(op)?;
            } else if let Some(view) = OpView::new(op)
                && let RegisteredOp::Ttnn(kind) = view.kind
            {
                self.device_op(op, kind, &view)?;
            } else {
                return Err(format!(
                    "'{name}' op has no layout rule (ttnn-layout expects ttnn ops and aten host fallbacks; run convert-ttir-to-ttnn first)"
                ));
            }
        }
        Ok(())
    }

    fn host_op(&mut self, op: OperationRef<'c, 'a>) -> Result<(), String> {
        for i in 0..op.operand_count() {
            let v = op.operand(i).expect("index in range");
            if is_static_tensor(v.r#type()) {
                let target = self.host_type(self.logical(v))?;
                self.convert_operand(op, i, target);
            }
        }
        for r in op.results() {
            let r: Value = r.into();
            if is_static_tensor(r.r#type()) {
                let ty = self.host_type(r.r#type())?;
                self.retype(r, ty);
            }
        }
        Ok(())
    }

    fn device_op(
        &mut self,
        op: OperationRef<'c, 'a>,
        kind: TtnnOp,
        view: &OpView<'c, 'a>,
    ) -> Result<(), String> {
        if kind == TtnnOp::GetDevice {
            return Ok(());
        }
        for i in 0..op.operand_count() {
            let v = op.operand(i).expect("index in range");
            if !is_static_tensor(v.r#type()) {
                continue;
            }
            let on_device_tile = self
                .layouts
                .of_value(v)
                .is_some_and(|l| l.on_device() && l.is_tile());
            if !on_device_tile {
                let target = self.device_type(self.logical(v))?;
                self.convert_operand(op, i, target);
            }
        }
        let logical_results: Vec<Type<'c>> = op.results().map(|r| r.r#type()).collect();
        // Creation ops without a device operand create host tensors.
        let on_host = matches!(
            kind,
            TtnnOp::Constant | TtnnOp::Full | TtnnOp::Arange | TtnnOp::Rand
        ) && op.operand_count() == 0;
        for r in op.results() {
            let r: Value = r.into();
            if is_static_tensor(r.r#type()) && self.layouts.of_value(r).is_none() {
                let ty = if on_host {
                    self.host_type(r.r#type())?
                } else {
                    self.device_type(r.r#type())?
                };
                self.retype(r, ty);
            }
        }
        if let Some(first) = op.results().next()
            && let Some(layout) = self.layouts.of(first.r#type())
            && view.info().attribute("dtype").is_some()
        {
            let attr = Attribute::parse(
                self.context(),
                &format!("#ttnn.data_type<{}>", layout.dtype),
            )
            .expect("data type attribute parses");
            set_attribute(op, "dtype", attr);
        }
        if view.info().attribute("math_fidelity").is_some()
            && view.attribute("math_fidelity").is_none()
        {
            let attr = Attribute::parse(
                self.context(),
                &format!("#ttnn.math_fidelity<{}>", self.pass.math_fidelity),
            )
            .expect("math fidelity attribute parses");
            set_attribute(op, "math_fidelity", attr);
        }
        if kind == TtnnOp::Constant {
            round_constant(op, logical_results[0])?;
        }
        if matches!(kind, TtnnOp::Matmul | TtnnOp::Linear)
            && self.pass.weight_dtype != DataType::BFloat16
        {
            let b = op.operand(1).expect("matmul has b");
            if self.is_weight(b) {
                let logical = self.logical(b);
                let target = self.layouts.retyped(
                    logical,
                    &self.layouts.device_tile(self.pass.weight_dtype),
                    &element_name(logical),
                );
                self.convert_operand(op, 1, target);
            }
        }
        Ok(())
    }

    /// Whether `v` is computed only from parameters through layout changes and data movement.
    fn is_weight(&self, v: Value<'c, 'a>) -> bool {
        let mut v = v;
        loop {
            if unsafe { mlir_sys::mlirValueIsABlockArgument(v.to_raw()) } {
                let index = unsafe { mlir_sys::mlirBlockArgumentGetArgNumber(v.to_raw()) };
                return arg_attr_string(self.func, index as usize, roles::ATTR)
                    .and_then(|r| ArgRole::parse(&r))
                    == Some(ArgRole::Parameter);
            }
            let op = unsafe { OperationRef::from_raw(mlir_sys::mlirOpResultGetOwner(v.to_raw())) };
            let through = OpView::new(op).is_some_and(|view| {
                matches!(
                    view.kind,
                    RegisteredOp::Ttnn(
                        TtnnOp::ConvertLayout
                            | TtnnOp::Reshape
                            | TtnnOp::Transpose
                            | TtnnOp::Permute
                            | TtnnOp::Typecast
                    )
                )
            });
            if !through {
                return false;
            }
            v = op.operand(0).expect("data movement has an input");
        }
    }
}

/// Whether any argument of `func` is a parameter.
fn has_parameters(func: OperationRef<'_, '_>) -> bool {
    let count = entry_block(func).map_or(0, |b| b.argument_count());
    (0..count).any(|i| {
        arg_attr_string(func, i, roles::ATTR).and_then(|r| ArgRole::parse(&r))
            == Some(ArgRole::Parameter)
    })
}

fn no_dtype(element: &str) -> String {
    format!(
        "element type {element} has no TTNN data type (run ttir-normalize-types first: it narrows i64 to si32 and f64 to f32)"
    )
}

/// Rounds a `ttnn.constant`'s value to its (retyped) result's element type.
fn round_constant(op: OperationRef<'_, '_>, logical: Type<'_>) -> Result<(), String> {
    let result = op.result(0).expect("constant has a result").r#type();
    let (Ok(value), Some(from), Some(to)) = (
        op.attribute("value"),
        Element::of(crate::ir::element_of(logical)),
        Element::of(crate::ir::element_of(result)),
    ) else {
        return Ok(());
    };
    if from == to {
        return Ok(());
    }
    let shape = shape_of(result);
    let mut tensor = read_dense(value, &shape, from).ok_or("cannot read the constant's value")?;
    tensor.data.iter_mut().for_each(|v| *v = to.round(*v));
    let plain = tensor_type(&shape, crate::ir::element_of(result), None);
    let attr = dense_attribute(plain, &tensor).ok_or("cannot build the rounded constant")?;
    set_attribute(op, "value", attr);
    Ok(())
}

impl Pass for TtnnLayout {
    fn run(&self, module: OperationRef<'_, '_>) -> Result<(), PassFailed> {
        let ctx_ref = module.context();
        let context = unsafe { ctx_ref.to_ref() };
        let layouts = Layouts::new(context, self.grid);
        for func in functions(module) {
            if self.weight_dtype != DataType::BFloat16 && !has_parameters(func) {
                diag::emit(
                    func.location(),
                    diag::Severity::Warning,
                    &format!(
                        "weight-dtype={} converts only weights computed from parameters, and no argument is marked {{ttc.role = \"parameter\"}} (give the model's meta.json to ttc compile --meta)",
                        self.weight_dtype
                    ),
                );
            }
            let mut rewrite = FuncRewrite {
                pass: self,
                layouts: &layouts,
                func,
                logical: HashMap::new(),
                converted: HashMap::new(),
            };
            if let Err((op, message)) = rewrite.run() {
                diag::emit_error(op.location(), &message);
                return Err(PassFailed);
            }
        }
        Ok(())
    }
}
