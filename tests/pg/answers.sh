#!/bin/sh
# The cluster answers through the environment run.sh gives (PGHOST...), and
# is PostgreSQL 13 or newer.
v=$(psql -XAtq -c "SHOW server_version_num") || exit 1
[ "$v" -ge 130000 ] || { echo "server_version_num $v < 130000"; exit 1; }
echo "server_version_num $v"
