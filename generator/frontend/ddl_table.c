/* CREATE TABLE / CREATE VIRTUAL TABLE text -> the parts of dg_table that
 * pragma_table_xinfo and friends do not report. */
#include <string.h>

#include "util/buf.h"
#include "frontend/ddl_parse.h"

typedef struct tparse {
    const dg_toks  *tk;
    dg_locate_fn    fn;
    const void     *ctx;
    dg_table       *t;
    dg_annotations *stray;   /* annotations that belong to nothing (may be NULL) */
} tparse;

static dg_loc at(const tparse *p, size_t i)
{
    dg_loc none = {NULL, 0, 0};
    if (!p->fn || i >= p->tk->sig.len) return none;
    return p->fn(p->ctx, p->tk->sig.items[i].tok.start);
}

static dg_loc at_offset(const tparse *p, size_t off)
{
    dg_loc none = {NULL, 0, 0};
    return p->fn ? p->fn(p->ctx, off) : none;
}

static bool kw(const tparse *p, size_t i, const char *k) { return dg_toks_kw(p->tk, i, k); }
static bool punct(const tparse *p, size_t i, const char *s) { return dg_toks_punct(p->tk, i, s); }

/* Words that start a column constraint (and so end the type name). */
static bool constraint_start(const tparse *p, size_t i)
{
    static const char *const words[] = {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK",
                                        "DEFAULT", "COLLATE", "REFERENCES", "AS", NULL};
    for (int k = 0; words[k]; k++)
        if (kw(p, i, words[k])) return true;
    /* GENERATED is an ordinary word of a type name unless GENERATED ALWAYS AS follows, as in SQLite */
    return kw(p, i, "GENERATED") && kw(p, i + 1, "ALWAYS") && kw(p, i + 2, "AS");
}

/* [ON CONFLICT action] at i: returns the action (caller frees) or NULL. */
static char *conflict_clause(const tparse *p, size_t *i)
{
    if (!kw(p, *i, "ON") || !kw(p, *i + 1, "CONFLICT")) return NULL;
    char *a = dg_toks_ident(p->tk, *i + 2);
    for (char *c = a; *c; c++)
        if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 32);
    *i += 3;
    return a;
}

/* ( name [COLLATE x] [ASC|DESC], ... ) at i: the terms; i moves past ')'. */
static void term_list(const tparse *p, size_t *i, dg_index_terms *out)
{
    if (!punct(p, *i, "(")) return;
    size_t close = dg_toks_close(p->tk, *i);
    dg_index_term *term = NULL;
    for (size_t j = *i + 1; j < close; j++) {
        if (punct(p, j, ",")) term = NULL;
        else if (!term) {
            term = DG_VEC_ADD(out);
            term->column = dg_toks_ident(p->tk, j);
        } else if (kw(p, j, "COLLATE")) {
            free(term->collation);
            term->collation = dg_toks_ident(p->tk, ++j);
        } else if (kw(p, j, "DESC") || kw(p, j, "ASC")) {
            term->desc = kw(p, j, "DESC");
        }
    }
    *i = close + 1;
}

/* ( name [COLLATE x] [ASC|DESC], ... ) at i: the names; i moves past ')'. */
static void name_list(const tparse *p, size_t *i, dg_strings *out)
{
    if (!punct(p, *i, "(")) return;
    size_t close = dg_toks_close(p->tk, *i);
    bool expect = true;
    for (size_t j = *i + 1; j < close; j++) {
        if (punct(p, j, ",")) expect = true;
        else if (expect) {
            char *n = dg_toks_ident(p->tk, j);
            DG_VEC_PUSH(out, n);
            expect = false;
        }
    }
    *i = close + 1;
}

static char *upper_action(const tparse *p, size_t *i)
{
    static const char *const two[][2] = {{"SET", "NULL"}, {"SET", "DEFAULT"}, {"NO", "ACTION"}};
    for (size_t k = 0; k < 3; k++)
        if (kw(p, *i, two[k][0]) && kw(p, *i + 1, two[k][1])) {
            *i += 2;
            return dg_xprintf("%s %s", two[k][0], two[k][1]);
        }
    if (kw(p, *i, "CASCADE") || kw(p, *i, "RESTRICT")) {
        char *a = kw(p, *i, "CASCADE") ? dg_xstrdup("CASCADE") : dg_xstrdup("RESTRICT");
        (*i)++;
        return a;
    }
    (*i)++;
    return NULL;
}

