/* generate.c - the generate pipeline: options -> model -> view model ->
 * templates -> output files (in memory, or streamed to temporaries). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/query/queries.h"
#include "analysis/query/pg/pgq.h"
#include "analysis/typecheck/typecheck.h"
#include "util/fsutil.h"
#include "driver/generate.h"
#include "driver/pgmig.h"
#include "driver/pgsnap.h"
#include "c/template.h"
#include "c/view_build.h"
#include "c/view_int.h"
#include "driver/view_async.h"
#include "c/view_migrations.h"
#include "c/view_queries.h"
#include "util/memtune.h"

void dg_outputs_free(dg_outputs *o)
{
    if (!o) return;
    for (size_t i = 0; i < o->items.len; i++) {
        if (o->items.items[i].tmp) (void)unlink(o->items.items[i].tmp);   /* gone when moved into place */
        free(o->items.items[i].tmp);
        free(o->items.items[i].path);
        free(o->items.items[i].data);
    }
    DG_VEC_FREE(&o->items);
}

/* Renders template `name` into f: in memory, or with `stream` into its
 * temporary as it renders (a large unit's text is never whole in memory). */
static int render_file(dg_tmpl_set *set, const char *name, const dg_tmpl_view *view, bool stream, dg_output *f,
                       dg_diags *d)
{
    dg_buf b = DG_BUF_INIT;
    FILE *sink = NULL;
    if (stream) {
        f->tmp = dg_tmp_path(f->path);
        if (!(sink = fopen(f->tmp, "wb"))) {
            dg_error(d, (dg_loc){f->path, 0, 0}, "cannot write: %s", strerror(errno));
            free(f->tmp);
            f->tmp = NULL;
            return -1;
        }
    }
    int rc = dg_tmpl_render_view(set, name, view, &b, sink, d);
    if (sink && (ferror(sink) | fclose(sink)) != 0 && rc == 0) {
        dg_error(d, (dg_loc){f->path, 0, 0}, "cannot write: %s", strerror(errno));
        rc = -1;
    }
    if (stream) {
        dg_buf_free(&b);
        return rc;
    }
    f->len = b.len;
    f->data = dg_buf_steal(&b);
    if (!f->data) f->data = dg_xstrdup("");
    return rc;
}

/* One file's render on a second thread: a template set of its own (a set
 * parses its templates when first rendered) and its own diagnostics; the
 * view is only read. */
typedef struct file_job {
    dg_tmpl_set        *set;
    const char         *name;
    const dg_tmpl_view *view;
    bool                stream;
    dg_output          *f;
    dg_diags            d;
    int                 rc;
} file_job;

static void *run_job(void *arg)
{
    dg_memory_tune_thread();
    file_job *j = arg;
    j->rc = render_file(j->set, j->name, j->view, j->stream, j->f, &j->d);
    return NULL;
}

/* Renders the header (`names`[0] into f[0]) on a second thread while this
 * one renders the source (names[1] into f[1]): the two only read the view.
 * The messages are those of rendering one after the other: the header's,
 * then (when it rendered) the source's. */
static int render_pair(dg_tmpl_set *set, const char *const names[2], const dg_tmpl_view *view, bool stream,
                       dg_output *f[2], dg_diags *d)
{
    file_job h = {dg_tmpl_set_copy(set), names[0], view, stream, f[0], DG_DIAGS_INIT, 0};
    pthread_t thread;
    bool started = pthread_create(&thread, NULL, run_job, &h) == 0;
    if (!started) run_job(&h);
    dg_diags sd = DG_DIAGS_INIT;
    int rc = render_file(set, names[1], view, stream, f[1], &sd);
    if (started) pthread_join(thread, NULL);
    dg_diags_move(d, &h.d);
    if (h.rc == 0) dg_diags_move(d, &sd);
    dg_diags_free(&h.d);
    dg_diags_free(&sd);
    dg_tmpl_set_free(h.set);
    return h.rc != 0 ? h.rc : rc;
}

