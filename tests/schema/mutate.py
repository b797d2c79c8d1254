#!/usr/bin/env python3
"""Mutation test of the schema front end.

Takes schema files, damages them at random (inserts and replaces SQL
keywords, punctuation, quotes, comments, annotations), runs `dalgen schema`
on each result and checks that
  - the exit status is 0 or 1 (never a crash or a sanitizer report),
  - every error line reads `path:line:col: error: ...`,
  - an accepted schema survives the --sql round trip (same JSON).

  mutate.py DALGEN [--seed N] [--runs N] FILE...

ctest runs a small fixed-seed slice (schema.mutate); for a long run:
  python3 tests/schema/mutate.py build/generator/dalgen --seed $RANDOM --runs 5000 \\
      tests/schema/cases/*.sql ../shared/corpus/sakila/*.sql
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile

PIECES = ['(', ')', ',', ';', '"', "'", '[', ']', '`', '--', '/*', '*/', '\n', ' ', 'x', '0',
          'CREATE', 'TABLE', 'VIEW', 'INDEX', 'TRIGGER', 'BEGIN', 'END', 'CASE', 'AS', 'ON',
          'CHECK', 'UNIQUE', 'PRIMARY KEY', 'REFERENCES', 'CONSTRAINT', 'DEFAULT', 'COLLATE',
          'GENERATED ALWAYS', 'STORED', 'WITHOUT ROWID', 'STRICT', 'NOT NULL', 'AUTOINCREMENT',
          'DEFERRABLE INITIALLY DEFERRED', '-- @name y\n', '/* @min 1 */', 'DROP TABLE x;',
          'ALTER TABLE ', 'RENAME', 'COLUMN', 'ADD', 'INSERT INTO', 'VALUES', 'SELECT', 'FROM']
ERROR = re.compile(r'^\S.*:\d+:\d+: (error|warning): ')


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, errors='replace')


def mutate(rng, text):
    for _ in range(rng.randint(1, 4)):
        p = rng.randrange(len(text) + 1)
        q = min(len(text), p + rng.randint(0, 6))
        text = text[:p] + rng.choice(PIECES) + text[q:]
    return text


def check(dalgen, path, tmp):
    r = run([dalgen, 'schema', path, '--sql'])
    problems = []
    if r.returncode not in (0, 1) or 'Sanitizer' in r.stderr or 'runtime error' in r.stderr:
        problems.append('exit %d: %s' % (r.returncode, r.stderr[-2000:]))
    for line in r.stderr.splitlines():
        if not ERROR.match(line):
            problems.append('diagnostic not in path:line:col form: ' + line)
    if r.returncode == 0 and not problems:
        rt = os.path.join(tmp, 'rt.sql')
        with open(rt, 'w') as f:
            f.write(r.stdout)
        a = run([dalgen, 'schema', path, '--no-locations'])
        b = run([dalgen, 'schema', rt, '--no-locations'])
        if b.returncode != 0 or a.stdout != b.stdout:
            problems.append('--sql round trip changed the model: ' + b.stderr[:500])
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('dalgen')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--runs', type=int, default=100)
    ap.add_argument('files', nargs='+')
    args = ap.parse_args()
    rng = random.Random(args.seed)
    texts = []
    for f in args.files:
        if os.path.isfile(f):
            with open(f, encoding='utf-8') as fh:
                texts.append(fh.read())
    if not texts:
        print('no input files')
        return 1
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'mutant.sql')
        for i in range(args.runs):
            text = mutate(rng, rng.choice(texts))
            with open(path, 'w', encoding='utf-8') as fh:
                fh.write(text)
            problems = check(args.dalgen, path, tmp)
            if problems:
                failures += 1
                keep = 'mutant-%d-%d.sql' % (args.seed, i)
                with open(keep, 'w', encoding='utf-8') as fh:
                    fh.write(text)
                print('run %d (kept as %s):' % (i, keep))
                for p in problems:
                    print('  ' + p)
    print('%d runs, %d failures' % (args.runs, failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
