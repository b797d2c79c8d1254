/* fuzz_pg.c - the PostgreSQL front end without a server: any text as a DDL
 * file (split, parsed with libpg_query, refused statements), as a query file
 * (headers, parse, rewrite, nullability; describing the queries needs a
 * server and fails without one, as it must) and as the definition of a view
 * (dalgen's nullability analysis of its columns), against a fixed model of
 * the usual shapes (keys, NULLs, a foreign key, an array, an enum). */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/query/pg/pgq.h"
#include "frontend/pg/pg_front.h"
#include "frontend/sources.h"
#include "util/fsutil.h"

static void add_col(dg_table *t, const char *name, const char *type, const char *kind, int dims, bool not_null,
                    int pk)
{
    dg_column *c = DG_VEC_ADD(&t->columns);
    c->name = dg_xstrdup(name);
    c->type = dg_xstrdup(type);
    c->affinity = DG_AFF_BLOB;
    c->not_null = not_null;
    c->pk = pk;
    c->pg = dg_xcalloc(1, sizeof *c->pg);
    c->pg->type_schema = dg_xstrdup(strcmp(kind, "enum") ? "pg_catalog" : "public");
    c->pg->type_name = dg_xstrdup(type);
    c->pg->type_kind = dg_xstrdup(kind);
    c->pg->typmod = -1;
    c->pg->array_dims = dims;
    if (pk) c->pg->identity = dg_xstrdup("by default");
}

static dg_table *add_table(dg_schema *s, const char *name)
{
    dg_table *t = DG_VEC_ADD(&s->tables);
    t->name = dg_xstrdup(name);
    t->schema = dg_xstrdup("public");
    return t;
}

/* Built once per process (harness state): what a typing server would
 * report for authors (id, name, bio, mood) and books (id, author_id -> authors,
 * title, tags[]). */
static dg_schema *fixed_schema(void)
{
    static dg_schema *s;
    if (s) return s;
    s = dg_schema_new();
    s->engine = DG_ENGINE_POSTGRESQL;
    dg_pg_enum *e = DG_VEC_ADD(&s->enums);
    e->schema = dg_xstrdup("public");
    e->name = dg_xstrdup("mood");
    dg_strings_push(&e->labels, "sad");
    dg_strings_push(&e->labels, "ok");
    dg_table *a = add_table(s, "authors");
    add_col(a, "id", "int8", "base", 0, true, 1);
    add_col(a, "name", "text", "base", 0, true, 0);
    add_col(a, "bio", "text", "base", 0, false, 0);
    add_col(a, "mood", "mood", "enum", 0, false, 0);
    dg_table *b = add_table(s, "books");
    add_col(b, "id", "int4", "base", 0, true, 1);
    add_col(b, "author_id", "int8", "base", 0, true, 0);
    add_col(b, "title", "text", "base", 0, true, 0);
    add_col(b, "tags", "text", "base", 1, false, 0);
    dg_foreign_key *fk = DG_VEC_ADD(&b->foreign_keys);
    fk->table = dg_xstrdup("authors");
    fk->table_schema = dg_xstrdup("public");
    dg_strings_push(&fk->columns, "author_id");
    dg_strings_push(&fk->to, "id");
    fk->on_delete = dg_xstrdup("NO ACTION");
    fk->on_update = dg_xstrdup("NO ACTION");
    return s;
}

static void as_ddl(const char *text, size_t size)
{
    dg_sources src = {0};
    dg_sources_add_text(&src, "fuzz.sql", text, size);
    dg_pg_opts o = {NULL, NULL, false};
    dg_strings paths = {0}, sums = {0};
    dg_diags d = {0};
    (void)dg_pg_schema_files(&src, &o, &paths, &sums, &d);
    dg_strings_free(&paths);
    dg_strings_free(&sums);
    dg_diags_free(&d);
    dg_sources_free(&src);
}

static void as_queries(const uint8_t *data, size_t size)
{
    const char *path = dg_fuzz_write("pgquery.sql", data, size);
    dg_strings paths = {0};
    DG_VEC_PUSH(&paths, dg_xstrdup(path));
    dg_diags d = {0};
    dg_query_set *q = NULL;
    (void)dg_pg_queries_load(&paths, fixed_schema(), NULL, &q, &d);   /* no server: parse and rewrite only */
    dg_query_set_free(q);
    dg_strings_free(&paths);
    dg_diags_free(&d);
}

static void as_view(const char *text, size_t size)
{
    dg_view v;
    memset(&v, 0, sizeof v);
    v.name = "v";
    v.schema = "public";
    v.sql = dg_xstrndup(text, size);
    dg_view_column cols[3];
    memset(cols, 0, sizeof cols);
    cols[0].name = "a", cols[1].name = "b", cols[2].name = "c";
    v.columns.items = cols;
    v.columns.len = v.columns.cap = 3;
    bool out[3];
    dg_pg_view_notnull(fixed_schema(), &v, out);
    free(v.sql);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    as_ddl(text, size);
    as_queries(data, size);
    as_view(text, size);
    return 0;
}
