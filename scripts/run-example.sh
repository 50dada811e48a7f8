#!/usr/bin/env bash
# The main job on the bundled example: a BERT encoder layer in the ttnn dialect is parsed,
# verified (MLIR's op definitions and ttc's shape and layout rules) and optimised with upstream
# cse and canonicalize, then printed. Installs what is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cargo build --release --quiet -p ttc-opt
target/release/ttc-opt examples/bert_layer_ttnn.mlir --ttc-verify --cse --canonicalize "$@"
