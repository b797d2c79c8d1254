#!/bin/sh
# replay.sh DALGEN STEPS_DIR SEED_SQL: replays a migration history with
# `dalgen diff --engine postgresql` on a database holding rows.
# State k is the folder of steps 1..k (name order).  The database starts at
# state 1 with SEED_SQL's rows; then for k = 1..N-1:
#   up:   diff --from state k --to state k+1, applied with psql: the live
#         model must equal state k+1's, and every column that both states
#         have must keep its values (a multiset per column);
#   down: diff --from state k+1 --to state k (--down of the same pair would
#         need the up plan's history), applied: the model must equal state
#         k's and the common columns keep their values; then up again.
# Needs the PostgreSQL planner (`dalgen diff --engine postgresql`); not in
# ctest until it lands (README.md).  With the test cluster's environment
# (tests/pg/run.sh), or any PG* environment naming a server.
set -u
dalgen=$1 steps=$2 seed=$3
tmp=$(mktemp -d)
db="dg_replay_$$"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export DALGEN_PG_SERVER=postgresql://
pg="--engine postgresql"

files=$(ls "$steps" | grep '\.sql$' | sort)
n=0
for f in $files; do
  n=$((n + 1))
  mkdir -p "$tmp/state$n"
  k=0
  for g in $files; do
    k=$((k + 1)); [ $k -le $n ] && cp "$steps/$g" "$tmp/state$n/"
  done
  "$dalgen" schema $pg "$tmp/state$n" --no-locations --no-above-annotations > "$tmp/model$n.json" \
    || fail "state $n does not load"
done

# every column's values as one line: table column md5-of-sorted-values count
values() {
  psql -X -q -At -d "$db" -c "
    SELECT c.table_name || ' ' || c.column_name || ' ' ||
      (xpath('/row/v/text()', query_to_xml(format(
        'SELECT md5(coalesce(string_agg(coalesce(%I::text, ''<null>''), '','' ORDER BY coalesce(%I::text, ''<null>'')), '''')) || '' '' || count(*) AS v FROM %I',
        c.column_name, c.column_name, c.table_name), false, true, '')))[1]::text
    FROM information_schema.columns c JOIN information_schema.tables t
      ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' ORDER BY 1" > "$1" || fail "reading the rows"
}
# lines of $1 whose table and column are in $2 too must be equal there
same_values() {
  awk 'NR == FNR { v[$1 " " $2] = $3 " " $4; next }
       ($1 " " $2) in v && v[$1 " " $2] != $3 " " $4 { print "  " $1 "." $2 ": " v[$1 " " $2] " -> " $3 " " $4; bad = 1 }
       END { exit bad }' "$1" "$2"
}
step() {   # FROM TO WHAT
  "$dalgen" diff $pg --from "$tmp/state$1" --to "$tmp/state$2" --allow-destructive > "$tmp/plan.sql" \
    || fail "$3: dalgen diff state $1 -> state $2"
  values "$tmp/before.txt"
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$tmp/plan.sql" > /dev/null || { cat "$tmp/plan.sql"; fail "$3: the plan does not apply"; }
  "$dalgen" schema "postgresql:///$db" --no-locations > "$tmp/live.json" || fail "$3: schema of the database"
  diff -u "$tmp/model$2.json" "$tmp/live.json" || fail "$3: the database is not at state $2"
  values "$tmp/after.txt"
  same_values "$tmp/before.txt" "$tmp/after.txt" || fail "$3: values changed"
  echo "ok: $3 ($(grep -c . "$tmp/plan.sql") lines of plan)"
}

createdb "$db" || fail createdb
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$tmp/state1/$(ls "$tmp/state1")" > /dev/null || fail "state 1"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$seed" > /dev/null || fail "seed rows"
k=1
while [ $k -lt $n ]; do
  step $k $((k + 1)) "up $k -> $((k + 1))"
  step $((k + 1)) $k "down $((k + 1)) -> $k"
  step $k $((k + 1)) "up again $k -> $((k + 1))"
  k=$((k + 1))
done
echo "ok: $n states replayed up and down"
