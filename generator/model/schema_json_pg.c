/* schema_json_pg.c - the PostgreSQL keys of `dalgen schema --json`
 * (docs/schema.md, "PostgreSQL"). */
#include <jansson.h>

#include "model/schema_json_int.h"

json_t *dg_json__pg_column(const dg_pg_column *p)
{
    if (!p) return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "type_schema", dg_json__str_or_null(p->type_schema));
    json_object_set_new(o, "type_name", dg_json__str_or_null(p->type_name));
    json_object_set_new(o, "type_kind", dg_json__str_or_null(p->type_kind));
    json_object_set_new(o, "typmod", json_integer(p->typmod));
    json_object_set_new(o, "array_dims", json_integer(p->array_dims));
    json_object_set_new(o, "domain", dg_json__str_or_null(p->domain));
    json_object_set_new(o, "base_type", dg_json__str_or_null(p->base_type));
    json_object_set_new(o, "identity", dg_json__str_or_null(p->identity));
    json_object_set_new(o, "sequence", dg_json__str_or_null(p->sequence));
    json_object_set_new(o, "comment", dg_json__str_or_null(p->comment));
    return o;
}

void dg_json__pg_table(json_t *o, const dg_table *t, bool locations)
{
    json_object_set_new(o, "schema", dg_json__str_or_null(t->schema));
    json_object_set_new(o, "comment", dg_json__str_or_null(t->comment));
    json_t *a = json_array();
    for (size_t i = 0; i < t->exclusions.len; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "name", dg_json__str(t->exclusions.items[i].name));
        json_object_set_new(x, "sql", dg_json__str(t->exclusions.items[i].sql));
        dg_json__put_loc(x, t->exclusions.items[i].loc, locations);
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "exclusions", a);
    if (t->partition_by) json_object_set_new(o, "partition_by", dg_json__str(t->partition_by));
    if (t->partition_of) {
        json_t *p = json_object();
        json_object_set_new(p, "schema", dg_json__str_or_null(t->partition_of_schema));
        json_object_set_new(p, "table", dg_json__str(t->partition_of));
        json_object_set_new(p, "bound", dg_json__str_or_null(t->partition_bound));
        json_object_set_new(o, "partition_of", p);
    }
}

static json_t *enums(const dg_schema *s)
{
    json_t *a = json_array();
    for (size_t i = 0; i < s->enums.len; i++) {
        const dg_pg_enum *e = &s->enums.items[i];
        json_t *o = json_object();
        json_object_set_new(o, "schema", dg_json__str(e->schema));
        json_object_set_new(o, "name", dg_json__str(e->name));
        json_object_set_new(o, "labels", dg_json__strings(&e->labels));
        json_object_set_new(o, "comment", dg_json__str_or_null(e->comment));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *domains(const dg_schema *s)
{
    json_t *a = json_array();
    for (size_t i = 0; i < s->domains.len; i++) {
        const dg_pg_domain *d = &s->domains.items[i];
        json_t *o = json_object(), *cks = json_array();
        json_object_set_new(o, "schema", dg_json__str(d->schema));
        json_object_set_new(o, "name", dg_json__str(d->name));
        json_object_set_new(o, "base", dg_json__str(d->base));
        json_object_set_new(o, "not_null", json_boolean(d->not_null));
        json_object_set_new(o, "default", dg_json__str_or_null(d->default_sql));
        json_object_set_new(o, "collation", dg_json__str_or_null(d->collation));
        for (size_t k = 0; k < d->checks.len; k++) {
            json_t *c = json_object();
            json_object_set_new(c, "name", dg_json__str_or_null(d->checks.items[k].name));
            json_object_set_new(c, "expr", dg_json__str(d->checks.items[k].expr));
            json_array_append_new(cks, c);
        }
        json_object_set_new(o, "checks", cks);
        json_object_set_new(o, "comment", dg_json__str_or_null(d->comment));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *sequences(const dg_schema *s)
{
    json_t *a = json_array();
    for (size_t i = 0; i < s->sequences.len; i++) {
        const dg_pg_sequence *q = &s->sequences.items[i];
        json_t *o = json_object();
        json_object_set_new(o, "schema", dg_json__str(q->schema));
        json_object_set_new(o, "name", dg_json__str(q->name));
        json_object_set_new(o, "type", dg_json__str(q->type));
        json_object_set_new(o, "start", json_integer(q->start));
        json_object_set_new(o, "increment", json_integer(q->increment));
        json_object_set_new(o, "min", json_integer(q->min));
        json_object_set_new(o, "max", json_integer(q->max));
        json_object_set_new(o, "cache", json_integer(q->cache));
        json_object_set_new(o, "cycle", json_boolean(q->cycle));
        json_object_set_new(o, "owned_table", dg_json__str_or_null(q->owned_table));
        json_object_set_new(o, "owned_column", dg_json__str_or_null(q->owned_column));
        json_object_set_new(o, "owner_kind", dg_json__str_or_null(q->owner_kind));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *extensions_functions(const dg_schema *s, bool fns)
{
    json_t *a = json_array();
    size_t n = fns ? s->functions.len : s->extensions.len;
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        if (fns) {
            const dg_pg_function *f = &s->functions.items[i];
            json_object_set_new(o, "schema", dg_json__str(f->schema));
            json_object_set_new(o, "name", dg_json__str(f->name));
            json_object_set_new(o, "args", dg_json__str(f->args));
            json_object_set_new(o, "sql", dg_json__str(f->sql));
        } else {
            const dg_pg_extension *e = &s->extensions.items[i];
            json_object_set_new(o, "name", dg_json__str(e->name));
            json_object_set_new(o, "schema", dg_json__str(e->schema));
            json_object_set_new(o, "version", dg_json__str(e->version));
        }
        json_array_append_new(a, o);
    }
    return a;
}

void dg_json__pg_schema(json_t *root, const dg_schema *s)
{
    json_object_set_new(root, "schemas", dg_json__strings(&s->schemas));
    json_object_set_new(root, "extensions", extensions_functions(s, false));
    json_object_set_new(root, "enums", enums(s));
    json_object_set_new(root, "domains", domains(s));
    json_object_set_new(root, "sequences", sequences(s));
    json_object_set_new(root, "functions", extensions_functions(s, true));
}
