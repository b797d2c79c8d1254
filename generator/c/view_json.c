/* view_json.c - the typed view model (view_int.h) as the JSON the templates
 * render and --dump-view prints; made once, when the model is complete.
 * Keys come in the order the templates' authors have always seen them (the
 * dump's order).
 *
 * A table object in root["tables"] (and root["views"]):
 *   name (SQL), row, struct, fn (function prefix, = struct), iter, reader,
 *   has_pk, virtual, fts5 (tables), is_view, heading,
 *   fields[] {column, name, has (flag name, absent when none), ctype, kind
 *     (int64|double|bool|text|blob|value|enum), readonly, comment,
 *     enum_type, conv, user_enum (clang_struct.h), decl, has_decl},
 *   user_struct, user_header (clang_struct.h), enums[], validator
 *     (view_validators.h), version, fills, reads[] {call, after?},
 *     enum_text, pg_results and nresults (PostgreSQL: the row's result
 *     types, ", "-joined OID macros, and their count),
 *   insert, get, update, delete, upsert, count: {fn, sql, stmt, binds[]
 *     {cond?, call}, params}; insert and upsert also stmt_ref (the C
 *     expression of the statement's id), with_rowid {stmt, sql, note, cond}
 *     when a plain insert leaves the rowid alias out and a second statement
 *     writes it, returning, writebacks[] {cond?, call}, writeback_enum? (a
 *     write-back reads an enum's text into text__), last_rowid?,
 *     pg_short {stmt, cond, n} (PostgreSQL insert: the statement without
 *     the DEFAULT columns, run with n parameters when cond holds);
 *     PostgreSQL: pg_types, nparams, and pg_results, nresults when the
 *     statement's rows are read (insert/upsert RETURNING, count);
 *     insert, upsert and update prepare[] {stmt} and after[] {stmt} (run
 *     before and after the write: generated ids, timestamps, versions);
 *     update and delete missing (upsert too with a version: what a DO UPDATE
 *     its WHERE refused returns),
 *   missing_fn {.., conflict_msg} (before the first function using it),
 *   patch {type, fn, sets_array, params, head, head_len, tail, tail_len,
 *     sql_max, nsets, stmt, fields[], sets[] {sql}, binds[] {call, cond?},
 *     bits[] {cond?, bit}, prepare[], after[], missing, empty, check?},
 *   get_by[] (like get), lists[] (list, list_by_*, match).
 * root: prefix, header, guard, inputs[] {path}, dal_major, dal_minor, unit,
 *   slot, sql_array, stmts[] {id, sql, index}, enums[], tables[], views[],
 *   user_headers[]?, long_sql, stmt_count.
 *
 * A table's object holds only the keys `want` names (template.h, NULL: all
 * of them): each subtree the section rendering it never reads is left out
 * before it is made.
 *
 * Everything is made as arena values (template_value.h): a table's object
 * is rendered as it is, and turned into JSON only for the root that
 * --dump-view prints (and for tests). */
#include <dal.h>
#include <string.h>

#include "c/template.h"
#include "c/view_int.h"
#include "c/view_json.h"

/* What a table's values are made from and into. */
typedef struct vb {
    dg_tarena           *a;
    const dg_vstmts     *stmts;   /* NULL: functions without sql and stmt */
    const dg_venums     *enums;
    const dg_tmpl_names *w;
} vb;

static bool want(const vb *b, const char *key)
{
    return dg_tmpl_names_has(b->w, key);
}

static void set(const vb *b, dg_tval *o, const char *key, dg_tval *v)
{
    dg_tv_set(b->a, o, key, v);
}

static void set_str(const vb *b, dg_tval *o, const char *key, const char *s)
{
    dg_tv_set_str(b->a, o, key, s);
}

static void set_int(const vb *b, dg_tval *o, const char *key, json_int_t i)
{
    dg_tv_set_int(b->a, o, key, i);
}

static void set_bool(const vb *b, dg_tval *o, const char *key, bool v)
{
    dg_tv_set_bool(b->a, o, key, v);
}

static dg_tval *obj1(const vb *b, const char *key, const char *s)
{
    return dg_tv_obj1(b->a, key, s);
}

/* The id (or the SQL) of statement i of the unit. */
static dg_tval *stmt_id(const vb *b, size_t i)
{
    return b->stmts && i < b->stmts->len ? dg_tv_str(b->a, b->stmts->items[i].id) : NULL;
}

