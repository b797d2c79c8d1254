#!/bin/sh
# bench/pg/run.sh PGBENCH [N]: wall time and client instructions per get,
# hand-written libpq vs libdal; then the writes W1 (one INSERT per row),
# W6 (dal_pg_batch, pipeline) and W7 (dal_pg_copy, binary COPY) in rows/s
# side by side with the same three hand-written in libpq, and their client
# instructions per row and ratios (needs a server in the libpq environment,
# and valgrind for the instruction counts).
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
# write 2000 1: W1 and W6 insert 2000 rows, W7 20000; libdal's, then the
# hand-written libpq program's, and the ratio
for w in w1_single:w1_hand:2000 w6_batch:w6_hand:2000 w7_copy:w7_hand:20000; do
  dal=${w%%:*} rest=${w#*:}
  hand=${rest%:*} rows=${rest#*:}
  for fn in $dal $hand; do
    ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
           --toggle-collect=$fn "$bin" write 2000 1 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    eval "ir_$fn=$ir"
    echo "$fn: $((ir / rows)) Ir/row (client, libpq and the row's formatting included)"
  done
  eval "a=\$ir_$dal b=\$ir_$hand"
  echo "$dal / $hand: $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')"
done
