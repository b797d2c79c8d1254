/* pgsnap.c - pgsnap.h: the key of a run's inputs, the snapshot file read
 * (parse -> format -> content hash -> key -> model -> queries) and
 * written. */
#include "driver/pgsnap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/query/pg/pgq.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/sha256hex.h"

/* ---- the key ---- */

char *dg_pgsnap_file(const dg_generate_opts *o)
{
    return dg_xprintf("%s/%s.pgtypes.json", o->out_dir ? o->out_dir : ".", o->view.prefix);
}

static dg_pgsnap_input *add_input(dg_pgsnap_key *k, const char *kind, const char *path, const char *out_dir,
                                  const char *sha256)
{
    dg_pgsnap_input *in = DG_VEC_ADD(&k->inputs);
    in->kind = dg_xstrdup(kind);
    in->path = dg_xstrdup(path);
    in->name = path ? dg_relpath(path, out_dir) : dg_xstrdup("overrides");
    if (!in->name) in->name = dg_xstrdup(path);
    memcpy(in->sha256, sha256, sizeof in->sha256);
    return in;
}

static int add_query_file(dg_pgsnap_key *k, const char *path, const char *out_dir, dg_diags *d)
{
    char *text = NULL, hex[65];
    size_t len = 0;
    if (dg_read_file(path, &text, &len) != 0) {
        dg_error(d, (dg_loc){path, 0, 0}, "cannot read file: %s", strerror(errno));
        return -1;
    }
    dg_sha256_hex(text, len, hex);
    free(text);
    add_input(k, "queries", path, out_dir, hex);
    return 0;
}

/* Every query file, as the query reader takes them (a folder: its *.sql
 * in name order). */
static int add_queries(dg_pgsnap_key *k, const dg_strings *paths, const char *out_dir, dg_diags *d)
{
    int rc = 0;
    for (size_t i = 0; paths && i < paths->len && rc == 0; i++) {
        const char *p = paths->items[i];
        if (!dg_is_dir(p)) {
            rc = add_query_file(k, p, out_dir, d);
            continue;
        }
        char **names = NULL;
        size_t n = 0;
        if (dg_list_dir(p, ".sql", &names, &n) != 0) {
            dg_error(d, (dg_loc){p, 0, 0}, "cannot list the folder");
            return -1;
        }
        for (size_t j = 0; j < n && rc == 0; j++) rc = add_query_file(k, names[j], out_dir, d);
        dg_free_strings(names, n);
    }
    return rc;
}

/* The overrides (and --allow-do) as one text: what the model and the
 * queries' types depend on besides the files. */
static void add_config(dg_pgsnap_key *k, const dg_generate_opts *o)
{
    const dg_overrides *v = o->overrides;
    bool allow_do = o->pg && o->pg->allow_do;
    if ((!v || !v->len) && !allow_do) return;
    dg_buf b = DG_BUF_INIT;
    dg_buf_printf(&b, "allow_do=%d\n", allow_do);
    for (size_t i = 0; v && i < v->len; i++) {
        const dg_override *x = &v->items[i];
        dg_buf_printf(&b, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d\n", x->column ? x->column : "", x->db_type ? x->db_type : "",
                      x->c_type ? x->c_type : "", x->read ? x->read : "", x->name ? x->name : "", x->nullable);
    }
    char hex[65];
    dg_sha256_hex(b.data ? b.data : "", b.len, hex);
    dg_buf_free(&b);
    add_input(k, "config", NULL, o->out_dir, hex);
}

static void key_hash(dg_pgsnap_key *k)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_printf(&b, "dalgen_pgtypes %d\n", DG_PGSNAP_FORMAT);
    for (size_t i = 0; i < k->inputs.len; i++) {
        const dg_pgsnap_input *in = &k->inputs.items[i];
        dg_buf_printf(&b, "%s %s %s\n", in->kind, in->sha256, in->name);
    }
    dg_sha256_hex(b.data, b.len, k->sha256);
    dg_buf_free(&b);
}

