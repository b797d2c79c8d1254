#!/bin/sh
# pgmigrate.kill: `kill -9` of `dalgen migrate apply` at seeded random
# moments (migration 0002 inserts 300,000 rows, 0003 builds two indexes
# CONCURRENTLY in a no-transaction section, then, in the copy of the folder
# run here, replaces items_v by another definition the way `--online` plans
# it: built CONCURRENTLY as items_v_dalgen_new, the old one dropped
# CONCURRENTLY, the new one renamed).  After each kill, once the
# killed client's server process is gone:
#   - the history is applied rows, then at most one 'running' row (0003,
#     the only migration with no-transaction steps);
#   - with no running row the schema is exactly that of the history's
#     version (compared with references built by `migrate apply --to N`),
#     and with one it is resumable;
#   - the side-effect table has one row per applied migration (and 0003's
#     when its first, transactional step is recorded done), none other;
# then a rerun of apply succeeds, leaves no INVALID index (pg_index.
# indisvalid), every migration's effect once, and the schema of version 4.
#   usage: kill.sh DALGEN SOURCE_DIR SCRATCH_DIR DESCRIBE
#   KILLS=N (default 10) SEED=S (default 1) MIN_MS=M (default 50) MAX_MS=M (the span of the kill moments; default: how
#   long an uninterrupted apply of all four took here, measured while building the references)
set -u
DALGEN=$1 SD=$2 T=$3 DESCRIBE=$4
KILLS=${KILLS:-10} SEED=${SEED:-1} MIN_MS=${MIN_MS:-50} MAX_MS=${MAX_MS:-}
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
DALGEN=$(abs "$DALGEN") SD=$(abs "$SD")
DESCRIBE=$(abs "$DESCRIBE")
rm -rf "$T" && mkdir -p "$T" && cd "$T" || exit 1
fails=0
fail() { echo "FAIL: kill $i: $*"; fails=$((fails + 1)); }
q() { psql -qtAX -d "$1" -c "$2"; }
fresh() { psql -qX -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" || exit 1; }

# The folder, with 0003 ending in the steps of an index replaced online
# (as `dalgen diff --online` prints them; steps 5 to 7 of 0003).
cp -R "$SD/mig" mig || exit 1
cat >> mig/0003_index.up.sql <<'SQL'
-- dalgen:no-transaction
CREATE INDEX CONCURRENTLY "items_v_dalgen_new" ON public.items USING btree (v, id);
DROP INDEX CONCURRENTLY IF EXISTS "public"."items_v";
ALTER INDEX IF EXISTS "public"."items_v_dalgen_new" RENAME TO "items_v";
SQL
"$DALGEN" migrate hash --dir mig > /dev/null || exit 1

# The schema of each version.
i=0
for v in 0 1 2 3 4; do
    fresh pgm_ref
    t0=$(date +%s%N)
    [ "$v" = 0 ] || "$DALGEN" migrate apply --db postgresql:///pgm_ref --dir mig --to "$v" > /dev/null || exit 1
    [ "$v" = 4 ] && [ -z "$MAX_MS" ] && MAX_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
    "$DESCRIBE" postgresql:///pgm_ref > "ref.$v" || exit 1
done
psql -qX -d postgres -c "DROP DATABASE pgm_ref WITH (FORCE)"
[ "$MAX_MS" -gt "$((MIN_MS + 50))" ] || MAX_MS=4500
echo "kill moments: $MIN_MS to $MAX_MS ms after the start of apply"

in_cic=0 in_replace=0 resumable=0 whole=0 early=0 invalid=0
db=pgm_kill
for i in $(seq 1 "$KILLS"); do
    fresh $db
    ms=$(awk -v s="$SEED" -v i="$i" -v a="$MIN_MS" -v m="$MAX_MS" 'BEGIN { srand(s * 100003 + i); print int(a + rand() * (m - a)) }')
    "$DALGEN" migrate apply --db postgresql:///$db --dir mig > out.txt 2> err.txt &
    pid=$!
    sleep "$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
    cic=$(q postgres "SELECT count(*) FROM pg_stat_activity WHERE datname = '$db' AND state = 'active'
                      AND query ILIKE 'CREATE%INDEX CONCURRENTLY%'")
    if kill -9 "$pid" 2> /dev/null; then :; else early=$((early + 1)); fi
    wait "$pid" 2> /dev/null
    [ "$cic" -gt 0 ] && in_cic=$((in_cic + 1))
    # the killed client's server process ends (client_connection_check_interval) before we look
    for _ in $(seq 1 100); do
        [ "$(q postgres "SELECT count(*) FROM pg_stat_activity WHERE datname = '$db'")" = 0 ] && break
        sleep 0.1
    done
    hist=$(q $db "SELECT string_agg(id || ':' || state || ':' || steps_done, ' ' ORDER BY id) FROM _dal_migrations" 2> /dev/null)
    running=$(echo "$hist" | tr ' ' '\n' | grep -c ':running:')
    case " $hist" in
    *:running:*" "*) fail "a running row is not the last: $hist" ;;
    esac
    current=$(echo "$hist" | tr ' ' '\n' | grep ':applied:' | tail -n 1 | cut -d: -f1)
    current=${current:-0}
    if [ "$running" = 0 ]; then
        whole=$((whole + 1))
        "$DESCRIBE" postgresql:///$db > now.txt
        cmp -s now.txt "ref.$current" || { fail "history at $current ($hist) but the schema differs:"; diff "ref.$current" now.txt | head -5; }
    else
        resumable=$((resumable + 1))
        echo "$hist" | grep -q '3:running:' || fail "running row other than 0003: $hist"
        echo "$hist" | grep -q '3:running:[456]$' && in_replace=$((in_replace + 1))
    fi
    if [ "$current" -ge 1 ]; then
        step3=$(echo "$hist" | tr ' ' '\n' | sed -n 's/^3:running:\([0-9]*\)$/\1/p')
        want=$(awk -v c="$current" -v s="${step3:-0}" 'BEGIN { for (m = 1; m <= c; m++) printf "%d ", m; if (c == 2 && s >= 1) printf "3 " }')
        got=$(q $db "SELECT migration FROM effects ORDER BY 1" | tr '\n' ' ')
        [ "$got" = "$want" ] || fail "effects '$got', expected '$want' (history $hist)"
    fi
    bad=$(q $db 'SELECT count(*) FROM pg_index WHERE NOT indisvalid')
    [ "$bad" -gt 0 ] && invalid=$((invalid + 1))
    echo "kill $i at ${ms} ms: history [$hist]$([ "$cic" -gt 0 ] && echo ', inside CREATE INDEX CONCURRENTLY')$([ "$bad" -gt 0 ] && echo ", $bad INVALID index left")"
    # the rerun completes it
    "$DALGEN" migrate apply --db postgresql:///$db --dir mig > out.txt 2> err.txt || { fail "rerun failed"; cat err.txt; }
    [ "$(q $db 'SELECT count(*) FROM pg_index WHERE NOT indisvalid')" = 0 ] || fail "an INVALID index after the rerun"
    [ "$(q $db 'SELECT migration FROM effects ORDER BY 1' | tr '\n' ' ')" = "1 2 3 4 " ] || fail "effects after the rerun"
    [ "$(q $db "SELECT count(*) FROM _dal_migrations WHERE state = 'applied'")" = 4 ] || fail "history after the rerun"
    "$DESCRIBE" postgresql:///$db > now.txt
    cmp -s now.txt ref.4 || { fail "schema after the rerun differs from version 4"; diff ref.4 now.txt | head -5; }
done
psql -qX -d postgres -c "DROP DATABASE $db WITH (FORCE)"
echo "kill: $KILLS kills (seed $SEED): $in_cic inside CREATE INDEX CONCURRENTLY, $in_replace inside the replacement" \
     "of items_v, $whole at a whole version," \
     "$resumable resumable ($invalid with an INVALID index to rebuild), $early after the run had ended; $fails failures"
[ "$fails" = 0 ]
