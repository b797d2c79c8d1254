#!/bin/sh
# Regenerates the golden files of the generate.golden.* tests from the
# current dalgen.  Run from anywhere; review `git diff tests/generate/golden`
# before committing.
#   tests/generate/regen-golden.sh [path/to/dalgen]   (default: build/generator/dalgen)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
dalgen=${1:-$root/build/generator/dalgen}
case "$dalgen" in /*) ;; *) dalgen=$PWD/$dalgen ;; esac
cd "$root"
"$dalgen" generate examples/blog/schema.sql --prefix blog --out tests/generate/golden/blog
(cd tests/generate/golden/blog &&
  "$dalgen" generate ../../../../examples/blog/schema.sql --prefix blog --out . --dump-view > view.json)
"$dalgen" generate tests/generate/torture/schema.sql --prefix tt --out tests/generate/golden/torture
echo "regenerated tests/generate/golden/{blog,torture} and golden/blog/view.json"
