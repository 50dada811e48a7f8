//! aten operator schemas as data.
//!
//! `schemas/aten_schemas.tsv` holds PyTorch's own signature string for every Core ATen overload
//! and every overload that occurs in the corpus graphs and seed tables (read from PyTorch
//! 2.15.0's operator registry). The strings are parsed with a pest grammar (`schema.pest`) into
//! [`Schema`]s; the importer uses them to tell tensor arguments (operands) from the others
//! (attributes) and to name attributes as the schema does.

use std::collections::HashMap;
use std::sync::OnceLock;

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "aten/schema.pest"]
struct SchemaParser;

/// The type of a schema argument or return, as far as importing needs to know it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgType {
    /// `Tensor` (possibly aliased, possibly optional).
    Tensor,
    /// `Tensor[]`.
    TensorList,
    /// `Tensor?[]`: a list whose entries may be `None`.
    OptionalTensorList,
    /// `int`, `SymInt`.
    Int,
    /// `int[]`, `int[N]`, `SymInt[]`.
    IntList,
    /// `float`.
    Float,
    /// `float[]`.
    FloatList,
    /// `bool`.
    Bool,
    /// `bool[N]`.
    BoolList,
    /// `Scalar` (int, float or bool).
    Scalar,
    /// `ScalarType` (a dtype such as `torch.float32`).
    ScalarType,
    /// `str`.
    Str,
    /// Anything else (`Layout`, `Device`, `MemoryFormat`, `Generator`, `Dimname`, ...), by name.
    Other(String),
}

impl ArgType {
    /// Whether values of this type are graph values (operands) rather than literals.
    pub fn is_tensor_like(&self) -> bool {
        matches!(
            self,
            ArgType::Tensor | ArgType::TensorList | ArgType::OptionalTensorList
        )
    }
}

/// One argument of a schema.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaArg {
    /// Argument name (`self`, `mat1`, `beta`, ...).
    pub name: String,
    /// Its type.
    pub ty: ArgType,
    /// Whether `None` is allowed (`?`).
    pub optional: bool,
    /// Default value as written in the schema (`1`, `None`, `[]`, `"none"`).
    pub default: Option<String>,
    /// Whether the argument comes after `*` (keyword-only).
    pub kw_only: bool,
    /// The fixed length of a list type (`int[2]`), if any.
    pub list_len: Option<usize>,
}

/// One return of a schema.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaReturn {
    /// Its type.
    pub ty: ArgType,
    /// Its name, when the schema names it (`values`, `indices`).
    pub name: Option<String>,
}

/// A parsed operator schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    /// `aten::addmm`
    pub name: String,
    /// The overload name (`Tensor`, `dim_IntList`), or `None` for the default overload.
    pub overload: Option<String>,
    /// Arguments in order.
    pub args: Vec<SchemaArg>,
    /// Returns in order.
    pub returns: Vec<SchemaReturn>,
}

impl Schema {
    /// Parses a schema string.
    pub fn parse(text: &str) -> Result<Schema, String> {
        let mut pairs = SchemaParser::parse(Rule::schema, text).map_err(|e| e.to_string())?;
        let schema = pairs.next().expect("grammar yields one schema");
        let mut name = String::new();
        let mut overload = None;
        let mut args = Vec::new();
        let mut returns = Vec::new();
        for part in schema.into_inner() {
            match part.as_rule() {
                Rule::name => {
                    let full = part.as_str();
                    let (base, ov) = match full
                        .split_once("::")
                        .and_then(|(_, rest)| rest.split_once('.'))
                    {
                        Some((_, ov)) => (
                            full[..full.len() - ov.len() - 1].to_owned(),
                            Some(ov.to_owned()),
                        ),
                        None => (full.to_owned(), None),
                    };
                    name = base;
                    overload = ov;
                }
                Rule::params => {
                    let mut kw_only = false;
                    for p in part.into_inner() {
                        match p.as_rule() {
                            Rule::kw_only => kw_only = true,
                            Rule::param => args.push(parse_param(p, kw_only)),
                            _ => {}
                        }
                    }
                }
                Rule::returns => {
                    for r in part.into_inner() {
                        let mut inner = r.into_inner();
                        let (ty, _) = parse_type(inner.next().expect("ret has a type"));
                        let name = inner.next().map(|n| n.as_str().to_owned());
                        returns.push(SchemaReturn { ty, name });
                    }
                }
                _ => {}
            }
        }
        Ok(Schema {
            name,
            overload,
            args,
            returns,
        })
    }

