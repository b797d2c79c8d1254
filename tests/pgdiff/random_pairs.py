#!/usr/bin/env python3
"""Random schema pairs with rows on PostgreSQL: the planner's property test.

For each pair: a random old schema and a random new one derived from it
(renames through @renamed_from, added/dropped/widened columns, NOT NULL and
DEFAULT changes, indexes, UNIQUE/CHECK/FK constraints, enum labels added and
dropped, serial <-> identity keys, added and dropped tables); the old schema is loaded into a fresh database with rows,
`dalgen diff --engine postgresql` plans up and down (each plan is verified by
dalgen itself first), up is applied with psql, then:
  - a second diff from the database to the new schema is empty,
  - every value of every surviving column is equal (as text),
  - every serial/identity key's counter is past the keys held,
  - down is applied, the diff to the old schema is empty, every value that
    up kept is back, and the counters again.
It prints `pairs N, values compared V, values lost L, failures F` and exits
non-zero on any failure.

With ONLINE=1 the plans are `--online` ones (sections run as the runner
runs them), and half the indexes of tables that keep their name change
their definition (replaced CONCURRENTLY under a temporary name).

Usage (with PGHOST/PGPORT/PGUSER set, e.g. inside tests/pg/run.sh):
  [ONLINE=1] python3 tests/pgdiff/random_pairs.py DALGEN WORKDIR [COUNT [SEED]]
Any count, e.g. 500 pairs:
  cd build && ctest -R pg.cluster.start && \\
  sh ../tests/pg/run.sh tests/pg/cluster python3 ../tests/pgdiff/random_pairs.py \\
      generator/dalgen /tmp/pgdiff-pairs 500 1; ctest -R pg.cluster.stop
"""
import os
import random
import subprocess
import sys

TYPES = ["integer", "bigint", "text", "varchar(10)", "boolean", "date", "numeric", "mood"]
WIDER = {"integer": ["bigint", "numeric", "text"], "varchar(10)": ["varchar(20)", "text"],
         "bigint": ["numeric", "text"], "boolean": ["text"], "date": ["text"], "mood": ["text"]}
LABELS = ["a", "b", "c"]
ONLINE = os.environ.get("ONLINE") == "1"


def value(rng, ty, i):
    if ty in ("integer", "bigint"):
        return str(rng.randint(-1000, 1000))
    if ty == "numeric":
        return "%d.%02d" % (rng.randint(-99, 99), rng.randint(0, 99))
    if ty in ("text", "varchar(10)"):
        return "'%s'" % rng.choice(["x", "it''s", "ünï", "ab cd", str(i)])
    if ty == "boolean":
        return rng.choice(["true", "false"])
    if ty == "date":
        return "'2024-%02d-%02d'" % (rng.randint(1, 12), rng.randint(1, 28))
    return "'%s'" % rng.choice(["a", "b"])   # never "c": a new schema may drop it


def default_of(ty):
    return {"integer": "0", "bigint": "7", "numeric": "1.5", "text": "'d'", "varchar(10)": "'v'", "varchar(20)": "'w'",
            "boolean": "false", "date": "'2000-01-01'", "mood": "'a'"}[ty]


class Col:
    def __init__(self, name, ty, not_null=False, default=None, rf=None):
        self.name, self.ty, self.not_null, self.default, self.rf = name, ty, not_null, default, rf


class Table:
    def __init__(self, name, key, cols):
        self.name, self.key, self.cols, self.rf = name, key, cols, None
        self.unique, self.check, self.indexes, self.fk = False, False, [], None


def random_schema(rng):
    tables = []
    for t in range(rng.randint(1, 3)):
        cols = []
        for k in range(rng.randint(1, 4)):
            ty = rng.choice(TYPES)
            nn = rng.random() < 0.3
            cols.append(Col("c%d" % k, ty, nn, default_of(ty) if nn or rng.random() < 0.3 else None))
        tb = Table("t%d" % t, rng.choice(["identity", "serial", "plain"]), cols)
        if rng.random() < 0.3:
            tb.indexes.append([rng.choice(cols).name])
        if tables and rng.random() < 0.4:
            tb.fk = tables[rng.randrange(len(tables))].name
        tables.append(tb)
    return {"labels": list(LABELS), "tables": tables}


