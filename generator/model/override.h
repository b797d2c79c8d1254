/* override.h - type, read-mode and name overrides given outside the DDL
 * (dalgen.yaml's `overrides:`, sqlc.yaml's), applied to a loaded schema.
 *
 * An override becomes the same annotations a `-- @type`, `-- @read` or
 * `-- @name` comment on the column would be, so that everything downstream
 * (model/vtype.c, the C binding, the names) has one place to look.  An
 * override wins over an annotation written in the DDL. */
#ifndef DG_OVERRIDE_H
#define DG_OVERRIDE_H

#include "model/model.h"
#include "util/diag.h"
#include "util/vec.h"

typedef struct dg_override {
    char  *column;    /* "table.column" (one column), NULL when by db_type */
    char  *db_type;   /* a declared type ("uuid", "varchar(36)" matches
                         "varchar"), case-insensitive; NULL when by column */
    char  *c_type;    /* int64 | double | bool | text | blob | value (and
                         their C spellings: int64_t, const char *, dal_blob,
                         dal_value); NULL: keep the column's */
    char  *read;      /* exact | lenient | any; NULL: keep */
    char  *name;      /* the C field name; NULL: keep (column overrides only) */
    int    nullable;  /* db_type overrides: -1 every column, 1 only nullable
                         columns, 0 only NOT NULL ones (sqlc's `nullable`) */
    dg_loc loc;       /* where the override is written (file owned by the
                         config that made it) */
} dg_override;

typedef DG_VEC(dg_override) dg_overrides;

void dg_override_free(dg_override *o);
void dg_overrides_free(dg_overrides *v);   /* frees the items and the array */

/* Whether `c_type` is a spelling dalgen knows (the spellings above); a
 * read mode's is dg_read_known (model.h). */
bool dg_override_c_type_known(const char *c_type);

/* Adds each override to the columns it names or matches, as annotations
 * (`type`, `read`, `name`) located at the override.  A column override
 * naming no table or column of s is an error (with the nearest name); a
 * db_type override matching no column is a warning.  Returns 0, or -1 when
 * it reported an error. */
int dg_schema_apply_overrides(dg_schema *s, const dg_overrides *v, dg_diags *d);

#endif
