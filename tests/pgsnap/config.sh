#!/bin/sh
# The typing snapshot of a config file's run (dalgen.yaml with engine
# postgresql and an override), run by ctest with the test cluster's
# environment: typed on the server (DALGEN_PG_SERVER), then read without
# one (same bytes), then a changed override is a located error without a
# server; --pg-server works with the config's engine (and is refused with a
# SQLite config).
#   config.sh DALGEN EXAMPLE_DIR
set -u
dalgen=$1 ex=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cp "$ex/schema.sql" "$ex/query.sql" "$tmp/"
cd "$tmp" || exit 1
cat > dalgen.yaml <<'YAML'
version: 1
engine: postgresql
schema: [schema.sql]
queries: [query.sql]
prefix: bt
out: gen
overrides:
  - column: books.year
    c_type: int64
YAML
offline() { env -u DALGEN_PG_SERVER PGHOST=/nonexistent PGPORT=1 "$dalgen" "$@" 2> "$tmp/err"; }
DALGEN_PG_SERVER=postgresql:// "$dalgen" generate || fail "generate with a server"
grep -q 'int64_t *year;' gen/bt.h || fail "the override did not apply"
cp -r gen gen0 && rm gen/bt.c gen/bt.h
offline generate || { cat "$tmp/err"; fail "generate from the snapshot"; }
diff -r gen0 gen || fail "the run from the snapshot differs"
sed 's/c_type: int64/c_type: double/' dalgen.yaml > y && mv y dalgen.yaml
offline check && fail "check with a changed override without a server succeeded"
grep -q "^dalgen.yaml:8:5: error: the config's overrides changed since the typing snapshot gen/bt.pgtypes.json" \
  "$tmp/err" || { cat "$tmp/err"; fail "no located error for the changed override"; }
diff -r gen0 gen || fail "a stale run wrote something"
# --pg-server with a config whose engine is postgresql (no --engine needed)
env -u DALGEN_PG_SERVER "$dalgen" generate --pg-server postgresql:// || fail "generate after the change, with --pg-server"
grep -q 'double *year;' gen/bt.h || fail "the new override did not apply"
offline check || { cat "$tmp/err"; fail "check from the new snapshot"; }
# --pg-server with a config whose jobs are all SQLite: a usage error
mkdir lite && printf 'version: 1\nschema: [s.sql]\nprefix: x\nout: g\n' > lite/dalgen.yaml
echo "CREATE TABLE t (id INTEGER PRIMARY KEY);" > lite/s.sql
(cd lite && "$dalgen" generate --pg-server postgresql:// 2> err; [ $? -eq 2 ]) || fail "--pg-server on a SQLite config"
grep -q "need --engine postgresql" lite/err || fail "no usage error for --pg-server on a SQLite config"
echo ok
