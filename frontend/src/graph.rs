//! The traced-graph text: its syntax tree and its parser (pest grammar in `graph.pest`).
//!
//! Parsing only checks syntax; names, annotations and op arguments are checked by the
//! importer. Every node keeps the line and column where it starts, so every later diagnostic can
//! point into the graph text.

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

use crate::error::FrontendError;

#[derive(Parser)]
#[grammar = "graph.pest"]
struct GraphParser;

/// A 1-based line and column in the graph text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
}

/// A parsed graph: one `forward` of one `GraphModule`.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    /// `<lambda>` or `GraphModule`.
    pub class_name: String,
    /// The placeholders, in order.
    pub params: Vec<Param>,
    /// The nodes, in order.
    pub nodes: Vec<Node>,
    /// The `return` statement, if any.
    pub output: Option<Output>,
}

/// A placeholder: a parameter of `forward`.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// FX name (`arg0_1`, `primals_3`, `tangents_1`, `input_ids`).
    pub name: String,
    /// Its annotation, if printed.
    pub annotation: Option<Annotation>,
    /// Where the name starts.
    pub pos: Pos,
}

/// A tensor annotation such as `"f32[1, 784]"`.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// The dtype abbreviation (`f32`, `i64`, `b8`, ...), or the whole string when it is not a
    /// tensor annotation.
    pub dtype: String,
    /// The dimensions; `None` when the annotation is not of the form `"<dtype>[...]"`.
    pub shape: Option<Vec<Dim>>,
    /// Where the annotation starts.
    pub pos: Pos,
}

/// One dimension of an annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dim {
    /// A known size.
    Static(i64),
    /// A symbolic size (`s0`).
    Symbolic(String),
}

/// One node: `name: "ann" = value;  a = b = None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The node's name.
    pub name: String,
    /// Its annotation, if printed (tuple-returning and `None`-returning nodes have none).
    pub annotation: Option<Annotation>,
    /// What it computes.
    pub value: Expr,
    /// Where the name starts.
    pub pos: Pos,
}

/// The `return` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// The returned values: the tuple's elements, or the one value.
    pub values: Vec<Expr>,
    /// Where `return` starts.
    pub pos: Pos,
}

/// An expression with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it starts.
    pub pos: Pos,
}

/// The kinds of expressions that occur in graph text.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `torch.ops.aten.addmm.default(a, b, alpha = 2)` or `device(type='cpu')`.
    Call {
        /// The dotted callee.
        target: String,
        /// Positional arguments.
        args: Vec<Expr>,
        /// Keyword arguments in order.
        kwargs: Vec<(String, Expr)>,
    },
    /// `tuple_node[1]`.
    GetItem {
        /// The node indexed.
        base: String,
        /// The index.
        index: i64,
    },
    /// A reference to a placeholder or node.
    Name(String),
    /// An integer literal.
    Int(i64),
    /// A float literal (including `inf`, `-inf`, `nan`).
    Float(f64),
    /// `True` / `False`.
    Bool(bool),
    /// `None`.
    None,
    /// A string literal, unescaped.
    Str(String),
    /// `[...]`.
    List(Vec<Expr>),
    /// `(...)`.
    Tuple(Vec<Expr>),
    /// `torch.float32`, `torch.contiguous_format`, `torch.strided`: the part after `torch.`.
    TorchConstant(String),
}

