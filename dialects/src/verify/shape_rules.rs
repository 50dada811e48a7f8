//! Shape rules of the ttir families beyond the basics: where, reductions, normalisation with
//! batch statistics, convolution and pooling, data movement, creation and attention.

use melior::ir::attribute::AttributeLike;

use super::checks::RuleCtx;
use crate::shapes::{broadcast, broadcasts_to, fmt_shape, normalize_dim, num_elements};

/// Output size of one spatial dimension of a convolution or pooling window.
pub(crate) fn window_output(
    size: i64,
    pad: i64,
    kernel: i64,
    stride: i64,
    dilation: i64,
    ceil_mode: bool,
) -> i64 {
    let span = size + pad - dilation * (kernel - 1) - 1;
    if span < 0 || stride <= 0 {
        return 0;
    }
    let mut out = if ceil_mode {
        (span + stride - 1) / stride + 1
    } else {
        span / stride + 1
    };
    // With ceil_mode the last window must start inside the input or its leading padding.
    if ceil_mode && (out - 1) * stride >= size + pad / 2 {
        out -= 1;
    }
    out
}

impl RuleCtx<'_, '_, '_, '_> {
    pub(super) fn expect_result(&mut self, expected: &[i64]) -> bool {
        if self.outs[0] != expected {
            let msg = format!(
                "result shape {} should be {}",
                fmt_shape(self.outs[0]),
                fmt_shape(expected)
            );
            self.error(msg);
            return false;
        }
        true
    }

    pub(super) fn attr_array(&mut self, name: &str, len: usize) -> Option<Vec<i64>> {
        let Some(values) = self.view.i64_array_attr(name) else {
            self.error(format_args!("needs a dense i64 array attribute '{name}'"));
            return None;
        };
        if values.len() != len {
            self.error(format_args!(
                "'{name}' has {} entries; expected {len}",
                values.len()
            ));
            return None;
        }
        Some(values)
    }

    pub(super) fn check_where(&mut self) {
        let shape = broadcast(self.ins[0], self.ins[1]).and_then(|s| broadcast(&s, self.ins[2]));
        let Some(shape) = shape else {
            let msg = format!(
                "operand shapes {}, {} and {} are not broadcast-compatible",
                fmt_shape(self.ins[0]),
                fmt_shape(self.ins[1]),
                fmt_shape(self.ins[2])
            );
            return self.error(msg);
        };
        if self.expect_result(&shape) {
            self.same_elements(&[1, 2]);
        }
    }

    /// The reduced dimensions (normalised, sorted, unique), or all of them.
    fn reduced_dims(&mut self, rank: usize) -> Option<Vec<usize>> {
        let Some(dims) = self.view.i64_array_attr("dim_arg") else {
            return Some((0..rank).collect());
        };
        let mut out = Vec::with_capacity(dims.len());
        for d in dims {
            let Some(n) = normalize_dim(d, rank) else {
                self.error(format_args!(
                    "dim_arg entry {d} is out of range for rank {rank}"
                ));
                return None;
            };
            if out.contains(&n) {
                self.error(format_args!("dim_arg names dimension {n} twice"));
                return None;
            }
            out.push(n);
        }
        out.sort_unstable();
        Some(out)
    }

    fn reduced_shape(&self, dims: &[usize], keep: bool) -> Vec<i64> {
        let input = self.ins[0];
        (0..input.len())
            .filter_map(|i| match (dims.contains(&i), keep) {
                (false, _) => Some(input[i]),
                (true, true) => Some(1),
                (true, false) => None,
            })
            .collect()
    }

    pub(super) fn reduction(&mut self, bool_result: bool) {
        let Some(dims) = self.reduced_dims(self.ins[0].len()) else {
            return;
        };
        let keep = self.view.bool_attr("keep_dim");
        let expected = self.reduced_shape(&dims, keep);
        if !self.expect_result(&expected) {
            return;
        }
        if bool_result {
            self.bool_result();
        } else {
            self.same_elements(&[0]);
        }
    }

    pub(super) fn argmax(&mut self) {
        let rank = self.ins[0].len();
        let keep = self.view.bool_attr("keep_dim");
        let expected = match self.view.attribute("dim") {
            None if keep => vec![1; rank],
            None => vec![],
            Some(_) => {
                let Some(d) = self.dim_in_range("dim", rank) else {
                    return;
                };
                self.reduced_shape(&[d], keep)
            }
        };
        if self.expect_result(&expected) && self.check_elements && !is_integer(self.out_elems[0]) {
            let msg = format!(
                "result has element type {}; expected an integer type",
                self.out_elems[0]
            );
            self.error(msg);
        }
    }

