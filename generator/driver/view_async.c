/* view_async.c - dg_view_build_typed on a second thread (view_async.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "c/view_build.h"
#include "driver/view_async.h"
#include "c/view_int.h"
#include "util/memtune.h"

struct dg_view_async {
    const dg_schema  *s;
    const dg_strings *inputs;
    dg_view_opts      opts;
    dg_vtables       *tables;
    dg_diags          d;        /* the build's diagnostics, the thread's own */
    pthread_t         thread;
    bool              started;  /* false: built when collected */
};

static void *run(void *arg)
{
    dg_memory_tune_thread();
    dg_view_async *a = arg;
    a->tables = dg_view_build_typed(a->s, a->inputs, &a->opts, &a->d);
    return NULL;
}

dg_view_async *dg_view_build_start(const dg_schema *s, const dg_strings *inputs, const dg_view_opts *opts)
{
    dg_view_async *a = dg_xcalloc(1, sizeof *a);
    a->s = s;
    a->inputs = inputs;
    a->opts = *opts;
    a->started = pthread_create(&a->thread, NULL, run, a) == 0;
    return a;
}

dg_vtables *dg_view_build_collect(dg_view_async *a, bool keep, dg_diags *d)
{
    if (a->started) pthread_join(a->thread, NULL);   /* a->d and a->tables now final */
    dg_vtables *tables = NULL;
    if (keep && a->started) {
        dg_diags_move(d, &a->d);
        tables = a->tables;
    } else if (keep) {
        tables = dg_view_build_typed(a->s, a->inputs, &a->opts, d);
    } else {
        dg_vtables_free(a->tables);
    }
    dg_diags_free(&a->d);
    free(a);
    return tables;
}
