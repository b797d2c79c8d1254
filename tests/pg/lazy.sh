#!/bin/sh
# pg.lazy: libpq and libpg_query are loaded only by the commands that need
# PostgreSQL (generator/util/pq_dl.h); no server needed.
#   lazy.sh DALGEN
set -u
dalgen=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
nowhere=postgresql://127.0.0.1:1/nowhere   # refused at once: the library is loaded first

# 1. The executable does not link them ...
readelf -d "$dalgen" > "$tmp/dyn" || fail "readelf -d $dalgen"
if grep NEEDED "$tmp/dyn" | grep -Eq 'libpq|libpg_query'; then
  grep NEEDED "$tmp/dyn"; fail "dalgen links libpq or libpg_query"
fi
# ... and SQLite commands never map them (the loader lists every library it
# loads under LD_DEBUG=libs).
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n' > "$tmp/s.sql"
for args in "--help" "schema $tmp/s.sql --json" "generate $tmp/s.sql --out $tmp/gen --prefix t" \
            "diff --from $tmp/s.sql --to $tmp/s.sql"; do
  # shellcheck disable=SC2086
  LD_DEBUG=libs "$dalgen" $args > "$tmp/out" 2> "$tmp/ld" || fail "dalgen $args: exit $?"
  if grep -Eq 'libpq|libpg_query' "$tmp/ld"; then fail "dalgen $args loaded libpq or libpg_query"; fi
done
# ... while a PostgreSQL command does (so the check above can fail).
printf 'CREATE TABLE t (id bigint PRIMARY KEY, name text NOT NULL);\n' > "$tmp/p.sql"
LD_DEBUG=libs "$dalgen" schema "$tmp/p.sql" --engine postgresql --pg-server $nowhere > "$tmp/out" 2> "$tmp/ld"
grep -q 'libpq\.so' "$tmp/ld" || fail "schema on PostgreSQL did not load libpq"
grep -q 'libpg_query' "$tmp/ld" || fail "schema on PostgreSQL did not load libpg_query"

# 2. A library that cannot be loaded is a located error, exit 1, nothing written.
expect_unloadable() {   # VAR VALUE WHAT LOC ARGS...
  var=$1 val=$2 what=$3 loc=$4
  shift 4
  env "$var=$val" "$dalgen" "$@" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  [ $rc = 1 ] || { cat "$tmp/err"; fail "$var=$val dalgen $*: exit $rc, want 1"; }
  grep -q "^$loc: error: $what is needed here (PostgreSQL) and could not be loaded ($val" "$tmp/err" \
    || { cat "$tmp/err"; fail "$var=$val dalgen $*: wrong message"; }
  grep -q "set $var to its path" "$tmp/err" || fail "$var=$val dalgen $*: no hint"
}
expect_unloadable DALGEN_LIBPQ /nonexistent/libpq.so libpq "$tmp/p.sql" \
  generate "$tmp/p.sql" --engine postgresql --pg-server $nowhere --out "$tmp/pg" --prefix t
[ ! -e "$tmp/pg" ] || [ -z "$(ls -A "$tmp/pg")" ] || fail "unloadable libpq: files written"
expect_unloadable DALGEN_LIBPG_QUERY /nonexistent/libpg_query.so libpg_query "$tmp/p.sql" \
  schema "$tmp/p.sql" --engine postgresql --pg-server $nowhere
expect_unloadable DALGEN_LIBPQ /nonexistent/libpq.so libpq $nowhere schema $nowhere
mkdir "$tmp/mig"
expect_unloadable DALGEN_LIBPQ /nonexistent/libpq.so libpq $nowhere migrate apply --dir "$tmp/mig" --db $nowhere
# a library without libpq's functions
env DALGEN_LIBPQ="$(grep -o '/[^ ]*libsqlite3[^ ]*' "$tmp/ld" | head -n 1)" "$dalgen" schema "$tmp/p.sql" \
  --engine postgresql --pg-server $nowhere > "$tmp/out" 2> "$tmp/err"
[ $? = 1 ] || fail "libpq lacking functions: exit status"
grep -q "p.sql: error: libpq (.*) lacks PQ[a-zA-Z]*: dalgen needs libpq 14 or later" "$tmp/err" \
  || { cat "$tmp/err"; fail "libpq lacking functions: wrong message"; }
echo ok
