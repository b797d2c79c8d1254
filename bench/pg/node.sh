#!/bin/sh
# node.sh BIN [N] [ROUNDS]: the Node anchors of W1-W5 (issue: "generated C
# uses less client CPU per operation than both Node anchors"): the
# generated code (bench_pg_workloads BIN --impl generated) against
# node-postgres and postgres.js (node/workloads.mjs, the versions pinned in
# node/package.json), ROUNDS rounds in rotating order at N operations;
# prints a Markdown table of median client CPU and wall time per
# operation and the checks.  Needs node and npm (the packages are
# installed once with `npm install` into NODE_DIR, default
# BIN's folder/pg-node).  The server: the libpq environment (PGHOST ...),
# else a private cluster (tests/pg/cluster.sh) started and stopped here.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
n=${2:-20000} rounds=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
deps=${NODE_DIR:-$(dirname "$bin")/pg-node}
mkdir -p "$deps"
if ! cmp -s "$here/node/package.json" "$deps/package.json" || [ ! -d "$deps/node_modules" ]; then
  cp "$here/node/package.json" "$deps/package.json"
  (cd "$deps" && npm install --no-audit --no-fund --silent) >&2
fi
cp "$here/node/workloads.mjs" "$deps/workloads.mjs"
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-pg-node.XXXXXX")
if [ -z "${PGHOST:-}" ]; then
  sh "$here/../../tests/pg/cluster.sh" start "$work/cluster" >&2
  set -a; . "$work/cluster/env"; set +a
  trap 'sh "$here/../../tests/pg/cluster.sh" stop "$work/cluster" >&2; rm -rf "$work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
run() {
  case $1 in
    generated) "$bin" --impl generated --n "$n" --updates "$n" ;;
    node-postgres) (cd "$deps" && node workloads.mjs pg "$n" "$here/schema.sql") ;;
    postgres.js) (cd "$deps" && node workloads.mjs postgres "$n" "$here/schema.sql") ;;
  esac
}
for r in $(seq "$rounds"); do
  case $((r % 3)) in
    1) order="generated node-postgres postgres.js" ;;
    2) order="node-postgres postgres.js generated" ;;
    *) order="postgres.js generated node-postgres" ;;
  esac
  for impl in $order; do run "$impl" >> "$work/runs.txt"; done
done
python3 - "$work/runs.txt" "$n" "$rounds" <<'PY'
import sys, statistics as st
path, n, rounds = sys.argv[1], sys.argv[2], sys.argv[3]
runs = {}
for line in open(path):
    f = line.split()
    if not f[0].startswith('W'): continue
    kv = dict(x.split('=', 1) for x in f[1:])
    runs.setdefault((f[0], kv['impl']), []).append(kv)
impls = ['generated', 'node-postgres', 'postgres.js']
print(f"N={n}, {rounds} rounds in rotating order (medians); client CPU = the process's user + system time.\n")
print("| workload | generated C CPU µs/op | node-postgres CPU µs/op | postgres.js CPU µs/op | CPU node-postgres / C "
      "| CPU postgres.js / C | wall µs/op C / node-postgres / postgres.js | checks agree |")
print("|---|---:|---:|---:|---:|---:|---:|---|")
for w in ['W1', 'W2', 'W3', 'W4', 'W5']:
    per = lambda impl, k: st.median(float(r[k]) for r in runs[(w, impl)]) / 1e3 / int(runs[(w, impl)][0]['n'])
    cpu = {i: per(i, 'cpu_ns') for i in impls}
    wall = {i: per(i, 'ns') for i in impls}
    checks = {r['check'] for i in impls for r in runs[(w, i)]}
    print(f"| {w} | {cpu['generated']:.2f} | {cpu['node-postgres']:.2f} | {cpu['postgres.js']:.2f} "
          f"| {cpu['node-postgres'] / cpu['generated']:.1f} | {cpu['postgres.js'] / cpu['generated']:.1f} "
          f"| {wall['generated']:.1f} / {wall['node-postgres']:.1f} / {wall['postgres.js']:.1f} "
          f"| {'yes' if len(checks) == 1 else 'NO'} |")
PY
