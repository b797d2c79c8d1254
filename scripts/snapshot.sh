#!/usr/bin/env bash
# Runs one dalgen binary over every schema, query file and header the
# repository, ../shared/corpus and a synthesized 1,000-table schema hold, and
# writes each command's outputs, stdout, stderr and exit status under OUTDIR.
# Two snapshots compared with `diff -r` show what a change did to generated
# output (a refactor must leave them identical).
#   scripts/snapshot.sh path/to/dalgen OUTDIR
set -uo pipefail
dalgen=$(realpath "$1"); out=$(realpath -m "$2")
real=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out" && mkdir -p "$out"
# inputs are read through a link inside OUTDIR, so that the banners'
# relative paths are the same whichever checkout (and OUTDIR) runs it
root=$out/.root
ln -sfn "$real" "$root"
cd "$root"
n=0
run() {  # run NAME ARGS...: outputs go to $out/NAME/
  local name=$1; shift
  local d="$out/$name"; mkdir -p "$d/gen"
  (cd "$d" && "$dalgen" "$@" > stdout 2> stderr; echo $? > status)
  sed -i "s#$root#ROOT#g; s#$out#OUT#g" "$d/stdout" "$d/stderr"
  n=$((n + 1))
}
gen_case() {  # gen_case NAME SCHEMA [QUERIES]
  local name=$1 schema=$2 q=()
  [ -n "${3:-}" ] && q=(--queries "$root/$3")
  run "$name.gen" generate "$root/$schema" "${q[@]}" --prefix p --out gen
  run "$name.json" schema "$root/$schema" --json
  run "$name.sql" schema "$root/$schema" --sql
  run "$name.view" generate "$root/$schema" "${q[@]}" --prefix p --out gen --dump-view
}
while IFS= read -r s; do
  dir=$(dirname "$s"); q=""
  for c in "$dir/queries.sql" "$dir/queries"; do [ -e "$c" ] && q=$c && break; done
  gen_case "$(echo "$s" | tr / _)" "$s" "$q"
done < <(find tests examples -name 'schema.sql' -o -name '*.sql' -path '*/schemas/*' | sort)
if [ -d ../shared/corpus ]; then
  ln -sfn "$(realpath ../shared/corpus)" "$out/.corpus"
  while IFS= read -r s; do
    rel=corpus_$(echo "${s#../shared/corpus/}" | tr / _)
    run "$rel.gen" generate "$(realpath "$s")" --prefix p --out gen
    run "$rel.json" schema "$(realpath "$s")" --json
  done < <(find ../shared/corpus -name '*.sql' ! -name 'query*.sql' | sort)
  run corpus_vaultwarden.gen generate "$(realpath ../shared/corpus/vaultwarden-migrations)" --prefix p --out gen
  for ex in ../shared/corpus/sqlc-examples/*/; do
    ex=$(realpath "$ex"); b=$(basename "$ex")
    sch=$(find "$ex" -name 'schema.sql' -o -name 'schema' -type d | head -1)
    qs=$(find "$ex" -name 'query.sql' -o -name 'query' -type d | head -1)
    [ -n "$sch" ] && [ -n "$qs" ] && run "corpus_sqlc_$b.gen" generate "$sch" --queries "$qs" --prefix p --out gen
  done
fi
for h in $(find tests -name '*.h' -path '*clang*' | sort); do
  run "$(echo "$h" | tr / _).gen" generate --header "$root/$h" --clang-arg "-I$root/runtime/include" --prefix p --out gen
  run "$(echo "$h" | tr / _).view" generate --header "$root/$h" --clang-arg "-I$root/runtime/include" --prefix p \
    --out gen --dump-view
done
# embedded migrations, with queries
ex=$root/examples/checked-in
run checked-in.gen generate "$ex/schema.sql" --queries "$ex/queries" --migrations "$ex/migrations" --prefix app --out gen
run checked-in.view generate "$ex/schema.sql" --queries "$ex/queries" --migrations "$ex/migrations" --prefix app \
  --out gen --dump-view
run embedded.view generate "$root/tests/migrate/embedded/migrations" --migrations "$root/tests/migrate/embedded/migrations" \
  --prefix e --out gen --dump-view
syn="$out/.syn"
python3 bench/generator/synth.py 1000 "$syn/a" > /dev/null
python3 bench/generator/synth.py 1000 "$syn/b" --mutate 3 > /dev/null
run syn1000.gen generate "$syn/a/schema.sql" --queries "$syn/a/queries.sql" --prefix syn --out gen
run syn1000.diff diff --from "$syn/a/schema.sql" --to "$syn/b/schema.sql" --allow-destructive
run syn1000.down diff --from "$syn/a/schema.sql" --to "$syn/b/schema.sql" --allow-destructive --down
rm -rf "$syn"; rm -f "$out/.corpus" "$root"
echo "snapshot: $n commands in $out"
