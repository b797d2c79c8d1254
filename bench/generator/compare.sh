#!/usr/bin/env bash
# Two dalgen binaries side by side on the generator benchmark's work: a first
# generate of a 1,000-table schema (into an empty folder), generate of it
# with 5,000 queries, and diff of two 1,000-table schemas.  Runs alternate
# (A, B, A, B...) so that a noisy machine hits both alike; prints the median
# wall and CPU seconds of each, the ratio B/A of the medians and of the best
# runs (what bench/run.sh reports), the median peak RSS and page faults,
# then callgrind's instruction counts of `generate` on 100 tables (a stable
# figure).
#   bench/generator/compare.sh OLD_DALGEN NEW_DALGEN [ROUNDS]   (default 5)
# Build both as Release (cmake -DCMAKE_BUILD_TYPE=Release) for figures that
# mean something.
set -euo pipefail
a=$(realpath "$1"); b=$(realpath "$2"); rounds=${3:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$root/bench/generator/synth.py" 1000 "$work/s1000" > /dev/null
python3 "$root/bench/generator/synth.py" 1000 "$work/s1000b" --mutate 3 > /dev/null
python3 "$root/bench/generator/synth.py" 100 "$work/s100" > /dev/null
timed() {  # timed FILE CMD...: appends "wall cpu rss-KiB faults" of one run (exit 0 or 3)
  local f=$1; shift
  /usr/bin/time -f '%e %U %S %M %R' -o "$work/t" "$@" > /dev/null 2>&1 || [ $? -eq 3 ] || { echo "failed: $*" >&2; exit 1; }
  awk '{printf "%s %.2f %s %s\n", $1, $2 + $3, $4, $5}' "$work/t" >> "$f"
}
for r in $(seq "$rounds"); do
  for side in a b; do
    bin=${!side}
    rm -rf "$work/first-$side"
    timed "$work/first.$side" "$bin" generate "$work/s1000/schema.sql" --prefix syn --out "$work/first-$side"
    timed "$work/gen.$side" "$bin" generate "$work/s1000/schema.sql" --queries "$work/s1000/queries.sql" \
      --prefix syn --out "$work/gen-$side"
    timed "$work/diff.$side" "$bin" diff --from "$work/s1000/schema.sql" --to "$work/s1000b/schema.sql" \
      --allow-destructive
  done
done
cmp -s "$work/gen-a/syn.c" "$work/gen-b/syn.c" && cmp -s "$work/gen-a/syn.h" "$work/gen-b/syn.h" \
  && echo "generated output: identical" || echo "generated output: DIFFERS"
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
best() { sort -n | head -1; }
printf '%-44s %8s %8s %8s %8s %7s %9s %13s %13s\n' "work ($rounds alternating rounds, median)" "A wall" "B wall" "A cpu" "B cpu" \
  "B/A" "best B/A" "A/B MiB" "A/B faults"
for w in first gen diff; do
  aw=$(cut -d' ' -f1 "$work/$w.a" | median); bw=$(cut -d' ' -f1 "$work/$w.b" | median)
  ac=$(cut -d' ' -f2 "$work/$w.a" | median); bc=$(cut -d' ' -f2 "$work/$w.b" | median)
  case $w in
    first) label="first generate, 1,000 tables" ;;
    gen) label="generate 1,000 tables + 5,000 queries" ;;
    *) label="diff of two 1,000-table schemas" ;;
  esac
  am=$(cut -d' ' -f3 "$work/$w.a" | median); bm=$(cut -d' ' -f3 "$work/$w.b" | median)
  af=$(cut -d' ' -f4 "$work/$w.a" | median); bf=$(cut -d' ' -f4 "$work/$w.b" | median)
  ab=$(cut -d' ' -f1 "$work/$w.a" | best); bb=$(cut -d' ' -f1 "$work/$w.b" | best)
  printf '%-44s %8s %8s %8s %8s %7.3f %9.3f %13s %13s\n' "$label" "$aw" "$bw" "$ac" "$bc" "$(python3 -c "print($bw / $aw)")" \
    "$(python3 -c "print($bb / $ab)")" "$((${am%.*} / 1024))/$((${bm%.*} / 1024))" "${af%.*}/${bf%.*}"
done
if command -v valgrind > /dev/null; then
  for side in a b; do
    bin=${!side}
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" generate "$work/s100/schema.sql" \
      --queries "$work/s100/queries.sql" --prefix syn --out "$work/cg-$side" 2> "$work/cg.$side" > /dev/null
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg.$side" > "$work/ir.$side"
  done
  ia=$(cat "$work/ir.a"); ib=$(cat "$work/ir.b")
  printf 'callgrind, generate 100 tables + 500 queries: A %s Ir, B %s Ir, B/A %.3f\n' "$ia" "$ib" \
    "$(python3 -c "print($ib / $ia)")"
fi
