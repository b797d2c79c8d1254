/* Connections in different threads: the process-wide unit numbering is
 * assigned once even when threads race for it. */
#include "rt_util.h"

#include <pthread.h>

#define THREADS 8
#define UNITS 16

static unsigned slots[UNITS];
static const char *const sql[] = { "SELECT ?1 * 2" };
static dal_unit units[UNITS];
static pthread_barrier_t start;

static void *worker(void *arg)
{
    dal_db *db = NULL;
    int i, r, *ok = arg;
    *ok = dal_open(&db, ":memory:", NULL) == DAL_OK;
    pthread_barrier_wait(&start);
    for (r = 0; r < 200 && *ok; r++) {
        for (i = 0; i < UNITS && *ok; i++) {
            sqlite3_stmt *st = NULL;
            int64_t v = 0;
            *ok = dal_stmt_acquire(db, &units[i], 0, &st) == DAL_OK &&
                  dal_bind_int64(db, st, 1, i) == DAL_OK && dal_step(db, st) == DAL_ROW &&
                  dal_read_int64(db, st, 0, "v", &v) == DAL_OK && v == 2 * i;
            dal_stmt_release(db, &units[i], 0, st);
        }
    }
    dal_close(db);
    return NULL;
}

static void racing_threads_agree_on_unit_slots(void **state)
{
    pthread_t th[THREADS];
    int ok[THREADS], i, j;
    (void)state;
    for (i = 0; i < UNITS; i++) {
        dal_unit u = { "race", 1, sql, &slots[i] };
        units[i] = u;
    }
    assert_int_equal(pthread_barrier_init(&start, NULL, THREADS), 0);
    for (i = 0; i < THREADS; i++) assert_int_equal(pthread_create(&th[i], NULL, worker, &ok[i]), 0);
    for (i = 0; i < THREADS; i++) assert_int_equal(pthread_join(th[i], NULL), 0);
    pthread_barrier_destroy(&start);
    for (i = 0; i < THREADS; i++) assert_true(ok[i]);
    for (i = 0; i < UNITS; i++) {
        assert_true(slots[i] != 0);
        for (j = 0; j < i; j++) assert_true(slots[i] != slots[j]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(racing_threads_agree_on_unit_slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
