/* sum.h - dalgen.sum: the integrity file of a migrations folder.
 *
 * Format (text, one entry per line, in migration order):
 *     # dalgen.sum: do not edit; written by `dalgen migrate new|hash`
 *     total <hex of the chained hash>
 *     0001_init.up.sql <sha256 hex>
 *     0001_init.down.sql <sha256 hex>
 *     ...
 * Each file's hash is the SHA-256 of its content with CRLF and CR line
 * endings turned into LF.  The chained total is
 *     h_0 = SHA-256(""),  h_i = SHA-256(h_{i-1} hex || " " || name || " " || hash_i hex)
 * over the lines in order, so that changing, inserting, removing or
 * reordering any file changes it.  Hashing is nettle's SHA-256. */
#ifndef DG_SUM_H
#define DG_SUM_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"
#include "migrations/mfolder.h"

#define DG_SUM_FILE "dalgen.sum"

/* SHA-256 of `data` with line endings normalised, as 64 hex digits + NUL. */
void dg_sha256_hex_normalized(const char *data, size_t len, char out[65]);

/* Content of dalgen.sum for the folder's files. Caller frees. */
char *dg_sum_render(const dg_mfolder *f);

/* Writes dir/dalgen.sum (atomically, untouched when unchanged). 0 or -1. */
int dg_sum_write(const dg_mfolder *f, dg_diags *d);

/* Checks dir/dalgen.sum against the folder.  Every edited, inserted,
 * removed or reordered file is reported by name through `d`.  A missing
 * dalgen.sum is an error unless `missing_ok`.  Returns 0 when they agree,
 * -1 otherwise. */
int dg_sum_verify(const dg_mfolder *f, bool missing_ok, dg_diags *d);

#endif
