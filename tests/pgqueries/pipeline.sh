#!/bin/sh
# The pipelined prepare/describe pass over more than one segment (a sync
# every 250 queries): 600 queries, two failing in different segments, give
# exactly those two located errors; without them all 600 are generated.
#   pipeline.sh DALGEN SRCDIR
set -eu
dalgen=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen() {   # gen BAD1 BAD2 > query.sql
  i=0
  while [ $i -lt 600 ]; do
    echo "-- name: Q$i :one"
    if [ $i -eq "$1" ] || [ $i -eq "$2" ]; then echo "SELECT nosuch FROM authors WHERE id = \$1;"
    else echo "SELECT id, name, bio FROM authors WHERE id = \$1 AND name <> 'x$i';"; fi
    echo
    i=$((i + 1))
  done
}
gen 299 520 > "$tmp/bad.sql"
if "$dalgen" generate --engine postgresql --pg-server postgresql:// "$src/examples/authors/schema.sql" \
     --queries "$tmp/bad.sql" --prefix m --out "$tmp/out" 2> "$tmp/err"; then
  echo "FAIL: generated despite two bad queries"; exit 1
fi
want="$tmp/bad.sql:899:8: error: column \"nosuch\" does not exist
$tmp/bad.sql:1562:8: error: column \"nosuch\" does not exist"
[ "$(cat "$tmp/err")" = "$want" ] || { echo "FAIL: stderr:"; cat "$tmp/err"; exit 1; }
gen -1 -1 > "$tmp/good.sql"
"$dalgen" generate --engine postgresql --pg-server postgresql:// "$src/examples/authors/schema.sql" \
  --queries "$tmp/good.sql" --prefix m --out "$tmp/out"
n=$(grep -c '^int m_q' "$tmp/out/m.h")
[ "$n" -eq 600 ] || { echo "FAIL: $n functions"; exit 1; }
echo ok
