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

enum { DK_NONE = 0, DK_INT, DK_BOOL, DK_REAL, DK_TEXT };

/* One case: a table t(a, b) with one CHECK.  type_a is written
 * "TYPE [COLLATE X] [NOT NULL] [DEFAULT v]"; `hints` are values worth trying
 * near. */
typedef struct diff_case {
    const char *type_a;
    int         kind_a;
    const char *type_b;     /* NULL: no column b */
    int         kind_b;
    const char *check;
    const char *hints[6];
} diff_case;

/* The NOT NULL and CHECK rules of one case: 0 when the row violates one. */
typedef int (*diff_check_fn)(const diff_row *row);

/* Written by validate_diffgen: the cases of diff_cases.h, then random ones. */
extern const diff_case diff_all[];
extern const diff_check_fn diff_checks[];
extern const unsigned diff_ncases;

#endif
