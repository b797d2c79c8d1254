/* nearest.c - edit distance for "did you mean ...?" (nearest.h). */
#include <stdlib.h>
#include <string.h>

#include "util/nearest.h"

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

size_t dg_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = malloc((lb + 1) * sizeof *row);
    if (!row) return la > lb ? la : lb;
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t sub = diag + (lower((unsigned char)a[i - 1]) != lower((unsigned char)b[j - 1]));
            size_t best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
            row[j] = sub < best ? sub : best;
            diag = up;
        }
    }
    size_t d = row[lb];
    free(row);
    return d;
}

const char *dg_nearest(const char *word, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t d = dg_edit_distance(word, cands[i]);
        size_t lw = strlen(word), lc = strlen(cands[i]);
        size_t limit = (lw > lc ? lw : lc) / 3;
        if (limit < 1) limit = 1;
        if (d <= limit && d < best_d) {
            best = cands[i];
            best_d = d;
        }
    }
    return best;
}
