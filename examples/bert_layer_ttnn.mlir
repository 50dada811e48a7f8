// One BERT-base encoder layer (hidden 768, 12 heads of 64, sequence 128) in the ttnn dialect:
// the host input moves to the device, activations are tiled bf16 in DRAM, weights bfp8_b, the
// result comes back to the host. Running it through ttc-opt parses and verifies it (MLIR's ODS
// checks and ttc's shape and layout rules), then upstream cse merges the duplicated key
// reshape below.
#host = #ttnn.layout<tile, bf16, system_memory>
#act = #ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>
#wt = #ttnn.layout<tile, bfp8_b, dram, interleaved, grid = [8, 8]>

func.func @bert_layer(%x: tensor<1x128x768xbf16, #host>, %mask: tensor<1x1x1x128xbf16, #act>,
                      %w_q: tensor<768x768xbf16, #wt>, %b_q: tensor<768xbf16, #act>,
                      %w_k: tensor<768x768xbf16, #wt>, %b_k: tensor<768xbf16, #act>,
                      %w_v: tensor<768x768xbf16, #wt>, %b_v: tensor<768xbf16, #act>,
                      %w_o: tensor<768x768xbf16, #wt>, %b_o: tensor<768xbf16, #act>,
                      %ln1_w: tensor<768xbf16, #act>, %ln1_b: tensor<768xbf16, #act>,
                      %w_ff1: tensor<768x3072xbf16, #wt>, %b_ff1: tensor<3072xbf16, #act>,
                      %w_ff2: tensor<3072x768xbf16, #wt>, %b_ff2: tensor<768xbf16, #act>,
                      %ln2_w: tensor<768xbf16, #act>, %ln2_b: tensor<768xbf16, #act>) -> tensor<1x128x768xbf16, #host> {
  %dev = ttnn.get_device : !ttnn.device
  %h = ttnn.to_device %x, %dev {memory_config = #ttnn.memory_config<dram, interleaved>} : (tensor<1x128x768xbf16, #host>, !ttnn.device) -> tensor<1x128x768xbf16, #act>

  // Self-attention.
  %q = ttnn.linear %h, %w_q, %b_q : (tensor<1x128x768xbf16, #act>, tensor<768x768xbf16, #wt>, tensor<768xbf16, #act>) -> tensor<1x128x768xbf16, #act>
  %k = ttnn.linear %h, %w_k, %b_k : (tensor<1x128x768xbf16, #act>, tensor<768x768xbf16, #wt>, tensor<768xbf16, #act>) -> tensor<1x128x768xbf16, #act>
  %v = ttnn.linear %h, %w_v, %b_v : (tensor<1x128x768xbf16, #act>, tensor<768x768xbf16, #wt>, tensor<768xbf16, #act>) -> tensor<1x128x768xbf16, #act>
  %q4 = ttnn.reshape %q {shape = array<i64: 1, 128, 12, 64>} : (tensor<1x128x768xbf16, #act>) -> tensor<1x128x12x64xbf16, #act>
  %k4 = ttnn.reshape %k {shape = array<i64: 1, 128, 12, 64>} : (tensor<1x128x768xbf16, #act>) -> tensor<1x128x12x64xbf16, #act>
  %k4_dup = ttnn.reshape %k {shape = array<i64: 1, 128, 12, 64>} : (tensor<1x128x768xbf16, #act>) -> tensor<1x128x12x64xbf16, #act>
  %v4 = ttnn.reshape %v {shape = array<i64: 1, 128, 12, 64>} : (tensor<1x128x768xbf16, #act>) -> tensor<1x128x12x64xbf16, #act>
  %qh = ttnn.permute %q4 {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x128x12x64xbf16, #act>) -> tensor<1x12x128x64xbf16, #act>
  %kh = ttnn.permute %k4_dup {permutation = array<i64: 0, 2, 3, 1>} : (tensor<1x128x12x64xbf16, #act>) -> tensor<1x12x64x128xbf16, #act>
  %vh = ttnn.permute %v4 {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x128x12x64xbf16, #act>) -> tensor<1x12x128x64xbf16, #act>
  %scores = ttnn.matmul %qh, %kh : (tensor<1x12x128x64xbf16, #act>, tensor<1x12x64x128xbf16, #act>) -> tensor<1x12x128x128xbf16, #act>
  %masked = ttnn.add %scores, %mask : (tensor<1x12x128x128xbf16, #act>, tensor<1x1x1x128xbf16, #act>) -> tensor<1x12x128x128xbf16, #act>
  ttnn.deallocate %scores : tensor<1x12x128x128xbf16, #act>
  %probs = ttnn.softmax %masked {dimension = -1 : i32} : (tensor<1x12x128x128xbf16, #act>) -> tensor<1x12x128x128xbf16, #act>
  ttnn.deallocate %masked : tensor<1x12x128x128xbf16, #act>
  %ctx = ttnn.matmul %probs, %vh : (tensor<1x12x128x128xbf16, #act>, tensor<1x12x128x64xbf16, #act>) -> tensor<1x12x128x64xbf16, #act>
  %ctx_t = ttnn.permute %ctx {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x12x128x64xbf16, #act>) -> tensor<1x128x12x64xbf16, #act>
  %ctx_2d = ttnn.reshape %ctx_t {shape = array<i64: 1, 128, 768>} : (tensor<1x128x12x64xbf16, #act>) -> tensor<1x128x768xbf16, #act>
  %attn = ttnn.linear %ctx_2d, %w_o, %b_o : (tensor<1x128x768xbf16, #act>, tensor<768x768xbf16, #wt>, tensor<768xbf16, #act>) -> tensor<1x128x768xbf16, #act>
  %res1 = ttnn.add %attn, %h : (tensor<1x128x768xbf16, #act>, tensor<1x128x768xbf16, #act>) -> tensor<1x128x768xbf16, #act>
  %ln1 = ttnn.layer_norm %res1 weight %ln1_w bias %ln1_b {epsilon = 1.0e-12 : f32} : (tensor<1x128x768xbf16, #act>, tensor<768xbf16, #act>, tensor<768xbf16, #act>) -> tensor<1x128x768xbf16, #act>

  // Feed-forward.
  %ff1 = ttnn.linear %ln1, %w_ff1, %b_ff1 : (tensor<1x128x768xbf16, #act>, tensor<768x3072xbf16, #wt>, tensor<3072xbf16, #act>) -> tensor<1x128x3072xbf16, #act>
  %act1 = ttnn.gelu %ff1 : (tensor<1x128x3072xbf16, #act>) -> tensor<1x128x3072xbf16, #act>
  %ff2 = ttnn.linear %act1, %w_ff2, %b_ff2 : (tensor<1x128x3072xbf16, #act>, tensor<3072x768xbf16, #wt>, tensor<768xbf16, #act>) -> tensor<1x128x768xbf16, #act>
  %res2 = ttnn.add %ff2, %ln1 : (tensor<1x128x768xbf16, #act>, tensor<1x128x768xbf16, #act>) -> tensor<1x128x768xbf16, #act>
  %ln2 = ttnn.layer_norm %res2 weight %ln2_w bias %ln2_b {epsilon = 1.0e-12 : f32} : (tensor<1x128x768xbf16, #act>, tensor<768xbf16, #act>, tensor<768xbf16, #act>) -> tensor<1x128x768xbf16, #act>
  %y = ttnn.from_device %ln2 : (tensor<1x128x768xbf16, #act>) -> tensor<1x128x768xbf16, #host>
  ttnn.deallocate %ln2 : tensor<1x128x768xbf16, #act>
  return %y : tensor<1x128x768xbf16, #host>
}
