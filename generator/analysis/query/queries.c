/* queries.c - the queries analyser's driver: read the files, then for each
 * query parse, rewrite, prepare against the schema database, and type the
 * parameters and result columns. */
#include "analysis/query/qinternal.h"

#include <stdlib.h>
#include <string.h>

#include <dal.h>
#include <jansson.h>

#include "frontend/schema_db.h"
#include "sql/sqltok.h"
#include "util/fsutil.h"
#include "util/ident.h"

static void query_free(dg_query *q)
{
    free(q->name);
    free(q->c_name);
    free(q->sql);
    free(q->copy_sql);
    for (size_t i = 0; i < q->params.len; i++) {
        free(q->params.items[i].name);
        free(q->params.items[i].sql_name);
        DG_VEC_FREE(&q->params.items[i].binds);
        dg_qpgtype_free(q->params.items[i].pg);
    }
    DG_VEC_FREE(&q->params);
    for (size_t i = 0; i < q->fields.len; i++) {
        free(q->fields.items[i].name);
        free(q->fields.items[i].column);
        dg_qpgtype_free(q->fields.items[i].pg);
    }
    DG_VEC_FREE(&q->fields);
}

void dg_qpgtype_free(dg_qpgtype *t)
{
    if (!t) return;
    free(t->type);
    free(t->col.type_schema);
    free(t->col.type_name);
    free(t->col.type_kind);
    free(t->col.domain);
    free(t->col.base_type);
    free(t->col.identity);
    free(t->col.sequence);
    free(t->col.comment);
    free(t);
}

void dg_query_set_free(dg_query_set *q)
{
    if (!q) return;
    for (size_t i = 0; i < q->queries.len; i++) query_free(&q->queries.items[i]);
    DG_VEC_FREE(&q->queries);
    for (size_t i = 0; i < q->functions.len; i++) {
        free(q->functions.items[i].name);
        DG_VEC_FREE(&q->functions.items[i].args);
    }
    DG_VEC_FREE(&q->functions);
    dg_strings_free(&q->files);
    free(q);
}

void dg_query_free(dg_query *q)
{
    query_free(q);
}

/* ---- result fields ---- */

/* Whether field f gets a has_ flag in C: a nullable scalar (a text field
 * read from a column may be the column's enum, which is one). */
static bool has_flag(const dg_qfield *f)
{
    dg_vtype v = f->type.v;
    return f->type.nullable && !f->embed_table &&
           (v == DG_VT_INT64 || v == DG_VT_DOUBLE || v == DG_VT_BOOL || (v == DG_VT_TEXT && f->origin));
}

/* Whether `name` (of a field that has a has_ flag when `flag`) collides
 * with an earlier field or has_ flag. */
static bool field_taken(const dg_query *q, const char *name, bool flag)
{
    char *own_flag = flag ? dg_xprintf("has_%s", name) : NULL;
    bool taken = false;
    for (size_t i = 0; i < q->fields.len && !taken; i++) {
        const dg_qfield *f = &q->fields.items[i];
        if (!f->name) continue;
        taken = !strcmp(f->name, name) || (own_flag && !strcmp(f->name, own_flag)) ||
                (!strncmp(name, "has_", 4) && !strcmp(f->name, name + 4) && has_flag(f));
    }
    free(own_flag);
    return taken;
}

/* C field name of result column `col`: snake case, keywords get `_`,
 * collisions `_2`, `_3`... in column order (docs/queries.md); `flag`: the
 * field has a has_ flag, which must not collide either. */
static char *field_name(const dg_query *q, const char *col, bool flag)
{
    char *snake = dg_c_field_ident(col);
    if (!strcmp(snake, "db") || !strcmp(snake, "it")) {   /* the row reader's own parameters */
        char *n = dg_xprintf("%s_", snake);
        free(snake);
        snake = n;
    }
    char *name = dg_xstrdup(snake);
    for (int k = 2; field_taken(q, name, flag); k++) {
        free(name);
        name = dg_xprintf("%s_%d", snake, k);
    }
    free(snake);
    return name;
}

char *dg_qfield_name(const dg_query *q, const char *col, bool flag)
{
    return field_name(q, col, flag);
}

char *dg_qembed_field_name(const dg_query *q, const dg_schema *s, const dg_table *t)
{
    if (dg_schema_default(s, t->schema) || !dg_schema_name_shared(s, t->schema, t->name)) return field_name(q, t->name, false);
    char *label = dg_xprintf("%s_%s", t->schema, t->name);
    char *name = field_name(q, label, false);
    free(label);
    return name;
}

