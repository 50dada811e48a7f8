# LLVM lit configuration of ttc's FileCheck tests.
#
# Run with LLVM 22's lit (scripts/test.sh does this):
#   /usr/lib/llvm-22/bin/lit -sv lit-tests
# Parameters (--param name=value):
#   ttc_bin_dir  directory holding ttc-opt and ttc (default: <repo>/target/debug)
#   llvm_bin_dir directory holding FileCheck, not, count, mlir-opt (default: /usr/lib/llvm-22/bin)

import os
import sys

import lit.formats

config.name = "ttc"
config.test_format = lit.formats.ShTest()
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.test_source_root, "Output")

repo_root = os.path.dirname(config.test_source_root)
ttc_bin_dir = lit_config.params.get("ttc_bin_dir", os.path.join(repo_root, "target", "debug"))
llvm_bin_dir = lit_config.params.get("llvm_bin_dir", "/usr/lib/llvm-22/bin")

for tool in ["ttc-opt"]:
    path = os.path.join(ttc_bin_dir, tool)
    if not os.path.exists(path):
        lit_config.fatal(f"{path} not found: build it first (cargo build) or pass --param ttc_bin_dir=DIR")
for tool in ["FileCheck", "not", "count", "mlir-opt"]:
    if not os.path.exists(os.path.join(llvm_bin_dir, tool)):
        lit_config.fatal(f"{tool} not found in {llvm_bin_dir}: run scripts/setup.sh")

# The project's tools first, then LLVM 22's FileCheck/not/count/mlir-opt, then the system.
config.environment["PATH"] = os.pathsep.join([ttc_bin_dir, llvm_bin_dir, os.environ.get("PATH", "")])
config.substitutions.append(("%mlir-opt", os.path.join(llvm_bin_dir, "mlir-opt")))
config.substitutions.append(("%python", sys.executable))

# Diagnostics and logs must not depend on the caller's environment.
config.environment.pop("RUST_LOG", None)
config.environment["NO_COLOR"] = "1"
