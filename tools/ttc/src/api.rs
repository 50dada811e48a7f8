//! The embedding API: ttc as another Rust program's compile backend.
//!
//! ```
//! use std::collections::BTreeMap;
//! use ttc::api::Compiler;
//! use ttc_runtime::tensor::Tensor;
//!
//! // A traced graph, as `GraphModule.print_readable()` prints it.
//! let graph = r#"
//! class GraphModule(torch.nn.Module):
//!     def forward(self, p_weight: "f32[4, 8]", p_bias: "f32[4]", x: "f32[2, 8]"):
//!         linear: "f32[2, 4]" = torch.ops.aten.linear.default(x, p_weight, p_bias)
//!         relu: "f32[2, 4]" = torch.ops.aten.relu.default(linear)
//!         return (relu,)
//! "#;
//! let model = Compiler::new().math_fidelity("hifi4").compile_text(graph, "mlp.txt")?;
//! assert_eq!(model.input_names(), ["p_weight", "p_bias", "x"]);
//! assert_eq!(model.stats().map(|s| s.ops_remain), Some(0));
//!
//! let mut inputs = BTreeMap::new();
//! inputs.insert("p_weight".to_owned(), Tensor::f32(vec![4, 8], vec![0.125; 32]));
//! inputs.insert("p_bias".to_owned(), Tensor::f32(vec![4], vec![0.5, -0.5, 1.0, -2.0]));
//! inputs.insert("x".to_owned(), Tensor::f32(vec![2, 8], (0..16).map(|i| i as f32 / 8.0).collect()));
//! let run = model.run(inputs.clone())?;
//! assert_eq!(run.outputs[0].shape, vec![2, 4]);
//! // The compiled program agrees with the aten graph's f32 reference.
//! assert!(run.report.pcc_min > 0.99);
//! // As a backend: the compiled program alone.
//! assert_eq!(model.run_compiled(inputs)?, run.outputs);
//! # Ok::<(), ttc::api::Error>(())
//! ```
//!
//! A [`Compiler`] holds the options of `ttc-backend-pipeline`; [`Compiler::compile_text`] and
//! [`Compiler::compile_file`] give a [`CompiledModel`]: the final ttnn module, its conversion
//! statistics and the runtime Program. [`CompiledModel::run`] runs the program on the
//! Wormhole interpreter and its golden reference on named host tensors and returns the outputs
//! with the comparison report; [`CompiledModel::run_compiled`] runs the program alone. Programs can be saved ([`CompiledModel::save_program`]) and run
//! later without the compiler ([`CompiledModel::from_program_file`]).

use std::collections::BTreeMap;
use std::path::Path;

use ttc_passes::stats::ConversionStats;
use ttc_runtime::program::Program;
use ttc_runtime::tensor::Tensor;

use crate::compile::{CompileOptions, compile_file, compile_text};
use crate::run::{RunOptions, RunReport, run_and_compare};

/// An error of the embedding API: every diagnostic, each with its location.
#[derive(Debug)]
pub struct Error {
    pub diagnostics: Vec<String>,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.diagnostics.join("\n"))
    }
}

impl std::error::Error for Error {}

impl From<String> for Error {
    fn from(message: String) -> Self {
        Error {
            diagnostics: vec![message],
        }
    }
}

/// Compile options (those of `ttc-backend-pipeline`), set fluently.
#[derive(Clone, Debug, Default)]
pub struct Compiler {
    options: CompileOptions,
}

impl Compiler {
    /// Default options: n150, bf16 weights, HiFi4, const-eval on.
    pub fn new() -> Self {
        Compiler::default()
    }

    /// The device: `n150`, `n300` or a descriptor file.
    pub fn device(mut self, device: &str) -> Self {
        self.options.system_desc = device.to_owned();
        self
    }

    /// Storage of matmul and linear weights: `bf16`, `bfp8_b` or `bfp4_b`.
    pub fn weight_dtype(mut self, dtype: &str) -> Self {
        self.options.weight_dtype = dtype.to_owned();
        self
    }

    /// Matrix-engine fidelity: `lofi`, `hifi2`, `hifi3` or `hifi4`.
    pub fn math_fidelity(mut self, fidelity: &str) -> Self {
        self.options.math_fidelity = fidelity.to_owned();
        self
    }

