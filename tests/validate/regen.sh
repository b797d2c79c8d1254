#!/bin/sh
# Regenerates every expected file of the validate tests from a build folder:
#   tests/validate/regen.sh BUILD_DIR [CORPUS_DIR]
# Read the diff (git diff tests/validate) before committing it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: regen.sh BUILD_DIR [CORPUS_DIR]}
corpus=${2:-$here/../../../shared/corpus}
cmake --build "$build" --target validate_corpus validate_vgen dalgen
mkdir -p "$here/rules/expected"
"$build/tests/validate/validate_vgen" "$here/rules/schema.sql" acct "$here/rules/expected"
"$build/tests/validate/validate_corpus" "$corpus" sakila/sqlite-sakila-schema.sql \
    mozilla-places/create_shared_schema.sql mozilla-places/create_v15_db.sql \
    mozilla-places/create_v17_db.sql chinook/Chinook_Sqlite.sql \
    sqlc-examples/booktest/sqlite/schema.sql sqlc-examples/ondeck/sqlite/schema \
    > "$here/corpus_checks.expected"
sh "$here/golden_test.sh" "$build/generator/dalgen" "$here/rules/schema.sql" acct "$here/rules/generated" --update
