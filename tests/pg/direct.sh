# direct COMMAND [ARG...]: runs a command against the server itself, not the
# pooler in front of it (tests/pgrt/pgbouncer.sh exports the server's address
# as DALGEN_PG_DIRECT_HOST/PORT): schema loads and generation go straight
# to the server, only the program under test goes through the pooler.
# Sourced by tests/pgqueries/e2e.sh and tests/pgreal/generate.sh.
direct() {
  if [ -n "${DALGEN_PG_DIRECT_HOST:-}" ]; then
    PGHOST=$DALGEN_PG_DIRECT_HOST PGPORT=$DALGEN_PG_DIRECT_PORT "$@"
  else
    "$@"
  fi
}