    /// The argument called `name`.
    pub fn arg(&self, name: &str) -> Option<&SchemaArg> {
        self.args.iter().find(|a| a.name == name)
    }

    /// How many results the op has: the number of returns, or `None` when it returns a list
    /// (`Tensor[]`) whose length only the graph tells.
    pub fn fixed_result_count(&self) -> Option<usize> {
        match self.returns.as_slice() {
            [r] if r.ty == ArgType::TensorList => None,
            rs => Some(rs.len()),
        }
    }
}

fn parse_param(pair: Pair<'_, Rule>, kw_only: bool) -> SchemaArg {
    let mut inner = pair.into_inner();
    let ty_pair = inner.next().expect("param has a type");
    let list_len = ty_pair
        .clone()
        .into_inner()
        .find(|p| p.as_rule() == Rule::list_suffix)
        .and_then(|p| p.into_inner().next())
        .and_then(|n| n.as_str().parse().ok());
    let (ty, optional) = parse_type(ty_pair);
    let name = inner.next().expect("param has a name").as_str().to_owned();
    let default = inner.next().map(|d| d.as_str().to_owned());
    SchemaArg {
        name,
        ty,
        optional,
        default,
        kw_only,
        list_len,
    }
}

/// Reads a `ty` pair: the type and whether it is optional.
fn parse_type(pair: Pair<'_, Rule>) -> (ArgType, bool) {
    let mut base = "";
    let mut elem_optional = false;
    let mut list = false;
    let mut optional = false;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::base_type => base = p.as_str(),
            Rule::elem_optional => elem_optional = true,
            Rule::list_suffix => list = true,
            Rule::optional => optional = true,
            _ => {}
        }
    }
    let ty = match (base, list) {
        ("Tensor", false) => ArgType::Tensor,
        ("Tensor", true) if elem_optional => ArgType::OptionalTensorList,
        ("Tensor", true) => ArgType::TensorList,
        ("int" | "SymInt", false) => ArgType::Int,
        ("int" | "SymInt", true) => ArgType::IntList,
        ("float", false) => ArgType::Float,
        ("float", true) => ArgType::FloatList,
        ("bool", false) => ArgType::Bool,
        ("bool", true) => ArgType::BoolList,
        ("Scalar", false) => ArgType::Scalar,
        ("ScalarType", false) => ArgType::ScalarType,
        ("str", false) => ArgType::Str,
        (other, is_list) => ArgType::Other(if is_list {
            format!("{other}[]")
        } else {
            other.to_owned()
        }),
    };
    (ty, optional)
}

/// The schema table: overload key (`aten.addmm.default`) to schema.
pub struct SchemaTable {
    by_op: HashMap<String, Schema>,
    core: std::collections::HashSet<String>,
}

/// The table files, compiled into the binary: PyTorch's registry, then the extra overloads.
const TABLE: &str = include_str!("../../aten/aten_schemas.tsv");
const EXTRA: &str = include_str!("../../aten/aten_schemas_extra.tsv");

