#!/bin/sh
# pgmigrate.generated: `dalgen generate --engine postgresql --migrations`
# writes gm_migrate() and gm_schema_check(); their section of gm.h and gm.c
# is golden-tested (DALGEN_UPDATE_GOLDEN=1 rewrites gen/expected.*), the
# code compiles with gcc and clang, -std=c99 and -std=c11 -Wall -Wextra
# -Wpedantic -Wconversion -Werror, and gen/main.c runs it on a new database
# per build (migrate, check, rows, drifts named).  Then: a run from the
# typing snapshot without a server writes the same bytes, and `dalgen
# check` passes without one (and names an edited file); a snapshot made
# without --migrations is refused without a server; a schema the folder
# does not reach is warned about.
#   usage: generated.sh DALGEN SOURCE_DIR SCRATCH DAL_INCLUDE DAL_BUILD_INCLUDE DAL_LIB [EXTRA_FLAGS...]
#   (PG* from tests/pg/run.sh)
set -u
DALGEN=$1 SD=$2/gen T=$3 INC=$4 BINC=$5 LIB=$6
shift 6
rm -rf "$T" && mkdir -p "$T" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
gen() { "$DALGEN" generate --engine postgresql "$@" --migrations "$SD/mig" --prefix gm; }

gen --pg-server postgresql:// "$SD/schema.sql" --out "$T/out" 2> "$T/gen.err" || { cat "$T/gen.err"; exit 1; }
[ -s "$T/gen.err" ] && fail "generate warned: $(cat "$T/gen.err")"
for ext in h c; do
    sed -n '/---- Migrations/,$p' "$T/out/gm.$ext" > "$T/migrations.$ext.txt"
    if [ "${DALGEN_UPDATE_GOLDEN:-}" = 1 ]; then cp "$T/migrations.$ext.txt" "$SD/expected.migrations.$ext.txt"; fi
    diff -u "$SD/expected.migrations.$ext.txt" "$T/migrations.$ext.txt" ||
        fail "the migrations section of gm.$ext differs from gen/expected.migrations.$ext.txt"
done

pginc=$(pg_config --includedir 2>/dev/null || echo /usr/include/postgresql)
n=0
for cc in gcc clang; do
    command -v $cc >/dev/null 2>&1 || { echo "$cc: not installed, skipped"; continue; }
    for std in c99 c11; do
        n=$((n + 1))
        if ! $cc -std=$std -Wall -Wextra -Wpedantic -Wconversion -Werror "$@" -I"$INC" -I"$BINC" -I"$pginc" \
            -I"$T/out" "$SD/main.c" "$T/out/gm.c" "$LIB" -lsqlite3 -lpq -lpthread -lm -o "$T/prog_$n"; then
            fail "$cc -std=$std: the generated code does not compile"; continue
        fi
        db=pgm_gen_$n
        psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" || exit 1
        "$T/prog_$n" "postgresql:///$db" || fail "$cc -std=$std: the program"
        psql -qX -d postgres -c "DROP DATABASE $db WITH (FORCE)"
    done
done

# the snapshot keeps the description: no server needed, the same bytes
cp -r "$T/out" "$T/snap"
env -u DALGEN_PG_SERVER PGHOST=/nonexistent PGPORT=1 "$DALGEN" generate --engine postgresql "$SD/schema.sql" \
    --migrations "$SD/mig" --prefix gm --out "$T/snap" || fail "generate from the snapshot"
diff -r "$T/out" "$T/snap" > /dev/null || fail "generate from the snapshot wrote other bytes"
env -u DALGEN_PG_SERVER PGHOST=/nonexistent PGPORT=1 "$DALGEN" check --engine postgresql "$SD/schema.sql" \
    --migrations "$SD/mig" --prefix gm --out "$T/out" > "$T/check.out" 2>&1 || fail "check: $(cat "$T/check.out")"
cp -r "$SD/mig" "$T/edited" && echo '-- edited' >> "$T/edited/0002_books.up.sql"
env -u DALGEN_PG_SERVER PGHOST=/nonexistent PGPORT=1 "$DALGEN" check --engine postgresql "$SD/schema.sql" \
    --migrations "$T/edited" --prefix gm --out "$T/out" > "$T/check.out" 2>&1 && fail "check took an edited folder"
grep -q '0002_books.up.sql' "$T/check.out" || fail "check names the edited file: $(cat "$T/check.out")"
# a snapshot made without --migrations has no description
"$DALGEN" generate --engine postgresql --pg-server postgresql:// "$SD/schema.sql" --prefix gm --out "$T/nomig" ||
    fail "generate without --migrations"
env -u DALGEN_PG_SERVER PGHOST=/nonexistent PGPORT=1 "$DALGEN" generate --engine postgresql "$SD/schema.sql" \
    --migrations "$SD/mig" --prefix gm --out "$T/nomig" 2> "$T/nomig.err" && fail "a snapshot without description was used"
grep -q 'gm.pgtypes.json:1:1: error: the typing snapshot has no schema description for --migrations' "$T/nomig.err" ||
    fail "no description: $(cat "$T/nomig.err")"
# a schema the folder does not reach
sed 's/^    tags      text\[\]$/    tags      text[],\n    pages     integer/' "$SD/schema.sql" > "$T/ahead.sql"
gen --pg-server postgresql:// "$T/ahead.sql" --out "$T/ahead" 2> "$T/ahead.err" || fail "generate a schema ahead"
grep -q "mig:1:1: warning: the migrations do not reach the schema: the schema has \`column books.pages type=integer" \
    "$T/ahead.err" || fail "ahead: $(cat "$T/ahead.err")"
echo "generated: $n builds run, $fails failures"
[ "$fails" = 0 ]
