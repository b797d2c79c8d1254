#!/usr/bin/env python3
"""reliability.names: the identifier property test (issue 21).

For each seed, a random schema A whose table, column, index, view and
trigger names are hostile (control characters, newlines, `*/`, `/*`, `--`,
quotes, backslashes, trigraphs, `%` formats, Unicode with RTL marks and
combining characters, SQL and C keywords, `rowid`/`oid`/`_rowid_` in any
case, libdal's and the generated code's own names, names differing only in
case, very long names), and a changed schema B (renames through
`@renamed_from`, added and dropped columns and tables, rebuilds), go
through the real dalgen binary:

  1. `migrate new` A, `generate` A with its queries and the migrations
     folder; the output compiles with -Wall -Wextra -Wpedantic -Wconversion
     -Werror (two compilers, -std=c99 and -std=c11), links against libdal,
     and a program generated from the view model (--dump-view) applies the
     embedded migrations to an empty database, checks the schema, inserts a
     row into every table through the generated API and reads it back.
  2. A database of A holding rows in every table (a canary table with a
     hostile name among them) is migrated to B with `migrate new` +
     `migrate apply`: integrity_check ok, foreign_key_check empty, the
     database diffs empty against B, and every value of every column the
     pair does not change is where it was (keyed by rowid or primary key);
     `generate` B with both migrations, compiled and run the same way; then
     `migrate down`: the database diffs empty against A and the values are
     back.

dalgen may refuse a name only with a documented, located, one-line error
(REFUSALS below), exit 1 and nothing written.  Anything else (a crash, a
half-written output, code that does not compile or run, a plan that does
not apply, a changed value) is a failure: the seed's files stay in
WORK/seed-N and the command to rerun it is printed.

usage: names.py [--dalgen BIN] [--libdal LIB] [--include DIR] [--cc CC]
                [--cc2 CC] [--cflags FLAGS] [--work DIR] [--keep]
                [--compile-every K] SEED COUNT
Defaults: the binaries of ./build, gcc (linked and run) and clang
(-fsyntax-only), /tmp/dalgen-names.  --compile-every K compiles and runs
the C of every K-th seed only (compiling is 90% of the time; the others
still generate, migrate and compare).  Exit 0 when every seed passed.
"""
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

# ---------------------------------------------------------------- names

SQL_WORDS = ["select", "table", "order", "group", "where", "from", "index", "values", "key",
             "primary", "default", "check", "null", "as", "on", "create", "drop", "column",
             "references", "unique", "insert", "update", "delete", "begin", "end", "limit"]
C_WORDS = ["int", "char", "struct", "return", "default", "NULL", "memcpy", "strlen", "errno",
           "main", "printf", "void", "static", "bool", "true", "int64_t", "size_t", "assert",
           "free", "malloc", "class", "namespace", "auto", "register", "const", "unsigned",
           "long", "double", "signed", "_Bool", "EOF", "stdin", "errno_t", "strcmp", "abort"]
ROWIDS = ["rowid", "oid", "_rowid_"]
OWN = ["dal_arena", "dal_db", "dal_blob", "dal_value", "dal_errors", "sqlite3_stmt", "sqlite3",
       "stmt", "st", "rc", "db", "row", "out", "n", "i", "it", "arena", "errs", "patch", "rows",
       "DAL_OK", "SQLITE_OK", "dal_", "P_", "P__unit", "out_rows", "out_id", "has_x", "x_INIT"]
FRAGMENTS = ["*/", "/*", "--", ";", "'", "\"", "\\", "??=", "??/", "??'", "??(", "%s", "%n",
             "%d%%", "\n", "\r", "\t", "\r\n", " ", "#error x", "\\n", "{{x}}", "$1", "?", ":a",
             "@x", "`", "[", "]", "(", ")", ",", ".", "\x7f"]
UNICODE = ["é", "Äß", "中文", "日本語", "😀", "\u200f", "\u202e", "e\u0301", "\u00a0", "\u2028",
           "Ω", "ﬁ", "\ufeff", "İ", "ǅ", "\U0001F600x", "ł", "ÿ"]
PLAIN = ["users", "posts", "Users", "item", "items", "people", "status", "data", "Order",
         "InvoiceLine", "invoice_line", "a", "A", "b", "x", "name", "value", "id", "ID", "Id"]


def rand_case(rng, w):
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in w)


def control(rng):
    return chr(rng.randint(1, 31))


class Namer:
    """Hostile names, unique within one SQLite namespace (ASCII case folded)."""

    def __init__(self, rng, prefix):
        self.rng = rng
        self.prefix = prefix
        self.count = 0

    def word(self, other_rows):
        rng = self.rng
        k = rng.randrange(9)
        if k == 0: return rng.choice(SQL_WORDS)
        if k == 1: return rng.choice(C_WORDS)
        if k == 2: return rand_case(rng, rng.choice(ROWIDS))
        if k == 3: return rng.choice(OWN).replace("P_", self.prefix + "_")
        if k == 4 and other_rows: return rng.choice(other_rows)
        if k == 5: return rng.choice(UNICODE)
        if k == 6: return rand_case(rng, rng.choice(PLAIN))
        if k == 7: return control(rng)
        return rng.choice(FRAGMENTS)

    def make(self, taken, other_rows=(), rowid_ok=True):
        rng = self.rng
        for _ in range(200):
            r = rng.random()
            if r < 0.35:
                name = self.word(other_rows)
            elif r < 0.9:
                name = "".join(self.word(other_rows) for _ in range(rng.randint(2, 5)))
            elif r < 0.97:   # very long
                name = "".join(self.word(other_rows) for _ in range(rng.randint(20, 60)))
            else:
                name = rng.choice(PLAIN) * rng.randint(40, 90)
            if not rowid_ok and name.lower() in ROWIDS:
                continue
            if ok_name(name) and fold(name) not in taken:
                taken.add(fold(name))
                self.count += 1
                return name
        name = "n%d" % len(taken)
        taken.add(fold(name))
        return name