static dg_tval *stmt_sql(const vb *b, size_t i)
{
    return b->stmts && i < b->stmts->len ? dg_tv_str(b->a, b->stmts->items[i].sql) : NULL;
}

static dg_tval *lines_val(const vb *b, const dg_strings *lines)
{
    dg_tval *a = dg_tv_arr(b->a);
    for (size_t i = 0; i < lines->len; i++) dg_tv_push(b->a, a, obj1(b, "stmt", lines->items[i]));
    return a;
}

/* [{cond?, call}], or [{call, cond?}] with call_first; `cond_key` names cond. */
static dg_tval *binds_val(const vb *b, const dg_vbinds *bs, bool call_first, const char *cond_key)
{
    dg_tval *a = dg_tv_arr(b->a);
    for (size_t i = 0; i < bs->len; i++) {
        dg_tval *o = dg_tv_obj(b->a);
        if (!call_first && bs->items[i].cond) set_str(b, o, cond_key, bs->items[i].cond);
        set_str(b, o, "call", bs->items[i].call);
        if (call_first && bs->items[i].cond) set_str(b, o, cond_key, bs->items[i].cond);
        dg_tv_push(b->a, a, o);
    }
    return a;
}

static dg_tval *stmt_val(const vb *b, size_t i)
{
    dg_tval *o = dg_tv_obj(b->a);
    set_str(b, o, "id", b->stmts->items[i].id);
    set_str(b, o, "sql", b->stmts->items[i].sql);
    set_int(b, o, "index", (json_int_t)i);
    return o;
}

static dg_tval *stmts_val(const vb *b)
{
    dg_tval *a = dg_tv_arr(b->a);
    for (size_t i = 0; i < b->stmts->len; i++) dg_tv_push(b->a, a, stmt_val(b, i));
    return a;
}

static dg_tval *enum_val(const vb *b, const dg_venum *e)
{
    dg_tval *o = dg_tv_obj(b->a), *vals = dg_tv_arr(b->a);
    set_str(b, o, "type", e->type);
    if (e->doc) set_str(b, o, "doc", e->doc);
    set_str(b, o, e->kind == DG_VENUM_GEN ? "unknown" : "user", e->kind == DG_VENUM_GEN ? e->unknown : e->user);
    set_str(b, o, "table", e->table);
    set_str(b, o, "column", e->column);
    for (size_t k = 0; k < e->values.len; k++) {
        dg_tval *v = dg_tv_obj(b->a);
        set_str(b, v, "name", e->values.items[k].name);
        set_str(b, v, "sql", e->values.items[k].sql);
        if (e->kind == DG_VENUM_GEN) set_int(b, v, "value", (json_int_t)(k + 1));
        dg_tv_push(b->a, vals, v);
    }
    for (size_t k = 0; k < e->ints.len; k++) dg_tv_push(b->a, vals, obj1(b, "value", e->ints.items[k]));
    if (e->kind == DG_VENUM_USER_INT) set(b, o, "as_int", dg_tv_true(b->a));
    if (e->kind != DG_VENUM_USER_INT || e->has_ints) set(b, o, "values", vals);
    if (e->kind == DG_VENUM_USER) set_int(b, o, "count", (json_int_t)e->values.len);
    return o;
}

static dg_tval *enums_val(const vb *b)
{
    dg_tval *a = dg_tv_arr(b->a);
    for (size_t i = 0; i < b->enums->len; i++) dg_tv_push(b->a, a, enum_val(b, &b->enums->items[i]));
    return a;
}

/* The JSON of what `make` makes from stmts and enums. */
static json_t *as_json(dg_tval *(*make)(const vb *), const dg_vstmts *stmts, const dg_venums *enums)
{
    dg_tarena a = DG_TARENA_INIT;
    vb b = {&a, stmts, enums, NULL};
    json_t *j = dg_tv_to_json(make(&b));
    dg_tarena_free(&a);
    return j;
}

json_t *dg_vstmts_to_json(const dg_vstmts *s)
{
    return as_json(stmts_val, s, NULL);
}

json_t *dg_venums_to_json(const dg_venums *e)
{
    return as_json(enums_val, NULL, e);
}

