//! ttc's semantic verifier: the rules the ODS definitions cannot state.
//!
//! MLIR already checks what the `.td` files declare (operand and result counts, attribute
//! presence and kinds, `SameOperandsAndResultShape`, ...). This verifier adds, for every op in a
//! module:
//!
//! - **Known dialect.** Every op belongs to `builtin`, `func`, `aten`, `ttir` or `ttnn`. The
//!   context allows unregistered dialects (for `aten`), so without this check a typo such as
//!   `ttnm.add` would be accepted.
//! - **aten names.** An `aten` op is named after an overload, `aten.<op>.<overload>`, or is
//!   `aten.operator` with a string `name` attribute.
//! - **Static ranked tensors.** Tensor operands and results of ttir and ttnn ops are ranked with
//!   static shapes.
//! - **ttir is layout-free.** ttir tensor types carry no encoding.
//! - **Per-op shape rules** (ttir and ttnn alike): binary operands broadcast to the result
//!   shape; matmul inner dimensions agree and the result has the product's shape; a linear bias
//!   broadcasts to the result; reshape keeps the element count (and ttnn's `shape` attribute
//!   equals the result shape); transpose, permute, softmax and concat dimensions are in range
//!   and the result shape follows; concat operands agree off the concat dimension; embedding
//!   tables are 2-D and the result is `indices.shape + [width]`; layer-norm parameters match the
//!   normalised shape.
//! - **Element types.** ttir binary, unary and normalisation ops keep one element type;
//!   embedding indices are integers.
//! - **Layout encodings** (ttnn): an encoding is a `#ttnn.layout` whose data type can hold the
//!   element type; block-float data types are tiled; device buffers have a memory layout and a
//!   2-D grid of positive sizes, host buffers have neither.
//! - **Layout-changing ops** agree with their attributes: `to_device` goes host to device into
//!   its `memory_config`, `from_device` device to host, `to_layout` produces its page layout,
//!   data type and memory config, `typecast` its data type; page layout and data type stay the
//!   same across transfers.
//! - **ttnn library forms.** Flattened channels-last convolution and pooling agree with their
//!   geometry attributes (`batch_size`, `input_height`, ... ; padding `[top, bottom, left,
//!   right]`); batch-norm statistics are [1, C, 1, 1]; creation ops' `shape` attributes equal
//!   the result shape and their device operand is present exactly for device results;
//!   `ttnn.load_cached` calls a function of the module with matching types;
//!   `to_memory_config` moves between device buffers; `convert_layout` changes something.
//! - **Deallocation.** `ttnn.deallocate` frees a buffer, not a value: the freed value and its
//!   views (ops declared `resultMayAliasInput`, e.g. `reshape`) are one buffer. It never frees
//!   a function argument or a `ttnn.load_cached` result, nothing in the block uses the buffer
//!   afterwards, and no later deallocation frees it again.
//!
//! Errors are reported at the op's location, prefixed with the op name as MLIR's own verifier
//! does (`'ttir.add' op ...`). The verifier never panics on any IR MLIR accepts.

mod checks;
mod layout;
mod rules;
mod shape_rules;
mod ttnn_rules;

use melior::ir::Location;
use melior::ir::ValueLike;
use melior::ir::operation::{OperationLike, OperationRef, WalkOrder, WalkResult};

use crate::context::KNOWN_DIALECTS;
use crate::diag;

/// One semantic error.
#[derive(Clone, Debug)]
pub struct VerifyError<'c> {
    /// The offending op's location.
    pub location: Location<'c>,
    /// The message, starting with `'op.name' op`.
    pub message: String,
}

/// Checks `root` and every op nested in it; returns the errors in op order.
pub fn verify<'c>(root: OperationRef<'c, '_>) -> Vec<VerifyError<'c>> {
    let mut raw_ops = Vec::new();
    root.walk(WalkOrder::PreOrder, |op| {
        raw_ops.push(op.to_raw());
        WalkResult::Advance
    });
    let mut errors = Vec::new();
    let mut types = layout::TypeCache::default();
    for raw in raw_ops {
        let op = unsafe { OperationRef::from_raw(raw) };
        let mut sink = Sink {
            op,
            errors: &mut errors,
        };
        check_op(op, &mut sink, &mut types);
    }
    errors
}

/// Runs [`verify`] and reports every error through [`diag::emit_error`]; true when clean.
pub fn verify_and_report(root: OperationRef<'_, '_>) -> bool {
    let errors = verify(root);
    for e in &errors {
        diag::emit_error(e.location, &e.message);
    }
    errors.is_empty()
}

/// Collects errors about one op.
pub(crate) struct Sink<'s, 'c, 'a> {
    op: OperationRef<'c, 'a>,
    errors: &'s mut Vec<VerifyError<'c>>,
}

impl Sink<'_, '_, '_> {
    pub(crate) fn error(&mut self, message: impl std::fmt::Display) {
        let name = self.op.name();
        let name = name.as_string_ref().as_str().unwrap_or("?").to_owned();
        self.errors.push(VerifyError {
            location: self.op.location(),
            message: format!("'{name}' op {message}"),
        });
    }
}

fn check_op<'c, 'a>(
    op: OperationRef<'c, 'a>,
    sink: &mut Sink<'_, 'c, 'a>,
    types: &mut layout::TypeCache,
) {
    let name_id = op.name();
    let Ok(name) = name_id.as_string_ref().as_str() else {
        sink.error("has a name that is not UTF-8");
        return;
    };
    let dialect = name.split('.').next().unwrap_or("");
    if !KNOWN_DIALECTS.contains(&dialect) {
        sink.error(format_args!(
            "belongs to unknown dialect '{dialect}' (ttc knows {})",
            KNOWN_DIALECTS.join(", ")
        ));
        return;
    }
    match dialect {
        "aten" => crate::aten::verify::check(op, name, sink),
        "ttir" | "ttnn" => checks::check(op, sink, types),
        _ => {}
    }
}

/// Whether `value` is an argument of the function (or other op) owning its block's region.
pub(crate) fn is_entry_block_argument(value: melior::ir::Value<'_, '_>) -> bool {
    let raw = value.to_raw();
    if !unsafe { mlir_sys::mlirValueIsABlockArgument(raw) } {
        return false;
    }
    let block = unsafe { mlir_sys::mlirBlockArgumentGetOwner(raw) };
    let region = unsafe { mlir_sys::mlirBlockGetParentRegion(block) };
    if region.ptr.is_null() {
        return false;
    }
    let first = unsafe { mlir_sys::mlirRegionGetFirstBlock(region) };
    first.ptr == block.ptr
}

/// The ops after `op` in its block.
pub(crate) fn following_ops<'c, 'a>(
    op: OperationRef<'c, 'a>,
) -> impl Iterator<Item = OperationRef<'c, 'a>> {
    std::iter::successors(op.next_in_block(), |o| o.next_in_block())
}
