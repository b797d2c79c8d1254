#!/bin/sh
# Running `dalgen generate` twice leaves the outputs untouched (same mtime,
# same inode), and a changed schema rewrites them.
#   mtime.sh DALGEN SCHEMA WORKDIR
set -eu
dalgen=$1 schema=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cp "$schema" "$work/schema.sql"
"$dalgen" generate "$work/schema.sql" --prefix m --out "$work/out"
before=$(stat -c '%Y.%i' "$work/out/m.h" "$work/out/m.c")
touch -d '2001-01-01' "$work/out/m.h" "$work/out/m.c"
old=$(stat -c '%Y.%i' "$work/out/m.h" "$work/out/m.c")
"$dalgen" generate "$work/schema.sql" --prefix m --out "$work/out"
after=$(stat -c '%Y.%i' "$work/out/m.h" "$work/out/m.c")
[ "$old" = "$after" ] || { echo "FAILED: unchanged outputs were rewritten ($old -> $after)"; exit 1; }
echo "CREATE TABLE extra (id INTEGER PRIMARY KEY);" >> "$work/schema.sql"
"$dalgen" generate "$work/schema.sql" --prefix m --out "$work/out"
changed=$(stat -c '%Y' "$work/out/m.h")
[ "$changed" != "$(echo "$old" | head -1 | cut -d. -f1)" ] || { echo "FAILED: changed output not rewritten"; exit 1; }
grep -q 'm_extra_insert' "$work/out/m.h" || { echo "FAILED: new table missing"; exit 1; }
ls "$work/out" | grep -v '^m\.[ch]$' && { echo "FAILED: stray files left in the output folder"; exit 1; }
echo "ok: $before kept, rewritten on change"