def fold(name):
    return name.encode("utf-8").lower().decode("utf-8")  # SQLite folds ASCII only


def ok_name(name):
    """Names SQLite itself refuses, and dalgen's documented reserved prefix."""
    low = fold(name)
    return name != "" and "\0" not in name and not low.startswith("sqlite_") and "_dalgen_" not in low \
        and not low.startswith("_dal_")


def q(name):
    return '"' + name.replace('"', '""') + '"'


def lit(text):
    return "'" + text.replace("'", "''") + "'"


# ---------------------------------------------------------------- schemas

TYPES = ["INTEGER", "TEXT", "REAL", "BLOB", "BOOLEAN", "", "NUMERIC", "VARCHAR(20)", "DATETIME"]


class Col:
    def __init__(self, name, typ):
        self.name = name
        self.typ = typ
        self.old = None           # name in A (None: added in B)
        self.rf = None            # @renamed_from written in B
        self.nn = False
        self.default = None       # SQL literal
        self.check = False
        self.unique = False
        self.fk = None            # parent Table
        self.enum = None          # CHECK (c IN (...)) values: a C enum
        self.pk = False
        self.changed = False      # values may change (type, NOT NULL, ...)

    def copy(self):
        c = Col(self.name, self.typ)
        c.__dict__.update(self.__dict__)
        c.old = self.name
        c.a_typ = self.typ        # its type in A, which typed A's rows (value_for)
        c.rf = None
        return c


class Table:
    def __init__(self, name):
        self.name = name
        self.cols = []
        self.pk = 0               # 0 none (rowid), 1 INTEGER PRIMARY KEY, 2 composite
        self.wr = False           # WITHOUT ROWID
        self.strict = False
        self.old = None
        self.rf = None
        self.canary = False
        self.changed = False      # the plan touches it

    def copy(self):
        t = Table(self.name)
        t.__dict__.update(self.__dict__)
        t.cols = [c.copy() for c in self.cols]
        t.old = self.name
        t.rf = None
        t.changed = False
        return t


class Schema:
    def __init__(self):
        self.tables = []
        self.indexes = []         # (name, table, [cols], unique, partial)
        self.views = []           # (name, table, [(col, alias)])
        self.triggers = []        # (name, table)
        self.taken = set()


def literal_for(rng, typ, k):
    t = typ.upper()
    if t in ("INTEGER", "NUMERIC", "BOOLEAN"):
        return str(k % 2 if t == "BOOLEAN" else k)
    if t == "REAL":
        return "%d.5" % k
    if t == "BLOB":
        return "X'%02X%02X'" % (k & 255, (k >> 8) & 255)
    if t == "":
        return str(k)
    return lit(rng.choice(["v%d" % k, "*/ -- %d" % k, "a\nb'%d" % k, "??=%d\\" % k, "é%d" % k]))


def value_for(rng, col, k):
    t = col.typ.upper()
    if t in ("INTEGER", "NUMERIC"):
        return k * 7 + 1
    if t == "BOOLEAN":
        return k % 2
    if t == "REAL":
        return k + 0.25
    if t == "BLOB":
        return bytes([k & 255, 0, 255])
    if t == "":
        return rng.choice([k, "t%d" % k, k + 0.5])
    if col.enum:
        return rng.choice(col.enum)
    return rng.choice(["r%d" % k, "*/\n-- %d ;" % k, "'\"\\??= %d" % k, "中%d😀" % k, "%s%d" % ("%n", k)])


def strict_fits(c, typ):
    """Whether A's rows of `c` (value_for of its A type) go into a STRICT
    column of type `typ` and back: into BLOB and ANY always (the copy casts
    to BLOB); into INTEGER, REAL or TEXT only the values SQLite converts
    without loss (docs/migrations.md, "STRICT tables")."""
    if c.old is None or typ in ("BLOB", "ANY"):
        return True
    a = c.a_typ.upper()
    kind = ("int" if a in ("INTEGER", "NUMERIC", "BOOLEAN") else "real" if a == "REAL" else
            "blob" if a == "BLOB" else "mixed" if a == "" else "text")
    return {"INTEGER": kind == "int", "REAL": kind in ("int", "real"),
            "TEXT": kind != "blob"}[typ]   # a blob [k, 0, 255] is no UTF-8 text


def new_table(rng, namer, s, canary=False):
    rows = [row_name(t.name) for t in s.tables]
    t = Table(namer.make(s.taken, rows))
    t.canary = canary
    t.pk = rng.choice([0, 1, 1, 2])
    t.strict = rng.random() < 0.15
    t.wr = t.pk == 2 and rng.random() < 0.3
    taken = set()
    ncol = rng.randint(1, 5)
    if t.pk == 1:
        c = Col(namer.make(taken, rows), "INTEGER")
        c.pk = True
        t.cols.append(c)
    elif t.pk == 2:
        for typ in ("INTEGER", "TEXT"):
            c = Col(namer.make(taken, rows), typ)
            c.pk = True
            c.nn = True
            t.cols.append(c)
    for _ in range(ncol):
        t.cols.append(new_col(rng, namer, s, t, taken, rows))
    t.taken = taken
    return t


