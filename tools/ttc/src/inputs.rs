//! Inputs for a run: read from a safetensors file by placeholder name, or made up from a seed.
//!
//! Made-up inputs follow what each argument is for: its role (parameter, buffer, input) from
//! the meta.json the program was compiled with, or else how the traced graph uses it (a
//! `weight`, `bias`, `running_var`, `mat2` operand is a parameter); integer
//! arguments that index an embedding table get indices within the table; other integer and
//! boolean arguments (attention masks, token types without a table) are ones; float
//! parameters and buffers of rank two or more are uniform in ±1/sqrt(fan-in) (PyTorch's
//! default initialisation); rank-0/1 ones the graph adds (biases, running means) uniform in
//! ±1/sqrt(length), the others (norm weights, running variances) uniform in [0.5, 1.5]; float
//! inputs are standard normal. Every value comes from the seeded
//! counter-based generator, so a seed always gives the same tensors.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use ttc_runtime::program::{Function, Program, ValueId};
use ttc_runtime::rng::uniform;
use ttc_runtime::tensor::{Kind, Tensor};

/// The inputs of `program`'s entry function, in order, from a safetensors file.
pub fn inputs_from_file(program: &Program, path: &Path) -> Result<Vec<Tensor>, String> {
    let tensors = ttc_runtime::io::read_safetensors(path).map_err(|e| e.to_string())?;
    let entry = entry(program)?;
    let mut out = Vec::new();
    for (i, input) in entry.inputs.iter().enumerate() {
        let name = input
            .name
            .clone()
            .ok_or_else(|| format!("argument {i} has no placeholder name to look up"))?;
        let t = tensors.get(&name).ok_or_else(|| {
            let known: Vec<&str> = tensors.keys().map(String::as_str).take(8).collect();
            format!(
                "{}: no tensor '{name}' for argument {i} (the file has {}{})",
                path.display(),
                known.join(", "),
                if tensors.len() > 8 { ", ..." } else { "" }
            )
        })?;
        let want: Vec<usize> = input.ty.shape.iter().map(|&d| d as usize).collect();
        if t.shape != want {
            return Err(format!(
                "{}: tensor '{name}' has shape {:?}; argument {i} needs {:?}",
                path.display(),
                t.shape,
                want
            ));
        }
        let kind = Kind::of_element(&input.ty.element).ok_or_else(|| {
            format!(
                "argument {i} ({name}) has element type {}",
                input.ty.element
            )
        })?;
        if t.kind() != kind && !(t.kind() == Kind::Int && kind == Kind::Bool) {
            return Err(format!(
                "{}: tensor '{name}' is {t}; argument {i} needs element type {}",
                path.display(),
                input.ty.element
            ));
        }
        out.push(t.convert(kind));
    }
    Ok(out)
}

/// The `output_<i>` tensors of a safetensors file (the corpus reference format).
pub fn expected_outputs(path: &Path, count: usize) -> Result<Vec<Tensor>, String> {
    let tensors = ttc_runtime::io::read_safetensors(path).map_err(|e| e.to_string())?;
    (0..count)
        .map(|i| {
            tensors
                .get(&format!("output_{i}"))
                .cloned()
                .ok_or_else(|| format!("{}: no tensor 'output_{i}'", path.display()))
        })
        .collect()
}

fn entry(program: &Program) -> Result<&Function, String> {
    program
        .function(&program.entry)
        .ok_or_else(|| format!("the program has no function '{}'", program.entry))
}

/// For each value a view-like op of the golden graph computes, the value it views.
fn view_sources(g: &Function) -> HashMap<ValueId, ValueId> {
    let keeps = |name: &str| {
        [
            "slice",
            "view",
            "reshape",
            "unsqueeze",
            "squeeze",
            "expand",
            "clone",
            "_to_copy",
            "alias",
            "select",
            "permute",
            "transpose",
            "t",
            "contiguous",
        ]
        .iter()
        .any(|k| name.starts_with(&format!("aten.{k}.")))
    };
    let mut producer = HashMap::new();
    for op in &g.ops {
        if keeps(&op.name)
            && let (Some(src), Some(r)) = (
                op.operands
                    .first()
                    .and_then(|o| o.values.first().copied().flatten()),
                op.results.first(),
            )
        {
            producer.insert(r.id, src);
        }
    }
    producer
}