static dg_qannot *result_annot(const dg_qsrc *src, const char *col, const char *field)
{
    for (size_t i = 0; i < src->results.len; i++) {
        dg_qannot *a = &src->results.items[i];
        if (!strcmp(a->name, col) || !strcmp(a->name, field)) return a;
    }
    return NULL;
}

/* The result is exactly table T's columns in order: reuse T's struct. */
static const dg_table *whole_table(const dg_qcols *cols)
{
    if (!cols->len || !cols->items[0].table) return NULL;
    const dg_table *t = cols->items[0].table;
    size_t n = 0;
    for (size_t i = 0; i < t->columns.len; i++)
        if (!t->columns.items[i].hidden) n++;
    if (n != cols->len || n != t->columns.len) return NULL;
    dg_qcols base = {0};
    dg_qtable_cols(t, &base);
    bool same = true;
    for (size_t i = 0; i < cols->len && same; i++) {
        const dg_qcol *c = &cols->items[i];
        /* a column the query keeps from NULL (WHERE x IS NOT NULL) still
         * fits the table's field, whose has_ flag then reads true */
        same = c->table == t && c->column == (int)i && !c->embed_table && c->type.v == base.items[i].type.v &&
               (!c->type.nullable || base.items[i].type.nullable);
    }
    dg_qcols_free(&base);
    return same ? t : NULL;
}

static void build_fields(dg_qctx *c, sqlite3_stmt *st, const dg_qcols *cols)
{
    dg_query *q = c->q;
    int n = sqlite3_column_count(st);
    q->ncols = n;
    bool matched = !c->star_unknown && cols->len == (size_t)n;
    for (int i = 0; i < n; i++) {
        const dg_qcol *qc = matched ? &cols->items[i] : NULL;
        const char *colname = sqlite3_column_name(st, i);
        dg_qfield *f = DG_VEC_ADD(&q->fields);
        f->column = dg_xstrdup(colname);
        f->col = i;
        f->origin_column = -1;
        if (qc && qc->embed_table) {
            f->embed_table = qc->embed_table;
            f->ncols = qc->embed_ncols;
            f->name = dg_qembed_field_name(q, c->schema, qc->embed_table);
            f->type = (dg_qtype){DG_VT_VALUE, false};
            i += qc->embed_ncols - 1;
            continue;
        }
        f->ncols = 1;
        f->type = qc ? qc->type : (dg_qtype){DG_VT_UNKNOWN, true};
        f->origin = qc && qc->column >= 0 ? qc->table : NULL;
        f->origin_column = f->origin ? qc->column : -1;
        if (f->type.v == DG_VT_UNKNOWN && sqlite3_column_decltype(st, i))
            f->type = (dg_qtype){dg_vtype_of_decl(sqlite3_column_decltype(st, i)), true};
        f->name = field_name(q, qc && qc->label ? qc->label : colname, has_flag(f));
        dg_qannot *a = result_annot(c->src, colname, f->name);
        if (a) {
            f->type = a->type;
            a->used = true;
            f->origin = NULL;   /* the user's type, not the column's */
            f->origin_column = -1;
        }
        if (f->type.v == DG_VT_UNKNOWN) {
            dg_error(c->d, qc && qc->pos ? dg_qctx_loc(c, qc->pos - 1) : c->q->loc, "cannot infer the type of result column \"%s\" of query %s; declare it with "
                     "`-- @result %s TYPE [NOT NULL]`", colname, q->name, colname);
            c->errors++;
        }
    }
    const dg_table *whole = matched ? whole_table(cols) : NULL;
    q->row_table = whole;
    for (size_t i = 0; i < c->src->results.len; i++) {
        dg_qannot *a = &c->src->results.items[i];
        if (a->used) continue;
        dg_error(c->d, a->loc, "@result %s: query %s has no result column %s", a->name, q->name, a->name);
        c->errors++;
    }
}

/* ---- one query ---- */

/* Where in `sql` (what SQLite prepared) the object of "no such table: x" /
 * "no such column: t.x" is named, when SQLite gives no offset: the first
 * token naming it after FROM, JOIN, INTO, UPDATE or a comma, else the first
 * token naming it; -1 when none. */
