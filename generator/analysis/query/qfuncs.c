/* qfuncs.c - result types of SQLite's built-in functions
 * (https://www.sqlite.org/lang_corefunc.html, lang_aggfunc.html,
 * windowfunctions.html, lang_mathfunc.html, lang_datefunc.html, json1.html)
 * and of @function declarations, and the types their arguments expect. */
#include "analysis/query/qinternal.h"

#include <string.h>

typedef enum ret_rule {
    R_FIXED,      /* `ret` */
    R_ARG0,       /* the first argument's type */
    R_NUMERIC0,   /* int64 when the first argument is an integer, else double */
    R_MERGE,      /* the common type of every argument */
    R_MERGE12     /* the common type of arguments 1 and 2 (iif) */
} ret_rule;

typedef enum null_rule {
    N_NEVER,      /* never NULL */
    N_ARGS,       /* NULL when an argument is */
    N_ALWAYS,     /* may be NULL whatever the arguments */
    N_AGG,        /* aggregate over possibly no rows: NULL unless grouped and the argument is not */
    N_ALL         /* NULL only when every argument is (coalesce) */
} null_rule;

typedef struct fn_info {
    const char *name;
    ret_rule ret_rule;
    dg_vtype ret;
    null_rule null_rule;
    dg_vtype arg0;         /* type a parameter in argument 0 gets (UNKNOWN = no hint) */
    dg_vtype argn;         /* ... in the other arguments */
} fn_info;

#define I DG_VT_INT64
#define D DG_VT_DOUBLE
#define T DG_VT_TEXT
#define B DG_VT_BLOB
#define V DG_VT_VALUE
#define U DG_VT_UNKNOWN

