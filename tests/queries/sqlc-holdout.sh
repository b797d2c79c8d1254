#!/bin/sh
# Holdout measurement (issue 16): sqlc's own SQLite end-to-end cases run
# through dalgen, as a user switching from sqlc would.  sqlc's files are not
# in this repository: fetch them into a folder of your own, one sub-folder per
# case, each holding query.sql (or a queries/ folder) and schema.sql (or a
# schema/ folder) as in sqlc's repository at
#   internal/endtoend/testdata/<case>/sqlite/[stdlib/]{query.sql,schema.sql}
# and, for a case sqlc refuses, its stderr.txt (only its presence is read).
#
#   tests/queries/sqlc-holdout.sh BUILD_DIR CASES_DIR [SCRATCH_DIR]
#
# For each case: `dalgen generate schema --queries query --prefix q`, then the
# output compiled with gcc and clang as C99 and C11 (-Wall -Wextra -Wpedantic
# -Wconversion -Werror).  A valid case (no stderr.txt) counts as ok when it
# generates and compiles everywhere; an invalid one when dalgen refuses it with
# a located error (`path:line:col: error:`).  A crash (exit status other than
# 0 and 1, a signal, or an ASan/UBSan report on stderr, for a BUILD_DIR
# configured with -DDALGEN_SANITIZE=ON) is always a failure.  Prints one line
# per case that is not ok and the figures; exits 1 when any case crashed.
set -u
build=$(cd "$1" && pwd) || exit 2
cases=$(cd "$2" && pwd) || exit 2
scratch=${3:-$(mktemp -d)}
src=$(cd "$(dirname "$0")/../.." && pwd)
dalgen=$build/generator/dalgen
incs="-I$src/runtime/include -I$build/runtime/include"
strict="-Wall -Wextra -Wpedantic -Wconversion -Werror"
compilers=""
for cc in gcc clang; do command -v $cc >/dev/null && compilers="${compilers:+$compilers }$cc"; done

first() { for f in "$@"; do [ -e "$f" ] && { echo "$f"; return; }; done; }
sanitizer() { grep -qE '(AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:)' "$1"; }

tried=0 valid=0 generated=0 compiled=0 invalid=0 located=0 crashes=0
for dir in $(find "$cases" -type d | sort); do
  q=$(first "$dir/query.sql" "$dir/queries")
  s=$(first "$dir/schema.sql" "$dir/schema")
  [ -n "$q" ] && [ -n "$s" ] || continue
  name=${dir#"$cases"/}
  out=$scratch/$(echo "$name" | tr / _)
  rm -rf "$out" && mkdir -p "$out"
  tried=$((tried + 1))
  (cd "$dir" && "$dalgen" generate "$s" --queries "$q" --prefix q --out "$out/c") >"$out/stdout" 2>"$out/stderr"
  rc=$?
  if { [ $rc -ne 0 ] && [ $rc -ne 1 ]; } || sanitizer "$out/stderr"; then
    crashes=$((crashes + 1))
    echo "CRASH    $name: exit $rc: $(head -n 1 "$out/stderr")"
    continue
  fi
  if [ -f "$dir/stderr.txt" ]; then
    invalid=$((invalid + 1))
    if [ $rc -eq 1 ] && grep -qE '^[^:]+:[0-9]+:[0-9]+: error: ' "$out/stderr"; then
      located=$((located + 1))
    elif [ $rc -eq 0 ]; then
      echo "ACCEPTED $name: sqlc refuses it"
    else
      echo "UNLOCATED $name: $(grep error "$out/stderr" | head -n 1)"
    fi
    continue
  fi
  valid=$((valid + 1))
  if [ $rc -ne 0 ]; then
    echo "REFUSED  $name: $(grep error "$out/stderr" | head -n 1)"
    continue
  fi
  generated=$((generated + 1))
  ok=1
  for cc in $compilers; do
    for std in c99 c11; do
      if ! $cc -std=$std $strict $incs -c "$out/c/q.c" -o "$out/q.$cc.$std.o" 2>"$out/cc.$cc.$std.txt"; then
        [ $ok -eq 1 ] && echo "NOCOMPILE $name ($cc $std): $(grep -m1 error "$out/cc.$cc.$std.txt")"
        ok=0
      fi
    done
  done
  [ $ok -eq 1 ] && compiled=$((compiled + 1))
done
echo "cases tried: $tried"
echo "valid: $valid, generated: $generated, generated and compiled strictly ($compilers; c99, c11): $compiled"
echo "invalid (sqlc's stderr.txt): $invalid, refused with a located error: $located"
echo "crashes: $crashes"
[ $crashes -eq 0 ]
