/* config_int.h - private to generator/config/: a loaded YAML document and
 * typed, located access to its nodes (config_node.c), and the two readers
 * of the document (config_dalgen.c, config_sqlc.c).
 *
 * Every accessor reports what is wrong through the context's dg_diags at
 * the node (libyaml's marks are 0-based; locations are 1-based) and returns
 * a failure, so that a reader goes on and reports every problem of a file
 * at once.  Strings returned point into the document (valid while it is
 * loaded) unless said otherwise. */
#ifndef DG_CONFIG_INT_H
#define DG_CONFIG_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "config/config.h"

typedef struct dg_yctx {
    yaml_document_t doc;
    const char     *file;   /* the config's path (dg_config.path): loc.file */
    const char     *dir;    /* its folder, for relative paths */
    dg_diags       *d;
    dg_strings      noted;  /* keys already noted as ignored (sqlc): one note each */
} dg_yctx;

dg_loc       dg_config__loc(const dg_yctx *c, const yaml_node_t *n);
yaml_node_t *dg_config__get(dg_yctx *c, int index);
/* "a string", "a list", "a mapping": for messages. */
const char  *dg_config__kind(const yaml_node_t *n);
/* A plain scalar that is YAML's null (``, ~, null). */
bool         dg_config__is_null(const yaml_node_t *n);

/* A scalar's text, or NULL after "'key' must be a string, not ..." */
const char *dg_config__str(dg_yctx *c, const yaml_node_t *n, const char *key);
/* A copy of a scalar (NULL for null, or after an error: *ok false). */
char *dg_config__dup(dg_yctx *c, const yaml_node_t *n, const char *key, bool *ok);
/* A path scalar resolved against the config's folder (malloc'ed). */
char *dg_config__path(dg_yctx *c, const yaml_node_t *n, const char *key, bool *ok);
/* Booleans (true/false, yes/no, on/off) and integers; 0 or -1 after an error. */
int dg_config__bool(dg_yctx *c, const yaml_node_t *n, const char *key, int *out);
int dg_config__int(dg_yctx *c, const yaml_node_t *n, const char *key, long *out);
/* query_parameter_limit: an integer from 0 to 1000. */
int dg_config__param_limit(dg_yctx *c, const yaml_node_t *n, long *out);
/* A string or a list of strings, each pushed to `out` (resolved as paths
 * when `paths`).  0 or -1 after an error. */
int dg_config__strings(dg_yctx *c, const yaml_node_t *n, const char *key, bool paths, dg_strings *out);
/* Whether n is a mapping; reports "'key' must be a mapping, not ..." when
 * it is not. */
bool dg_config__is_map(dg_yctx *c, const yaml_node_t *n, const char *key);
/* The index of `key` in known[0..n), or -1 after "unknown key 'k'; did you
 * mean '...'?" at the key.  `where` ("in 'options'") may be NULL. */
int dg_config__known(dg_yctx *c, const yaml_node_t *key, const char *const *known, size_t n,
                     const char *where);
/* Whether pair p of mapping m repeats an earlier pair's key (reported). */
bool dg_config__repeated(dg_yctx *c, const yaml_node_t *m, const yaml_node_pair_t *p);
/* The value of `key` in mapping m, NULL when absent. */
yaml_node_t *dg_config__lookup(dg_yctx *c, const yaml_node_t *m, const char *key);
/* Notes once per key name that `key` is ignored (`why` completes "... is
 * ignored"). */
void dg_config__ignored(dg_yctx *c, const yaml_node_t *key, const char *why);

void dg_config__job_init(dg_config_job *j, dg_loc loc);

/* The readers: fill cfg from the loaded document; 0 or -1 after errors. */
int dg_config__read_dalgen(dg_yctx *c, dg_config *cfg);
int dg_config__read_sqlc(dg_yctx *c, dg_config *cfg);

#endif