    /// Keep f32 tensors in f32 on the device.
    pub fn keep_f32(mut self, keep: bool) -> Self {
        self.options.keep_f32 = keep;
        self
    }

    /// Marks graph placeholders as parameters (their preparation is const-evaluated).
    pub fn parameters<I: IntoIterator<Item = S>, S: Into<String>>(mut self, names: I) -> Self {
        for n in names {
            self.options
                .roles
                .insert(n.into(), ttc_dialects::roles::ArgRole::Parameter);
        }
        self
    }

    /// Compiles graph text (or MLIR text when `name` ends in `.mlir`).
    pub fn compile_text(&self, text: &str, name: &str) -> Result<CompiledModel, Error> {
        let mut options = self.options.clone();
        options.emit_program = true;
        let result =
            compile_text(text, name, name.ends_with(".mlir"), &options).map_err(|f| Error {
                diagnostics: f.diagnostics,
            })?;
        Ok(CompiledModel {
            program: result.program.expect("emit_program was set"),
            stats: Some(result.stats),
            mlir: result.mlir,
        })
    }

    /// Compiles a graph file (`.txt`) or a module (`.mlir`).
    pub fn compile_file(&self, path: &Path) -> Result<CompiledModel, Error> {
        let mut options = self.options.clone();
        options.emit_program = true;
        let result = compile_file(path, &options).map_err(|f| Error {
            diagnostics: f.diagnostics,
        })?;
        Ok(CompiledModel {
            program: result.program.expect("emit_program was set"),
            stats: Some(result.stats),
            mlir: result.mlir,
        })
    }
}

/// A compiled model.
#[derive(Clone, Debug)]
pub struct CompiledModel {
    program: Program,
    stats: Option<ConversionStats>,
    mlir: String,
}

/// What a run returns.
#[derive(Debug)]
pub struct Run {
    /// The compiled program's outputs.
    pub outputs: Vec<Tensor>,
    /// The golden reference's outputs.
    pub golden: Vec<Tensor>,
    /// The comparison.
    pub report: RunReport,
}

impl CompiledModel {
    /// A model from a saved program (no compiler needed).
    pub fn from_program_file(path: &Path) -> Result<CompiledModel, Error> {
        let text = crate::output::read_text(path)?;
        let program =
            Program::from_json(&text, &path.display().to_string()).map_err(|e| e.to_string())?;
        Ok(CompiledModel {
            mlir: program.source_mlir.clone(),
            program,
            stats: None,
        })
    }

    /// The graph's placeholders in argument order.
    pub fn input_names(&self) -> Vec<String> {
        crate::inputs::input_names(&self.program)
    }

    /// Conversion statistics (`None` for a model loaded from a program file).
    pub fn stats(&self) -> Option<&ConversionStats> {
        self.stats.as_ref()
    }

    /// The final ttnn module as MLIR text.
    pub fn mlir(&self) -> &str {
        &self.mlir
    }

    /// The runtime program.
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// Writes the program as JSON.
    pub fn save_program(&self, path: &Path) -> Result<(), Error> {
        crate::output::write_output(Some(path), &self.program.to_json()).map_err(Error::from)
    }

    /// Runs the compiled program alone on inputs given by placeholder name (consumed, so the
    /// weights are held once) and returns its outputs: ttc as a backend.
    pub fn run_compiled(&self, inputs: BTreeMap<String, Tensor>) -> Result<Vec<Tensor>, Error> {
        let ordered = crate::inputs::inputs_by_name(&self.program, inputs)?;
        let run = ttc_runtime::device::Session::new(&self.program)
            .run(ordered, false)
            .map_err(|e| e.to_string())?;
        Ok(run.outputs)
    }

    /// Runs the program and its golden reference on inputs given by placeholder name
    /// (consumed) and compares them.
    pub fn run(&self, inputs: BTreeMap<String, Tensor>) -> Result<Run, Error> {
        let ordered = crate::inputs::inputs_by_name(&self.program, inputs)?;
        let result = run_and_compare(&self.program, ordered, None, &RunOptions::default())?;
        Ok(Run {
            outputs: result.compiled.outputs,
            golden: result.golden.outputs,
            report: result.report,
        })
    }
}
