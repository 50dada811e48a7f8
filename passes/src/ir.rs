//! IR helpers shared by the passes: reading and building tensor types, inserting ops next to
//! others, rewiring uses, and reading or rewriting a function's signature.
//!
//! melior covers building and walking; the few rewrites it has no wrapper for (retyping a
//! value, replacing uses, moving ops) call the MLIR C API here, in one place.

use melior::Context;
use melior::ir::attribute::{AttributeLike, TypeAttribute};
use melior::ir::operation::{OperationBuilder, OperationLike, OperationRef, WalkOrder, WalkResult};
use melior::ir::r#type::{FunctionType, RankedTensorType, ShapedTypeLike};
use melior::ir::{
    Attribute, BlockLike, BlockRef, Identifier, Location, RegionLike, Type, TypeLike, Value,
    ValueLike,
};

/// The static shape of a ranked tensor type (empty for anything else).
pub(crate) fn shape_of(ty: Type<'_>) -> Vec<i64> {
    match RankedTensorType::try_from(ty) {
        Ok(t) => (0..t.rank())
            .map(|i| unsafe { mlir_sys::mlirShapedTypeGetDimSize(t.to_raw(), i as isize) })
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The element type of a shaped type (the type itself for anything else).
pub(crate) fn element_of(ty: Type<'_>) -> Type<'_> {
    unsafe {
        if mlir_sys::mlirTypeIsAShaped(ty.to_raw()) {
            Type::from_raw(mlir_sys::mlirShapedTypeGetElementType(ty.to_raw()))
        } else {
            ty
        }
    }
}

/// Whether `ty` is a ranked tensor with a static shape.
pub(crate) fn is_static_tensor(ty: Type<'_>) -> bool {
    RankedTensorType::try_from(ty).is_ok_and(|t| t.has_static_shape())
}

/// The encoding attribute of a ranked tensor type.
pub(crate) fn encoding_of(ty: Type<'_>) -> Option<Attribute<'_>> {
    RankedTensorType::try_from(ty)
        .ok()
        .and_then(|t| t.encoding())
}

/// `tensor<shape x element, encoding>`.
pub(crate) fn tensor_type<'c>(
    shape: &[i64],
    element: Type<'c>,
    encoding: Option<Attribute<'c>>,
) -> Type<'c> {
    let enc = encoding
        .map(|a| a.to_raw())
        .unwrap_or(unsafe { mlir_sys::mlirAttributeGetNull() });
    unsafe {
        Type::from_raw(mlir_sys::mlirRankedTensorTypeGet(
            shape.len() as isize,
            shape.as_ptr(),
            element.to_raw(),
            enc,
        ))
    }
}

/// Changes the type of `value` in place.
pub(crate) fn set_type(value: Value<'_, '_>, ty: Type<'_>) {
    unsafe { mlir_sys::mlirValueSetType(value.to_raw(), ty.to_raw()) }
}

/// Makes every use of `old` use `new`, except uses by `except`.
pub(crate) fn replace_uses_except(old: Value<'_, '_>, new: Value<'_, '_>, except: OperationRef) {
    let mut ops = [except.to_raw()];
    unsafe {
        mlir_sys::mlirValueReplaceAllUsesExcept(old.to_raw(), new.to_raw(), 1, ops.as_mut_ptr())
    }
}

/// Makes every use of `old` use `new`.
pub(crate) fn replace_all_uses(old: Value<'_, '_>, new: Value<'_, '_>) {
    unsafe { mlir_sys::mlirValueReplaceAllUsesOfWith(old.to_raw(), new.to_raw()) }
}

/// Sets operand `index` of `op`.
pub(crate) fn set_operand(op: OperationRef<'_, '_>, index: usize, value: Value<'_, '_>) {
    unsafe { mlir_sys::mlirOperationSetOperand(op.to_raw(), index as isize, value.to_raw()) }
}

/// Erases `op` (it must have no uses left).
pub(crate) fn erase(op: OperationRef<'_, '_>) {
    unsafe { mlir_sys::mlirOperationDestroy(op.to_raw()) }
}

/// Whether `value` has no uses.
pub(crate) fn has_no_uses(value: Value<'_, '_>) -> bool {
    unsafe { mlir_sys::mlirOpOperandIsNull(mlir_sys::mlirValueGetFirstUse(value.to_raw())) }
}

/// The ops using `value` (one entry per use).
pub(crate) fn users<'c, 'a>(value: Value<'c, 'a>) -> Vec<OperationRef<'c, 'a>> {
    let mut out = Vec::new();
    let mut operand = unsafe { mlir_sys::mlirValueGetFirstUse(value.to_raw()) };
    while !unsafe { mlir_sys::mlirOpOperandIsNull(operand) } {
        out.push(unsafe { OperationRef::from_raw(mlir_sys::mlirOpOperandGetOwner(operand)) });
        operand = unsafe { mlir_sys::mlirOpOperandGetNextUse(operand) };
    }
    out
}

/// The op's name as a string.
pub(crate) fn op_name(op: OperationRef<'_, '_>) -> String {
    op.name()
        .as_string_ref()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The `func.func` ops directly inside `module`.
pub(crate) fn functions<'c, 'a>(module: OperationRef<'c, 'a>) -> Vec<OperationRef<'c, 'a>> {
    let mut out = Vec::new();
    if let Ok(region) = module.region(0)
        && let Some(block) = region.first_block()
    {
        let mut next = block.first_operation();
        while let Some(op) = next {
            if op.name().as_string_ref().as_str() == Ok("func.func") {
                out.push(op);
            }
            next = op.next_in_block();
        }
    }
    out
}

/// The entry block of a function (none for a declaration).
pub(crate) fn entry_block<'c, 'a>(func: OperationRef<'c, 'a>) -> Option<BlockRef<'c, 'a>> {
    func.region(0).ok()?.first_block()
}

/// The ops of `block` in order, as a snapshot safe against rewriting.
pub(crate) fn block_ops<'c, 'a>(block: BlockRef<'c, 'a>) -> Vec<OperationRef<'c, 'a>> {
    let mut out = Vec::new();
    let mut next = block.first_operation();
    while let Some(op) = next {
        out.push(op);
        next = op.next_in_block();
    }
    out
}

/// Every op nested in `root` (excluding `root`), in pre-order.
pub(crate) fn nested_ops<'c, 'a>(root: OperationRef<'c, 'a>) -> Vec<OperationRef<'c, 'a>> {
    let mut raw = Vec::new();
    root.walk(WalkOrder::PreOrder, |op| {
        raw.push(op.to_raw());
        WalkResult::Advance
    });
    raw.into_iter()
        .skip(1)
        .map(|r| unsafe { OperationRef::from_raw(r) })
        .collect()
}

/// A function's type.
pub(crate) fn function_type<'c>(func: OperationRef<'c, '_>) -> Option<FunctionType<'c>> {
    let attr = func.attribute("function_type").ok()?;
    let ty = unsafe { Type::from_raw(mlir_sys::mlirTypeAttrGetValue(attr.to_raw())) };
    FunctionType::try_from(ty).ok()
}

/// The result types of a function.
pub(crate) fn function_results<'c>(func: OperationRef<'c, '_>) -> Vec<Type<'c>> {
    function_type(func)
        .map(|f| {
            (0..f.result_count())
                .filter_map(|i| f.result(i).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Sets a function's type from its entry block's argument types and `results`.
pub(crate) fn set_function_type<'c>(
    context: &'c Context,
    func: OperationRef<'c, '_>,
    results: &[Type<'c>],
) {
    let inputs: Vec<Type<'c>> = entry_block(func)
        .map(|b| {
            (0..b.argument_count())
                .map(|i| {
                    let v: Value = b.argument(i).expect("index in range").into();
                    v.r#type()
                })
                .collect()
        })
        .unwrap_or_default();
    let fty = FunctionType::new(context, &inputs, results);
    set_attribute(func, "function_type", TypeAttribute::new(fty.into()).into());
}

/// Sets (or replaces) an attribute of `op`.
pub(crate) fn set_attribute(op: OperationRef<'_, '_>, name: &str, attr: Attribute<'_>) {
    unsafe {
        mlir_sys::mlirOperationSetAttributeByName(
            op.to_raw(),
            melior::StringRef::new(name).to_raw(),
            attr.to_raw(),
        )
    }
}

/// The string value of an argument attribute of a function argument.
pub(crate) fn arg_attr_string(
    func: OperationRef<'_, '_>,
    index: usize,
    name: &str,
) -> Option<String> {
    let attrs = func.attribute("arg_attrs").ok()?;
    let dict = unsafe { mlir_sys::mlirArrayAttrGetElement(attrs.to_raw(), index as isize) };
    if dict.ptr.is_null() || !unsafe { mlir_sys::mlirAttributeIsADictionary(dict) } {
        return None;
    }
    let value = unsafe {
        mlir_sys::mlirDictionaryAttrGetElementByName(dict, melior::StringRef::new(name).to_raw())
    };
    if value.ptr.is_null() || !unsafe { mlir_sys::mlirAttributeIsAString(value) } {
        return None;
    }
    let s = unsafe { mlir_sys::mlirStringAttrGetValue(value) };
    let bytes = unsafe { std::slice::from_raw_parts(s.data as *const u8, s.length) };
    Some(String::from_utf8_lossy(bytes).into_owned())
}

/// Moves `op` to the start of its block (for ops without operands, such as
/// `ttnn.get_device`, so that every op of the block may use their results).
pub(crate) fn move_to_block_start(op: OperationRef<'_, '_>) {
    if let Some(block) = op.block()
        && let Some(first) = block.first_operation()
        && first != op
    {
        unsafe { mlir_sys::mlirOperationMoveBefore(op.to_raw(), first.to_raw()) };
    }
}

/// Where new ops go.
#[derive(Clone, Copy)]
pub(crate) enum At<'c, 'a> {
    /// Right before this op.
    Before(OperationRef<'c, 'a>),
    /// Right after this op.
    After(OperationRef<'c, 'a>),
    /// At the start of this block.
    Start(BlockRef<'c, 'a>),
}

/// Builds ops at a position, with one location. Each op built moves the position after it,
/// so a sequence of `build` calls comes out in order.
pub(crate) struct Emitter<'c, 'a> {
    pub context: &'c Context,
    at: std::cell::Cell<At<'c, 'a>>,
    pub location: Location<'c>,
}

impl<'c, 'a> Emitter<'c, 'a> {
    /// An emitter at `at` giving new ops `location`.
    pub fn new(context: &'c Context, at: At<'c, 'a>, location: Location<'c>) -> Self {
        Emitter {
            context,
            at: std::cell::Cell::new(at),
            location,
        }
    }

    /// Builds an op by name.
    pub fn build(
        &self,
        name: &str,
        operands: &[Value<'c, 'a>],
        attributes: &[(&str, Attribute<'c>)],
        results: &[Type<'c>],
    ) -> OperationRef<'c, 'a> {
        let attributes: Vec<(Identifier<'c>, Attribute<'c>)> = attributes
            .iter()
            .map(|(n, a)| (Identifier::new(self.context, n), *a))
            .collect();
        let op = OperationBuilder::new(name, self.location)
            .add_operands(operands)
            .add_attributes(&attributes)
            .add_results(results)
            .build()
            .unwrap_or_else(|e| panic!("cannot build {name}: {e}"));
        let built = match self.at.get() {
            At::Before(anchor) => anchor
                .block()
                .expect("anchor op is in a block")
                .insert_operation_before(anchor, op),
            At::After(anchor) => anchor
                .block()
                .expect("anchor op is in a block")
                .insert_operation_after(anchor, op),
            At::Start(block) => match block.first_operation() {
                Some(first) => block.insert_operation_before(first, op),
                None => block.append_operation(op),
            },
        };
        if !matches!(self.at.get(), At::Before(_)) {
            self.at.set(At::After(built));
        }
        built
    }

    /// Builds a single-result op and returns the result.
    pub fn one(
        &self,
        name: &str,
        operands: &[Value<'c, 'a>],
        attributes: &[(&str, Attribute<'c>)],
        result: Type<'c>,
    ) -> Value<'c, 'a> {
        self.build(name, operands, attributes, &[result])
            .result(0)
            .expect("one result")
            .into()
    }
}
