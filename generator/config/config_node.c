/* config_node.c - typed, located access to the nodes of a YAML document
 * (config_int.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"
#include "util/buf.h"
#include "util/nearest.h"

dg_loc dg_config__loc(const dg_yctx *c, const yaml_node_t *n)
{
    if (!n) return (dg_loc){c->file, 1, 1};
    return (dg_loc){c->file, (int)n->start_mark.line + 1, (int)n->start_mark.column + 1};
}

yaml_node_t *dg_config__get(dg_yctx *c, int index)
{
    return yaml_document_get_node(&c->doc, index);
}

static const char *text(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

bool dg_config__is_null(const yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
    const char *t = text(n);
    return !*t || !strcmp(t, "~") || !strcmp(t, "null") || !strcmp(t, "Null") || !strcmp(t, "NULL");
}

const char *dg_config__kind(const yaml_node_t *n)
{
    if (n->type == YAML_SEQUENCE_NODE) return "a list";
    if (n->type == YAML_MAPPING_NODE) return "a mapping";
    if (dg_config__is_null(n)) return "empty";
    return n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? "a plain value" : "a string";
}

const char *dg_config__str(dg_yctx *c, const yaml_node_t *n, const char *key)
{
    if (n->type == YAML_SCALAR_NODE) return text(n);
    dg_error(c->d, dg_config__loc(c, n), "'%s' must be a string, not %s", key, dg_config__kind(n));
    return NULL;
}

char *dg_config__dup(dg_yctx *c, const yaml_node_t *n, const char *key, bool *ok)
{
    if (dg_config__is_null(n)) return NULL;
    const char *s = dg_config__str(c, n, key);
    if (!s) *ok = false;
    return dg_xstrdup(s);
}

static char *resolve(const dg_yctx *c, const char *p)
{
    if (p[0] == '/' || !strcmp(c->dir, ".")) return dg_xstrdup(p);
    return dg_xprintf("%s/%s", c->dir, p);
}

char *dg_config__path(dg_yctx *c, const yaml_node_t *n, const char *key, bool *ok)
{
    if (dg_config__is_null(n)) return NULL;
    const char *s = dg_config__str(c, n, key);
    if (!s) {
        *ok = false;
        return NULL;
    }
    if (!*s) {
        dg_error(c->d, dg_config__loc(c, n), "'%s' must not be empty", key);
        *ok = false;
        return NULL;
    }
    return resolve(c, s);
}

int dg_config__bool(dg_yctx *c, const yaml_node_t *n, const char *key, int *out)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"};
    if (n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
            if (!strcmp(text(n), yes[i])) return *out = 1, 0;
            if (!strcmp(text(n), no[i])) return *out = 0, 0;
        }
    }
    if (n->type == YAML_SCALAR_NODE)
        dg_error(c->d, dg_config__loc(c, n), "'%s' must be true or false, not %s '%s'", key,
                 dg_config__kind(n), text(n));
    else
        dg_error(c->d, dg_config__loc(c, n), "'%s' must be true or false, not %s", key, dg_config__kind(n));
    return -1;
}

int dg_config__int(dg_yctx *c, const yaml_node_t *n, const char *key, long *out)
{
    if (n->type == YAML_SCALAR_NODE && *text(n)) {
        char *end;
        errno = 0;
        long v = strtol(text(n), &end, 10);
        if (!*end && errno == 0) return *out = v, 0;
    }
    if (n->type == YAML_SCALAR_NODE)
        dg_error(c->d, dg_config__loc(c, n), "'%s' must be an integer, not %s '%s'", key,
                 dg_config__kind(n), text(n));
    else
        dg_error(c->d, dg_config__loc(c, n), "'%s' must be an integer, not %s", key, dg_config__kind(n));
    return -1;
}

int dg_config__param_limit(dg_yctx *c, const yaml_node_t *n, long *out)
{
    long v = 0;
    if (dg_config__int(c, n, "query_parameter_limit", &v) != 0) return -1;
    if (v < 0 || v > 1000) {
        dg_error(c->d, dg_config__loc(c, n), "'query_parameter_limit' must be between 0 and 1000, not %ld", v);
        return -1;
    }
    *out = v;
    return 0;
}

int dg_config__strings(dg_yctx *c, const yaml_node_t *n, const char *key, bool paths, dg_strings *out)
{
    if (dg_config__is_null(n)) return 0;
    if (n->type == YAML_SCALAR_NODE) {
        bool ok = true;
        char *s = paths ? dg_config__path(c, n, key, &ok) : dg_xstrdup(text(n));
        if (s) DG_VEC_PUSH(out, s);
        return ok ? 0 : -1;
    }
    if (n->type != YAML_SEQUENCE_NODE) {
        dg_error(c->d, dg_config__loc(c, n), "'%s' must be a string or a list of strings, not %s", key,
                 dg_config__kind(n));
        return -1;
    }
    int rc = 0;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        yaml_node_t *e = dg_config__get(c, *it);
        bool ok = e->type == YAML_SCALAR_NODE && !dg_config__is_null(e);
        if (!ok) {
            dg_error(c->d, dg_config__loc(c, e), "each item of '%s' must be a string, not %s", key,
                     dg_config__kind(e));
            rc = -1;
            continue;
        }
        char *s = paths ? dg_config__path(c, e, key, &ok) : dg_xstrdup(text(e));
        if (s) DG_VEC_PUSH(out, s);
        if (!ok) rc = -1;
    }
    return rc;
}

bool dg_config__is_map(dg_yctx *c, const yaml_node_t *n, const char *key)
{
    if (n->type == YAML_MAPPING_NODE) return true;
    dg_error(c->d, dg_config__loc(c, n), "'%s' must be a mapping, not %s", key, dg_config__kind(n));
    return false;
}

int dg_config__known(dg_yctx *c, const yaml_node_t *key, const char *const *known, size_t n,
                     const char *where)
{
    if (key->type != YAML_SCALAR_NODE) {
        dg_error(c->d, dg_config__loc(c, key), "a key must be a string, not %s", dg_config__kind(key));
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (!strcmp(text(key), known[i])) return (int)i;
    const char *near = dg_nearest(text(key), known, n);
    dg_error(c->d, dg_config__loc(c, key), "unknown key '%s'%s%s%s%s%s", text(key), where ? " " : "",
             where ? where : "", near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
    return -1;
}

bool dg_config__repeated(dg_yctx *c, const yaml_node_t *m, const yaml_node_pair_t *p)
{
    yaml_node_t *k = dg_config__get(c, p->key);
    if (k->type != YAML_SCALAR_NODE) return false;
    for (const yaml_node_pair_t *q = m->data.mapping.pairs.start; q < p; q++) {
        yaml_node_t *e = dg_config__get(c, q->key);
        if (e->type == YAML_SCALAR_NODE && !strcmp(text(e), text(k))) {
            dg_error(c->d, dg_config__loc(c, k), "duplicate key '%s' (first at line %d)", text(k),
                     (int)e->start_mark.line + 1);
            return true;
        }
    }
    return false;
}

yaml_node_t *dg_config__lookup(dg_yctx *c, const yaml_node_t *m, const char *key)
{
    if (!m || m->type != YAML_MAPPING_NODE) return NULL;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = dg_config__get(c, p->key);
        if (k->type == YAML_SCALAR_NODE && !strcmp(text(k), key)) return dg_config__get(c, p->value);
    }
    return NULL;
}

void dg_config__ignored(dg_yctx *c, const yaml_node_t *key, const char *why)
{
    const char *k = key->type == YAML_SCALAR_NODE ? text(key) : "?";
    for (size_t i = 0; i < c->noted.len; i++)
        if (!strcmp(c->noted.items[i], k)) return;
    dg_strings_push(&c->noted, k);
    dg_note(c->d, dg_config__loc(c, key), "'%s' is ignored%s%s", k, why ? " " : "", why ? why : "");
}

void dg_config__job_init(dg_config_job *j, dg_loc loc)
{
    memset(j, 0, sizeof *j);
    j->timestamps = -1;
    j->singularize = -1;
    j->query_parameter_limit = -1;
    j->loc = loc;
    j->engine_loc = loc;
}

void dg_config_missing(const dg_config_job *j, const char *key, dg_diags *d)
{
    dg_error(d, j->loc, "missing required key '%s'", key);
}
