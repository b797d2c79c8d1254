/* End to end: the code `dalgen generate --header models.h` writes, on a real
 * database file created from the DDL the header means. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app.h"

typedef struct fixture {
    dal_db   *db;
    dal_arena arena;
} fixture;

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static int setup(void **state)
{
    static fixture fx;
    const char *path = E2E_WORK "/clang_e2e.db";
    remove(path);
    char *wal = malloc(strlen(path) + 5);
    sprintf(wal, "%s-wal", path);
    remove(wal);
    free(wal);
    assert_int_equal(dal_open(&fx.db, path, NULL), DAL_OK);
    assert_int_equal(dal_exec(fx.db, read_all(MODELS_DDL)), DAL_OK);
    dal_arena_init(&fx.arena, NULL);
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    dal_arena_free(&fx->arena);
    dal_close(fx->db);
    return 0;
}

/* authors reuses the user's `struct author`: every field kind of models.h. */
static double rating_value = 4.5;

static struct author writer(const char *email)
{
    static const unsigned char key[] = {0, 1, 2, 0};
    struct author w;
    memset(&w, 0, sizeof w);
    w.email = email;
    strcpy(w.handle, "ada");
    w.active = true;
    w.rating = &rating_value;
    w.has_age = true;
    w.age = 36;
    w.mood = MOOD_SAD;
    w.prio = PRIO_HIGH;
    w.key.data = key;
    w.key.len = sizeof key;
    w.score = 1.25f;
    w.karma = -7;
    w.display_name = "Ada Lovelace";
    return w;
}

