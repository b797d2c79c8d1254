/* pg_script.c - the DDL of files and folders as one script of parsed
 * statements (pg_int.h): read, split and parsed with libpg_query, with the
 * statements that must not run in a typing database refused. */
#include <errno.h>
#include <nettle/sha2.h>
#include <pg_query.h>
#include <string.h>

#include "util/buf.h"
#include "util/fsutil.h"
#include "util/pq_dl.h"
#include "frontend/pg/pg_int.h"

dg_loc dg_pg_script_loc(const dg_pg_script *sc, size_t fi, size_t off)
{
    const dg_pg_file *f = &sc->files.items[fi];
    if (!f->lex.lines.len) return dg_loc_at(f->text, off, (dg_loc){f->path, 1, 1});   /* not scanned yet */
    size_t line = dg_pg_lex_line(&f->lex, off), start = f->lex.lines.items[line];
    return dg_loc_at(f->text + start, off - start, (dg_loc){f->path, (int)line + 1, 1});
}

/* The statements refused, by parse node (design/postgres.md 3.4 step 2). */
static const struct {
    const char *kind, *what;
} refused[] = {
    {"CreatedbStmt", "CREATE DATABASE"},        {"DropdbStmt", "DROP DATABASE"},
    {"AlterDatabaseStmt", "ALTER DATABASE"},    {"AlterDatabaseSetStmt", "ALTER DATABASE"},
    {"AlterSystemStmt", "ALTER SYSTEM"},        {"CreateRoleStmt", "CREATE ROLE"},
    {"AlterRoleStmt", "ALTER ROLE"},            {"AlterRoleSetStmt", "ALTER ROLE"},
    {"DropRoleStmt", "DROP ROLE"},              {"GrantRoleStmt", "GRANT of a role"},
    {"ReassignOwnedStmt", "REASSIGN OWNED"},    {"DropOwnedStmt", "DROP OWNED"},
    {"CreateTableSpaceStmt", "CREATE TABLESPACE"}, {"DropTableSpaceStmt", "DROP TABLESPACE"},
    {"AlterTableSpaceOptionsStmt", "ALTER TABLESPACE"}, {"LoadStmt", "LOAD"},
    {"CreateSubscriptionStmt", "CREATE SUBSCRIPTION"}, {"AlterSubscriptionStmt", "ALTER SUBSCRIPTION"},
};

/* Why statement `st` must not run, NULL when it may. */
static const char *refusal(const dg_pg_stmt *st, const dg_pg_opts *o, char *buf, size_t cap)
{
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        if (strcmp(st->kind, refused[i].kind) != 0) continue;
        snprintf(buf, cap, "%s must not run in the typing database (it acts outside the schema)", refused[i].what);
        return buf;
    }
    if (!strcmp(st->kind, "DoStmt") && !o->allow_do)
        return "a DO block runs only with --allow-do (it can do anything in the typing database)";
    if (!strcmp(st->kind, "CopyStmt")) {
        if (json_object_get(st->tree, "filename") || json_is_true(json_object_get(st->tree, "is_program")))
            return "COPY to or from a server file or program must not run in the typing database";
        return "COPY FROM STDIN / TO STDOUT is psql data, not schema: take it out of the DDL";
    }
    return NULL;
}

/* Adds the statement at text[at, at + len) of file fi: parsed alone. */
static int add_stmt(dg_pg_script *sc, size_t fi, size_t at, size_t len, const dg_pg_opts *o, dg_diags *d)
{
    dg_pg_file *f = &sc->files.items[fi];
    size_t start = dg_pg_skip_blank(f->text, at + len, at);
    if (start >= at + len) return 0;   /* only blanks and comments */
    char *one = dg_xstrndup(f->text + at, len);
    PgQueryParseResult r = pg_query_parse(one);
    free(one);
    json_t *root = r.error ? NULL : json_loads(r.parse_tree, 0, NULL);
    pg_query_free_parse_result(r);
    json_t *node = json_object_get(json_array_get(json_object_get(root, "stmts"), 0), "stmt");
    if (!node || json_object_size(node) != 1) {   /* the split parsed it: cannot happen */
        json_decref(root);
        dg_error(d, dg_pg_script_loc(sc, fi, start), "libpg_query could not parse this statement alone");
        return -1;
    }
    dg_pg_stmt *st = DG_VEC_ADD(&sc->stmts);
    void *it = json_object_iter(node);
    st->file = fi, st->at = at, st->start = start, st->end = at + len;
    st->kind = json_object_iter_key(it);
    st->tree = json_object_iter_value(it);
    st->root = root;
    char buf[160];
    const char *why = refusal(st, o, buf, sizeof buf);
    if (why) dg_error(d, dg_pg_script_loc(sc, fi, start), "%s", why);
    return why ? -1 : 0;
}

/* Line and column of character `chars` (1-based, libpg_query's cursorpos). */
static dg_loc cursor_loc(const dg_pg_script *sc, size_t fi, int cursorpos)
{
    const dg_pg_file *f = &sc->files.items[fi];
    size_t off = dg_pg_char_offset(f->text, f->len, 0, cursorpos > 0 ? cursorpos - 1 : 0);
    return dg_pg_script_loc(sc, fi, off);
}

