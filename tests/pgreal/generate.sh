#!/bin/sh
# generate.sh DALGEN SRC OUT LIBDAL BUILD_RUNTIME_INCLUDE NAME SCHEMA [QUERIES]
# Generates NAME's code from SCHEMA (and QUERIES) and compiles it strictly
# with gcc and clang, C99 and C11 (tests/pggen/compile.sh); when
# e2e/NAME.c exists, builds it with the code and runs it on a fresh
# database holding SCHEMA.  With the test cluster's environment.
set -eu
dalgen=$1 src=$2 out=$3 libdal=$4 binc=$5 name=$6 schema=$7 queries=${8:-}
here=$src/tests/pgreal
db=dg_pgreal_${name}_$$
rm -rf "$out" && mkdir -p "$out"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
set -- generate --engine postgresql --pg-server postgresql:// "$here/$schema" --prefix "$name" --out "$out"
[ -z "$queries" ] || set -- "$@" --queries "$here/$queries"
"$dalgen" "$@"
sh "$src/tests/pggen/compile.sh" "$out" "$src/runtime/include" "$binc"
echo "generated code compiles (gcc, clang; C99, C11; strict)"
[ -f "$here/e2e/$name.c" ] || exit 0
strict="-Wall -Wextra -Wpedantic -Wconversion -Werror"
${E2E_CC:-gcc} -std=c11 $strict ${E2E_LDFLAGS:-} -I"$src/runtime/include" -I"$binc" -I/usr/include/postgresql -I"$out" \
  "$here/e2e/$name.c" "$out/$name.c" "$libdal" -lpq -lsqlite3 -lm -lpthread -o "$out/run"
createdb "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$here/$schema" > /dev/null
"$out/run" "postgresql:///$db"
