#!/bin/sh
# check_stdout.sh DIR EXPECTED CMD ARGS...
# Runs CMD in DIR and compares its stdout with the file EXPECTED (exit 1 and
# a diff when they differ).  Skips (77) when DIR does not exist, as the
# corpus may be absent.
set -u
dir=$1 expected=$2
shift 2
[ -d "$dir" ] || { echo "skipped: $dir is absent"; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
(cd "$dir" && "$@") > "$out"
rc=$?
if [ $rc -ne 0 ]; then echo "command failed with status $rc: $*"; exit 1; fi
if ! diff -u "$expected" "$out"; then
  echo "output differs from $expected (regenerate with tests/schema/regen.sh BUILD_DIR)"
  exit 1
fi
