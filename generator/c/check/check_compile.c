/* check_compile.c - the boolean structure of a CHECK and its comparisons,
 * compiled to three-valued C (see check.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "c/check/check_cc.h"

static bool is_numeric_aff(dg_affinity a)
{
    return a == DG_AFF_INTEGER || a == DG_AFF_REAL || a == DG_AFF_NUMERIC;
}

static bool is_cmp_op(const char *op)
{
    static const char *ops[] = {"=", "==", "!=", "<>", "<", "<=", ">", ">=", "IS", "IS NOT",
                                "IS NOT DISTINCT FROM", "IS DISTINCT FROM", NULL};
    for (int i = 0; ops[i]; i++)
        if (strcmp(op, ops[i]) == 0) return true;
    return false;
}

/* The C operator of a comparison, and whether it is IS / IS NOT. */
static const char *c_op(const char *op, int *is)
{
    *is = 0;
    if (strcmp(op, "IS") == 0 || strcmp(op, "IS NOT DISTINCT FROM") == 0) { *is = 1; return "=="; }
    if (strcmp(op, "IS NOT") == 0 || strcmp(op, "IS DISTINCT FROM") == 0) { *is = -1; return "!="; }
    if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0) return "==";
    if (strcmp(op, "<>") == 0) return "!=";
    return op;
}

static const char *const_c(dg_cc *cx, const dg_const *k)
{
    switch (k->type) {
    case SQLITE_INTEGER: return dg_cc_keep(cx, dg_c_int(k->i));
    case SQLITE_FLOAT: return dg_cc_keep(cx, dg_c_double(k->r));
    default: return dg_cc_keep(cx, dg_c_string(k->t));
    }
}

static dg_vclass const_class(const dg_const *k)
{
    return k->type == SQLITE_INTEGER ? DG_CL_INT : k->type == SQLITE_FLOAT ? DG_CL_REAL : DG_CL_TEXT;
}

/* Applies comparison affinity (datatype3.html 4.2) to `o`, the operand on
 * the other side of `other`. */
static bool apply_affinity(dg_cc *cx, const dg_operand *other, dg_operand *o)
{
    bool o_num = o->has_aff && is_numeric_aff(o->aff);
    if (other->has_aff && is_numeric_aff(other->aff) && !o_num) {
        if (o->is_const) {
            char *old = o->k.t;
            if (dg_const_numeric(cx->db, &o->k) != 0) return dg_cc_refuse(cx, "a constant SQLite cannot convert");
            if (o->k.t != old) dg_cc_keep(cx, o->k.t);
        } else if (o->cls == DG_CL_TEXT) {
            return dg_cc_refuse(cx, "a comparison that converts text to a number at run time");
        }
    } else if (other->has_aff && other->aff == DG_AFF_TEXT && !o->has_aff) {
        if (o->is_const) {
            char *old = o->k.t;
            if (dg_const_text(cx->db, &o->k) != 0) return dg_cc_refuse(cx, "a constant SQLite cannot convert");
            if (o->k.t != old) dg_cc_keep(cx, o->k.t);
        } else if (o->cls != DG_CL_TEXT) {
            return dg_cc_refuse(cx, "a comparison that converts a number to text at run time");
        }
    }
    return true;
}

/* l OP r for two non-NULL values, as a C boolean. */
static const char *compare_values(dg_cc *cx, const char *op, dg_vclass lc, const char *lv,
                                  dg_vclass rc, const char *rv, dal_collation coll)
{
    static const char *colls[] = {"DAL_COLL_BINARY", "DAL_COLL_NOCASE", "DAL_COLL_RTRIM"};
    if (lc == DG_CL_TEXT && rc == DG_CL_TEXT)
        return dg_cc_str(cx, "(dal_sql_cmp_text(%s, %s, %s) %s 0)", lv, rv, colls[coll], op);
    if (lc == DG_CL_TEXT || rc == DG_CL_TEXT) {
        /* Numbers sort before text: the answer depends only on the operator. */
        int sign = lc == DG_CL_TEXT ? 1 : -1;   /* sign of (l - r) */
        bool v = strcmp(op, "==") == 0 ? false : strcmp(op, "!=") == 0 ? true
               : op[0] == '<' ? sign < 0 : sign > 0;
        return v ? "1" : "0";
    }
    if (lc == DG_CL_INT && rc == DG_CL_REAL)
        return dg_cc_str(cx, "(dal_sql_cmp_int_real(%s, %s) %s 0)", lv, rv, op);
    if (lc == DG_CL_REAL && rc == DG_CL_INT)
        return dg_cc_str(cx, "(0 %s dal_sql_cmp_int_real(%s, %s))", op, rv, lv);
    return dg_cc_str(cx, "(%s %s %s)", lv, op, rv);
}

