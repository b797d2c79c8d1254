/* SQL files and folders: split into statements, run each in the loader's
 * database, and remember which statement created which object. */
#include <errno.h>
#include <string.h>

#include "util/buf.h"
#include "util/fsutil.h"
#include "util/map.h"
#include "frontend/loader.h"
#include "frontend/sources.h"

/* Neither SQL nor a database: NUL bytes or invalid UTF-8. */
static bool looks_binary(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 9;
        if (c == 0 || k == 9 || i + k >= n + (k ? 0 : 1)) return true;
        for (size_t j = 1; j <= k; j++)
            if (((unsigned char)s[i + j] & 0xC0) != 0x80) return true;
        i += k + 1;
    }
    return false;
}

/* Annotations in the comments right above the statement starting at
 * `first` (no blank line between, not on the previous statement's line). */
static void above_annotations(dg_loader *L, size_t fi, size_t from, size_t first, dg_annotations *out)
{
    const char *text = L->files.items[fi].text;
    dg_lexer lx;
    dg_lexer_init(&lx, text, first);
    lx.pos = from;
    bool line_start = from == 0;
    DG_VEC(dg_tok) run = {0};
    for (;;) {
        dg_tok t = dg_tok_next(&lx);
        if (t.kind == DG_TOK_EOF) break;
        if (t.kind == DG_TOK_SPACE) {
            size_t nl = 0;
            for (size_t i = 0; i < t.len; i++) nl += text[t.start + i] == '\n';
            if (nl >= 2) run.len = 0;
            if (nl >= 1) line_start = true;
        } else if (t.kind == DG_TOK_COMMENT && line_start) {
            DG_VEC_PUSH(&run, t);
        }
    }
    for (size_t i = 0; i < run.len; i++) {
        char *key, *value;
        if (!dg_annotation_parse(text + run.items[i].start, run.items[i].len, &key, &value)) continue;
        dg_annotations_add(out, key, value, dg_loader_loc(L, fi, run.items[i].start));
        free(key);
        free(value);
    }
    DG_VEC_FREE(&run);
}

/* Annotations in comments after the statement's ';' on the same line. */
static void trailing_annotations(dg_loader *L, size_t fi, size_t end, dg_annotations *out)
{
    const dg_srcfile *f = &L->files.items[fi];
    dg_lexer lx;
    dg_lexer_init(&lx, f->text, f->len);
    lx.pos = end;
    for (;;) {
        dg_tok t = dg_tok_next(&lx);
        if (t.kind == DG_TOK_SPACE && !memchr(f->text + t.start, '\n', t.len)) continue;
        if (t.kind != DG_TOK_COMMENT) break;
        char *key, *value;
        if (dg_annotation_parse(f->text + t.start, t.len, &key, &value)) {
            dg_annotations_add(out, key, value, dg_loader_loc(L, fi, t.start));
            free(key);
            free(value);
        }
        if (memchr(f->text + t.start, '\n', t.len)) break;   /* a block comment that goes on */
    }
}

/* The schema a qualified name at token i names (`baz` of baz.users), NULL
 * when the name is not qualified or names main. */
static char *qualifier(const dg_toks *tk, size_t i)
{
    if (i < 2 || !dg_toks_punct(tk, i - 1, ".")) return NULL;
    char *sch = dg_toks_ident(tk, i - 2);
    if (sch && !dg_strcasecmp_ascii(sch, "main")) {
        free(sch);
        sch = NULL;
    }
    return sch;
}

static void drop_recs(dg_loader *L, dg_rec_kind kind, const char *schema, const char *name)
{
    for (size_t i = 0; i < L->recs.len; i++) {
        dg_stmt_rec *r = &L->recs.items[i];
        bool of_table = kind == DG_REC_TABLE && r->kind >= DG_REC_ADD_COLUMN;
        bool here = !r->schema || !schema ? r->schema == schema : !dg_strcasecmp_ascii(r->schema, schema);
        if ((r->kind == kind || of_table) && here && !dg_strcasecmp_ascii(r->name, name)) r->name[0] = '\0';
    }
}

