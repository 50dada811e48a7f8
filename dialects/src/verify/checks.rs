//! Per-op semantic rules of ttir and ttnn.
//!
//! Each op is first mapped to the rule family it follows ([`Rule`]) by an exhaustive match over
//! the generated op enums, so an op added to a `.td` file does not build until it has a rule.

use std::rc::Rc;

use melior::ir::ValueLike;
use melior::ir::operation::{OperationLike, OperationRef};

use super::layout::{TypeCache, TypeFacts};
use super::rules::{Rule, ttir_rule, ttnn_rule};
use super::{Sink, following_ops, is_entry_block_argument};
use crate::layout::{Layout, MemoryConfig, enum_attr_value};
use crate::registry::{BufferType, DataType, RegisteredOp, TensorLayout};
use crate::shapes::{broadcast, broadcasts_to, fmt_shape, matmul, normalize_dim, num_elements};
use crate::view::OpView;

/// Shapes, element types and layouts of an op's operands or results.
type Side<'f> = (Vec<&'f [i64]>, Vec<&'f str>, Vec<Option<&'f Layout>>);

/// Checks one ttir or ttnn op.
pub(super) fn check<'c, 'a>(
    op: OperationRef<'c, 'a>,
    sink: &mut Sink<'_, 'c, 'a>,
    types: &mut TypeCache,
) {
    let Some(view) = OpView::new(op) else {
        // Unknown ops of registered dialects are rejected by MLIR's parser before we see them.
        return;
    };
    let is_ttnn = matches!(view.kind, RegisteredOp::Ttnn(_));
    let rule = match view.kind {
        RegisteredOp::Ttir(op) => ttir_rule(op),
        RegisteredOp::Ttnn(op) => ttnn_rule(op),
    };

    let operand_facts: Vec<Rc<TypeFacts>> =
        op.operands().map(|v| types.facts(v.r#type())).collect();
    let result_facts: Vec<Rc<TypeFacts>> = (0..op.result_count())
        .map(|i| types.facts(op.result(i).expect("index in range").r#type()))
        .collect();

    let empty: &[i64] = &[];
    let mut sides: [Side<'_>; 2] = Default::default();
    for (side, (what, facts)) in [("operand", &operand_facts), ("result", &result_facts)]
        .into_iter()
        .enumerate()
    {
        let (shapes, elements, layouts) = &mut sides[side];
        for (i, f) in facts.iter().enumerate() {
            match f.as_ref() {
                TypeFacts::Unsupported(msg) => {
                    return sink.error(format_args!("{what} #{i} {msg}"));
                }
                TypeFacts::Device => {
                    shapes.push(empty);
                    elements.push("");
                    layouts.push(None);
                }
                TypeFacts::Tensor {
                    shape,
                    element,
                    encoding,
                    layout,
                } => {
                    if !is_ttnn && let Some(enc) = encoding {
                        return sink.error(format_args!(
                            "{what} #{i} has encoding {enc}; ttir tensors carry no layout"
                        ));
                    }
                    let layout = match layout {
                        Ok(l) if is_ttnn => l.as_ref(),
                        Ok(_) => None,
                        Err(msg) => return sink.error(format_args!("{what} #{i} {msg}")),
                    };
                    shapes.push(shape);
                    elements.push(element);
                    layouts.push(layout);
                }
            }
        }
    }
    let [(ins, in_elems, in_layouts), (outs, out_elems, out_layouts)] = &sides;
    let mut ctx = RuleCtx {
        view,
        sink,
        ins,
        outs,
        in_elems,
        out_elems,
        in_layouts,
        out_layouts,
        check_elements: !is_ttnn,
    };
    ctx.apply(rule);
}

pub(super) struct RuleCtx<'r, 's, 'c, 'a> {
    pub(super) view: OpView<'c, 'a>,
    pub(super) sink: &'r mut Sink<'s, 'c, 'a>,
    pub(super) ins: &'r [&'r [i64]],
    pub(super) outs: &'r [&'r [i64]],
    pub(super) in_elems: &'r [&'r str],
    pub(super) out_elems: &'r [&'r str],
    pub(super) in_layouts: &'r [Option<&'r Layout>],
    pub(super) out_layouts: &'r [Option<&'r Layout>],
    /// Element types must agree (ttir); in ttnn the result's data type is free.
    pub(super) check_elements: bool,
}

