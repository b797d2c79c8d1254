#!/bin/sh
# migrate.cli: dalgen diff / migrate new|hash|apply|status|down end to end,
# with exit codes and messages.   usage: cli.sh DALGEN SCRATCH_DIR
set -u
DALGEN=$1
T=$2
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

cat > v1.sql <<'SQL'
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
SQL
cat > v2.sql <<'SQL'
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '' -- @format text
);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE, title TEXT);
CREATE INDEX posts_user ON posts(user_id);
SQL
cat > v3.sql <<'SQL'
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '' -- @format text
);
SQL

# diff
expect_rc 0 "diff of equal schemas" "$DALGEN" diff --from v1.sql --to v1.sql --exit-code
check "equal schemas print nothing" test ! -s out.txt
expect_rc 3 "diff --exit-code with differences" "$DALGEN" diff --from v1.sql --to v2.sql --exit-code
check "diff prints ADD COLUMN" grep -q 'ALTER TABLE "users" ADD COLUMN name' out.txt
check "annotations become block comments" grep -q '/\* @format text \*/' out.txt
expect_rc 0 "diff from empty" "$DALGEN" diff --from empty --to v1.sql
check "diff from empty creates the table" grep -q 'CREATE TABLE users' out.txt
expect_rc 0 "diff --down" "$DALGEN" diff --from v1.sql --to v2.sql --down --allow-destructive
check "down drops the new table" grep -q 'DROP TABLE "posts"' out.txt
expect_rc 1 "destructive diff is refused" "$DALGEN" diff --from v2.sql --to v3.sql
check "refusal names its code, at the table in the old schema" grep -q '^v2.sql:6:1: error: \[DROP_TABLE\] table posts is dropped' err.txt
check "a refused diff prints no SQL" test ! -s out.txt
expect_rc 0 "--allow-destructive" "$DALGEN" diff --from v2.sql --to v3.sql --allow-destructive
check "allowed destructive change is a warning" grep -q '^v2.sql:6:1: warning: \[DROP_TABLE\]' err.txt
expect_rc 2 "diff without --to is a usage error" "$DALGEN" diff --from v1.sql

# migrate new
expect_rc 0 "migrate new init" "$DALGEN" migrate new init --dir mig v1.sql
check "up file written" test -f mig/0001_init.up.sql
check "down file written" test -f mig/0001_init.down.sql
check "dalgen.sum written" grep -q '^0001_init.up.sql [0-9a-f]\{64\}$' mig/dalgen.sum
check "files hold no transaction" sh -c '! grep -qiE "^(BEGIN|COMMIT|PRAGMA foreign_keys)" mig/*.sql'
expect_rc 0 "migrate new without changes" "$DALGEN" migrate new again --dir mig v1.sql
check "nothing written without changes" test ! -f mig/0002_again.up.sql
expect_rc 0 "migrate new posts" "$DALGEN" migrate new posts --dir mig --schema v2.sql
check "second migration numbered 0002" test -f mig/0002_posts.up.sql
expect_rc 1 "destructive migrate new is refused" "$DALGEN" migrate new drop_posts --dir mig v3.sql
check "refusal code, at the table in the migration that made it" grep -q '^mig/0002_posts.up.sql:[0-9]*:[0-9]*: error: \[DROP_TABLE\]' err.txt
check "refused migration writes nothing" test ! -f mig/0003_drop_posts.up.sql
expect_rc 0 "destructive migrate new allowed" "$DALGEN" migrate new drop_posts --dir mig v3.sql --allow-destructive
check "down says it cannot restore rows" grep -q 'WARNING: the down migration re-creates table posts but cannot restore its rows' mig/0003_drop_posts.down.sql

# diff from a migrations folder (replayed) against the schema: empty
expect_rc 0 "folder replay equals schema" "$DALGEN" diff --from mig --to v3.sql --exit-code