def new_col(rng, namer, s, t, taken, rows, added=False):
    typ = rng.choice(["INTEGER", "TEXT", "REAL", "BLOB", "ANY"] if t.strict else TYPES)
    c = Col(namer.make(taken, rows), typ)
    if rng.random() < 0.25 or (added and rng.random() < 0.3):
        c.nn = True
        c.default = literal_for(rng, typ, rng.randrange(50))
    elif rng.random() < 0.25:
        c.default = literal_for(rng, typ, rng.randrange(50))
    c.check = rng.random() < 0.2
    c.unique = not added and rng.random() < 0.1
    if typ == "TEXT" and rng.random() < 0.3:
        c.enum = enum_values(rng, namer)
        c.unique = False
        if c.default is not None:
            c.default = lit(c.enum[0])
    parents = [p for p in s.tables if p.pk == 1 and p is not t]
    if parents and rng.random() < 0.25 and not t.strict:
        c.fk = rng.choice(parents)
        c.typ = "INTEGER"
        c.nn = c.unique = False
        c.default = c.enum = None
    return c


def enum_values(rng, namer):
    """2-4 distinct hostile texts (values differing only in case among them)."""
    out = []
    while len(out) < rng.randint(2, 4):
        v = namer.word(()) + (namer.word(()) if rng.random() < 0.6 else "")
        if rng.random() < 0.2 and out:
            v = out[-1].swapcase()
        if v not in out and "\0" not in v:
            out.append(v)
    return out


def row_name(name):
    """A guess at a table's row typedef, for names that shadow it."""
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "unnamed"
    return base[:-1] if base.endswith("s") else base


def rowid_alias(t):
    if t.wr:
        return None
    used = {fold(c.name) for c in t.cols}
    for a in ROWIDS:
        if a not in used:
            return a
    return None


def render(s, with_renames):
    out = []
    for t in s.tables:
        out.append(render_table(t, with_renames))
    for (name, t, cols, unique, partial) in s.indexes:
        terms = ", ".join(q(c.name) for c in cols)
        where = " WHERE %s IS NOT NULL" % q(cols[0].name) if partial else ""
        out.append("CREATE %sINDEX %s ON %s (%s)%s;\n" % ("UNIQUE " if unique else "", q(name), q(t.name), terms, where))
    for (name, t, cols) in s.views:
        sel = ", ".join("%s AS %s" % (q(c.name), q(alias)) for c, alias in cols)
        out.append("CREATE VIEW %s AS SELECT %s FROM %s;\n" % (q(name), sel, q(t.name)))
    for (name, t) in s.triggers:
        out.append("CREATE TRIGGER %s AFTER UPDATE ON %s BEGIN SELECT 1; END;\n" % (q(name), q(t.name)))
    return "".join(out)


def annotation(old):
    """`@renamed_from old` as a comment that holds it, or None.  The value is
    the comment's text, trimmed, or a name in double quotes as SQL writes it
    (docs/migrations.md "Renames"): as written when it can be, else quoted
    (a name starting with a quote, or with blanks around it)."""
    value = old
    if old.startswith('"') or old != old.strip(" \t\r\n\f\v"):
        value = '"' + old.replace('"', '""') + '"'
    if "\n" not in value:
        return "-- @renamed_from %s" % value
    if "*/" not in value:
        return "/* @renamed_from %s */" % value
    return None


def render_table(t, with_renames):
    head = ""
    if with_renames and t.rf:
        head = annotation(t.rf) + "\n"
    lines = []
    for i, c in enumerate(t.cols):
        d = "    " + q(c.name) + (" " + c.typ if c.typ else "")
        if c.pk and t.pk == 1:
            d += " PRIMARY KEY"
        if c.nn:
            d += " NOT NULL"
        if c.default is not None:
            d += " DEFAULT " + c.default
        if c.unique:
            d += " UNIQUE"
        if c.check:
            d += " CHECK (length(%s) < 1000)" % q(c.name)
        if c.enum:
            d += " CHECK (%s IN (%s))" % (q(c.name), ", ".join(lit(v) for v in c.enum))
        if c.fk is not None:
            pkc = [k for k in c.fk.cols if k.pk][0]
            d += " REFERENCES %s(%s)" % (q(c.fk.name), q(pkc.name))
        last = i == len(t.cols) - 1 and t.pk != 2
        d += "" if last else ","
        if with_renames and c.rf:
            d += " " + annotation(c.rf)
        lines.append(d + "\n")
    if t.pk == 2:
        lines.append("    PRIMARY KEY (%s)\n" % ", ".join(q(c.name) for c in t.cols if c.pk))
    opts = [o for o, on in (("STRICT", t.strict), ("WITHOUT ROWID", t.wr)) if on]
    return head + "CREATE TABLE %s (\n%s)%s;\n" % (q(t.name), "".join(lines), " " + ", ".join(opts) if opts else "")


def random_schema(rng, namer):
    s = Schema()
    for i in range(rng.randint(2, 4)):
        s.tables.append(new_table(rng, namer, s))
    s.tables.append(new_table(rng, namer, s, canary=True))
    for t in s.tables:
        add_extras(rng, namer, s, t)
    return s


def add_extras(rng, namer, s, t):
    plain = [c for c in t.cols if c.fk is None]
    if plain and rng.random() < 0.5:
        cols = rng.sample(plain, min(len(plain), rng.randint(1, 2)))
        s.indexes.append((namer.make(s.taken), t, cols, False, rng.random() < 0.3))
    if rng.random() < 0.35:
        taken = set()
        cols = [(c, namer.make(taken)) for c in rng.sample(t.cols, min(len(t.cols), rng.randint(1, 3)))]
        s.views.append((namer.make(s.taken), t, cols))
    if rng.random() < 0.2:
        s.triggers.append((namer.make(s.taken), t))