static long named_at(const char *sql, const char *msg)
{
    const char *const heads[] = {"no such table: ", "no such column: "};
    const char *name = NULL;
    for (size_t i = 0; i < 2 && !name; i++)
        if (!strncmp(msg, heads[i], strlen(heads[i]))) name = msg + strlen(heads[i]);
    if (!name || !*name) return -1;
    const char *dot = strrchr(name, '.');
    if (dot) name = dot + 1;   /* main.author, t.x: the last part is a token of its own */
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    long first = -1;
    bool after_head = false;
    for (dg_tok t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx)) {
        if (t.kind == DG_TOK_IDENT || t.kind == DG_TOK_QIDENT) {
            char *id = dg_tok_ident(&lx, t);
            bool hit = !dg_strcasecmp_ascii(id, name);
            free(id);
            if (hit && after_head) return (long)t.start;
            if (hit && first < 0) first = (long)t.start;
        }
        after_head = dg_tok_is_kw(&lx, t, "FROM") || dg_tok_is_kw(&lx, t, "JOIN") || dg_tok_is_kw(&lx, t, "INTO") ||
                     dg_tok_is_kw(&lx, t, "UPDATE") || dg_tok_is_punct(&lx, t, ",") ||
                     (after_head && dg_tok_is_punct(&lx, t, "."));
    }
    return first;
}

/* Whether SQLite's message is a syntax error ("near "order": syntax error"). */
static bool syntax_error(const char *msg)
{
    size_t n = strlen(msg), k = strlen("syntax error");
    return n >= k && !strcmp(msg + n - k, "syntax error");
}

/* SQLite's error for `sql` (the statement's text as SQLite saw it, starting
 * at stmt_start of the query text), located at its offset or at the name it
 * says it does not know.  `parsed`: dalgen's parser read the statement, so a
 * syntax error is SQL this SQLite does not know (a later SQLite's, as an
 * aggregate's ORDER BY before 3.44), which the message says. */
static int report_sqlite(dg_qctx *c, sqlite3 *db, const char *sql, size_t stmt_start, bool parsed)
{
    const char *msg = sqlite3_errmsg(db), *nl = strchr(msg, '\n');
    long off = sqlite3_error_offset(db);
    if (off < 0 && sql) off = named_at(sql, msg);
    size_t at = off >= 0 ? dg_qedits_map(&c->edits, stmt_start, (size_t)off) : stmt_start;
    /* a token SQLite quotes may run over lines (an unterminated string): show its first */
    if (nl) dg_error(c->d, dg_qctx_loc(c, at), "%.*s...\"", (int)(nl - msg), msg);
    else if (parsed && syntax_error(msg))
        dg_error(c->d, dg_qctx_loc(c, at), "%s (dalgen reads it, but SQLite %s, which checks and runs the "
                 "queries, does not: the syntax of a later SQLite?)", msg, sqlite3_libversion());
    else dg_error(c->d, dg_qctx_loc(c, at), "%s", msg);
    return 1;
}

/* A query whose text does not parse: SQLite's message when SQLite refuses
 * it too (it is the authority on syntax), else dalgen's. */
static int report_parse(dg_qctx *c, sqlite3 *db, const char *text, size_t len, dg_loc base)
{
    sqlite3_stmt *st = NULL;
    int rc = strstr(text, "sqlc.") && (size_t)(strstr(text, "sqlc.") - text) < len
                 ? SQLITE_OK
                 : sqlite3_prepare_v2(db, text, (int)len, &st, NULL);
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        char *sql = dg_xstrndup(text, len);
        report_sqlite(c, db, sql, 0, false);
        free(sql);
        return 1;
    }
    dg_sql_ast *ast = NULL;
    dg_stmt_parse(text, len, base, &ast, c->d);
    dg_sql_ast_free(ast);
    return 1;
}

static bool only_comments(const char *text, size_t from, size_t len, size_t *first)
{
    dg_lexer lx;
    dg_lexer_init(&lx, text, len);
    lx.pos = from;
    dg_tok t = dg_tok_next_sig(&lx);
    *first = t.start;
    return t.kind == DG_TOK_EOF;
}

static int check_kind(dg_qctx *c, int ncols)
{
    dg_query *q = c->q;
    if ((q->kind == DG_QK_ONE || q->kind == DG_QK_MANY) && ncols == 0) {
        dg_error(c->d, q->loc,
                 "query %s is :%s but returns no columns; use :exec, :execrows, :execlastid or :execresult", q->name,
                 q->kind == DG_QK_ONE ? "one" : "many");
        return 1;
    }
    return 0;   /* :exec and the like on rows (SELECT 1, RETURNING): stepped through, the rows dropped */
}

