#!/bin/sh
# Runs a command with a streaming standby of the private cluster (tests/pg;
# run under tests/pg/run.sh): `pg_basebackup -R` of the cluster into a
# temporary folder, started as a hot standby on its own socket folder and
# port (as `nobody` when root: PostgreSQL refuses root).  PGHOST/PGPORT keep
# naming the primary; DALGEN_PG_STANDBY_HOST/PORT name the standby.
#   standby.sh COMMAND [ARG...]
# The standby is stopped and removed when the command ends, and by
# tests/pg/watchdog.sh if this script is killed (a ctest timeout's SIGKILL).
# No pg_basebackup: exit 77 (skipped), or 1 when CI=true.
set -eu
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}
bindir=${DALGEN_PG_BIN:-$(pg_config --bindir 2>/dev/null || true)}
# stop DIR: stop the standby of DIR (fast, it holds nothing worth keeping), remove DIR
stop() {
  if [ -f "$1/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$1/data" -m immediate -w -t 20 stop > /dev/null 2>&1 ||
      kill -9 "$(head -n 1 "$1/data/postmaster.pid")" 2>/dev/null || true
  fi
  rm -rf "$1"
}
if [ "${1:-}" = --stop ]; then   # --stop DIR: tests/pg/watchdog.sh's clean-up
  stop "$2"
  exit 0
fi
if [ ! -x "$bindir/pg_basebackup" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "no pg_basebackup/pg_ctl in '$bindir': install postgresql-15"
  [ "${CI:-}" = true ] && exit 1
  exit 77
fi
# a short path: the socket's must stay under 107 bytes
dir=$(mktemp -d "${TMPDIR:-/tmp}/dalgen-standby.XXXXXX")
[ "$(id -u)" = 0 ] && chown nobody "$dir"
chmod 700 "$dir"
port=$((5500 + $$ % 1000))
trap 'stop "$dir"' EXIT
trap 'exit 1' HUP INT TERM
( setsid sh "$(dirname "$0")/../pg/watchdog.sh" $$ sh "$0" --stop "$dir" < /dev/null > /dev/null 2>&1 & )
# the cluster's defaults allow it: wal_level=replica, max_wal_senders=10,
# and initdb -A trust's pg_hba.conf accepts local replication connections
if ! as_owner "$bindir/pg_basebackup" -D "$dir/data" -R -X stream --checkpoint=fast --no-sync \
     > "$dir/basebackup.log" 2>&1; then
  cat "$dir/basebackup.log"; exit 1
fi
# a hot standby refuses lower limits than the primary's (cluster.sh sets some)
limits=$("$bindir/psql" -XAtc "SELECT string_agg('-c ' || name || '=' || setting, ' ') FROM pg_settings
  WHERE name IN ('max_connections', 'max_locks_per_transaction', 'max_worker_processes',
                 'max_wal_senders', 'max_prepared_transactions')" postgres)
if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 -o "-k $dir -p $port \
     -c listen_addresses='' -c hot_standby=on -c fsync=off $limits" start > /dev/null; then
  cat "$dir/log"; exit 1
fi
i=0
until [ "$("$bindir/psql" -h "$dir" -p "$port" -d postgres -XAtc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ]; do
  i=$((i + 1))
  if [ $i -ge 100 ]; then echo "the standby is not in recovery after 10 s:"; cat "$dir/log"; exit 1; fi
  sleep 0.1
done
export DALGEN_PG_STANDBY_HOST=$dir DALGEN_PG_STANDBY_PORT=$port
"$@"
