//! `ttc-verify`: runs ttc's semantic verifier (`ttc_dialects::verify`) as a pass.
//!
//! The pass changes nothing; it fails with one diagnostic per broken rule. `ttc-opt` and the
//! pipelines insert it after every pass in debug builds and tests (`--verify-each`).

use melior::ir::operation::OperationRef;
use ttc_dialects::verify::verify_and_report;

use crate::pass::{Anchor, Pass, PassFailed, PassInfo};

/// Registry entry of `ttc-verify`.
pub static INFO: PassInfo = PassInfo {
    name: "ttc-verify",
    summary: "Check the rules the op definitions cannot state (shapes, layouts, dialects)",
    anchor: Anchor::Any,
    options: &[],
    create: |_| Ok(Box::new(Verify)),
};

struct Verify;

impl Pass for Verify {
    fn run(&self, op: OperationRef<'_, '_>) -> Result<(), PassFailed> {
        if verify_and_report(op) {
            Ok(())
        } else {
            Err(PassFailed)
        }
    }
}
