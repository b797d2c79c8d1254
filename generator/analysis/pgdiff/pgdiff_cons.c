/* pgdiff_cons.c - constraints (PRIMARY KEY, UNIQUE, CHECK, EXCLUDE,
 * FOREIGN KEY) and indexes.  Each is keyed by its definition with the old
 * side's names carried through the renames; an old one whose key a new one
 * of the continued table has is kept (renamed when its name differs), the
 * others are dropped before the columns change and added after. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "analysis/pgdiff/pgdiff_int.h"

typedef struct pd_con {
    const char *name;
    char *key;      /* NULL: cannot be kept (a column of it goes or changes type) */
    char *def;      /* ADD CONSTRAINT text (new side) */
    bool keyed;     /* a unique or primary key other tables' foreign keys may need */
    bool taken;
} pd_con;
typedef DG_VEC(pd_con) pd_cons;

static void cons_free(pd_cons *v)
{
    for (size_t i = 0; i < v->len; i++) free(v->items[i].key), free(v->items[i].def);
    DG_VEC_FREE(v);
}

static bool retyped(const pd_ctx *c, const dg_table *o, const char *col)
{
    pd_pair *pr = pd_pair_of_old((pd_ctx *)c, o);
    if (!pr) return true;
    for (size_t i = 0; i < pr->n->columns.len; i++) {
        if (pr->col_map[i] < 0) continue;
        const dg_column *oc = &o->columns.items[pr->col_map[i]], *nc = &pr->n->columns.items[i];
        if (!strcmp(oc->name, col)) return strcmp(oc->type, nc->type) != 0 || (oc->collation != nc->collation &&
                                                  (!oc->collation || !nc->collation || strcmp(oc->collation, nc->collation)));
    }
    return true;
}

/* The names of `cols` on the new side (old table o: through its renames,
 * NULL when one is dropped or, with `strict`, changes type); caller frees. */
static char *col_list(pd_ctx *c, const dg_table *o, const dg_strings *cols, bool strict)
{
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < cols->len; i++) {
        const char *nn = o ? pd_new_column(c, o, cols->items[i]) : cols->items[i];
        if (!nn || (o && strict && retyped(c, o, cols->items[i]))) {
            dg_buf_free(&b);
            return NULL;
        }
        char *q = pd_q(nn);
        dg_buf_cat(&b, i ? ", " : "", q, NULL);
        free(q);
    }
    return dg_buf_steal(&b);
}

static void pk_cols(const dg_table *t, dg_strings *out)
{
    int npk = dg_table_pk_count(t);
    for (int k = 1; k <= npk; k++) dg_strings_push(out, t->columns.items[dg_table_pk_column(t, k)].name);
}

static void push(pd_cons *v, const char *name, char *key, char *def, bool keyed)
{
    pd_con *x = DG_VEC_ADD(v);
    x->name = name;
    x->key = key;
    x->def = def;
    x->keyed = keyed;
}

/* A key built from a column list: "PRIMARY KEY (a, b)" (also the new side's ADD text). */
static void push_cols(pd_cons *v, const char *name, const char *what, char *l, bool new_side)
{
    char *key = l ? dg_xprintf("%s (%s)", what, l) : NULL;
    push(v, name, key, new_side && key ? dg_xstrdup(key) : NULL, true);
    free(l);
}

/* An expression's key: its canonical text, the old side's names carried through the renames. */
static void push_expr(pd_ctx *c, pd_cons *v, const char *name, const char *what, const char *text, const pd_pair *pr,
                      bool new_side, char *def)
{
    char *k = new_side ? dd_canon(text, NULL, NULL) : dd_canon(text, pr ? &pr->col_renames : NULL, &c->table_renames);
    push(v, name, dg_xprintf("%s %s", what, k), def, false);
    free(k);
}

/* The constraints of t other than foreign keys; `o` is the old table
 * (names carried) or NULL (t is of the new side). */
static void table_cons(pd_ctx *c, const dg_table *t, const dg_table *o, pd_cons *v)
{
    pd_pair *pr = o ? pd_pair_of_old(c, o) : NULL;
    dg_strings pk = {0};
    pk_cols(t, &pk);
    if (pk.len && t->pk_name) push_cols(v, t->pk_name, "PRIMARY KEY", col_list(c, o, &pk, false), !o);
    dg_strings_free(&pk);
    for (size_t i = 0; i < t->uniques.len; i++)
        push_cols(v, t->uniques.items[i].name, "UNIQUE", col_list(c, o, &t->uniques.items[i].columns, false), !o);
    for (size_t i = 0; i < t->checks.len; i++)
        push_expr(c, v, t->checks.items[i].name, "CHECK", t->checks.items[i].expr, pr, !o,
                  o ? NULL : dg_xprintf("CHECK (%s)", t->checks.items[i].expr));
    for (size_t i = 0; i < t->exclusions.len; i++)
        push_expr(c, v, t->exclusions.items[i].name, "EXCLUDE", t->exclusions.items[i].sql, pr, !o,
                  o ? NULL : dg_xstrdup(t->exclusions.items[i].sql));
}

