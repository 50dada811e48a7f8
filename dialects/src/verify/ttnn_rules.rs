//! Shape and layout rules of the ttnn ops whose form differs from their ttir counterpart:
//! flattened channels-last convolution and pooling, 4-D batch-norm statistics, creation ops
//! with a `shape` attribute, memory moves, the abstract `convert_layout` and `load_cached`.

use melior::ir::ValueLike;
use melior::ir::attribute::AttributeLike;
use melior::ir::operation::{OperationLike, OperationRef};

use super::checks::RuleCtx;
use super::shape_rules::window_output;
use crate::shapes::{fmt_shape, normalize_dim};

/// Geometry of a flattened NHWC activation read from an op's attributes.
struct Flat {
    batch: i64,
    height: i64,
    width: i64,
    channels: i64,
}

impl RuleCtx<'_, '_, '_, '_> {
    /// Reads the geometry attributes and checks the input is `[1, 1, N*H*W, C]`.
    fn flat_input(&mut self, channels_attr: &str) -> Option<Flat> {
        let mut get = |name: &str| {
            let v = self.view.int_attr(name);
            if v.is_none_or(|v| v < 1) {
                self.error(format_args!("needs a positive integer attribute '{name}'"));
            }
            v
        };
        let flat = Flat {
            batch: get("batch_size")?,
            height: get("input_height")?,
            width: get("input_width")?,
            channels: get(channels_attr)?,
        };
        let expected = [1, 1, flat.batch * flat.height * flat.width, flat.channels];
        if self.ins[0] != expected {
            self.error(format_args!(
                "input shape {} should be {} (flattened NHWC for batch_size {}, input_height {}, input_width {}, {channels_attr} {})",
                fmt_shape(self.ins[0]),
                fmt_shape(&expected),
                flat.batch,
                flat.height,
                flat.width,
                flat.channels
            ));
            return None;
        }
        Some(flat)
    }

    /// Output height and width of a window op with `[top, bottom, left, right]` padding.
    fn flat_window(
        &mut self,
        flat: &Flat,
        kernel: &[i64],
        with_dilation: bool,
    ) -> Option<(i64, i64)> {
        let stride = self.attr_array("stride", 2)?;
        let padding = self.attr_array("padding", 4)?;
        let dilation = if with_dilation {
            self.attr_array("dilation", 2)?
        } else {
            vec![1, 1]
        };
        if padding.iter().any(|&p| p < 0) || stride.iter().any(|&s| s < 1) {
            self.error(format_args!(
                "stride {stride:?} must be positive and padding {padding:?} non-negative"
            ));
            return None;
        }
        let ceil = self.view.bool_attr("ceil_mode");
        let oh = window_output(
            flat.height,
            padding[0] + padding[1],
            kernel[0],
            stride[0],
            dilation[0],
            ceil,
        );
        let ow = window_output(
            flat.width,
            padding[2] + padding[3],
            kernel[1],
            stride[1],
            dilation[1],
            ceil,
        );
        if oh < 1 || ow < 1 {
            self.error(format_args!(
                "the window does not fit the {}x{} input",
                flat.height, flat.width
            ));
            return None;
        }
        Some((oh, ow))
    }

    pub(super) fn conv2d_flat(&mut self) {
        let Some(flat) = self.flat_input("in_channels") else {
            return;
        };
        let (Some(out_channels), Some(kernel)) = (
            self.view.int_attr("out_channels"),
            self.attr_array("kernel_size", 2),
        ) else {
            return self.error("needs 'out_channels' and 'kernel_size'");
        };
        let groups = self.view.int_attr("groups").unwrap_or(1);
        let weight = self.ins[1].to_vec();
        let expected_weight = [
            out_channels,
            flat.channels / groups.max(1),
            kernel[0],
            kernel[1],
        ];
        if groups < 1 || flat.channels % groups != 0 || weight != expected_weight {
            return self.error(format_args!(
                "weight shape {} should be {} for {} input channels in {groups} groups",
                fmt_shape(&weight),
                fmt_shape(&expected_weight),
                flat.channels
            ));
        }
        if let Some(bias) = self.ins.get(3)
            && *bias != [1, 1, 1, out_channels]
        {
            return self.error(format_args!(
                "bias shape {} should be [1, 1, 1, {out_channels}]",
                fmt_shape(bias)
            ));
        }
        let Some((oh, ow)) = self.flat_window(&flat, &kernel, true) else {
            return;
        };
        self.expect_result(&[1, 1, flat.batch * oh * ow, out_channels]);
    }

