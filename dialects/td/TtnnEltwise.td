//===- TtnnEltwise.td - ttnn elementwise ops -----------------*- tablegen -*-===//
//
// `ttnn::<name>(input)` and `ttnn::<name>(lhs, rhs)`: one op per library function. Binary
// ops broadcast their operands (NumPy rules) and read them tiled. Comparisons and logical ops produce 1.0 / 0.0
// in the result's data type (the device has no boolean type). The data types each op
// computes in are those its tt-metal kernels accept (binary_ng and unary device-op validation:
// integers for add, subtract, multiply, comparisons, logical and bitwise ops, abs, neg, relu,
// clamp, bitwise_not; ordering comparisons for si32 only).
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTNN_ELTWISE
#define TTC_TTNN_ELTWISE

include "TtnnBase.td"

class TTNN_UnaryOp<string mnemonic, string formula, list<string> dtypes = TTNN_FloatTypes,
                   list<Trait> traits = []>
    : TTNN_Op<mnemonic, !listconcat([Pure, SameOperandsAndResultShape], traits)> {
  let summary = "`ttnn::" # mnemonic # "`: " # formula;
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let computeDtypes = dtypes;
}

class TTNN_BinaryOp<string mnemonic, string formula, list<string> dtypes = TTNN_FloatTypes,
                    list<Trait> traits = []>
    : TTNN_Op<mnemonic, !listconcat([Pure], traits)> {
  let summary = "`ttnn::" # mnemonic # "`: " # formula # ", with broadcasting";
  let operandRequirements = [TTNN_Operand<"lhs", "tile">, TTNN_Operand<"rhs", "tile">];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let computeDtypes = dtypes;
}

//===----------------------------------------------------------------------===//
// Unary
//===----------------------------------------------------------------------===//

def TTNN_AbsOp : TTNN_UnaryOp<"abs", "|x|", TTNN_FloatIntTypes>;
def TTNN_NegOp : TTNN_UnaryOp<"neg", "-x", TTNN_FloatIntTypes>;
def TTNN_ExpOp : TTNN_UnaryOp<"exp", "e^x">;
def TTNN_LogOp : TTNN_UnaryOp<"log", "ln(x)">;
def TTNN_Log1pOp : TTNN_UnaryOp<"log1p", "ln(1 + x)">;
def TTNN_Expm1Op : TTNN_UnaryOp<"expm1", "e^x - 1">;
def TTNN_SqrtOp : TTNN_UnaryOp<"sqrt", "sqrt(x)">;
def TTNN_RsqrtOp : TTNN_UnaryOp<"rsqrt", "1 / sqrt(x)">;
def TTNN_ReciprocalOp : TTNN_UnaryOp<"reciprocal", "1 / x">;
def TTNN_SigmoidOp : TTNN_UnaryOp<"sigmoid", "1 / (1 + e^-x)">;
def TTNN_TanhOp : TTNN_UnaryOp<"tanh", "tanh(x)">;
def TTNN_ReluOp : TTNN_UnaryOp<"relu", "max(x, 0)", TTNN_FloatIntTypes>;
def TTNN_SiluOp : TTNN_UnaryOp<"silu", "x * sigmoid(x)">;
def TTNN_SinOp : TTNN_UnaryOp<"sin", "sin(x)">;
def TTNN_CosOp : TTNN_UnaryOp<"cos", "cos(x)">;
def TTNN_TanOp : TTNN_UnaryOp<"tan", "tan(x)">;
def TTNN_AsinOp : TTNN_UnaryOp<"asin", "asin(x)">;
def TTNN_AcosOp : TTNN_UnaryOp<"acos", "acos(x)">;
def TTNN_AtanOp : TTNN_UnaryOp<"atan", "atan(x)">;
def TTNN_SinhOp : TTNN_UnaryOp<"sinh", "sinh(x)">;
def TTNN_CoshOp : TTNN_UnaryOp<"cosh", "cosh(x)">;
def TTNN_AsinhOp : TTNN_UnaryOp<"asinh", "asinh(x)">;
def TTNN_AcoshOp : TTNN_UnaryOp<"acosh", "acosh(x)">;
def TTNN_AtanhOp : TTNN_UnaryOp<"atanh", "atanh(x)">;
def TTNN_ErfOp : TTNN_UnaryOp<"erf", "erf(x)">;
def TTNN_ErfcOp : TTNN_UnaryOp<"erfc", "1 - erf(x)">;
def TTNN_FloorOp : TTNN_UnaryOp<"floor", "floor(x)">;
def TTNN_CeilOp : TTNN_UnaryOp<"ceil", "ceil(x)">;
def TTNN_TruncOp : TTNN_UnaryOp<"trunc", "x rounded toward zero">;
def TTNN_SignOp : TTNN_UnaryOp<"sign", "-1, 0 or 1 by the sign of x">;
def TTNN_BitwiseNotOp : TTNN_UnaryOp<"bitwise_not", "~x", TTNN_IntTypes>;
def TTNN_LogicalNotOp : TTNN_UnaryOp<"logical_not", "x == 0 as 1 or 0", TTNN_FloatIntTypes>;
def TTNN_IsfiniteOp : TTNN_UnaryOp<"isfinite", "1 where x is finite, else 0">;
def TTNN_IsnanOp : TTNN_UnaryOp<"isnan", "1 where x is NaN, else 0">;

