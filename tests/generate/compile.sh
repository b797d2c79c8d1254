#!/bin/sh
# Compile test of generated code: generates SCHEMA with PREFIX into OUT and
# compiles it (-O2, for the flow warnings) with gcc and clang, -std=c99 and
# -std=c11, with the strict flags, against libdal's headers.  Exit 77 (skip)
# when SCHEMA is absent.  The header must also compile as C++.
#   compile.sh DALGEN INCLUDE_DIR SCHEMA PREFIX OUT
set -eu
dalgen=$1 inc=$2 schema=$3 prefix=$4 out=$5
[ -e "$schema" ] || { echo "skip: $schema is absent"; exit 77; }
"$dalgen" generate "$schema" --prefix "$prefix" --out "$out"
status=0
for cc in gcc clang; do
  for std in c99 c11; do
    if "$cc" -std=$std -O2 -Wall -Wextra -Wpedantic -Wconversion -Werror -I"$inc" -I"$out" \
        -c "$out/$prefix.c" -o "$out/$prefix.$cc.$std.o"; then
      echo "ok: $cc -std=$std $schema"
    else
      echo "FAILED: $cc -std=$std $schema"; status=1
    fi
  done
done
# the header is also valid C++ (extern "C")
if command -v g++ >/dev/null 2>&1; then
  if g++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I"$inc" -x c++ "$out/$prefix.h"; then
    echo "ok: g++ -std=c++11 $prefix.h"
  else
    echo "FAILED: g++ -std=c++11 $prefix.h"; status=1
  fi
fi
exit $status
