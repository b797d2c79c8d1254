#!/bin/sh
# `--online` against a live writer at full size (bench/README.md, "Online
# plans on PostgreSQL"): tests/pgdiff/online_writer.sh with 1,000,000 rows,
# judged by the writer's worst insert: the --online plan's under 200 ms,
# the plain plan's over it.  A private cluster is started for the run and
# stopped after it.
#   usage: sh bench/migrate/pg_online.sh [BUILD_DIR]   (default: build)
#   ROWS=N (default 1000000), LIMIT_MS=M (default 200), ROUNDS=R (default 1)
#   needs dalgen and pgdiff_online_probe built:
#   cmake --build BUILD_DIR --target dalgen pgdiff_online_probe
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-build}" && pwd) || exit 1
cl=${TMPDIR:-/tmp}/dalgen-bench-online
sh "$root/tests/pg/cluster.sh" start "$cl" || exit $?
rc=0
for r in $(seq 1 "${ROUNDS:-1}"); do
    ROWS=${ROWS:-1000000} LIMIT_MS=${LIMIT_MS:-200} CHECK=latency sh "$root/tests/pg/run.sh" "$cl" \
        sh "$root/tests/pgdiff/online_writer.sh" "$build/generator/dalgen" "$build/tests/pgdiff/pgdiff_online_probe" \
        "$root/tests/pgdiff" "$cl/out" > "$cl/log" 2>&1 || rc=1
    cat "$cl/log"
done
sh "$root/tests/pg/cluster.sh" stop "$cl"
exit $rc
