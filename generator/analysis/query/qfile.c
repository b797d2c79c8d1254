/* qfile.c - reading query files: `-- name: X :kind` headers, the statement
 * text of each query, and the @param / @result / @function annotations. */
#include "analysis/query/qinternal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sql/sqltok.h"
#include "util/fsutil.h"

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
static bool is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (unsigned char)c >= 0x80;
}

/* The text inside a comment token, trimmed: [*s, *s + *n). */
static void comment_body(const char *text, dg_tok t, const char **s, size_t *n)
{
    const char *b = text + t.start + 2, *e = text + t.start + t.len;
    if (text[t.start] == '/' && e - b >= 2 && e[-1] == '/' && e[-2] == '*') e -= 2;
    while (b < e && is_space(*b)) b++;
    while (e > b && is_space(e[-1])) e--;
    *s = b;
    *n = (size_t)(e - b);
}

static const struct { const char *word; dg_qkind kind; } kinds[] = {
    {"one", DG_QK_ONE}, {"many", DG_QK_MANY}, {"exec", DG_QK_EXEC},
    {"execrows", DG_QK_EXECROWS}, {"execlastid", DG_QK_EXECLASTID},
    {"execresult", DG_QK_EXECRESULT},   /* sqlc's sql.Result: rows affected and the last insert id */
    {"copyfrom", DG_QK_COPYFROM},       /* PostgreSQL only (analysis/query/pg) */
    {"batchexec", DG_QK_BATCHEXEC},     /* PostgreSQL only */
    {"batchone", DG_QK_BATCHONE},       /* PostgreSQL only */
    {"batchmany", DG_QK_BATCHMANY},     /* PostgreSQL only */
};

/* A tiny cursor over one comment's text. */
typedef struct cur { const char *s, *e; } cur;

static void skip_ws(cur *c) { while (c->s < c->e && is_space(*c->s)) c->s++; }

static bool word(cur *c, const char **w, size_t *n)
{
    skip_ws(c);
    *w = c->s;
    while (c->s < c->e && is_word(*c->s)) c->s++;
    *n = (size_t)(c->s - *w);
    return *n > 0;
}

static bool kw(cur *c, const char *k)
{
    cur save = *c;
    const char *w;
    size_t n;
    if (word(c, &w, &n) && n == strlen(k) && dg_vtype_word(w, n) == DG_VT_UNKNOWN) {
        size_t i = 0;
        while (i < n && (w[i] & ~0x20) == k[i]) i++;
        if (i == n) return true;
    }
    *c = save;
    return false;
}

static bool at_end(cur *c)
{
    skip_ws(c);
    return c->s == c->e;
}

/* While dg_qfile_read reads a file, locations are asked in increasing
 * order: one cursor over its text keeps that linear in the file's size. */
static dg_loc_cursor *reading;

static dg_loc loc_of(const char *text, const char *p, const char *file)
{
    if (reading && reading->text == text && reading->base.file == file)
        return dg_loc_cursor_at(reading, (size_t)(p - text));
    dg_loc base = {file, 1, 1};
    return dg_loc_at(text, (size_t)(p - text), base);
}

/* TYPE, for annotations; reports and returns false when missing/unknown. */
static bool type_word(cur *c, const char *text, const char *file, dg_vtype *out, dg_diags *d)
{
    const char *w;
    size_t n;
    if (!word(c, &w, &n) || (*out = dg_vtype_word(w, n)) == DG_VT_UNKNOWN) {
        dg_error(d, loc_of(text, w, file),
                 "expected a type (INTEGER, REAL, TEXT, BLOB, BOOLEAN or ANY), found \"%.*s\"", (int)n, w);
        return false;
    }
    return true;
}

/* -- @param name TYPE [NULL]  /  -- @result col TYPE [NOT NULL] */
static int read_param_or_result(cur *c, bool result, const char *text, const char *file, dg_qsrc *q, dg_diags *d)
{
    const char *at = c->s, *w;
    size_t n;
    skip_ws(c);
    /* the name may be written with its sigil (:name) */
    if (c->s < c->e && strchr(":@$?", *c->s)) c->s++;
    if (!word(c, &w, &n)) {
        dg_error(d, loc_of(text, at, file), "@%s needs a name and a type", result ? "result" : "param");
        return 1;
    }
    dg_qannot a = {0};
    a.name = dg_xstrndup(w, n);
    a.loc = loc_of(text, w, file);
    if (!type_word(c, text, file, &a.type.v, d)) {
        free(a.name);
        return 1;
    }
    a.type.nullable = result;
    if (result) {
        if (kw(c, "NOT")) {
            if (!kw(c, "NULL")) goto junk;
            a.type.nullable = false;
        } else if (kw(c, "NULL")) {
            a.type.nullable = true;
        }
    } else {
        a.type.nullable = kw(c, "NULL");
        if (!a.type.nullable && kw(c, "NOT")) {
            if (!kw(c, "NULL")) goto junk;
        }
    }
    if (!at_end(c)) goto junk;
    if (result) DG_VEC_PUSH(&q->results, a);
    else DG_VEC_PUSH(&q->params, a);
    return 0;
junk:
    dg_error(d, loc_of(text, c->s, file), "unexpected \"%.*s\" in @%s", (int)(c->e - c->s), c->s,
             result ? "result" : "param");
    free(a.name);
    return 1;
}

