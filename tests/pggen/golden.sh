#!/bin/sh
# golden.sh DALGEN SRC_DIR OUT: generate schema.sql for PostgreSQL (the
# test cluster is the typing server) into OUT twice; both runs must give
# the same bytes, equal to SRC_DIR/golden.
set -e
dalgen=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out/a" "$out/b"
"$dalgen" generate --engine postgresql --pg-server postgresql:// "$src/schema.sql" --prefix pgg --out "$out/a"
"$dalgen" generate --engine postgresql --pg-server postgresql:// "$src/schema.sql" --prefix pgg --out "$out/b"
diff -r "$out/a" "$out/b"
# the banner names the inputs relative to --out: compare the rest
for f in pgg.h pgg.c; do
  sed 2d "$out/a/$f" > "$out/a/$f.body"
  sed 2d "$src/golden/$f" > "$out/$f.golden"
  diff -u "$out/$f.golden" "$out/a/$f.body"
done
# no user type OID may reach generated code: every pinned type is a macro or 0
! grep -nE '(=|, )[1-9][0-9]{4,}' "$out/a/pgg.c"
