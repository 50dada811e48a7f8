//! `ttir-legalize-aten`: aten ops to ttir, the rest stays on the host.
//!
//! A partial conversion. Every aten overload ttc knows how to express in ttir has a
//! [`Lowering`] in one of the family files (`eltwise.rs`, `matmul.rs`, ...): the ttir ops it
//! produces and a rewrite function. A rewrite may decline (shapes or dtypes decide): it returns
//! the reason, builds nothing, and the op stays as it is, a host fallback. Overloads known to
//! need the host (data-dependent shapes, ...) are listed in [`host::HOST_OPS`] with their
//! reason. Every op left in place gets one remark saying why; the pass never fails because of
//! one.
//!
//! Replacements keep the aten op's result types exactly; a mismatch is an internal error.
//! With `fold-constants` (the default) the pass then folds parameter-independent subgraphs
//! into `ttir.constant`s (`crate::fold_constants`).
//!
//! The coverage list `docs/aten-coverage.md` is generated from these tables
//! ([`coverage::markdown`]) and a test keeps it current.

mod attention;
pub(crate) mod builder;
mod conv_pool;
pub mod coverage;
mod creation;
mod data_movement;
mod eltwise;
mod host;
mod matmul;
mod norm;
mod reduction;
mod training;

use std::collections::HashMap;
use std::sync::OnceLock;

use melior::ir::operation::{OperationLike, OperationRef, WalkOrder, WalkResult};
use melior::ir::{Value, ValueLike};
use ttc_dialects::TtirOp;
use ttc_dialects::aten::AtenOp;
use ttc_dialects::diag::{self, Severity};

use crate::pass::{Anchor, OptionKind, Pass, PassFailed, PassInfo, PassOption};
use builder::{Builder, NoMatch};

/// The replacement of each result of an aten op; `None` only for results nobody reads.
pub(crate) type Replacement<'c, 'a> = Vec<Option<Value<'c, 'a>>>;

/// A rewrite function: builds ttir ops before the aten op and returns its replacement.
pub(crate) type RewriteFn =
    for<'c, 'a> fn(&Builder<'c, 'a>, &AtenOp<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch>;

/// How one aten overload becomes ttir.
pub struct Lowering {
    /// The overload, `aten.addmm.default`.
    pub op: &'static str,
    /// The ttir ops it may produce (empty: the op disappears, e.g. `aten.clone`).
    pub produces: &'static [TtirOp],
    /// When the rewrite declines, in words (empty when it always applies).
    pub conditions: &'static str,
    pub(crate) rewrite: RewriteFn,
}

/// Every lowering, by overload.
pub fn lowerings() -> &'static HashMap<&'static str, &'static Lowering> {
    static TABLE: OnceLock<HashMap<&'static str, &'static Lowering>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let families: &[&'static [Lowering]] = &[
            eltwise::LOWERINGS,
            matmul::LOWERINGS,
            reduction::LOWERINGS,
            norm::LOWERINGS,
            conv_pool::LOWERINGS,
            data_movement::LOWERINGS,
            creation::LOWERINGS,
            attention::LOWERINGS,
            training::LOWERINGS,
        ];
        let mut map = HashMap::new();
        for family in families {
            for lowering in *family {
                let previous = map.insert(lowering.op, lowering);
                assert!(previous.is_none(), "{} has two lowerings", lowering.op);
            }
        }
        map
    })
}

/// Registry entry of `ttir-legalize-aten`.
pub static INFO: PassInfo = PassInfo {
    name: "ttir-legalize-aten",
    summary: "Convert aten ops to ttir; ops that cannot run on the device stay as host fallbacks",
    anchor: Anchor::Module,
    options: &[PassOption {
        name: "fold-constants",
        help: "fold parameter-independent subgraphs (position ids, constant masks) into constants",
        kind: OptionKind::Bool,
        default: "true",
    }],
    create: |options| {
        Ok(Box::new(LegalizeAten {
            fold: options.bool(&INFO, "fold-constants"),
        }))
    },
};

struct LegalizeAten {
    fold: bool,
}