def renamable(name):
    return annotation(name) is not None


def mutate(rng, namer, a):
    b = Schema()
    b.taken = set(a.taken)
    by_old = {}
    for t in a.tables:
        nt = t.copy()
        by_old[id(t)] = nt
        b.tables.append(nt)
    for nt in b.tables:
        for c in nt.cols:
            if c.fk is not None:
                c.fk = by_old[id(c.fk)]
    colmap = {}
    for t, nt in zip(a.tables, b.tables):
        for c, nc in zip(t.cols, nt.cols):
            colmap[id(c)] = nc
    b.indexes = [(n, by_old[id(t)], [colmap[id(c)] for c in cols], u, p) for (n, t, cols, u, p) in a.indexes]
    b.views = [(n, by_old[id(t)], [(colmap[id(c)], al) for c, al in cols]) for (n, t, cols) in a.views]
    b.triggers = [(n, by_old[id(t)]) for (n, t) in a.triggers]
    for _ in range(rng.randint(1, 4)):
        one_mutation(rng, namer, b)
    return b


def referenced(b, t):
    return any(c.fk is t for u in b.tables for c in u.cols)


def drop_dependents(b, t, col=None):
    """Indexes and views over a dropped table (or column) go too."""
    b.indexes = [x for x in b.indexes if x[1] is not t or (col is not None and col not in x[2])]
    b.views = [v for v in b.views if v[1] is not t or (col is not None and col not in [c for c, _ in v[2]])]
    if col is None:
        b.triggers = [x for x in b.triggers if x[1] is not t]


def one_mutation(rng, namer, b):
    live = [t for t in b.tables if not t.canary]
    if not live:
        return
    t = rng.choice(live)
    k = rng.randrange(12)
    rows = [row_name(u.name) for u in b.tables]
    if k == 0 and renamable(t.name) and not t.rf and t.old:       # rename a table
        t.rf = t.name
        b.taken.discard(fold(t.name))
        t.name = namer.make(b.taken, rows)
        t.changed = True
    elif k == 1:                                                  # rename a column
        cs = [c for c in t.cols if c.old and not c.rf and renamable(c.name)]
        if cs:
            c = rng.choice(cs)
            c.rf = c.name
            t.taken.discard(fold(c.name))
            c.name = namer.make(t.taken, rows, rowid_ok=False)
            t.changed = True
    elif k == 2:                                                  # add a column
        c = new_col(rng, namer, b, t, t.taken, rows, added=True)
        c.changed = True
        t.cols.append(c)
        t.changed = True
    elif k == 3:                                                  # drop a column
        cs = [c for c in t.cols if not c.pk and not c.rf]
        if len(cs) > 1 or (cs and len(t.cols) > 1):
            c = rng.choice(cs)
            t.cols.remove(c)
            drop_dependents(b, t, c)
            t.changed = True
    elif k == 4 and not referenced(b, t):                         # drop a table
        b.tables.remove(t)
        drop_dependents(b, t)
    elif k == 5:                                                  # add a table
        nt = new_table(rng, namer, b)
        for c in nt.cols:
            c.changed = True
        nt.changed = True
        b.tables.append(nt)
        add_extras(rng, namer, b, nt)
    elif k == 6:                                                  # a rebuild: type, NOT NULL, CHECK, DEFAULT
        cs = [c for c in t.cols if not c.pk and c.fk is None]
        if cs:
            c = rng.choice(cs)
            what = rng.randrange(4)
            typ = rng.choice(["INTEGER", "TEXT", "REAL", "BLOB", "ANY"] if t.strict else TYPES) if what == 0 else None
            if typ is not None and (not t.strict or strict_fits(c, typ)):   # else a DEFAULT (below)
                c.typ = typ
                c.enum = None
                if c.default is not None:
                    c.default = literal_for(rng, c.typ, 3)
            elif what == 1 and not c.nn:
                c.nn = True
                c.default = lit(c.enum[0]) if c.enum else literal_for(rng, c.typ, 4)
            elif what == 2:
                c.check = not c.check
            else:
                c.default = lit(rng.choice(c.enum)) if c.enum else literal_for(rng, c.typ, rng.randrange(50, 99))
            c.changed = True
            t.changed = True
    elif k == 7:                                                  # an index
        if rng.random() < 0.5 and b.indexes:
            b.indexes.pop(rng.randrange(len(b.indexes)))
        else:
            add_extras(rng, namer, b, t)
    elif k == 10:                                                 # two tables swap names
        u = rng.choice(live)
        if u is not t and not t.rf and not u.rf and t.old and u.old and renamable(t.name) and renamable(u.name):
            t.rf, u.rf = t.name, u.name
            t.name, u.name = u.name, t.name
            t.changed = u.changed = True
    elif k == 11:                                                 # two columns swap names
        cs = [c for c in t.cols if c.old and not c.rf and renamable(c.name)]
        if len(cs) >= 2:
            c1, c2 = rng.sample(cs, 2)
            c1.rf, c2.rf = c1.name, c2.name
            c1.name, c2.name = c2.name, c1.name
            t.changed = True
    elif k == 8 and b.views:                                      # a view redefined
        i = rng.randrange(len(b.views))
        n, vt, cols = b.views[i]
        taken = set()
        b.views[i] = (n, vt, [(c, namer.make(taken)) for c in vt.cols[:2]])
    else:                                                         # strictness
        if not any(c.typ not in ("INTEGER", "TEXT", "REAL", "BLOB", "ANY") for c in t.cols) and not any(
                c.fk is not None for c in t.cols) and (t.strict or all(strict_fits(c, c.typ) for c in t.cols)):
            t.strict = not t.strict
            for c in t.cols:
                c.changed = True
            t.changed = True


