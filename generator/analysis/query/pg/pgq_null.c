/* pgq_null.c - dalgen's own nullability of an expression (design/
 * postgres.md 3.5 point 5): the server says nothing true about it (a LEFT
 * JOIN's nullable side keeps its NOT NULL there).  Conservative: what is
 * not shown never NULL is nullable (pgq_int.h). */
#include <string.h>

#include "analysis/query/pg/pgq_int.h"

static bool all_notnull(pgq_ctx *c, const pgq_scope *s, const json_t *list)
{
    json_t *e;
    size_t i;
    json_array_foreach(list, i, e)
        if (!pgq_notnull(c, s, e)) return false;
    return true;
}

static bool any_notnull(pgq_ctx *c, const pgq_scope *s, const json_t *list)
{
    json_t *e;
    size_t i;
    json_array_foreach(list, i, e)
        if (pgq_notnull(c, s, e)) return true;
    return false;
}

static bool in_list(const char *name, const char *const *list)
{
    for (size_t i = 0; name && list[i]; i++)
        if (!strcmp(name, list[i])) return true;
    return false;
}

/* Operators that give NULL only for a NULL operand (and raise errors
 * rather than returning NULL otherwise). */
static const char *const total_ops[] = {"+", "-", "*", "/", "%", "^", "||", "=", "<>", "!=", "<", ">", "<=", ">=",
                                        "~~", "!~~", "~~*", "!~~*", "~", "~*", "!~", "!~*", NULL};
/* Functions likewise, over non-null arguments. */
static const char *const total_funcs[] = {
    "lower", "upper", "length", "char_length", "character_length", "octet_length", "abs", "md5", "btrim",
    "ltrim", "rtrim", "trim", "replace", "substr", "round", "floor", "ceil", "ceiling", "trunc",
    "left", "right", "reverse", "repeat", "lpad", "rpad", "initcap", "sign", "sqrt", "mod", "date_trunc",
    "date_part", "extract", "to_char", "concat_ws", "position", "strpos", "split_part", "cardinality", NULL};
/* Never NULL whatever the arguments. */
static const char *const never_null_funcs[] = {
    "count", "now", "concat", "row_number", "rank", "dense_rank", "percent_rank", "cume_dist",
    "random", "gen_random_uuid", "clock_timestamp", "statement_timestamp", "transaction_timestamp", "version",
    "current_database", "pg_backend_pid", NULL};

static bool func_notnull(pgq_ctx *c, const pgq_scope *s, const json_t *f)
{
    json_t *fn = json_object_get(f, "funcname");
    const char *name = pgq_str_at(fn, json_array_size(fn) - 1), *ns = json_array_size(fn) == 2 ? pgq_str_at(fn, 0) : NULL;
    if (ns && strcmp(ns, "pg_catalog")) return false;   /* the user's functions, sqlc.* */
    if (json_is_true(json_object_get(f, "agg_star")) || in_list(name, never_null_funcs)) return true;
    if (json_object_get(f, "agg_filter") || json_object_get(f, "agg_order")) return false;
    return in_list(name, total_funcs) && all_notnull(c, s, json_object_get(f, "args"));
}

static bool aexpr_notnull(pgq_ctx *c, const pgq_scope *s, const json_t *b)
{
    const char *kind = json_string_value(json_object_get(b, "kind"));
    const char *op = pgq_str_at(json_object_get(b, "name"), 0);
    json_t *l = json_object_get(b, "lexpr"), *r = json_object_get(b, "rexpr");
    if (!kind) return false;
    if (!strcmp(kind, "AEXPR_DISTINCT") || !strcmp(kind, "AEXPR_NOT_DISTINCT")) return true;
    if (!strcmp(kind, "AEXPR_OP") || !strcmp(kind, "AEXPR_LIKE") || !strcmp(kind, "AEXPR_ILIKE"))
        return in_list(op, total_ops) && (!l || pgq_notnull(c, s, l)) && pgq_notnull(c, s, r);
    if (!strcmp(kind, "AEXPR_IN") || !strncmp(kind, "AEXPR_BETWEEN", 13) || !strncmp(kind, "AEXPR_NOT_BETWEEN", 17)) {
        json_t *list = pgq_as(r, "List");
        return pgq_notnull(c, s, l) && (list ? all_notnull(c, s, json_object_get(list, "items")) : pgq_notnull(c, s, r));
    }
    return false;   /* NULLIF, ANY/ALL over arrays that may hold NULL, ... */
}

static bool case_notnull(pgq_ctx *c, const pgq_scope *s, const json_t *b)
{
    json_t *def = json_object_get(b, "defresult"), *w;
    if (!def || !pgq_notnull(c, s, def)) return false;
    size_t i;
    json_array_foreach(json_object_get(b, "args"), i, w) {
        json_t *cw = pgq_as(w, "CaseWhen");
        if (!cw || !pgq_notnull(c, s, json_object_get(cw, "result"))) return false;
    }
    return true;
}

/* (SELECT count(...) FROM ...): an aggregate without GROUP BY, HAVING,
 * LIMIT or OFFSET gives exactly one row, and count's is never NULL. */
