#!/bin/sh
# regen.sh BUILD_DIR: rewrites tests/pgschema/golden/*.json (and
# golden/NAME.stderr, the warnings, where there are any) from BUILD_DIR's
# dalgen, against a private cluster started for the run (--pg-server
# auto).  Read the diff before committing it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dalgen=$(cd "$1" && pwd)/generator/dalgen
cd "$here"
for f in cases/*.sql; do
  name=$(basename "$f" .sql)
  "$dalgen" schema --engine postgresql --pg-server auto "$f" > "golden/$name.json" 2> "golden/$name.stderr"
  [ -s "golden/$name.stderr" ] || rm -f "golden/$name.stderr"
done
