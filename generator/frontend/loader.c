/* The loader's database (with its authorizer), source files and statement
 * records (srcmap.c maps stored CREATE text back to them). */
#include <jansson.h>
#include <string.h>

#include "util/buf.h"
#include "frontend/loader.h"

/* Refuses everything that would reach outside the in-memory database. */
static int authorizer(void *ud, int action, const char *a1, const char *a2, const char *dbn, const char *trg)
{
    dg_loader *L = ud;
    (void)dbn;
    (void)trg;
    switch (action) {
    case SQLITE_ATTACH:   /* a1: the file; only an in-memory schema (sqlc's `ATTACH ':memory:' AS x`) */
        if (a1 && !strcmp(a1, ":memory:")) return SQLITE_OK;
        L->denied = "ATTACH of a file is not allowed in a schema (only ATTACH ':memory:' AS name)";
        return SQLITE_DENY;
    case SQLITE_DETACH:
        L->denied = "DETACH is not allowed in a schema";
        return SQLITE_DENY;
    case SQLITE_PRAGMA:
        if (a1 && (!sqlite3_stricmp(a1, "temp_store_directory") || !sqlite3_stricmp(a1, "data_store_directory"))) {
            L->denied = "this PRAGMA is not allowed in a schema (it touches files)";
            return SQLITE_DENY;
        }
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        if (a2 && (!sqlite3_stricmp(a2, "load_extension") || !sqlite3_stricmp(a2, "readfile") ||
                   !sqlite3_stricmp(a2, "writefile") || !sqlite3_stricmp(a2, "edit"))) {
            L->denied = "loading extensions and file functions are not allowed in a schema";
            return SQLITE_DENY;
        }
        return SQLITE_OK;
    default:
        return SQLITE_OK;
    }
}

int dg_loader_open(dg_loader *L, dg_schema *s, dg_diags *d)
{
    memset(L, 0, sizeof *L);
    L->s = s;
    L->d = d;
    /* one thread at a time uses the database: no per-call mutex */
    if (sqlite3_open_v2(":memory:", &L->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        dg_loc none = {NULL, 0, 0};
        dg_error(d, none, "cannot open an in-memory SQLite database: %s", sqlite3_errmsg(L->db));
        return -1;
    }
    sqlite3_db_config(L->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)NULL);
    sqlite3_db_config(L->db, SQLITE_DBCONFIG_DEFENSIVE, -1, &L->defensive);
    sqlite3_db_config(L->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    L->attached = sqlite3_limit(L->db, SQLITE_LIMIT_ATTACHED, 8);   /* in-memory schemas only (authorizer) */
    sqlite3_set_authorizer(L->db, authorizer, L);
    return 0;
}

int dg_loader_deserialize(dg_loader *L, unsigned char *data, sqlite3_int64 size)
{
    sqlite3 *img = NULL;
    unsigned flags = SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE;
    if (sqlite3_open_v2(":memory:", &img, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
        sqlite3_deserialize(img, "main", data, size, size, flags) != SQLITE_OK) {
        if (!img) sqlite3_free(data);
        sqlite3_close(img);
        return -1;
    }
    sqlite3_backup *b = sqlite3_backup_init(L->db, "main", img, "main");
    int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
    if (b) sqlite3_backup_finish(b);
    sqlite3_close(img);
    return rc == SQLITE_DONE ? 0 : -1;
}

void dg_loader_writable_schema(dg_loader *L, bool on)
{
    sqlite3_db_config(L->db, SQLITE_DBCONFIG_DEFENSIVE, !on, (int *)NULL);
    sqlite3_db_config(L->db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, on, (int *)NULL);
}

static void finalize_cached(dg_loader *L)
{
    for (size_t i = 0; i < L->cached.len; i++) sqlite3_finalize(L->cached.items[i]);
    DG_VEC_FREE(&L->cached);
}

void dg_loader_close(dg_loader *L)
{
    finalize_cached(L);
    sqlite3_close(L->db);
    for (size_t i = 0; i < L->files.len; i++) {
        free(L->files.items[i].text);
        DG_VEC_FREE(&L->files.items[i].lines);
    }
    DG_VEC_FREE(&L->files);
    for (size_t i = 0; i < L->recs.len; i++) {
        free(L->recs.items[i].name);
        free(L->recs.items[i].schema);
        free(L->recs.items[i].column);
        free(L->recs.items[i].new_column);
        dg_annotations_free(&L->recs.items[i].above);
        dg_annotations_free(&L->recs.items[i].trailing);
    }
    DG_VEC_FREE(&L->recs);
    for (size_t i = 0; i < L->headers.len; i++) dg_schema_free(L->headers.items[i]);
    DG_VEC_FREE(&L->headers);
    dg_strings_free(&L->stubs);
    json_decref(L->rec_index);
    memset(L, 0, sizeof *L);
}

/* True when the TEMP schema holds an object (the model has main's only). */
static bool has_temp_objects(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    bool any = sqlite3_prepare_v2(db, "SELECT 1 FROM temp.sqlite_schema", -1, &st, NULL) != SQLITE_OK ||
               sqlite3_step(st) != SQLITE_DONE;
    sqlite3_finalize(st);
    return any;
}

sqlite3 *dg_loader_take_db(dg_loader *L)
{
    finalize_cached(L);
    sqlite3 *db = L->db;
    L->db = NULL;
    if (!db) return NULL;
    if (L->stateful || sqlite3_get_autocommit(db) == 0 || has_temp_objects(db)) {
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_set_authorizer(db, NULL, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, L->defensive, (int *)NULL);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, L->attached);
    for (size_t i = 0; i < L->stubs.len; i++)
        sqlite3_create_function(db, L->stubs.items[i], -1, SQLITE_UTF8, NULL, NULL, NULL, NULL);
    return db;
}

char *dg_one_line(const char *msg)
{
    size_t n = strcspn(msg, "\r\n");
    if (n > 120) n = 120;
    while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80) n--;   /* whole UTF-8 characters */
    return msg[n] ? dg_xprintf("%.*s...", (int)n, msg) : dg_xstrdup(msg);
}

size_t dg_loader_add_file(dg_loader *L, const char *path, char *text, size_t len)
{
    dg_srcfile *f = DG_VEC_ADD(&L->files);
    f->path = dg_schema_intern_file(L->s, path);
    f->text = text;
    f->len = len;
    if (text) {
        DG_VEC_PUSH(&f->lines, (size_t)0);
        for (size_t i = 0; i < len; i++)
            if (text[i] == '\n') DG_VEC_PUSH(&f->lines, i + 1);
    }
    return L->files.len - 1;
}

dg_loc dg_loader_loc(const dg_loader *L, size_t fi, size_t off)
{
    dg_loc loc = {NULL, 0, 0};
    if (fi >= L->files.len || !L->files.items[fi].text) return loc;
    const dg_srcfile *f = &L->files.items[fi];
    if (off > f->len) off = f->len;
    size_t lo = 0, hi = f->lines.len;   /* last line start <= off */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (f->lines.items[mid] <= off) lo = mid;
        else hi = mid;
    }
    dg_loc base = {f->path, (int)lo + 1, 1};
    size_t ls = f->lines.items[lo];
    return dg_loc_at(f->text + ls, off - ls, base);
}

