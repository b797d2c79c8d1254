#!/usr/bin/env bash
# Builds dalgen and the benchmarks (Release) and runs everything:
#   - runtime: the five workloads, generated API vs hand-written sqlite3 C,
#     alternating runs (median wall time), callgrind instruction counts,
#     heap allocations per operation;
#   - generator: dalgen generate / check / diff on synthesized schemas of
#     10, 100 and 1,000 tables.
# Writes the Markdown tables to bench/results.md and prints them.
#
#   bench/run.sh                 full run (N=200000, 5 rounds; ~10 minutes)
#   N=20000 ROUNDS=3 bench/run.sh   a quicker look
#   PART=generator bench/run.sh     only the generator part (PART=runtime: only
#                                   the runtime part); REPEAT=5 timed runs each
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200000}
UPDATES=${UPDATES:-$((N / 4))}
ROUNDS=${ROUNDS:-5}
PART=${PART:-all}
REPEAT=${REPEAT:-3}
CG_N=${CG_N:-20000}
out=${OUT:-build-bench}
bash scripts/setup-debian.sh
cmake -S . -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$out" --target dalgen bench_runtime >/dev/null
bin="$out/bench/bench_runtime"
dalgen="$out/generator/dalgen"
work="$out/bench-work"
rm -rf "$work" && mkdir -p "$work"

if [ "$PART" != generator ]; then
echo "runtime: $ROUNDS alternating rounds, N=$N" >&2
for r in $(seq "$ROUNDS"); do
  for impl in generated handwritten; do
    "$bin" --impl $impl --n "$N" --updates "$UPDATES" --db "$work/$impl.db" >> "$work/wall.txt"
  done
done

echo "runtime: callgrind, N=$CG_N" >&2
for w in W1 W2 W3 W4 W5; do
  for impl in generated handwritten; do
    valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$work/cg.$impl.$w.out" \
      "$bin" --impl $impl --n "$CG_N" --updates $((CG_N / 4)) --db "$work/cg.db" --only $w \
      > /dev/null 2> "$work/cg.$impl.$w.log"
    ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg.$impl.$w.log")
    echo "$w $impl $ir" >> "$work/callgrind.txt"
  done
done

fi

if [ "$PART" != runtime ]; then
echo "generator: synthesized schemas" >&2
for t in 10 100 1000; do
  python3 bench/generator/synth.py $t "$work/syn$t"
done
python3 bench/generator/synth.py 1000 "$work/syn1000b" --mutate 3
timeit() {  # best of $REPEAT: "wall cpu" seconds of a command (exit status 0 or 3 accepted)
  local best="" bestcpu=""
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" > /dev/null 2>&1 || [ $? -eq 3 ] ||
      { echo "failed: $*" >&2; return 1; }
    read -r w u s < "$work/time.txt"
    best=$(python3 -c "a='$best'; print($w if not a or $w < float(a) else a)")
    bestcpu=$(python3 -c "a='$bestcpu'; c=$u+$s; print(round(c, 2) if not a or c < float(a) else a)")
  done
  echo "$best $bestcpu"
}
for t in 10 100 1000; do
  d="$work/syn$t"
  g=$(timeit "$dalgen" generate "$d/schema.sql" --queries "$d/queries.sql" --prefix syn --out "$d/gen")
  c=$(timeit "$dalgen" check "$d/schema.sql" --queries "$d/queries.sql" --prefix syn --out "$d/gen")
  echo "generate $t $g" >> "$work/generator.txt"
  echo "check $t $c" >> "$work/generator.txt"
done
df=$(timeit "$dalgen" diff --from "$work/syn1000/schema.sql" --to "$work/syn1000b/schema.sql" --allow-destructive)
echo "diff 1000 $df" >> "$work/generator.txt"
fi

python3 bench/report.py "$work" "$N" "$CG_N" "$REPEAT" > bench/results.md
cat bench/results.md
