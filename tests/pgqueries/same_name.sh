#!/bin/sh
# Two tables of the same name in two schemas (users, baz.users: sqlc's
# sqlc_embed case) would get the same C names and the code would not
# compile: generate refuses them with an error located at the second
# CREATE TABLE, writing nothing.  Run by ctest with the test cluster's
# environment.
#   same_name.sh DALGEN
set -eu
dalgen=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/schema.sql" <<'SQL'
CREATE SCHEMA baz;
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);

CREATE TABLE baz.users (
  id integer PRIMARY KEY
);
SQL
rc=0
"$dalgen" generate --engine postgresql "$tmp/schema.sql" --pg-server postgresql:// --prefix q --out "$tmp/out" \
  2> "$tmp/err" || rc=$?
[ $rc -eq 1 ] || { echo "FAIL: exit $rc, want 1"; cat "$tmp/err"; exit 1; }
grep -q 'schema.sql:4:1: error: tables baz.users and public.users have the same name' "$tmp/err" ||
  { echo "FAIL: no error located at baz.users"; cat "$tmp/err"; exit 1; }
[ ! -e "$tmp/out/q.c" ] || { echo "FAIL: code written"; exit 1; }
echo "same-named tables in two schemas: located error, nothing written"
