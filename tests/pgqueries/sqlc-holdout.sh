#!/bin/sh
# Holdout measurement (issue 17): sqlc's own PostgreSQL end-to-end cases run
# through dalgen, as a user switching from sqlc would.  sqlc's files are not
# in this repository: fetch them into a folder of your own, one sub-folder per
# case, each holding query.sql (or a queries/ folder) and schema.sql (or a
# schema/ folder) as in sqlc's repository at
#   internal/endtoend/testdata/<case>/postgresql/{pgx/v5,pgx/v4,stdlib}/
#   (older cases: <case>/postgresql/, <case>/pgx/v5/, <case>/stdlib/)
# (the pgx and stdlib variants of a case share their SQL: take either), and,
# for a case sqlc refuses, its stderr.txt or stderr/ folder (newer cases:
# stderr/base.txt, stderr/managed-db.txt; only their presence is read).
#
#   tests/pgqueries/sqlc-holdout.sh BUILD_DIR CASES_DIR [SCRATCH_DIR] [URL]
#
# One PostgreSQL server serves the whole run: URL when given (a role allowed
# to CREATE DATABASE), else a private cluster started here with
# tests/pg/cluster.sh and stopped at the end (never one initdb per case).
# For each case: `dalgen generate --engine postgresql schema --queries query
# --pg-server URL --prefix q`, then the output compiled with gcc and clang as
# C99 and C11 (-Wall -Wextra -Wpedantic -Wconversion -Werror).  A valid case
# (no stderr.txt) counts as ok when it generates and compiles everywhere; an
# invalid one when dalgen refuses it with a located error
# (`path:line:col: error:`).  A refusal is LOCATED or UNLOCATED by the same
# rule.  A crash (exit status other than 0 and 1, a signal, or an ASan/UBSan
# report on stderr) is always a failure.  Prints one line per case that is not
# ok and the figures; exits 1 when any case crashed.
set -u
build=$(cd "$1" && pwd) || exit 2
cases=$(cd "$2" && pwd) || exit 2
scratch=${3:-$(mktemp -d)}
url=${4:-}
mkdir -p "$scratch" && scratch=$(cd "$scratch" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
dalgen=$build/generator/dalgen
incs="-I$src/runtime/include -I$build/runtime/include -I/usr/include/postgresql"
strict="-Wall -Wextra -Wpedantic -Wconversion -Werror"
compilers=""
for cc in gcc clang; do command -v $cc >/dev/null && compilers="${compilers:+$compilers }$cc"; done

if [ -z "$url" ]; then
  sh "$src/tests/pg/cluster.sh" start "$scratch/cluster" || exit 2
  trap 'sh "$src/tests/pg/cluster.sh" stop "$scratch/cluster"' EXIT
  trap 'exit 130' INT TERM
  set -a; . "$scratch/cluster/env"; set +a
  url=postgresql://
fi

first() { for f in "$@"; do [ -e "$f" ] && { echo "$f"; return; }; done; }
located() { grep -qE '^[^:]+:[0-9]+:[0-9]+: error: ' "$1"; }
sanitizer() { grep -qE '(AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:)' "$1"; }

tried=0 valid=0 generated=0 compiled=0 refused=0 refused_located=0
invalid=0 located=0 crashes=0
for dir in $(find "$cases" -type d | sort); do
  q=$(first "$dir/query.sql" "$dir/queries")
  s=$(first "$dir/schema.sql" "$dir/schema")
  [ -n "$q" ] && [ -n "$s" ] || continue
  name=${dir#"$cases"/}
  out=$scratch/$(echo "$name" | tr / _)
  rm -rf "$out" && mkdir -p "$out"
  tried=$((tried + 1))
  (cd "$dir" && "$dalgen" generate --engine postgresql "$s" --queries "$q" --pg-server "$url" \
     --prefix q --out "$out/c") >"$out/stdout" 2>"$out/stderr"
  rc=$?
  if { [ $rc -ne 0 ] && [ $rc -ne 1 ]; } || sanitizer "$out/stderr"; then
    crashes=$((crashes + 1))
    echo "CRASH    $name: exit $rc: $(head -n 1 "$out/stderr")"
    continue
  fi
  if [ -f "$dir/stderr.txt" ] || [ -d "$dir/stderr" ]; then
    invalid=$((invalid + 1))
    if [ $rc -eq 1 ] && located "$out/stderr"; then
      located=$((located + 1))
    elif [ $rc -eq 0 ]; then
      echo "ACCEPTED $name: sqlc refuses it"
    else
      echo "UNLOCATED $name: $(grep -m1 error "$out/stderr")"
    fi
    continue
  fi
  valid=$((valid + 1))
  if [ $rc -ne 0 ]; then
    refused=$((refused + 1))
    if located "$out/stderr"; then
      refused_located=$((refused_located + 1))
      echo "LOCATED  $name: $(grep -m1 -E ': error: ' "$out/stderr")"
    else
      echo "UNLOCATED $name: $(grep -m1 error "$out/stderr" || head -n 1 "$out/stderr")"
    fi
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
echo "valid but refused: $refused ($refused_located with a located error, $((refused - refused_located)) unlocated)"
echo "invalid (sqlc's stderr.txt or stderr/): $invalid, refused with a located error: $located"
echo "crashes: $crashes"
[ $crashes -eq 0 ]
