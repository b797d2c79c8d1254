#!/bin/sh
# One sqlc example generated from its sqlc.yaml with --Werror (notes are not
# warnings), into a folder of its own (--out wins over the file's out): the
# notes printed are exactly EXPECTED, and the header was written.
#   sqlc_notes.sh DALGEN DIR EXPECTED
set -u
dalgen=$1 dir=$2 expected=$3
cd "$dir" || exit 1
rm -rf notes-out
"$dalgen" generate --config sqlc.yaml --Werror --out notes-out 2>notes.txt; rc=$?
[ $rc -eq 0 ] || { cat notes.txt; echo "FAILED: exit $rc"; exit 1; }
diff -u "$expected" notes.txt || { echo "FAILED: notes differ"; exit 1; }
ls notes-out/*.h >/dev/null 2>&1 || { echo "FAILED: no header in notes-out"; exit 1; }
echo "ok: $(basename "$dir")"