# apply / status / down
expect_rc 0 "apply to 2" "$DALGEN" migrate apply --db app.db --dir mig --to 2
check "apply reports count" grep -q 'applied 2 migrations' out.txt
sqlite3 app.db "INSERT INTO users (email) VALUES ('a@x'); INSERT INTO posts (user_id, title) VALUES (1, 't');"
expect_rc 0 "status" "$DALGEN" migrate status --db app.db --dir mig
check "status shows current 2" grep -q '^current: 2$' out.txt
check "status lists the pending one" grep -q 'pending 0003_drop_posts' out.txt
expect_rc 0 "apply rest with backup" "$DALGEN" migrate apply --db app.db --dir mig --backup backup.db
check "backup written" test -s backup.db
check "backup is at version 2" test "$(sqlite3 backup.db 'SELECT max(id) FROM _dal_migrations')" = 2
check "posts dropped" test "$(sqlite3 app.db "SELECT count(*) FROM sqlite_schema WHERE name = 'posts'")" = 0
check "users kept" test "$(sqlite3 app.db 'SELECT email FROM users')" = "a@x"
expect_rc 0 "down one step" "$DALGEN" migrate down --db app.db --dir mig --steps 1
check "posts back after down" test "$(sqlite3 app.db "SELECT count(*) FROM sqlite_schema WHERE name = 'posts'")" = 1
expect_rc 0 "down to 0" "$DALGEN" migrate down --db app.db --dir mig --to 0
check "history empty after down to 0" test "$(sqlite3 app.db 'SELECT count(*) FROM _dal_migrations')" = 0
check "users gone after down to 0" test "$(sqlite3 app.db "SELECT count(*) FROM sqlite_schema WHERE name = 'users'")" = 0
expect_rc 0 "apply all again" "$DALGEN" migrate apply --db app.db --dir mig
check "at version 3" test "$(sqlite3 app.db 'SELECT max(id) FROM _dal_migrations')" = 3
sqlite3 app.db "INSERT INTO users (email) VALUES ('a@x')"

# progress: redrawn in place on a terminal (script(1) provides one when
# available), plain lines (start, end with the duration) elsewhere
sed 's/email TEXT NOT NULL UNIQUE/email TEXT NOT NULL UNIQUE COLLATE NOCASE/' v3.sql > v4.sql
expect_rc 0 "migrate new with a rebuild" "$DALGEN" migrate new nocase --dir mig v4.sql
check "rebuild planned" grep -q 'copy rows of users' mig/0004_nocase.up.sql
cp app.db app2.db
expect_rc 0 "apply without a terminal" "$DALGEN" migrate apply --db app.db --dir mig
check "apply prints the migration's duration" test "$(sed 's/[0-9][0-9]* ms$/N ms/' out.txt)" = "0004_nocase  N ms
applied 1 migration"
check "plain lines without a terminal" test "$(sed 's/[0-9][0-9]* ms$/N ms/' err.txt)" = "0004_nocase: applying (4 statements)
0004_nocase: applied in N ms"
check "no escape sequence without a terminal" sh -c '! grep -q "$(printf "\\033")" err.txt'
if command -v script >/dev/null 2>&1; then
    script -qec "'$DALGEN' migrate apply --db app2.db --dir mig" /dev/null > progress.txt 2>&1
    check "progress names the statement" grep -q '0004_nocase: statement 1 of 4, [0-9]*\.[0-9] s: CREATE TABLE' progress.txt
    check "progress names the table being copied" grep -q 'statement 2 of 4, [0-9.]* s: copying table users' progress.txt
    check "progress redraws in place" grep -q "$(printf '\r\033\\[K')0004_nocase: statement 2" progress.txt
    check "progress leaves the duration" grep -q "0004_nocase  [0-9]* ms" progress.txt
fi
check "rows kept through the rebuild" test "$(sqlite3 app.db 'SELECT email FROM users')" = "a@x"