def TTNN_RoundOp : TTNN_UnaryOp<"round", "x rounded to `decimals` places, ties to even"> {
  let arguments = (ins AnyRankedTensor:$input, DefaultValuedAttr<I32Attr, "0">:$decimals);
}

def TTNN_GeluOp : TTNN_UnaryOp<"gelu", "x * Phi(x)"> {
  let description = [{
    `ttnn::gelu(input, fast_and_approximate_mode)`: with `fast_and_approximate_mode` the
    tanh approximation is used.
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<BoolAttr, "false">:$fast_and_approximate_mode);
}

def TTNN_LeakyReluOp : TTNN_UnaryOp<"leaky_relu", "x >= 0 ? x : negative_slope * x"> {
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$negative_slope);
}

def TTNN_EluOp : TTNN_UnaryOp<"elu", "x > 0 ? x : alpha * (e^x - 1)"> {
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$alpha);
}

def TTNN_ClampOp : TTNN_UnaryOp<"clamp", "min(max(x, min), max)", TTNN_FloatIntTypes> {
  let description = [{ `ttnn::clamp(input, min, max)`; a missing bound does not limit. }];
  let arguments = (ins AnyRankedTensor:$input, OptionalAttr<F32Attr>:$min,
                       OptionalAttr<F32Attr>:$max);
}

//===----------------------------------------------------------------------===//
// Binary
//===----------------------------------------------------------------------===//

def TTNN_AddOp : TTNN_BinaryOp<"add", "lhs + rhs", TTNN_FloatIntTypes, [Commutative]>;
def TTNN_SubtractOp : TTNN_BinaryOp<"subtract", "lhs - rhs", TTNN_FloatIntTypes>;
def TTNN_MultiplyOp : TTNN_BinaryOp<"multiply", "lhs * rhs", TTNN_FloatIntTypes, [Commutative]>;
def TTNN_DivideOp : TTNN_BinaryOp<"divide", "lhs / rhs">;
def TTNN_PowOp : TTNN_BinaryOp<"pow", "lhs ^ rhs">;
def TTNN_MaximumOp : TTNN_BinaryOp<"maximum", "max(lhs, rhs)", TTNN_FloatIntTypes, [Commutative]>;
def TTNN_MinimumOp : TTNN_BinaryOp<"minimum", "min(lhs, rhs)", TTNN_FloatIntTypes, [Commutative]>;
def TTNN_RemainderOp : TTNN_BinaryOp<"remainder", "lhs - floor(lhs / rhs) * rhs">;
def TTNN_Atan2Op : TTNN_BinaryOp<"atan2", "atan2(lhs, rhs)">;
def TTNN_BitwiseAndOp : TTNN_BinaryOp<"bitwise_and", "lhs & rhs", TTNN_IntTypes, [Commutative]>;
def TTNN_BitwiseOrOp : TTNN_BinaryOp<"bitwise_or", "lhs | rhs", TTNN_IntTypes, [Commutative]>;
def TTNN_BitwiseXorOp : TTNN_BinaryOp<"bitwise_xor", "lhs ^ rhs", TTNN_IntTypes, [Commutative]>;
def TTNN_EqOp : TTNN_BinaryOp<"eq", "lhs == rhs as 1 or 0", TTNN_FloatIntTypes, [Commutative]>;
def TTNN_NeOp : TTNN_BinaryOp<"ne", "lhs != rhs as 1 or 0", TTNN_FloatIntTypes, [Commutative]>;
def TTNN_GtOp : TTNN_BinaryOp<"gt", "lhs > rhs as 1 or 0", TTNN_FloatSi32Types>;
def TTNN_GeOp : TTNN_BinaryOp<"ge", "lhs >= rhs as 1 or 0", TTNN_FloatSi32Types>;
def TTNN_LtOp : TTNN_BinaryOp<"lt", "lhs < rhs as 1 or 0", TTNN_FloatSi32Types>;
def TTNN_LeOp : TTNN_BinaryOp<"le", "lhs <= rhs as 1 or 0", TTNN_FloatSi32Types>;
def TTNN_LogicalAndOp
    : TTNN_BinaryOp<"logical_and", "lhs != 0 and rhs != 0", TTNN_FloatIntTypes, [Commutative]>;
def TTNN_LogicalOrOp
    : TTNN_BinaryOp<"logical_or", "lhs != 0 or rhs != 0", TTNN_FloatIntTypes, [Commutative]>;
def TTNN_LogicalXorOp
    : TTNN_BinaryOp<"logical_xor", "(lhs != 0) != (rhs != 0)", TTNN_FloatIntTypes, [Commutative]>;

//===----------------------------------------------------------------------===//
// Ternary
//===----------------------------------------------------------------------===//

def TTNN_WhereOp : TTNN_Op<"where"> {
  let summary = "`ttnn::where`: select by a condition, with broadcasting";
  let description = [{
    `ttnn::where(condition, true_value, false_value)`: `condition != 0 ? true_value :
    false_value` elementwise.
  }];
  let arguments = (ins AnyRankedTensor:$condition, AnyRankedTensor:$true_value,
                       AnyRankedTensor:$false_value);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $condition `,` $true_value `,` $false_value attr-dict `:` functional-type(operands, results)
  }];
  let computeDtypes = TTNN_FloatTypes;
}

#endif // TTC_TTNN_ELTWISE