static void rename_recs(dg_loader *L, const char *from, const char *to)
{
    for (size_t i = 0; i < L->recs.len; i++) {
        dg_stmt_rec *r = &L->recs.items[i];
        if ((r->kind == DG_REC_TABLE || r->kind >= DG_REC_ADD_COLUMN) && !dg_strcasecmp_ascii(r->name, from)) {
            free(r->name);
            r->name = dg_xstrdup(to);
        }
    }
}

static dg_stmt_rec *add_rec(dg_loader *L, dg_rec_kind kind, char *name, size_t fi, size_t start, size_t name_off)
{
    dg_stmt_rec *r = DG_VEC_ADD(&L->recs);
    r->kind = kind;
    r->name = name;
    r->file = fi;
    r->start = start;
    r->name_off = name_off;
    if (kind == DG_REC_ADD_COLUMN) L->add_columns++;
    return r;
}

/* ALTER TABLE: renames follow the table; column changes are remembered
 * for the locations of the columns. */
static void record_alter(dg_loader *L, size_t fi, size_t start, size_t end, const dg_toks *tk)
{
    size_t i = dg_toks_punct(tk, 3, ".") ? 4 : 2;
    char *table = dg_toks_ident(tk, i++);
    if (dg_toks_kw(tk, i, "RENAME") && dg_toks_kw(tk, i + 1, "TO")) {
        char *to = dg_toks_ident(tk, i + 2);
        rename_recs(L, table, to);
        for (size_t k = 0; k < L->s->renames.len; k++) {   /* column renames follow their table */
            dg_rename_stmt *rs = &L->s->renames.items[k];
            if (rs->table && !dg_strcasecmp_ascii(rs->table, table)) {
                free(rs->table);
                rs->table = dg_xstrdup(to);
            }
        }
        dg_rename_stmt *rs = DG_VEC_ADD(&L->s->renames);
        rs->old_name = dg_xstrdup(table);
        rs->new_name = dg_xstrdup(to);
        free(to);
    } else if (dg_toks_kw(tk, i, "ADD")) {
        i += dg_toks_kw(tk, i + 1, "COLUMN") ? 2 : 1;
        dg_stmt_rec *r = add_rec(L, DG_REC_ADD_COLUMN, dg_xstrdup(table), fi, start,
                                 start + (i < tk->sig.len ? tk->sig.items[i].tok.start : 0));
        r->column = dg_toks_ident(tk, i);
        if (L->files.items[fi].text[end - 1] == ';') trailing_annotations(L, fi, end, &r->trailing);
    } else if (dg_toks_kw(tk, i, "RENAME")) {
        i += dg_toks_kw(tk, i + 1, "COLUMN") ? 2 : 1;
        char *old = dg_toks_ident(tk, i), *neu = dg_toks_ident(tk, i + 2);
        for (size_t k = 0; k < L->recs.len; k++) {
            dg_stmt_rec *r = &L->recs.items[k];
            if (r->kind == DG_REC_ADD_COLUMN && !dg_strcasecmp_ascii(r->name, table) &&
                !dg_strcasecmp_ascii(r->column, old)) {
                free(r->column);
                r->column = dg_xstrdup(neu);
            }
        }
        dg_rename_stmt *rs = DG_VEC_ADD(&L->s->renames);
        rs->table = dg_xstrdup(table);
        rs->old_name = dg_xstrdup(old);
        rs->new_name = dg_xstrdup(neu);
        dg_stmt_rec *r = add_rec(L, DG_REC_RENAME_COLUMN, dg_xstrdup(table), fi, start, start);
        r->column = old;
        r->new_column = neu;
    } else if (dg_toks_kw(tk, i, "DROP")) {
        i += dg_toks_kw(tk, i + 1, "COLUMN") ? 2 : 1;
        dg_stmt_rec *r = add_rec(L, DG_REC_DROP_COLUMN, dg_xstrdup(table), fi, start, start);
        r->column = dg_toks_ident(tk, i);
    }
    free(table);
}

