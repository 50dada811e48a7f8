#!/usr/bin/env bash
# Runs every test of ttc: cargo's unit, integration and doc tests, then the lit/FileCheck suite
# against the freshly built tools. Installs what is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cargo build --workspace --bins
cargo test --workspace
/usr/lib/llvm-22/bin/lit -s --param ttc_bin_dir="$PWD/target/debug" lit-tests
