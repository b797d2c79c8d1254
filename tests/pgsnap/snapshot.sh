#!/bin/sh
# The PostgreSQL typing snapshot (docs/postgresql.md "The typing snapshot"),
# run by ctest with the test cluster's environment (tests/pg):
#   snapshot.sh DALGEN CASE_DIR NAME      CASE_DIR holds schema.sql and query.sql
# 1. two runs typed on the server give the same bytes (code and snapshot);
# 2. no user type OID (allocated between two probes around the runs) is in
#    the code or the snapshot;
# 3. a run without any server (no --pg-server, no DALGEN_PG_SERVER, PGHOST
#    unreachable) reads the snapshot: the same bytes, snapshot included, the
#    same warnings (--Werror alike), and `check` passes;
# 4. a changed query file or schema is a located error without a server,
#    nothing written; with a server the snapshot is made again;
# 5. a damaged snapshot (truncated, edited, of the wrong shape) is a located error without a
#    server, nothing written; with a server it is replaced (a warning).
set -u
dalgen=$1 case=$2 name=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir "$tmp/src"
cp "$case/schema.sql" "$case/query.sql" "$tmp/src/"
cd "$tmp" || exit 1
server() { "$dalgen" "$1" --engine postgresql --pg-server postgresql:// src/schema.sql --queries src/query.sql \
  --prefix "$name" --out "$2"; }
offline() { env -u DALGEN_PG_SERVER PGHOST=/nonexistent PGPORT=1 "$dalgen" "$1" --engine postgresql src/schema.sql \
  --queries src/query.sql --prefix "$name" --out "$2" 2> "$tmp/err"; }
probe() { psql -X -q -At -d postgres -c "CREATE TEMP TABLE probe(); SELECT 'probe'::regclass::oid"; }

# 1. two runs with a server
lo=$(probe) || fail "no probe"
server generate a 2> "$tmp/err_a" || { cat "$tmp/err_a"; fail "generate a"; }
server generate b || fail "generate b"
hi=$(probe)
[ -f "a/$name.pgtypes.json" ] || fail "no snapshot written"
diff -r a b || fail "two runs typed on the server differ"

# 2. no user type OID: every number of the outputs outside (lo, hi)
oids=$(grep -howE '[0-9]+' "a/$name.c" "a/$name.h" "a/$name.pgtypes.json" | awk -v lo="$lo" -v hi="$hi" \
  '$1 + 0 > lo + 0 && $1 + 0 < hi + 0' | sort -u)
[ -z "$oids" ] || fail "numbers that are OIDs of the typing database ($lo..$hi): $oids"

# 3. from the snapshot, without a server
cp -r a c && rm "c/$name.c" "c/$name.h"
offline generate c || { cat "$tmp/err"; fail "generate from the snapshot"; }
diff -r a c || fail "the run from the snapshot differs"
# the typing's warnings come again from the snapshot, so that --Werror decides the same
grep warning "$tmp/err_a" > "$tmp/warn_a"; grep warning "$tmp/err" > "$tmp/warn_c"
diff "$tmp/warn_a" "$tmp/warn_c" || fail "the warnings of the run from the snapshot differ"
env -u DALGEN_PG_SERVER PGHOST=/nonexistent "$dalgen" generate --engine postgresql src/schema.sql --queries src/query.sql \
  --prefix "$name" --out c --Werror 2> /dev/null
werror=$?
if [ -s "$tmp/warn_a" ]; then [ $werror -eq 1 ] || fail "--Werror from the snapshot ignored the warnings"
else [ $werror -eq 0 ] || fail "--Werror from the snapshot failed without warnings"; fi
offline check c || { cat "$tmp/err"; fail "check from the snapshot"; }
env -u DALGEN_PG_SERVER -u PGHOST -u PGPORT "$dalgen" check --engine postgresql src/schema.sql --queries src/query.sql \
  --prefix "$name" --out c || fail "check from the snapshot with PGHOST unset"

