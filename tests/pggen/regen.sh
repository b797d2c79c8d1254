#!/bin/sh
# regen.sh BUILD_DIR: regenerates tests/pggen/golden from schema.sql with a
# private server (--pg-server auto).  Review the diff before committing.
set -e
here=$(cd "$(dirname "$0")" && pwd)
"$1/generator/dalgen" generate --engine postgresql --pg-server auto "$here/schema.sql" --prefix pgg \
  --out "$here/golden"
