#!/bin/sh
# dump_roles.sh DALGEN: a dump names the roles of the database dumped
# (OWNER TO, GRANT, REVOKE, ALTER DEFAULT PRIVILEGES), which the typing
# server does not have.  Such statements are skipped with one warning per
# role, located at the first; the schema loads.  A statement that does
# more than give an owner still fails at the missing role.
set -u
dalgen=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DALGEN_PG_SERVER=postgresql://
cat > "$tmp/dump.sql" <<'SQL'
CREATE TABLE public.t (id integer NOT NULL);
ALTER TABLE public.t OWNER TO dalgen_no_such_owner;
GRANT SELECT ON public.t TO dalgen_no_such_reader;
REVOKE ALL ON public.t FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO dalgen_no_such_reader;
CREATE FUNCTION public.f() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
ALTER FUNCTION public.f() OWNER TO dalgen_no_such_owner;
CREATE SEQUENCE public.s;
ALTER SEQUENCE public.s OWNER TO dalgen_no_such_owner;
CREATE VIEW public.v AS SELECT id FROM public.t;
ALTER VIEW public.v OWNER TO dalgen_no_such_owner;
SQL
out=$("$dalgen" schema --engine postgresql "$tmp/dump.sql" 2>"$tmp/err") \
  || { echo "FAIL: the dump: exit $?"; cat "$tmp/err"; exit 1; }
for n in '"name": "t"' '"name": "v"' '"name": "s"'; do
  printf '%s\n' "$out" | grep -q "$n" || { echo "FAIL: $n missing"; exit 1; }
done
[ "$(wc -l < "$tmp/err")" = 2 ] || { echo "FAIL: not one warning per role:"; cat "$tmp/err"; exit 1; }
grep -q 'dump.sql:2:1: warning: role "dalgen_no_such_owner" does not exist on the typing server: the statements giving it objects or privileges are skipped' "$tmp/err" \
  || { echo "FAIL: owner warning:"; cat "$tmp/err"; exit 1; }
grep -q 'dump.sql:3:1: warning: role "dalgen_no_such_reader" does not exist' "$tmp/err" \
  || { echo "FAIL: grant warning:"; cat "$tmp/err"; exit 1; }
cat > "$tmp/mixed.sql" <<'SQL'
CREATE TABLE public.t (id integer NOT NULL);
ALTER TABLE public.t ADD COLUMN x integer, OWNER TO dalgen_no_such_owner;
SQL
"$dalgen" schema --engine postgresql "$tmp/mixed.sql" > /dev/null 2>"$tmp/err2" && { echo "FAIL: mixed accepted"; exit 1; }
grep -q 'mixed.sql:2:1: error: role "dalgen_no_such_owner" does not exist' "$tmp/err2" || { echo "FAIL: error:"; cat "$tmp/err2"; exit 1; }
echo ok
