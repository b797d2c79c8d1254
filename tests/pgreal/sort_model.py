# sort_model.py < model.json > sorted.json: a `dalgen schema --json` model
# with the orders a migration need not keep made fixed (the order dalgen's
# planner ignores too: creation order, column order): the top level's
# lists by schema and name, each table's columns by name, its keys and
# checks by their text.  replay.sh compares states through it.
import json
import sys


def text(x):
    return json.dumps(x, sort_keys=True)


def named(x):
    if isinstance(x, dict):
        return (x.get("schema") or "", x.get("name") or "", text(x))
    return ("", "", text(x))


m = json.load(sys.stdin)
for v in m.values():
    if isinstance(v, list):
        v.sort(key=named)
for t in m.get("tables", []):
    t["columns"].sort(key=lambda c: c["name"])
    for k in ("foreign_keys", "checks", "uniques", "exclusions"):
        t.get(k, []).sort(key=text)
json.dump(m, sys.stdout, indent=1, sort_keys=True)
sys.stdout.write("\n")