fn root(producer: &HashMap<ValueId, ValueId>, mut id: ValueId) -> ValueId {
    while let Some(&src) = producer.get(&id) {
        id = src;
    }
    id
}

/// The graph inputs that, through views, feed an operand `is_parameter(op, operand)` accepts.
fn inputs_feeding(
    golden: Option<&Function>,
    is_parameter: impl Fn(&str, &str) -> bool,
) -> HashSet<ValueId> {
    let Some(g) = golden else {
        return HashSet::new();
    };
    let producer = view_sources(g);
    let inputs: HashSet<ValueId> = g.inputs.iter().map(|i| i.id).collect();
    g.ops
        .iter()
        .flat_map(|op| op.operands.iter().map(move |operand| (op, operand)))
        .filter(|(op, operand)| is_parameter(&op.name, &operand.name))
        .flat_map(|(_, operand)| operand.values.iter().flatten())
        .map(|&v| root(&producer, v))
        .filter(|id| inputs.contains(id))
        .collect()
}

/// Rank-1 parameters the golden graph adds rather than multiplies: biases (`bias` operands,
/// `addmm`'s `self`) and running means. They are drawn small, like PyTorch's bias init; other
/// rank-1 parameters (norm scales, running variances) around 1.
fn additive_parameters(golden: Option<&Function>) -> HashSet<ValueId> {
    inputs_feeding(golden, |op, operand| {
        operand == "bias"
            || operand == "running_mean"
            || (operand == "self"
                && ["aten.addmm.", "aten.baddbmm.", "aten.addmv."]
                    .iter()
                    .any(|p| op.starts_with(p)))
    })
}

/// Arguments the golden graph uses as parameters: through views, a `weight`, `bias`,
/// `running_mean` or `running_var` operand, `mm`'s `mat2`, or `addmm`'s `self`. Used when the
/// program does not say which arguments are parameters (compiled without a meta.json).
fn parameter_like(golden: Option<&Function>) -> HashSet<ValueId> {
    inputs_feeding(golden, |op, operand| {
        matches!(
            operand,
            "weight" | "bias" | "running_mean" | "running_var" | "mat2"
        ) || (operand == "self" && op.starts_with("aten.addmm."))
    })
}

/// For arguments used as embedding indices: the number of rows of the table they index.
fn index_ranges(golden: Option<&Function>) -> HashMap<ValueId, i64> {
    let mut ranges = HashMap::new();
    let Some(g) = golden else {
        return ranges;
    };
    let producer = view_sources(g);
    let shapes: HashMap<ValueId, Vec<i64>> = g
        .inputs
        .iter()
        .map(|i| (i.id, i.ty.shape.clone()))
        .chain(
            g.ops
                .iter()
                .flat_map(|o| o.results.iter().map(|r| (r.id, r.ty.shape.clone()))),
        )
        .collect();
    for op in &g.ops {
        if !op.name.starts_with("aten.embedding.") {
            continue;
        }
        let (Some(w), Some(idx)) = (op.one("weight"), op.one("indices")) else {
            continue;
        };
        let rows = shapes.get(&w).and_then(|s| s.first().copied()).unwrap_or(1);
        let idx = root(&producer, idx);
        let e = ranges.entry(idx).or_insert(rows);
        *e = (*e).min(rows);
    }
    ranges
}