static void record_drop(dg_loader *L, const dg_toks *tk)
{
    static const char *const kinds[] = {"TABLE", "INDEX", "VIEW", "TRIGGER"};
    for (int k = 0; k < 4; k++) {
        if (!dg_toks_kw(tk, 1, kinds[k])) continue;
        size_t i = dg_toks_kw(tk, 2, "IF") ? 4 : 2;
        if (dg_toks_punct(tk, i + 1, ".")) i += 2;
        char *name = dg_toks_ident(tk, i), *schema = qualifier(tk, i);
        drop_recs(L, (dg_rec_kind)k, schema, name);
        free(name);
        free(schema);
    }
}

/* INSERT / REPLACE (after a WITH clause, too): kept in the model with the
 * table it writes (the first `INTO name` outside parentheses). */
static void record_data(dg_loader *L, size_t fi, size_t start, size_t end, const dg_toks *tk)
{
    if (!dg_toks_kw(tk, 0, "INSERT") && !dg_toks_kw(tk, 0, "REPLACE") && !dg_toks_kw(tk, 0, "WITH")) return;
    int depth = 0;
    for (size_t i = 0; i < tk->sig.len; i++) {
        if (dg_toks_punct(tk, i, "(")) depth++;
        else if (dg_toks_punct(tk, i, ")")) depth--;
        if (depth || !dg_toks_kw(tk, i, "INTO") || i + 1 >= tk->sig.len) continue;
        size_t ni = dg_toks_punct(tk, i + 2, ".") ? i + 3 : i + 1;
        dg_data_stmt *ds = DG_VEC_ADD(&L->s->data);
        ds->table = dg_toks_ident(tk, ni);
        ds->sql = dg_xstrndup(L->files.items[fi].text + start, end - start);
        ds->loc = dg_loader_loc(L, fi, start);
        size_t k = ni + 1;
        if (dg_toks_punct(tk, k, "(")) {   /* the column list */
            for (int d = 0; k < tk->sig.len; k++) {
                d += dg_toks_punct(tk, k, "(") - dg_toks_punct(tk, k, ")");
                if (!d) break;
            }
            k++;
        }
        ds->values = !dg_toks_kw(tk, 0, "WITH") && (dg_toks_kw(tk, k, "VALUES") || dg_toks_kw(tk, k, "DEFAULT"));
        return;
    }
}

/* A PRAGMA that changes nothing a statement is prepared against. */
static bool harmless_pragma(const dg_toks *tk)
{
    size_t i = dg_toks_punct(tk, 2, ".") ? 3 : 1;
    return dg_toks_kw(tk, i, "user_version") || dg_toks_kw(tk, i, "application_id");
}

/* Notes what a statement that SQLite accepted did to the schema. */
static void record(dg_loader *L, size_t fi, size_t from, size_t start, size_t end)
{
    const char *text = L->files.items[fi].text;
    dg_toks tk;
    const char *kind;
    size_t ni = dg_toks_init_create_head(&tk, text + start, end - start, &kind);   /* all tokens unless a CREATE */
    if (*kind && ni && !dg_toks_kw(&tk, 1, "TEMP") && !dg_toks_kw(&tk, 1, "TEMPORARY")) {
        dg_rec_kind k = !strcmp(kind, "table") ? DG_REC_TABLE : !strcmp(kind, "index") ? DG_REC_INDEX
                      : !strcmp(kind, "view") ? DG_REC_VIEW : DG_REC_TRIGGER;
        char *name = dg_toks_ident(&tk, ni), *schema = qualifier(&tk, ni);
        bool if_not_exists = false;
        for (size_t i = 1; i < ni; i++) if_not_exists |= dg_toks_kw(&tk, i, "EXISTS");
        if (if_not_exists && dg_loader_rec_in(L, k, schema, name)) {
            free(name);
            free(schema);
        } else {
            dg_stmt_rec *r = add_rec(L, k, name, fi, start, start + tk.sig.items[ni].tok.start);
            r->schema = schema;
            above_annotations(L, fi, from, start, &r->above);
            if (end > start && text[end - 1] == ';') trailing_annotations(L, fi, end, &r->trailing);
        }
    } else if (dg_toks_kw(&tk, 0, "ALTER") && dg_toks_kw(&tk, 1, "TABLE")) {
        record_alter(L, fi, start, end, &tk);
    } else if (dg_toks_kw(&tk, 0, "DROP")) {
        record_drop(L, &tk);
    } else if (dg_toks_kw(&tk, 0, "INSERT") || dg_toks_kw(&tk, 0, "REPLACE") || dg_toks_kw(&tk, 0, "WITH")) {
        record_data(L, fi, start, end, &tk);
    } else if (dg_toks_kw(&tk, 0, "ANALYZE") || (dg_toks_kw(&tk, 0, "PRAGMA") && !harmless_pragma(&tk))) {
        L->stateful = true;
    }
    dg_toks_free(&tk);
}