/* x OP k for an integer x and k at a limit of int64_t where the answer does
 * not depend on x (x <= INT64_MAX...): "1" or "0", NULL otherwise.  C
 * compilers warn about such comparisons, so they are folded. */
static const char *limit_fold(const char *op, const dg_const *k, bool k_on_left)
{
    if (k->type != SQLITE_INTEGER || (k->i != INT64_MAX && k->i != INT64_MIN)) return NULL;
    static const char *const flip[][2] = {{"<", ">"}, {"<=", ">="}, {">", "<"}, {">=", "<="}};
    for (int i = 0; k_on_left && i < 4; i++)
        if (!strcmp(op, flip[i][0])) { op = flip[i][1]; break; }
    bool max = k->i == INT64_MAX;
    if (!strcmp(op, max ? "<=" : ">=")) return "1";
    if (!strcmp(op, max ? ">" : "<")) return "0";
    return NULL;
}

/* x OP k for text x of a column with numeric affinity and a constant k that
 * stays text: when SQLite stores x as a number, numbers sort before text
 * whatever the number; otherwise the texts compare. */
static const char *compare_numtext(dg_cc *cx, const char *op, int is, const dg_operand *x,
                                   const dg_operand *k, bool x_left)
{
    static const char *colls[] = {"DAL_COLL_BINARY", "DAL_COLL_NOCASE", "DAL_COLL_RTRIM"};
    if (!k->is_const || (k->k.type != SQLITE_TEXT && k->k.type != SQLITE_NULL))
        return dg_cc_refuse(cx, "a comparison of text that a numeric column may store as a number"), NULL;
    if (k->k.type == SQLITE_NULL) {
        if (!is) return "-1";
        return dg_cc_str(cx, "(%s ? %d : %d)", x->null_c, is > 0, is < 0);
    }
    const dg_operand *l = x_left ? x : k, *r = x_left ? k : x;
    dal_collation coll = l->coll_rank == 2 ? l->coll : r->coll_rank == 2 ? r->coll : x->coll;
    const char *kv = const_c(cx, &k->k);
    const char *lv = x_left ? x->val_c : kv, *rv = x_left ? kv : x->val_c;
    const char *as_text = dg_cc_str(cx, "(dal_sql_cmp_text(%s, %s, %s) %s 0)", lv, rv, colls[coll], op);
    const char *as_number = compare_values(cx, op, x_left ? DG_CL_INT : DG_CL_TEXT, "0",
                                           x_left ? DG_CL_TEXT : DG_CL_INT, "0", DAL_COLL_BINARY);
    const char *v = dg_cc_str(cx, "(dal_sql_text_is_numeric(%s) ? %s : %s)", x->val_c, as_number, as_text);
    if (!is) return dg_cc_str(cx, "(%s ? -1 : %s)", x->null_c, v);
    return dg_cc_str(cx, "(%s ? %d : %s)", x->null_c, is < 0, v);
}

