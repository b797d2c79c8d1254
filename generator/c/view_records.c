/* view_records.c - record conveniences in the view model: generated ids,
 * automatic timestamps, optimistic concurrency (version) and partial
 * updates (patch).  See docs/generate.md, "Record conveniences". */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "c/template.h"
#include "c/view_json.h"
#include "c/view_tab.h"

static void set_own(json_t *o, const char *key, char *value)
{
    dg_jset_own(o, key, value);
}

static void add_line(json_t *arr, char *stmt)
{
    json_array_append_new(arr, dg_jobj1("stmt", stmt));
    free(stmt);
}

/* ---- which columns ----------------------------------------------------- */

static const char *ts_kind(const dg_tab *x, const dg_column *c)
{
    const char *a = dg_annotation_get(&c->annotations, "timestamp");
    if (a) return a;
    if (!x->v->opts->timestamps) return NULL;
    if (!dg_strcasecmp_ascii(c->name, "created_at")) return "created";
    if (!dg_strcasecmp_ascii(c->name, "updated_at")) return "updated";
    return NULL;
}

/* "uuidv7", "nanoid", "nanoid(12)"; false for anything else. */
static bool parse_id(const char *a, dg_records *r)
{
    if (!strcmp(a, "uuidv7")) return true;
    if (strncmp(a, "nanoid", 6) != 0) return false;
    r->id_nanoid = true;
    r->id_len = 21;
    if (!a[6]) return true;
    char *end;
    long n = a[6] == '(' && isdigit((unsigned char)a[7]) ? strtol(a + 7, &end, 10) : 0;
    if (n < 1 || n > 255 || strcmp(end, ")") != 0) return false;
    r->id_len = (int)n;
    return true;
}

void dg_records_find(dg_tab *x)
{
    dg_records *r = &x->rec;
    r->id = r->created = r->updated = r->version = -1;
    dg_jset(x->tv, "version", json_false());
    if (!x->t || x->virt || x->is_view) return;
    for (size_t i = 0; i < x->f.len; i++) {
        const dg_cbind *f = &x->f.items[i];
        const dg_column *c = dg_table_column(x->t, f->column);
        /* dalgen fills int64_t and const char * fields; a user's field of
         * another C type (conv) is left to the user */
        if (!c || f->readonly || f->conv.kind != DG_CCONV_NONE) continue;
        const char *id = dg_annotation_get(&c->annotations, "id");
        if (id && f->pk && x->pk.len == 1 && f->kind == DG_CK_TEXT && parse_id(id, r)) r->id = (int)i;
        const char *ts = ts_kind(x, c);
        bool ts_ok = !f->pk && (f->kind == DG_CK_TEXT || f->kind == DG_CK_INT64);
        if (ts && ts_ok && !strcmp(ts, "created")) r->created = (int)i;
        if (ts && ts_ok && !strcmp(ts, "updated")) r->updated = (int)i;
        if (dg_annotation_get(&c->annotations, "version") && f->kind == DG_CK_INT64 && !f->pk) r->version = (int)i;
    }
    dg_jset(x->tv, "version", json_boolean(r->version >= 0));
    dg_buf b = DG_BUF_INIT;
    if (r->id >= 0)
        dg_buf_printf(&b, "%s (%s when NULL)", x->f.items[r->id].name, r->id_nanoid ? "a nanoid" : "a UUIDv7");
    if (r->created >= 0) dg_buf_printf(&b, "%s%s (now)", b.len ? ", " : "", x->f.items[r->created].name);
    if (r->updated >= 0) dg_buf_printf(&b, "%s%s (now)", b.len ? ", " : "", x->f.items[r->updated].name);
    if (r->version >= 0) dg_buf_printf(&b, "%s%s (1 unless > 0)", b.len ? ", " : "", x->f.items[r->version].name);
    if (b.len) set_own(x->tv, "fills", dg_buf_steal(&b));
    dg_buf_free(&b);
}

/* The annotation `key` of c, or NULL. */
static const dg_annotation *annotation(const dg_column *c, const char *key)
{
    for (size_t i = 0; i < c->annotations.len; i++)
        if (!strcmp(c->annotations.items[i].key, key)) return &c->annotations.items[i];
    return NULL;
}

