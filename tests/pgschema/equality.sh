#!/bin/sh
# equality.sh DALGEN DIR FILE
# With the test cluster's environment (tests/pg/run.sh):
#  1. `schema --json` of FILE equals that of a live database built from it
#     with createdb + psql -f (locations and file-only annotations left out);
#  2. `schema --sql` loads back to the same model (locations left out);
#  3. two runs print the same bytes.
# Skips (77) when DIR does not exist (corpus cases).
set -u
dalgen=$1 dir=$2 file=$3
[ -d "$dir" ] || { echo "skipped: $dir is absent"; exit 77; }
tmp=$(mktemp -d)
db="dg_eq_$$"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
cd "$dir" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
export DALGEN_PG_SERVER=postgresql://
pg="--engine postgresql"

"$dalgen" schema $pg "$file" --no-locations --no-above-annotations > "$tmp/a.json" || fail "schema of $file"
createdb "$db" || fail createdb
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$file" > /dev/null || fail "psql -f $file"
"$dalgen" schema "postgresql:///$db" --no-locations > "$tmp/b.json" || fail "schema of the live database"
diff -u "$tmp/a.json" "$tmp/b.json" || fail "the database built from $file gives another model"

"$dalgen" schema $pg "$file" --sql > "$tmp/model.sql" || fail "schema --sql"
"$dalgen" schema $pg "$file" --no-locations > "$tmp/c.json" || fail "schema"
"$dalgen" schema $pg "$tmp/model.sql" --no-locations > "$tmp/d.json" || fail "loading the --sql output"
diff -u "$tmp/c.json" "$tmp/d.json" || fail "--sql round trip changed the model"

"$dalgen" schema $pg "$file" > "$tmp/e.json" && "$dalgen" schema $pg "$file" > "$tmp/f.json" || fail "schema"
cmp "$tmp/e.json" "$tmp/f.json" || fail "two runs printed different bytes"
echo ok
