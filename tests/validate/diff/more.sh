#!/bin/sh
# A larger differential run than CI's: RANDOM random CHECKs (besides the
# fixed cases) and PER_CASE rows for each, from SEED.
#   tests/validate/diff/more.sh BUILD_DIR [RANDOM [PER_CASE [SEED]]]
#   e.g. tests/validate/diff/more.sh build 2000 20000 7
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: more.sh BUILD_DIR [RANDOM [PER_CASE [SEED]]]}
random=${2:-500} per_case=${3:-5000} seed=${4:-2}
cmake --build "$build" --target validate_diffgen dal_static
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/tests/validate/validate_diffgen" "$tmp/checks.c" --random "$random" --seed "$seed"
${CC:-cc} -std=c11 -O1 -Wall -Wextra -Wpedantic -Wconversion -Werror -I"$here" -I"$here/../../../runtime/include" \
    -o "$tmp/diff" "$here/diff_main.c" "$tmp/checks.c" "$build/runtime/libdal.a" -lsqlite3 -lm -lpthread
"$tmp/diff" --per-case "$per_case" --seed "$seed"
