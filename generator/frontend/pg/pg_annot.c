/* pg_annot.c - annotations on PostgreSQL (pg_int.h; design/postgres.md
 * 3.3): the `@key value` lines of COMMENT ON texts, and the files'
 * `-- @key value` comments placed as the SQLite front end places them: at
 * the end of a column's line or on the lines right above it -> the column;
 * on the statement's first line or the lines right above the statement ->
 * the table (or view).  A server keeps no CREATE text, so the files' ones
 * exist only in files (marked `above`: --no-above-annotations leaves them
 * out); COMMENT ON ones survive in a database.  Also what only files
 * know: the location of the statement that made each object, and the
 * `ALTER TABLE ... RENAME` statements of a migration history. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "frontend/pg/pg_int.h"

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* One "@key value" of text[0, n) into a (loc given); false when not one. */
static bool add_annotation(dg_annotations *a, const char *t, size_t n, dg_loc loc, bool above)
{
    while (n > 0 && blank(*t)) t++, n--;
    while (n > 0 && blank(t[n - 1])) n--;
    if (n < 2 || t[0] != '@') return false;
    size_t k = 1;
    while (k < n && !blank(t[k])) k++;
    size_t v = k;
    while (v < n && blank(t[v])) v++;
    char *key = dg_xstrndup(t + 1, k - 1), *value = dg_xstrndup(t + v, n - v);
    dg_annotations_add(a, key, value, loc);
    a->items[a->len - 1].above = above;
    free(key), free(value);
    return true;
}

void dg_pg_comment_split(const char *comment, dg_annotations *a, char **text)
{
    *text = NULL;
    if (!comment) return;
    dg_buf rest = DG_BUF_INIT;
    for (const char *p = comment; *p;) {
        size_t n = strcspn(p, "\n");
        if (!add_annotation(a, p, n, (dg_loc){NULL, 0, 0}, false)) {
            if (rest.len) dg_buf_putc(&rest, '\n');
            dg_buf_append(&rest, p, n);
        }
        p += n + (p[n] == '\n');
    }
    if (rest.len) *text = dg_buf_steal(&rest);
    dg_buf_free(&rest);
}

/* Line number (0-based) of byte off. */
static int line_of(const dg_pg_file *f, size_t off)
{
    return (int)dg_pg_lex_line(&f->lex, off);
}

/* An element of a CREATE TABLE: a column definition (its name) or a table
 * constraint (name NULL), and where it starts. */
typedef struct coldef {
    const char *name;
    int line;
    size_t off;
} coldef;

/* The elements of a CREATE TABLE, in order; *out is the caller's to free. */
static size_t coldefs(const dg_pg_file *f, const dg_pg_stmt *st, coldef **out)
{
    json_t *elts = json_object_get(st->tree, "tableElts");
    size_t n = 0;
    *out = dg_xcalloc(json_array_size(elts) + 1, sizeof **out);
    for (size_t i = 0; i < json_array_size(elts); i++) {
        json_t *el = json_array_get(elts, i), *cd = json_object_get(el, "ColumnDef");
        json_t *node = cd ? cd : json_object_get(el, "Constraint");
        if (!node) continue;
        size_t off = st->at + (size_t)json_integer_value(json_object_get(node, "location"));
        (*out)[n++] = (coldef){cd ? json_string_value(json_object_get(cd, "colname")) : NULL, line_of(f, off), off};
    }
    return n;
}

/* What precedes `com` on its line, blanks skipped: its first character, or
 * '\0' when the comment starts the line. */
static char line_head(const dg_pg_file *f, size_t com)
{
    size_t a = com;
    while (a > 0 && f->text[a - 1] != '\n') a--;
    while (a < com && blank(f->text[a])) a++;
    return a < com ? f->text[a] : '\0';
}

/* The target of a comment at `com` inside the statement: a column, or NULL
 * for the table (or nothing: a table constraint's).  After code on its
 * line: the element begun last before it (on that line, or on an earlier
 * one when its definition goes on here: a name holding a newline), the
 * table on the statement's first line or after its closing `)`; *none set
 * when that element is a table constraint.  On a line of its own: the next
 * column. */
static const char *inside_target(const dg_pg_file *f, const coldef *cols, size_t n, int line, size_t com,
                                 int first_line, bool *none)
{
    const coldef *before = NULL;
    for (size_t i = 0; i < n && cols[i].off < com; i++) before = &cols[i];
    char head = line_head(f, com);
    if (before && (before->line == line || (head && head != ')' && line != first_line))) {
        *none = !before->name;
        return before->name;
    }
    if (line == first_line || head) return NULL;
    for (size_t i = 0; i < n; i++)
        if (cols[i].off > com && cols[i].name) return cols[i].name;
    return NULL;
}

