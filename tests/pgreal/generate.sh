#!/bin/sh
# generate.sh DALGEN SRC OUT LIBDAL BUILD_RUNTIME_INCLUDE NAME SCHEMA [QUERIES]
# Generates NAME's code from SCHEMA (and QUERIES) and compiles it strictly
# with gcc and clang, C99 and C11 (tests/pggen/compile.sh); when
# e2e/NAME.c exists, builds it with the code and runs it on a fresh
# database holding SCHEMA.  With the test cluster's environment.
# E2E_RUN_ONLY=1 skips the strict compiles; through a pooler
# (tests/pgrt/pgbouncer.sh) only the program goes through it, as in
# tests/pgqueries/e2e.sh.
set -eu
dalgen=$1 src=$2 out=$3 libdal=$4 binc=$5 name=$6 schema=$7 queries=${8:-}
here=$src/tests/pgreal
db=dg_pgreal_${name}_$$
rm -rf "$out" && mkdir -p "$out"
. "$(dirname "$0")/../pg/direct.sh"
# --force: a pooler may still hold a server connection to it
trap 'direct dropdb --if-exists --force "$db" >/dev/null 2>&1 || true' EXIT
set -- generate --engine postgresql --pg-server postgresql:// "$here/$schema" --prefix "$name" --out "$out"
[ -z "$queries" ] || set -- "$@" --queries "$here/$queries"
direct "$dalgen" "$@"
if [ -z "${E2E_RUN_ONLY:-}" ]; then
  sh "$src/tests/pggen/compile.sh" "$out" "$src/runtime/include" "$binc"
  echo "generated code compiles (gcc, clang; C99, C11; strict)"
fi
[ -f "$here/e2e/$name.c" ] || exit 0
strict="-Wall -Wextra -Wpedantic -Wconversion -Werror"
${E2E_CC:-gcc} -std=c11 $strict ${E2E_LDFLAGS:-} -I"$src/runtime/include" -I"$binc" -I/usr/include/postgresql -I"$out" \
  "$here/e2e/$name.c" "$out/$name.c" "$libdal" -lpq -lsqlite3 -lm -lpthread -o "$out/run"
direct createdb "$db"
direct psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$here/$schema" > /dev/null
"$out/run" "postgresql:///$db"
