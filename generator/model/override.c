/* override.c - overrides from a config file applied to a schema as
 * annotations (override.h). */
#include <stdlib.h>
#include <string.h>

#include "model/override.h"
#include "util/nearest.h"

void dg_override_free(dg_override *o)
{
    free(o->column);
    free(o->db_type);
    free(o->c_type);
    free(o->read);
    free(o->name);
    memset(o, 0, sizeof *o);
}

void dg_overrides_free(dg_overrides *v)
{
    for (size_t i = 0; i < v->len; i++) dg_override_free(&v->items[i]);
    free(v->items);
    memset(v, 0, sizeof *v);
}

/* The @type word of a c_type spelling, NULL when unknown. */
static const char *type_word(const char *c_type)
{
    static const struct { const char *spelling, *word; } map[] = {
        {"int64", "int64"}, {"int64_t", "int64"}, {"integer", "int64"},
        {"double", "double"}, {"real", "double"},
        {"bool", "bool"}, {"boolean", "bool"},
        {"text", "text"}, {"string", "text"}, {"const char *", "text"}, {"const char*", "text"},
        {"blob", "blob"}, {"dal_blob", "blob"},
        {"value", "value"}, {"dal_value", "value"}, {"any", "value"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!dg_strcasecmp_ascii(c_type, map[i].spelling)) return map[i].word;
    return NULL;
}

bool dg_override_c_type_known(const char *c_type) { return type_word(c_type) != NULL; }

/* The declared type's name without its size ("VARCHAR(36)" -> "VARCHAR"),
 * trimmed, into buf. */
static void base_type(const char *decl, char *buf, size_t cap)
{
    size_t n = 0;
    while (*decl == ' ' || *decl == '\t') decl++;
    for (; *decl && *decl != '(' && n + 1 < cap; decl++) buf[n++] = *decl;
    while (n && (buf[n - 1] == ' ' || buf[n - 1] == '\t')) n--;
    buf[n] = '\0';
}

static bool db_type_matches(const dg_override *o, const dg_column *c)
{
    if (o->nullable >= 0 && (o->nullable == 1) == (c->not_null || c->pk)) return false;
    char a[128], b[128];
    if (strchr(o->db_type, '(')) return !dg_strcasecmp_ascii(o->db_type, c->type);
    base_type(o->db_type, a, sizeof a);
    base_type(c->type, b, sizeof b);
    return *a && !dg_strcasecmp_ascii(a, b);
}

static void annotate(dg_column *c, const dg_override *o)
{
    if (o->c_type) dg_annotations_add(&c->annotations, "type", type_word(o->c_type), o->loc);
    if (o->read) dg_annotations_add(&c->annotations, "read", o->read, o->loc);
    if (o->name) dg_annotations_add(&c->annotations, "name", o->name, o->loc);
}

static const char *nearest_table(const dg_schema *s, const char *name)
{
    DG_VEC(const char *) names = {0};
    for (size_t i = 0; i < s->tables.len; i++) DG_VEC_PUSH(&names, s->tables.items[i].name);
    const char *n = dg_nearest(name, names.items, names.len);
    free(names.items);
    return n;
}

static const char *nearest_column(const dg_table *t, const char *name)
{
    DG_VEC(const char *) names = {0};
    for (size_t i = 0; i < t->columns.len; i++) DG_VEC_PUSH(&names, t->columns.items[i].name);
    const char *n = dg_nearest(name, names.items, names.len);
    free(names.items);
    return n;
}

static int apply_column(dg_schema *s, const dg_override *o, dg_diags *d)
{
    const char *dot = strrchr(o->column, '.');
    if (!dot || dot == o->column || !dot[1]) {
        dg_error(d, o->loc, "override column '%s' is not 'table.column'", o->column);
        return -1;
    }
    char *tname = strndup(o->column, (size_t)(dot - o->column));
    /* schema.table.column names the table of that schema (baz.users.name) */
    char *sdot = strchr(tname, '.'), *sch = sdot ? strndup(tname, (size_t)(sdot - tname)) : NULL;
    dg_table *t = dg_schema_table_in(s, sch, sdot ? sdot + 1 : tname);
    if (!t && sdot) t = dg_schema_table(s, tname);   /* a table whose name holds a dot */
    free(sch);
    if (!t) {
        const char *near = nearest_table(s, tname);
        dg_error(d, o->loc, "override names no table '%s'%s%s%s", tname, near ? "; did you mean '" : "",
                 near ? near : "", near ? "'?" : "");
        free(tname);
        return -1;
    }
    free(tname);
    dg_column *c = dg_table_column(t, dot + 1);
    if (!c) {
        const char *near = nearest_column(t, dot + 1);
        dg_error(d, o->loc, "table '%s' has no column '%s'%s%s%s", t->name, dot + 1,
                 near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
        return -1;
    }
    annotate(c, o);
    return 0;
}

static void apply_db_type(dg_schema *s, const dg_override *o, dg_diags *d)
{
    int n = 0;
    for (size_t i = 0; i < s->tables.len; i++) {
        dg_table *t = &s->tables.items[i];
        for (size_t j = 0; j < t->columns.len; j++)
            if (db_type_matches(o, &t->columns.items[j])) {
                annotate(&t->columns.items[j], o);
                n++;
            }
    }
    if (!n) dg_warning(d, o->loc, "override of db_type '%s' matches no column", o->db_type);
}

int dg_schema_apply_overrides(dg_schema *s, const dg_overrides *v, dg_diags *d)
{
    /* by type first: a column's own override is the more specific, and the
     * last annotation wins */
    int rc = 0;
    for (size_t i = 0; v && i < v->len; i++)
        if (!v->items[i].column && v->items[i].db_type) apply_db_type(s, &v->items[i], d);
    for (size_t i = 0; v && i < v->len; i++)
        if (v->items[i].column && apply_column(s, &v->items[i], d) != 0) rc = -1;
    return rc;
}
