/* The model as JSON (jansson), keys in the order docs/schema.md lists. */
#include <jansson.h>
#include <string.h>

#include "util/buf.h"
#include "model/schema_print.h"
#include "model/schema_json_int.h"

typedef struct jopts {
    bool locations;
    bool above;
    bool pg;          /* engine postgresql: its keys too (schema_json_pg.c) */
} jopts;

static const char *generated_name(dg_generated g)
{
    return g == DG_GEN_STORED ? "stored" : g == DG_GEN_VIRTUAL ? "virtual" : NULL;
}

static json_t *column(const dg_column *c, const jopts *op)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", dg_json__str(c->name));
    json_object_set_new(o, "type", dg_json__str(c->type));
    json_object_set_new(o, "not_null", json_boolean(c->not_null));
    json_object_set_new(o, "default", dg_json__str_or_null(c->default_sql));
    json_object_set_new(o, "pk", json_integer(c->pk));
    json_object_set_new(o, "collation", dg_json__str_or_null(c->collation));
    json_object_set_new(o, "generated", dg_json__str_or_null(generated_name(c->generated)));
    json_object_set_new(o, "hidden", json_boolean(c->hidden));
    json_object_set_new(o, "annotations", dg_json__annotations(&c->annotations, op->above));
    json_object_set_new(o, "affinity", dg_json__str(dg_affinity_name(c->affinity)));
    json_object_set_new(o, "pk_desc", json_boolean(c->pk_desc));
    json_object_set_new(o, "generated_expr", dg_json__str_or_null(c->generated_expr));
    json_object_set_new(o, "autoincrement", json_boolean(c->autoincrement));
    json_object_set_new(o, "unique", json_boolean(c->unique));
    json_object_set_new(o, "not_null_conflict", dg_json__str_or_null(c->not_null_conflict));
    if (op->pg) json_object_set_new(o, "pg", dg_json__pg_column(c->pg));
    dg_json__put_loc(o, c->loc, op->locations);
    return o;
}

static json_t *foreign_key(const dg_foreign_key *fk, const jopts *op)
{
    json_t *o = json_object();
    json_object_set_new(o, "columns", dg_json__strings(&fk->columns));
    json_object_set_new(o, "table", dg_json__str(fk->table));
    json_object_set_new(o, "to", dg_json__strings(&fk->to));
    json_object_set_new(o, "on_delete", dg_json__str_or_null(fk->on_delete));
    json_object_set_new(o, "on_update", dg_json__str_or_null(fk->on_update));
    json_object_set_new(o, "deferrable", json_boolean(fk->deferrable));
    json_object_set_new(o, "name", dg_json__str_or_null(fk->name));
    json_object_set_new(o, "deferrable_sql", dg_json__str_or_null(fk->deferrable_sql));
    json_object_set_new(o, "match", dg_json__str_or_null(fk->match));
    if (op->pg) json_object_set_new(o, "table_schema", dg_json__str_or_null(fk->table_schema));
    dg_json__put_loc(o, fk->loc, op->locations);
    return o;
}

static json_t *table(const dg_table *t, const jopts *op)
{
    json_t *o = json_object(), *cols = json_array(), *fks = json_array(), *cks = json_array(), *us = json_array();
    json_object_set_new(o, "name", dg_json__str(t->name));
    json_object_set_new(o, "strict", json_boolean(t->strict));
    json_object_set_new(o, "without_rowid", json_boolean(t->without_rowid));
    if (!op->pg && t->schema) json_object_set_new(o, "schema", dg_json__str(t->schema));   /* ATTACHed */
    json_object_set_new(o, "annotations", dg_json__annotations(&t->annotations, op->above));
    for (size_t i = 0; i < t->columns.len; i++) json_array_append_new(cols, column(&t->columns.items[i], op));
    json_object_set_new(o, "columns", cols);
    for (size_t i = 0; i < t->foreign_keys.len; i++) json_array_append_new(fks, foreign_key(&t->foreign_keys.items[i], op));
    json_object_set_new(o, "foreign_keys", fks);
    for (size_t i = 0; i < t->checks.len; i++) {
        const dg_check *c = &t->checks.items[i];
        json_t *ck = json_object();
        json_object_set_new(ck, "name", dg_json__str_or_null(c->name));
        json_object_set_new(ck, "expr", dg_json__str(c->expr));
        json_object_set_new(ck, "column", c->column >= 0 ? dg_json__str(t->columns.items[c->column].name) : json_null());
        dg_json__put_loc(ck, c->loc, op->locations);
        json_array_append_new(cks, ck);
    }
    json_object_set_new(o, "checks", cks);
    json_object_set_new(o, "pk_name", dg_json__str_or_null(t->pk_name));
    json_object_set_new(o, "pk_conflict", dg_json__str_or_null(t->pk_conflict));
    json_t *pkt = json_array();
    for (size_t i = 0; i < t->pk_terms.len; i++) {
        const dg_index_term *k = &t->pk_terms.items[i];
        json_t *ko = json_object();
        json_object_set_new(ko, "column", dg_json__str(k->column));
        json_object_set_new(ko, "desc", json_boolean(k->desc));
        json_object_set_new(ko, "collation", dg_json__str_or_null(k->collation));
        json_array_append_new(pkt, ko);
    }
    json_object_set_new(o, "pk_terms", pkt);
    for (size_t i = 0; i < t->uniques.len; i++) {
        const dg_unique *u = &t->uniques.items[i];
        json_t *uo = json_object();
        json_object_set_new(uo, "name", dg_json__str_or_null(u->name));
        json_object_set_new(uo, "columns", dg_json__strings(&u->columns));
        json_object_set_new(uo, "conflict", dg_json__str_or_null(u->conflict));
        dg_json__put_loc(uo, u->loc, op->locations);
        json_array_append_new(us, uo);
    }
    json_object_set_new(o, "uniques", us);
    json_object_set_new(o, "module", dg_json__str_or_null(t->module));
    json_object_set_new(o, "module_args", dg_json__str_or_null(t->module_args));
    if (op->pg) dg_json__pg_table(o, t, op->locations);
    dg_json__put_loc(o, t->loc, op->locations);
    return o;
}

