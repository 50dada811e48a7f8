//! How a pass is written, named, described, given options and run inside MLIR's pass manager.
//!
//! A pass is a type implementing [`Pass`] plus one `static` [`PassInfo`] that names it (the flag
//! `ttc-opt --<name>` and the pipeline element `<name>{opt=val}`), describes it for `--help`,
//! declares its options and says which op it runs on. [`crate::registry::PASSES`] lists every
//! `PassInfo`; adding a pass is one file plus one line there.
//!
//! Each pass runs as an MLIR external pass, so MLIR's pass manager schedules it (in parallel
//! over functions when the anchor is `func.func`), verifies the IR after it, times it
//! (`--mlir-timing`) and prints the IR after it (`--mlir-print-ir-after-all`). A pass reports
//! errors through `ttc_dialects::diag` at an op's location and returns `Err(PassFailed)`; a
//! panic inside a pass becomes an internal-error diagnostic, never an abort.

use std::collections::BTreeMap;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use melior::ContextRef;
use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::r#type::TypeId;
use melior::pass::{ExternalPass, RunExternalPass, create_external};
use ttc_dialects::diag;

/// A pass failed; the reason was already reported as a diagnostic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PassFailed;

/// A pass written in Rust.
///
/// `run` receives the op the pass is anchored on (see [`PassInfo::anchor`]). Passes hold no
/// state between runs: MLIR may run clones of one pass on several functions at once.
pub trait Pass: Send + Sync + 'static {
    /// Transforms or checks `op`.
    fn run(&self, op: OperationRef<'_, '_>) -> Result<(), PassFailed>;
}

/// Which ops a pass runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The whole module (`builtin.module`).
    Module,
    /// Each function (`func.func`), possibly in parallel.
    Func,
    /// Whatever op the pipeline nests it under.
    Any,
}

impl Anchor {
    /// The op name MLIR schedules the pass on (empty: any op).
    pub fn op_name(self) -> &'static str {
        match self {
            Anchor::Module => "builtin.module",
            Anchor::Func => "func.func",
            Anchor::Any => "",
        }
    }
}

/// The type of a pass option's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    /// `true` / `false` (a bare `name` means `true`).
    Bool,
    /// A signed integer.
    Int,
    /// A floating-point number.
    Float,
    /// Any string.
    String,
    /// One of the listed words.
    Choice(&'static [&'static str]),
}

/// One option of a pass.
#[derive(Clone, Copy, Debug)]
pub struct PassOption {
    /// The option's name (`weight-dtype`).
    pub name: &'static str,
    /// What it does, for `--help`.
    pub help: &'static str,
    /// The type of its value.
    pub kind: OptionKind,
    /// Its value when not given, as it would be written.
    pub default: &'static str,
}

/// The static description of a pass.
pub struct PassInfo {
    /// The flag and pipeline name, `ttc-verify`.
    pub name: &'static str,
    /// One line for `--help`.
    pub summary: &'static str,
    /// Which ops the pass runs on.
    pub anchor: Anchor,
    /// Its options.
    pub options: &'static [PassOption],
    /// Builds the pass from validated options.
    pub create: fn(&PassOptions) -> Result<Box<dyn Pass>, String>,
}

impl fmt::Debug for PassInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PassInfo")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// The option values given to one pass, checked against its [`PassOption`]s.
#[derive(Clone, Debug, Default)]
pub struct PassOptions {
    values: BTreeMap<&'static str, String>,
}

impl PassOptions {
    /// Parses MLIR's option syntax, `name=value other="quoted value" flag`, for `info`.
    pub fn parse(info: &PassInfo, text: &str) -> Result<Self, String> {
        let mut values = BTreeMap::new();
        for item in split_options(text)? {
            let (name, value) = match item.split_once('=') {
                Some((n, v)) => (n.trim(), unquote(v.trim())),
                None => (item.trim(), "true".to_owned()),
            };
            let Some(spec) = info.options.iter().find(|o| o.name == name) else {
                let known: Vec<&str> = info.options.iter().map(|o| o.name).collect();
                return Err(if known.is_empty() {
                    format!("pass '{}' takes no options, got '{name}'", info.name)
                } else {
                    format!(
                        "pass '{}' has no option '{name}' (options: {})",
                        info.name,
                        known.join(", ")
                    )
                });
            };
            check_value(info.name, spec, &value)?;
            values.insert(spec.name, value);
        }
        Ok(PassOptions { values })
    }

    fn raw(&self, info_options: &'static [PassOption], name: &str) -> String {
        match self.values.get(name) {
            Some(v) => v.clone(),
            None => info_options
                .iter()
                .find(|o| o.name == name)
                .map(|o| o.default.to_owned())
                .unwrap_or_default(),
        }
    }

    /// The value of option `name` (or its default) as a string.
    pub fn string(&self, info: &PassInfo, name: &str) -> String {
        self.raw(info.options, name)
    }

    /// The value of a boolean option.
    pub fn bool(&self, info: &PassInfo, name: &str) -> bool {
        self.raw(info.options, name) == "true"
    }

    /// The value of an integer option.
    pub fn int(&self, info: &PassInfo, name: &str) -> i64 {
        self.raw(info.options, name).parse().unwrap_or_default()
    }

