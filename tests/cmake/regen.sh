# Regeneration with dalgen_generate() under one CMake generator ($1):
#   no change              -> dalgen does not run, nothing rebuilds
#   touch the schema       -> dalgen runs, rewrites nothing, nothing recompiles
#   add a column           -> notes.h/notes.c regenerated, both objects rebuilt
#   edit a query           -> notes.c regenerated and recompiled
#   new file in QUERIES/   -> noticed (CONFIGURE_DEPENDS), its function appears
#   other OPTIONS          -> dalgen runs again (also with make, which does not
#                             track command lines); same output, no recompile
source "$(dirname "$0")/lib.sh" "$1"; shift
gen=$1
dir="$WORK/regen-${gen// /_}"
rm -rf "$dir"
fresh_copy "$TESTS_DIR/consumer" "$dir/src"
configure_build "$dir/src" "$dir/build" "$gen" -DDALGEN_CONSUME=package "-DCMAKE_PREFIX_PATH=$PREFIX"
b="$dir/build"
run() { "$b/notes" "$dir/src/schema.sql"; }
[ "$(run)" = "latest: 2 second hello" ] || fail "first build: $(run)"

stamp=$(find_one "$b" 'notes_notes.stamp')
gen_c="$b/gen/notes.c" gen_h="$b/gen/notes.h"
obj_gen=$(find_one "$b" 'notes.c.o')
obj_main=$(find_one "$b" 'main.c.o')
snapshot() { echo "$(mtime "$stamp") $(mtime "$gen_h") $(mtime "$gen_c") $(mtime "$obj_gen") $(mtime "$obj_main") $(mtime "$b/notes")"; }
build() { cmake --build "$b" -j2 >"$b/last.log" 2>&1 || { cat "$b/last.log"; fail "build failed"; }; }
field() { echo "$1" | cut -d' ' -f"$2"; }

# 1. no change
before=$(snapshot); build; after=$(snapshot)
[ "$before" = "$after" ] || fail "a build without changes did work: $before -> $after"
grep -q 'dalgen: generating' "$b/last.log" && fail "dalgen ran without a change"

# 2. touch the schema: dalgen runs, outputs and objects keep their times
touch "$dir/src/schema.sql"
before=$(snapshot); build; after=$(snapshot)
[ "$(field "$before" 1)" != "$(field "$after" 1)" ] || fail "dalgen did not run after touching the schema"
for i in 2 3 4 5; do
  [ "$(field "$before" $i)" = "$(field "$after" $i)" ] || fail "touching the schema changed file $i: $before -> $after"
done
grep -q 'Building C object' "$b/last.log" && fail "touching the schema recompiled something"

# 3. add a column
sed -i 's/^    body  TEXT$/    body  TEXT,\n    color TEXT/' "$dir/src/schema.sql"
grep -q color "$dir/src/schema.sql" || fail "test setup: column not added"
before=$(snapshot); build; after=$(snapshot)
for i in 2 3 4 5; do
  [ "$(field "$before" $i)" != "$(field "$after" $i)" ] || fail "adding a column did not rebuild file $i"
done
grep -q 'color' "$gen_h" || fail "notes.h has no field for the new column"
[ "$(run)" = "latest: 2 second hello" ] || fail "after adding a column: $(run)"

# 4. edit a query: only the generated source changes
sed -i 's/ORDER BY id DESC/ORDER BY title DESC, id DESC/' "$dir/src/queries/latest.sql"
before=$(snapshot); build; after=$(snapshot)
[ "$(field "$before" 3)" != "$(field "$after" 3)" ] || fail "editing a query did not regenerate notes.c"
[ "$(field "$before" 4)" != "$(field "$after" 4)" ] || fail "editing a query did not recompile notes.c"
grep -q 'title DESC' "$gen_c" || fail "notes.c does not hold the edited query"
[ "$(run)" = "latest: 2 second hello" ] || fail "after editing a query: $(run)"

# 5. a new file in the queries folder
cat > "$dir/src/queries/oldest.sql" <<'SQL'
-- name: OldestNote :one
SELECT * FROM notes ORDER BY id LIMIT 1;
SQL
build
grep -q 'notes_oldest_note' "$gen_h" || fail "a new file in the queries folder was not noticed"

# 6. other arguments (--timestamps changes nothing for this schema)
cmake "$b" -DNOTES_DALGEN_OPTIONS=--timestamps >/dev/null
before=$(snapshot); build; after=$(snapshot)
[ "$(field "$before" 1)" != "$(field "$after" 1)" ] || fail "dalgen did not run after its arguments changed"
for i in 2 3 4 5; do
  [ "$(field "$before" $i)" = "$(field "$after" $i)" ] || fail "new arguments with the same output changed file $i"
done
echo "ok: regeneration with $gen"
