#!/bin/sh
# bench/pg/run.sh PGBENCH [N]: wall time and client instructions per get,
# hand-written libpq vs libdal (needs a server in the libpq environment and
# valgrind for the instruction counts).
set -eu
bin=$1 n=${2:-20000}
"$bin" hand "$n"
"$bin" dal "$n"
command -v valgrind >/dev/null 2>&1 || exit 0
for impl in hand dal; do
  ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
         --toggle-collect=loop_$impl "$bin" $impl 2000 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  echo "$impl: $((ir / 2000)) Ir/get (client, libpq included)"
done
