#!/bin/sh
# long-run.sh: a long libFuzzer run over several harnesses, one after the
# other, at the lowest priority (run one per core).  Each harness runs in
# OUT/KIND (what it finds stays in OUT/KIND/new, crashes as OUT/KIND/crash-*)
# and logs to OUT/KIND.log with libFuzzer's final stats; `long-run.sh sum
# OUT` prints the executions per harness from those logs.
# usage: long-run.sh BUILD_FUZZ OUT SEED KIND:SECONDS...
#        long-run.sh sum OUT
# TIMEOUT (seconds an input may take, default 120: at nice 19 on a loaded
# machine a 0.4-second input was once stopped at 20 s of wall time) and
# ASAN_OPTIONS (default quarantine_size_mb=64: the default 256 MB made every
# input touch fresh pages, halving the rate) may be set.
set -u
if [ "$1" = sum ]; then
    for log in "$2"/*.log; do
        [ -f "$log" ] || continue
        k=${log##*/}; k=${k%.log}
        n=$(grep 'stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s + 0}')
        t=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | awk '{s += $5} END {print s + 0}')
        c=$(ls "$2/$k" 2>/dev/null | grep -c -E '^(crash|leak|timeout|oom)-')
        echo "$k $n $t $c"
    done
    exit 0
fi
BUILD=$1 OUT=$2 SEED=$3 TIMEOUT=${TIMEOUT:-120}
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=64}
shift 3
TESTS=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$OUT"
for spec in "$@"; do
    k=${spec%%:*} secs=${spec#*:}
    nice -n 19 sh "$TESTS/fuzz/run.sh" "$BUILD/tests/fuzz/fuzz_$k" "$k" "$TESTS" "$OUT/$k" \
        -seed="$SEED" -max_total_time="$secs" -timeout="$TIMEOUT" -rss_limit_mb=2048 -print_final_stats=1 \
        > "$OUT/$k.log" 2>&1
done
