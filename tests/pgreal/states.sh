#!/bin/sh
# states.sh DALGEN STEPS_DIR: every state of a migration history loads.
# For k = 1..N, state k is the folder of steps 1..k (in name order):
#  1. `dalgen schema --engine postgresql STATE` succeeds;
#  2. its model equals that of a live database the steps were applied to
#     one by one with psql (locations and file-only annotations left out).
# With the test cluster's environment (tests/pg/run.sh).
set -u
dalgen=$1 steps=$2
tmp=$(mktemp -d)
db="dg_states_$$"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export DALGEN_PG_SERVER=postgresql://
createdb "$db" || fail createdb
mkdir "$tmp/state"
k=0
for f in $(ls "$steps" | grep '\.sql$' | sort); do
  k=$((k + 1))
  cp "$steps/$f" "$tmp/state/$f"
  "$dalgen" schema --engine postgresql "$tmp/state" --no-locations --no-above-annotations > "$tmp/a.json" \
    || fail "state $k (steps 1..$f) does not load"
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$steps/$f" > /dev/null || fail "psql -f $f"
  "$dalgen" schema "postgresql:///$db" --no-locations > "$tmp/b.json" || fail "schema of the live database at $f"
  diff -u "$tmp/a.json" "$tmp/b.json" || fail "state $k: the folder and the database migrated to $f differ"
done
[ "$k" -ge 10 ] || fail "only $k steps"
echo "ok: $k states"