static dg_tval *field_val(const vb *b, const dg_vtable *vt, size_t i)
{
    const dg_cbind *f = &vt->f.items[i];
    const dg_vfield *fx = &vt->fx.items[i];
    /* where has_ stands: a generated enum's and a user's struct's flag were
     * decided after the field's other keys */
    bool late_has = f->kind == DG_CK_ENUM || vt->user_struct;
    dg_tval *o = dg_tv_obj(b->a);
    set_str(b, o, "column", f->column);
    set_str(b, o, "name", f->name);
    if (f->has && !late_has) set_str(b, o, "has", f->has);
    set_str(b, o, "ctype", f->ctype);
    set_str(b, o, "kind", dg_ckind_name(f->kind));
    set_bool(b, o, "readonly", f->readonly);
    if (fx->comment) set_str(b, o, "comment", fx->comment);
    if (f->kind == DG_CK_ENUM && !vt->user_struct) set_str(b, o, "enum_type", f->enum_type);
    if (f->has && late_has) set_str(b, o, "has", f->has);
    if (vt->user_struct && f->conv.kind != DG_CCONV_NONE) {
        char *conv = dg_cconv_str(&f->conv);
        set(b, o, "conv", dg_tv_strdup(b->a, conv));
        free(conv);
        if (f->conv.kind == DG_CCONV_ENUM) {
            set_str(b, o, "user_enum", fx->user_enum);
            set_str(b, o, "enum_type", f->enum_type);
        }
    }
    if (fx->decl) set_str(b, o, "decl", fx->decl);
    if (fx->has_decl) set_str(b, o, "has_decl", fx->has_decl);
    return o;
}

/* An insert's (or upsert's) own keys. */
static void insert_val(const vb *b, const dg_vfunc *f, dg_tval *o)
{
    set(b, o, "stmt_ref", f->stmt_local ? dg_tv_str(b->a, "stmt__") : stmt_id(b, f->stmt));
    if (f->with_rowid && want(b, "with_rowid")) {
        dg_tval *wr = dg_tv_obj(b->a);
        set(b, wr, "stmt", stmt_id(b, f->with_rowid->stmt));
        set(b, wr, "sql", stmt_sql(b, f->with_rowid->stmt));
        set_str(b, wr, "note", f->with_rowid->note);
        set_str(b, wr, "cond", f->with_rowid->cond);
        set(b, o, "with_rowid", wr);
    }
    set_bool(b, o, "returning", f->returning);
    if (want(b, "writebacks")) set(b, o, "writebacks", binds_val(b, &f->writebacks, false, "cond"));
    if (f->writeback_enum) set(b, o, "writeback_enum", dg_tv_true(b->a));
    if (f->last_rowid) set_str(b, o, "last_rowid", f->last_rowid);
    if (f->many_fn) set_str(b, o, "many_fn", f->many_fn);
    if (f->pg_short && want(b, "pg_short")) {
        dg_tval *ps = dg_tv_obj(b->a);
        set(b, ps, "stmt", stmt_id(b, f->pg_short->stmt));
        set_str(b, ps, "cond", f->pg_short->cond);
        set_int(b, ps, "n", f->pg_short_n);
        set(b, o, "pg_short", ps);
    }
}

static dg_tval *func_val(const vb *b, const dg_vfunc *f)
{
    dg_tval *o = dg_tv_obj(b->a);
    set_str(b, o, "fn", f->fn);
    set(b, o, "sql", stmt_sql(b, f->stmt));
    set(b, o, "stmt", stmt_id(b, f->stmt));
    if (want(b, "binds")) set(b, o, "binds", binds_val(b, &f->binds, false, "cond"));
    set_str(b, o, "params", f->params);
    if (f->doc) set_str(b, o, "doc", f->doc);
    if (f->index) set_str(b, o, "index", f->index);
    if (f->insert) insert_val(b, f, o);
    if (f->prepared && want(b, "prepare")) set(b, o, "prepare", lines_val(b, &f->prepare));
    if (f->prepared && want(b, "after")) set(b, o, "after", lines_val(b, &f->after));
    if (f->missing) set_str(b, o, "missing", f->missing);
    if (f->conflict_msg) set_str(b, o, "conflict_msg", f->conflict_msg);
    if (f->pg_types) {
        set_str(b, o, "pg_types", f->pg_types);
        set_int(b, o, "nparams", f->nparams);
    }
    if (f->pg_results) {
        set_str(b, o, "pg_results", f->pg_results);
        set_int(b, o, "nresults", f->nresults);
    }
    return o;
}