    pub(super) fn batch_norm(&mut self) {
        let input = self.ins[0];
        if input.len() < 2 {
            return self.error("input must have rank at least 2 (N, C, ...)");
        }
        let channels = input[1];
        let groups = self.view.operand_groups();
        let names = ["input", "running_mean", "running_var", "weight", "bias"];
        for (group, name) in groups.iter().zip(names).skip(1) {
            let Some(value) = group.first() else { continue };
            let shape = crate::view::TensorType::of_value(*value)
                .map(|t| t.shape)
                .unwrap_or_default();
            if num_elements(&shape) != channels || shape.len() != 1 {
                let msg = format!(
                    "{name} has shape {}; expected [{channels}]",
                    fmt_shape(&shape)
                );
                return self.error(msg);
            }
        }
        let expected = input.to_vec();
        if self.expect_result(&expected) {
            self.same_elements(&[0]);
        }
    }

    pub(super) fn conv2d(&mut self) {
        let (input, weight) = (self.ins[0].to_vec(), self.ins[1].to_vec());
        if input.len() != 4 || weight.len() != 4 {
            let msg = format!(
                "expects a 4-D input and weight (NCHW, OIHW), got {} and {}",
                fmt_shape(&input),
                fmt_shape(&weight)
            );
            return self.error(msg);
        }
        let (Some(stride), Some(padding), Some(dilation)) = (
            self.attr_array("stride", 2),
            self.attr_array("padding", 4),
            self.attr_array("dilation", 2),
        ) else {
            return;
        };
        let groups = self.view.int_attr("groups").unwrap_or(1);
        if groups < 1 || input[1] != weight[1] * groups || weight[0] % groups != 0 {
            let msg = format!(
                "input has {} channels but weight {} expects {} x {groups} groups",
                input[1],
                fmt_shape(&weight),
                weight[1]
            );
            return self.error(msg);
        }
        if let Some(bias) = self.ins.get(2)
            && num_elements(bias) != weight[0]
        {
            let msg = format!(
                "bias has shape {}; expected [{}]",
                fmt_shape(bias),
                weight[0]
            );
            return self.error(msg);
        }
        let oh = window_output(
            input[2],
            padding[0] + padding[2],
            weight[2],
            stride[0],
            dilation[0],
            false,
        );
        let ow = window_output(
            input[3],
            padding[1] + padding[3],
            weight[3],
            stride[1],
            dilation[1],
            false,
        );
        if self.expect_result(&[input[0], weight[0], oh, ow]) {
            let all: Vec<usize> = (0..self.ins.len()).collect();
            self.same_elements(&all);
        }
    }

    fn pool_shape(&mut self, with_dilation: bool) -> Option<Vec<i64>> {
        let input = self.ins[0].to_vec();
        if input.len() != 4 {
            self.error(format_args!(
                "expects a 4-D NCHW input, got {}",
                fmt_shape(&input)
            ));
            return None;
        }
        let kernel = self.attr_array("kernel_size", 2)?;
        let stride = self.attr_array("stride", 2)?;
        let padding = self.attr_array("padding", 4)?;
        let dilation = if with_dilation {
            self.attr_array("dilation", 2)?
        } else {
            vec![1, 1]
        };
        let ceil = self.view.bool_attr("ceil_mode");
        let oh = window_output(
            input[2],
            padding[0] + padding[2],
            kernel[0],
            stride[0],
            dilation[0],
            ceil,
        );
        let ow = window_output(
            input[3],
            padding[1] + padding[3],
            kernel[1],
            stride[1],
            dilation[1],
            ceil,
        );
        Some(vec![input[0], input[1], oh, ow])
    }

    pub(super) fn pool2d(&mut self) {
        let with_dilation = self.view.info().attribute("dilation").is_some();
        let Some(expected) = self.pool_shape(with_dilation) else {
            return;
        };
        if self.expect_result(&expected) {
            self.same_elements(&[0]);
        }
    }

    pub(super) fn max_pool2d_with_indices(&mut self) {
        let Some(expected) = self.pool_shape(true) else {
            return;
        };
        if !self.expect_result(&expected) {
            return;
        }
        if self.outs[1] != expected.as_slice() {
            let msg = format!(
                "indices shape {} should be {}",
                fmt_shape(self.outs[1]),
                fmt_shape(&expected)
            );
            return self.error(msg);
        }
        if self.check_elements && !is_integer(self.out_elems[1]) {
            let msg = format!(
                "indices have element type {}; expected an integer type",
                self.out_elems[1]
            );
            return self.error(msg);
        }
        self.same_elements(&[0]);
    }

