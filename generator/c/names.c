/* names.c - applies the naming rules of names.h to a whole schema. */
#include <stdlib.h>
#include <string.h>

#include "c/names.h"
#include "util/map.h"

typedef struct field_name {
    const char *column;   /* borrowed from the schema */
    char       *field;
} field_name;

typedef struct row_names {
    const char *table;    /* borrowed */
    char       *key;      /* row_key's (the maps' key) */
    char       *row;
    char       *strct;
    DG_VEC(field_name) fields;
} row_names;

struct dg_names {
    const dg_schema *s;
    DG_VEC(row_names) rows;
    /* row key -> index of its first row (lookups are per column: no scans);
     * the keys are the rows' own, set once every row is added */
    dg_map exact;
    dg_map folded;     /* the same, ASCII case-insensitive */
};

/* "<schema>\x1f<name>", the schema empty for the default one (tables are
 * keyed by both: two schemas may hold the same name), in `small` (cap
 * bytes) when it fits, else allocated: the caller frees it when it is not
 * `small`.  Built per column looked up: no format to parse. */
static char *row_key(const dg_names *n, const char *schema, const char *table, char *small, size_t cap)
{
    const char *sch = dg_schema_default(n->s, schema) ? "" : schema;
    size_t ls = strlen(sch), lt = strlen(table);
    char *key = ls + lt + 2 <= cap ? small : dg_xmalloc(ls + lt + 2);
    memcpy(key, sch, ls);
    key[ls] = '\x1f';
    memcpy(key + ls + 1, table, lt + 1);
    return key;
}

static void index_rows(dg_names *n)
{
    for (size_t i = 0; i < n->rows.len; i++) {
        dg_map_put(&n->exact, n->rows.items[i].key, i);
        dg_map_put(&n->folded, n->rows.items[i].key, i);
    }
}

/* Location of the last @name annotation (where an error points). */
static dg_loc name_loc(const dg_annotations *a, dg_loc fallback)
{
    for (size_t i = a ? a->len : 0; i-- > 0;)
        if (!strcmp(a->items[i].key, "name")) return a->items[i].loc;
    return fallback;
}

/* The names one table's fields and flags took: a map over them (a table
 * may have hundreds of columns) whose keys are the fields' names (the
 * rows', which outlive it), the has_ flags (in `flags`, owned) or
 * literals. */
typedef struct used_names {
    dg_strings flags;
    dg_map     map;
} used_names;

static bool taken(const used_names *used, const char *name)
{
    size_t at;
    return dg_map_get(&used->map, name, &at);
}

static void use(used_names *used, const char *name)   /* name outlives used */
{
    dg_map_put(&used->map, name, 0);
}

static void used_free(used_names *used)
{
    dg_map_free(&used->map);
    dg_strings_free(&used->flags);
}

/* True when `field` is an identifier the generated code has for a row,
 * P_<row> (its typedef) or P_<row>_... (its patch struct, iterator and
 * functions), or a private P__...: a key parameter named so hid the type
 * (rule 5).  `structs` holds every P_<row>. */
static bool names_generated(const dg_map *structs, const char *prefix, const char *field)
{
    size_t np = strlen(prefix), one;
    if (strncmp(field, prefix, np) != 0 || field[np] != '_') return false;
    if (field[np + 1] == '_') return true;
    for (const char *u = field + np + 1;; u++) {
        if (*u == '_' || *u == '\0') {
            char *head = dg_xstrndup(field, (size_t)(u - field));
            bool hit = dg_map_get(structs, head, &one);
            free(head);
            if (hit) return true;
        }
        if (!*u) return false;
    }
}

/* Field name of one column before collisions: rules 1, 2, 4, 5. */
static char *base_field(const char *column, const dg_annotations *ann, const dg_map *structs, const char *prefix,
                        dg_diags *d, dg_loc loc)
{
    const char *at = ann ? dg_annotation_get(ann, "name") : NULL;
    if (at) {
        if (!dg_is_c_ident(at)) {
            dg_error(d, name_loc(ann, loc), "@name '%s' is not a C identifier", at);
            return NULL;
        }
        return dg_xstrdup(at);
    }
    char *f = dg_c_field_ident(column);
    if (!names_generated(structs, prefix, f)) return f;
    char *g = dg_xprintf("%s_", f);
    free(f);
    return g;
}

/* Claims `base` (or base_2, base_3...) and its has_ flag in `used`;
 * takes base, returns the name (owned by the caller, borrowed by used). */
static char *claim_field(used_names *used, char *base)
{
    char *name = base;
    for (int k = 2;; k++) {
        char *flag = DG_XCAT("has_", name);
        if (!taken(used, name) && !taken(used, flag)) {
            use(used, name);
            DG_VEC_PUSH(&used->flags, flag);
            use(used, flag);
            break;
        }
        free(flag);
        if (name != base) free(name);
        name = dg_xprintf("%s_%d", base, k);
    }
    if (name != base) free(base);
    return name;
}

