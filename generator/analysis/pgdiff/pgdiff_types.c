/* pgdiff_types.c - schemas, extensions, enums, domains and sequences.
 *
 * An enum that only gains labels gets `ALTER TYPE ... ADD VALUE` (in the
 * no-transaction section: a label added in a transaction is unusable until
 * it commits).  One that loses or reorders labels is renamed away, created
 * again, its columns retyped through text, and the old type dropped.
 * Sequences owned by a column (serial, identity) are paired through their
 * column, so that a renamed column keeps its counter; one left unpaired is
 * kept by its name when the new side has a sequence of that name (not an
 * identity's), its OWNED BY moved: a serial column's table dropped while a
 * new table's column takes the sequence keeps the counter. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "analysis/pgdiff/pgdiff_int.h"

#define PD_OLD_SUFFIX "__dalgen_old"

static bool has(const dg_strings *v, const char *s)
{
    for (size_t i = 0; i < v->len; i++)
        if (!strcmp(v->items[i], s)) return true;
    return false;
}

static const dg_pg_enum *enum_in(const dg_schema *s, const char *schema, const char *name)
{
    for (size_t i = 0; i < s->enums.len; i++)
        if (!strcmp(s->enums.items[i].schema, schema) && !strcmp(s->enums.items[i].name, name)) return &s->enums.items[i];
    return NULL;
}

bool pd_enum_rebuilt(const pd_ctx *c, const char *schema, const char *name)
{
    char *q = pd_qualified(schema, name);
    bool r = has(&c->rebuilt_enums, q);
    free(q);
    return r;
}

/* Whether `o` is `n` with labels added (every old label kept, in order). */
static bool only_added(const dg_strings *o, const dg_strings *n)
{
    size_t k = 0;
    for (size_t i = 0; i < n->len && k < o->len; i++)
        if (!strcmp(n->items[i], o->items[k])) k++;
    return k == o->len;
}

static char *label_list(const dg_strings *v)
{
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < v->len; i++) {
        char *l = pd_lit(v->items[i]);
        dg_buf_cat(&b, i ? ", " : "", l, NULL);
        free(l);
    }
    return dg_buf_steal(&b);
}

static void enum_changed(pd_ctx *c, const dg_pg_enum *o, const dg_pg_enum *n)
{
    char *q = pd_qq(n->schema, n->name);
    if (only_added(&o->labels, &n->labels)) {
        for (size_t i = 0; i < n->labels.len; i++) {
            if (has(&o->labels, n->labels.items[i])) continue;
            char *l = pd_lit(n->labels.items[i]);
            char *at = pd_lit(i ? n->labels.items[i - 1] : o->labels.len ? o->labels.items[0] : "");
            if (!o->labels.len) pd_stmt(c, PD_ADD_LABEL, "ALTER TYPE %s ADD VALUE %s;", q, l);
            else pd_stmt(c, PD_ADD_LABEL, "ALTER TYPE %s ADD VALUE %s %s %s;", q, l, i ? "AFTER" : "BEFORE", at);
            free(l), free(at);
        }
        free(q);
        return;
    }
    DG_VEC_PUSH(&c->rebuilt_enums, pd_qualified(o->schema, o->name));
    char *old = dg_xprintf("%s%s", o->name, PD_OLD_SUFFIX), *oq = pd_q(old), *oqq = pd_qq(o->schema, old);
    char *labels = label_list(&n->labels);
    pd_stmt(c, PD_TYPES, "ALTER TYPE %s RENAME TO %s;", q, oq);
    pd_stmt(c, PD_TYPES, "CREATE TYPE %s AS ENUM (%s);", q, labels);
    pd_stmt(c, PD_TYPES_DONE, "DROP TYPE %s;", oqq);
    for (size_t i = 0; i < o->labels.len; i++)
        if (!has(&n->labels, o->labels.items[i]))
            pd_lint(c, (dg_loc){0}, DG_LINT_DESTRUCTIVE, DG_LINT_NARROW_TYPE,
                    "enum %s loses the label '%s': fails when a row holds it", n->name, o->labels.items[i]);
    free(old), free(oq), free(oqq), free(labels), free(q);
}

static void enums(pd_ctx *c)
{
    for (size_t i = 0; i < c->to->enums.len; i++) {
        const dg_pg_enum *n = &c->to->enums.items[i], *o = enum_in(c->from, n->schema, n->name);
        if (o) {
            enum_changed(c, o, n);
            continue;
        }
        char *q = pd_qq(n->schema, n->name), *labels = label_list(&n->labels);
        pd_stmt(c, PD_TYPES, "CREATE TYPE %s AS ENUM (%s);", q, labels);
        free(q), free(labels);
    }
    for (size_t i = 0; i < c->from->enums.len; i++) {
        const dg_pg_enum *o = &c->from->enums.items[i];
        if (enum_in(c->to, o->schema, o->name)) continue;
        char *q = pd_qq(o->schema, o->name);
        pd_stmt(c, PD_DROP_OBJ, "DROP TYPE %s;", q);
        free(q);
    }
}

