# Installs this build tree into $PREFIX (the fixture of the package tests).
source "$(dirname "$0")/lib.sh" "$1"; shift
rm -rf "$PREFIX"
cmake --install "$BUILD_DIR" --prefix "$PREFIX" >/dev/null
for f in lib/cmake/dalgen/dalgenConfig.cmake lib/cmake/dalgen/dalgenConfigVersion.cmake \
         lib/cmake/dalgen/dalgenTargets.cmake lib/cmake/dalgen/dalgen.cmake \
         lib/pkgconfig/dal.pc bin/dalgen include/dal.h; do
  [ -f "$PREFIX/$f" ] || fail "$f not installed"
done
"$PREFIX/bin/dalgen" --version | grep -q '^dalgen [0-9]' || fail "installed dalgen does not run"
echo "installed into $PREFIX"
