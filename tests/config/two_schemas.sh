#!/bin/sh
# two_schemas.sh DALGEN SCHEMA
# A column override names a table of another schema as schema.table.column
# (baz.users.nick): it changes that table's field only, not main's users;
# a bare table name (users.name) means main's.
set -u
dalgen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") schema=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; cat "$tmp/err" 2>/dev/null; exit 1; }
cp "$schema" "$tmp/schema.sql"
cat > "$tmp/dalgen.yaml" <<'YAML'
version: 1
schema: [schema.sql]
prefix: q
out: gen
overrides:
  - column: baz.users.nick
    name: nickname
  - column: users.name
    name: full_name
YAML
(cd "$tmp" && "$dalgen" generate) 2> "$tmp/err" || fail "generate"
h=$tmp/gen/q.h
awk '/^struct q_baz_user \{/,/^\};/' "$h" > "$tmp/baz"
awk '/^struct q_user \{/,/^\};/' "$h" > "$tmp/main"
grep -q 'nickname;' "$tmp/baz" || fail "baz.users.nick is not nickname"
grep -q '\*name;' "$tmp/baz" || fail "baz.users.name changed"
grep -q 'full_name;' "$tmp/main" || fail "users.name is not full_name"
grep -q 'nickname' "$tmp/main" && fail "main's users got baz's override"
echo "overrides of schema.table.column"
