#!/usr/bin/env python3
"""docs/dalgen.schema.json agrees with dalgen's reader on examples: the files
dalgen accepts validate, and the mistakes it refuses (unknown key, wrong
type, column and db_type together, unknown c_type) do not.  Skips (77)
without PyYAML or jsonschema.
  json_schema.py SCHEMA.json CONFIG.md"""
import json
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)

# the first yaml block of docs/config.md is the documented example
doc = open(sys.argv[2], encoding="utf-8").read()
example = re.search(r"```yaml\n(.*?)```", doc, re.S).group(1)
good = [example,
        "version: 1\nschema: s.sql\nprefix: p\nout: gen\n",
        "version: 1\nschema: [a.sql, b/]\nqueries:\nmigrations:\noptions: {singularize: false}\n"
        "clang_args: -DX\noverrides:\n  - db_type: uuid\n    c_type: const char *\n    nullable: true\n"
        "  - column: t.c\n    read: any\n    name: c2\n"]
bad = ["version: 1\noverides: []\n",
       "version: \"x\"\n",
       "version: 1\nprefix: [a]\n",
       "version: 1\noptions: {timestamp: true}\n",
       "version: 1\noptions: {singularize: \"no\"}\n",
       "version: 1\noverrides:\n  - column: t.c\n    db_type: x\n    c_type: text\n",
       "version: 1\noverrides:\n  - column: t.c\n    c_type: strin\n",
       "version: 1\noverrides:\n  - column: t.c\n",
       "version: 1\noverrides:\n  - column: t.c\n    nullable: true\n    c_type: text\n",
       "schema: s.sql\n"]
fails = 0
for text in good:
    errs = list(v.iter_errors(yaml.safe_load(text)))
    if errs:
        print(f"FAILED: refused by the schema:\n{text}\n{errs[0].message}")
        fails += 1
for text in bad:
    if v.is_valid(yaml.safe_load(text)):
        print(f"FAILED: accepted by the schema:\n{text}")
        fails += 1
print("ok: docs/dalgen.schema.json" if not fails else f"{fails} failures")
sys.exit(1 if fails else 0)
