#!/bin/sh
# Running `dalgen generate` twice leaves the outputs untouched (same mtime,
# same inode), and a changed schema rewrites them; a render that fails
# midway (the outputs stream to temporaries as they render) changes nothing
# and leaves no temporary, nor an output folder it created.
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
cp "$work/out/m.h" "$work/m.h.before"
mkdir -p "$work/tpl"
printf '{{#tables}}{{nope}}{{/tables}}\n' > "$work/tpl/source.tmpl"
echo "CREATE TABLE more (id INTEGER PRIMARY KEY);" >> "$work/schema.sql"
if "$dalgen" generate "$work/schema.sql" --prefix m --out "$work/out" --templates "$work/tpl" 2> "$work/err.txt"; then
    echo "FAILED: a broken template rendered"; exit 1
fi
grep -q 'source.tmpl:1:12: error: no value named .nope.' "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
cmp -s "$work/m.h.before" "$work/out/m.h" || { echo "FAILED: m.h changed by a failed render"; exit 1; }
ls "$work/out" | grep -v '^m\.[ch]$' && { echo "FAILED: a failed render left a temporary"; exit 1; }
# a failed render into folders that did not exist leaves none of them
if "$dalgen" generate "$work/schema.sql" --prefix m --out "$work/fresh/a/b" --templates "$work/tpl" 2> "$work/err.txt"; then
    echo "FAILED: a broken template rendered"; exit 1
fi
[ ! -e "$work/fresh" ] || { echo "FAILED: a failed render left the output folders it created"; find "$work/fresh"; exit 1; }
# ... and keeps the folders that were there (and what they hold)
mkdir -p "$work/kept/a" && touch "$work/kept/a/other"
if "$dalgen" generate "$work/schema.sql" --prefix m --out "$work/kept/a/b" --templates "$work/tpl" 2> "$work/err.txt"; then
    echo "FAILED: a broken template rendered"; exit 1
fi
[ -f "$work/kept/a/other" ] && [ ! -e "$work/kept/a/b" ] || { echo "FAILED: kept folders"; find "$work/kept"; exit 1; }
echo "ok: $before kept, rewritten on change, kept on a failed render"
