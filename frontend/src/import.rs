//! Importing a parsed graph into the `aten` dialect.
//!
//! - One `func.func @forward` per graph. Placeholders become arguments that keep their FX names
//!   (`{aten.name = "arg0_1"}`, and a name location `loc("arg0_1"(file:line:col))`) and, when
//!   known, their role (`{ttc.role = "parameter"}`, see `ttc_dialects::roles`).
//! - Every call node becomes one op named after its overload (`aten.addmm.default`), with a name
//!   location carrying the node's name and its line in the graph text. Calls outside the `aten`
//!   namespace become `aten.operator {name = "prims.foo.default"}`.
//! - Result types come from the annotations. A node that returns a tuple has no annotation; its
//!   results take the types annotated on the `tuple[i]` getitems that read them, and results no
//!   getitem reads are unranked tensors (`tensor<*xf32>`: the trace did not record their shape).
//!   A `Tensor[]` return (`split`) has as many results as the highest getitem index + 1.
//! - `return (a, None, b)` returns `a` and `b`; the positions of `None` entries are kept in the
//!   function attribute `aten.none_outputs`.

use std::collections::{BTreeMap, HashMap};

use melior::Context;
use melior::ir::attribute::{ArrayAttribute, DictionaryAttribute, StringAttribute, TypeAttribute};
use melior::ir::operation::{OperationBuilder, OperationLike, OperationRef};
use melior::ir::r#type::FunctionType;
use melior::ir::{
    Attribute, Block, BlockLike, Identifier, Location, Module, Region, RegionLike, Type, Value,
    ValueLike,
};
use serde::Serialize;

use crate::args::{Resolve, bind_with_schema, bind_without_schema};
use crate::error::FrontendError;
use crate::graph::{Annotation, Expr, ExprKind, Graph, Node, Pos};
use crate::literal::tensor_type;
use ttc_dialects::aten::{OPERATOR_OP, SchemaTable};
use ttc_dialects::roles::{self, ArgRole};

/// Name of the imported function.
pub const FUNC_NAME: &str = "forward";
/// Argument attribute holding a placeholder's FX name.
pub const ARG_NAME_ATTR: &str = "aten.name";
/// Function attribute listing the output positions that were `None`.
pub const NONE_OUTPUTS_ATTR: &str = "aten.none_outputs";

/// Counts of the traced graph, as pytorch2.0_ttnn reports them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportStats {
    /// `aten.*` call nodes (`getitem` is not an aten op).
    pub ops_before: usize,
    /// Distinct overloads among them.
    pub unique_ops_before: usize,
    /// Overload name to count.
    pub ops_before_by_name: BTreeMap<String, usize>,
}

/// An imported graph.
pub struct Imported<'c> {
    /// The `aten` module.
    pub module: Module<'c>,
    /// Its op counts.
    pub stats: ImportStats,
}

/// What the importer is told beyond the graph text.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The role of placeholders by name (from a model's `meta.json`, or given by an embedding
    /// backend). Placeholders named as torch.export names parameters (`p_*`), buffers (`b_*`)
    /// and constants (`c_*`) get their role without it.
    pub roles: HashMap<String, ArgRole>,
}

/// Parses graph text and imports it. `file` names the source in locations and errors.
pub fn import_text<'c>(
    context: &'c Context,
    text: &str,
    file: &str,
) -> Result<Imported<'c>, FrontendError> {
    import_text_with(context, text, file, &ImportOptions::default())
}

/// [`import_text`] with options.
pub fn import_text_with<'c>(
    context: &'c Context,
    text: &str,
    file: &str,
    options: &ImportOptions,
) -> Result<Imported<'c>, FrontendError> {
    let graph = crate::graph::parse(text, file)?;
    import_graph_with(context, &graph, file, options)
}

/// What a name in the graph stands for.
#[derive(Clone, Copy)]
enum Binding<'c, 'b> {
    Value(Value<'c, 'b>),
    /// A node returning several values, read through getitems.
    Tuple(OperationRef<'c, 'b>),
    /// A node returning nothing (`_assert_tensor_metadata`).
    Nothing,
}

