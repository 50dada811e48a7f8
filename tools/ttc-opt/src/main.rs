//! `ttc-opt`: parse MLIR with ttc's dialects, run passes, print the result — the tool people
//! know as `mlir-opt` or `ttmlir-opt`.
//!
//! Input is a file or stdin; output goes to stdout or `-o`. Passes come from
//! `--pass-pipeline='builtin.module(...)'` or from one flag per pass, in command-line order.
//! The input is verified by MLIR and by ttc's semantic verifier before any pass runs, and the
//! output after the last one. Every problem is reported as `file:line:col: error: ...` and the
//! exit status is 1; the output file is only written when the run succeeds.

mod expected;
mod split;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};
use melior::Context;
use melior::pass::PassIrPrintingOptions;
use ttc_dialects::diag::{Diagnostic, DiagnosticCapture, Severity, SourcePos};
use ttc_dialects::{PrintOptions, create_context, parse_module, print_module};
use ttc_passes::pass::{OptionKind, PassInfo};
use ttc_passes::pipeline::{
    BuildConfig, Element, add_to_pass_manager, module_pass_manager, parse_pipeline,
};
use ttc_passes::registry::{PASSES, PIPELINES, UPSTREAM_PASSES};

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("RUST_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let matches = match command().try_get_matches() {
        Ok(m) => m,
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
    match run(&matches) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("ttc-opt: error: {message}");
            ExitCode::from(1)
        }
    }
}

fn pass_help(info: &PassInfo) -> String {
    let mut help = info.summary.to_owned();
    for o in info.options {
        let kind = match o.kind {
            OptionKind::Bool => "bool".to_owned(),
            OptionKind::Int => "int".to_owned(),
            OptionKind::Float => "float".to_owned(),
            OptionKind::String => "string".to_owned(),
            OptionKind::Choice(c) => c.join("|"),
        };
        help.push_str(&format!(
            "\n  {}=<{kind}>  {} (default: {})",
            o.name, o.help, o.default
        ));
    }
    help
}

fn command() -> Command {
    let mut cmd = Command::new("ttc-opt")
        .version(&*Box::leak(
            format!("{} (LLVM/MLIR {})", env!("CARGO_PKG_VERSION"), ttc_dialects::LLVM_VERSION).into_boxed_str(),
        ))
        .about("Parse, verify, transform and print MLIR with ttc's aten, ttir and ttnn dialects")
        .after_help(
            "Pass flags take options as in MLIR pipelines: --canonicalize=\"max-iterations=3\".\n\
             Diagnostics are printed as file:line:col: error: message; the exit status is 1 on any error.",
        )
        .arg(Arg::new("input").default_value("-").help("Input file ('-' for stdin)"))
        .arg(Arg::new("output").short('o').value_name("FILE").help("Output file (default: stdout)"))
        .arg(
            Arg::new("pass-pipeline")
                .long("pass-pipeline")
                .value_name("PIPELINE")
                .help("Textual pipeline, e.g. 'builtin.module(func.func(cse),ttc-verify)'"),
        )
        .arg(flag("split-input-file", "Process each '// -----' separated chunk of the input on its own"))
        .arg(flag("verify-diagnostics", "Check diagnostics against expected-error/-warning/-remark/-note annotations"))
        .arg(flag("mlir-print-ir-after-all", "Print the IR to stderr after every pass"))
        .arg(flag("mlir-print-ir-before-all", "Print the IR to stderr before every pass"))
        .arg(flag("mlir-print-op-generic", "Print ops in MLIR's generic form"))
        .arg(flag("mlir-print-debuginfo", "Print locations"))
        .arg(flag("mlir-timing", "Report the time each pass took (stderr)"))
        .arg(flag("mlir-disable-threading", "Run passes on one thread"))
        .arg(
            Arg::new("verify-each")
                .long("verify-each")
                .value_name("BOOL")
                .num_args(0..=1)
                .require_equals(true)
                .default_missing_value("true")
                .value_parser(clap::value_parser!(bool))
                .help("Run ttc-verify after every pass (default: on in debug builds)"),
        )
        .arg(
            Arg::new("allow-unregistered-dialect")
                .long("allow-unregistered-dialect")
                .action(ArgAction::SetTrue)
                .hide(true),
        );
    for info in PASSES {
        cmd = cmd.arg(pass_arg(info.name, pass_help(info)));
    }
    for pipeline in PIPELINES {
        cmd = cmd.arg(pass_arg(pipeline.info.name, pass_help(&pipeline.info)));
    }
    for up in UPSTREAM_PASSES {
        cmd = cmd.arg(pass_arg(up.name, up.summary.to_owned()));
    }
    cmd
}