static const fn_info fns[] = {
    /* aggregates */
    {"count", R_FIXED, I, N_NEVER, U, U},
    {"total", R_FIXED, D, N_NEVER, U, U},
    {"sum", R_NUMERIC0, U, N_AGG, U, U},
    {"avg", R_FIXED, D, N_AGG, U, U},
    {"group_concat", R_FIXED, T, N_AGG, U, T},
    {"string_agg", R_FIXED, T, N_AGG, U, T},
    {"json_group_array", R_FIXED, T, N_NEVER, U, U},
    {"json_group_object", R_FIXED, T, N_NEVER, T, U},
    /* window functions */
    {"row_number", R_FIXED, I, N_NEVER, U, U},
    {"rank", R_FIXED, I, N_NEVER, U, U},
    {"dense_rank", R_FIXED, I, N_NEVER, U, U},
    {"ntile", R_FIXED, I, N_NEVER, I, U},
    {"percent_rank", R_FIXED, D, N_NEVER, U, U},
    {"cume_dist", R_FIXED, D, N_NEVER, U, U},
    {"lag", R_ARG0, U, N_ALWAYS, U, I},
    {"lead", R_ARG0, U, N_ALWAYS, U, I},
    {"first_value", R_ARG0, U, N_ALWAYS, U, U},
    {"last_value", R_ARG0, U, N_ALWAYS, U, U},
    {"nth_value", R_ARG0, U, N_ALWAYS, U, I},
    /* core */
    {"coalesce", R_MERGE, U, N_ALL, U, U},
    {"ifnull", R_MERGE, U, N_ALL, U, U},
    {"nullif", R_ARG0, U, N_ALWAYS, U, U},
    {"iif", R_MERGE12, U, N_ARGS, DG_VT_BOOL, U},
    {"if", R_MERGE12, U, N_ARGS, DG_VT_BOOL, U},
    {"abs", R_ARG0, U, N_ARGS, U, U},
    {"round", R_FIXED, D, N_ARGS, D, I},
    {"sign", R_FIXED, I, N_ALWAYS, U, U},
    {"length", R_FIXED, I, N_ARGS, T, U},
    {"octet_length", R_FIXED, I, N_ARGS, T, U},
    {"instr", R_FIXED, I, N_ARGS, T, T},
    {"unicode", R_FIXED, I, N_ARGS, T, U},
    {"lower", R_FIXED, T, N_ARGS, T, U},
    {"upper", R_FIXED, T, N_ARGS, T, U},
    {"trim", R_FIXED, T, N_ARGS, T, T},
    {"ltrim", R_FIXED, T, N_ARGS, T, T},
    {"rtrim", R_FIXED, T, N_ARGS, T, T},
    {"replace", R_FIXED, T, N_ARGS, T, T},
    {"substr", R_FIXED, T, N_ARGS, T, I},
    {"substring", R_FIXED, T, N_ARGS, T, I},
    {"printf", R_FIXED, T, N_ARGS, T, U},
    {"format", R_FIXED, T, N_ARGS, T, U},
    {"char", R_FIXED, T, N_NEVER, I, I},
    {"hex", R_FIXED, T, N_NEVER, U, U},
    {"quote", R_FIXED, T, N_NEVER, U, U},
    {"soundex", R_FIXED, T, N_NEVER, T, U},
    {"concat", R_FIXED, T, N_NEVER, T, T},
    {"concat_ws", R_FIXED, T, N_NEVER, T, T},
    {"typeof", R_FIXED, T, N_NEVER, U, U},
    {"sqlite_version", R_FIXED, T, N_NEVER, U, U},
    {"sqlite_source_id", R_FIXED, T, N_NEVER, U, U},
    {"sqlite_compileoption_get", R_FIXED, T, N_ALWAYS, I, U},
    {"sqlite_compileoption_used", R_FIXED, I, N_ARGS, T, U},
    {"sqlite_offset", R_FIXED, I, N_ALWAYS, U, U},
    {"subtype", R_FIXED, I, N_NEVER, U, U},
    {"rtreecheck", R_FIXED, T, N_NEVER, T, T},
    {"random", R_FIXED, I, N_NEVER, U, U},
    {"randomblob", R_FIXED, B, N_NEVER, I, U},
    {"zeroblob", R_FIXED, B, N_NEVER, I, U},
    {"unhex", R_FIXED, B, N_ALWAYS, T, T},
    {"last_insert_rowid", R_FIXED, I, N_NEVER, U, U},
    {"changes", R_FIXED, I, N_NEVER, U, U},
    {"total_changes", R_FIXED, I, N_NEVER, U, U},
    {"like", R_FIXED, I, N_ARGS, T, T},
    {"glob", R_FIXED, I, N_ARGS, T, T},
    {"likelihood", R_ARG0, U, N_ARGS, U, D},
    {"likely", R_ARG0, U, N_ARGS, U, U},
    {"unlikely", R_ARG0, U, N_ARGS, U, U},
    /* math */
    {"ceil", R_NUMERIC0, U, N_ARGS, D, U},
    {"ceiling", R_NUMERIC0, U, N_ARGS, D, U},
    {"floor", R_NUMERIC0, U, N_ARGS, D, U},
    {"trunc", R_NUMERIC0, U, N_ARGS, D, U},
    {"pi", R_FIXED, D, N_NEVER, U, U},
    {"sqrt", R_FIXED, D, N_ALWAYS, D, U},
    {"exp", R_FIXED, D, N_ALWAYS, D, U},
    {"ln", R_FIXED, D, N_ALWAYS, D, U},
    {"log", R_FIXED, D, N_ALWAYS, D, D},
    {"log2", R_FIXED, D, N_ALWAYS, D, U},
    {"log10", R_FIXED, D, N_ALWAYS, D, U},
    {"pow", R_FIXED, D, N_ALWAYS, D, D},
    {"power", R_FIXED, D, N_ALWAYS, D, D},
    {"mod", R_FIXED, D, N_ALWAYS, D, D},
    {"sin", R_FIXED, D, N_ALWAYS, D, U}, {"cos", R_FIXED, D, N_ALWAYS, D, U},
    {"tan", R_FIXED, D, N_ALWAYS, D, U}, {"asin", R_FIXED, D, N_ALWAYS, D, U},
    {"acos", R_FIXED, D, N_ALWAYS, D, U}, {"atan", R_FIXED, D, N_ALWAYS, D, U},
    {"atan2", R_FIXED, D, N_ALWAYS, D, D}, {"radians", R_FIXED, D, N_ALWAYS, D, U},
    {"degrees", R_FIXED, D, N_ALWAYS, D, U},
    {"sinh", R_FIXED, D, N_ALWAYS, D, U}, {"cosh", R_FIXED, D, N_ALWAYS, D, U},
    {"tanh", R_FIXED, D, N_ALWAYS, D, U}, {"asinh", R_FIXED, D, N_ALWAYS, D, U},
    {"acosh", R_FIXED, D, N_ALWAYS, D, U}, {"atanh", R_FIXED, D, N_ALWAYS, D, U},
    /* date and time: NULL for input they cannot read */
    {"date", R_FIXED, T, N_ALWAYS, T, T},
    {"time", R_FIXED, T, N_ALWAYS, T, T},
    {"datetime", R_FIXED, T, N_ALWAYS, T, T},
    {"strftime", R_FIXED, T, N_ALWAYS, T, T},
    {"timediff", R_FIXED, T, N_ALWAYS, T, T},
    {"julianday", R_FIXED, D, N_ALWAYS, T, T},
    {"unixepoch", R_FIXED, I, N_ALWAYS, T, T},
    /* JSON */
    {"json", R_FIXED, T, N_ARGS, T, U},
    {"json_array", R_FIXED, T, N_NEVER, U, U},
    {"json_object", R_FIXED, T, N_NEVER, T, U},
    {"json_extract", R_FIXED, V, N_ALWAYS, T, T},
    {"json_type", R_FIXED, T, N_ALWAYS, T, T},
    {"json_valid", R_FIXED, I, N_ARGS, T, U},
    {"json_array_length", R_FIXED, I, N_ALWAYS, T, T},
    {"json_quote", R_FIXED, T, N_NEVER, U, U},
    {"json_insert", R_FIXED, T, N_ARGS, T, U},
    {"json_replace", R_FIXED, T, N_ARGS, T, U},
    {"json_set", R_FIXED, T, N_ARGS, T, U},
    {"json_remove", R_FIXED, T, N_ARGS, T, T},
    {"json_patch", R_FIXED, T, N_ARGS, T, T},
    {"json_error_position", R_FIXED, I, N_ARGS, T, U},
    {"json_pretty", R_FIXED, T, N_ARGS, T, T},
    /* JSONB (SQLite 3.45): the binary form of the same values */
    {"jsonb", R_FIXED, B, N_ARGS, T, U},
    {"jsonb_array", R_FIXED, B, N_NEVER, U, U},
    {"jsonb_object", R_FIXED, B, N_NEVER, T, U},
    {"jsonb_extract", R_FIXED, V, N_ALWAYS, T, T},
    {"jsonb_insert", R_FIXED, B, N_ARGS, T, U},
    {"jsonb_replace", R_FIXED, B, N_ARGS, T, U},
    {"jsonb_set", R_FIXED, B, N_ARGS, T, U},
    {"jsonb_remove", R_FIXED, B, N_ARGS, T, T},
    {"jsonb_patch", R_FIXED, B, N_ARGS, T, T},
    {"jsonb_group_array", R_FIXED, B, N_NEVER, U, U},
    {"jsonb_group_object", R_FIXED, B, N_NEVER, T, U},
    /* full-text search auxiliary functions (fts5.html 5.1, fts3.html 7):
     * the first argument is the table */
    {"bm25", R_FIXED, D, N_NEVER, U, D},
    {"highlight", R_FIXED, T, N_ALWAYS, U, U},
    {"snippet", R_FIXED, T, N_ALWAYS, U, U},
    {"offsets", R_FIXED, T, N_ALWAYS, U, U},
    {"matchinfo", R_FIXED, B, N_ALWAYS, U, T},
};