    fn pool_flat_shape(&mut self) -> Option<Vec<i64>> {
        let flat = self.flat_input("channels")?;
        let kernel = self.attr_array("kernel_size", 2)?;
        let with_dilation = self.view.info().attribute("dilation").is_some();
        let (oh, ow) = self.flat_window(&flat, &kernel, with_dilation)?;
        Some(vec![1, 1, flat.batch * oh * ow, flat.channels])
    }

    pub(super) fn pool2d_flat(&mut self) {
        if let Some(expected) = self.pool_flat_shape() {
            self.expect_result(&expected);
        }
    }

    pub(super) fn max_pool2d_with_indices_flat(&mut self) {
        let Some(expected) = self.pool_flat_shape() else {
            return;
        };
        if !self.expect_result(&expected) {
            return;
        }
        if self.outs[1] != expected.as_slice() {
            self.error(format_args!(
                "indices shape {} should be {}",
                fmt_shape(self.outs[1]),
                fmt_shape(&expected)
            ));
        }
    }

    pub(super) fn global_avg_pool2d_nhwc(&mut self) {
        let input = self.ins[0].to_vec();
        if input.len() != 4 {
            return self.error(format_args!(
                "expects a 4-D NHWC input, got {}",
                fmt_shape(&input)
            ));
        }
        self.expect_result(&[input[0], 1, 1, input[3]]);
    }

    pub(super) fn batch_norm_stats_4d(&mut self) {
        let input = self.ins[0].to_vec();
        if input.len() != 4 {
            return self.error(format_args!(
                "expects a 4-D NCHW input, got {}",
                fmt_shape(&input)
            ));
        }
        let expected = [1, input[1], 1, 1];
        let names = ["input", "running_mean", "running_var", "weight", "bias"];
        let groups = self.view.operand_groups();
        for (group, name) in groups.iter().zip(names).skip(1) {
            let Some(value) = group.first() else { continue };
            let shape = crate::view::TensorType::of_value(*value)
                .map(|t| t.shape)
                .unwrap_or_default();
            if shape != expected {
                return self.error(format_args!(
                    "{name} has shape {}; expected {}",
                    fmt_shape(&shape),
                    fmt_shape(&expected)
                ));
            }
        }
        self.expect_result(&input);
    }

    pub(super) fn reduction_one_dim(&mut self) {
        let input = self.ins[0].to_vec();
        let keep = self.view.bool_attr("keep_dim");
        let expected: Vec<i64> = match self.view.int_attr("dim") {
            None => {
                if keep {
                    vec![1; input.len()]
                } else {
                    vec![]
                }
            }
            Some(dim) => {
                let Some(d) = normalize_dim(dim, input.len()) else {
                    return self.error(format_args!(
                        "dim {dim} is out of range for rank {}",
                        input.len()
                    ));
                };
                let mut shape = input.clone();
                if keep {
                    shape[d] = 1;
                } else {
                    shape.remove(d);
                }
                shape
            }
        };
        self.expect_result(&expected);
    }

    pub(super) fn shape_attr(&mut self) {
        let shape = self.view.i64_array_attr("shape").unwrap_or_default();
        if shape != self.outs[0] {
            return self.error(format_args!(
                "shape attribute {} differs from the result shape {}",
                fmt_shape(&shape),
                fmt_shape(self.outs[0])
            ));
        }
        if self.view.info().attribute("fill_value").is_some() {
            self.full();
        }
        self.device_operand_matches_result();
    }

    /// A creation op's optional device operand is present exactly when the result lives on
    /// the device.
    pub(super) fn device_operand_matches_result(&mut self) {
        let has_device = self.view.op.operand_count() > 0;
        if let Some(layout) = self.out_layouts[0]
            && layout.on_device() != has_device
        {
            let msg = if has_device {
                format!("takes a device but its result is a host tensor ({layout})")
            } else {
                format!("creates a device tensor ({layout}) without a device operand")
            };
            self.error(msg);
        }
    }

    pub(super) fn check_to_memory_config(&mut self) {
        let (Some(i), Some(o)) = (self.in_layouts[0], self.out_layouts[0]) else {
            return;
        };
        if !i.on_device() || !o.on_device() {
            return self.error(format_args!(
                "moves between device buffers; got {i} to {o} (use to_device or from_device)"
            ));
        }
        if let Some(attr) = self.view.attribute("memory_config")
            && let Ok(mc) = crate::layout::MemoryConfig::from_attribute(attr)
            && o.memory_config() != Some(mc)
        {
            return self.error(format_args!(
                "result layout {o} does not match memory_config {mc}"
            ));
        }
        self.same_page_layout_and_dtype();
    }