impl Pass for LegalizeAten {
    fn run(&self, module: OperationRef<'_, '_>) -> Result<(), PassFailed> {
        let ctx_ref = module.context();
        let context = unsafe { ctx_ref.to_ref() };
        let mut raw_ops = Vec::new();
        module.walk(WalkOrder::PreOrder, |op| {
            if op
                .name()
                .as_string_ref()
                .as_str()
                .is_ok_and(|n| n.starts_with("aten."))
            {
                raw_ops.push(op.to_raw());
            }
            WalkResult::Advance
        });
        let mut failed = false;
        for raw in raw_ops {
            let op = unsafe { OperationRef::from_raw(raw) };
            failed |= legalize_op(context, op).is_err();
        }
        if failed {
            return Err(PassFailed);
        }
        if self.fold {
            crate::fold_constants::fold_module(context, module)?;
        }
        Ok(())
    }
}

/// Converts one aten op, or explains with a remark why it stays.
fn legalize_op<'c>(
    context: &'c melior::Context,
    op: OperationRef<'c, '_>,
) -> Result<(), PassFailed> {
    let name = op.name().as_string_ref().as_str().unwrap_or("").to_owned();
    let Some(aten) = AtenOp::new(op) else {
        let target = op
            .attribute("name")
            .map(|a| a.to_string())
            .unwrap_or_else(|_| "an unknown target".into());
        diag::emit(
            op.location(),
            Severity::Remark,
            &format!("'{name}' ({target}) stays on the host: not an aten overload"),
        );
        return Ok(());
    };
    let reason = match lowerings().get(name.as_str()) {
        None => match host::HOST_OPS.iter().find(|h| h.op == name) {
            Some(h) => h.reason.to_owned(),
            None => "no lowering to ttir".to_owned(),
        },
        Some(lowering) => {
            let Some(builder) = Builder::new(context, op) else {
                return Ok(());
            };
            match (lowering.rewrite)(&builder, &aten) {
                Ok(replacement) => return replace(&builder, op, &name, replacement),
                Err(reason) => {
                    builder.discard();
                    reason
                }
            }
        }
    };
    diag::emit(
        op.location(),
        Severity::Remark,
        &format!("'{name}' stays on the host: {reason}"),
    );
    Ok(())
}

fn has_uses(v: Value<'_, '_>) -> bool {
    !unsafe { mlir_sys::mlirOpOperandIsNull(mlir_sys::mlirValueGetFirstUse(v.to_raw())) }
}

fn replace<'c>(
    builder: &Builder<'c, '_>,
    op: OperationRef<'c, '_>,
    name: &str,
    replacement: Replacement<'c, '_>,
) -> Result<(), PassFailed> {
    let internal = |message: String| {
        builder.discard();
        diag::emit_error(
            op.location(),
            &format!("internal error lowering '{name}': {message}"),
        );
        Err(PassFailed)
    };
    if replacement.len() != op.result_count() {
        return internal(format!(
            "{} replacement values for {} results",
            replacement.len(),
            op.result_count()
        ));
    }
    for (i, new) in replacement.iter().enumerate() {
        let old: Value = op.result(i).expect("index in range").into();
        match new {
            Some(new) if new.r#type() != old.r#type() => {
                return internal(format!(
                    "result #{i} became {} instead of {}",
                    new.r#type(),
                    old.r#type()
                ));
            }
            None if has_uses(old) => {
                return internal(format!("result #{i} is used but was not replaced"));
            }
            _ => {}
        }
    }
    builder.commit();
    for (i, new) in replacement.into_iter().enumerate() {
        if let Some(new) = new {
            let old: Value = op.result(i).expect("index in range").into();
            unsafe { mlir_sys::mlirValueReplaceAllUsesOfWith(old.to_raw(), new.to_raw()) };
        }
    }
    unsafe { mlir_sys::mlirOperationDestroy(op.to_raw()) };
    Ok(())
}

/// `Ok(vec![Some(v)])`: the replacement of a single-result op.
pub(crate) fn single<'c, 'a>(v: Value<'c, 'a>) -> Result<Replacement<'c, 'a>, NoMatch> {
    Ok(vec![Some(v)])
}

/// The result type of result `i` of the aten op.
pub(crate) fn result_type<'c>(aten: &AtenOp<'c, '_>, i: usize) -> melior::ir::Type<'c> {
    aten.op.result(i).expect("result index in range").r#type()
}

/// Whether result `i` of the aten op is read.
pub(crate) fn result_used(aten: &AtenOp<'_, '_>, i: usize) -> bool {
    aten.op
        .result(i)
        .map(|r| has_uses(r.into()))
        .unwrap_or(false)
}