int dg_pgsnap_key_make(const dg_generate_opts *o, dg_pgsnap_key *k, dg_diags *d)
{
    memset(k, 0, sizeof *k);
    const char *out_dir = o->out_dir ? o->out_dir : ".";
    dg_strings paths = {0}, sums = {0};
    dg_pg_opts none = {0};
    int rc = dg_pg_schema_files(o->schema, o->pg ? o->pg : &none, &paths, &sums, d);
    for (size_t i = 0; rc == 0 && i < paths.len; i++) add_input(k, "schema", paths.items[i], out_dir, sums.items[i]);
    dg_strings_free(&paths);
    dg_strings_free(&sums);
    if (rc == 0) rc = add_queries(k, o->queries, out_dir, d);
    if (rc != 0) {
        dg_pgsnap_key_free(k);
        return -1;
    }
    add_config(k, o);
    key_hash(k);
    k->file = dg_pgsnap_file(o);
    k->paths = dg_xcalloc(k->inputs.len + 1, sizeof *k->paths);
    k->names = dg_xcalloc(k->inputs.len + 1, sizeof *k->names);
    for (size_t i = 0; i < k->inputs.len; i++) {
        if (!k->inputs.items[i].path) continue;
        k->paths[k->map.n] = k->inputs.items[i].path;
        k->names[k->map.n++] = k->inputs.items[i].name;
    }
    k->map.path = k->paths;
    k->map.name = k->names;
    return 0;
}

void dg_pgsnap_key_free(dg_pgsnap_key *k)
{
    for (size_t i = 0; i < k->inputs.len; i++) {
        free(k->inputs.items[i].kind);
        free(k->inputs.items[i].path);
        free(k->inputs.items[i].name);
    }
    DG_VEC_FREE(&k->inputs);
    free(k->file);
    free(k->paths);
    free(k->names);
    memset(k, 0, sizeof *k);
}

/* ---- writing ---- */

static json_t *inputs_json(const dg_pgsnap_key *k)
{
    json_t *a = json_array();
    for (size_t i = 0; i < k->inputs.len; i++) {
        const dg_pgsnap_input *in = &k->inputs.items[i];
        json_array_append_new(a, json_pack("{s:s,s:s,s:s}", "kind", in->kind, "name", in->name, "sha256", in->sha256));
    }
    return a;
}

/* The SHA-256 of the compact JSON of `doc` (without content_sha256). */
static void content_hash(json_t *doc, char out[65])
{
    char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    dg_sha256_hex(text ? text : "", text ? strlen(text) : 0, out);
    free(text);
}

void dg_pgsnap_typed_free(dg_pgsnap_typed *t)
{
    json_decref(t->model);
    json_decref(t->diags);
    free(t->description);
    t->model = t->diags = NULL;
    t->description = NULL;
}

void dg_pgsnap_keep_diags(dg_pgsnap_typed *t, const dg_diags *d, size_t first, const dg_pgsnap_key *k)
{
    for (size_t i = first; d && i < d->len; i++) {
        const dg_diag *g = &d->items[i];
        if (g->severity == DG_SEV_ERROR) continue;
        json_t *o = json_object();
        json_object_set_new(o, "severity", json_string(g->severity == DG_SEV_WARNING ? "warning" : "note"));
        dg_jw_str(o, "file", g->loc.file ? dg_snap_name_of(&k->map, g->loc.file) : NULL);
        dg_jw_int(o, "line", g->loc.line, 0);
        dg_jw_int(o, "col", g->loc.col, 0);
        dg_jw_str(o, "code", g->code);
        dg_jw_str(o, "message", g->message);
        if (!t->diags) t->diags = json_array();
        json_array_append_new(t->diags, o);
    }
}

