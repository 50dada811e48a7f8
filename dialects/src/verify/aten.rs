//! Checks on the opaque `aten` dialect: op names have the form of an aten overload.
//!
//! The schema table (which overloads exist and what they take) belongs to the frontend; here
//! only the shape of the name is checked, so a hand-written `aten.add` without an overload is
//! caught.

use melior::ir::attribute::AttributeLike;
use melior::ir::operation::{OperationLike, OperationRef};

use super::Sink;

pub(super) fn check(op: OperationRef<'_, '_>, name: &str, sink: &mut Sink<'_, '_, '_>) {
    if name == "aten.operator" {
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
    }
}
