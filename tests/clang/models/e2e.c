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

static app_writer writer(const char *email)
{
    static const unsigned char key[] = {0, 1, 2, 0};
    app_writer w;
    memset(&w, 0, sizeof w);
    w.email = email;
    w.handle = "ada";
    w.has_active = true;
    w.active = true;
    w.has_rating = true;
    w.rating = 4.5;
    w.has_mood = true;
    w.mood = APP_WRITER_MOOD_MOOD_SAD;
    w.prio = 2;
    w.key.data = key;
    w.key.len = sizeof key;
    w.score = 1.25;
    w.karma = -7;
    w.name = "Ada Lovelace";
    return w;
}

static void writer_round_trips(void **state)
{
    fixture *fx = *state;
    app_writer w = writer("ada@example.org");
    assert_int_equal(app_writer_insert(fx->db, &w, &fx->arena), DAL_OK);
    assert_true(w.id > 0);
    app_writer got;
    assert_int_equal(app_writer_get(fx->db, w.id, &got, &fx->arena), DAL_OK);
    assert_string_equal(got.email, "ada@example.org");
    assert_int_equal(got.mood, APP_WRITER_MOOD_MOOD_SAD);
    assert_false(got.has_age);
    assert_null(got.bio);
    assert_null(got.avatar.data);
    assert_int_equal(got.key.len, 4);
    assert_true(got.has_rating);
    assert_true(got.rating == 4.5);
    assert_int_equal(got.karma, -7);
    assert_string_equal(got.name, "Ada Lovelace");
    /* COLLATE NOCASE from DAL_COLLATE: the finder ignores case */
    assert_int_equal(app_writer_get_by_email(fx->db, "ADA@example.ORG", &got, &fx->arena), DAL_OK);
    assert_int_equal(got.id, w.id);
}

static void header_check_is_enforced(void **state)
{
    fixture *fx = *state;
    app_writer w = writer("bad@example.org");
    w.rating = 7; /* DAL_CHECK("rating BETWEEN 0 AND 5") */
    assert_int_equal(app_writer_insert(fx->db, &w, &fx->arena), DAL_INVALID);
    int64_t n = 0;
    assert_int_equal(app_writer_count(fx->db, &n), DAL_OK);
    assert_int_equal(n, 1);
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

    app_post_tag t = {p.id, "math", true, true, 3};
    assert_int_equal(app_post_tag_insert(fx->db, &t, &fx->arena), DAL_OK);
    app_post_tag tg;
    assert_int_equal(app_post_tag_get(fx->db, p.id, "math", &tg, &fx->arena), DAL_OK);
    assert_true(tg.pinned);
    assert_int_equal(tg.weight, 3);

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writer_round_trips),
        cmocka_unit_test(header_check_is_enforced),
        cmocka_unit_test(posts_and_tags_follow_their_keys),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