/* REFERENCES table [(cols)] [ON DELETE|UPDATE action | MATCH name]*
 * [[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]] at i. */
static void fk_clause(const tparse *p, size_t *i, dg_foreign_key *fk)
{
    (*i)++;   /* REFERENCES */
    fk->table = dg_toks_ident(p->tk, (*i)++);
    name_list(p, i, &fk->to);
    for (;;) {
        if (kw(p, *i, "ON") && (kw(p, *i + 1, "DELETE") || kw(p, *i + 1, "UPDATE"))) {
            bool del = kw(p, *i + 1, "DELETE");
            *i += 2;
            char *a = upper_action(p, i);
            char **slot = del ? &fk->on_delete : &fk->on_update;
            free(*slot);
            *slot = a;
        } else if (kw(p, *i, "MATCH")) {
            free(fk->match);
            fk->match = dg_toks_ident(p->tk, *i + 1);
            *i += 2;
        } else if (kw(p, *i, "DEFERRABLE") || (kw(p, *i, "NOT") && kw(p, *i + 1, "DEFERRABLE"))) {
            size_t a = *i;
            bool neg = kw(p, a, "NOT");
            *i += neg ? 2 : 1;
            bool deferred = false;
            if (kw(p, *i, "INITIALLY")) {
                deferred = kw(p, *i + 1, "DEFERRED");
                *i += 2;
            }
            free(fk->deferrable_sql);
            fk->deferrable_sql = dg_toks_span(p->tk, a, *i);
            fk->deferrable = !neg && deferred;
        } else {
            return;
        }
    }
}

static dg_foreign_key *add_fk(const tparse *p, char *name, size_t i)
{
    dg_foreign_key *fk = DG_VEC_ADD(&p->t->foreign_keys);
    fk->name = name;
    fk->loc = at(p, i);
    return fk;
}

static void add_check(const tparse *p, char *name, size_t i, int column)
{
    size_t open = i + 1, close = dg_toks_close(p->tk, open);
    dg_check *ck = DG_VEC_ADD(&p->t->checks);
    ck->name = name;
    ck->expr = dg_toks_span(p->tk, open + 1, close);
    ck->column = column;
    ck->loc = at(p, i);
}

/* One column constraint at *i; moves *i past it.  `name` is the pending
 * CONSTRAINT name (taken over). */
static void column_constraint(const tparse *p, size_t *i, size_t end, int ci, char *name)
{
    dg_table *t = p->t;
    dg_column *c = &t->columns.items[ci];
    size_t j = *i;
    if (kw(p, j, "PRIMARY")) {
        j += 2;
        if (kw(p, j, "ASC") || kw(p, j, "DESC")) c->pk_desc = kw(p, j++, "DESC");
        free(t->pk_name);
        t->pk_name = name;
        name = NULL;
        char *cf = conflict_clause(p, &j);
        if (cf) {
            free(t->pk_conflict);
            t->pk_conflict = cf;
        }
        if (kw(p, j, "AUTOINCREMENT")) {
            c->autoincrement = true;
            j++;
        }
    } else if (kw(p, j, "NOT") && kw(p, j + 1, "NULL")) {
        j += 2;
        char *cf = conflict_clause(p, &j);
        if (cf) {
            free(c->not_null_conflict);
            c->not_null_conflict = cf;
        }
    } else if (kw(p, j, "NULL")) {
        j++;
        free(conflict_clause(p, &j));
    } else if (kw(p, j, "UNIQUE")) {
        dg_unique *u = DG_VEC_ADD(&t->uniques);
        u->name = name;
        name = NULL;
        u->loc = at(p, j);
        dg_strings_push(&u->columns, c->name);
        j++;
        u->conflict = conflict_clause(p, &j);
        c->unique = true;
    } else if (kw(p, j, "CHECK") && punct(p, j + 1, "(")) {
        add_check(p, name, j, ci);
        name = NULL;
        j = dg_toks_close(p->tk, j + 1) + 1;
    } else if (kw(p, j, "DEFAULT")) {
        j++;
        if (punct(p, j, "(")) j = dg_toks_close(p->tk, j) + 1;
        else if (punct(p, j, "+") || punct(p, j, "-")) j += 2;
        else j++;
    } else if (kw(p, j, "COLLATE")) {
        free(c->collation);
        c->collation = dg_toks_ident(p->tk, j + 1);
        j += 2;
    } else if (kw(p, j, "REFERENCES")) {
        dg_foreign_key *fk = add_fk(p, name, j);
        name = NULL;
        dg_strings_push(&fk->columns, c->name);
        fk_clause(p, &j, fk);
    } else if (kw(p, j, "GENERATED") || kw(p, j, "AS")) {
        if (kw(p, j, "GENERATED")) j += 2;   /* GENERATED ALWAYS */
        j++;                                   /* AS */
        size_t close = dg_toks_close(p->tk, j);
        free(c->generated_expr);
        c->generated_expr = dg_toks_span(p->tk, j + 1, close);
        c->generated = DG_GEN_VIRTUAL;
        j = close + 1;
        if (kw(p, j, "STORED") || kw(p, j, "VIRTUAL")) c->generated = kw(p, j++, "STORED") ? DG_GEN_STORED : DG_GEN_VIRTUAL;
    } else {
        j++;   /* something newer than this parser: skip it */
    }
    free(name);
    *i = j < end ? j : end;
}