void dg_pgsnap_output(const dg_pgsnap_key *k, const dg_pgsnap_typed *t, const dg_query_set *q, const dg_schema *s,
                      dg_outputs *out)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "dalgen_pgtypes", json_integer(DG_PGSNAP_FORMAT));
    json_object_set_new(doc, "inputs_sha256", json_string(k->sha256));
    json_object_set_new(doc, "inputs", inputs_json(k));
    json_object_set_new(doc, "server_major", json_integer(t->major));
    if (t->diags) json_object_set(doc, "diagnostics", t->diags);
    json_object_set(doc, "model", t->model);
    if (q) json_object_set_new(doc, "queries", dg_pg_queries_snap_dump(q, s, &k->map));
    if (t->description) json_object_set_new(doc, "schema_description", json_string(t->description));
    char hex[65];
    content_hash(doc, hex);
    json_object_set_new(doc, "content_sha256", json_string(hex));
    char *text = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    dg_output *f = DG_VEC_ADD(&out->items);
    f->path = dg_xstrdup(k->file);
    f->data = dg_xprintf("%s\n", text ? text : "{}");
    f->len = strlen(f->data);
    free(text);
}

/* ---- reading ---- */

static dg_loc whole(const char *path)
{
    return (dg_loc){path, 1, 1};
}

static dg_pgsnap_state corrupt(const dg_pgsnap_key *k, bool server, dg_loc at, const char *what, dg_diags *d)
{
    if (server)
        dg_warning(d, at, "damaged typing snapshot (%s): typing again on the server and replacing it", what);
    else
        dg_error(d, at, "damaged typing snapshot (%s); delete %s and run with --pg-server URL|auto (or set "
                 "DALGEN_PG_SERVER) to type the inputs again", what, k->file);
    return DG_PGSNAP_CORRUPT;
}

static const dg_pgsnap_input *key_input(const dg_pgsnap_key *k, const char *kind, const char *name)
{
    for (size_t i = 0; i < k->inputs.len; i++)
        if (!strcmp(k->inputs.items[i].kind, kind) && !strcmp(k->inputs.items[i].name, name))
            return &k->inputs.items[i];
    return NULL;
}

static json_t *snap_input(json_t *inputs, const char *kind, const char *name)
{
    for (size_t i = 0; i < json_array_size(inputs); i++) {
        json_t *in = json_array_get(inputs, i);
        const char *ki = json_string_value(json_object_get(in, "kind")), *n = json_string_value(json_object_get(in, "name"));
        if (ki && n && !strcmp(ki, kind) && !strcmp(n, name)) return in;
    }
    return NULL;
}

/* Where a changed input is reported: the file itself, the config's first
 * override. */
static dg_loc input_loc(const dg_pgsnap_input *in, const dg_overrides *ov, const char *file)
{
    if (in->path) return whole(in->path);
    if (ov && ov->len && ov->items[0].loc.file) return ov->items[0].loc;
    return whole(file);
}

/* Reports every difference between the key and the snapshot's inputs. */
static void report_stale(const dg_pgsnap_key *k, json_t *doc, const dg_overrides *ov, dg_diags *d)
{
    json_t *inputs = json_object_get(doc, "inputs");
    for (size_t i = 0; i < k->inputs.len; i++) {
        const dg_pgsnap_input *in = &k->inputs.items[i];
        json_t *was = snap_input(inputs, in->kind, in->name);
        const char *sha = json_string_value(json_object_get(was, "sha256"));
        const char *what = in->path ? "this file" : "the config's overrides";
        if (!was)
            dg_error(d, input_loc(in, ov, k->file), "%s is not in the typing snapshot %s (a new input)", what, k->file);
        else if (!sha || strcmp(sha, in->sha256))
            dg_error(d, input_loc(in, ov, k->file), "%s changed since the typing snapshot %s was made", what, k->file);
    }
    for (size_t i = 0; i < json_array_size(inputs); i++) {
        json_t *was = json_array_get(inputs, i);
        const char *ki = json_string_value(json_object_get(was, "kind")), *n = json_string_value(json_object_get(was, "name"));
        if (ki && n && !key_input(k, ki, n))
            dg_error(d, whole(k->file), "the typing snapshot was made with %s input %s, which is no longer one", ki, n);
    }
}

