# `dalgen check` on one case ($1) of a project with checked-in output:
#   fresh            exit 0, prints nothing
#   hand_edit        exit 3 with a unified diff; the file is left as it was
#   missing          exit 3 naming the missing file
#   extra            exit 3 naming a stale file of ours; others' files ignored
#   migration_edited exit 3 naming the migration whose checksum changed
#   schema_drift     exit 3 with the SQL the schema is ahead by; 0 again
#                    once `dalgen migrate new` has written the migration
#   usage            exit 2 without --out; exit 1 for a schema that fails
source "$(dirname "$0")/lib.sh" "$1"; shift
case_=$1
dir="$WORK/check-$case_"
rm -rf "$dir" && mkdir -p "$dir"
cp "$TESTS_DIR/consumer/schema.sql" "$dir/schema.sql"
cp -r "$TESTS_DIR/consumer/queries" "$dir/queries"
cd "$dir"
inputs=(schema.sql --queries queries --prefix notes --out gen)
"$DALGEN" migrate new init --dir migrations schema.sql >/dev/null || fail "migrate new failed"
case "$case_" in migration_edited|schema_drift) inputs+=(--migrations migrations) ;; esac
"$DALGEN" generate "${inputs[@]}" || fail "generate failed"

# check: runs dalgen check, sets $status and $out (stdout), keeps stderr in err.txt
check() {
  set +e
  out=$("$DALGEN" check "${inputs[@]}" 2>err.txt)
  status=$?
  set -e
}
expect() { # expect STATUS
  [ "$status" = "$1" ] || { echo "$out"; cat err.txt; fail "exit $status, expected $1"; }
}
has() { grep -qF -- "$1" <<<"$out" || { echo "$out"; fail "output lacks: $1"; }; }
lacks() { grep -qF -- "$1" <<<"$out" && { echo "$out"; fail "output has: $1"; } || true; }

check; expect 0
[ -z "$out" ] || fail "fresh check printed: $out"

case "$case_" in
fresh)
  # check writes nothing: same files, same times, no temporary files.
  before=$(ls -la --time-style=full-iso gen migrations)
  check; expect 0
  [ "$(ls -la --time-style=full-iso gen migrations)" = "$before" ] || fail "check touched gen/ or migrations/"
  # --out with a trailing slash is the same folder
  inputs=(schema.sql --queries queries --prefix notes --out gen/)
  check; expect 0
  ;;
hand_edit)
  line=$(grep -m1 -n 'notes_note_insert' gen/notes.c | cut -d: -f1)
  sed -i "${line}s/\$/ \/* edited *\//" gen/notes.c
  before=$(md5sum gen/notes.c)
  check; expect 3
  has "gen/notes.c: stale"
  has "--- gen/notes.c"
  has "+++ gen/notes.c (generated)"
  has "@@ -"
  grep -E '^-.*/\* edited \*/$' <<<"$out" >/dev/null || fail "diff lacks the edited line: $out"
  [ "$(md5sum gen/notes.c)" = "$before" ] || fail "check modified the file"
  grep -q '1 difference found' err.txt || fail "summary missing: $(cat err.txt)"
  ;;
missing)
  rm gen/notes.h
  check; expect 3
  has "gen/notes.h: missing"
  lacks "gen/notes.c"
  ;;
extra)
  cp gen/notes.c gen/notes_old.c                  # ours: prefix + banner
  echo '/* hand-written */' > gen/notes_extra.c    # prefix, no banner
  cp gen/notes.c gen/other.c                       # banner, another prefix
  check; expect 3
  has "gen/notes_old.c: stale generated file"
  lacks "notes_extra.c"
  lacks "other.c"
  ;;
migration_edited)
  up=$(ls migrations/*.up.sql | head -n1)
  echo "-- edited after the fact" >> "$up"
  check; expect 3
  has "$(basename "$up")"
  has "edited"
  has "gen: not compared"
  ;;
schema_drift)
  sed -i 's/^    body  TEXT$/    body  TEXT,\n    color TEXT/' schema.sql
  "$DALGEN" generate "${inputs[@]}" || fail "generate failed"
  check; expect 3
  has "migrations: the schema has changes no migration holds"
  has "color"
  lacks "gen/notes"
  "$DALGEN" migrate new add_color --dir migrations schema.sql >/dev/null || fail "migrate new failed"
  "$DALGEN" generate "${inputs[@]}" || fail "generate failed"
  check; expect 0
  ;;
usage)
  set +e
  "$DALGEN" check schema.sql --prefix notes 2>err.txt; status=$?
  set -e
  expect 2
  printf 'CREATE TABLE broken (\n  id INTEGER PRIMARY KEY,\n  x NOSUCH(\n);\n' > bad.sql
  set +e
  "$DALGEN" check bad.sql --prefix notes --out gen 2>err.txt; status=$?
  set -e
  expect 1
  grep -q '^bad.sql:[0-9]*:[0-9]*: error:' err.txt || fail "no path:line:col error: $(cat err.txt)"
  ;;
*) fail "unknown case $case_" ;;
esac
echo "ok: check $case_"