int dg_records_check(const dg_table *t, dg_diags *d)
{
    int bad = 0;
    for (size_t i = 0; i < t->columns.len && !t->module; i++) {
        const dg_column *c = &t->columns.items[i];
        dg_ckind k = dg_ckind_of_column(t, c);
        const dg_annotation *a = annotation(c, "id");
        dg_records r = {0};
        if (a && !parse_id(a->value, &r))
            bad++, dg_error(d, a->loc, "@id %s: expected uuidv7, nanoid or nanoid(<1-255>)", a->value);
        else if (a && (k != DG_CK_TEXT || c->pk == 0 || dg_table_pk_count(t) != 1))
            bad++, dg_error(d, a->loc, "@id on %s.%s: only a TEXT primary key of one column gets generated ids",
                            t->name, c->name);
        if ((a = annotation(c, "timestamp")) && strcmp(a->value, "created") != 0 && strcmp(a->value, "updated") != 0)
            bad++, dg_error(d, a->loc, "@timestamp %s: expected created or updated", a->value);
        else if (a && ((k != DG_CK_TEXT && k != DG_CK_INT64) || c->pk || c->generated))
            bad++, dg_error(d, a->loc, "@timestamp on %s.%s: only a TEXT or INTEGER non-key column can be a timestamp",
                            t->name, c->name);
        if ((a = annotation(c, "version")) && (k != DG_CK_INT64 || c->pk || c->generated))
            bad++, dg_error(d, a->loc, "@version on %s.%s: only an INTEGER non-key column can be a version", t->name,
                            c->name);
    }
    return bad ? -1 : 0;
}

bool dg_records_auto(const dg_tab *x, int i)
{
    return i >= 0 && (i == x->rec.created || i == x->rec.updated || i == x->rec.version);
}

/* ---- filling generated values ------------------------------------------ */

/* Sets the timestamp fields `which` (indexes, -1 skipped) of src to now. */
static void prepare_times(dg_tab *x, json_t *prep, const char *fn, const char *src, const int *which, int n)
{
    bool any = false, text = false;
    for (int k = 0; k < n; k++) {
        if (which[k] < 0) continue;
        any = true;
        text = text || x->f.items[which[k]].kind == DG_CK_TEXT;
    }
    if (!any) return;
    add_line(prep, dg_xstrdup("int64_t now__ = dal_now_ms(db);"));
    if (text) {
        add_line(prep, dg_xstrdup("char now_text__[DAL_ISO8601_SIZE];"));
        add_line(prep, dg_xstrdup("dal_iso8601_format(now__, now_text__);"));
        add_line(prep, dg_xprintf("if (!arena) return dal_error_set(db, DAL_MISUSE, 0, \"%s: timestamps need an arena\");",
                                  fn));
    }
    for (int k = 0; k < n; k++) {
        if (which[k] < 0) continue;
        const dg_cbind *f = &x->f.items[which[k]];
        if (f->kind == DG_CK_TEXT) {
            add_line(prep, dg_xprintf("if (!(%s%s = dal_arena_strdup(arena, now_text__)))", src, f->name));
            add_line(prep, dg_xstrdup("    return dal_error_set(db, DAL_ERROR, 0, \"out of memory\");"));
        } else {
            add_line(prep, dg_xprintf("%s%s = now__;", src, f->name));
        }
        if (f->has) add_line(prep, dg_xprintf("%s%s = true;", src, f->has));
    }
    if (!text) add_line(prep, dg_xstrdup("(void)now__;"));
}

void dg_records_prepare(dg_tab *x, json_t *fn, bool insert)
{
    const dg_records *r = &x->rec;
    const char *name = json_string_value(json_object_get(fn, "fn"));
    json_t *prep = json_array(), *after = json_array();
    if (insert && r->id >= 0) {
        const char *id = x->f.items[r->id].name;
        if (r->id_nanoid)
            add_line(prep, dg_xprintf("if (!row->%s && (rc = dal_nanoid(db, %d, arena, &row->%s)) != DAL_OK) return rc;",
                                      id, r->id_len, id));
        else
            add_line(prep, dg_xprintf("if (!row->%s && (rc = dal_uuid7(db, arena, &row->%s)) != DAL_OK) return rc;", id,
                                      id));
    }
    int times[2] = {insert ? r->created : -1, r->updated};
    prepare_times(x, prep, name, "row->", times, 2);
    if (r->version >= 0) {
        const dg_cbind *v = &x->f.items[r->version];
        if (insert && v->has)
            add_line(prep, dg_xprintf("if (!row->%s || row->%s <= 0) row->%s = 1;\n    row->%s = true;", v->has,
                                      v->name, v->name, v->has));
        else if (insert)
            add_line(prep, dg_xprintf("if (row->%s <= 0) row->%s = 1;", v->name, v->name));
        else
            add_line(after, dg_xprintf("row->%s++;", v->name));
    }
    dg_jset(fn, "prepare", prep);
    dg_jset(fn, "after", after);
}

