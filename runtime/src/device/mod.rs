//! The device interpreter: runs a Program's ttnn functions the way a Wormhole computes them.
//!
//! Every tensor is a [`DevTensor`]: tiled tensors are really tiled (values in tile order over
//! the padded shape), and values are what their storage type holds (bf16 rounded to nearest
//! even, block floats sharing exponents, integers in range). Kernels read logical values,
//! compute in f32 (matrix products with the matrix engine's fidelity phases and f32
//! accumulation, see `numerics::matmul`), and store the result in the result's declared
//! layout and data type. Host fallbacks (aten ops left in the program) run with the golden
//! interpreter's f32 semantics. `ttnn.load_cached` runs its const-eval function on the first
//! call of a [`Session`] and reuses the results afterwards; `ttnn.deallocate` frees a value, and
//! any later use of it is an error.
//!
//! [`kernels`] dispatches on the generated [`TtnnOp`] enum with an exhaustive `match`: an op
//! added to `dialects/td/Ttnn*.td` does not build until it has a kernel here.

mod data;
mod eltwise;
mod kernels;
mod linalg;
mod reduce;
pub mod tensor;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

pub use tensor::{DType, DevTensor, Store};

use crate::program::{Function, Op, Program, TensorSpec, ValueId};
use crate::tensor::{Data, Kind, Tensor};

include!(concat!(env!("OUT_DIR"), "/ttnn_ops.rs"));

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A host input does not fit the program's argument (count, shape, element type, data).
    #[error("{0}")]
    Input(String),
    /// An op failed; `loc` is its source location (or node, or function).
    #[error("{loc}: error: '{op}' {message}")]
    Op {
        op: String,
        loc: String,
        message: String,
    },
    /// The program itself is inconsistent (no entry function, undefined results).
    #[error("program error: {0}")]
    Program(String),
}

/// What a run of the compiled program produced.
#[derive(Debug)]
pub struct DeviceRun {
    /// The entry function's results, as host tensors.
    pub outputs: Vec<Tensor>,
    /// Every value of the entry function (when asked for), for per-op comparisons.
    pub values: HashMap<ValueId, Arc<DevTensor>>,
    /// ttnn ops executed (const-eval functions included on the first run).
    pub ops_executed: usize,
    /// Wall time of the interpreter.
    pub seconds: f64,
}

/// A value during interpretation. Tensors are shared: passing a value to a const-eval
/// function or returning a cached result does not copy it.
#[derive(Clone, Debug)]
pub(crate) enum Slot {
    Tensor(Arc<DevTensor>),
    Device,
    Freed,
}

impl Slot {
    pub(crate) fn tensor(t: DevTensor) -> Slot {
        Slot::Tensor(Arc::new(t))
    }
}

/// A program being run, with its const-eval cache.
pub struct Session<'p> {
    program: &'p Program,
    cache: HashMap<String, Vec<Slot>>,
    /// Const-eval functions being computed (a function that reaches itself is an error).
    in_progress: HashSet<String>,
    ops_executed: usize,
}

impl<'p> Session<'p> {
    /// A session over `program`; const-eval results are computed on the first run.
    pub fn new(program: &'p Program) -> Self {
        Session {
            program,
            cache: HashMap::new(),
            in_progress: HashSet::new(),
            ops_executed: 0,
        }
    }

