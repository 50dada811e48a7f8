//! Building small graphs and running single ops in unit tests.

use std::collections::BTreeMap;

use crate::program::{Attr, Function, Input, Op, Operand, ResultDecl, TensorSpec, ValueId};
use crate::tensor::{Data, Kind, Tensor};

use super::{GoldenError, run_golden};

fn spec(shape: &[i64], element: &str, unranked: bool) -> TensorSpec {
    TensorSpec {
        shape: shape.to_vec(),
        element: element.to_owned(),
        layout: None,
        device: false,
        unranked,
    }
}

/// An op whose operands are single values; result ids are assigned by [`graph`].
pub fn op(
    name: &str,
    operands: &[(&str, ValueId)],
    attrs: &[(&str, Attr)],
    results: &[(&[i64], &str)],
) -> Op {
    Op {
        name: name.to_owned(),
        operands: operands
            .iter()
            .map(|(n, v)| Operand {
                name: (*n).to_owned(),
                values: vec![Some(*v)],
            })
            .collect(),
        attrs: attrs
            .iter()
            .map(|(n, a)| ((*n).to_owned(), a.clone()))
            .collect::<BTreeMap<_, _>>(),
        results: results
            .iter()
            .map(|(s, e)| ResultDecl {
                id: 0,
                ty: spec(s, e, false),
            })
            .collect(),
        node: None,
        loc: None,
    }
}

/// A function of `inputs` (ids 0..), `ops` (result ids numbered on from there, in order) and
/// `outputs`.
pub fn graph(inputs: &[(&str, &[i64], &str)], mut ops: Vec<Op>, outputs: &[ValueId]) -> Function {
    let mut next = inputs.len() as ValueId;
    for op in &mut ops {
        for r in &mut op.results {
            r.id = next;
            next += 1;
        }
    }
    Function {
        name: "forward".into(),
        inputs: inputs
            .iter()
            .enumerate()
            .map(|(i, (n, s, e))| Input {
                id: i as ValueId,
                name: Some((*n).to_owned()),
                role: Some("input".into()),
                ty: spec(s, e, false),
            })
            .collect(),
        ops,
        outputs: outputs.to_vec(),
    }
}

fn element_of(t: &Tensor) -> &'static str {
    match t.kind() {
        Kind::Float => "f32",
        Kind::Int => "i64",
        Kind::Bool => "i1",
    }
}

/// Runs one op whose operand groups may be lists with absent entries; returns its `results`
/// results (declared unranked, so their types are not checked).
pub fn run_op_lists(
    name: &str,
    operands: &[(&str, Vec<Option<Tensor>>)],
    attrs: &[(&str, Attr)],
    results: usize,
) -> Result<Vec<Tensor>, GoldenError> {
    let mut inputs = Vec::new();
    let mut tensors = Vec::new();
    let mut groups = Vec::new();
    for (group, values) in operands {
        let mut ids = Vec::new();
        for v in values {
            ids.push(v.as_ref().map(|t| {
                let id = tensors.len() as ValueId;
                inputs.push(Input {
                    id,
                    name: Some(format!("in{id}")),
                    role: None,
                    ty: spec(
                        &t.shape.iter().map(|&d| d as i64).collect::<Vec<_>>(),
                        element_of(t),
                        false,
                    ),
                });
                tensors.push(t.clone());
                id
            }));
        }
        groups.push(Operand {
            name: (*group).to_owned(),
            values: ids,
        });
    }
    let first = tensors.len() as ValueId;
    let op = Op {
        name: name.to_owned(),
        operands: groups,
        attrs: attrs
            .iter()
            .map(|(n, a)| ((*n).to_owned(), a.clone()))
            .collect(),
        results: (0..results)
            .map(|i| ResultDecl {
                id: first + i as ValueId,
                ty: spec(&[], "f32", true),
            })
            .collect(),
        node: Some("node".into()),
        loc: None,
    };
    let func = Function {
        name: "forward".into(),
        inputs,
        ops: vec![op],
        outputs: (0..results).map(|i| first + i as ValueId).collect(),
    };
    run_golden(&func, &tensors).map(|r| r.outputs)
}

/// Runs one op of single-value operands; returns its `results` results.
pub fn run_op(
    name: &str,
    operands: &[(&str, Tensor)],
    attrs: &[(&str, Attr)],
    results: usize,
) -> Result<Vec<Tensor>, GoldenError> {
    let groups: Vec<(&str, Vec<Option<Tensor>>)> = operands
        .iter()
        .map(|(n, t)| (*n, vec![Some(t.clone())]))
        .collect();
    run_op_lists(name, &groups, attrs, results)
}

/// Runs a one-result op and unwraps it.
pub fn run1(name: &str, operands: &[(&str, Tensor)], attrs: &[(&str, Attr)]) -> Tensor {
    run_op(name, operands, attrs, 1)
        .unwrap_or_else(|e| panic!("{e}"))
        .remove(0)
}

/// The float values of a tensor.
pub fn floats(t: &Tensor) -> Vec<f32> {
    match &t.data {
        Data::F32(v) => v.clone(),
        other => panic!("expected floats, found {other:?}"),
    }
}

/// Asserts two float slices agree to `tol`.
pub fn assert_close(found: &[f32], expected: &[f32], tol: f32) {
    assert_eq!(found.len(), expected.len(), "{found:?} vs {expected:?}");
    for (i, (f, e)) in found.iter().zip(expected).enumerate() {
        assert!(
            (f - e).abs() <= tol || (f.is_nan() && e.is_nan()) || f == e,
            "element {i}: {f} vs {e} ({found:?} vs {expected:?})"
        );
    }
}

/// A float tensor `0, 1, 2, ...` of `shape`.
pub fn iota(shape: &[usize]) -> Tensor {
    let n = shape.iter().product();
    Tensor::f32(shape.to_vec(), (0..n).map(|i| i as f32).collect())
}

pub fn ints(v: &[i64]) -> Attr {
    Attr::Ints(v.to_vec())
}
