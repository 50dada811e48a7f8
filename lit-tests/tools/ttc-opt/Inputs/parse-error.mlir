func.func @f(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // The type list is missing its colon.
  %0 = ttir.relu %a (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
