//! The kernel of every ttnn op (an exhaustive `match` over [`TtnnOp`]) and the helpers kernels
//! share: reading operands, the declared result type, storing results.

use std::collections::HashMap;

use super::tensor::{DType, DevTensor};
use super::{Slot, TtnnOp, data, eltwise, linalg, reduce};
use crate::program::{Op, ValueId};

/// The values of a function being interpreted.
pub(super) type Env = HashMap<ValueId, Slot>;

/// Runs one op.
pub(super) fn run(kind: TtnnOp, op: &Op, env: &Env) -> Result<Vec<Slot>, String> {
    let k = Kernel { op, env };
    use TtnnOp::*;
    match kind {
        GetDevice => Ok(vec![Slot::Device]),
        ToDevice | FromDevice | ToLayout | Typecast | ToMemoryConfig | ConvertLayout => {
            let input = k.input("input")?;
            let (_, tile, dtype, on_device) = k.result_spec(0)?;
            Ok(vec![Slot::tensor(input.converted(tile, dtype, on_device))])
        }
        Deallocate => {
            k.input("input")?;
            Ok(vec![])
        }
        LoadCached => Err("is run by the session, not as a kernel".into()),
        Abs | Neg | Exp | Log | Log1p | Expm1 | Sqrt | Rsqrt | Reciprocal | Sigmoid | Tanh
        | Relu | Silu | Sin | Cos | Tan | Asin | Acos | Atan | Sinh | Cosh | Asinh | Acosh
        | Atanh | Erf | Erfc | Floor | Ceil | Round | Trunc | Sign | BitwiseNot | LogicalNot
        | Isfinite | Isnan | Gelu | LeakyRelu | Elu | Clamp => eltwise::unary(&k, kind),
        Add | Subtract | Multiply | Divide | Pow | Maximum | Minimum | Remainder | Atan2
        | BitwiseAnd | BitwiseOr | BitwiseXor | Eq | Ne | Gt | Ge | Lt | Le | LogicalAnd
        | LogicalOr | LogicalXor => eltwise::binary(&k, kind),
        Where => eltwise::select(&k),
        Sum | Mean | Max | Min => reduce::reduce(&k, kind),
        Prod => reduce::prod(&k),
        Argmax => reduce::argmax(&k),
        Cumsum => reduce::cumsum(&k),
        Softmax => reduce::softmax(&k),
        LayerNorm | RmsNorm => reduce::last_dim_norm(&k, kind == LayerNorm),
        BatchNorm => reduce::batch_norm(&k),
        Matmul => linalg::matmul(&k, false),
        Linear => linalg::matmul(&k, true),
        Conv2d => linalg::conv2d(&k),
        ScaledDotProductAttention => linalg::attention(&k),
        MaxPool2d | AvgPool2d | MaxPool2dWithIndices => data::pool2d(&k, kind),
        GlobalAvgPool2d => data::global_avg_pool2d(&k),
        Reshape => data::reshape(&k),
        Transpose => data::transpose(&k),
        Permute => data::permute(&k),
        Repeat => data::repeat(&k),
        Slice => data::slice(&k),
        Pad => data::pad(&k),
        Concat => data::concat(&k),
        Embedding => data::embedding(&k),
        Gather => data::gather(&k),
        Constant => data::constant(&k),
        Full => data::full(&k),
        Arange => data::arange(&k),
        Rand => data::rand(&k),
    }
}

/// One op's operands, attributes and declared results.
pub(super) struct Kernel<'k> {
    pub op: &'k Op,
    env: &'k Env,
}