    /// Runs the entry function on host `inputs` (in the function's argument order; they are
    /// consumed, so a model's weights are not held twice). With `keep_values`, every value of
    /// the entry function is returned too.
    pub fn run(&mut self, inputs: Vec<Tensor>, keep_values: bool) -> Result<DeviceRun, RunError> {
        let start = Instant::now();
        self.ops_executed = 0;
        let entry = self
            .program
            .function(&self.program.entry)
            .ok_or_else(|| RunError::Program(format!("no function '{}'", self.program.entry)))?;
        if inputs.len() != entry.inputs.len() {
            return Err(RunError::Input(format!(
                "the program takes {} inputs, {} given",
                entry.inputs.len(),
                inputs.len()
            )));
        }
        let mut args = Vec::new();
        for (i, (input, decl)) in inputs.into_iter().zip(&entry.inputs).enumerate() {
            let name = decl.name.clone().unwrap_or_else(|| format!("#{i}"));
            args.push(Slot::tensor(host_to_dev(input, &decl.ty).map_err(|m| {
                RunError::Input(format!("input {i} ({name}): {m}"))
            })?));
        }
        let mut values = HashMap::new();
        let results = self.call(entry, args, keep_values.then_some(&mut values))?;
        let mut outputs = Vec::new();
        for (i, slot) in results.into_iter().enumerate() {
            let Slot::Tensor(t) = slot else {
                return Err(RunError::Program(format!("result {i} is not a tensor")));
            };
            let spec = entry
                .outputs
                .get(i)
                .and_then(|id| find_type(entry, *id))
                .ok_or_else(|| RunError::Program(format!("result {i} has no type")))?;
            outputs.push(dev_to_host(&t, &spec));
        }
        Ok(DeviceRun {
            outputs,
            values,
            ops_executed: self.ops_executed,
            seconds: start.elapsed().as_secs_f64(),
        })
    }

    /// Runs `func` on `args`. A value is dropped after its last use (the interpreter's own
    /// liveness, on top of the program's `ttnn.deallocate`s), so memory holds only live values.
    pub(crate) fn call(
        &mut self,
        func: &Function,
        args: Vec<Slot>,
        mut keep: Option<&mut HashMap<ValueId, Arc<DevTensor>>>,
    ) -> Result<Vec<Slot>, RunError> {
        let outputs: HashSet<ValueId> = func.outputs.iter().copied().collect();
        let mut last_use: HashMap<ValueId, usize> = HashMap::new();
        for (i, op) in func.ops.iter().enumerate() {
            for id in op.operands.iter().flat_map(|o| o.values.iter().flatten()) {
                last_use.insert(*id, i);
            }
        }
        // Declared element types, for host fallbacks (a bool mask is stored as integers).
        let elements: HashMap<ValueId, &str> = func
            .inputs
            .iter()
            .map(|i| (i.id, i.ty.element.as_str()))
            .chain(
                func.ops
                    .iter()
                    .flat_map(|o| o.results.iter().map(|r| (r.id, r.ty.element.as_str()))),
            )
            .collect();
        let mut env: HashMap<ValueId, Slot> = HashMap::new();
        for (decl, arg) in func.inputs.iter().zip(args) {
            if last_use.contains_key(&decl.id) || outputs.contains(&decl.id) {
                env.insert(decl.id, arg);
            }
        }
        for (i, op) in func.ops.iter().enumerate() {
            let results = self
                .exec(op, &env, &elements)
                .map_err(|message| RunError::Op {
                    op: op.name.clone(),
                    loc: op
                        .loc
                        .clone()
                        .or_else(|| op.node.clone())
                        .unwrap_or_else(|| func.name.clone()),
                    message,
                })?;
            if op.name == "ttnn.deallocate"
                && let Some(id) = op.one("input")
            {
                env.insert(id, Slot::Freed);
            }
            for id in op.operands.iter().flat_map(|o| o.values.iter().flatten()) {
                if last_use.get(id) == Some(&i) && !outputs.contains(id) {
                    env.remove(id);
                }
            }
            for (decl, value) in op.results.iter().zip(results) {
                if let (Some(map), Slot::Tensor(t)) = (keep.as_deref_mut(), &value) {
                    map.insert(decl.id, t.clone());
                }
                if last_use.contains_key(&decl.id) || outputs.contains(&decl.id) {
                    env.insert(decl.id, value);
                }
            }
        }
        func.outputs
            .iter()
            .map(|id| {
                env.get(id).cloned().ok_or_else(|| {
                    RunError::Program(format!("{}: result value {id} is never defined", func.name))
                })
            })
            .collect()
    }