static int analyse(dg_qctx *c, sqlite3 *db, dg_stmt *st)
{
    dg_qparams_collect(c, st);
    dg_qcols cols = {0};
    dg_qstmt_columns(c, st, &cols);
    if (c->errors) {   /* the rewrite is incomplete: SQLite would only repeat them */
        dg_qcols_free(&cols);
        return c->errors;
    }
    c->q->sql = dg_qedits_apply(&c->edits, c->text, st->start, st->end);
    sqlite3_stmt *ps = NULL;
    int rc = sqlite3_prepare_v2(db, c->q->sql, -1, &ps, NULL);
    int errors = c->errors;
    if (rc != SQLITE_OK) {
        errors += report_sqlite(c, db, c->q->sql, st->start, true);
    } else if (sqlite3_bind_parameter_count(ps) != c->q->nbind) {
        dg_error(c->d, c->q->loc, "query %s: SQLite counts %d parameters where dalgen counts %d", c->q->name,
                 sqlite3_bind_parameter_count(ps), c->q->nbind);
        errors++;
    } else {
        errors += check_kind(c, sqlite3_column_count(ps));
        c->errors = 0;
        dg_qparams_finish(c);
        if (c->q->kind == DG_QK_ONE || c->q->kind == DG_QK_MANY) build_fields(c, ps, &cols);
        else c->q->ncols = sqlite3_column_count(ps);
        errors += c->errors;
    }
    sqlite3_finalize(ps);
    dg_qcols_free(&cols);
    return errors;
}

bool dg_qkind_rows(dg_qkind k)
{
    return k == DG_QK_ONE || k == DG_QK_MANY || k == DG_QK_BATCHONE || k == DG_QK_BATCHMANY;
}

bool dg_qkind_batch(dg_qkind k)
{
    return k == DG_QK_BATCHEXEC || k == DG_QK_BATCHONE || k == DG_QK_BATCHMANY;
}

/* The C names a query generates besides its own, before the prefix: its row
 * struct when it has its own, and for :many the iterator's. Caller frees. */
static size_t derived_names(const dg_query *q, char *out[4])
{
    size_t n = 0;
    if (dg_qkind_rows(q->kind) && !q->row_table) out[n++] = dg_xprintf("%s_row", q->c_name);
    if (q->kind == DG_QK_MANY) {
        out[n++] = dg_xprintf("%s_iter", q->c_name);
        out[n++] = dg_xprintf("%s_next", q->c_name);
        out[n++] = dg_xprintf("%s_iter_end", q->c_name);
    }
    return n;
}

static void error_taken(dg_diags *d, const dg_query *q, const char *name, const dg_query *o, bool own)
{
    const char *what = own ? "the C name of" : "a name generated by";
    if (o->loc.file == q->loc.file)
        dg_error(d, q->loc, "query %s: %s is %s query %s (line %d); rename the query", q->name, name, what, o->name,
                 o->loc.line);
    else
        dg_error(d, q->loc, "query %s: %s is %s query %s (%s:%d); rename the query", q->name, name, what, o->name,
                 o->loc.file, o->loc.line);
}

/* One query's C names against another's generated ones (List's list_next
 * and a query ListNext).  c_names and derived map names to query indexes. */
static int check_derived(const dg_query_set *set, const dg_query *q, json_t *c_names, json_t *derived, char **mine,
                         size_t nmine, dg_diags *d)
{
    int errors = 0;
    json_t *ix = json_object_get(derived, q->c_name);
    if (ix) {
        error_taken(d, q, q->c_name, &set->queries.items[json_integer_value(ix)], false);
        errors++;
    }
    for (size_t k = 0; k < nmine; k++) {
        ix = json_object_get(c_names, mine[k]);
        if (ix) {
            error_taken(d, q, mine[k], &set->queries.items[json_integer_value(ix)], true);
            errors++;
        }
    }
    return errors;
}

