/* udiff_test.c - the unified diffs `dalgen check` prints: exact text for
 * small cases; for random texts (fixed seed) applying the printed hunks to
 * the old text gives the new one, and the number of -/+ lines is minimal
 * (n + m - 2 * LCS, computed by dynamic programming). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/cmd_check_udiff.h"
#include "util/buf.h"

static char *diff_of(const char *a, const char *b, int *hunks)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    int h = dg_udiff(f, "old", a, strlen(a), "new", b, strlen(b));
    fclose(f);
    if (hunks) *hunks = h;
    return text;
}

static void equal_texts_print_nothing(void **state)
{
    (void)state;
    int h = -1;
    char *d = diff_of("a\nb\n", "a\nb\n", &h);
    assert_int_equal(h, 0);
    assert_string_equal(d, "");
    free(d);
}

static void one_changed_line_has_three_lines_of_context(void **state)
{
    (void)state;
    int h = 0;
    char *d = diff_of("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n", &h);
    assert_int_equal(h, 1);
    assert_string_equal(d, "--- old\n+++ new\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+FIVE\n 6\n 7\n 8\n");
    free(d);
}

static void distant_changes_make_two_hunks(void **state)
{
    (void)state;
    int h = 0;
    char *d = diff_of("a\n1\n2\n3\n4\n5\n6\n7\nb\n", "A\n1\n2\n3\n4\n5\n6\n7\nB\n", &h);
    assert_int_equal(h, 2);
    assert_string_equal(d, "--- old\n+++ new\n@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n"
                           "@@ -6,4 +6,4 @@\n 5\n 6\n 7\n-b\n+B\n");
    free(d);
}

static void missing_final_newline_is_marked(void **state)
{
    (void)state;
    char *d = diff_of("x\ny\n", "x\ny", NULL);
    assert_string_equal(d, "--- old\n+++ new\n@@ -1,2 +1,2 @@\n x\n-y\n+y\n\\ No newline at end of file\n");
    free(d);
}

static void empty_old_text_is_all_insertions(void **state)
{
    (void)state;
    char *d = diff_of("", "p\nq\n", NULL);
    assert_string_equal(d, "--- old\n+++ new\n@@ -0,0 +1,2 @@\n+p\n+q\n");
    free(d);
}

/* ---- random texts: apply the patch, count the edits ---- */

typedef struct text {
    char  *s;
    size_t nlines;
    char **lines;   /* pointers into s, each line without '\n' */
} text;

static uint32_t rng = 12345u;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static char *random_text(size_t maxlines)
{
    dg_buf b = DG_BUF_INIT;
    size_t n = next_rand() % (maxlines + 1);
    for (size_t i = 0; i < n; i++) dg_buf_printf(&b, "line %c\n", (char)('a' + next_rand() % 5));
    return dg_buf_steal(&b);
}

static void split(char *s, text *t)
{
    t->s = s;
    t->nlines = 0;
    t->lines = NULL;
    for (char *p = s; *p;) {
        char *nl = strchr(p, '\n');
        t->lines = realloc(t->lines, (t->nlines + 1) * sizeof *t->lines);
        t->lines[t->nlines++] = p;
        *nl = '\0';
        p = nl + 1;
    }
}

static size_t lcs(const text *a, const text *b)
{
    size_t *row = calloc((b->nlines + 1) * (a->nlines + 1), sizeof *row);
    size_t w = b->nlines + 1;
    for (size_t i = 1; i <= a->nlines; i++)
        for (size_t j = 1; j <= b->nlines; j++)
            row[i * w + j] = !strcmp(a->lines[i - 1], b->lines[j - 1])
                                 ? row[(i - 1) * w + j - 1] + 1
                                 : (row[(i - 1) * w + j] > row[i * w + j - 1] ? row[(i - 1) * w + j]
                                                                              : row[i * w + j - 1]);
    size_t r = row[a->nlines * w + b->nlines];
    free(row);
    return r;
}

/* Applies the unified diff `d` to `a`; returns the new text and counts the
 * -/+ lines in *edits. */
static char *apply(const text *a, char *d, size_t *edits)
{
    dg_buf out = DG_BUF_INIT;
    size_t next = 0;   /* next line of a not yet copied */
    *edits = 0;
    for (char *line = strtok(d, "\n"); line; line = strtok(NULL, "\n")) {
        unsigned long as, al, bs, bl;
        if (!strncmp(line, "---", 3) || !strncmp(line, "+++", 3)) continue;
        if (sscanf(line, "@@ -%lu,%lu +%lu,%lu @@", &as, &al, &bs, &bl) == 4) {
            size_t start = al ? as - 1 : as;
            assert_true(start >= next);
            for (; next < start; next++) dg_buf_printf(&out, "%s\n", a->lines[next]);
            continue;
        }
        if (line[0] == ' ' || line[0] == '-') {
            assert_true(next < a->nlines);
            assert_string_equal(line + 1, a->lines[next]);
            if (line[0] == ' ') dg_buf_printf(&out, "%s\n", a->lines[next]);
            else (*edits)++;
            next++;
        } else {
            assert_int_equal(line[0], '+');
            dg_buf_printf(&out, "%s\n", line + 1);
            (*edits)++;
        }
    }
    for (; next < a->nlines; next++) dg_buf_printf(&out, "%s\n", a->lines[next]);
    return dg_buf_steal(&out);
}

static void random_diffs_apply_and_are_minimal(void **state)
{
    (void)state;
    for (int round = 0; round < 400; round++) {
        char *as = random_text(30), *bs = random_text(30);
        char *ac = dg_xstrdup(as), *bc = dg_xstrdup(bs);
        char *d = diff_of(as, bs, NULL);
        text a, b;
        split(ac, &a);
        split(bc, &b);
        size_t edits = 0;
        char *got = apply(&a, d, &edits);
        assert_string_equal(got, bs);
        assert_int_equal(edits, a.nlines + b.nlines - 2 * lcs(&a, &b));
        free(got);
        free(d);
        free(a.lines);
        free(b.lines);
        free(ac);
        free(bc);
        free(as);
        free(bs);
    }
}

/* Past the edit-cost cap the middle is one change: still a correct patch. */
static void large_rewrites_still_apply(void **state)
{
    (void)state;
    dg_buf x = DG_BUF_INIT, y = DG_BUF_INIT;
    dg_buf_puts(&x, "same\n");
    dg_buf_puts(&y, "same\n");
    for (int i = 0; i < 3000; i++) {
        dg_buf_printf(&x, "old %d\n", i);
        dg_buf_printf(&y, "new %d\n", i);
    }
    dg_buf_puts(&x, "tail\n");
    dg_buf_puts(&y, "tail\n");
    char *as = dg_buf_steal(&x), *bs = dg_buf_steal(&y), *ac = dg_xstrdup(as);
    char *d = diff_of(as, bs, NULL);
    text a;
    split(ac, &a);
    size_t edits = 0;
    char *got = apply(&a, d, &edits);
    assert_string_equal(got, bs);
    assert_int_equal(edits, 6000);
    free(got);
    free(d);
    free(a.lines);
    free(ac);
    free(as);
    free(bs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(equal_texts_print_nothing),
        cmocka_unit_test(one_changed_line_has_three_lines_of_context),
        cmocka_unit_test(distant_changes_make_two_hunks),
        cmocka_unit_test(missing_final_newline_is_marked),
        cmocka_unit_test(empty_old_text_is_all_insertions),
        cmocka_unit_test(random_diffs_apply_and_are_minimal),
        cmocka_unit_test(large_rewrites_still_apply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
