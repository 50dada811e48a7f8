func.func @f(%a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<2xf32> {
  // expected-error@below {{not broadcast-compatible}}
  %0 = ttir.add %a, %b : (tensor<2xf32>, tensor<3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// -----
func.func @g(%a: tensor<2xf32>) -> tensor<3xf32> {
  %0 = ttir.relu %a : (tensor<2xf32>) -> tensor<3xf32> // expected-error {{requires the same shape}}
  return %0 : tensor<3xf32>
}
// -----
func.func @h(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-note@-1 {{prior use here}}
  %0 = ttir.relu %a : (tensor<2xf32>) -> tensor<2xf32>
  // expected-error@+1 {{expects different type than prior uses}}
  return %a : tensor<3xf32>
}
