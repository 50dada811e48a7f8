#!/usr/bin/env bash
# The main job on the bundled examples:
#   1. compile a traced graph (examples/tiny_bert_fw.txt, a 2-layer BERT traced by PyTorch 2.15)
#      to the final ttnn module for a Wormhole n150, parameters marked by
#      examples/tiny_bert.meta.json so their layout work is const-evaluated; print the
#      conversion statistics;
#   2. run the compiled program with Wormhole numerics on the inputs and weights PyTorch used
#      (examples/tiny_bert.reference.safetensors), run the golden reference of the traced graph,
#      and print the report: PCC of compiled vs golden, and golden vs PyTorch's own outputs;
#   3. verify and optimise a BERT encoder layer written in the ttnn dialect
#      (examples/bert_layer_ttnn.mlir) with ttc's verifier and upstream cse + canonicalize.
# Installs what is missing first (scripts/setup.sh). Output goes to target/example/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cargo build --release --quiet -p ttc -p ttc-opt
mkdir -p target/example

target/release/ttc compile examples/tiny_bert_fw.txt --meta examples/tiny_bert.meta.json \
  -o target/example/tiny_bert.ttnn.mlir --stats-json target/example/tiny_bert.stats.json "$@"
echo "== examples/tiny_bert_fw.txt compiled to target/example/tiny_bert.ttnn.mlir; statistics:"
cat target/example/tiny_bert.stats.json

echo "== examples/tiny_bert_fw.txt run compiled and golden on examples/tiny_bert.reference.safetensors:"
target/release/ttc run examples/tiny_bert_fw.txt --meta examples/tiny_bert.meta.json \
  --inputs examples/tiny_bert.reference.safetensors --expect examples/tiny_bert.reference.safetensors \
  --report-json target/example/tiny_bert.run.json --outputs target/example/tiny_bert.outputs.safetensors

echo "== examples/bert_layer_ttnn.mlir after ttc-verify, cse and canonicalize:"
target/release/ttc-opt examples/bert_layer_ttnn.mlir --ttc-verify --cse --canonicalize \
  -o target/example/bert_layer.opt.mlir
head -n 12 target/example/bert_layer.opt.mlir