impl RuleCtx<'_, '_, '_, '_> {
    fn apply(&mut self, rule: Rule) {
        match rule {
            Rule::Binary => self.binary(false),
            Rule::Compare => self.binary(true),
            Rule::Unary => self.same_elements(&[0]),
            Rule::Predicate => self.bool_result(),
            Rule::Cast | Rule::Source => {}
            Rule::Where => self.check_where(),
            Rule::Reduction => self.reduction(false),
            Rule::BoolReduction => self.reduction(true),
            Rule::ArgMax => self.argmax(),
            Rule::CumSum => {
                self.dim_in_range("dim", self.ins[0].len());
            }
            Rule::Matmul => self.matmul(false),
            Rule::Linear => self.matmul(true),
            Rule::Softmax => {
                self.dim_in_range("dimension", self.ins[0].len());
                self.same_elements(&[0]);
            }
            Rule::LayerNorm => self.layer_norm(true),
            Rule::LayerNormLastDim => self.layer_norm(false),
            Rule::BatchNorm => self.batch_norm(),
            Rule::Conv2d => self.conv2d(),
            Rule::Pool2d => self.pool2d(),
            Rule::MaxPool2dWithIndices => self.max_pool2d_with_indices(),
            Rule::GlobalAvgPool2d => self.global_avg_pool2d(),
            Rule::Reshape => self.reshape(false),
            Rule::ReshapeWithShapeAttr => self.reshape(true),
            Rule::Transpose => self.transpose(),
            Rule::Permute => self.permute(),
            Rule::Broadcast => self.check_broadcast(),
            Rule::Repeat => self.repeat(),
            Rule::Slice => self.slice(),
            Rule::Pad => self.pad(),
            Rule::Reverse => self.reverse(),
            Rule::Concat => self.concat(),
            Rule::Embedding => self.embedding(),
            Rule::Gather => self.gather(),
            Rule::IndexSelect => self.index_select(),
            Rule::Constant => {
                self.constant();
                if is_ttnn_op(&self.view) {
                    self.device_operand_matches_result();
                }
            }
            Rule::Full => self.full(),
            Rule::ShapeAttr => self.shape_attr(),
            Rule::ReductionOneDim => self.reduction_one_dim(),
            Rule::BatchNormStats4d => self.batch_norm_stats_4d(),
            Rule::Conv2dFlat => self.conv2d_flat(),
            Rule::Pool2dFlat => self.pool2d_flat(),
            Rule::MaxPool2dWithIndicesFlat => self.max_pool2d_with_indices_flat(),
            Rule::GlobalAvgPool2dNhwc => self.global_avg_pool2d_nhwc(),
            Rule::ToMemoryConfig => self.check_to_memory_config(),
            Rule::ConvertLayout => self.check_convert_layout(),
            Rule::LoadCached => self.check_load_cached(),
            Rule::Arange => {
                self.arange();
                if is_ttnn_op(&self.view) {
                    self.device_operand_matches_result();
                }
            }
            Rule::Attention => self.attention(),
            Rule::AttentionLibrary => self.attention_library(),
            Rule::ToDevice => self.check_to_device(),
            Rule::FromDevice => self.check_from_device(),
            Rule::ToLayout => self.check_to_layout(),
            Rule::TypecastDtype => self.typecast_dtype(),
            Rule::Deallocate => self.deallocate(),
        }
    }

    pub(super) fn error(&mut self, message: impl std::fmt::Display) {
        self.sink.error(message)
    }

