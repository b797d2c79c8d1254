#!/bin/sh
# The command line with a config file: --config on generate and check, a flag
# winning over the file's key, ./dalgen.yaml found when no schema is given,
# --Werror (warnings fail, notes do not), an override changing a column's C
# type, located errors of the file, and --help naming the new options.
#   cli.sh DALGEN WORKDIR [libclang]
set -u
dalgen=$1 work=$2 clang=${3:-}
rm -rf "$work" && mkdir -p "$work/p/queries"
fail() { echo "FAILED: $*"; exit 1; }
cd "$work" || exit 1

printf 'CREATE TABLE users (id INTEGER PRIMARY KEY, c INTEGER, note TEXT);\n' > p/schema.sql
printf -- '-- name: GetUser :one\nSELECT * FROM users WHERE id = ?;\n' > p/queries/q.sql
cat > p/dalgen.yaml <<'EOF'
version: 1
schema: schema.sql
queries: [queries/]
prefix: app
out: gen
options:
  singularize: false
  query_parameter_limit: 0
overrides:
  - column: users.c
    c_type: text
EOF

# the file alone: paths relative to the file's folder, its options and overrides
"$dalgen" generate --config p/dalgen.yaml 2>err || fail "config: exit $? ($(cat err))"
[ -f p/gen/app.h ] || fail "config: p/gen/app.h not written"
grep -q 'struct app_users {' p/gen/app.h || fail "config: options.singularize false ignored"
grep -Eq '^ *const char \*c; ' p/gen/app.h || fail "config: override users.c -> text ignored"
grep -q 'app_get_user(' p/gen/app.h || fail "config: queries not read"
grep -q 'int app_get_user(dal_db \*db, const app_get_user_params \*params, app_users \*out' p/gen/app.h ||
  fail "config: options.query_parameter_limit 0 ignored (no params struct)"
"$dalgen" check --config p/dalgen.yaml >out 2>err || fail "check --config: exit $? ($(cat out err))"

# flags win over the file: prefix, out, schema, --no-singularize is no-op here, queries
printf 'CREATE TABLE posts (id INTEGER PRIMARY KEY, c INTEGER);\n' > other.sql
"$dalgen" generate --config p/dalgen.yaml --prefix other --out o2 2>err || fail "flags: exit $? ($(cat err))"
[ -f o2/other.h ] || fail "flags: --prefix/--out did not win"
[ -e o2/app.h ] && fail "flags: the file's prefix was used"
grep -Eq 'const char \*c; ' o2/other.h || fail "flags: the file's overrides lost"
printf 'version: 1\nschema: schema.sql\nprefix: app\nout: gen\noptions: {timestamps: true}\n' > p/plain.yaml
"$dalgen" generate --config p/plain.yaml other.sql --prefix o --out o3 2>err || fail "schema flag: exit $? ($(cat err))"
grep -q 'struct o_post {' o3/o.h || fail "schema flag: the command line's schema did not win"
grep -q 'users' o3/o.h && fail "schema flag: the file's schema was read too"

# ./dalgen.yaml when no schema source and no --config is given
(cd p && "$dalgen" generate --prefix found --out auto 2>../err) || fail "discovery: exit $? ($(cat err))"
[ -f p/auto/found.h ] || fail "discovery: ./dalgen.yaml not read"
mkdir -p empty
(cd empty && "$dalgen" generate --prefix x --out y 2>../err); rc=$?
[ $rc -eq 2 ] || fail "no dalgen.yaml: exit $rc, want 2"
grep -q 'no schema source given' err || fail "no dalgen.yaml: $(cat err)"
(cd p && "$dalgen" check >../out 2>../err) || fail "check discovery: exit $? ($(cat out err))"