fn flag(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name)
        .long(name)
        .action(ArgAction::SetTrue)
        .help(help)
}

fn pass_arg(name: &'static str, help: String) -> Arg {
    Arg::new(name)
        .long(name)
        .value_name("OPTIONS")
        .num_args(0..=1)
        .require_equals(true)
        .default_missing_value("")
        .action(ArgAction::Append)
        .help(help)
        .help_heading("Passes")
}

/// The passes named by flags, in command-line order.
fn pass_flags(matches: &ArgMatches) -> Vec<Element> {
    let mut found: Vec<(usize, Element)> = Vec::new();
    let names = PASSES
        .iter()
        .map(|p| p.name)
        .chain(PIPELINES.iter().map(|p| p.info.name))
        .chain(UPSTREAM_PASSES.iter().map(|p| p.name));
    for name in names {
        if let (Some(indices), Some(values)) =
            (matches.indices_of(name), matches.get_many::<String>(name))
        {
            for (index, value) in indices.zip(values) {
                found.push((
                    index,
                    Element::Pass {
                        name: name.to_owned(),
                        options: value.clone(),
                    },
                ));
            }
        }
    }
    found.sort_by_key(|(i, _)| *i);
    found.into_iter().map(|(_, e)| e).collect()
}

struct Settings {
    pipeline: Vec<Element>,
    print: PrintOptions,
    verify_each: bool,
    print_after_all: bool,
    print_before_all: bool,
    timing: bool,
}

fn run(matches: &ArgMatches) -> Result<bool, String> {
    let input = matches.get_one::<String>("input").expect("has default");
    let (source, buffer_name) = read_input(input)?;

    let flag_passes = pass_flags(matches);
    let pipeline = match matches.get_one::<String>("pass-pipeline") {
        Some(_) if !flag_passes.is_empty() => {
            return Err("--pass-pipeline cannot be combined with pass flags".into());
        }
        Some(text) => parse_pipeline(text).map_err(|e| format!("invalid --pass-pipeline: {e}"))?,
        None => flag_passes,
    };
    let settings = Settings {
        pipeline,
        print: PrintOptions {
            generic: matches.get_flag("mlir-print-op-generic"),
            debug_info: matches.get_flag("mlir-print-debuginfo"),
        },
        verify_each: matches
            .get_one::<bool>("verify-each")
            .copied()
            .unwrap_or(cfg!(debug_assertions)),
        print_after_all: matches.get_flag("mlir-print-ir-after-all"),
        print_before_all: matches.get_flag("mlir-print-ir-before-all"),
        timing: matches.get_flag("mlir-timing"),
    };
    let verify_diagnostics = matches.get_flag("verify-diagnostics");

    let context = create_context();
    if matches.get_flag("mlir-disable-threading")
        || settings.print_after_all
        || settings.print_before_all
    {
        context.enable_multi_threading(false);
    }
    let chunks = if matches.get_flag("split-input-file") {
        split::split(&source)
    } else {
        vec![split::Chunk {
            text: source.clone(),
            first_line: 0,
        }]
    };

    let mut ok = true;
    let mut outputs = Vec::new();
    for chunk in &chunks {
        let (output, diagnostics) = process_chunk(&context, &chunk.text, &buffer_name, &settings)?;
        if verify_diagnostics {
            let failures = match expected::parse_expectations(&chunk.text, &buffer_name) {
                Ok(expectations) => expected::check(&expectations, &diagnostics, &buffer_name),
                Err(bad) => vec![bad],
            };
            for f in &failures {
                eprintln!("{f}");
            }
            ok &= failures.is_empty();
        } else {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            ok &= !diagnostics.iter().any(|d| d.severity == Severity::Error);
        }
        if let Some(text) = output {
            outputs.push(text);
        }
    }

    let text = outputs.join(&format!("{}\n", split::MARKER));
    if ok {
        write_output(
            matches.get_one::<String>("output").map(PathBuf::from),
            &text,
        )?;
    }
    Ok(ok)
}

