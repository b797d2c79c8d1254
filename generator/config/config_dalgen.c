/* config_dalgen.c - dalgen.yaml (version 1): one job, every key checked
 * (docs/config.md; docs/dalgen.schema.json says the same for editors). */
#include <string.h>

#include "config/config_int.h"
#include "util/buf.h"
#include "util/nearest.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const c_types[] = {"int64", "double", "bool", "text", "blob", "value",
                                      "int64_t", "const char *", "dal_blob", "dal_value",
                                      "integer", "real", "boolean", "string", "any"};
static const char *const reads[] = {"exact", "lenient", "any"};

/* A value checked against a known set; `known` is what did-you-mean offers. */
static char *one_of(dg_yctx *c, const yaml_node_t *n, const char *key, bool (*ok)(const char *),
                    const char *const *known, size_t nknown, bool *good)
{
    char *v = dg_config__dup(c, n, key, good);
    if (!v || ok(v)) return v;
    const char *near = dg_nearest(v, known, nknown);
    dg_error(c->d, dg_config__loc(c, n), "unknown %s '%s'%s%s%s", key, v, near ? "; did you mean '" : "",
             near ? near : "", near ? "'?" : "");
    *good = false;
    return v;
}

/* The keys of one override mapping into o. */
static bool override_keys(dg_yctx *c, const yaml_node_t *m, dg_override *o)
{
    static const char *const keys[] = {"column", "db_type", "c_type", "read", "name", "nullable"};
    bool ok = true;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *v = dg_config__get(c, p->value);
        int k = dg_config__known(c, dg_config__get(c, p->key), keys, COUNT(keys), "in an override");
        if (k < 0 || dg_config__repeated(c, m, p)) {
            ok = false;
            continue;
        }
        int b = -1;
        switch (k) {
        case 0: o->column = dg_config__dup(c, v, "column", &ok); break;
        case 1: o->db_type = dg_config__dup(c, v, "db_type", &ok); break;
        case 2: o->c_type = one_of(c, v, "c_type", dg_override_c_type_known, c_types, COUNT(c_types), &ok); break;
        case 3: o->read = one_of(c, v, "read", dg_read_known, reads, COUNT(reads), &ok); break;
        case 4: o->name = dg_config__dup(c, v, "name", &ok); break;
        default:
            if (dg_config__bool(c, v, "nullable", &b) != 0) ok = false;
            else o->nullable = b;
            break;
        }
    }
    return ok;
}

/* One `overrides:` item; 0 or -1 after errors. */
static int read_override(dg_yctx *c, const yaml_node_t *m, dg_override *o)
{
    o->nullable = -1;
    o->loc = dg_config__loc(c, m);
    if (!dg_config__is_map(c, m, "overrides item")) return -1;
    bool ok = override_keys(c, m, o);
    const yaml_node_t *nl = dg_config__lookup(c, m, "nullable");
    if (!ok) return -1;
    if (!o->column == !o->db_type) {
        dg_error(c->d, o->loc, "an override names either a 'column' (table.column) or a 'db_type', %s",
                 o->column ? "not both" : "and this one names neither");
        return -1;
    }
    if (o->column && nl) {
        dg_error(c->d, dg_config__loc(c, nl), "'nullable' applies to db_type overrides only");
        return -1;
    }
    if (o->db_type && o->name) {
        dg_error(c->d, o->loc, "'name' applies to column overrides only");
        return -1;
    }
    if (!o->c_type && !o->read && !o->name) {
        dg_error(c->d, o->loc, "the override changes nothing: give 'c_type', 'read' or 'name'");
        return -1;
    }
    return 0;
}

static int read_overrides(dg_yctx *c, const yaml_node_t *n, dg_config_job *j)
{
    if (dg_config__is_null(n)) return 0;
    if (n->type != YAML_SEQUENCE_NODE) {
        dg_error(c->d, dg_config__loc(c, n), "'overrides' must be a list of mappings, not %s", dg_config__kind(n));
        return -1;
    }
    int rc = 0;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        dg_override o;
        memset(&o, 0, sizeof o);
        if (read_override(c, dg_config__get(c, *it), &o) != 0) {
            dg_override_free(&o);
            rc = -1;
            continue;
        }
        DG_VEC_PUSH(&j->overrides, o);
    }
    return rc;
}