# an edited migration stops everything and is named
cp mig/0002_posts.up.sql saved.sql
echo "-- edited" >> mig/0002_posts.up.sql
expect_rc 1 "edited migration refused" "$DALGEN" migrate apply --db app.db --dir mig
check "edited file named" grep -q '0002_posts.up.sql was edited' err.txt
cp saved.sql mig/0002_posts.up.sql

# a hand-written file with a transaction is refused by the runner
mkdir hand
printf 'BEGIN;\nCREATE TABLE x (id INTEGER);\nCOMMIT;\n' > hand/0001_x.up.sql
expect_rc 0 "migrate hash" "$DALGEN" migrate hash --dir hand
expect_rc 1 "a file with BEGIN is refused" "$DALGEN" migrate apply --db hand.db --dir hand
check "refusal explains the runner owns transactions" grep -q 'belong to the migration runner' err.txt
check "nothing ran" test "$(sqlite3 hand.db "SELECT count(*) FROM sqlite_schema WHERE name = 'x'")" = 0

# baseline: an existing database without history
sqlite3 base.db < v1.sql
expect_rc 0 "baseline 1" "$DALGEN" migrate apply --db base.db --dir mig --baseline 1
check "baselined database reaches 4" test "$(sqlite3 base.db 'SELECT group_concat(id) FROM _dal_migrations')" = "1,2,3,4"

# a migration that breaks a foreign key is rolled back whole
mkdir fk
printf 'CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER REFERENCES p(id));\n' > fk/0001_a.up.sql
printf 'INSERT INTO p VALUES (1);\nINSERT INTO c VALUES (1, 1);\n' > fk/0002_rows.up.sql
printf 'DELETE FROM p;\n' > fk/0003_break.up.sql
expect_rc 0 "hash fk" "$DALGEN" migrate hash --dir fk
expect_rc 1 "fk violation refused" "$DALGEN" migrate apply --db fk.db --dir fk
check "fk message" grep -q 'would break a foreign key' err.txt
check "fk db at version 2" test "$(sqlite3 fk.db 'SELECT max(id) FROM _dal_migrations')" = 2
check "parent row kept" test "$(sqlite3 fk.db 'SELECT count(*) FROM p')" = 1

# plain NNNN_name.sql files (sqlc, golang-migrate style) are up migrations; a
# last statement without ';' still runs
mkdir plain
printf 'CREATE TABLE city (slug TEXT PRIMARY KEY, name TEXT NOT NULL)' > plain/0001_city.sql
printf 'ALTER TABLE city ADD COLUMN country TEXT;\n' > plain/0002_country.sql
expect_rc 0 "hash plain folder" "$DALGEN" migrate hash --dir plain
check "plain files listed" grep -q '^0002_country.sql [0-9a-f]\{64\}$' plain/dalgen.sum
expect_rc 0 "apply plain folder" "$DALGEN" migrate apply --db plain.db --dir plain
expect_rc 0 "plain folder replay equals the database" "$DALGEN" diff --from plain.db --to plain --exit-code
printf 'x' > plain/notes.sql
expect_rc 1 "a .sql file without a number is refused" "$DALGEN" migrate apply --db plain.db --dir plain
check "bad name reported with its path" grep -q 'plain/notes.sql.*error: not a migration file name' err.txt

# a statement that fails is reported at its line and column in the file; the
# migration is rolled back whole
mkdir bad
printf -- '-- rows\nCREATE TABLE a (x INTEGER);\n\n  /* next */ INSERT INTO nope VALUES (1);\n' > bad/0001_a.up.sql
expect_rc 0 "hash bad" "$DALGEN" migrate hash --dir bad
expect_rc 1 "a failing statement" "$DALGEN" migrate apply --db bad.db --dir bad
check "failure located in the file" grep -q '^bad/0001_a.up.sql:4:14: error: migration 0001_a, statement 2: no such table: nope$' err.txt
check "first statement rolled back" test "$(sqlite3 bad.db "SELECT count(*) FROM sqlite_schema WHERE name = 'a'")" = 0