/* Parses the file: NULL when it does not exist or after reporting. */
static json_t *parse(const dg_pgsnap_key *k, bool server, dg_pgsnap_state *st, dg_diags *d)
{
    char *text = NULL;
    size_t len = 0;
    *st = DG_PGSNAP_NONE;
    if (dg_read_file(k->file, &text, &len) != 0) {
        if (errno != ENOENT) *st = corrupt(k, server, whole(k->file), strerror(errno), d);
        return NULL;
    }
    json_error_t e;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
    free(text);
    if (!doc || !json_is_object(doc)) {
        dg_loc at = {k->file, doc ? 1 : (e.line > 0 ? e.line : 1), doc ? 1 : (e.column > 0 ? e.column : 1)};
        *st = corrupt(k, server, at, doc ? "not a JSON object" : e.text, d);
        json_decref(doc);
        return NULL;
    }
    return doc;
}

/* The content hash holds: the file is as dalgen wrote it. */
static bool content_ok(json_t *doc)
{
    const char *want = json_string_value(json_object_get(doc, "content_sha256"));
    if (!want) return false;
    json_t *body = json_deep_copy(doc);
    json_object_del(body, "content_sha256");
    char hex[65];
    content_hash(body, hex);
    json_decref(body);
    return !strcmp(hex, want);
}

/* model and queries out of doc (the overrides applied in between): 0;
 * -1 after the overrides reported an error; -2 when the body is damaged
 * (*what set, caller frees). */
/* The diagnostics of the typing, checked, then (when whole) replayed. */
static json_t *load_diags(const dg_pgsnap_key *k, json_t *doc, dg_jr *r, dg_diags *d)
{
    static const char *const sevs[] = {"warning", "note"};
    json_t *a = dg_jr_arr(r, doc, "diagnostics");
    for (size_t i = 0; i < json_array_size(a) && !r->err; i++) {
        json_t *o = dg_jr_obj(r, a, i);
        size_t m = dg_jr_enter(r, "diagnostics", (long)i);
        dg_jr_enum(r, o, "severity", sevs, 2, 0);
        free(dg_jr_str(r, o, "file", false));
        dg_jr_int(r, o, "line", 0, 0, 1 << 30);
        dg_jr_int(r, o, "col", 0, 0, 1 << 30);
        free(dg_jr_str(r, o, "code", false));
        free(dg_jr_str(r, o, "message", true));
        dg_jr_leave(r, m);
    }
    for (size_t i = 0; i < json_array_size(a) && !r->err; i++) {
        json_t *o = json_array_get(a, i);
        const char *file = json_string_value(json_object_get(o, "file"));
        dg_loc at = {file ? dg_snap_path_of(&k->map, file) : NULL, (int)json_integer_value(json_object_get(o, "line")),
                     (int)json_integer_value(json_object_get(o, "col"))};
        const char *msg = json_string_value(json_object_get(o, "message"));
        const char *sev = json_string_value(json_object_get(o, "severity"));
        if (sev && !strcmp(sev, "warning")) dg_warning(d, at, "%s", msg);
        else dg_note(d, at, "%s", msg);
    }
    return a && !r->err ? json_incref(a) : NULL;
}

