/* config_sqlc.c - sqlc's own config file (version "2") read as it is: each
 * `sql:` entry with `engine: sqlite` is a job; gen.go's package and out give
 * the prefix and the out folder; gen.go.overrides and the top-level
 * overrides.go.overrides become dg_overrides where the Go type has an
 * obvious C counterpart.  What only Go (or sqlc's cloud, rules, plugins)
 * uses is ignored with one note per key; entries of other engines are
 * skipped with a note. */
#include <ctype.h>
#include <string.h>

#include "config/config_int.h"
#include "util/buf.h"
#include "util/nearest.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *text(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/* The dalgen c_type of a Go type, NULL when there is no obvious one. */
static const char *c_type_of_go(const char *go)
{
    static const struct { const char *go, *c; } map[] = {
        {"string", "text"}, {"database/sql.NullString", "text"}, {"time.Time", "text"},
        {"database/sql.NullTime", "text"}, {"github.com/google/uuid.UUID", "text"},
        {"int", "int64"}, {"int32", "int64"}, {"int64", "int64"}, {"database/sql.NullInt64", "int64"},
        {"database/sql.NullInt32", "int64"}, {"float64", "double"}, {"database/sql.NullFloat64", "double"},
        {"bool", "bool"}, {"database/sql.NullBool", "bool"}, {"[]byte", "blob"},
        {"interface{}", "value"}, {"any", "value"},
    };
    if (*go == '*') go++;   /* a pointer is Go's NULL form; the C binding has its own */
    for (size_t i = 0; i < COUNT(map); i++)
        if (!strcmp(go, map[i].go)) return map[i].c;
    return NULL;
}

/* go_type as a string, or as sqlc's mapping {import, package, type,
 * pointer, slice}: the full Go name ("github.com/google/uuid.UUID"),
 * malloc'ed, or NULL after an error. */
static char *go_type_name(dg_yctx *c, const yaml_node_t *n)
{
    if (n->type == YAML_SCALAR_NODE) return dg_xstrdup(text(n));
    if (!dg_config__is_map(c, n, "go_type")) return NULL;
    yaml_node_t *imp = dg_config__lookup(c, n, "import"), *type = dg_config__lookup(c, n, "type");
    yaml_node_t *slice = dg_config__lookup(c, n, "slice");
    if (!type || type->type != YAML_SCALAR_NODE) {
        dg_error(c->d, dg_config__loc(c, n), "go_type needs a 'type'");
        return NULL;
    }
    int is_slice = 0;
    if (slice && dg_config__bool(c, slice, "slice", &is_slice) != 0) return NULL;
    const char *imp_text = imp && imp->type == YAML_SCALAR_NODE && *text(imp) ? text(imp) : NULL;
    return dg_xprintf("%s%s%s%s", is_slice ? "[]" : "", imp_text ? imp_text : "", imp_text ? "." : "", text(type));
}

/* One sqlc override into o: 1 when made, 0 when skipped (noted), -1 on an
 * error. */
static int sqlc_override(dg_yctx *c, const yaml_node_t *m, dg_override *o)
{
    o->loc = dg_config__loc(c, m);
    if (!dg_config__is_map(c, m, "overrides item")) return -1;
    yaml_node_t *col = dg_config__lookup(c, m, "column"), *dbt = dg_config__lookup(c, m, "db_type");
    yaml_node_t *go = dg_config__lookup(c, m, "go_type"), *nl = dg_config__lookup(c, m, "nullable");
    yaml_node_t *eng = dg_config__lookup(c, m, "engine");
    bool ok = true;
    if (!col == !dbt) {
        dg_error(c->d, o->loc, "an override names either a 'column' or a 'db_type'");
        return -1;
    }
    if (eng && eng->type == YAML_SCALAR_NODE && strcmp(text(eng), "sqlite") != 0) {
        dg_note(c->d, o->loc, "override for engine '%s' skipped", text(eng));
        return 0;
    }
    if (!go) {
        dg_note(c->d, o->loc, "override without a go_type skipped (nothing to map to a C type)");
        return 0;
    }
    char *name = go_type_name(c, go);
    if (!name) return -1;
    const char *ct = c_type_of_go(name);
    if (!ct) {
        dg_note(c->d, dg_config__loc(c, go), "go_type '%s' has no obvious C type; override skipped", name);
        free(name);
        return 0;
    }
    free(name);
    o->c_type = dg_xstrdup(ct);
    o->column = col ? dg_config__dup(c, col, "column", &ok) : NULL;
    o->db_type = dbt ? dg_config__dup(c, dbt, "db_type", &ok) : NULL;
    int b = 0;   /* sqlc: a db_type override is for NOT NULL columns unless nullable: true */
    if (nl && dg_config__bool(c, nl, "nullable", &b) != 0) ok = false;
    o->nullable = col ? -1 : b;
    return ok ? 1 : -1;
}

