func.func @first(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = ttir.relu %a : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// -----
func.func @second(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = ttir.exp %a : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
