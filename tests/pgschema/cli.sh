#!/bin/sh
# cli.sh DALGEN DIR: engine selection without a server: usage errors (2),
# no typing server (1, naming both options; generate and check too, with
# named queries as well: they are typed on the same server).
set -u
dalgen=$1 dir=$2
cd "$dir" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
expect() {   # expect RC STDERR-LINE ARGS...
  want=$1 line=$2; shift 2
  err=$(env -u DALGEN_PG_SERVER "$dalgen" "$@" 2>&1 >/dev/null); rc=$?
  [ $rc -eq "$want" ] || fail "$*: exit $rc, want $want ($err)"
  printf '%s\n' "$err" | grep -qF -- "$line" || fail "$*: stderr: $err"
}
expect 2 "unknown engine 'mysql' (sqlite or postgresql)" schema --engine mysql cases/features.sql
expect 2 "'postgresql:///x' is a PostgreSQL database, but the engine is sqlite" schema --engine sqlite postgresql:///x
expect 2 "must be the only schema source" schema postgresql:///x cases/features.sql
expect 2 "--pg-server, --pg-run-as and --allow-do need --engine postgresql" schema --pg-server auto cases/features.sql
expect 1 "give --pg-server URL (a server where you may CREATE DATABASE) or --pg-server auto" \
  schema --engine postgresql cases/features.sql
expect 1 "give --pg-server URL (a server where you may CREATE DATABASE) or --pg-server auto" \
  generate --engine postgresql cases/features.sql --prefix p --out "${TMPDIR:-/tmp}/dg-never"
expect 1 "give --pg-server URL (a server where you may CREATE DATABASE) or --pg-server auto" \
  check --engine postgresql cases/features.sql --prefix p --out "${TMPDIR:-/tmp}/dg-never"
expect 1 "give --pg-server URL (a server where you may CREATE DATABASE) or --pg-server auto" \
  generate --engine postgresql cases/features.sql --queries q.sql --prefix p --out "${TMPDIR:-/tmp}/dg-never"
[ -e "${TMPDIR:-/tmp}/dg-never" ] && fail "generate wrote something"
echo ok
