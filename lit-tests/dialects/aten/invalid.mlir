// ttc rejects ops of dialects it does not know, even though the context allows unregistered
// ops for aten, and aten ops not named after an overload.
// RUN: ttc-opt %s --split-input-file --verify-diagnostics

func.func @negative_dialect_typo(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'ttnm.add' op belongs to unknown dialect 'ttnm' (ttc knows builtin, func, aten, ttir, ttnn)}}
  %0 = "ttnm.add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_missing_overload(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'aten.add' op is not named after an aten overload ('aten.<op>.<overload>', e.g. 'aten.add.Tensor')}}
  %0 = "aten.add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_operator_without_name(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'aten.operator' op needs a string attribute 'name' naming the aten overload}}
  %0 = "aten.operator"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
