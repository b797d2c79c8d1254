/* batch_image.h - empty b-trees added to a serialized SQLite database
 * (batch.c).  SQLite has no call that makes a b-tree without a CREATE
 * statement; its file format is documented and stable, and an empty b-tree
 * is a page with an 8-byte header, so batch.c grows the database's image
 * by such pages and opens the result (sqlite3_deserialize). */
#ifndef DG_BATCH_IMAGE_H
#define DG_BATCH_IMAGE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* Grows the image *data (*size bytes, from sqlite3_malloc; reallocated in
 * place) to root - 1 + n pages: the pages after its last up to root - 1
 * join the free list, pages root .. root + n - 1 become empty b-trees of
 * types[0..n) (0x0D a rowid table, 0x0A an index or WITHOUT ROWID table).
 * The header then says how many pages there are, that the schema changed,
 * and schema format 4 at least (what SQLite's first CREATE writes).  Returns 0; -1 (the image unchanged) when it already has root
 * pages or more, or memory runs out. */
int dg_image_add_btrees(unsigned char **data, sqlite3_int64 *size, uint32_t root, const unsigned char *types,
                        size_t n);

#endif