#undef I
#undef D
#undef T
#undef B
#undef V
#undef U

/* Arguments whose type differs from the function's `argn`. */
typedef struct arg_hint {
    const char *name;
    size_t      index;
    dg_vtype    type;
} arg_hint;

static const arg_hint arg_hints[] = {
    /* fts5 highlight(t, col, open, close) and snippet(t, col, open, close,
     * ellipsis, tokens); fts3/4 snippet(t, open, close, ellipsis, col,
     * tokens) agrees with fts5 on the last one only */
    {"highlight", 1, DG_VT_INT64}, {"highlight", 2, DG_VT_TEXT}, {"highlight", 3, DG_VT_TEXT},
    {"snippet", 2, DG_VT_TEXT}, {"snippet", 3, DG_VT_TEXT}, {"snippet", 5, DG_VT_INT64},
};

static const fn_info *find(const char *name)
{
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (!dg_strcasecmp_ascii(fns[i].name, name)) return &fns[i];
    return NULL;
}

static const dg_qfunc *find_declared(dg_qctx *c, const char *name)
{
    for (size_t i = 0; i < c->set->functions.len; i++)
        if (!dg_strcasecmp_ascii(c->set->functions.items[i].name, name)) return &c->set->functions.items[i];
    return NULL;
}

static dg_vtype merge_c(dg_vtype a, dg_vtype b)
{
    if (a == DG_VT_UNKNOWN) return b;
    if (b == DG_VT_UNKNOWN || a == b) return a;
    if ((a == DG_VT_INT64 && b == DG_VT_DOUBLE) || (a == DG_VT_DOUBLE && b == DG_VT_INT64)) return DG_VT_DOUBLE;
    if ((a == DG_VT_INT64 && b == DG_VT_BOOL) || (a == DG_VT_BOOL && b == DG_VT_INT64)) return DG_VT_INT64;
    return DG_VT_VALUE;
}

