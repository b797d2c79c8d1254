#!/bin/sh
# Golden test of what `dalgen generate` emits for validators and enums: the
# "Enums and validators" sections of PREFIX.h and PREFIX.c (the rest of the
# files is the code emitter's, golden-tested in tests/generate).
#   golden_test.sh DALGEN SCHEMA.sql PREFIX EXPECTED_DIR [--update]
set -eu
dalgen=$1 schema=$2 prefix=$3 expected=$4 update=${5:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$schema" "$tmp/schema.sql"   # a stable banner: generated from ../schema.sql
(cd "$tmp" && "$dalgen" generate schema.sql --prefix "$prefix" --out gen)
mkdir -p "$tmp/sections"
for ext in h c; do
    awk '/^\/\* ---- Enums and validators/ { on = 1 }
         on && /^\/\* ---- / && !/Enums and validators/ { on = 0 }
         on' "$tmp/gen/$prefix.$ext" > "$tmp/sections/$prefix.$ext"
    [ -s "$tmp/sections/$prefix.$ext" ] || { echo "no validators section in $prefix.$ext"; exit 1; }
done
if [ "$update" = "--update" ]; then
    mkdir -p "$expected"
    cp "$tmp/sections/$prefix.h" "$tmp/sections/$prefix.c" "$expected/"
else
    diff -u "$expected" "$tmp/sections"
fi