    pub(super) fn global_avg_pool2d(&mut self) {
        let input = self.ins[0].to_vec();
        if input.len() != 4 {
            return self.error(format_args!(
                "expects a 4-D NCHW input, got {}",
                fmt_shape(&input)
            ));
        }
        if self.expect_result(&[input[0], input[1], 1, 1]) {
            self.same_elements(&[0]);
        }
    }

    pub(super) fn check_broadcast(&mut self) {
        if !broadcasts_to(self.ins[0], self.outs[0]) {
            let msg = format!(
                "cannot broadcast {} to {}",
                fmt_shape(self.ins[0]),
                fmt_shape(self.outs[0])
            );
            return self.error(msg);
        }
        self.same_elements(&[0]);
    }

    pub(super) fn repeat(&mut self) {
        let input = self.ins[0].to_vec();
        let name = if self.view.info().attribute("repeats").is_some() {
            "repeats"
        } else {
            "repeat_dims"
        };
        let Some(repeats) = self.attr_array(name, input.len()) else {
            return;
        };
        if repeats.iter().any(|&r| r < 0) {
            return self.error(format_args!("repeats {repeats:?} must not be negative"));
        }
        let expected: Vec<i64> = input.iter().zip(&repeats).map(|(d, r)| d * r).collect();
        if self.expect_result(&expected) {
            self.same_elements(&[0]);
        }
    }

    pub(super) fn slice(&mut self) {
        let input = self.ins[0].to_vec();
        let rank = input.len();
        let (Some(begins), Some(ends), Some(steps)) = (
            self.attr_array("begins", rank),
            self.attr_array("ends", rank),
            self.attr_array(
                if self.view.info().attribute("steps").is_some() {
                    "steps"
                } else {
                    "step"
                },
                rank,
            ),
        ) else {
            return;
        };
        let mut expected = Vec::with_capacity(rank);
        for i in 0..rank {
            let (b, e, s) = (begins[i], ends[i], steps[i]);
            if s < 1 || b < 0 || b > e || e > input[i] {
                let msg = format!(
                    "dimension {i}: slice {b}:{e}:{s} of size {} needs 0 <= begin <= end <= size and step >= 1",
                    input[i]
                );
                return self.error(msg);
            }
            expected.push((e - b + s - 1) / s);
        }
        if self.expect_result(&expected) {
            self.same_elements(&[0]);
        }
    }

    pub(super) fn pad(&mut self) {
        let input = self.ins[0].to_vec();
        let Some(padding) = self.attr_array("padding", 2 * input.len()) else {
            return;
        };
        if padding.iter().any(|&p| p < 0) {
            return self.error(format_args!("padding {padding:?} must not be negative"));
        }
        let expected: Vec<i64> = input
            .iter()
            .enumerate()
            .map(|(i, d)| d + padding[2 * i] + padding[2 * i + 1])
            .collect();
        if self.expect_result(&expected) {
            self.same_elements(&[0]);
        }
    }

    pub(super) fn reverse(&mut self) {
        let rank = self.ins[0].len();
        let dims = self.view.i64_array_attr("dimensions").unwrap_or_default();
        if let Some(d) = dims.iter().find(|&&d| normalize_dim(d, rank).is_none()) {
            return self.error(format_args!(
                "dimension {d} is out of range for rank {rank}"
            ));
        }
        let expected = self.ins[0].to_vec();
        if self.expect_result(&expected) {
            self.same_elements(&[0]);
        }
    }

    pub(super) fn gather(&mut self) {
        let (input, index) = (self.ins[0].to_vec(), self.ins[1].to_vec());
        if input.len() != index.len() {
            let msg = format!(
                "index {} must have the input's rank ({})",
                fmt_shape(&index),
                input.len()
            );
            return self.error(msg);
        }
        if self.dim_in_range("dim", input.len()).is_none() {
            return;
        }
        if self.check_elements && !is_integer(self.in_elems[1]) {
            let msg = format!(
                "index has element type {}; expected an integer type",
                self.in_elems[1]
            );
            return self.error(msg);
        }
        if self.expect_result(&index) {
            self.same_elements(&[0]);
        }
    }

    pub(super) fn index_select(&mut self) {
        let (input, index) = (self.ins[0].to_vec(), self.ins[1].to_vec());
        let Some(dim) = self.dim_in_range("dim", input.len()) else {
            return;
        };
        if index.len() > 1 {
            return self.error(format_args!("index must be 1-D, got {}", fmt_shape(&index)));
        }
        if self.check_elements && !is_integer(self.in_elems[1]) {
            let msg = format!(
                "index has element type {}; expected an integer type",
                self.in_elems[1]
            );
            return self.error(msg);
        }
        let mut expected = input.clone();
        expected[dim] = index.first().copied().unwrap_or(1);
        if self.expect_result(&expected) {
            self.same_elements(&[0]);
        }
    }