/* -- @function name(TYPE, ...) TYPE [NOT NULL] */
static int read_function(cur *c, const char *text, const char *file, dg_query_set *set, dg_diags *d)
{
    const char *w;
    size_t n;
    dg_qfunc f = {0};
    if (!word(c, &w, &n)) {
        dg_error(d, loc_of(text, c->s, file), "@function needs name(TYPE, ...) TYPE");
        return 1;
    }
    f.name = dg_xstrndup(w, n);
    f.loc = loc_of(text, w, file);
    skip_ws(c);
    if (c->s >= c->e || *c->s != '(') goto bad;
    c->s++;
    skip_ws(c);
    while (c->s < c->e && *c->s != ')') {
        skip_ws(c);
        if (c->e - c->s >= 3 && !memcmp(c->s, "...", 3)) {
            f.variadic = true;
            c->s += 3;
        } else {
            dg_qtype t = {DG_VT_UNKNOWN, false};
            if (!type_word(c, text, file, &t.v, d)) goto fail;
            DG_VEC_PUSH(&f.args, t);
        }
        skip_ws(c);
        if (c->s < c->e && *c->s == ',') c->s++;
        else break;
    }
    skip_ws(c);
    if (c->s >= c->e || *c->s != ')') goto bad;
    c->s++;
    f.ret.nullable = true;
    if (!type_word(c, text, file, &f.ret.v, d)) goto fail;
    if (kw(c, "NOT")) {
        if (!kw(c, "NULL")) goto bad;
        f.ret.nullable = false;
    }
    if (!at_end(c)) goto bad;
    for (size_t i = 0; i < set->functions.len; i++)
        if (!dg_strcasecmp_ascii(set->functions.items[i].name, f.name)) {
            dg_error(d, f.loc, "function %s is declared twice", f.name);
            goto fail;
        }
    DG_VEC_PUSH(&set->functions, f);
    return 0;
bad:
    dg_error(d, loc_of(text, c->s, file), "@function needs name(TYPE, ...) TYPE [NOT NULL]");
fail:
    free(f.name);
    DG_VEC_FREE(&f.args);
    return 1;
}

/* A `name: X :kind` header; returns 1 when the comment is one (errors
 * counted into *errs), 0 when it is an ordinary comment. */
static int read_header(const char *text, const char *b, size_t n, const char *file, dg_qsrc *q, int *errs, dg_diags *d)
{
    cur c = {b, b + n};
    if (n < 5 || strncmp(b, "name:", 5) != 0) return 0;
    c.s += 5;
    const char *w;
    size_t wn;
    q->loc = loc_of(text, b, file);
    if (!word(&c, &w, &wn)) {
        dg_error(d, loc_of(text, c.s, file), "query header needs a name: `name: GetAuthor :one`");
        (*errs)++;
        return 1;
    }
    q->name = dg_xstrndup(w, wn);
    skip_ws(&c);
    const char *k = c.s;
    if (c.s < c.e && *c.s == ':') c.s++;
    if (k == c.s || !word(&c, &w, &wn)) {
        dg_error(d, loc_of(text, k, file), "query %s needs a kind (:one, :many, :exec, :execrows, :execlastid or :execresult)", q->name);
        (*errs)++;
        return 1;
    }
    size_t i;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strlen(kinds[i].word) == wn && !strncmp(kinds[i].word, w, wn)) break;
    if (i == sizeof kinds / sizeof kinds[0]) {
        dg_error(d, loc_of(text, k, file), "unknown query kind \":%.*s\" (use :one, :many, :exec, :execrows, :execlastid or :execresult)",
                 (int)wn, w);
        (*errs)++;
        return 1;
    }
    q->kind = kinds[i].kind;
    q->execresult = !strcmp(kinds[i].word, "execresult");
    if (!at_end(&c)) {
        dg_error(d, loc_of(text, c.s, file), "unexpected \"%.*s\" after the query kind", (int)(c.e - c.s), c.s);
        (*errs)++;
    }
    return 1;
}

