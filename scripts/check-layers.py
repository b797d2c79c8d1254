#!/usr/bin/env python3
"""Checks the generator's layering (DESIGN.md, "Layout"):

1. includes: a file under generator/ includes only headers of its own layer
   or of a lower one (util < sql < model < frontend, config < analysis, migrations <
   c < driver < cli < main.c);
2. calls: no circle between .c files, read from the object files' symbols
   (nm): file A calling a function defined in B and B, directly or through
   others, calling back into A.  Mutual recursion that is natural is listed
   in ALLOWED (the recursive-descent parser, the query typer).

  check-layers.py GENERATOR_DIR OBJECT_DIR
Prints each violation; exits 1 when there is one."""
import os
import re
import subprocess
import sys

RANK = {"util": 0, "sql": 1, "model": 2, "frontend": 3, "config": 3, "analysis": 4, "migrations": 4,
        "c": 5, "driver": 6, "cli": 7, "main.c": 8}
# Groups of files whose mutual calls are the algorithm's own recursion.
ALLOWED = [
    {"sql/sql_parse_expr.c", "sql/sql_parse_select.c", "sql/sql_parse_stmt.c"},
    {"analysis/query/qtype.c", "analysis/query/qselect.c", "analysis/query/qfuncs.c"},
]


def layer(rel):
    top = rel.split("/")[0]
    return top if top in RANK else None


def check_includes(gen):
    bad = []
    for dirpath, _, files in os.walk(gen):
        for f in files:
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, gen)
            me = layer(rel)
            if me is None:
                continue
            for n, line in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
                m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                if not m:
                    continue
                inc = m.group(1)
                if inc.startswith("."):
                    bad.append(f"{rel}:{n}: include '{inc}' is not relative to generator/")
                    continue
                it = layer(inc)
                if it is not None and RANK[it] > RANK[me]:
                    bad.append(f"{rel}:{n}: {me}/ includes {inc} of a higher layer ({it}/)")
    return bad


def symbols(obj):
    out = subprocess.run(["nm", "--defined-only", "-g", obj], capture_output=True, text=True).stdout
    defined = {l.split()[-1] for l in out.splitlines() if len(l.split()) == 3 and l.split()[1] in "TDBR"}
    out = subprocess.run(["nm", "-u", obj], capture_output=True, text=True).stdout
    used = {l.split()[-1] for l in out.splitlines() if l.strip()}
    return defined, used


def sccs(graph):
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def check_calls(gen, objdir):
    objs = {}
    for dirpath, _, files in os.walk(objdir):
        for f in files:
            if f.endswith(".c.o"):
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, objdir)
                src = re.sub(r"^.*?dalgen_core\.dir/", "", rel)[:-2]
                if os.path.exists(os.path.join(gen, src)):
                    objs[src] = path
    owner, uses = {}, {}
    for src, obj in objs.items():
        d, u = symbols(obj)
        for s in d:
            owner[s] = src
        uses[src] = u
    graph = {src: {owner[s] for s in uses[src] if s in owner and owner[s] != src} for src in objs}
    bad = []
    for comp in sccs(graph):
        if len(comp) > 1 and not any(comp <= a for a in ALLOWED):
            bad.append("call circle between files: " + ", ".join(sorted(comp)))
    return bad, len(objs)


def main():
    gen, objdir = sys.argv[1], sys.argv[2]
    bad = check_includes(gen)
    calls, nobj = check_calls(gen, objdir)
    bad += calls
    for b in bad:
        print(b)
    if nobj == 0:
        print("no object files found under", objdir)
        return 1
    print(f"{len(bad)} layering problems ({nobj} object files)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
