/* What SQLite accepts but a schema must not have: views and triggers over
 * missing tables or columns (SQLite only notices when they are used; views
 * are prepared as they are read, triggers compiled here), and annotation
 * keys dalgen does not know (a warning). */
#include <string.h>

#include "util/buf.h"
#include "frontend/introspect.h"

/* The name an error like "no such table: main.x" or "no such column: t.c"
 * is about (caller frees), or NULL. */
static char *missing_name(const char *msg)
{
    const char *c = strstr(msg, ": ");
    if (!c || (strncmp(msg, "no such", 7) != 0)) return NULL;
    const char *s = c + 2, *dot = strrchr(s, '.');
    return dg_xstrdup(dot ? dot + 1 : s);
}

/* Where in an object's text the error is: the token naming the missing
 * table or column, else the object itself; a file-wide 1:1 location when
 * the object has no line (databases, headers). */
static dg_loc error_loc(dg_loader *L, dg_rec_kind kind, const char *name, const char *sql, dg_loc fallback,
                        const char *msg)
{
    const dg_stmt_rec *rec = dg_loader_rec(L, kind, name);
    dg_loc loc = fallback;
    char *missing = missing_name(msg);
    if (missing && rec) {
        dg_srcmap m;
        dg_srcmap_init(&m, L, rec, sql);
        dg_toks tk;
        dg_toks_init(&tk, sql, strlen(sql));
        for (size_t i = dg_toks_kw(&tk, 1, "TRIGGER") ? 3 : 2; i < tk.sig.len; i++) {
            char *id = dg_toks_ident(&tk, i);
            bool hit = tk.sig.items[i].tok.kind != DG_TOK_STRING && !dg_strcasecmp_ascii(id, missing);
            free(id);
            if (!hit) continue;
            dg_loc l = dg_srcmap_locate(&m, tk.sig.items[i].tok.start);
            if (l.line > 0) loc = l;
            break;
        }
        dg_toks_free(&tk);
        dg_srcmap_free(&m);
    }
    free(missing);
    if (loc.line == 0) {
        loc.file = rec ? L->files.items[rec->file].path : L->s->files.len ? L->s->files.items[0] : NULL;
        loc.line = loc.col = 1;
    }
    return loc;
}

static void null_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_null(ctx);
}

/* Prepares `stmt`, which uses the view or trigger (kind, name, sql, loc).
 * A function SQLite does not know may be one the application registers: a
 * warning, then a stub that returns NULL, and another try. */
int dg_prepare_checked(dg_loader *L, dg_rec_kind kind, const char *name, const char *sql, dg_loc loc,
                       const char *stmt, sqlite3_stmt **out)
{
    const char *what = kind == DG_REC_VIEW ? "view" : "trigger";
    *out = NULL;
    for (int tries = 0; tries < 64; tries++) {
        if (sqlite3_prepare_v2(L->db, stmt, -1, out, NULL) == SQLITE_OK) return 0;
        char *msg = dg_one_line(sqlite3_errmsg(L->db));
        dg_loc at = error_loc(L, kind, name, sql, loc, msg);
        bool function = !strncmp(msg, "no such function: ", 18) && !strstr(msg, "...");
        if (function) dg_warning(L->d, at, "%s \"%s\": %s", what, name, msg);
        else dg_error(L->d, at, "%s \"%s\": %s", what, name, msg);
        if (function) {
            sqlite3_create_function(L->db, msg + 18, -1, SQLITE_UTF8, NULL, null_function, NULL, NULL);
            dg_strings_push(&L->stubs, msg + 18);
        }
        free(msg);
        if (!function) return -1;
    }
    return -1;
}

/* A statement that fires the trigger; preparing it compiles the body. */
static char *firing_statement(dg_loader *L, const dg_trigger *tr)
{
    char *t = dg_sql_quote_ident(tr->table), *out;
    if (tr->event == DG_TRIGGER_INSERT) {
        out = dg_xprintf("INSERT INTO %s DEFAULT VALUES", t);
    } else if (tr->event == DG_TRIGGER_DELETE) {
        out = dg_xprintf("DELETE FROM %s", t);
    } else {
        dg_strings of = {0};
        dg_trigger tmp = {0};
        dg_parse_create_trigger(tr->sql, NULL, NULL, &tmp, &of);
        dg_trigger_free(&tmp);
        char *col = NULL;
        if (of.len) col = dg_xstrdup(of.items[0]);
        else {
            sqlite3_stmt *st = dg_q(L->db, "SELECT name FROM pragma_table_info(?1)", tr->table);
            if (st && sqlite3_step(st) == SQLITE_ROW) col = dg_col_text(st, 0);
            sqlite3_finalize(st);
        }
        char *c = dg_sql_quote_ident(col ? col : "rowid");
        out = dg_xprintf("UPDATE %s SET %s = %s", t, c, c);
        free(c);
        free(col);
        dg_strings_free(&of);
    }
    free(t);
    return out;
}