static void src_free(dg_qsrc *q)
{
    free(q->name);
    for (size_t i = 0; i < q->params.len; i++) free(q->params.items[i].name);
    for (size_t i = 0; i < q->results.len; i++) free(q->results.items[i].name);
    DG_VEC_FREE(&q->params);
    DG_VEC_FREE(&q->results);
}

void dg_qfiles_free(dg_qfiles *f)
{
    for (size_t i = 0; i < f->srcs.len; i++) src_free(&f->srcs.items[i]);
    DG_VEC_FREE(&f->srcs);
    for (size_t i = 0; i < f->texts.len; i++) free(f->texts.items[i]);
    DG_VEC_FREE(&f->texts);
}

/* Handles one comment: header, annotation, or nothing. */
static void read_comment(const char *text, size_t len, dg_tok t, const char *file, dg_query_set *set,
                         dg_qfiles *files, dg_qsrc **cur_q, int *errs, dg_diags *d)
{
    const char *b;
    size_t n;
    comment_body(text, t, &b, &n);
    dg_qsrc q = {0};
    if (read_header(text, b, n, file, &q, errs, d)) {
        if (*cur_q) (*cur_q)->end = t.start;
        if (!q.name) return;
        q.file = file;
        q.text = text;
        q.start = t.start + t.len;
        q.start_loc = loc_of(text, text + q.start, file);
        if (reading && reading->at_nul) q.start_loc.line = 0;
        q.end = len;
        DG_VEC_PUSH(&files->srcs, q);
        *cur_q = &files->srcs.items[files->srcs.len - 1];
        return;
    }
    cur c = {b, b + n};
    if (n > 9 && !strncmp(b, "@function", 9) && is_space(b[9])) {
        c.s = b + 9;
        *errs += read_function(&c, text, file, set, d);
        return;
    }
    bool result = n > 7 && !strncmp(b, "@result", 7) && is_space(b[7]);
    bool param = n > 6 && !strncmp(b, "@param", 6) && is_space(b[6]);
    if (!result && !param) return;
    if (!*cur_q) {
        dg_error(d, loc_of(text, b, file), "@%s outside a named query", result ? "result" : "param");
        (*errs)++;
        return;
    }
    c.s = b + (result ? 7 : 6);
    *errs += read_param_or_result(&c, result, text, file, *cur_q, d);
}

int dg_qfile_read(dg_query_set *set, const char *path, dg_qfiles *files, dg_diags *d)
{
    char *text = NULL;
    size_t len = 0;
    dg_strings_push(&set->files, path);
    const char *file = set->files.items[set->files.len - 1];
    if (dg_read_file(path, &text, &len) != 0) {
        dg_error(d, (dg_loc){file, 0, 0}, "cannot read: %s", strerror(errno));
        return 1;
    }
    DG_VEC_PUSH(&files->texts, text);
    int errs = 0;
    bool outside = false;
    dg_qsrc *cur_q = NULL;
    dg_loc_cursor lc;
    dg_loc_cursor_init(&lc, text, (dg_loc){file, 1, 1});
    reading = &lc;
    dg_lexer lx;
    dg_lexer_init(&lx, text, len);
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) lx.pos = 3;   /* a UTF-8 byte order mark */
    for (dg_tok t = dg_tok_next(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next(&lx)) {
        if (t.kind == DG_TOK_COMMENT) {
            read_comment(text, len, t, file, set, files, &cur_q, &errs, d);
        } else if (t.kind != DG_TOK_SPACE && !cur_q && !outside) {   /* sqlc skips statements without a name */
            dg_warning(d, loc_of(text, text + t.start, file),
                       "SQL before the first named query is ignored (start each query with `-- name: Name :kind`)");
            outside = true;
        }
    }
    reading = NULL;
    return errs;
}

int dg_qfiles_read(const dg_strings *paths, dg_query_set *set, dg_qfiles *files, dg_diags *d)
{
    int errors = 0;
    for (size_t i = 0; i < paths->len; i++) {
        const char *p = paths->items[i];
        if (!dg_is_dir(p)) {
            errors += dg_qfile_read(set, p, files, d);
            continue;
        }
        char **names = NULL;
        size_t n = 0;
        if (dg_list_dir(p, ".sql", &names, &n) != 0) {
            dg_error(d, (dg_loc){p, 0, 0}, "cannot list the folder");
            errors++;
            continue;
        }
        for (size_t k = 0; k < n; k++) errors += dg_qfile_read(set, names[k], files, d);
        dg_free_strings(names, n);
    }
    return errors;
}