static int render_outputs(const dg_tmpl_view *view, const dg_generate_opts *o, dg_outputs *out, dg_diags *d)
{
    static const char *const files[][2] = {{"header", "h"}, {"source", "c"}};
    static const char *const pg_files[][2] = {{"header_pg", "h"}, {"source_pg", "c"}};
    /* the view model says which templates render it (PostgreSQL's bodies) */
    const char *const(*which)[2] = json_is_true(json_object_get(view->root, "pg")) ? pg_files : files;
    dg_tmpl_set *set = dg_tmpl_set_new();
    dg_tmpl_set_add_builtin(set);
    const char *dir = o->out_dir ? o->out_dir : ".";
    int rc = o->templates ? dg_tmpl_set_load_dir(set, o->templates, d) : 0;
    if (rc == 0 && out->stream && dg_mkdirs(dir) != 0) {
        dg_error(d, (dg_loc){dir, 0, 0}, "cannot create the output folder: %s", strerror(errno));
        rc = -1;
    }
    if (rc == 0) {
        for (size_t i = 0; i < 2; i++)
            DG_VEC_ADD(&out->items)->path = dg_xprintf("%s/%s.%s", dir, o->view.prefix, which[i][1]);
        dg_output *f[2] = {&out->items.items[out->items.len - 2], &out->items.items[out->items.len - 1]};
        const char *const names[2] = {which[0][0], which[1][0]};
        rc = render_pair(set, names, view, out->stream, f, d);
    }
    dg_tmpl_set_free(set);
    if (rc != 0) dg_outputs_free(out);
    return rc;
}

static dg_view_opts view_opts(const dg_generate_opts *o)
{
    dg_view_opts vo = o->view;
    if (!vo.out_dir) vo.out_dir = o->out_dir;
    return vo;
}

/* The whole view model as JSON text, what --dump-view prints. */
static int dump_view(const dg_vtables *tables, const dg_vqueries *vq, const dg_vmigrations *vm, const dg_generate_opts *o,
                     dg_outputs *out)
{
    json_t *root = dg_view_to_json(tables);
    if (vq) dg_vqueries_to_json(vq, root);
    if (o->migrations) dg_vmigrations_to_json(vm, root);
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text) return -1;
    dg_output *f = DG_VEC_ADD(&out->items);
    f->path = dg_xstrdup("-");
    f->data = dg_xprintf("%s\n", text);
    f->len = strlen(f->data);
    free(text);
    return 0;
}

/* Migrations run against the application's database file: a table of an
 * attached in-memory schema (ATTACH ':memory:' AS x) is not in it. */
static int attached_unmigrated(const dg_schema *s, dg_diags *d)
{
    for (size_t i = 0; s->engine == DG_ENGINE_SQLITE && i < s->tables.len; i++)
        if (s->tables.items[i].schema) {
            dg_error(d, s->tables.items[i].loc, "table %s.%s is in an attached in-memory schema: --migrations "
                     "cannot migrate it (generate it without --migrations)", s->tables.items[i].schema,
                     s->tables.items[i].name);
            return -1;
        }
    return 0;
}

/* The templates' view: the root JSON, with the statements', enums',
 * tables', views' and queries' arrays made one element at a time as they
 * render. */
static int render(const dg_vtables *tables, const dg_vqueries *vq, const dg_vmigrations *vm, const dg_generate_opts *o,
                  dg_outputs *out, dg_diags *d)
{
    dg_vtables_lists tl;
    json_t *root = dg_view_to_json_lists(tables, &tl);
    dg_tmpl_list lists[5] = {tl.lists[0], tl.lists[1], tl.lists[2], tl.lists[3]};
    size_t n = 4;
    if (vq) dg_vqueries_to_json_list(vq, root, &lists[n++]);
    if (o->migrations) dg_vmigrations_to_json(vm, root);
    dg_tmpl_view view = {root, lists, n};
    int rc = render_outputs(&view, o, out, d);
    json_decref(root);
    return rc;
}

