/* The model as JSON (jansson), keys in the order docs/schema.md lists. */
#include <jansson.h>
#include <string.h>

#include "util/buf.h"
#include "model/schema_print.h"

typedef struct jopts {
    bool locations;
    bool above;
} jopts;

/* A JSON string of `s` ("" for NULL); bytes that are not UTF-8 (a database
 * can hold any) become U+FFFD, as jansson refuses them. */
static json_t *jstr(const char *s)
{
    json_t *j = json_string(s ? s : "");
    if (j) return j;
    dg_buf b = DG_BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t k = *p < 0x80 ? 0 : (*p >> 5) == 6 ? 1 : (*p >> 4) == 14 ? 2 : (*p >> 3) == 30 ? 3 : 9;
        bool ok = k != 9;
        for (size_t i = 1; ok && i <= k; i++) ok = (p[i] & 0xC0) == 0x80;
        if (ok) {
            dg_buf_append(&b, p, k + 1);
            p += k + 1;
        } else {
            dg_buf_puts(&b, "\xEF\xBF\xBD");
            p++;
        }
    }
    j = json_string(dg_buf_cstr(&b));
    dg_buf_free(&b);
    return j ? j : json_string("");
}

static json_t *str_or_null(const char *s) { return s ? jstr(s) : json_null(); }

static json_t *strings(const dg_strings *v)
{
    json_t *a = json_array();
    for (size_t i = 0; i < v->len; i++) json_array_append_new(a, jstr(v->items[i]));
    return a;
}

static void put_loc(json_t *o, dg_loc loc, const jopts *op)
{
    if (!op->locations) return;
    if (!loc.file || loc.line <= 0) {
        json_object_set_new(o, "loc", json_null());
        return;
    }
    json_t *l = json_object();
    json_object_set_new(l, "file", jstr(loc.file));
    json_object_set_new(l, "line", json_integer(loc.line));
    json_object_set_new(l, "col", json_integer(loc.col));
    json_object_set_new(o, "loc", l);
}

static json_t *annotations(const dg_annotations *a, const jopts *op)
{
    json_t *o = json_object();
    for (size_t i = 0; i < a->len; i++)
        if (op->above || !a->items[i].above) json_object_set_new(o, a->items[i].key, jstr(a->items[i].value));
    return o;
}

static const char *generated_name(dg_generated g)
{
    return g == DG_GEN_STORED ? "stored" : g == DG_GEN_VIRTUAL ? "virtual" : NULL;
}

static json_t *column(const dg_column *c, const jopts *op)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", jstr(c->name));
    json_object_set_new(o, "type", jstr(c->type));
    json_object_set_new(o, "not_null", json_boolean(c->not_null));
    json_object_set_new(o, "default", str_or_null(c->default_sql));
    json_object_set_new(o, "pk", json_integer(c->pk));
    json_object_set_new(o, "collation", str_or_null(c->collation));
    json_object_set_new(o, "generated", str_or_null(generated_name(c->generated)));
    json_object_set_new(o, "hidden", json_boolean(c->hidden));
    json_object_set_new(o, "annotations", annotations(&c->annotations, op));
    json_object_set_new(o, "affinity", jstr(dg_affinity_name(c->affinity)));
    json_object_set_new(o, "pk_desc", json_boolean(c->pk_desc));
    json_object_set_new(o, "generated_expr", str_or_null(c->generated_expr));
    json_object_set_new(o, "autoincrement", json_boolean(c->autoincrement));
    json_object_set_new(o, "unique", json_boolean(c->unique));
    json_object_set_new(o, "not_null_conflict", str_or_null(c->not_null_conflict));
    put_loc(o, c->loc, op);
    return o;
}

static json_t *foreign_key(const dg_foreign_key *fk, const jopts *op)
{
    json_t *o = json_object();
    json_object_set_new(o, "columns", strings(&fk->columns));
    json_object_set_new(o, "table", jstr(fk->table));
    json_object_set_new(o, "to", strings(&fk->to));
    json_object_set_new(o, "on_delete", str_or_null(fk->on_delete));
    json_object_set_new(o, "on_update", str_or_null(fk->on_update));
    json_object_set_new(o, "deferrable", json_boolean(fk->deferrable));
    json_object_set_new(o, "name", str_or_null(fk->name));
    json_object_set_new(o, "deferrable_sql", str_or_null(fk->deferrable_sql));
    json_object_set_new(o, "match", str_or_null(fk->match));
    put_loc(o, fk->loc, op);
    return o;
}

