#!/bin/sh
# Runs a command through PgBouncer in transaction-pooling mode in front of
# the private cluster (tests/pg; run under tests/pg/run.sh): PGHOST/PGPORT
# point at PgBouncer, DALGEN_PG_DIRECT_HOST/PORT at the server.
#   pgbouncer.sh [--rotate] COMMAND [ARG...]
# --rotate: two server connections kept open and taken in turn (FIFO), so
# that consecutive transactions of one client run on different ones, as on
# a busy pooler (PgBouncer's default, last released first reused, gives a
# lone client the same connection every time and hides a named statement's
# loss; pgrt.pgbouncer.pooler arranges it with two clients instead).
# PgBouncer is stopped and its folder removed when the command ends, and by
# tests/pg/watchdog.sh if this script is killed.
# No pgbouncer installed: exit 77 (skipped), or 1 when CI=true.
set -eu
bin=$(command -v pgbouncer || ls /usr/sbin/pgbouncer 2>/dev/null || true)
if [ -z "$bin" ]; then
  echo "no pgbouncer: apt install pgbouncer (scripts/setup-debian.sh)"
  [ "${CI:-}" = true ] && exit 1
  exit 77
fi
if [ "${1:-}" = --stop ]; then   # --stop DIR: stop DIR's PgBouncer, remove DIR (tests/pg/watchdog.sh)
  [ -f "$2/pgbouncer.pid" ] && kill "$(cat "$2/pgbouncer.pid")" 2>/dev/null || true
  sleep 0.2
  rm -rf "$2"
  exit 0
fi
rotate=""
if [ "${1:-}" = --rotate ]; then
  rotate="server_round_robin = 1
min_pool_size = 2"
  shift
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/dalgen-bouncer.XXXXXX")
chmod 777 "$dir"
port=$((6400 + $$ % 1000))
echo "\"$PGUSER\" \"\"" > "$dir/users.txt"
cat > "$dir/pgbouncer.ini" <<INI
[databases]
* = host=$PGHOST port=$PGPORT
[pgbouncer]
listen_addr =
listen_port = $port
unix_socket_dir = $dir
auth_type = trust
auth_file = $dir/users.txt
pool_mode = transaction
default_pool_size = 2
$rotate
max_client_conn = 100
ignore_startup_parameters = options
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
chmod 644 "$dir"/*
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}
cleanup() { sh "$0" --stop "$dir"; }
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
( setsid sh "$(dirname "$0")/../pg/watchdog.sh" $$ sh "$0" --stop "$dir" < /dev/null > /dev/null 2>&1 & )
as_owner "$bin" -d "$dir/pgbouncer.ini"
i=0
while [ ! -S "$dir/.s.PGSQL.$port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
export DALGEN_PG_DIRECT_HOST=$PGHOST DALGEN_PG_DIRECT_PORT=$PGPORT PGHOST=$dir PGPORT=$port
"$@"
