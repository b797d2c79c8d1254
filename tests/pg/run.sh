#!/bin/sh
# Runs a test command with the private cluster's environment (cluster.sh):
#   run.sh DIR COMMAND [ARG...]
# No cluster (its start was skipped): exit 77, or 1 when CI=true.
dir=$1
shift
if [ ! -f "$dir/env" ]; then
  echo "no PostgreSQL cluster in $dir (pg.cluster.start skipped or failed)"
  [ "${CI:-}" = true ] && exit 1
  exit 77
fi
set -a
. "$dir/env"
set +a
exec "$@"
