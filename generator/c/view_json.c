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
 * before it is made. */
#include <dal.h>
#include <string.h>

#include "c/template.h"
#include "c/view_int.h"
#include "c/view_json.h"

static bool want(const dg_tmpl_names *w, const char *key)
{
    return dg_tmpl_names_has(w, key);
}

static json_t *lines_json(const dg_strings *lines)
{
    json_t *a = json_array();
    for (size_t i = 0; i < lines->len; i++) json_array_append_new(a, dg_jobj1("stmt", lines->items[i]));
    return a;
}

/* [{cond?, call}], or [{call, cond?}] with call_first; `after` names cond. */
static json_t *binds_json(const dg_vbinds *b, bool call_first, const char *cond_key)
{
    json_t *a = json_array();
    for (size_t i = 0; i < b->len; i++) {
        json_t *o = json_object();
        if (!call_first && b->items[i].cond) dg_jset_str(o, cond_key, b->items[i].cond);
        dg_jset_str(o, "call", b->items[i].call);
        if (call_first && b->items[i].cond) dg_jset_str(o, cond_key, b->items[i].cond);
        json_array_append_new(a, o);
    }
    return a;
}

json_t *dg_vstmts_to_json(const dg_vstmts *s)
{
    json_t *a = json_array();
    for (size_t i = 0; i < s->len; i++) {
        json_t *o = json_object();
        dg_jset_str(o, "id", s->items[i].id);
        dg_jset_str(o, "sql", s->items[i].sql);
        dg_jset(o, "index", json_integer((json_int_t)i));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *enum_json(const dg_venum *e)
{
    json_t *o = json_object(), *vals = json_array();
    dg_jset_str(o, "type", e->type);
    if (e->doc) dg_jset_str(o, "doc", e->doc);
    dg_jset_str(o, e->kind == DG_VENUM_GEN ? "unknown" : "user", e->kind == DG_VENUM_GEN ? e->unknown : e->user);
    dg_jset_str(o, "table", e->table);
    dg_jset_str(o, "column", e->column);
    for (size_t k = 0; k < e->values.len; k++) {
        json_t *v = json_object();
        dg_jset_str(v, "name", e->values.items[k].name);
        dg_jset_str(v, "sql", e->values.items[k].sql);
        if (e->kind == DG_VENUM_GEN) dg_jset(v, "value", json_integer((json_int_t)(k + 1)));
        json_array_append_new(vals, v);
    }
    for (size_t k = 0; k < e->ints.len; k++) json_array_append_new(vals, dg_jobj1("value", e->ints.items[k]));
    if (e->kind == DG_VENUM_USER_INT) dg_jset(o, "as_int", json_true());
    if (e->kind != DG_VENUM_USER_INT || e->has_ints) dg_jset(o, "values", vals);
    else json_decref(vals);
    if (e->kind == DG_VENUM_USER) dg_jset(o, "count", json_integer((json_int_t)e->values.len));
    return o;
}

json_t *dg_venums_to_json(const dg_venums *e)
{
    json_t *a = json_array();
    for (size_t i = 0; i < e->len; i++) json_array_append_new(a, enum_json(&e->items[i]));
    return a;
}

static json_t *field_json(const dg_vtable *vt, size_t i)
{
    const dg_cbind *f = &vt->f.items[i];
    const dg_vfield *fx = &vt->fx.items[i];
    /* where has_ stands: a generated enum's and a user's struct's flag were
     * decided after the field's other keys */
    bool late_has = f->kind == DG_CK_ENUM || vt->user_struct;
    json_t *o = json_object();
    dg_jset_str(o, "column", f->column);
    dg_jset_str(o, "name", f->name);
    if (f->has && !late_has) dg_jset_str(o, "has", f->has);
    dg_jset_str(o, "ctype", f->ctype);
    dg_jset_str(o, "kind", dg_ckind_name(f->kind));
    dg_jset(o, "readonly", json_boolean(f->readonly));
    if (fx->comment) dg_jset_str(o, "comment", fx->comment);
    if (f->kind == DG_CK_ENUM && !vt->user_struct) dg_jset_str(o, "enum_type", f->enum_type);
    if (f->has && late_has) dg_jset_str(o, "has", f->has);
    if (vt->user_struct && f->conv.kind != DG_CCONV_NONE) {
        dg_jset_own(o, "conv", dg_cconv_str(&f->conv));
        if (f->conv.kind == DG_CCONV_ENUM) {
            dg_jset_str(o, "user_enum", fx->user_enum);
            dg_jset_str(o, "enum_type", f->enum_type);
        }
    }
    if (fx->decl) dg_jset_str(o, "decl", fx->decl);
    if (fx->has_decl) dg_jset_str(o, "has_decl", fx->has_decl);
    return o;
}

static json_t *func_json(const dg_vfunc *f, json_t *stmts, const dg_tmpl_names *w)
{
    json_t *st = json_array_get(stmts, f->stmt);
    json_t *o = json_object();
    dg_jset_str(o, "fn", f->fn);
    /* the statement's id and SQL are the nodes of its root["stmts"] entry */
    dg_jset(o, "sql", json_incref(json_object_get(st, "sql")));
    dg_jset(o, "stmt", json_incref(json_object_get(st, "id")));
    if (want(w, "binds")) dg_jset(o, "binds", binds_json(&f->binds, false, "cond"));
    dg_jset_str(o, "params", f->params);
    if (f->doc) dg_jset_str(o, "doc", f->doc);
    if (f->index) dg_jset_str(o, "index", f->index);
    if (f->insert) {
        dg_jset(o, "stmt_ref", f->stmt_local ? dg_jstr("stmt__") : json_incref(json_object_get(st, "id")));
        if (f->with_rowid && want(w, "with_rowid")) {
            json_t *wr = json_object(), *ws = json_array_get(stmts, f->with_rowid->stmt);
            dg_jset(wr, "stmt", json_incref(json_object_get(ws, "id")));
            dg_jset(wr, "sql", json_incref(json_object_get(ws, "sql")));
            dg_jset_str(wr, "note", f->with_rowid->note);
            dg_jset_str(wr, "cond", f->with_rowid->cond);
            dg_jset(o, "with_rowid", wr);
        }
        dg_jset(o, "returning", json_boolean(f->returning));
        if (want(w, "writebacks")) dg_jset(o, "writebacks", binds_json(&f->writebacks, false, "cond"));
        if (f->writeback_enum) dg_jset(o, "writeback_enum", json_true());
        if (f->last_rowid) dg_jset_str(o, "last_rowid", f->last_rowid);
        if (f->many_fn) dg_jset_str(o, "many_fn", f->many_fn);
        if (f->pg_short && want(w, "pg_short")) {
            json_t *ps = json_object(), *ss = json_array_get(stmts, f->pg_short->stmt);
            dg_jset(ps, "stmt", json_incref(json_object_get(ss, "id")));
            dg_jset_str(ps, "cond", f->pg_short->cond);
            dg_jset(ps, "n", json_integer(f->pg_short_n));
            dg_jset(o, "pg_short", ps);
        }
    }
    if (f->prepared && want(w, "prepare")) dg_jset(o, "prepare", lines_json(&f->prepare));
    if (f->prepared && want(w, "after")) dg_jset(o, "after", lines_json(&f->after));
    if (f->missing) dg_jset_str(o, "missing", f->missing);
    if (f->conflict_msg) dg_jset_str(o, "conflict_msg", f->conflict_msg);
    if (f->pg_types) {
        dg_jset_str(o, "pg_types", f->pg_types);
        dg_jset(o, "nparams", json_integer(f->nparams));
    }
    if (f->pg_results) {
        dg_jset_str(o, "pg_results", f->pg_results);
        dg_jset(o, "nresults", json_integer(f->nresults));
    }
    return o;
}

static json_t *funcs_json(const dg_vfuncs *fs, json_t *stmts, const dg_tmpl_names *w)
{
    json_t *a = json_array();
    for (size_t i = 0; i < fs->len; i++) json_array_append_new(a, func_json(&fs->items[i], stmts, w));
    return a;
}

/* PostgreSQL: the writes' form of the validator (validators_c.tmpl,
 * validate_c.tmpl): its name, and the texts measured once (len__[k]). */
static json_t *validator_check_json(const dg_vtable *vt)
{
    const dg_validator *v = &vt->val;
    json_t *o = json_object(), *measure = json_array();
    char *fn = dg_xprintf("%s__valid", vt->val_struct);
    for (size_t k = 0; k < v->measured.len; k++) {
        int f = dg_vtable_field(vt, vt->t->columns.items[v->measured.items[k]].name);
        char *ref = dg_xprintf("row->%s", vt->f.items[f].name);
        json_t *m = json_object();
        dg_jset(m, "k", json_integer((json_int_t)k));
        dg_jset_str(m, "ref", ref);
        json_array_append_new(measure, m);
        free(ref);
    }
    dg_jset_str(o, "fn", fn);
    dg_jset(o, "measure", measure);
    dg_jset(o, "nmeasured", json_integer((json_int_t)v->measured.len));
    free(fn);
    return o;
}

static json_t *validator_json(const dg_vtable *vt, const dg_tmpl_names *w)
{
    const dg_validator *v = &vt->val;
    const dg_table *t = vt->t;
    json_t *o = json_object(), *rules = json_array(), *pats = json_array(), *skipped = json_array();
    size_t nrules = want(w, "rules") ? v->rules.len : 0;
    for (size_t i = 0; i < nrules; i++) {
        const dg_vrule *r = &v->rules.items[i];
        json_t *j = json_object();
        dg_jset_str(j, "cond", r->cond);
        if (v->pg) dg_jset_str(j, "cond_len", r->cond_len ? r->cond_len : r->cond);
        dg_jset_str(j, "code", r->code);
        dg_jset_str(j, "field", r->column >= 0 ? t->columns.items[r->column].name : "");
        dg_jset_str(j, "message", r->message);
        json_array_append_new(rules, j);
    }
    for (size_t i = 0; i < v->patterns.len; i++) {
        json_t *j = json_object();
        dg_jset_str(j, "name", v->patterns.items[i].name);
        dg_jset_str(j, "ere", v->patterns.items[i].ere);
        json_array_append_new(pats, j);
    }
    for (size_t i = 0; i < v->skipped.len; i++) {
        json_t *j = json_object();
        dg_jset_str(j, "sql", v->skipped.items[i].sql);
        dg_jset_str(j, "reason", v->skipped.items[i].reason);
        json_array_append_new(skipped, j);
    }
    dg_jset_str(o, "fn", vt->val_fn);
    dg_jset_str(o, "struct", vt->val_struct);
    dg_jset_str(o, "table", t->name);
    dg_jset(o, "rules", rules);
    dg_jset(o, "patterns", pats);
    dg_jset(o, "not_compiled", skipped);
    if (v->pg && want(w, "check")) dg_jset(o, "check", validator_check_json(vt));
    return o;
}

static json_t *patch_field_json(const dg_vtable *vt, const dg_vpatch_field *pf)
{
    const dg_cbind *f = &vt->f.items[pf->field];
    const dg_vfield *fx = &vt->fx.items[pf->field];
    json_t *o = json_object();
    dg_jset_str(o, "name", f->name);
    dg_jset_str(o, "decl", pf->decl ? pf->decl : fx->decl);
    dg_jset_str(o, "comment", pf->comment ? pf->comment : fx->comment);
    if (f->has) dg_jset_str(o, "has", f->has);
    if (pf->has_decl) dg_jset_str(o, "has_decl", pf->has_decl);
    if (pf->set) {
        dg_jset_str(o, "set_decl", pf->set_decl);
        dg_jset_str(o, "set", pf->set);
    }
    return o;
}

/* p's check: copies of the validator's rules (`val`), with their guard. */
static json_t *patch_check_json(const dg_vpatch *p, json_t *val, const dg_tmpl_names *w)
{
    json_t *rules = json_array(), *check = json_object();
    size_t nrules = want(w, "rules") ? p->check.len : 0;
    for (size_t i = 0; i < nrules; i++) {
        json_t *c = json_copy(json_array_get(json_object_get(val, "rules"), p->check.items[i].rule));
        dg_jset_str(c, "guard", p->check.items[i].guard);
        json_object_set_nocheck(c, "table", json_object_get(val, "table"));
        json_array_append_new(rules, c);
    }
    dg_jset_str(check, "fn", p->check_fn);
    dg_jset(check, "rules", rules);
    return check;
}

static json_t *patch_json(const dg_vtable *vt, const dg_vpatch *p, json_t *stmts, json_t *val, const dg_tmpl_names *w)
{
    json_t *o = json_object(), *fields = json_array(), *sets = json_array(), *bits = json_array();
    dg_jset_str(o, "type", p->type);
    dg_jset_str(o, "fn", p->fn);
    dg_jset_str(o, "sets_array", p->sets_array);
    dg_jset_str(o, "params", p->params);
    dg_jset_str(o, "head", p->head);
    dg_jset(o, "head_len", json_integer((json_int_t)strlen(p->head)));
    dg_jset_str(o, "tail", p->tail);
    dg_jset(o, "tail_len", json_integer((json_int_t)strlen(p->tail)));
    dg_jset(o, "sql_max", json_integer((json_int_t)p->sql_max));
    dg_jset(o, "nsets", json_integer(p->nsets));
    dg_jset(o, "stmt", json_incref(json_object_get(json_array_get(stmts, p->stmt), "id")));
    size_t nfields = want(w, "fields") ? p->fields.len : 0;
    for (size_t i = 0; i < nfields; i++) json_array_append_new(fields, patch_field_json(vt, &p->fields.items[i]));
    dg_jset(o, "fields", fields);
    for (size_t i = 0; i < p->sets.len; i++) json_array_append_new(sets, dg_jobj1("sql", p->sets.items[i]));
    dg_jset(o, "sets", sets);
    if (want(w, "binds")) dg_jset(o, "binds", binds_json(&p->binds, true, "cond"));
    size_t nbits = want(w, "bits") ? p->bits.len : 0;
    for (size_t i = 0; i < nbits; i++) {
        json_t *b = json_object();
        if (p->bits.items[i].cond) dg_jset_str(b, "cond", p->bits.items[i].cond);
        dg_jset(b, "bit", json_integer(p->bits.items[i].bit));
        json_array_append_new(bits, b);
    }
    dg_jset(o, "bits", bits);
    if (want(w, "prepare")) dg_jset(o, "prepare", lines_json(&p->prepare));
    if (want(w, "after")) dg_jset(o, "after", lines_json(&p->after));
    dg_jset_str(o, "missing", p->missing);
    dg_jset_str(o, "empty", p->empty);
    if (p->check_fn && want(w, "check")) dg_jset(o, "check", patch_check_json(p, val, w));
    if (p->pg_key_types) {
        dg_jset_str(o, "pg_key_types", p->pg_key_types);
        dg_jset_str(o, "pg_set_types", p->pg_set_types.len ? p->pg_set_types.data : "");
        dg_jset(o, "nkeys", json_integer(p->nkeys));
        dg_jset(o, "nparams_max", json_integer(p->nkeys + p->nsets));
    }
    return o;
}

/* The finishing pass's keys; `val` the validator's JSON (or NULL). */
static void finished_json(const dg_vtable *vt, json_t *o, json_t *stmts, json_t *val, const dg_tmpl_names *w)
{
    dg_jset(o, "version", json_boolean(vt->version));
    if (vt->fills) dg_jset_str(o, "fills", vt->fills);
    if (want(w, "reads")) dg_jset(o, "reads", binds_json(&vt->reads, true, "after"));
    dg_jset(o, "enum_text", json_boolean(vt->enum_text));
    if (vt->pg_results) {
        dg_jset_str(o, "pg_results", vt->pg_results);
        dg_jset(o, "nresults", json_integer(vt->nresults));
    }
    bool missing = vt->missing_fn != NULL && want(w, "missing_fn");
    if (vt->insert && want(w, "insert")) dg_jset(o, "insert", func_json(vt->insert, stmts, w));
    if (vt->get && want(w, "get")) dg_jset(o, "get", func_json(vt->get, stmts, w));
    for (int at = DG_VMISSING_UPDATE; at <= DG_VMISSING_DELETE; at++) {
        if (missing && (int)vt->missing_at == at) dg_jset(o, "missing_fn", func_json(vt->missing_fn, stmts, w));
        if (at == DG_VMISSING_UPDATE && vt->update && want(w, "update"))
            dg_jset(o, "update", func_json(vt->update, stmts, w));
        if (at == DG_VMISSING_PATCH && vt->patch && want(w, "patch"))
            dg_jset(o, "patch", patch_json(vt, vt->patch, stmts, val, w));
        if (at == DG_VMISSING_DELETE && vt->del && want(w, "delete"))
            dg_jset(o, "delete", func_json(vt->del, stmts, w));
    }
    if (vt->upsert && want(w, "upsert")) dg_jset(o, "upsert", func_json(vt->upsert, stmts, w));
    if (vt->count && want(w, "count")) dg_jset(o, "count", func_json(vt->count, stmts, w));
    if (vt->t && !vt->virt && want(w, "get_by")) dg_jset(o, "get_by", funcs_json(&vt->get_by, stmts, w));
    if (want(w, "lists")) dg_jset(o, "lists", funcs_json(&vt->lists, stmts, w));
}

json_t *dg_vtable_to_json(const dg_vtable *vt, json_t *stmts, json_t *enums)
{
    return dg_vtable_to_json_want(vt, stmts, enums, NULL);
}

json_t *dg_vtable_to_json_want(const dg_vtable *vt, json_t *stmts, json_t *enums, const dg_tmpl_names *w)
{
    json_t *o = json_object(), *fields = json_array(), *val = NULL;
    dg_jset_str(o, "name", vt->name);
    dg_jset_str(o, "row", vt->row);
    dg_jset_str(o, "struct", vt->strct);
    dg_jset_str(o, "fn", vt->strct);
    dg_jset_str(o, "iter", vt->iter);
    dg_jset_str(o, "reader", vt->reader);
    if (vt->t) {
        dg_jset(o, "has_pk", json_boolean(vt->has_pk));
        dg_jset(o, "virtual", json_boolean(vt->virt));
        dg_jset(o, "fts5", json_boolean(vt->fts5));
    }
    dg_jset(o, "is_view", json_boolean(vt->view != NULL));
    dg_jset_str(o, "heading", vt->heading);
    size_t nfields = want(w, "fields") ? vt->f.len : 0;
    for (size_t i = 0; i < nfields; i++) json_array_append_new(fields, field_json(vt, i));
    dg_jset(o, "fields", fields);
    if (vt->user_struct) {
        dg_jset_str(o, "user_struct", vt->user_type);
        dg_jset_str(o, "user_header", vt->user_header);
    }
    if (vt->validated) {
        json_t *mine = json_array();
        for (size_t i = 0; i < vt->enums.len; i++)
            json_array_append(mine, json_array_get(enums, vt->enums.items[i]));
        dg_jset(o, "enums", mine);
        /* the patch's check copies the validator's rules */
        if (vt->val_fn && (want(w, "validator") || want(w, "check"))) val = validator_json(vt, w);
        if (val && want(w, "validator")) dg_jset(o, "validator", json_incref(val));
    }
    if (vt->finished) finished_json(vt, o, stmts, val, w);
    json_decref(val);
    return o;
}

/* dg_tmpl_list's items: the tables (v->items[0, ntables)), then the views. */
static json_t *table_item(void *ctx, size_t i, const dg_tmpl_names *w)
{
    const dg_vtables_lists *l = ctx;
    return dg_vtable_to_json_want(&l->v->items.items[i], l->stmts, l->enums, w);
}

static json_t *view_item(void *ctx, size_t i, const dg_tmpl_names *w)
{
    const dg_vtables_lists *l = ctx;
    return dg_vtable_to_json_want(&l->v->items.items[l->ntables + i], l->stmts, l->enums, w);
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

/* The root; with `lists`, without its tables and views, which `lists`
 * makes one at a time. */
static json_t *to_json(const dg_vtables *v, dg_vtables_lists *lists)
{
    json_t *root = root_names(&v->root);
    json_t *stmts = dg_vstmts_to_json(&v->stmts), *enums = dg_venums_to_json(&v->enums);
    dg_jset(root, "stmts", stmts);
    dg_jset(root, "enums", enums);
    if (!lists) {
        json_t *tables = json_array(), *views = json_array();
        for (size_t i = 0; i < v->items.len; i++)
            json_array_append_new(v->items.items[i].t ? tables : views,
                                  dg_vtable_to_json(&v->items.items[i], stmts, enums));
        dg_jset(root, "tables", tables);
        dg_jset(root, "views", views);
    } else {
        *lists = (dg_vtables_lists){v, stmts, enums, 0, {{0}}};
        while (lists->ntables < v->items.len && v->items.items[lists->ntables].t) lists->ntables++;
        lists->lists[0] = (dg_tmpl_list){"tables", lists->ntables, table_item, lists};
        lists->lists[1] = (dg_tmpl_list){"views", v->items.len - lists->ntables, view_item, lists};
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