static const dg_table *old_table(const dg_schema *s, const char *schema, const char *name)
{
    return dg_schema_table_in(s, schema, name);
}

/* Foreign keys of t keyed with the parent's new name and columns. */
static void fk_cons(pd_ctx *c, const dg_table *t, const dg_table *o, pd_cons *v, const bool *parent_rekeyed)
{
    for (size_t i = 0; i < t->foreign_keys.len; i++) {
        const dg_foreign_key *fk = &t->foreign_keys.items[i];
        const dg_table *parent = old_table(o ? c->from : c->to, fk->table_schema, fk->table);
        const dg_table *np = parent;
        if (o && parent) {
            pd_pair *pp = pd_pair_of_old(c, parent);
            np = pp ? pp->n : NULL;
            if (parent_rekeyed[parent - c->from->tables.items]) np = NULL;
        }
        char *cols = col_list(c, o, &fk->columns, true);
        char *to = np ? col_list(c, o ? parent : NULL, &fk->to, true) : NULL;
        char *pq = np ? pd_qq(np->schema, np->name) : NULL;
        char *key = cols && to && pq ? dg_xprintf("FOREIGN KEY (%s) REFERENCES %s (%s)%s%s ON UPDATE %s ON DELETE %s%s%s", cols,
                                                  pq, to, fk->match ? " MATCH " : "", fk->match ? fk->match : "",
                                                  fk->on_update, fk->on_delete, fk->deferrable_sql ? " " : "",
                                                  fk->deferrable_sql ? fk->deferrable_sql : "")
                                     : NULL;
        push(v, fk->name, key, key && !o ? dg_xstrdup(key) : NULL, false);
        free(cols), free(to), free(pq);
    }
}

/* Pairs old and new constraints of one table: drops, adds and renames. */
static void reconcile(pd_ctx *c, const dg_table *o, const dg_table *n, pd_cons *ov, pd_cons *nv, bool fk, bool *rekeyed)
{
    char *oq = o ? pd_qq(o->schema, o->name) : NULL, *nq = n ? pd_qq(n->schema, n->name) : NULL;
    for (size_t i = 0; i < ov->len; i++) {
        pd_con *x = &ov->items[i];
        pd_con *m = NULL;
        for (size_t k = 0; x->key && k < nv->len && !m; k++)
            if (!nv->items[k].taken && !strcmp(nv->items[k].key, x->key)) m = &nv->items[k];
        if (m) {
            m->taken = true;
            if (strcmp(m->name, x->name) != 0) {
                char *a = pd_q(x->name), *b = pd_q(m->name);
                pd_stmt(c, PD_ADD_CON, "ALTER TABLE %s RENAME CONSTRAINT %s TO %s;", nq, a, b);
                free(a), free(b);
            }
            continue;
        }
        if (!n) continue;   /* its table is dropped, and its constraints with it */
        char *a = pd_q(x->name);
        pd_stmt(c, fk ? PD_DROP_FK : PD_DROP_CON, "ALTER TABLE %s DROP CONSTRAINT %s;", oq, a);
        free(a);
        if (x->keyed && rekeyed) *rekeyed = true;
    }
    for (size_t k = 0; nq && k < nv->len; k++) {
        pd_con *m = &nv->items[k];
        if (m->taken) continue;
        char *a = pd_q(m->name);
        /* --online on an existing table: checked NOT VALID, validated after the transaction (no write lock) */
        bool later = c->online && o && (fk || !strncmp(m->key, "CHECK ", 6));
        pd_stmt(c, fk ? PD_ADD_FK : PD_ADD_CON, "ALTER TABLE %s ADD CONSTRAINT %s %s%s;", nq, a, m->def ? m->def : m->key,
                later ? " NOT VALID" : "");
        if (later) pd_stmt(c, PD_ONLINE, "ALTER TABLE %s VALIDATE CONSTRAINT %s;", nq, a);
        free(a);
    }
    free(oq);
    free(nq);
}

/* The foreign keys of a dropped table into another dropped table: dropped
 * first, so that the tables may go in any order. */
static void drop_fks_between_dropped(pd_ctx *c, const dg_table *o)
{
    char *oq = pd_qq(o->schema, o->name);
    for (size_t i = 0; i < o->foreign_keys.len; i++) {
        const dg_foreign_key *fk = &o->foreign_keys.items[i];
        const dg_table *parent = old_table(c->from, fk->table_schema, fk->table);
        if (!parent || parent == o || pd_pair_of_old(c, parent)) continue;
        char *a = pd_q(fk->name);
        pd_stmt(c, PD_DROP_FK, "ALTER TABLE %s DROP CONSTRAINT %s;", oq, a);
        free(a);
    }
    free(oq);
}

