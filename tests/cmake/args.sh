# dalgen_generate() refuses bad calls at configure time with a message that
# names the problem: a missing TARGET/PREFIX/SCHEMA, an unknown keyword, an
# input that does not exist, a TARGET that is not a target.  A good call puts every input file (also each
# file of an input folder) into the command's dependencies.
source "$(dirname "$0")/lib.sh" "$1"; shift
dir="$WORK/args"
rm -rf "$dir" && mkdir -p "$dir/src/q" "$dir/src/m"
echo 'CREATE TABLE t (id INTEGER PRIMARY KEY);' > "$dir/src/schema.sql"
echo '-- name: One :one' > "$dir/src/q/a.sql"
echo '-- name: Two :one' > "$dir/src/q/b.sql"
echo 'SELECT 1;' > "$dir/src/m/0001_init.up.sql"
echo '# sum' > "$dir/src/m/dalgen.sum"
echo 'int main(void) { return 0; }' > "$dir/src/main.c"
printf 'version: 1\nschema: schema.sql\n' > "$dir/src/noprefix.yaml"

try() { # try NAME EXPECTED-MESSAGE CALL...
  local name=$1 msg=$2
  shift 2
  mkdir -p "$dir/$name"
  cat > "$dir/src/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.20)
project(args C)
add_library(fake_dal INTERFACE)
add_library(dalgen::dal ALIAS fake_dal)
include("$SOURCE_DIR/cmake/dalgen.cmake")
add_executable(app main.c)
$*
CM
  if [ -z "$msg" ]; then
    cmake -S "$dir/src" -B "$dir/$name" -G Ninja "-DDALGEN_EXECUTABLE=$DALGEN" >"$dir/$name.log" 2>&1 \
      || { cat "$dir/$name.log"; fail "$name: configure failed"; }
  else
    cmake -S "$dir/src" -B "$dir/$name" -G Ninja "-DDALGEN_EXECUTABLE=$DALGEN" >"$dir/$name.log" 2>&1 \
      && fail "$name: configured"
    tr '\n' ' ' <"$dir/$name.log" | tr -s ' ' | grep -qF "$msg" || { cat "$dir/$name.log"; fail "$name: no '$msg'"; }
  fi
}
try no_target "dalgen_generate: TARGET is required" "dalgen_generate(PREFIX p SCHEMA schema.sql)"
try no_schema "dalgen_generate: SCHEMA is required" "dalgen_generate(TARGET app PREFIX p)"
try unknown "dalgen_generate: unknown arguments: BOGUS" "dalgen_generate(BOGUS TARGET app PREFIX p SCHEMA schema.sql)"
try misspelt "dalgen_generate: SCHEMA QUERY: no such file or folder" "dalgen_generate(TARGET app PREFIX p SCHEMA schema.sql QUERY q)"
try not_target "dalgen_generate: nope is not a target" "dalgen_generate(TARGET nope PREFIX p SCHEMA schema.sql)"
try no_exe "no dalgen executable" "set(DALGEN_EXECUTABLE \"\")
dalgen_generate(TARGET app PREFIX p SCHEMA schema.sql)"
try config_no_prefix "has no top-level \`prefix: NAME\` line; give PREFIX" "dalgen_generate(TARGET app CONFIG noprefix.yaml)"
try config_missing "dalgen_generate: CONFIG nope.yaml: no such file or folder" "dalgen_generate(TARGET app CONFIG nope.yaml)"
try good "" "dalgen_generate(TARGET app PREFIX p SCHEMA schema.sql QUERIES q MIGRATIONS m OPTIONS --no-singularize)"
rule=$(grep -A1 '^build CMakeFiles/dalgen/app_p.stamp' "$dir/good/build.ninja")
for dep in "$dir/src/schema.sql" "$dir/src/q/a.sql" "$dir/src/q/b.sql" "$dir/src/m/0001_init.up.sql" \
           "$dir/src/m/dalgen.sum" "$DALGEN" "CMakeFiles/dalgen/app_p.args"; do
  grep -qF -- "$dep" <<<"$rule" || fail "the command does not depend on $dep: $rule"
done
grep -qF -- "--queries $dir/src/q --migrations $dir/src/m --prefix p --out $dir/good/gen --no-singularize" \
  "$dir/good/build.ninja" || fail "unexpected command line"
echo "ok: dalgen_generate arguments"