# --Werror: an unknown annotation is a warning
printf 'CREATE TABLE w (id INTEGER PRIMARY KEY, v TEXT -- @bogus x\n);\n' > warn.sql
"$dalgen" generate warn.sql --prefix w --out ow 2>err || fail "warning: exit $?"
grep -q 'warning:' err || fail "warn.sql gives no warning: $(cat err)"
rm -rf ow
"$dalgen" generate warn.sql --prefix w --out ow --Werror 2>err; rc=$?
[ $rc -eq 1 ] || fail "--Werror: exit $rc, want 1"
grep -q 'error: 1 warning treated as error (--Werror)' err || fail "--Werror: $(cat err)"
[ -e ow/w.h ] && fail "--Werror: output written"
"$dalgen" generate warn.sql --prefix w --out ow 2>/dev/null || fail "warning again: exit $?"
"$dalgen" check warn.sql --prefix w --out ow --Werror >out 2>err; rc=$?
[ $rc -eq 1 ] || fail "check --Werror: exit $rc, want 1"
"$dalgen" check warn.sql --prefix w --out ow >out 2>err || fail "check without --Werror: exit $?"

# a foreign key to a missing table: a located warning at load (schema), an
# error in generate (nothing written), generated with --allow-dangling-fk
printf 'CREATE TABLE child (id INTEGER PRIMARY KEY,\n  p INTEGER REFERENCES parent(id));\n' > dangling.sql
"$dalgen" schema dangling.sql >out 2>err || fail "schema with a dangling FK: exit $?"
grep -q '^dangling.sql:2:[0-9]*: warning: foreign key of child references parent, which is not a table' err ||
    fail "dangling FK: no located warning: $(cat err)"
"$dalgen" generate dangling.sql --prefix dfk --out odfk 2>err; rc=$?
[ $rc -eq 1 ] || fail "generate with a dangling FK: exit $rc, want 1"
grep -q '^dangling.sql:2:[0-9]*: error: foreign key of child references the missing table parent.*--allow-dangling-fk' err ||
    fail "dangling FK: no located error: $(cat err)"
[ -e odfk ] && fail "dangling FK: output written"
"$dalgen" generate dangling.sql --prefix dfk --out odfk --allow-dangling-fk 2>err || fail "--allow-dangling-fk: exit $?"
[ -f odfk/dfk.h ] || fail "--allow-dangling-fk: nothing written"
"$dalgen" check dangling.sql --prefix dfk --out odfk --allow-dangling-fk >out 2>err || fail "check --allow-dangling-fk: exit $?"
"$dalgen" generate --help | grep -q -- '--allow-dangling-fk' || fail "generate --help lacks --allow-dangling-fk"

# notes are not warnings: a sqlc.yaml with an ignored option passes --Werror
cat > p/sqlc.yaml <<'EOF'
version: "2"
sql:
  - engine: sqlite
    schema: schema.sql
    queries: queries
    gen:
      go:
        package: sq
        out: sqlc-gen
        emit_json_tags: true
        overrides:
          - column: users.c
            go_type: string
EOF
"$dalgen" generate --config p/sqlc.yaml --Werror 2>err || fail "sqlc --Werror: exit $? ($(cat err))"
grep -q "p/sqlc.yaml:10:9: note: 'emit_json_tags' is ignored (a Go option)" err || fail "sqlc note: $(cat err)"
[ -f p/sqlc-gen/sq.h ] || fail "sqlc: p/sqlc-gen/sq.h not written"
grep -Eq '^ *const char \*c; ' p/sqlc-gen/sq.h || fail "sqlc: go_type string override on users.c ignored"

