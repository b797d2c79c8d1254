#!/usr/bin/env bash
# Regenerates the expected output of every query case: the analysis
# (tests/queries/cases/*/expected.txt) and, for cases that have them, the
# generated code (expected.h, expected.c) and the errors of `dalgen generate`
# (expected_generate.txt), from a build folder (default: build).  Review the diff before committing.
#   tests/queries/update-expected.sh [BUILD_DIR]
#   GOLDEN_NEW=case tests/queries/update-expected.sh   also starts a golden for `case`
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"   # absolute: the cases run from their folders
cmake --build "$build" --target queries_run_case queries_render dalgen
for c in "$root"/tests/queries/cases/*/; do
  "$build/tests/queries/queries_run_case" --update "${c%/}"
done
for c in "$root"/tests/queries/cases/*/; do
  if [ -f "$c/expected.h" ] || [ "${GOLDEN_NEW:-}" = "$(basename "$c")" ]; then
    "$build/tests/queries/queries_render" --update "${c%/}"
  fi
done
for c in "$root"/tests/queries/cases/*/; do
  if [ -f "$c/expected_generate.txt" ]; then
    "$root/tests/queries/generate_error.sh" "$build/generator/dalgen" "${c%/}" --update
  fi
done
git -C "$root" status --short tests/queries