void pd_constraints(pd_ctx *c)
{
    size_t nf = c->from->tables.len;
    bool *rekeyed = dg_xcalloc(nf + 1, sizeof *rekeyed);
    for (size_t i = 0; i < nf; i++) {   /* old tables that are dropped: only their FKs into kept tables matter */
        const dg_table *o = &c->from->tables.items[i];
        pd_pair *pr = pd_pair_of_old(c, o);
        pd_cons ov = {0}, nv = {0};
        table_cons(c, o, o, &ov);
        if (pr) table_cons(c, pr->n, NULL, &nv);
        reconcile(c, o, pr ? pr->n : NULL, &ov, &nv, false, &rekeyed[i]);
        cons_free(&ov), cons_free(&nv);
    }
    for (size_t i = 0; i < c->pairs.len; i++) {   /* new tables */
        pd_pair *pr = &c->pairs.items[i];
        if (pr->o) continue;
        pd_cons nv = {0}, none = {0};
        table_cons(c, pr->n, NULL, &nv);
        for (size_t k = 0; k < nv.len; k++) nv.items[k].taken = true;   /* CREATE TABLE holds them */
        reconcile(c, NULL, pr->n, &none, &nv, false, NULL);
        cons_free(&nv);
    }
    for (size_t i = 0; i < nf; i++) {
        const dg_table *o = &c->from->tables.items[i];
        pd_pair *pr = pd_pair_of_old(c, o);
        pd_cons ov = {0}, nv = {0};
        fk_cons(c, o, o, &ov, rekeyed);
        if (pr) fk_cons(c, pr->n, NULL, &nv, rekeyed);
        if (!pr) {   /* a dropped table's FKs into tables that stay go with it (DROP TABLE) */
            drop_fks_between_dropped(c, o);
            cons_free(&ov);
            continue;
        }
        reconcile(c, o, pr->n, &ov, &nv, true, NULL);
        cons_free(&ov), cons_free(&nv);
    }
    for (size_t i = 0; i < c->pairs.len; i++) {
        pd_pair *pr = &c->pairs.items[i];
        if (pr->o) continue;
        pd_cons nv = {0}, none = {0};
        fk_cons(c, pr->n, NULL, &nv, rekeyed);
        reconcile(c, NULL, pr->n, &none, &nv, true, NULL);
        cons_free(&nv);
    }
    free(rekeyed);
}

/* The table an index of s is on. */
static const dg_table *index_table(const dg_schema *s, const dg_index *ix)
{
    return dg_index_table(s, ix);
}

/* "UNIQUE ON ..." of pg_get_indexdef after its name; the old side's names
 * carried through the renames of its table. */
static char *index_key(pd_ctx *c, const dg_index *ix, const dg_table *o)
{
    const char *on = ix->sql ? strstr(ix->sql, " ON ") : NULL;
    if (!on) return NULL;
    pd_pair *pr = o ? pd_pair_of_old(c, o) : NULL;
    if (o && !pr) return NULL;
    char *k = o ? dd_canon(on, &pr->col_renames, &c->table_renames) : dd_canon(on, NULL, NULL);
    char *key = dg_xprintf("%s%s", ix->unique ? "UNIQUE" : "", k);
    free(k);
    return key;
}

/* Whether table t of `to` exists before the migration (it may hold rows). */
static bool existing(pd_ctx *c, const dg_table *t)
{
    for (size_t i = 0; t && i < c->pairs.len; i++)
        if (c->pairs.items[i].n == t) return c->pairs.items[i].o != NULL;
    return false;
}

/* CREATE INDEX; --online on an existing table: CONCURRENTLY, in the last
 * no-transaction section (writers go on while it builds). */
static void create_index(pd_ctx *c, const dg_index *ix)
{
    const char *at = ix->sql ? strstr(ix->sql, "INDEX ") : NULL;
    if (!c->online || !at || !existing(c, index_table(c->to, ix))) {
        pd_stmt(c, PD_INDEX, "%s;", ix->sql);
        return;
    }
    at += 6;
    pd_stmt(c, PD_ONLINE, "%.*sCONCURRENTLY %s;", (int)(at - ix->sql), ix->sql, at);
}

/* --online: the new index of `to` that takes the place of old index ix of
 * pair pr (the same name on the same table, another definition), or nn. */
static size_t replacement(pd_ctx *c, const dg_index *ix, const pd_pair *pr, const bool *taken)
{
    size_t nn = c->to->indexes.len;
    for (size_t k = 0; c->online && k < nn; k++) {
        const dg_index *nx = &c->to->indexes.items[k];
        if (!taken[k] && !strcmp(nx->name, ix->name) && index_table(c->to, nx) == pr->n && nx->sql &&
            strstr(nx->sql, "INDEX ") && strstr(strstr(nx->sql, "INDEX "), " ON "))
            return k;
    }
    return nn;
}

