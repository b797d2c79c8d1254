# pkg-config: a program that calls libdal and sqlite3 (through dal_sqlite())
# compiled with `pkg-config --cflags --libs dal` against the installed
# prefix links to libdal.so and runs; with only libdal.a installed it links
# statically with `--static` and runs.
source "$(dirname "$0")/lib.sh" "$1"; shift
dir="$WORK/pkgconfig"
rm -rf "$dir" && mkdir -p "$dir"
cc=$(grep -m1 '^CMAKE_C_COMPILER:' "$BUILD_DIR/CMakeCache.txt" | cut -d= -f2)
flags=""
grep -q '^DALGEN_SANITIZE:BOOL=ON' "$BUILD_DIR/CMakeCache.txt" && flags="-fsanitize=address,undefined"
src="$TESTS_DIR/pkgconfig_main.c"

export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
pkg-config --exists dal || fail "pkg-config does not find dal"
[ "$(pkg-config --modversion dal)" = "$(sed -n 's/^project(dalgen VERSION \([0-9.]*\).*/\1/p' "$SOURCE_DIR/CMakeLists.txt")" ] \
  || fail "dal.pc version differs from the project version"
# shellcheck disable=SC2046
$cc $flags -std=c99 -Wall -Wextra -Wpedantic -Werror -o "$dir/shared" "$src" $(pkg-config --cflags --libs dal)
readelf -d "$dir/shared" | grep -q 'NEEDED.*libdal\.so' || fail "not linked against libdal.so"
out=$(LD_LIBRARY_PATH="$PREFIX/lib" "$dir/shared") || fail "shared program failed: $out"
[ "$out" = "dal ok 42" ] || fail "shared program printed: $out"

# Static: a copy of the prefix without the shared library.
cp -r "$PREFIX" "$dir/static-prefix"
rm -f "$dir"/static-prefix/lib/libdal.so*
export PKG_CONFIG_PATH="$dir/static-prefix/lib/pkgconfig"
pkg-config --static --libs dal | grep -q -- '-lsqlite3' || fail "--static --libs lacks -lsqlite3"
# shellcheck disable=SC2046
$cc $flags -std=c99 -Wall -Wextra -Wpedantic -Werror -o "$dir/static" "$src" $(pkg-config --cflags --static --libs dal)
readelf -d "$dir/static" | grep -q 'NEEDED.*libdal' && fail "static program needs libdal.so"
out=$("$dir/static") || fail "static program failed: $out"
[ "$out" = "dal ok 42" ] || fail "static program printed: $out"
echo "ok: pkg-config shared and static"