/* Length of the keyword a message starts with ("AUTOINCREMENT is only
 * allowed on an INTEGER PRIMARY KEY"): upper-case letters and '_', at least
 * two, then a space; 0 otherwise. */
static size_t leading_keyword(const char *msg)
{
    size_t n = 0;
    while ((msg[n] >= 'A' && msg[n] <= 'Z') || msg[n] == '_') n++;
    return n >= 2 && msg[n] == ' ' ? n : 0;
}

/* Offset of the token an error message names ("unknown column "x" in ...",
 * "no such table: main.x", the keyword of "AUTOINCREMENT is only allowed
 * ..."), searched in [start, end); `start` when none. */
static size_t named_token(const char *text, size_t start, size_t end, const char *msg)
{
    const char *q = strchr(msg, '"'), *c = strstr(msg, ": ");
    char *name = NULL;
    if (q && strchr(q + 1, '"')) name = dg_xstrndup(q + 1, (size_t)(strchr(q + 1, '"') - q - 1));
    else if (c) name = dg_xstrdup(strrchr(c + 2, '.') ? strrchr(c + 2, '.') + 1 : c + 2);
    else if (leading_keyword(msg)) name = dg_xstrndup(msg, leading_keyword(msg));
    if (!name) return start;
    dg_lexer lx;
    dg_lexer_init(&lx, text, end);
    lx.pos = start;
    size_t at = start;
    for (dg_tok t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx)) {
        if (t.kind != DG_TOK_IDENT && t.kind != DG_TOK_QIDENT) continue;
        char *id = dg_tok_ident(&lx, t);
        bool hit = !dg_strcasecmp_ascii(id, name);
        free(id);
        if (hit) {
            at = t.start;
            break;
        }
    }
    free(name);
    return at;
}

/* ATTACH of a file in [start, end) (sqlc's `ATTACH 'baz.db' AS baz`): the
 * schema name after the top-level AS, when the file is not ':memory:';
 * NULL otherwise (run the statement as written).  The schema file
 * describes tables, so such a schema is read in memory: no file is opened. */
static char *attached_file_schema(const char *text, size_t start, size_t end)
{
    dg_lexer lx;
    dg_lexer_init(&lx, text, end);
    lx.pos = start;
    dg_tok t = dg_tok_next_sig(&lx);   /* ATTACH */
    int depth = 0, nexpr = 0;
    bool memory = false;
    for (t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx)) {
        if (t.kind == DG_TOK_PUNCT && text[t.start] == '(') depth++;
        else if (t.kind == DG_TOK_PUNCT && text[t.start] == ')') depth--;
        else if (depth == 0 && dg_tok_is_kw(&lx, t, "AS")) break;
        if (nexpr == 0 && dg_tok_is_kw(&lx, t, "DATABASE")) continue;
        memory = nexpr++ == 0 && t.kind == DG_TOK_STRING && t.len == 10 && !memcmp(text + t.start, "':memory:'", 10);
    }
    dg_tok name = dg_tok_next_sig(&lx);
    if (t.kind == DG_TOK_EOF || memory || (name.kind != DG_TOK_IDENT && name.kind != DG_TOK_QIDENT)) return NULL;
    return dg_tok_ident(&lx, name);
}

/* Attaches `schema` (taken) in memory in place of the file the statement at
 * `at` names, with a note saying so. */