struct Env<'c, 'b> {
    bindings: HashMap<String, (Binding<'c, 'b>, Pos)>,
    file: String,
}

impl<'c, 'b> Resolve<'c, 'b> for Env<'c, 'b> {
    fn value(&self, expr: &Expr) -> Result<Value<'c, 'b>, FrontendError> {
        let err = |msg: String| FrontendError::at(&self.file, expr.pos, msg);
        match &expr.kind {
            ExprKind::Name(name) => match self.bindings.get(name) {
                Some((Binding::Value(v), _)) => Ok(*v),
                Some((Binding::Tuple(_), _)) => Err(err(format!(
                    "'{name}' is a tuple; expected one of its elements ({name}[i])"
                ))),
                Some((Binding::Nothing, _)) => Err(err(format!("'{name}' has no value"))),
                None => Err(err(format!("'{name}' is not defined before this use"))),
            },
            ExprKind::GetItem { base, index } => match self.bindings.get(base) {
                Some((Binding::Tuple(op), _)) => {
                    let i = usize::try_from(*index)
                        .ok()
                        .filter(|&i| i < op.result_count())
                        .ok_or_else(|| {
                            let n = op.result_count();
                            let plural = if n == 1 { "" } else { "s" };
                            err(format!(
                                "'{base}' has {n} result{plural}; index {index} is out of range"
                            ))
                        })?;
                    Ok(op.result(i).expect("index checked").into())
                }
                Some(_) => Err(err(format!("'{base}' is not a tuple"))),
                None => Err(err(format!("'{base}' is not defined before this use"))),
            },
            _ => Err(err("expected a graph value".into())),
        }
    }
}

fn location<'c>(context: &'c Context, file: &str, name: &str, pos: Pos) -> Location<'c> {
    Location::name(
        context,
        name,
        Location::new(context, file, pos.line, pos.col),
    )
}

/// Imports a parsed graph.
pub fn import_graph<'c>(
    context: &'c Context,
    graph: &Graph,
    file: &str,
) -> Result<Imported<'c>, FrontendError> {
    import_graph_with(context, graph, file, &ImportOptions::default())
}

