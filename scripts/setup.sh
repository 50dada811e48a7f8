#!/usr/bin/env bash
# Installs what ttc needs to build and test, on Debian 12 (bookworm):
#   LLVM/MLIR 22 (bookworm-security), whose static libraries melior links, with mlir-tblgen for
#   the dialects, and llvm-22-tools for lit, FileCheck and not.
# Idempotent: packages already installed are not touched, so a second run takes a moment.
set -euo pipefail

PACKAGES=(
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools
  libpolly-22-dev libclang1-22 libclang-common-22-dev libzstd-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for tool in /usr/lib/llvm-22/bin/mlir-tblgen /usr/lib/llvm-22/bin/lit /usr/lib/llvm-22/bin/FileCheck; do
  if [ ! -x "$tool" ]; then
    echo "setup: $tool is missing after installing LLVM 22" >&2
    exit 1
  fi
done
if ! command -v cargo >/dev/null; then
  echo "setup: cargo not found; install Rust (rustup) first" >&2
  exit 1
fi