/* Builds the queries' and migrations' typed view model beside the tables'
 * (`tables`, from dg_view_build_typed; NULL when it failed), then renders
 * it (or dumps it, with o->dump_view); frees tables.  `db` (may be NULL)
 * points to a database holding exactly `s`, or to NULL: it is closed (and
 * set to NULL) once the view model is built, for the render reads nothing
 * else.  `description`: PostgreSQL's description of `s` for --migrations
 * (else NULL: see dg_vmigrations_build). */
static int generate(dg_vtables *tables, const dg_schema *s, sqlite3 **db, const char *description,
                    const dg_query_set *q, const dg_generate_opts *o, dg_outputs *out, dg_diags *d)
{
    if (!tables) return -1;
    dg_vqueries vq = {0};
    dg_vmigrations vm = {0};
    int rc = 0;
    if (q) rc = dg_vqueries_build(&vq, tables, q, s, &o->view, d);
    if (rc == 0 && o->migrations) rc = attached_unmigrated(s, d);
    if (rc == 0 && o->migrations)
        rc = dg_vmigrations_build(&vm, o->migrations, s, db ? *db : NULL, description, &o->view, d);
    if (db) {
        sqlite3_close(*db);
        *db = NULL;
    }
    /* after both: the tables' functions yield */
    if (rc == 0 && q && dg_vqueries_claim_names(&vq, q, tables, d) < 0) rc = -1;
    if (rc == 0)
        rc = o->dump_view ? dump_view(tables, q ? &vq : NULL, &vm, o, out)
                          : render(tables, q ? &vq : NULL, &vm, o, out, d);
    dg_vqueries_free(&vq);
    dg_vmigrations_free(&vm);
    dg_vtables_free(tables);
    return rc;
}

int dg_generate_schema(const dg_schema *s, const dg_strings *inputs, const dg_generate_opts *o,
                       dg_outputs *out, dg_diags *d)
{
    dg_view_opts vo = view_opts(o);
    return generate(dg_view_build_typed(s, inputs, &vo, d), s, NULL, NULL, NULL, o, out, d);
}

static void add_input(dg_strings *in, const char *path, const char *out_dir)
{
    char *rel = dg_relpath(path, out_dir ? out_dir : ".");
    dg_strings_push(in, rel ? rel : path);
    free(rel);
}

/* A schema with no table or view: fine for queries that use none (SELECT 1,
 * CTEs: a note says so), an error when there is nothing to generate. */
static int empty_schema(const dg_generate_opts *o, const dg_schema *s, dg_diags *d)
{
    if (s->tables.len || s->views.len) return 0;
    if (dg_sources_only_empty(o->schema)) return 0;   /* diff --api --from empty: the API of nothing */
    bool queries = o->queries && o->queries->len;
    dg_loc whole = {o->schema->items.len ? o->schema->items.items[0].path : NULL, 1, 1};
    if (!queries) {
        dg_error(d, whole, "the schema is empty: no tables or views");
        return -1;
    }
    dg_note(d, whole, "the schema has no tables or views: only the queries are generated");
    return 0;
}

/* Foreign keys to a missing table (the loader warned and marked them):
 * every write the generated code makes to the child would fail, so they
 * stop generate unless the user allows them (--allow-dangling-fk). */
static int dangling_fks(const dg_generate_opts *o, const dg_schema *s, dg_diags *d)
{
    int rc = 0;
    for (size_t i = 0; !o->allow_dangling_fk && i < s->tables.len; i++) {
        const dg_table *t = &s->tables.items[i];
        for (size_t k = 0; k < t->foreign_keys.len; k++) {
            const dg_foreign_key *fk = &t->foreign_keys.items[k];
            if (!fk->dangling) continue;
            dg_error(d, fk->loc.line ? fk->loc : t->loc,
                     "foreign key of %s references the missing table %s: add it, drop the "
                     "REFERENCES, or pass --allow-dangling-fk", t->name, fk->table);
            rc = -1;
        }
    }
    return rc;
}

/* A database URI as the generated banner names it: no user, password or
 * options (scheme://host/db).  Caller frees. */
