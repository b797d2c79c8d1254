#!/bin/sh
# bench/pg/run.sh PGBENCH [N]: wall time and client instructions per get,
# hand-written libpq vs libdal; then the writes W1 (one INSERT per row),
# W6 (dal_pg_batch, pipeline) and W7 (dal_pg_copy, binary COPY) in rows/s
# side by side, and their client instructions per row (needs a server in
# the libpq environment, and valgrind for the instruction counts).
set -eu
bin=$1 n=${2:-20000}
"$bin" hand "$n"
"$bin" dal "$n"
"$bin" write "$n" "${ROUNDS:-9}"
command -v valgrind >/dev/null 2>&1 || exit 0
for impl in hand dal; do
  ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
         --toggle-collect=loop_$impl "$bin" $impl 2000 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  echo "$impl: $((ir / 2000)) Ir/get (client, libpq included)"
done
# write 2000 1: W1 and W6 insert 2000 rows, W7 20000
for w in w1_single:2000 w6_batch:2000 w7_copy:20000; do
  fn=${w%:*} rows=${w#*:}
  ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
         --toggle-collect=$fn "$bin" write 2000 1 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  echo "$fn: $((ir / rows)) Ir/row (client, libpq and the row's formatting included)"
done
