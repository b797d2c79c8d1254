#!/bin/sh
# Regenerates tests/pgqueries/cases/*/expected.txt with BUILD_DIR's
# pgqueries_run_case against the test cluster (start it with ctest -R pg.cluster
# or give DALGEN_PG_SERVER).  Review every diff before committing it.
#   tests/pgqueries/regen.sh BUILD_DIR [CASE...]
set -e
build=$(cd "$1" && pwd)
shift
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${DALGEN_PG_SERVER:-}" ] && [ -f "$build/tests/pg/cluster/env" ]; then
  set -a; . "$build/tests/pg/cluster/env"; set +a
fi
cases=${*:-$(ls "$here/cases")}
for c in $cases; do
  "$build/tests/pgqueries/pgqueries_run_case" --update "$here/cases/$c" || true
done
