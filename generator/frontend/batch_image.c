/* Empty b-trees appended to a serialized database (batch_image.h), after
 * SQLite's file format: big-endian header fields at fixed offsets (24 the
 * change counter, 28 the size in pages, 32 and 36 the free list's first
 * trunk page and length, 40 the schema cookie, 44 the schema format, 92
 * the change counter the size is valid for), free-list trunk pages, b-tree
 * page headers. */
#include <string.h>

#include "frontend/batch_image.h"

/* The database file's big-endian integers (SQLite's file format). */
static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

typedef struct image {
    unsigned char *data;
    uint32_t       page_size, usable, pages;
} image;

/* Puts the (zeroed) pages [first, first + n) on the free list: trunk pages
 * each naming up to usable/4 - 2 leaf pages, chained before the list the
 * header names. */
static void free_pages(image *im, uint32_t first, uint32_t n)
{
    uint32_t cap = im->usable / 4 - 2, at = first, end = first + n;
    while (at < end) {
        uint32_t trunk = at++, leaves = end - at < cap ? end - at : cap;
        unsigned char *p = im->data + (size_t)(trunk - 1) * im->page_size;
        put32(p, get32(im->data + 32));
        put32(p + 4, leaves);
        for (uint32_t k = 0; k < leaves; k++) put32(p + 8 + 4 * k, at++);
        put32(im->data + 32, trunk);
    }
    put32(im->data + 36, get32(im->data + 36) + n);
}

/* An empty b-tree on page `no`: a leaf of `type` (0x0D table, 0x0A index)
 * with no cells, its content area starting at the end of the usable space. */
static void empty_btree(image *im, uint32_t no, unsigned char type)
{
    unsigned char *p = im->data + (size_t)(no - 1) * im->page_size;
    p[0] = type;
    p[5] = (unsigned char)((im->usable >> 8) & 0xFF);   /* 65536 is written as 0 */
    p[6] = (unsigned char)(im->usable & 0xFF);
}

int dg_image_add_btrees(unsigned char **data, sqlite3_int64 *size, uint32_t root, const unsigned char *types,
                        size_t n)
{
    unsigned char *d = *data;
    image im = {d, (uint32_t)d[16] << 8 | (uint32_t)d[17], 0, 0};
    if (im.page_size == 1) im.page_size = 65536;
    im.usable = im.page_size - (uint32_t)d[20];
    im.pages = (uint32_t)(*size / im.page_size);
    uint32_t total = root - 1 + (uint32_t)n;
    if (im.pages >= root) return -1;
    d = sqlite3_realloc64(d, (sqlite3_uint64)total * im.page_size);
    if (!d) return -1;
    im.data = *data = d;
    memset(d + (size_t)im.pages * im.page_size, 0, (size_t)(total - im.pages) * im.page_size);
    if (root > im.pages + 1) free_pages(&im, im.pages + 1, root - 1 - im.pages);
    for (size_t i = 0; i < n; i++) empty_btree(&im, root + (uint32_t)i, types[i]);
    uint32_t change = get32(d + 24) + 1;
    put32(d + 24, change);
    put32(d + 92, change);   /* "version valid for": the size below is to be believed */
    put32(d + 28, total);
    put32(d + 40, get32(d + 40) + 1);   /* the schema cookie */
    if (get32(d + 44) < 4) put32(d + 44, 4);   /* the schema format SQLite's first CREATE sets (DESC indexes) */
    *size = (sqlite3_int64)total * im.page_size;
    return 0;
}
