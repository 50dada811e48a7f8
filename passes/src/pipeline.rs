//! Textual pass pipelines (`builtin.module(func.func(cse),ttc-verify)`) and building MLIR pass
//! managers from them.
//!
//! The syntax is MLIR's: a comma-separated list of elements, each a pass name with optional
//! `{options}` or an op name with a nested list in parentheses. ttc's passes are created from
//! the Rust registry; every other name is handed to MLIR's own pipeline parser, so all upstream
//! passes and their options work too. MLIR's C API cannot register Rust passes by name, which is
//! why ttc parses the outer structure itself.

use std::ffi::c_void;
use std::fmt;

use melior::StringRef;
use melior::pass::{OperationPassManager, PassManager};

use crate::pass::{PassOptions, create_mlir_pass};
use crate::registry::{self, register_upstream_passes};

/// One element of a pipeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Element {
    /// A pass with its option text (without braces).
    Pass {
        /// Pass name.
        name: String,
        /// Option text, `a=1 b=2`.
        options: String,
    },
    /// Passes nested under ops named `op`.
    Nest {
        /// The op name, e.g. `func.func`.
        op: String,
        /// What runs on those ops.
        elements: Vec<Element>,
    },
}

impl fmt::Display for Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Element::Pass { name, options } if options.is_empty() => write!(f, "{name}"),
            Element::Pass { name, options } => write!(f, "{name}{{{options}}}"),
            Element::Nest { op, elements } => {
                write!(f, "{op}(")?;
                for (i, e) in elements.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{e}")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// A pipeline text that does not parse: the message and the 1-based column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PipelineSyntaxError {
    /// 1-based column in the pipeline text.
    pub column: usize,
    /// What was expected.
    pub message: String,
}

impl fmt::Display for PipelineSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

/// Parses a pipeline text.
pub fn parse_pipeline(text: &str) -> Result<Vec<Element>, PipelineSyntaxError> {
    let mut parser = Parser {
        text: text.as_bytes(),
        pos: 0,
    };
    let elements = parser.list()?;
    parser.skip_ws();
    if parser.pos != parser.text.len() {
        return Err(parser.error(format!(
            "expected ',' or end of pipeline, found {}",
            parser.found()
        )));
    }
    Ok(elements)
}