static dg_tval *funcs_val(const vb *b, const dg_vfuncs *fs)
{
    dg_tval *a = dg_tv_arr(b->a);
    for (size_t i = 0; i < fs->len; i++) dg_tv_push(b->a, a, func_val(b, &fs->items[i]));
    return a;
}

/* PostgreSQL: the writes' form of the validator (validators_c.tmpl,
 * validate_c.tmpl): its name, and the texts measured once (len__[k]). */
static dg_tval *validator_check_val(const vb *b, const dg_vtable *vt)
{
    const dg_validator *v = &vt->val;
    dg_tval *o = dg_tv_obj(b->a), *measure = dg_tv_arr(b->a);
    char *fn = dg_xprintf("%s__valid", vt->val_struct);
    for (size_t k = 0; k < v->measured.len; k++) {
        int f = dg_vtable_column_field(vt, (size_t)v->measured.items[k]);
        char *ref = dg_xprintf("row->%s", vt->f.items[f].name);
        dg_tval *m = dg_tv_obj(b->a);
        set_int(b, m, "k", (json_int_t)k);
        set(b, m, "ref", dg_tv_strdup(b->a, ref));
        dg_tv_push(b->a, measure, m);
        free(ref);
    }
    set(b, o, "fn", dg_tv_strdup(b->a, fn));
    set(b, o, "measure", measure);
    set_int(b, o, "nmeasured", (json_int_t)v->measured.len);
    free(fn);
    return o;
}

static dg_tval *rule_val(const vb *b, const dg_validator *v, const dg_table *t, const dg_vrule *r)
{
    dg_tval *j = dg_tv_obj(b->a);
    set_str(b, j, "cond", r->cond);
    if (v->pg) set_str(b, j, "cond_len", r->cond_len ? r->cond_len : r->cond);
    set_str(b, j, "code", r->code);
    set_str(b, j, "field", r->column >= 0 ? t->columns.items[r->column].name : "");
    set_str(b, j, "message", r->message);
    return j;
}

static dg_tval *validator_val(const vb *b, const dg_vtable *vt)
{
    const dg_validator *v = &vt->val;
    const dg_table *t = vt->t;
    dg_tval *o = dg_tv_obj(b->a), *rules = dg_tv_arr(b->a), *pats = dg_tv_arr(b->a), *skipped = dg_tv_arr(b->a);
    size_t nrules = want(b, "rules") ? v->rules.len : 0;
    for (size_t i = 0; i < nrules; i++) dg_tv_push(b->a, rules, rule_val(b, v, t, &v->rules.items[i]));
    for (size_t i = 0; i < v->patterns.len; i++) {
        dg_tval *j = dg_tv_obj(b->a);
        set_str(b, j, "name", v->patterns.items[i].name);
        set_str(b, j, "ere", v->patterns.items[i].ere);
        dg_tv_push(b->a, pats, j);
    }
    for (size_t i = 0; i < v->skipped.len; i++) {
        dg_tval *j = dg_tv_obj(b->a);
        set_str(b, j, "sql", v->skipped.items[i].sql);
        set_str(b, j, "reason", v->skipped.items[i].reason);
        dg_tv_push(b->a, skipped, j);
    }
    set_str(b, o, "fn", vt->val_fn);
    set_str(b, o, "struct", vt->val_struct);
    set_str(b, o, "table", t->name);
    set(b, o, "rules", rules);
    set(b, o, "patterns", pats);
    set(b, o, "not_compiled", skipped);
    if (v->pg && want(b, "check")) set(b, o, "check", validator_check_val(b, vt));
    return o;
}

static dg_tval *patch_field_val(const vb *b, const dg_vtable *vt, const dg_vpatch_field *pf)
{
    const dg_cbind *f = &vt->f.items[pf->field];
    const dg_vfield *fx = &vt->fx.items[pf->field];
    dg_tval *o = dg_tv_obj(b->a);
    set_str(b, o, "name", f->name);
    set_str(b, o, "decl", pf->decl ? pf->decl : fx->decl);
    set_str(b, o, "comment", pf->comment ? pf->comment : fx->comment);
    if (f->has) set_str(b, o, "has", f->has);
    if (pf->has_decl) set_str(b, o, "has_decl", pf->has_decl);
    if (pf->set) {
        set_str(b, o, "set_decl", pf->set_decl);
        set_str(b, o, "set", pf->set);
    }
    return o;
}

