/* Scripts of the migration runner: splitting into statements, refusing the
 * statements that belong to the runner, and foreign-key snapshots. */
#include <stdlib.h>
#include <string.h>

#include "migrate_int.h"

int dal__strv_push(dal_db *db, char ***v, int *n, const char *s, size_t len)
{
    char **nv = sqlite3_realloc64(*v, (sqlite3_uint64)(*n + 1) * sizeof **v);
    char *copy = sqlite3_malloc64((sqlite3_uint64)len + 1);
    if (nv) *v = nv;
    if (!nv || !copy) {
        sqlite3_free(copy);
        return dal_error_set(db, DAL_ERROR, SQLITE_NOMEM, "out of memory");
    }
    memcpy(copy, s, len);
    copy[len] = '\0';
    nv[(*n)++] = copy;
    return DAL_OK;
}

static int only_space(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return 0;
    return 1;
}

/* sqlite3_complete's tokens and state machine (SQLite's complete.c), run
 * once over the script: the statement ends at a ';' that takes the machine
 * to its START state, exactly where sqlite3_complete on the text since the
 * last split would first say "complete".  Calling sqlite3_complete on that
 * text at every ';' instead was quadratic (12 s for a migration holding
 * 200,000 ';' in a string). */
enum { TK_SEMI, TK_WS, TK_OTHER, TK_EXPLAIN, TK_CREATE, TK_TEMP, TK_TRIGGER, TK_END };
enum { ST_INVALID, ST_START };

static int is_id_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || c >= 0x80;
}

static int keyword_token(const char *w, size_t n)
{
    if (n == 6 && !sqlite3_strnicmp(w, "create", 6)) return TK_CREATE;
    if (n == 7 && !sqlite3_strnicmp(w, "trigger", 7)) return TK_TRIGGER;
    if ((n == 4 && !sqlite3_strnicmp(w, "temp", 4)) || (n == 9 && !sqlite3_strnicmp(w, "temporary", 9)))
        return TK_TEMP;
    if (n == 3 && !sqlite3_strnicmp(w, "end", 3)) return TK_END;
    if (n == 7 && !sqlite3_strnicmp(w, "explain", 7)) return TK_EXPLAIN;
    return TK_OTHER;
}

/* The token at sql[*i] (advancing *i to its last byte), or -1 when it runs
 * to the end of the text (an unterminated string, identifier or comment:
 * no ';' after it can end a statement). */
static int next_token(const char *sql, size_t len, size_t *i)
{
    size_t at = *i;
    char c = sql[at];
    switch (c) {
    case ';': return TK_SEMI;
    case ' ': case '\t': case '\n': case '\r': case '\f': return TK_WS;
    case '/':
        if (sql[at + 1] != '*') return TK_OTHER;
        for (at += 2; at < len && !(sql[at] == '*' && sql[at + 1] == '/'); at++) {}
        if (at >= len) return -1;
        *i = at + 1;
        return TK_WS;
    case '-':
        if (sql[at + 1] != '-') return TK_OTHER;
        for (; at < len && sql[at] != '\n'; at++) {}
        if (at >= len) return -1;
        *i = at;
        return TK_WS;
    case '[': case '`': case '"': case '\'': {
        char close = c == '[' ? ']' : c;
        for (at++; at < len && sql[at] != close; at++) {}
        if (at >= len) return -1;
        *i = at;
        return TK_OTHER;
    }
    default: {
        if (!is_id_char((unsigned char)c)) return TK_OTHER;
        size_t end = at + 1;
        while (end < len && is_id_char((unsigned char)sql[end])) end++;
        *i = end - 1;
        return keyword_token(sql + at, end - at);
    }
    }
}

int dal__script_split(dal_db *db, const char *sql, dal__script *out)
{
    static const unsigned char trans[8][8] = {
        /* state \ token: SEMI WS OTHER EXPLAIN CREATE TEMP TRIGGER END */
        /* 0 INVALID */ {1, 0, 2, 3, 4, 2, 2, 2},
        /* 1 START   */ {1, 1, 2, 3, 4, 2, 2, 2},
        /* 2 NORMAL  */ {1, 2, 2, 2, 2, 2, 2, 2},
        /* 3 EXPLAIN */ {1, 3, 3, 2, 4, 2, 2, 2},
        /* 4 CREATE  */ {1, 4, 2, 2, 2, 4, 5, 2},
        /* 5 TRIGGER */ {6, 5, 5, 5, 5, 5, 5, 5},
        /* 6 SEMI    */ {6, 6, 5, 5, 5, 5, 5, 7},
        /* 7 END     */ {1, 7, 5, 5, 5, 5, 5, 5},
    };
    size_t len = strlen(sql), start = 0;
    int state = ST_INVALID;
    out->stmts = NULL;
    out->n = 0;
    for (size_t i = 0; i < len; i++) {
        int token = next_token(sql, len, &i);
        if (token < 0) break;
        state = trans[state][token];
        if (token != TK_SEMI || state != ST_START) continue;
        if (dal__strv_push(db, &out->stmts, &out->n, sql + start, i + 1 - start) != DAL_OK) goto fail;
        start = i + 1;
        state = ST_INVALID;   /* the next statement is judged on its own, as sqlite3_complete judged it */
    }
    /* A last statement without ';' (or trailing comments: they prepare to nothing). */
    if (!only_space(sql + start, len - start) &&
        dal__strv_push(db, &out->stmts, &out->n, sql + start, len - start) != DAL_OK)
        goto fail;
    return DAL_OK;
fail:
    dal__script_free(out);
    return DAL_ERROR;
}

