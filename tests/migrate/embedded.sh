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

# a folder numbered from 0000: zero_migrate() applies 0000 too (the runner,
# hash and generate accept the same numbers)
mkdir -p "$T/zero"
printf 'CREATE TABLE z (id INTEGER PRIMARY KEY, v TEXT);\n' > "$T/zero/0000_init.sql"
printf 'CREATE INDEX z_v ON z(v);\n' > "$T/zero/0001_ix.sql"
"$DALGEN" migrate hash --dir "$T/zero" || fails=$((fails + 1))
cat "$T/zero/0000_init.sql" "$T/zero/0001_ix.sql" > "$T/zero.sql"
"$DALGEN" generate "$T/zero.sql" --migrations "$T/zero" --prefix zero --out "$T/zgen" || fails=$((fails + 1))
cat > "$T/zero_main.c" <<'EOF2'
#include <stdio.h>
#include "zero.h"
int main(int argc, char **argv)
{
    dal_db *db = NULL;
    int rc = argc > 1 ? dal_open(&db, argv[1], NULL) : DAL_MISUSE;
    if (rc == DAL_OK) rc = zero_migrate(db);
    if (rc == DAL_OK) rc = zero_schema_check(db);
    if (rc != DAL_OK) fprintf(stderr, "zero: %s\n", db ? dal_errmsg(db) : "no database");
    dal_close(db);
    return rc == DAL_OK ? 0 : 1;
}
EOF2
if "$CC" -std=c11 -Wall -Wextra -Wpedantic -Wconversion -Werror "$@" -I"$INC" -I"$T/zgen" "$T/zero_main.c" \
    "$T/zgen/zero.c" "$LIB" -lsqlite3 $PQ -o "$T/zero_prog"; then
    "$T/zero_prog" "$T/zero.db" || { echo "FAIL: zero_migrate on a 0000 folder"; fails=$((fails + 1)); }
    [ "$(sqlite3 "$T/zero.db" 'SELECT group_concat(id) FROM _dal_migrations')" = "0,1" ] ||
        { echo "FAIL: 0000 and 0001 not recorded"; fails=$((fails + 1)); }
else
    echo "FAIL: the code of a 0000 folder does not compile"; fails=$((fails + 1))
fi
[ "$fails" = 0 ]
