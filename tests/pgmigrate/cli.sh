#!/bin/sh
# pgmigrate.cli: `dalgen migrate apply|status|down|reset|baseline` on a
# postgresql:// URL, with exit codes and messages.
#   usage: cli.sh DALGEN SOURCE_DIR SCRATCH_DIR   (PG* from tests/pg/run.sh)
set -u
DALGEN=$1 SD=$2 T=$3
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
DALGEN=$(abs "$DALGEN") SD=$(abs "$SD")
rm -rf "$T" && mkdir -p "$T" && cd "$T" || exit 1
fails=0
check() {   # check DESCRIPTION COMMAND...: the command must succeed
    d=$1; shift
    if "$@"; then :; else echo "FAIL: $d"; fails=$((fails + 1)); fi
}
expect_rc() {   # expect_rc RC DESCRIPTION COMMAND...
    want=$1; d=$2; shift 2
    "$@" >out.txt 2>err.txt; rc=$?
    if [ "$rc" != "$want" ]; then
        echo "FAIL: $d: exit $rc, expected $want"; cat out.txt err.txt; fails=$((fails + 1))
    fi
}
q() { psql -qtAX -d "$1" -c "$2"; }
fresh() { psql -qX -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" || exit 1; }
folder() {   # folder NAME: a copy of the fixture folder
    rm -rf "$1" && cp -r "$SD/mig" "$1"
}
U=postgresql:///pgm_cli
fresh pgm_cli

# apply, status, apply again
expect_rc 0 "apply" "$DALGEN" migrate apply --db $U --dir "$SD/mig"
check "apply prints each migration's duration" grep -q '^0003_index  [0-9]* ms$' out.txt
check "apply counts 4" grep -q '^applied 4 migrations$' out.txt
check "not a terminal: a plain line as each migration starts" \
    test "$(grep -c '^000[1-4]_[a-z]*: applying ([0-9]* statements*)$' err.txt)" = 4
check "not a terminal: a plain line as each ends, with its duration" \
    test "$(grep -c '^000[1-4]_[a-z]*: applied in [0-9]* ms$' err.txt)" = 4
check "not a terminal: nothing else" test "$(wc -l < err.txt)" = 8
check "the start line counts the statements" grep -q '^0003_index: applying (4 statements)$' err.txt
expect_rc 0 "status" "$DALGEN" migrate status --db $U --dir "$SD/mig"
check "status: current 4" grep -q '^current: 4$' out.txt
check "status: each migration with applied_at and duration" \
    test "$(grep -c '^  applied 000[1-4]_[a-z]*  20[0-9-]*T[0-9:.]*Z  [0-9]* ms$' out.txt)" = 4
check "status: schema matches version 4" grep -q '^schema: matches version 4$' out.txt
check "history: durations recorded" test "$(q pgm_cli "SELECT count(*) FROM _dal_migrations WHERE duration_ms >= 0 AND state = 'applied'")" = 4
expect_rc 0 "apply again" "$DALGEN" migrate apply --db $U --dir "$SD/mig"
check "nothing to apply" grep -q '^applied 0 migrations$' out.txt

# down through a no-transaction down file, and up again
expect_rc 0 "down 2" "$DALGEN" migrate down --db $U --dir "$SD/mig" --steps 2
check "down: plain lines, latest first" test "$(sed 's/[0-9][0-9]* ms$/N ms/; s/([0-9]* statements*)/(K)/' err.txt)" = \
"0004_func: reverting (K)
0004_func: reverted in N ms
0003_index: reverting (K)
0003_index: reverted in N ms"
check "down: history at 2" test "$(q pgm_cli 'SELECT max(id) FROM _dal_migrations')" = 2
check "down: indexes dropped" test "$(q pgm_cli "SELECT count(*) FROM pg_indexes WHERE tablename = 'items'")" = 1
check "down: effects 1 2" test "$(q pgm_cli 'SELECT migration FROM effects ORDER BY 1' | tr '\n' ' ')" = "1 2 "
expect_rc 0 "apply --to 3" "$DALGEN" migrate apply --db $U --dir "$SD/mig" --to 3
check "at 3" test "$(q pgm_cli 'SELECT max(id) FROM _dal_migrations')" = 3

# checksums: edited (sum refreshed or not), renamed, inserted files are named before anything runs
folder ed && echo '-- edited' >> ed/0002_rows.up.sql
expect_rc 1 "an edited file" "$DALGEN" migrate apply --db $U --dir ed
check "the sum check names the edited file" grep -q '0002_rows.up.sql' err.txt
"$DALGEN" migrate hash --dir ed
expect_rc 1 "an edited applied file, sum refreshed" "$DALGEN" migrate apply --db $U --dir ed
check "the runner names the edited migration" grep -q 'migration 0002_rows was changed after it was applied' err.txt
check "nothing ran: still at 3" test "$(q pgm_cli 'SELECT max(id) FROM _dal_migrations')" = 3
folder ren && mv ren/0003_index.up.sql ren/0003_indexes.up.sql && mv ren/0003_index.down.sql ren/0003_indexes.down.sql
"$DALGEN" migrate hash --dir ren
expect_rc 1 "a renamed applied file" "$DALGEN" migrate apply --db $U --dir ren
check "renamed file named" grep -q 'migration 3 was applied as 0003_index but the file is now 0003_indexes' err.txt
folder ins && mv ins/0003_index.up.sql ins/0004_index.up.sql && mv ins/0003_index.down.sql ins/0004_index.down.sql
mv ins/0004_func.up.sql ins/0003_func.up.sql && mv ins/0004_func.down.sql ins/0003_func.down.sql
"$DALGEN" migrate hash --dir ins
expect_rc 1 "reordered files" "$DALGEN" migrate apply --db $U --dir ins
check "reordered file named" grep -q 'migration 3 was applied as 0003_index but the file is now 0003_func' err.txt
expect_rc 0 "apply to 4" "$DALGEN" migrate apply --db $U --dir "$SD/mig"
folder gap && rm gap/0003_index.*.sql && "$DALGEN" migrate hash --dir gap
fresh pgm_cli2
expect_rc 0 "apply without 0003" "$DALGEN" migrate apply --db postgresql:///pgm_cli2 --dir gap
expect_rc 1 "0003 inserted afterwards" "$DALGEN" migrate apply --db postgresql:///pgm_cli2 --dir "$SD/mig"
check "inserted file named" grep -q 'migration 0003_index is not applied but later ones are (was it inserted?)' err.txt

# a failing statement: the file's line:col and the SQLSTATE; the migration rolled back whole
folder bad && printf 'CREATE TABLE t5 (a integer);\nINSERT INTO t5 VALUES (1);\nSELECT a,\n       nosuch FROM t5;\n' > bad/0005_bad.up.sql
"$DALGEN" migrate hash --dir bad
expect_rc 1 "a failing migration" "$DALGEN" migrate apply --db $U --dir bad
check "located at the failing token with its SQLSTATE" \
    grep -q '0005_bad.up.sql:4:8: error: migration 0005_bad, statement 3: column "nosuch" does not exist (SQLSTATE 42703)' err.txt
check "rolled back: no t5" test "$(q pgm_cli "SELECT to_regclass('t5') IS NULL")" = t
check "still at 4" test "$(q pgm_cli 'SELECT max(id) FROM _dal_migrations')" = 4

# refused before anything runs: transaction control, CONCURRENTLY in a transaction
folder tc && printf 'CREATE TABLE t5 (a integer);\n' > tc/0005_ok.up.sql && printf 'COMMIT;\nCREATE TABLE t6 (a integer);\n' > tc/0006_tc.up.sql
"$DALGEN" migrate hash --dir tc
expect_rc 1 "COMMIT in a file" "$DALGEN" migrate apply --db $U --dir tc
check "COMMIT refused, named" grep -q "error: migration 0006_tc, statement 1: COMMIT is the runner's job" err.txt
check "nothing ran: no t5" test "$(q pgm_cli "SELECT to_regclass('t5') IS NULL")" = t
folder cc && printf 'CREATE INDEX CONCURRENTLY items_note2 ON items (note);\n' > cc/0005_cc.up.sql && "$DALGEN" migrate hash --dir cc
expect_rc 1 "CONCURRENTLY outside a no-transaction section" "$DALGEN" migrate apply --db $U --dir cc
check "CONCURRENTLY refused" grep -q 'CONCURRENTLY cannot run inside a transaction; put it in a `-- dalgen:no-transaction` section' err.txt

# a failing no-transaction step stays 'running' and resumable; down refuses it
folder nt && printf -- '-- dalgen:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY items_v_unique ON items (v);\n' > nt/0005_uniq.up.sql
"$DALGEN" migrate hash --dir nt
expect_rc 1 "a failing CONCURRENTLY step" "$DALGEN" migrate apply --db $U --dir nt
check "the step's failure says it resumes" grep -q 'SQLSTATE 23505).*the next apply resumes it' err.txt
expect_rc 0 "status of a running migration" "$DALGEN" migrate status --db $U --dir nt
check "status shows it running" grep -q '^  running 0005_uniq  .*(steps done: 0)$' out.txt
expect_rc 1 "down of a running migration" "$DALGEN" migrate down --db $U --dir nt
check "down says finish it" grep -q 'migration 0005_uniq is half applied (0 steps done): finish it' err.txt
q pgm_cli "UPDATE items SET v = id" > /dev/null
expect_rc 0 "the resumed step" "$DALGEN" migrate apply --db $U --dir nt
check "resumed: the INVALID index was rebuilt" \
    test "$(q pgm_cli "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_v_unique'::regclass")" = t
check "resumed: applied" test "$(q pgm_cli "SELECT state FROM _dal_migrations WHERE id = 5")" = applied

# the lock: a second apply waits, and gives up after --lock-wait
folder slow && printf 'SELECT pg_sleep(3);\n' > slow/0005_slow.up.sql && "$DALGEN" migrate hash --dir slow
fresh pgm_cli3
"$DALGEN" migrate apply --db postgresql:///pgm_cli3 --dir slow > bg.txt 2>&1 &
bg=$!
sleep 1.5
expect_rc 1 "a second apply gives up" "$DALGEN" migrate apply --db postgresql:///pgm_cli3 --dir slow --lock-wait 300
check "busy: another process migrates" grep -q 'another process is migrating this database (advisory lock -*[0-9]* held; waited [0-9]* ms)' err.txt
wait $bg
check "the first apply finished" grep -q '^applied 5 migrations$' bg.txt

# statement_timeout
rm -rf sto && cp -r nt sto && printf 'SELECT pg_sleep(2);\n' > sto/0006_sleep.up.sql && "$DALGEN" migrate hash --dir sto
expect_rc 1 "statement timeout" "$DALGEN" migrate apply --db $U --dir sto --statement-timeout 200
check "canceled by statement_timeout" grep -q 'canceling statement due to statement timeout (SQLSTATE 57014)' err.txt

# baseline: a database made without the runner
fresh pgm_cli4
for f in 0001_init 0002_rows; do psql -qX -d pgm_cli4 -f "$SD/mig/$f.up.sql" > /dev/null; done
expect_rc 1 "baseline past the database's schema" "$DALGEN" migrate baseline --db postgresql:///pgm_cli4 --dir "$SD/mig" --to 3
check "baseline names the difference" grep -q 'baseline 3: the database is not at the schema of the migrations up to 3: schema differs: the database lacks `column items.tags' err.txt
expect_rc 0 "baseline 2" "$DALGEN" migrate baseline --db postgresql:///pgm_cli4 --dir "$SD/mig" --to 2
check "baseline recorded 2" test "$(q pgm_cli4 "SELECT string_agg(id::text, ' ' ORDER BY id) FROM _dal_migrations")" = "1 2"
check "baseline ran nothing" test "$(q pgm_cli4 'SELECT count(*) FROM effects')" = 2
expect_rc 0 "apply after baseline" "$DALGEN" migrate apply --db postgresql:///pgm_cli4 --dir "$SD/mig"
check "then 3 and 4 ran" test "$(q pgm_cli4 'SELECT migration FROM effects ORDER BY 1' | tr '\n' ' ')" = "1 2 3 4 "

# reset: every down, refused as a whole when one is missing
folder nodown && rm nodown/0004_func.down.sql && "$DALGEN" migrate hash --dir nodown
expect_rc 1 "reset with a missing down file" "$DALGEN" migrate reset --db postgresql:///pgm_cli4 --dir nodown
check "reset names it" grep -q 'reset: migration 0004_func has no down file' err.txt
check "nothing reverted" test "$(q pgm_cli4 'SELECT count(*) FROM _dal_migrations')" = 4
folder baddown && printf 'DROP VIEW items_big;\nSELECT nosuch FROM items;\n' > baddown/0004_func.down.sql &&
    "$DALGEN" migrate hash --dir baddown
expect_rc 1 "reset with a failing down file" "$DALGEN" migrate reset --db postgresql:///pgm_cli4 --dir baddown
check "reset's failure is located in the down file" \
    grep -q '^baddown/0004_func.down.sql:2:8: error: migration 0004_func, statement 2: column "nosuch" does not exist' err.txt
check "reset's failure rolled back" test "$(q pgm_cli4 'SELECT count(*) FROM _dal_migrations')" = 4
expect_rc 0 "reset" "$DALGEN" migrate reset --db postgresql:///pgm_cli4 --dir "$SD/mig"
check "reset: history empty" test "$(q pgm_cli4 'SELECT count(*) FROM _dal_migrations')" = 0
check "reset: a plain line per migration reverted" test "$(grep -c '^000[1-4]_[a-z]*: reverted in [0-9]* ms$' err.txt)" = 4
check "reset: tables gone" test "$(q pgm_cli4 "SELECT to_regclass('items') IS NULL")" = t
expect_rc 2 "reset takes no --to" "$DALGEN" migrate reset --db postgresql:///pgm_cli4 --dir "$SD/mig" --to 1
expect_rc 2 "baseline needs --to" "$DALGEN" migrate baseline --db postgresql:///pgm_cli4 --dir "$SD/mig"

# a UNIQUE column made NOT NULL with a default: the plan warns
# (DATA_DEPENDENT, in the up file too); two NULLs fail the apply, which is
# rolled back; with one NULL left it applies
mkdir -p uq && printf 'CREATE TABLE t (id integer PRIMARY KEY, u numeric UNIQUE);\n' > uq1.sql &&
    printf 'CREATE TABLE t (id integer PRIMARY KEY, u numeric NOT NULL DEFAULT 4.5 UNIQUE);\n' > uq2.sql
PGS="--engine postgresql --pg-server postgresql:///${PGDATABASE:-postgres}"
expect_rc 0 "unique: migrate new 1" "$DALGEN" migrate new one --dir uq $PGS uq1.sql
expect_rc 0 "unique: migrate new 2" "$DALGEN" migrate new two --dir uq $PGS uq2.sql --allow DOWN_CANNOT_RESTORE
check "unique: the warning names the column and the key" grep -q 'warning: \[DATA_DEPENDENT\] NULLs in t.u become its default and UNIQUE (u) holds it: the migration fails when two rows then hold the same values in it$' err.txt
check "unique: the up file says it too" grep -q '^-- WARNING: NULLs in t.u become its default and UNIQUE (u) holds it' uq/0002_two.up.sql
fresh pgm_cli6
expect_rc 0 "unique: apply 1" "$DALGEN" migrate apply --db postgresql:///pgm_cli6 --dir uq --to 1
q pgm_cli6 "INSERT INTO t VALUES (1, NULL), (2, NULL), (3, 1.5)"
expect_rc 1 "unique: two NULLs fail the apply" "$DALGEN" migrate apply --db postgresql:///pgm_cli6 --dir uq
check "unique: the failure is the key's" grep -q 'duplicate key value violates unique constraint' err.txt
check "unique: rows unchanged" test "$(q pgm_cli6 "SELECT string_agg(id || ':' || coalesce(u::text, '-'), ',' ORDER BY id) FROM t")" = "1:-,2:-,3:1.5"
q pgm_cli6 "UPDATE t SET u = 2.5 WHERE id = 2"
expect_rc 0 "unique: applies once one NULL is left" "$DALGEN" migrate apply --db postgresql:///pgm_cli6 --dir uq
check "unique: the NULL became the default" test "$(q pgm_cli6 "SELECT string_agg(id || ':' || u, ',' ORDER BY id) FROM t")" = "1:4.5,2:2.5,3:1.5"

# progress on a terminal (script(1) provides one when available): the line
# is redrawn in place while a long statement runs, its time advancing
if command -v script >/dev/null 2>&1; then
    mkdir -p tick && printf 'CREATE TABLE s (x integer);\nSELECT pg_sleep(1.3);\n' > tick/0001_slow.up.sql &&
        "$DALGEN" migrate hash --dir tick
    fresh pgm_cli5
    script -qec "'$DALGEN' migrate apply --db postgresql:///pgm_cli5 --dir tick" /dev/null > tty.txt 2>&1
    check "terminal: the statement running, with its elapsed time" \
        grep -q "$(printf '\r\033\\[K')0001_slow: statement 2 of 2, 0\.0 s: SELECT pg_sleep(1\.3)" tty.txt
    check "terminal: redrawn as the time passes" grep -q '0001_slow: statement 2 of 2, 1\.[0-9] s: SELECT pg_sleep' tty.txt
    check "terminal: the line left for the migration done" grep -q "$(printf '\r\033\\[K')0001_slow  1[0-9][0-9][0-9] ms" tty.txt
    check "terminal: no plain lines" sh -c '! grep -q "applying (" tty.txt'
    psql -qX -d postgres -c "DROP DATABASE pgm_cli5 WITH (FORCE)"
fi

for d in pgm_cli pgm_cli2 pgm_cli3 pgm_cli4 pgm_cli6; do psql -qX -d postgres -c "DROP DATABASE $d WITH (FORCE)"; done
echo "$fails failures"
[ "$fails" = 0 ]
