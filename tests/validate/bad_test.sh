#!/bin/sh
# `dalgen generate` on bad/schema.sql: exit 1, exactly the expected
# diagnostics (path:line:col: error: ...), and no output folder.
#   bad_test.sh DALGEN SOURCE_DIR
set -u
dalgen=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$src/bad/schema.sql" "$tmp/schema.sql"
(cd "$tmp" && "$dalgen" generate schema.sql --prefix p --out out 2> err.txt)
rc=$?
[ "$rc" -eq 1 ] || { echo "exit status $rc, expected 1"; exit 1; }
[ ! -e "$tmp/out" ] || { echo "output written despite errors"; exit 1; }
diff -u "$src/bad/expected.txt" "$tmp/err.txt"