static char *uri_shown(const char *uri)
{
    const char *rest = strstr(uri, "://");
    rest = rest ? rest + 3 : uri;
    const char *at = strchr(rest, '@'), *slash = strchr(rest, '/');
    if (at && (!slash || at < slash)) rest = at + 1;
    size_t scheme = (size_t)(strstr(uri, "://") ? strstr(uri, "://") + 3 - uri : 0);
    return dg_xprintf("%.*s%.*s", (int)scheme, uri, (int)strcspn(rest, "?"), rest);
}

/* Whether the run keeps a typing snapshot: its schema is DDL files (not
 * a live database, which is read every run, nor standard input). */
static bool snapshot_applies(const dg_generate_opts *o)
{
    for (size_t i = 0; i < o->schema->items.len; i++) {
        const char *path = o->schema->items.items[i].path;
        if (dg_pg_is_uri(path) || !strcmp(path, "-") || o->schema->items.items[i].kind == DG_SRC_PG_URI) return false;
    }
    return true;
}

static bool snapshot_exists(const dg_generate_opts *o)
{
    char *path = dg_pgsnap_file(o);
    bool yes = access(path, F_OK) == 0;
    free(path);
    return yes;
}

/* The schema loaded on the typing server (or the live database) and the
 * queries typed there, in one session; when `k`, what the snapshot keeps
 * in *t (the model's JSON before the overrides, the typing's warnings). */
static int type_on_server(const dg_generate_opts *o, const dg_pgsnap_key *k, dg_schema **s, dg_pgsnap_typed *t,
                          dg_query_set **q, dg_diags *d)
{
    dg_pg_session *sess = NULL;
    dg_pg_opts none = {0};
    size_t first = d ? d->len : 0;
    if (dg_pg_schema_load_session(o->schema, o->pg ? o->pg : &none, s, &sess, d) != 0) return -1;
    if (k) t->model = dg_schema_snap_dump(*s, &k->map);
    if (k) dg_pgsnap_keep_diags(t, d, first, k);
    t->major = dg_pg_session_server_major(sess);
    int rc = dg_schema_apply_overrides(*s, o->overrides, d);   /* its warnings come again from a snapshot run */
    first = d ? d->len : 0;
    if (rc == 0 && o->queries && o->queries->len)
        rc = dg_pg_queries_load(o->queries, *s, dg_pg_session_conn(sess), q, d);
    if (k) dg_pgsnap_keep_diags(t, d, first, k);
    /* --migrations: what P_schema_check compares with, made on this database
     * (after the typing's diagnostics: the folder's warning is not the snapshot's) */
    if (rc == 0 && o->migrations)
        rc = dg_pgmig_describe(dg_pg_session_conn(sess), snapshot_applies(o) ? o->migrations : NULL,
                               &t->description, d);
    dg_pg_session_close(sess);
    return rc;
}

/* The model and the typed queries: from the typing snapshot when the
 * inputs are those it was made from, else from the server (the snapshot
 * then to be written again: *t).  0, or -1 after reporting. */
static int typed_inputs(const dg_generate_opts *o, const dg_pgsnap_key *key, dg_schema **s, dg_pgsnap_typed *t,
                        dg_query_set **q, dg_diags *d)
{
    bool server = o->pg && o->pg->server;
    dg_pgsnap_state st = DG_PGSNAP_NONE;
    if (key) st = dg_pgsnap_read(key, o->overrides, server, s, t, q, d);
    if (st == DG_PGSNAP_MATCH && o->migrations && !t->description) {
        /* made by a run without --migrations: type again, or say why not */
        dg_schema_free(*s);
        dg_query_set_free(*q);
        dg_pgsnap_typed_free(t);
        *s = NULL;
        *q = NULL;
        if (!server) {
            dg_error(d, (dg_loc){key->file, 1, 1}, "the typing snapshot has no schema description for --migrations "
                     "(it was made without them): pass --pg-server URL|auto (or set DALGEN_PG_SERVER) once to "
                     "make it again");
            return -1;
        }
        st = DG_PGSNAP_STALE;
    }
    if (st == DG_PGSNAP_MATCH) return 0;
    if (st == DG_PGSNAP_ERROR || (!server && st != DG_PGSNAP_NONE)) return -1;
    return type_on_server(o, key, s, t, q, d);
}