/* p's check: copies of the validator's rules (`val`), with their guard. */
static dg_tval *patch_check_val(const vb *b, const dg_vpatch *p, const dg_tval *val)
{
    dg_tval *rules = dg_tv_arr(b->a), *check = dg_tv_obj(b->a);
    size_t nrules = want(b, "rules") ? p->check.len : 0;
    for (size_t i = 0; i < nrules; i++) {
        const dg_tval *rule = dg_tv_at(dg_tv_get(val, "rules"), p->check.items[i].rule);
        dg_tval *c = rule ? dg_tv_copy(b->a, rule) : NULL;
        if (c) set_str(b, c, "guard", p->check.items[i].guard);
        if (c) set(b, c, "table", dg_tv_get(val, "table"));
        dg_tv_push(b->a, rules, c);
    }
    set_str(b, check, "fn", p->check_fn);
    set(b, check, "rules", rules);
    return check;
}

/* The patch's lists: fields, sets, binds, bits. */
static void patch_lists_val(const vb *b, const dg_vtable *vt, const dg_vpatch *p, dg_tval *o)
{
    dg_tval *fields = dg_tv_arr(b->a), *sets = dg_tv_arr(b->a), *bits = dg_tv_arr(b->a);
    size_t nfields = want(b, "fields") ? p->fields.len : 0;
    for (size_t i = 0; i < nfields; i++) dg_tv_push(b->a, fields, patch_field_val(b, vt, &p->fields.items[i]));
    set(b, o, "fields", fields);
    for (size_t i = 0; i < p->sets.len; i++) dg_tv_push(b->a, sets, obj1(b, "sql", p->sets.items[i]));
    set(b, o, "sets", sets);
    if (want(b, "binds")) set(b, o, "binds", binds_val(b, &p->binds, true, "cond"));
    size_t nbits = want(b, "bits") ? p->bits.len : 0;
    for (size_t i = 0; i < nbits; i++) {
        dg_tval *x = dg_tv_obj(b->a);
        if (p->bits.items[i].cond) set_str(b, x, "cond", p->bits.items[i].cond);
        set_int(b, x, "bit", p->bits.items[i].bit);
        dg_tv_push(b->a, bits, x);
    }
    set(b, o, "bits", bits);
}

static dg_tval *patch_val(const vb *b, const dg_vtable *vt, const dg_vpatch *p, const dg_tval *val)
{
    dg_tval *o = dg_tv_obj(b->a);
    set_str(b, o, "type", p->type);
    set_str(b, o, "fn", p->fn);
    set_str(b, o, "sets_array", p->sets_array);
    set_str(b, o, "params", p->params);
    set_str(b, o, "head", p->head);
    set_int(b, o, "head_len", (json_int_t)strlen(p->head));
    set_str(b, o, "tail", p->tail);
    set_int(b, o, "tail_len", (json_int_t)strlen(p->tail));
    set_int(b, o, "sql_max", (json_int_t)p->sql_max);
    set_int(b, o, "nsets", p->nsets);
    set(b, o, "stmt", stmt_id(b, p->stmt));
    patch_lists_val(b, vt, p, o);
    if (want(b, "prepare")) set(b, o, "prepare", lines_val(b, &p->prepare));
    if (want(b, "after")) set(b, o, "after", lines_val(b, &p->after));
    set_str(b, o, "missing", p->missing);
    set_str(b, o, "empty", p->empty);
    if (p->check_fn && want(b, "check")) set(b, o, "check", patch_check_val(b, p, val));
    if (p->pg_key_types) {
        set_str(b, o, "pg_key_types", p->pg_key_types);
        set_str(b, o, "pg_set_types", p->pg_set_types.len ? p->pg_set_types.data : "");
        set_int(b, o, "nkeys", p->nkeys);
        set_int(b, o, "nparams_max", p->nkeys + p->nsets);
    }
    return o;
}

/* update, patch and delete, with missing_fn before the first of them that
 * uses it. */