    pub(super) fn constant(&mut self) {
        let Some(value) = self.view.attribute("value") else {
            return;
        };
        let value_type =
            unsafe { melior::ir::Type::from_raw(mlir_sys::mlirAttributeGetType(value.to_raw())) };
        let result_type = self
            .view
            .op
            .result(0)
            .map(|r| melior::ir::ValueLike::r#type(&r));
        let same = |a: melior::ir::Type<'_>, b: melior::ir::Type<'_>| match (
            crate::view::TensorType::of(a),
            crate::view::TensorType::of(b),
        ) {
            (Some(x), Some(y)) => x.shape == y.shape && x.element_name() == y.element_name(),
            _ => a == b,
        };
        if let Ok(result_type) = result_type
            && !same(value_type, result_type)
        {
            self.error(format_args!(
                "value has type {value_type} but the result has type {result_type}"
            ));
        }
    }

    pub(super) fn full(&mut self) {
        match self.view.attribute("fill_value") {
            Some(a) if a.is_integer() || a.is_float() => {}
            _ => self.error("fill_value must be an integer or float attribute"),
        }
    }

    pub(super) fn arange(&mut self) {
        let number = |name: &str| {
            self.view
                .float_attr(name)
                .or_else(|| self.view.int_attr(name).map(|v| v as f64))
        };
        let (Some(start), Some(end), Some(step)) = (number("start"), number("end"), number("step"))
        else {
            return;
        };
        if step == 0.0 || !step.is_finite() || !start.is_finite() || !end.is_finite() {
            return self.error(format_args!(
                "start {start}, end {end} and step {step} must be finite, step non-zero"
            ));
        }
        let count = ((end - start) / step).ceil().max(0.0) as i64;
        self.expect_result(&[count]);
    }

    pub(super) fn attention(&mut self) {
        let (q, k, v) = (
            self.ins[0].to_vec(),
            self.ins[1].to_vec(),
            self.ins[2].to_vec(),
        );
        if q.len() < 2 || k.len() != q.len() || v.len() != q.len() {
            let msg = format!(
                "query, key and value must have one rank of at least 2, got {}, {} and {}",
                fmt_shape(&q),
                fmt_shape(&k),
                fmt_shape(&v)
            );
            return self.error(msg);
        }
        let r = q.len();
        if q[r - 1] != k[r - 1] || k[r - 2] != v[r - 2] {
            let msg = format!(
                "query {} and key {} must agree on the embedding size and key and value {} on the \
                 sequence length",
                fmt_shape(&q),
                fmt_shape(&k),
                fmt_shape(&v)
            );
            return self.error(msg);
        }
        let Some(batch) =
            broadcast(&q[..r - 2], &k[..r - 2]).and_then(|b| broadcast(&b, &v[..r - 2]))
        else {
            return self.error("the leading dimensions of query, key and value do not broadcast");
        };
        let mut expected = batch.clone();
        expected.extend([q[r - 2], v[r - 1]]);
        if !self.expect_result(&expected) {
            return;
        }
        if let Some(mask) = self.ins.get(3) {
            let mut scores = batch;
            scores.extend([q[r - 2], k[r - 2]]);
            if !broadcasts_to(mask, &scores) {
                let msg = format!(
                    "mask {} does not broadcast to the scores {}",
                    fmt_shape(mask),
                    fmt_shape(&scores)
                );
                return self.error(msg);
            }
        }
        self.same_elements(&[0, 1, 2]);
    }
}

pub(super) fn is_integer(element: &str) -> bool {
    element.starts_with('i') || element.starts_with("si") || element.starts_with("ui")
}

#[cfg(test)]
mod tests {
    use super::window_output;

    #[test]
    fn window_sizes_follow_pytorch() {
        // conv 3x3 stride 1 no padding on 28: 26.
        assert_eq!(window_output(28, 0, 3, 1, 1, false), 26);
        // resnet stem: 224, pad 3+3, kernel 7, stride 2: 112.
        assert_eq!(window_output(224, 6, 7, 2, 1, false), 112);
        // max pool 3x3 stride 2 pad 1+1 on 112: 56.
        assert_eq!(window_output(112, 2, 3, 2, 1, false), 56);
        // ceil mode: 5 with kernel 2 stride 2 gives 3 (floor 2).
        assert_eq!(window_output(5, 0, 2, 2, 1, true), 3);
        assert_eq!(window_output(5, 0, 2, 2, 1, false), 2);
    }
}