/// Seeded inputs for `program`'s entry function (see the module doc).
pub fn random_inputs(program: &Program, seed: u64) -> Result<Vec<Tensor>, String> {
    let entry = entry(program)?;
    let golden = program.golden.as_ref();
    let ranges = index_ranges(golden);
    let additive = additive_parameters(golden);
    let parameters = parameter_like(golden);
    let mut out = Vec::new();
    for (i, input) in entry.inputs.iter().enumerate() {
        let shape: Vec<usize> = input.ty.shape.iter().map(|&d| d as usize).collect();
        let n: usize = shape.iter().product();
        let stream = seed.wrapping_mul(1_000_003).wrapping_add(i as u64);
        let u = |j: usize| uniform(stream, j as u64);
        let kind = Kind::of_element(&input.ty.element)
            .ok_or_else(|| format!("argument {i} has element type {}", input.ty.element))?;
        // The golden graph's argument i is the same placeholder.
        let golden_id = golden.and_then(|g| g.inputs.get(i)).map(|a| a.id);
        let constant = match input.role.as_deref() {
            Some(role) => role != "input",
            None => golden_id.is_some_and(|id| parameters.contains(&id)),
        };
        out.push(match kind {
            Kind::Int => match golden_id.and_then(|id| ranges.get(&id)) {
                Some(&rows) => Tensor::i64(
                    shape,
                    (0..n)
                        .into_par_iter()
                        .map(|j| ((u(j) * rows as f64) as i64).min(rows - 1))
                        .collect(),
                ),
                None => Tensor::i64(shape, vec![1; n]),
            },
            Kind::Bool => Tensor::bool(shape, vec![true; n]),
            Kind::Float if constant && shape.len() >= 2 => {
                let fan_in: usize = shape[1..].iter().product();
                let bound = 1.0 / (fan_in.max(1) as f64).sqrt();
                Tensor::f32(
                    shape,
                    (0..n)
                        .into_par_iter()
                        .map(|j| ((2.0 * u(j) - 1.0) * bound) as f32)
                        .collect(),
                )
            }
            Kind::Float if constant && golden_id.is_some_and(|id| additive.contains(&id)) => {
                let bound = 1.0 / (n.max(1) as f64).sqrt();
                Tensor::f32(
                    shape,
                    (0..n)
                        .into_par_iter()
                        .map(|j| ((2.0 * u(j) - 1.0) * bound) as f32)
                        .collect(),
                )
            }
            Kind::Float if constant => Tensor::f32(
                shape,
                (0..n)
                    .into_par_iter()
                    .map(|j| (0.5 + u(j)) as f32)
                    .collect(),
            ),
            Kind::Float => Tensor::f32(
                shape,
                (0..n)
                    .into_par_iter()
                    .map(|j| {
                        // Box-Muller from two uniforms of the stream.
                        let (a, b) = (
                            uniform(stream, 2 * j as u64),
                            uniform(stream, 2 * j as u64 + 1),
                        );
                        ((-2.0 * (1.0 - a).ln()).sqrt() * (2.0 * std::f64::consts::PI * b).cos())
                            as f32
                    })
                    .collect(),
            ),
        });
    }
    Ok(out)
}

/// Names of the entry function's arguments (`#i` when unnamed).
pub fn input_names(program: &Program) -> Vec<String> {
    program
        .function(&program.entry)
        .map(|f| {
            f.inputs
                .iter()
                .enumerate()
                .map(|(i, a)| a.name.clone().unwrap_or_else(|| format!("#{i}")))
                .collect()
        })
        .unwrap_or_default()
}

/// Inputs given by name, in argument order.
pub fn inputs_by_name(
    program: &Program,
    mut named: BTreeMap<String, Tensor>,
) -> Result<Vec<Tensor>, String> {
    let ordered = input_names(program)
        .iter()
        .map(|n| {
            named
                .remove(n)
                .ok_or_else(|| format!("no tensor given for input '{n}'"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(extra) = named.keys().next() {
        return Err(format!(
            "'{extra}' is not an input of the program (its inputs: {})",
            input_names(program).join(", ")
        ));
    }
    Ok(ordered)
}
