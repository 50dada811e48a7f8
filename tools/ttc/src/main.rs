//! `ttc`: compile PyTorch aten graphs for Tenstorrent Wormhole.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use ttc::compile::{CompileOptions, compile_file, roles_from_meta};
use ttc::import::import_graph_file;
use ttc::output::write_output;
use ttc_dialects::PrintOptions;

#[derive(Parser)]
#[command(
    name = "ttc",
    version,
    about = "Compile PyTorch aten graphs for Tenstorrent Wormhole"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import a traced graph (GraphModule.print_readable() text) into the aten dialect
    Import(ImportArgs),
    /// Compile a traced graph or an aten/ttir module to the final ttnn module
    Compile(CompileArgs),
    /// Compile every model under the given folders and print the conversion table
    Report(ReportArgs),
    /// Run a compiled model (compiling a graph first) and its golden reference; compare them
    Run(RunArgs),
    /// Check the Wormhole performance model against measured GEMM and exp data
    ValidateModel(ValidateArgs),
}

#[derive(Args)]
struct ValidateArgs {
    /// The reference-data folder (default: $TTC_REFERENCE_DATA or ../shared/reference-data)
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Device: n150, n300 or a descriptor .toml file
    #[arg(long, default_value = "n150")]
    system_desc: String,
    /// Write the figures as JSON here (one object per table)
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Worst rows to list per table
    #[arg(long, default_value_t = 5)]
    worst: usize,
}

#[derive(Args)]
struct RunArgs {
    /// A graph text file (GRAPH.txt) or a program written by `ttc compile --program` (.json)
    input: PathBuf,
    /// Inputs by placeholder name (default: seeded random inputs)
    #[arg(long, value_name = "F.safetensors")]
    inputs: Option<PathBuf>,
    /// Expected outputs (`output_<i>` tensors) to compare the golden outputs with
    #[arg(long, value_name = "F.safetensors")]
    expect: Option<PathBuf>,
    /// Compare every op with the golden value of its traced node; name the first that diverges
    #[arg(long)]
    per_op_golden: bool,
    /// PCC below which an output or op counts as wrong
    #[arg(long, default_value_t = 0.99)]
    pcc_threshold: f64,
    /// Seed of the random inputs
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Write the report as JSON here
    #[arg(long, value_name = "FILE")]
    report_json: Option<PathBuf>,
    /// Write the compiled program's outputs here (`output_<i>`)
    #[arg(long, value_name = "F.safetensors")]
    outputs: Option<PathBuf>,
    /// Write the simulated timeline as a Perfetto / Chrome trace-event JSON file
    #[arg(long, value_name = "FILE")]
    trace: Option<PathBuf>,
    /// In the trace, also one track per core of the grid
    #[arg(long, requires = "trace")]
    trace_cores: bool,
    /// Simulate with Metal Trace (ops replayed from a captured trace: no per-op host dispatch)
    #[arg(long)]
    metal_trace: bool,
    /// Placeholder roles from this meta.json (when compiling a graph)
    #[arg(long, value_name = "meta.json")]
    meta: Option<PathBuf>,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

#[derive(Args)]
struct ReportArgs {
    /// Model folders (holding fw_<i>.txt and meta.json) or folders of them
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Output format
    #[arg(long, default_value = "md", value_parser = ["md", "json", "csv"])]
    format: String,
    /// Write the report here (default: stdout)
    #[arg(short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Only compile: no runs, no accuracy columns
    #[arg(long)]
    no_run: bool,
    /// Seed of the random inputs of models without reference.safetensors
    #[arg(long, default_value_t = 0)]
    seed: u64,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

#[derive(Args)]
struct CompileArgs {
    /// The graph text file (GRAPH.txt) or an MLIR module (IN.mlir)
    input: PathBuf,
    /// Write the ttnn module here (default: stdout)
    #[arg(short = 'o', value_name = "OUT.mlir")]
    output: Option<PathBuf>,
    /// Write the conversion statistics as JSON here
    #[arg(long, value_name = "FILE")]
    stats_json: Option<PathBuf>,
    /// Placeholder roles (parameters, buffers, inputs) from this meta.json
    #[arg(long, value_name = "meta.json")]
    meta: Option<PathBuf>,
    /// Also write the runtime Program (JSON) here, for `ttc run`
    #[arg(long, value_name = "FILE")]
    program: Option<PathBuf>,
    #[command(flatten)]
    pipeline: PipelineArgs,
    /// Print locations
    #[arg(long)]
    mlir_print_debuginfo: bool,
    /// Print ops in MLIR's generic form
    #[arg(long)]
    mlir_print_op_generic: bool,
}

/// The options of ttc-backend-pipeline.
#[derive(Args, Clone)]
struct PipelineArgs {
    /// Device: n150, n300 or a descriptor .toml file
    #[arg(long, default_value = "n150", value_name = "DEVICE")]
    system_desc: String,
    /// Storage of matmul and linear weights
    #[arg(long, default_value = "bf16", value_parser = ["bf16", "bfp8_b", "bfp4_b"])]
    weight_dtype: String,
    /// Matrix-engine fidelity of matmul, linear, conv2d and attention
    #[arg(long, default_value = "hifi4", value_parser = ["lofi", "hifi2", "hifi3", "hifi4"])]
    math_fidelity: String,
    /// Keep f32 tensors in f32 on the device (default: bf16)
    #[arg(long)]
    keep_f32: bool,
    /// Do not hoist parameter-only work into a const-eval function
    #[arg(long)]
    no_const_eval: bool,
}

impl PipelineArgs {
    fn options(&self) -> CompileOptions {
        CompileOptions {
            system_desc: self.system_desc.clone(),
            weight_dtype: self.weight_dtype.clone(),
            math_fidelity: self.math_fidelity.clone(),
            keep_f32: self.keep_f32,
            const_eval: !self.no_const_eval,
            ..CompileOptions::default()
        }
    }
}

#[derive(Args)]
struct ImportArgs {
    /// The graph text file
    graph: PathBuf,
    /// Write the module here (default: stdout)
    #[arg(short = 'o', value_name = "OUT.mlir")]
    output: Option<PathBuf>,
    /// Write ops_before, unique_ops_before and ops_before_by_name as JSON here
    #[arg(long, value_name = "FILE")]
    stats_json: Option<PathBuf>,
    /// Print locations (each op's node name and line in the graph)
    #[arg(long)]
    mlir_print_debuginfo: bool,
    /// Print ops in MLIR's generic form
    #[arg(long)]
    mlir_print_op_generic: bool,
}

/// The runtime allocates and frees tensors of up to gigabytes op after op; mimalloc reuses their
/// pages where the system allocator returns them to the kernel and faults in fresh zeroed ones.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("RUST_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Usage errors exit with status 1 like every other error; --help and --version with 0.
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Import(args) => import(args),
        Command::Compile(args) => compile(args),
        Command::Report(args) => report(args),
        Command::Run(args) => run(args),
        Command::ValidateModel(args) => validate_model(args),
    }
}

