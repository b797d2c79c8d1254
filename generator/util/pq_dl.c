/* pq_dl.c - libpq and libpg_query through dlopen (pq_dl.h): the dalgen
 * executable's definitions of the PQ* and pg_query_* functions it calls.
 * libpq-fe.h and pg_query.h declare them: a forwarder whose parameters
 * differ from the library's is a compile error. */
#include "util/pq_dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <pg_query.h>

enum { LIB_PQ, LIB_PGQ, LIB_COUNT };

/* Every function dalgen and libdal call, one line each: R(library, return
 * type, name, parameters, arguments), V(library, name, parameters,
 * arguments) when it returns nothing.  A function missing here is an
 * undefined reference when dalgen links. */
#define DG_PQ_FUNCS(R, V) \
    V(LIB_PQ, PQclear, (PGresult *res), (res)) \
    R(LIB_PQ, char *, PQcmdStatus, (PGresult *res), (res)) \
    R(LIB_PQ, char *, PQcmdTuples, (PGresult *res), (res)) \
    R(LIB_PQ, PGconn *, PQconnectdbParams, (const char *const *k, const char *const *v, int expand), (k, v, expand)) \
    R(LIB_PQ, int, PQenterPipelineMode, (PGconn *c), (c)) \
    R(LIB_PQ, char *, PQerrorMessage, (const PGconn *c), (c)) \
    R(LIB_PQ, PGresult *, PQexec, (PGconn *c, const char *q), (c, q)) \
    R(LIB_PQ, PGresult *, PQexecParams, (PGconn *c, const char *q, int n, const Oid *t, const char *const *v, \
                                         const int *l, const int *f, int rf), (c, q, n, t, v, l, f, rf)) \
    R(LIB_PQ, PGresult *, PQexecPrepared, (PGconn *c, const char *s, int n, const char *const *v, const int *l, \
                                           const int *f, int rf), (c, s, n, v, l, f, rf)) \
    R(LIB_PQ, int, PQexitPipelineMode, (PGconn *c), (c)) \
    R(LIB_PQ, int, PQfformat, (const PGresult *r, int i), (r, i)) \
    V(LIB_PQ, PQfinish, (PGconn *c), (c)) \
    R(LIB_PQ, int, PQfmod, (const PGresult *r, int i), (r, i)) \
    R(LIB_PQ, char *, PQfname, (const PGresult *r, int i), (r, i)) \
    R(LIB_PQ, Oid, PQftable, (const PGresult *r, int i), (r, i)) \
    R(LIB_PQ, int, PQftablecol, (const PGresult *r, int i), (r, i)) \
    R(LIB_PQ, Oid, PQftype, (const PGresult *r, int i), (r, i)) \
    R(LIB_PQ, PGresult *, PQgetResult, (PGconn *c), (c)) \
    R(LIB_PQ, int, PQgetisnull, (const PGresult *r, int row, int col), (r, row, col)) \
    R(LIB_PQ, int, PQgetlength, (const PGresult *r, int row, int col), (r, row, col)) \
    R(LIB_PQ, char *, PQgetvalue, (const PGresult *r, int row, int col), (r, row, col)) \
    R(LIB_PQ, int, PQnfields, (const PGresult *r), (r)) \
    R(LIB_PQ, int, PQnparams, (const PGresult *r), (r)) \
    R(LIB_PQ, int, PQntuples, (const PGresult *r), (r)) \
    R(LIB_PQ, const char *, PQparameterStatus, (const PGconn *c, const char *name), (c, name)) \
    R(LIB_PQ, Oid, PQparamtype, (const PGresult *r, int i), (r, i)) \
    R(LIB_PQ, int, PQpipelineSync, (PGconn *c), (c)) \
    R(LIB_PQ, PGresult *, PQprepare, (PGconn *c, const char *s, const char *q, int n, const Oid *t), \
      (c, s, q, n, t)) \
    V(LIB_PQ, PQreset, (PGconn *c), (c)) \
    R(LIB_PQ, char *, PQresultErrorField, (const PGresult *r, int code), (r, code)) \
    R(LIB_PQ, char *, PQresultErrorMessage, (const PGresult *r), (r)) \
    R(LIB_PQ, ExecStatusType, PQresultStatus, (const PGresult *r), (r)) \
    R(LIB_PQ, int, PQsendDescribePrepared, (PGconn *c, const char *s), (c, s)) \
    R(LIB_PQ, int, PQsendPrepare, (PGconn *c, const char *s, const char *q, int n, const Oid *t), \
      (c, s, q, n, t)) \
    R(LIB_PQ, int, PQsendQueryParams, (PGconn *c, const char *q, int n, const Oid *t, const char *const *v, \
                                       const int *l, const int *f, int rf), (c, q, n, t, v, l, f, rf)) \
    R(LIB_PQ, int, PQsendQueryPrepared, (PGconn *c, const char *s, int n, const char *const *v, const int *l, \
                                         const int *f, int rf), (c, s, n, v, l, f, rf)) \
    R(LIB_PQ, int, PQserverVersion, (const PGconn *c), (c)) \
    R(LIB_PQ, PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *c, PQnoticeProcessor p, void *arg), (c, p, arg)) \
    R(LIB_PQ, ConnStatusType, PQstatus, (const PGconn *c), (c)) \
    R(LIB_PQ, PGTransactionStatusType, PQtransactionStatus, (const PGconn *c), (c)) \
    R(LIB_PGQ, PgQueryParseResult, pg_query_parse, (const char *input), (input)) \
    R(LIB_PGQ, PgQuerySplitResult, pg_query_split_with_parser, (const char *input), (input)) \
    V(LIB_PGQ, pg_query_free_parse_result, (PgQueryParseResult r), (r)) \
    V(LIB_PGQ, pg_query_free_split_result, (PgQuerySplitResult r), (r))

