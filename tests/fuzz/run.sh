#!/bin/sh
# fuzz.*: runs one harness on seeds made from the test inputs plus the
# checked-in regressions (tests/fuzz/regressions/KIND), with a fixed seed.
# usage: run.sh HARNESS KIND TESTS_DIR SCRATCH [libFuzzer-style flags...]
#   KIND: ddl (schema files), query (query files), diff (old ---- new pairs),
#         pg (PostgreSQL DDL, query and view files of tests/pg*),
#         tmpl (templates/c, "main ---- partial"), config (the config files
#         of tests/config), mig (migrations folders as "== NAME" sections),
#         split (migration scripts)
#   tests/fuzz/seeds/KIND, when it exists, adds hand-written seeds.
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
tmpl)
    printf -- '----\n' > "$T/sep"
    for f in "$TESTS"/../templates/c/*.tmpl; do [ -f "$f" ] && seed "$f"; done
    seed "$TESTS"/../templates/c/header.tmpl "$T/sep" "$TESTS"/../templates/c/table_h.tmpl ;;
config)
    for f in "$TESTS"/config/*/dalgen.yaml "$TESTS"/config/*/*/sqlc.yaml "$TESTS"/config/*/*/sqlc.json; do
        [ -f "$f" ] && seed "$f"
    done ;;
mig)
    # a folder as the harness reads it: "== NAME" then the file, for each file
    folder() {
        : > "$T/folder"
        for f in "$1"/*; do
            [ -f "$f" ] && { printf '== %s\n' "${f##*/}"; cat "$f"; } >> "$T/folder"
        done
        seed "$T/folder"
    }
    for d in "$TESTS"/migrate/embedded/migrations "$TESTS"/pgmigrate/mig "$TESTS"/pgmigrate/gen/mig; do
        [ -d "$d" ] && folder "$d"
    done
    for d in "$TESTS"/migrate/cases/*/; do
        [ -f "$d/expected.up.sql" ] || continue
        { printf '== 0001_init.up.sql\n'; cat "$d/old.sql"; printf '== 0002_next.up.sql\n'
          cat "$d/expected.up.sql"; printf '== 0002_next.down.sql\n'; cat "$d/expected.down.sql"; } > "$T/folder"
        seed "$T/folder"
    done ;;
split)
    for f in "$TESTS"/migrate/cases/*/expected.*.sql "$TESTS"/migrate/embedded/migrations/*.sql \
             "$TESTS"/pgmigrate/mig/*.sql "$TESTS"/schema/cases/*.sql; do
        [ -f "$f" ] && seed "$f"
    done ;;
*) echo "unknown kind $KIND"; exit 2 ;;
esac
[ -d "$TESTS/fuzz/seeds/$KIND" ] && for f in "$TESTS/fuzz/seeds/$KIND"/*; do [ -f "$f" ] && seed "$f"; done
REG=$TESTS/fuzz/regressions/$KIND
[ -d "$REG" ] || REG=   # a kind with no regression yet
cd "$T" || exit 1
# libFuzzer adds what it finds to the first folder (new/), never to the sources;
# -max_len lets it grow inputs to the size of real schema files (its default
# is the largest seed's size, often a few hundred bytes). The driver ignores it.
exec "$EXE" -max_len=16384 "$@" new seeds ${REG:+"$REG"}