/* ---- NOTFOUND or CONFLICT ---------------------------------------------- */

char *dg_records_version_bind(dg_tab *x, const char *idx, const char *src)
{
    dg_cbind f = x->f.items[x->rec.version];
    f.has = NULL;   /* the version read is a value, whatever has_ says */
    return dg_cbind_bind_at(&f, idx, src, "st", false);
}

/* The static helper telling a missing row from a changed one (once per
 * table); returns its name. */
static const char *missing_fn(dg_tab *x)
{
    json_t *m = json_object_get(x->tv, "missing_fn");
    if (m) return json_string_value(json_object_get(m, "fn"));
    char *w = dg_tab_where_eq(x, &x->pk);
    m = dg_tab_func(x, "exists", dg_xprintf("SELECT 1\nFROM %s\nWHERE %s", x->qtable, w));
    free(w);
    set_own(m, "fn", dg_xprintf("%s__%s_missing", x->v->opts->prefix, x->row));
    set_own(m, "params", dg_tab_params(x, &x->pk));
    set_own(m, "conflict_msg", dg_xprintf("%s: the row changed since it was read (version)", x->name));
    json_t *binds = json_object_get(m, "binds");
    for (size_t i = 0; i < x->pk.len; i++)
        dg_tab_add_bind(binds, dg_cbind_bind(&x->f.items[x->pk.items[i]], (int)i + 1, "", "st", false));
    dg_jset(x->tv, "missing_fn", m);
    return json_string_value(json_object_get(m, "fn"));
}

static char *missing_call(dg_tab *x, const char *found_rc, const char *src)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_printf(&b, "%s(db, %s", missing_fn(x), found_rc);
    for (size_t i = 0; i < x->pk.len; i++) dg_buf_printf(&b, ", %s%s", src, x->f.items[x->pk.items[i]].name);
    dg_buf_puts(&b, ")");
    return dg_buf_steal(&b);
}

void dg_records_missing(dg_tab *x, json_t *fn, const char *src)
{
    if (x->rec.version < 0) dg_jset(fn, "missing", dg_jstr("DAL_NOTFOUND"));
    else set_own(fn, "missing", missing_call(x, "DAL_CONFLICT", src));
}

/* ---- patch ------------------------------------------------------------- */

/* "row->set_a && row->set_b" for the columns a rule's condition reads
 * (`cols`, in order of appearance; sets[i]: field i's set_ flag, NULL when
 * the patch cannot set it); NULL when it reads one the patch cannot set
 * (the database checks those) or none. */
static char *rule_guard(const dg_tab *x, const char *const *sets, const dg_ints *cols)
{
    dg_buf b = DG_BUF_INIT;
    const char **seen = dg_xcalloc(cols->len + 1, sizeof *seen);
    size_t nseen = 0;
    for (size_t k = 0; k < cols->len; k++) {
        int fi = dg_vtable_field(x->vt, x->t->columns.items[cols->items[k]].name);
        const char *set = fi >= 0 ? sets[fi] : NULL;
        if (!set) {
            dg_buf_free(&b);
            free(seen);
            return NULL;
        }
        bool dup = false;
        for (size_t s = 0; s < nseen && !dup; s++) dup = !strcmp(seen[s], set);
        if (dup) continue;
        seen[nseen++] = set;
        dg_buf_cat(&b, b.len ? " && " : "", "row->", set, (char *)NULL);
    }
    free(seen);
    return b.len ? dg_buf_steal(&b) : (dg_buf_free(&b), NULL);
}

static void free_flags(const dg_tab *x, char **flags)
{
    for (size_t k = 0; k < x->f.len; k++) free(flags[k]);
    free(flags);
}

/* p["check"]: the validator's rules whose columns the patch sets (flags as
 * patch_columns'), each guarded by their set_ flags. */
static void patch_check(dg_tab *x, json_t *p, const char *const *flags)
{
    json_t *val = json_object_get(x->tv, "validator");
    if (!val) return;
    json_t *rules = json_array(), *r;
    size_t i;
    json_array_foreach(json_object_get(val, "rules"), i, r) {
        char *guard = rule_guard(x, flags, &x->vt->rule_columns.items[i]);
        if (!guard) continue;
        json_t *c = json_copy(r);   /* its values are shared, never changed */
        set_own(c, "guard", guard);
        json_object_set_nocheck(c, "table", json_object_get(val, "table"));
        json_array_append_new(rules, c);
    }
    json_t *check = json_object();
    set_own(check, "fn", dg_xprintf("%s__%s_patch_check", x->v->opts->prefix, x->row));
    dg_jset(check, "rules", rules);
    dg_jset(p, "check", check);
}

