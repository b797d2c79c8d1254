#!/bin/sh
# readme_quickstart.sh DALGEN SRC_DIR BUILD_DIR SCRATCH
# The README's PostgreSQL quick start as written there (its two commands are
# read from README.md, with build/ meaning BUILD_DIR and gen-pg/ a folder of
# SCRATCH): generate with --pg-server auto, compile strictly; then the same
# generate without a server, from the typing snapshot, gives the same bytes.
set -eu
dalgen=$1 src=$2 build=$3 t=$4
rm -rf "$t" && mkdir -p "$t"
fail() { echo "FAIL: $*"; exit 1; }
# the block's command lines: continuation lines joined, comments dropped
sed -n '/^### PostgreSQL/,/^## /p' "$src/README.md" | sed -n '/^```sh$/,/^```$/p' | grep -v '^```' |
  grep -v '^#' | sed -e ':a' -e '/\\$/N; s/\\\n//; ta' > "$t/cmds"
[ "$(wc -l < "$t/cmds")" -eq 2 ] || fail "expected two commands in the README's PostgreSQL block: $(cat "$t/cmds")"
grep -q '^build/generator/dalgen generate --engine postgresql --pg-server auto ' "$t/cmds" ||
  fail "the first command is not a PostgreSQL generate: $(head -1 "$t/cmds")"
cd "$src"
sed -e "s#^build/generator/dalgen#$dalgen#" -e "s#-Ibuild/#-I$build/#g" -e "s#gen-pg#$t/gen-pg#g" "$t/cmds" > "$t/run.sh"
sh -e "$t/run.sh" || fail "the README's commands"
[ -f "$t/gen-pg/authors.o" ] || fail "no object compiled"
[ -f "$t/gen-pg/authors.pgtypes.json" ] || fail "no typing snapshot"
cp "$t/gen-pg/authors.c" "$t/authors.c.first"
# no server now: the snapshot types the same inputs
gen=$(head -1 "$t/run.sh" | sed 's# --pg-server auto##')
env -u DALGEN_PG_SERVER PGHOST=/nonexistent sh -c "$gen" || fail "generate from the snapshot without a server"
cmp "$t/authors.c.first" "$t/gen-pg/authors.c" || fail "the run from the snapshot differs"
echo "README PostgreSQL quick start: ok"