/* Comparison of two operands: three-valued C. */
static const char *compare(dg_cc *cx, const char *sql_op, dg_operand l, dg_operand r)
{
    int is;
    const char *op = c_op(sql_op, &is);
    if (l.trimmed || r.trimmed) {
        dg_operand *x = l.trimmed ? &l : &r, *k = l.trimmed ? &r : &l;
        if (!k->is_const || k->k.type != SQLITE_TEXT || k->k.t[0] || is || (strcmp(op, "==") && strcmp(op, "!=")))
            return dg_cc_refuse(cx, "trim() compared with something other than ''"), NULL;
        return dg_cc_str(cx, "(%s ? -1 : %sdal_sql_trim_empty(%s))", x->null_c, op[0] == '!' ? "!" : "", x->val_c);
    }
    if (l.is_const && r.is_const) return dg_cc_refuse(cx, "a comparison of two constants"), NULL;
    if (!apply_affinity(cx, &l, &r) || !apply_affinity(cx, &r, &l)) return NULL;
    if (l.numtext || r.numtext) return compare_numtext(cx, op, is, l.numtext ? &l : &r, l.numtext ? &r : &l, l.numtext);
    dal_collation coll = l.coll_rank == 2 ? l.coll : r.coll_rank == 2 ? r.coll
                       : l.coll_rank == 1 ? l.coll : r.coll_rank == 1 ? r.coll : DAL_COLL_BINARY;
    bool lnull = l.is_const && l.k.type == SQLITE_NULL, rnull = r.is_const && r.k.type == SQLITE_NULL;
    if (lnull || rnull) {
        if (!is) return "-1";
        const char *other = lnull ? r.null_c : l.null_c;
        if (lnull && rnull) return is > 0 ? "1" : "0";
        return dg_cc_str(cx, "(%s ? %d : %d)", other, is > 0, is < 0);
    }
    const char *lv = l.is_const ? const_c(cx, &l.k) : l.val_c;
    const char *rv = r.is_const ? const_c(cx, &r.k) : r.val_c;
    dg_vclass lc = l.is_const ? const_class(&l.k) : l.cls, rc = r.is_const ? const_class(&r.k) : r.cls;
    const char *v = lc == DG_CL_INT && rc == DG_CL_INT ? limit_fold(op, l.is_const ? &l.k : &r.k, l.is_const) : NULL;
    if (!v && !l.is_const && !r.is_const && strcmp(lv, rv) == 0)   /* a value against itself */
        v = strcmp(op, "==") == 0 || strcmp(op, "<=") == 0 || strcmp(op, ">=") == 0 ? "1" : "0";
    if (!v) v = compare_values(cx, op, lc, lv, rc, rv, coll);
    bool ln = strcmp(l.null_c, "0") != 0, rn = strcmp(r.null_c, "0") != 0;
    if (!ln && !rn) return v;
    const char *nulls = ln && rn ? dg_cc_str(cx, "(%s || %s)", l.null_c, r.null_c) : ln ? l.null_c : r.null_c;
    if (!is) return dg_cc_str(cx, "(%s ? -1 : %s)", nulls, v);
    /* IS: two NULLs are equal, one NULL differs. */
    if (!ln || !rn) return dg_cc_str(cx, "(%s ? %d : %s)", nulls, is < 0, v);
    return dg_cc_str(cx, "((%s && %s) ? %d : %s ? %d : %s)", l.null_c, r.null_c, is > 0, nulls, is < 0, v);
}

static const char *bool_c(dg_cc *cx, const dg_expr *e);

static const char *in_list(dg_cc *cx, const dg_expr *e)
{
    if (e->select || e->args.len == 0 || e->name) return dg_cc_refuse(cx, "IN over a table or a subquery"), NULL;
    if (e->args.len == 1) return e->negated ? "1" : "0";
    dg_operand x;
    if (!dg_cc_operand(cx, e->args.items[0], &x)) return NULL;
    const char *acc = NULL;
    for (size_t i = 1; i < e->args.len; i++) {
        dg_operand k;
        if (!dg_cc_operand(cx, e->args.items[i], &k)) return NULL;
        if (!k.is_const || k.coll_rank) return dg_cc_refuse(cx, "IN with a list of other than constants"), NULL;
        /* SQLite compares with the left operand's affinity and collation. */
        const char *eq = compare(cx, "=", x, k);
        if (!eq) return NULL;
        acc = acc ? dg_cc_str(cx, "dal_sql_or(%s, %s)", acc, eq) : eq;
    }
    return e->negated ? dg_cc_str(cx, "dal_sql_not(%s)", acc) : acc;
}