# 4. stale: a changed query file, then a changed schema
cp src/query.sql query.orig
printf '\n-- name: Extra :exec\nDELETE FROM %s;\n' "$(sed -n 's/^CREATE TABLE \([a-z_]*\).*/\1/p' src/schema.sql | head -1)" \
  >> src/query.sql
offline generate c && fail "a changed query file without a server succeeded"
grep -q "^src/query.sql:1:1: error: this file changed since the typing snapshot c/$name.pgtypes.json was made" \
  "$tmp/err" || { cat "$tmp/err"; fail "no located error for the changed query file"; }
grep -q "pass --pg-server URL|auto" "$tmp/err" || fail "the error does not name --pg-server"
diff -r a c || fail "a stale run wrote something"
offline check c && fail "check of a changed query file without a server succeeded"
server generate c || fail "generate after the change, with a server"
grep -q '"name": "Extra"' "c/$name.pgtypes.json" || fail "the snapshot was not made again"
offline generate c || { cat "$tmp/err"; fail "the new snapshot is not used"; }
cp query.orig src/query.sql
echo "-- a comment" >> src/schema.sql
offline generate c && fail "a changed schema without a server succeeded"
grep -q "^src/schema.sql:1:1: error: this file changed" "$tmp/err" || { cat "$tmp/err"; fail "no located error for the schema"; }
cp "$case/schema.sql" src/schema.sql

# 5. damaged snapshots
rm -rf c && cp -r a c && rm "c/$name.c"
head -c 300 "a/$name.pgtypes.json" > "c/$name.pgtypes.json"
offline generate c && fail "a truncated snapshot was used"
grep -qE "^c/$name.pgtypes.json:[0-9]+:[0-9]+: error: damaged typing snapshot" "$tmp/err" || { cat "$tmp/err"; fail "no located error for a truncated snapshot"; }
[ -e "c/$name.c" ] && fail "a damaged snapshot run wrote code"
sed 's/"not_null": true/"not_null": false/' "a/$name.pgtypes.json" > "c/$name.pgtypes.json"
cmp -s "a/$name.pgtypes.json" "c/$name.pgtypes.json" && fail "the edit did not apply"
offline generate c && fail "an edited snapshot was used"
grep -q "^c/$name.pgtypes.json:1:1: error: damaged typing snapshot (its content does not match its content_sha256)" \
  "$tmp/err" || { cat "$tmp/err"; fail "no located error for an edited snapshot"; }
[ -e "c/$name.c" ] && fail "an edited snapshot run wrote code"
if command -v python3 >/dev/null; then   # the content hash holds, the shape does not
  python3 - "a/$name.pgtypes.json" "c/$name.pgtypes.json" <<'PY'
import collections, hashlib, json, sys
d = json.load(open(sys.argv[1]), object_pairs_hook=collections.OrderedDict)
del d["content_sha256"]
d["model"]["tables"][0]["columns"][0]["name"] = 7
text = json.dumps(d, ensure_ascii=False, separators=(",", ":"))
d["content_sha256"] = hashlib.sha256(text.encode()).hexdigest()
json.dump(d, open(sys.argv[2], "w"), indent=1, ensure_ascii=False)
PY
  offline generate c && fail "a snapshot of the wrong shape was used"
  grep -q "^c/$name.pgtypes.json:1:1: error: damaged typing snapshot (model.tables\[0\].columns\[0\].name: expected a string)" \
    "$tmp/err" || { cat "$tmp/err"; fail "no located error for a snapshot of the wrong shape"; }
  [ -e "c/$name.c" ] && fail "a snapshot of the wrong shape wrote code"
fi
server generate c 2> "$tmp/err" || fail "a server run over a damaged snapshot"
grep -q "warning: damaged typing snapshot" "$tmp/err" || fail "no warning for the replaced snapshot"
diff -r a c || fail "the replaced snapshot differs"
echo "ok: $name"
