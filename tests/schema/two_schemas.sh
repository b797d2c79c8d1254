#!/bin/sh
# two_schemas.sh DALGEN SCHEMA
# A table name in main and in an attached schema (users, baz.users), with an
# index name in both: `schema --json` keys them by (schema, name) - each
# table its own columns, each index its table's schema - and `schema --sql`
# writes the ATTACH and the qualified names back, which load to the same
# model (JSON without locations).
set -u
dalgen=$1 schema=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$dalgen" schema "$schema" --no-locations > "$tmp/a.json" 2>/dev/null || fail "schema --json"
python3 - "$tmp/a.json" <<'PY' || fail "the model"
import json, sys
d = json.load(open(sys.argv[1]))
tables = {(t.get("schema"), t["name"]): [c["name"] for c in t["columns"]] for t in d["tables"]}
assert tables[(None, "users")] == ["id", "name", "age"], tables
assert tables[("baz", "users")] == ["id", "name", "nick"], tables
ix = {(i.get("schema"), i["name"]): (i["table"], i["columns"]) for i in d["indexes"]}
assert ix[(None, "users_by_key")] == ("users", ["age"]), ix
assert ix[("baz", "users_by_key")] == ("users", ["name"]), ix
PY
"$dalgen" schema "$schema" --sql > "$tmp/model.sql" 2>/dev/null || fail "schema --sql"
grep -q '^CREATE TABLE "baz"."users"' "$tmp/model.sql" || fail "no baz.users in --sql"
grep -q '^CREATE INDEX "baz"."users_by_key" ON "users"' "$tmp/model.sql" || fail "no baz.users_by_key in --sql"
"$dalgen" schema "$tmp/model.sql" --no-locations > "$tmp/b.json" 2>/dev/null || fail "loading the --sql output"
diff -u "$tmp/a.json" "$tmp/b.json" || fail "--sql round trip changed the model"
echo "two schemas: --json keyed by schema, --sql round trip"
