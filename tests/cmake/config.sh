# dalgen_generate(CONFIG dalgen.yaml) under one CMake generator ($1): the
# prefix read from the file, the file's options and queries used, the output
# in OUT_DIR; and since dalgen names the inputs it read (--depfile), editing
# a query, adding a query file or editing the config file regenerates.
source "$(dirname "$0")/lib.sh" "$1"; shift
gen=$1
dir="$WORK/config-${gen// /_}"
rm -rf "$dir" && mkdir -p "$dir/src/queries"
cat > "$dir/src/dalgen.yaml" <<'YAML'
version: 1
schema: schema.sql
queries: [queries]
prefix: notes   # the C prefix
out: gen-cli
options:
  singularize: false
YAML
echo 'CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL);' > "$dir/src/schema.sql"
printf -- '-- name: Latest :one\nSELECT * FROM notes ORDER BY id DESC LIMIT 1;\n' > "$dir/src/queries/latest.sql"
echo 'int lib_dummy(void) { return 0; }' > "$dir/src/dummy.c"
cat > "$dir/src/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.20)
project(cfg C)
add_library(fake_dal INTERFACE)
target_include_directories(fake_dal INTERFACE "$SOURCE_DIR/runtime/include")
add_library(dalgen::dal ALIAS fake_dal)
include("$SOURCE_DIR/cmake/dalgen.cmake")
add_library(app STATIC dummy.c)
dalgen_generate(TARGET app CONFIG dalgen.yaml)
CM
b="$dir/build"
configure_build "$dir/src" "$b" "$gen" "-DDALGEN_EXECUTABLE=$DALGEN"
h="$b/gen/notes.h"
[ -f "$h" ] || fail "no gen/notes.h (prefix from the file, OUT_DIR default)"
[ -e "$dir/src/gen-cli" ] && fail "the file's out was used instead of OUT_DIR"
grep -q 'struct notes_notes {' "$h" || fail "the file's options.singularize false was not used"
grep -q 'notes_latest(' "$h" || fail "the file's queries were not used"
build() { cmake --build "$b" -j2 >"$b/last.log" 2>&1 || { cat "$b/last.log"; fail "build failed"; }; }

build
grep -q 'dalgen: generating' "$b/last.log" && fail "dalgen ran without a change"

# a query edited: regenerated
sed -i 's/LIMIT 1/LIMIT 1 OFFSET 0/' "$dir/src/queries/latest.sql"
build
grep -q 'dalgen: generating' "$b/last.log" || fail "editing a query of the file's folder did not rerun dalgen"
grep -q 'OFFSET 0' "$b/gen/notes.c" || fail "the edited query is not in notes.c"

# a new file in the queries folder
sleep 1   # a folder's mtime in whole seconds on some file systems
printf -- '-- name: Oldest :one\nSELECT * FROM notes ORDER BY id LIMIT 1;\n' > "$dir/src/queries/oldest.sql"
build
grep -q 'notes_oldest(' "$h" || fail "a new file in the queries folder was not noticed"

# the config file edited
sed -i 's/singularize: false/singularize: true/' "$dir/src/dalgen.yaml"
build
grep -q 'struct notes_note {' "$h" || fail "editing dalgen.yaml did not regenerate"

# PREFIX given wins over the file's
cat >> "$dir/src/CMakeLists.txt" <<CM
add_library(app2 STATIC dummy.c)
dalgen_generate(TARGET app2 CONFIG dalgen.yaml PREFIX other OUT_DIR gen2)
CM
build
[ -f "$b/gen2/other.h" ] || fail "PREFIX did not win over the file's prefix"
echo "ok: dalgen_generate(CONFIG) with $gen"
