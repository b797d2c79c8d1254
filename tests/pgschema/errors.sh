#!/bin/sh
# errors.sh DALGEN DIR NAME: `schema --engine postgresql errors/NAME.sql`
# exits 1, prints nothing on stdout and exactly errors/NAME.expected on
# stderr (run in DIR).
set -u
dalgen=$1 dir=$2 name=$3
cd "$dir" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
DALGEN_PG_SERVER=postgresql:// "$dalgen" schema --engine postgresql "errors/$name.sql" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] || { echo "FAIL: exit $rc, want 1"; cat "$tmp/err"; exit 1; }
[ -s "$tmp/out" ] && { echo "FAIL: printed on stdout"; exit 1; }
diff -u "errors/$name.expected" "$tmp/err" || { echo "FAIL: stderr differs"; exit 1; }
echo ok