/* A list of sqlc overrides appended to `out`; 0 or -1. */
static int sqlc_overrides(dg_yctx *c, const yaml_node_t *n, dg_overrides *out)
{
    if (!n || dg_config__is_null(n)) return 0;
    if (n->type != YAML_SEQUENCE_NODE) {
        dg_error(c->d, dg_config__loc(c, n), "'overrides' must be a list, not %s", dg_config__kind(n));
        return -1;
    }
    int rc = 0;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        dg_override o;
        memset(&o, 0, sizeof o);
        int r = sqlc_override(c, dg_config__get(c, *it), &o);
        if (r == 1) DG_VEC_PUSH(out, o);
        else dg_override_free(&o);
        if (r < 0) rc = -1;
    }
    return rc;
}

/* A Go package name made a C identifier: lower case, other characters
 * become '_', '_' before a leading digit. */
static char *prefix_of(const char *pkg)
{
    dg_buf b = DG_BUF_INIT;
    if (isdigit((unsigned char)*pkg)) dg_buf_putc(&b, '_');
    for (const char *p = pkg; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        dg_buf_putc(&b, isalnum(ch) && ch < 128 ? (char)tolower(ch) : '_');
    }
    return dg_buf_steal(&b);
}

/* gen.go: package, out, overrides, query_parameter_limit; the rest is Go's. */
static int read_gen_go(dg_yctx *c, const yaml_node_t *go, dg_config_job *j)
{
    if (!dg_config__is_map(c, go, "go")) return -1;
    int rc = 0;
    bool ok = true;
    for (yaml_node_pair_t *p = go->data.mapping.pairs.start; p < go->data.mapping.pairs.top; p++) {
        yaml_node_t *k = dg_config__get(c, p->key), *v = dg_config__get(c, p->value);
        const char *key = k->type == YAML_SCALAR_NODE ? text(k) : "";
        if (dg_config__repeated(c, go, p)) {   /* a second package or out would replace the first */
            rc = -1;
        } else if (!strcmp(key, "package")) {
            const char *s = dg_config__str(c, v, "package");
            if (s && *s) j->prefix = prefix_of(s);
            else rc = -1;
        } else if (!strcmp(key, "out")) {
            j->out = dg_config__path(c, v, "out", &ok);
        } else if (!strcmp(key, "overrides")) {
            if (sqlc_overrides(c, v, &j->overrides) != 0) rc = -1;
        } else if (!strcmp(key, "query_parameter_limit")) {
            if (dg_config__param_limit(c, v, &j->query_parameter_limit) != 0) rc = -1;
        } else {
            dg_config__ignored(c, k, "(a Go option)");
        }
    }
    return ok ? rc : -1;
}

static int read_gen(dg_yctx *c, const yaml_node_t *gen, dg_config_job *j)
{
    if (!dg_config__is_map(c, gen, "gen")) return -1;
    int rc = 0;
    for (yaml_node_pair_t *p = gen->data.mapping.pairs.start; p < gen->data.mapping.pairs.top; p++) {
        yaml_node_t *k = dg_config__get(c, p->key);
        if (dg_config__repeated(c, gen, p)) {
            rc = -1;
        } else if (k->type == YAML_SCALAR_NODE && !strcmp(text(k), "go")) {
            if (read_gen_go(c, dg_config__get(c, p->value), j) != 0) rc = -1;
        } else {
            dg_config__ignored(c, k, "(dalgen reads gen.go's package, out, overrides and query_parameter_limit)");
        }
    }
    return rc;
}

/* The keys of one sqlite entry into j. */
static int read_entry_keys(dg_yctx *c, const yaml_node_t *e, dg_config_job *j)
{
    static const char *const keys[] = {"name",     "engine", "schema", "queries", "gen",
                                       "database", "analyzer", "rules", "codegen",
                                       "strict_function_checks", "strict_order_by"};
    int rc = 0;
    bool ok = true;
    for (yaml_node_pair_t *p = e->data.mapping.pairs.start; p < e->data.mapping.pairs.top; p++) {
        yaml_node_t *k = dg_config__get(c, p->key), *v = dg_config__get(c, p->value);
        int i = dg_config__known(c, k, keys, COUNT(keys), "in a sql entry");
        if (i < 0 || dg_config__repeated(c, e, p)) rc = -1;
        else if (i == 0) j->name = dg_config__dup(c, v, "name", &ok);
        else if (i == 2) rc |= dg_config__strings(c, v, "schema", true, &j->schema);
        else if (i == 3) rc |= dg_config__strings(c, v, "queries", true, &j->queries);
        else if (i == 4) rc |= read_gen(c, v, j);
        else if (i > 4) dg_config__ignored(c, k, NULL);
    }
    if (!dg_config__lookup(c, e, "schema")) dg_config_missing(j, "schema", c->d), rc = -1;
    if (!dg_config__lookup(c, e, "queries")) dg_config_missing(j, "queries", c->d), rc = -1;
    return ok ? rc : -1;
}

/* One `sql:` item: a job when its engine is sqlite (1), skipped (0), -1 on
 * an error.  `shared` are the top-level overrides, put before its own. */
