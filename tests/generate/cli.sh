#!/bin/sh
# `dalgen generate` on the command line: usage errors (exit 2), input errors
# (exit 1, path:line:col, nothing written), --templates overriding built-ins,
# and template errors reported as template:line:col.
#   cli.sh DALGEN WORKDIR [CLI_SOURCE_DIR]
set -u
dalgen=$1 work=$2 cli_src=${3:-}
rm -rf "$work" && mkdir -p "$work/tmpl" "$work/bad"
fail() { echo "FAILED: $*"; exit 1; }
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);\n' > "$work/ok.sql"
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY,\n  v TEXT,\n  w NOPE(\n);\n' > "$work/bad.sql"

"$dalgen" generate "$work/ok.sql" --out "$work/o1" 2>"$work/err"; rc=$?
[ $rc -eq 2 ] || fail "missing --prefix: exit $rc, want 2"
grep -q -- '--prefix' "$work/err" || fail "missing --prefix: no message"
"$dalgen" generate "$work/ok.sql" --prefix 9x --out "$work/o1" 2>/dev/null; rc=$?
[ $rc -eq 2 ] || fail "bad prefix: exit $rc, want 2"
"$dalgen" generate "$work/ok.sql" --prefix p --out "$work/o1" --bogus 2>/dev/null; rc=$?
[ $rc -eq 2 ] || fail "unknown option: exit $rc, want 2"
[ -e "$work/o1" ] && fail "usage error created the output folder"

"$dalgen" generate "$work/bad.sql" --prefix p --out "$work/o2" 2>"$work/err"; rc=$?
[ $rc -eq 1 ] || fail "bad schema: exit $rc, want 1"
grep -Eq 'bad\.sql:[0-9]+:[0-9]+: error: ' "$work/err" || fail "bad schema: no path:line:col ($(cat "$work/err"))"
[ -e "$work/o2/p.h" ] && fail "bad schema: p.h written"

# record annotations that do not fit their column: errors at the annotation
printf 'CREATE TABLE r (\n  id INTEGER PRIMARY KEY, -- @id uuidv7\n  v TEXT, -- @version\n  t TEXT -- @timestamp later\n);\n' > "$work/rec.sql"
"$dalgen" generate "$work/rec.sql" --prefix p --out "$work/o6" 2>"$work/err"; rc=$?
[ $rc -eq 1 ] || fail "bad record annotations: exit $rc, want 1"
grep -q 'rec\.sql:2:27: error: @id on r.id: only a TEXT primary key' "$work/err" || fail "@id: $(cat "$work/err")"
grep -q 'rec\.sql:3:11: error: @version on r.v: only an INTEGER' "$work/err" || fail "@version: $(cat "$work/err")"
grep -q 'rec\.sql:4:10: error: @timestamp later: expected created or updated' "$work/err" || fail "@timestamp: $(cat "$work/err")"
[ -e "$work/o6" ] && fail "bad record annotations: output written"

# with queries, the tables' part is built while the queries are typed: its
# errors are still reported (once) when the queries are fine, and only the
# queries' errors when they are not (as when one ran after the other)
printf -- '-- name: GetR :one\nSELECT * FROM r WHERE t = ?;\n' > "$work/rq.sql"
"$dalgen" generate "$work/rec.sql" --queries "$work/rq.sql" --prefix p --out "$work/o7" 2>"$work/err"; rc=$?
[ $rc -eq 1 ] || fail "bad record annotations with queries: exit $rc, want 1"
[ "$(grep -c 'rec\.sql:2:27: error: @id on r.id' "$work/err")" -eq 1 ] || fail "@id with queries: $(cat "$work/err")"
[ "$(grep -c ': error: ' "$work/err")" -eq 3 ] || fail "with queries, want 3 errors: $(cat "$work/err")"
printf -- '-- name: Bad :one\nSELECT nope FROM r;\n' > "$work/rq2.sql"
"$dalgen" generate "$work/rec.sql" --queries "$work/rq2.sql" --prefix p --out "$work/o7" 2>"$work/err"; rc=$?
[ $rc -eq 1 ] || fail "bad query: exit $rc, want 1"
grep -q 'rq2\.sql:[0-9]*:[0-9]*: error: ' "$work/err" || fail "bad query: $(cat "$work/err")"
grep -q '@id on r.id' "$work/err" && fail "bad query: the tables' errors reported too: $(cat "$work/err")"
[ -e "$work/o7" ] && fail "errors with queries: output written"

# --no-singularize keeps table names as they are
printf 'CREATE TABLE users (id INTEGER PRIMARY KEY);\n' > "$work/users.sql"
"$dalgen" generate "$work/users.sql" --prefix p --out "$work/o5" || fail "users: exit $?"
grep -q 'struct p_user {' "$work/o5/p.h" || fail "users: not singular"
"$dalgen" generate "$work/users.sql" --prefix p --out "$work/o5" --no-singularize || fail "no-singularize: exit $?"
grep -q 'struct p_users {' "$work/o5/p.h" || fail "--no-singularize ignored"