static int attach_in_memory(dg_loader *L, size_t fi, size_t at, char *schema)
{
    char *q = dg_sql_quote_ident(schema);
    char *sql = dg_xprintf("ATTACH ':memory:' AS %s", q);
    int rc = sqlite3_exec(L->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) dg_error(L->d, dg_loader_loc(L, fi, at), "%s", sqlite3_errmsg(L->db));
    else dg_note(L->d, dg_loader_loc(L, fi, at), "schema %s is read in memory: the file this ATTACH names is not "
                 "opened (the program attaches its own)", schema);
    free(sql);
    free(q);
    free(schema);
    return rc == SQLITE_OK ? 0 : -1;
}

/* The progress handler while a statement of the file runs: stops one that
 * runs too long (loader.h). */
static int too_long(void *ctx)
{
    dg_loader *L = ctx;
    return ++L->ticks > DG_LOADER_MAX_TICKS;
}

/* Runs the statement text [start, end) of file fi; reports errors. */
static int run_statement(dg_loader *L, size_t fi, size_t start, size_t end)
{
    const char *text = L->files.items[fi].text;
    const char *p = text + start, *stop = text + end;
    while (p < stop) {
        sqlite3_stmt *st = NULL;
        const char *tail = NULL;
        L->denied = NULL;
        if (p > text + start && dg_park_end(L) != 0) return -1;   /* a second statement: no longer a lone CREATE */
        int rc = sqlite3_prepare_v2(L->db, p, (int)(stop - p), &st, &tail);
        if (rc != SQLITE_OK) {
            int eo = sqlite3_error_offset(L->db);
            size_t at = eo >= 0 ? (size_t)(p - text) + (size_t)eo
                               : named_token(text, (size_t)(p - text), end, sqlite3_errmsg(L->db));
            char *msg = dg_one_line(L->denied ? L->denied : sqlite3_errmsg(L->db));
            dg_error(L->d, dg_loader_loc(L, fi, at), "%s", msg);
            free(msg);
            return -1;
        }
        if (!st) break;   /* only comments left */
        L->ticks = 0;
        sqlite3_progress_handler(L->db, DG_LOADER_TICK, too_long, L);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {}
        sqlite3_progress_handler(L->db, 0, NULL, NULL);
        if (rc == SQLITE_INTERRUPT && L->ticks > DG_LOADER_MAX_TICKS) {
            dg_error(L->d, dg_loader_loc(L, fi, (size_t)(p - text)),
                     "the statement was stopped after %ld million SQLite steps: a schema's statements must "
                     "finish (a recursive CTE without an end?)", DG_LOADER_MAX_TICKS * DG_LOADER_TICK / 1000000);
            sqlite3_finalize(st);
            return -1;
        }
        if (rc != SQLITE_DONE) {
            char *msg = dg_one_line(L->denied ? L->denied : sqlite3_errmsg(L->db));
            dg_error(L->d, dg_loader_loc(L, fi, (size_t)(p - text)), "%s", msg);
            free(msg);
            sqlite3_finalize(st);
            return -1;
        }
        sqlite3_finalize(st);
        p = tail;
    }
    return 0;
}

/* Whether `name` is a shadow table of a virtual table already created (an
 * FTS5 table's `x_data`, ...): SQLite's in-memory schema, as pragma_table_list
 * reads it, so parked rows do not matter. */
static bool shadow_table(dg_loader *L, const char *name)
{
    sqlite3_stmt *st = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(L->db, "SELECT 1 FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow' "
                                  "AND name = ?1 COLLATE NOCASE", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) == SQLITE_OK)
        found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

/* CREATE TABLE statements the sqlite3 shell's `.schema` prints for tables
 * SQLite makes itself, skipped because SQLite (in defensive mode) refuses
 * them: `sqlite_sequence` and `sqlite_stat1..4` (made on AUTOINCREMENT and
 * ANALYZE), and `IF NOT EXISTS` ones naming an existing shadow table (a
 * no-op for SQLite outside defensive mode). */