static void writes_val(const vb *b, const dg_vtable *vt, dg_tval *o, const dg_tval *val)
{
    bool missing = vt->missing_fn != NULL && want(b, "missing_fn");
    for (int at = DG_VMISSING_UPDATE; at <= DG_VMISSING_DELETE; at++) {
        if (missing && (int)vt->missing_at == at) set(b, o, "missing_fn", func_val(b, vt->missing_fn));
        if (at == DG_VMISSING_UPDATE && vt->update && want(b, "update"))
            set(b, o, "update", func_val(b, vt->update));
        if (at == DG_VMISSING_PATCH && vt->patch && want(b, "patch"))
            set(b, o, "patch", patch_val(b, vt, vt->patch, val));
        if (at == DG_VMISSING_DELETE && vt->del && want(b, "delete"))
            set(b, o, "delete", func_val(b, vt->del));
    }
}

/* The finishing pass's keys; `val` the validator's value (or NULL). */
static void finished_val(const vb *b, const dg_vtable *vt, dg_tval *o, const dg_tval *val)
{
    set_bool(b, o, "version", vt->version);
    if (vt->fills) set_str(b, o, "fills", vt->fills);
    if (want(b, "reads")) set(b, o, "reads", binds_val(b, &vt->reads, true, "after"));
    set_bool(b, o, "enum_text", vt->enum_text);
    if (vt->pg_results) {
        set_str(b, o, "pg_results", vt->pg_results);
        set_int(b, o, "nresults", vt->nresults);
    }
    if (vt->insert && want(b, "insert")) set(b, o, "insert", func_val(b, vt->insert));
    if (vt->get && want(b, "get")) set(b, o, "get", func_val(b, vt->get));
    writes_val(b, vt, o, val);
    if (vt->upsert && want(b, "upsert")) set(b, o, "upsert", func_val(b, vt->upsert));
    if (vt->count && want(b, "count")) set(b, o, "count", func_val(b, vt->count));
    if (vt->t && !vt->virt && want(b, "get_by")) set(b, o, "get_by", funcs_val(b, &vt->get_by));
    if (want(b, "lists")) set(b, o, "lists", funcs_val(b, &vt->lists));
}

/* The validated pass's keys: the table's enums, its validator. */
static void validated_val(const vb *b, const dg_vtable *vt, dg_tval *o)
{
    dg_tval *mine = dg_tv_arr(b->a), *val = NULL;
    for (size_t i = 0; i < vt->enums.len; i++)
        if (b->enums && vt->enums.items[i] < b->enums->len)
            dg_tv_push(b->a, mine, enum_val(b, &b->enums->items[vt->enums.items[i]]));
    set(b, o, "enums", mine);
    /* the patch's check copies the validator's rules */
    if (vt->val_fn && (want(b, "validator") || want(b, "check"))) val = validator_val(b, vt);
    if (val && want(b, "validator")) set(b, o, "validator", val);
    if (vt->finished) finished_val(b, vt, o, val);
}

static dg_tval *table_val(const vb *b, const dg_vtable *vt)
{
    dg_tval *o = dg_tv_obj(b->a), *fields = dg_tv_arr(b->a);
    set_str(b, o, "name", vt->name);
    set_str(b, o, "row", vt->row);
    set_str(b, o, "struct", vt->strct);
    set_str(b, o, "fn", vt->strct);
    set_str(b, o, "iter", vt->iter);
    set_str(b, o, "reader", vt->reader);
    if (vt->t) {
        set_bool(b, o, "has_pk", vt->has_pk);
        set_bool(b, o, "virtual", vt->virt);
        set_bool(b, o, "fts5", vt->fts5);
    }
    set_bool(b, o, "is_view", vt->view != NULL);
    set_str(b, o, "heading", vt->heading);
    size_t nfields = want(b, "fields") ? vt->f.len : 0;
    for (size_t i = 0; i < nfields; i++) dg_tv_push(b->a, fields, field_val(b, vt, i));
    set(b, o, "fields", fields);
    if (vt->user_struct) {
        set_str(b, o, "user_struct", vt->user_type);
        set_str(b, o, "user_header", vt->user_header);
    }
    if (vt->validated) validated_val(b, vt, o);
    else if (vt->finished) finished_val(b, vt, o, NULL);
    return o;
}

json_t *dg_vtable_to_json(const dg_vtable *vt, const dg_vstmts *stmts, const dg_venums *enums)
{
    dg_tarena a = DG_TARENA_INIT;
    vb b = {&a, stmts, enums, NULL};
    json_t *j = dg_tv_to_json(table_val(&b, vt));
    dg_tarena_free(&a);
    return j;
}

