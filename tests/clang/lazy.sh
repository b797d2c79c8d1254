#!/bin/sh
# clang.lazy: libclang is loaded only by the commands that need it.
#   lazy.sh DALGEN MODELS_DIR DAL_INC
set -u
dalgen=$1 models=$2 inc=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. Commands without a header never map libclang (the loader lists every
#    library it loads under LD_DEBUG=libs).
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n' > "$tmp/s.sql"
for args in "--help" "schema $tmp/s.sql --json" "generate $tmp/s.sql --out $tmp/gen --prefix t"; do
  # shellcheck disable=SC2086
  LD_DEBUG=libs "$dalgen" $args > "$tmp/out" 2> "$tmp/ld" || fail "dalgen $args: exit $?"
  if grep -q 'libclang' "$tmp/ld"; then fail "dalgen $args loaded libclang"; fi
done
# ... and a header command does (so the check above can fail)
LD_DEBUG=libs "$dalgen" schema --header "$models/models.h" --clang-arg "-I$inc" --json > "$tmp/out" 2> "$tmp/ld" \
  || fail "schema --header: exit $?"
grep -q 'libclang' "$tmp/ld" || fail "schema --header did not load libclang"

# 2. A libclang that cannot be loaded is a located error, nothing written.
DALGEN_LIBCLANG=/nonexistent/libclang.so "$dalgen" generate --header "$models/models.h" --clang-arg "-I$inc" \
  --out "$tmp/hdr" --prefix m > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc = 1 ] || fail "unloadable libclang: exit $rc, want 1"
grep -q "models.h: error: libclang is needed here and could not be loaded (/nonexistent/libclang.so" "$tmp/err" \
  || { cat "$tmp/err"; fail "unloadable libclang: wrong message"; }
[ ! -e "$tmp/hdr" ] || [ -z "$(ls -A "$tmp/hdr")" ] || fail "unloadable libclang: files written"
echo ok
