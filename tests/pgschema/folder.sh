#!/bin/sh
# folder.sh DALGEN DIR: a folder source (name order, *.down.sql skipped,
# dbmate files' up part only) gives the model of the same DDL in one file.
set -u
dalgen=$1 dir=$2
cd "$dir" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DALGEN_PG_SERVER=postgresql://
"$dalgen" schema --engine postgresql folder --no-locations > "$tmp/a.json" || { echo "FAIL: folder"; exit 1; }
"$dalgen" schema --engine postgresql folder.sql --no-locations > "$tmp/b.json" || { echo "FAIL: file"; exit 1; }
diff -u "$tmp/b.json" "$tmp/a.json" || { echo "FAIL: the folder gives another model"; exit 1; }
echo ok
