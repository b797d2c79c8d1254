#!/bin/sh
# Compares validate_corpus's listing with corpus_checks.expected.
#   corpus_test.sh TOOL CORPUS_DIR EXPECTED     (exit 77: no corpus)
tool=$1 corpus=$2 expected=$3
[ -d "$corpus" ] || exit 77
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
"$tool" "$corpus" sakila/sqlite-sakila-schema.sql mozilla-places/create_shared_schema.sql \
    mozilla-places/create_v15_db.sql mozilla-places/create_v17_db.sql chinook/Chinook_Sqlite.sql \
    sqlc-examples/booktest/sqlite/schema.sql sqlc-examples/ondeck/sqlite/schema > "$out"
rc=$?
[ $rc -eq 0 ] || { echo "validate_corpus failed ($rc)"; exit 1; }
diff -u "$expected" "$out"
