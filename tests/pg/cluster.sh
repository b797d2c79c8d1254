#!/bin/sh
# A private PostgreSQL cluster for the tests that need a server.
#   cluster.sh start DIR   initdb into a new folder under $TMPDIR (as `nobody`
#                          when run as root: PostgreSQL refuses root), start
#                          postgres on a unix socket there (no TCP, fsync off),
#                          and write DIR/env: PGHOST, PGPORT, PGUSER, PGDATABASE;
#                          with DALGEN_PG_TCP_PORT=N it also listens on
#                          127.0.0.1:N (PGPORT=N; PGHOST=127.0.0.1 then goes
#                          through TCP loopback: bench/README.md, W1/W6/W7)
#   cluster.sh stop DIR    stop it and remove its folder
# No PostgreSQL server installed: exit 77 (skipped), or 1 when CI=true (a
# skipped PostgreSQL suite must fail CI).
set -eu
cmd=$1 dir=$2
mkdir -p "$dir"
bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
  bindir=$(pg_config --bindir)
fi
if [ -z "$bindir" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}
case $cmd in
start)
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
    echo "no PostgreSQL server (initdb, pg_ctl) found: install postgresql-15"
    [ "${CI:-}" = true ] && exit 1
    exit 77
  fi
  [ -f "$dir/env" ] && sh "$0" stop "$dir"
  # a short path: the socket's must stay under 107 bytes
  root=$(mktemp -d "${TMPDIR:-/tmp}/dalgen-pg.XXXXXX")
  [ "$(id -u)" = 0 ] && chown nobody "$root"
  chmod 700 "$root"
  if ! as_owner "$bindir/initdb" -D "$root/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
       > "$root/initdb.log" 2>&1; then
    cat "$root/initdb.log"; rm -rf "$root"; exit 1
  fi
  port=5432 listen="''"
  if [ -n "${DALGEN_PG_TCP_PORT:-}" ]; then port=$DALGEN_PG_TCP_PORT listen=127.0.0.1; fi
  if ! as_owner "$bindir/pg_ctl" -D "$root/data" -l "$root/log" -w -t 60 -o "-k $root -p $port -c listen_addresses=$listen \
       -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_locks_per_transaction=1024 \
       -c max_connections=100" start > /dev/null; then
    cat "$root/log"; rm -rf "$root"; exit 1
  fi
  printf 'PGHOST=%s\nPGPORT=%s\nPGUSER=postgres\nPGDATABASE=postgres\nDALGEN_PG_ROOT=%s\nDALGEN_PG_BIN=%s\n' \
    "$root" "$port" "$root" "$bindir" > "$dir/env"
  echo "PostgreSQL $("$bindir/postgres" --version | sed 's/.* //') on $root"
  ;;
stop)
  [ -f "$dir/env" ] || exit 0
  root=$(sed -n 's/^DALGEN_PG_ROOT=//p' "$dir/env")
  as_owner "$bindir/pg_ctl" -D "$root/data" -m fast -w stop > /dev/null 2>&1 || true
  rm -rf "$root" "$dir/env"
  ;;
*) echo "usage: cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
