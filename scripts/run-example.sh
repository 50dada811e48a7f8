#!/usr/bin/env bash
# The main job on the bundled examples:
#   1. import a traced graph (examples/tiny_bert_fw.txt, a 2-layer BERT traced by PyTorch 2.15)
#      into the aten dialect, verify it and report its op counts;
#   2. verify and optimise a BERT encoder layer in the ttnn dialect (examples/bert_layer_ttnn.mlir)
#      with ttc's verifier and upstream cse + canonicalize.
# Installs what is missing first (scripts/setup.sh). Output goes to target/example/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cargo build --release --quiet -p ttc -p ttc-opt
mkdir -p target/example

target/release/ttc import examples/tiny_bert_fw.txt -o target/example/tiny_bert.aten.mlir \
  --stats-json target/example/tiny_bert.stats.json
echo "== examples/tiny_bert_fw.txt imported to target/example/tiny_bert.aten.mlir; op counts:"
cat target/example/tiny_bert.stats.json

echo "== examples/bert_layer_ttnn.mlir after ttc-verify, cse and canonicalize:"
target/release/ttc-opt examples/bert_layer_ttnn.mlir --ttc-verify --cse --canonicalize "$@"
