#!/bin/sh
# regen.sh BUILD_DIR: regenerates bench/pg/gen (prefix pgb) from schema.sql
# and queries.sql with a private server (--pg-server auto).  ctest's
# bench.pg_generated checks that the checked-in code is what dalgen makes.
set -e
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
"$build/generator/dalgen" generate --engine postgresql --pg-server auto schema.sql --queries queries.sql --prefix pgb \
  --out gen
