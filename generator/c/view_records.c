/* view_records.c - record conveniences in the view model: generated ids,
 * automatic timestamps, optimistic concurrency (version) and partial
 * updates (patch).  See docs/generate.md, "Record conveniences". */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "c/template.h"
#include "c/view_tab.h"

/* Lines of prepare and after: in the arena, as their array's strings. */
static void add_line(dg_strings *lines, char *stmt)
{
    DG_VEC_PUSH(lines, stmt);
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
    if (!x->t || x->virt || x->is_view) return;
    for (size_t i = 0; i < x->f.len; i++) {
        const dg_cbind *f = &x->f.items[i];
        const dg_column *c = x->vt->fx.items[i].col;
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
    x->vt->version = r->version >= 0;
    dg_buf b = DG_BUF_INIT;
    if (r->id >= 0)
        dg_buf_printf(&b, "%s (%s when NULL)", x->f.items[r->id].name, r->id_nanoid ? "a nanoid" : "a UUIDv7");
    if (r->created >= 0) dg_buf_printf(&b, "%s%s (now)", b.len ? ", " : "", x->f.items[r->created].name);
    if (r->updated >= 0) dg_buf_printf(&b, "%s%s (now)", b.len ? ", " : "", x->f.items[r->updated].name);
    if (r->version >= 0) dg_buf_printf(&b, "%s%s (1 unless > 0)", b.len ? ", " : "", x->f.items[r->version].name);
    if (b.len) x->vt->fills = dg_va_buf(x->v->a, &b);
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
        if (!c->annotations.len) continue;   /* the common case: no kind to decide */
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
static void prepare_times(dg_tab *x, dg_strings *prep, const char *src, const int *which, int n)
{
    bool any = false, text = false;
    for (int k = 0; k < n; k++) {
        if (which[k] < 0) continue;
        any = true;
        text = text || x->f.items[which[k]].kind == DG_CK_TEXT;
    }
    if (!any) return;
    dg_tarena *a = x->v->a;
    add_line(prep, dg_va_strdup(a, "int64_t now__ = dal_now_ms(db);"));
    if (text) {
        add_line(prep, dg_va_strdup(a, "char now_text__[DAL_ISO8601_SIZE];"));
        add_line(prep, dg_va_strdup(a, "dal_iso8601_format(now__, now_text__);"));
        /* __func__, not a literal: a function's name may pass C's 4,095 */
        add_line(prep, dg_va_strdup(a, "if (!arena) return dal_error_set(db, DAL_MISUSE, 0, \"%s: timestamps need an arena\", "
                                       "__func__);"));
    }
    for (int k = 0; k < n; k++) {
        if (which[k] < 0) continue;
        const dg_cbind *f = &x->f.items[which[k]];
        if (f->kind == DG_CK_TEXT) {
            add_line(prep, dg_va_printf(a, "if (!(%s%s = dal_arena_strdup(arena, now_text__)))", src, f->name));
            add_line(prep, dg_va_strdup(a, "    return dal_error_set(db, DAL_ERROR, 0, \"out of memory\");"));
        } else {
            add_line(prep, dg_va_printf(a, "%s%s = now__;", src, f->name));
        }
        if (f->has) add_line(prep, dg_va_printf(a, "%s%s = true;", src, f->has));
    }
    if (!text) add_line(prep, dg_va_strdup(a, "(void)now__;"));
}

/* ---- a version at INT64_MAX -------------------------------------------- *
 * A version is incremented by every update, patch and upsert; past INT64_MAX
 * SQLite would store `version + 1` as a REAL and C's `++` would overflow.  So
 * update and patch refuse a version read at INT64_MAX before they write
 * anything (their WHERE then guarantees the stored one is below it), and an
 * upsert, which never reads one, guards its DO UPDATE in SQL. */

/* The C expression refusing the write: DAL_ERROR naming the column. */
static char *version_refusal(const dg_tab *x, const char *which)
{
    return dg_va_printf(x->v->a,
                        "dal_error_set(db, DAL_ERROR, 0, \"%%s: %s and cannot be incremented; nothing was written\", %s)",
                        which, x->f.items[x->rec.version].colname);
}

/* update and patch (src "row->", "patch->"): the first statement. */
static void version_check(dg_tab *x, dg_strings *prep, const char *src)
{
    if (x->rec.version < 0) return;
    char *refuse = version_refusal(x, "the version is at INT64_MAX");
    add_line(prep, DG_VA_CAT(x->v->a, "if (", src, x->f.items[x->rec.version].name, " == INT64_MAX)\n        return ",
                             refuse, ";"));
}

char *dg_records_upsert_guard(dg_tab *x, char **refused)
{
    *refused = NULL;
    if (x->rec.version < 0) return NULL;
    *refused = version_refusal(x, "the stored version is INT64_MAX (or not an integer)");
    return DG_VA_CAT(x->v->a, "\nWHERE ", x->qtable, ".", x->f.items[x->rec.version].quoted, " < 9223372036854775807");
}

void dg_records_prepare(dg_tab *x, dg_vfunc *fn, bool insert)
{
    const dg_records *r = &x->rec;
    dg_strings *prep = &fn->prepare, *after = &fn->after;
    dg_tarena *a = x->v->a;
    fn->prepared = true;
    if (!insert) version_check(x, prep, "row->");
    if (insert && r->id >= 0) {
        const char *id = x->f.items[r->id].name;
        if (r->id_nanoid)
            add_line(prep, dg_va_printf(a, "if (!row->%s && (rc = dal_nanoid(db, %d, arena, &row->%s)) != DAL_OK) return rc;",
                                      id, r->id_len, id));
        else
            add_line(prep, dg_va_printf(a, "if (!row->%s && (rc = dal_uuid7(db, arena, &row->%s)) != DAL_OK) return rc;", id,
                                      id));
    }
    int times[2] = {insert ? r->created : -1, r->updated};
    prepare_times(x, prep, "row->", times, 2);
    if (r->version >= 0) {
        const dg_cbind *v = &x->f.items[r->version];
        if (insert && v->has)
            add_line(prep, dg_va_printf(a, "if (!row->%s || row->%s <= 0) row->%s = 1;\n    row->%s = true;", v->has,
                                      v->name, v->name, v->has));
        else if (insert)
            add_line(prep, dg_va_printf(a, "if (row->%s <= 0) row->%s = 1;", v->name, v->name));
        else
            add_line(after, dg_va_printf(a, "row->%s++;", v->name));
    }
}

/* ---- NOTFOUND or CONFLICT ---------------------------------------------- */

char *dg_records_version_bind(dg_tab *x, const char *idx, const char *src)
{
    dg_cbind f = x->f.items[x->rec.version];
    f.has = NULL;   /* the version read is a value, whatever has_ says */
    return dg_tab_bind_at(x, &f, idx, src, "st", false);
}

/* The static helper telling a missing row from a changed one (once per
 * table); returns its name. */
static const char *missing_fn(dg_tab *x, dg_vmissing_at at)
{
    dg_vfunc *m = x->vt->missing_fn;
    if (m) return m->fn;
    dg_tarena *a = x->v->a;
    char *w = dg_tab_where_eq(x, &x->pk);
    m = dg_tab_func(x, NULL, "exists", DG_VA_CAT(a, "SELECT 1\nFROM ", x->qtable, "\nWHERE ", w));
    m->fn = DG_VA_CAT(a, x->v->opts->prefix, "__", x->row, "_missing");
    m->params = dg_tab_params(x, &x->pk);
    m->conflict_msg = DG_VA_CAT(a, x->name, ": the row changed since it was read (version)");
    for (size_t i = 0; i < x->pk.len; i++)
        dg_tab_add_bind(&m->binds, NULL, dg_tab_bind(x, &x->f.items[x->pk.items[i]], (int)i + 1, "", x->st, false));
    if (x->pg) dg_tab_pg_types_idx(x, m, &x->pk);
    x->vt->missing_fn = m;
    x->vt->missing_at = at;
    return m->fn;
}

static char *missing_call(dg_tab *x, const char *found_rc, const char *src, dg_vmissing_at at)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_cat(&b, missing_fn(x, at), "(db, ", found_rc, (char *)NULL);
    for (size_t i = 0; i < x->pk.len; i++) dg_buf_cat(&b, ", ", src, x->f.items[x->pk.items[i]].name, (char *)NULL);
    dg_buf_puts(&b, ")");
    char *r = dg_va_buf(x->v->a, &b);
    dg_buf_free(&b);
    return r;
}

char *dg_records_missing(dg_tab *x, const char *src, dg_vmissing_at at)
{
    if (x->rec.version < 0) return dg_va_strdup(x->v->a, "DAL_NOTFOUND");
    return missing_call(x, "DAL_CONFLICT", src, at);
}

/* ---- patch ------------------------------------------------------------- */

/* "row->set_a && row->set_b" for the columns a rule's condition reads
 * (`cols`, in order of appearance; sets[i]: field i's set_ flag, NULL when
 * the patch cannot set it); NULL when it reads one the patch cannot set
 * (the database checks those) or none. */
static char *rule_guard(dg_tab *x, const char *const *sets, const int *cols, size_t ncols)
{
    dg_buf b = DG_BUF_INIT;
    const char **seen = dg_xcalloc(ncols + 1, sizeof *seen);
    size_t nseen = 0;
    for (size_t k = 0; k < ncols; k++) {
        int fi = dg_vtable_column_field(x->vt, (size_t)cols[k]);
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
    char *r = b.len ? dg_va_buf(x->v->a, &b) : NULL;
    dg_buf_free(&b);
    return r;
}

/* The patch's check: the validator's rules whose columns the patch sets
 * (flags as patch_columns'), each guarded by their set_ flags. */
static void patch_check(dg_tab *x, dg_vpatch *p, const char *const *flags)
{
    const dg_vtable *vt = x->vt;
    if (!vt->validated) return;
    for (size_t i = 0; i < vt->val.rules.len; i++) {
        const dg_vrule *r = &vt->val.rules.items[i];
        char *guard = rule_guard(x, flags, r->reads.items, r->reads.len);
        if (!guard) continue;
        dg_vpatch_rule *c = DG_VEC_ADD(&p->check);
        c->rule = i;
        c->guard = guard;
    }
    p->check_fn = DG_VA_CAT(x->v->a, x->v->opts->prefix, "__", x->row, "_patch_check");
}

/* True when a field or has_ flag of the table is named set_...: only then
 * may a patch's flag need a longer name (checked once per table, not per
 * pair of fields). */
static bool set_names(const dg_tab *x)
{
    for (size_t k = 0; k < x->f.len; k++) {
        const dg_cbind *o = &x->f.items[k];
        if (!strncmp(o->name, "set_", 4) || (o->has && !strncmp(o->has, "set_", 4))) return true;
    }
    return false;
}

/* One patch field: its set_ flag (NULL for fields dalgen fills; also in
 * *flag_out) and declarations; `clash`: set_names(x). */
static void patch_field(dg_tab *x, dg_vpatch_field *pf, int i, bool settable, bool clash, const char *comment,
                        char **flag_out)
{
    const dg_cbind *f = &x->f.items[i];
    memset(pf, 0, sizeof *pf);
    pf->field = i;
    if (f->varray > 0) {   /* a user's char[N] field: the patch holds the same buffer */
        char dims[32];
        snprintf(dims, sizeof dims, "[%ld]", f->varray);
        dg_tab_decl(x, (size_t)i, dims, &x->tmp);
        pf->decl = dg_va_buf(x->v->a, &x->tmp);
    }
    pf->comment = comment;
    size_t w = x->decl_width;
    if (f->has) pf->has_decl = dg_tab_bool_decl(x, w, f->has);
    if (settable) {
        /* a column named set_<name> keeps its name; the flag gets a '_'
         * (snake_case names never end with one) */
        char *flag = DG_VA_CAT(x->v->a, "set_", f->name);
        for (size_t k = 0; clash && k < x->f.len; k++) {
            const dg_cbind *o = &x->f.items[k];
            if (strcmp(o->name, flag) != 0 && !(o->has && !strcmp(o->has, flag))) continue;
            flag = DG_VA_CAT(x->v->a, flag, "_");
            break;
        }
        pf->set_decl = dg_tab_bool_decl(x, w, flag);
        pf->set = flag;
        *flag_out = flag;
    }
}

/* The SET fragments (bit order), their binds and the patch fields;
 * flags[i]: field i's set_ flag, NULL when the patch cannot set it. */
static int patch_columns(dg_tab *x, char **flags, dg_vpatch *p)
{
    const dg_records *r = &x->rec;
    int bit = 0;
    bool clash = set_names(x);
    for (size_t i = 0; i < x->f.len; i++) {
        const dg_cbind *f = &x->f.items[i];
        if (f->readonly || f->pk || (int)i == r->created) continue;
        bool user = !dg_records_auto(x, (int)i);
        patch_field(x, DG_VEC_ADD(&p->fields), (int)i, user, clash,
                    (int)i == r->updated   ? "set by the patch, written back"
                    : (int)i == r->version ? "the version read; the new one is written back"
                                           : NULL,
                    &flags[i]);
        if ((int)i == r->version) continue;
        if (bit >= 63) return -1;
        if (x->pg) {   /* "col" = $%d: numbered when the statement is built (keys come first) */
            dg_buf q = DG_BUF_INIT;
            for (const char *c = f->quoted; *c; c++) dg_buf_puts(&q, *c == '%' ? "%%" : (char[2]){*c, 0});
            DG_VEC_PUSH(&p->sets, dg_va_printf(x->v->a, "%s = $%%d%s", dg_buf_cstr(&q), f->pg.cast_in ? f->pg.cast_in : ""));
            dg_buf_free(&q);
            dg_buf_cat(&p->pg_set_types, p->pg_set_types.len ? ", " : "", f->pg.oid, (char *)NULL);
        } else {
            DG_VEC_PUSH(&p->sets, DG_VA_CAT(x->v->a, f->quoted, " = ?"));
        }
        char *cond = user ? DG_VA_CAT(x->v->a, "patch->", flags[i]) : NULL;
        dg_tab_add_bind(&p->binds, cond, dg_tab_bind_at(x, f, "n__++", "patch->", x->st, false));
        dg_vpatch_bit *b = DG_VEC_ADD(&p->bits);
        b->cond = cond;
        b->bit = bit++;
    }
    if (r->version >= 0) {
        const char *q = x->f.items[r->version].quoted;
        DG_VEC_PUSH(&p->sets, DG_VA_CAT(x->v->a, q, " = ", q, " + 1"));
        dg_vpatch_bit *b = DG_VEC_ADD(&p->bits);
        b->cond = NULL;
        b->bit = bit++;
    }
    return bit;
}

/* head, tail, sql_max: the UPDATE a patch assembles from its SET fragments. */
static void patch_sql(dg_tab *x, dg_vpatch *p)
{
    const dg_records *r = &x->rec;
    char *where = dg_tab_where_eq(x, &x->pk);   /* PostgreSQL: the keys are $1.. */
    p->tail = r->version >= 0 ? DG_VA_CAT(x->v->a, "\nWHERE ", where, " AND ", x->f.items[r->version].quoted, " = ?")
                              : DG_VA_CAT(x->v->a, "\nWHERE ", where);
    p->head = DG_VA_CAT(x->v->a, "UPDATE ", x->qtable, "\nSET ");
    p->sql_max = strlen(p->head) + strlen(p->tail) + 1;
    for (size_t i = 0; i < p->sets.len; i++) p->sql_max += strlen(p->sets.items[i]) + 2 + (x->pg ? 8 : 0);
}

void dg_records_patch(dg_tab *x)
{
    const dg_records *r = &x->rec;
    if (!x->t || x->virt || !x->pk.len) return;
    dg_tarena *a = x->v->a;
    dg_vpatch *p = dg_tarena_alloc(a, sizeof *p);
    memset(p, 0, sizeof *p);
    char **flags = dg_xcalloc(x->f.len + 1, sizeof *flags);   /* the strings in the arena */
    int nbits = patch_columns(x, flags, p);
    bool user = false;
    for (size_t k = 0; k < x->f.len; k++) user = user || flags[k];
    if (nbits <= 0 || !user) {
        dg_vpatch_free(p);
        free(flags);
        return;
    }
    p->nsets = nbits;
    p->type = DG_VA_CAT(a, x->strct, "_patch");
    p->fn = DG_VA_CAT(a, x->strct, "_update_patch");
    p->sets_array = DG_VA_CAT(a, x->v->opts->prefix, "__", x->row, "_patch_sets");
    p->params = dg_tab_params(x, &x->pk);
    for (size_t k = 0; k < x->pk.len; k++)
        dg_tab_add_bind(&p->binds, NULL, dg_tab_bind_at(x, &x->f.items[x->pk.items[k]], "n__++", "", x->st, false));
    if (x->pg) {   /* the keys are $1..$k, bound first; their types lead */
        size_t nb = p->binds.len, nk = x->pk.len;
        dg_vbind *tmp = dg_xmalloc(nk * sizeof *tmp);
        memcpy(tmp, p->binds.items + nb - nk, nk * sizeof *tmp);
        memmove(p->binds.items + nk, p->binds.items, (nb - nk) * sizeof *tmp);
        memcpy(p->binds.items, tmp, nk * sizeof *tmp);
        free(tmp);
        dg_buf kt = DG_BUF_INIT;
        for (size_t k = 0; k < nk; k++) dg_buf_cat(&kt, k ? ", " : "", x->f.items[x->pk.items[k]].pg.oid, (char *)NULL);
        p->pg_key_types = dg_va_buf(a, &kt);
        dg_buf_free(&kt);
        p->nkeys = (int)nk;
    }
    if (r->version >= 0) dg_tab_add_bind(&p->binds, NULL, dg_records_version_bind(x, "n__++", "patch->"));
    patch_sql(x, p);
    p->stmt = x->vt->update->stmt;
    version_check(x, &p->prepare, "patch->");
    int times[1] = {r->updated};
    prepare_times(x, &p->prepare, "patch->", times, 1);
    if (r->version >= 0) add_line(&p->after, DG_VA_CAT(a, "patch->", x->f.items[r->version].name, "++;"));
    p->missing = dg_records_missing(x, "", DG_VMISSING_PATCH);
    p->empty = missing_call(x, "DAL_OK", "", DG_VMISSING_PATCH);
    patch_check(x, p, (const char *const *)flags);
    free(flags);
    x->vt->patch = p;
}
