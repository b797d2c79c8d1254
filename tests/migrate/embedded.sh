#!/bin/sh
# migrate.embedded: `dalgen generate --migrations DIR` -> notes_migrate() and
# notes_schema_check(); the migrations section of the output is golden-tested
# (DALGEN_UPDATE_GOLDEN=1 rewrites it), compiled with -std=c99 and -std=c11
# -Wall -Wextra -Wpedantic -Wconversion -Werror, and run.
# usage: embedded.sh DALGEN CC DAL_INCLUDE DAL_LIB SCRATCH [EXTRA_FLAGS...]
set -u
DALGEN=$1 CC=$2 INC=$3 LIB=$4 T=$5
shift 5
HERE=$(cd "$(dirname "$0")/embedded" && pwd)
rm -rf "$T" && mkdir -p "$T" || exit 1
"$DALGEN" generate "$HERE/schema.sql" --migrations "$HERE/migrations" --prefix notes --out "$T/gen" || exit 1
fails=0
# libdal.a built with PostgreSQL (DALGEN_WITH_POSTGRESQL) needs -lpq too
PQ=""
nm "$LIB" 2>/dev/null | grep -q ' U PQconnectdbParams$' && PQ=-lpq
for ext in h c; do
    sed -n '/---- Migrations/,$p' "$T/gen/notes.$ext" > "$T/migrations.$ext.txt"
    if [ "${DALGEN_UPDATE_GOLDEN:-}" = 1 ]; then cp "$T/migrations.$ext.txt" "$HERE/expected.migrations.$ext.txt"; fi
    if ! diff -u "$HERE/expected.migrations.$ext.txt" "$T/migrations.$ext.txt"; then
        echo "FAIL: migrations section of notes.$ext differs from the golden file"; fails=$((fails + 1))
    fi
done
for std in c99 c11; do
    if ! "$CC" -std=$std -Wall -Wextra -Wpedantic -Wconversion -Werror "$@" -I"$INC" -I"$T/gen" \
        "$HERE/main.c" "$T/gen/notes.c" "$LIB" -lsqlite3 $PQ -o "$T/prog_$std"; then
        echo "FAIL: generated code does not compile with -std=$std"; fails=$((fails + 1)); continue
    fi
    rm -f "$T/db_$std.db"*
    "$T/prog_$std" "$T/db_$std.db" || { echo "FAIL: program ($std)"; fails=$((fails + 1)); }
done
[ "$fails" = 0 ]
