#!/bin/sh
# reliability.cli: adversarial inputs end to end, each a case that failed
# before its fix (issue 21).   usage: cli.sh DALGEN SCRATCH_DIR CC DAL_INCLUDE
set -u
DALGEN=$1 T=$2 CC=$3 INC=$4
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
q() { sqlite3 "$@"; }
NL='
'

# 1. A name holding a newline cannot break out of the plan's comments: the
#    rows of another table survive the rebuild.
mkdir inj && cd inj || exit 1
printf 'CREATE TABLE victim (id INTEGER PRIMARY KEY, v TEXT);\nCREATE TABLE "x\nDELETE FROM victim;--" (id INTEGER PRIMARY KEY, a TEXT);\n' > v1.sql
printf 'CREATE TABLE victim (id INTEGER PRIMARY KEY, v TEXT);\nCREATE TABLE "x\nDELETE FROM victim;--" (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 1);\n' > v2.sql
expect_rc 0 "migrate new v1" "$DALGEN" migrate new init --dir mig v1.sql
expect_rc 0 "apply v1" "$DALGEN" migrate apply --db app.db --dir mig
q app.db "INSERT INTO victim (v) VALUES ('keep me'), ('and me'); INSERT INTO \"x${NL}DELETE FROM victim;--\" (a) VALUES (NULL);"
expect_rc 0 "migrate new v2 (a rebuild)" "$DALGEN" migrate new rebuild --dir mig v2.sql --allow DOWN_CANNOT_RESTORE
check "each diagnostic is one line" sh -c '! grep -qvE "^([^:]+:[0-9]+:[0-9]+: )?warning: " err.txt'
check "the plan rebuilds" grep -q '^-- rebuild x\\nDELETE FROM victim;--: ' mig/0002_rebuild.up.sql
check "no comment line ends inside the name" sh -c '! grep -q "^DELETE FROM victim;--\$" mig/0002_rebuild.up.sql'
expect_rc 0 "apply v2" "$DALGEN" migrate apply --db app.db --dir mig
check "victim keeps its rows" test "$(q app.db 'SELECT count(*) FROM victim')" = 2
check "the rebuilt table keeps its row" test "$(q app.db "SELECT a FROM \"x${NL}DELETE FROM victim;--\"")" = 1
check "integrity_check" test "$(q app.db 'PRAGMA integrity_check')" = ok
expect_rc 0 "down" "$DALGEN" migrate down --db app.db --dir mig
check "victim keeps its rows after down" test "$(q app.db 'SELECT count(*) FROM victim')" = 2
cd .. || exit 1

# 1b. Names holding comment ends, newlines, quotes, trigraphs and a
#     preprocessor line: the generated C compiles strictly and the names reach
#     the SQL intact.
mkdir cnames && cd cnames || exit 1
cat > s.sql <<'SQL'
CREATE TABLE victim (id INTEGER PRIMARY KEY, v TEXT);
CREATE TABLE "x*/
#error boom
/* ??/ \ ""q" (id INTEGER PRIMARY KEY, "a
*/ #error b ??=" TEXT DEFAULT '*/
\??/ "' CHECK ("a
*/ #error b ??=" <> '"*/'));
SQL
mkdir -p mig && printf 'CREATE TABLE m (id INTEGER PRIMARY KEY);\n' > 'mig/0001_a"b??=\\n.up.sql'
"$DALGEN" migrate hash --dir mig >/dev/null 2>&1
expect_rc 0 "generate with hostile names" "$DALGEN" generate s.sql --migrations mig --prefix db --out gen
for std in c99 c11; do
    check "hostile names compile with -std=$std" "$CC" -std=$std -Wall -Wextra -Wpedantic -Wconversion -Werror \
        -I"$INC" -c gen/db.c -o db_$std.o
done
cd .. || exit 1

