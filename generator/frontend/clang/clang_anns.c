/* clang_anns.c - which DAL annotation goes where, and checks of arguments. */
#include "frontend/clang/clang_anns.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "sql/sqltok.h"

typedef struct spec {
    const char *key;
    const char *macro;
    int         args;     /* 0, 1 or 2 */
    int         where;    /* DG_ANN_TABLE | DG_ANN_COLUMN */
} spec;

static const spec specs[] = {
    {"table", "DAL_TABLE", 1, DG_ANN_TABLE},
    {"strict", "DAL_STRICT", 0, DG_ANN_TABLE},
    {"without_rowid", "DAL_WITHOUT_ROWID", 0, DG_ANN_TABLE},
    {"column", "DAL_COLUMN", 1, DG_ANN_COLUMN},
    {"pk", "DAL_PK", 0, DG_ANN_COLUMN},
    {"autoincrement", "DAL_AUTOINCREMENT", 0, DG_ANN_COLUMN},
    {"unique", "DAL_UNIQUE", 0, DG_ANN_COLUMN},
    {"index", "DAL_INDEX", 1, DG_ANN_COLUMN},
    {"unique_index", "DAL_UNIQUE_INDEX", 1, DG_ANN_COLUMN},
    {"references", "DAL_REFERENCES", 2, DG_ANN_COLUMN},
    {"on_delete", "DAL_ON_DELETE", 1, DG_ANN_COLUMN},
    {"on_update", "DAL_ON_UPDATE", 1, DG_ANN_COLUMN},
    {"default", "DAL_DEFAULT", 1, DG_ANN_COLUMN},
    {"collate", "DAL_COLLATE", 1, DG_ANN_COLUMN},
    {"nullable", "DAL_NULLABLE", 0, DG_ANN_COLUMN},
    {"enum_as_int", "DAL_ENUM_AS_INT", 0, DG_ANN_COLUMN},
    {"ignore", "DAL_IGNORE", 0, DG_ANN_COLUMN},
    {"check", "DAL_CHECK", 1, DG_ANN_TABLE | DG_ANN_COLUMN},
    {"annotate", "DAL_ANNOTATE", 2, DG_ANN_TABLE | DG_ANN_COLUMN},
};

static const spec *find(const char *key)
{
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (!strcmp(specs[i].key, key)) return &specs[i];
    return NULL;
}

const char *dg_cann_macro(const char *key)
{
    const spec *s = find(key);
    return s ? s->macro : key;
}

static bool is_word(const char *s, bool lower_only)
{
    if (!*s || isdigit((unsigned char)*s)) return false;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!(c == '_' || isdigit(c) || (lower_only ? islower(c) : isalpha(c)))) return false;
    }
    return true;
}

/* An expression must stay one expression inside the column definition:
 * balanced parentheses, no top-level comma or semicolon, no comment. */
static const char *expr_problem(const char *text)
{
    dg_lexer lx;
    dg_lexer_init(&lx, text, strlen(text));
    int depth = 0;
    bool any = false;
    for (;;) {
        dg_tok t = dg_tok_next(&lx);
        if (t.kind == DG_TOK_EOF) break;
        if (t.kind == DG_TOK_SPACE) continue;
        if (t.kind == DG_TOK_COMMENT) return "contains a comment";
        if (t.kind == DG_TOK_ILLEGAL) return "is not valid SQL (unterminated string or identifier?)";
        any = true;
        if (dg_tok_is_punct(&lx, t, "(")) depth++;
        if (dg_tok_is_punct(&lx, t, ")") && --depth < 0) return "has an unbalanced ')'";
        if (depth == 0 && (dg_tok_is_punct(&lx, t, ",") || dg_tok_is_punct(&lx, t, ";")))
            return "must be one expression (it has a top-level ',' or ';')";
    }
    if (!any) return "is empty";
    if (depth != 0) return "has an unbalanced '('";
    return NULL;
}

static const char *const fk_actions[] = {"NO ACTION", "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT"};

/* Normalises in place what has a canonical spelling (FK actions). */
static const char *arg_problem(dg_cann *a)
{
    const char *k = a->key;
    if (!strcmp(k, "check") || !strcmp(k, "default")) return expr_problem(a->arg1);
    if (!strcmp(k, "on_delete") || !strcmp(k, "on_update")) {
        for (size_t i = 0; i < sizeof fk_actions / sizeof fk_actions[0]; i++)
            if (!dg_strcasecmp_ascii(a->arg1, fk_actions[i])) {
                free(a->arg1);
                a->arg1 = dg_xstrdup(fk_actions[i]);
                return NULL;
            }
        return "must be one of CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION";
    }
    if (!strcmp(k, "collate") && !is_word(a->arg1, false)) return "must be a collation name (letters, digits, _)";
    if (!strcmp(k, "annotate")) {
        if (!is_word(a->arg1, true)) return "key must be lower-case letters, digits and _";
        if (strpbrk(a->arg2, "\r\n")) return "value must be one line";
        return NULL;
    }
    if (!strcmp(k, "references")) return a->arg1[0] ? NULL : "needs a table name";
    if (!a->arg1[0]) return "must not be empty";
    if (strpbrk(a->arg1, "\r\n")) return "must be one line";
    return NULL;
}

int dg_cann_check(dg_cann *a, int where, dg_diags *d)
{
    const spec *s = find(a->key);
    if (!s) {
        dg_error(d, a->loc, "unknown annotation 'dal:%s' (see dal_annotate.h)", a->key);
        return -1;
    }
    int got = a->arg2 ? 2 : a->arg1 ? 1 : 0;
    if (got != s->args) {
        dg_error(d, a->loc, "%s takes %d argument(s)", s->macro, s->args);
        return -1;
    }
    if (!(s->where & where)) {
        dg_error(d, a->loc, "%s is a %s annotation: it does not apply to a %s", s->macro,
                 s->where == DG_ANN_TABLE ? "table (struct)" : "column (field)",
                 where == DG_ANN_TABLE ? "struct" : "field");
        return -1;
    }
    const char *why = s->args ? arg_problem(a) : NULL;
    if (why) {
        dg_error(d, a->loc, "bad argument of %s: %s", s->macro, why);
        return -1;
    }
    return 0;
}
