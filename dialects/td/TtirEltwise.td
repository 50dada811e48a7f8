//===- TtirEltwise.td - ttir elementwise ops ---------------------*- tablegen -*-===//
//
// Elementwise ops. Binary and ternary ops broadcast their operands with NumPy rules; the result
// has the broadcast shape. Comparisons and logical ops produce i1.
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTIR_ELTWISE
#define TTC_TTIR_ELTWISE

include "TtirBase.td"

class TTIR_EltwiseUnaryOp<string mnemonic, string formula, list<Trait> traits = []>
    : TTIR_Op<mnemonic, !listconcat([SameOperandsAndResultShape], traits)> {
  let summary = "Elementwise " # mnemonic;
  let description = "`result = " # formula # "` for every element; the element type is kept.";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

// Unary ops whose result is i1.
class TTIR_EltwisePredicateOp<string mnemonic, string formula>
    : TTIR_Op<mnemonic, [SameOperandsAndResultShape]> {
  let summary = "Elementwise test: " # mnemonic;
  let description = "`result = " # formula # "` for every element, as i1.";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

class TTIR_EltwiseBinaryOp<string mnemonic, string formula, list<Trait> traits = []>
    : TTIR_Op<mnemonic, traits> {
  let summary = "Elementwise " # mnemonic # " with broadcasting";
  let description = "`result = " # formula # "`; the operands broadcast as in NumPy and share "
                    # "the result's element type.";
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

// Binary ops whose result is i1: comparisons and logical connectives.
class TTIR_EltwiseCompareOp<string mnemonic, string formula, list<Trait> traits = []>
    : TTIR_EltwiseBinaryOp<mnemonic, formula, traits> {
  let summary = "Elementwise " # mnemonic # " with broadcasting, as i1";
  let description = "`result = " # formula # "` as i1; the operands broadcast as in NumPy and "
                    # "share one element type.";
}

//===----------------------------------------------------------------------===//
// Unary
//===----------------------------------------------------------------------===//

def TTIR_AbsOp : TTIR_EltwiseUnaryOp<"abs", "|x|">;
def TTIR_NegOp : TTIR_EltwiseUnaryOp<"neg", "-x">;
def TTIR_ExpOp : TTIR_EltwiseUnaryOp<"exp", "e^x">;
def TTIR_LogOp : TTIR_EltwiseUnaryOp<"log", "ln(x)">;
def TTIR_Log1pOp : TTIR_EltwiseUnaryOp<"log1p", "ln(1 + x)">;
def TTIR_Expm1Op : TTIR_EltwiseUnaryOp<"expm1", "e^x - 1">;
def TTIR_SqrtOp : TTIR_EltwiseUnaryOp<"sqrt", "sqrt(x)">;
def TTIR_RsqrtOp : TTIR_EltwiseUnaryOp<"rsqrt", "1 / sqrt(x)">;
def TTIR_ReciprocalOp : TTIR_EltwiseUnaryOp<"reciprocal", "1 / x">;
def TTIR_SigmoidOp : TTIR_EltwiseUnaryOp<"sigmoid", "1 / (1 + e^-x)">;
def TTIR_TanhOp : TTIR_EltwiseUnaryOp<"tanh", "tanh(x)">;
def TTIR_ReluOp : TTIR_EltwiseUnaryOp<"relu", "max(x, 0)">;
def TTIR_SiluOp : TTIR_EltwiseUnaryOp<"silu", "x * sigmoid(x)">;
def TTIR_SinOp : TTIR_EltwiseUnaryOp<"sin", "sin(x)">;
def TTIR_CosOp : TTIR_EltwiseUnaryOp<"cos", "cos(x)">;
def TTIR_TanOp : TTIR_EltwiseUnaryOp<"tan", "tan(x)">;
def TTIR_AsinOp : TTIR_EltwiseUnaryOp<"asin", "asin(x)">;
def TTIR_AcosOp : TTIR_EltwiseUnaryOp<"acos", "acos(x)">;
def TTIR_AtanOp : TTIR_EltwiseUnaryOp<"atan", "atan(x)">;
def TTIR_SinhOp : TTIR_EltwiseUnaryOp<"sinh", "sinh(x)">;
def TTIR_CoshOp : TTIR_EltwiseUnaryOp<"cosh", "cosh(x)">;
def TTIR_AsinhOp : TTIR_EltwiseUnaryOp<"asinh", "asinh(x)">;
def TTIR_AcoshOp : TTIR_EltwiseUnaryOp<"acosh", "acosh(x)">;
def TTIR_AtanhOp : TTIR_EltwiseUnaryOp<"atanh", "atanh(x)">;
def TTIR_ErfOp : TTIR_EltwiseUnaryOp<"erf", "erf(x)">;
def TTIR_ErfcOp : TTIR_EltwiseUnaryOp<"erfc", "1 - erf(x)">;
def TTIR_FloorOp : TTIR_EltwiseUnaryOp<"floor", "floor(x)">;
def TTIR_CeilOp : TTIR_EltwiseUnaryOp<"ceil", "ceil(x)">;
def TTIR_RoundOp : TTIR_EltwiseUnaryOp<"round", "x rounded to the nearest integer, ties to even">;
def TTIR_TruncOp : TTIR_EltwiseUnaryOp<"trunc", "x rounded toward zero">;
def TTIR_SignOp : TTIR_EltwiseUnaryOp<"sign", "-1, 0 or 1 by the sign of x">;
def TTIR_BitwiseNotOp : TTIR_EltwiseUnaryOp<"bitwise_not", "~x (integers and i1)">;

def TTIR_GeluOp : TTIR_EltwiseUnaryOp<"gelu", "x * Phi(x)"> {
  let description = [{
    `result = x * Phi(x)` with `Phi` the standard normal CDF (`erf` form). With
    `approximate = true` the tanh approximation
    `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))` is used, as aten's
    `gelu(approximate='tanh')`.
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<BoolAttr, "false">:$approximate);
}

def TTIR_LeakyReluOp : TTIR_EltwiseUnaryOp<"leaky_relu", "x >= 0 ? x : slope * x"> {
  let arguments = (ins AnyRankedTensor:$input, F64Attr:$slope);
}

def TTIR_EluOp : TTIR_EltwiseUnaryOp<"elu", "x > 0 ? x : alpha * (e^x - 1)"> {
  let arguments = (ins AnyRankedTensor:$input, F64Attr:$alpha);
}

def TTIR_ClampOp : TTIR_EltwiseUnaryOp<"clamp", "min(max(x, min), max)"> {
  let description = [{
    `result = min(max(x, min), max)`; a missing bound does not limit. With both bounds
    present, `min <= max` is expected (as torch, a larger `min` wins).
  }];
  let arguments = (ins AnyRankedTensor:$input, OptionalAttr<F64Attr>:$min,
                       OptionalAttr<F64Attr>:$max);
}

def TTIR_TypecastOp : TTIR_Op<"typecast", [SameOperandsAndResultShape]> {
  let summary = "Elementwise conversion to the result's element type";
  let description = [{
    Converts each element to the element type of the result: floats round to nearest even,
    float to integer truncates toward zero, to `i1` is `x != 0`, from `i1` is 0 or 1.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def TTIR_LogicalNotOp : TTIR_EltwisePredicateOp<"logical_not", "x == 0">;
def TTIR_IsFiniteOp : TTIR_EltwisePredicateOp<"isfinite", "x is neither infinite nor NaN">;
def TTIR_IsNanOp : TTIR_EltwisePredicateOp<"isnan", "x is NaN">;

//===----------------------------------------------------------------------===//
// Binary
//===----------------------------------------------------------------------===//

def TTIR_AddOp : TTIR_EltwiseBinaryOp<"add", "lhs + rhs", [Commutative]>;
def TTIR_SubtractOp : TTIR_EltwiseBinaryOp<"subtract", "lhs - rhs">;
def TTIR_MultiplyOp : TTIR_EltwiseBinaryOp<"multiply", "lhs * rhs", [Commutative]>;
def TTIR_DivOp : TTIR_EltwiseBinaryOp<"div", "lhs / rhs (true division)">;
def TTIR_PowOp : TTIR_EltwiseBinaryOp<"pow", "lhs ^ rhs">;
def TTIR_MaximumOp : TTIR_EltwiseBinaryOp<"maximum", "max(lhs, rhs), NaN if either is NaN", [Commutative]>;
def TTIR_MinimumOp : TTIR_EltwiseBinaryOp<"minimum", "min(lhs, rhs), NaN if either is NaN", [Commutative]>;
def TTIR_RemainderOp : TTIR_EltwiseBinaryOp<"remainder", "lhs - floor(lhs / rhs) * rhs (sign of rhs)">;
def TTIR_Atan2Op : TTIR_EltwiseBinaryOp<"atan2", "atan2(lhs, rhs)">;
def TTIR_BitwiseAndOp : TTIR_EltwiseBinaryOp<"bitwise_and", "lhs & rhs (integers and i1)", [Commutative]>;
def TTIR_BitwiseOrOp : TTIR_EltwiseBinaryOp<"bitwise_or", "lhs | rhs (integers and i1)", [Commutative]>;
def TTIR_BitwiseXorOp : TTIR_EltwiseBinaryOp<"bitwise_xor", "lhs ^ rhs (integers and i1)", [Commutative]>;

def TTIR_EqOp : TTIR_EltwiseCompareOp<"eq", "lhs == rhs", [Commutative]>;
def TTIR_NeOp : TTIR_EltwiseCompareOp<"ne", "lhs != rhs", [Commutative]>;
def TTIR_GtOp : TTIR_EltwiseCompareOp<"gt", "lhs > rhs">;
def TTIR_GeOp : TTIR_EltwiseCompareOp<"ge", "lhs >= rhs">;
def TTIR_LtOp : TTIR_EltwiseCompareOp<"lt", "lhs < rhs">;
def TTIR_LeOp : TTIR_EltwiseCompareOp<"le", "lhs <= rhs">;
def TTIR_LogicalAndOp : TTIR_EltwiseCompareOp<"logical_and", "lhs != 0 and rhs != 0", [Commutative]>;
def TTIR_LogicalOrOp : TTIR_EltwiseCompareOp<"logical_or", "lhs != 0 or rhs != 0", [Commutative]>;
def TTIR_LogicalXorOp : TTIR_EltwiseCompareOp<"logical_xor", "(lhs != 0) != (rhs != 0)", [Commutative]>;

//===----------------------------------------------------------------------===//
// Ternary
//===----------------------------------------------------------------------===//

def TTIR_WhereOp : TTIR_Op<"where"> {
  let summary = "Select elementwise by a condition, with broadcasting";
  let description = [{
    `result = condition != 0 ? true_value : false_value`; the three operands broadcast as in
    NumPy. `true_value` and `false_value` share the result's element type.
  }];
  let arguments = (ins AnyRankedTensor:$condition, AnyRankedTensor:$true_value,
                       AnyRankedTensor:$false_value);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $condition `,` $true_value `,` $false_value attr-dict `:` functional-type(operands, results)
  }];
}

#endif // TTC_TTIR_ELTWISE
