/* nearest.h - "did you mean ...?": the candidate nearest to a misspelt word. */
#ifndef DG_NEAREST_H
#define DG_NEAREST_H

#include <stddef.h>

/* Edit distance (insertions, deletions, substitutions, ASCII
 * case-insensitive) between a and b. */
size_t dg_edit_distance(const char *a, const char *b);

/* The candidate of cands[0..n) nearest to `word`, or NULL when none is
 * near enough to be a likely misspelling (distance at most a third of the
 * longer word, at least 1).  Ties go to the earlier candidate. */
const char *dg_nearest(const char *word, const char *const *cands, size_t n);

#endif