    /// The value of a float option.
    pub fn float(&self, info: &PassInfo, name: &str) -> f64 {
        self.raw(info.options, name).parse().unwrap_or_default()
    }

    /// Whether the option was given explicitly.
    pub fn is_set(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }
}

fn check_value(pass: &str, spec: &PassOption, value: &str) -> Result<(), String> {
    let ok = match spec.kind {
        OptionKind::Bool => matches!(value, "true" | "false" | "1" | "0"),
        OptionKind::Int => value.parse::<i64>().is_ok(),
        OptionKind::Float => value.parse::<f64>().is_ok(),
        OptionKind::String => true,
        OptionKind::Choice(choices) => choices.contains(&value),
    };
    if ok {
        return Ok(());
    }
    let expected = match spec.kind {
        OptionKind::Bool => "true or false".to_owned(),
        OptionKind::Int => "an integer".to_owned(),
        OptionKind::Float => "a number".to_owned(),
        OptionKind::String => unreachable!("strings are always valid"),
        OptionKind::Choice(c) => format!("one of {}", c.join(", ")),
    };
    Err(format!(
        "option '{}' of pass '{pass}' expects {expected}, got '{value}'",
        spec.name
    ))
}

/// Splits `a=1 b="x y" c={1,2}` at top-level whitespace.
fn split_options(text: &str) -> Result<Vec<String>, String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut depth = 0i32;
    let mut quote = false;
    for c in text.chars() {
        match c {
            '"' => quote = !quote,
            '{' | '[' | '(' if !quote => depth += 1,
            '}' | ']' | ')' if !quote => depth -= 1,
            _ => {}
        }
        if c.is_whitespace() && !quote && depth == 0 {
            if !current.is_empty() {
                items.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    if quote || depth != 0 {
        return Err(format!("unbalanced quotes or brackets in options '{text}'"));
    }
    if !current.is_empty() {
        items.push(current);
    }
    Ok(items)
}

fn unquote(v: &str) -> String {
    v.strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(v)
        .to_owned()
}

/// A Rust pass wrapped as an MLIR external pass.
#[derive(Clone)]
struct External {
    pass: Arc<dyn Pass>,
    name: &'static str,
}

impl<'c> RunExternalPass<'c> for External {
    fn initialize(&mut self, _context: ContextRef<'c>) {}

    fn run(&mut self, op: OperationRef<'c, '_>, mlir_pass: ExternalPass<'_>) {
        match catch_unwind(AssertUnwindSafe(|| self.pass.run(op))) {
            Ok(Ok(())) => {}
            Ok(Err(PassFailed)) => mlir_pass.signal_failure(),
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                diag::emit_error(
                    op.location(),
                    &format!("internal error in pass '{}': {what}", self.name),
                );
                mlir_pass.signal_failure();
            }
        }
    }
}

/// Builds the MLIR pass for `info` with `options`.
pub fn create_mlir_pass(
    info: &'static PassInfo,
    options: &PassOptions,
) -> Result<melior::pass::Pass, String> {
    let pass: Arc<dyn Pass> = Arc::from((info.create)(options)?);
    // The PassInfo's address is unique per pass and 8-byte aligned: MLIR's TypeID for it.
    let id = TypeId::create(info);
    Ok(create_external(
        External {
            pass,
            name: info.name,
        },
        id,
        info.name,
        info.name,
        info.summary,
        info.anchor.op_name(),
        &[],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Nop;
    impl Pass for Nop {
        fn run(&self, _: OperationRef<'_, '_>) -> Result<(), PassFailed> {
            Ok(())
        }
    }

    static INFO: PassInfo = PassInfo {
        name: "test-pass",
        summary: "does nothing",
        anchor: Anchor::Module,
        options: &[
            PassOption {
                name: "count",
                help: "",
                kind: OptionKind::Int,
                default: "3",
            },
            PassOption {
                name: "fast",
                help: "",
                kind: OptionKind::Bool,
                default: "false",
            },
            PassOption {
                name: "mode",
                help: "",
                kind: OptionKind::Choice(&["a", "b"]),
                default: "a",
            },
            PassOption {
                name: "path",
                help: "",
                kind: OptionKind::String,
                default: "",
            },
        ],
        create: |_| Ok(Box::new(Nop)),
    };

    #[test]
    fn options_parse_with_defaults() {
        let o = PassOptions::parse(&INFO, r#"count=7 fast path="a b""#).unwrap();
        assert_eq!(o.int(&INFO, "count"), 7);
        assert!(o.bool(&INFO, "fast"));
        assert_eq!(o.string(&INFO, "mode"), "a");
        assert_eq!(o.string(&INFO, "path"), "a b");
    }

    #[test]
    fn bad_options_are_explained() {
        let e = PassOptions::parse(&INFO, "size=1").unwrap_err();
        assert!(
            e.contains("has no option 'size'") && e.contains("count, fast, mode, path"),
            "{e}"
        );
        let e = PassOptions::parse(&INFO, "count=x").unwrap_err();
        assert!(e.contains("expects an integer"), "{e}");
        let e = PassOptions::parse(&INFO, "mode=c").unwrap_err();
        assert!(e.contains("one of a, b"), "{e}");
        assert!(PassOptions::parse(&INFO, "path=\"open").is_err());
    }
}
