/* api.h - the public C API a header declares, as api-diff compares it:
 * functions, structs (and unions), their fields, enum constants, and
 * typedefs of other types than structs, unions and enums.
 *
 * Filled by dg_api_load (frontend/clang/clang_api.c, libclang); only
 * declarations written in the header itself count, not those it includes. */
#ifndef DG_API_H
#define DG_API_H

#include "model/model.h"
#include "util/diag.h"

typedef struct dg_api_item {
    char  *owner;   /* struct of a field, enum of a constant; NULL otherwise */
    char  *name;    /* function, struct, field or constant name */
    char  *type;    /* what must not change: function type, field type, constant value */
    char  *text;    /* the declaration as printed in reports */
    dg_loc loc;
} dg_api_item;

typedef DG_VEC(dg_api_item) dg_api_items;

enum { DG_API_FUNCTIONS = 0, DG_API_STRUCTS, DG_API_FIELDS, DG_API_ENUM_VALUES, DG_API_TYPEDEFS, DG_API_KINDS };

typedef struct dg_api {
    dg_api_items items[DG_API_KINDS];   /* each in declaration order */
    dg_strings   files;                 /* dg_loc.file points into these */
} dg_api;

/* Parses `header` with libclang (`clang_args` may be NULL) and fills *out.
 * Returns 0, or -1 after reporting errors (clang's diagnostics included);
 * free *out with dg_api_free either way.  Without libclang: an error. */
int  dg_api_load(const char *header, const dg_strings *clang_args, dg_api *out, dg_diags *d);
void dg_api_free(dg_api *a);

/* Makes every item's location name `file` instead (interned in a->files):
 * for headers read from a temporary folder that reports should not name. */
void dg_api_relabel(dg_api *a, const char *file);

/* Kind names for reports: "functions", "structs", "fields", "enum values",
 * "typedefs". */
const char *dg_api_kind_name(int kind);

#endif
