#!/usr/bin/env bash
# Regenerates the expected output of every query case (tests/queries/cases/*/
# expected.txt) and of the generated-code goldens (tests/queries/golden/*/),
# from a build folder (default: build).  Review the diff before committing.
#   tests/queries/update-expected.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
cmake --build "$build" --target queries_run_case dalgen
for c in "$root"/tests/queries/cases/*/; do
  "$build/tests/queries/queries_run_case" --update "${c%/}"
done
if [ -x "$root/tests/queries/golden.sh" ]; then
  for g in "$root"/tests/queries/golden/*/; do
    [ -d "$g" ] && DALGEN_UPDATE=1 "$root/tests/queries/golden.sh" "$build/generator/dalgen" "${g%/}"
  done
fi
git -C "$root" status --short tests/queries
