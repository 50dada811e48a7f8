//! `ttc compile`: a traced graph (or an aten / ttir MLIR module) to the final ttnn module, with
//! its conversion statistics.
//!
//! The input is imported (graph text) or parsed (`.mlir`), verified, run through
//! `ttc-backend-pipeline` with the given options, verified again (MLIR's verifier and ttc's
//! semantic rules, in every build), and printed. Failures come back as the diagnostics MLIR
//! and the passes reported, each with its location.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use melior::ir::operation::OperationLike;
use serde::Deserialize;
use ttc_dialects::diag::{Diagnostic, DiagnosticCapture, Severity};
use ttc_dialects::roles::ArgRole;
use ttc_dialects::{PrintOptions, create_context, parse_module, print_module};
use ttc_frontend::ImportOptions;
use ttc_passes::pipeline::{BuildConfig, Element, add_to_pass_manager, module_pass_manager};
use ttc_passes::stats::{ConversionStats, count_aten};

/// The function a graph is imported as and a program starts at.
pub const ENTRY: &str = "forward";

/// Options of one compilation (the options of `ttc-backend-pipeline`).
#[derive(Clone, Debug)]
pub struct CompileOptions {
    /// `n150`, `n300` or a descriptor file.
    pub system_desc: String,
    /// `bf16`, `bfp8_b` or `bfp4_b`.
    pub weight_dtype: String,
    /// `lofi`, `hifi2`, `hifi3` or `hifi4`.
    pub math_fidelity: String,
    /// Keep f32 tensors in f32 on the device.
    pub keep_f32: bool,
    /// Hoist parameter-only work into a function run once.
    pub const_eval: bool,
    /// Roles of graph placeholders by name (parameters are const-evaluated).
    pub roles: HashMap<String, ArgRole>,
    /// How to print the result.
    pub print: PrintOptions,
    /// Also emit the runtime Program (with the aten graph as golden reference).
    pub emit_program: bool,
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions {
            system_desc: "n150".into(),
            weight_dtype: "bf16".into(),
            math_fidelity: "hifi4".into(),
            keep_f32: false,
            const_eval: true,
            roles: HashMap::new(),
            print: PrintOptions::default(),
            emit_program: false,
        }
    }
}

impl CompileOptions {
    /// The pipeline element these options stand for.
    pub fn pipeline(&self) -> Element {
        let desc = if self
            .system_desc
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./".contains(c))
        {
            self.system_desc.clone()
        } else {
            format!("\"{}\"", self.system_desc.replace('"', "\\\""))
        };
        Element::Pass {
            name: "ttc-backend-pipeline".into(),
            options: format!(
                "system-desc={desc} weight-dtype={} math-fidelity={} keep-f32={} const-eval={}",
                self.weight_dtype, self.math_fidelity, self.keep_f32, self.const_eval
            ),
        }
    }
}

/// A compiled module.
#[derive(Debug)]
pub struct CompileResult {
    /// The final ttnn module as MLIR text.
    pub mlir: String,
    /// Its conversion statistics.
    pub stats: ConversionStats,
    /// Seconds from reading the input to the verified final module (printing excluded).
    pub compile_seconds: f64,
    /// Warnings and remarks reported on the way.
    pub diagnostics: Vec<Diagnostic>,
    /// The runtime Program (with `CompileOptions::emit_program`).
    pub program: Option<ttc_runtime::program::Program>,
}

/// A compilation that failed: the diagnostics to show.
#[derive(Debug)]
pub struct CompileFailure {
    pub diagnostics: Vec<String>,
}

impl CompileFailure {
    fn new(message: String) -> Self {
        CompileFailure {
            diagnostics: vec![message],
        }
    }
}