impl SchemaTable {
    /// The table built into ttc (`schemas/aten_schemas.tsv`).
    pub fn builtin() -> &'static SchemaTable {
        static TABLE_CELL: OnceLock<SchemaTable> = OnceLock::new();
        TABLE_CELL.get_or_init(|| {
            let mut table = SchemaTable::from_tsv(TABLE).expect("the built-in schema table parses");
            let extra = SchemaTable::from_tsv(EXTRA).expect("the extra schema table parses");
            table.by_op.extend(extra.by_op);
            table.core.extend(extra.core);
            table
        })
    }

    /// Reads a table with columns `op`, ..., `schema` (tab-separated, with a header line).
    pub fn from_tsv(text: &str) -> Result<SchemaTable, String> {
        let mut lines = text.lines();
        let header: Vec<&str> = lines
            .next()
            .ok_or("empty schema table")?
            .split('\t')
            .collect();
        let col = |name: &str| {
            header
                .iter()
                .position(|h| *h == name)
                .ok_or(format!("no '{name}' column"))
        };
        let (op_col, schema_col) = (col("op")?, col("schema")?);
        let core_col = header.iter().position(|h| *h == "core_aten");
        let mut by_op = HashMap::new();
        let mut core = std::collections::HashSet::new();
        for (i, line) in lines.enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let (Some(op), Some(text)) = (fields.get(op_col), fields.get(schema_col)) else {
                return Err(format!("schema table line {}: missing columns", i + 2));
            };
            let schema = Schema::parse(text)
                .map_err(|e| format!("schema table line {} ({op}): {e}", i + 2))?;
            if core_col.and_then(|c| fields.get(c)) == Some(&"yes") {
                core.insert((*op).to_owned());
            }
            by_op.insert((*op).to_owned(), schema);
        }
        Ok(SchemaTable { by_op, core })
    }

    /// The schema of an overload key such as `aten.addmm.default`.
    pub fn get(&self, op: &str) -> Option<&Schema> {
        self.by_op.get(op)
    }

    /// Whether the overload is in PyTorch's Core ATen op set.
    pub fn is_core(&self, op: &str) -> bool {
        self.core.contains(op)
    }

    /// Every overload in the table, sorted.
    pub fn ops(&self) -> Vec<&str> {
        let mut ops: Vec<&str> = self.by_op.keys().map(String::as_str).collect();
        ops.sort_unstable();
        ops
    }

    /// Number of schemas.
    pub fn len(&self) -> usize {
        self.by_op.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.by_op.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addmm() {
        let s = Schema::parse(
            "aten::addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor",
        )
        .unwrap();
        assert_eq!(s.name, "aten::addmm");
        assert_eq!(s.overload, None);
        let names: Vec<&str> = s.args.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["self", "mat1", "mat2", "beta", "alpha"]);
        assert!(s.arg("beta").unwrap().kw_only && !s.arg("mat2").unwrap().kw_only);
        assert_eq!(s.arg("alpha").unwrap().default.as_deref(), Some("1"));
        assert_eq!(s.fixed_result_count(), Some(1));
    }

    #[test]
    fn optional_lists_aliases_and_tuples() {
        let s =
            Schema::parse("aten::index.Tensor(Tensor self, Tensor?[] indices) -> Tensor").unwrap();
        assert_eq!(s.overload.as_deref(), Some("Tensor"));
        assert_eq!(s.args[1].ty, ArgType::OptionalTensorList);
        let s = Schema::parse(
            "aten::split.Tensor(Tensor(a -> *) self, SymInt split_size, int dim=0) -> Tensor(a)[]",
        )
        .unwrap();
        assert_eq!(s.args[0].ty, ArgType::Tensor);
        assert_eq!(s.fixed_result_count(), None);
        let s = Schema::parse(
            "aten::max_pool2d_with_indices(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)",
        )
        .unwrap();
        assert_eq!(s.args[1].ty, ArgType::IntList);
        assert_eq!(s.args[1].list_len, Some(2));
        assert_eq!(s.args[1].list_len, Some(2));
        assert_eq!(s.arg("stride").unwrap().default.as_deref(), Some("[]"));
        assert_eq!(s.fixed_result_count(), Some(2));
        let s = Schema::parse("aten::_assert_tensor_metadata(Tensor a, SymInt[]? size=None, *, ScalarType? dtype=None, Device? device=None, Layout? layout=None) -> ()").unwrap();
        assert_eq!(s.fixed_result_count(), Some(0));
        assert!(s.arg("size").unwrap().optional);
        assert_eq!(s.arg("layout").unwrap().ty, ArgType::Other("Layout".into()));
    }

    #[test]
    fn the_builtin_table_parses_completely() {
        let t = SchemaTable::builtin();
        assert!(t.len() > 200, "{} schemas", t.len());
        assert!(t.get("aten.addmm.default").is_some());
        assert!(t.get("aten.t.default").is_some());
        assert!(
            t.get("aten.native_layer_norm.default")
                .unwrap()
                .fixed_result_count()
                == Some(3)
        );
    }

    #[test]
    fn bad_schemas_are_errors() {
        assert!(Schema::parse("aten::f(Tensor self -> Tensor").is_err());
        assert!(Schema::parse("").is_err());
    }
}
