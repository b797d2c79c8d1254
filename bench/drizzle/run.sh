#!/usr/bin/env bash
# drizzle-kit against dalgen on the same schemas (bench/README.md, "Against
# drizzle-kit").  For each size, gen.py writes a drizzle-orm schema of N
# tables and a copy with 3% of the tables changed; drizzle-kit's own SQL for
# each is dalgen's input.  Timed, in alternating runs (drizzle-kit, dalgen,
# drizzle-kit, dalgen) so that a noisy machine hits both alike:
#   first generate  drizzle-kit generate, empty out folder  |  dalgen generate a.sql
#   diff            drizzle-kit generate of the changed schema over the first
#                   one's snapshot                          |  dalgen diff a.sql b.sql
# Prints the medians (wall, user+sys, peak RSS) and the ratios drizzle-kit/dalgen.
#   bench/drizzle/run.sh [SIZES]        (default "100 1000 5000")
#   env: DALGEN (default build/generator/dalgen), ROUNDS (default 5),
#        ROUNDS_LARGE for sizes over 1,000 (default ROUNDS)
# Installs drizzle-kit with `npm ci` (network): not part of ctest or CI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
dalgen=$(realpath "${DALGEN:-$root/build/generator/dalgen}")
sizes=${1:-100 1000 5000}; rounds=${ROUNDS:-5}
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
ln -s "$here/node_modules" "$work/node_modules"   # the schemas import drizzle-orm
kit=$here/node_modules/.bin/drizzle-kit
timed() {  # timed LABEL CMD...: appends "LABEL wall cpu rss_kib" to results (exit 0 or 3)
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" < /dev/null > /dev/null 2> "$work/err" \
    || [ $? -eq 3 ] || { cat "$work/err" >&2; echo "failed: $*" >&2; exit 1; }
  awk -v l="$label" '{printf "%s %s %.2f %s\n", l, $1, $2 + $3, $4}' "$work/t" >> "$work/results"
}
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "node $(node --version), drizzle-kit $("$kit" --version 2>/dev/null | sed -n 's/.*drizzle-kit: v*//p'), dalgen $(git -C "$root" rev-parse --short HEAD) ($dalgen)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $sizes; do
  d=$work/$n; mkdir -p "$d"; cd "$d"
  python3 "$here/gen.py" "$n" a.ts; python3 "$here/gen.py" "$n" b.ts --mutate 3
  # the full SQL of each schema, untimed; base is the first one's snapshot for the diff
  "$kit" generate --dialect sqlite --schema a.ts --out base < /dev/null > /dev/null
  "$kit" generate --dialect sqlite --schema b.ts --out changed < /dev/null > /dev/null
  a_sql=$(echo base/0000_*.sql); b_sql=$(echo changed/0000_*.sql)
  r=$rounds; [ "$n" -le 1000 ] || r=${ROUNDS_LARGE:-$rounds}
  for i in $(seq "$r"); do
    rm -rf first gen diff; cp -r base diff
    timed "$n gen kit" "$kit" generate --dialect sqlite --schema a.ts --out first
    timed "$n gen dalgen" "$dalgen" generate "$a_sql" --prefix app --out gen
    timed "$n diff kit" "$kit" generate --dialect sqlite --schema b.ts --out diff
    timed "$n diff dalgen" "$dalgen" diff --from "$a_sql" --to "$b_sql" --allow-destructive
  done
  echo "$n tables: $r rounds; drizzle-kit's diff $(grep -c . diff/0001_*.sql) lines," \
    "dalgen's $("$dalgen" diff --from "$a_sql" --to "$b_sql" --allow-destructive 2> /dev/null | grep -c .) lines"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    n, work, tool, wall, cpu, rss = line.split()
    runs.setdefault((int(n), work, tool), []).append((float(wall), float(cpu), int(rss) / 1024))
print("| tables | work | drizzle-kit wall | dalgen wall | ratio | drizzle-kit user+sys "
      "| dalgen user+sys | ratio | drizzle-kit peak RSS | dalgen peak RSS |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for n, work in sorted({(n, w) for n, w, _ in runs}, key=lambda k: (k[0], k[1] != "gen")):
    k, g = ([statistics.median(v[j] for v in runs[(n, work, t)]) for j in range(3)] for t in ("kit", "dalgen"))
    print(f"| {n:,} | {'first generate' if work == 'gen' else 'diff'} | {k[0]:.2f} s | {g[0]:.2f} s "
          f"| {k[0] / g[0]:.1f} | {k[1]:.2f} s | {g[1]:.2f} s | {k[1] / g[1]:.1f} "
          f"| {k[2]:.0f} MiB | {g[2]:.0f} MiB |")
PY
