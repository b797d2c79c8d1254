/* generate.h - the `dalgen generate` pipeline as a library function: schema
 * sources (+ queries, migrations) -> view model -> templates -> the output
 * files, in memory or (dg_outputs.stream) streamed to temporaries beside
 * their paths.  `dalgen generate` writes them (dg_write_files); `dalgen
 * check` compares them with the files on disk. */
#ifndef DG_GENERATE_H
#define DG_GENERATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "frontend/pg/pg_front.h"
#include "frontend/sources.h"
#include "model/model.h"
#include "model/override.h"
#include "util/diag.h"
#include "util/vec.h"
#include "c/view.h"

typedef struct dg_generate_opts {
    const dg_sources *schema;      /* schema sources, in order */
    const dg_strings *queries;     /* --queries files or folders (may be NULL / empty) */
    const char       *migrations;  /* --migrations folder, NULL when none */
    const char       *templates;   /* --templates folder, NULL for the built-ins only */
    const char       *out_dir;     /* --out: banners name inputs relative to it */
    dg_view_opts      view;        /* --prefix, --no-singularize, --timestamps */
    bool              dump_view;   /* --dump-view: one output, path "-", the view model as JSON */
    const dg_overrides *overrides; /* the config file's (may be NULL): applied to the
                                      schema as soon as it is loaded */
    dg_engine         engine;      /* DG_ENGINE_POSTGRESQL: the schema is read by the PostgreSQL
                                      front end and the tables generated over dal_pg.h */
    const dg_pg_opts *pg;          /* its typing server (--pg-server ...), NULL on SQLite */
    bool              allow_dangling_fk; /* --allow-dangling-fk: a foreign key to a missing
                                            table is a warning, not an error */
} dg_generate_opts;

typedef struct dg_output {
    char  *path;   /* out_dir/<prefix>.h, out_dir/<prefix>.c */
    char  *data;   /* NULL when streamed */
    size_t len;
    char  *tmp;    /* streamed: the temporary (dg_tmp_path) holding the bytes, else NULL */
} dg_output;

typedef struct dg_outputs {
    DG_VEC(dg_output) items;
    /* Set by the caller: the rendered files go to temporaries beside their
     * paths as they are made (the folder is created first) instead of
     * memory, for dg_write_files to move into place; --dump-view's output
     * stays in memory. */
    bool stream;
} dg_outputs;

/* Frees the items and removes the temporaries not moved into place;
 * NULL-safe. */
void dg_outputs_free(dg_outputs *o);

/* Loads the inputs and renders every output file.  Returns 0 and fills
 * `out`, or reports through `d` (path:line:col: error: ...) and returns -1
 * with `out` empty. */
int dg_generate(const dg_generate_opts *o, dg_outputs *out, dg_diags *d);

/* The same from a loaded schema (and no queries): for tests and for
 * callers that built the model themselves.  `inputs` are the banner's paths
 * (already relative to the output folder). */
int dg_generate_schema(const dg_schema *s, const dg_strings *inputs, const dg_generate_opts *o,
                       dg_outputs *out, dg_diags *d);

#endif
