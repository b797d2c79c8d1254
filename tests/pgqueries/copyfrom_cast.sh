#!/bin/sh
# :copyfrom of a column sent as text with a cast (money): binary COPY would
# send text where the server reads the type's binary form, so generation
# fails, located at the parameter, and writes nothing; so does a
# :batchexec without parameters; :batchone/:batchmany without parameters
# or result columns.
#   copyfrom_cast.sh DALGEN
set -eu
dalgen=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'CREATE TABLE prices (id bigint PRIMARY KEY, amount money NOT NULL);\n' > "$tmp/schema.sql"
printf -- '-- name: CopyPrices :copyfrom\nINSERT INTO prices (id, amount) VALUES ($1, $2);\n' > "$tmp/query.sql"
if "$dalgen" generate --engine postgresql --pg-server postgresql:// "$tmp/schema.sql" --queries "$tmp/query.sql" \
    --prefix p --out "$tmp/out" 2> "$tmp/err"; then
  echo "FAIL: generation succeeded"; exit 1
fi
cat "$tmp/err"
grep -q "query.sql:2:.*error: query CopyPrices is :copyfrom, but parameter amount is sent as text with a cast" "$tmp/err" ||
  { echo "FAIL: not the expected error"; exit 1; }
if [ -e "$tmp/out/p.c" ] || [ -e "$tmp/out/p.h" ]; then echo "FAIL: output written"; exit 1; fi
# a :batchexec without parameters (n identical executions) is an error too
printf -- '-- name: Touch :batchexec\nUPDATE prices SET amount = amount;\n' > "$tmp/query.sql"
if "$dalgen" generate --engine postgresql --pg-server postgresql:// "$tmp/schema.sql" --queries "$tmp/query.sql" \
    --prefix p --out "$tmp/out" 2> "$tmp/err"; then
  echo "FAIL: generation succeeded"; exit 1
fi
cat "$tmp/err"
grep -q "query.sql:1:4: error: query Touch is :batchexec but has no parameters; use :exec" "$tmp/err" ||
  { echo "FAIL: not the expected error"; exit 1; }
# :batchone without parameters, and one that returns no columns
printf -- '-- name: First :batchone\nSELECT id FROM prices LIMIT 1;\n' > "$tmp/query.sql"
if "$dalgen" generate --engine postgresql --pg-server postgresql:// "$tmp/schema.sql" --queries "$tmp/query.sql" \
    --prefix p --out "$tmp/out" 2> "$tmp/err"; then
  echo "FAIL: generation succeeded"; exit 1
fi
cat "$tmp/err"
grep -q "query.sql:1:4: error: query First is :batchone but has no parameters; use :one" "$tmp/err" ||
  { echo "FAIL: not the expected error"; exit 1; }
printf -- '-- name: Bump :batchmany\nUPDATE prices SET id = id WHERE id = $1;\n' > "$tmp/query.sql"
if "$dalgen" generate --engine postgresql --pg-server postgresql:// "$tmp/schema.sql" --queries "$tmp/query.sql" \
    --prefix p --out "$tmp/out" 2> "$tmp/err"; then
  echo "FAIL: generation succeeded"; exit 1
fi
cat "$tmp/err"
grep -q "query.sql:1:4: error: query Bump is :batchmany but returns no columns; use :batchexec" "$tmp/err" ||
  { echo "FAIL: not the expected error"; exit 1; }
echo "ok"