# 1c. What the identifier property test (names.py) found: a name holding a
#     Unicode bidirectional control (U+202E) written raw into C comments
#     (gcc: -Wbidi-chars, an error); a key column named `patch`, the
#     parameter of update_patch; a named query longer than 4,095 characters
#     (-Woverlength-strings under -std=c99 -Wpedantic); a column name holding
#     a newline made a patch SET term two literals, which clang took for a
#     missing comma (-Wstring-concatenation).  The C compiles strictly with
#     the test's compiler and with clang.
mkdir found && cd found || exit 1
RLO=$(printf '\342\200\256')
LONG=$(awk 'BEGIN { for (i = 0; i < 200; i++) printf "people"; }')
cat > s.sql <<SQL
CREATE TABLE "v${RLO}x" (id INTEGER PRIMARY KEY, "a${RLO}b" TEXT);
CREATE TABLE k (patch INTEGER PRIMARY KEY, "x
y" TEXT, z TEXT, w TEXT);
CREATE TABLE "$LONG" (id INTEGER PRIMARY KEY, "$LONG" TEXT);
SQL
cat > q.sql <<SQL
-- name: Long :many
SELECT * FROM "$LONG" WHERE "$LONG" = ?;
SQL
expect_rc 0 "generate with the names found" "$DALGEN" generate s.sql --queries q.sql --prefix db --out gen
for cc in "$CC" $(command -v clang); do
    for std in c99 c11; do
        check "the names found compile with $cc -std=$std" "$cc" -std=$std -Wall -Wextra -Wpedantic -Wconversion \
            -Werror -I"$INC" -c gen/db.c -o db_$std.o
    done
done
check "a bidirectional control is shown, not written" grep -q '<U+202E>' gen/db.c
cd .. || exit 1

# 1d. Names longer than the 4,095 characters ISO C guarantees in a string
#     (names.py seed 91100): a CHECK's message, a read's "table.column"
#     label, a query column's label and a function's name in a message were
#     string literals past that length (-Woverlength-strings under
#     -Wpedantic).  Every literal is written by one escaper, which wraps a
#     long one in DAL_LONG_STRING; messages name their function by __func__.
mkdir long && cd long || exit 1
HUGE=$(awk 'BEGIN { for (i = 0; i < 1000; i++) printf "lines"; }')
cat > s.sql <<SQL
CREATE TABLE "t$HUGE" (
  id INTEGER PRIMARY KEY,
  "$HUGE" TEXT CHECK (length("$HUGE") < 10),
  created_at TEXT -- @timestamp created
);
SQL
cat > q.sql <<SQL
-- name: Huge :many
SELECT id AS "$HUGE" FROM "t$HUGE";
SQL
expect_rc 0 "migrate new with names of 5,000 bytes" "$DALGEN" migrate new init --dir mig s.sql
expect_rc 0 "generate with names of 5,000 bytes" "$DALGEN" generate s.sql --queries q.sql --migrations mig \
    --prefix db --out gen
for cc in "$CC" $(command -v clang); do
    for std in c99 c11; do
        check "names of 5,000 bytes compile with $cc -std=$std" "$cc" -std=$std -Wall -Wextra -Wpedantic \
            -Wconversion -Werror -I"$INC" -c gen/db.c -o db_$std.o
    done
done
check "a long literal is wrapped" grep -q 'DAL_LONG_STRING("t' gen/db.c
check "no warning is turned off for the file" sh -c '! grep -q "overlength" gen/db.c'
cd .. || exit 1

# 1e. A column's enum, P_<row>_<column>, named like a later table's row
#     struct (names.py seed 152420: `_ROWID_oid`.`oid` and `rowid_oidOid`)
#     or one of its functions (a_c's list): the enum steps aside as
#     P_<row>_<column>_enum.  An enum's constant that another enum of the
#     unit has gets _2.
mkdir enums && cd enums || exit 1
cat > s.sql <<'SQL'
CREATE TABLE a (id INTEGER PRIMARY KEY, b TEXT CHECK (b IN ('x', 'y')), c_list TEXT CHECK (c_list IN ('p', 'q')));
CREATE TABLE a_b (id INTEGER PRIMARY KEY);
CREATE TABLE a_c (id INTEGER PRIMARY KEY);
CREATE TABLE e (id INTEGER PRIMARY KEY, f TEXT CHECK (f IN ('g_h', 'z')), f_g TEXT CHECK (f_g IN ('h', 'w')));
SQL
expect_rc 0 "generate enums named like later rows" "$DALGEN" generate s.sql --prefix db --out gen
check "the enum named like a row struct steps aside" grep -q '^} db_a_b_enum;' gen/db.h
check "the enum named like a row's function steps aside" grep -q '^} db_a_c_list_enum;' gen/db.h
# and two enums' constants (DB_E_F + G_H, DB_E_F_G + H) are unique in the unit
check "a constant met in another enum steps aside" grep -q '^    DB_E_F_G_H_2 = 1,' gen/db.h
check "enums named like later rows compile" "$CC" -std=c11 -Wall -Wextra -Wpedantic -Wconversion -Werror \
    -I"$INC" -c gen/db.c -o db.o
cd .. || exit 1

# 2. An index on a double-quoted name that is no column yet indexes a
#    string; when the column arrives the plan re-creates the index, and the
#    database stays sound.
mkdir dqs && cd dqs || exit 1
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\nCREATE INDEX i ON t("status");\n' > v1.sql
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, status TEXT);\nCREATE INDEX i ON t("status");\n' > v2.sql
expect_rc 0 "migrate new v1" "$DALGEN" migrate new init --dir mig v1.sql
check "the constant index is a located warning" grep -q "^v1.sql:2:1: warning: index i: \"status\" names no column of t" err.txt
expect_rc 0 "apply v1" "$DALGEN" migrate apply --db app.db --dir mig
q app.db "INSERT INTO t (a) VALUES ('x'), ('y');"
expect_rc 0 "migrate new v2" "$DALGEN" migrate new status --dir mig v2.sql
check "the index is dropped first" grep -q '^DROP INDEX "i";' mig/0002_status.up.sql
check "and created again" grep -q '^CREATE INDEX i ON t("status");' mig/0002_status.up.sql
expect_rc 0 "apply v2" "$DALGEN" migrate apply --db app.db --dir mig
check "UPDATE of the new column" q app.db "UPDATE t SET status = 'on'"
check "integrity_check after the new column" test "$(q app.db 'PRAGMA integrity_check')" = ok
# The model printed as SQL says the same: the constant is +'status' (a lone
# 'status' in an index's list would name the column, or fail to load).
expect_rc 0 "schema --sql of the constant index" "$DALGEN" schema v1.sql --sql
cp out.txt model.sql
check "the constant is printed as a constant" grep -q "ON \"t\" (+'status');" model.sql
check "the model as SQL loads in SQLite" sh -c 'sqlite3 -bail m.db < model.sql'
expect_rc 0 "the model as SQL diffs empty against its source" "$DALGEN" diff --from v1.sql --to model.sql --exit-code
# The same fallback in a partial index's WHERE and in an expression term:
# when the column arrives (with a default, so that old rows satisfy the
# WHERE) the index is built again, or integrity_check finds rows missing.
printf 'CREATE TABLE u (id INTEGER PRIMARY KEY, a TEXT);\nCREATE INDEX uw ON u(a) WHERE "flag";\nCREATE INDEX ue ON u(lower("kind"));\n' > w1.sql
printf 'CREATE TABLE u (id INTEGER PRIMARY KEY, a TEXT, flag INTEGER NOT NULL DEFAULT 1, kind TEXT NOT NULL DEFAULT %s);\nCREATE INDEX uw ON u(a) WHERE "flag";\nCREATE INDEX ue ON u(lower("kind"));\n' "'K'" > w2.sql
expect_rc 0 "migrate new w1" "$DALGEN" migrate new w1 --dir migw w1.sql
expect_rc 0 "apply w1" "$DALGEN" migrate apply --db w.db --dir migw
q w.db "INSERT INTO u (a) VALUES ('x'), ('y');"
expect_rc 0 "migrate new w2" "$DALGEN" migrate new w2 --dir migw w2.sql
check "the partial index is dropped" grep -q '^DROP INDEX "uw";' migw/0002_w2.up.sql
check "the expression index is dropped" grep -q '^DROP INDEX "ue";' migw/0002_w2.up.sql
expect_rc 0 "apply w2" "$DALGEN" migrate apply --db w.db --dir migw
check "integrity_check after the columns arrive" test "$(q w.db 'PRAGMA integrity_check')" = ok
# And in a STORED generated column: the values stored were the string; once
# the column arrives they are computed from it (the table is rebuilt).
printf 'CREATE TABLE g (id INTEGER PRIMARY KEY, a TEXT, s TEXT AS ("flag") STORED);\n' > g1.sql
printf 'CREATE TABLE g (id INTEGER PRIMARY KEY, a TEXT, s TEXT AS ("flag") STORED, flag TEXT NOT NULL DEFAULT %s);\n' "'on'" > g2.sql
expect_rc 0 "migrate new g1" "$DALGEN" migrate new g1 --dir migg g1.sql
expect_rc 0 "apply g1" "$DALGEN" migrate apply --db g.db --dir migg
q g.db "INSERT INTO g (a) VALUES ('x');"
expect_rc 0 "migrate new g2" "$DALGEN" migrate new g2 --dir migg g2.sql
expect_rc 0 "apply g2" "$DALGEN" migrate apply --db g.db --dir migg
check "the stored column computed from the new column" test "$(q g.db 'SELECT s FROM g')" = on
expect_rc 0 "down to v1" "$DALGEN" migrate down --db app.db --dir mig
check "integrity_check after down" test "$(q app.db 'PRAGMA integrity_check')" = ok
expect_rc 0 "the folder replays to v2" "$DALGEN" diff --from mig --to v2.sql --exit-code
cd .. || exit 1

