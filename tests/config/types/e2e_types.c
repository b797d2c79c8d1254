/* The types of real schemas end to end (tests/config/types): the code
 * generated from schema.sql with dalgen.yaml, compiled with the strict
 * flags, run against a database made from the same schema.
 *   e2e_types SCHEMA  */
#include "ty.h"
#include "e2e.h"

/* The C types the declared types map to: a wrong one does not compile
 * (incompatible pointer types are errors under -Werror). */
static void types_fit(ty_account *a)
{
    const char **config = &a->config, **host = &a->host;
    int64_t *n = &a->n;
    (void)config;
    (void)host;
    (void)n;
}

static void account(dal_db *db, dal_arena *arena)
{
    ty_account a = {0};
    a.name = "ada";
    CHECK_RC(db, ty_account_insert(db, &a, arena), DAL_OK);
    CHECK(a.id == 1);
    CHECK_STR(a.config, "{}");           /* the DEFAULT, written back */
    ty_account got;
    CHECK_RC(db, ty_account_get(db, a.id, &got, arena), DAL_OK);
    CHECK_STR(got.name, "ada");
    CHECK_STR(got.config, "{}");
    CHECK(got.host == NULL && !got.has_n);
    /* JSON that SQLite's NUMERIC affinity stores as a number reads back as
     * the text that was written */
    ty_account b = {0};
    b.name = "bob";
    b.config = "1";
    b.host = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
    b.has_n = true;
    b.n = 42;
    CHECK_RC(db, ty_account_insert(db, &b, arena), DAL_OK);
    CHECK_RC(db, ty_account_get(db, b.id, &got, arena), DAL_OK);
    CHECK_STR(got.config, "1");
    CHECK_STR(got.host, "6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    CHECK(got.has_n && got.n == 42);
    /* a JSON column is validated as JSON */
    ty_account bad = {0};
    bad.name = "eve";
    bad.config = "{not json";
    CHECK_RC(db, ty_account_insert(db, &bad, arena), DAL_INVALID);
    ty_account_iter it = {DAL_ITER_INIT};
    int rows = 0, rc;
    CHECK_RC(db, ty_account_list(db, &it), DAL_OK);
    while ((rc = ty_account_next(&it, &got, arena)) == DAL_ROW) rows++;
    CHECK(rc == DAL_DONE && rows == 2);
    ty_account_iter_end(&it);
    /* a UUID parameter is text */
    ty_account_by_host_row h;
    CHECK_RC(db, ty_account_by_host(db, "6ba7b810-9dad-11d1-80b4-00c04fd430c8", &h, arena), DAL_OK);
    CHECK_STR(h.name, "bob");
    CHECK_STR(h.config, "1");
}

/* payload is lenient by dalgen.yaml alone; digest, on the same connection,
 * still reports the TEXT another program wrote into it. */
static void shared(dal_db *db, dal_arena *arena)
{
    CHECK_RC(db, dal_exec(db, "INSERT INTO shared VALUES (1, 'text payload', x'0102')"), DAL_OK);
    CHECK_RC(db, dal_exec(db, "INSERT INTO shared VALUES (2, x'00', 'text digest')"), DAL_OK);
    ty_shared s;
    CHECK_RC(db, ty_shared_get(db, 1, &s, arena), DAL_OK);
    CHECK(s.payload.len == 12 && memcmp(s.payload.data, "text payload", 12) == 0);
    CHECK(s.digest.len == 2);
    CHECK_RC(db, ty_shared_get(db, 2, &s, arena), DAL_ERROR);
    CHECK(dal_errcode(db) == SQLITE_MISMATCH);
    CHECK(strstr(dal_errmsg(db), "shared.digest") != NULL);
    CHECK(!dal_is_lenient(db));
    /* a query reading the columns as they are takes their read modes */
    ty_shared_payloads_iter pit = {DAL_ITER_INIT};
    ty_shared_payloads_row prow;
    int rows = 0, rc;
    CHECK_RC(db, ty_shared_payloads(db, &pit), DAL_OK);
    while ((rc = ty_shared_payloads_next(&pit, &prow, arena)) == DAL_ROW) rows++;
    CHECK(rc == DAL_DONE && rows == 2);
    ty_shared_payloads_iter_end(&pit);
    ty_shared_digests_iter dit = {DAL_ITER_INIT};
    ty_shared_digests_row drow;
    CHECK_RC(db, ty_shared_digests(db, &dit), DAL_OK);
    CHECK(ty_shared_digests_next(&dit, &drow, arena) == DAL_ROW);
    CHECK(ty_shared_digests_next(&dit, &drow, arena) == DAL_ERROR);
    CHECK(dal_errcode(db) == SQLITE_MISMATCH);
    ty_shared_digests_iter_end(&dit);
}

/* A DEFAULT the C type does not hold: the row is written, so insert says
 * DAL_OK and the row holds what SQLite made of it. */
static void legacy(dal_db *db, dal_arena *arena)
{
    ty_legacy l = {0};
    CHECK_RC(db, ty_legacy_insert(db, &l, arena), DAL_OK);
    CHECK(l.id == 1);
    int64_t count = 0;
    CHECK_RC(db, ty_legacy_count(db, &count), DAL_OK);
    CHECK(count == 1);
    ty_legacy got;
    CHECK_RC(db, ty_legacy_get(db, 1, &got, arena), DAL_ERROR);   /* 'n/a' is no REAL */
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: e2e_types SCHEMA\n");
        return 2;
    }
    dal_db *db = e2e_open(1, &argv[1]);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    ty_account probe = {0};
    types_fit(&probe);
    account(db, &arena);
    shared(db, &arena);
    legacy(db, &arena);
    dal_arena_free(&arena);
    dal_close(db);
    printf("ok\n");
    return 0;
}