def queries(rng, s):
    """A few named queries over the schema's hostile names."""
    out = []
    for i, t in enumerate(s.tables):
        c = rng.choice(t.cols)
        out.append("-- name: Find%d :many\nSELECT * FROM %s WHERE %s = ?;\n" % (i, q(t.name), q(c.name)))
        alias = rng.choice(["*/ x", "rc", "db", "out", "row", "a\nb", "select", "dal_arena", "é"])
        out.append("-- name: Count%d :one\nSELECT count(*) AS %s, max(%s) AS %s FROM %s;\n"
                   % (i, q(alias), q(c.name), q(alias + "2"), q(t.name)))
        if len(t.cols) > 1:
            arg = rng.choice(["db", "rc", "arena", "dal_arena", "memcpy", "out", "row", "stmt", "n"])
            out.append("-- name: Set%d :execrows\nUPDATE %s SET %s = sqlc.arg(%s) WHERE %s = ?;\n"
                       % (i, q(t.name), q(t.cols[-1].name), arg, q(t.cols[0].name)))
    return "".join(out)


def data_sql(rng, s):
    """Rows for every table of A: (table, [col], [values])."""
    out = []
    ids = {}
    for t in s.tables:
        rows = []
        for k in range(1, rng.randint(2, 4) + 1):
            vals = []
            for c in t.cols:
                if c.fk is not None:
                    v = rng.choice(ids.get(id(c.fk), []) + [None])
                elif c.pk and t.pk == 1:
                    v = k * 3
                elif c.pk:
                    v = k if c.typ == "INTEGER" else "k%d" % k
                else:
                    v = value_for(rng, c, k)
                    if v is not None and c.typ.upper() == "TEXT" and c.unique:
                        v = "u%d" % k
                    if rng.random() < 0.15 and not c.nn:
                        v = None
                    if c.unique and isinstance(v, (int, float)):
                        v = k * 11
                vals.append(v)
            rows.append(vals)
        if t.pk == 1:
            ids[id(t)] = [k * 3 for k in range(1, len(rows) + 1)]
        out.append((t, rows))
    return out


# ---------------------------------------------------------------- checks

class Failure(Exception):
    pass


# The documented refusals (docs/migrations.md "Safety" and lints): a located
# one-line error.
REFUSALS = [
    r"^\S.*:\d+:\d+: error: \[PLAN_CANNOT_APPLY\] table .* is rebuilt, but its columns named rowid, _rowid_ and oid hide",
    # a table renamed to a name that differs only in case (SQLite refuses it;
    # docs/migrations.md: rename it through another name, one migration each)
    r"^\S.*:\d+:\d+: error: \[PLAN_CANNOT_APPLY\] table .* is renamed to .*, which differs only in case",
    # DOWN_CANNOT_RESTORE: a down that re-adds a UNIQUE column with a default
    # to a table with several rows fails and is rolled back
    r"(?s)^\d{4}_b: reverting .*\nmig/0002_b.down.sql:\d+:\d+: error: migration 0002_b, statement \d+: UNIQUE constraint failed: ",
]

# DATA_DEPENDENT, warned in a migration file's header: a UNIQUE key or a
# CHECK new to the rows (or NULLs filled with one default into a key), and
# a row then breaks it.  The refusal counts only with that file's warning.
WARNED = re.compile(r"^-- WARNING: .* the migration fails when (two|one of them)", re.M)


def data_dependent(direction):
    return [r"(?s)^\d{4}_b: %s .*\nmig/0002_b.%s.sql:\d+:\d+: error: migration 0002_b, statement \d+: "
            r"(UNIQUE|CHECK) constraint failed" % ("applying" if direction == "up" else "reverting", direction)]