/* "bool<spaces>name;" with the name at column w, as printf's "bool%*s%s;"
 * with width (int)(w - 4) would write it. */
static json_t *bool_decl(size_t w, const char *name)
{
    int pad = (int)(w - 4);
    if (pad < 0) pad = -pad;
    size_t n = strlen(name);
    char small[128], *buf = (size_t)pad + n + 6 <= sizeof small ? small : dg_xmalloc((size_t)pad + n + 6);
    memcpy(buf, "bool", 4);
    memset(buf + 4, ' ', (size_t)pad);
    memcpy(buf + 4 + pad, name, n);
    buf[4 + (size_t)pad + n] = ';';
    json_t *j = dg_jstrn(buf, 4 + (size_t)pad + n + 1);
    if (buf != small) free(buf);
    return j;
}

/* One patch field: set (flag, absent for fields dalgen fills; also in
 * *flag_out, owned), decls. */
static json_t *patch_field(dg_tab *x, int i, bool settable, const char *comment, char **flag_out)
{
    const dg_cbind *f = &x->f.items[i];
    json_t *fj = json_array_get(json_object_get(x->tv, "fields"), (size_t)i);
    json_t *pf = json_object();
    dg_jset_str(pf, "name", f->name);
    json_object_set_nocheck(pf, "decl", json_object_get(fj, "decl"));
    if (f->varray > 0) {   /* a user's char[N] field: the patch holds the same buffer */
        char dims[32];
        snprintf(dims, sizeof dims, "[%ld]", f->varray);
        dg_buf b = DG_BUF_INIT;
        dg_tab_decl(x, (size_t)i, dims, &b);
        dg_jset(pf, "decl", dg_jstrn(b.data, b.len));
        dg_buf_free(&b);
    }
    if (comment) dg_jset_str(pf, "comment", comment);
    else json_object_set_nocheck(pf, "comment", json_object_get(fj, "comment"));
    size_t w = x->decl_width;
    if (f->has) {
        dg_jset_str(pf, "has", f->has);
        dg_jset(pf, "has_decl", bool_decl(w, f->has));
    }
    if (settable) {
        /* a column named set_<name> keeps its name; the flag gets a '_'
         * (snake_case names never end with one) */
        size_t n = strlen(f->name);
        char *flag = dg_xmalloc(n + 6);
        memcpy(flag, "set_", 4);
        memcpy(flag + 4, f->name, n + 1);
        for (size_t k = 0; k < x->f.len; k++) {
            const dg_cbind *o = &x->f.items[k];
            if (strcmp(o->name, flag) != 0 && !(o->has && !strcmp(o->has, flag))) continue;
            char *longer = dg_xprintf("%s_", flag);
            free(flag);
            flag = longer;
            break;
        }
        dg_jset(pf, "set_decl", bool_decl(w, flag));
        dg_jset_str(pf, "set", flag);
        *flag_out = flag;
    }
    return pf;
}

/* The SET fragments (bit order), their binds and the patch fields;
 * flags[i]: field i's set_ flag (owned), NULL when the patch cannot set it. */
static int patch_columns(dg_tab *x, char **flags, json_t *pfields, json_t *sets, json_t *binds, json_t *bits)
{
    const dg_records *r = &x->rec;
    int bit = 0;
    for (size_t i = 0; i < x->f.len; i++) {
        const dg_cbind *f = &x->f.items[i];
        if (f->readonly || f->pk || (int)i == r->created) continue;
        bool user = !dg_records_auto(x, (int)i);
        json_array_append_new(pfields, patch_field(x, (int)i, user,
                                                   (int)i == r->updated   ? "set by the patch, written back"
                                                   : (int)i == r->version ? "the version read; the new one is written back"
                                                                          : NULL,
                                                   &flags[i]));
        if ((int)i == r->version) continue;
        if (bit >= 63) return -1;
        json_t *frag = json_object();
        dg_jset(frag, "sql", DG_JCAT(f->quoted, " = ?"));
        json_array_append_new(sets, frag);
        json_t *b = json_object(), *bj = json_object();
        set_own(b, "call", dg_cbind_bind_at(f, "n__++", "patch->", "st", false));
        if (user) {
            json_t *cond = DG_JCAT("patch->", flags[i]);
            json_object_set_nocheck(b, "cond", cond);
            dg_jset(bj, "cond", cond);
        }
        json_array_append_new(binds, b);
        dg_jset(bj, "bit", json_integer(bit));
        json_array_append_new(bits, bj);
        bit++;
    }
    if (r->version >= 0) {
        const char *q = x->f.items[r->version].quoted;
        json_t *frag = json_object();
        set_own(frag, "sql", dg_xprintf("%s = %s + 1", q, q));
        json_array_append_new(sets, frag);
        json_t *bj = json_object();
        dg_jset(bj, "bit", json_integer(bit++));
        json_array_append_new(bits, bj);
    }
    return bit;
}