/// Parses graph text. `file` names the source in error messages.
pub fn parse(text: &str, file: &str) -> Result<Graph, FrontendError> {
    let mut pairs =
        GraphParser::parse(Rule::graph, text).map_err(|e| syntax_error(&e, text, file))?;
    let graph = pairs.next().expect("grammar yields a graph");
    let class_def = graph
        .into_inner()
        .find(|p| p.as_rule() == Rule::class_def)
        .expect("graph has a class");
    let mut class_name = String::new();
    let mut params = Vec::new();
    let mut nodes = Vec::new();
    let mut output = None;
    for part in class_def.into_inner() {
        match part.as_rule() {
            Rule::class_name => class_name = part.as_str().to_owned(),
            Rule::forward => {
                for item in part.into_inner() {
                    match item.as_rule() {
                        Rule::params => {
                            for p in item.into_inner().filter(|p| p.as_rule() == Rule::param) {
                                let pos = pos_of(&p);
                                let mut inner = p.into_inner();
                                let name =
                                    inner.next().expect("param has a name").as_str().to_owned();
                                let annotation = inner.next().map(annotation);
                                params.push(Param {
                                    name,
                                    annotation,
                                    pos,
                                });
                            }
                        }
                        Rule::node => nodes.push(node(item, file)?),
                        Rule::return_stmt => {
                            let pos = pos_of(&item);
                            let values =
                                match item.into_inner().find(|p| p.as_rule() != Rule::kw_return) {
                                    None => Vec::new(),
                                    Some(e) => match expr(e, file)? {
                                        Expr {
                                            kind: ExprKind::Tuple(items),
                                            ..
                                        } => items,
                                        single => vec![single],
                                    },
                                };
                            output = Some(Output { values, pos });
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(Graph {
        class_name,
        params,
        nodes,
        output,
    })
}

fn pos_of(pair: &Pair<'_, Rule>) -> Pos {
    let (line, col) = pair.line_col();
    Pos { line, col }
}

fn node(pair: Pair<'_, Rule>, file: &str) -> Result<Node, FrontendError> {
    let pos = pos_of(&pair);
    let mut name = String::new();
    let mut ann = None;
    let mut value = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::ident if name.is_empty() => name = p.as_str().to_owned(),
            Rule::annotation => ann = Some(annotation(p)),
            Rule::frees | Rule::equals => {}
            _ => value = Some(expr(p, file)?),
        }
    }
    Ok(Node {
        name,
        annotation: ann,
        value: value.expect("a node has a value"),
        pos,
    })
}

fn annotation(pair: Pair<'_, Rule>) -> Annotation {
    let pos = pos_of(&pair);
    let mut dtype = None;
    let mut shape = Vec::new();
    let mut is_tensor = false;
    for p in pair.clone().into_inner() {
        match p.as_rule() {
            Rule::dtype_name => {
                dtype = Some(p.as_str().to_owned());
                is_tensor = true;
            }
            Rule::dims => {
                for d in p.into_inner() {
                    let text = d.as_str();
                    shape.push(match text.parse::<i64>() {
                        Ok(v) => Dim::Static(v),
                        Err(_) => Dim::Symbolic(text.to_owned()),
                    });
                }
            }
            _ => {}
        }
    }
    if is_tensor {
        Annotation {
            dtype: dtype.unwrap_or_default(),
            shape: Some(shape),
            pos,
        }
    } else {
        Annotation {
            dtype: unquote(pair.as_str()),
            shape: None,
            pos,
        }
    }
}

fn expr(pair: Pair<'_, Rule>, file: &str) -> Result<Expr, FrontendError> {
    let pos = pos_of(&pair);
    let bad_number = |what: &str| {
        FrontendError::at(
            file,
            pos,
            format!("{what} '{}' is out of range", pair.as_str()),
        )
    };
    let kind = match pair.as_rule() {
        Rule::call => {
            let mut inner = pair.clone().into_inner();
            let target = inner.next().expect("call has a callee").as_str().to_owned();
            let mut args = Vec::new();
            let mut kwargs = Vec::new();
            if let Some(list) = inner.next().filter(|p| p.as_rule() == Rule::args) {
                for a in list.into_inner() {
                    if a.as_rule() == Rule::kwarg {
                        let mut kv = a.into_inner();
                        let key = kv.next().expect("kwarg has a key").as_str().to_owned();
                        kwargs.push((key, expr(kv.next().expect("kwarg has a value"), file)?));
                    } else {
                        args.push(expr(a, file)?);
                    }
                }
            }
            ExprKind::Call {
                target,
                args,
                kwargs,
            }
        }
        Rule::getitem => {
            let mut inner = pair.clone().into_inner();
            let base = inner
                .next()
                .expect("getitem has a base")
                .as_str()
                .to_owned();
            let index = inner
                .next()
                .expect("getitem has an index")
                .as_str()
                .parse()
                .map_err(|_| bad_number("index"))?;
            ExprKind::GetItem { base, index }
        }
        Rule::name => ExprKind::Name(pair.as_str().to_owned()),
        Rule::int => ExprKind::Int(pair.as_str().parse().map_err(|_| bad_number("integer"))?),
        Rule::float => {
            let text = pair.as_str();
            let value = match text {
                "inf" => f64::INFINITY,
                "-inf" => f64::NEG_INFINITY,
                "nan" | "-nan" => f64::NAN,
                t => t.parse().map_err(|_| bad_number("float"))?,
            };
            ExprKind::Float(value)
        }
        Rule::boolean => ExprKind::Bool(pair.as_str() == "True"),
        Rule::none => ExprKind::None,
        Rule::string => ExprKind::Str(unquote(pair.as_str())),
        Rule::list | Rule::tuple => {
            let items = pair
                .clone()
                .into_inner()
                .filter(|p| !matches!(p.as_rule(), Rule::rparen | Rule::rbracket))
                .map(|p| expr(p, file))
                .collect::<Result<Vec<_>, _>>()?;
            if pair.as_rule() == Rule::list {
                ExprKind::List(items)
            } else {
                ExprKind::Tuple(items)
            }
        }
        Rule::torch_constant => ExprKind::TorchConstant(pair.as_str()["torch.".len()..].to_owned()),
        other => unreachable!("grammar produced {other:?} as an expression"),
    };
    Ok(Expr { kind, pos })
}

/// Removes the quotes of a string literal and resolves backslash escapes.
fn unquote(text: &str) -> String {
    let body = &text[1..text.len().saturating_sub(1).max(1)];
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Describes a grammar rule for "expected ..." messages.
fn describe(rule: &Rule) -> &'static str {
    match rule {
        Rule::class_def => "'class <name>(torch.nn.Module):'",
        Rule::class_name => "a class name",
        Rule::forward => "'def forward(self, ...):'",
        Rule::self_param => "'self'",
        Rule::param | Rule::params => "a parameter",
        Rule::statement | Rule::node | Rule::free_stmt | Rule::return_stmt | Rule::kw_return => {
            "a statement"
        }
        Rule::annotation | Rule::dtype_name => "a type annotation such as \"f32[1, 784]\"",
        Rule::dims | Rule::dim => "a dimension",
        Rule::expr
        | Rule::literal
        | Rule::call
        | Rule::getitem
        | Rule::name
        | Rule::list
        | Rule::tuple
        | Rule::float
        | Rule::int
        | Rule::boolean
        | Rule::none
        | Rule::string
        | Rule::torch_constant => "an expression",
        Rule::args | Rule::arg | Rule::kwarg => "an argument",
        Rule::frees => "'; name = None'",
        Rule::exponent => "an exponent",
        Rule::dotted | Rule::ident | Rule::ident_char => "a name",
        // Statements end at the end of a line (or of the file).
        Rule::EOI => "end of line",
        Rule::rparen => "')'",
        Rule::rbracket => "']'",
        Rule::equals => "'='",
        Rule::graph | Rule::WHITESPACE | Rule::COMMENT => "graph text",
    }
}

fn syntax_error(e: &pest::error::Error<Rule>, text: &str, file: &str) -> FrontendError {
    let (line, col) = match e.line_col {
        pest::error::LineColLocation::Pos(p) => p,
        pest::error::LineColLocation::Span(s, _) => s,
    };
    let offset = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let expected = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<&str> = positives.iter().map(describe).collect();
            names.sort_unstable();
            names.dedup();
            match names.len() {
                0 => "valid graph text".to_owned(),
                1 => names[0].to_owned(),
                _ => {
                    let last = names.pop().unwrap_or_default();
                    format!("{} or {last}", names.join(", "))
                }
            }
        }
        pest::error::ErrorVariant::CustomError { message } if message.contains("stack limit") => {
            return FrontendError::at(
                file,
                Pos { line, col },
                "expressions nest too deeply here".to_owned(),
            );
        }
        pest::error::ErrorVariant::CustomError { message } => message.clone(),
    };
    FrontendError::at(
        file,
        Pos { line, col },
        format!("expected {expected}, found {}", found_at(text, offset)),
    )
}

/// The token at `offset`, for "found ..." messages.
fn found_at(text: &str, offset: usize) -> String {
    let rest = &text[offset.min(text.len())..];
    match rest.chars().next() {
        None => "end of file".to_owned(),
        Some('\n' | '\r') => "end of line".to_owned(),
        Some(c) if c.is_alphanumeric() || c == '_' => {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .take(40)
                .collect();
            format!("'{word}'")
        }
        Some(q @ ('\'' | '"')) => {
            let line = rest[1..].split('\n').next().unwrap_or("");
            if line.contains(q) {
                format!("'{q}'")
            } else {
                "an unterminated string".to_owned()
            }
        }
        Some(c) => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MLP: &str = r#"class <lambda>(torch.nn.Module):
    def forward(self, arg0_1: "f32[128, 784]", arg1_1: "f32[128]", arg2_1: "f32[1, 784]"):
        # File: torch/nn/modules/linear.py:134 in forward
        t: "f32[784, 128]" = torch.ops.aten.t.default(arg0_1);  arg0_1 = None
        addmm: "f32[1, 128]" = torch.ops.aten.addmm.default(arg1_1, arg2_1, t);  arg1_1 = arg2_1 = t = None
        return (addmm,)
"#;

    #[test]
    fn parses_a_small_graph() {
        let g = parse(MLP, "mlp.txt").unwrap();
        assert_eq!(g.class_name, "<lambda>");
        assert_eq!(g.params.len(), 3);
        assert_eq!(
            g.params[0].annotation.as_ref().unwrap().shape,
            Some(vec![Dim::Static(128), Dim::Static(784)])
        );
        assert_eq!(g.nodes.len(), 2);
        assert_eq!(g.nodes[1].name, "addmm");
        assert_eq!(g.nodes[1].pos, Pos { line: 5, col: 9 });
        let ExprKind::Call { target, args, .. } = &g.nodes[1].value.kind else {
            panic!()
        };
        assert_eq!(target, "torch.ops.aten.addmm.default");
        assert_eq!(args.len(), 3);
        assert_eq!(g.output.unwrap().values.len(), 1);
    }

    #[test]
    fn literals() {
        let text = r#"class GraphModule(torch.nn.Module):
    def forward(self, x: "f32[]"):
        a = torch.ops.aten.f.default(x, 1, -2, 1.5, -1e-05, 3E+2, inf, -inf, nan, True, False, None, 'tanh', "s\"q", [1, [2, 3]], (4,), (), torch.float32, torch.contiguous_format, device(type='cpu'), k = torch.strided)
        return (a, None)
"#;
        let g = parse(text, "lit.txt").unwrap();
        let ExprKind::Call { args, kwargs, .. } = &g.nodes[0].value.kind else {
            panic!()
        };
        let kinds: Vec<&ExprKind> = args.iter().map(|a| &a.kind).collect();
        assert_eq!(kinds[1], &ExprKind::Int(1));
        assert_eq!(kinds[2], &ExprKind::Int(-2));
        assert_eq!(kinds[3], &ExprKind::Float(1.5));
        assert_eq!(kinds[4], &ExprKind::Float(-1e-5));
        assert_eq!(kinds[5], &ExprKind::Float(300.0));
        assert_eq!(kinds[6], &ExprKind::Float(f64::INFINITY));
        assert_eq!(kinds[7], &ExprKind::Float(f64::NEG_INFINITY));
        assert!(matches!(kinds[8], ExprKind::Float(v) if v.is_nan()));
        assert_eq!(kinds[9], &ExprKind::Bool(true));
        assert_eq!(kinds[11], &ExprKind::None);
        assert_eq!(kinds[12], &ExprKind::Str("tanh".into()));
        assert_eq!(kinds[13], &ExprKind::Str("s\"q".into()));
        assert!(matches!(kinds[14], ExprKind::List(v) if v.len() == 2));
        assert!(matches!(kinds[15], ExprKind::Tuple(v) if v.len() == 1));
        assert!(matches!(kinds[16], ExprKind::Tuple(v) if v.is_empty()));
        assert_eq!(kinds[17], &ExprKind::TorchConstant("float32".into()));
        assert!(matches!(kinds[19], ExprKind::Call { target, .. } if target == "device"));
        assert_eq!(kwargs[0].0, "k");
        assert_eq!(g.params[0].annotation.as_ref().unwrap().shape, Some(vec![]));
        assert_eq!(g.output.unwrap().values[1].kind, ExprKind::None);
    }

    #[test]
    fn tuple_nodes_and_getitems() {
        let text = "class GraphModule(torch.nn.Module):\n    def forward(self, x: \"f32[2, 4]\"):\n        split = torch.ops.aten.split.Tensor(x, 2, 1)\n        getitem: \"f32[2, 2]\" = split[1];  split = None\n        return (getitem,)\n";
        let g = parse(text, "s.txt").unwrap();
        assert!(g.nodes[0].annotation.is_none());
        assert_eq!(
            g.nodes[1].value.kind,
            ExprKind::GetItem {
                base: "split".into(),
                index: 1
            }
        );
    }

    #[test]
    fn syntax_errors_say_where_and_what() {
        let e = parse("class <lambda>(torch.nn.Module):\n    def forward(self, x: \"f32[2]\"):\n        y: \"f32[2]\" = torch.ops.aten.relu.default(x\n", "bad.txt").unwrap_err();
        // Newlines are allowed inside parentheses, so the call is still open at the end.
        assert_eq!(
            e.to_string(),
            "bad.txt:4:1: error: expected ')', found end of file"
        );
        let e = parse("class <lambda>(torch.nn.Module):\n    def forward(self):\n        y: \"f32[2]\" torch.ops.aten.relu.default()\n", "b.txt").unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.txt:3:21: error: expected '=', found 'torch'"
        );
        let e = parse("def forward(self):\n", "x.txt").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.txt:1:1: error: expected 'class <name>(torch.nn.Module):', found 'def'"
        );
    }
}