/* dg_tmpl_list's values: the tables (v->items[0, ntables)), then the views. */
static dg_tval *table_value(void *ctx, size_t i, const dg_tmpl_names *w, dg_tarena *a)
{
    const dg_vtables_lists *l = ctx;
    vb b = {a, &l->v->stmts, &l->v->enums, w};
    return table_val(&b, &l->v->items.items[i]);
}

static dg_tval *view_value(void *ctx, size_t i, const dg_tmpl_names *w, dg_tarena *a)
{
    const dg_vtables_lists *l = ctx;
    vb b = {a, &l->v->stmts, &l->v->enums, w};
    return table_val(&b, &l->v->items.items[l->ntables + i]);
}

static dg_tval *stmt_value(void *ctx, size_t i, const dg_tmpl_names *w, dg_tarena *a)
{
    const dg_vtables_lists *l = ctx;
    vb b = {a, &l->v->stmts, &l->v->enums, w};
    return stmt_val(&b, i);
}

static dg_tval *enum_value(void *ctx, size_t i, const dg_tmpl_names *w, dg_tarena *a)
{
    const dg_vtables_lists *l = ctx;
    vb b = {a, &l->v->stmts, &l->v->enums, w};
    return enum_val(&b, &l->v->enums.items[i]);
}
static json_t *root_names(const dg_vroot *r)
{
    json_t *root = json_object(), *in = json_array();
    for (size_t i = 0; i < r->inputs.len; i++) json_array_append_new(in, dg_jobj1("path", r->inputs.items[i]));
    dg_jset_str(root, "prefix", r->prefix);
    dg_jset_str(root, "header", r->header);
    dg_jset_str(root, "guard", r->guard);
    dg_jset(root, "inputs", in);
    dg_jset(root, "dal_major", json_integer(DAL_VERSION_MAJOR));
    dg_jset(root, "dal_minor", json_integer(DAL_VERSION_MINOR));
    dg_jset_str(root, "unit", r->unit);
    dg_jset_str(root, "slot", r->slot);
    dg_jset_str(root, "sql_array", r->sql_array);
    return root;
}

/* The root; with `lists`, without its statements, enums, tables and views,
 * which `lists` makes one at a time. */
static json_t *to_json(const dg_vtables *v, dg_vtables_lists *lists)
{
    json_t *root = root_names(&v->root);
    if (!lists) {
        dg_jset(root, "stmts", dg_vstmts_to_json(&v->stmts));
        dg_jset(root, "enums", dg_venums_to_json(&v->enums));
        json_t *tables = json_array(), *views = json_array();
        for (size_t i = 0; i < v->items.len; i++)
            json_array_append_new(v->items.items[i].t ? tables : views,
                                  dg_vtable_to_json(&v->items.items[i], &v->stmts, &v->enums));
        dg_jset(root, "tables", tables);
        dg_jset(root, "views", views);
    } else {
        *lists = (dg_vtables_lists){v, 0, {{0}}};
        while (lists->ntables < v->items.len && v->items.items[lists->ntables].t) lists->ntables++;
        lists->lists[0] = (dg_tmpl_list){"tables", lists->ntables, NULL, lists, table_value};
        lists->lists[1] = (dg_tmpl_list){"views", v->items.len - lists->ntables, NULL, lists, view_value};
        lists->lists[2] = (dg_tmpl_list){"stmts", v->stmts.len, NULL, lists, stmt_value};
        lists->lists[3] = (dg_tmpl_list){"enums", v->enums.len, NULL, lists, enum_value};
    }
    if (v->user_headers.len) {
        json_t *list = json_array();
        for (size_t i = 0; i < v->user_headers.len; i++)
            json_array_append_new(list, dg_jobj1("path", v->user_headers.items[i]));
        dg_jset(root, "user_headers", list);
    }
    dg_jset(root, "long_sql", json_boolean(v->root.long_sql));
    dg_jset(root, "stmt_count", json_integer((json_int_t)v->stmts.len));
    if (v->root.pg) dg_jset(root, "pg", json_true());
    return root;
}

json_t *dg_view_to_json(const dg_vtables *v)
{
    return to_json(v, NULL);
}

json_t *dg_view_to_json_lists(const dg_vtables *v, dg_vtables_lists *lists)
{
    return to_json(v, lists);
}
