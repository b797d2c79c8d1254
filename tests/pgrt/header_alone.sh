#!/bin/sh
# dal_pg.h compiles alone (with libpq's headers from pkg-config) as C99 and
# C11 with the strict flags, and dal.h needs no libpq header.
# usage: header_alone.sh INCLUDE_DIR CONFIG_INCLUDE_DIR CC...
set -eu
inc=$1 cfg=$2; shift 2
pq=$(pkg-config --cflags libpq) || exit 77
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '#include "dal_pg.h"\nint f(PGresult *r);\nint f(PGresult *r) { dal_pg_iter it = DAL_PG_ITER_INIT; (void)it; return PQntuples(r); }\n' > "$tmp/pg.c"
printf '#include "dal.h"\n#ifdef LIBPQ_FE_H\n#error dal.h included libpq-fe.h\n#endif\nint g(dal_db *db);\nint g(dal_db *db) { return dal_pg(db) != NULL; }\n' > "$tmp/nopq.c"
n=0
for cc in "$@"; do
  command -v "$cc" >/dev/null 2>&1 || { echo "skip: $cc not found"; continue; }
  for std in c99 c11; do
    # -I, not -isystem: libpq-fe.h itself must pass the strict flags too
    "$cc" -std=$std -Wall -Wextra -Wpedantic -Wconversion -Werror -I"$inc" -I"$cfg" $pq -c "$tmp/pg.c" -o "$tmp/pg.o"
    "$cc" -std=$std -Wall -Wextra -Wpedantic -Wconversion -Werror -I"$inc" -c "$tmp/nopq.c" -o "$tmp/nopq.o"
    echo "ok: $cc -std=$std"; n=$((n + 1))
  done
done
[ "$n" -gt 0 ] || exit 77
