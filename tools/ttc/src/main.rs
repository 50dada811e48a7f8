//! `ttc`: compile PyTorch aten graphs for Tenstorrent Wormhole.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
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

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("RUST_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Import(args) => import(args),
    }
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
