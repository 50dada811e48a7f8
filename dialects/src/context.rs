//! Creating an MLIR context that knows ttc's dialects, and parsing and printing modules.
//!
//! The context registers `builtin`, `func`, and the ODS-generated `ttir` and `ttnn` dialects
//! (from the C++ library the build script compiles), and allows unregistered dialects so the
//! opaque `aten` ops parse. The semantic verifier then rejects ops of any other dialect, so a
//! typo such as `ttnm.add` is still an error.

use std::borrow::Cow;

use melior::dialect::DialectHandle;
use melior::ir::operation::OperationPrintingFlags;
use melior::ir::{Module, Operation};
use melior::{Context, StringRef};
use mlir_sys::MlirDialectHandle;

unsafe extern "C" {
    fn mlirGetDialectHandle__ttir__() -> MlirDialectHandle;
    fn mlirGetDialectHandle__ttnn__() -> MlirDialectHandle;
    fn ttcRankedTensorTypeIdFromCpp() -> *const std::ffi::c_void;
}

/// The dialects ttc knows. Ops of any other dialect are rejected by the semantic verifier.
pub const KNOWN_DIALECTS: &[&str] = &["builtin", "func", "aten", "ttir", "ttnn"];

/// A context with ttc's dialects loaded and unregistered (`aten`) ops allowed.
pub fn create_context() -> Context {
    let registry = melior::dialect::DialectRegistry::new();
    DialectHandle::func().insert_dialect(&registry);
    unsafe { DialectHandle::from_raw(mlirGetDialectHandle__ttir__()) }.insert_dialect(&registry);
    unsafe { DialectHandle::from_raw(mlirGetDialectHandle__ttnn__()) }.insert_dialect(&registry);
    let context = Context::new();
    context.append_dialect_registry(&registry);
    context.load_all_available_dialects();
    context.set_allow_unregistered_dialects(true);
    context
}

/// The opaque TypeID of `RankedTensorType` as the C++ dialect library sees it. Equal to the one
/// melior sees exactly when both use the same copy of MLIR.
pub fn ranked_tensor_type_id_from_cpp() -> *const std::ffi::c_void {
    unsafe { ttcRankedTensorTypeIdFromCpp() }
}

/// Parses `source` into a module, naming the buffer `buffer_name` in every location.
///
/// As `mlir-opt` does, a source whose top-level ops are not a single `module` is wrapped in
/// one; the wrapping keeps every line number and, except when an op starts on the first line,
/// every column. Errors are reported through the context's diagnostics; the result is `None`
/// when parsing or MLIR's verification failed.
pub fn parse_module<'c>(
    context: &'c Context,
    source: &str,
    buffer_name: &str,
) -> Option<Module<'c>> {
    if let Some((line, col)) = too_deep(source) {
        let location = melior::ir::Location::new(context, buffer_name, line, col);
        crate::diag::emit_error(
            location,
            &format!(
                "brackets nest deeper than {MAX_NESTING} levels here; ttc does not parse such input"
            ),
        );
        return None;
    }
    let text = wrap_in_module(source);
    let raw = unsafe {
        mlir_sys::mlirOperationCreateParse(
            context.to_raw(),
            StringRef::new(&text).to_raw(),
            StringRef::new(buffer_name).to_raw(),
        )
    };
    if raw.ptr.is_null() {
        return None;
    }
    let op = unsafe { Operation::from_raw(raw) };
    Module::from_operation(op)
}

/// How to print a module.
#[derive(Clone, Copy, Debug, Default)]
pub struct PrintOptions {
    /// Print every op in MLIR's generic form (`"ttnn.add"(...) : (...) -> ...`).
    pub generic: bool,
    /// Print locations (`loc("graph.txt":12:5)`).
    pub debug_info: bool,
}

