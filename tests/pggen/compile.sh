#!/bin/sh
# compile.sh DIR RUNTIME_INCLUDE BUILD_RUNTIME_INCLUDE: every *.c of DIR
# compiles with gcc and clang, -std=c99 and -std=c11, -Wall -Wextra
# -Wpedantic -Wconversion -Werror (clang skipped when absent).
dir=$1 inc=$2 binc=$3
pginc=$(pg_config --includedir 2>/dev/null || echo /usr/include/postgresql)
status=0
for cc in gcc clang; do
  command -v $cc >/dev/null 2>&1 || { echo "$cc: not installed, skipped"; continue; }
  for std in c99 c11; do
    for f in "$dir"/*.c; do
      $cc -std=$std -Wall -Wextra -Wpedantic -Wconversion -Werror -I"$inc" -I"$binc" -I"$pginc" -I"$dir" \
        -c "$f" -o /dev/null || { echo "FAIL: $cc -std=$std $f"; status=1; }
    done
  done
done
exit $status
