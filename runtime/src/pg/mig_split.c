/* mig_split.c - a PostgreSQL migration script cut into statements and
 * steps.  libdal has no SQL parser: the cut follows PostgreSQL's lexical
 * rules for what can hide a `;` (strings, E'' strings, quoted names,
 * dollar-quoted bodies, -- and nested block comments), which is all that
 * splitting needs.  A line `-- dalgen:no-transaction` between statements
 * starts a section whose statements each run on their own, outside a
 * transaction; `-- dalgen:transaction` ends it. */
#include "mig_int.h"

#include <ctype.h>
#include <stdio.h>

#define NOTXN_MARK "-- dalgen:no-transaction"
#define TXN_MARK "-- dalgen:transaction"

static bool ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* Length of the dollar-quote tag at p ("$$" or "$tag$"), 0 when none. */
static size_t dollar_tag(const char *p)
{
    size_t i = 1;
    if (isdigit((unsigned char)p[1])) return 0;   /* $1: a parameter */
    while (p[i] && p[i] != '$' && (isalnum((unsigned char)p[i]) || p[i] == '_' || (unsigned char)p[i] >= 0x80)) i++;
    return p[i] == '$' ? i + 1 : 0;
}

/* Offset just past the lexical element starting at text[i] that may hide
 * a `;` (string, quoted name, dollar quote, comment), or i when there is none. */
static size_t skip_quoted(const char *text, size_t i)
{
    char c = text[i];
    if (c == '\'' || c == '"') {
        bool esc = c == '\'' && i > 0 && (text[i - 1] == 'E' || text[i - 1] == 'e') &&
                   (i < 2 || !ident_char(text[i - 2]));
        for (i++; text[i]; i++) {
            if (esc && text[i] == '\\' && text[i + 1]) i++;
            else if (text[i] == c && text[i + 1] == c) i++;
            else if (text[i] == c) return i + 1;
        }
        return i;
    }
    if (c == '$' && (i == 0 || !ident_char(text[i - 1]))) {
        size_t n = dollar_tag(text + i);
        if (!n) return i;
        const char *end = text + i + n;
        for (;;) {
            end = strchr(end, '$');
            if (!end) return strlen(text);
            if (strncmp(end, text + i, n) == 0) return (size_t)(end - text) + n;
            end++;
        }
    }
    if (c == '-' && text[i + 1] == '-') {
        while (text[i] && text[i] != '\n') i++;
        return i;
    }
    if (c == '/' && text[i + 1] == '*') {
        int depth = 0;
        while (text[i]) {
            if (text[i] == '/' && text[i + 1] == '*') depth++, i += 2;
            else if (text[i] == '*' && text[i + 1] == '/') { i += 2; if (--depth == 0) return i; }
            else i++;
        }
        return i;
    }
    return i;
}

/* 1 / 0 for a no-transaction / transaction mark on the line at text[i]
 * (a -- comment), -1 for any other comment. */
static int section_mark(const char *text, size_t i)
{
    size_t n = strcspn(text + i, "\n");
    while (n > 0 && (text[i + n - 1] == ' ' || text[i + n - 1] == '\t' || text[i + n - 1] == '\r')) n--;
    if (n == strlen(NOTXN_MARK) && strncmp(text + i, NOTXN_MARK, n) == 0) return 1;
    if (n == strlen(TXN_MARK) && strncmp(text + i, TXN_MARK, n) == 0) return 0;
    return -1;
}

static int push(dal_db *db, dal__pgm_script *s, const char *from, size_t len, bool notxn)
{
    while (len > 0 && isspace((unsigned char)from[len - 1])) len--;
    dal__pgm_stmt *v = sqlite3_realloc64(s->stmts, (sqlite3_uint64)(s->n + 1) * sizeof *v);
    if (!v) return dal__oom(db);
    s->stmts = v;
    v[s->n].sql = sqlite3_mprintf("%.*s", (int)len, from);
    v[s->n].notxn = notxn;
    if (!v[s->n].sql) return dal__oom(db);
    s->n++;
    return DAL_OK;
}