fn validate_model(args: ValidateArgs) -> ExitCode {
    let dir = args.data.unwrap_or_else(ttc::validate::default_data_dir);
    let reports = match ttc::validate::validate(&dir, &args.system_desc) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("ttc: error: {e}");
            return ExitCode::from(1);
        }
    };
    print!("{}", ttc::validate::render(&reports, args.worst));
    if let Some(path) = &args.json {
        let json = serde_json::to_string_pretty(&ttc::validate::to_json(&reports))
            .expect("reports serialise")
            + "\n";
        if let Err(e) = write_output(Some(path), &json) {
            eprintln!("ttc: error: {e}");
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

fn run(args: RunArgs) -> ExitCode {
    match run_inner(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(messages) => {
            for m in messages {
                eprintln!("{m}");
            }
            ExitCode::from(1)
        }
    }
}

fn run_inner(args: &RunArgs) -> Result<bool, Vec<String>> {
    let one = |m: String| vec![m];
    let is_program = args.input.extension().is_some_and(|e| e == "json");
    let program = if is_program {
        let text =
            ttc::output::read_text(&args.input).map_err(|e| one(format!("ttc: error: {e}")))?;
        ttc_runtime::program::Program::from_json(&text, &args.input.display().to_string())
            .map_err(|e| one(format!("ttc: error: {e}")))?
    } else {
        let mut options = args.pipeline.options();
        options.emit_program = true;
        if let Some(meta) = &args.meta {
            let graph = args
                .input
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            options.roles = roles_from_meta(meta, &graph).map_err(one)?;
        }
        let result = compile_file(&args.input, &options).map_err(|f| f.diagnostics)?;
        result.program.expect("emit_program was set")
    };
    let inputs = match &args.inputs {
        Some(path) => ttc::inputs::inputs_from_file(&program, path),
        None => ttc::inputs::random_inputs(&program, args.seed),
    }
    .map_err(|e| one(format!("ttc: error: {e}")))?;
    let golden_outputs = program.golden.as_ref().map_or(0, |g| g.outputs.len());
    let expected = match &args.expect {
        Some(path) => Some(
            ttc::inputs::expected_outputs(path, golden_outputs)
                .map_err(|e| one(format!("ttc: error: {e}")))?,
        ),
        None => None,
    };
    let options = ttc::run::RunOptions {
        per_op_golden: args.per_op_golden,
        pcc_threshold: args.pcc_threshold,
        metal_trace: args.metal_trace,
        ..Default::default()
    };
    let result = ttc::run::run_and_compare(&program, inputs, expected.as_deref(), &options)
        .map_err(|e| one(format!("ttc: error: {e}")))?;
    print!(
        "{}",
        ttc::run::render(&result.report, &args.input.display().to_string())
    );
    if let Some(path) = &args.trace {
        let Some(timeline) = &result.timeline else {
            return Err(vec![format!(
                "ttc: error: no trace: {}",
                result
                    .report
                    .device_time_error
                    .as_deref()
                    .unwrap_or("no device model")
            )]);
        };
        let trace = ttc_runtime::perf::trace::chrome_trace(timeline, args.trace_cores);
        let json = serde_json::to_string(&trace).expect("trace serialises") + "\n";
        write_output(Some(path), &json).map_err(|e| one(format!("ttc: error: {e}")))?;
    }
    if let Some(path) = &args.report_json {
        let json = serde_json::to_string_pretty(&result.report).expect("report serialises") + "\n";
        write_output(Some(path), &json).map_err(|e| one(format!("ttc: error: {e}")))?;
    }
    if let Some(path) = &args.outputs {
        let named = result
            .compiled
            .outputs
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("output_{i}"), t.clone()))
            .collect();
        ttc_runtime::io::write_safetensors(path, &named)
            .map_err(|e| one(format!("ttc: error: {e}")))?;
    }
    // NaN compares false: a NaN PCC is a failure too.
    let passed = result.report.pcc_min >= args.pcc_threshold;
    if !passed {
        let first = result
            .report
            .first_divergence
            .as_ref()
            .map(|op| format!("; first op below it: {} (node {})", op.op, op.node))
            .unwrap_or_default();
        eprintln!(
            "ttc: error: pcc_min {:.6} is below the threshold {}{first}",
            result.report.pcc_min, args.pcc_threshold
        );
    }
    Ok(passed)
}