/* The view a statement's RangeVar names (in its schema when qualified). */
static dg_view *rel_view(const dg_schema *s, json_t *rel)
{
    const char *name = json_string_value(json_object_get(rel, "relname"));
    const char *sch = json_string_value(json_object_get(rel, "schemaname"));
    return name ? dg_schema_view_in(s, sch, name) : NULL;
}

/* The table a CREATE TABLE made, under its name at the end of the script
 * (`final`: made_tables), or NULL. */
static dg_table *made_table(const dg_schema *s, const dg_pg_stmt *st, const char *final)
{
    json_t *rel = json_object_get(st->tree, "relation");
    return final ? dg_schema_table_in(s, json_string_value(json_object_get(rel, "schemaname")), final) : NULL;
}

static dg_annotations *target(dg_schema *s, const dg_pg_stmt *st, const char *final, const char *column)
{
    bool view = !strcmp(st->kind, "ViewStmt");
    if (view) {
        dg_view *v = rel_view(s, json_object_get(st->tree, "view"));
        return v ? &v->annotations : NULL;
    }
    dg_table *t = made_table(s, st, final);
    dg_column *c = t && column ? dg_table_column(t, column) : NULL;
    return c ? &c->annotations : t && !column ? &t->annotations : NULL;
}

static void statement_annotations(const dg_pg_script *sc, const dg_pg_stmt *st, const char *final, dg_schema *s,
                                  dg_diags *d)
{
    const dg_pg_file *f = &sc->files.items[st->file];
    coldef *cols;
    size_t n = coldefs(f, st, &cols);
    int first = line_of(f, st->start);
    for (size_t i = dg_pg_lex_comment_from(&f->lex, st->at); i < f->lex.comments.len; i++) {
        const dg_pg_comment *cm = &f->lex.comments.items[i];
        if (cm->start >= st->end) break;
        if (!cm->line) continue;
        bool none = false;   /* a table constraint's: warned and ignored, as on SQLite */
        const char *col =
            cm->start > st->start ? inside_target(f, cols, n, line_of(f, cm->start), cm->start, first, &none) : NULL;
        dg_annotations *a = none ? NULL : target(s, st, final, col), stray = {0};
        dg_loc at = dg_pg_script_loc(sc, st->file, cm->start);
        if (a) add_annotation(a, f->text + cm->start + 2, cm->end - cm->start - 2, at, true);
        else if (none && add_annotation(&stray, f->text + cm->start + 2, cm->end - cm->start - 2, at, true))
            dg_warning(d, at, "annotation @%s is ignored: it is not on or right above a column", stray.items[0].key);
        dg_annotations_free(&stray);
    }
    free(cols);
}

/* The location of the statement that created a table (and its columns),
 * view, index or trigger: its first token (a column: its definition). */
static void locate(const dg_pg_script *sc, const dg_pg_stmt *st, const char *final, dg_schema *s)
{
    dg_loc at = dg_pg_script_loc(sc, st->file, st->start);
    const char *name;
    if (!strcmp(st->kind, "CreateStmt")) {
        dg_table *t = made_table(s, st, final);
        if (!t || t->loc.line) return;
        t->loc = at;
        coldef *cols;
        size_t n = coldefs(&sc->files.items[st->file], st, &cols);
        for (size_t i = 0; i < n; i++) {
            dg_column *c = cols[i].name ? dg_table_column(t, cols[i].name) : NULL;
            if (c) c->loc = dg_pg_script_loc(sc, st->file, cols[i].off);
        }
        free(cols);
    } else if (!strcmp(st->kind, "ViewStmt")) {
        dg_view *v = rel_view(s, json_object_get(st->tree, "view"));
        if (v && !v->loc.line) v->loc = at;
    } else if (!strcmp(st->kind, "IndexStmt")) {
        name = json_string_value(json_object_get(st->tree, "idxname"));
        dg_index *ix = name ? dg_schema_index(s, name) : NULL;
        if (ix && !ix->loc.line) ix->loc = at;
    } else if (!strcmp(st->kind, "CreateTrigStmt")) {
        name = json_string_value(json_object_get(st->tree, "trigname"));
        for (size_t i = 0; name && i < s->triggers.len; i++)
            if (!strcmp(s->triggers.items[i].name, name) && !s->triggers.items[i].loc.line) s->triggers.items[i].loc = at;
    }
}

static bool is_str(json_t *j, const char *s)
{
    const char *v = json_string_value(j);
    return v && !strcmp(v, s);
}

/* ALTER TABLE t RENAME TO u / RENAME COLUMN a TO b into s->renames (the
 * differ reads them as `@renamed_from` where an item has none: diff_match.c).
 * A table's old name keeps the statement's schema ("s.t"; the new name is
 * in the same schema); column renames follow later renames of their table. */
