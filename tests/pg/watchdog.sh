#!/bin/sh
# Once process PID is gone, runs COMMAND:
#   watchdog.sh PID COMMAND [ARG...]
# A script that starts a server for a test (tests/pgrt/standby.sh,
# pgbouncer.sh) starts it detached with its own clean-up as COMMAND:
#   ( setsid sh watchdog.sh $$ sh SCRIPT --stop DIR < /dev/null > /dev/null 2>&1 & )
# so that the server stops even when the script is killed where no trap
# runs: a ctest timeout SIGKILLs the test's process tree (the subshell
# makes the watchdog no descendant of it; no inherited output, since ctest
# waits for its pipes to close).  COMMAND must do nothing when the script
# already cleaned up.
pid=$1
shift
while kill -0 "$pid" 2>/dev/null; do sleep 1; done
exec "$@"