static bool shell_made_table(dg_loader *L, const char *text, size_t start, size_t end)
{
    dg_toks tk;
    const char *kind;
    size_t ni = dg_toks_init_create_head(&tk, text + start, end - start, &kind);
    bool skip = false;
    if (ni && !strcmp(kind, "table") && !dg_toks_kw(&tk, 1, "TEMP") && !dg_toks_kw(&tk, 1, "TEMPORARY") &&
        !dg_toks_kw(&tk, 1, "VIRTUAL")) {
        char *name = dg_toks_ident(&tk, ni);
        static const char *const internal[] = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat2",
                                               "sqlite_stat3", "sqlite_stat4"};
        for (size_t k = 0; name && k < sizeof internal / sizeof internal[0]; k++)
            skip |= !dg_strcasecmp_ascii(name, internal[k]);
        if (name && !skip && dg_toks_kw(&tk, 2, "IF")) skip = shadow_table(L, name);
        free(name);
    }
    dg_toks_free(&tk);
    return skip;
}

/* `INSERT INTO [schema.]sqlite_schema ...`, as `.dump` writes a virtual
 * table; only the first tokens are read (data dumps have long INSERTs). */
static bool writes_schema_table(const char *text, size_t start, size_t end)
{
    dg_lexer lx;
    dg_lexer_init(&lx, text, end);
    lx.pos = start;
    if (!dg_tok_is_kw(&lx, dg_tok_next_sig(&lx), "INSERT") || !dg_tok_is_kw(&lx, dg_tok_next_sig(&lx), "INTO"))
        return false;
    dg_tok name = dg_tok_next_sig(&lx);
    dg_tok dot = dg_tok_next_sig(&lx);
    if (dg_tok_is_punct(&lx, dot, ".")) name = dg_tok_next_sig(&lx);
    if (name.kind != DG_TOK_IDENT && name.kind != DG_TOK_QIDENT) return false;
    char *id = dg_tok_ident(&lx, name);
    bool hit = !dg_strcasecmp_ascii(id, "sqlite_schema") || !dg_strcasecmp_ascii(id, "sqlite_master");
    free(id);
    return hit;
}

/* Runs the statement [start, end) of file fi as SQLite would, one by one,
 * and records what it did. */
static int run_one(dg_loader *L, size_t fi, size_t from, size_t start, size_t end)
{
    const char *text = L->files.items[fi].text;
    dg_lexer lx;
    dg_lexer_init(&lx, text, end);
    lx.pos = start;
    dg_tok first = dg_tok_next_sig(&lx), second = dg_tok_next_sig(&lx);
    bool create = dg_tok_is_kw(&lx, first, "CREATE") && !dg_tok_is_kw(&lx, second, "TEMP") &&
                  !dg_tok_is_kw(&lx, second, "TEMPORARY");
    if (create) dg_park_begin(L);
    else if (dg_park_end(L) != 0) return -1;
    char *schema = dg_tok_is_kw(&lx, first, "ATTACH") ? attached_file_schema(text, start, end) : NULL;
    if (schema && attach_in_memory(L, fi, start, schema) != 0) return -1;
    if (!schema && (run_statement(L, fi, start, end) != 0 || (create && dg_park_after(L) != 0))) {
        dg_park_end(L);
        return -1;
    }
    record(L, fi, from, start, end);
    return 0;
}

/* CREATE statements collected for batch.c, with their names: a second
 * object of a name (which SQLite would refuse, or skip for IF NOT EXISTS)
 * ends the batch.  A batch may go on over the files of a folder (a folder
 * of one table a file is one batch). */
typedef struct batch {
    DG_VEC(dg_batch_stmt) v;
    dg_map names;   /* folded name -> index in v (keys borrowed from v) */
} batch;

/* Adds the statement [start, end) to the batch when batch.c can apply it
 * there: a plain CREATE of a new name (an index on a table made before it),
 * not the first AUTOINCREMENT table (its sqlite_sequence is SQLite's to make). */
