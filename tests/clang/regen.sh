#!/bin/sh
# Rewrites the expected outputs of the clang.* tests from what the current
# build produces.  Review the diff (git diff tests/clang) before committing.
#   tests/clang/regen.sh BUILD_DIR
set -eu
build=${1:?usage: tests/clang/regen.sh BUILD_DIR}
DALGEN_REGEN=1 ctest --test-dir "$build" -R '^clang\.' --output-on-failure