    /// Operands at `indices` and the result share one element type (ttir only).
    pub(super) fn same_elements(&mut self, indices: &[usize]) {
        if !self.check_elements {
            return;
        }
        let result = &self.out_elems[0];
        for &i in indices {
            if &self.in_elems[i] != result {
                let msg = format!(
                    "operand #{i} has element type {} but the result has {result}",
                    self.in_elems[i]
                );
                return self.error(msg);
            }
        }
    }

    fn binary(&mut self, bool_result: bool) {
        let (a, b, r) = (self.ins[0], self.ins[1], self.outs[0]);
        match broadcast(a, b) {
            None => {
                let msg = format!(
                    "operand shapes {} and {} are not broadcast-compatible",
                    fmt_shape(a),
                    fmt_shape(b)
                );
                self.error(msg)
            }
            Some(s) if s != r => {
                let msg = format!(
                    "result shape {} is not the broadcast shape {}",
                    fmt_shape(r),
                    fmt_shape(&s)
                );
                self.error(msg)
            }
            Some(_) if bool_result => {
                if self.check_elements && self.in_elems[0] != self.in_elems[1] {
                    let msg = format!(
                        "operands have element types {} and {}; they must agree",
                        self.in_elems[0], self.in_elems[1]
                    );
                    return self.error(msg);
                }
                self.bool_result();
            }
            Some(_) => self.same_elements(&[0, 1]),
        }
    }

    /// The result's element type is i1 (ttir only).
    pub(super) fn bool_result(&mut self) {
        if self.check_elements && self.out_elems[0] != "i1" {
            let msg = format!("result has element type {}; expected i1", self.out_elems[0]);
            self.error(msg)
        }
    }

    fn matmul(&mut self, with_bias: bool) {
        let ta = self.view.bool_attr("transpose_a");
        let tb = self.view.bool_attr("transpose_b");
        let expected = match matmul(self.ins[0], self.ins[1], ta, tb) {
            Ok(s) => s,
            Err(msg) => {
                let msg = format!(
                    "{msg} (shapes {} and {})",
                    fmt_shape(self.ins[0]),
                    fmt_shape(self.ins[1])
                );
                return self.error(msg);
            }
        };
        if self.outs[0] != expected {
            let msg = format!(
                "result shape {} should be {}",
                fmt_shape(self.outs[0]),
                fmt_shape(&expected)
            );
            return self.error(msg);
        }
        if with_bias && self.ins.len() == 3 && !broadcasts_to(self.ins[2], &expected) {
            let msg = format!(
                "bias shape {} does not broadcast to the result shape {}",
                fmt_shape(self.ins[2]),
                fmt_shape(&expected)
            );
            return self.error(msg);
        }
        let n = self.ins.len();
        let all: Vec<usize> = (0..n).collect();
        self.same_elements(&all);
    }

    pub(super) fn dim_in_range(&mut self, attr: &str, rank: usize) -> Option<usize> {
        let dim = self.view.int_attr(attr)?;
        let d = normalize_dim(dim, rank);
        if d.is_none() {
            self.error(format_args!("{attr} {dim} is out of range for rank {rank}"));
        }
        d
    }

    fn layer_norm(&mut self, from_attr: bool) {
        let input = self.ins[0].to_vec();
        if input.is_empty() {
            return self.error("input must have rank at least 1");
        }
        let normalized: Vec<i64> = if from_attr {
            let ns = self
                .view
                .i64_array_attr("normalized_shape")
                .unwrap_or_default();
            if ns.is_empty() || ns.len() > input.len() || input[input.len() - ns.len()..] != ns[..]
            {
                let msg = format!(
                    "normalized_shape {} is not a trailing part of the input shape {}",
                    fmt_shape(&ns),
                    fmt_shape(&input)
                );
                return self.error(msg);
            }
            ns
        } else {
            vec![*input.last().unwrap()]
        };
        if self.outs[0] != input {
            let msg = format!(
                "result shape {} differs from the input shape {}",
                fmt_shape(self.outs[0]),
                fmt_shape(&input)
            );
            return self.error(msg);
        }
        let groups = self.view.operand_groups();
        let mut index = 1;
        for (group, name) in groups.iter().zip(["input", "weight", "bias"]).skip(1) {
            if group.is_empty() {
                continue;
            }
            let shape = &self.ins[index];
            index += 1;
            let ok = if from_attr {
                shape == &normalized
            } else {
                num_elements(shape) == num_elements(&normalized)
            };
            if !ok {
                let msg = format!(
                    "{name} shape {} does not match the normalized shape {}",
                    fmt_shape(shape),
                    fmt_shape(&normalized)
                );
                return self.error(msg);
            }
        }
        self.same_elements(&[0]);
    }

