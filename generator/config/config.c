/* config.c - loading a config file: libyaml's document, which reader
 * (dalgen.yaml or sqlc.yaml), and freeing (config.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"
#include "util/buf.h"
#include "util/fsutil.h"

bool dg_config_is_sqlc_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return !strcmp(base, "sqlc.yaml") || !strcmp(base, "sqlc.yml") || !strcmp(base, "sqlc.json");
}

static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return dg_xstrdup(".");
    if (slash == path) return dg_xstrdup("/");
    return dg_xstrndup(path, (size_t)(slash - path));
}

/* libyaml's problem at its mark (0-based; printed 1-based). */
static void syntax_error(const yaml_parser_t *p, const char *file, dg_diags *d)
{
    const char *problem = p->problem ? p->problem : "cannot parse the file";
    if (p->error == YAML_READER_ERROR) {
        dg_error(d, (dg_loc){file, 0, 0}, "%s (at byte %zu)", problem, p->problem_offset);
        return;
    }
    dg_loc at = {file, (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1};
    if (p->context)
        dg_error(d, at, "%s (%s at line %d, column %d)", problem, p->context, (int)p->context_mark.line + 1,
                 (int)p->context_mark.column + 1);
    else
        dg_error(d, at, "%s", problem);
}

/* Reads and parses the file into c->doc; 0, or -1 after reporting. */
static int load_doc(dg_yctx *c, dg_diags *d)
{
    char *data = NULL;
    size_t len = 0;
    if (dg_read_file(c->file, &data, &len) != 0) {
        dg_error(d, (dg_loc){c->file, 0, 0}, "cannot read the config file: %s", strerror(errno));
        return -1;
    }
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    int rc = 0;
    if (!yaml_parser_load(&p, &c->doc)) {
        syntax_error(&p, c->file, d);
        rc = -1;
    } else if (!yaml_document_get_root_node(&c->doc)) {
        dg_error(d, (dg_loc){c->file, 0, 0}, "the config file is empty");
        yaml_document_delete(&c->doc);
        rc = -1;
    }
    yaml_parser_delete(&p);
    free(data);
    return rc;
}

/* sqlc's file: by name, or by `version: "2"` (or sqlc's version "1") in a
 * file not named dalgen.yaml / dalgen.yml. */
static bool looks_sqlc(dg_yctx *c)
{
    if (dg_config_is_sqlc_name(c->file)) return true;
    const char *base = strrchr(c->file, '/');
    base = base ? base + 1 : c->file;
    if (!strcmp(base, "dalgen.yaml") || !strcmp(base, "dalgen.yml")) return false;
    yaml_node_t *v = dg_config__lookup(c, yaml_document_get_root_node(&c->doc), "version");
    if (!v || v->type != YAML_SCALAR_NODE) return false;
    const char *t = (const char *)v->data.scalar.value;
    return !strcmp(t, "2") || (!strcmp(t, "1") && dg_config__lookup(c, yaml_document_get_root_node(&c->doc),
                                                                      "packages"));
}

int dg_config_load(const char *path, dg_config **out, dg_diags *d)
{
    *out = NULL;
    dg_config *cfg = dg_xmalloc(sizeof *cfg);
    memset(cfg, 0, sizeof *cfg);
    cfg->path = dg_xstrdup(path);
    cfg->dir = folder_of(path);
    dg_yctx c;
    memset(&c, 0, sizeof c);
    c.file = cfg->path;
    c.dir = cfg->dir;
    c.d = d;
    if (load_doc(&c, d) != 0) {
        dg_config_free(cfg);
        return -1;
    }
    cfg->kind = looks_sqlc(&c) ? DG_CONFIG_SQLC : DG_CONFIG_DALGEN;
    int rc = cfg->kind == DG_CONFIG_SQLC ? dg_config__read_sqlc(&c, cfg) : dg_config__read_dalgen(&c, cfg);
    yaml_document_delete(&c.doc);
    dg_strings_free(&c.noted);
    if (rc != 0) {
        dg_config_free(cfg);
        return -1;
    }
    *out = cfg;
    return 0;
}

static void job_free(dg_config_job *j)
{
    free(j->name);
    free(j->engine);
    dg_strings_free(&j->schema);
    dg_strings_free(&j->queries);
    free(j->migrations);
    free(j->prefix);
    free(j->out);
    free(j->templates);
    dg_strings_free(&j->clang_args);
    dg_overrides_free(&j->overrides);
}

void dg_config_free(dg_config *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->jobs.len; i++) job_free(&c->jobs.items[i]);
    DG_VEC_FREE(&c->jobs);
    free(c->path);
    free(c->dir);
    free(c);
}