static void column_def(const tparse *p, size_t a, size_t b)
{
    dg_column *c = DG_VEC_ADD(&p->t->columns);
    int ci = (int)(p->t->columns.len - 1);
    c->name = dg_toks_ident(p->tk, a);
    c->loc = at(p, a);
    size_t j = a + 1;
    while (j < b && !constraint_start(p, j)) j = punct(p, j, "(") ? dg_toks_close(p->tk, j) + 1 : j + 1;
    c->type = dg_toks_span(p->tk, a + 1, j < b ? j : b);
    while (j < b) {
        char *name = NULL;
        size_t cs = j;
        if (kw(p, j, "CONSTRAINT")) {
            name = dg_toks_ident(p->tk, j + 1);
            j += 2;
            if (j >= b) {
                free(name);
                break;
            }
        }
        size_t nc = p->t->checks.len, nu = p->t->uniques.len, nf = p->t->foreign_keys.len;
        column_constraint(p, &j, b, ci, name);
        if (!kw(p, cs, "CONSTRAINT")) continue;
        /* a named constraint is located at its CONSTRAINT keyword */
        if (p->t->checks.len > nc) p->t->checks.items[nc].loc = at(p, cs);
        if (p->t->uniques.len > nu) p->t->uniques.items[nu].loc = at(p, cs);
        if (p->t->foreign_keys.len > nf) p->t->foreign_keys.items[nf].loc = at(p, cs);
    }
}

/* One table constraint at *j (moves *j past it).  Returns false when *j
 * does not start a constraint. */
static bool one_table_constraint(const tparse *p, size_t *j)
{
    dg_table *t = p->t;
    size_t a = *j;
    char *name = NULL;
    if (kw(p, *j, "CONSTRAINT")) {
        name = dg_toks_ident(p->tk, *j + 1);
        *j += 2;
    }
    if (kw(p, *j, "PRIMARY")) {
        *j += 2;
        free(t->pk_name);
        t->pk_name = name;
        term_list(p, j, &t->pk_terms);
        char *cf = conflict_clause(p, j);
        if (cf) {
            free(t->pk_conflict);
            t->pk_conflict = cf;
        }
    } else if (kw(p, *j, "UNIQUE")) {
        dg_unique *u = DG_VEC_ADD(&t->uniques);
        u->name = name;
        u->loc = at(p, a);
        (*j)++;
        name_list(p, j, &u->columns);
        u->conflict = conflict_clause(p, j);
    } else if (kw(p, *j, "CHECK")) {
        add_check(p, name, *j, -1);
        t->checks.items[t->checks.len - 1].loc = at(p, a);
        *j = dg_toks_close(p->tk, *j + 1) + 1;
    } else if (kw(p, *j, "FOREIGN")) {
        dg_foreign_key *fk = add_fk(p, name, a);
        *j += 2;
        name_list(p, j, &fk->columns);
        if (kw(p, *j, "REFERENCES")) fk_clause(p, j, fk);
    } else {
        free(name);
        return false;
    }
    return true;
}

