/* load_pair.c - dg_schema_load of two source lists side by side (load_pair.h). */
#include <pthread.h>
#include <stdbool.h>

#include "driver/load_pair.h"
#include "util/memtune.h"

typedef struct second_load {
    const dg_sources *src;
    dg_schema        *s;
    dg_diags          d;    /* the thread's own */
    int               rc;
} second_load;

static void *run(void *arg)
{
    dg_memory_tune_thread();
    second_load *l = arg;
    l->rc = dg_schema_load(l->src, &l->s, &l->d);
    return NULL;
}

static bool reads_headers(const dg_sources *src)
{
    for (size_t i = 0; i < src->items.len; i++) {
        const dg_source *s = &src->items.items[i];
        dg_source_kind k = s->kind == DG_SRC_AUTO ? dg_source_detect(s->path) : s->kind;
        if (k == DG_SRC_HEADER) return true;
    }
    return false;
}

int dg_schema_load_pair(const dg_sources *a, const dg_sources *b, dg_schema **out_a, dg_schema **out_b,
                        dg_diags *d)
{
    *out_a = *out_b = NULL;
    second_load l = {b, NULL, DG_DIAGS_INIT, -1};
    pthread_t t;
    bool started = !reads_headers(a) && !reads_headers(b) && pthread_create(&t, NULL, run, &l) == 0;
    int rc = dg_schema_load(a, out_a, d);
    if (started) pthread_join(t, NULL);
    else if (rc == 0) run(&l);
    if (rc == 0) dg_diags_move(d, &l.d);   /* after the first's, as one after the other */
    dg_diags_free(&l.d);
    if (rc == 0 && l.rc == 0) {
        *out_b = l.s;
        return 0;
    }
    dg_schema_free(*out_a);
    dg_schema_free(l.s);
    *out_a = NULL;
    return -1;
}
