#!/bin/sh
# replay.sh DALGEN DIR: replays a migration history (DIR/steps/*.sql, in
# name order) with `dalgen diff --engine postgresql` on a database holding
# rows.  State k is the folder of steps 1..k.  The database starts at state 1
# (psql) with DIR/seed/<step 1>.sql's rows; then for each k = 1..N-1:
#   up:       `diff --from state k --to state k+1` applied (one transaction)
#   down:     `diff --from state k --to state k+1 --down` applied
#   up again: the up plan once more
# After each: the database's `schema --json` equals the state's (that of
# a database the project's own steps 1..k migrated), and every value of
# the rows before (keyed by table, primary key, column) is equal after,
# wherever its column is in both states (following the tables and columns
# the step renames with ALTER TABLE ... RENAME, both ways), with as many
# rows.  After up again,
# DIR/seed/<step k+1>.sql adds rows or values for what step k+1 made.
# Steps listed in DIR/replay-hand go up with the project's own SQL (data
# no diff can infer; the reason is on the line); for them dalgen's up plan
# must fail on the rows (else the line has to go).
# With the test cluster's environment (tests/pg/run.sh) or PG* naming a server.
set -u
# (a failure first shows the first model that differed, if one did: the
# models are compared at the end, all in one process)
fail() { [ -s "$tmp/models" ] && $python "$here/same_models.py" "$tmp/models" | grep -v '^ok'; echo "FAIL: $*"; exit 1; }
dalgen=$1 dir=$2
python=${PYTHON:-python3}
here=$(dirname "$0")
tmp=$(mktemp -d)
db="dg_replay_$$"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1; dropdb --if-exists "${db}_ref" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
export DALGEN_PG_SERVER=postgresql://
pg="--engine postgresql"
PSQL="psql -X -q -v ON_ERROR_STOP=1 -d $db"