sqlite3_stmt *dg_loader_q(dg_loader *L, const char *sql, const char *arg)
{
    sqlite3_stmt *st = NULL;
    bool known = false;
    for (size_t i = 0; i < L->cached.len && !st; i++) {
        if (strcmp(sqlite3_sql(L->cached.items[i]), sql) != 0) continue;
        known = true;
        if (!sqlite3_stmt_busy(L->cached.items[i])) st = L->cached.items[i];   /* else in use: a second one */
    }
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    } else {
        if (sqlite3_prepare_v2(L->db, sql, -1, &st, NULL) != SQLITE_OK) return NULL;
        if (!known) DG_VEC_PUSH(&L->cached, st);
    }
    if (arg) sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    return st;
}

sqlite3_stmt *dg_loader_q_in(dg_loader *L, const char *sql, const char *arg, const char *schema)
{
    sqlite3_stmt *st = dg_loader_q(L, sql, arg);
    if (st) sqlite3_bind_text(st, 2, schema ? schema : "main", -1, SQLITE_TRANSIENT);
    return st;
}

void dg_loader_q_done(dg_loader *L, sqlite3_stmt *st)
{
    for (size_t i = 0; i < L->cached.len; i++)
        if (L->cached.items[i] == st) {
            sqlite3_reset(st);
            return;
        }
    sqlite3_finalize(st);
}

/* "<kind>:<schema>.<name>" with ASCII letters lowered, as SQLite compares
 * names; the schema is empty for main. Caller frees. */
static char *rec_key(dg_rec_kind kind, const char *schema, const char *name)
{
    if (schema && !dg_strcasecmp_ascii(schema, "main")) schema = NULL;
    char *k = dg_xprintf("%d:%s\x1f%s", (int)kind, schema ? schema : "", name);
    for (char *p = k; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    return k;
}

void dg_loader_index_recs(dg_loader *L)
{
    json_decref(L->rec_index);
    L->rec_index = json_object();
    for (size_t i = 0; i < L->recs.len; i++) {
        const dg_stmt_rec *r = &L->recs.items[i];
        if (!r->name[0] || r->kind > DG_REC_TRIGGER) continue;   /* dropped, or a column's record */
        char *k = rec_key(r->kind, r->schema, r->name);
        json_object_set_new_nocheck(L->rec_index, k, json_integer((json_int_t)i));
        free(k);
    }
}

const dg_stmt_rec *dg_loader_rec(const dg_loader *L, dg_rec_kind kind, const char *name)
{
    return dg_loader_rec_in(L, kind, NULL, name);
}

/* Whether schema names a and b (NULL: main) are the same. */
static bool same_schema(const char *a, const char *b)
{
    if (a && !dg_strcasecmp_ascii(a, "main")) a = NULL;
    if (b && !dg_strcasecmp_ascii(b, "main")) b = NULL;
    return !a || !b ? a == b : !dg_strcasecmp_ascii(a, b);
}

const dg_stmt_rec *dg_loader_rec_in(const dg_loader *L, dg_rec_kind kind, const char *schema, const char *name)
{
    if (L->rec_index) {
        char *k = rec_key(kind, schema, name);
        json_t *at = json_object_get(L->rec_index, k);
        free(k);
        return at ? &L->recs.items[json_integer_value(at)] : NULL;
    }
    for (size_t i = L->recs.len; i-- > 0;) {
        const dg_stmt_rec *r = &L->recs.items[i];
        if (r->kind == kind && same_schema(r->schema, schema) && !dg_strcasecmp_ascii(r->name, name)) return r;
    }
    return NULL;
}

const dg_stmt_rec *dg_loader_add_column_rec(const dg_loader *L, const char *table, const char *column)
{
    if (!L->add_columns) return NULL;   /* asked for every column: skip the scan when it cannot match */
    for (size_t i = L->recs.len; i-- > 0;) {
        const dg_stmt_rec *r = &L->recs.items[i];
        if (r->kind == DG_REC_ADD_COLUMN && !dg_strcasecmp_ascii(r->name, table) &&
            !dg_strcasecmp_ascii(r->column, column))
            return r;
    }
    return NULL;
}
