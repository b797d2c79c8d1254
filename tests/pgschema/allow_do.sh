#!/bin/sh
# allow_do.sh DALGEN DIR: with --allow-do, a DO block runs in the typing
# database (what it creates is in the model); without, it is refused
# (errors/refused_do).
set -u
dalgen=$1 dir=$2
cd "$dir" || exit 1
out=$(DALGEN_PG_SERVER=postgresql:// "$dalgen" schema --engine postgresql --allow-do errors/refused_do.sql) \
  || { echo "FAIL: --allow-do: exit $?"; exit 1; }
printf '%s\n' "$out" | grep -q '"name": "a"' || { echo "FAIL: no table a"; exit 1; }
echo ok