/* True when `s` (what follows P_<row>_) is something a table generates. */
static bool is_generated_suffix(const char *s)
{
    if (!strncmp(s, "get_by_", 7) || !strncmp(s, "list_by_", 8)) return true;
    for (int i = 0; dg_table_verbs[i]; i++)
        if (!strcmp(s, dg_table_verbs[i])) return true;
    return false;
}

bool dg_names_generates(const dg_names *n, const char *ident)
{
    for (size_t i = 0; n && i < n->rows.len; i++) {
        const char *st = n->rows.items[i].strct;
        size_t len = strlen(st);
        if (strncmp(ident, st, len) != 0) continue;
        if (ident[len] == '\0' || (ident[len] == '_' && is_generated_suffix(ident + len + 1))) return true;
    }
    return false;
}

/* The row names claimed so far, for the rule of rows_collide (two rows
 * collide when some P_<a>... identifier can equal some P_<b>... one: the
 * same name, or one is the other + "_" + a suffix a table generates)
 * without comparing every pair of rows. */
typedef struct claims {
    dg_map rows;           /* claimed names */
    dg_map prefixes;       /* p where a claimed name is p + "_" + a generated suffix */
    dg_strings owned;      /* the prefixes' text */
} claims;

static bool collides(const claims *cl, const char *name)
{
    size_t at;
    if (dg_map_get(&cl->rows, name, &at) || dg_map_get(&cl->prefixes, name, &at)) return true;
    bool hit = false;
    for (const char *u = strchr(name + 1, '_'); u && !hit; u = strchr(u + 1, '_')) {
        if (!is_generated_suffix(u + 1)) continue;
        char *head = dg_xstrndup(name, (size_t)(u - name));
        hit = dg_map_get(&cl->rows, head, &at);
        free(head);
    }
    return hit;
}

static void claim(claims *cl, const char *row)
{
    dg_map_put(&cl->rows, row, 0);
    for (const char *u = row[0] ? strchr(row + 1, '_') : NULL; u; u = strchr(u + 1, '_')) {
        if (!is_generated_suffix(u + 1)) continue;
        DG_VEC_PUSH(&cl->owned, dg_xstrndup(row, (size_t)(u - row)));
        dg_map_put(&cl->prefixes, cl->owned.items[cl->owned.len - 1], 0);
    }
}

static char *claim_row(claims *cl, char *base)
{
    char *name = dg_xstrdup(base);
    for (int k = 2; collides(cl, name); k++) {
        free(name);
        name = dg_xprintf("%s_%d", base, k);
    }
    free(base);
    claim(cl, name);
    return name;
}

/* `schema`: the schema the names carry (dg_schema_c_qualifier: baz.users ->
 * baz_user), NULL for none. */
static char *base_row(const char *schema, const char *table, const dg_annotations *ann, const dg_view_opts *opts,
                      dg_diags *d, dg_loc loc)
{
    const char *at = dg_annotation_get(ann, "name");
    if (at) {
        if (!dg_is_c_ident(at)) {
            dg_error(d, name_loc(ann, loc), "@name '%s' is not a C identifier", at);
            return NULL;
        }
        return dg_xstrdup(at);
    }
    char *qualified = schema ? dg_xprintf("%s_%s", schema, table) : NULL;
    char *s = dg_snake_case(qualified ? qualified : table);
    free(qualified);
    if (!opts->singularize) return s;
    char *one = dg_singular(s);
    free(s);
    return one;
}

static row_names *add_row(dg_names *n, claims *cl, const char *schema, const char *table, const dg_annotations *ann,
                          const dg_view_opts *opts, dg_diags *d, dg_loc loc)
{
    char *base = base_row(dg_schema_c_qualifier(n->s, schema, table), table, ann, opts, d, loc);
    if (!base) return NULL;
    char *row = claim_row(cl, base);
    row_names *r = DG_VEC_ADD(&n->rows);
    r->table = table;
    r->row = row;
    r->strct = DG_XCAT(opts->prefix, "_", r->row);
    char small[128], *key = row_key(n, schema, table, small, sizeof small);
    r->key = key == small ? dg_xstrdup(small) : key;
    return r;
}

static void add_field(row_names *r, used_names *used, const char *column, char *base)
{
    field_name *f = DG_VEC_ADD(&r->fields);
    f->column = column;
    f->field = claim_field(used, base);
}

