/* cmd_check_udiff.h - unified diffs of two texts, for `dalgen check`.
 *
 * Written by hand: Debian ships no C library that produces unified diffs of
 * two buffers (GNU diff is a program; libgit2 would be a heavy dependency for
 * this one job). */
#ifndef DG_CMD_CHECK_UDIFF_H
#define DG_CMD_CHECK_UDIFF_H

#include <stddef.h>
#include <stdio.h>

/* Lines of context around each change, as `diff -u`. */
#define DG_UDIFF_CONTEXT 3

/* Writes to `out` the unified diff that turns text `a` (shown as `a_name`)
 * into text `b` (`b_name`): `--- a_name`, `+++ b_name`, then `@@` hunks with
 * DG_UDIFF_CONTEXT lines of context and `\ No newline at end of file` where
 * a text does not end with a newline.  Prints nothing when the texts are
 * equal.  The diff is minimal (Myers) unless the texts differ in more than a
 * few thousand lines, where the differing middle is shown as one change.
 * Returns the number of hunks written. */
int dg_udiff(FILE *out, const char *a_name, const char *a, size_t alen,
             const char *b_name, const char *b, size_t blen);

#endif
