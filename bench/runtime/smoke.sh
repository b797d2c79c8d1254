#!/usr/bin/env bash
# Runs both implementations once with a small N and checks that every
# workload's check value and the final database check agree.
set -euo pipefail
bin=$1 dir=$2
mkdir -p "$dir"
"$bin" --impl generated --n 2000 --updates 500 --db "$dir/gen.db" > "$dir/gen.txt"
"$bin" --impl handwritten --n 2000 --updates 500 --db "$dir/hand.db" > "$dir/hand.txt"
norm() { sed -E 's/ impl=[a-z]+//; s/ (cpu_)?ns=[0-9]+//g; s/ (dal_)?allocs(_per_op)?=[^ ]+//g' "$1"; }
if ! diff <(norm "$dir/gen.txt") <(norm "$dir/hand.txt"); then
  echo "check values differ between generated and hand-written code"; exit 1
fi
[ "$(wc -l < "$dir/gen.txt")" -eq 6 ] || { echo "expected 5 workloads + final"; cat "$dir/gen.txt"; exit 1; }
# In steady state a get or a scan step allocates nothing in libdal: over
# 2,000 operations only the first ones may (statement cache, arena block).
for w in W2 W3 W4; do
  count=$(sed -nE "s/^$w .* dal_allocs=([0-9]+) .*/\1/p" "$dir/gen.txt")
  [ -n "$count" ] && [ "$count" -le 4 ] || { echo "$w: libdal allocated $count times"; cat "$dir/gen.txt"; exit 1; }
done
cat "$dir/gen.txt" "$dir/hand.txt"
