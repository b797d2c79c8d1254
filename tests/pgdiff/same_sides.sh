#!/bin/sh
# pgdiff.same_sides: `dalgen diff --engine postgresql` with the same sources
# on both sides (one folder, one file, `empty`): both sides load at once
# in throwaway databases of one process, which must not take the same
# name.  Each diff exits 0 with an empty plan, and --exit-code says 0.
# usage: same_sides.sh DALGEN OUT_DIR
set -u
dalgen=$1 out=$2
rm -rf "$out" && mkdir -p "$out/dir"
server="postgresql:///${PGDATABASE:-postgres}"
printf 'CREATE TABLE a (id serial PRIMARY KEY, v text);\n' > "$out/dir/0001.sql"
printf 'ALTER TABLE a RENAME TO b;\nCREATE TABLE a (k int);\n' > "$out/dir/0002.sql"
fail=0
for side in "$out/dir" "$out/dir/0001.sql" empty; do
    for flag in "" --down; do
        "$dalgen" diff --engine postgresql --pg-server "$server" --from "$side" --to "$side" $flag --exit-code \
            > "$out/plan.sql" 2> "$out/err"
        rc=$?
        if [ $rc -ne 0 ] || [ -s "$out/plan.sql" ]; then
            echo "FAIL --from $side --to $side $flag: exit $rc"; cat "$out/plan.sql" "$out/err"; fail=1
        fi
    done
done
# no typing database is left behind
left=$(psql -X -At -d "${PGDATABASE:-postgres}" -c "SELECT count(*) FROM pg_database WHERE datname LIKE 'dalgen\_%'")
[ "$left" = 0 ] || { echo "FAIL: $left typing databases left"; fail=1; }
[ $fail = 0 ] && echo "pgdiff.same_sides: 6 diffs of a side with itself, all empty"
exit $fail
