//! Checks on aten ops: the name has the form of an overload, and an op whose overload is in the
//! schema table agrees with its schema.
//!
//! An overload missing from the table is accepted as it is (the importer never fails on one);
//! for a known overload the verifier checks that every attribute names a schema argument, that
//! the operands match the schema's tensor arguments (through `operandSegmentSizes` when
//! present), and that the result count matches a fixed-size return.

use melior::ir::attribute::AttributeLike;
use melior::ir::operation::{OperationLike, OperationRef};

use super::{OPERATOR_OP, PRESENT_SUFFIX, SEGMENT_SIZES_ATTR, SchemaTable};
use crate::verify::Sink;

pub(crate) fn check(op: OperationRef<'_, '_>, name: &str, sink: &mut Sink<'_, '_, '_>) {
    if name == OPERATOR_OP {
        match op.attribute("name") {
            Ok(a) if a.is_string() => {}
            _ => sink.error("needs a string attribute 'name' naming the aten overload"),
        }
        return;
    }
    let parts: Vec<&str> = name.split('.').collect();
    let valid_ident =
        |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if parts.len() != 3 || !valid_ident(parts[1]) || !valid_ident(parts[2]) {
        sink.error(
            "is not named after an aten overload ('aten.<op>.<overload>', e.g. 'aten.add.Tensor')",
        );
        return;
    }
    let Some(schema) = SchemaTable::builtin().get(name) else {
        return;
    };

    for (id, _) in op.attributes() {
        let attr = id.as_string_ref().as_str().unwrap_or("");
        let known = attr == SEGMENT_SIZES_ATTR
            || attr.contains('.')
            || schema.arg(attr).is_some()
            || attr
                .strip_suffix(PRESENT_SUFFIX)
                .and_then(|a| schema.arg(a))
                .is_some_and(|a| a.ty.is_tensor_like());
        if !known {
            let args: Vec<&str> = schema.args.iter().map(|a| a.name.as_str()).collect();
            sink.error(format_args!(
                "has attribute '{attr}', which is not an argument of {} (arguments: {})",
                schema.name,
                args.join(", ")
            ));
            return;
        }
    }

    let tensor_args = schema.args.iter().filter(|a| a.ty.is_tensor_like()).count();
    let operands = op.operand_count();
    match op.attribute(SEGMENT_SIZES_ATTR) {
        Ok(sizes) => {
            let raw = sizes.to_raw();
            if !unsafe { mlir_sys::mlirAttributeIsADenseI32Array(raw) } {
                return sink.error(format_args!(
                    "'{SEGMENT_SIZES_ATTR}' must be an array<i32: ...>"
                ));
            }
            let n = unsafe { mlir_sys::mlirDenseArrayGetNumElements(raw) } as usize;
            let total: i64 = (0..n as isize)
                .map(|i| unsafe { mlir_sys::mlirDenseI32ArrayGetElement(raw, i) } as i64)
                .sum();
            if n != tensor_args || total != operands as i64 {
                sink.error(format_args!(
                    "has {SEGMENT_SIZES_ATTR} with {n} entries summing to {total}; {} has {tensor_args} tensor \
                     arguments and the op has {operands} operands",
                    schema.name
                ));
                return;
            }
        }
        Err(_) if operands != tensor_args => {
            sink.error(format_args!(
                "has {operands} operands but {} takes {tensor_args} tensor arguments",
                schema.name
            ));
            return;
        }
        Err(_) => {}
    }

    if let Some(expected) = schema.fixed_result_count()
        && op.result_count() != expected
    {
        sink.error(format_args!(
            "has {} results but {} returns {expected}",
            op.result_count(),
            schema.name
        ));
    }
}