    fn reshape(&mut self, with_attr: bool) {
        let (a, r) = (&self.ins[0], &self.outs[0]);
        if num_elements(a) != num_elements(r) {
            let msg = format!(
                "cannot reshape {} ({} elements) to {} ({} elements)",
                fmt_shape(a),
                num_elements(a),
                fmt_shape(r),
                num_elements(r)
            );
            return self.error(msg);
        }
        if with_attr {
            let shape = self.view.i64_array_attr("shape").unwrap_or_default();
            if &shape != r {
                let msg = format!(
                    "shape attribute {} differs from the result shape {}",
                    fmt_shape(&shape),
                    fmt_shape(r)
                );
                return self.error(msg);
            }
        }
        self.same_elements(&[0]);
    }

    fn transpose(&mut self) {
        let rank = self.ins[0].len();
        let (Some(d0), Some(d1)) = (
            self.dim_in_range("dim0", rank),
            self.dim_in_range("dim1", rank),
        ) else {
            return;
        };
        let mut expected = self.ins[0].to_vec();
        expected.swap(d0, d1);
        if self.outs[0] != expected {
            let msg = format!(
                "result shape {} should be {}",
                fmt_shape(self.outs[0]),
                fmt_shape(&expected)
            );
            return self.error(msg);
        }
        self.same_elements(&[0]);
    }

    fn permute(&mut self) {
        let input = &self.ins[0];
        let perm = self.view.i64_array_attr("permutation").unwrap_or_default();
        let mut seen = vec![false; input.len()];
        let valid = perm.len() == input.len()
            && perm.iter().all(|&p| {
                let ok = (0..input.len() as i64).contains(&p) && !seen[p as usize];
                if ok {
                    seen[p as usize] = true;
                }
                ok
            });
        if !valid {
            let msg = format!(
                "permutation {perm:?} is not a permutation of the {} input dimensions",
                input.len()
            );
            return self.error(msg);
        }
        let expected: Vec<i64> = perm.iter().map(|&p| input[p as usize]).collect();
        if self.outs[0] != expected {
            let msg = format!(
                "result shape {} should be {}",
                fmt_shape(self.outs[0]),
                fmt_shape(&expected)
            );
            return self.error(msg);
        }
        self.same_elements(&[0]);
    }

    fn concat(&mut self) {
        if self.ins.is_empty() {
            return self.error("needs at least one operand");
        }
        let rank = self.ins[0].len();
        let Some(dim) = self.dim_in_range("dim", rank) else {
            return;
        };
        let mut expected = self.ins[0].to_vec();
        expected[dim] = 0;
        for (i, s) in self.ins.iter().enumerate() {
            let agrees = s.len() == rank && (0..rank).all(|d| d == dim || s[d] == self.ins[0][d]);
            if !agrees {
                let msg = format!(
                    "operand #{i} shape {} does not match operand #0 shape {} outside dimension {dim}",
                    fmt_shape(s),
                    fmt_shape(self.ins[0])
                );
                return self.error(msg);
            }
            expected[dim] += s[dim];
        }
        if self.outs[0] != expected {
            let msg = format!(
                "result shape {} should be {}",
                fmt_shape(self.outs[0]),
                fmt_shape(&expected)
            );
            return self.error(msg);
        }
        let all: Vec<usize> = (0..self.ins.len()).collect();
        self.same_elements(&all);
    }

