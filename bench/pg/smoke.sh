#!/bin/sh
# smoke.sh BIN DIR: both implementations of W1-W5 once with a small N
# against the test cluster; every check value and the final table check
# must agree, and libdal must allocate nothing per operation on W2-W5
# (only the first operations may: statement cache, arena block).
set -eu
bin=$1 dir=$2
mkdir -p "$dir"
"$bin" --impl generated --n 2000 --updates 500 > "$dir/gen.txt"
"$bin" --impl handwritten --n 2000 --updates 500 > "$dir/hand.txt"
norm() { sed -E 's/ impl=[a-z]+//; s/ (cpu_)?ns=[0-9]+//g; s/ server_cpu_ms=[-0-9]+//; s/ (dal_)?allocs(_per_op)?=[^ ]+//g' "$1"; }
norm "$dir/gen.txt" > "$dir/gen.norm"
norm "$dir/hand.txt" > "$dir/hand.norm"
if ! diff "$dir/gen.norm" "$dir/hand.norm"; then
  echo "check values differ between generated and hand-written code"; exit 1
fi
[ "$(wc -l < "$dir/gen.txt")" -eq 6 ] || { echo "expected 5 workloads + final"; cat "$dir/gen.txt"; exit 1; }
for w in W2 W3 W4 W5; do
  count=$(sed -nE "s/^$w .* dal_allocs=([0-9]+) .*/\1/p" "$dir/gen.txt")
  [ -n "$count" ] && [ "$count" -le 4 ] || { echo "$w: libdal allocated $count times"; cat "$dir/gen.txt"; exit 1; }
done
cat "$dir/gen.txt" "$dir/hand.txt"