/* Decodes one UTF-8 character that must be all of `s`; 0 when it is not. */
static unsigned one_char(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned c = u[0];
    int n = c < 0x80 ? 0 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : -1;
    if (n < 0 || c == 0) return 0;
    if (n) c &= 0x3fu >> n;
    for (int i = 1; i <= n; i++) {
        if ((u[i] & 0xc0) != 0x80) return 0;
        c = (c << 6) | (u[i] & 0x3fu);
    }
    return u[n + 1] == 0 ? c : 0;
}

static const char *like(dg_cc *cx, const dg_expr *e)
{
    bool glob = strcmp(e->op, "GLOB") == 0;
    if (!glob && strcmp(e->op, "LIKE") != 0) return dg_cc_refuse(cx, "%s", e->op), NULL;
    dg_operand x, p, esc;
    if (!dg_cc_operand(cx, e->args.items[0], &x) || !dg_cc_operand(cx, e->args.items[1], &p)) return NULL;
    if (x.is_const || x.trimmed || x.cls != DG_CL_TEXT || x.numtext)
        return dg_cc_refuse(cx, "%s on something other than a text column", e->op), NULL;
    if (!p.is_const || (p.k.type != SQLITE_TEXT && p.k.type != SQLITE_NULL))
        return dg_cc_refuse(cx, "%s with a pattern that is not a string literal", e->op), NULL;
    unsigned ec = 0;
    if (e->args.len > 2) {
        if (glob || !dg_cc_operand(cx, e->args.items[2], &esc) || !esc.is_const ||
            esc.k.type != SQLITE_TEXT || (ec = one_char(esc.k.t)) == 0)
            return dg_cc_refuse(cx, "ESCAPE other than one literal character"), NULL;
        /* LIKE then stops treating that wildcard as one; sqlite3_strlike does not. */
        if (ec == '%' || ec == '_') return dg_cc_refuse(cx, "ESCAPE '%c'", (char)ec), NULL;
    }
    if (p.k.type == SQLITE_NULL) return "-1";
    const char *pat = const_c(cx, &p.k), *neg = e->negated ? "!" : "";
    const char *m = glob ? dg_cc_str(cx, "dal_sql_glob(%s, %s)", pat, x.val_c)
                         : dg_cc_str(cx, "dal_sql_like(%s, %s, %u)", pat, x.val_c, ec);
    if (strcmp(x.null_c, "0") == 0) return dg_cc_str(cx, "%s%s", neg, m);
    return dg_cc_str(cx, "(%s ? -1 : %s%s)", x.null_c, neg, m);
}

/* A value used as a condition: numbers are true when non-zero. */
static const char *truth(dg_cc *cx, const dg_expr *e)
{
    dg_operand x;
    if (!dg_cc_operand(cx, e, &x)) return NULL;
    if (x.is_const || x.trimmed || x.cls == DG_CL_TEXT)
        return dg_cc_refuse(cx, "a condition that is not a numeric column"), NULL;
    const char *v = dg_cc_str(cx, "(%s != 0)", x.val_c);
    if (strcmp(x.null_c, "0") == 0) return v;
    return dg_cc_str(cx, "(%s ? -1 : %s)", x.null_c, v);
}

static bool is_predicate(const dg_expr *e)
{
    switch (e->kind) {
    case DG_E_BINARY: return strcmp(e->op, "AND") == 0 || strcmp(e->op, "OR") == 0 || is_cmp_op(e->op);
    case DG_E_UNARY: return strcmp(e->op, "NOT") == 0;
    case DG_E_NULLTEST: case DG_E_BETWEEN: case DG_E_IN: case DG_E_LIKE: return true;
    default: return false;
    }
}

/* x IS [NOT] TRUE / FALSE: SQLite tests x's truth (NULL is neither), it does
 * not compare x with 1 or 0. */
