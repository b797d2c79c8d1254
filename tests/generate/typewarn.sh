#!/bin/sh
# A DEFAULT or CHECK contradicting a column's C type: warnings at the column
# or the CHECK, exit status 0, and the same warnings from `dalgen check`.
#   typewarn.sh DALGEN WORKDIR
# typewarn/expected.txt: `exit N`, then stderr exactly; regenerate it with
#   (cd tests/generate && { echo "exit 0"; DALGEN generate typewarn/schema.sql \
#      --prefix tw --out /tmp/tw 2>&1 >/dev/null; } > typewarn/expected.txt)
# and review the diff.
set -u
dalgen=$1 work=$2
cd "$(dirname "$0")" || exit 1
rm -rf "$work" && mkdir -p "$work"
tail -n +2 typewarn/expected.txt > "$work/want"
want_rc=$(head -n 1 typewarn/expected.txt | sed 's/^exit //')
status=0
for cmd in generate check; do
  "$dalgen" $cmd typewarn/schema.sql --prefix tw --out "$work/gen" > "$work/out" 2> "$work/err"; rc=$?
  [ "$rc" = "$want_rc" ] || { echo "$cmd: exit status $rc, expected $want_rc"; status=1; }
  diff -u "$work/want" "$work/err" || { echo "$cmd: stderr differs from typewarn/expected.txt"; status=1; }
done
exit $status
