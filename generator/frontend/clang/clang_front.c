/* clang_front.c - dg_clang_load: annotated header -> DDL -> schema model.
 *
 * The header's structs are written as DDL (clang_ddl.c) and that DDL is
 * loaded by the SQL front end, so a header and the equivalent hand-written
 * DDL give the same model by construction.  Locations are then moved from
 * the DDL text back to the header. */
#include "frontend/clang_front.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "frontend/sources.h"
#include "frontend/clang/clang_ddl.h"
#include "frontend/clang/clang_tu.h"
#include "frontend/clang/clang_walk.h"

typedef struct remap {
    const dg_cddl *ddl;
    const char    *tmp;    /* the name the DDL is loaded under */
    dg_schema     *into;
} remap;

static void fix_loc(const remap *r, dg_loc *loc)
{
    if (!loc->file || strcmp(loc->file, r->tmp) != 0) return;
    dg_loc o = dg_cddl_origin(r->ddl, loc->line);
    loc->file = o.file ? dg_schema_intern_file(r->into, o.file) : NULL;
    loc->line = o.line;
    loc->col = o.col;
}

static void fix_annotations(const remap *r, dg_annotations *a)
{
    for (size_t i = 0; i < a->len; i++) fix_loc(r, &a->items[i].loc);
}

static void fix_table(const remap *r, dg_table *t)
{
    fix_loc(r, &t->loc);
    fix_annotations(r, &t->annotations);
    for (size_t i = 0; i < t->columns.len; i++) {
        fix_loc(r, &t->columns.items[i].loc);
        fix_annotations(r, &t->columns.items[i].annotations);
    }
    for (size_t i = 0; i < t->uniques.len; i++) fix_loc(r, &t->uniques.items[i].loc);
    for (size_t i = 0; i < t->checks.len; i++) fix_loc(r, &t->checks.items[i].loc);
    for (size_t i = 0; i < t->foreign_keys.len; i++) fix_loc(r, &t->foreign_keys.items[i].loc);
}

/* An error of the SQL front end at a line of the DDL, moved to the header
 * line that DDL line came from (the header itself when none did). */
static void fix_diag_loc(const remap *r, const char *header, dg_diag *g)
{
    if (!g->loc.file || strcmp(g->loc.file, r->tmp) != 0 || g->loc.line <= 0) return;
    dg_loc o = dg_cddl_origin(r->ddl, g->loc.line);
    dg_diag_set_loc(g, o.file ? o : (dg_loc){header, 0, 0});
}

/* Hands the SQL front end's errors about the DDL to d at header locations.
 * Its warnings (and notes) are left out: loading the header's model into the command's
 * schema (dg_schema_load) checks the same DDL again and reports them there,
 * already at header locations. */
static void forward_diagnostics(const remap *r, const char *header, dg_diags *inner, dg_diags *d)
{
    for (size_t i = 0; i < inner->len; i++) {
        dg_diag *g = &inner->items[i];
        if (g->severity != DG_SEV_ERROR) {
            dg_diag_free(g);
            continue;
        }
        fix_diag_loc(r, header, g);
        dg_diags_add(d, *g);   /* d owns the record now */
    }
    inner->len = 0;
    dg_diags_free(inner);
}

/* Loads `ddl` with the SQL front end, from memory under a name of its own. */
static int load_ddl(const char *header, const dg_cddl *ddl, dg_schema *into, dg_schema **out, dg_diags *d)
{
    char *tmp = dg_xprintf("(DDL of %s)", header);
    dg_diags inner = DG_DIAGS_INIT;
    int rc = dg_schema_load_text(tmp, ddl->text.data ? ddl->text.data : "", ddl->text.len, out, &inner);
    remap r = {ddl, tmp, into};
    forward_diagnostics(&r, header, &inner, d);
    if (rc == 0) {
        for (size_t i = 0; i < (*out)->tables.len; i++) fix_table(&r, &(*out)->tables.items[i]);
        for (size_t i = 0; i < (*out)->indexes.len; i++) fix_loc(&r, &(*out)->indexes.items[i].loc);
    }
    free(tmp);
    return rc;
}

/* Moves the tables and indexes of `from` to the end of `into`. */
static void move_objects(dg_schema *from, dg_schema *into, dg_diags *d)
{
    for (size_t i = 0; i < from->tables.len; i++) {
        dg_table *t = &from->tables.items[i];
        if (dg_schema_table(into, t->name)) {
            dg_error(d, t->loc, "table '%s' is already defined by an earlier schema source", t->name);
            continue;
        }
        DG_VEC_PUSH(&into->tables, *t);
        memset(t, 0, sizeof *t);
    }
    for (size_t i = 0; i < from->indexes.len; i++) {
        DG_VEC_PUSH(&into->indexes, from->indexes.items[i]);
        memset(&from->indexes.items[i], 0, sizeof from->indexes.items[i]);
    }
}

/* Parses the header and collects its DAL_TABLE structs (at least one). */
static int header_tables(const char *header, const dg_strings *clang_args, dg_strings *files, dg_ctables *tables,
                         dg_diags *d)
{
    dg_ctu tu;
    if (dg_ctu_parse(header, clang_args, files, &tu, d) != 0) return -1;
    int rc = dg_clang_walk(&tu, header, tables, d);
    dg_ctu_dispose(&tu);
    if (rc == 0 && tables->len == 0) {
        dg_error(d, (dg_loc){dg_ctu_intern(files, header), 0, 0}, "no struct with DAL_TABLE(\"name\") in this header");
        rc = -1;
    }
    return rc;
}

int dg_clang_ddl(const char *header, const dg_strings *clang_args, char **out, dg_diags *d)
{
    dg_strings files = {0};
    dg_ctables tables = {0};
    *out = NULL;
    int rc = header_tables(header, clang_args, &files, &tables, d);
    if (rc == 0) {
        dg_cddl ddl;
        dg_cddl_build(&tables, &ddl);
        *out = dg_buf_steal(&ddl.text);
        dg_cddl_free(&ddl);
    }
    dg_ctables_free(&tables);
    dg_strings_free(&files);
    return rc;
}

int dg_clang_load(const char *header, const dg_strings *clang_args, dg_schema *into, dg_diags *d)
{
    dg_strings files = {0};
    dg_ctables tables = {0};
    int errors_before = d ? d->errors : 0;
    int rc = header_tables(header, clang_args, &files, &tables, d);
    if (rc == 0) {
        dg_cddl ddl;
        dg_cddl_build(&tables, &ddl);
        dg_schema *loaded = NULL;
        rc = load_ddl(header, &ddl, into, &loaded, d);
        if (rc == 0) move_objects(loaded, into, d);
        dg_schema_free(loaded);
        dg_cddl_free(&ddl);
    }
    dg_ctables_free(&tables);
    dg_strings_free(&files);
    if (d && d->errors > errors_before) rc = -1;
    return rc;
}