static void record_rename(const dg_pg_stmt *st, dg_schema *s)
{
    json_t *rel = json_object_get(st->tree, "relation");
    const char *table = json_string_value(json_object_get(rel, "relname"));
    const char *sch = json_string_value(json_object_get(rel, "schemaname"));
    const char *neu = json_string_value(json_object_get(st->tree, "newname"));
    json_t *kind = json_object_get(st->tree, "renameType");
    if (!table || !neu) return;
    if (is_str(kind, "OBJECT_TABLE")) {
        for (size_t k = 0; k < s->renames.len; k++) {
            dg_rename_stmt *r = &s->renames.items[k];
            if (r->table && !strcmp(r->table, table)) free(r->table), r->table = dg_xstrdup(neu);
        }
        dg_rename_stmt *r = DG_VEC_ADD(&s->renames);
        r->old_name = sch ? dg_xprintf("%s.%s", sch, table) : dg_xstrdup(table);
        r->new_name = dg_xstrdup(neu);
    } else if (is_str(kind, "OBJECT_COLUMN") && is_str(json_object_get(st->tree, "relationType"), "OBJECT_TABLE")) {
        const char *old = json_string_value(json_object_get(st->tree, "subname"));
        if (!old) return;
        dg_rename_stmt *r = DG_VEC_ADD(&s->renames);
        r->table = dg_xstrdup(table);
        r->old_name = dg_xstrdup(old);
        r->new_name = dg_xstrdup(neu);
    }
}

/* A CREATE TABLE of the script and the name its table has so far. */
typedef struct made {
    const char *schema, *name;   /* borrowed from the parse trees */
    size_t      stmt;
    bool        live;            /* not dropped by a later CREATE or RENAME onto its name */
} made;
typedef DG_VEC(made) made_vec;

/* The live table `name` of schema `schema` (unqualified: public, the
 * search_path the script runs with), so that users and baz.users are two. */
static made *find_made(made_vec *v, const char *schema, const char *name)
{
    const char *sch = schema ? schema : "public";
    for (size_t i = v->len; i-- > 0;) {
        made *m = &v->items[i];
        if (m->live && !strcmp(m->name, name) && !strcmp(sch, m->schema ? m->schema : "public")) return m;
    }
    return NULL;
}

/* Per statement: for a CREATE TABLE, the name its table has at the end of
 * the script (renamed by ALTER TABLE ... RENAME TO since), or NULL when a
 * later CREATE or RENAME took the name (the table was dropped) or it was an
 * IF NOT EXISTS that did nothing.  So a history's `sessions` renamed away
 * and a new `sessions` are each located (and annotated) at their own CREATE. */
static const char **made_tables(const dg_pg_script *sc)
{
    const char **out = dg_xcalloc(sc->stmts.len + 1, sizeof *out);
    made_vec v = {0};
    for (size_t i = 0; i < sc->stmts.len; i++) {
        const dg_pg_stmt *st = &sc->stmts.items[i];
        bool create = !strcmp(st->kind, "CreateStmt");
        if (!create && !(!strcmp(st->kind, "RenameStmt") && is_str(json_object_get(st->tree, "renameType"), "OBJECT_TABLE")))
            continue;
        json_t *rel = json_object_get(st->tree, "relation");
        const char *sch = json_string_value(json_object_get(rel, "schemaname"));
        const char *name = json_string_value(json_object_get(rel, "relname"));
        made *m = name ? find_made(&v, sch, name) : NULL;
        if (create && name && !(m && json_is_true(json_object_get(st->tree, "if_not_exists")))) {
            if (m) m->live = false;
            made add = {sch, name, i, true};
            DG_VEC_PUSH(&v, add);
        } else if (!create && m) {
            const char *to = json_string_value(json_object_get(st->tree, "newname"));
            made *taken = to ? find_made(&v, sch ? sch : m->schema, to) : NULL;
            if (taken) taken->live = false;
            if (to) m->name = to;
        }
    }
    for (size_t k = 0; k < v.len; k++)
        if (v.items[k].live) out[v.items[k].stmt] = v.items[k].name;
    DG_VEC_FREE(&v);
    return out;
}

void dg_pg_file_annotations(const dg_pg_script *sc, dg_schema *s, dg_diags *d)
{
    const char **final = made_tables(sc);
    for (size_t i = 0; i < sc->stmts.len; i++) {
        const dg_pg_stmt *st = &sc->stmts.items[i];
        locate(sc, st, final[i], s);
        if (!strcmp(st->kind, "RenameStmt")) record_rename(st, s);
        if (!strcmp(st->kind, "CreateStmt") || !strcmp(st->kind, "ViewStmt")) statement_annotations(sc, st, final[i], s, d);
    }
    free((void *)final);
}