fn read_input(input: &str) -> Result<(String, String), String> {
    if input == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        return Ok((text, "<stdin>".to_owned()));
    }
    let bytes = std::fs::read(input).map_err(|e| format!("cannot read '{input}': {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "'{input}' is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok((text, input.to_owned()))
}

/// Parses, verifies, transforms and prints one chunk. Returns the printed module (when
/// everything succeeded) and every diagnostic reported on the way.
fn process_chunk(
    context: &Context,
    text: &str,
    buffer_name: &str,
    settings: &Settings,
) -> Result<(Option<String>, Vec<Diagnostic>), String> {
    let capture = DiagnosticCapture::new(context);
    let Some(mut module) = parse_module(context, text, buffer_name) else {
        return Ok((
            None,
            failed(capture.take(), buffer_name, "cannot parse the input"),
        ));
    };
    if !ttc_dialects::verify::verify_and_report(module.as_operation()) {
        return Ok((None, capture.take()));
    }
    if !settings.pipeline.is_empty() {
        let pm = module_pass_manager(context);
        pm.enable_verifier(true);
        if settings.print_after_all || settings.print_before_all {
            pm.enable_ir_printing(&PassIrPrintingOptions {
                before_all: settings.print_before_all,
                after_all: settings.print_after_all,
                module_scope: true,
                on_change: false,
                on_failure: false,
                flags: melior::ir::operation::OperationPrintingFlags::new(),
                tree_printing_path: PathBuf::new(),
            });
        }
        if settings.timing {
            unsafe { mlir_sys::mlirPassManagerEnableTiming(pm.to_raw()) };
        }
        add_to_pass_manager(
            &pm,
            &settings.pipeline,
            BuildConfig {
                verify_each: settings.verify_each,
            },
        )?;
        if pm.run(&mut module).is_err() {
            return Ok((None, failed(capture.take(), buffer_name, "a pass failed")));
        }
        // The output is verified whatever --verify-each says.
        if !settings.verify_each && !ttc_dialects::verify::verify_and_report(module.as_operation())
        {
            return Ok((
                None,
                failed(capture.take(), buffer_name, "the output does not verify"),
            ));
        }
    }
    let output = print_module(&module, settings.print);
    Ok((Some(output), capture.take()))
}

/// The collected diagnostics, plus a generic error when MLIR failed without saying why.
fn failed(mut diagnostics: Vec<Diagnostic>, buffer_name: &str, what: &str) -> Vec<Diagnostic> {
    if !diagnostics.iter().any(|d| d.severity == Severity::Error) {
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            pos: Some(SourcePos {
                file: buffer_name.to_owned(),
                line: 1,
                col: 1,
            }),
            message: what.to_owned(),
            notes: vec![],
        });
    }
    diagnostics
}

/// Writes the output to stdout, or to `path` through a temporary file renamed into place, so an
/// interrupted run never leaves a truncated file.
fn write_output(path: Option<PathBuf>, text: &str) -> Result<(), String> {
    let Some(path) = path.filter(|p| p != Path::new("-")) else {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(text.as_bytes())
            .and_then(|_| out.flush())
            .map_err(|e| format!("cannot write to stdout: {e}"));
    };
    if path.exists() && !path.is_file() {
        // A device or pipe such as /dev/null: write straight into it.
        return std::fs::write(&path, text)
            .map_err(|e| format!("cannot write '{}': {e}", path.display()));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .ok_or_else(|| format!("'{}' is not a file path", path.display()))?;
    let tmp = dir.join(format!(".{}.ttc-opt.tmp", file_name.to_string_lossy()));
    std::fs::write(&tmp, text).map_err(|e| format!("cannot write '{}': {e}", tmp.display()))?;
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write '{}': {e}", path.display())
    })
}