static json_t *index_json(const dg_index *ix, const jopts *op)
{
    json_t *o = json_object(), *cols = json_array(), *terms = json_array();
    json_object_set_new(o, "name", dg_json__str(ix->name));
    json_object_set_new(o, "table", dg_json__str(ix->table));
    if (ix->schema) json_object_set_new(o, "schema", dg_json__str(ix->schema));   /* not the default one */
    json_object_set_new(o, "unique", json_boolean(ix->unique));
    for (size_t i = 0; i < ix->terms.len; i++) {
        const dg_index_term *t = &ix->terms.items[i];
        if (t->column) {
            json_array_append_new(cols, dg_json__str(t->column));
        } else {
            json_t *e = json_object();
            json_object_set_new(e, "expr", dg_json__str(t->expr));
            json_array_append_new(cols, e);
        }
        json_t *to = json_object();
        json_object_set_new(to, "column", dg_json__str_or_null(t->column));
        json_object_set_new(to, "expr", dg_json__str_or_null(t->expr));
        json_object_set_new(to, "desc", json_boolean(t->desc));
        json_object_set_new(to, "collation", dg_json__str_or_null(t->collation));
        json_array_append_new(terms, to);
    }
    json_object_set_new(o, "columns", cols);
    json_object_set_new(o, "where", dg_json__str_or_null(ix->where));
    json_object_set_new(o, "terms", terms);
    if (op->pg) {
        json_object_set_new(o, "method", dg_json__str_or_null(ix->method));
        json_object_set_new(o, "include", dg_json__strings(&ix->include));
    }
    dg_json__put_loc(o, ix->loc, op->locations);
    return o;
}

static const char *timing_name(dg_trigger_timing t)
{
    return t == DG_TRIGGER_AFTER ? "AFTER" : t == DG_TRIGGER_INSTEAD_OF ? "INSTEAD OF" : "BEFORE";
}

static const char *event_name(dg_trigger_event e)
{
    return e == DG_TRIGGER_INSERT ? "INSERT" : e == DG_TRIGGER_DELETE ? "DELETE" : "UPDATE";
}

static json_t *view_json(const dg_view *v, const jopts *op)
{
    json_t *o = json_object(), *cols = json_array();
    json_object_set_new(o, "name", dg_json__str(v->name));
    json_object_set_new(o, "sql", dg_json__str(v->sql));
    for (size_t i = 0; i < v->columns.len; i++) {
        json_t *c = json_object();
        json_object_set_new(c, "name", dg_json__str(v->columns.items[i].name));
        json_object_set_new(c, "decltype", dg_json__str_or_null(v->columns.items[i].decltype));
        json_object_set_new(c, "affinity", dg_json__str(dg_affinity_name(v->columns.items[i].affinity)));
        json_array_append_new(cols, c);
    }
    json_object_set_new(o, "columns", cols);
    json_object_set_new(o, "annotations", dg_json__annotations(&v->annotations, op->above));
    if (op->pg) json_object_set_new(o, "schema", dg_json__str_or_null(v->schema));
    dg_json__put_loc(o, v->loc, op->locations);
    return o;
}

static json_t *trigger_json(const dg_trigger *tr, const jopts *op)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", dg_json__str(tr->name));
    json_object_set_new(o, "table", dg_json__str(tr->table));
    json_object_set_new(o, "sql", dg_json__str(tr->sql));
    json_object_set_new(o, "timing", dg_json__str(timing_name(tr->timing)));
    json_object_set_new(o, "event", dg_json__str(event_name(tr->event)));
    if (op->pg) json_object_set_new(o, "function", dg_json__str_or_null(tr->function));
    dg_json__put_loc(o, tr->loc, op->locations);
    return o;
}

char *dg_schema_to_json_ex(const dg_schema *s, bool locations, bool above_annotations)
{
    jopts op = {locations, above_annotations, s->engine == DG_ENGINE_POSTGRESQL};
    json_t *root = json_object(), *a;
    if (op.pg) json_object_set_new(root, "engine", dg_json__str(dg_engine_name(s->engine)));
    a = json_array();
    for (size_t i = 0; i < s->tables.len; i++) json_array_append_new(a, table(&s->tables.items[i], &op));
    json_object_set_new(root, "tables", a);
    a = json_array();
    for (size_t i = 0; i < s->indexes.len; i++) json_array_append_new(a, index_json(&s->indexes.items[i], &op));
    json_object_set_new(root, "indexes", a);
    a = json_array();
    for (size_t i = 0; i < s->views.len; i++) json_array_append_new(a, view_json(&s->views.items[i], &op));
    json_object_set_new(root, "views", a);
    a = json_array();
    for (size_t i = 0; i < s->triggers.len; i++) json_array_append_new(a, trigger_json(&s->triggers.items[i], &op));
    json_object_set_new(root, "triggers", a);
    if (op.pg) dg_json__pg_schema(root, s);
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text) text = dg_xstrdup("{}");
    size_t n = strlen(text);   /* a copy through printf's "%s" costs 40 instructions a byte */
    text = dg_xrealloc(text, n + 2);
    text[n] = '\n';
    text[n + 1] = '\0';
    return text;
}

char *dg_schema_to_json(const dg_schema *s)
{
    return dg_schema_to_json_ex(s, true, true);
}
