#!/usr/bin/env bash
# Builds dalgen and the benchmarks (Release) and runs everything:
#   - runtime: the five workloads, generated API vs hand-written sqlite3 C,
#     alternating runs (median wall time), callgrind instruction counts,
#     heap allocations per operation;
#   - generator: dalgen generate / check / diff on synthesized schemas of
#     10, 100, 1,000, 5,000 and 10,000 tables (SIZES to change), with the
#     growth factor from each size to the next (wall time, and callgrind
#     instructions of generate and diff with CG_SIZES, default "1000 10000");
#   - migrate: the runner rebuilding a table of MIG_N rows with and without
#     a table referencing it (bench_migrate_fk).
# Writes the Markdown tables to bench/results.md and prints them.
#
#   bench/run.sh                 full run (N=200000, 5 rounds; ~10 minutes)
#   N=20000 ROUNDS=3 bench/run.sh   a quicker look
#   PART=generator bench/run.sh     only the generator part (PART=runtime: only
#                                   the runtime part, PART=migrate: only the
#                                   runner); REPEAT=5 timed runs each
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
cmake --build "$out" --target dalgen bench_runtime bench_migrate_fk >/dev/null
SIZES=${SIZES:-10 100 1000 5000 10000}
CG_SIZES=${CG_SIZES:-1000 10000}
MIG_N=${MIG_N:-1000000}
bin="$out/bench/bench_runtime"
dalgen="$out/generator/dalgen"
work="$out/bench-work"
rm -rf "$work" && mkdir -p "$work"

if [ "$PART" = all ] || [ "$PART" = runtime ]; then
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

if [ "$PART" = all ] || [ "$PART" = generator ]; then
echo "generator: synthesized schemas ($SIZES tables)" >&2
for t in $SIZES; do
  python3 bench/generator/synth.py $t "$work/syn$t"
  python3 bench/generator/synth.py $t "$work/syn${t}b" --mutate 3
done
timeit() {  # best of $REPEAT: "wall cpu maxrss_kib" of a command (exit status 0 or 3 accepted)
  local best="" bestcpu="" rss=""
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" > /dev/null 2>&1 || [ $? -eq 3 ] ||
      { echo "failed: $*" >&2; return 1; }
    read -r w u s m < "$work/time.txt"
    best=$(python3 -c "a='$best'; print($w if not a or $w < float(a) else a)")
    bestcpu=$(python3 -c "a='$bestcpu'; c=$u+$s; print(round(c, 2) if not a or c < float(a) else a)")
    rss=$m
  done
  echo "$best $bestcpu $rss"
}
for t in $SIZES; do
  d="$work/syn$t"
  g=$(timeit "$dalgen" generate "$d/schema.sql" --queries "$d/queries.sql" --prefix syn --out "$d/gen")
  c=$(timeit "$dalgen" check "$d/schema.sql" --queries "$d/queries.sql" --prefix syn --out "$d/gen")
  df=$(timeit "$dalgen" diff --from "$d/schema.sql" --to "$work/syn${t}b/schema.sql" --allow-destructive)
  echo "generate $t $g" >> "$work/generator.txt"
  echo "check $t $c" >> "$work/generator.txt"
  echo "diff $t $df" >> "$work/generator.txt"
done
for t in $CG_SIZES; do   # instructions: the stable figure for growth
  d="$work/syn$t"
  for cmd in generate diff; do
    if [ $cmd = generate ]; then args=(generate "$d/schema.sql" --queries "$d/queries.sql" --prefix syn --out "$d/gen-cg")
    else args=(diff --from "$d/schema.sql" --to "$work/syn${t}b/schema.sql" --allow-destructive); fi
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.gen.$cmd.$t.out" "$dalgen" "${args[@]}" \
      > /dev/null 2> "$work/cg.gen.$cmd.$t.log" || [ $? -eq 3 ] || true
    ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg.gen.$cmd.$t.log")
    echo "$cmd $t $ir" >> "$work/generator_ir.txt"
  done
done
fi

if [ "$PART" = all ] || [ "$PART" = migrate ]; then
echo "migrate: rebuild of a $MIG_N-row table with and without a referencing table" >&2
"$out/bench/bench_migrate_fk" "$MIG_N" "$work" "$ROUNDS" > "$work/migrate.txt"
fi

python3 bench/report.py "$work" "$N" "$CG_N" "$REPEAT" > bench/results.md
cat bench/results.md