# a type change in a STRICT table copies what SQLite converts without loss:
# TEXT -> INTEGER with a value that is no number fails at apply, located at
# the rebuild's copy, says it is rolled back, and leaves the database as it was
mkdir strict
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT) STRICT;\n' > strict1.sql
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER) STRICT;\n' > strict2.sql
expect_rc 0 "strict: migrate new 1" "$DALGEN" migrate new one --dir strict strict1.sql
expect_rc 1 "strict: TEXT -> INTEGER is NARROW_TYPE" "$DALGEN" migrate new two --dir strict strict2.sql
check "strict: the lint says what fails" grep -q 'error: \[NARROW_TYPE\] column t.v narrows from TEXT to INTEGER (STRICT: a value that does not convert without loss fails the migration, which is rolled back)$' err.txt
expect_rc 0 "strict: migrate new 2 allowed" "$DALGEN" migrate new two --dir strict strict2.sql --allow NARROW_TYPE
expect_rc 0 "strict: apply 1" "$DALGEN" migrate apply --db strict.db --dir strict --to 1
sqlite3 strict.db "INSERT INTO t VALUES (1, '5'), (2, 'five'), (3, NULL)"
expect_rc 1 "strict: a value that is no integer fails the apply" "$DALGEN" migrate apply --db strict.db --dir strict
check "strict: failure names the file, the copy and the column" grep -q "^strict/0002_two.up.sql:8:1: error: migration 0002_two, statement 2: cannot store TEXT value in INTEGER column _dalgen_new_t.v; a value does not convert to its STRICT column's type without loss: the migration is rolled back" err.txt
check "strict: the copy is the statement at that line" test "$(sed -n 7p strict/0002_two.up.sql)" = "-- copy rows of t"
check "strict: rows unchanged" test "$(sqlite3 strict.db "SELECT group_concat(id || typeof(v) || ifnull(v, ''), ',') FROM t")" = "1text5,2textfive,3null"
check "strict: schema unchanged" test "$(sqlite3 strict.db "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%v TEXT%'")" = 1
check "strict: 0002 not recorded" test "$(sqlite3 strict.db "SELECT max(id) FROM _dal_migrations")" = 1
sqlite3 strict.db "UPDATE t SET v = '7' WHERE id = 2"
expect_rc 0 "strict: applies once the value converts" "$DALGEN" migrate apply --db strict.db --dir strict
check "strict: values converted" test "$(sqlite3 strict.db "SELECT group_concat(id || typeof(v), ',') FROM t")" = "1integer,2integer,3null"

# a UNIQUE column made NOT NULL with a default: NULLs all become the one
# default, so two of them collide; the plan warns (DATA_DEPENDENT, in the
# up file too) and the failed apply leaves the database as it was
mkdir uniq
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, u REAL UNIQUE);\n' > uniq1.sql
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, u REAL NOT NULL DEFAULT 4.5 UNIQUE);\n' > uniq2.sql
expect_rc 0 "uniq: migrate new 1" "$DALGEN" migrate new one --dir uniq uniq1.sql
expect_rc 0 "uniq: migrate new 2" "$DALGEN" migrate new two --dir uniq uniq2.sql --allow DOWN_CANNOT_RESTORE
check "uniq: the warning names the column and the key" grep -q '^uniq2.sql:1:41: warning: \[DATA_DEPENDENT\] NULLs in t.u become its default and UNIQUE (u) holds it: the migration fails when two rows then hold the same values in it$' err.txt
check "uniq: the up file says it too" grep -q '^-- WARNING: NULLs in t.u become its default and UNIQUE (u) holds it' uniq/0002_two.up.sql
expect_rc 0 "uniq: apply 1" "$DALGEN" migrate apply --db uniq.db --dir uniq --to 1
sqlite3 uniq.db "INSERT INTO t VALUES (1, NULL), (2, NULL), (3, 1.5)"
expect_rc 1 "uniq: two NULLs fail the apply" "$DALGEN" migrate apply --db uniq.db --dir uniq
check "uniq: failure names the constraint" grep -q '^uniq/0002_two.up.sql:[0-9]*:1: error: migration 0002_two, statement [0-9]*: UNIQUE constraint failed: _dalgen_new_t.u' err.txt
check "uniq: rows unchanged" test "$(sqlite3 uniq.db "SELECT group_concat(id || ':' || ifnull(u, '-'), ',') FROM t")" = "1:-,2:-,3:1.5"
sqlite3 uniq.db "UPDATE t SET u = 2.5 WHERE id = 2"
expect_rc 0 "uniq: applies once one NULL is left" "$DALGEN" migrate apply --db uniq.db --dir uniq
check "uniq: the NULL became the default" test "$(sqlite3 uniq.db "SELECT group_concat(id || ':' || u, ',') FROM t")" = "1:4.5,2:2.5,3:1.5"