# a folder that overrides one built-in template
printf '{{! override }}\n/* custom section for {{name}} */\nstruct {{struct}} { int custom; };\n' > "$work/tmpl/table_h.tmpl"
"$dalgen" generate "$work/ok.sql" --prefix p --out "$work/o3" --templates "$work/tmpl" || fail "override: exit $?"
grep -q '/\* custom section for t \*/' "$work/o3/p.h" || fail "override not used"
grep -q '^#ifndef P_H' "$work/o3/p.h" || fail "override replaced more than table_h"
grep -q 'int p_t_insert' "$work/o3/p.c" || fail "override changed the source"

# a broken template: error at its line and column, nothing written
printf 'line one\n  {{#tables}}\n' > "$work/bad/header.tmpl"
"$dalgen" generate "$work/ok.sql" --prefix p --out "$work/o4" --templates "$work/bad" 2>"$work/err"; rc=$?
[ $rc -eq 1 ] || fail "broken template: exit $rc, want 1"
grep -q "bad/header.tmpl:2:3: error: section {{#tables}} is never closed" "$work/err" || fail "broken template: $(cat "$work/err")"
[ -e "$work/o4/p.c" ] && fail "broken template: p.c written"
# a database built from the schema generates the same code (banner aside)
if command -v sqlite3 >/dev/null 2>&1; then
  printf 'CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT NOT NULL DEFAULT (lower(\047X\047)), w BLOB);\nCREATE INDEX a_v ON a (v);\n' > "$work/a.sql"
  sqlite3 "$work/a.db" < "$work/a.sql" || fail "sqlite3"
  "$dalgen" generate "$work/a.sql" --prefix p --out "$work/o6" || fail "a.sql: exit $?"
  "$dalgen" generate "$work/a.db" --prefix p --out "$work/o7" || fail "a.db: exit $?"
  for f in p.h p.c; do
    tail -n +4 "$work/o6/$f" > "$work/o6/$f.body"
    tail -n +4 "$work/o7/$f" > "$work/o7/$f.body"
    cmp -s "$work/o6/$f.body" "$work/o7/$f.body" || fail "$f differs between a.sql and a.db"
  done
  grep -q 'a.db' "$work/o7/p.h" || fail "banner does not name a.db"
fi

# every command answers --help on stdout with exit 0
for c in generate schema check diff migrate erd api-diff; do
  "$dalgen" "$c" --help > "$work/help" 2>&1 || fail "$c --help: exit $?"
  grep -q "^usage: dalgen $c" "$work/help" || fail "$c --help: $(head -1 "$work/help")"
done
# an empty schema: queries over no table generate (with a note); nothing at
# all to generate is an error
: > "$work/empty.sql"
printf -- '-- name: One :one\nSELECT 1 AS one;\n' > "$work/one.sql"
"$dalgen" generate "$work/empty.sql" --queries "$work/one.sql" --prefix e --out "$work/oe" 2>"$work/err" ||
  fail "empty schema with queries: exit $?"
grep -q 'note: the schema has no tables or views' "$work/err" || fail "empty schema: no note"
grep -q 'int e_one(dal_db \*db, int64_t \*out);' "$work/oe/e.h" || fail "empty schema: no e_one"
"$dalgen" generate "$work/empty.sql" --prefix e --out "$work/oe2" 2>"$work/err"; rc=$?
[ $rc -eq 1 ] || fail "empty schema without queries: exit $rc, want 1"
grep -q 'error: the schema is empty' "$work/err" || fail "empty schema without queries: no error"
# every option the command line parses (generator/cli/*.c) is in a --help
"$dalgen" --help > "$work/help.all" || fail "dalgen --help: exit $?"
for c in generate schema check diff migrate erd api-diff; do "$dalgen" "$c" --help >> "$work/help.all"; done
if [ -n "$cli_src" ]; then
  for opt in $(grep -oh '"--[a-z][a-z-]*"' "$cli_src"/*.c | tr -d '"' | sort -u); do
    grep -q -- "$opt\b" "$work/help.all" || fail "no --help names $opt"
  done
fi
grep -q 'migrate  hash' "$work/help.all" || fail "dalgen --help does not name migrate hash"
# --dump-view prints the view model as JSON and writes nothing
"$dalgen" generate "$work/ok.sql" --prefix p --out "$work/o8" --dump-view > "$work/view.json" || fail "--dump-view: exit $?"
[ -e "$work/o8" ] && fail "--dump-view wrote the output folder"
python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); assert v["prefix"] == "p" and v["tables"][0]["name"] == "t"' \
  "$work/view.json" || fail "--dump-view: not the view model"
echo "ok"