t0=$(date +%s)
files=$(ls "$dir/steps" | grep '\.sql$' | sort)
n=0
for f in $files; do
  n=$((n + 1))
  mkdir "$tmp/state$n"
  [ $n -gt 1 ] && cp "$tmp/state$((n - 1))"/* "$tmp/state$n/"
  cp "$dir/steps/$f" "$tmp/state$n/"
  echo "$f" > "$tmp/name$n"
done
[ "$n" -ge 10 ] || fail "only $n steps"
# The states' models: a database migrated by psql with the project's own
# steps one by one, read after each (states.sh: the same as the folders');
# meanwhile the up and down plans of every pair, two at a time.
createdb "${db}_ref" || fail createdb
( k=0; for f in $files; do
    k=$((k + 1))
    psql -X -q -v ON_ERROR_STOP=1 -d "${db}_ref" -f "$dir/steps/$f" > /dev/null 2>&1 &&
    "$dalgen" schema "postgresql:///${db}_ref" --no-locations > "$tmp/model$k.json" ||
      { echo "state $k: the project's own steps do not reach it" >> "$tmp/bad"; break; }
  done; dropdb "${db}_ref" ) &
seq 2 $n | xargs -P 2 -I @K@ sh -c "for d in up down; do f=; [ \$d = down ] && f=--down
    '$dalgen' diff $pg --from '$tmp/state'\$((@K@ - 1)) --to '$tmp/state@K@' --allow-destructive \$f \
      > '$tmp/'\$d'@K@.sql' 2> '$tmp/'\$d'@K@.err' || echo \"state @K@: dalgen diff (\$d) failed: \$(cat '$tmp/'\$d'@K@.err')\" >> '$tmp/bad'
  done"
wait
[ -s "$tmp/bad" ] && { cat "$tmp/bad"; fail "planning"; }
echo "ok: $n models and $((2 * (n - 1))) plans (up, down) in $(($(date +%s) - t0)) s"

hand() { grep -v '^#' "$dir/replay-hand" 2>/dev/null | awk -v f="$1" '$1 == f { $1 = ""; print substr($0, 2); exit }'; }

# One line per column (#col, table, column), then one per value: table,
# primary key (the row's JSON without one), column, the value as JSON.
values() {
  psql -X -q -At -F '	' -d "$db" -v ON_ERROR_STOP=1 > "$1" <<'EOF' || fail "reading the rows"
SELECT '#col', c.relname, a.attname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public';
SELECT format('SELECT %L, %s, j.key, j.value::text FROM %I.%I r, jsonb_each(to_jsonb(r)) j', c.relname,
       coalesce((SELECT 'jsonb_build_array(' || string_agg(format('r.%I', a.attname), ', ' ORDER BY k.ord) || ')::text'
                 FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                 WHERE i.indrelid = c.oid AND i.indisprimary), 'to_jsonb(r)::text'), n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public' ORDER BY c.relname
\gexec
EOF
}

# The renames of a step file as "table T U" / "column T A B" lines (T the
# table's name before the statement), from its ALTER TABLE ... RENAME.
renames() {
  tr 'A-Z\n' 'a-z ' < "$1" | tr ';' '\n' | sed -n \
    -e 's/^ *alter table \(if exists \)\{0,1\}\(only \)\{0,1\}\([a-z0-9_.]*\) rename to \([a-z0-9_]*\) *$/table \3 \4/p' \
    -e 's/^ *alter table \(if exists \)\{0,1\}\(only \)\{0,1\}\([a-z0-9_.]*\) rename \(column \)\{0,1\}\([a-z0-9_]*\) to \([a-z0-9_]*\) *$/column \3 \5 \6/p'
}

# same_values BEFORE AFTER RENAMES WAY (up|down): every value of BEFORE whose
# table and column (renamed the WAY) are in AFTER is there, equal, under the
# same key; such columns have as many rows.  Prints the count compared.
same_values() {
  awk -F '\t' -v way="$4" '
    function to(tb, col,   ck) {   # (tb, col) of BEFORE as AFTER names it
      mt = tb in t ? t[tb] : tb; ck = (way == "up" ? tb : mt) SUBSEP col
      return mt SUBSEP (ck in c ? c[ck] : col)
    }
    FILENAME == ARGV[1] { split($0, r, " ")
      if (r[1] == "table") { if (way == "up") t[r[2]] = r[3]; else t[r[3]] = r[2] }
      else if (way == "up") c[r[2] SUBSEP r[3]] = r[4]; else c[r[2] SUBSEP r[4]] = r[3]
      next }
    $1 == "#col" { if (FILENAME == ARGV[3]) cols[$2 SUBSEP $3] = 1; else bcols[$2 SUBSEP $3] = 1; next }
    FILENAME == ARGV[2] { b[++nb] = $0; next }
    { a[$1 SUBSEP $2 SUBSEP $3] = $4; has[$1 SUBSEP $3]++ }
    END {
      for (i = 1; i <= nb; i++) {
        split(b[i], f, "\t")
        m = to(f[1], f[3])
        if (!(m in cols)) continue
        seen[m]++; n++
        split(m, p, SUBSEP); k = p[1] SUBSEP f[2] SUBSEP p[2]
        if (!(k in a)) { print "  " f[1] "." f[3] " row " f[2] ": gone" > "/dev/stderr"; bad = 1 }
        else if (a[k] != f[4]) { print "  " f[1] "." f[3] " row " f[2] ": " f[4] " -> " a[k] > "/dev/stderr"; bad = 1 }
      }
      for (bc in bcols) {
        split(bc, q, SUBSEP); m = to(q[1], q[2])
        if ((m in cols) && seen[m] + 0 != has[m] + 0) {
          split(m, p, SUBSEP); print "  " p[1] "." p[2] ": " seen[m] + 0 " rows -> " has[m] + 0 > "/dev/stderr"; bad = 1
        }
      }
      print n + 0; exit bad
    }' "$3" "$1" "$2"
}

# apply PLAN: in one transaction unless it has no-transaction sections.
apply() {
  if grep -q '^-- dalgen:no-transaction' "$1"; then $PSQL -f "$1" > /dev/null 2> "$tmp/apply.err"
  else $PSQL -1 -f "$1" > /dev/null 2> "$tmp/apply.err"; fi
}

plans=0 own=0 vals=0 nlive=0
# check STATE WAY WHAT: the database is at STATE; values kept from before.txt
check() {
  nlive=$((nlive + 1))
  "$dalgen" schema "postgresql:///$db" --no-locations > "$tmp/live$nlive.json" || fail "$3: schema of the database"
  echo "$tmp/model$1.json $tmp/live$nlive.json $3" >> "$tmp/models"
  values "$tmp/after.txt"
  got=$(same_values "$tmp/before.txt" "$tmp/after.txt" "$tmp/renames" "$2") || fail "$3: values changed (above)"
  vals=$((vals + got))
  mv "$tmp/after.txt" "$tmp/before.txt"
}

createdb "$db" || fail createdb
$PSQL -f "$tmp/state1/$(cat "$tmp/name1")" > /dev/null || fail "state 1"
[ -f "$dir/seed/$(cat "$tmp/name1")" ] && { $PSQL -f "$dir/seed/$(cat "$tmp/name1")" > /dev/null || fail "seed of state 1"; }
values "$tmp/before.txt"
k=1
while [ $k -lt $n ]; do
  j=$((k + 1)) step=$(cat "$tmp/name$j")
  cp "$tmp/up$j.sql" "$tmp/up.sql" && cp "$tmp/down$j.sql" "$tmp/down.sql"
  renames "$dir/steps/$step" > "$tmp/renames"
  why=$(hand "$step")
  if [ -n "$why" ]; then
    apply "$tmp/up.sql" && fail "$step is in replay-hand, but dalgen's up plan applies on the rows: take it off the list"
    cp "$dir/steps/$step" "$tmp/up.sql"
  fi
  for way in up down again; do
    case $way in
      up|again) apply "$tmp/up.sql" || { cat "$tmp/up.sql" "$tmp/apply.err"; fail "$step $way: the plan does not apply"; }
                check $j up "$step $way" ;;
      down) apply "$tmp/down.sql" || { cat "$tmp/down.sql" "$tmp/apply.err"; fail "$step down: the plan does not apply"; }
            check $k down "$step down" ;;
    esac
    if [ -n "$why" ] && [ $way != down ]; then own=$((own + 1)); else plans=$((plans + 1)); fi
  done
  [ -f "$dir/seed/$step" ] && { $PSQL -f "$dir/seed/$step" > /dev/null || fail "seed of $step"; values "$tmp/before.txt"; }
  echo "ok: $(cat "$tmp/name$k") -> $step up, down, up again ($(grep -c ';$' "$tmp/up.sql") + $(grep -c ';$' "$tmp/down.sql") statements)${why:+; up by the project's own SQL: $why}"
  k=$j
done
# the models, compared at the end in one process (same_models.py)
$python "$here/same_models.py" "$tmp/models" || exit 1
echo "ok: $((n - 1)) pairs of $n states up, down and up again: $plans dalgen plans and $own of the project's own steps applied, $vals values compared, none changed"