void dal__script_free(dal__script *s)
{
    for (int i = 0; i < s->n; i++) sqlite3_free(s->stmts[i]);
    sqlite3_free(s->stmts);
    s->stmts = NULL;
    s->n = 0;
}

/* Skips spaces and comments. */
static const char *skip_blank(const char *p)
{
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n') p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
        } else {
            return p;
        }
    }
}

/* Length of the bare word at p (0 when none). */
static size_t word_len(const char *p)
{
    size_t n = 0;
    while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') || p[n] == '_' ||
           (n > 0 && p[n] >= '0' && p[n] <= '9'))
        n++;
    return n;
}

static int word_is(const char *p, size_t n, const char *w)
{
    return strlen(w) == n && sqlite3_strnicmp(p, w, (int)n) == 0;
}

static int forbidden(const char *stmt)
{
    static const char *const words[] = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"};
    const char *p = skip_blank(stmt);
    size_t n = word_len(p);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (word_is(p, n, words[i])) return 1;
    if (!word_is(p, n, "PRAGMA")) return 0;
    p = skip_blank(p + n);
    n = word_len(p);
    const char *q = skip_blank(p + n);
    if (*q == '.') {   /* schema.pragma */
        p = skip_blank(q + 1);
        n = word_len(p);
    }
    return word_is(p, n, "foreign_keys");
}

int dal__script_check(dal_db *db, const char *name, const dal__script *s)
{
    for (int i = 0; i < s->n; i++)
        if (forbidden(s->stmts[i]))
            return dal_error_set(db, DAL_MISUSE, 0,
                                 "migration %s, statement %d: transactions and PRAGMA foreign_keys "
                                 "belong to the migration runner, not to migration files",
                                 name, i + 1);
    return DAL_OK;
}

static int cmp_row(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int dal__fk_rows(dal_db *db, sqlite3_stmt *st, dal__fkset *out)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char *row = sqlite3_mprintf("%s|%lld|%s", (const char *)sqlite3_column_text(st, 0),
                                    (long long)sqlite3_column_int64(st, 1),
                                    (const char *)sqlite3_column_text(st, 2));
        if (!row || dal__strv_push(db, &out->rows, &out->n, row, strlen(row)) != DAL_OK) {
            sqlite3_free(row);
            return dal_error_set(db, DAL_ERROR, SQLITE_NOMEM, "out of memory");
        }
        sqlite3_free(row);
    }
    return rc == SQLITE_DONE ? DAL_OK : dal_sqlite_error(db, rc);
}

void dal__fk_sort(dal__fkset *s)
{
    if (s->n > 1) qsort(s->rows, (size_t)s->n, sizeof *s->rows, cmp_row);
}

int dal__fk_snapshot(dal_db *db, dal__fkset *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(dal_sqlite(db), "PRAGMA foreign_key_check", -1, &st, NULL);
    out->rows = NULL;
    out->n = 0;
    if (rc != SQLITE_OK) return dal_sqlite_error(db, rc);
    rc = dal__fk_rows(db, st, out);
    sqlite3_finalize(st);
    if (rc != DAL_OK) {
        dal__fk_free(out);
        return rc;
    }
    dal__fk_sort(out);
    return DAL_OK;
}

void dal__fk_free(dal__fkset *s)
{
    for (int i = 0; i < s->n; i++) sqlite3_free(s->rows[i]);
    sqlite3_free(s->rows);
    s->rows = NULL;
    s->n = 0;
}

const char *dal__fk_new_violation(const dal__fkset *before, const dal__fkset *after)
{
    for (int i = 0; i < after->n; i++) {
        if (before->n && bsearch(&after->rows[i], before->rows, (size_t)before->n,
                                 sizeof *before->rows, cmp_row))
            continue;
        return after->rows[i];
    }
    return NULL;
}
