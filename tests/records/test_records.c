/* test_records.c - generated ids, timestamps and patches (records.ids,
 * records.timestamps, records.patch); versions are in test_version.c.
 *   test_records ids|timestamps|patch|version */
#include "records.h"

#include <ctype.h>

int64_t rec_clock_ms = REC_T0;

int64_t rec_clock(void *ctx)
{
    (void)ctx;
    return rec_clock_ms;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static dal_db *open_at(const char *name, bool fresh)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", REC_WORK, name);
    if (fresh) {
        char side[1100];
        remove(path);
        snprintf(side, sizeof side, "%s-wal", path);
        remove(side);
        snprintf(side, sizeof side, "%s-shm", path);
        remove(side);
    }
    dal_options o = DAL_OPTIONS_INIT;
    o.clock = rec_clock;
    o.busy_timeout_ms = 200;
    dal_db *db = NULL;
    OK(dal_open(&db, path, &o));
    if (fresh) {
        const char *schemas[] = {REC_SCHEMA, CONV_SCHEMA};
        for (int i = 0; i < 2; i++) {
            char *sql = read_file(schemas[i]);
            OK(dal_exec(db, sql));
            free(sql);
        }
    }
    rec_clock_ms = REC_T0;
    return db;
}

dal_db *rec_open(const char *name) { return open_at(name, true); }
dal_db *rec_reopen(const char *name) { return open_at(name, false); }