/* PostgreSQL: the tables' code and the named queries, typed on the typing
 * database the schema was loaded into (one session for both), or read from
 * the typing snapshot (pgsnap.h), which is written beside the code; with
 * --migrations, P_migrate and P_schema_check, the latter comparing with the
 * typing database's description (pgmig.h), which the snapshot keeps too. */
static int generate_pg(const dg_generate_opts *o, dg_outputs *out, dg_diags *d)
{
    dg_pgsnap_key key;
    /* without a server nor a snapshot, say that a server is needed first */
    bool snap = snapshot_applies(o) && ((o->pg && o->pg->server) || snapshot_exists(o));
    if (snap && dg_pgsnap_key_make(o, &key, d) != 0) return -1;
    dg_schema *s = NULL;
    dg_query_set *q = NULL;
    dg_pgsnap_typed typed = {NULL, NULL, 0, NULL};
    int rc = typed_inputs(o, snap ? &key : NULL, &s, &typed, &q, d);
    if (rc == 0) rc = empty_schema(o, s, d);
    dg_strings inputs = {0};
    for (size_t i = 0; rc == 0 && i < o->schema->items.len; i++) {
        const char *path = o->schema->items.items[i].path;
        if (dg_pg_is_uri(path)) DG_VEC_PUSH(&inputs, uri_shown(path));
        else add_input(&inputs, path, o->out_dir);
    }
    for (size_t i = 0; rc == 0 && o->queries && i < o->queries->len; i++)
        add_input(&inputs, o->queries->items[i], o->out_dir);
    if (rc == 0 && o->migrations) add_input(&inputs, o->migrations, o->out_dir);
    dg_view_opts vo = view_opts(o);
    if (rc == 0)
        rc = generate(dg_view_build_typed(s, &inputs, &vo, d), s, NULL, typed.description, q, o, out, d);
    if (rc == 0 && snap && !o->dump_view) dg_pgsnap_output(&key, &typed, q, s, out);
    dg_pgsnap_typed_free(&typed);
    if (snap) dg_pgsnap_key_free(&key);
    dg_strings_free(&inputs);
    dg_query_set_free(q);
    dg_schema_free(s);
    return rc;
}

int dg_generate(const dg_generate_opts *o, dg_outputs *out, dg_diags *d)
{
    if (o->engine == DG_ENGINE_POSTGRESQL) return generate_pg(o, out, d);
    dg_schema *s = NULL;
    sqlite3 *db = NULL;   /* the loader's database: queries are prepared against it */
    if (dg_schema_load_db(o->schema, &s, &db, d) != 0) return -1;
    if (empty_schema(o, s, d) != 0 || dangling_fks(o, s, d) != 0 ||
        dg_schema_apply_overrides(s, o->overrides, d) != 0) {
        sqlite3_close(db);
        dg_schema_free(s);
        return -1;
    }
    dg_schema_type_warnings(s, d);   /* after the overrides: their types count */
    dg_strings inputs = {0};
    for (size_t i = 0; i < o->schema->items.len; i++) add_input(&inputs, o->schema->items.items[i].path, o->out_dir);
    for (size_t i = 0; o->queries && i < o->queries->len; i++) add_input(&inputs, o->queries->items[i], o->out_dir);
    if (o->migrations) add_input(&inputs, o->migrations, o->out_dir);
    dg_query_set *q = NULL;
    dg_view_opts vo = view_opts(o);
    /* the tables' view model is built on a second thread while the queries
     * are typed (view_async.h) */
    dg_view_async *pending = dg_view_build_start(s, &inputs, &vo);
    int rc = 0;
    if (o->queries && o->queries->len) rc = dg_queries_load(o->queries, s, db, &q, d);
    dg_vtables *tables = dg_view_build_collect(pending, rc == 0, d);
    if (rc == 0) rc = generate(tables, s, &db, NULL, q, o, out, d);
    dg_query_set_free(q);
    dg_strings_free(&inputs);
    sqlite3_close(db);
    dg_schema_free(s);
    return rc;
}
