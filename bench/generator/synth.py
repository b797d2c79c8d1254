#!/usr/bin/env python3
"""Synthesizes a schema of N tables (10-20 columns each, indexes, foreign
keys, views) and a query file with 5 named queries per table, for the
generator benchmark.  Deterministic for a given seed.

  synth.py TABLES OUTDIR [--seed S] [--mutate PERCENT]

--mutate writes a second version of the same schema in which PERCENT of the
tables changed (a column added, a column dropped or an index added), for
timing `dalgen diff`."""
import argparse
import os
import random

TYPES = ["INTEGER", "TEXT", "REAL", "BLOB", "NUMERIC", "BOOLEAN", "TEXT", "INTEGER"]


def table_def(i, rng):
    ncols = rng.randint(10, 20)
    cols = [("id", "INTEGER PRIMARY KEY")]
    for c in range(1, ncols):
        t = rng.choice(TYPES)
        nn = " NOT NULL DEFAULT 0" if t in ("INTEGER", "REAL") and rng.random() < 0.3 else ""
        cols.append((f"c{c}_{t.lower()}", t + nn))
    fk = i - 1 - rng.randint(0, min(i - 1, 5)) if i > 0 else None
    if fk is not None:
        cols.append((f"parent_id", f"INTEGER REFERENCES t{fk:04d}(id) ON DELETE CASCADE"))
    return cols, fk


def write(tables, outdir, rng, mutate):
    os.makedirs(outdir, exist_ok=True)
    pick = random.Random(rng.random())
    changed = set(pick.sample(range(tables), max(1, tables * mutate // 100))) if mutate else set()
    base = rng.random()
    schema, queries = [], []
    for i in range(tables):
        cols, fk = table_def(i, random.Random(f"{base}-{i}"))
        name = f"t{i:04d}"
        idx = [cols[2][0]]
        if i in changed:
            kind = i % 3
            if kind == 0:
                cols.append(("added_col", "TEXT"))
            elif kind == 1 and len(cols) > 4:
                cols.pop(3)
            else:
                idx.append(cols[-1][0])
        body = ",\n".join(f"    {c} {t}" for c, t in cols)
        schema.append(f"CREATE TABLE {name} (\n{body}\n);")
        for k, col in enumerate(idx):
            schema.append(f"CREATE INDEX {name}_idx{k} ON {name}({col});")
        if i % 10 == 0:
            schema.append(f"CREATE VIEW {name}_v AS SELECT id, {cols[1][0]} FROM {name};")
        text_col = next((c for c, t in cols if t.startswith("TEXT")), cols[1][0])
        q = [
            f"-- name: Get{name.title()} :one\nSELECT * FROM {name} WHERE id = ?;",
            f"-- name: Count{name.title()} :one\nSELECT count(*) AS n FROM {name};",
            f"-- name: Set{name.title()} :exec\nUPDATE {name} SET {text_col} = ? WHERE id = ?;",
            f"-- name: Delete{name.title()} :execrows\nDELETE FROM {name} WHERE id = ?;",
        ]
        if fk is not None:
            q.append(f"-- name: List{name.title()}ByParent :many\nSELECT * FROM {name} WHERE parent_id = ? ORDER BY id;")
        else:
            q.append(f"-- name: List{name.title()} :many\nSELECT * FROM {name} ORDER BY id LIMIT ?;")
        queries.extend(q)
    with open(os.path.join(outdir, "schema.sql"), "w") as f:
        f.write("\n".join(schema) + "\n")
    with open(os.path.join(outdir, "queries.sql"), "w") as f:
        f.write("\n\n".join(queries) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tables", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mutate", type=int, default=0)
    a = ap.parse_args()
    write(a.tables, a.outdir, random.Random(a.seed), a.mutate)


if __name__ == "__main__":
    main()
