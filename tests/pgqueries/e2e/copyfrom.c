/* :copyfrom end to end: 10,000 rows sent with the generated binary COPY
 * and checked with a SELECT (count, sums, NULLs, one row read back), the
 * named-parameter form, rows bigger than the COPY buffer, a failing COPY
 * that copies nothing, and the same
 * rows through the generated :exec in a loop for the rows/s figure.
 * argv[1]: the database's URI, its schema loaded. */
#define _POSIX_C_SOURCE 200809L   /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "copyfrom.h"
#include "../../pg/e2e_check.h"

#define NROWS 10000

static char sensors[NROWS][16];
static int32_t smalls[NROWS];

static void fill(copyfrom_copy_readings_params *rows, int64_t base)
{
    for (int i = 0; i < NROWS; i++) {
        snprintf(sensors[i], sizeof sensors[i], "s%d", i % 97);
        smalls[i] = i % 7;
        rows[i].id = base + i;
        rows[i].sensor = sensors[i];
        rows[i].value = i * 0.5;
        rows[i].ok = i % 3 == 0;
        rows[i].note = i % 2 ? "odd" : NULL;
        rows[i].small = i % 5 ? &smalls[i] : NULL;
    }
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The sums of fill's rows, as CountReadings reads them. */
static void check_counts(dal_db *db, dal_arena *a, int64_t base)
{
    copyfrom_count_readings_row c;
    int64_t id_sum = 0, small_sum = 0, oks = 0;
    double value_sum = 0;
    for (int i = 0; i < NROWS; i++) {
        id_sum += base + i;
        value_sum += i * 0.5;
        small_sum += i % 5 ? i % 7 : 0;
        oks += i % 3 == 0;
    }
    CHECK(copyfrom_count_readings(db, &c, a) == DAL_OK);
    CHECK(c.n == NROWS && c.id_sum == id_sum && c.value_sum == value_sum);
    CHECK(c.notes == NROWS / 2 && c.small_sum == small_sum && c.oks == oks);
}

static void copy_and_check(dal_db *db, dal_arena *a, copyfrom_copy_readings_params *rows)
{
    int64_t copied = -1;
    fill(rows, 1000);
    double t0 = now();
    CHECK(copyfrom_copy_readings(db, rows, NROWS, &copied) == DAL_OK);
    double t1 = now();
    CHECK(copied == NROWS);
    check_counts(db, a, 1000);
    copyfrom_reading r;
    CHECK(copyfrom_get_reading(db, 1000 + 4243, &r, a) == DAL_OK);
    CHECK(!strcmp(r.sensor, "s72") && r.value == 4243 * 0.5 && !r.ok && r.note && !strcmp(r.note, "odd"));
    CHECK(r.has_small && r.small == 4243 % 7);
    CHECK(copyfrom_get_reading(db, 1000 + 4240, &r, a) == DAL_OK && r.note == NULL && !r.has_small);
    /* a duplicate key fails the whole COPY: nothing more is copied */
    copyfrom_copy_readings_params dup[2] = {rows[0], rows[1]};
    dup[0].id = 99;
    copied = -1;
    int rc = copyfrom_copy_readings(db, dup, 2, &copied);
    if (rc != DAL_CONSTRAINT) fprintf(stderr, "duplicate COPY: rc %d copied %lld: %s\n", rc, (long long)copied, dal_errmsg(db));
    CHECK(rc == DAL_CONSTRAINT);
    CHECK(!strcmp(dal_sqlstate(db), "23505"));
    check_counts(db, a, 1000);
    /* no rows: an empty COPY */
    CHECK(copyfrom_copy_readings(db, rows, 0, &copied) == DAL_OK && copied == 0);
    CHECK(copyfrom_clear_readings(db) == DAL_OK);
    double t2 = now();
    for (int i = 0; i < NROWS; i++) {
        const copyfrom_copy_readings_params *p = &rows[i];
        copyfrom_insert_reading_params q = {.id = p->id, .sensor = p->sensor, .value = p->value, .ok = p->ok,
                                             .note = p->note, .small = p->small};
        if (copyfrom_insert_reading(db, &q) != DAL_OK) {
            CHECK(0);
            break;
        }
    }
    double t3 = now();
    check_counts(db, a, 1000);
    printf("copyfrom: %d rows: generated :copyfrom %.0f rows/s, generated :exec in a loop %.0f rows/s (%.1fx)\n",
           NROWS, NROWS / (t1 - t0), NROWS / (t3 - t2), (t3 - t2) / (t1 - t0));
}

static void named(dal_db *db, dal_arena *a)
{
    copyfrom_copy_named_params rows[3] = {{"a", 1, 1.5, true}, {"b", 2, 2.5, false}, {"c", 3, 3.5, true}};
    int64_t copied = 0;
    CHECK(copyfrom_clear_readings(db) == DAL_OK);
    CHECK(copyfrom_copy_named(db, rows, 3, &copied) == DAL_OK && copied == 3);
    CHECK(copyfrom_copy_named(db, rows, 0, NULL) == DAL_OK);
    copyfrom_reading r;
    CHECK(copyfrom_get_reading(db, 2, &r, a) == DAL_OK && !strcmp(r.sensor, "b") && r.value == 2.5 && !r.ok);
    CHECK(r.note == NULL && !r.has_small);
}

/* Rows bigger than the COPY's buffer among small ones: the generated row
 * writer hands those to the binders and dal_pg_copy_row (the others go
 * straight into the buffer); the text arrives whole and in order. */
static void big_rows(dal_db *db, dal_arena *a)
{
    enum { N = 300, BIG = 3 * DAL_PG_COPY_BUF };
    static copyfrom_copy_named_params rows[N];
    static char small[N][8];
    char *big = malloc(BIG + 1);
    int64_t copied = 0;
    CHECK(big != NULL);
    if (!big) return;
    memset(big, 'b', BIG);
    big[BIG] = '\0';
    for (int i = 0; i < N; i++) {
        snprintf(small[i], sizeof small[i], "s%d", i);
        rows[i] = (copyfrom_copy_named_params){i % 50 == 7 ? big + i % 3 : small[i], i, i * 0.25, i % 2 == 0};
    }
    CHECK(copyfrom_clear_readings(db) == DAL_OK);
    CHECK(copyfrom_copy_named(db, rows, N, &copied) == DAL_OK && copied == N);
    for (int i = 0; i < N; i++) {
        copyfrom_reading r;
        if (copyfrom_get_reading(db, i, &r, a) != DAL_OK) {
            CHECK(0);
            continue;
        }
        CHECK(!strcmp(r.sensor, rows[i].sensor) && r.value == i * 0.25 && r.ok == (i % 2 == 0));
        dal_arena_reset(a);
    }
    free(big);
}

/* :batchexec: 1,000 inserts in one pipeline, one of them a duplicate key
 * that fails alone (outside a transaction each item is its own); then an
 * UPDATE per row, timed against the generated :exec in a loop. */
static void batches(dal_db *db, dal_arena *a)
{
    enum { N = 1000 };
    static copyfrom_add_readings_params items[N];
    static copyfrom_set_note_params notes[N];
    static int rcs[N];
    int32_t seven = 7;
    CHECK(copyfrom_clear_readings(db) == DAL_OK);
    for (int i = 0; i < N; i++) {
        items[i] = (copyfrom_add_readings_params){i == 500 ? 10 : i, "b", i * 2.0, i % 2 == 0, i % 4 ? &seven : NULL};
        notes[i] = (copyfrom_set_note_params){i, i % 2 ? "set" : NULL};
    }
    CHECK(copyfrom_add_readings(db, items, N, rcs) == DAL_CONSTRAINT);
    CHECK(!strcmp(dal_sqlstate(db), "23505") && strstr(dal_errmsg(db), "item 500") != NULL);
    int ok = 0;
    for (int i = 0; i < N; i++) ok += rcs[i] == DAL_OK;
    CHECK(ok == N - 1 && rcs[500] == DAL_CONSTRAINT);
    copyfrom_count_readings_row c;
    CHECK(copyfrom_count_readings(db, &c, a) == DAL_OK && c.n == N - 1 && c.small_sum == 7 * (N - 1 - (N / 4 - 1)));
    CHECK(copyfrom_add_readings(db, items, 0, NULL) == DAL_OK);
    double t0 = now();
    CHECK(copyfrom_set_note(db, notes, N, NULL) == DAL_OK);
    double t1 = now();
    CHECK(copyfrom_count_readings(db, &c, a) == DAL_OK && c.notes == N / 2);   /* id 500 (even, no note) is missing */
    copyfrom_reading r;
    CHECK(copyfrom_get_reading(db, 999, &r, a) == DAL_OK && r.note && !strcmp(r.note, "set") && r.has_small);
    double t2 = now();
    for (int i = 0; i < N; i++) CHECK(copyfrom_set_note1(db, notes[i].id, notes[i].note) == DAL_OK);
    double t3 = now();
    printf("batchexec: %d updates: generated :batchexec %.0f rows/s, generated :exec in a loop %.0f rows/s (%.1fx)\n",
           N, N / (t1 - t0), N / (t3 - t2), (t3 - t2) / (t1 - t0));
    /* the same in one transaction each (no commit per item) */
    CHECK(dal_begin(db) == DAL_OK);
    t0 = now();
    CHECK(copyfrom_set_note(db, notes, N, rcs) == DAL_OK && rcs[0] == DAL_OK && rcs[N - 1] == DAL_OK);
    t1 = now();
    CHECK(dal_commit(db) == DAL_OK && dal_begin(db) == DAL_OK);
    t2 = now();
    for (int i = 0; i < N; i++) CHECK(copyfrom_set_note1(db, notes[i].id, notes[i].note) == DAL_OK);
    t3 = now();
    CHECK(dal_commit(db) == DAL_OK);
    printf("batchexec: in a transaction: generated :batchexec %.0f rows/s, generated :exec in a loop %.0f rows/s "
           "(%.1fx)\n", N / (t1 - t0), N / (t3 - t2), (t3 - t2) / (t1 - t0));
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc, argv);
    if (!db) return 1;
    dal_arena a;
    dal_arena_init(&a, NULL);
    copyfrom_copy_readings_params *rows = malloc(NROWS * sizeof *rows);
    CHECK(rows != NULL);
    if (rows) copy_and_check(db, &a, rows);
    named(db, &a);
    big_rows(db, &a);
    batches(db, &a);
    free(rows);
    dal_arena_free(&a);
    dal_close(db);
    if (failures) fprintf(stderr, "copyfrom: %d checks failed\n", failures);
    return failures ? 1 : 0;
}
