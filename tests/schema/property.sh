#!/bin/sh
# property.sh DALGEN DIR SOURCE...
# Properties of the schema front end over one schema (sources relative to DIR):
#  1. `schema --sql` loads back to the same model (JSON without locations);
#  2. a database built from the sources with the sqlite3 shell gives the
#     model of the sources, minus locations and the annotations written above
#     statements (which a database cannot keep);
#  3. the output is deterministic.
# Skips (77) when DIR does not exist.
set -u
dalgen=$1 dir=$2
shift 2
[ -d "$dir" ] || { echo "skipped: $dir is absent"; exit 77; }
command -v sqlite3 >/dev/null || { echo "the sqlite3 shell is needed (scripts/setup-debian.sh)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$dir" || exit 1
fail() { echo "FAIL: $*"; exit 1; }

"$dalgen" schema "$@" --sql > "$tmp/model.sql" || fail "schema --sql"
"$dalgen" schema "$@" --no-locations > "$tmp/a.json" || fail "schema --json"
"$dalgen" schema "$tmp/model.sql" --no-locations > "$tmp/b.json" || fail "loading the --sql output"
diff -u "$tmp/a.json" "$tmp/b.json" || fail "--sql round trip changed the model"

for src in "$@"; do
  if [ -d "$src" ]; then
    for f in $(ls "$src" | LC_ALL=C sort); do
      case $f in *.down.sql) ;; *.sql) sqlite3 -bail "$tmp/built.db" < "$src/$f" > /dev/null || fail "sqlite3 $src/$f";; esac
    done
  else
    sqlite3 -bail "$tmp/built.db" < "$src" > /dev/null || fail "sqlite3 $src"
  fi
done
"$dalgen" schema "$@" --no-locations --no-above-annotations > "$tmp/c.json" || fail "schema"
"$dalgen" schema "$tmp/built.db" --no-locations > "$tmp/d.json" || fail "schema of the built database"
diff -u "$tmp/c.json" "$tmp/d.json" || fail "the database built from the sources gives another model"

"$dalgen" schema "$@" > "$tmp/e.json" && "$dalgen" schema "$@" > "$tmp/f.json" || fail "schema"
cmp "$tmp/e.json" "$tmp/f.json" || fail "two runs printed different bytes"
echo "ok"
