#!/bin/sh
# examples.sh DALGEN SRC OUT BUILD_RUNTIME_INCLUDE [CORPUS]: generates
# examples/postgres/schema.sql, tests/pggen/hostile.sql (names that must not
# break the C) and, when CORPUS is given and present, sqlc's PostgreSQL
# example schemas (CORPUS/sqlc-examples/NAME/postgresql/schema.sql; read,
# never copied),
# and compiles each strictly (compile.sh).
set -e
dalgen=$1 src=$2 out=$3 binc=$4 corpus=${5:-}
rm -rf "$out" && mkdir -p "$out"
gen() {   # NAME SCHEMA
  "$dalgen" generate --engine postgresql --pg-server postgresql:// "$2" --prefix "$1" --out "$out/$1"
  sh "$src/tests/pggen/compile.sh" "$out/$1" "$src/runtime/include" "$binc"
}
gen example "$src/examples/postgres/schema.sql"
gen hostile "$src/tests/pggen/hostile.sql"
if [ -n "$corpus" ] && [ -d "$corpus/sqlc-examples" ]; then
  for d in "$corpus"/sqlc-examples/*/postgresql; do
    [ -f "$d/schema.sql" ] || continue
    name=$(basename "$(dirname "$d")")
    gen "$name" "$d/schema.sql"
  done
fi
