#!/bin/sh
# golden.sh DALGEN DIR CASE: `schema --json` of DIR/cases/CASE.sql (run in
# DIR, so locations say cases/CASE.sql) equals DIR/golden/CASE.json.
# Regenerate: tests/pgschema/regen.sh BUILD_DIR (needs a server; see there).
set -u
dalgen=$1 dir=$2 name=$3
cd "$dir" || exit 1
out=$(mktemp)
trap 'rm -f "$out"' EXIT
DALGEN_PG_SERVER=postgresql:// "$dalgen" schema --engine postgresql "cases/$name.sql" > "$out" || { echo "FAIL: exit $?"; exit 1; }
diff -u "golden/$name.json" "$out" || { echo "FAIL: differs from golden/$name.json (tests/pgschema/regen.sh)"; exit 1; }
echo ok
