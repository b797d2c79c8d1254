/* sqlc.embed of tables whose struct is models.h's own: the query reads
 * convert to the struct's field types, as the table functions do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app.h"

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

static void embeds_convert(void **state)
{
    (void)state;
    dal_db *db = NULL;
    dal_arena arena;
    assert_int_equal(dal_open(&db, ":memory:", NULL), DAL_OK);
    assert_int_equal(dal_exec(db, read_all(MODELS_DDL)), DAL_OK);
    dal_arena_init(&arena, NULL);

    int32_t level = -70000;
    float ratio = 0.5f;
    struct reading r;
    memset(&r, 0, sizeof r);
    r.level = &level;
    r.ratio = &ratio;
    r.small = -300;
    r.octet = 255;
    r.has_code = true;
    strcpy(r.code, "bcd");
    r.has_mood = true;
    r.mood = MOOD_ANGRY;
    assert_int_equal(app_reading_insert(db, &r, &arena), DAL_OK);

    app_reading_with_code_row got;
    memset(&got, 0x5a, sizeof got);
    assert_int_equal(app_reading_with_code(db, r.id, &got, &arena), DAL_OK);
    assert_int_equal(got.readings.id, r.id);
    assert_non_null(got.readings.level);
    assert_int_equal(*got.readings.level, -70000);
    assert_non_null(got.readings.ratio);
    assert_true(*got.readings.ratio == 0.5f);
    assert_null(got.readings.ok);
    assert_int_equal(got.readings.small, -300);
    assert_int_equal(got.readings.octet, 255);
    assert_true(got.readings.has_code);
    assert_string_equal(got.readings.code, "bcd");
    assert_true(got.readings.has_mood);
    assert_int_equal(got.readings.mood, MOOD_ANGRY);
    assert_false(got.readings.has_weight);
    assert_true(got.has_code_len);
    assert_int_equal(got.code_len, 3);

    static const unsigned char key[] = {0, 1, 2, 0};
    struct author w;
    memset(&w, 0, sizeof w);
    w.email = "ada@example.com";
    strcpy(w.handle, "ada");
    w.active = true;
    w.has_age = true;
    w.age = 36;
    w.mood = MOOD_SAD;
    w.prio = PRIO_HIGH;
    w.key.data = key;
    w.key.len = sizeof key;
    w.score = 1.25f;
    w.karma = -7;
    w.display_name = "Ada Lovelace";
    assert_int_equal(app_writer_insert(db, &w, &arena), DAL_OK);

    app_authors_by_mood_iter it;
    app_authors_by_mood_row row;
    assert_int_equal(app_authors_by_mood(db, MOOD_SAD, &it), DAL_OK);
    assert_int_equal(app_authors_by_mood_next(&it, &row, &arena), DAL_ROW);
    assert_string_equal(row.authors.handle, "ada");
    assert_null(row.authors.bio);
    assert_null(row.authors.rating);
    assert_true(row.authors.has_age);
    assert_int_equal(row.authors.age, 36);
    assert_int_equal(row.authors.mood, MOOD_SAD);
    assert_int_equal(row.authors.prio, PRIO_HIGH);
    assert_int_equal(row.authors.key.len, sizeof key);
    assert_true(row.authors.score == 1.25f);
    assert_int_equal(row.authors.karma, -7);
    assert_string_equal(row.authors.display_name, "Ada Lovelace");
    assert_int_equal(app_authors_by_mood_next(&it, &row, &arena), DAL_DONE);
    app_authors_by_mood_iter_end(&it);

    dal_arena_free(&arena);
    dal_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(embeds_convert),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
