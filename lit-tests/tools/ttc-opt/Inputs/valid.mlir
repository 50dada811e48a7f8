func.func @f(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = ttir.relu %a : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = ttir.relu %a : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = ttir.add %0, %1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %2 : tensor<2x3xf32>
}