static int read_options(dg_yctx *c, const yaml_node_t *n, dg_config_job *j)
{
    static const char *const keys[] = {"timestamps", "singularize", "query_parameter_limit"};
    if (dg_config__is_null(n)) return 0;
    if (!dg_config__is_map(c, n, "options")) return -1;
    int rc = 0;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *v = dg_config__get(c, p->value);
        int k = dg_config__known(c, dg_config__get(c, p->key), keys, COUNT(keys), "in 'options'");
        if (k < 0 || dg_config__repeated(c, n, p)) rc = -1;
        else if (k == 2 && dg_config__param_limit(c, v, &j->query_parameter_limit) != 0) rc = -1;
        else if (k < 2 && dg_config__bool(c, v, keys[k], k == 0 ? &j->timestamps : &j->singularize) != 0) rc = -1;
    }
    return rc;
}

static int read_version(dg_yctx *c, const yaml_node_t *v)
{
    long n = 0;
    if (dg_config__int(c, v, "version", &n) != 0) return -1;
    if (n == 1) return 0;
    dg_error(c->d, dg_config__loc(c, v), "unsupported version %ld: dalgen.yaml is version 1", n);
    return -1;
}

static int read_engine(dg_yctx *c, const yaml_node_t *v, dg_config_job *j)
{
    static const char *const engines[] = {"sqlite", "postgresql"};
    bool ok = true;
    j->engine_loc = dg_config__loc(c, v);
    free(j->engine);
    j->engine = dg_config__dup(c, v, "engine", &ok);
    if (!ok || !j->engine) return ok ? 0 : -1;
    if (!strcmp(j->engine, engines[0]) || !strcmp(j->engine, engines[1])) return 0;
    const char *near = dg_nearest(j->engine, engines, COUNT(engines));
    dg_error(c->d, j->engine_loc, "unknown engine '%s' (sqlite or postgresql)%s%s%s", j->engine,
             near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
    return -1;
}

enum { K_VERSION, K_ENGINE, K_SCHEMA, K_QUERIES, K_MIGRATIONS, K_PREFIX, K_OUT, K_TEMPLATES,
       K_OPTIONS, K_OVERRIDES, K_CLANG_ARGS };

/* One top-level key's value into j. */
static bool read_key(dg_yctx *c, int k, const yaml_node_t *v, dg_config_job *j)
{
    bool ok = true;
    switch (k) {
    case K_VERSION: return read_version(c, v) == 0;
    case K_ENGINE: return read_engine(c, v, j) == 0;
    case K_SCHEMA: return dg_config__strings(c, v, "schema", true, &j->schema) == 0;
    case K_QUERIES: return dg_config__strings(c, v, "queries", true, &j->queries) == 0;
    case K_MIGRATIONS: j->migrations = dg_config__path(c, v, "migrations", &ok); break;
    case K_PREFIX: j->prefix = dg_config__dup(c, v, "prefix", &ok); break;
    case K_OUT: j->out = dg_config__path(c, v, "out", &ok); break;
    case K_TEMPLATES: j->templates = dg_config__path(c, v, "templates", &ok); break;
    case K_OPTIONS: return read_options(c, v, j) == 0;
    case K_OVERRIDES: return read_overrides(c, v, j) == 0;
    default: return dg_config__strings(c, v, "clang_args", false, &j->clang_args) == 0;
    }
    return ok;
}

int dg_config__read_dalgen(dg_yctx *c, dg_config *cfg)
{
    static const char *const keys[] = {"version", "engine",    "schema",  "queries",
                                       "migrations", "prefix", "out",     "templates",
                                       "options", "overrides", "clang_args"};
    yaml_node_t *root = yaml_document_get_root_node(&c->doc);
    if (!dg_config__is_map(c, root, "the file")) return -1;
    dg_config_job *j = DG_VEC_ADD(&cfg->jobs);
    dg_config__job_init(j, dg_config__loc(c, root));
    j->engine = dg_xstrdup("sqlite");
    int rc = 0;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        int k = dg_config__known(c, dg_config__get(c, p->key), keys, COUNT(keys), NULL);
        if (k < 0 || dg_config__repeated(c, root, p) || !read_key(c, k, dg_config__get(c, p->value), j))
            rc = -1;
    }
    if (!dg_config__lookup(c, root, "version")) {
        dg_config_missing(j, "version", c->d);
        rc = -1;
    }
    if (j->prefix && !*j->prefix) {
        dg_error(c->d, dg_config__loc(c, dg_config__lookup(c, root, "prefix")), "'prefix' must not be empty");
        rc = -1;
    }
    return rc;
}