dg_names *dg_names_build(const dg_schema *s, const dg_view_opts *opts, dg_diags *d)
{
    dg_names *n = dg_xcalloc(1, sizeof *n);
    n->s = s;
    dg_map_init(&n->exact, false);
    dg_map_init(&n->folded, true);
    int errors = 0;
    claims cl = {0};
    dg_map_init(&cl.rows, false);
    dg_map_init(&cl.prefixes, false);
    /* every row first, so that a field can be checked against all of them */
    size_t nobj = s->tables.len + s->views.len, *row_of = dg_xmalloc((nobj + 1) * sizeof *row_of);
    for (size_t i = 0; i < nobj; i++) {
        const dg_table *t = i < s->tables.len ? &s->tables.items[i] : NULL;
        const dg_view *v = t ? NULL : &s->views.items[i - s->tables.len];
        row_names *r = t ? add_row(n, &cl, t->schema, t->name, &t->annotations, opts, d, t->loc)
                         : add_row(n, &cl, v->schema, v->name, &v->annotations, opts, d, v->loc);
        row_of[i] = r ? n->rows.len - 1 : (size_t)-1;
        if (!r) errors++;
    }
    index_rows(n);
    dg_map structs;
    dg_map_init(&structs, false);
    for (size_t i = 0; i < n->rows.len; i++) dg_map_put(&structs, n->rows.items[i].strct, 1);
    for (size_t i = 0; i < s->tables.len; i++) {
        const dg_table *t = &s->tables.items[i];
        if (row_of[i] == (size_t)-1) continue;
        used_names used = {{0}, {0}};
        dg_map_init(&used.map, false);
        if (t->module) use(&used, "rowid");
        for (size_t c = 0; c < t->columns.len; c++) {
            const dg_column *col = &t->columns.items[c];
            char *base = base_field(col->name, &col->annotations, &structs, opts->prefix, d, col->loc);
            if (!base) { errors++; continue; }
            add_field(&n->rows.items[row_of[i]], &used, col->name, base);
        }
        used_free(&used);
    }
    for (size_t i = 0; i < s->views.len; i++) {
        const dg_view *v = &s->views.items[i];
        if (row_of[s->tables.len + i] == (size_t)-1) continue;
        used_names used = {{0}, {0}};
        dg_map_init(&used.map, false);
        for (size_t c = 0; c < v->columns.len; c++)
            add_field(&n->rows.items[row_of[s->tables.len + i]], &used, v->columns.items[c].name,
                      base_field(v->columns.items[c].name, NULL, &structs, opts->prefix, d, v->loc));
        used_free(&used);
    }
    dg_map_free(&structs);
    free(row_of);
    dg_map_free(&cl.rows);
    dg_map_free(&cl.prefixes);
    dg_strings_free(&cl.owned);
    if (errors) {
        dg_names_free(n);
        return NULL;
    }
    return n;
}

void dg_names_free(dg_names *n)
{
    if (!n) return;
    for (size_t i = 0; i < n->rows.len; i++) {
        row_names *r = &n->rows.items[i];
        free(r->key);
        free(r->row);
        free(r->strct);
        for (size_t k = 0; k < r->fields.len; k++) free(r->fields.items[k].field);
        DG_VEC_FREE(&r->fields);
    }
    DG_VEC_FREE(&n->rows);
    dg_map_free(&n->exact);
    dg_map_free(&n->folded);
    free(n);
}

static const row_names *find_row(const dg_names *n, const char *schema, const char *table)
{
    char small[128], *key = row_key(n, schema, table, small, sizeof small);
    size_t i;
    bool hit = dg_map_get(&n->exact, key, &i) || dg_map_get(&n->folded, key, &i);
    if (key != small) free(key);
    return hit ? &n->rows.items[i] : NULL;
}

const char *dg_names_row(const dg_names *n, const char *schema, const char *table)
{
    const row_names *r = find_row(n, schema, table);
    return r ? r->row : NULL;
}

const char *dg_names_struct(const dg_names *n, const char *schema, const char *table)
{
    const row_names *r = find_row(n, schema, table);
    return r ? r->strct : NULL;
}

const char *dg_names_field(const dg_names *n, const char *schema, const char *table, const char *column)
{
    const row_names *r = find_row(n, schema, table);
    if (!r) return NULL;
    for (size_t i = 0; i < r->fields.len; i++)
        if (!strcmp(r->fields.items[i].column, column)) return r->fields.items[i].field;
    for (size_t i = 0; i < r->fields.len; i++)
        if (!dg_strcasecmp_ascii(r->fields.items[i].column, column)) return r->fields.items[i].field;
    return NULL;
}

const char *dg_c_prefix_refusal(const char *prefix)
{
    static const char *const headers[] = {
        "dal", "dal_annotate", "dal_config", "dal_migrate", "dal_pg", "dal_pool", "dal_validate",
        "sqlite3", "sqlite3ext", "libpq_fe", "stdbool", "stddef", "stdint", "string", "stdio",
    };
    if (!dg_is_c_ident(prefix)) return "is not a C identifier";
    for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
        if (!dg_strcasecmp_ascii(prefix, headers[i]))
            return "is reserved: its header and guard (PREFIX.h, PREFIX_H) would be those of a header the "
                   "generated code includes (libdal's, SQLite's, libpq's or the C library's)";
    return NULL;
}
