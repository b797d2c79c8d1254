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
expect_rc 0 "migrate new v2 (a rebuild)" "$DALGEN" migrate new rebuild --dir mig v2.sql
check "each diagnostic is one line" sh -c '! grep -qv "^warning: " err.txt'
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
expect_rc 0 "migrate new v2 (a rebuild)" "$DALGEN" migrate new notnull --dir mig v2.sql
expect_rc 0 "apply v2" "$DALGEN" migrate apply --db app.db --dir mig
check "rowids kept through the rebuild" test "$(q app.db 'SELECT group_concat(_rowid_ || rowid, ",") FROM t')" = "5r5,9r9"
printf 'CREATE TABLE t (a TEXT, rowid TEXT, oid TEXT, _rowid_ TEXT);\n' > w1.sql
printf 'CREATE TABLE t (a TEXT NOT NULL DEFAULT 1, rowid TEXT, oid TEXT, _rowid_ TEXT);\n' > w2.sql
expect_rc 1 "a rebuild that cannot keep rowids is refused" "$DALGEN" diff --from w1.sql --to w2.sql
check "located refusal" grep -q '^w2.sql:1:1: error: \[PLAN_CANNOT_APPLY\] table t is rebuilt, but its columns named rowid, _rowid_ and oid hide' err.txt
check "no SQL printed" test ! -s out.txt
cd .. || exit 1

echo "reliability.cli: $fails failure(s)"
[ "$fails" = 0 ]