    fn embedding(&mut self) {
        let (indices, table) = (&self.ins[0], &self.ins[1]);
        if table.len() != 2 {
            let msg = format!("weight must be a 2-D table, got shape {}", fmt_shape(table));
            return self.error(msg);
        }
        if self.check_elements && !is_integer(self.in_elems[0]) {
            let msg = format!(
                "indices have element type {}; expected an integer type",
                self.in_elems[0]
            );
            return self.error(msg);
        }
        let mut expected = indices.to_vec();
        expected.push(table[1]);
        if self.outs[0] != expected {
            let msg = format!(
                "result shape {} should be {}",
                fmt_shape(self.outs[0]),
                fmt_shape(&expected)
            );
            return self.error(msg);
        }
        self.same_elements(&[1]);
    }

    fn check_to_device(&mut self) {
        if let Some(l) = &self.in_layouts[0]
            && l.on_device()
        {
            return self.error(format_args!(
                "input is already on the device ({})",
                l.buffer
            ));
        }
        let Some(mc) = self.memory_config_attr() else {
            return;
        };
        if mc.buffer == BufferType::SystemMemory {
            return self
                .error("memory_config must place the tensor on the device, not in system_memory");
        }
        if let Some(out) = self.out_layouts[0] {
            let placed = out.placement.as_ref().map(|p| p.memory_layout);
            if out.buffer != mc.buffer || placed != Some(mc.memory_layout) {
                return self.error(format_args!(
                    "result layout {out} does not match memory_config {mc}"
                ));
            }
        }
        self.same_page_layout_and_dtype();
    }

    fn check_from_device(&mut self) {
        if let Some(l) = &self.in_layouts[0]
            && !l.on_device()
        {
            return self.error("input is already in system_memory");
        }
        if let Some(l) = &self.out_layouts[0]
            && l.on_device()
        {
            return self.error(format_args!(
                "result must be in system_memory, not {}",
                l.buffer
            ));
        }
        self.same_page_layout_and_dtype();
    }

    fn check_to_layout(&mut self) {
        let layout = self.view.attribute("layout").and_then(|a| {
            enum_attr_value(&a.to_string(), "tensor_layout").and_then(TensorLayout::parse)
        });
        let dtype = self
            .view
            .attribute("dtype")
            .and_then(|a| enum_attr_value(&a.to_string(), "data_type").and_then(DataType::parse));
        let mc = if self.view.attribute("memory_config").is_some() {
            self.memory_config_attr()
        } else {
            None
        };
        let Some(out) = self.out_layouts[0] else {
            return;
        };
        if layout.is_some_and(|l| l != out.layout) {
            return self.error(format_args!(
                "result layout {out} is not the requested {} layout",
                layout.unwrap()
            ));
        }
        if let Some(d) = dtype
            && d != out.dtype
        {
            return self.error(format_args!(
                "result layout {out} does not have the requested data type {d}"
            ));
        }
        if let Some(mc) = mc {
            let placed = out.placement.as_ref().map(|p| p.memory_layout);
            if out.buffer != mc.buffer || placed != Some(mc.memory_layout) {
                return self.error(format_args!(
                    "result layout {out} does not match memory_config {mc}"
                ));
            }
        }
        if dtype.is_none()
            && let Some(inp) = &self.in_layouts[0]
            && inp.dtype != out.dtype
        {
            self.error(format_args!(
                "changes the data type from {} to {} without a dtype attribute",
                inp.dtype, out.dtype
            ))
        }
    }

    fn typecast_dtype(&mut self) {
        let dtype = self
            .view
            .attribute("dtype")
            .and_then(|a| enum_attr_value(&a.to_string(), "data_type").and_then(DataType::parse));
        if let (Some(d), Some(out)) = (dtype, &self.out_layouts[0])
            && out.dtype != d
        {
            let msg = format!("result layout {out} does not have data type {d}");
            self.error(msg)
        }
    }

