/* test_version.c - records.version: @version makes update, patch and delete
 * conditional on the version the caller read, across two connections. */
#include "records.h"

static void version_two_connections(void **state)
{
    (void)state;
    dal_db *a = rec_open("version.db");
    dal_db *b = rec_reopen("version.db");
    dal_arena ar = DAL_ARENA_INIT;
    rec_note n = {0};
    n.title = "v";
    n.has_version = true;
    n.version = 7;   /* a version the row gives is kept (> 0) */
    OK(rec_note_insert(a, &n, &ar));
    assert_int_equal(n.version, 7);

    /* both connections read version 7 */
    rec_note ra, rb;
    OK(rec_note_get(a, n.id, &ra, &ar));
    OK(rec_note_get(b, n.id, &rb, &ar));
    assert_int_equal(ra.version, 7);
    assert_int_equal(rb.version, 7);

    /* a writes first: its version moves on, written back */
    ra.title = "by a";
    OK(rec_note_update(a, &ra, &ar));
    assert_int_equal(ra.version, 8);

    /* b's update is refused: the row exists but changed */
    rb.title = "by b";
    assert_int_equal(rec_note_update(b, &rb, &ar), DAL_CONFLICT);
    assert_non_null(strstr(dal_errmsg(b), "changed"));
    assert_int_equal(rb.version, 7);   /* nothing written back */
    rec_note check;
    OK(rec_note_get(b, n.id, &check, &ar));
    assert_string_equal(check.title, "by a");
    assert_int_equal(check.version, 8);

    /* b's patch with the stale version: conflict; with the fresh one: done */
    rec_note_patch p = {0};
    p.set_body = true;
    p.body = "from b";
    p.version = 7;
    assert_int_equal(rec_note_update_patch(b, n.id, &p, &ar), DAL_CONFLICT);
    p.version = check.version;
    OK(rec_note_update_patch(b, n.id, &p, &ar));
    assert_int_equal(p.version, 9);

    /* a's copy is now stale too */
    assert_int_equal(rec_note_update(a, &ra, &ar), DAL_CONFLICT);

    /* delete: stale version -> conflict, missing key -> not found */
    assert_int_equal(rec_note_delete(a, n.id, 8), DAL_CONFLICT);
    assert_int_equal(rec_note_delete(a, "no such id", 9), DAL_NOTFOUND);
    rec_note ghost = ra;
    ghost.id = "no such id";
    assert_int_equal(rec_note_update(a, &ghost, &ar), DAL_NOTFOUND);
    OK(rec_note_delete(a, n.id, 9));
    assert_int_equal(rec_count_sql(b, "SELECT count(*) FROM notes"), 0);
    assert_int_equal(rec_note_delete(b, n.id, 9), DAL_NOTFOUND);

    dal_arena_free(&ar);
    dal_close(b);
    dal_close(a);
}

static void version_upsert_and_default(void **state)
{
    (void)state;
    dal_db *db = rec_open("version2.db");
    dal_arena ar = DAL_ARENA_INIT;
    rec_note n = {0};
    n.title = "u";
    OK(rec_note_insert(db, &n, &ar));
    assert_int_equal(n.version, 1);   /* left unset: starts at 1 */
    assert_true(n.has_version);
    rec_clock_ms += 5;
    n.title = "u2";
    OK(rec_note_upsert(db, &n, &ar));   /* the existing row: its version + 1 */
    assert_int_equal(n.version, 2);
    rec_note got;
    OK(rec_note_get(db, n.id, &got, &ar));
    assert_string_equal(got.title, "u2");
    assert_int_equal(got.version, 2);
    assert_string_equal(got.created_at, "2026-11-22T06:16:17.123Z");   /* kept by the upsert */
    assert_string_equal(got.updated_at, "2026-11-22T06:16:17.128Z");
    dal_arena_free(&ar);
    dal_close(db);
}

/* The stored version and its storage class ("integer|9223372036854775807"). */
static void assert_stored_version(dal_db *db, const char *id, const char *want)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(dal_sqlite(db), "SELECT typeof(version) || '|' || version FROM notes WHERE id = ?",
                                        -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
    sqlite3_finalize(st);
}

/* A version at INT64_MAX cannot be incremented: update, patch and upsert
 * refuse with DAL_ERROR naming notes.version, write nothing and leave the
 * row and the caller's struct as they were (no signed overflow in C, no
 * REAL in the database); one below, the last increment still works. */
static void version_at_int64_max_is_refused(void **state)
{
    (void)state;
    static const char msg[] = "notes.version: the version is at INT64_MAX and cannot be incremented; nothing was written";
    dal_db *db = rec_open("version-max.db");
    dal_arena ar = DAL_ARENA_INIT;
    rec_note n = {0};
    n.title = "m";
    n.has_version = true;
    n.version = INT64_MAX - 1;
    OK(rec_note_insert(db, &n, &ar));
    n.title = "m2";
    OK(rec_note_update(db, &n, &ar));   /* the last increment */
    assert_int_equal(n.version, INT64_MAX);
    assert_stored_version(db, n.id, "integer|9223372036854775807");

    rec_clock_ms += 1;
    rec_note row;
    OK(rec_note_get(db, n.id, &row, &ar));
    const char *updated = row.updated_at;
    row.title = "m3";
    assert_int_equal(rec_note_update(db, &row, &ar), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), msg);
    assert_int_equal(row.version, INT64_MAX);
    assert_ptr_equal(row.updated_at, updated);   /* the struct is untouched too */

    rec_note_patch p = {0};
    p.set_body = true;
    p.body = "b";
    p.version = INT64_MAX;
    assert_int_equal(rec_note_update_patch(db, n.id, &p, &ar), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), msg);
    assert_int_equal(p.version, INT64_MAX);
    assert_null(p.updated_at);

    /* upsert never checks the version read, so the database guards it */
    rec_note up = row;
    up.version = 1;
    assert_int_equal(rec_note_upsert(db, &up, &ar), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), "notes.version: the stored version is INT64_MAX (or not an integer) and "
                                        "cannot be incremented; nothing was written");

    rec_note got;
    OK(rec_note_get(db, n.id, &got, &ar));
    assert_string_equal(got.title, "m2");
    assert_null(got.body);
    assert_int_equal(got.version, INT64_MAX);
    assert_stored_version(db, n.id, "integer|9223372036854775807");

    assert_int_equal(rec_count_sql(db, "SELECT count(*) FROM notes"), 1);
    dal_arena_free(&ar);
    dal_close(db);
}

int rec_run_version(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_two_connections),
        cmocka_unit_test(version_upsert_and_default),
        cmocka_unit_test(version_at_int64_max_is_refused),
    };
    return cmocka_run_group_tests_name("records.version", tests, NULL, NULL);
}
