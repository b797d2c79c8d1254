/* diff_row.h - the row struct the differential test's compiled CHECKs read. */
#ifndef DIFF_ROW_H
#define DIFF_ROW_H

#include <stdbool.h>
#include <stdint.h>

typedef struct diff_row {
    bool        has_a;
    int64_t     ai;
    bool        ab;
    double      ar;
    const char *at;
    bool        has_b;
    int64_t     bi;
    bool        bb;
    double      br;
    const char *bt;
} diff_row;

/* The NOT NULL and CHECK rules of one case: 0 when the row violates one. */
typedef int (*diff_check_fn)(const diff_row *row);

extern const diff_check_fn diff_checks[];
extern const unsigned diff_ncases;

#endif