    pub(super) fn check_convert_layout(&mut self) {
        let op = self.view.op;
        if let (Ok(i), Ok(o)) = (op.operand(0), op.result(0))
            && i.r#type() == o.r#type()
        {
            self.error(format_args!("converts {} to itself", i.r#type()));
        }
    }

    /// The library's attention: [B, H, L, E] query, [B, Hkv, S, E] key, [B, Hkv, S, Ev] value
    /// with H a multiple of Hkv, mask [1|B, 1|H, L, S], causal mode without a mask and with
    /// L == S.
    pub(super) fn attention_library(&mut self) {
        let (q, k, v) = (
            self.ins[0].to_vec(),
            self.ins[1].to_vec(),
            self.ins[2].to_vec(),
        );
        if q.len() != 4 || k.len() != 4 || v.len() != 4 {
            return self.error(format_args!(
                "query, key and value must be [batch, heads, sequence, head_dim], got {}, {} and {}",
                fmt_shape(&q),
                fmt_shape(&k),
                fmt_shape(&v)
            ));
        }
        if k[0] != q[0] || v[0] != q[0] || k[1] != v[1] || k[2] != v[2] || k[3] != q[3] {
            return self.error(format_args!(
                "key {} and value {} must match the query {} in batch, and each other in heads and sequence; key and query in head_dim",
                fmt_shape(&k),
                fmt_shape(&v),
                fmt_shape(&q)
            ));
        }
        if k[1] == 0 || q[1] % k[1] != 0 {
            return self.error(format_args!(
                "query heads {} are not a multiple of key/value heads {}",
                q[1], k[1]
            ));
        }
        if !self.expect_result(&[q[0], q[1], q[2], v[3]]) {
            return;
        }
        let causal = self.view.bool_attr("is_causal");
        if let Some(mask) = self.ins.get(3) {
            if causal {
                return self.error("takes no mask in causal mode (add the causal mask to it)");
            }
            let ok = mask.len() == 4
                && (mask[0] == 1 || mask[0] == q[0])
                && (mask[1] == 1 || mask[1] == q[1])
                && mask[2] == q[2]
                && mask[3] == k[2];
            if !ok {
                return self.error(format_args!(
                    "mask {} should be [1 or {}, 1 or {}, {}, {}]",
                    fmt_shape(mask),
                    q[0],
                    q[1],
                    q[2],
                    k[2]
                ));
            }
        }
        if causal && q[2] != k[2] {
            self.error(format_args!(
                "causal mode needs equal query and key lengths, got {} and {}",
                q[2], k[2]
            ));
        }
    }

    pub(super) fn check_load_cached(&mut self) {
        let op = self.view.op;
        let Some(callee) = self.view.attribute("callee") else {
            return;
        };
        let name = callee.to_string();
        let name = name.trim_start_matches('@').trim_matches('"');
        let Some(func) = find_function(op, name) else {
            return self.error(format_args!(
                "calls @{name}, which is not a function of the module"
            ));
        };
        let Ok(fty) = func.attribute("function_type") else {
            return;
        };
        let fty =
            unsafe { melior::ir::Type::from_raw(mlir_sys::mlirTypeAttrGetValue(fty.to_raw())) };
        let Ok(fty) = melior::ir::r#type::FunctionType::try_from(fty) else {
            return;
        };
        let inputs: Vec<String> = (0..fty.input_count())
            .filter_map(|i| fty.input(i).ok().map(|t| t.to_string()))
            .collect();
        let results: Vec<String> = (0..fty.result_count())
            .filter_map(|i| fty.result(i).ok().map(|t| t.to_string()))
            .collect();
        let operands: Vec<String> = op.operands().map(|v| v.r#type().to_string()).collect();
        let produced: Vec<String> = op.results().map(|v| v.r#type().to_string()).collect();
        if inputs != operands || results != produced {
            self.error(format_args!(
                "types ({}) -> ({}) do not match @{name}'s ({}) -> ({})",
                operands.join(", "),
                produced.join(", "),
                inputs.join(", "),
                results.join(", ")
            ));
        }
    }
}

/// The `func.func` called `name` in the module enclosing `op`.
fn find_function<'c, 'a>(op: OperationRef<'c, 'a>, name: &str) -> Option<OperationRef<'c, 'a>> {
    let mut module = op;
    while let Some(parent) = module.parent_operation() {
        module = parent;
    }
    let region = module.region(0).ok()?;
    let block = melior::ir::RegionLike::first_block(&region)?;
    let mut next = melior::ir::BlockLike::first_operation(&block);
    while let Some(candidate) = next {
        if candidate.name().as_string_ref().as_str() == Ok("func.func")
            && candidate
                .attribute("sym_name")
                .ok()
                .map(|a| a.to_string())
                .is_some_and(|s| s.trim_matches('"') == name)
        {
            return Some(candidate);
        }
        next = candidate.next_in_block();
    }
    None
}
