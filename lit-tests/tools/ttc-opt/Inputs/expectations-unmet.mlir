func.func @f(%a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<2xf32> {
  // The message below is not what the verifier says.
  // expected-error@+1 {{this text is not in the message}}
  %0 = ttir.add %a, %b : (tensor<2xf32>, tensor<3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
  // expected-remark@-6 {{never emitted}}