#define DG_PQ_FIELD_R(lib, ret, name, params, args) __typeof__(name) *name;
#define DG_PQ_FIELD_V(lib, name, params, args) __typeof__(name) *name;
typedef struct dg_pq_api {
    DG_PQ_FUNCS(DG_PQ_FIELD_R, DG_PQ_FIELD_V)
} dg_pq_api;

/* Set once, whole, by dg_pq_open under `lock` (process-wide: the libraries
 * stay loaded; a thread that uses them called dg_pq_open, or was started
 * after a call). */
static dg_pq_api api;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static _Noreturn void unloaded(const char *name)
{
    fprintf(stderr, "dalgen: internal error: %s called before dg_pq_open loaded its library\n", name);
    abort();
}

#define DG_PQ_FORWARD_R(lib, ret, name, params, args) \
    ret name params \
    { \
        if (!api.name) unloaded(#name); \
        return api.name args; \
    }
#define DG_PQ_FORWARD_V(lib, name, params, args) \
    void name params \
    { \
        if (api.name) api.name args; \
    }
DG_PQ_FUNCS(DG_PQ_FORWARD_R, DG_PQ_FORWARD_V)

typedef struct dg_pq_lib {
    const char *what, *env, *path, *soname, *hint, *need;
} dg_pq_lib;

static const dg_pq_lib libs[LIB_COUNT] = {
    [LIB_PQ] = {"libpq", "DALGEN_LIBPQ", DALGEN_LIBPQ_PATH, DALGEN_LIBPQ_SONAME, "install libpq (Debian: libpq5)",
                "libpq 14 or later"},
    [LIB_PGQ] = {"libpg_query", "DALGEN_LIBPG_QUERY", DALGEN_LIBPG_QUERY_PATH, DALGEN_LIBPG_QUERY_SONAME,
                 "install libpg_query", "the libpg_query it was built with"},
};

/* $ENV alone when set; else the build's library, then its soname (found
 * by the loader's search path).  The handle, or NULL after reporting.
 * RTLD_LAZY: bound as the linked libraries were (dalgen is not linked with
 * -z now), not all of libpq's dependency tree at once. */
static void *load(const dg_pq_lib *l, const char **tried, dg_loc at, dg_diags *d)
{
    const char *env = getenv(l->env);
    const char *names[] = {l->path, l->soname};
    void *h = NULL;
    *tried = NULL;
    if (env && *env) h = dlopen(*tried = env, RTLD_LAZY | RTLD_LOCAL);
    for (size_t i = 0; !(env && *env) && i < sizeof names / sizeof names[0] && !h; i++)
        if (*names[i]) h = dlopen(*tried = names[i], RTLD_LAZY | RTLD_LOCAL);
    if (!h)
        dg_error(d, at, "%s is needed here (PostgreSQL) and could not be loaded (%s); %s or set %s to its path",
                 l->what, *tried ? dlerror() : "no library name", l->hint, l->env);
    return h;
}

/* dlsym's void * into a function pointer: POSIX guarantees it works; C
 * needs the copy through memcpy to say so without a warning. */
static int bind_all(void *const h[LIB_COUNT], dg_pq_api *out, int *lib, const char **missing)
{
#define DG_PQ_BIND(which, name) \
    { \
        void *p = dlsym(h[which], #name); \
        if (!p) return (*lib = which, *missing = #name, -1); \
        memcpy(&out->name, &p, sizeof p); \
    }
#define DG_PQ_BIND_R(lib, ret, name, params, args) DG_PQ_BIND(lib, name)
#define DG_PQ_BIND_V(lib, name, params, args) DG_PQ_BIND(lib, name)
    DG_PQ_FUNCS(DG_PQ_BIND_R, DG_PQ_BIND_V)
    return 0;
}

static int open_locked(dg_loc at, dg_diags *d)
{
    if (api.PQexec) return 0;
    void *h[LIB_COUNT] = {NULL};
    const char *tried[LIB_COUNT] = {NULL};
    int rc = 0;
    for (int i = 0; i < LIB_COUNT && rc == 0; i++)
        if (!(h[i] = load(&libs[i], &tried[i], at, d))) rc = -1;
    dg_pq_api got;
    int lib = 0;
    const char *missing = NULL;
    if (rc == 0 && (rc = bind_all(h, &got, &lib, &missing)) != 0)
        dg_error(d, at, "%s (%s) lacks %s: dalgen needs %s", libs[lib].what, tried[lib], missing, libs[lib].need);
    if (rc == 0) {
        api = got;
        return 0;
    }
    for (int i = 0; i < LIB_COUNT; i++)
        if (h[i]) dlclose(h[i]);
    return -1;
}

int dg_pq_open(dg_loc at, dg_diags *d)
{
    pthread_mutex_lock(&lock);
    int rc = open_locked(at, d);
    pthread_mutex_unlock(&lock);
    return rc;
}