static const char *is_truth(dg_cc *cx, const dg_expr *x, int is, bool want_true)
{
    const char *t, *nulls = "0";
    if (is_predicate(x)) {
        const char *p = bool_c(cx, x);
        if (!p) return NULL;
        t = dg_cc_str(cx, "(%s == %d)", p, want_true);
        return is > 0 ? t : dg_cc_str(cx, "!%s", t);
    }
    dg_operand o;
    if (!dg_cc_operand(cx, x, &o)) return NULL;
    if (o.is_const || o.trimmed || o.cls == DG_CL_TEXT)
        return dg_cc_refuse(cx, "IS TRUE/FALSE of something other than a numeric column"), NULL;
    nulls = o.null_c;
    t = dg_cc_str(cx, "(%s %s 0)", o.val_c, want_true ? "!=" : "==");
    if (!strcmp(nulls, "0")) return is > 0 ? t : dg_cc_str(cx, "!%s", t);
    return dg_cc_str(cx, "(%s ? %d : %s%s)", nulls, is < 0, is > 0 ? "" : "!", t);
}

static const char *binary(dg_cc *cx, const dg_expr *e)
{
    if (strcmp(e->op, "AND") == 0 || strcmp(e->op, "OR") == 0) {
        const char *a = bool_c(cx, e->args.items[0]), *b = a ? bool_c(cx, e->args.items[1]) : NULL;
        if (!b) return NULL;
        return dg_cc_str(cx, "dal_sql_%s(%s, %s)", e->op[0] == 'A' ? "and" : "or", a, b);
    }
    if (!is_cmp_op(e->op)) return dg_cc_refuse(cx, "the operator %s", e->op), NULL;
    const dg_expr *rhs = e->args.items[1], *lhs = e->args.items[0];
    bool rtf = rhs->kind == DG_E_LITERAL && (rhs->lit == DG_LIT_TRUE || rhs->lit == DG_LIT_FALSE);
    bool ltf = lhs->kind == DG_E_LITERAL && (lhs->lit == DG_LIT_TRUE || lhs->lit == DG_LIT_FALSE);
    int is;
    c_op(e->op, &is);
    if (is && rtf) return is_truth(cx, lhs, is, rhs->lit == DG_LIT_TRUE);
    if (is && ltf) return dg_cc_refuse(cx, "TRUE or FALSE on the left of IS"), NULL;
    dg_operand l, r;
    if (!dg_cc_operand(cx, e->args.items[0], &l) || !dg_cc_operand(cx, e->args.items[1], &r)) return NULL;
    return compare(cx, e->op, l, r);
}

static const char *bool_c(dg_cc *cx, const dg_expr *e)
{
    dg_operand x;
    switch (e->kind) {
    case DG_E_BINARY: return binary(cx, e);
    case DG_E_UNARY:
        if (strcmp(e->op, "NOT") == 0) {
            const char *a = bool_c(cx, e->args.items[0]);
            return a ? dg_cc_str(cx, "dal_sql_not(%s)", a) : NULL;
        }
        return truth(cx, e);
    case DG_E_NULLTEST:
        if (!dg_cc_operand(cx, e->args.items[0], &x)) return NULL;
        if (x.is_const) return dg_cc_refuse(cx, "a NULL test of a constant"), NULL;
        return dg_cc_str(cx, "(%s ? %d : %d)", x.null_c, !e->negated, e->negated);
    case DG_E_BETWEEN: {
        dg_operand v, lo, hi;
        if (!dg_cc_operand(cx, e->args.items[0], &v) || !dg_cc_operand(cx, e->args.items[1], &lo) ||
            !dg_cc_operand(cx, e->args.items[2], &hi))
            return NULL;
        const char *a = compare(cx, ">=", v, lo), *b = a ? compare(cx, "<=", v, hi) : NULL;
        if (!b) return NULL;
        const char *both = dg_cc_str(cx, "dal_sql_and(%s, %s)", a, b);
        return e->negated ? dg_cc_str(cx, "dal_sql_not(%s)", both) : both;
    }
    case DG_E_IN: return in_list(cx, e);
    case DG_E_LIKE: return like(cx, e);
    case DG_E_COLUMN:
    case DG_E_FUNC: return truth(cx, e);
    default:
        return dg_cc_refuse(cx, "the expression %s",
                            dg_cc_keep(cx, dg_sql_one_line(dg_cc_keep(cx, dg_xstrndup(cx->text + e->start, e->end - e->start))))), NULL;
    }
}