# adopting a database made without the migrations: 0001 is CREATE TABLE IF
# NOT EXISTS (a no-op there, recorded), 0002 fails on the existing index and
# says how to adopt; --baseline 2 then checks the schema and records 2
mkdir adopt
printf 'CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT);\n' > adopt/0001_t.sql
printf 'CREATE INDEX ix ON t(v);\n' > adopt/0002_ix.sql
printf 'CREATE TABLE u (id INTEGER PRIMARY KEY);\n' > adopt/0003_u.sql
expect_rc 0 "hash adopt" "$DALGEN" migrate hash --dir adopt
sqlite3 adopt.db 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX ix ON t(v); INSERT INTO t VALUES (1, "kept");'
expect_rc 1 "apply on an existing database" "$DALGEN" migrate apply --db adopt.db --dir adopt
check "the failure names --baseline" grep -q 'index ix already exists; .*--baseline N' err.txt
check "0001 was recorded" test "$(sqlite3 adopt.db 'SELECT group_concat(id) FROM _dal_migrations')" = 1
expect_rc 0 "status of a half-adopted database" "$DALGEN" migrate status --db adopt.db --dir adopt
check "status: it has the schema of version 2" grep -q '^schema: matches version 2$' out.txt
check "status lists 0002 as pending" grep -q 'pending 0002_ix' out.txt
expect_rc 1 "down of a migration without a down file" "$DALGEN" migrate down --db adopt.db --dir adopt
check "down names the way out" grep -q 'has no down script, so it cannot be reverted.*--baseline N' err.txt
expect_rc 1 "baseline 3 on a database without u" "$DALGEN" migrate apply --db adopt.db --dir adopt --baseline 3
check "baseline names the first difference" grep -q 'baseline 3: the database is not at the schema of the migrations up to 3: schema differs: the database lacks `column u.id' err.txt
check "a refused baseline records nothing" test "$(sqlite3 adopt.db 'SELECT group_concat(id) FROM _dal_migrations')" = 1
expect_rc 0 "baseline 2 on a partial history" "$DALGEN" migrate apply --db adopt.db --dir adopt --baseline 2
check "baseline recorded 2 and 3 ran" test "$(sqlite3 adopt.db 'SELECT group_concat(id) FROM _dal_migrations')" = "1,2,3"
check "rows of the adopted database kept" test "$(sqlite3 adopt.db 'SELECT v FROM t')" = kept
expect_rc 0 "status after adoption" "$DALGEN" migrate status --db adopt.db --dir adopt
check "status: matches version 3" grep -q '^schema: matches version 3$' out.txt

# status and down open an existing database only; apply creates one
expect_rc 1 "status of a missing database" "$DALGEN" migrate status --db typo.db --dir mig
check "no file created by status" test ! -e typo.db
check "status names the missing database" grep -q '^typo.db: error: no such database' err.txt
expect_rc 1 "down on a missing database" "$DALGEN" migrate down --db typo.db --dir mig
check "no file created by down" test ! -e typo.db

