# lib.sh - helpers of the cmake.* test scripts, sourced with the path of
# env.sh (written by tests/cmake/CMakeLists.txt), which sets DALGEN,
# SOURCE_DIR, BUILD_DIR, TESTS_DIR, WORK, PREFIX and the array SUB_ARGS
# (compiler, build type and sanitizer flags for sub-projects).
set -euo pipefail
# shellcheck source=/dev/null
source "$1"

fail() { echo "FAIL: $*" >&2; exit 1; }
mtime() { stat -c %.9Y "$1"; }
# Path of the one file named $2 under folder $1.
find_one() {
  local f
  f=$(find "$1" -name "$2" -print -quit)
  [ -n "$f" ] || fail "no $2 under $1"
  echo "$f"
}
# Fresh copy of a source folder: fresh_copy SRC DEST
fresh_copy() { rm -rf "$2"; mkdir -p "$(dirname "$2")"; cp -r "$1" "$2"; }
# Configure and build: configure_build SRC BUILD GENERATOR [cmake args...]
# Builds only the targets in $TARGETS when set (space-separated).
configure_build() {
  local src=$1 bld=$2 gen=$3 targets=()
  shift 3
  [ -n "${TARGETS:-}" ] && for t in $TARGETS; do targets+=(--target "$t"); done
  cmake -S "$src" -B "$bld" -G "$gen" "${SUB_ARGS[@]}" "$@" >"$bld.configure.log" 2>&1 \
    || { cat "$bld.configure.log"; fail "configure of $src failed"; }
  cmake --build "$bld" -j2 "${targets[@]}" >"$bld.build.log" 2>&1 \
    || { cat "$bld.build.log"; fail "build of $src failed"; }
}
