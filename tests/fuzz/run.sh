#!/bin/sh
# fuzz.*: runs one harness on seeds made from the test inputs plus the
# checked-in regressions (tests/fuzz/regressions/KIND), with a fixed seed.
# usage: run.sh HARNESS KIND TESTS_DIR SCRATCH [libFuzzer-style flags...]
#   KIND: ddl (schema files), query (query files), diff (old ---- new pairs),
#         pg (PostgreSQL DDL, query and view files of tests/pg*)
set -u
EXE=$1 KIND=$2 TESTS=$3 T=$4
shift 4
rm -rf "$T" && mkdir -p "$T/seeds" "$T/new" || exit 1
n=0
seed() { n=$((n + 1)); cat "$@" > "$T/seeds/$KIND-$n"; }
case $KIND in
ddl)
    for f in "$TESTS"/schema/cases/*.sql "$TESTS"/migrate/cases/*/new.sql "$TESTS"/queries/cases/*/schema.sql; do
        [ -f "$f" ] && seed "$f"
    done ;;
query)
    for f in "$TESTS"/queries/cases/*/queries.sql; do [ -f "$f" ] && seed "$f"; done ;;
diff)
    printf -- '----\n' > "$T/sep"
    for d in "$TESTS"/migrate/cases/*/; do
        [ -f "$d/old.sql" ] && [ -f "$d/new.sql" ] && seed "$d/old.sql" "$T/sep" "$d/new.sql"
    done ;;
pg)
    for f in "$TESTS"/pg*/*.sql "$TESTS"/pg*/*/*.sql "$TESTS"/pg*/*/*/*.sql "$TESTS"/pg*/*/*/*/*.sql; do
        [ -f "$f" ] && seed "$f"
    done ;;
*) echo "unknown kind $KIND"; exit 2 ;;
esac
cd "$T" || exit 1
# libFuzzer adds what it finds to the first folder (new/), never to the sources;
# -max_len lets it grow inputs to the size of real schema files (its default
# is the largest seed's size, often a few hundred bytes). The driver ignores it.
exec "$EXE" -max_len=16384 "$@" new seeds "$TESTS/fuzz/regressions/$KIND"