def clone(s):
    import copy
    return copy.deepcopy(s)


def mutate(rng, old):
    s = clone(old)
    for tb in s["tables"]:
        for c in tb.cols:
            c.rf = None
        tb.rf = None
    n = 0
    for _ in range(rng.randint(1, 4)):
        tb = rng.choice(s["tables"])
        op = rng.randrange(17)
        n += 1
        if op == 0 and tb.cols:                       # rename a column
            c = rng.choice(tb.cols)
            if c.rf is None:
                c.rf, c.name = c.name, c.name + "r%d" % n
        elif op == 1 and len(tb.cols) > 1:            # drop a column
            tb.cols.remove(rng.choice(tb.cols))
            tb.indexes = []
        elif op == 2:                                 # add a column
            ty = rng.choice(TYPES)
            nn = rng.random() < 0.4
            tb.cols.append(Col("n%d" % n, ty, nn, default_of(ty) if nn else None))
        elif op == 3 and tb.cols:                     # widen a type
            c = rng.choice(tb.cols)
            if c.ty in WIDER and not tb.indexes:
                c.ty = rng.choice(WIDER[c.ty])
                c.default = default_of(c.ty) if c.default else None
        elif op == 4 and tb.cols:                     # NOT NULL on, with a default
            c = rng.choice(tb.cols)
            c.not_null, c.default = True, c.default or default_of(c.ty)
        elif op == 5 and tb.cols:                     # NOT NULL off
            rng.choice(tb.cols).not_null = False
        elif op == 6 and tb.cols:                     # default changes
            c = rng.choice(tb.cols)
            if not c.not_null:
                c.default = None if c.default else default_of(c.ty)
        elif op == 7 and tb.cols:                     # an index comes or goes
            tb.indexes = [] if tb.indexes else [[rng.choice(tb.cols).name]]
        elif op == 8 and tb.rf is None:               # rename the table
            tb.rf, tb.name = tb.name, tb.name + "r%d" % n
        elif op == 9:                                 # enum gains a label
            if "d" not in s["labels"]:
                s["labels"].insert(rng.randint(0, len(s["labels"])), "d")
        elif op == 10:                                # a new table
            s["tables"].append(Table("new%d" % n, "identity", [Col("v", "text")]))
        elif op == 11 and len(s["tables"]) > 1:       # drop a table (and FKs into it)
            gone = rng.choice(s["tables"])
            s["tables"].remove(gone)
            for t in s["tables"]:
                if t.fk in (gone.name, gone.rf):
                    t.fk = None
        elif op == 12 and tb.key != "plain":          # serial <-> identity (the counter must carry)
            tb.key = "serial" if tb.key == "identity" else "identity"
        elif op == 13:                                # a CHECK comes or goes
            tb.check = not tb.check
        elif op == 14 and tb.cols:                    # a UNIQUE (id, c) comes or goes
            tb.unique = False if tb.unique else rng.choice(tb.cols).name
        elif op == 15:                                # an enum label goes (rows never hold it)
            if "c" in s["labels"]:
                s["labels"].remove("c")
        elif op == 16:                                # a FOREIGN KEY to an earlier table comes or goes
            earlier = s["tables"][:s["tables"].index(tb)]
            tb.fk = None if tb.fk or not earlier else rng.choice(earlier).name
    for tb in s["tables"]:                            # FKs follow renamed parents
        for p in s["tables"]:
            if tb.fk is not None and p.rf == tb.fk:
                tb.fk = p.name
        names = {c.name for c in tb.cols} | {"id"}
        tb.indexes = [ix for ix in tb.indexes if all(x in names for x in ix)]
        if ONLINE and tb.indexes and tb.rf is None and rng.random() < 0.5:   # the index changes its definition
            tb.indexes = [[tb.indexes[0][0], "id"] if tb.indexes[0][-1] != "id" else tb.indexes[0][:1]]
        if tb.unique and tb.unique not in names:
            tb.unique = next((c.name for c in tb.cols if c.rf == tb.unique), False)
    return s


