#!/bin/sh
# generated.sh DALGEN SRC OUT: the checked-in SRC/gen is what DALGEN
# generates today from SRC/schema.sql and SRC/queries.sql (the test
# cluster types them); regenerate with bench/pg/regen.sh BUILD_DIR.
set -e
dalgen=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cp "$src/schema.sql" "$src/queries.sql" "$out/"
cd "$out"
"$dalgen" generate --engine postgresql --pg-server postgresql:// schema.sql --queries queries.sql --prefix pgb --out gen
diff -u "$src/gen/pgb.h" gen/pgb.h
diff -u "$src/gen/pgb.c" gen/pgb.c
