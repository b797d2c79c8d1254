/* clang_types.h - C field types -> SQLite column types (docs/clang.md). */
#ifndef DG_CLANG_TYPES_H
#define DG_CLANG_TYPES_H

#include "frontend/clang/clang_dl.h"
#include <stdbool.h>

#include "model/model.h"

/* The shape of a user's field type, which decides its column's SQL type (how
 * the generated code then holds the column is c/cbind.h's dg_ckind). */
typedef enum dg_cshape {
    DG_CS_SCALAR = 0,   /* integer, bool, floating point, enum */
    DG_CS_STRING,       /* char *, const char * */
    DG_CS_ARRAY,        /* char[N] */
    DG_CS_BLOB          /* dal_blob */
} dg_cshape;

typedef struct dg_cmapped {
    const char *sql_type;    /* INTEGER, BOOLEAN, REAL, TEXT, BLOB (static) */
    dg_cshape    kind;
    bool        pointer;     /* a pointer to a scalar: NULL = SQL NULL */
    bool        is_bool;
    bool        is_enum;
    long long   max_bytes;   /* char[N]: N - 1; otherwise -1 */
    dg_strings  enum_names;  /* enum constants in declaration order */
    DG_VEC(long long) enum_values;
    char       *spelled;     /* the field's type as written; the canonical type
                                for a typedef other than the <stdint.h> names */
    char       *enum_spelled;/* the enum type as written (without the pointer) */
    bool        default_c;   /* spelled is what dalgen would emit for the column */
} dg_cmapped;

/* Maps a field type.  `enum_as_int` selects INTEGER storage for enums.
 * Returns 0, or -1 and sets *why (caller frees) to the reason it cannot be a
 * column.  Free *out with dg_cmapped_free either way. */
int  dg_ctype_map(CXType type, bool enum_as_int, dg_cmapped *out, char **why);
void dg_cmapped_free(dg_cmapped *m);

#endif