# 3. A rebuild keeps the rowids of a table with a column named rowid (through
#    an alias the table does not hide), and refuses when all three are hidden.
mkdir rowid && cd rowid || exit 1
printf 'CREATE TABLE t (a TEXT, rowid TEXT);\n' > v1.sql
printf 'CREATE TABLE t (a TEXT NOT NULL DEFAULT 1, rowid TEXT);\n' > v2.sql
expect_rc 0 "migrate new v1" "$DALGEN" migrate new init --dir mig v1.sql
expect_rc 0 "apply v1" "$DALGEN" migrate apply --db app.db --dir mig
q app.db "INSERT INTO t (_rowid_, a, rowid) VALUES (5, 'x', 'r5'), (9, NULL, 'r9');"
expect_rc 0 "migrate new v2 (a rebuild)" "$DALGEN" migrate new notnull --dir mig v2.sql --allow DOWN_CANNOT_RESTORE
expect_rc 0 "apply v2" "$DALGEN" migrate apply --db app.db --dir mig
check "rowids kept through the rebuild" test "$(q app.db 'SELECT group_concat(_rowid_ || rowid, ",") FROM t')" = "5r5,9r9"
printf 'CREATE TABLE t (a TEXT, rowid TEXT, oid TEXT, _rowid_ TEXT);\n' > w1.sql
printf 'CREATE TABLE t (a TEXT NOT NULL DEFAULT 1, rowid TEXT, oid TEXT, _rowid_ TEXT);\n' > w2.sql
expect_rc 1 "a rebuild that cannot keep rowids is refused" "$DALGEN" diff --from w1.sql --to w2.sql
check "located refusal" grep -q '^w2.sql:1:1: error: \[PLAN_CANNOT_APPLY\] table t is rebuilt, but its columns named rowid, _rowid_ and oid hide' err.txt
check "no SQL printed" test ! -s out.txt
cd .. || exit 1

