#!/bin/sh
# A PostgreSQL example end to end (run by ctest with the test cluster's
# environment): generate its schema and queries with dalgen, compile the
# result strictly with gcc and clang as C99 and C11, then (when e2e/NAME.c
# exists) build that program with it and run it on a fresh database that
# holds the schema; and, typed on that live database, the same code.
#   e2e.sh DALGEN SRCDIR LIBDAL INCLUDE_DIR... NAME
# E2E_RUN_ONLY=1: generate once and run the program, no more (the runs through
# a pooler or on a standby, whose subject is the program: the generated code's
# own checks are pgqueries.e2e.*'s).
# Through a pooler (tests/pgrt/pgbouncer.sh exports DALGEN_PG_DIRECT_HOST/PORT)
# only the program goes through it; dalgen and psql reach the server directly.
set -eu
dalgen=$1 src=$2 libdal=$3
shift 3
incs=""
while [ $# -gt 1 ]; do incs="$incs -I$1"; shift; done
name=$1
ex=$src/examples/$name
tmp=$(mktemp -d)
out=$tmp/a
db=dalgen_e2e_${name}_$$
. "$(dirname "$0")/../pg/direct.sh"
# FORCE: a pooler may still hold a server connection to it
trap 'direct psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
PATH=${DALGEN_PG_BIN:-/usr/lib/postgresql/15/bin}:$PATH
direct "$dalgen" generate --engine postgresql --pg-server postgresql:// "$ex/schema.sql" --queries "$ex/query.sql" \
  --prefix "$name" --out "$out"
strict="-Wall -Wextra -Wpedantic -Wconversion -Werror"
# the generated code's own checks: a second run gives the same bytes; parameter
# types are builtin OID macros or 0, never a user OID; it compiles strictly
check_code() {
  direct "$dalgen" generate --engine postgresql --pg-server postgresql:// "$ex/schema.sql" --queries "$ex/query.sql" \
    --prefix "$name" --out "$tmp/b"
  cmp "$out/$name.c" "$tmp/b/$name.c" || exit 1
  cmp "$out/$name.h" "$tmp/b/$name.h" || exit 1
  if grep -h 'static const Oid types__\[' "$out/$name.c" | sed 's/.*{\(.*\)}.*/\1/' | tr ',' '\n' | grep -vqE '^ *(DAL_PG_[A-Z0-9_]+|0) *$'; then
    echo "a parameter type that is not a builtin OID macro or 0:"; grep -h 'types__\[' "$out/$name.c"; exit 1
  fi
  for cc in gcc clang; do
    command -v $cc >/dev/null || continue
    for std in c99 c11; do
      $cc -std=$std $strict $incs -I/usr/include/postgresql -c "$out/$name.c" -o "$out/$name.$cc.$std.o"
    done
  done
  echo "generated code compiles (gcc, clang; C99, C11; strict)"
}
# the live database as the schema source: the same code, but for the banner naming the inputs
# (the URI without its password: nothing secret in generated code)
check_live_typing() {
  direct "$dalgen" generate "postgresql://${PGUSER:-postgres}:hunter2@/$db" --queries "$ex/query.sql" --prefix "$name" \
    --out "$tmp/c"
  if grep -q hunter2 "$tmp/c/$name.c" "$tmp/c/$name.h"; then echo "FAIL: the password is in the code"; exit 1; fi
  for f in "$name.c" "$name.h"; do
    tail -n +4 "$out/$f" > "$tmp/file.txt"; tail -n +4 "$tmp/c/$f" > "$tmp/live.txt"
    cmp "$tmp/file.txt" "$tmp/live.txt" || { echo "FAIL: $f differs when typed on the live database"; exit 1; }
  done
}
if [ -z "${E2E_RUN_ONLY:-}" ]; then check_code; fi
[ -f "$src/e2e/$name.c" ] || exit 0
# with the build's compiler and sanitizer flags (E2E_CC, E2E_LDFLAGS: set by ctest)
${E2E_CC:-gcc} -std=c11 $strict ${E2E_LDFLAGS:-} $incs -I/usr/include/postgresql -I"$out" "$src/e2e/$name.c" \
  "$out/$name.c" "$libdal" -lpq -lsqlite3 -lm -lpthread -o "$out/run"
direct psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" >/dev/null
direct psql -q -v ON_ERROR_STOP=1 -d "$db" -f "$ex/schema.sql" >/dev/null
if [ -z "${E2E_RUN_ONLY:-}" ]; then check_live_typing; fi
"$out/run" "postgresql:///$db"
