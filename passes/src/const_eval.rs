//! `ttnn-const-eval`: computes once what depends only on parameters and constants.
//!
//! In each public function, an op is constant when it is a side-effect-free ttnn op whose
//! operands are all constant: arguments whose `ttc.role` is `parameter`, `buffer` or
//! `constant`, results of constant ops, or the device handle. Creation ops (`full`,
//! `constant`, `arange`) are constant. Typical constant work: moving weights to the device,
//! tilizing them, converting them to `bfp8_b`, transposing them, reshaping batch-norm
//! statistics, position embeddings of fixed position ids.
//!
//! The constant ops move, in order, into a new private function `@<name>_const_eval_<n>`
//! taking the arguments they read and returning the values the rest of the function uses;
//! the function calls it through `ttnn.load_cached`, which the runtime evaluates on the first
//! run only and caches. Nothing is hoisted when no constant op is used by a non-constant one.

use std::collections::{HashMap, HashSet};

use melior::ir::attribute::{ArrayAttribute, AttributeLike, StringAttribute, TypeAttribute};
use melior::ir::operation::{OperationBuilder, OperationLike, OperationRef};
use melior::ir::r#type::FunctionType;
use melior::ir::{
    Attribute, Block, BlockLike, Identifier, Location, Region, RegionLike, Type, Value, ValueLike,
};
use ttc_dialects::roles::{self, ArgRole};
use ttc_dialects::view::OpView;
use ttc_dialects::{RegisteredOp, TtnnOp};

use crate::ir::{arg_attr_string, block_ops, entry_block, functions};
use crate::pass::{Anchor, Pass, PassFailed, PassInfo};

/// Registry entry of `ttnn-const-eval`.
pub static INFO: PassInfo = PassInfo {
    name: "ttnn-const-eval",
    summary: "Hoist ops that depend only on parameters and constants into a function evaluated once (ttnn.load_cached)",
    anchor: Anchor::Module,
    options: &[],
    create: |_| Ok(Box::new(ConstEval)),
};

struct ConstEval;

fn key(v: Value<'_, '_>) -> usize {
    v.to_raw().ptr as usize
}

/// Whether an op may be hoisted when its operands are constant.
fn hoistable(op: OperationRef<'_, '_>) -> bool {
    let Some(view) = OpView::new(op) else {
        return false;
    };
    match view.kind {
        RegisteredOp::Ttnn(TtnnOp::GetDevice | TtnnOp::LoadCached | TtnnOp::Deallocate) => false,
        RegisteredOp::Ttnn(kind) => kind.info().is_pure(),
        RegisteredOp::Ttir(_) => false,
    }
}

fn is_get_device(op: OperationRef<'_, '_>) -> bool {
    OpView::new(op).is_some_and(|v| v.kind == RegisteredOp::Ttnn(TtnnOp::GetDevice))
}

fn is_private(func: OperationRef<'_, '_>) -> bool {
    func.attribute("sym_visibility")
        .is_ok_and(|a| a.to_string() == "\"private\"")
}

fn symbol_name(func: OperationRef<'_, '_>) -> String {
    func.attribute("sym_name")
        .map(|a| a.to_string().trim_matches('"').to_owned())
        .unwrap_or_default()
}

