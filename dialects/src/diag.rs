//! Diagnostics: capturing what MLIR and ttc's Rust code report, and printing it as
//! `file:line:col: error: message`.
//!
//! MLIR reports parse and verifier errors through the context's diagnostic handlers. Rust code
//! (passes, the semantic verifier) reports through [`emit`], which sends errors into the same
//! MLIR engine and remarks and warnings into the [`DiagnosticCapture`] attached to the context.
//! A tool attaches one capture, runs its work, and then prints or checks what was collected, in
//! the order it was reported.

use std::collections::HashMap;
use std::ffi::CString;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use melior::Context;
use melior::diagnostic::{Diagnostic as MlirDiagnostic, DiagnosticHandlerId, DiagnosticSeverity};
use melior::ir::Location;
use mlir_sys::MlirContext;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Extra context attached to another diagnostic.
    Note,
    /// Information, e.g. an op left on the host.
    Remark,
    /// Something suspicious that does not stop the work.
    Warning,
    /// The work failed.
    Error,
}

impl Severity {
    /// The word used in printed diagnostics.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Remark => "remark",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A source position: file, 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SourcePos {
    /// The buffer or file name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
}

/// One diagnostic with its notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Where it points, when the location has a file position.
    pub pos: Option<SourcePos>,
    /// The message, without location or severity.
    pub message: String,
    /// Attached notes.
    pub notes: Vec<Diagnostic>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.pos {
            Some(p) => write!(f, "{}:{}:{}: ", p.file, p.line, p.col)?,
            None => write!(f, "<unknown>: ")?,
        }
        write!(f, "{}: {}", self.severity.as_str(), self.message)?;
        for note in &self.notes {
            write!(f, "\n{note}")?;
        }
        Ok(())
    }
}

/// The first file position inside a location, looking through names, fusions and call sites.
pub fn source_pos(location: Location<'_>) -> Option<SourcePos> {
    if location.is_file_line_col_range() {
        let file = location.file_line_col_range_filename();
        return Some(SourcePos {
            file: file
                .as_string_ref()
                .as_str()
                .unwrap_or("<invalid utf-8>")
                .to_owned(),
            line: location.file_line_col_range_start_line(),
            col: location.file_line_col_range_start_column(),
        });
    }
    if location.is_name() {
        return source_pos(location.name_child_location());
    }
    if location.is_fused() {
        return (0..location.fused_num_locations())
            .find_map(|i| source_pos(location.fused_location(i)));
    }
    if location.is_call_site() {
        return source_pos(location.call_site_callee());
    }
    None
}

type Sink = Arc<Mutex<Vec<Diagnostic>>>;

fn sinks() -> &'static Mutex<HashMap<usize, Sink>> {
    static SINKS: OnceLock<Mutex<HashMap<usize, Sink>>> = OnceLock::new();
    SINKS.get_or_init(Default::default)
}

fn context_key(ctx: MlirContext) -> usize {
    ctx.ptr as usize
}

fn convert(d: &MlirDiagnostic) -> Diagnostic {
    let severity = match d.severity() {
        DiagnosticSeverity::Error => Severity::Error,
        DiagnosticSeverity::Warning => Severity::Warning,
        DiagnosticSeverity::Remark => Severity::Remark,
        DiagnosticSeverity::Note => Severity::Note,
    };
    let notes = (0..d.note_count())
        .filter_map(|i| d.note(i).ok())
        .map(|n| convert(&n))
        .collect();
    Diagnostic {
        severity,
        pos: source_pos(d.location()),
        message: d.to_string(),
        notes,
    }
}

/// Collects every diagnostic reported on a context while it is alive.
///
/// Captures nest: the newest one receives the diagnostics, and dropping it restores the
/// previous one.
pub struct DiagnosticCapture<'c> {
    context: &'c Context,
    handler: Option<DiagnosticHandlerId>,
    sink: Sink,
    previous: Option<Sink>,
}

impl<'c> DiagnosticCapture<'c> {
    /// Starts capturing on `context`; nothing reaches stderr until the capture is dropped.
    pub fn new(context: &'c Context) -> Self {
        let sink: Sink = Arc::default();
        let handler_sink = sink.clone();
        let handler = context.attach_diagnostic_handler(move |d| {
            handler_sink.lock().unwrap().push(convert(&d));
            true
        });
        let previous = sinks()
            .lock()
            .unwrap()
            .insert(context_key(context.to_raw()), sink.clone());
        DiagnosticCapture {
            context,
            handler: Some(handler),
            sink,
            previous,
        }
    }

    /// Removes and returns what was collected so far.
    pub fn take(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *self.sink.lock().unwrap())
    }

    /// Whether an error was collected (and not yet taken).
    pub fn has_errors(&self) -> bool {
        self.sink
            .lock()
            .unwrap()
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

impl Drop for DiagnosticCapture<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.handler.take() {
            self.context.detach_diagnostic_handler(id);
        }
        let key = context_key(self.context.to_raw());
        let mut map = sinks().lock().unwrap();
        match self.previous.take() {
            Some(prev) => {
                map.insert(key, prev);
            }
            None => {
                map.remove(&key);
            }
        }
    }
}

/// Reports a diagnostic at `location`. Errors go through MLIR's diagnostic engine (so every
/// handler sees them); remarks and warnings go to the context's [`DiagnosticCapture`], or to
/// stderr when there is none.
pub fn emit(location: Location<'_>, severity: Severity, message: &str) {
    if severity == Severity::Error {
        let text = CString::new(message.replace('\0', " ")).expect("no interior NUL");
        unsafe { mlir_sys::mlirEmitError(location.to_raw(), text.as_ptr()) };
        return;
    }
    let diagnostic = Diagnostic {
        severity,
        pos: source_pos(location),
        message: message.to_owned(),
        notes: Vec::new(),
    };
    let key = context_key(unsafe { mlir_sys::mlirLocationGetContext(location.to_raw()) });
    let sink = sinks().lock().unwrap().get(&key).cloned();
    match sink {
        Some(sink) => sink.lock().unwrap().push(diagnostic),
        None => eprintln!("{diagnostic}"),
    }
}

/// Shorthand for [`emit`] with [`Severity::Error`].
pub fn emit_error(location: Location<'_>, message: &str) {
    emit(location, Severity::Error, message)
}