static const dg_pg_domain *domain_in(const dg_schema *s, const char *schema, const char *name)
{
    for (size_t i = 0; i < s->domains.len; i++)
        if (!strcmp(s->domains.items[i].schema, schema) && !strcmp(s->domains.items[i].name, name)) return &s->domains.items[i];
    return NULL;
}

static char *domain_sql(const dg_pg_domain *d)
{
    dg_buf b = DG_BUF_INIT;
    char *q = pd_qq(d->schema, d->name);
    dg_buf_cat(&b, "CREATE DOMAIN ", q, " AS ", d->base, NULL);
    free(q);
    if (d->collation) {
        char *cq = pd_q(d->collation);
        dg_buf_cat(&b, " COLLATE ", cq, NULL);
        free(cq);
    }
    if (d->default_sql) dg_buf_cat(&b, " DEFAULT ", d->default_sql, NULL);
    if (d->not_null) dg_buf_puts(&b, " NOT NULL");
    for (size_t k = 0; k < d->checks.len; k++) {
        char *n = pd_q(d->checks.items[k].name);
        dg_buf_cat(&b, " CONSTRAINT ", n, " CHECK (", d->checks.items[k].expr, ")", NULL);
        free(n);
    }
    dg_buf_putc(&b, ';');
    return dg_buf_steal(&b);
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static bool has_check(const dg_pg_domain *d, const dg_check *k)
{
    for (size_t i = 0; i < d->checks.len; i++)
        if (same_str(d->checks.items[i].name, k->name) && !strcmp(d->checks.items[i].expr, k->expr)) return true;
    return false;
}

static void domain_changed(pd_ctx *c, const dg_pg_domain *o, const dg_pg_domain *n)
{
    char *q = pd_qq(n->schema, n->name);
    if (strcmp(o->base, n->base) != 0 || !same_str(o->collation, n->collation))
        pd_lint(c, (dg_loc){0}, DG_LINT_ERROR, DG_LINT_CANNOT_APPLY,
                "domain %s changes its base type or collation: PostgreSQL cannot alter that (make a new domain)", n->name);
    if (!same_str(o->default_sql, n->default_sql)) {
        if (n->default_sql) pd_stmt(c, PD_TYPES, "ALTER DOMAIN %s SET DEFAULT %s;", q, n->default_sql);
        else pd_stmt(c, PD_TYPES, "ALTER DOMAIN %s DROP DEFAULT;", q);
    }
    for (size_t i = 0; i < o->checks.len; i++) {
        if (has_check(n, &o->checks.items[i])) continue;
        char *k = pd_q(o->checks.items[i].name);
        pd_stmt(c, PD_DROP_CON, "ALTER DOMAIN %s DROP CONSTRAINT %s;", q, k);
        free(k);
    }
    for (size_t i = 0; i < n->checks.len; i++) {
        if (has_check(o, &n->checks.items[i])) continue;
        char *k = pd_q(n->checks.items[i].name);
        pd_stmt(c, PD_ADD_CON, "ALTER DOMAIN %s ADD CONSTRAINT %s CHECK (%s);", q, k, n->checks.items[i].expr);
        free(k);
    }
    if (o->not_null != n->not_null) pd_stmt(c, PD_ADD_CON, "ALTER DOMAIN %s %s NOT NULL;", q, n->not_null ? "SET" : "DROP");
    free(q);
}

static void domains(pd_ctx *c)
{
    for (size_t i = 0; i < c->to->domains.len; i++) {
        const dg_pg_domain *n = &c->to->domains.items[i], *o = domain_in(c->from, n->schema, n->name);
        if (o) domain_changed(c, o, n);
        else DG_VEC_PUSH(&c->phase[PD_TYPES], domain_sql(n));
    }
    for (size_t i = 0; i < c->from->domains.len; i++) {
        const dg_pg_domain *o = &c->from->domains.items[i];
        if (domain_in(c->to, o->schema, o->name)) continue;
        char *q = pd_qq(o->schema, o->name);
        pd_stmt(c, PD_DROP_OBJ, "DROP DOMAIN %s;", q);
        free(q);
    }
}

static bool has_extension(const dg_schema *s, const char *name)
{
    for (size_t i = 0; i < s->extensions.len; i++)
        if (!strcmp(s->extensions.items[i].name, name)) return true;
    return false;
}

static void schemas(pd_ctx *c)
{
    for (size_t i = 0; i < c->to->schemas.len; i++) {
        if (has(&c->from->schemas, c->to->schemas.items[i])) continue;
        char *q = pd_q(c->to->schemas.items[i]);
        pd_stmt(c, PD_SCHEMA, "CREATE SCHEMA %s;", q);
        free(q);
    }
    for (size_t i = 0; i < c->to->extensions.len; i++) {
        const dg_pg_extension *e = &c->to->extensions.items[i];
        if (has_extension(c->from, e->name)) continue;
        char *n = pd_q(e->name), *s = pd_q(e->schema);
        pd_stmt(c, PD_SCHEMA, "CREATE EXTENSION IF NOT EXISTS %s WITH SCHEMA %s;", n, s);
        free(n), free(s);
    }
    for (size_t i = 0; i < c->from->extensions.len; i++) {
        if (has_extension(c->to, c->from->extensions.items[i].name)) continue;
        char *n = pd_q(c->from->extensions.items[i].name);
        pd_stmt(c, PD_DROP_SCHEMA, "DROP EXTENSION %s;", n);
        free(n);
    }
    for (size_t i = 0; i < c->from->schemas.len; i++) {
        if (has(&c->to->schemas, c->from->schemas.items[i])) continue;
        char *q = pd_q(c->from->schemas.items[i]);
        pd_stmt(c, PD_DROP_SCHEMA, "DROP SCHEMA %s;", q);
        free(q);
    }
}

void pd_types(pd_ctx *c)
{
    schemas(c);
    enums(c);
    domains(c);
}

/* ---- sequences ---- */

/* The sequence of `to` that old sequence q continues: through its owning
 * column when it has one, else by name. */
static const dg_pg_sequence *seq_match(pd_ctx *c, const dg_pg_sequence *q)
{
    const char *nt = NULL, *ncol = NULL, *ns = NULL;
    if (q->owner_kind && q->owned_table) {
        const dg_table *o = dg_schema_table_in(c->from, q->schema, q->owned_table);
        pd_pair *pr = o ? pd_pair_of_old(c, o) : NULL;
        ncol = pr && q->owned_column ? pd_new_column(c, o, q->owned_column) : NULL;
        if (!ncol) return NULL;
        nt = pr->n->name;
        ns = pr->n->schema;
    }
    for (size_t i = 0; i < c->to->sequences.len; i++) {
        const dg_pg_sequence *n = &c->to->sequences.items[i];
        if (!q->owner_kind != !n->owner_kind || (q->owner_kind && strcmp(q->owner_kind, n->owner_kind) != 0)) continue;
        if (nt ? (n->owned_table && !strcmp(n->owned_table, nt) && !strcmp(n->owned_column, ncol) && same_str(n->schema, ns))
               : (!strcmp(n->name, q->name) && !strcmp(n->schema, q->schema)))
            return n;
    }
    return NULL;
}

char *pd_seq_options(const dg_pg_sequence *q)
{
    return dg_xprintf("AS %s INCREMENT BY %lld MINVALUE %lld MAXVALUE %lld START WITH %lld CACHE %lld%s", q->type,
                      q->increment, q->min, q->max, q->start, q->cache, q->cycle ? " CYCLE" : " NO CYCLE");
}

static void seq_changed(pd_ctx *c, const dg_pg_sequence *o, const dg_pg_sequence *n)
{
    char *oq = pd_qq(o->schema, o->name), *nq = pd_qq(n->schema, n->name);
    if (strcmp(o->name, n->name) != 0 || strcmp(o->schema, n->schema) != 0) {
        char *nn = pd_q(n->name);
        pd_stmt(c, PD_SEQ_DONE, "ALTER SEQUENCE %s RENAME TO %s;", oq, nn);   /* columns keep their sequence: only its name */
        free(nn);
    }
    char *a = pd_seq_options(o), *b = pd_seq_options(n);
    if (strcmp(a, b) != 0) pd_stmt(c, PD_SEQ_DONE, "ALTER SEQUENCE %s %s;", nq, b);
    free(a), free(b), free(oq), free(nq);
}

const dg_pg_sequence *pd_owned_seq(const dg_schema *s, const char *schema, const char *table, const char *col,
                                   const char *kind)
{
    for (size_t i = 0; i < s->sequences.len; i++) {
        const dg_pg_sequence *q = &s->sequences.items[i];
        if (q->owner_kind && !strcmp(q->owner_kind, kind) && q->owned_table && !strcmp(q->owned_table, table) &&
            q->owned_column && !strcmp(q->owned_column, col) && same_str(q->schema, schema))
            return q;
    }
    return NULL;
}

bool pd_serial_switch(const dg_column *oc, const dg_column *nc)
{
    bool oi = oc->pg && oc->pg->identity, ni = nc->pg && nc->pg->identity;
    if (oi == ni) return false;
    const dg_column *plain = oi ? nc : oc;
    return plain->pg && plain->pg->sequence;
}

/* Whether owned sequence q of side `s` (from or to) belongs to a column
 * that switches between serial and identity (pd_serial_switch). */
static bool switching(pd_ctx *c, const dg_schema *s, const dg_pg_sequence *q)
{
    if (!q->owner_kind || !q->owned_table || !q->owned_column) return false;
    for (size_t i = 0; i < c->pairs.len; i++) {
        const pd_pair *pr = &c->pairs.items[i];
        const dg_table *t = s == c->from ? pr->o : pr->n;
        if (!pr->o || strcmp(t->name, q->owned_table) != 0 || !same_str(t->schema, q->schema)) continue;
        for (size_t k = 0; k < pr->n->columns.len; k++) {
            if (pr->col_map[k] < 0) continue;
            const dg_column *oc = &pr->o->columns.items[pr->col_map[k]], *nc = &pr->n->columns.items[k];
            if (!strcmp((s == c->from ? oc : nc)->name, q->owned_column)) return pd_serial_switch(oc, nc);
        }
    }
    return false;
}

static bool is_identity(const dg_pg_sequence *q)
{
    return q->owner_kind && !strcmp(q->owner_kind, "identity");
}

/* ALTER SEQUENCE q OWNED BY its owner in the new schema (after the tables). */
static void owned_by(pd_ctx *c, const dg_pg_sequence *n)
{
    char *q = pd_qq(n->schema, n->name), *t = pd_qq(n->schema, n->owned_table), *col = pd_q(n->owned_column);
    pd_stmt(c, PD_SEQ_DONE, "ALTER SEQUENCE %s OWNED BY %s.%s;", q, t, col);
    free(q), free(t), free(col);
}

/* The unpaired sequence of `to` named like old sequence o, not an
 * identity's and not a switching column's, or NULL. */
static const dg_pg_sequence *seq_by_name(pd_ctx *c, const dg_pg_sequence *o, const bool *taken)
{
    if (is_identity(o)) return NULL;
    for (size_t i = 0; i < c->to->sequences.len; i++) {
        const dg_pg_sequence *n = &c->to->sequences.items[i];
        if (!taken[i] && !is_identity(n) && !strcmp(n->name, o->name) && !strcmp(n->schema, o->schema) &&
            !switching(c, c->to, n))
            return n;
    }
    return NULL;
}

/* Old sequence o kept as n under another owner (seq_by_name): freed from
 * its old owner before that may be dropped, given to the new one after the
 * tables; the counter stays. */
static void seq_moved(pd_ctx *c, const dg_pg_sequence *o, const dg_pg_sequence *n)
{
    char *q = pd_qq(o->schema, o->name);
    if (o->owned_table) pd_stmt(c, PD_SEQ_FREE, "ALTER SEQUENCE %s OWNED BY NONE;", q);
    free(q);
    seq_changed(c, o, n);
    if (n->owner_kind && n->owned_table && n->owned_column) owned_by(c, n);
}

void pd_sequences(pd_ctx *c)
{
    bool *taken = dg_xcalloc(c->to->sequences.len + 1, sizeof *taken);
    bool *paired = dg_xcalloc(c->from->sequences.len + 1, sizeof *paired);
    for (size_t i = 0; i < c->from->sequences.len; i++) {   /* through their owners first */
        const dg_pg_sequence *o = &c->from->sequences.items[i], *n = seq_match(c, o);
        if (switching(c, c->from, o)) paired[i] = true;   /* identity_change's */
        if (!n || paired[i]) continue;
        taken[n - c->to->sequences.items] = paired[i] = true;
        seq_changed(c, o, n);
    }
    for (size_t i = 0; i < c->from->sequences.len; i++) {
        const dg_pg_sequence *o = &c->from->sequences.items[i], *n = paired[i] ? NULL : seq_by_name(c, o, taken);
        if (paired[i] || is_identity(o)) continue;   /* an identity's goes with its identity */
        if (n) {
            taken[n - c->to->sequences.items] = true;
            seq_moved(c, o, n);
            continue;
        }
        char *q = pd_qq(o->schema, o->name);
        pd_stmt(c, PD_DROP_OBJ, "DROP SEQUENCE %s%s;", o->owner_kind ? "IF EXISTS " : "", q);   /* an owned one may be gone with its column */
        free(q);
    }
    for (size_t i = 0; i < c->to->sequences.len; i++) {
        const dg_pg_sequence *n = &c->to->sequences.items[i];
        if (taken[i] || is_identity(n) || switching(c, c->to, n)) continue;
        char *q = pd_qq(n->schema, n->name), *opt = pd_seq_options(n);
        pd_stmt(c, PD_SEQ, "CREATE SEQUENCE %s %s;", q, opt);
        if (n->owner_kind && n->owned_table && n->owned_column) owned_by(c, n);
        free(q), free(opt);
    }
    free(taken);
    free(paired);
}