# a folder numbered from 0000: hash, the runner, status and down agree
mkdir zero
printf 'CREATE TABLE z (id INTEGER PRIMARY KEY);\n' > zero/0000_init.up.sql
printf 'DROP TABLE z;\n' > zero/0000_init.down.sql
printf 'ALTER TABLE z ADD COLUMN v TEXT;\n' > zero/0001_v.up.sql
printf 'ALTER TABLE z DROP COLUMN v;\n' > zero/0001_v.down.sql
expect_rc 0 "hash a 0000 folder" "$DALGEN" migrate hash --dir zero
expect_rc 0 "status before anything" "$DALGEN" migrate apply --db zero.db --dir zero --to 0
check "0000 applied alone" test "$(sqlite3 zero.db 'SELECT group_concat(id) FROM _dal_migrations')" = 0
expect_rc 0 "status at 0000" "$DALGEN" migrate status --db zero.db --dir zero
check "status: 1 applied, 0001 pending" sh -c 'grep -q "^applied: 1$" out.txt && grep -q "pending 0001_v" out.txt && ! grep -q "pending 0000" out.txt'
expect_rc 0 "apply the rest of a 0000 folder" "$DALGEN" migrate apply --db zero.db --dir zero
check "0000 and 0001 applied" test "$(sqlite3 zero.db 'SELECT group_concat(id) FROM _dal_migrations')" = "0,1"
expect_rc 0 "down to 0 keeps 0000" "$DALGEN" migrate down --db zero.db --dir zero --to 0
check "only 0000 left" test "$(sqlite3 zero.db 'SELECT group_concat(id) FROM _dal_migrations')" = 0
expect_rc 0 "down the last step" "$DALGEN" migrate down --db zero.db --dir zero --steps 1
check "history empty" test "$(sqlite3 zero.db 'SELECT count(*) FROM _dal_migrations')" = 0
check "table of 0000 gone" test "$(sqlite3 zero.db "SELECT count(*) FROM sqlite_schema WHERE name = 'z'")" = 0
expect_rc 0 "diff from a 0000 folder" "$DALGEN" diff --from zero --to zero --exit-code

# --allow CODE: per lint code; --allow-destructive keeps meaning all of them
cat > ai1.sql <<'SQL'
CREATE TABLE n (id INTEGER PRIMARY KEY, a TEXT, b TEXT);
SQL
cat > ai2.sql <<'SQL'
CREATE TABLE n (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT);
SQL
expect_rc 1 "allowing the rebuild does not allow the dropped column" "$DALGEN" diff --from ai1.sql --to ai2.sql --allow AUTOINCREMENT_CHANGE
check "the other code is still refused, at the table in the new schema" grep -q '^ai2.sql:1:1: error: \[DROP_COLUMN\]' err.txt
check "the allowed code is a warning" grep -q '^ai2.sql:1:1: warning: \[AUTOINCREMENT_CHANGE\]' err.txt
check "nothing printed when refused" test ! -s out.txt
expect_rc 0 "both codes allowed (list, any case, dashes)" "$DALGEN" diff --from ai1.sql --to ai2.sql --allow autoincrement-change,drop-column
check "the plan is printed" grep -q 'rebuild n' out.txt
expect_rc 0 "--allow repeated" "$DALGEN" diff --from ai1.sql --to ai2.sql --allow AUTOINCREMENT_CHANGE --allow DROP_COLUMN
expect_rc 2 "an unknown code is a usage error" "$DALGEN" diff --from ai1.sql --to ai2.sql --allow DROP_COLUM
check "the usage error lists the codes" grep -q "'DROP_COLUM' is not a lint code.*AUTOINCREMENT_CHANGE" err.txt
expect_rc 0 "migrate new init for --allow" "$DALGEN" migrate new ai --dir aimig ai1.sql
expect_rc 1 "migrate new: DROP_COLUMN not allowed" "$DALGEN" migrate new ai2 --dir aimig ai2.sql --allow AUTOINCREMENT_CHANGE
check "migrate new refusal wrote nothing" test ! -f aimig/0002_ai2.up.sql
expect_rc 0 "migrate new: both allowed" "$DALGEN" migrate new ai2 --dir aimig ai2.sql --allow AUTOINCREMENT_CHANGE,DROP_COLUMN
check "migrate new wrote it" test -f aimig/0002_ai2.up.sql

