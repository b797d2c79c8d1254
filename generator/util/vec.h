/* vec.h - typed growable arrays: `DG_VEC(dg_column) columns;` then
 * `DG_VEC_PUSH(&t->columns, col)`.  Elements are stored by value; the
 * array owns only its storage (free elements yourself, then DG_VEC_FREE). */
#ifndef DG_VEC_H
#define DG_VEC_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define DG_VEC(T) struct { T *items; size_t len; size_t cap; }

/* Expression form: makes room for one more element. */
#define DG_VEC_GROW(v)                                                        \
    ((v)->len == (v)->cap                                                     \
         ? ((v)->cap = (v)->cap ? (v)->cap * 2 : 4,                           \
            (v)->items = dg_xrealloc((v)->items, (v)->cap * sizeof *(v)->items)) \
         : (v)->items)

#define DG_VEC_PUSH(v, value)                                                 \
    do {                                                                      \
        (void)DG_VEC_GROW(v);                                                 \
        (v)->items[(v)->len++] = (value);                                     \
    } while (0)

/* Appends a zeroed element and evaluates to a pointer to it. */
#define DG_VEC_ADD(v)                                                         \
    ((void)DG_VEC_GROW(v),                                                    \
     memset(&(v)->items[(v)->len], 0, sizeof *(v)->items),                   \
     &(v)->items[(v)->len++])

#define DG_VEC_FREE(v)                                                        \
    do {                                                                      \
        free((v)->items);                                                     \
        (v)->items = NULL;                                                    \
        (v)->len = (v)->cap = 0;                                              \
    } while (0)

#endif
