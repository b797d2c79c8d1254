#!/usr/bin/env python3
"""Turns the raw outputs of bench/run.sh into Markdown tables."""
import os
import platform
import re
import statistics
import subprocess
import sys

work, n, cg_n = sys.argv[1], sys.argv[2], sys.argv[3]
repeat = sys.argv[4] if len(sys.argv) > 4 else "3"
NAMES = {"W1": "insert (one transaction)", "W2": "get by primary key", "W3": "get by unique email",
         "W4": "full scan", "W5": "update score (named query, one transaction)"}

wall, cpu, allocs, dal_allocs, checks = {}, {}, {}, {}, {}
for line in open(f"{work}/wall.txt") if os.path.exists(f"{work}/wall.txt") else []:
    f = dict(kv.split("=", 1) for kv in line.split()[1:])
    w = line.split()[0]
    if w == "final":
        continue
    wall.setdefault((w, f["impl"]), []).append(float(f["ns"]))
    if "cpu_ns" in f:
        cpu.setdefault((w, f["impl"]), []).append(float(f["cpu_ns"]))
    checks.setdefault(w, set()).add(f["check"])
    allocs[(w, f["impl"])] = f["allocs_per_op"]
    if f["impl"] == "generated":
        dal_allocs[w] = f["dal_allocs_per_op"]
ir = {}
for line in open(f"{work}/callgrind.txt") if os.path.exists(f"{work}/callgrind.txt") else []:
    w, impl, count = line.split()
    ir[(w, impl)] = int(count)


def ver(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, shell=True).stdout.strip().splitlines()[0]
    except Exception:
        return "?"


def runtime():
    print("## Runtime: generated code vs hand-written sqlite3 C\n")
    print(f"Median wall time and median CPU time (the process's, same runs) of "
            f"{len(wall[('W1', 'generated')])} alternating runs at N={n}; callgrind "
            f"instructions of the measured workload alone at N={cg_n}.\n")
    print("| workload | generated ms | hand-written ms | wall ratio | CPU ratio | generated Ir | hand-written Ir | Ir ratio | libdal allocs/op | process allocs/op generated / hand-written | checks agree |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for w in ["W1", "W2", "W3", "W4", "W5"]:
        g = statistics.median(wall[(w, "generated")]) / 1e6
        h = statistics.median(wall[(w, "handwritten")]) / 1e6
        gi, hi = ir.get((w, "generated"), 0), ir.get((w, "handwritten"), 0)
        ratio = f"{gi / hi:.3f}" if hi else "n/a"
        gc, hc = cpu.get((w, "generated")), cpu.get((w, "handwritten"))
        cpu_ratio = f"{statistics.median(gc) / statistics.median(hc):.3f}" if gc and hc else "n/a"
        print(f"| {w} {NAMES[w]} | {g:.1f} | {h:.1f} | {g / h:.3f} | {cpu_ratio} | {gi:,} | {hi:,} | {ratio} | "
            f"{dal_allocs[w]} | {allocs[(w, 'generated')]} / {allocs[(w, 'handwritten')]} | "
            f"{'yes' if len(checks[w]) == 1 else 'NO'} |")


if wall:
    runtime()

def growth(rows):
    """{(cmd, tables): value} -> {(cmd, tables): value / value at the size before}"""
    out = {}
    for cmd in {c for c, _ in rows}:
        sizes = sorted(t for c, t in rows if c == cmd)
        for a, b in zip(sizes, sizes[1:]):
            if rows[(cmd, a)]:
                out[(cmd, b)] = (a, rows[(cmd, b)] / rows[(cmd, a)])
    return out


if os.path.exists(f"{work}/generator.txt"):
    print("\n## Generator\n")
    print(f"Best of {repeat} runs: wall-clock seconds, CPU seconds (user + system) and peak RSS; schemas from "
          "bench/generator/synth.py (5 named queries per table; diff: against the same schema with "
          "3% of its tables changed, `synth.py N --mutate 3`). Growth: wall time over the size before "
          "(times more tables).\n")
    print("| command | tables | wall s | CPU s | peak RSS MiB | wall growth |")
    print("|---|---:|---:|---:|---:|---:|")
    rows, walls = [], {}
    for line in open(f"{work}/generator.txt"):
        f = line.split()
        cmd, t, w, c = f[0], int(f[1]), float(f[2]), float(f[3])
        rss = int(f[4]) / 1024 if len(f) > 4 else 0
        rows.append((cmd, t, w, c, rss))
        walls[(cmd, t)] = w
    g = growth(walls)
    for cmd, t, w, c, rss in sorted(rows, key=lambda r: (r[0], r[1])):
        gr = f"{g[(cmd, t)][1]:.1f}x for {t // g[(cmd, t)][0]}x" if (cmd, t) in g else ""
        print(f"| {cmd} | {t:,} | {w:.3f} | {c:.2f} | {rss:.0f} | {gr} |")
if os.path.exists(f"{work}/generator_ir.txt"):
    irs = {}
    for line in open(f"{work}/generator_ir.txt"):
        f = line.split()
        if len(f) == 3:
            irs[(f[0], int(f[1]))] = int(f[2])
    g = growth(irs)
    print("\nCallgrind instructions (the stable figure):\n")
    print("| command | tables | instructions | growth |")
    print("|---|---:|---:|---:|")
    for (cmd, t), ir in sorted(irs.items()):
        gr = f"{g[(cmd, t)][1]:.1f}x for {t // g[(cmd, t)][0]}x" if (cmd, t) in g else ""
        print(f"| {cmd} | {t:,} | {ir:,} | {gr} |")
if os.path.exists(f"{work}/migrate.txt"):
    print("\n## Migration runner: rebuild with a referencing table\n")
    for line in open(f"{work}/migrate.txt"):
        f = dict(kv.split("=", 1) for kv in line.split()[1:])
        print(f"Median of {f['rounds']} rounds, `dal_migrate_apply` of a rebuild of a {int(f['n']):,}-row table: "
              f"{float(f['without_s']):.2f} s alone, {float(f['with_s']):.2f} s with a {int(f['n']):,}-row table "
              f"referencing it (ratio {float(f['ratio']):.2f}).")

print("\n## Machine\n")
model = ver("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")
cores = subprocess.run("nproc", capture_output=True, text=True).stdout.strip()
sqlite = ver("sqlite3 --version | cut -d' ' -f1")
print(f"- {platform.machine()}, {cores} cores, {model.strip()}; load average at the end of the run "
      f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
print(f"- SQLite {sqlite}, {ver('gcc --version')}, Release build (-O3)")