class Run:
    def __init__(self, opts, seed):
        self.o = opts
        self.seed = seed
        self.dir = os.path.join(opts.work, "seed-%d" % seed)
        self.rng = random.Random(seed)
        self.refused = False
        self.names = self.renames = self.rebuilds = 0
        self.compiled = False

    def sh(self, args, what, allow_refusal=False, cwd=None, refusals=()):
        p = subprocess.run(args, cwd=cwd or self.dir, capture_output=True)
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode < 0 or p.returncode > 3:
            raise Failure("%s: crashed (exit %d)\n%s" % (what, p.returncode, err))
        lines = err.split("\n")   # not splitlines(): U+2028 in a name is no line break for a terminal
        for line in lines[:-1] if lines[-1] == "" else lines:
            if not re.match(r"^(\S.*:\d+:\d+: |\S[^:]*: )?(warning|error|note)[:\[ ]|^dalgen [a-z]+: |^\d{4}_[ab]: ", line):
                raise Failure("%s: a diagnostic that is not one line: %r" % (what, line))
        if p.returncode != 0:
            # a refusal's line may follow the plan's warnings: any line
            if allow_refusal and p.returncode == 1 and any(re.search(r, err, re.M) for r in REFUSALS + list(refusals)):
                self.refused = True
                return None
            raise Failure("%s: exit %d\n%s" % (what, p.returncode, err))
        return p.stdout

    def write(self, name, text):
        with open(os.path.join(self.dir, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)

    def run(self):
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        rng = self.rng
        prefix = rng.choice(["p", "app", "db", "row", "out", "rc", "main", "P", "stmt"])
        namer = Namer(rng, prefix)
        a = random_schema(rng, namer)
        b = mutate(rng, namer, a)
        self.write("A.sql", render(a, False))
        self.write("B.sql", render(b, True))
        self.write("qA.sql", queries(rng, a))
        self.write("qB.sql", queries(rng, b))
        self.names = namer.count
        d = self.o.dalgen
        if self.sh([d, "migrate", "new", "a", "--dir", "mig", "A.sql"], "migrate new A", True) is None:
            return self.nothing_written("mig")
        self.generate_and_run("A", a, prefix)
        self.sh([d, "migrate", "apply", "--db", "app.db", "--dir", "mig"], "apply A")
        data = data_sql(rng, a)
        self.insert(data)
        before = self.dump(a, "app.db")
        shutil.copytree(os.path.join(self.dir, "mig"), os.path.join(self.dir, "mig.before"))
        if self.sh([d, "migrate", "new", "b", "--dir", "mig", "B.sql", "--allow-destructive"], "migrate new B",
                   True) is None:
            return self.same_folder("mig", "mig.before")
        self.generate_and_run("B", b, prefix)
        if sorted(os.listdir(os.path.join(self.dir, "mig"))) == sorted(os.listdir(os.path.join(self.dir, "mig.before"))):
            # no difference (the changes cancelled out): nothing to apply
            self.sh([d, "diff", "--from", "A.sql", "--to", "B.sql", "--exit-code"], "no migration, yet A and B differ")
            return
        up = open(os.path.join(self.dir, "mig", "0002_b.up.sql"), encoding="utf-8", errors="replace").read()
        self.renames = len(re.findall(r"^ALTER TABLE .* RENAME ", up, re.M))
        self.rebuilds = len(re.findall(r"^-- rebuild ", up, re.M))
        if self.sh([d, "migrate", "apply", "--db", "app.db", "--dir", "mig"], "apply B (up)", True,
                   refusals=data_dependent("up") if WARNED.search(up) else ()) is None:
            self.sound("app.db", "after a failed up")
            if self.dump(a, "app.db") != before:
                raise Failure("a failed up changed the rows of A")
            return
        self.sound("app.db", "after up")
        self.sh([d, "diff", "--from", "app.db", "--to", "B.sql", "--exit-code"], "the database after up diffs against B")
        self.compare(a, b, before, self.dump(b, "app.db"), "after up", up=True)
        down = open(os.path.join(self.dir, "mig", "0002_b.down.sql"), encoding="utf-8", errors="replace").read()
        if self.sh([d, "migrate", "down", "--db", "app.db", "--dir", "mig"], "down", True,
                   refusals=data_dependent("down") if WARNED.search(down) else ()) is None:
            return self.sound("app.db", "after a refused down")
        self.sound("app.db", "after down")
        self.sh([d, "diff", "--from", "app.db", "--to", "A.sql", "--exit-code"], "the database after down diffs against A")
        self.compare(a, b, before, self.dump(a, "app.db"), "after down", up=False)

    def nothing_written(self, path):
        if os.path.exists(os.path.join(self.dir, path)):
            raise Failure("refused, but %s was written" % path)

    def same_folder(self, x, y):
        fx = sorted(os.listdir(os.path.join(self.dir, x)))
        fy = sorted(os.listdir(os.path.join(self.dir, y)))
        if fx != fy:
            raise Failure("refused, but the folder changed: %s" % (set(fx) ^ set(fy)))

    # -- generated C

    def generate_and_run(self, tag, s, prefix):
        d = self.o.dalgen
        self.compiled = self.seed % self.o.compile_every == 0
        out = "gen" + tag
        args = [d, "generate", tag + ".sql", "--queries", "q%s.sql" % tag, "--migrations", "mig",
                "--prefix", prefix, "--out", out]
        if self.sh(args, "generate " + tag, True) is None:
            return self.nothing_written(out)
        if not self.compiled:
            return
        view = json.loads(self.sh(args + ["--dump-view"], "generate --dump-view " + tag))
        self.write("main%s.c" % tag, program(view, s))
        std1, std2 = ("c11", "c99") if self.seed % 2 == 0 else ("c99", "c11")
        strict = ["-Wall", "-Wextra", "-Wpedantic", "-Wconversion", "-Werror", "-I" + self.o.include, "-I" + out]
        exe = os.path.join(self.dir, "prog" + tag)
        self.cc([self.o.cc, "-std=" + std1] + strict + self.o.cflags +
                ["main%s.c" % tag, os.path.join(out, prefix + ".c"), self.o.libdal, "-lsqlite3", "-lm"] +
                self.o.libs + ["-o", exe], "%s -std=%s (%s)" % (self.o.cc, std1, tag))
        if self.o.cc2:
            self.cc([self.o.cc2, "-std=" + std2, "-fsyntax-only"] + strict +
                    ["main%s.c" % tag, os.path.join(out, prefix + ".c")], "%s -std=%s (%s)" % (self.o.cc2, std2, tag))
        dbp = os.path.join(self.dir, "prog%s.db" % tag)
        p = subprocess.run([exe, dbp], capture_output=True, cwd=self.dir)
        if p.returncode != 0:
            raise Failure("the program of %s failed (exit %d): %s" % (tag, p.returncode,
                                                                    p.stderr.decode("utf-8", "replace")[-3000:]))

    def cc(self, args, what):
        p = subprocess.run(args, capture_output=True, cwd=self.dir)
        if p.returncode != 0:
            errs = [l for l in p.stderr.decode("utf-8", "replace").splitlines() if "error" in l]
            raise Failure("does not compile with %s:\n%s" % (what, "\n".join(l[:300] for l in errs[:10])))

    # -- the database

    def connect(self, path):
        return sqlite3.connect(os.path.join(self.dir, path), isolation_level=None)

    def insert(self, data):
        db = self.connect("app.db")
        db.execute("PRAGMA foreign_keys = ON")
        for t, rows in data:
            cols = ", ".join(q(c.name) for c in t.cols)
            marks = ", ".join("?" for _ in t.cols)
            for r in rows:
                db.execute("INSERT INTO %s (%s) VALUES (%s)" % (q(t.name), cols, marks), r)
        db.close()

    def dump(self, s, path):
        """{table: {key: {column: value}}}, keyed by rowid or primary key."""
        db = self.connect(path)
        out = {}
        for t in s.tables:
            alias = rowid_alias(t)
            key = [alias] if alias else [q(c.name) for c in t.cols if c.pk]
            if not key:
                continue
            cols = [q(c.name) for c in t.cols]
            rows = db.execute("SELECT %s, %s FROM %s" % (", ".join(key), ", ".join(cols), q(t.name))).fetchall()
            out[id(t)] = {r[:len(key)]: dict(zip([c.name for c in t.cols], r[len(key):])) for r in rows}
        db.close()
        return out

    def sound(self, path, when):
        db = self.connect(path)
        ic = db.execute("PRAGMA integrity_check").fetchall()
        fk = db.execute("PRAGMA foreign_key_check").fetchall()
        db.close()
        if ic != [("ok",)]:
            raise Failure("integrity_check %s: %s" % (when, ic))
        if fk:
            raise Failure("foreign_key_check %s: %s" % (when, fk))

    def compare(self, a, b, before, now, when, up):
        """Every value of A that B keeps unchanged is where it was."""
        for nt in b.tables:
            t = next((x for x in a.tables if nt.old == x.name), None)
            if t is None or id(t) not in before:
                continue
            tgt = nt if up else t
            if id(tgt) not in now:
                continue
            if rowid_alias(t) != rowid_alias(nt) and not [c for c in t.cols if c.pk]:
                continue
            old_rows, new_rows = before[id(t)], now[id(tgt)]
            if set(old_rows) != set(new_rows):
                raise Failure("%s: the rows of %r are not the same rows (%d before, %d now)"
                              % (when, t.name, len(old_rows), len(new_rows)))
            for nc in nt.cols:
                if nc.old is None or nc.changed:
                    continue
                name_now = nc.name if up else nc.old
                for k, r in old_rows.items():
                    if r[nc.old] != new_rows[k][name_now]:
                        raise Failure("%s: %r.%r of row %r was %r, is %r" % (when, t.name, nc.old, k, r[nc.old],
                                                                            new_rows[k][name_now]))
            if t.canary and before[id(t)] != now[id(tgt)]:
                raise Failure("%s: the canary's rows changed" % when)


# ---------------------------------------------------------------- the C program

def c_str(text):
    out = []
    for ch in text.encode("utf-8"):
        if ch in (0x22, 0x5c) or ch < 0x20 or ch >= 0x7f or ch == 0x3f:
            out.append("\\%03o" % ch)
        else:
            out.append(chr(ch))
    lit = '"' + "".join(out) + '"'
    # past the 4,095 characters ISO C guarantees, as the generated code does
    return "DAL_LONG_STRING(%s)" % lit if len(text.encode("utf-8")) > 4095 else lit


def program(view, s):
    """main(): migrate an empty database with the embedded migrations, check
    the schema, insert one row into every table through the generated API
    (in declaration order, so that parents come first), count it and read it
    back; list every view."""
    L = ["#include <stdio.h>", "#include <string.h>", '#include "%s"' % view["header"], "",
         "static int fail(dal_db *db, const char *what, int rc)", "{",
         '    fprintf(stderr, "%s: rc %d: %s\\n", what, rc, db ? dal_errmsg(db) : "");', "    return 1;", "}", "",
         "int main(int argc, char **argv)", "{", "    dal_db *db = NULL;", "    dal_arena arena;",
         "    int rc;", "    if (argc < 2) return 2;", "    dal_arena_init(&arena, NULL);",
         "    rc = dal_open(&db, argv[1], NULL);", '    if (rc != DAL_OK) return fail(db, "open", rc);']
    mig = view.get("migrations")
    if mig:
        L += ["    rc = %s(db);" % mig["migrate_fn"], '    if (rc != DAL_OK) return fail(db, "migrate", rc);',
              "    rc = %s(db);" % mig["check_fn"], '    if (rc != DAL_OK) return fail(db, "schema check", rc);']
    cols = {t.name: t for t in s.tables}
    for i, t in enumerate(view["tables"]):
        st = cols.get(t["name"])
        L += table_block(i, t, st)
    for i, v in enumerate(view.get("views", [])):
        L += ["    {", "        %s_iter it;" % v["fn"], "        %s r;" % v["struct"],
              "        rc = %s_list(db, &it);" % v["fn"],
              "        while (rc == DAL_OK && (rc = %s_next(&it, &r, &arena)) == DAL_ROW) rc = DAL_OK;" % v["fn"],
              "        %s_iter_end(&it);" % v["fn"],
              '        if (rc != DAL_DONE) return fail(db, %s, rc);' % c_str("list view " + v["name"]), "    }"]
    L += ["    dal_arena_free(&arena);", "    dal_close(db);", "    return 0;", "}", ""]
    return "\n".join(L)


def table_block(i, t, st):
    fn, struct = t["fn"], t["struct"]
    fks = {c.name for c in st.cols if c.fk is not None} if st else set()
    L = ["    {", "        %s r, o;" % struct, "        %s_iter it;" % fn, "        int64_t n = 0;",
         "        memset(&r, 0, sizeof r);"]
    checks = []
    for k, f in enumerate(t["fields"]):
        if f.get("readonly") or f["column"] in fks:
            continue
        kind, name = f["kind"], f["name"]
        if "has" in f:
            L.append("        r.%s = true;" % f["has"])
        if kind == "int64":
            if st and any(c.name == f["column"] and c.pk and st.pk == 1 for c in st.cols):
                continue
            L.append("        r.%s = %d;" % (name, 41 + k))
            checks.append("o.%s == %d" % (name, 41 + k))
        elif kind == "double":
            L.append("        r.%s = %d.5;" % (name, k))
            checks.append("o.%s == %d.5" % (name, k))
        elif kind == "bool":
            L.append("        r.%s = true;" % name)
            checks.append("o.%s" % name)
        elif kind == "text":
            L.append('        r.%s = "v%d";' % (name, k))
            checks.append('o.%s && !strcmp(o.%s, "v%d")' % (name, name, k))
        elif kind == "blob":
            L.append('        r.%s.data = "b%d"; r.%s.len = 2;' % (name, k, name))
            checks.append("o.%s.len == 2" % name)
        elif kind == "enum":
            L.append("        r.%s = (%s)1;" % (name, f["ctype"]))
            checks.append("o.%s == (%s)1" % (name, f["ctype"]))
        elif kind == "value":
            L.append("        r.%s.type = DAL_TYPE_INTEGER; r.%s.as.integer = %d;" % (name, name, k))
            checks.append("o.%s.type == DAL_TYPE_INTEGER && o.%s.as.integer == %d" % (name, name, k))
    what = c_str(t["name"])
    L += ["        rc = %s_insert(db, &r, &arena);" % fn,
          "        if (rc != DAL_OK) return fail(db, %s, rc);" % what,
          "        rc = %s_count(db, &n);" % fn,
          "        if (rc != DAL_OK || n != 1) return fail(db, %s, rc);" % what,
          "        rc = %s_list(db, &it);" % fn,
          "        if (rc == DAL_OK) rc = %s_next(&it, &o, &arena);" % fn,
          "        %s_iter_end(&it);" % fn,
          "        if (rc != DAL_ROW) return fail(db, %s, rc);" % what]
    if checks:
        L.append("        if (!(%s)) return fail(db, %s, -1);" % (" && ".join(checks), what))
    L.append("    }")
    return L


# ---------------------------------------------------------------- main

class Opts:
    pass


def parse(argv):
    o = Opts()
    o.dalgen, o.libdal, o.include = "build/generator/dalgen", "build/runtime/libdal.a", "runtime/include"
    o.cc, o.cc2, o.cflags, o.libs, o.work, o.keep = "gcc", "clang", [], [], "/tmp/dalgen-names", False
    o.compile_every = 1
    pos = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--dalgen", "--libdal", "--include", "--cc", "--cc2", "--work"):
            setattr(o, a[2:], argv[i + 1])
            i += 2
        elif a == "--compile-every":
            o.compile_every = int(argv[i + 1])
            i += 2
        elif a == "--cflags":
            o.cflags = argv[i + 1].split()
            i += 2
        elif a == "--keep":
            o.keep = True
            i += 1
        else:
            pos.append(a)
            i += 1
    if len(pos) != 2:
        sys.exit(__doc__)
    o.seed, o.count = int(pos[0]), int(pos[1])
    for k in ("dalgen", "libdal", "include", "work"):
        setattr(o, k, os.path.abspath(getattr(o, k)))
    if o.cc2 and not shutil.which(o.cc2):
        o.cc2 = ""
    p = subprocess.run(["nm", o.libdal], capture_output=True)
    if b" U PQconnectdbParams" in p.stdout:
        o.libs = ["-lpq"]
    return o


def main():
    o = parse(sys.argv[1:])
    os.makedirs(o.work, exist_ok=True)
    start = time.time()
    fails = refused = names = renames = rebuilds = done = compiled = 0
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    for seed in range(o.seed, o.seed + o.count):
        r = Run(o, seed)
        try:
            r.run()
            if not o.keep:
                shutil.rmtree(r.dir, ignore_errors=True)
        except KeyboardInterrupt:   # a long run stopped: report the seeds done
            break
        except Failure as e:
            fails += 1
            print("FAIL seed %d: %s\n  files: %s\n  rerun: python3 %s --dalgen %s --libdal %s --include %s --work %s %d 1"
                  % (seed, e, r.dir, os.path.abspath(__file__), o.dalgen, o.libdal, o.include, o.work, seed),
                  flush=True)
        refused += r.refused
        names += r.names
        renames += r.renames
        rebuilds += r.rebuilds
        done += 1
        compiled += r.compiled
        if done % 50 == 0 and done < o.count:
            print("  %d seeds, %d failure(s), %.0f s" % (done, fails, time.time() - start), flush=True)
    print("reliability.names: seeds %d..%d: %d schema pairs (%d compiled and run), %d names, %d renames, %d rebuilds,"
          " %d documented refusals, %d failure(s), %.0f s" % (o.seed, o.seed + done - 1, done, compiled, names, renames,
                                                              rebuilds, refused, fails, time.time() - start), flush=True)
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
