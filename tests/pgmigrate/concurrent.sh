#!/bin/sh
# pgmigrate.concurrent: four `dalgen migrate apply` processes at once on a
# new database, ROUNDS times (default 3): every process exits 0, the four
# together report each migration applied once (and print each migration's
# duration line once), and the database shows it:
# one history row per migration, applied, and one row per migration in the
# side-effect table `effects` that each migration inserts into.
#   usage: concurrent.sh DALGEN SOURCE_DIR SCRATCH_DIR   (PG* from tests/pg/run.sh)
set -u
DALGEN=$1 SD=$2 T=$3 ROUNDS=${ROUNDS:-3}
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
DALGEN=$(abs "$DALGEN") SD=$(abs "$SD")
rm -rf "$T" && mkdir -p "$T" && cd "$T" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
q() { psql -qtAX -d "$db" -c "$1"; }
for r in $(seq 1 "$ROUNDS"); do
    db=pgm_conc_$r
    psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" || exit 1
    pids=""
    for p in 1 2 3 4; do
        "$DALGEN" migrate apply --db "postgresql:///$db" --dir "$SD/mig" > "out.$r.$p" 2> "err.$r.$p" &
        pids="$pids $!"
    done
    p=0
    for pid in $pids; do
        p=$((p + 1))
        wait "$pid" || { fail "round $r: process $p exited $?"; cat "err.$r.$p"; }
    done
    applied=$(cat out.$r.* | sed -n 's/^applied \([0-9]*\) migrations*$/\1/p' | awk '{s += $1} END {print s + 0}')
    [ "$applied" = 4 ] || fail "round $r: the four processes applied $applied migrations together, expected 4"
    # each migration's line (`0003_index  12 ms`) printed by exactly one process
    [ "$(cat out.$r.* | sed -n 's/^\(000[1-4]_[a-z]*\)  [0-9]* ms$/\1/p' | sort | uniq -c | awk '{print $1 ":" $2}' | tr '\n' ' ')" = \
      "1:0001_init 1:0002_rows 1:0003_index 1:0004_func " ] || fail "round $r: duration lines: $(cat out.$r.* | tr '\n' ' ')"
    [ "$(q "SELECT count(*) FROM _dal_migrations WHERE state = 'applied'")" = 4 ] || fail "round $r: history"
    [ "$(q "SELECT string_agg(migration || ':' || n, ' ' ORDER BY migration) FROM
            (SELECT migration, count(*) AS n FROM effects GROUP BY migration) x")" = "1:1 2:1 3:1 4:1" ] ||
        fail "round $r: side effects: $(q 'SELECT migration FROM effects ORDER BY 1' | tr '\n' ' ')"
    [ "$(q 'SELECT count(*) FROM pg_index WHERE NOT indisvalid')" = 0 ] || fail "round $r: an INVALID index"
    echo "round $r: applied by the four processes: $(cat out.$r.* | sed -n 's/^applied \([0-9]*\).*/\1/p' | tr '\n' ' ')"
    psql -qX -d postgres -c "DROP DATABASE $db WITH (FORCE)"
done
echo "concurrent: $ROUNDS rounds x 4 processes, $fails failures"
[ "$fails" = 0 ]
