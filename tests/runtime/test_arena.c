/* The arena allocator. */
#include "rt_util.h"

static void reset_reuses_blocks_without_growth(void **state)
{
    rt_counter c = { 0, 0, 0 };
    dal_allocator al = rt_counting(&c);
    dal_arena a;
    size_t cap, allocs;
    int round, i;
    (void)state;
    dal_arena_init(&a, &al);
    assert_int_equal(c.allocs, 0);
    for (i = 0; i < 1000; i++) assert_non_null(dal_arena_strdup(&a, "some row text of a column"));
    allocs = c.allocs;
    cap = dal_arena_capacity(&a);
    assert_true(allocs > 1);  /* it did need several blocks */
    for (round = 0; round < 50; round++) {
        dal_arena_reset(&a);
        for (i = 0; i < 1000; i++) assert_non_null(dal_arena_strdup(&a, "some row text of a column"));
    }
    assert_int_equal(c.allocs, allocs);
    assert_int_equal(dal_arena_capacity(&a), cap);
    dal_arena_free(&a);
    assert_int_equal(c.frees, c.allocs);
    assert_int_equal(c.live_bytes, 0);
}

static void allocations_are_aligned_and_distinct(void **state)
{
    dal_arena a;
    char *s;
    void *p, *q;
    (void)state;
    dal_arena_init(&a, NULL);
    s = dal_arena_strdup(&a, "x");
    p = dal_arena_alloc(&a, 3);
    q = dal_arena_alloc(&a, 8);
    assert_string_equal(s, "x");
    assert_int_equal((uintptr_t)p % 16, 0);
    assert_int_equal((uintptr_t)q % 16, 0);
    assert_true((char *)q >= (char *)p + 3);
    memset(p, 0xAA, 3);
    assert_string_equal(s, "x");
    dal_arena_free(&a);
}

static void large_allocations_get_their_own_block(void **state)
{
    dal_arena a;
    char *big, *small;
    (void)state;
    dal_arena_init(&a, NULL);
    small = dal_arena_strdup(&a, "before");
    big = dal_arena_alloc(&a, 3u << 20);
    assert_non_null(big);
    memset(big, 'z', 3u << 20);
    assert_string_equal(small, "before");
    assert_true(dal_arena_capacity(&a) >= (3u << 20));
    dal_arena_reset(&a);
    /* after reset the big block is reused instead of a new one */
    {
        size_t cap = dal_arena_capacity(&a);
        assert_non_null(dal_arena_alloc(&a, 2u << 20));
        assert_int_equal(dal_arena_capacity(&a), cap);
    }
    dal_arena_free(&a);
}

static void strndup_and_memdup_copy_exactly(void **state)
{
    dal_arena a = DAL_ARENA_INIT;
    const char *s;
    const unsigned char *m;
    static const unsigned char bytes[] = { 0, 1, 2, 0 };
    (void)state;
    s = dal_arena_strndup(&a, "abcdef", 3);
    assert_string_equal(s, "abc");
    m = dal_arena_memdup(&a, bytes, sizeof bytes);
    assert_memory_equal(m, bytes, sizeof bytes);
    assert_null(dal_arena_strdup(&a, NULL));
    dal_arena_free(&a);
    /* usable again after free */
    assert_string_equal(dal_arena_strdup(&a, "again"), "again");
    dal_arena_free(&a);
}

/* Fixed-seed random sequences of allocations and resets: every live
 * allocation keeps its own bytes (no overlap), alignment holds, and after
 * the first rounds the arena stops asking its allocator for memory. */
static void random_allocations_never_overlap(void **state)
{
    enum { LIVE = 400 };
    rt_counter c = { 0, 0, 0 };
    dal_allocator al = rt_counting(&c);
    dal_arena a;
    unsigned char *ptr[LIVE];
    size_t len[LIVE], allocs_after_warmup = 0;
    uint32_t seed = 2024;
    int round, i, k;
    (void)state;
    dal_arena_init(&a, &al);
    for (round = 0; round < 60; round++) {
        int n = 0;
        dal_arena_reset(&a);
        for (i = 0; i < LIVE; i++) {
            size_t size;
            seed = seed * 1664525u + 1013904223u;
            size = (seed >> 8) % 97 == 0 ? (seed >> 12) % 20000 : (seed >> 12) % 64;
            if (seed & 1) {
                ptr[n] = dal_arena_alloc(&a, size);
                assert_non_null(ptr[n]);
                assert_int_equal((uintptr_t)ptr[n] % 16, 0);
            } else {
                char text[64];
                size_t t = size % 63;
                memset(text, 'a' + (int)(i % 26), t);
                text[t] = '\0';
                ptr[n] = (unsigned char *)dal_arena_strdup(&a, text);
                assert_non_null(ptr[n]);
                size = t + 1;
            }
            len[n] = size;
            memset(ptr[n], (unsigned char)n, size);
            n++;
        }
        for (k = 0; k < n; k++) {
            size_t j;
            for (j = 0; j < len[k]; j++)
                if (ptr[k][j] != (unsigned char)k) fail_msg("round %d: allocation %d overwritten", round, k);
        }
        if (round == 20) allocs_after_warmup = c.allocs;
    }
    /* the same seed stream keeps varying, but the kept blocks suffice */
    assert_true(c.allocs - allocs_after_warmup <= 2);
    dal_arena_free(&a);
    assert_int_equal(c.live_bytes, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reset_reuses_blocks_without_growth),
        cmocka_unit_test(allocations_are_aligned_and_distinct),
        cmocka_unit_test(large_allocations_get_their_own_block),
        cmocka_unit_test(strndup_and_memdup_copy_exactly),
        cmocka_unit_test(random_allocations_never_overlap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