def ddl(s):
    out = ["CREATE TYPE mood AS ENUM (%s);" % ", ".join("'%s'" % l for l in s["labels"])]
    for tb in s["tables"]:
        key = {"identity": "id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "serial": "id serial PRIMARY KEY",
               "plain": "id integer PRIMARY KEY"}[tb.key]
        lines = ["CREATE TABLE %s (%s" % (tb.name, "  -- @renamed_from %s" % tb.rf if tb.rf else ""), "  " + key + ","]
        for c in tb.cols:
            d = c.ty + (" NOT NULL" if c.not_null else "") + (" DEFAULT " + c.default if c.default else "")
            lines.append("  %s %s,%s" % (c.name, d, "  -- @renamed_from %s" % c.rf if c.rf else ""))
        if tb.check:
            lines.append("  CHECK (id > 0),")
        if tb.unique:
            lines.append("  UNIQUE (id, %s)," % tb.unique)
        lines.append("  ref bigint%s" % (" REFERENCES %s (id)" % tb.fk if tb.fk else ""))
        lines.append(");")
        out.append("\n".join(lines))
        for i, ix in enumerate(tb.indexes):
            out.append("CREATE INDEX %s_ix%d ON %s (%s);" % (tb.name, i, tb.name, ", ".join(ix)))
    return "\n".join(out) + "\n"


