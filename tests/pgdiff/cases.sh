#!/bin/sh
# pgdiff.cases: each folder of tests/pgdiff/cases holds old.sql, new.sql and
# the plans `dalgen diff --engine postgresql --allow-destructive` must print
# (expected.up.sql, and expected.down.sql with --down); dalgen applies both
# to a throwaway database before printing, so a case also checks that they
# reach their schemas.  Then a plan that cannot apply is refused: nothing on
# stdout, exit 1, an error located at the --to file.
# REGEN=1 rewrites the expected files (review the diff before committing).
# usage: cases.sh DALGEN CASES_DIR OUT_DIR
set -u
dalgen=$1 cases=$2 out=$3
mkdir -p "$out"
server="postgresql:///${PGDATABASE:-postgres}"
fail=0
for dir in "$cases"/*/; do
    c=$(basename "$dir")
    for dirn in up down; do
        flag=; [ $dirn = down ] && flag=--down
        if ! "$dalgen" diff --engine postgresql --pg-server "$server" --from "$dir/old.sql" --to "$dir/new.sql" \
                --allow-destructive $flag > "$out/$c.$dirn.sql" 2> "$out/$c.$dirn.err"; then
            echo "FAIL $c $dirn: exit $?"; cat "$out/$c.$dirn.err"; fail=1; continue
        fi
        if [ "${REGEN:-}" = 1 ]; then cp "$out/$c.$dirn.sql" "$dir/expected.$dirn.sql"
        elif ! diff -u "$dir/expected.$dirn.sql" "$out/$c.$dirn.sql"; then echo "FAIL $c $dirn: plan differs"; fail=1
        fi
    done
done
# a table renamed away and its name taken by a new one: each is located at
# its own CREATE (the down plan drops the new one, line 8)
grep -q "history_renames/*new.sql:8:1: warning: \[DROP_TABLE\] table sessions is dropped" "$out/history_renames.down.err" ||
    { echo "FAIL history_renames: the dropped table's location"; cat "$out/history_renames.down.err"; fail=1; }
# a @renamed_from that names nothing of the old schema: a warning at the
# annotation, for a column and for a table (the down plan says nothing)
grep -q "renamed_from_unknown/*new.sql:4:16: warning: \[RENAMED_FROM_UNKNOWN\] column accounts.login: @renamed_from handel names no column" "$out/renamed_from_unknown.up.err" &&
grep -q "renamed_from_unknown/*new.sql:6:1: warning: \[RENAMED_FROM_UNKNOWN\] table public.account_events" "$out/renamed_from_unknown.up.err" &&
! grep -q RENAMED_FROM_UNKNOWN "$out/renamed_from_unknown.down.err" ||
    { echo "FAIL renamed_from_unknown: the warnings"; cat "$out/renamed_from_unknown.up.err"; fail=1; }
# --online (tests/pgdiff/online): the golden plans, then both through the
# runner (`dalgen migrate apply/down` on a new database): the database
# reaches each schema (a diff from it is empty)
on="$cases/../online" mig="$out/online-mig" db=pgdiff_online
rm -rf "$mig" && mkdir -p "$mig"
cp "$on/old.sql" "$mig/0001_init.up.sql"
printf 'DROP TABLE events;\nDROP TABLE users;\nDROP TYPE kind;\n' > "$mig/0001_init.down.sql"
for dirn in up down; do
    flag=; [ $dirn = down ] && flag=--down
    "$dalgen" diff --engine postgresql --pg-server "$server" --from "$on/old.sql" --to "$on/new.sql" --online \
        --allow-destructive $flag > "$mig/0002_online.$dirn.sql" 2> "$out/online.$dirn.err" || { echo "FAIL online $dirn"; fail=1; }
    if [ "${REGEN:-}" = 1 ]; then cp "$mig/0002_online.$dirn.sql" "$on/expected.$dirn.sql"
    elif ! diff -u "$on/expected.$dirn.sql" "$mig/0002_online.$dirn.sql"; then echo "FAIL online $dirn: plan differs"; fail=1
    fi
done
url="postgresql:///$db"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
"$dalgen" migrate hash --dir "$mig" >/dev/null &&
"$dalgen" migrate apply --db "$url" --dir "$mig" >/dev/null &&
"$dalgen" diff --engine postgresql --pg-server "$server" --from "$url" --to "$on/new.sql" --exit-code > "$out/online.again" &&
"$dalgen" migrate down --db "$url" --dir "$mig" --steps 1 >/dev/null &&
"$dalgen" diff --engine postgresql --pg-server "$server" --from "$url" --to "$on/old.sql" --exit-code > "$out/online.back" ||
    { echo "FAIL online through the runner"; cat "$out/online.again" "$out/online.back" 2>/dev/null; fail=1; }
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
# --online is PostgreSQL's
if "$dalgen" diff --from "$on/old.sql" --to "$on/new.sql" --online > /dev/null 2>&1; then echo "FAIL --online on sqlite"; fail=1; fi
# a plan the server refuses (no cast from boolean to date): nothing on
# stdout, exit 1, the error at the --to file
printf 'CREATE TABLE t (id int PRIMARY KEY, v boolean);\n' > "$out/bool.sql"
printf 'CREATE TABLE t (\n  id int PRIMARY KEY, v date);\n' > "$out/date.sql"
"$dalgen" diff --engine postgresql --pg-server "$server" --from "$out/bool.sql" --to "$out/date.sql" \
    --allow-destructive > "$out/refused.sql" 2> "$out/refused.err"
rc=$?
if [ $rc -ne 1 ] || [ -s "$out/refused.sql" ] ||
   ! grep -q "^$out/date.sql:1:1: error: the up plan does not apply: statement 1 .*cannot cast type boolean to date" "$out/refused.err"; then
    echo "FAIL refused: exit $rc"; cat "$out/refused.sql" "$out/refused.err"; fail=1
fi
# counters: rows under serial and identity keys, the up plan switches them,
# the next default key follows the old counter
db=pgdiff_counter url="postgresql:///pgdiff_counter" sc="$cases/serial_identity"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
psql -X -q -v ON_ERROR_STOP=1 -d $db -f "$sc/old.sql" -c "INSERT INTO t (v) SELECT 'x' FROM generate_series(1, 5)" \
    -c "INSERT INTO u (n) SELECT 1 FROM generate_series(1, 7)" -c "INSERT INTO w VALUES (1), (2)" > /dev/null &&
psql -X -q -v ON_ERROR_STOP=1 -1 -d $db -f "$sc/expected.up.sql" > /dev/null &&
got=$(psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "INSERT INTO t (v) VALUES ('y') RETURNING id" \
    -c "INSERT INTO u (n) VALUES (2) RETURNING id" -c "INSERT INTO w DEFAULT VALUES RETURNING id" | tr '\n' ' ')
if [ "$got" != "6 8 3 " ]; then echo "FAIL counters after up: '$got' (want 6 8 3)"; fail=1; fi
psql -X -q -v ON_ERROR_STOP=1 -1 -d $db -f "$sc/expected.down.sql" > /dev/null &&
got=$(psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "INSERT INTO t (v) VALUES ('z') RETURNING id" \
    -c "INSERT INTO u (n) VALUES (3) RETURNING id" | tr '\n' ' ')
if [ "$got" != "7 9 " ]; then echo "FAIL counters after down: '$got' (want 7 9)"; fail=1; fi
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
# sequences kept by name (cases/sequence_by_name): after up, the new
# table's and the newly owned column's next keys follow the old counters
db=pgdiff_seqname sc="$cases/sequence_by_name"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
psql -X -q -v ON_ERROR_STOP=1 -d $db -f "$sc/old.sql" -c "INSERT INTO a (v) SELECT 'x' FROM generate_series(1, 3)" \
    -c "INSERT INTO t DEFAULT VALUES" -c "INSERT INTO t DEFAULT VALUES" > /dev/null &&
psql -X -q -v ON_ERROR_STOP=1 -1 -d $db -f "$sc/expected.up.sql" > /dev/null &&
got=$(psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "INSERT INTO b (v) VALUES ('y') RETURNING id" \
    -c "INSERT INTO t DEFAULT VALUES RETURNING id" | tr '\n' ' ')
if [ "$got" != "4 3 " ]; then echo "FAIL sequences kept by name: '$got' (want 4 3)"; fail=1; fi
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
# inet to text through abbrev() (cases/inet_text): addresses written as
# text come back as written after up and down
db=pgdiff_inet sc="$cases/inet_text" addrs="'10.0.0.1', '::1', '10.1.2.3/8', '192.168.0.0/16'"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
psql -X -q -v ON_ERROR_STOP=1 -d $db -f "$sc/old.sql" \
    -c "INSERT INTO hosts SELECT row_number() OVER (), a, '10.0.0.0/8' FROM unnest(ARRAY[$addrs]) a" > /dev/null &&
psql -X -q -v ON_ERROR_STOP=1 -1 -d $db -f "$sc/expected.up.sql" > /dev/null &&
psql -X -q -v ON_ERROR_STOP=1 -1 -d $db -f "$sc/expected.down.sql" > /dev/null &&
got=$(psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SELECT string_agg(addr || ' ' || net, ',' ORDER BY id) FROM hosts")
want="10.0.0.1 10.0.0.0/8,::1 10.0.0.0/8,10.1.2.3/8 10.0.0.0/8,192.168.0.0/16 10.0.0.0/8"
if [ "$got" != "$want" ]; then echo "FAIL inet to text: '$got' (want '$want')"; fail=1; fi
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
# migrate new --engine postgresql: an empty folder, then two steps, then
# "already at the schema"; the folder applied and reverted by the runner
mn="$out/mnew" db=pgdiff_mnew url="postgresql:///pgdiff_mnew" rc_case="$cases/renames_types"
rm -rf "$mn"
pg="--engine postgresql --pg-server $server"
"$dalgen" migrate new init --dir "$mn" $pg "$rc_case/old.sql" > /dev/null 2>&1 &&
! "$dalgen" migrate new second --dir "$mn" $pg "$rc_case/new.sql" > /dev/null 2> "$out/mnew.err" &&
grep -q "error: \[DOWN_CANNOT_RESTORE\]" "$out/mnew.err" && [ ! -e "$mn/0002_second.up.sql" ] &&
"$dalgen" migrate new second --dir "$mn" $pg "$rc_case/new.sql" --allow-destructive > /dev/null 2>&1 &&
"$dalgen" migrate new third --dir "$mn" $pg "$rc_case/new.sql" 2>&1 | grep -q "already at the schema" &&
[ ! -e "$mn/0003_third.up.sql" ] && grep -q '^-- WARNING: CHECK ((length(title) > 1)) is new to the rows of table books' "$mn/0002_second.up.sql" &&
sed "1,/^$/d" "$mn/0002_second.up.sql" | cmp -s - "$rc_case/expected.up.sql" &&
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" > /dev/null 2>&1 &&
"$dalgen" migrate apply --db "$url" --dir "$mn" > /dev/null &&
"$dalgen" diff $pg --from "$url" --to "$rc_case/new.sql" --exit-code > /dev/null &&
"$dalgen" migrate down --db "$url" --dir "$mn" --steps 1 > /dev/null &&
"$dalgen" diff $pg --from "$url" --to "$rc_case/old.sql" --exit-code > /dev/null ||
    { echo "FAIL migrate new --engine postgresql"; cat "$out/mnew.err"; ls "$mn"; fail=1; }
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
# a lint refusal: DROP_TABLE without --allow
printf 'CREATE TABLE t (id int);\nCREATE TABLE u (id int);\n' > "$out/two.sql"
printf 'CREATE TABLE t (id int);\n' > "$out/one.sql"
"$dalgen" diff --engine postgresql --pg-server "$server" --from "$out/two.sql" --to "$out/one.sql" > "$out/lint.sql" 2> "$out/lint.err"
rc=$?
if [ $rc -ne 1 ] || [ -s "$out/lint.sql" ] || ! grep -q "error: \[DROP_TABLE\] table u is dropped" "$out/lint.err"; then
    echo "FAIL lint refusal: exit $rc"; cat "$out/lint.err"; fail=1
fi
[ $fail = 0 ] && echo "pgdiff.cases: all passed"
exit $fail