impl Pass for ConstEval {
    fn run(&self, module: OperationRef<'_, '_>) -> Result<(), PassFailed> {
        let ctx_ref = module.context();
        let context = unsafe { ctx_ref.to_ref() };
        let mut taken: HashSet<String> = functions(module).into_iter().map(symbol_name).collect();
        for func in functions(module) {
            if is_private(func) {
                continue;
            }
            let Some(block) = entry_block(func) else {
                continue;
            };
            let mut constant: HashSet<usize> = HashSet::new();
            for i in 0..block.argument_count() {
                let role = arg_attr_string(func, i, roles::ATTR).and_then(|r| ArgRole::parse(&r));
                if role.is_some_and(ArgRole::is_constant) {
                    constant.insert(key(block.argument(i).expect("index in range").into()));
                }
            }
            let ops = block_ops(block);
            let mut device = None;
            let mut hoisted = Vec::new();
            let mut hoisted_set = HashSet::new();
            for &op in &ops {
                if is_get_device(op) {
                    let d: Value = op.result(0).expect("get_device result").into();
                    device = Some(d);
                    constant.insert(key(d));
                    continue;
                }
                if hoistable(op) && op.operands().all(|v| constant.contains(&key(v))) {
                    for r in op.results() {
                        constant.insert(key(r.into()));
                    }
                    hoisted_set.insert(op.to_raw().ptr as usize);
                    hoisted.push(op);
                }
            }
            // Values the rest of the function reads.
            let mut boundary: Vec<Value> = Vec::new();
            for &op in &ops {
                if hoisted_set.contains(&(op.to_raw().ptr as usize)) {
                    continue;
                }
                for v in op.operands() {
                    let k = key(v);
                    let from_hoisted = !unsafe { mlir_sys::mlirValueIsABlockArgument(v.to_raw()) }
                        && hoisted_set.contains(
                            &(unsafe { mlir_sys::mlirOpResultGetOwner(v.to_raw()) }.ptr as usize),
                        );
                    if from_hoisted && !boundary.iter().any(|b| key(*b) == k) {
                        boundary.push(v);
                    }
                }
            }
            if boundary.is_empty() {
                continue;
            }
            // Arguments the hoisted ops read, in argument order.
            let mut used_args = Vec::new();
            for i in 0..block.argument_count() {
                let arg: Value = block.argument(i).expect("index in range").into();
                if hoisted.iter().any(|op| op.operands().any(|v| v == arg)) {
                    used_args.push((i, arg));
                }
            }
            let name = {
                let base = symbol_name(func);
                let mut n = 0;
                loop {
                    let candidate = format!("{base}_const_eval_{n}");
                    if !taken.contains(&candidate) {
                        taken.insert(candidate.clone());
                        break candidate;
                    }
                    n += 1;
                }
            };
            let location = func.location();
            let arg_types: Vec<Type> = used_args.iter().map(|(_, a)| a.r#type()).collect();
            let result_types: Vec<Type> = boundary.iter().map(|v| v.r#type()).collect();
            let new_block =
                Block::new(&arg_types.iter().map(|&t| (t, location)).collect::<Vec<_>>());
            let region = Region::new();
            let new_block = region.append_block(new_block);
            let arg_attrs: Vec<Attribute> = used_args
                .iter()
                .map(|(i, _)| unsafe {
                    let all = func.attribute("arg_attrs").ok();
                    match all {
                        Some(a) => Attribute::from_raw(mlir_sys::mlirArrayAttrGetElement(
                            a.to_raw(),
                            *i as isize,
                        )),
                        None => Attribute::parse(context, "{}").expect("empty dictionary"),
                    }
                })
                .collect();
            let fty = FunctionType::new(context, &arg_types, &result_types);
            let new_func = OperationBuilder::new("func.func", location)
                .add_attributes(&[
                    (
                        Identifier::new(context, "sym_name"),
                        StringAttribute::new(context, &name).into(),
                    ),
                    (
                        Identifier::new(context, "sym_visibility"),
                        StringAttribute::new(context, "private").into(),
                    ),
                    (
                        Identifier::new(context, "function_type"),
                        TypeAttribute::new(fty.into()).into(),
                    ),
                    (
                        Identifier::new(context, "arg_attrs"),
                        ArrayAttribute::new(context, &arg_attrs).into(),
                    ),
                ])
                .add_regions([region])
                .build()
                .expect("func.func builds");
            let module_block = func.block().expect("function is in the module");
            module_block.insert_operation_after(func, new_func);

            // The call, where the first hoisted op was.
            let callee = Attribute::parse(context, &format!("@{name}")).expect("symbol parses");
            let call = OperationBuilder::new(TtnnOp::LoadCached.info().name, hoisted[0].location())
                .add_attributes(&[(Identifier::new(context, "callee"), callee)])
                .add_operands(&used_args.iter().map(|(_, a)| *a).collect::<Vec<_>>())
                .add_results(&result_types)
                .build()
                .expect("load_cached builds");
            let call = block.insert_operation_before(hoisted[0], call);

            // Move the ops; rewire arguments and the device.
            let terminator = new_block.append_operation(
                OperationBuilder::new("func.return", location)
                    .add_operands(&boundary)
                    .build()
                    .expect("func.return builds"),
            );
            let mut new_device = None;
            let arg_map: HashMap<usize, Value> = used_args
                .iter()
                .enumerate()
                .map(|(j, (_, a))| {
                    (
                        key(*a),
                        new_block.argument(j).expect("index in range").into(),
                    )
                })
                .collect();
            for &op in &hoisted {
                unsafe { mlir_sys::mlirOperationMoveBefore(op.to_raw(), terminator.to_raw()) };
                for i in 0..op.operand_count() {
                    let v = op.operand(i).expect("index in range");
                    let replacement = if let Some(&a) = arg_map.get(&key(v)) {
                        Some(a)
                    } else if device.is_some_and(|d| d == v) {
                        let d = *new_device.get_or_insert_with(|| {
                            let ty = Type::parse(context, "!ttnn.device").expect("device type");
                            let op = OperationBuilder::new(
                                TtnnOp::GetDevice.info().name,
                                Location::unknown(context),
                            )
                            .add_results(&[ty])
                            .build()
                            .expect("get_device builds");
                            let first = new_block.first_operation().expect("block has ops");
                            let op = new_block.insert_operation_before(first, op);
                            let v: Value = op.result(0).expect("one result").into();
                            v
                        });
                        Some(d)
                    } else {
                        None
                    };
                    if let Some(r) = replacement {
                        crate::ir::set_operand(op, i, r);
                    }
                }
            }
            // Outside users read the cached results.
            let call_results: Vec<Value> = call.results().map(Into::into).collect();
            let mut exceptions = vec![terminator.to_raw()];
            exceptions.extend(hoisted.iter().map(|o| o.to_raw()));
            for (v, r) in boundary.iter().zip(call_results) {
                unsafe {
                    mlir_sys::mlirValueReplaceAllUsesExcept(
                        v.to_raw(),
                        r.to_raw(),
                        exceptions.len() as isize,
                        exceptions.as_mut_ptr(),
                    )
                };
            }
        }
        Ok(())
    }
}
