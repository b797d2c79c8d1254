#!/bin/sh
# later_syntax.sh DALGEN
# SQL that dalgen's parser reads but the SQLite that checks (and will run) the
# queries does not, as an aggregate's ORDER BY before SQLite 3.44 (sqlc's
# group_concat case): the error is located at the token SQLite names and says
# which SQLite refused it.  A statement dalgen's parser refuses too gets no such
# hint.  With SQLite 3.44 or later the query generates.
set -u
dalgen=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
printf 'CREATE TABLE book (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n' > schema.sql
printf -- '-- name: Names :one\nSELECT group_concat(name ORDER BY id) FROM book;\n' > queries.sql
"$dalgen" generate schema.sql --queries queries.sql --prefix p --out gen 2> err.txt
rc=$?
if [ $rc -eq 0 ]; then
  grep -q 'ORDER BY id' gen/p.c || { echo "FAIL: generated without the query"; exit 1; }
  echo "SQLite knows aggregate ORDER BY: generated"
  exit 0
fi
[ $rc -eq 1 ] || { echo "FAIL: exit $rc"; cat err.txt; exit 1; }
want='^queries\.sql:2:26: error: near "ORDER": syntax error \(dalgen reads it, but SQLite [0-9]+\.[0-9]+\.[0-9]+, which checks and runs the queries, does not: the syntax of a later SQLite\?\)$'
grep -Eq "$want" err.txt || { echo "FAIL: unexpected message:"; cat err.txt; exit 1; }
[ ! -e gen/p.c ] || { echo "FAIL: p.c written"; exit 1; }
printf -- '-- name: Bad :one\nSELECT name FROM book WHERE;\n' > queries.sql
"$dalgen" generate schema.sql --queries queries.sql --prefix p --out gen 2> err.txt
[ $? -eq 1 ] || { echo "FAIL: a malformed query generated"; exit 1; }
grep -q 'syntax error' err.txt || { echo "FAIL: no syntax error:"; cat err.txt; exit 1; }
if grep -q 'later SQLite' err.txt; then echo "FAIL: the hint on SQL dalgen refuses too:"; cat err.txt; exit 1; fi
echo ok