    fn exec(
        &mut self,
        op: &Op,
        env: &HashMap<ValueId, Slot>,
        elements: &HashMap<ValueId, &str>,
    ) -> Result<Vec<Slot>, String> {
        let get = |id: ValueId| -> Result<&DevTensor, String> {
            match env.get(&id) {
                Some(Slot::Tensor(t)) => Ok(t.as_ref()),
                Some(Slot::Freed) => Err(format!("uses value {id} after ttnn.deallocate freed it")),
                Some(Slot::Device) => Err(format!("value {id} is the device, not a tensor")),
                None => Err(format!("value {id} is used before it is defined")),
            }
        };
        if op.name.starts_with("aten.") {
            let inputs = op
                .operands
                .iter()
                .flat_map(|o| o.values.iter().flatten())
                .map(|&id| {
                    get(id).map(
                        |t| match elements.get(&id).and_then(|e| Kind::of_element(e)) {
                            Some(Kind::Bool) => Tensor::bool(
                                t.shape.clone(),
                                t.logical_f64().iter().map(|&v| v != 0.0).collect(),
                            ),
                            _ => dev_to_host_any(t),
                        },
                    )
                })
                .collect::<Result<Vec<_>, _>>()?;
            return guarded(|| host_fallback(op, inputs));
        }
        let kind = TtnnOp::from_name(&op.name).ok_or_else(|| {
            format!(
                "is not an op this runtime knows (format {})",
                crate::program::VERSION
            )
        })?;
        if kind == TtnnOp::LoadCached {
            return self.load_cached(op, env);
        }
        self.ops_executed += 1;
        guarded(|| kernels::run(kind, op, env))
    }