/* The first `max` words of a statement (names as written, quoted or
 * qualified names whole), upper-cased when unquoted; returns how many. */
static int words(const char *sql, char (*w)[128], int max)
{
    int n = 0;
    size_t i = 0;
    while (sql[i] && n < max) {
        size_t j = skip_quoted(sql, i);
        if (j != i && sql[i] != '"') { i = j; continue; }   /* comments and strings are no words */
        if (isspace((unsigned char)sql[i])) { i++; continue; }
        if (sql[i] != '"' && !ident_char(sql[i])) break;
        size_t start = i;
        for (;;) {
            if (sql[i] == '"') i = skip_quoted(sql, i);
            else while (ident_char(sql[i])) i++;
            if (sql[i] != '.') break;
            i++;
        }
        size_t len = i - start < 127 ? i - start : 127;
        for (size_t k = 0; k < len; k++) {
            char c = sql[start + k];
            w[n][k] = memchr(sql + start, '"', len) ? c : (char)toupper((unsigned char)c);
        }
        w[n++][len] = '\0';
    }
    return n;
}

/* The runner's own job (a transaction or savepoint), or NULL. */
static const char *takes_over(const char (*w)[128], int nw)
{
    static const char *const verbs[] = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "END", "ABORT", "START"};
    if (nw == 0) return NULL;
    if (nw > 1 && strcmp(w[0], "PREPARE") == 0 && strcmp(w[1], "TRANSACTION") == 0) return "PREPARE TRANSACTION";
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
        if (strcmp(w[0], verbs[i]) == 0) return verbs[i];
    return NULL;
}

/* A statement PostgreSQL refuses inside a transaction block, or NULL. */
static const char *needs_no_txn(const char (*w)[128], int nw)
{
    if (nw > 0 && strcmp(w[0], "VACUUM") == 0) return "VACUUM";
    if (nw > 1 && strcmp(w[0], "CREATE") == 0 && (strcmp(w[1], "DATABASE") == 0 || strcmp(w[1], "TABLESPACE") == 0))
        return "CREATE DATABASE/TABLESPACE";
    if (nw > 1 && strcmp(w[0], "ALTER") == 0 && strcmp(w[1], "SYSTEM") == 0) return "ALTER SYSTEM";
    if (nw > 0 && (strcmp(w[0], "CREATE") == 0 || strcmp(w[0], "DROP") == 0 || strcmp(w[0], "REINDEX") == 0))
        for (int i = 1; i < nw && i < 5; i++)
            if (strcmp(w[i], "CONCURRENTLY") == 0) return "CONCURRENTLY";
    return NULL;
}

static int check(dal_db *db, const char *name, const dal__pgm_script *s)
{
    for (int i = 0; i < s->n; i++) {
        char w[6][128];
        int nw = words(s->stmts[i].sql, w, 6);
        const char *bad = takes_over((const char (*)[128])w, nw);
        if (bad)
            return dal_error_set(db, DAL_MISUSE, 0,
                                 "migration %s, statement %d: %s is the runner's job (it runs each migration in "
                                 "its own transaction); remove it", name, i + 1, bad);
        bad = s->stmts[i].notxn ? NULL : needs_no_txn((const char (*)[128])w, nw);
        if (bad)
            return dal_error_set(db, DAL_MISUSE, 0,
                                 "migration %s, statement %d: %s cannot run inside a transaction; put it in a "
                                 "`" NOTXN_MARK "` section", name, i + 1, bad);
    }
    return DAL_OK;
}

