#!/usr/bin/env bash
# workloads.sh BIN [N] [ROUNDS] [CG_N]: W1-W5 on PostgreSQL, the generated
# code against hand-written libpq C (bench_pg_workloads, bench/README.md):
#   - ROUNDS alternating runs of both sides at N (order swapped every
#     round): median wall, client CPU and backend CPU per workload;
#   - callgrind client instructions of each workload alone at CG_N
#     (--collect-atstart=no, collection toggled around the workload; the
#     server is another process, outside valgrind);
#   - libdal and process allocations per operation.
# Prints a Markdown table.  The server: the libpq environment (PGHOST ...),
# else a private cluster (tests/pg/cluster.sh) started and stopped here.
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
n=${2:-20000} rounds=${3:-9} cg_n=${4:-20000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-pg.XXXXXX")
if [ -z "${PGHOST:-}" ]; then
  sh "$here/../../tests/pg/cluster.sh" start "$work/cluster" >&2
  set -a; . "$work/cluster/env"; set +a
  trap 'sh "$here/../../tests/pg/cluster.sh" stop "$work/cluster" >&2; rm -rf "$work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
for r in $(seq "$rounds"); do
  if [ $((r % 2)) = 1 ]; then order="generated handwritten"; else order="handwritten generated"; fi
  for impl in $order; do "$bin" --impl "$impl" --n "$n" --updates "$n" >> "$work/wall.txt"; done
done
for w in W1 W2 W3 W4 W5; do
  for impl in generated handwritten; do
    ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
           "$bin" --impl "$impl" --n "$cg_n" --updates "$cg_n" --only "$w" 2>&1 >/dev/null |
         sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    echo "$w $impl $ir" >> "$work/ir.txt"
  done
done
python3 - "$work/wall.txt" "$work/ir.txt" "$n" "$rounds" "$cg_n" <<'PY'
import sys, statistics as st
wall, ir, n, rounds, cg_n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
runs = {}
for line in open(wall):
    f = line.split()
    if not f[0].startswith('W'): continue
    kv = dict(x.split('=', 1) for x in f[1:])
    runs.setdefault((f[0], kv['impl']), []).append(kv)
irs = {(w, i): int(v) for w, i, v in (l.split() for l in open(ir))}
names = {'W1': 'W1 insert (one transaction)', 'W2': 'W2 get by primary key', 'W3': 'W3 get by unique email',
         'W4': 'W4 full scan', 'W5': 'W5 update score (named query, one transaction)'}
print(f"N={n}, {rounds} alternating rounds (medians); callgrind at N={cg_n}.\n")
print("| workload | generated Ir | hand-written Ir | **Ir ratio** | wall ms gen / hand | wall ratio | client CPU ratio "
      "| backend CPU ms gen / hand | libdal allocs/op | process allocs/op gen / hand | checks agree |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for w in ['W1', 'W2', 'W3', 'W4', 'W5']:
    g, h = runs[(w, 'generated')], runs[(w, 'handwritten')]
    med = lambda rs, k: st.median(float(r[k]) for r in rs)
    gi, hi = irs[(w, 'generated')], irs[(w, 'handwritten')]
    agree = 'yes' if {r['check'] for r in g} == {r['check'] for r in h} and len({r['check'] for r in g}) == 1 else 'NO'
    print(f"| {names[w]} | {gi:,} | {hi:,} | **{gi / hi:.3f}** | {med(g, 'ns') / 1e6:.1f} / {med(h, 'ns') / 1e6:.1f} "
          f"| {med(g, 'ns') / med(h, 'ns'):.3f} | {med(g, 'cpu_ns') / med(h, 'cpu_ns'):.3f} "
          f"| {med(g, 'server_cpu_ms'):.0f} / {med(h, 'server_cpu_ms'):.0f} | {med(g, 'dal_allocs_per_op'):.4f} "
          f"| {g[0]['allocs_per_op']} / {h[0]['allocs_per_op']} | {agree} |")
PY