printf 'version: "2"\nsql:\n  - engine: sqlite\n    schema: schema.sql\n    queries: queries\n' > p/sqlc-nogen.yaml
"$dalgen" generate --config p/sqlc-nogen.yaml 2>err; rc=$?
[ $rc -eq 1 ] || fail "sqlc without gen: exit $rc, want 1"
[ "$(cat err)" = "p/sqlc-nogen.yaml:3:5: error: missing required key 'gen.go.package'
p/sqlc-nogen.yaml:3:5: error: missing required key 'gen.go.out'" ] || fail "sqlc without gen: $(cat err)"

# errors of the file: located, exit 1, nothing written
printf 'version: 1\nschema: schema.sql\nout: gen9\n' > p/noprefix.yaml
"$dalgen" generate --config p/noprefix.yaml 2>err; rc=$?
[ $rc -eq 1 ] || fail "missing prefix: exit $rc, want 1"
[ "$(cat err)" = "p/noprefix.yaml:1:1: error: missing required key 'prefix'" ] || fail "missing prefix: $(cat err)"
"$dalgen" generate --config p/noprefix.yaml --prefix given 2>err || fail "prefix by flag: exit $? ($(cat err))"
[ -f p/gen9/given.h ] || fail "prefix by flag: not written"
printf 'version: 1\nengine: postgresql\nschema: schema.sql\nprefix: a\nout: pg\n' > p/pg.yaml
env -u DALGEN_PG_SERVER "$dalgen" generate --config p/pg.yaml 2>err; rc=$?
[ $rc -eq 1 ] || fail "postgresql: exit $rc, want 1"
grep -qF "PostgreSQL DDL is typed by a server: give --pg-server URL" err || fail "postgresql: $(cat err)"
[ -e p/pg ] && fail "postgresql: output written"
printf 'version: 1\nschema: schema.sql\nprefix: a\nout: gen8\noverides: []\n' > p/typo.yaml
"$dalgen" generate --config p/typo.yaml 2>err; rc=$?
[ $rc -eq 1 ] || fail "typo: exit $rc, want 1"
[ "$(cat err)" = "p/typo.yaml:5:1: error: unknown key 'overides'; did you mean 'overrides'?" ] || fail "typo: $(cat err)"
[ -e p/gen8 ] && fail "typo: output written"
printf 'version: 1\nschema: schema.sql\nprefix: a\nout: gen7\noverrides:\n  - column: users.cc\n    c_type: text\n' > p/col.yaml
"$dalgen" generate --config p/col.yaml 2>err; rc=$?
[ $rc -eq 1 ] || fail "unknown column: exit $rc, want 1"
[ "$(cat err)" = "p/col.yaml:6:5: error: table 'users' has no column 'cc'; did you mean 'c'?" ] || fail "unknown column: $(cat err)"
"$dalgen" generate --config nowhere.yaml 2>err; rc=$?
[ $rc -eq 1 ] || fail "missing file: exit $rc, want 1"
grep -q '^nowhere.yaml: error: cannot read the config file' err || fail "missing file: $(cat err)"
for opt in --config --queries --prefix --depfile; do
  "$dalgen" generate $opt 2>err; rc=$?
  [ $rc -eq 2 ] || fail "$opt without a value: exit $rc, want 2"
  grep -q -- "$opt needs a value" err || fail "$opt without a value: $(cat err)"
done

# --help names the new options
for cmd in generate check; do
  "$dalgen" $cmd --help | grep -q -- '--config FILE' || fail "$cmd --help: no --config"
  "$dalgen" $cmd --help | grep -q -- '--Werror' || fail "$cmd --help: no --Werror"
done
for cmd in diff api-diff; do
  "$dalgen" $cmd --help | grep -q -- '--config FILE' || fail "$cmd --help: no --config"
done

# diff --api takes the prefix, queries and overrides from the file
if [ "$clang" = libclang ]; then
  printf 'CREATE TABLE users (id INTEGER PRIMARY KEY, c INTEGER, note TEXT, extra TEXT);\n' > p/schema2.sql
  "$dalgen" diff --from p/schema.sql --to p/schema2.sql --api --config p/dalgen.yaml >out 2>err \
    || fail "diff --api --config: exit $? ($(cat err))"
  grep -q -- '-- API of the generated app.h' out || fail "diff --api --config: prefix not from the file: $(cat out)"
  grep -q 'extra' out || fail "diff --api --config: no change shown: $(cat out)"
  "$dalgen" api-diff p/gen/app.h p/gen/app.h --config p/dalgen.yaml >out 2>err || fail "api-diff --config: exit $?"
fi
echo "ok: config on the command line"
