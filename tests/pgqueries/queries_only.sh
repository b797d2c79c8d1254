#!/bin/sh
# A PostgreSQL schema with no table or view (only a function) and queries
# that need none (sqlc's builtins and func_args cases): generate makes the
# queries' code with a note, as on SQLite, and it compiles strictly; without
# queries the same schema is still an error.  Run by ctest with the test
# cluster's environment.
#   queries_only.sh DALGEN INCLUDE_DIR...
set -eu
dalgen=$1
shift
incs="-I/usr/include/postgresql"
for i in "$@"; do incs="$incs -I$i"; done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/schema.sql" <<'SQL'
CREATE FUNCTION plus(a integer, b integer) RETURNS integer AS 'SELECT a + b' LANGUAGE sql;
SQL
cat > "$tmp/query.sql" <<'SQL'
-- name: Plus :one
SELECT plus(b => $2, a => $1) AS sum;

-- name: Pi :one
SELECT pi() AS pi;
SQL
if ! "$dalgen" generate --engine postgresql "$tmp/schema.sql" --queries "$tmp/query.sql" --pg-server postgresql:// \
     --prefix q --out "$tmp/out" 2> "$tmp/err"; then
  echo "FAIL: a schema without tables refused though the queries need none:"; cat "$tmp/err"; exit 1
fi
grep -q 'note: the schema has no tables or views: only the queries are generated' "$tmp/err" ||
  { echo "FAIL: no note"; cat "$tmp/err"; exit 1; }
grep -q 'q_plus' "$tmp/out/q.h" || { echo "FAIL: no q_plus in q.h"; exit 1; }
grep -q 'q_pi' "$tmp/out/q.h" || { echo "FAIL: no q_pi in q.h"; exit 1; }
gcc -std=c11 -Wall -Wextra -Wpedantic -Wconversion -Werror $incs -c "$tmp/out/q.c" -o "$tmp/q.o"
rc=0
"$dalgen" generate --engine postgresql "$tmp/schema.sql" --pg-server postgresql:// --prefix q --out "$tmp/none" \
  2> "$tmp/err2" || rc=$?
[ $rc -eq 1 ] || { echo "FAIL: no queries: exit $rc, want 1"; exit 1; }
grep -q 'schema.sql:1:1: error: the schema is empty: no tables or views' "$tmp/err2" ||
  { echo "FAIL: no located error without queries"; cat "$tmp/err2"; exit 1; }
[ ! -e "$tmp/none/q.c" ] || { echo "FAIL: code written for an empty schema"; exit 1; }
echo "queries-only schema: generated, compiled; without queries: located error"