/// Compiles `text`, graph text or MLIR (`is_mlir`), named `file` in messages.
pub fn compile_text(
    text: &str,
    file: &str,
    is_mlir: bool,
    options: &CompileOptions,
) -> Result<CompileResult, CompileFailure> {
    let start = Instant::now();
    let context = create_context();
    let capture = DiagnosticCapture::new(&context);
    let fail = |capture: &DiagnosticCapture, what: String| {
        let mut messages: Vec<String> = capture.take().iter().map(|d| d.to_string()).collect();
        messages.push(what);
        CompileFailure {
            diagnostics: messages,
        }
    };
    let module = if is_mlir {
        parse_module(&context, text, file)
            .ok_or_else(|| fail(&capture, format!("{file}: error: cannot parse the module")))?
    } else {
        let import = ImportOptions {
            roles: options.roles.clone(),
        };
        ttc_frontend::import_text_with(&context, text, file, &import)
            .map_err(|e| CompileFailure::new(e.to_string()))?
            .module
    };
    if !module.as_operation().verify()
        || !ttc_dialects::verify::verify_and_report(module.as_operation())
    {
        return Err(fail(
            &capture,
            format!("{file}: error: the input does not verify"),
        ));
    }
    let before = count_aten(module.as_operation());
    // The traced graph, for the golden reference: the entry function while it is still aten.
    let golden = if options.emit_program {
        crate::emit::emit_functions(module.as_operation(), ENTRY)
            .map_err(|e| {
                CompileFailure::new(format!("{file}: error: cannot emit the golden graph: {e}"))
            })?
            .into_iter()
            .find(|f| f.name == ENTRY)
            .filter(|f| f.ops.iter().any(|op| op.name.starts_with("aten.")))
    } else {
        None
    };
    let pm = module_pass_manager(&context);
    pm.enable_verifier(true);
    add_to_pass_manager(
        &pm,
        &[options.pipeline()],
        BuildConfig { verify_each: false },
    )
    .map_err(|e| CompileFailure::new(format!("ttc: error: {e}")))?;
    let mut module = module;
    if pm.run(&mut module).is_err() {
        return Err(fail(&capture, format!("{file}: error: compilation failed")));
    }
    let op = module.as_operation();
    if !op.verify() || !ttc_dialects::verify::verify_and_report(op) {
        return Err(fail(
            &capture,
            format!("{file}: error: internal error: the compiled module does not verify"),
        ));
    }
    let stats = ConversionStats::collect(op, &before);
    let compile_seconds = start.elapsed().as_secs_f64();
    let mlir = print_module(&module, options.print);
    let program = if options.emit_program {
        let functions = crate::emit::emit_functions(op, ENTRY).map_err(|e| {
            CompileFailure::new(format!("{file}: error: cannot emit the program: {e}"))
        })?;
        Some(crate::emit::new_program(
            &options.system_desc,
            ENTRY,
            functions,
            golden,
            mlir.clone(),
        ))
    } else {
        None
    };
    let diagnostics: Vec<Diagnostic> = capture
        .take()
        .into_iter()
        .filter(|d| d.severity != Severity::Error)
        .collect();
    Ok(CompileResult {
        mlir,
        stats,
        compile_seconds,
        diagnostics,
        program,
    })
}

/// Reads and compiles a graph file (`.txt`) or a module (`.mlir`).
pub fn compile_file(
    path: &Path,
    options: &CompileOptions,
) -> Result<CompileResult, CompileFailure> {
    let text = crate::output::read_text(path)
        .map_err(|e| CompileFailure::new(format!("ttc: error: {e}")))?;
    let is_mlir = path.extension().is_some_and(|e| e == "mlir");
    compile_text(&text, &path.display().to_string(), is_mlir, options)
}

#[derive(Deserialize)]
struct Meta {
    #[serde(default)]
    graphs: Vec<MetaGraph>,
}

#[derive(Deserialize)]
struct MetaGraph {
    file: String,
    #[serde(default)]
    placeholders: Vec<MetaPlaceholder>,
}

#[derive(Deserialize)]
struct MetaPlaceholder {
    name: String,
    #[serde(default)]
    role: Option<String>,
}

/// The placeholder roles `meta.json` (the corpus format) gives the graph file `graph`:
/// `input`, `parameter`, `buffer` or `constant`. Errors are complete diagnostics
/// (`meta.json:3:5: error: ...`); a file without an entry for `graph` is one.
pub fn roles_from_meta(meta: &Path, graph: &str) -> Result<HashMap<String, ArgRole>, String> {
    let text = crate::output::read_text(meta).map_err(|e| format!("ttc: error: {e}"))?;
    let parsed: Meta = serde_json::from_str(&text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_owned();
        format!(
            "{}:{}:{}: error: {message}",
            meta.display(),
            e.line(),
            e.column()
        )
    })?;
    let mut roles = HashMap::new();
    let Some(g) = parsed.graphs.iter().find(|g| g.file == graph) else {
        let listed: Vec<&str> = parsed.graphs.iter().map(|g| g.file.as_str()).collect();
        return Err(format!(
            "{}: error: no entry for graph '{graph}' (it lists: {})",
            meta.display(),
            if listed.is_empty() {
                "nothing".to_owned()
            } else {
                listed.join(", ")
            }
        ));
    };
    {
        for p in &g.placeholders {
            let Some(role) = &p.role else {
                continue;
            };
            let role = ArgRole::parse(role).ok_or_else(|| {
                format!(
                    "{}: error: placeholder '{}' has role '{}'; expected input, parameter, buffer or constant",
                    meta.display(),
                    p.name,
                    role
                )
            })?;
            roles.insert(p.name.clone(), role);
        }
    }
    Ok(roles)
}