# data statements of a schema: the init migration carries the seed rows into
# the tables it creates; a later step reports the one it cannot place
cat > seed.sql <<'SQL'
CREATE TABLE groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
INSERT INTO groups (id, name) VALUES (1, 'default');
CREATE TABLE settings (k TEXT PRIMARY KEY, v TEXT);
INSERT INTO settings VALUES ('theme', 'dark'), ('lang', 'en');
CREATE TABLE copied (k TEXT);
INSERT INTO copied SELECT k FROM settings;
SQL
expect_rc 0 "migrate new init with seed rows" "$DALGEN" migrate new init --dir seedmig seed.sql
check "an INSERT ... SELECT is reported, not carried" sh -c "grep -q 'seed.sql:6 (into copied) is not carried: only INSERT ... VALUES' err.txt && ! grep -q 'INSERT INTO copied' seedmig/0001_init.up.sql"
check "the seed INSERT reaches the init migration" grep -q "^INSERT INTO groups (id, name) VALUES (1, 'default');" seedmig/0001_init.up.sql
expect_rc 0 "apply the seeded folder" "$DALGEN" migrate apply --db seed.db --dir seedmig
check "seed rows in the database" test "$(sqlite3 seed.db "SELECT name FROM groups; SELECT count(*) FROM settings")" = "default
2"
expect_rc 0 "nothing changed: no warning about carried seeds" "$DALGEN" migrate new again --dir seedmig seed.sql
check "no DATA_NOT_CARRIED when the folder holds the seeds" sh -c '! grep -q DATA_NOT_CARRIED err.txt'
printf "INSERT INTO groups (id, name) VALUES (2, 'staff');\nCREATE TABLE t2 (id INTEGER PRIMARY KEY);\n" >> seed.sql
expect_rc 0 "a later step with a seed into an existing table" "$DALGEN" migrate new t2 --dir seedmig seed.sql
check "the unplaced seed is reported at its line" grep -q '^warning: \[DATA_NOT_CARRIED\] the data statement at seed.sql:7 (into groups)' err.txt
check "and not carried" sh -c "! grep -q staff seedmig/0002_t2.up.sql"

# renames written in a migrations folder are renames for the differ when the
# folder is --to (no annotation needed), and data survives them
mkdir hist
printf 'CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT);\n' > hist/0001_a.sql
printf 'ALTER TABLE person RENAME COLUMN name TO full_name;\nALTER TABLE person RENAME TO people;\n' > hist/0002_b.sql
expect_rc 0 "hash hist" "$DALGEN" migrate hash --dir hist
sqlite3 hist.db "$(cat hist/0001_a.sql) INSERT INTO person VALUES (1, 'ann');"
expect_rc 0 "diff from a database to a folder with renames" "$DALGEN" diff --from hist.db --to hist
check "the table rename is planned" grep -q 'ALTER TABLE "person" RENAME TO "people";' out.txt
check "the column rename is planned" grep -q 'ALTER TABLE "people" RENAME COLUMN "name" TO "full_name";' out.txt
check "nothing dropped" sh -c '! grep -q DROP out.txt'
sqlite3 hist.db < out.txt
check "the value follows the renames" test "$(sqlite3 hist.db 'SELECT full_name FROM people')" = ann