fn report(args: ReportArgs) -> ExitCode {
    let models = match ttc::report::discover(&args.dirs) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("ttc: error: {e}");
            return ExitCode::from(1);
        }
    };
    let options = args.pipeline.options();
    let run_options = ttc::report::ReportOptions {
        run: !args.no_run,
        seed: args.seed,
    };
    let bar = indicatif::ProgressBar::new(models.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .expect("progress template parses"),
    );
    let mut rows = Vec::new();
    for model in &models {
        bar.set_message(model.name.clone());
        rows.push(ttc::report::compile_model(model, &options, &run_options));
        bar.inc(1);
    }
    bar.finish_and_clear();
    let format = match args.format.as_str() {
        "json" => ttc::report::Format::Json,
        "csv" => ttc::report::Format::Csv,
        _ => ttc::report::Format::Markdown,
    };
    let text = ttc::report::render(&rows, format);
    if let Err(e) = write_output(args.output.as_deref(), &text) {
        eprintln!("ttc: error: {e}");
        return ExitCode::from(1);
    }
    if rows.iter().all(|r| r.success) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn compile(args: CompileArgs) -> ExitCode {
    let mut options = args.pipeline.options();
    options.print = PrintOptions {
        generic: args.mlir_print_op_generic,
        debug_info: args.mlir_print_debuginfo,
    };
    options.emit_program = args.program.is_some();
    if let Some(meta) = &args.meta {
        let graph = args
            .input
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        match roles_from_meta(meta, &graph) {
            Ok(roles) => options.roles = roles,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(1);
            }
        }
    }
    let result = match compile_file(&args.input, &options) {
        Ok(r) => r,
        Err(failure) => {
            for d in failure.diagnostics {
                eprintln!("{d}");
            }
            return ExitCode::from(1);
        }
    };
    for d in &result.diagnostics {
        eprintln!("{d}");
    }
    if let Some(path) = &args.stats_json {
        let json = serde_json::to_string_pretty(&result.stats).expect("stats serialise") + "\n";
        if let Err(e) = write_output(Some(path), &json) {
            eprintln!("ttc: error: {e}");
            return ExitCode::from(1);
        }
    }
    if let (Some(path), Some(program)) = (&args.program, &result.program)
        && let Err(e) = write_output(Some(path), &program.to_json())
    {
        eprintln!("ttc: error: {e}");
        return ExitCode::from(1);
    }
    if let Err(e) = write_output(args.output.as_deref(), &result.mlir) {
        eprintln!("ttc: error: {e}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn import(args: ImportArgs) -> ExitCode {
    let print = PrintOptions {
        generic: args.mlir_print_op_generic,
        debug_info: args.mlir_print_debuginfo,
    };
    let result = match import_graph_file(&args.graph, print) {
        Ok(r) => r,
        Err(failure) => {
            for d in failure.diagnostics {
                eprintln!("{d}");
            }
            return ExitCode::from(1);
        }
    };
    if let Some(path) = &args.stats_json {
        let json = serde_json::to_string_pretty(&result.stats).expect("stats serialise") + "\n";
        if let Err(e) = write_output(Some(path), &json) {
            eprintln!("ttc: error: {e}");
            return ExitCode::from(1);
        }
    }
    if let Err(e) = write_output(args.output.as_deref(), &result.mlir) {
        eprintln!("ttc: error: {e}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