# 5. Outputs are written as one unit: when the second file cannot be
#    written, the first is not either.
mkdir atomic && cd atomic || exit 1
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY);\n' > s1.sql
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\n' > s2.sql
mkdir -p out/db.c
expect_rc 1 "generate: db.c is a folder" "$DALGEN" generate s1.sql --prefix db --out out
check "generate names the file at fault" grep -q '^out/db.c: error: cannot write: Is a directory' err.txt
check "generate wrote no db.h" test ! -e out/db.h
check "generate left no temporary" test "$(ls out)" = db.c
rmdir out/db.c
expect_rc 0 "generate" "$DALGEN" generate s1.sql --prefix db --out out
cp out/db.h h.before
mkdir -p out2/db.c && cp out/db.h out2/db.h
expect_rc 1 "generate over an older db.h, db.c a folder" "$DALGEN" generate s2.sql --prefix db --out out2
check "the older db.h is kept" cmp -s h.before out2/db.h
expect_rc 0 "migrate new init" "$DALGEN" migrate new init --dir mig s1.sql
cp mig/dalgen.sum sum.before
mkdir mig/0002_two.down.sql
expect_rc 1 "migrate new: the down file is a folder" "$DALGEN" migrate new two --dir mig s2.sql
check "migrate new wrote no up file" test ! -e mig/0002_two.up.sql
check "dalgen.sum unchanged" cmp -s sum.before mig/dalgen.sum
rmdir mig/0002_two.down.sql
# status reads an existing database only: apply creates it, then status
# verifies the folder's sums against what was applied.
expect_rc 0 "the folder still applies" "$DALGEN" migrate apply --db st.db --dir mig
expect_rc 0 "the folder still verifies" "$DALGEN" migrate status --db st.db --dir mig
expect_rc 0 "migrate new after the failure" "$DALGEN" migrate new two --dir mig s2.sql
check "up written" test -f mig/0002_two.up.sql
expect_rc 0 "apply both" "$DALGEN" migrate apply --db app.db --dir mig
cd .. || exit 1