static bool take(dg_loader *L, batch *bt, size_t fi, size_t from, size_t start, size_t end)
{
    dg_batch_stmt b;
    if (!dg_batch_form(L->files.items[fi].text, start, end, &b)) return false;
    size_t at;
    bool ok = !dg_map_get(&bt->names, b.name, &at) && sqlite3_strnicmp(b.name, "sqlite_", 7) != 0;
    if (ok && b.kind == DG_REC_INDEX && dg_map_get(&bt->names, b.table, &at)) {
        ok = bt->v.items[at].kind == DG_REC_TABLE;
        b.table_at = at;
    }
    if (ok && b.autoincrement)
        ok = sqlite3_table_column_metadata(L->db, "main", "sqlite_sequence", NULL, NULL, NULL, NULL, NULL, NULL) == SQLITE_OK;
    if (ok && b.if_not_exists) ok = !dg_batch_name_taken(L, b.name);
    if (!ok) {
        dg_batch_stmt_free(&b);
        return false;
    }
    b.fi = fi;
    b.from = from;
    DG_VEC_PUSH(&bt->v, b);
    dg_map_put(&bt->names, bt->v.items[bt->v.len - 1].name, bt->v.len - 1);
    return true;
}

/* Applies the batch (batch.c, or one by one), records it and empties it. */
static int flush(dg_loader *L, batch *bt)
{
    size_t n = bt->v.len;
    int rc = n ? dg_park_end(L) : 0, applied = -1;
    if (rc == 0) applied = dg_batch_apply(L, bt->v.items, n);
    if (applied == -2) {
        dg_loc none = {NULL, 0, 0};
        dg_error(L->d, none, "internal error: cannot restore the schema database: %s", sqlite3_errmsg(L->db));
        rc = -1;
    }
    for (size_t i = 0; i < n; i++) {
        const dg_batch_stmt *b = &bt->v.items[i];
        if (rc == 0 && applied == 0) record(L, b->fi, b->from, b->start, b->end);
        else if (rc == 0) rc = run_one(L, b->fi, b->from, b->start, b->end);
        dg_batch_stmt_free(&bt->v.items[i]);
    }
    bt->v.len = 0;
    dg_map_free(&bt->names);
    return rc;
}

/* A statement that is refused before SQLite sees it; reported when it is. */
static bool refused(dg_loader *L, size_t fi, dg_lexer *lx, dg_tok first, size_t end)
{
    const char *text = L->files.items[fi].text;
    if (dg_tok_is_kw(lx, first, "VACUUM")) {
        dg_error(L->d, dg_loader_loc(L, fi, first.start), "VACUUM is not allowed in a schema (VACUUM INTO writes a file)");
        return true;
    }
    if (writes_schema_table(text, first.start, end)) {
        dg_error(L->d, dg_loader_loc(L, fi, first.start),
                 "writing sqlite_schema is not allowed (the sqlite3 shell's .dump writes virtual "
                 "tables this way): give the database itself, or its .schema output");
        return true;
    }
    return false;
}

static void batch_init(batch *bt)
{
    memset(bt, 0, sizeof *bt);
    dg_map_init(&bt->names, true);
}

/* Applies what is left of the batch and frees it; rc: the loading's result
 * so far (nothing is applied after a failure). */
static int batch_finish(dg_loader *L, batch *bt, int rc)
{
    if (rc == 0) rc = flush(L, bt);
    for (size_t i = 0; i < bt->v.len; i++) dg_batch_stmt_free(&bt->v.items[i]);
    DG_VEC_FREE(&bt->v);
    dg_map_free(&bt->names);
    if (dg_park_end(L) != 0) rc = -1;
    return rc;
}

/* Runs file fi's statements; plain CREATEs go into bt, applied when a
 * statement that cannot join it comes (or by the caller, at its end). */
static int apply_text(dg_loader *L, size_t fi, batch *bt)
{
    const char *text = L->files.items[fi].text;
    size_t len = L->files.items[fi].len;
    int rc = 0;
    for (size_t from = 0; rc == 0 && from < len;) {
        size_t end = dg_sql_statement_end(text, len, from);
        dg_lexer lx;
        dg_lexer_init(&lx, text, end);
        lx.pos = from;
        dg_tok first = dg_tok_next_sig(&lx);
        bool shell_made = first.kind != DG_TOK_EOF && dg_tok_is_kw(&lx, first, "CREATE") &&
                          shell_made_table(L, text, first.start, end);
        if (first.kind != DG_TOK_EOF && !shell_made && !take(L, bt, fi, from, first.start, end)) {
            rc = flush(L, bt);
            if (rc == 0 && refused(L, fi, &lx, first, end)) rc = -1;
            if (rc == 0) rc = run_one(L, fi, from, first.start, end);
        }
        if (end <= from) break;
        from = end;
    }
    return rc;
}