struct Parser<'t> {
    text: &'t [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: String) -> PipelineSyntaxError {
        PipelineSyntaxError {
            column: self.pos + 1,
            message,
        }
    }

    fn skip_ws(&mut self) {
        while self.pos < self.text.len() && self.text[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn peek_char(&self) -> char {
        self.text.get(self.pos).map(|&b| b as char).unwrap_or('\0')
    }

    /// What is at the current position, for messages.
    fn found(&self) -> String {
        match self.text.get(self.pos) {
            None => "end of pipeline".to_owned(),
            Some(&b) => format!("'{}'", b as char),
        }
    }

    fn list(&mut self) -> Result<Vec<Element>, PipelineSyntaxError> {
        let mut out = Vec::new();
        self.skip_ws();
        if self.pos == self.text.len() || self.peek_char() == ')' {
            return Ok(out);
        }
        loop {
            out.push(self.element()?);
            self.skip_ws();
            if self.peek_char() == ',' {
                self.pos += 1;
                continue;
            }
            return Ok(out);
        }
    }

    fn element(&mut self) -> Result<Element, PipelineSyntaxError> {
        self.skip_ws();
        let start = self.pos;
        while self.pos < self.text.len() {
            let c = self.text[self.pos];
            if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.') {
                self.pos += 1;
            } else {
                break;
            }
        }
        if start == self.pos {
            return Err(self.error(format!(
                "expected a pass or op name, found {}",
                self.found()
            )));
        }
        let name = String::from_utf8_lossy(&self.text[start..self.pos]).into_owned();
        self.skip_ws();
        match self.peek_char() {
            '(' => {
                self.pos += 1;
                let elements = self.list()?;
                self.skip_ws();
                if self.peek_char() != ')' {
                    return Err(self.error(format!(
                        "expected ')' to close '{name}(', found {}",
                        self.found()
                    )));
                }
                self.pos += 1;
                Ok(Element::Nest { op: name, elements })
            }
            '{' => {
                let open = self.pos;
                let mut depth = 0;
                let mut quote = false;
                while self.pos < self.text.len() {
                    match self.text[self.pos] {
                        b'"' => quote = !quote,
                        b'{' if !quote => depth += 1,
                        b'}' if !quote => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
                if self.pos == self.text.len() {
                    self.pos = open;
                    return Err(self.error(format!("unclosed '{{' in the options of '{name}'")));
                }
                let options = String::from_utf8_lossy(&self.text[open + 1..self.pos])
                    .trim()
                    .to_owned();
                self.pos += 1;
                Ok(Element::Pass { name, options })
            }
            _ => Ok(Element::Pass {
                name,
                options: String::new(),
            }),
        }
    }
}

/// How pipelines are turned into pass managers.
#[derive(Clone, Copy, Debug)]
pub struct BuildConfig {
    /// Insert `ttc-verify` after every pass.
    pub verify_each: bool,
}

/// Adds `elements` to `pm`, whose root is `builtin.module`. A leading `builtin.module(...)`
/// element stands for the root itself.
pub fn add_to_pass_manager(
    pm: &PassManager<'_>,
    elements: &[Element],
    config: BuildConfig,
) -> Result<(), String> {
    register_upstream_passes();
    let root = pm.as_operation_pass_manager();
    for element in elements {
        match element {
            Element::Nest { op, elements } if op == "builtin.module" => {
                add_list(&root, elements, config)?
            }
            other => add_list(&root, std::slice::from_ref(other), config)?,
        }
    }
    Ok(())
}

fn add_list(
    opm: &OperationPassManager<'_, '_>,
    elements: &[Element],
    config: BuildConfig,
) -> Result<(), String> {
    for element in elements {
        match element {
            Element::Nest { op, elements } => add_list(&opm.nested_under(op), elements, config)?,
            Element::Pass { name, options } => {
                if let Some(pipeline) = registry::find_pipeline(name) {
                    let options = PassOptions::parse(&pipeline.info, options)?;
                    let verify = cfg!(debug_assertions) && !config.verify_each;
                    add_list(opm, &(pipeline.expand)(&options, verify), config)?;
                    continue;
                }
                if let Some(info) = registry::find(name) {
                    let options = PassOptions::parse(info, options)?;
                    opm.add_pass(create_mlir_pass(info, &options)?);
                } else {
                    add_upstream(opm, &element.to_string())?;
                }
                if config.verify_each && name != crate::verify::INFO.name {
                    opm.add_pass(create_mlir_pass(
                        &crate::verify::INFO,
                        &PassOptions::default(),
                    )?);
                }
            }
        }
    }
    Ok(())
}

/// Hands one element to MLIR's pipeline parser.
fn add_upstream(opm: &OperationPassManager<'_, '_>, text: &str) -> Result<(), String> {
    unsafe extern "C" fn collect(message: mlir_sys::MlirStringRef, user_data: *mut c_void) {
        let out = unsafe { &mut *(user_data as *mut String) };
        let bytes =
            unsafe { std::slice::from_raw_parts(message.data as *const u8, message.length) };
        out.push_str(&String::from_utf8_lossy(bytes));
    }
    let mut message = String::new();
    let result = unsafe {
        mlir_sys::mlirOpPassManagerAddPipeline(
            opm.to_raw(),
            StringRef::new(text).to_raw(),
            Some(collect),
            &mut message as *mut String as *mut c_void,
        )
    };
    if result.value == 0 {
        let message = message.trim();
        let name = text.split('{').next().unwrap_or(text);
        if message.contains("does not refer to a registered pass") {
            return Err(format!(
                "unknown pass '{name}' (see --help for the passes ttc-opt knows)"
            ));
        }
        let detail = message
            .lines()
            .next()
            .unwrap_or("")
            .trim_start_matches("<Pass-Options-Parser>: ");
        return Err(if detail.is_empty() {
            format!("cannot add pass '{text}'")
        } else {
            format!("invalid options for pass '{name}': {detail}")
        });
    }
    Ok(())
}

/// A pass manager anchored on `builtin.module`.
pub fn module_pass_manager<'c>(context: &'c melior::Context) -> PassManager<'c> {
    unsafe {
        PassManager::from_raw(mlir_sys::mlirPassManagerCreateOnOperation(
            context.to_raw(),
            StringRef::new("builtin.module").to_raw(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(name: &str, options: &str) -> Element {
        Element::Pass {
            name: name.into(),
            options: options.into(),
        }
    }

    #[test]
    fn parses_nesting_and_options() {
        let p = parse_pipeline(
            "builtin.module(func.func(cse, canonicalize{max-iterations=3}), ttc-verify)",
        )
        .unwrap();
        assert_eq!(
            p,
            vec![Element::Nest {
                op: "builtin.module".into(),
                elements: vec![
                    Element::Nest {
                        op: "func.func".into(),
                        elements: vec![pass("cse", ""), pass("canonicalize", "max-iterations=3")]
                    },
                    pass("ttc-verify", "")
                ]
            }]
        );
        assert_eq!(
            p[0].to_string(),
            "builtin.module(func.func(cse,canonicalize{max-iterations=3}),ttc-verify)"
        );
    }

    #[test]
    fn syntax_errors_have_columns() {
        let e = parse_pipeline("builtin.module(cse").unwrap_err();
        assert_eq!(e.column, 19);
        assert!(e.message.contains("expected ')'"));
        let e = parse_pipeline("cse{a=1").unwrap_err();
        assert_eq!(e.column, 4);
        assert!(parse_pipeline("cse,,").is_err());
        assert!(parse_pipeline("cse)").is_err());
    }
}