# the two sides load at once: diagnostics still come as from one load after
# the other (--from's first), and none of --to's when --from fails
printf 'CREATE TABLE a (x INTEGER PRIMARY KEY);\nCREATE TABLE b (y REFERENCES nosuch_from, z);\n' > wfrom.sql
printf 'CREATE TABLE a (x INTEGER PRIMARY KEY);\nCREATE TABLE c (y REFERENCES nosuch_to, z);\n' > wto.sql
printf 'CREATE TABLE a (x INTEGER PRIMARY KEY;\n' > broken.sql
printf 'CREATE INDEX i ON nosuch_table(x);\n' > broken2.sql
expect_rc 0 "warnings of both sides" "$DALGEN" diff --from wfrom.sql --to wto.sql --allow-destructive
check "--from's warning, then --to's" sh -c 'grep -n "warning: foreign key" err.txt | cut -d: -f2 | tr "\n" " " | grep -qx "wfrom.sql wto.sql "'
expect_rc 1 "--from and --to broken" "$DALGEN" diff --from broken.sql --to broken2.sql
check "only --from's error" sh -c 'grep -q "^broken.sql:1:" err.txt && ! grep -q broken2 err.txt'
expect_rc 1 "--to broken" "$DALGEN" diff --from wfrom.sql --to broken2.sql
check "--from's warning, then --to's error" sh -c 'grep -n "" err.txt | grep -E "wfrom.sql|broken2.sql" | cut -d: -f2 | tr "\n" " " | grep -qx "wfrom.sql broken2.sql "'

# lints point at the column (or table) of the schema being edited; a
# @renamed_from naming nothing of the old schema is a warning at it
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL);\n' > rn1.sql
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY,\n  b INTEGER NOT NULL -- @renamed_from a\n);\n' > rn2.sql
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY,\n  b TEXT NOT NULL -- @renamed_from aa\n);\n' > rn3.sql
printf -- '-- @renamed_from tt\nCREATE TABLE u (id INTEGER PRIMARY KEY, a TEXT NOT NULL);\n' > rn4.sql
expect_rc 1 "a renamed column that narrows" "$DALGEN" diff --from rn1.sql --to rn2.sql
check "NARROW_TYPE at the column" grep -qx 'rn2.sql:2:3: error: \[NARROW_TYPE\] column t.b narrows from TEXT to INTEGER' err.txt
expect_rc 1 "a misspelt @renamed_from" "$DALGEN" diff --from rn1.sql --to rn3.sql
check "RENAMED_FROM_UNKNOWN at the annotation" grep -q '^rn3.sql:2:19: warning: \[RENAMED_FROM_UNKNOWN\] column t.b: @renamed_from aa names no column of t' err.txt
check "the new column at its line" grep -q '^rn3.sql:2:3: error: \[NOT_NULL_NO_DEFAULT\] column t.b is added' err.txt
check "the drop at the table" grep -q '^rn3.sql:1:1: error: \[DROP_COLUMN\] column t.a' err.txt
expect_rc 1 "a misspelt table @renamed_from" "$DALGEN" diff --from rn1.sql --to rn4.sql
check "RENAMED_FROM_UNKNOWN of a table" grep -q '^rn4.sql:1:1: warning: \[RENAMED_FROM_UNKNOWN\] table u: @renamed_from tt names no table' err.txt
check "the dropped table at the old schema" grep -q '^rn1.sql:1:1: error: \[DROP_TABLE\] table t is dropped' err.txt
expect_rc 0 "a @renamed_from already applied says nothing" "$DALGEN" diff --from rn2.sql --to rn2.sql
check "no RENAMED_FROM_UNKNOWN when the column exists" sh -c '! grep -q RENAMED_FROM_UNKNOWN err.txt'
sed 's/b INTEGER/b TEXT/' rn2.sql > rn5.sql
expect_rc 0 "the right @renamed_from" "$DALGEN" diff --from rn1.sql --to rn5.sql
check "no warning for a real rename" test ! -s err.txt

echo "migrate.cli: $fails failed"
[ "$fails" = 0 ]
