#!/bin/sh
# regen.sh BUILD_DIR [CORPUS]
# Rewrites tests/schema/golden/ from the dalgen in BUILD_DIR: the JSON of
# every corpus.list schema (CORPUS defaults to ../shared/corpus next to the
# source tree), of every cases/*.sql, and the erd diagrams of cases/features.sql
# and of Sakila.
# Review the diff before committing it.  (errors/*.expected are written by hand.)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dalgen=$(cd "$1" && pwd)/generator/dalgen
corpus=${2:-$here/../../../shared/corpus}
mkdir -p "$here/golden/corpus" "$here/golden/cases" "$here/golden/erd"
if [ -d "$corpus" ]; then
  grep '^[a-z]' "$here/corpus.list" | while read -r name sources; do
    # shellcheck disable=SC2086
    (cd "$corpus" && "$dalgen" schema $sources) > "$here/golden/corpus/$name.json"
  done
  for fmt in mermaid dot; do
    (cd "$corpus" && "$dalgen" erd sakila/sqlite-sakila-schema.sql --format $fmt) > "$here/golden/erd/sakila.$fmt"
  done
else
  echo "corpus not found at $corpus: corpus goldens left as they are" >&2
fi
cd "$here"
for f in cases/*.sql; do
  name=$(basename "$f" .sql)
  "$dalgen" schema "$f" > "golden/cases/$name.json"
done
for fmt in mermaid dot; do
  "$dalgen" erd cases/features.sql --format $fmt > "golden/erd/features.$fmt"
done
