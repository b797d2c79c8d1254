#!/bin/sh
# Compiles dal.h alone in a C99 and a C11 translation unit with every given
# compiler and the strict flags libdal promises (and as C++11 where a C++
# compiler is installed).
# usage: header_alone.sh INCLUDE_DIR CC...
set -eu
inc=$1; shift
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '#include "dal.h"\n' > "$tmp/only.c"
# A TU that uses the version check the way generated headers do.
cat > "$tmp/check.c" <<'C'
#include "dal.h"
#if !DAL_VERSION_COMPATIBLE(DAL_VERSION_MAJOR, DAL_VERSION_MINOR)
#error "version check failed"
#endif
DAL_REQUIRE_VERSION(DAL_VERSION_MAJOR, DAL_VERSION_MINOR);
DAL_REQUIRE_VERSION(DAL_VERSION_MAJOR, 0);
int dal_header_user(void);
int dal_header_user(void) { dal_options o = DAL_OPTIONS_INIT; dal_arena a = DAL_ARENA_INIT; (void)a; return o.version; }
C
# A newer minor version than the headers offer must not compile.
cat > "$tmp/newer.c" <<'C'
#include "dal.h"
DAL_REQUIRE_VERSION(DAL_VERSION_MAJOR, DAL_VERSION_MINOR + 1);
C
n=0
for cc in "$@"; do
  command -v "$cc" >/dev/null 2>&1 || { echo "skip: $cc not found"; continue; }
  for std in c99 c11; do
    for f in only check; do
      "$cc" -std=$std -Wall -Wextra -Wpedantic -Wconversion -Werror -I"$inc" -c "$tmp/$f.c" -o "$tmp/$f.o"
    done
    if "$cc" -std=$std -I"$inc" -c "$tmp/newer.c" -o "$tmp/newer.o" 2>/dev/null; then
      echo "FAIL: $cc -std=$std accepted a newer required version"; exit 1
    fi
    echo "ok: $cc -std=$std"; n=$((n + 1))
  done
done
# C++ programs include generated headers too: dal.h must parse as C++11.
for cxx in g++ clang++; do
  command -v "$cxx" >/dev/null 2>&1 || continue
  cp "$tmp/check.c" "$tmp/check.cc"
  "$cxx" -std=c++11 -Wall -Wextra -Wpedantic -Werror -I"$inc" -c "$tmp/check.cc" -o "$tmp/check.o"
  echo "ok: $cxx -std=c++11"
done
[ "$n" -gt 0 ] || exit 77