/* File fi's statements, as one unit. */
static int apply_file(dg_loader *L, size_t fi)
{
    batch bt;
    batch_init(&bt);
    return batch_finish(L, &bt, apply_text(L, fi, &bt));
}

/* Adds the SQL `text` (taken over, NUL-terminated at len) read from
 * `whole.file` to the loader's files: 0 and *fi, or -1 (reported). */
static int add_text(dg_loader *L, dg_loc whole, char *text, size_t len, size_t *fi)
{
    if (looks_binary(text, len)) {
        free(text);
        dg_error(L->d, whole, "neither a SQL file nor a SQLite database");
        return -1;
    }
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {   /* a UTF-8 byte order mark is no SQL */
        len -= 3;
        memmove(text, text + 3, len + 1);
    }
    dg_keep_up_part(text, len);
    *fi = dg_loader_add_file(L, whole.file, text, len);
    return 0;
}

/* Reads the SQL file at `path` (- for standard input) into the loader's
 * files: 0 and *fi, or -1 (reported). */
static int add_file(dg_loader *L, const char *path, size_t *fi)
{
    char *text = NULL;
    size_t len = 0;
    bool in = !strcmp(path, "-");   /* standard input */
    dg_loc whole = {dg_schema_intern_file(L->s, in ? "<stdin>" : path), 1, 1};
    if (dg_read_file(in ? "/dev/stdin" : path, &text, &len) != 0) {
        dg_error(L->d, whole, "cannot read file: %s", strerror(errno));
        return -1;
    }
    return add_text(L, whole, text, len, fi);
}

int dg_apply_sql_file(dg_loader *L, const char *path)
{
    size_t fi;
    if (dg_is_dir(path)) return dg_apply_sql_dir(L, path);
    return add_file(L, path, &fi) != 0 ? -1 : apply_file(L, fi);
}

int dg_apply_sql_text(dg_loader *L, const char *name, const char *text, size_t len)
{
    dg_loc whole = {dg_schema_intern_file(L->s, name), 1, 1};
    size_t fi;
    return add_text(L, whole, dg_xstrndup(text, len), len, &fi) != 0 ? -1 : apply_file(L, fi);
}

/* The folder's *.sql files (not *.down.sql) in name order, and SQLite
 * databases among them; one batch runs on over the files. */
int dg_apply_sql_dir(dg_loader *L, const char *path)
{
    char **names = NULL;
    size_t n = 0, fi;
    if (dg_list_dir(path, ".sql", &names, &n) != 0) {
        dg_loc whole = {dg_schema_intern_file(L->s, path), 1, 1};
        dg_error(L->d, whole, "cannot read folder: %s", strerror(errno));
        return -1;
    }
    batch bt;
    batch_init(&bt);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (dg_has_suffix(names[i], ".down.sql")) continue;
        if (dg_is_sqlite_file(names[i])) {
            rc = flush(L, &bt);
            if (rc == 0) rc = dg_park_end(L);
            if (rc == 0) rc = dg_apply_database(L, names[i]);
        } else {
            rc = add_file(L, names[i], &fi);
            if (rc == 0) rc = apply_text(L, fi, &bt);
            else (void)flush(L, &bt);   /* the files before are judged, as without a batch */
        }
    }
    dg_free_strings(names, n);
    return batch_finish(L, &bt, rc);
}

int dg_apply_model_sql(dg_loader *L, const char *path, const char *sql)
{
    size_t fi = dg_loader_add_file(L, path, dg_xstrdup(sql), strlen(sql));
    int rc = apply_file(L, fi);
    free(L->files.items[fi].text);   /* generated text: no locations point into it */
    L->files.items[fi].text = NULL;
    return rc;
}