/* Splits file fi and parses each statement.  0, or -1 after reporting. */
static int split_file(dg_pg_script *sc, size_t fi, const dg_pg_opts *o, dg_diags *d)
{
    dg_pg_file *f = &sc->files.items[fi];
    dg_pg_lex_scan(f->text, f->len, &f->lex);
    for (size_t i = 0; i < f->lex.dump_guards.len; i++) {   /* blanks: offsets and lines stay */
        const dg_pg_span *g = &f->lex.dump_guards.items[i];
        memset(f->text + g->start, ' ', g->end - g->start);
    }
    if (f->lex.has_meta) {
        dg_error(d, dg_pg_script_loc(sc, fi, f->lex.meta),
                 "psql meta-command: dalgen runs SQL statements, not psql scripts");
        return -1;
    }
    if (strlen(f->text) != f->len) {
        dg_error(d, dg_pg_script_loc(sc, fi, strlen(f->text)), "NUL byte in SQL text");
        return -1;
    }
    PgQuerySplitResult r = pg_query_split_with_parser(f->text);
    int rc = 0;
    if (r.error) {
        dg_error(d, cursor_loc(sc, fi, r.error->cursorpos), "%s", r.error->message);
        rc = -1;
    }
    for (int i = 0; rc == 0 && i < r.n_stmts; i++) {
        size_t at = (size_t)r.stmts[i]->stmt_location, len = (size_t)r.stmts[i]->stmt_len;
        if (len == 0) len = f->len - at;
        rc = add_stmt(sc, fi, at, len, o, d);
    }
    pg_query_free_split_result(r);
    return rc;
}

static int add_file(dg_pg_script *sc, dg_schema *s, const char *path, const char *name, const dg_pg_opts *o,
                    dg_diags *d)
{
    char *text = NULL;
    size_t len = 0;
    dg_loc whole = {dg_schema_intern_file(s, name), 1, 1};
    if (dg_read_file(path, &text, &len) != 0) {
        dg_error(d, whole, "cannot read file: %s", strerror(errno));
        return -1;
    }
    dg_keep_up_part(text, len);
    dg_pg_file *f = DG_VEC_ADD(&sc->files);
    f->path = whole.file, f->text = text, f->len = len;
    return split_file(sc, sc->files.len - 1, o, d);
}

static int add_dir(dg_pg_script *sc, dg_schema *s, const char *path, const dg_pg_opts *o, dg_diags *d)
{
    char **names = NULL;
    size_t n = 0;
    if (dg_list_dir(path, ".sql", &names, &n) != 0) {
        dg_error(d, (dg_loc){dg_schema_intern_file(s, path), 0, 0}, "cannot read folder: %s", strerror(errno));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (!dg_has_suffix(names[i], ".down.sql")) rc = add_file(sc, s, names[i], names[i], o, d);
    dg_free_strings(names, n);
    return rc;
}

static int add_source(dg_pg_script *sc, const dg_source *src, const dg_pg_opts *o, dg_schema *s, dg_diags *d)
{
    dg_source_kind k = src->kind == DG_SRC_AUTO ? dg_source_detect(src->path) : src->kind;
    if (k == DG_SRC_SQL_TEXT) {
        dg_pg_file *f = DG_VEC_ADD(&sc->files);
        f->path = dg_schema_intern_file(s, src->path);
        f->text = dg_xstrndup(src->text ? src->text : "", src->len);
        f->len = src->len;
        return split_file(sc, sc->files.len - 1, o, d);
    }
    if (k == DG_SRC_SQL_DIR) return add_dir(sc, s, src->path, o, d);
    if (!strcmp(src->path, "-")) return add_file(sc, s, "/dev/stdin", "<stdin>", o, d);
    if (!dg_is_file(src->path)) {
        dg_error(d, (dg_loc){dg_schema_intern_file(s, src->path), 1, 1}, "no such file or folder");
        return -1;
    }
    return add_file(sc, s, src->path, src->path, o, d);
}

int dg_pg_script_read(dg_pg_script *sc, const dg_sources *src, const dg_pg_opts *o, dg_schema *s, dg_diags *d)
{
    memset(sc, 0, sizeof *sc);
    /* the first use of libpg_query (and libpq, loaded with it) of every PostgreSQL DDL read */
    if (src->items.len && dg_pq_open((dg_loc){dg_schema_intern_file(s, src->items.items[0].path), 0, 0}, d) != 0)
        return -1;
    for (size_t i = 0; i < src->items.len; i++)
        if (add_source(sc, &src->items.items[i], o, s, d) != 0) return -1;
    return 0;
}

void dg_pg_script_free(dg_pg_script *sc)
{
    for (size_t i = 0; i < sc->files.len; i++) {
        free(sc->files.items[i].text);
        dg_pg_lex_free(&sc->files.items[i].lex);
    }
    DG_VEC_FREE(&sc->files);
    for (size_t i = 0; i < sc->stmts.len; i++) json_decref(sc->stmts.items[i].root);
    DG_VEC_FREE(&sc->stmts);
}

void dg_pg_script_hash(const dg_pg_script *sc, char out[17])
{
    static const char hex[] = "0123456789abcdef";
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    for (size_t i = 0; i < sc->files.len; i++) {
        const dg_pg_file *f = &sc->files.items[i];
        sha256_update(&ctx, strlen(f->path) + 1, (const uint8_t *)f->path);
        sha256_update(&ctx, f->len, (const uint8_t *)f->text);
    }
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    for (int i = 0; i < 8; i++) out[2 * i] = hex[digest[i] >> 4], out[2 * i + 1] = hex[digest[i] & 15];
    out[16] = '\0';
}
