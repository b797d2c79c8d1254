#!/bin/sh
# auto.sh DALGEN DIR: `--pg-server auto` starts a private cluster, gives the
# model the test cluster gives, and leaves nothing behind in $TMPDIR, also
# when dalgen is killed by SIGTERM in the middle of a run.
# Skips (77) without PostgreSQL's server binaries (exit 1 under CI=true).
set -u
dalgen=$1 dir=$2
bindir=$( (pg_config --bindir) 2>/dev/null)
if [ ! -x "$bindir/initdb" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "no PostgreSQL server binaries"; [ "${CI:-}" = true ] && exit 1; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/t"
chmod 755 "$tmp" "$tmp/t"   # the cluster may run as nobody
cd "$dir" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
TMPDIR=$tmp/t "$dalgen" schema --engine postgresql --pg-server auto cases/features.sql > "$tmp/a.json" \
  || fail "schema --pg-server auto"
DALGEN_PG_SERVER=postgresql:// "$dalgen" schema --engine postgresql cases/features.sql > "$tmp/b.json" \
  || fail "schema on the test cluster"
cmp "$tmp/a.json" "$tmp/b.json" || fail "auto and the test cluster give different models"
[ -z "$(ls "$tmp/t")" ] || fail "left behind: $(ls "$tmp/t")"

# killed while a statement runs: the watchdog stops the server, removes the folder
printf 'CREATE TABLE a (id int);\nSELECT pg_sleep(60);\n' > "$tmp/slow.sql"
TMPDIR=$tmp/t "$dalgen" schema --engine postgresql --pg-server auto "$tmp/slow.sql" > /dev/null 2>&1 &
pid=$!
n=0
until [ -S "$(ls -d "$tmp"/t/dalgen-pg-* 2>/dev/null | head -n 1)/.s.PGSQL.5432" ]; do
  n=$((n + 1)); [ $n -gt 300 ] && fail "the cluster did not start"; sleep 0.1
done
sleep 1
kill -TERM $pid
wait $pid
n=0
while [ -n "$(ls "$tmp/t")" ]; do
  n=$((n + 1)); [ $n -gt 300 ] && fail "left behind after SIGTERM: $(ls "$tmp/t")"; sleep 0.1
done
echo ok
