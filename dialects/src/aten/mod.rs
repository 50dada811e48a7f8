//! The opaque `aten` dialect: op names, the schema table, and the checks ttc's verifier makes on
//! aten ops.
//!
//! aten ops are not registered with MLIR: each keeps the name of its PyTorch overload
//! (`aten.addmm.default`), tensor arguments are operands and every other argument is an
//! attribute named as in the overload's schema. The schema table ([`schema::SchemaTable`]) is
//! PyTorch's own signature strings, parsed with a pest grammar.

pub mod schema;
pub(crate) mod verify;
pub mod view;

pub use schema::{ArgType, Schema, SchemaArg, SchemaReturn, SchemaTable};
pub use view::{AtenOp, Literal};

/// The op that stands for a call whose target is not an aten overload (other namespaces such as
/// `prims`); its `name` attribute holds the target.
pub const OPERATOR_OP: &str = "aten.operator";

/// Attribute that lists, for an op whose schema has optional or list tensor arguments, how many
/// operands each tensor argument contributed (MLIR's convention for variadic operand groups).
pub const SEGMENT_SIZES_ATTR: &str = "operandSegmentSizes";

/// Suffix of the attribute that records, for a `Tensor?[]` argument, which list entries were
/// tensors (`indices_present = array<i1: false, true>`).
pub const PRESENT_SUFFIX: &str = "_present";
