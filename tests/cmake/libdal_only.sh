# dalgen configured with DALGEN_BUILD_GENERATOR=OFF and DALGEN_WITH_LIBCLANG=OFF
# builds and installs libdal only (no dalgen, no libclang, no dalgen::dalgen
# in the package).  examples/checked-in builds against that prefix and runs;
# with DALGEN_EXECUTABLE set to this build's dalgen, its own ctest (dalgen
# check + run) passes.
source "$(dirname "$0")/lib.sh" "$1"; shift
dir="$WORK/libdal-only"
rm -rf "$dir" && mkdir -p "$dir"
TARGETS="dal_static dal_shared" configure_build "$SOURCE_DIR" "$dir/dalgen-build" Ninja -DDALGEN_BUILD_GENERATOR=OFF \
  -DDALGEN_WITH_LIBCLANG=OFF -DBUILD_TESTING=OFF
cmake --install "$dir/dalgen-build" --prefix "$dir/prefix" >/dev/null
[ -e "$dir/prefix/bin/dalgen" ] && fail "dalgen was installed"
grep -q 'dalgen::dalgen' "$dir/prefix/lib/cmake/dalgen/dalgenTargets.cmake" && fail "dalgen::dalgen exported"
grep -q 'dalgen::dal ' "$dir/prefix/lib/cmake/dalgen/dalgenTargets.cmake" || fail "dalgen::dal not exported"
grep -qE '^(LIBCLANG|LLVM_CONFIG):' "$dir/dalgen-build/CMakeCache.txt" && fail "the libdal-only build looked for libclang"
find "$dir/dalgen-build" -name 'libdalgen_core.a' | grep -q . && fail "the generator was built"

ex="$SOURCE_DIR/examples/checked-in"
configure_build "$ex" "$dir/shop" Ninja "-DCMAKE_PREFIX_PATH=$dir/prefix"
out=$("$dir/shop/shop" "$dir/shop.db") || fail "shop failed: $out"
grep -q '^shop ok' <<<"$out" || fail "shop printed: $out"

configure_build "$ex" "$dir/shop" Ninja "-DCMAKE_PREFIX_PATH=$dir/prefix" "-DDALGEN_EXECUTABLE=$DALGEN"
(cd "$dir/shop" && ctest --output-on-failure) >"$dir/ctest.log" 2>&1 || { cat "$dir/ctest.log"; fail "ctest of the example failed"; }
grep -q '100% tests passed, 0 tests failed out of 2' "$dir/ctest.log" || { cat "$dir/ctest.log"; fail "the example's tests did not run"; }
echo "ok: libdal only; $out"