static int analyse_src(dg_query_set *set, const dg_qsrc *src, const dg_schema_lookup *lk, sqlite3 *db,
                       json_t *c_names, json_t *derived, dg_diags *d)
{
    const char *text = src->text + src->start;
    size_t len = src->end - src->start, first;
    dg_qctx c = {0};
    c.schema = lk->s;
    c.lk = lk;
    c.set = set;
    c.src = src;
    c.d = d;
    c.text = text;
    if (src->kind == DG_QK_COPYFROM || dg_qkind_batch(src->kind)) {   /* binary COPY, pipelines: the server's */
        static const char *const pg_only[][2] = {
            [DG_QK_COPYFROM] = {"copyfrom", "exec"}, [DG_QK_BATCHEXEC] = {"batchexec", "exec"},
            [DG_QK_BATCHONE] = {"batchone", "one"}, [DG_QK_BATCHMANY] = {"batchmany", "many"}};
        dg_error(d, src->loc, "query %s is :%s, a PostgreSQL-only kind; use :%s on SQLite", src->name,
                 pg_only[src->kind][0], pg_only[src->kind][1]);
        return 1;
    }
    if (only_comments(text, 0, len, &first)) {
        dg_error(d, src->loc, "query %s has no statement", src->name);
        return 1;
    }
    size_t end = dg_sql_statement_end(text, len, first);
    if (!only_comments(text, end, len, &first)) {
        dg_error(d, dg_qctx_loc(&c, first), "query %s holds a second statement; start each query with `-- name: Name :kind`",
                 src->name);
        return 1;
    }
    dg_loc base = dg_qctx_loc(&c, 0);
    dg_sql_ast *ast = NULL;
    if (dg_stmt_parse(text, len, base, &ast, NULL) != 0) return report_parse(&c, db, text, len, base);
    dg_query q = {0};
    q.name = dg_xstrdup(src->name);
    q.c_name = dg_snake_case(src->name);
    q.kind = src->kind;
    q.loc = src->loc;
    c.q = &q;
    int errors = analyse(&c, db, ast->stmt);
    free(c.param_nodes);
    dg_qedits_free(&c.edits);
    dg_sql_ast_free(ast);
    bool taken = json_object_get(c_names, q.c_name) != NULL;   /* scan the earlier queries only to report */
    for (size_t i = 0; !errors && taken && i < set->queries.len; i++)
        if (!strcmp(set->queries.items[i].c_name, q.c_name)) {
            const dg_loc *o = &set->queries.items[i].loc;
            if (o->file == q.loc.file)
                dg_error(d, q.loc, "query %s: its C name %s is taken by query %s (line %d)", q.name, q.c_name,
                         set->queries.items[i].name, o->line);
            else
                dg_error(d, q.loc, "query %s: its C name %s is taken by query %s (%s:%d)", q.name, q.c_name,
                         set->queries.items[i].name, o->file, o->line);
            errors++;
        }
    char *mine[4];
    size_t nmine = derived_names(&q, mine);
    if (!errors && !taken) errors += check_derived(set, &q, c_names, derived, mine, nmine, d);
    for (size_t k = 0; k < nmine; k++) {
        if (!errors) json_object_set_new(derived, mine[k], json_integer((json_int_t)set->queries.len));
        free(mine[k]);
    }
    if (errors) {
        query_free(&q);
        return errors;
    }
    json_object_set_new_nocheck(c_names, q.c_name, json_integer((json_int_t)set->queries.len));
    DG_VEC_PUSH(&set->queries, q);
    return 0;
}

/* ---- the database ---- */

static void stub(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_null(ctx);
}

static int register_functions(sqlite3 *db, const dg_query_set *set, dg_diags *d)
{
    int errors = 0;
    if (dal_array_register(db) != 0) {
        dg_error(d, (dg_loc){0}, "cannot register dal_array: %s", sqlite3_errmsg(db));
        errors++;
    }
    for (size_t i = 0; i < set->functions.len; i++) {
        const dg_qfunc *f = &set->functions.items[i];
        int n = f->variadic ? -1 : (int)f->args.len;
        if (sqlite3_create_function_v2(db, f->name, n, SQLITE_UTF8, NULL, stub, NULL, NULL, NULL) != SQLITE_OK) {
            dg_error(d, f->loc, "cannot declare function %s: %s", f->name, sqlite3_errmsg(db));
            errors++;
        }
    }
    return errors;
}

int dg_queries_load(const dg_strings *paths, const dg_schema *schema, sqlite3 *db, dg_query_set **out, dg_diags *d)
{
    *out = NULL;
    if (paths->len == 0) return 0;
    dg_query_set *set = dg_xcalloc(1, sizeof *set);
    dg_qfiles files = {0};
    int errors = dg_qfiles_read(paths, set, &files, d);
    bool owned = db == NULL;
    if (owned && dg_schema_open_db(schema, &db, d) != 0) {
        errors++;
    } else {
        errors += register_functions(db, set, d);
        json_t *c_names = json_object(), *derived = json_object();
        dg_schema_lookup lk;
        dg_schema_lookup_init(&lk, schema);
        for (size_t i = 0; i < files.srcs.len; i++)
            errors += analyse_src(set, &files.srcs.items[i], &lk, db, c_names, derived, d);
        dg_schema_lookup_free(&lk);
        json_decref(c_names);
        json_decref(derived);
    }
    if (owned) sqlite3_close(db);
    dg_qfiles_free(&files);
    if (errors) {
        dg_query_set_free(set);
        return -1;
    }
    *out = set;
    return 0;
}