/* Each trigger alone (the others dropped inside a savepoint that is rolled
 * back), so that an error names the trigger that has it. */
static int check_triggers(dg_loader *L)
{
    if (L->s->triggers.len == 0) return 0;
    int rc = 0;
    sqlite3_exec(L->db, "SAVEPOINT dg_check", NULL, NULL, NULL);
    for (size_t i = 0; i < L->s->triggers.len; i++) {
        char *q = dg_sql_quote_ident(L->s->triggers.items[i].name);
        char *drop = dg_xprintf("DROP TRIGGER %s", q);
        sqlite3_exec(L->db, drop, NULL, NULL, NULL);
        free(drop);
        free(q);
    }
    for (size_t i = 0; i < L->s->triggers.len; i++) {
        dg_trigger *tr = &L->s->triggers.items[i];
        if (sqlite3_exec(L->db, tr->sql, NULL, NULL, NULL) != SQLITE_OK) continue;
        char *fire = firing_statement(L, tr);
        sqlite3_stmt *st = NULL;
        if (dg_prepare_checked(L, DG_REC_TRIGGER, tr->name, tr->sql, tr->loc, fire, &st) != 0) rc = -1;
        sqlite3_finalize(st);
        free(fire);
        char *q = dg_sql_quote_ident(tr->name);
        char *drop = dg_xprintf("DROP TRIGGER %s", q);
        sqlite3_exec(L->db, drop, NULL, NULL, NULL);
        free(drop);
        free(q);
    }
    sqlite3_exec(L->db, "ROLLBACK TO dg_check; RELEASE dg_check", NULL, NULL, NULL);
    return rc;
}

/* Unknown keys are warnings; a bad @read value is an error (-1). */
static int check_keys(dg_loader *L, const dg_annotations *a)
{
    int rc = 0;
    for (size_t i = 0; i < a->len; i++) {
        const dg_annotation *n = &a->items[i];
        if (!dg_annotation_known(n->key)) {
            dg_warning(L->d, n->loc, "unknown annotation @%s (ignored)", n->key);
        } else if (!strcmp(n->key, "read") && !dg_read_known(n->value)) {
            dg_error(L->d, n->loc, "@read %s: expected exact, lenient or any", n->value);
            rc = -1;
        }
    }
    return rc;
}

/* A foreign key to a table the schema does not have: SQLite accepts the
 * DDL, then fails to prepare every write to the child while foreign keys
 * are on ("no such table").  A warning here (a schema being built up may
 * have it for a while); generate refuses it (dg_schema_dangling_fks). */
static void check_parents(dg_loader *L)
{
    dg_schema_lookup lk;
    dg_schema_lookup_init(&lk, L->s);
    for (size_t i = 0; i < L->s->tables.len; i++) {
        dg_table *t = &L->s->tables.items[i];
        for (size_t k = 0; k < t->foreign_keys.len; k++) {
            dg_foreign_key *fk = &t->foreign_keys.items[k];
            if (dg_lookup_table(&lk, fk->table)) continue;
            fk->dangling = true;
            dg_warning(L->d, fk->loc.line ? fk->loc : t->loc,
                       "foreign key of %s references %s, which is not a table of the schema "
                       "(every write to %s fails while foreign keys are on)",
                       t->name, fk->table, t->name);
        }
    }
    dg_schema_lookup_free(&lk);
}

int dg_check_schema(dg_loader *L)
{
    int rc = check_triggers(L);   /* views were checked as they were read */
    check_parents(L);
    for (size_t i = 0; i < L->s->tables.len; i++) {
        dg_table *t = &L->s->tables.items[i];
        if (check_keys(L, &t->annotations) != 0) rc = -1;
        for (size_t k = 0; k < t->columns.len; k++)
            if (check_keys(L, &t->columns.items[k].annotations) != 0) rc = -1;
    }
    for (size_t i = 0; i < L->s->views.len; i++)
        if (check_keys(L, &L->s->views.items[i].annotations) != 0) rc = -1;
    return rc;
}