static int load_body(const dg_pgsnap_key *k, json_t *doc, const dg_overrides *ov, dg_schema **s, dg_pgsnap_typed *t,
                     dg_query_set **q, char **what, dg_diags *d)
{
    dg_jr r = {.plen = 0};
    size_t m = dg_jr_enter(&r, "model", -1);
    json_t *model = json_object_get(doc, "model");
    *s = model ? dg_schema_snap_load(model, &k->map, &r) : NULL;
    if (!model) dg_jr_fail(&r, "missing");
    dg_jr_leave(&r, m);
    if (*s) t->model = dg_schema_snap_dump(*s, &k->map);
    if (*s && dg_schema_apply_overrides(*s, ov, d) != 0) {
        dg_jr_free(&r);
        return -1;
    }
    json_t *queries = json_object_get(doc, "queries");
    bool want = false;
    for (size_t i = 0; i < k->inputs.len; i++) want |= !strcmp(k->inputs.items[i].kind, "queries");
    if (*s && (queries || want)) {
        m = dg_jr_enter(&r, "queries", -1);
        *q = queries ? dg_pg_queries_snap_load(queries, *s, &k->map, &r) : NULL;
        if (!queries) dg_jr_fail(&r, "missing");
        dg_jr_leave(&r, m);
    }
    if (!r.err) t->diags = load_diags(k, doc, &r, d);
    if (!r.err) t->description = dg_jr_str(&r, doc, "schema_description", false);
    *what = r.err;
    return r.err ? -2 : 0;
}

static void stale_hint(const dg_pgsnap_key *k, dg_diags *d)
{
    dg_error(d, whole(k->file),
             "the typing snapshot is stale and no typing server is given: pass --pg-server URL|auto (or set "
             "DALGEN_PG_SERVER) to type the inputs again");
}

/* The file's format, content and key: DG_PGSNAP_MATCH when it may be
 * loaded, else reported. */
static dg_pgsnap_state check_doc(const dg_pgsnap_key *k, json_t *doc, const dg_overrides *ov, bool server, dg_diags *d)
{
    json_t *fj = json_object_get(doc, "dalgen_pgtypes");
    json_int_t format = json_integer_value(fj);
    const char *key = json_string_value(json_object_get(doc, "inputs_sha256"));
    if (!json_is_integer(fj) || format <= 0 || !key)
        return corrupt(k, server, whole(k->file), "no dalgen_pgtypes format or no inputs_sha256", d);
    if (format != DG_PGSNAP_FORMAT) {
        if (server) return DG_PGSNAP_STALE;
        dg_error(d, whole(k->file), "the typing snapshot is of format %lld; this dalgen reads format %d",
                 (long long)format, DG_PGSNAP_FORMAT);
        stale_hint(k, d);
        return DG_PGSNAP_STALE;
    }
    if (!content_ok(doc))
        return corrupt(k, server, whole(k->file), "its content does not match its content_sha256", d);
    if (strcmp(key, k->sha256) != 0) {
        if (!server) report_stale(k, doc, ov, d), stale_hint(k, d);
        return DG_PGSNAP_STALE;
    }
    return DG_PGSNAP_MATCH;
}

dg_pgsnap_state dg_pgsnap_read(const dg_pgsnap_key *k, const dg_overrides *overrides, bool server, dg_schema **s,
                               dg_pgsnap_typed *t, dg_query_set **q, dg_diags *d)
{
    *s = NULL;
    *q = NULL;
    memset(t, 0, sizeof *t);
    dg_pgsnap_state st;
    json_t *doc = parse(k, server, &st, d);
    if (!doc) return st;
    st = check_doc(k, doc, overrides, server, d);
    char *what = NULL;
    int rc = st == DG_PGSNAP_MATCH ? load_body(k, doc, overrides, s, t, q, &what, d) : 0;
    t->major = (int)json_integer_value(json_object_get(doc, "server_major"));
    json_decref(doc);
    if (st == DG_PGSNAP_MATCH && rc != 0) {
        dg_schema_free(*s);
        dg_query_set_free(*q);
        dg_pgsnap_typed_free(t);
        *s = NULL;
        *q = NULL;
        st = rc == -2 ? corrupt(k, server, whole(k->file), what, d) : DG_PGSNAP_ERROR;
    }
    free(what);
    return st;
}
