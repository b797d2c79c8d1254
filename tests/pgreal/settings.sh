#!/bin/sh
# settings.sh DALGEN DIR FILE...: the model of each FILE (DIR-relative) does
# not depend on the session's settings: `schema --json` and `--sql` under
# PGTZ=Asia/Tokyo, DateStyle SQL/DMY and IntervalStyle sql_standard print
# the same bytes as under the cluster's defaults (UTC, ISO).  A timestamptz
# DEFAULT or partition bound written without a zone means UTC.
set -u
dalgen=$1 dir=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$dir" || exit 1
export DALGEN_PG_SERVER=postgresql://
for f in "$@"; do
  for mode in --json --sql; do
    env -u PGTZ -u PGDATESTYLE -u PGOPTIONS "$dalgen" schema --engine postgresql "$f" $mode > "$tmp/a" || { echo "FAIL: $f $mode"; exit 1; }
    PGTZ=Asia/Tokyo PGDATESTYLE=SQL,DMY PGOPTIONS="-c IntervalStyle=sql_standard" \
      "$dalgen" schema --engine postgresql "$f" $mode > "$tmp/b" || { echo "FAIL: $f $mode (settings)"; exit 1; }
    diff -u "$tmp/a" "$tmp/b" || { echo "FAIL: $f $mode depends on the session's settings"; exit 1; }
  done
done
echo ok
