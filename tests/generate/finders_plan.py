#!/usr/bin/env python3
"""Every finder dalgen derives from an index reads through an index: the
EXPLAIN QUERY PLAN of its statement, on a database made from the schema,
searches the table with an index (no full scan of it) and, for a finder on a
leftmost prefix ordered by the rest of the index, needs no sort.

    finders_plan.py DALGEN WORKDIR SCHEMA...   (a .sql file or a folder of them)

Absent schemas are skipped; exit 77 when none is present."""
import json, os, sqlite3, subprocess, sys

def load(db, path):
    files = [path] if os.path.isfile(path) else sorted(
        os.path.join(path, f) for f in os.listdir(path) if f.endswith('.sql'))
    for f in files:
        with open(f, encoding='utf-8') as fh:
            db.executescript(fh.read())

def plan(db, sql):
    n = sql.count('?')
    return [row[3] for row in db.execute('EXPLAIN QUERY PLAN ' + sql, (None,) * n)]

def check(dalgen, work, schema):
    out = subprocess.run([dalgen, 'generate', schema, '--prefix', 'p', '--out', work, '--dump-view'],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return [f'{schema}: dalgen generate failed: {out.stderr}']
    view = json.loads(out.stdout)
    db = sqlite3.connect(':memory:')
    load(db, schema)
    bad, checked = [], 0
    for t in view['tables']:
        for f in t.get('get_by', []) + t.get('lists', []):
            if 'index' not in f and 'doc' not in f:
                continue   # a foreign key's finder: an index is the schema's choice
            checked += 1
            steps = plan(db, f['sql'])
            text = ' | '.join(steps)
            table = t['name']
            scans = [s for s in steps if s.startswith('SCAN ') and 'INDEX' not in s]
            if scans:
                bad.append(f'{schema}: {f["fn"]}: scans the table: {text}')
            if 'ordered by' in f.get('doc', '') and 'TEMP B-TREE' in text:
                bad.append(f'{schema}: {f["fn"]}: sorts: {text}')
            if 'index' in f and 'INDEX' not in text and 'PRIMARY KEY' not in text:
                bad.append(f'{schema}: {f["fn"]}: no index ({f["index"]} expected): {text}')
    print(f'{schema}: {checked} finders checked')
    return bad

def main():
    dalgen, work, schemas = sys.argv[1], sys.argv[2], sys.argv[3:]
    present = [s for s in schemas if os.path.exists(s)]
    if not present:
        print('no schema present')
        return 77
    bad = []
    for i, s in enumerate(present):
        bad += check(dalgen, os.path.join(work, str(i)), s)
    for b in bad:
        print('FAILED', b)
    return 1 if bad else 0

sys.exit(main())