# 6. Plans that can never apply are refused before anything is written, and
#    a foreign key SQLite would reject at every write is an error at load.
mkdir never && cd never || exit 1
printf 'CREATE TABLE users (id INTEGER PRIMARY KEY);\n' > a1.sql
printf -- '-- @renamed_from users\nCREATE TABLE Users (id INTEGER PRIMARY KEY, n TEXT);\n' > a2.sql
expect_rc 0 "migrate new a1" "$DALGEN" migrate new init --dir mig a1.sql
expect_rc 1 "a case-only table rename is refused" "$DALGEN" migrate new rename --dir mig a2.sql
check "located refusal of the case-only rename" grep -q '^a2.sql:2:1: error: \[PLAN_CANNOT_APPLY\] table users is renamed to Users, which differs only in case' err.txt
check "nothing written for it" test ! -e mig/0002_rename.up.sql
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\nCREATE TABLE _dalgen_new_t (x);\n' > b1.sql
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 1);\nCREATE TABLE _dalgen_new_t (x);\n' > b2.sql
expect_rc 0 "migrate new b1" "$DALGEN" migrate new init --dir migb b1.sql
expect_rc 0 "apply b1" "$DALGEN" migrate apply --db b.db --dir migb
q b.db "INSERT INTO t (a) VALUES (NULL); INSERT INTO _dalgen_new_t VALUES ('mine');"
expect_rc 0 "migrate new b2: a table named like the rebuild's temporary" "$DALGEN" migrate new notnull --dir migb b2.sql --allow DOWN_CANNOT_RESTORE
check "the temporary name is another" grep -q '^CREATE TABLE "_dalgen_new_t_2"' migb/0002_notnull.up.sql
expect_rc 0 "apply b2" "$DALGEN" migrate apply --db b.db --dir migb
check "the other table keeps its row" test "$(q b.db 'SELECT x FROM _dalgen_new_t')" = mine
check "t rebuilt" test "$(q b.db 'SELECT a FROM t')" = 1
printf 'CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT);\nCREATE TABLE c (id INTEGER PRIMARY KEY, pc TEXT REFERENCES p(code));\n' > c1.sql
expect_rc 1 "a foreign key to a column that is not UNIQUE" "$DALGEN" migrate new fk --dir migc c1.sql
check "located foreign key mismatch" grep -q '^c1.sql:2:49: error: foreign key of c references p(code), which is neither the PRIMARY KEY of p nor UNIQUE' err.txt
check "nothing written for the mismatch" test ! -e migc
printf 'CREATE TABLE p (id INTEGER, code TEXT);\nCREATE TABLE c (pc REFERENCES p);\n' > c2.sql
expect_rc 1 "a foreign key to a parent without a PRIMARY KEY" "$DALGEN" schema c2.sql
check "located: no PRIMARY KEY" grep -q '^c2.sql:2:20: error: foreign key of c references p(its PRIMARY KEY), but p has no PRIMARY KEY' err.txt
printf 'CREATE TABLE p (id INTEGER, code TEXT UNIQUE);\nCREATE TABLE c (pc REFERENCES p(code), x REFERENCES nowhere(y));\n' > c3.sql
expect_rc 0 "UNIQUE parent and a missing parent table are no mismatch" "$DALGEN" schema c3.sql
# A swap of two table names goes through a temporary name the schema does
# not hold (it went through _dalgen_swap_red whatever the schema held: the
# plan written could never apply).
printf 'CREATE TABLE red (id INTEGER PRIMARY KEY, r TEXT);\nCREATE TABLE blue (id INTEGER PRIMARY KEY, b TEXT);\nCREATE TABLE _dalgen_swap_red (v TEXT);\n' > d1.sql
printf -- '-- @renamed_from red\nCREATE TABLE blue (id INTEGER PRIMARY KEY, r TEXT);\n-- @renamed_from blue\nCREATE TABLE red (id INTEGER PRIMARY KEY, b TEXT);\nCREATE TABLE _dalgen_swap_red (v TEXT);\n' > d2.sql
expect_rc 0 "migrate new d1" "$DALGEN" migrate new init --dir migd d1.sql
expect_rc 0 "apply d1" "$DALGEN" migrate apply --db d.db --dir migd
q d.db "INSERT INTO red (r) VALUES ('r1'); INSERT INTO blue (b) VALUES ('b1'); INSERT INTO _dalgen_swap_red VALUES ('mine');"
expect_rc 0 "migrate new d2: a swap whose temporary name is taken" "$DALGEN" migrate new swap --dir migd d2.sql
check "the swap goes through a free name" grep -q '^ALTER TABLE "red" RENAME TO "_dalgen_swap_red_2";' migd/0002_swap.up.sql
expect_rc 0 "apply d2" "$DALGEN" migrate apply --db d.db --dir migd
check "the rows swapped with their tables" test "$(q d.db 'SELECT r FROM blue; SELECT b FROM red; SELECT v FROM _dalgen_swap_red')" = "r1${NL}b1${NL}mine"
# A swap whose names hold `*/`: the `@renamed_from` recorded in the rebuilt
# table's CREATE text closed its block comment early (a plan that could
# never apply, refused); it is recorded as a line comment, and reads back.
printf 'CREATE TABLE victim (v TEXT);\nCREATE TABLE red (id INTEGER PRIMARY KEY, r TEXT);\nCREATE TABLE "x*/ (id INTEGER); DELETE FROM victim; /*" (id INTEGER PRIMARY KEY, b TEXT);\n' > e1.sql
printf 'CREATE TABLE victim (v TEXT);\n-- @renamed_from red\nCREATE TABLE "x*/ (id INTEGER); DELETE FROM victim; /*" (id INTEGER PRIMARY KEY, r TEXT);\n-- @renamed_from x*/ (id INTEGER); DELETE FROM victim; /*\nCREATE TABLE red (id INTEGER PRIMARY KEY, b TEXT);\n' > e2.sql
expect_rc 0 "migrate new e1" "$DALGEN" migrate new init --dir mige e1.sql
expect_rc 0 "apply e1" "$DALGEN" migrate apply --db e.db --dir mige
q e.db "INSERT INTO victim VALUES ('keep'); INSERT INTO red (r) VALUES ('r1'); INSERT INTO \"x*/ (id INTEGER); DELETE FROM victim; /*\" (b) VALUES ('b1');"
expect_rc 0 "migrate new e2: a swap of names holding */" "$DALGEN" migrate new swap --dir mige e2.sql
expect_rc 0 "apply e2" "$DALGEN" migrate apply --db e.db --dir mige
check "the swap of names holding */ moved the rows" test "$(q e.db 'SELECT v FROM victim; SELECT b FROM red; SELECT r FROM "x*/ (id INTEGER); DELETE FROM victim; /*"')" = "keep${NL}b1${NL}r1"
expect_rc 0 "the swapped database diffs empty against e2" "$DALGEN" diff --from e.db --to e2.sql --exit-code
expect_rc 0 "down the swap" "$DALGEN" migrate down --db e.db --dir mige
expect_rc 0 "down diffs empty against e1" "$DALGEN" diff --from e.db --to e1.sql --exit-code
cd .. || exit 1

# 4. Expressions deeper than SQLite's limit (1000) are a located error, not
#    a stack overflow: flat chains of 100,000 terms in a query, a WHERE, a
#    CHECK and a view.
mkdir deep && cd deep || exit 1
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);\n' > s.sql
chain() {   # chain N SEP TERM: TERM SEP TERM ... (N terms), printed term by term
    # (appending to one awk string copies it each time: minutes for 100,000)
    awk -v n="$1" -v sep="$2" -v term="$3" 'BEGIN { printf "%s", term; for (i = 1; i < n; i++) printf "%s%s", sep, term; print "" }'
}
{ echo '-- name: Deep :one'; echo "SELECT $(chain 100000 + 1) AS x FROM t;"; } > q1.sql
{ echo '-- name: DeepWhere :many'; echo 'SELECT id FROM t'; echo "WHERE $(chain 100000 ' AND ' 'a = 1');"; } > q2.sql
echo "CREATE TABLE c (a INTEGER CHECK ($(chain 100000 + a) > 0));" > s2.sql
{ cat s.sql; echo "CREATE VIEW v AS SELECT $(chain 100000 + a) AS x FROM t;"; } > s3.sql
for args in "s.sql --queries q1.sql" "s.sql --queries q2.sql" "s2.sql" "s3.sql"; do
    expect_rc 1 "deep expression ($args)" "$DALGEN" generate $args --prefix db --out gen
    check "located depth error ($args)" grep -q '^[a-z0-9]*\.sql:[0-9]*:[0-9]*: error: [Ee]xpression tree is too large (maximum depth 1000' err.txt
done
cd .. || exit 1

# 7. No parameter of a generated function hides what the generated code
#    uses: key columns named like libdal's and SQLite's types, the C library
#    functions it calls and its own row typedefs; and no prefix makes a
#    header that hides one it includes.
mkdir shadow && cd shadow || exit 1
cat > s.sql <<'SQL'
CREATE TABLE item (app_item INTEGER PRIMARY KEY, strlen TEXT, memcpy INTEGER, dal_db TEXT);
CREATE TABLE t2 (dal_arena INTEGER, sqlite3_stmt INTEGER, app_t2 TEXT, PRIMARY KEY (dal_arena, sqlite3_stmt));
CREATE TABLE t3 (strlen TEXT PRIMARY KEY, memcpy BLOB UNIQUE) WITHOUT ROWID;
SQL
cat > q.sql <<'SQL'
-- name: ByKeys :one
SELECT * FROM item WHERE memcpy = ? AND strlen = ? AND dal_db = sqlc.arg(dal_db);
-- name: Many :many
SELECT * FROM t2 WHERE dal_arena IN (sqlc.slice(sqlite3_stmt)) AND app_t2 = sqlc.arg(memcpy);
SQL
expect_rc 0 "generate with shadowing names" "$DALGEN" generate s.sql --queries q.sql --prefix app --out gen
for std in c99 c11; do
    check "shadowing names compile with -std=$std" "$CC" -std=$std -Wall -Wextra -Wpedantic -Wconversion \
        -Werror -I"$INC" -c gen/app.c -o app_$std.o
done
for p in dal DAL dal_pg sqlite3 stdint; do
    expect_rc 2 "--prefix $p is refused" "$DALGEN" generate s.sql --prefix "$p" --out gen_$p
    check "--prefix $p: reason given" grep -q "^dalgen generate: --prefix '$p' is reserved" err.txt
    check "--prefix $p: nothing written" test ! -e gen_$p
done
printf 'version: 1\nschema: s.sql\nprefix: sqlite3\nout: genc\n' > dalgen.yaml
expect_rc 1 "a config's prefix sqlite3 is refused" "$DALGEN" generate --config dalgen.yaml
check "located: the config's prefix" grep -q "^dalgen.yaml:1:1: error: prefix 'sqlite3' is reserved" err.txt
cd .. || exit 1

# 8. A NUL byte in a migration is an error (the runner takes C strings: what
#    followed it was silently dropped, though the checksum covered it); down
#    says how many migrations it reverted, not how many were asked for.
mkdir nul && cd nul || exit 1
mkdir mig && printf 'CREATE TABLE a (x);\n\000DROP TABLE a;\n' > mig/0001_a.up.sql
expect_rc 1 "migrate hash refuses a NUL byte" "$DALGEN" migrate hash --dir mig
check "located NUL byte" grep -q '^mig/0001_a.up.sql:2:1: error: a NUL byte' err.txt
expect_rc 1 "migrate apply refuses a NUL byte" "$DALGEN" migrate apply --db n.db --dir mig
# A file name holding a newline or another control character is no
# migration file name: `hash` wrote its name into dalgen.sum raw, and every
# later command then failed on the sum it had written.
mkdir migc && printf 'CREATE TABLE m (x);\n' > "migc/0001_a${NL}b.up.sql"
expect_rc 1 "migrate hash refuses a file name holding a newline" "$DALGEN" migrate hash --dir migc
check "located: not a migration file name" grep -q '^migc/0001_a\\nb.up.sql:1:1: error: not a migration file name' err.txt
check "no dalgen.sum written" test ! -e migc/dalgen.sum
mkdir mig2 && echo 'CREATE TABLE a (x);' > mig2/0001_a.up.sql && echo 'DROP TABLE a;' > mig2/0001_a.down.sql
"$DALGEN" migrate hash --dir mig2 >/dev/null 2>&1
expect_rc 0 "apply one" "$DALGEN" migrate apply --db d.db --dir mig2
expect_rc 0 "down --steps 5 with one applied" "$DALGEN" migrate down --db d.db --dir mig2 --steps 5
check "says one was reverted" grep -q '^reverted 1 migration$' out.txt
expect_rc 0 "down again, nothing applied" "$DALGEN" migrate down --db d.db --dir mig2 --steps 5
check "says none was reverted" grep -q '^reverted 0 migrations$' out.txt
cd .. || exit 1

# 9. A schema statement that never ends (a recursive CTE without a stop, in
#    an INSERT or a SELECT) is stopped with a located error: every command
#    that loaded the schema hung.
mkdir endless && cd endless || exit 1
printf 'CREATE TABLE t (x);\nINSERT INTO t WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM c) SELECT n FROM c;\n' > s1.sql
printf 'CREATE TABLE t (x);\nWITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM c) SELECT n FROM c;\n' > s2.sql
for f in s1.sql s2.sql; do
    expect_rc 1 "an endless statement ($f) is stopped" timeout 300 "$DALGEN" schema "$f"
    check "located stop ($f)" grep -q "^$f:2:1: error: the statement was stopped after 50 million SQLite steps" err.txt
done
cd .. || exit 1

echo "reliability.cli: $fails failure(s)"
[ "$fails" = 0 ]
