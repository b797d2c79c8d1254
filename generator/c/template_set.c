/* template_set.c - named templates: the built-ins compiled into dalgen and
 * those of a --templates folder, parsed on first use. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/fsutil.h"
#include "c/template_builtin.h"
#include "c/template_int.h"

typedef struct entry {
    char    *name;
    char    *path;
    char    *text;
    dg_tmpl *parsed;
    bool     failed;
} entry;

struct dg_tmpl_set {
    DG_VEC(entry) items;
    size_t        slots;   /* nodes numbered so far */
};

dg_tmpl_set *dg_tmpl_set_new(void)
{
    return dg_xcalloc(1, sizeof(dg_tmpl_set));
}

static void entry_clear(entry *e)
{
    free(e->name);
    free(e->path);
    free(e->text);
    dg_tmpl_free(e->parsed);
}

void dg_tmpl_set_free(dg_tmpl_set *set)
{
    if (!set) return;
    for (size_t i = 0; i < set->items.len; i++) entry_clear(&set->items.items[i]);
    DG_VEC_FREE(&set->items);
    free(set);
}

static entry *find(dg_tmpl_set *set, const char *name)
{
    for (size_t i = 0; i < set->items.len; i++)
        if (!strcmp(set->items.items[i].name, name)) return &set->items.items[i];
    return NULL;
}

void dg_tmpl_set_add(dg_tmpl_set *set, const char *name, const char *path, const char *text)
{
    entry *e = find(set, name);
    if (e) entry_clear(e);
    else e = DG_VEC_ADD(&set->items);
    memset(e, 0, sizeof *e);
    e->name = dg_xstrdup(name);
    e->path = dg_xstrdup(path);
    e->text = dg_xstrdup(text);
}

dg_tmpl_set *dg_tmpl_set_copy(const dg_tmpl_set *set)
{
    dg_tmpl_set *c = dg_tmpl_set_new();
    for (size_t i = 0; i < set->items.len; i++)
        dg_tmpl_set_add(c, set->items.items[i].name, set->items.items[i].path, set->items.items[i].text);
    return c;
}

void dg_tmpl_set_add_builtin(dg_tmpl_set *set)
{
    for (size_t i = 0; i < dg_builtin_template_count; i++) {
        const dg_builtin_template *b = &dg_builtin_templates[i];
        char *path = dg_xprintf("templates/c/%s.tmpl", b->name);
        dg_tmpl_set_add(set, b->name, path, b->text);
        free(path);
    }
}

int dg_tmpl_set_load_dir(dg_tmpl_set *set, const char *dir, dg_diags *d)
{
    char **files;
    size_t n;
    dg_loc at = {dir, 0, 0};
    if (dg_list_dir(dir, ".tmpl", &files, &n) != 0) {
        dg_error(d, at, "cannot read the templates folder: %s", strerror(errno));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *text;
        size_t len;
        if (dg_read_file(files[i], &text, &len) != 0) {
            dg_loc f = {files[i], 0, 0};
            dg_error(d, f, "cannot read template: %s", strerror(errno));
            rc = -1;
            continue;
        }
        const char *base = strrchr(files[i], '/');
        base = base ? base + 1 : files[i];
        char *name = dg_xstrndup(base, strlen(base) - strlen(".tmpl"));
        dg_tmpl_set_add(set, name, files[i], text);
        free(name);
        free(text);
    }
    dg_free_strings(files, n);
    return rc;
}

size_t dg_tmpl_set_slots(const dg_tmpl_set *set)
{
    return set->slots;
}

/* Parses e (once) and numbers its nodes after those parsed before. */
static void parse(dg_tmpl_set *set, entry *e, dg_diags *d)
{
    e->parsed = dg_tmpl_parse(e->path, e->text, d);
    for (size_t i = 0; e->parsed && i < e->parsed->nodes.len; i++) e->parsed->nodes.items[i].slot = set->slots++;
}

dg_tmpl *dg_tmpl_set_get(dg_tmpl_set *set, const char *name, dg_loc from, dg_diags *d)
{
    entry *e = find(set, name);
    if (!e) {
        dg_error(d, from, "no template named '%s'", name);
        return NULL;
    }
    if (!e->parsed && !e->failed) {
        parse(set, e, d);
        e->failed = e->parsed == NULL;
    }
    return e->parsed;
}

dg_tmpl *dg_tmpl_set_try(dg_tmpl_set *set, const char *name)
{
    entry *e = find(set, name);
    if (!e || e->failed) return NULL;
    if (!e->parsed) {
        dg_diags quiet = DG_DIAGS_INIT;
        parse(set, e, &quiet);
        dg_diags_free(&quiet);
    }
    return e->parsed;
}