static bool one_count(const json_t *sel)
{
    const char *op = json_string_value(json_object_get(sel, "op"));
    if (!sel || (op && strcmp(op, "SETOP_NONE")) || json_object_get(sel, "groupClause") ||
        json_object_get(sel, "havingClause") || json_object_get(sel, "limitCount") ||
        json_object_get(sel, "limitOffset") || json_array_size(json_object_get(sel, "targetList")) != 1)
        return false;
    json_t *r = pgq_as(json_array_get(json_object_get(sel, "targetList"), 0), "ResTarget");
    json_t *f = r ? pgq_as(json_object_get(r, "val"), "FuncCall") : NULL;
    json_t *fn = f ? json_object_get(f, "funcname") : NULL;
    const char *name = fn ? pgq_str_at(fn, json_array_size(fn) - 1) : NULL;
    return name && !strcmp(name, "count") && !json_object_get(f, "over");
}

static bool sublink_notnull(const json_t *b)
{
    const char *t = json_string_value(json_object_get(b, "subLinkType"));
    if (t && !strcmp(t, "EXPR_SUBLINK")) return one_count(pgq_as(json_object_get(b, "subselect"), "SelectStmt"));
    return t && (!strcmp(t, "EXISTS_SUBLINK") || !strcmp(t, "ARRAY_SUBLINK"));
}

bool pgq_notnull(pgq_ctx *c, const pgq_scope *s, const json_t *e)
{
    json_t *b;
    const char *kind = pgq_kind(e, &b);
    if (!kind) return false;
    if (!strcmp(kind, "A_Const")) return !json_is_true(json_object_get(b, "isnull"));
    if (!strcmp(kind, "ColumnRef")) {
        bool srcnull = false;
        const pgq_col *col = pgq_resolve(s, b, &srcnull);
        return col && col->notnull && !srcnull;
    }
    if (!strcmp(kind, "TypeCast") || !strcmp(kind, "CollateClause")) return pgq_notnull(c, s, json_object_get(b, "arg"));
    if (!strcmp(kind, "A_Expr")) return aexpr_notnull(c, s, b);
    if (!strcmp(kind, "BoolExpr")) return all_notnull(c, s, json_object_get(b, "args"));
    if (!strcmp(kind, "NullTest") || !strcmp(kind, "BooleanTest") || !strcmp(kind, "SQLValueFunction") ||
        !strcmp(kind, "A_ArrayExpr") || !strcmp(kind, "RowExpr") || !strcmp(kind, "GroupingFunc"))
        return true;
    if (!strcmp(kind, "CoalesceExpr") || !strcmp(kind, "MinMaxExpr")) return any_notnull(c, s, json_object_get(b, "args"));
    if (!strcmp(kind, "CaseExpr")) return case_notnull(c, s, b);
    if (!strcmp(kind, "FuncCall")) return func_notnull(c, s, b);
    if (!strcmp(kind, "SubLink")) return sublink_notnull(b);
    return false;   /* parameters, subscripts, field selections, unknown nodes */
}

const char *pgq_expr_name(const json_t *e)
{
    json_t *b;
    const char *kind = pgq_kind(e, &b);
    if (!kind) return "?column?";
    if (!strcmp(kind, "ColumnRef")) {
        json_t *f = json_object_get(b, "fields");
        const char *n = pgq_str_at(f, json_array_size(f) - 1);
        return n ? n : "?column?";
    }
    if (!strcmp(kind, "FuncCall")) {
        json_t *f = json_object_get(b, "funcname");
        const char *n = pgq_str_at(f, json_array_size(f) - 1);
        return n ? n : "?column?";
    }
    if (!strcmp(kind, "TypeCast")) {
        const char *n = pgq_expr_name(json_object_get(b, "arg"));
        if (strcmp(n, "?column?")) return n;
        json_t *names = json_object_get(json_object_get(b, "typeName"), "names");
        const char *t = pgq_str_at(names, json_array_size(names) - 1);
        return t ? t : n;
    }
    if (!strcmp(kind, "CoalesceExpr")) return "coalesce";
    if (!strcmp(kind, "CaseExpr")) return "case";
    if (!strcmp(kind, "MinMaxExpr")) {
        const char *op = json_string_value(json_object_get(b, "op"));
        return op && !strcmp(op, "IS_GREATEST") ? "greatest" : "least";
    }
    if (!strcmp(kind, "SubLink")) {
        const char *t = json_string_value(json_object_get(b, "subLinkType"));
        if (t && !strcmp(t, "EXISTS_SUBLINK")) return "exists";
        if (t && !strcmp(t, "ARRAY_SUBLINK")) return "array";
    }
    return "?column?";
}

/* ---- names (the FROM scopes of pgq_select.c) ---- */

const pgq_col *pgq_resolve(const pgq_scope *s, const json_t *colref, bool *src_nullable)
{
    json_t *fields = json_object_get(colref, "fields");
    size_t n = json_array_size(fields);
    const char *name = pgq_str_at(fields, n - 1), *qual = n >= 2 ? pgq_str_at(fields, n - 2) : NULL;
    if (!name) return NULL;
    for (; s; s = s->outer)
        for (size_t i = 0; i < s->srcs.len; i++) {
            const pgq_src *x = &s->srcs.items[i];
            if (qual && (!x->name || strcmp(x->name, qual))) continue;
            for (size_t k = 0; k < x->cols.len; k++)
                if (!strcmp(x->cols.items[k].name, name)) {
                    *src_nullable = x->nullable;
                    return &x->cols.items[k];
                }
            if (qual) return NULL;
        }
    return NULL;
}
