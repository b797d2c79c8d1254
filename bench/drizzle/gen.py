#!/usr/bin/env python3
"""Writes a drizzle-orm schema (drizzle-orm/sqlite-core) of N tables for the
drizzle-kit benchmark (bench/README.md, "Against drizzle-kit"): 10-20
columns a table (integer, text, real, blob, boolean), an integer primary key,
NOT NULL columns with defaults, a unique column in one table of three, an
index on the third column and a foreign key to one of the five tables before,
like bench/generator/synth.py.  Deterministic for a given seed.

  gen.py TABLES OUT.ts [--seed S] [--mutate PERCENT]

--mutate writes the same schema with PERCENT of the tables changed (at least
4, so that every kind is there), in turn: a column added, a column dropped, a
column's type or NOT NULL changed, an index added.  A table gets one change,
so drizzle-kit never has to ask whether a column was renamed."""
import argparse
import random

# drizzle builder, SQL default when NOT NULL
TYPES = [("integer", "0"), ("text", '""'), ("real", "0"), ("blob", None),
         ("text", '""'), ("integer", "0"), ("boolean", "false")]


def column(name, kind, notnull):
    call = f'integer("{name}", {{ mode: "boolean" }})' if kind == "boolean" else f'{kind}("{name}")'
    default = dict(TYPES)[kind]
    if notnull and default is not None:
        call += f".notNull().default({default})"
    return call


def table(i, rng):
    """[(name, kind, notnull, unique)], parent table or None"""
    cols = []
    for c in range(1, rng.randint(10, 20)):
        kind = rng.choice(TYPES)[0]
        cols.append([f"c{c}_{kind}", kind, rng.random() < 0.3, False])
    if i % 3 == 0:
        cols[0][3] = True
    parent = i - 1 - rng.randint(0, min(i - 1, 5)) if i > 0 else None
    return cols, parent


def mutate(cols, k, indexed):
    """applies change k (0-3) to cols; returns the extra indexed columns"""
    if k == 0:
        cols.append(["added_col", "text", False, False])
    elif k == 1:
        cols.pop(3)
    elif k == 2:
        c = cols[4]
        if len(cols) % 2 and dict(TYPES)[c[1]] is not None:
            c[2] = not c[2]
        else:
            c[1] = "text" if c[1] != "text" else "integer"
    else:
        return indexed + [cols[-1][0]]
    return indexed


def write(tables, out, seed, percent):
    changed = []
    if percent:
        changed = sorted(random.Random(seed).sample(range(tables), max(4, tables * percent // 100)))
    lines = ['import { sqliteTable, integer, text, real, blob, index } from "drizzle-orm/sqlite-core";', ""]
    for i in range(tables):
        cols, parent = table(i, random.Random(f"{seed}-{i}"))
        name = f"t{i:04d}"
        indexed = [cols[1][0]]
        if i in changed:
            indexed = mutate(cols, changed.index(i) % 4, indexed)
        lines.append(f'export const {name} = sqliteTable("{name}", {{')
        lines.append('  id: integer("id").primaryKey(),')
        for c, kind, notnull, unique in cols:
            lines.append(f"  {c}: {column(c, kind, notnull)}{'.unique()' if unique else ''},")
        if parent is not None:
            lines.append(f'  parent_id: integer("parent_id").references(() => t{parent:04d}.id, '
                         '{ onDelete: "cascade" }),')
        idx = ", ".join(f'index("{name}_idx{k}").on(t.{c})' for k, c in enumerate(indexed))
        lines.append(f"}}, (t) => [{idx}]);")
        lines.append("")
    with open(out, "w") as f:
        f.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tables", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mutate", type=int, default=0)
    a = ap.parse_args()
    write(a.tables, a.out, a.seed, a.mutate)


if __name__ == "__main__":
    main()
