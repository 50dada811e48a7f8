//! `ttc import`: graph text to an `aten`-dialect module, verified, plus the graph's op counts.

use std::path::Path;

use ttc_dialects::diag::{Diagnostic, DiagnosticCapture};
use ttc_dialects::{PrintOptions, create_context, print_module};
use ttc_frontend::ImportStats;

/// The printed module and the op counts of one graph file.
#[derive(Debug)]
pub struct ImportResult {
    /// The `aten` module as MLIR text.
    pub mlir: String,
    /// Counts of the traced graph.
    pub stats: ImportStats,
}

/// Why an import failed: the diagnostics to show, each with its location.
#[derive(Debug)]
pub struct ImportFailure {
    /// What went wrong.
    pub diagnostics: Vec<String>,
}

/// Imports the graph text `text` (named `file` in locations and messages), verifies the module
/// and prints it.
pub fn import_graph_text(
    text: &str,
    file: &str,
    print: PrintOptions,
) -> Result<ImportResult, ImportFailure> {
    let context = create_context();
    let capture = DiagnosticCapture::new(&context);
    let imported = ttc_frontend::import_text(&context, text, file).map_err(|e| ImportFailure {
        diagnostics: vec![e.to_string()],
    })?;
    let op = imported.module.as_operation();
    let verified = melior::ir::operation::OperationLike::verify(&op)
        && ttc_dialects::verify::verify_and_report(op);
    let diagnostics: Vec<Diagnostic> = capture.take();
    if !verified {
        let mut messages: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        messages.push(format!(
            "{file}: error: internal error: the imported module does not verify"
        ));
        return Err(ImportFailure {
            diagnostics: messages,
        });
    }
    Ok(ImportResult {
        mlir: print_module(&imported.module, print),
        stats: imported.stats,
    })
}

/// Reads and imports a graph file.
pub fn import_graph_file(path: &Path, print: PrintOptions) -> Result<ImportResult, ImportFailure> {
    let text = crate::output::read_text(path).map_err(|e| ImportFailure {
        diagnostics: vec![format!("ttc: error: {e}")],
    })?;
    import_graph_text(&text, &path.display().to_string(), print)
}
