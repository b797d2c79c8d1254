#!/bin/sh
# golden.sh DALGEN DIR CASE: `schema --json` of DIR/cases/CASE.sql (run in
# DIR, so locations say cases/CASE.sql) equals DIR/golden/CASE.json, and
# its warnings DIR/golden/CASE.stderr (none when that file is absent).
# Regenerate: tests/pgschema/regen.sh BUILD_DIR (needs a server; see there).
set -u
dalgen=$1 dir=$2 name=$3
cd "$dir" || exit 1
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
DALGEN_PG_SERVER=postgresql:// "$dalgen" schema --engine postgresql "cases/$name.sql" > "$out" 2> "$err" ||
    { echo "FAIL: exit $?"; cat "$err"; exit 1; }
diff -u "golden/$name.json" "$out" || { echo "FAIL: differs from golden/$name.json (tests/pgschema/regen.sh)"; exit 1; }
if [ -f "golden/$name.stderr" ]; then
    diff -u "golden/$name.stderr" "$err" || { echo "FAIL: warnings differ from golden/$name.stderr"; exit 1; }
elif [ -s "$err" ]; then
    echo "FAIL: unexpected warnings:"; cat "$err"; exit 1
fi
echo ok