void dg_records_patch(dg_tab *x)
{
    const dg_records *r = &x->rec;
    if (!x->t || x->virt || !x->pk.len) return;
    json_t *p = json_object(), *pfields = json_array(), *sets = json_array(), *binds = json_array(),
           *bits = json_array();
    char **flags = dg_xcalloc(x->f.len + 1, sizeof *flags);
    int nbits = patch_columns(x, flags, pfields, sets, binds, bits);
    bool user = false;
    for (size_t k = 0; k < x->f.len; k++) user = user || flags[k];
    if (nbits <= 0 || !user) {
        json_decref(p), json_decref(pfields), json_decref(sets), json_decref(binds), json_decref(bits);
        free_flags(x, flags);
        return;
    }
    set_own(p, "type", dg_xprintf("%s_patch", x->strct));
    set_own(p, "fn", dg_xprintf("%s_update_patch", x->strct));
    set_own(p, "sets_array", dg_xprintf("%s__%s_patch_sets", x->v->opts->prefix, x->row));
    set_own(p, "params", dg_tab_params(x, &x->pk));
    for (size_t k = 0; k < x->pk.len; k++) {
        char *idx = dg_xstrdup("n__++");
        json_t *b = json_object();
        set_own(b, "call", dg_cbind_bind_at(&x->f.items[x->pk.items[k]], idx, "", "st", false));
        json_array_append_new(binds, b);
        free(idx);
    }
    char *where = dg_tab_where_eq(x, &x->pk);
    char *tail = r->version >= 0 ? dg_xprintf("\nWHERE %s AND %s = ?", where, x->f.items[r->version].quoted)
                                 : dg_xprintf("\nWHERE %s", where);
    free(where);
    if (r->version >= 0) {
        json_t *b = json_object();
        char *idx = dg_xstrdup("n__++");
        set_own(b, "call", dg_records_version_bind(x, idx, "patch->"));
        free(idx);
        json_array_append_new(binds, b);
    }
    char *head = dg_xprintf("UPDATE %s\nSET ", x->qtable);
    size_t max = strlen(head) + strlen(tail) + 1;
    json_t *s;
    size_t i;
    json_array_foreach(sets, i, s) max += strlen(json_string_value(json_object_get(s, "sql"))) + 2;
    dg_jset(p, "head", dg_jstr(head));
    dg_jset(p, "head_len", json_integer((json_int_t)strlen(head)));
    dg_jset(p, "tail", dg_jstr(tail));
    dg_jset(p, "tail_len", json_integer((json_int_t)strlen(tail)));
    dg_jset(p, "sql_max", json_integer((json_int_t)max));
    dg_jset(p, "nsets", json_integer(nbits));
    free(head);
    free(tail);
    json_object_set_nocheck(p, "stmt", json_object_get(json_object_get(x->tv, "update"), "stmt"));
    dg_jset(p, "fields", pfields);
    dg_jset(p, "sets", sets);
    dg_jset(p, "binds", binds);
    dg_jset(p, "bits", bits);
    json_t *prep = json_array(), *after = json_array();
    int times[1] = {r->updated};
    prepare_times(x, prep, json_string_value(json_object_get(p, "fn")), "patch->", times, 1);
    if (r->version >= 0) add_line(after, dg_xprintf("patch->%s++;", x->f.items[r->version].name));
    dg_jset(p, "prepare", prep);
    dg_jset(p, "after", after);
    dg_records_missing(x, p, "");
    set_own(p, "empty", missing_call(x, "DAL_OK", ""));
    patch_check(x, p, (const char *const *)flags);
    free_flags(x, flags);
    dg_jset(x->tv, "patch", p);
}