/* SQLite accepts several table constraints in one comma-separated item
 * (`CHECK (a) CHECK (b)`), so read them until the item's end. */
static void table_constraint(const tparse *p, size_t a, size_t b)
{
    size_t j = a;
    while (j < b && one_table_constraint(p, &j)) {}
}

static bool is_table_constraint(const tparse *p, size_t i)
{
    return kw(p, i, "CONSTRAINT") || kw(p, i, "PRIMARY") || kw(p, i, "UNIQUE") || kw(p, i, "CHECK") ||
           kw(p, i, "FOREIGN");
}

typedef struct item {
    size_t a, b;      /* token range [a, b) */
    int    column;    /* column index, -1 for a table constraint */
    int    first_line, last_line;
} item;

static int line_of(const tparse *p, size_t i)
{
    return i < p->tk->sig.len ? p->tk->sig.items[i].line : 1 << 30;
}

static void annotate(const tparse *p, dg_annotations *a, const dg_ltok *c)
{
    char *key, *value;
    if (!dg_annotation_parse(p->tk->text + c->tok.start, c->tok.len, &key, &value)) return;
    dg_annotations_add(a, key, value, at_offset(p, c->tok.start));
    free(key);
    free(value);
}

/* True when comment k and the comments after it fill every line up to
 * `line` (no blank or other line between the comment and what it annotates). */
static bool adjacent(const dg_toks *tk, size_t k, int line)
{
    for (; k < tk->comments.len; k++) {
        const dg_ltok *c = &tk->comments.items[k];
        int end = c->line;
        for (size_t i = 0; i < c->tok.len; i++) end += tk->text[c->tok.start + i] == '\n';
        if (end + 1 >= line) return true;
        if (k + 1 >= tk->comments.len || tk->comments.items[k + 1].line > end + 1) return false;
    }
    return false;
}

/* DESIGN.md "Annotations": a comment before the '(' or on its line belongs
 * to the table; one on a column's line(s) to that column; one on the lines
 * right above an item (no blank line between) to that item; one after ')'
 * to the table. */
static void attach_annotations(const tparse *p, size_t open, size_t close, const item *items, size_t n)
{
    const dg_toks *tk = p->tk;
    size_t open_off = tk->sig.items[open].tok.start;
    size_t close_off = close < tk->sig.len ? tk->sig.items[close].tok.start : tk->len;
    int open_line = line_of(p, open);
    for (size_t k = 0; k < tk->comments.len; k++) {
        const dg_ltok *c = &tk->comments.items[k];
        size_t off = c->tok.start;
        if (off < open_off || off > close_off || (c->line == open_line && (n == 0 || line_of(p, items[0].a) > open_line))) {
            annotate(p, &p->t->annotations, c);
            continue;
        }
        /* the last item that starts before the comment and reaches its line
         * (`a INT, b INT, -- @x` annotates b), else the next item */
        const item *target = NULL;
        for (size_t m = 0; m < n; m++) {
            size_t start = tk->sig.items[items[m].a].tok.start;
            if (off > start && c->line <= items[m].last_line) target = &items[m];
            else if (off < start) {
                if (!target) target = &items[m];
                break;
            }
        }
        bool attached = target && target->column >= 0 &&
                        (off > tk->sig.items[target->a].tok.start || adjacent(tk, k, target->first_line));
        if (attached) annotate(p, &p->t->columns.items[target->column].annotations, c);
        else if (p->stray) annotate(p, p->stray, c);
    }
}

static void table_options(const tparse *p, size_t j)
{
    for (; j < p->tk->sig.len; j++) {
        if (kw(p, j, "WITHOUT") && kw(p, j + 1, "ROWID")) p->t->without_rowid = true;
        if (kw(p, j, "STRICT")) p->t->strict = true;
    }
}

/* The module arguments that name a column (`title`, `body UNINDEXED`,
 * rtree's `+aux`; not `key=value` options) become columns holding the
 * annotations written on them; the loader keeps those of the columns SQLite
 * reports. */