def psql(db, sql, single=True):
    args = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-At", "-F", "\x1f"]
    if single:
        args.append("-1")
    r = subprocess.run(args, input=sql, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("psql: " + r.stderr.strip())
    return r.stdout


def apply_plan(db, text):
    """Runs a plan as the runner does: -- dalgen:no-transaction sections statement by statement."""
    notx, chunk = False, []
    for line in text.splitlines(keepends=True) + ["-- dalgen:transaction\n"]:
        if line.startswith("-- dalgen:no-transaction") or line.startswith("-- dalgen:transaction"):
            body = "".join(chunk)
            if body.strip():
                psql(db, body, single=not notx)
            chunk, notx = [], line.startswith("-- dalgen:no-transaction")
        else:
            chunk.append(line)


def rows(rng, s, db):
    sql = []
    for ti, tb in enumerate(s["tables"]):
        for i in range(rng.randint(0, 5)):
            names = ["id"] + [c.name for c in tb.cols]
            vals = [str(i + 1)] + [("NULL" if not c.not_null and rng.random() < 0.25 else value(rng, c.ty, i))
                                   for c in tb.cols]
            sql.append("INSERT INTO %s (%s) VALUES (%s);" % (tb.name, ", ".join(names), ", ".join(vals)))
    if sql:
        psql(db, "\n".join(sql).replace("VALUES", "OVERRIDING SYSTEM VALUE VALUES"))
    for tb in s["tables"]:   # the counters past the keys inserted
        if tb.key != "plain":
            psql(db, "SELECT setval(pg_get_serial_sequence('%s', 'id'), max(id)) FROM %s HAVING max(id) IS NOT NULL"
                 % (tb.name, tb.name))


def counters_ok(db, s):
    """Each serial or identity key's next value is past every key held."""
    for tb in s["tables"]:
        if tb.key == "plain":
            continue
        out = psql(db, "SELECT nextval(pg_get_serial_sequence('%s', 'id')) > coalesce(max(id), 0) FROM %s"
                   % (tb.name, tb.name)).strip()
        if out != "t":
            raise RuntimeError("counter of %s.id is behind its keys" % tb.name)


def snapshot(db, tb, cols):
    """{id: {col: text}} of table tb (old names) for columns cols."""
    if not cols:
        return {}
    q = "SELECT id, %s FROM %s ORDER BY id" % (", ".join("%s::text" % c for c in cols), tb)
    out = {}
    for line in psql(db, q).splitlines():
        f = line.split("\x1f")
        out[f[0]] = dict(zip(cols, f[1:]))
    return out


def survivors(old, new):
    """[(old table, new table, [(old col, new col, compare)])]"""
    res = []
    for ot in old["tables"]:
        nt = next((t for t in new["tables"] if (t.rf or t.name) == ot.name), None)
        if not nt:
            continue
        cols = []
        for oc in ot.cols:
            nc = next((c for c in nt.cols if (c.rf or c.name) == oc.name), None)
            if nc:
                same = nc.ty == oc.ty or (oc.ty, nc.ty) in (("varchar(10)", "varchar(20)"), ("varchar(10)", "text"),
                                                             ("integer", "bigint"), ("integer", "text"),
                                                             ("bigint", "text"), ("mood", "text"), ("date", "text"))
                fills = nc.not_null and not oc.not_null
                cols.append((oc.name, nc.name, same and not fills))
        res.append((ot.name, nt.name, cols))
    return res


def dalgen(exe, args):
    return subprocess.run([exe] + args, capture_output=True, text=True)


def one(exe, work, server, rng, idx, stats):
    old = random_schema(rng)
    new = mutate(rng, old)
    d = os.path.join(work, "p%d" % idx)
    os.makedirs(d, exist_ok=True)
    op, np_ = os.path.join(d, "old.sql"), os.path.join(d, "new.sql")
    open(op, "w").write(ddl(old))
    open(np_, "w").write(ddl(new))
    pg = ["--engine", "postgresql", "--pg-server", server] + (["--online"] if ONLINE else [])
    up = dalgen(exe, ["diff"] + pg + ["--from", op, "--to", np_, "--allow-destructive"])
    down = dalgen(exe, ["diff"] + pg + ["--from", op, "--to", np_, "--allow-destructive", "--down"])
    if up.returncode != 0 or down.returncode != 0:
        raise RuntimeError("diff refused: " + up.stderr + down.stderr)
    open(os.path.join(d, "up.sql"), "w").write(up.stdout)
    open(os.path.join(d, "down.sql"), "w").write(down.stdout)
    db = "pgdiff_pair_%d%s" % (rng.seed_tag, "_online" if ONLINE else "")
    psql("postgres", "DROP DATABASE IF EXISTS %s" % db, single=False)
    psql("postgres", "CREATE DATABASE %s" % db, single=False)
    dburl = "postgresql:///%s" % db
    psql(db, ddl(old).replace("-- @", "-- "))
    rows(rng, old, db)
    surv = survivors(old, new)
    before = {ot: snapshot(db, ot, [c[0] for c in cols]) for ot, nt, cols in surv}
    apply_plan(db, up.stdout)
    again = dalgen(exe, ["diff"] + pg + ["--from", dburl, "--to", np_, "--allow-destructive"])
    if again.returncode != 0 or again.stdout.strip():
        raise RuntimeError("second diff after up is not empty:\n" + again.stdout + again.stderr)
    for ot, nt, cols in surv:
        after = snapshot(db, nt, [c[1] for c in cols])
        for rid, vals in before[ot].items():
            for oc, nc, cmp in cols:
                if not cmp:
                    continue
                stats["values"] += 1
                if rid not in after or after[rid].get(nc) != vals[oc]:
                    stats["lost"] += 1
                    raise RuntimeError("value lost: %s.%s id %s: %r -> %r" % (nt, nc, rid, vals[oc],
                                                                              after.get(rid, {}).get(nc)))
    counters_ok(db, new)
    apply_plan(db, down.stdout)
    back = dalgen(exe, ["diff"] + pg + ["--from", dburl, "--to", op, "--allow-destructive"])
    if back.returncode != 0 or back.stdout.strip():
        raise RuntimeError("diff after down is not empty:\n" + back.stdout + back.stderr)
    for ot, nt, cols in surv:
        now = snapshot(db, ot, [c[0] for c in cols if c[2]])
        for rid, vals in now.items():
            for oc, nc, cmp in cols:
                if cmp:
                    stats["values"] += 1
                    if vals.get(oc) != before[ot][rid][oc]:
                        stats["lost"] += 1
                        raise RuntimeError("value not restored by down: %s.%s id %s" % (ot, oc, rid))
    counters_ok(db, old)


def main():
    exe, work = os.path.abspath(sys.argv[1]), sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    server = "postgresql:///postgres"
    os.makedirs(work, exist_ok=True)
    stats = {"values": 0, "lost": 0}
    fails = 0
    for i in range(count):
        rng = random.Random(seed * 1000003 + i)
        rng.seed_tag = seed   # the database's name: runs with other seeds may go at the same time
        try:
            one(exe, work, server, rng, i, stats)
        except RuntimeError as e:
            fails += 1
            print("pair %d (seed %d): %s" % (i, seed, e), file=sys.stderr)
    print("pairs %d%s, values compared %d, values lost %d, failures %d" % (count, " (--online)" if ONLINE else "",
                                                                          stats["values"], stats["lost"], fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
