//! Fuzz target: any bytes through the graph parser and, when they parse, the importer and both
//! verifiers. Nothing may panic or abort; errors must be `FrontendError`s.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run import_graph fuzz/seeds -- -runs=1000000`
//! (see fuzz/README.md).
//!
//! The target has its own `main` that hands control to libFuzzer's driver: MLIR's static
//! libraries carry an `mlir-opt` `main` (libMLIRMlirOptMain.a) that the linker would otherwise
//! pick instead of libFuzzer's.

use std::cell::RefCell;
use std::ffi::{CString, c_char, c_int};

use libfuzzer_sys::fuzz_target;
use melior::Context;
use ttc_dialects::diag::DiagnosticCapture;

thread_local! {
    // A context per thread, renewed now and then so uniqued attributes do not pile up.
    static CONTEXT: RefCell<(Context, usize)> = RefCell::new((ttc_dialects::create_context(), 0));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(graph) = ttc_frontend::graph::parse(text, "fuzz.txt") else { return };
    CONTEXT.with(|cell| {
        let mut slot = cell.borrow_mut();
        slot.1 += 1;
        if slot.1 % 5000 == 0 {
            slot.0 = ttc_dialects::create_context();
        }
        let context = &slot.0;
        let capture = DiagnosticCapture::new(context);
        if let Ok(imported) = ttc_frontend::import_graph(context, &graph, "fuzz.txt") {
            let op = imported.module.as_operation();
            let mlir_ok = melior::ir::operation::OperationLike::verify(&op);
            let ttc_ok = ttc_dialects::verify::verify_and_report(op);
            // An imported module must verify: a failure here is an importer bug.
            assert!(mlir_ok && ttc_ok, "imported module does not verify: {:?}", capture.take());
        }
        drop(capture);
    });
});

unsafe extern "C" {
    fn LLVMFuzzerRunDriver(
        argc: *mut c_int,
        argv: *mut *mut *mut c_char,
        callback: unsafe extern "C" fn(*const u8, usize) -> c_int,
    ) -> c_int;
    fn LLVMFuzzerTestOneInput(data: *const u8, size: usize) -> c_int;
}

fn main() {
    let args: Vec<CString> = std::env::args_os()
        .map(|a| CString::new(a.into_encoded_bytes()).expect("no NUL in arguments"))
        .collect();
    let mut pointers: Vec<*mut c_char> = args.iter().map(|a| a.as_ptr() as *mut c_char).collect();
    pointers.push(std::ptr::null_mut());
    let mut argc = args.len() as c_int;
    let mut argv = pointers.as_mut_ptr();
    let status = unsafe { LLVMFuzzerRunDriver(&mut argc, &mut argv, LLVMFuzzerTestOneInput) };
    std::process::exit(status);
}
