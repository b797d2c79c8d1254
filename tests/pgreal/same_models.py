# same_models.py LIST: each line of LIST is "A.json B.json WHAT", two
# `dalgen schema --json` models that must be equal once the orders a
# migration need not keep are made fixed (the orders dalgen's planner
# ignores too: creation order, column order): the top level's lists by
# schema and name, each table's columns by name, its keys and checks by
# their text.  Prints "ok: N models" or the first difference (exit 1).
# One process for all of replay.sh's comparisons.
import difflib
import json
import sys


def text(x):
    return json.dumps(x, sort_keys=True)


def named(x):
    if isinstance(x, dict):
        return (x.get("schema") or "", x.get("name") or "", text(x))
    return ("", "", text(x))


def fixed(path):
    with open(path) as f:
        m = json.load(f)
    for v in m.values():
        if isinstance(v, list):
            v.sort(key=named)
    for t in m.get("tables", []):
        t["columns"].sort(key=lambda c: c["name"])
        for k in ("foreign_keys", "checks", "uniques", "exclusions"):
            t.get(k, []).sort(key=text)
    return json.dumps(m, indent=1, sort_keys=True).splitlines()


seen = {}
n = 0
with open(sys.argv[1]) as f:
    for line in f:
        a, b, what = line.rstrip("\n").split(" ", 2)
        for p in (a, b):
            if p not in seen:
                seen[p] = fixed(p)
        if seen[a] != seen[b]:
            sys.stdout.writelines(l + "\n" for l in list(difflib.unified_diff(seen[a], seen[b], a, b, lineterm=""))[:60])
            print("FAIL: %s: the database is not at the state's model" % what)
            sys.exit(1)
        n += 1
print("ok: %d models equal their states'" % n)