/* One value of the stored row, through raw SQL. */
static sqlite3_int64 stored_int(fixture *fx, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(dal_sqlite(fx->db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    sqlite3_int64 v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void stored_text(fixture *fx, const char *sql, const char *want)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(dal_sqlite(fx->db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
    sqlite3_finalize(st);
}

static void writer_round_trips(void **state)
{
    fixture *fx = *state;
    struct author w = writer("ada@example.org");
    assert_int_equal(app_writer_insert(fx->db, &w, &fx->arena), DAL_OK);
    assert_true(w.id > 0);
    struct author got;
    memset(&got, 0x5a, sizeof got);
    assert_int_equal(app_writer_get(fx->db, w.id, &got, &fx->arena), DAL_OK);
    assert_string_equal(got.email, "ada@example.org");
    assert_string_equal(got.handle, "ada");
    assert_null(got.bio);
    assert_true(got.active);
    assert_non_null(got.rating);
    assert_true(got.rating != &rating_value && *got.rating == 4.5);   /* a copy in the arena */
    assert_true(got.has_age);
    assert_int_equal(got.age, 36);
    assert_int_equal(got.mood, MOOD_SAD);
    assert_int_equal(got.prio, PRIO_HIGH);
    assert_null(got.avatar.data);
    assert_int_equal(got.key.len, 4);
    assert_memory_equal(got.key.data, "\0\1\2\0", 4);
    assert_true(got.score == 1.25f);
    assert_int_equal(got.karma, -7);
    assert_string_equal(got.display_name, "Ada Lovelace");
    /* the enum as the names of its constants, DAL_ENUM_AS_INT as its integer */
    stored_text(fx, "SELECT mood FROM authors", "MOOD_SAD");
    assert_int_equal(stored_int(fx, "SELECT prio FROM authors"), PRIO_HIGH);
    /* COLLATE NOCASE from DAL_COLLATE: the finder ignores case */
    assert_int_equal(app_writer_get_by_email(fx->db, "ADA@example.ORG", &got, &fx->arena), DAL_OK);
    assert_int_equal(got.id, w.id);
}

static void nulls_round_trip(void **state)
{
    fixture *fx = *state;
    struct author w = writer("null@example.org");
    char bio[] = "writes";
    w.rating = NULL;        /* a NULL pointer scalar is SQL NULL */
    w.has_age = false;      /* so is a has_ companion left false */
    w.bio = bio;
    w.avatar.data = "";     /* an empty blob is not NULL */
    assert_int_equal(app_writer_insert(fx->db, &w, &fx->arena), DAL_OK);
    assert_int_equal(stored_int(fx, "SELECT count(*) FROM authors WHERE email = 'null@example.org' AND rating IS NULL"
                                    " AND age IS NULL AND avatar IS NOT NULL"), 1);
    struct author got;
    memset(&got, 0x5a, sizeof got);
    assert_int_equal(app_writer_get(fx->db, w.id, &got, &fx->arena), DAL_OK);
    assert_null(got.rating);
    assert_false(got.has_age);
    assert_string_equal(got.bio, "writes");
    got.bio[0] = 'W';       /* char *: the arena's copy is the caller's to change */
    assert_non_null(got.avatar.data);
    assert_int_equal(got.avatar.len, 0);
    assert_int_equal(app_writer_delete(fx->db, w.id), DAL_OK);
}

static void header_check_is_enforced(void **state)
{
    fixture *fx = *state;
    struct author w = writer("bad@example.org");
    double seven = 7;
    w.rating = &seven;  /* DAL_CHECK("rating BETWEEN 0 AND 5") */
    assert_int_equal(app_writer_insert(fx->db, &w, &fx->arena), DAL_INVALID);
    int64_t n = 0;
    assert_int_equal(app_writer_count(fx->db, &n), DAL_OK);
    assert_int_equal(n, 1);
}

static void over_long_buffer_is_refused(void **state)
{
    fixture *fx = *state;
    struct author w = writer("long@example.org");
    memset(w.handle, 'x', sizeof w.handle);   /* 16 bytes, no NUL: more than char[16] holds */
    assert_int_equal(app_writer_insert(fx->db, &w, &fx->arena), DAL_INVALID);
    assert_non_null(strstr(dal_errmsg(fx->db), "at most 15 bytes"));
    dal_errors errs = DAL_ERRORS_INIT;
    assert_int_equal(app_writer_validate(&w, &errs), DAL_INVALID);
    const dal_violation *v = dal_errors_get(&errs, 0);
    assert_non_null(v);
    assert_string_equal(v->field, "handle");
    assert_string_equal(v->rule, DAL_RULE_MAX_LENGTH);
    dal_errors_free(&errs);
    w.handle[15] = '\0';                       /* 15 bytes fit */
    assert_int_equal(app_writer_validate(&w, NULL), DAL_OK);
    /* an enum value that is no constant of the enum */
    w.mood = (enum mood)42;
    assert_int_equal(app_writer_validate(&w, NULL), DAL_INVALID);
}

/* Stored values that the user's fields cannot hold read back as DAL_ERROR
 * naming the column, not as a cut or wrapped value. */
static void unfit_stored_values_are_errors(void **state)
{
    fixture *fx = *state;
    app_writer w;
    assert_int_equal(app_writer_get_by_email(fx->db, "ada@example.org", &w, &fx->arena), DAL_OK);
    int64_t id = w.id;
    static const struct {
        const char *set, *column;
    } cases[] = {
        {"handle = 'sixteen bytes!!!!'", "authors.handle"},
        {"age = 4294967296", "authors.age"},
        {"mood = 'MOOD_BORED'", "authors.mood"},
        {"prio = 4294967296", "authors.prio"},
        {"prio = 3", "authors.prio"},   /* an int, but no constant of priority */
        {"score = 1e300", "authors.score"},
    };
    assert_int_equal(dal_exec(fx->db, "PRAGMA ignore_check_constraints = ON"), DAL_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char sql[128];
        assert_int_equal(dal_exec(fx->db, "SAVEPOINT s"), DAL_OK);
        snprintf(sql, sizeof sql, "UPDATE authors SET %s WHERE id = %lld", cases[i].set, (long long)id);
        assert_int_equal(dal_exec(fx->db, sql), DAL_OK);
        struct author got;
        assert_int_equal(app_writer_get(fx->db, id, &got, &fx->arena), DAL_ERROR);
        assert_non_null(strstr(dal_errmsg(fx->db), cases[i].column));
        assert_int_equal(dal_errcode(fx->db), SQLITE_MISMATCH);
        assert_int_equal(dal_exec(fx->db, "ROLLBACK TO s; RELEASE s"), DAL_OK);
    }
    assert_int_equal(dal_exec(fx->db, "PRAGMA ignore_check_constraints = OFF"), DAL_OK);
    assert_int_equal(app_writer_get(fx->db, id, &w, &fx->arena), DAL_OK);
    assert_string_equal(w.handle, "ada");
}

static void updates_and_patches_move_the_fields(void **state)
{
    fixture *fx = *state;
    struct author w;
    assert_int_equal(app_writer_get_by_email(fx->db, "ada@example.org", &w, &fx->arena), DAL_OK);
    strcpy(w.handle, "countess");
    w.rating = NULL;
    w.mood = MOOD_ANGRY;
    w.prio = PRIO_LOW;
    w.age = -5;         /* DAL_MIN("0") */
    assert_int_equal(app_writer_update(fx->db, &w, &fx->arena), DAL_INVALID);
    w.age = 37;
    assert_int_equal(app_writer_update(fx->db, &w, &fx->arena), DAL_OK);
    app_writer_patch p;
    memset(&p, 0, sizeof p);
    double three = 3;
    p.set_rating = true;
    p.rating = &three;
    p.set_handle = true;
    strcpy(p.handle, "lovelace");
    assert_int_equal(app_writer_update_patch(fx->db, w.id, &p, &fx->arena), DAL_OK);
    struct author got;
    assert_int_equal(app_writer_get(fx->db, w.id, &got, &fx->arena), DAL_OK);
    assert_string_equal(got.handle, "lovelace");
    assert_non_null(got.rating);
    assert_true(*got.rating == 3);
    assert_int_equal(got.mood, MOOD_ANGRY);
    assert_int_equal(got.prio, PRIO_LOW);
    assert_int_equal(got.age, 37);
    stored_text(fx, "SELECT mood FROM authors WHERE email = 'ada@example.org'", "MOOD_ANGRY");
    /* the generated conversions of the user's enum */
    enum mood m = MOOD_HAPPY;
    assert_string_equal(app_mood_to_string(MOOD_ANGRY), "MOOD_ANGRY");
    assert_null(app_mood_to_string((enum mood)42));
    assert_int_equal(app_mood_from_string("MOOD_SAD", &m), DAL_OK);
    assert_int_equal(m, MOOD_SAD);
    assert_int_equal(app_mood_from_string("sad", &m), DAL_NOTFOUND);
}

static void posts_and_tags_follow_their_keys(void **state)
{
    fixture *fx = *state;
    app_writer w;
    assert_int_equal(app_writer_get_by_email(fx->db, "ada@example.org", &w, &fx->arena), DAL_OK);
    /* app_post is the user's own `post` from models.h: insert/get take it. */
    post p;
    memset(&p, 0, sizeof p);
    p.author_id = w.id;
    p.title = "Notes";
    p.slug = "notes";
    assert_int_equal(app_post_insert(fx->db, &p, &fx->arena), DAL_OK);
    post got;
    assert_int_equal(app_post_get_by_slug(fx->db, "notes", &got, &fx->arena), DAL_OK);
    assert_non_null(got.created_at); /* DAL_DEFAULT("(datetime('now'))") */
    assert_false(got.has_words);

    /* post_tags: the user's struct post_tag (char tag[32], int64_t *weight) */
    int64_t three = 3;
    struct post_tag t = {p.id, "math", true, &three};
    assert_int_equal(app_post_tag_insert(fx->db, &t, &fx->arena), DAL_OK);
    struct post_tag u = {p.id, "logic", false, NULL};
    assert_int_equal(app_post_tag_insert(fx->db, &u, &fx->arena), DAL_OK);
    struct post_tag tg;
    assert_int_equal(app_post_tag_get(fx->db, p.id, "math", &tg, &fx->arena), DAL_OK);
    assert_string_equal(tg.tag, "math");
    assert_true(tg.pinned);
    assert_non_null(tg.weight);
    assert_int_equal(*tg.weight, 3);
    assert_int_equal(app_post_tag_get(fx->db, p.id, "logic", &tg, &fx->arena), DAL_OK);
    assert_false(tg.pinned);
    assert_null(tg.weight);

    app_post_iter it;
    assert_int_equal(app_post_list_by_author_id(fx->db, w.id, &it), DAL_OK);
    int rows = 0;
    while (app_post_next(&it, &got, &fx->arena) == DAL_ROW) rows++;
    app_post_iter_end(&it);
    assert_int_equal(rows, 1);

    /* DAL_ON_DELETE("CASCADE") on both foreign keys */
    assert_int_equal(app_writer_delete(fx->db, w.id), DAL_OK);
    int64_t n = -1;
    assert_int_equal(app_post_tag_count(fx->db, &n), DAL_OK);
    assert_int_equal(n, 0);
    assert_int_equal(app_post_get(fx->db, p.id, &got, &fx->arena), DAL_NOTFOUND);
}

/* readings: pointers to narrower scalars, narrow integers, has_ companions
 * of a buffer, an enum and a float. */
static void readings_round_trip(void **state)
{
    fixture *fx = *state;
    int32_t level = -70000;
    float ratio = 0.5f;
    bool ok = true;
    struct reading r;
    memset(&r, 0, sizeof r);
    r.level = &level;
    r.ratio = &ratio;
    r.ok = &ok;
    r.small = -300;
    r.octet = 255;
    r.has_code = true;
    strcpy(r.code, "abc");
    r.has_mood = true;
    r.mood = MOOD_ANGRY;
    r.has_weight = true;
    r.weight = 2.5f;
    assert_int_equal(app_reading_insert(fx->db, &r, &fx->arena), DAL_OK);
    struct reading got;
    memset(&got, 0x5a, sizeof got);
    assert_int_equal(app_reading_get(fx->db, r.id, &got, &fx->arena), DAL_OK);
    assert_non_null(got.level);
    assert_int_equal(*got.level, -70000);
    assert_non_null(got.ratio);
    assert_true(*got.ratio == 0.5f);
    assert_non_null(got.ok);
    assert_true(*got.ok);
    assert_int_equal(got.small, -300);
    assert_int_equal(got.octet, 255);
    assert_true(got.has_code);
    assert_string_equal(got.code, "abc");
    assert_true(got.has_mood);
    assert_int_equal(got.mood, MOOD_ANGRY);
    assert_true(got.has_weight);
    assert_true(got.weight == 2.5f);

    /* every nullable form left NULL */
    struct reading n;
    memset(&n, 0, sizeof n);
    assert_int_equal(app_reading_insert(fx->db, &n, &fx->arena), DAL_OK);
    assert_int_equal(stored_int(fx, "SELECT count(*) FROM readings WHERE level IS NULL AND ratio IS NULL AND ok IS NULL"
                                    " AND code IS NULL AND mood IS NULL AND weight IS NULL"), 1);
    memset(&got, 0x5a, sizeof got);
    assert_int_equal(app_reading_get(fx->db, n.id, &got, &fx->arena), DAL_OK);
    assert_null(got.level);
    assert_null(got.ratio);
    assert_null(got.ok);
    assert_false(got.has_code);
    assert_false(got.has_mood);
    assert_false(got.has_weight);

    /* a char[4] holds 3 bytes: a full buffer is refused (has_code set) */
    memcpy(n.code, "abcd", 4);
    n.has_code = true;
    assert_int_equal(app_reading_update(fx->db, &n, &fx->arena), DAL_INVALID);
    n.has_code = false;     /* unset: the buffer is not read */
    assert_int_equal(app_reading_update(fx->db, &n, &fx->arena), DAL_OK);

    /* stored values the fields cannot hold */
    static const char *const unfit[] = {
        "small = 40000", "octet = 256", "octet = -1", "level = 2147483648", "code = 'abcd'", "ratio = 1e39",
    };
    for (size_t i = 0; i < sizeof unfit / sizeof unfit[0]; i++) {
        char sql[96];
        assert_int_equal(dal_exec(fx->db, "SAVEPOINT s"), DAL_OK);
        snprintf(sql, sizeof sql, "UPDATE readings SET %s WHERE id = %lld", unfit[i], (long long)n.id);
        assert_int_equal(dal_exec(fx->db, sql), DAL_OK);
        assert_int_equal(app_reading_get(fx->db, n.id, &got, &fx->arena), DAL_ERROR);
        assert_int_equal(dal_errcode(fx->db), SQLITE_MISMATCH);
        assert_int_equal(dal_exec(fx->db, "ROLLBACK TO s; RELEASE s"), DAL_OK);
    }
    /* without an arena a pointer field has nowhere to live */
    assert_int_equal(app_reading_get(fx->db, r.id, &got, NULL), DAL_MISUSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writer_round_trips),
        cmocka_unit_test(nulls_round_trip),
        cmocka_unit_test(header_check_is_enforced),
        cmocka_unit_test(over_long_buffer_is_refused),
        cmocka_unit_test(unfit_stored_values_are_errors),
        cmocka_unit_test(updates_and_patches_move_the_fields),
        cmocka_unit_test(posts_and_tags_follow_their_keys),
        cmocka_unit_test(readings_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
