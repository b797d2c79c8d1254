#!/bin/sh
# attached.sh DALGEN
# Migrations cover main only: a table of an attached in-memory schema
# (baz.users) is left out of `dalgen diff`, and is not main's table of the
# same name nor a rename of it.  A main users replaced by baz.users is a
# DROP of main's users; adding baz.users beside it changes nothing.
set -u
dalgen=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; cat "$tmp/out" "$tmp/err" 2>/dev/null; exit 1; }
cat > "$tmp/main.sql" <<'SQL'
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
SQL
cat > "$tmp/both.sql" <<'SQL'
ATTACH ':memory:' AS baz;
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE baz.users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE INDEX baz.users_by_name ON users (name);
SQL
cat > "$tmp/moved.sql" <<'SQL'
ATTACH ':memory:' AS baz;
CREATE TABLE baz.users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
SQL
"$dalgen" diff --from "$tmp/main.sql" --to "$tmp/moved.sql" --allow-destructive > "$tmp/out" 2> "$tmp/err" ||
  fail "diff main -> moved"
grep -q '^DROP TABLE "users";' "$tmp/out" || fail "main's users is not dropped"
grep -q 'CREATE' "$tmp/out" && fail "baz.users is created by a migration"
"$dalgen" diff --from "$tmp/moved.sql" --to "$tmp/main.sql" > "$tmp/out" 2> "$tmp/err" || fail "diff moved -> main"
grep -q '^CREATE TABLE users' "$tmp/out" || fail "main's users is not created"
"$dalgen" diff --from "$tmp/main.sql" --to "$tmp/both.sql" > "$tmp/out" 2> "$tmp/err" || fail "diff main -> both"
[ ! -s "$tmp/out" ] || fail "baz.users beside main's users changes the plan"
"$dalgen" diff --from "$tmp/both.sql" --to "$tmp/main.sql" > "$tmp/out" 2> "$tmp/err" || fail "diff both -> main"
[ ! -s "$tmp/out" ] || fail "dropping baz.users changes the plan"
echo "attached schemas are left out of migrations"
