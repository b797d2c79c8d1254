#!/bin/sh
# dump_public.sh DALGEN: `pg_dump -n public` writes CREATE SCHEMA public;
# psql, restoring it into a new database, prints "already exists" and goes
# on.  dalgen loads such a dump (the typing database's own empty public is
# dropped first); once something is in public the CREATE is the server's
# located error, as before.
set -u
dalgen=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DALGEN_PG_SERVER=postgresql://
cat > "$tmp/dump.sql" <<'SQL'
SELECT pg_catalog.set_config('search_path', '', false);
CREATE SCHEMA public;
ALTER SCHEMA public OWNER TO pg_database_owner;
COMMENT ON SCHEMA public IS 'standard public schema';
CREATE TABLE public.bins (id bigint PRIMARY KEY, label text NOT NULL);
SQL
out=$("$dalgen" schema --engine postgresql "$tmp/dump.sql" 2>"$tmp/err") \
  || { echo "FAIL: the dump: exit $?"; cat "$tmp/err"; exit 1; }
printf '%s\n' "$out" | grep -q '"name": "bins"' || { echo "FAIL: no table bins"; exit 1; }
cat > "$tmp/late.sql" <<'SQL'
CREATE TABLE bins (id bigint PRIMARY KEY);
CREATE SCHEMA public;
SQL
"$dalgen" schema --engine postgresql "$tmp/late.sql" > /dev/null 2>"$tmp/err2" && { echo "FAIL: accepted"; exit 1; }
grep -q 'late.sql:2:1: error: schema "public" already exists' "$tmp/err2" || { echo "FAIL: error:"; cat "$tmp/err2"; exit 1; }
echo ok
