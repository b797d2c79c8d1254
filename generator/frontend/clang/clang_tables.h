/* clang_tables.h - what the annotated structs of a header say, before it
 * becomes DDL: one dg_ctable per DAL_TABLE struct, one dg_ccol per column.
 *
 * clang_walk.c fills these from the translation unit (clang_types.c maps the
 * field types); clang_ddl.c writes them as CREATE TABLE / CREATE INDEX text,
 * which the SQL front end turns into the schema model. */
#ifndef DG_CLANG_TABLES_H
#define DG_CLANG_TABLES_H

#include <stdbool.h>

#include "model/model.h"
#include "util/diag.h"

typedef struct dg_cindex_ref {
    char  *name;
    bool   unique;
} dg_cindex_ref;

typedef struct dg_ccol {
    char  *field;        /* C field name */
    char  *name;         /* column name (DAL_COLUMN, else the field name) */
    const char *sql_type; /* INTEGER, BOOLEAN, REAL, TEXT, BLOB */
    bool   not_null;
    bool   pk;
    bool   autoincrement;
    bool   unique;
    char  *default_sql;
    char  *collate;
    dg_strings checks;   /* expressions: DAL_CHECK ones, then the type's own (bool, enum) */
    char  *ref_table;
    char  *ref_column;   /* NULL or "" = the parent's primary key */
    char  *on_delete;
    char  *on_update;
    DG_VEC(dg_cindex_ref) indexes;
    dg_annotations annotations;   /* user's, then @c_* ones */
    dg_loc loc;          /* the field's name */
} dg_ccol;

typedef struct dg_ctable {
    char  *name;
    char  *c_struct;     /* how C spells the type: "struct user" or a typedef name */
    bool   strict;
    bool   without_rowid;
    dg_strings checks;
    dg_annotations annotations;
    DG_VEC(dg_ccol) cols;
    dg_loc loc;          /* the struct's name */
} dg_ctable;

typedef DG_VEC(dg_ctable) dg_ctables;

void dg_ctables_free(dg_ctables *v);

/* One parsed DAL annotation: "dal:key=arg1\x1farg2". */
typedef struct dg_cann {
    char  *key;
    char  *arg1;   /* NULL when the annotation has no argument */
    char  *arg2;   /* NULL unless a two-argument annotation */
    dg_loc loc;
} dg_cann;

/* Splits an annotate() text; returns 0, or -1 when it is not a "dal:" one. */
int  dg_cann_parse(const char *text, dg_loc loc, dg_cann *out);
void dg_cann_free(dg_cann *a);

#endif