static int read_entry(dg_yctx *c, const yaml_node_t *e, const dg_overrides *shared, dg_config *cfg)
{
    if (!dg_config__is_map(c, e, "sql item")) return -1;
    yaml_node_t *eng = dg_config__lookup(c, e, "engine");
    if (!eng || eng->type != YAML_SCALAR_NODE) {
        dg_error(c->d, dg_config__loc(c, eng ? eng : e), "a sql entry needs 'engine' (sqlite)");
        return -1;
    }
    if (strcmp(text(eng), "sqlite") != 0) {
        dg_note(c->d, dg_config__loc(c, eng), "sql entry of engine '%s' skipped: dalgen reads the sqlite "
                "entries of sqlc.yaml for now", text(eng));
        return 0;
    }
    dg_config_job *j = DG_VEC_ADD(&cfg->jobs);
    dg_config__job_init(j, dg_config__loc(c, e));
    j->engine = dg_xstrdup("sqlite");
    j->engine_loc = dg_config__loc(c, eng);
    for (size_t i = 0; i < shared->len; i++) {
        dg_override o = shared->items[i];
        o.column = dg_xstrdup(o.column);
        o.db_type = dg_xstrdup(o.db_type);
        o.c_type = dg_xstrdup(o.c_type);
        o.read = dg_xstrdup(o.read);
        o.name = dg_xstrdup(o.name);
        DG_VEC_PUSH(&j->overrides, o);
    }
    return read_entry_keys(c, e, j) == 0 ? 1 : -1;
}

/* Top-level `overrides: {go: {overrides: [...]}}`. */
static int read_top_overrides(dg_yctx *c, const yaml_node_t *n, dg_overrides *out)
{
    if (!dg_config__is_map(c, n, "overrides")) return -1;
    int rc = 0;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = dg_config__get(c, p->key), *v = dg_config__get(c, p->value);
        if (dg_config__repeated(c, n, p)) {
            rc = -1;
            continue;
        }
        if (k->type != YAML_SCALAR_NODE || strcmp(text(k), "go") != 0 || !dg_config__is_map(c, v, "go")) {
            dg_config__ignored(c, k, NULL);
            continue;
        }
        for (yaml_node_pair_t *q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
            yaml_node_t *kk = dg_config__get(c, q->key);
            if (dg_config__repeated(c, v, q))
                rc = -1;
            else if (kk->type == YAML_SCALAR_NODE && !strcmp(text(kk), "overrides"))
                rc |= sqlc_overrides(c, dg_config__get(c, q->value), out);
            else
                dg_config__ignored(c, kk, "(a Go option)");
        }
    }
    return rc;
}

static int check_version(dg_yctx *c, const yaml_node_t *root)
{
    yaml_node_t *v = dg_config__lookup(c, root, "version");
    if (!v) {
        dg_error(c->d, dg_config__loc(c, root), "missing required key 'version' (\"2\")");
        return -1;
    }
    if (v->type == YAML_SCALAR_NODE && !strcmp(text(v), "2")) return 0;
    dg_error(c->d, dg_config__loc(c, v), "sqlc config version %s%s%s is not supported: dalgen reads version \"2\"",
             v->type == YAML_SCALAR_NODE ? "'" : "", v->type == YAML_SCALAR_NODE ? text(v) : "", 
             v->type == YAML_SCALAR_NODE ? "'" : "");
    return -1;
}

/* The `sql:` list. */
static int read_sql(dg_yctx *c, const yaml_node_t *root, const dg_overrides *shared, dg_config *cfg)
{
    yaml_node_t *sql = dg_config__lookup(c, root, "sql");
    if (!sql || sql->type != YAML_SEQUENCE_NODE) {
        dg_error(c->d, dg_config__loc(c, sql ? sql : root), "%s", sql ? "'sql' must be a list" :
                 "missing required key 'sql'");
        return -1;
    }
    int rc = 0;
    for (yaml_node_item_t *it = sql->data.sequence.items.start; it < sql->data.sequence.items.top; it++)
        if (read_entry(c, dg_config__get(c, *it), shared, cfg) < 0) rc = -1;
    if (rc == 0 && cfg->jobs.len == 0) {
        dg_error(c->d, dg_config__loc(c, sql), "no sql entry has engine 'sqlite': nothing to generate");
        rc = -1;
    }
    return rc;
}

int dg_config__read_sqlc(dg_yctx *c, dg_config *cfg)
{
    static const char *const keys[] = {"version", "sql", "overrides", "cloud", "project", "plugins",
                                       "rules", "options"};
    yaml_node_t *root = yaml_document_get_root_node(&c->doc);
    if (!dg_config__is_map(c, root, "the file") || check_version(c, root) != 0) return -1;
    dg_overrides shared = {0};
    int rc = 0;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = dg_config__get(c, p->key);
        int i = dg_config__known(c, k, keys, COUNT(keys), "in sqlc's config");
        if (i < 0 || dg_config__repeated(c, root, p)) rc = -1;
        else if (i == 2) rc |= read_top_overrides(c, dg_config__get(c, p->value), &shared);
        else if (i > 2) dg_config__ignored(c, k, NULL);
    }
    if (rc == 0) rc = read_sql(c, root, &shared, cfg);
    dg_overrides_free(&shared);
    return rc;
}