/* --online, an index whose definition changes: the new one built
 * CONCURRENTLY under a temporary name, the old one dropped CONCURRENTLY,
 * the new one renamed; the old index serves queries until the new one is
 * valid, and each step may run again after a crash (IF EXISTS; the runner
 * drops an INVALID index before building it again). */
static void replace_index(pd_ctx *c, const dg_index *nx, const pd_pair *pr)
{
    /* the temporary name fits PostgreSQL's 63 bytes (cut on a character boundary) */
    size_t keep = strlen(nx->name);
    if (keep > 63 - strlen(PD_INDEX_TMP)) keep = 63 - strlen(PD_INDEX_TMP);
    while (keep > 0 && ((unsigned char)nx->name[keep] & 0xC0) == 0x80) keep--;
    char *tmp = dg_xprintf("%.*s%s", (int)keep, nx->name, PD_INDEX_TMP);
    char *tq = pd_q(tmp), *tqq = pd_qq(pr->n->schema, tmp), *oq = pd_qq(pr->n->schema, nx->name), *nq = pd_q(nx->name);
    const char *head = strstr(nx->sql, "INDEX ") + 6, *name_end = head;
    if (*head == '"')   /* a quoted name may hold " ON " (and "" for a quote) */
        for (name_end++; *name_end && !(name_end[0] == '"' && name_end[1] != '"'); name_end += name_end[0] == '"' ? 2 : 1) {}
    const char *on = strstr(name_end, " ON ");
    pd_stmt(c, PD_ONLINE, "%.*sCONCURRENTLY %s%s;", (int)(head - nx->sql), nx->sql, tq, on);
    pd_stmt(c, PD_ONLINE, "DROP INDEX CONCURRENTLY IF EXISTS %s;", oq);
    pd_stmt(c, PD_ONLINE, "ALTER INDEX IF EXISTS %s RENAME TO %s;", tqq, nq);
    free(tmp), free(tq), free(tqq), free(oq), free(nq);
}

void pd_indexes(pd_ctx *c)
{
    size_t nn = c->to->indexes.len, no = c->from->indexes.len;
    bool *taken = dg_xcalloc(nn + 1, sizeof *taken), *gone = dg_xcalloc(no + 1, sizeof *gone);
    const pd_pair **replaces = dg_xcalloc(nn + 1, sizeof *replaces);   /* per new index: the pair of the old one */
    char **nkeys = dg_xcalloc(nn + 1, sizeof *nkeys);
    for (size_t k = 0; k < nn; k++) nkeys[k] = index_key(c, &c->to->indexes.items[k], NULL);
    for (size_t i = 0; i < no; i++) {
        const dg_index *ix = &c->from->indexes.items[i];
        const dg_table *o = index_table(c->from, ix);
        pd_pair *pr = o ? pd_pair_of_old(c, o) : NULL;
        if (!pr) continue;   /* dropped with its table */
        char *key = index_key(c, ix, o);
        size_t m = nn;
        for (size_t k = 0; key && k < nn && m == nn; k++)
            if (!taken[k] && nkeys[k] && !strcmp(nkeys[k], key)) m = k;
        free(key);
        gone[i] = m == nn;
        if (gone[i]) continue;
        taken[m] = true;
        if (strcmp(ix->name, c->to->indexes.items[m].name) != 0) {
            char *a = pd_qq(pr->n->schema, ix->name), *b = pd_q(c->to->indexes.items[m].name);
            pd_stmt(c, PD_INDEX, "ALTER INDEX %s RENAME TO %s;", a, b);
            free(a), free(b);
        }
    }
    for (size_t i = 0; i < no; i++) {   /* after every match: a replacement is a name no kept index takes */
        if (!gone[i]) continue;
        const dg_index *ix = &c->from->indexes.items[i];
        const dg_table *o = index_table(c->from, ix);
        const pd_pair *pr = pd_pair_of_old(c, o);
        size_t k = replacement(c, ix, pr, taken);
        if (k < nn && !replaces[k]) {
            replaces[k] = pr;
            continue;
        }
        char *a = pd_qq(o->schema, ix->name);
        pd_stmt(c, PD_DROP_CON, "DROP INDEX %s;", a);
        free(a);
    }
    for (size_t k = 0; k < nn; k++) {
        if (replaces[k]) replace_index(c, &c->to->indexes.items[k], replaces[k]);
        else if (!taken[k]) create_index(c, &c->to->indexes.items[k]);
        free(nkeys[k]);
    }
    free(nkeys);
    free(replaces);
    free(gone);
    free(taken);
}
