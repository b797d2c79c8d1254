#!/bin/sh
# errors.sh DALGEN SRCDIR CASE
# Runs one bad-input case and compares exit status and stderr with
# SRCDIR/errors/CASE.expected (first line `exit N`, then stderr exactly).
# Nothing may be printed on stdout.  Inputs are errors/CASE.sql, except for
# the cases below that build their input (binary junk, a corrupt database,
# a database with a broken view, a missing file) or test usage errors.
set -u
dalgen=$1 src=$2 case=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R "$src/errors" "$tmp/errors"
cd "$tmp" || exit 1
input=/dev/null
case $case in
  stdin_syntax) input=errors/syntax.sql; set -- schema - ;;
  junk)        printf 'SQLite\000\001\002\377\376 not text' > errors/junk.bin; set -- schema errors/junk.bin ;;
  corrupt_db)  sqlite3 errors/good.db 'CREATE TABLE t (a INTEGER);' &&
               head -c 100 errors/good.db > errors/corrupt.db && head -c 4000 /dev/zero >> errors/corrupt.db
               set -- schema errors/corrupt.db ;;
  db_broken_view) sqlite3 errors/broken.db < errors/view_missing_table.sql; set -- schema errors/broken.db ;;
  missing_file) set -- schema errors/missing.sql ;;
  unreadable)  [ -r /proc/self/mem ] || { echo "skipped: needs Linux /proc"; exit 77; }
               set -- schema /proc/self/mem ;;   # a regular file whose read fails (EIO), even for root
  missing_in_list) set -- schema errors/empty.sql errors/missing.sql ;;
  empty_dir)   mkdir errors/empty_dir; set -- schema errors/empty_dir ;;
  usage_no_source) set -- schema ;;
  usage_bad_option) set -- schema errors/syntax.sql --yaml ;;
  usage_erd_format) set -- erd errors/syntax.sql --format svg ;;
  *)           set -- schema "errors/$case.sql" ;;
esac
"$dalgen" "$@" < "$input" > out.txt 2> err.txt
rc=$?
expected="$src/errors/$case.expected"
want_rc=$(head -n 1 "$expected" | sed 's/^exit //')
status=0
if [ "$rc" != "$want_rc" ]; then echo "exit status $rc, expected $want_rc"; status=1; fi
tail -n +2 "$expected" > want.txt
if ! diff -u want.txt err.txt; then echo "stderr differs from $expected"; status=1; fi
if [ -s out.txt ] && [ "$want_rc" != 0 ]; then echo "stdout should be empty:"; cat out.txt; status=1; fi
# a schema's ATTACH of a file is read in memory: no file appears
if [ "$case" = attach ] && [ -n "$(find . -name other.db)" ]; then echo "ATTACH created other.db"; status=1; fi
exit $status
