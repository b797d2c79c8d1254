#!/bin/sh
# The online plan against a live writer (docs/migrations.md, "--online").
# writer/old.sql -> writer/new.sql sets events.note NOT NULL (its NULLs, one
# row in ten, filled with its new default), adds the foreign key
# events.user_id -> users and the index events_user.  For the
# plain plan and the --online plan (`dalgen migrate new`, then
# `dalgen migrate apply` on a new database): migration 1, ROWS rows into
# events, then online_probe (a writer inserting into events, timing each
# insert, and a watcher timing each stretch during which another session
# holds a lock on events that blocks inserts) runs while migration 2 is
# applied; the database must then be at new.sql.
#   usage: online_writer.sh DALGEN PROBE SOURCE_DIR OUT_DIR
#   ROWS=N      rows in events (default 200000)
#   CHECK=locks (default) the online plan's longest insert-blocking lock
#               under LIMIT_MS, the plain plan's over it: the ctest slice
#   CHECK=latency  the writer's worst insert: online under LIMIT_MS, plain
#               over it (bench/migrate/pg_online.sh, 1,000,000 rows)
#   LIMIT_MS=M  default 200
set -u
DALGEN=$1 PROBE=$2 SD=$3 T=$4
ROWS=${ROWS:-200000} CHECK=${CHECK:-locks} LIMIT_MS=${LIMIT_MS:-200}
server="postgresql:///${PGDATABASE:-postgres}"
pg="--engine postgresql --pg-server $server"
rm -rf "$T" && mkdir -p "$T" || exit 1
fail=0
q() { psql -qtAX -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
# field NAME FILE: the probe's figure NAME
field() { sed -n "s/^$1 //p" "$2"; }
over() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }

for mode in plain online; do
    dir=$T/$mode db=pgdiff_writer_$mode url=postgresql:///pgdiff_writer_$mode
    flag=; [ $mode = online ] && flag=--online
    "$DALGEN" migrate new init --dir "$dir" $pg "$SD/writer/old.sql" > /dev/null &&
    "$DALGEN" migrate new change --dir "$dir" $pg $flag --allow DOWN_CANNOT_RESTORE "$SD/writer/new.sql" \
        > /dev/null 2> "$T/$mode.new.err" || { echo "FAIL $mode: migrate new"; cat "$T/$mode.new.err"; exit 1; }
    psql -qX -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
        -c "CREATE DATABASE $db" > /dev/null || exit 1
    "$DALGEN" migrate apply --db "$url" --dir "$dir" --to 1 > "$T/$mode.init" 2>&1 || { cat "$T/$mode.init"; exit 1; }
    q $db "INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 1000) g;
           INSERT INTO events (user_id, note)
           SELECT 1 + g % 1000, CASE WHEN g % 10 <> 0 THEN 'n' || g END FROM generate_series(1, $ROWS) g" || exit 1
    q $db "VACUUM ANALYZE" || exit 1
    PGDATABASE=$db "$PROBE" events 1000 > "$T/$mode.probe" 2> "$T/$mode.probe.err" &
    probe=$!
    for _ in $(seq 1 100); do grep -q '^ready' "$T/$mode.probe" && break; sleep 0.1; done
    sleep 0.5
    t0=$(date +%s%N)
    "$DALGEN" migrate apply --db "$url" --dir "$dir" > "$T/$mode.apply" 2>&1 || { echo "FAIL $mode: apply"; cat "$T/$mode.apply"; fail=1; }
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    sleep 0.5
    kill -TERM $probe
    wait $probe || { echo "FAIL $mode: the writer failed"; cat "$T/$mode.probe.err"; fail=1; }
    "$DALGEN" diff $pg --from "$url" --to "$SD/writer/new.sql" --exit-code > "$T/$mode.again" ||
        { echo "FAIL $mode: the database is not at new.sql"; cat "$T/$mode.again"; fail=1; }
    psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" > /dev/null
    echo "$mode plan, $ROWS rows: apply $ms ms; writer: $(field inserts "$T/$mode.probe") inserts," \
         "worst $(field worst_ms "$T/$mode.probe") ms, p99 $(field p99_ms "$T/$mode.probe") ms," \
         "$(field over_200ms "$T/$mode.probe") over 200 ms; longest insert-blocking lock" \
         "$(field lock_ms "$T/$mode.probe") ms ($(field lock_mode "$T/$mode.probe"): $(field lock_query "$T/$mode.probe" | cut -c1-90))"
done

what=lock_ms; [ "$CHECK" = latency ] && what=worst_ms
on=$(field $what "$T/online.probe") pl=$(field $what "$T/plain.probe")
[ -n "$on" ] && [ -n "$pl" ] || { echo "FAIL: no figures"; exit 1; }
over "$LIMIT_MS" "$on" || { echo "FAIL: the online plan's $what is $on, not under $LIMIT_MS"; fail=1; }
over "$pl" "$LIMIT_MS" || { echo "FAIL: the plain plan's $what is $pl, not over $LIMIT_MS (the check cannot tell)"; fail=1; }
[ $fail = 0 ] && echo "online_writer ($CHECK): online $on ms < $LIMIT_MS ms < plain $pl ms"
exit $fail