int64_t rec_count_sql(dal_db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(dal_sqlite(db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* ---- ids --------------------------------------------------------------- */

static void assert_uuid7(const char *s)
{
    assert_non_null(s);
    assert_int_equal(strlen(s), 36);
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) assert_int_equal(s[i], '-');
        else assert_true(isxdigit((unsigned char)s[i]) && !isupper((unsigned char)s[i]));
    }
    assert_int_equal(s[14], '7');                     /* version 7 */
    assert_non_null(strchr("89ab", s[19]));           /* RFC 9562 variant */
}

static void ids_uuid7_filled_written_back_and_ordered(void **state)
{
    (void)state;
    dal_db *db = rec_open("ids.db");
    dal_arena a = DAL_ARENA_INIT;
    char prev[DAL_UUID_SIZE] = "";
    for (int i = 0; i < 50; i++) {
        rec_note n = {0};
        n.title = "t";
        if (i % 10 == 0) rec_clock_ms += 1;   /* several ids per millisecond */
        OK(rec_note_insert(db, &n, &a));
        assert_uuid7(n.id);
        assert_true(strcmp(prev, n.id) < 0);   /* creation order */
        snprintf(prev, sizeof prev, "%s", n.id);
        rec_note got;
        OK(rec_note_get(db, n.id, &got, &a));
        assert_string_equal(got.title, "t");
    }
    /* the first 48 bits are the (injected) clock's milliseconds */
    char hex[13];
    snprintf(hex, sizeof hex, "%012llx", (unsigned long long)rec_clock_ms);
    assert_memory_equal(prev, hex, 8);
    assert_memory_equal(prev + 9, hex + 8, 4);

    rec_note mine = {0};
    mine.id = "caller-chosen";
    mine.title = "x";
    OK(rec_note_insert(db, &mine, &a));
    assert_string_equal(mine.id, "caller-chosen");   /* a given id is kept */
    assert_int_equal(rec_count_sql(db, "SELECT count(*) FROM notes WHERE id = 'caller-chosen'"), 1);

    rec_note no_arena = {0};
    no_arena.title = "x";
    assert_int_equal(rec_note_insert(db, &no_arena, NULL), DAL_MISUSE);
    assert_int_equal(rec_count_sql(db, "SELECT count(*) FROM notes"), 51);
    dal_arena_free(&a);
    dal_close(db);
}

static void ids_nanoid_lengths(void **state)
{
    (void)state;
    dal_db *db = rec_open("nanoid.db");
    dal_arena a = DAL_ARENA_INIT;
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    for (int i = 0; i < 200; i++) {
        rec_invite inv = {0};
        inv.email = "a@b.c";
        OK(rec_invite_insert(db, &inv, &a));
        assert_int_equal(strlen(inv.code), 12);
        assert_int_equal(strspn(inv.code, alphabet), 12);
        rec_token t = {0};
        OK(rec_token_insert(db, &t, &a));
        assert_int_equal(strlen(t.id), 21);
        assert_int_equal(strspn(t.id, alphabet), 21);
    }
    assert_int_equal(rec_count_sql(db, "SELECT count(DISTINCT code) FROM invites"), 200);
    assert_int_equal(rec_count_sql(db, "SELECT count(DISTINCT id) FROM tokens WHERE length(id) = 21"), 200);
    dal_arena_free(&a);
    dal_close(db);
}

static void ids_rowid_without_returning(void **state)
{
    (void)state;
    dal_db *db = rec_open("rowid.db");
    dal_arena a = DAL_ARENA_INIT;
    rec_counter c = {0};
    c.name = "a";
    OK(rec_counter_insert(db, &c, &a));
    assert_int_equal(c.id, 1);
    assert_true(c.has_n);          /* the DEFAULT comes back (RETURNING "n") */
    assert_int_equal(c.n, 0);
    c.id = 40;
    c.name = "b";
    OK(rec_counter_insert(db, &c, &a));
    assert_int_equal(c.id, 40);
    c.id = 0;
    c.name = "c";
    OK(rec_counter_insert(db, &c, &a));
    assert_int_equal(c.id, 41);
    /* a failed insert writes nothing back */
    c.id = 0;
    c.name = "a";
    assert_int_equal(rec_counter_insert(db, &c, &a), DAL_CONSTRAINT);
    assert_int_equal(c.id, 0);
    /* an upsert that updates keeps the key (no last_insert_rowid there) */
    c.id = 40;
    c.name = "b2";
    OK(rec_counter_upsert(db, &c, &a));
    assert_int_equal(c.id, 40);
    assert_int_equal(rec_count_sql(db, "SELECT count(*) FROM counters WHERE id = 40 AND name = 'b2'"), 1);
    dal_arena_free(&a);
    dal_close(db);
}

/* ---- timestamps -------------------------------------------------------- */

static void timestamps_text_set_by_insert_and_update(void **state)
{
    (void)state;
    dal_db *db = rec_open("ts.db");
    dal_arena a = DAL_ARENA_INIT;
    rec_note n = {0};
    n.title = "t";
    n.created_at = "1999-01-01T00:00:00.000Z";   /* ignored */
    OK(rec_note_insert(db, &n, &a));
    assert_string_equal(n.created_at, "2026-11-22T06:16:17.123Z");
    assert_string_equal(n.updated_at, "2026-11-22T06:16:17.123Z");

    rec_clock_ms += 60000 + 877;
    n.created_at = "1999-01-01T00:00:00.000Z";   /* ignored by update too */
    OK(rec_note_update(db, &n, &a));
    assert_string_equal(n.updated_at, "2026-11-22T06:17:18.000Z");
    rec_note got;
    OK(rec_note_get(db, n.id, &got, &a));
    assert_string_equal(got.created_at, "2026-11-22T06:16:17.123Z");
    assert_string_equal(got.updated_at, "2026-11-22T06:17:18.000Z");
    dal_arena_free(&a);
    dal_close(db);
}

static void timestamps_integer_and_conventions(void **state)
{
    (void)state;
    dal_db *db = rec_open("tsint.db");
    dal_arena a = DAL_ARENA_INIT;
    rec_invite inv = {0};
    inv.email = "a@b.c";
    inv.created = 5;
    OK(rec_invite_insert(db, &inv, &a));
    assert_int_equal(inv.created, REC_T0);
    assert_true(inv.has_touched);
    assert_int_equal(inv.touched, REC_T0);
    rec_clock_ms += 250;
    OK(rec_invite_update(db, &inv, &a));
    assert_int_equal(inv.touched, REC_T0 + 250);
    rec_invite got;
    OK(rec_invite_get(db, inv.code, &got, &a));
    assert_int_equal(got.created, REC_T0);
    assert_int_equal(got.touched, REC_T0 + 250);

    /* --timestamps: created_at (TEXT) and updated_at (INTEGER) by name */
    conv_event e = {0};
    e.name = "boot";
    OK(conv_event_insert(db, &e, &a));
    assert_int_equal(e.id, 1);
    assert_string_equal(e.created_at, "2026-11-22T06:16:17.373Z");
    assert_true(e.has_updated_at);
    assert_int_equal(e.updated_at, REC_T0 + 250);
    rec_clock_ms = REC_T0 + 1;
    conv_event_patch p = {0};
    p.set_name = true;
    p.name = "reboot";
    OK(conv_event_update_patch(db, e.id, &p, &a));
    assert_int_equal(p.updated_at, REC_T0 + 1);
    conv_event ge;
    OK(conv_event_get(db, 1, &ge, &a));
    assert_string_equal(ge.name, "reboot");
    assert_string_equal(ge.created_at, "2026-11-22T06:16:17.373Z");
    assert_int_equal(ge.updated_at, REC_T0 + 1);
    dal_arena_free(&a);
    dal_close(db);
}

/* ---- patch ------------------------------------------------------------- */

static void patch_writes_only_set_columns(void **state)
{
    (void)state;
    dal_db *db = rec_open("patch.db");
    dal_arena a = DAL_ARENA_INIT;
    rec_note n = {0};
    n.title = "first";
    n.body = "body";
    n.has_stars = true;
    n.stars = 3;
    OK(rec_note_insert(db, &n, &a));
    assert_int_equal(n.version, 1);

    rec_clock_ms += 1000;
    rec_note_patch p = {0};
    p.set_title = true;
    p.title = "second";
    p.version = n.version;
    OK(rec_note_update_patch(db, n.id, &p, &a));
    assert_int_equal(p.version, 2);
    assert_string_equal(p.updated_at, "2026-11-22T06:16:18.123Z");
    rec_note got;
    OK(rec_note_get(db, n.id, &got, &a));
    assert_string_equal(got.title, "second");
    assert_string_equal(got.body, "body");     /* not set: untouched */
    assert_int_equal(got.stars, 3);
    assert_int_equal(got.version, 2);
    assert_string_equal(got.updated_at, "2026-11-22T06:16:18.123Z");
    assert_string_equal(got.created_at, "2026-11-22T06:16:17.123Z");

    /* set to NULL: a nullable column through its has_ flag / NULL pointer */
    rec_note_patch q = {0};
    q.set_body = true;
    q.set_stars = true;
    q.version = 2;
    OK(rec_note_update_patch(db, n.id, &q, &a));
    OK(rec_note_get(db, n.id, &got, &a));
    assert_null(got.body);
    assert_false(got.has_stars);
    assert_string_equal(got.title, "second");

    /* validation runs on set columns only */
    rec_note_patch bad = {0};
    bad.set_title = true;
    bad.title = "far too long a title";
    bad.version = 3;
    assert_int_equal(rec_note_update_patch(db, n.id, &bad, &a), DAL_INVALID);
    assert_non_null(strstr(dal_errmsg(db), "CHECK"));
    rec_note_patch unset_bad = {0};
    unset_bad.title = "far too long a title";   /* not set: not checked, not written */
    unset_bad.set_stars = true;
    unset_bad.has_stars = true;
    unset_bad.stars = 9;
    unset_bad.version = 3;
    assert_int_equal(rec_note_update_patch(db, n.id, &unset_bad, &a), DAL_INVALID);
    unset_bad.stars = 5;
    OK(rec_note_update_patch(db, n.id, &unset_bad, &a));
    OK(rec_note_get(db, n.id, &got, &a));
    assert_string_equal(got.title, "second");
    assert_int_equal(got.stars, 5);

    /* no row with that key */
    rec_note_patch none = {0};
    none.set_title = true;
    none.title = "x";
    none.version = 1;
    assert_int_equal(rec_note_update_patch(db, "nope", &none, &a), DAL_NOTFOUND);
    assert_int_equal(none.version, 1);
    dal_arena_free(&a);
    dal_close(db);
}

static void patch_statements_cached_per_column_set(void **state)
{
    (void)state;
    dal_db *db = rec_open("patchcache.db");
    dal_arena a = DAL_ARENA_INIT;
    rec_counter c = {0};
    c.name = "c";
    OK(rec_counter_insert(db, &c, &a));
    int base = dal_stmt_keyed_count(db);
    for (int round = 0; round < 3; round++) {
        for (int mask = 1; mask < 8; mask++) {
            rec_counter_patch p = {0};
            p.set_name = mask & 1;
            p.name = "c";
            p.set_n = (mask & 2) != 0;
            p.has_n = true;
            p.n = round * 10 + mask;
            p.set_label = (mask & 4) != 0;
            p.label = "L";
            OK(rec_counter_update_patch(db, c.id, &p, &a));
        }
        assert_int_equal(dal_stmt_keyed_count(db), base + 7);   /* one per distinct set */
    }
    assert_int_equal(rec_count_sql(db, "SELECT n FROM counters"), 27);
    /* nothing set: DAL_OK when the row exists, DAL_NOTFOUND when not */
    rec_counter_patch empty = {0};
    OK(rec_counter_update_patch(db, c.id, &empty, &a));
    assert_int_equal(rec_counter_update_patch(db, 999, &empty, &a), DAL_NOTFOUND);
    rec_counter_patch p = {0};
    p.set_label = true;
    assert_int_equal(rec_counter_update_patch(db, 999, &p, &a), DAL_NOTFOUND);
    /* NOT NULL still enforced when the column is set */
    p.set_name = true;
    p.name = NULL;
    assert_int_equal(rec_counter_update_patch(db, c.id, &p, &a), DAL_INVALID);
    dal_arena_free(&a);
    dal_close(db);
}

static void patch_flag_named_like_a_column(void **state)
{
    (void)state;
    dal_db *db = rec_open("patchnames.db");
    dal_arena a = DAL_ARENA_INIT;
    rec_switch sw = {0};
    sw.state = "off";
    sw.has_set_state = true;
    sw.set_state = 7;
    OK(rec_switch_insert(db, &sw, &a));
    rec_switch_patch p = {0};
    p.set_state_ = true;   /* the flag of column state */
    p.state = "on";
    p.set_state = 99;      /* the column set_state, not set */
    OK(rec_switch_update_patch(db, sw.id, &p, &a));
    rec_switch got;
    OK(rec_switch_get(db, sw.id, &got, &a));
    assert_string_equal(got.state, "on");
    assert_int_equal(got.set_state, 7);
    p.set_state_ = false;
    p.set_set_state = true;
    p.has_set_state = true;
    OK(rec_switch_update_patch(db, sw.id, &p, &a));
    OK(rec_switch_get(db, sw.id, &got, &a));
    assert_int_equal(got.set_state, 99);
    dal_arena_free(&a);
    dal_close(db);
}

int main(int argc, char **argv)
{
    const char *which = argc > 1 ? argv[1] : "";
    const struct CMUnitTest ids[] = {
        cmocka_unit_test(ids_uuid7_filled_written_back_and_ordered),
        cmocka_unit_test(ids_nanoid_lengths),
        cmocka_unit_test(ids_rowid_without_returning),
    };
    const struct CMUnitTest timestamps[] = {
        cmocka_unit_test(timestamps_text_set_by_insert_and_update),
        cmocka_unit_test(timestamps_integer_and_conventions),
    };
    const struct CMUnitTest patch[] = {
        cmocka_unit_test(patch_writes_only_set_columns),
        cmocka_unit_test(patch_statements_cached_per_column_set),
        cmocka_unit_test(patch_flag_named_like_a_column),
    };
    if (!strcmp(which, "ids")) return cmocka_run_group_tests_name("records.ids", ids, NULL, NULL);
    if (!strcmp(which, "timestamps")) return cmocka_run_group_tests_name("records.timestamps", timestamps, NULL, NULL);
    if (!strcmp(which, "patch")) return cmocka_run_group_tests_name("records.patch", patch, NULL, NULL);
    if (!strcmp(which, "version")) return rec_run_version();
    fprintf(stderr, "usage: test_records ids|timestamps|patch|version\n");
    return 2;
}