    fn load_cached(&mut self, op: &Op, env: &HashMap<ValueId, Slot>) -> Result<Vec<Slot>, String> {
        let callee = op
            .attr("callee")
            .and_then(|a| a.as_str())
            .ok_or("has no callee")?
            .to_owned();
        if let Some(cached) = self.cache.get(&callee) {
            return Ok(cached.clone());
        }
        if !self.in_progress.insert(callee.clone()) {
            return Err(format!(
                "calls @{callee}, which is already being computed (a const-eval cycle)"
            ));
        }
        let program = self.program;
        let func = program
            .function(&callee)
            .ok_or_else(|| format!("calls @{callee}, which the program does not have"))?;
        let args = op
            .operands
            .iter()
            .flat_map(|o| o.values.iter().flatten())
            .map(|id| {
                env.get(id)
                    .cloned()
                    .ok_or(format!("value {id} is undefined"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let results = self.call(func, args, None).map_err(|e| e.to_string());
        self.in_progress.remove(&callee);
        let results = results?;
        self.cache.insert(callee, results.clone());
        Ok(results)
    }
}

/// Runs a kernel; a kernel that panics on a malformed program (a case no check caught) becomes
/// an error at its op instead of aborting the run.
fn guarded<T>(kernel: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(kernel)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("unknown failure");
        Err(format!(
            "cannot be executed: its operands or attributes are inconsistent ({what})"
        ))
    })
}

fn find_type(func: &Function, id: ValueId) -> Option<TensorSpec> {
    func.inputs
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.ty.clone())
        .or_else(|| {
            func.ops
                .iter()
                .flat_map(|o| &o.results)
                .find(|r| r.id == id)
                .map(|r| r.ty.clone())
        })
}

/// A host input as the program's argument type expects it.
fn host_to_dev(t: Tensor, spec: &TensorSpec) -> Result<DevTensor, String> {
    let shape: Vec<usize> = spec.shape.iter().map(|&d| d as usize).collect();
    if t.shape != shape {
        return Err(format!(
            "has shape {:?} but the program expects {:?}",
            t.shape, shape
        ));
    }
    let len = match &t.data {
        Data::F32(v) => v.len(),
        Data::I64(v) => v.len(),
        Data::Bool(v) => v.len(),
    };
    if len != t.numel() {
        return Err(format!(
            "holds {len} values but its shape {:?} has {}",
            t.shape,
            t.numel()
        ));
    }
    let want = Kind::of_element(&spec.element)
        .ok_or_else(|| format!("has element type {} the runtime cannot feed", spec.element))?;
    if t.kind() != want {
        return Err(format!(
            "is a {t} tensor but the program expects element type {}",
            spec.element
        ));
    }
    let layout = spec
        .layout
        .as_ref()
        .ok_or("the program's argument has no layout")?;
    let dtype = DType::parse(&layout.dtype).ok_or("unknown data type")?;
    let tile = layout.page == "tile";
    let on_device = layout.buffer != "system_memory";
    Ok(match t.data {
        Data::F32(v) => DevTensor::from_f32(shape, v, tile, dtype, on_device),
        Data::I64(v) => DevTensor::from_i64(shape, v, tile, dtype, on_device),
        Data::Bool(v) => DevTensor::from_i64(
            shape,
            v.iter().map(|&b| b as i64).collect(),
            tile,
            dtype,
            on_device,
        ),
    })
}

/// A result as the host tensor of its declared element type.
pub(crate) fn dev_to_host(t: &DevTensor, spec: &TensorSpec) -> Tensor {
    match Kind::of_element(&spec.element).unwrap_or(Kind::Float) {
        Kind::Float => Tensor::f32(t.shape.clone(), t.logical_f32()),
        Kind::Int => Tensor::i64(t.shape.clone(), t.logical_i64()),
        Kind::Bool => Tensor::bool(
            t.shape.clone(),
            t.logical_f64().iter().map(|&v| v != 0.0).collect(),
        ),
    }
}

/// A tensor as a host tensor of its storage kind.
pub(crate) fn dev_to_host_any(t: &DevTensor) -> Tensor {
    match t.store.as_ref() {
        Store::F32(_) => Tensor::f32(t.shape.clone(), t.logical_f32()),
        Store::I64(_) => Tensor::i64(t.shape.clone(), t.logical_i64()),
    }
}

/// Runs a host fallback (an aten op left in the program) with the golden semantics.
fn host_fallback(op: &Op, inputs: Vec<Tensor>) -> Result<Vec<Slot>, String> {
    let refs: Vec<&Tensor> = inputs.iter().collect();
    let outputs = crate::golden::eval_op(op, &refs)?;
    if outputs.len() < op.results.len() {
        return Err(format!(
            "computes {} results on the host; the program declares {}",
            outputs.len(),
            op.results.len()
        ));
    }
    op.results
        .iter()
        .zip(outputs)
        .enumerate()
        .map(|(i, (decl, t))| {
            let declared: Vec<usize> = decl.ty.shape.iter().map(|&d| d as usize).collect();
            if !decl.ty.unranked && t.shape != declared {
                return Err(format!(
                    "result {i} has shape {:?} on the host; the program declares {declared:?}",
                    t.shape
                ));
            }
            let layout = decl
                .ty
                .layout
                .as_ref()
                .ok_or("host result without layout")?;
            let dtype = DType::parse(&layout.dtype).ok_or("unknown data type")?;
            let shape = t.shape.clone();
            Ok(Slot::tensor(
                match t
                    .convert(if dtype.is_float() {
                        Kind::Float
                    } else {
                        Kind::Int
                    })
                    .data
                {
                    Data::F32(v) => {
                        DevTensor::from_f32(shape, v, layout.page == "tile", dtype, false)
                    }
                    Data::I64(v) => {
                        DevTensor::from_i64(shape, v, layout.page == "tile", dtype, false)
                    }
                    Data::Bool(_) => unreachable!("converted to float or int"),
                },
            ))
        })
        .collect()
}

/// Runs `program` once on `inputs` (a fresh session).
pub fn run_program(
    program: &Program,
    inputs: Vec<Tensor>,
    keep_values: bool,
) -> Result<DeviceRun, RunError> {
    Session::new(program).run(inputs, keep_values)
}
