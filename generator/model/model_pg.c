/* model_pg.c - freeing the PostgreSQL parts of the model (model.h). */
#include <stdlib.h>

#include "model/model.h"

/* dg_strings_free's twin: model.c calls this file, never the reverse. */
static void free_strings(dg_strings *v)
{
    for (size_t i = 0; i < v->len; i++) free(v->items[i]);
    DG_VEC_FREE(v);
}

void dg_pg_column_free(dg_pg_column *p)
{
    if (!p) return;
    free(p->type_schema);
    free(p->type_name);
    free(p->type_kind);
    free(p->domain);
    free(p->base_type);
    free(p->identity);
    free(p->sequence);
    free(p->comment);
    free(p);
}

static void free_checks(dg_pg_domain *d)
{
    for (size_t i = 0; i < d->checks.len; i++) {
        free(d->checks.items[i].name);
        free(d->checks.items[i].expr);
    }
    DG_VEC_FREE(&d->checks);
}

static void free_types(dg_schema *s)
{
    for (size_t i = 0; i < s->enums.len; i++) {
        dg_pg_enum *e = &s->enums.items[i];
        free(e->schema), free(e->name), free(e->comment);
        free_strings(&e->labels);
    }
    DG_VEC_FREE(&s->enums);
    for (size_t i = 0; i < s->domains.len; i++) {
        dg_pg_domain *d = &s->domains.items[i];
        free(d->schema), free(d->name), free(d->base), free(d->default_sql), free(d->collation);
        free(d->comment);
        free_checks(d);
    }
    DG_VEC_FREE(&s->domains);
}

void dg_schema_free_pg(dg_schema *s)
{
    free_strings(&s->schemas);
    for (size_t i = 0; i < s->extensions.len; i++) {
        free(s->extensions.items[i].name);
        free(s->extensions.items[i].schema);
        free(s->extensions.items[i].version);
    }
    DG_VEC_FREE(&s->extensions);
    free_types(s);
    for (size_t i = 0; i < s->sequences.len; i++) {
        dg_pg_sequence *q = &s->sequences.items[i];
        free(q->schema), free(q->name), free(q->type), free(q->owned_table), free(q->owned_column);
        free(q->owner_kind);
    }
    DG_VEC_FREE(&s->sequences);
    for (size_t i = 0; i < s->functions.len; i++) {
        dg_pg_function *f = &s->functions.items[i];
        free(f->schema), free(f->name), free(f->args), free(f->sql);
    }
    DG_VEC_FREE(&s->functions);
}

const char *dg_engine_name(dg_engine e)
{
    return e == DG_ENGINE_POSTGRESQL ? "postgresql" : "sqlite";
}