static void module_columns(const tparse *p, size_t open, size_t close)
{
    DG_VEC(item) items = {0};
    size_t a = open + 1;
    int depth = 0;
    for (size_t j = a; j <= close && j < p->tk->sig.len; j++) {
        if (punct(p, j, "(")) depth++;
        else if (punct(p, j, ")") && j != close) depth--;
        if (!(j == close || (depth == 0 && punct(p, j, ","))) || j <= a) continue;
        size_t n = punct(p, a, "+") ? a + 1 : a;
        dg_tok_kind k = n < j ? p->tk->sig.items[n].tok.kind : DG_TOK_EOF;
        item it = {a, j, -1, line_of(p, a), line_of(p, j)};
        if ((k == DG_TOK_IDENT || k == DG_TOK_QIDENT) && !punct(p, n + 1, "=")) {
            dg_column *c = DG_VEC_ADD(&p->t->columns);
            c->name = dg_toks_ident(p->tk, n);
            c->type = dg_xstrdup("");
            c->loc = at(p, n);
            it.column = (int)(p->t->columns.len - 1);
        }
        DG_VEC_PUSH(&items, it);
        a = j + 1;
    }
    attach_annotations(p, open, close, items.items, items.len);
    DG_VEC_FREE(&items);
}

static void virtual_table(const tparse *p, size_t j)
{
    dg_table *t = p->t;
    if (!kw(p, j, "USING")) return;
    t->module = dg_toks_ident(p->tk, j + 1);
    if (punct(p, j + 2, "(")) {
        size_t open = j + 2, close = dg_toks_close(p->tk, open);
        size_t from = p->tk->sig.items[open].tok.start + 1;
        size_t to = close < p->tk->sig.len ? p->tk->sig.items[close].tok.start : p->tk->len;
        t->module_args = dg_xstrndup(p->tk->text + from, to - from);
        module_columns(p, open, close);
    }
}

void dg_parse_create_table(const char *sql, dg_locate_fn fn, const void *ctx, dg_table *t)
{
    dg_parse_create_table_ex(sql, fn, ctx, t, NULL);
}

void dg_parse_create_table_ex(const char *sql, dg_locate_fn fn, const void *ctx, dg_table *t, dg_annotations *stray)
{
    dg_toks tk;
    dg_toks_init(&tk, sql, strlen(sql));
    dg_parse_create_table_toks(&tk, fn, ctx, t, stray);
    dg_toks_free(&tk);
}

void dg_parse_create_table_toks(const dg_toks *tk, dg_locate_fn fn, const void *ctx, dg_table *t,
                                dg_annotations *stray)
{
    tparse p = {tk, fn, ctx, t, stray};
    const char *kind;
    size_t name = dg_parse_create_head(tk, &kind);
    t->sql = dg_xstrndup(tk->text, tk->len);
    if (strcmp(kind, "table") != 0) goto done;
    t->name = dg_toks_ident(tk, name);
    t->loc = at(&p, 0);
    if (kw(&p, 1, "VIRTUAL")) {
        virtual_table(&p, name + 1);
        goto done;
    }
    size_t open = name + 1;
    if (!punct(&p, open, "(")) goto done;   /* CREATE TABLE ... AS SELECT */
    size_t close = dg_toks_close(tk, open);
    DG_VEC(item) items = {0};
    size_t a = open + 1;
    int depth = 0;
    for (size_t j = open + 1; j <= close && j < tk->sig.len; j++) {
        if (punct(&p, j, "(")) depth++;
        else if (punct(&p, j, ")") && j != close) depth--;
        if ((j == close || (depth == 0 && punct(&p, j, ","))) && j > a) {
            item it = {a, j, -1, line_of(&p, a), line_of(&p, j)};
            if (!is_table_constraint(&p, a)) {
                column_def(&p, a, j);
                it.column = (int)(t->columns.len - 1);
            } else {
                table_constraint(&p, a, j);
            }
            DG_VEC_PUSH(&items, it);
            a = j + 1;
        }
    }
    attach_annotations(&p, open, close, items.items, items.len);
    DG_VEC_FREE(&items);
    table_options(&p, close + 1);
done:
    if (!t->name) t->name = dg_xstrdup("");
}
