#!/bin/sh
# SIGTERM while `dalgen diff --api` has its temporary folder: the folder is
# removed and dalgen dies of the signal.  The kill is timed by polling
# TMPDIR, so it is retried; when no attempt catches the folder the test is
# skipped (77) rather than passed.
#   signal.sh DALGEN SCRATCH_DIR
set -u
dalgen=$1
work=$2
rm -rf "$work"
mkdir -p "$work/tmp"
# A schema big enough that generating and parsing it takes a while.
i=0
while [ $i -lt 80 ]; do
    printf 'CREATE TABLE t%d (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER, x REAL);\n' $i
    i=$((i + 1))
done >"$work/big.sql"
caught=0
attempt=0
while [ $attempt -lt 20 ] && [ $caught -lt 3 ]; do
    attempt=$((attempt + 1))
    TMPDIR="$work/tmp" "$dalgen" diff --from empty --to "$work/big.sql" --api --prefix big >/dev/null 2>&1 &
    pid=$!
    seen=0
    while kill -0 $pid 2>/dev/null; do
        if [ -n "$(ls -A "$work/tmp")" ]; then
            kill -TERM $pid 2>/dev/null && seen=1
            break
        fi
    done
    wait $pid
    rc=$?
    left=$(ls -A "$work/tmp")
    if [ -n "$left" ]; then
        echo "attempt $attempt (exit $rc): left behind in TMPDIR: $left" >&2
        exit 1
    fi
    if [ $seen = 1 ] && [ $rc = 143 ]; then
        caught=$((caught + 1))
    elif [ $seen = 1 ] && [ $rc != 0 ]; then
        echo "attempt $attempt: exit status $rc after SIGTERM" >&2
        exit 1
    fi
done
echo "$caught of $attempt attempts killed dalgen while its temporary folder existed"
[ $caught -gt 0 ] || exit 77
rm -rf "$work"