    fn deallocate(&mut self) {
        let op = self.view.op;
        let Ok(freed) = op.operand(0) else { return };
        // The values sharing the freed buffer: views (ops whose result may alias operand 0)
        // of it and what it is a view of.
        let buffer = alias_set(freed);
        for &v in &buffer {
            if is_entry_block_argument(v) {
                return self.error("frees a function argument; arguments belong to the caller");
            }
            if defining_op_is(v, "ttnn.load_cached") {
                return self.error("frees a result of ttnn.load_cached; the cache owns it");
            }
        }
        for later in following_ops(op) {
            let Some(used) = later.operands().find(|v| buffer.contains(v)) else {
                continue;
            };
            let name = later.name();
            let name = name.as_string_ref().as_str().unwrap_or("?").to_owned();
            if name == "ttnn.deallocate" {
                return self.error("frees a buffer that a later ttnn.deallocate frees again");
            }
            let via = if used == freed {
                String::new()
            } else {
                " (through a view of the same buffer)".to_owned()
            };
            return self.error(format_args!(
                "frees a tensor that '{name}' uses afterwards{via}"
            ));
        }
    }

    fn memory_config_attr(&mut self) -> Option<MemoryConfig> {
        let attr = self.view.attribute("memory_config")?;
        match MemoryConfig::from_attribute(attr) {
            Ok(mc) => Some(mc),
            Err(e) => {
                self.error(e);
                None
            }
        }
    }

    pub(super) fn same_page_layout_and_dtype(&mut self) {
        if let (Some(i), Some(o)) = (&self.in_layouts[0], &self.out_layouts[0])
            && (i.layout != o.layout || i.dtype != o.dtype)
        {
            let msg = format!(
                "changes page layout or data type ({i} to {o}); use ttnn.to_layout or ttnn.typecast"
            );
            self.error(msg)
        }
    }
}

fn is_integer(element: &str) -> bool {
    element.starts_with('i') || element.starts_with("si") || element.starts_with("ui")
}

fn is_ttnn_op(view: &OpView<'_, '_>) -> bool {
    matches!(view.kind, RegisteredOp::Ttnn(_))
}

/// `value` and every value sharing its buffer through ops whose result may be a view of their
/// first operand (`resultMayAliasInput` in the `.td`).
fn alias_set<'c: 'a, 'a>(value: melior::ir::Value<'c, 'a>) -> Vec<melior::ir::Value<'c, 'a>> {
    let aliases = |op: OperationRef<'_, '_>| {
        OpView::new(op).is_some_and(|v| v.info().library.result_may_alias_input)
    };
    let mut set = vec![value];
    let mut i = 0;
    while i < set.len() {
        let v = set[i];
        i += 1;
        if let Some(def) = defining_op(v)
            && aliases(def)
            && let Ok(input) = def.operand(0)
            && !set.contains(&input)
        {
            set.push(input);
        }
        let mut use_ = unsafe { mlir_sys::mlirValueGetFirstUse(v.to_raw()) };
        while !unsafe { mlir_sys::mlirOpOperandIsNull(use_) } {
            let user: OperationRef<'c, 'a> =
                unsafe { OperationRef::from_raw(mlir_sys::mlirOpOperandGetOwner(use_)) };
            let index = unsafe { mlir_sys::mlirOpOperandGetOperandNumber(use_) };
            if index == 0
                && aliases(user)
                && let Ok(r) = user.result(0)
            {
                let r: melior::ir::Value<'c, 'a> = r.into();
                if !set.contains(&r) {
                    set.push(r);
                }
            }
            use_ = unsafe { mlir_sys::mlirOpOperandGetNextUse(use_) };
        }
    }
    set
}

fn defining_op<'c, 'a>(v: melior::ir::Value<'c, 'a>) -> Option<OperationRef<'c, 'a>> {
    if unsafe { mlir_sys::mlirValueIsABlockArgument(v.to_raw()) } {
        return None;
    }
    Some(unsafe { OperationRef::from_raw(mlir_sys::mlirOpResultGetOwner(v.to_raw())) })
}

fn defining_op_is(v: melior::ir::Value<'_, '_>, name: &str) -> bool {
    defining_op(v).is_some_and(|op| op.name().as_string_ref().as_str() == Ok(name))
}