static int make_steps(dal_db *db, dal__pgm_script *s)
{
    s->steps = sqlite3_malloc64((sqlite3_uint64)(s->n ? s->n : 1) * sizeof *s->steps);
    if (!s->steps) return dal__oom(db);
    for (int i = 0; i < s->n; i++) {
        dal__pgm_step *last = s->nsteps ? &s->steps[s->nsteps - 1] : NULL;
        if (last && !last->notxn && !s->stmts[i].notxn) {
            last->count++;
        } else {
            s->steps[s->nsteps].first = i;
            s->steps[s->nsteps].count = 1;
            s->steps[s->nsteps].notxn = s->stmts[i].notxn;
            s->nsteps++;
        }
    }
    return DAL_OK;
}

int dal__pgm_split(dal_db *db, const char *name, const char *text, dal__pgm_script *out)
{
    size_t i = 0, start = 0;
    bool in_stmt = false, notxn = false;
    int rc = DAL_OK;
    memset(out, 0, sizeof *out);
    while (text[i] && rc == DAL_OK) {
        size_t j = skip_quoted(text, i);
        if (j != i) {
            int mark = text[i] == '-' ? section_mark(text, i) : -1;
            if (mark >= 0 && in_stmt)
                rc = dal_error_set(db, DAL_MISUSE, 0, "migration %s, statement %d: `%s` inside a statement "
                                   "(a `;` missing before it?)", name, out->n + 1, mark ? NOTXN_MARK : TXN_MARK);
            if (mark >= 0) notxn = mark == 1;
            if (!in_stmt && text[i] != '-' && text[i] != '/') in_stmt = true, start = i;
            i = j;
        } else if (text[i] == ';') {
            if (in_stmt) rc = push(db, out, text + start, i + 1 - start, notxn);
            in_stmt = false;
            i++;
        } else {
            if (!in_stmt && !isspace((unsigned char)text[i])) in_stmt = true, start = i;
            i++;
        }
    }
    if (rc == DAL_OK && in_stmt) rc = push(db, out, text + start, i - start, notxn);
    if (rc == DAL_OK) rc = check(db, name, out);
    if (rc == DAL_OK) rc = make_steps(db, out);
    if (rc != DAL_OK) dal__pgm_script_free(out);
    return rc;
}

void dal__pgm_script_free(dal__pgm_script *s)
{
    for (int i = 0; i < s->n; i++) sqlite3_free(s->stmts[i].sql);
    sqlite3_free(s->stmts);
    sqlite3_free(s->steps);
    memset(s, 0, sizeof *s);
}

bool dal__pgm_concurrent_index(const char *sql, char *out, size_t size)
{
    char w[10][128];
    int nw = words(sql, w, 10), i = 1;
    if (nw < 4 || strcmp(w[0], "CREATE") != 0) return false;
    if (strcmp(w[i], "UNIQUE") == 0) i++;
    if (i + 2 >= nw || strcmp(w[i], "INDEX") != 0 || strcmp(w[i + 1], "CONCURRENTLY") != 0) return false;
    i += 2;
    if (i + 2 < nw && strcmp(w[i], "IF") == 0 && strcmp(w[i + 1], "NOT") == 0) i += 3;
    if (i + 2 >= nw || strcmp(w[i + 1], "ON") != 0) return false;   /* an unnamed index: nothing to look up */
    const char *index = w[i], *table = strcmp(w[i + 2], "ONLY") == 0 && i + 3 < nw ? w[i + 3] : w[i + 2];
    /* The schema part of the table's name: up to its last unquoted dot. */
    size_t cut = 0;
    bool quoted = false;
    for (size_t k = 0; table[k]; k++) {
        if (table[k] == '"') quoted = !quoted;
        else if (table[k] == '.' && !quoted) cut = k + 1;
    }
    /* words() upper-cased unquoted names; PostgreSQL folds them to lower case */
    int n = snprintf(out, size, "%.*s%s", (int)cut, table, index);
    if (n < 0 || (size_t)n >= size) return false;
    for (size_t k = 0, q = 0; out[k]; k++) {
        if (out[k] == '"') q = !q;
        else if (!q) out[k] = (char)tolower((unsigned char)out[k]);
    }
    return true;
}