/* Columns with a DEFAULT other than NULL that the row leaves unset: the
 * database checks those rows (with the DEFAULT on insert, the stored value or
 * NULL on update), the compiled CHECK stands aside. */
static char *guard(dg_cc *cx)
{
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < cx->t->columns.len; i++) {
        const dg_cfield *f = &cx->f[i];
        if (!cx->used[i] || cx->exact[i]) continue;
        if (b.len) dg_buf_puts(&b, " && ");
        if (f->has_name) dg_buf_printf(&b, "%s->%s", cx->row, f->has_name);
        else if (f->kind == DG_CK_TEXT && !f->array) dg_buf_printf(&b, "%s->%s != NULL", cx->row, f->cname);
        else dg_buf_puts(&b, "1");
    }
    return b.len ? dg_buf_steal(&b) : NULL;
}

/* out->reads: the guard's columns (as guard() lists them), then the
 * others in the order the condition `c` reads them. */
static void reads(dg_cc *cx, const char *c, dg_check_c *out)
{
    size_t n = 0, cols = cx->t->columns.len, nc;
    const int *in_c = dg_cc_reads_of(cx, c, &nc);
    out->reads = dg_xcalloc(cols + 1, sizeof *out->reads);
    for (size_t i = 0; i < cols; i++)
        if (cx->used[i] && !cx->exact[i]) out->reads[n++] = (int)i;
    for (size_t k = 0; k < nc; k++)
        if (!(cx->used[in_c[k]] && !cx->exact[in_c[k]])) out->reads[n++] = in_c[k];
    out->nreads = n;
}

int dg_check_compile(const dg_table *t, const dg_check *chk, const dg_cfield *fields,
                     const char *row, dg_check_c *out)
{
    memset(out, 0, sizeof *out);
    out->sql = dg_sql_one_line(chk->expr);
    out->column = -1;
    dg_cc cx;
    memset(&cx, 0, sizeof cx);
    cx.t = t;
    cx.f = fields;
    cx.row = row;
    cx.text = chk->expr;
    cx.used = dg_xcalloc(t->columns.len + 1, sizeof *cx.used);
    cx.exact = dg_xcalloc(t->columns.len + 1, sizeof *cx.exact);
    dg_sql_ast *ast = NULL;
    if (dg_expr_parse(chk->expr, strlen(chk->expr), chk->loc, &ast, NULL) != 0) {
        dg_cc_refuse(&cx, "an expression dalgen does not parse");
    } else if (sqlite3_open_v2(":memory:", &cx.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        dg_cc_refuse(&cx, "no SQLite to fold constants");
    } else {
        const char *c = bool_c(&cx, ast->expr);
        if (c) {
            out->cond = dg_xstrdup(c);
            out->guard = guard(&cx);
            reads(&cx, c, out);
            for (size_t i = 0; i < t->columns.len; i++)
                if (cx.used[i]) out->column = out->column == -1 ? (int)i : -2;
            if (out->column == -2) out->column = -1;
        }
    }
    out->reason = cx.reason;
    if (!out->cond && !out->reason) out->reason = dg_xstrdup("an unsupported form");
    if (out->cond && out->reason) { free(out->reason); out->reason = NULL; }
    sqlite3_close(cx.db);
    dg_sql_ast_free(ast);
    for (size_t i = 0; i < cx.pool.len; i++) free(cx.pool.items[i]);
    DG_VEC_FREE(&cx.pool);
    free(cx.used);
    free(cx.exact);
    for (size_t i = 0; i < cx.reads.len; i++) DG_VEC_FREE(&cx.reads.items[i].cols);
    DG_VEC_FREE(&cx.reads);
    return out->cond ? 0 : 1;
}

void dg_check_c_free(dg_check_c *c)
{
    if (!c) return;
    free(c->cond);
    free(c->guard);
    free(c->reason);
    free(c->sql);
    free(c->reads);
    memset(c, 0, sizeof *c);
}