static json_t *table(const dg_table *t, const jopts *op)
{
    json_t *o = json_object(), *cols = json_array(), *fks = json_array(), *cks = json_array(), *us = json_array();
    json_object_set_new(o, "name", jstr(t->name));
    json_object_set_new(o, "strict", json_boolean(t->strict));
    json_object_set_new(o, "without_rowid", json_boolean(t->without_rowid));
    json_object_set_new(o, "annotations", annotations(&t->annotations, op));
    for (size_t i = 0; i < t->columns.len; i++) json_array_append_new(cols, column(&t->columns.items[i], op));
    json_object_set_new(o, "columns", cols);
    for (size_t i = 0; i < t->foreign_keys.len; i++) json_array_append_new(fks, foreign_key(&t->foreign_keys.items[i], op));
    json_object_set_new(o, "foreign_keys", fks);
    for (size_t i = 0; i < t->checks.len; i++) {
        const dg_check *c = &t->checks.items[i];
        json_t *ck = json_object();
        json_object_set_new(ck, "name", str_or_null(c->name));
        json_object_set_new(ck, "expr", jstr(c->expr));
        json_object_set_new(ck, "column", c->column >= 0 ? jstr(t->columns.items[c->column].name) : json_null());
        put_loc(ck, c->loc, op);
        json_array_append_new(cks, ck);
    }
    json_object_set_new(o, "checks", cks);
    json_object_set_new(o, "pk_name", str_or_null(t->pk_name));
    json_object_set_new(o, "pk_conflict", str_or_null(t->pk_conflict));
    json_t *pkt = json_array();
    for (size_t i = 0; i < t->pk_terms.len; i++) {
        const dg_index_term *k = &t->pk_terms.items[i];
        json_t *ko = json_object();
        json_object_set_new(ko, "column", jstr(k->column));
        json_object_set_new(ko, "desc", json_boolean(k->desc));
        json_object_set_new(ko, "collation", str_or_null(k->collation));
        json_array_append_new(pkt, ko);
    }
    json_object_set_new(o, "pk_terms", pkt);
    for (size_t i = 0; i < t->uniques.len; i++) {
        const dg_unique *u = &t->uniques.items[i];
        json_t *uo = json_object();
        json_object_set_new(uo, "name", str_or_null(u->name));
        json_object_set_new(uo, "columns", strings(&u->columns));
        json_object_set_new(uo, "conflict", str_or_null(u->conflict));
        put_loc(uo, u->loc, op);
        json_array_append_new(us, uo);
    }
    json_object_set_new(o, "uniques", us);
    json_object_set_new(o, "module", str_or_null(t->module));
    json_object_set_new(o, "module_args", str_or_null(t->module_args));
    put_loc(o, t->loc, op);
    return o;
}

static json_t *index_json(const dg_index *ix, const jopts *op)
{
    json_t *o = json_object(), *cols = json_array(), *terms = json_array();
    json_object_set_new(o, "name", jstr(ix->name));
    json_object_set_new(o, "table", jstr(ix->table));
    json_object_set_new(o, "unique", json_boolean(ix->unique));
    for (size_t i = 0; i < ix->terms.len; i++) {
        const dg_index_term *t = &ix->terms.items[i];
        if (t->column) {
            json_array_append_new(cols, jstr(t->column));
        } else {
            json_t *e = json_object();
            json_object_set_new(e, "expr", jstr(t->expr));
            json_array_append_new(cols, e);
        }
        json_t *to = json_object();
        json_object_set_new(to, "column", str_or_null(t->column));
        json_object_set_new(to, "expr", str_or_null(t->expr));
        json_object_set_new(to, "desc", json_boolean(t->desc));
        json_object_set_new(to, "collation", str_or_null(t->collation));
        json_array_append_new(terms, to);
    }
    json_object_set_new(o, "columns", cols);
    json_object_set_new(o, "where", str_or_null(ix->where));
    json_object_set_new(o, "terms", terms);
    put_loc(o, ix->loc, op);
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
    json_object_set_new(o, "name", jstr(v->name));
    json_object_set_new(o, "sql", jstr(v->sql));
    for (size_t i = 0; i < v->columns.len; i++) {
        json_t *c = json_object();
        json_object_set_new(c, "name", jstr(v->columns.items[i].name));
        json_object_set_new(c, "decltype", str_or_null(v->columns.items[i].decltype));
        json_object_set_new(c, "affinity", jstr(dg_affinity_name(v->columns.items[i].affinity)));
        json_array_append_new(cols, c);
    }
    json_object_set_new(o, "columns", cols);
    json_object_set_new(o, "annotations", annotations(&v->annotations, op));
    put_loc(o, v->loc, op);
    return o;
}

static json_t *trigger_json(const dg_trigger *tr, const jopts *op)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", jstr(tr->name));
    json_object_set_new(o, "table", jstr(tr->table));
    json_object_set_new(o, "sql", jstr(tr->sql));
    json_object_set_new(o, "timing", jstr(timing_name(tr->timing)));
    json_object_set_new(o, "event", jstr(event_name(tr->event)));
    put_loc(o, tr->loc, op);
    return o;
}

char *dg_schema_to_json_ex(const dg_schema *s, bool locations, bool above_annotations)
{
    jopts op = {locations, above_annotations};
    json_t *root = json_object(), *a;
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
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    char *out = dg_xprintf("%s\n", text ? text : "{}");
    free(text);
    return out;
}

char *dg_schema_to_json(const dg_schema *s)
{
    return dg_schema_to_json_ex(s, true, true);
}