bool dg_qfunc_type(dg_qctx *c, const dg_expr *call, const dg_qtype *args, size_t nargs, bool grouped, dg_qtype *out)
{
    const dg_qfunc *decl = find_declared(c, call->name);
    if (decl) {
        *out = decl->ret;
        return true;
    }
    const fn_info *f = find(call->name);
    if (!f) return false;
    dg_qtype t = {f->ret, false};
    switch (f->ret_rule) {
    case R_FIXED: break;
    case R_ARG0: t.v = nargs ? args[0].v : DG_VT_UNKNOWN; break;
    case R_NUMERIC0:
        t.v = nargs && (args[0].v == DG_VT_INT64 || args[0].v == DG_VT_BOOL) ? DG_VT_INT64
              : nargs && args[0].v == DG_VT_UNKNOWN ? DG_VT_UNKNOWN : DG_VT_DOUBLE;
        break;
    case R_MERGE:
        for (size_t i = 0; i < nargs; i++) t.v = merge_c(t.v, args[i].v);
        break;
    case R_MERGE12:
        for (size_t i = 1; i < nargs && i < 3; i++) t.v = merge_c(t.v, args[i].v);
        break;
    }
    bool any_null = false, all_null = nargs > 0;
    for (size_t i = 0; i < nargs; i++) {
        any_null |= args[i].nullable;
        all_null &= args[i].nullable;
    }
    switch (f->null_rule) {
    case N_NEVER: t.nullable = false; break;
    case N_ARGS: t.nullable = any_null; break;
    case N_ALWAYS: t.nullable = true; break;
    case N_AGG: t.nullable = !grouped || any_null || call->filter; break;
    case N_ALL: t.nullable = all_null; break;
    }
    if (f->null_rule == N_AGG && !call->over && nargs == 0) t.nullable = true;
    *out = t;
    return true;
}

/* min()/max(): an aggregate with one argument, the scalar with more. */
bool dg_qfunc_minmax(const dg_expr *call, const dg_qtype *args, size_t nargs, bool grouped, dg_qtype *out)
{
    if (dg_strcasecmp_ascii(call->name, "min") != 0 && dg_strcasecmp_ascii(call->name, "max") != 0) return false;
    dg_qtype t = {DG_VT_UNKNOWN, false};
    for (size_t i = 0; i < nargs; i++) {
        t.v = merge_c(t.v, args[i].v);
        t.nullable |= args[i].nullable;
    }
    if (nargs == 1 && (!grouped || call->filter)) t.nullable = true;
    *out = t;
    return true;
}

bool dg_qfunc_arg_type(dg_qctx *c, const char *fn, size_t i, dg_qtype *out)
{
    const dg_qfunc *decl = find_declared(c, fn);
    if (decl) {
        if (i < decl->args.len) {
            *out = decl->args.items[i];
            return true;
        }
        if (decl->variadic && decl->args.len) {
            *out = decl->args.items[decl->args.len - 1];
            return true;
        }
        return false;
    }
    const fn_info *f = find(fn);
    if (!f) return false;
    dg_vtype t = i == 0 ? f->arg0 : f->argn;
    for (size_t k = 0; k < sizeof arg_hints / sizeof arg_hints[0]; k++)
        if (arg_hints[k].index == i && !dg_strcasecmp_ascii(arg_hints[k].name, fn)) t = arg_hints[k].type;
    if (t == DG_VT_UNKNOWN) return false;
    out->v = t;
    out->nullable = false;
    return true;
}

dg_vtype dg_qmerge_vtype(dg_vtype a, dg_vtype b) { return merge_c(a, b); }