/// [`import_graph`] with options.
pub fn import_graph_with<'c>(
    context: &'c Context,
    graph: &Graph,
    file: &str,
    options: &ImportOptions,
) -> Result<Imported<'c>, FrontendError> {
    let schemas = SchemaTable::builtin();
    let err = |pos: Pos, msg: String| FrontendError::at(file, pos, msg);

    // Types of tuple elements, from the getitems that read them.
    let mut element_types: HashMap<&str, BTreeMap<usize, &Annotation>> = HashMap::new();
    for node in &graph.nodes {
        if let (ExprKind::GetItem { base, index }, Some(ann)) = (&node.value.kind, &node.annotation)
            && *index >= 0
        {
            element_types
                .entry(base.as_str())
                .or_default()
                .insert(*index as usize, ann);
        }
    }

    let mut arg_types = Vec::with_capacity(graph.params.len());
    let mut arg_locs = Vec::with_capacity(graph.params.len());
    for p in &graph.params {
        let Some(ann) = &p.annotation else {
            return Err(err(
                p.pos,
                format!(
                    "placeholder '{}' has no annotation; expected its dtype and shape (\"f32[1, 784]\")",
                    p.name
                ),
            ));
        };
        arg_types.push(tensor_type(context, ann, file)?);
        arg_locs.push(location(context, file, &p.name, p.pos));
    }
    let block_args: Vec<(Type<'c>, Location<'c>)> = arg_types
        .iter()
        .copied()
        .zip(arg_locs.iter().copied())
        .collect();
    let block = Block::new(&block_args);
    let mut stats = ImportStats::default();
    let (result_types, none_outputs) = {
        let mut env = Env {
            bindings: HashMap::new(),
            file: file.to_owned(),
        };
        for (i, p) in graph.params.iter().enumerate() {
            if let Some((_, first)) = env.bindings.insert(
                p.name.clone(),
                (
                    Binding::Value(block.argument(i).expect("in range").into()),
                    p.pos,
                ),
            ) {
                return Err(err(
                    p.pos,
                    format!(
                        "'{}' is defined twice (first on line {})",
                        p.name, first.line
                    ),
                ));
            }
        }
        for node in &graph.nodes {
            let binding = import_node(
                context,
                &block,
                &env,
                node,
                &element_types,
                schemas,
                &mut stats,
                file,
            )?;
            if let Some((_, first)) = env.bindings.get(&node.name) {
                return Err(err(
                    node.pos,
                    format!(
                        "'{}' is defined twice (first on line {})",
                        node.name, first.line
                    ),
                ));
            }
            env.bindings.insert(node.name.clone(), (binding, node.pos));
        }

        let mut returned = Vec::new();
        let mut none_outputs = Vec::new();
        let return_pos = graph
            .output
            .as_ref()
            .map(|o| o.pos)
            .unwrap_or(Pos { line: 1, col: 1 });
        if let Some(output) = &graph.output {
            for (i, v) in output.values.iter().enumerate() {
                match &v.kind {
                    ExprKind::None => none_outputs.push(i as i64),
                    ExprKind::Name(_) | ExprKind::GetItem { .. } => returned.push(env.value(v)?),
                    _ => {
                        return Err(err(
                            v.pos,
                            "expected a graph value or None in the return statement".into(),
                        ));
                    }
                }
            }
        }
        let types: Vec<Type<'c>> = returned.iter().map(|v| v.r#type()).collect();
        block.append_operation(
            OperationBuilder::new("func.return", location(context, file, "output", return_pos))
                .add_operands(&returned)
                .build()
                .expect("func.return builds"),
        );
        (types, none_outputs)
    };
    stats.unique_ops_before = stats.ops_before_by_name.len();

    let region = Region::new();
    region.append_block(block);
    let function_type = FunctionType::new(context, &arg_types, &result_types);
    let arg_attrs: Vec<Attribute<'c>> = graph
        .params
        .iter()
        .map(|p| {
            let mut entries = vec![(
                Identifier::new(context, ARG_NAME_ATTR),
                StringAttribute::new(context, &p.name).into(),
            )];
            let role = options
                .roles
                .get(&p.name)
                .copied()
                .or_else(|| ArgRole::from_export_name(&p.name));
            if let Some(role) = role {
                entries.push((
                    Identifier::new(context, roles::ATTR),
                    StringAttribute::new(context, role.as_str()).into(),
                ));
            }
            DictionaryAttribute::new(context, &entries).into()
        })
        .collect();
    let mut attributes = vec![
        (
            Identifier::new(context, "sym_name"),
            StringAttribute::new(context, FUNC_NAME).into(),
        ),
        (
            Identifier::new(context, "function_type"),
            TypeAttribute::new(function_type.into()).into(),
        ),
        (
            Identifier::new(context, "arg_attrs"),
            ArrayAttribute::new(context, &arg_attrs).into(),
        ),
    ];
    if !none_outputs.is_empty() {
        attributes.push((
            Identifier::new(context, NONE_OUTPUTS_ATTR),
            melior::ir::attribute::DenseI64ArrayAttribute::new(context, &none_outputs).into(),
        ));
    }
    let func_loc = Location::name(
        context,
        &graph.class_name,
        Location::new(context, file, 1, 1),
    );
    let func = OperationBuilder::new("func.func", func_loc)
        .add_attributes(&attributes)
        .add_regions([region])
        .build()
        .expect("func.func builds");
    let module = Module::new(Location::new(context, file, 1, 1));
    module.body().append_operation(func);
    Ok(Imported { module, stats })
}

