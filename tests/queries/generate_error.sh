#!/usr/bin/env bash
# generate_error.sh DALGEN CASE_DIR [--update]
# `dalgen generate` of CASE_DIR/schema.sql + queries.sql must fail with exit
# status 1, write no file, and print exactly CASE_DIR/expected_generate.txt
# (paths relative to CASE_DIR).
set -u
dalgen="$1"; dir="$2"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$dir" || exit 1
"$dalgen" generate schema.sql --queries queries.sql --prefix p --out "$out/gen" 2> "$out/stderr"
status=$?
if [ "${3:-}" = "--update" ]; then cp "$out/stderr" expected_generate.txt; exit 0; fi
if [ "$status" -ne 1 ]; then echo "exit status $status, expected 1"; exit 1; fi
if [ -n "$(ls -A "$out/gen" 2>/dev/null)" ]; then echo "files were written:"; ls "$out/gen"; exit 1; fi
diff -u expected_generate.txt "$out/stderr"
