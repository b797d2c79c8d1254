#!/usr/bin/env bash
# Runs both implementations once with a small N and checks that every
# workload's check value and the final database check agree.
set -euo pipefail
bin=$1 dir=$2
mkdir -p "$dir"
"$bin" --impl generated --n 2000 --updates 500 --db "$dir/gen.db" > "$dir/gen.txt"
"$bin" --impl handwritten --n 2000 --updates 500 --db "$dir/hand.db" > "$dir/hand.txt"
norm() { sed -E 's/ impl=[a-z]+//; s/ ns=[0-9]+//; s/ allocs_per_op=[^ ]+//' "$1"; }
if ! diff <(norm "$dir/gen.txt") <(norm "$dir/hand.txt"); then
  echo "check values differ between generated and hand-written code"; exit 1
fi
[ "$(wc -l < "$dir/gen.txt")" -eq 6 ] || { echo "expected 5 workloads + final"; cat "$dir/gen.txt"; exit 1; }
cat "$dir/gen.txt" "$dir/hand.txt"
