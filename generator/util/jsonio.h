/* jsonio.h - writing and reading the JSON of dalgen's own files (the
 * PostgreSQL typing snapshot, docs/postgresql.md "The typing snapshot").
 *
 * Writers leave optional values out (a NULL string, a false flag, an
 * integer equal to its default), so that a file only says what is there.
 * The reader checks the type of every value it takes and keeps the first
 * problem, named by its path in the document ("model.tables[2].name:
 * expected a string"): a file that does not have the expected shape is
 * refused as a whole, never half read. */
#ifndef DG_JSONIO_H
#define DG_JSONIO_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"
#include "util/vec.h"

void dg_jw_str(json_t *o, const char *k, const char *v);                 /* left out when NULL */
void dg_jw_bool(json_t *o, const char *k, bool v);                       /* left out when false */
void dg_jw_int(json_t *o, const char *k, long long v, long long dflt);    /* left out when dflt */
/* A location as "file:line:col", `file` the index of loc.file in
 * files[0..n) (compared as strings; -1 when NULL or not there); left out
 * when the location is empty. */
void dg_jw_loc(json_t *o, const char *k, dg_loc loc, char *const *files, size_t n);
/* `v` (an array of strings) as a JSON array; left out when empty. */
void dg_jw_strs(json_t *o, const char *k, char *const *v, size_t n);

typedef struct dg_jr {
    char   path[400];   /* where the reader is: "model.tables[2]" */
    size_t plen;
    char  *err;         /* the first problem ("<path>: <what>"), NULL when none; owned */
} dg_jr;

void   dg_jr_free(dg_jr *r);   /* frees err */
/* Appends ".key" (key not NULL) then "[idx]" (idx >= 0) to the path;
 * returns the mark that dg_jr_leave goes back to. */
size_t dg_jr_enter(dg_jr *r, const char *key, long idx);
void   dg_jr_leave(dg_jr *r, size_t mark);

/* Calls f(x, item, out) for every object of o[key], out a new zeroed
 * element of vec (a DG_VEC); stops at the first failure.  x is the
 * caller's reading context: anything with a `dg_jr *r` member. */
#define DG_JR_LOAD_VEC(x, o, key, vec, f)                                             \
    do {                                                                              \
        json_t *arr_ = dg_jr_arr((x)->r, o, key);                                      \
        for (size_t i_ = 0; i_ < json_array_size(arr_) && !(x)->r->err; i_++) {        \
            json_t *it_ = dg_jr_obj((x)->r, arr_, i_);                                 \
            if (!it_) break;                                                          \
            size_t m_ = dg_jr_enter((x)->r, key, (long)i_);                            \
            f(x, it_, DG_VEC_ADD(vec));                                               \
            dg_jr_leave((x)->r, m_);                                                  \
        }                                                                             \
    } while (0)
/* Records a problem at the current path (the first one only). */
void   dg_jr_fail(dg_jr *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* o[k] as a copy, NULL when absent (or null); a failure when not a
 * string, or (req) when absent. */
char     *dg_jr_str(dg_jr *r, json_t *o, const char *k, bool req);
bool      dg_jr_bool(dg_jr *r, json_t *o, const char *k);
long long dg_jr_int(dg_jr *r, json_t *o, const char *k, long long dflt, long long min, long long max);
/* o[k] as an array (NULL when absent: no items); a failure when not one. */
json_t   *dg_jr_arr(dg_jr *r, json_t *o, const char *k);
/* a[i] as an object (a failure and NULL when not one). */
json_t   *dg_jr_obj(dg_jr *r, json_t *a, size_t i);
/* The index of o[k] in names[0..n) (absent: dflt; a failure when unknown). */
int       dg_jr_enum(dg_jr *r, json_t *o, const char *k, const char *const *names, size_t n, int dflt);
/* A location written by dg_jw_loc; the file from files[0..n) (NULL when
 * -1; a failure when out of range). */
dg_loc    dg_jr_loc(dg_jr *r, json_t *o, const char *k, char *const *files, size_t n);
/* An array of strings, pushed as copies through push(ctx, s). */
void      dg_jr_strs(dg_jr *r, json_t *o, const char *k, void (*push)(void *ctx, const char *s), void *ctx);

#endif