impl<'k> Kernel<'k> {
    fn tensor(&self, id: ValueId) -> Result<&'k DevTensor, String> {
        match self.env.get(&id) {
            Some(Slot::Tensor(t)) => Ok(t.as_ref()),
            Some(Slot::Freed) => Err(format!("uses value {id} after ttnn.deallocate freed it")),
            Some(Slot::Device) => Err(format!("value {id} is the device, not a tensor")),
            None => Err(format!("value {id} is used before it is defined")),
        }
    }

    /// The single tensor of operand group `name`.
    pub fn input(&self, name: &str) -> Result<&'k DevTensor, String> {
        let id = self
            .op
            .one(name)
            .ok_or_else(|| format!("has no operand '{name}'"))?;
        self.tensor(id)
    }

    /// The tensor of optional operand group `name`, if given.
    pub fn opt_input(&self, name: &str) -> Result<Option<&'k DevTensor>, String> {
        match self.op.one(name) {
            Some(id) => self.tensor(id).map(Some),
            None => Ok(None),
        }
    }

    /// Every tensor of operand group `name`.
    pub fn inputs(&self, name: &str) -> Result<Vec<&'k DevTensor>, String> {
        self.op
            .operand(name)
            .into_iter()
            .map(|id| self.tensor(id))
            .collect()
    }

    /// Result `i`'s shape, page layout (tile?), data type and place (on device?).
    pub fn result_spec(&self, i: usize) -> Result<(Vec<usize>, bool, DType, bool), String> {
        let r = self
            .op
            .results
            .get(i)
            .ok_or_else(|| format!("has no result #{i}"))?;
        let layout =
            r.ty.layout
                .as_ref()
                .ok_or_else(|| format!("result #{i} has no #ttnn.layout"))?;
        let dtype = DType::parse(&layout.dtype)
            .ok_or_else(|| format!("result #{i} has unknown data type {}", layout.dtype))?;
        Ok((
            r.ty.shape.iter().map(|&d| d as usize).collect(),
            layout.page == "tile",
            dtype,
            layout.buffer != "system_memory",
        ))
    }

    /// Result `i` with the given logical values (f64: exact for integers).
    pub fn emit(&self, i: usize, values: Vec<f64>) -> Result<Slot, String> {
        let (shape, tile, dtype, on_device) = self.result_spec(i)?;
        let n: usize = shape.iter().product();
        if values.len() != n {
            return Err(format!(
                "internal error: computed {} values for result #{i} of shape {shape:?}",
                values.len()
            ));
        }
        Ok(Slot::tensor(if dtype.is_float() {
            DevTensor::from_f32(
                shape,
                values.iter().map(|&v| v as f32).collect(),
                tile,
                dtype,
                on_device,
            )
        } else {
            // Integer results wrap into their type as integer arithmetic does (`bitwise_not`
            // of u16 5 is 65530, an si32 sum past 2^31 - 1 wraps); NaN becomes 0.
            let ints = values
                .iter()
                .map(|&v| if v.is_nan() { 0 } else { v.trunc() as i64 })
                .collect();
            DevTensor::from_i64(shape, ints, tile, dtype, on_device)
        }))
    }

    /// Result `i` with the given logical f32 values.
    pub fn emit_f32(&self, i: usize, values: Vec<f32>) -> Result<Slot, String> {
        let (shape, tile, dtype, on_device) = self.result_spec(i)?;
        if values.len() != shape.iter().product::<usize>() {
            return Err(format!(
                "internal error: computed {} values for result #{i} of shape {shape:?}",
                values.len()
            ));
        }
        Ok(Slot::tensor(DevTensor::from_f32(
            shape, values, tile, dtype, on_device,
        )))
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        self.op.attr(name).and_then(|a| a.as_i64())
    }

    pub fn float(&self, name: &str) -> Option<f64> {
        self.op.attr(name).and_then(|a| a.as_f64())
    }

    pub fn flag(&self, name: &str) -> bool {
        self.op
            .attr(name)
            .and_then(|a| a.as_bool())
            .unwrap_or(false)
    }

    pub fn ints(&self, name: &str) -> Option<Vec<i64>> {
        self.op.attr(name).and_then(|a| a.as_ints())
    }

    pub fn string(&self, name: &str) -> Option<&str> {
        self.op.attr(name).and_then(|a| a.as_str())
    }
}

/// Row-major strides of a shape.
pub(super) fn strides(shape: &[usize]) -> Vec<usize> {
    let mut s = vec![1; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        s[i] = s[i + 1] * shape[i + 1];
    }
    s
}

/// Checks a 2-D window's attributes: `kernel_size`, `stride` and `dilation` of two positive
/// values, `padding` of four non-negative ones.
pub(super) fn check_window(ks: &[i64], st: &[i64], pd: &[i64], dl: &[i64]) -> Result<(), String> {
    if ks.len() != 2 || st.len() != 2 || pd.len() != 4 || dl.len() != 2 {
        return Err(format!(
            "expects 2-D kernel_size, stride and dilation and 4 paddings, got {ks:?}, {st:?}, {dl:?} and {pd:?}"
        ));
    }
    if ks.iter().chain(st).chain(dl).any(|&v| v <= 0) || pd.iter().any(|&v| v < 0) {
        return Err(format!(
            "has a non-positive kernel size, stride or dilation or a negative padding: {ks:?}, {st:?}, {dl:?}, {pd:?}"
        ));
    }
    Ok(())
}

/// For each element of `out` (row-major), the flat index of the element of `input` it reads
/// under NumPy broadcasting (`input` aligned to the trailing dimensions); an error when
/// `input` does not broadcast to `out`.
pub(super) fn broadcast_indices(input: &[usize], out: &[usize]) -> Result<Vec<usize>, String> {
    let broadcasts = input.len() <= out.len()
        && input
            .iter()
            .zip(&out[out.len() - input.len()..])
            .all(|(&i, &o)| i == o || i == 1);
    if !broadcasts {
        return Err(format!(
            "an operand of shape {input:?} does not broadcast to the result shape {out:?}"
        ));
    }
    let n: usize = out.iter().product();
    let offset = out.len() - input.len();
    let in_strides = strides(input);
    let out_strides = strides(out);
    Ok((0..n)
        .map(|flat| {
            let mut idx = 0;
            for (d, &size) in input.iter().enumerate() {
                if size == 1 {
                    continue;
                }
                let coord = (flat / out_strides[d + offset]) % out[d + offset];
                idx += coord * in_strides[d];
            }
            idx
        })
        .collect())
}

/// Normalises a possibly negative dimension.
pub(super) fn dim(d: i64, rank: usize) -> Result<usize, String> {
    let r = rank as i64;
    let n = if d < 0 { d + r } else { d };
    if n < 0 || n >= r.max(1) {
        return Err(format!("dimension {d} is out of range for rank {rank}"));
    }
    Ok(n as usize)
}