/// Prints a module as `mlir-opt` would, ending with a newline.
pub fn print_module(module: &Module<'_>, options: PrintOptions) -> String {
    unsafe extern "C" fn append(chunk: mlir_sys::MlirStringRef, user_data: *mut std::ffi::c_void) {
        let out = unsafe { &mut *(user_data as *mut Vec<u8>) };
        out.extend_from_slice(unsafe {
            std::slice::from_raw_parts(chunk.data as *const u8, chunk.length)
        });
    }
    let mut flags = OperationPrintingFlags::new();
    if options.generic {
        flags = flags.print_generic_operation_form();
    }
    if options.debug_info {
        flags = flags.enable_debug_info(true, false);
    }
    // Printing into bytes and checking UTF-8 once is markedly faster than melior's per-chunk
    // string building on large modules.
    let mut bytes = Vec::new();
    unsafe {
        mlir_sys::mlirOperationPrintWithFlags(
            module.as_operation().to_raw(),
            flags.to_raw(),
            Some(append),
            &mut bytes as *mut Vec<u8> as *mut std::ffi::c_void,
        )
    };
    let mut text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// How deeply brackets may nest in parsed IR. MLIR's parser recurses once per level and has no
/// limit of its own; real IR stays far below this.
pub const MAX_NESTING: usize = 256;

/// The position (1-based line and column) where bracket nesting first exceeds [`MAX_NESTING`],
/// ignoring strings, comments and `->` arrows.
fn too_deep(source: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (index, line) in source.lines().enumerate() {
        let bytes = line.as_bytes();
        let mut in_string = false;
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if in_string {
                if c == b'\\' {
                    i += 1;
                } else if c == b'"' {
                    in_string = false;
                }
            } else {
                match c {
                    b'"' => in_string = true,
                    b'/' if bytes.get(i + 1) == Some(&b'/') => break,
                    b'-' if bytes.get(i + 1) == Some(&b'>') => i += 1,
                    b'(' | b'[' | b'{' | b'<' => {
                        depth += 1;
                        if depth > MAX_NESTING {
                            return Some((index + 1, i + 1));
                        }
                    }
                    b')' | b']' | b'}' | b'>' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            i += 1;
        }
    }
    None
}

/// Wraps the top-level ops of `source` in `module { ... }` unless they already are one module.
/// A source without ops becomes an empty module.
fn wrap_in_module(source: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = source.lines().collect();
    let Some(first_op) = first_top_level_op_line(&lines) else {
        return Cow::Owned(format!("{source}\nmodule {{\n}}\n"));
    };
    let head = lines[first_op].trim_start();
    if head.starts_with("module") || head.starts_with("\"builtin.module\"") {
        return Cow::Borrowed(source);
    }
    let mut out: Vec<Cow<'_, str>> = lines.iter().map(|l| Cow::Borrowed(*l)).collect();
    let opener_at_line_start = |line: &str| format!("module {{{line}");
    if first_op == 0 {
        out[0] = Cow::Owned(opener_at_line_start(lines[0]));
    } else {
        let prev = lines[first_op - 1];
        let trimmed = prev.trim_start();
        out[first_op - 1] = if trimmed.is_empty() || trimmed.starts_with("//") {
            Cow::Owned(opener_at_line_start(prev))
        } else if !prev.contains("//") {
            Cow::Owned(format!("{prev} module {{"))
        } else {
            out[first_op] = Cow::Owned(opener_at_line_start(lines[first_op]));
            Cow::Borrowed(prev)
        };
    }
    let mut text = out.join("\n");
    text.push_str("\n}\n");
    Cow::Owned(text)
}

/// Index of the first line that starts a top-level op: not blank, not a comment, not part of an
/// attribute or type alias definition (`#name = ...`, `!name = ...`).
fn first_top_level_op_line(lines: &[&str]) -> Option<usize> {
    let mut depth: i64 = 0;
    for (i, line) in lines.iter().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let trimmed = code.trim();
        if depth > 0 {
            depth += bracket_balance(trimmed);
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('#') || trimmed.starts_with('!') {
            depth = bracket_balance(trimmed).max(0);
            continue;
        }
        return Some(i);
    }
    None
}

fn bracket_balance(text: &str) -> i64 {
    let mut in_string = false;
    let mut balance = 0;
    for c in text.chars() {
        match c {
            '"' => in_string = !in_string,
            '<' | '(' | '[' | '{' if !in_string => balance += 1,
            '>' | ')' | ']' | '}' if !in_string => balance -= 1,
            _ => {}
        }
    }
    balance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_line_numbers() {
        let src = "// comment\n#l = #ttnn.layout<tile>\n\nfunc.func @f() {\n  return\n}\n";
        let wrapped = wrap_in_module(src);
        let lines: Vec<&str> = wrapped.lines().collect();
        assert_eq!(lines[2], "module {");
        assert_eq!(lines[3], "func.func @f() {");
        assert_eq!(lines.last(), Some(&"}"));
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!(
            "func.func @f(%a: {}f32{}) {{ return }}",
            "tensor<".repeat(300),
            ">".repeat(300)
        );
        assert!(too_deep(&deep).is_some());
        assert_eq!(
            too_deep("%0 = ttir.add %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>"),
            None
        );
        let context = create_context();
        let capture = crate::diag::DiagnosticCapture::new(&context);
        assert!(parse_module(&context, &deep, "deep.mlir").is_none());
        let errors = capture.take();
        assert!(
            errors[0].to_string().starts_with("deep.mlir:1:"),
            "{errors:?}"
        );
    }

    #[test]
    fn empty_input_is_an_empty_module() {
        let context = create_context();
        assert!(parse_module(&context, "", "e.mlir").is_some());
        assert!(parse_module(&context, "// only a comment\n", "e.mlir").is_some());
    }

    #[test]
    fn explicit_modules_are_left_alone() {
        let src = "// c\nmodule {\n}\n";
        assert!(matches!(wrap_in_module(src), Cow::Borrowed(_)));
    }

    #[test]
    fn alias_directly_above_the_first_op() {
        let src = "#l = #ttnn.layout<tile>\nfunc.func @f() {\n  return\n}\n";
        let wrapped = wrap_in_module(src);
        assert!(wrapped.starts_with("#l = #ttnn.layout<tile> module {\nfunc.func"));
    }

    #[test]
    fn parses_and_prints_with_a_buffer_name() {
        let context = create_context();
        let module = parse_module(&context, "func.func @f() {\n  return\n}\n", "x.mlir").unwrap();
        let text = print_module(
            &module,
            PrintOptions {
                generic: false,
                debug_info: true,
            },
        );
        assert!(text.contains("x.mlir"), "{text}");
    }

    #[test]
    fn one_copy_of_mlir() {
        use melior::ir::TypeLike;
        let context = create_context();
        let ty = melior::ir::Type::parse(&context, "tensor<2xf32>").unwrap();
        let rust_side = unsafe { mlir_sys::mlirTypeGetTypeID(ty.to_raw()) };
        assert_eq!(rust_side.ptr, ranked_tensor_type_id_from_cpp());
    }
}