#[allow(clippy::too_many_arguments)]
fn import_node<'c, 'b>(
    context: &'c Context,
    block: &'b Block<'c>,
    env: &Env<'c, 'b>,
    node: &Node,
    element_types: &HashMap<&str, BTreeMap<usize, &Annotation>>,
    schemas: &SchemaTable,
    stats: &mut ImportStats,
    file: &str,
) -> Result<Binding<'c, 'b>, FrontendError> {
    let err = |pos: Pos, msg: String| FrontendError::at(file, pos, msg);
    let (target, args, kwargs) = match &node.value.kind {
        ExprKind::Call {
            target,
            args,
            kwargs,
        } => (target, args, kwargs),
        ExprKind::GetItem { .. } => return Ok(Binding::Value(env.value(&node.value)?)),
        _ => {
            return Err(err(
                node.value.pos,
                "expected a call of torch.ops.<namespace>.<op>.<overload> or an element of a tuple node".into(),
            ));
        }
    };
    let key = target
        .strip_prefix("torch.ops.")
        .filter(|k| k.split('.').count() == 3)
        .ok_or_else(|| {
            err(
                node.value.pos,
                format!(
                    "expected a call of torch.ops.<namespace>.<op>.<overload>, found '{target}'"
                ),
            )
        })?;
    let is_aten = key.starts_with("aten.");
    let schema = if is_aten { schemas.get(key) } else { None };
    let bound = match schema {
        Some(s) => bind_with_schema(context, s, args, kwargs, env, file)?,
        None => bind_without_schema(context, args, kwargs, env, file)?,
    };

    let result_types: Vec<Type<'c>> = match &node.annotation {
        Some(ann) => vec![tensor_type(context, ann, file)?],
        None => {
            let known = element_types.get(node.name.as_str());
            let from_getitems = known
                .and_then(|m| m.keys().max())
                .map(|&i| i + 1)
                .unwrap_or(0);
            let count = match schema.and_then(|s| s.fixed_result_count()) {
                Some(n) if from_getitems > n => {
                    return Err(err(
                        node.pos,
                        format!(
                            "'{}' returns {n} values but index {} is read",
                            node.name,
                            from_getitems - 1
                        ),
                    ));
                }
                Some(n) => n,
                None => from_getitems,
            };
            let fallback_element = bound
                .operands
                .iter()
                .find_map(|v| melior::ir::r#type::RankedTensorType::try_from(v.r#type()).ok())
                .map(|t| melior::ir::r#type::ShapedTypeLike::element(&t))
                .unwrap_or_else(|| Type::float32(context));
            let unranked = unsafe {
                Type::from_raw(mlir_sys::mlirUnrankedTensorTypeGet(
                    melior::ir::TypeLike::to_raw(&fallback_element),
                ))
            };
            let mut types = Vec::with_capacity(count);
            for i in 0..count {
                types.push(match known.and_then(|m| m.get(&i)) {
                    Some(ann) => tensor_type(context, ann, file)?,
                    None => unranked,
                });
            }
            types
        }
    };

    let op_name = if is_aten { key } else { OPERATOR_OP };
    let mut attributes: Vec<(Identifier<'c>, Attribute<'c>)> = bound
        .attributes
        .iter()
        .map(|(n, a)| (Identifier::new(context, n), *a))
        .collect();
    if !is_aten {
        attributes.push((
            Identifier::new(context, "name"),
            StringAttribute::new(context, key).into(),
        ));
    }
    let op = OperationBuilder::new(op_name, location(context, file, &node.name, node.pos))
        .add_operands(&bound.operands)
        .add_results(&result_types)
        .add_attributes(&attributes)
        .build()
        .map_err(|e| err(node.pos, format!("cannot build '{op_name}': {e}")))?;
    let op = block.append_operation(op);
    if is_aten {
        stats.ops_before += 1;
        *stats.ops_before_by_name.entry(key.to_owned()).or_default() += 1;
    }
    Ok(match (node.annotation.is_some(), op.result_count()) {
        (true, _) => Binding::Value(op.result(0).expect("annotated node has a result").into()),
        (false, 0) => Binding::Nothing,
        (false, _) => Binding::Tuple(op),
    })
}
