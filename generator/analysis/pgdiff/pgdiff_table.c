/* pgdiff_table.c - tables and their columns: CREATE/DROP TABLE, renames,
 * ADD/DROP COLUMN, and ALTER COLUMN for type (USING a cast), DEFAULT,
 * NOT NULL, identity and generation.  Nothing is rebuilt: PostgreSQL alters
 * columns in place, inside the migration's transaction. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "analysis/pgdiff/pgdiff_int.h"

static dg_loc loc_of(const pd_ctx *c, const dg_table *o, const dg_table *n)
{
    return dd_table_loc(c->reverse, o, n);
}

/* Integer and floating types in widening order; -1 when not one. */
static int num_rank(const char *t)
{
    static const char *const ranks[] = {"int2", "int4", "int8", "numeric"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(t, ranks[i])) return i;
    return -1;
}

/* Whether every value of oc's type converts to nc's without loss. */
static bool widens(const dg_column *oc, const dg_column *nc)
{
    const dg_pg_column *o = oc->pg, *n = nc->pg;
    if (!o || !n) return !strcmp(oc->type, nc->type);
    if (o->array_dims != n->array_dims) return false;
    if (!strcmp(o->type_name, n->type_name) && !strcmp(o->type_schema, n->type_schema)) {
        if (!strcmp(n->type_name, "numeric")) {   /* typmod = (precision << 16 | scale) + 4 */
            if (n->typmod == -1 || o->typmod == n->typmod) return true;
            if (o->typmod == -1) return false;
            int op = (o->typmod - 4) >> 16, os = (o->typmod - 4) & 0xffff, np = (n->typmod - 4) >> 16, ns = (n->typmod - 4) & 0xffff;
            return ns >= os && np - ns >= op - os;
        }
        return n->typmod == -1 || (o->typmod != -1 && o->typmod <= n->typmod);
    }
    if (!strcmp(n->type_name, "text")) return !strcmp(o->type_name, "varchar") || !strcmp(o->type_name, "bpchar") ||
                                               !strcmp(o->type_kind, "enum") || !strcmp(o->type_name, "inet") ||
                                               !strcmp(o->type_name, "cidr");
    if (!strcmp(n->type_name, "varchar") && n->typmod == -1) return !strcmp(o->type_name, "text");
    int ro = num_rank(o->type_name), rn = num_rank(n->type_name);
    if (ro >= 0 && rn >= 0) return ro <= rn && (rn < 3 || n->typmod == -1);
    if (!strcmp(n->type_name, "float8")) return !strcmp(o->type_name, "float4") || !strcmp(o->type_name, "int2") ||
                                                 !strcmp(o->type_name, "int4");
    return false;
}

static bool is_enum(const dg_column *col)
{
    return col->pg && col->pg->type_kind && !strcmp(col->pg->type_kind, "enum");
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* nextval defaults are the sequences' business (pgdiff_types.c pairs them). */
static bool same_default(const char *a, const char *b)
{
    if (a && b && !strncmp(a, "nextval(", 8) && !strncmp(b, "nextval(", 8)) return true;
    return same_str(a, b);
}

static const char *identity_of(const dg_column *col)
{
    return col->pg ? col->pg->identity : NULL;
}

static bool pg_type_is(const dg_column *col, const char *name)
{
    return col->pg && !col->pg->array_dims && col->pg->type_name && !strcmp(col->pg->type_name, name);
}

/* ALTER COLUMN ... TYPE, with the cast that carries the values.  inet to
 * a string type goes through abbrev(): inet::text always prints the mask
 * ('10.0.0.1/32'), abbrev() prints a value as inet's output does
 * ('10.0.0.1'), the text it was read from. */
static void retype(pd_ctx *c, const pd_pair *pr, const char *tq, const dg_column *oc, const dg_column *nc, const char *cq)
{
    char *ty = pd_type(nc);
    char *coll = nc->collation ? pd_q(nc->collation) : NULL;
    bool via_text = is_enum(oc) || is_enum(nc);
    bool arr = nc->pg && nc->pg->array_dims;
    bool inet_text = pg_type_is(oc, "inet") && (pg_type_is(nc, "text") || pg_type_is(nc, "varchar") || pg_type_is(nc, "bpchar"));
    char *val = inet_text ? dg_xprintf("abbrev(%s)", cq) : dg_xstrdup(cq);
    pd_stmt(c, PD_COLS, "ALTER TABLE %s ALTER COLUMN %s TYPE %s%s%s USING %s::%s%s;", tq, cq, ty, coll ? " COLLATE " : "",
            coll ? coll : "", val, via_text ? (arr ? "text[]::" : "text::") : "", ty);
    free(val);
    if (!widens(oc, nc))
        pd_lint(c, nc->loc, DG_LINT_DESTRUCTIVE, DG_LINT_NARROW_TYPE,
                "column %s.%s narrows from %s to %s: fails when a value does not fit", pr->n->name, nc->name,
                oc->type, nc->type);
    free(ty);
    free(coll);
}

/* The old sequence renamed out of the way (the new one may take its name);
 * returns its quoted temporary name. */
static char *seq_aside(pd_ctx *c, const dg_pg_sequence *q)
{
    char *tmp = dg_xprintf("%s__dalgen_old", q->name), *tq = pd_q(tmp), *oq = pd_qq(q->schema, q->name);
    pd_stmt(c, PD_COLS, "ALTER SEQUENCE %s RENAME TO %s;", oq, tq);
    char *out = pd_qq(q->schema, tmp);
    free(tmp), free(tq), free(oq);
    return out;
}

/* Identity to a serial column: the counter goes to the serial's new sequence. */
static void identity_to_serial(pd_ctx *c, const pd_pair *pr, const char *tq, const dg_column *oc, const dg_column *nc,
                               const char *cq)
{
    const dg_pg_sequence *os = pd_identity_seq(c->from, pr->o, oc);
    const dg_pg_sequence *ns = pd_owned_seq(c->to, pr->n->schema, pr->n->name, nc->name, "serial");
    if (os && ns) {
        char *aside = seq_aside(c, os), *nq = pd_qq(ns->schema, ns->name), *opt = pd_seq_options(ns);
        char *nl = pd_lit(nq);
        pd_stmt(c, PD_COLS, "CREATE SEQUENCE %s %s;", nq, opt);
        pd_stmt(c, PD_COLS, "SELECT setval(%s, last_value, is_called) FROM %s;", nl, aside);
        pd_stmt(c, PD_COLS, "ALTER TABLE %s ALTER COLUMN %s DROP IDENTITY;", tq, cq);
        pd_stmt(c, PD_COLS, "ALTER SEQUENCE %s OWNED BY %s.%s;", nq, tq, cq);
        free(aside), free(nq), free(opt), free(nl);
        return;
    }
    pd_stmt(c, PD_COLS, "ALTER TABLE %s ALTER COLUMN %s DROP IDENTITY;", tq, cq);
}

/* A column becoming an identity (its default already dropped): its counter
 * set past what it holds (a serial's: its sequence's state, the sequence
 * then dropped). */
static void to_identity(pd_ctx *c, const pd_pair *pr, const char *tq, const dg_column *oc, const dg_column *nc,
                        const char *cq)
{
    const dg_pg_sequence *os = pd_owned_seq(c->from, pr->o->schema, pr->o->name, oc->name, "serial");
    char *def = pd_column_def(c->to, pr->n, nc, false);
    const char *gen = strstr(def, " GENERATED ");
    char *aside = os ? seq_aside(c, os) : NULL;
    if (aside)   /* else pg_get_serial_sequence may name it rather than the identity's */
        pd_stmt(c, PD_COLS, "ALTER SEQUENCE %s OWNED BY NONE;", aside);
    pd_stmt(c, PD_COLS, "ALTER TABLE %s ALTER COLUMN %s ADD%s;", tq, cq, gen ? gen : " GENERATED BY DEFAULT AS IDENTITY");
    char *tl = pd_lit(tq), *cl = pd_lit(nc->name);
    if (aside) {
        pd_stmt(c, PD_COLS, "SELECT setval(pg_get_serial_sequence(%s, %s), last_value, is_called) FROM %s;", tl, cl, aside);
        pd_stmt(c, PD_COLS, "DROP SEQUENCE %s;", aside);
    } else {
        pd_stmt(c, PD_COLS, "SELECT setval(pg_get_serial_sequence(%s, %s), max(%s)) FROM %s HAVING max(%s) IS NOT NULL;", tl,
                cl, cq, tq, cq);
    }
    free(tl), free(cl), free(def), free(aside);
}

/* Identity added, removed or changed; counters carried over. */
static void identity_change(pd_ctx *c, const pd_pair *pr, const char *tq, const dg_column *oc, const dg_column *nc,
                            const char *cq)
{
    const char *oi = identity_of(oc), *ni = identity_of(nc);
    if (same_str(oi, ni)) return;
    if (oi && ni)
        pd_stmt(c, PD_COLS, "ALTER TABLE %s ALTER COLUMN %s SET GENERATED %s;", tq, cq,
                !strcmp(ni, "always") ? "ALWAYS" : "BY DEFAULT");
    else if (oi) identity_to_serial(c, pr, tq, oc, nc, cq);
    else to_identity(c, pr, tq, oc, nc, cq);
}

/* SET NOT NULL; --online: through a CHECK (c IS NOT NULL) added NOT VALID and
 * validated after the transaction, which lets SET NOT NULL skip its scan. */
static void set_not_null(pd_ctx *c, const pd_pair *pr, const char *tq, const dg_column *nc, const char *cq)
{
    if (!c->online) {
        pd_stmt(c, PD_COLS, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", tq, cq);
        return;
    }
    char *name = dg_xprintf("%s_%s_dalgen_not_null", pr->n->name, nc->name);
    char *nq = pd_q(name);
    pd_stmt(c, PD_COLS, "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID;", tq, nq, cq);
    pd_stmt(c, PD_ONLINE, "ALTER TABLE %s VALIDATE CONSTRAINT %s;", tq, nq);
    pd_stmt(c, PD_ONLINE, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", tq, cq);
    pd_stmt(c, PD_ONLINE, "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s;", tq, nq);
    free(name);
    free(nq);
}

static void alter_column(pd_ctx *c, pd_pair *pr, const char *tq, const dg_column *oc, const dg_column *nc)
{
    size_t before = c->phase[PD_COLS].len;
    char *cq = pd_q(nc->name);
    bool enum_rebuilt = is_enum(oc) && pd_enum_rebuilt(c, oc->pg->type_schema, oc->pg->type_name);
    bool type_change = strcmp(oc->type, nc->type) != 0 || !same_str(oc->collation, nc->collation) || enum_rebuilt ||
                       (oc->pg && nc->pg && oc->pg->array_dims != nc->pg->array_dims);
    bool gen_change = oc->generated != nc->generated || !same_str(oc->generated_expr, nc->generated_expr);
    if (gen_change && oc->generated == DG_GEN_STORED && nc->generated == DG_GEN_NONE)
        pd_stmt(c, PD_COLS, "ALTER TABLE %s ALTER COLUMN %s DROP EXPRESSION;", tq, cq);
    /* the default goes before a new type (it may not cast) or an identity (which takes its place) */
    bool default_dropped = oc->default_sql && (type_change || (identity_of(nc) && !identity_of(oc)));
    if (default_dropped) pd_stmt(c, PD_COLS, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;", tq, cq);
    if (type_change) retype(c, pr, tq, oc, nc, cq);
    identity_change(c, pr, tq, oc, nc, cq);   /* after the type: an identity's sequence takes the column's */
    if (nc->default_sql && (default_dropped || !same_default(oc->default_sql, nc->default_sql)))
        pd_stmt(c, PD_COLS, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;", tq, cq, nc->default_sql);
    else if (!nc->default_sql && oc->default_sql && !default_dropped && !identity_of(nc))
        pd_stmt(c, PD_COLS, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;", tq, cq);
    bool nn_o = oc->not_null, nn_n = nc->not_null;
    if (nn_n && !nn_o && !identity_of(nc)) {
        if (nc->default_sql) {
            /* --online: after the transaction (its locks would hold writers for the whole scan),
             * before the VALIDATE; run again after a crash, it finds nothing left to fill */
            pd_stmt(c, c->online ? PD_ONLINE : PD_COLS, "UPDATE %s SET %s = DEFAULT WHERE %s IS NULL;", tq, cq, cq);
            pd_lint(c, nc->loc, DG_LINT_DESTRUCTIVE, DG_LINT_DOWN_DATA_LOSS,
                    "NULLs in %s.%s become its default: the down migration cannot restore them", pr->n->name, nc->name);
        } else {
            pd_lint(c, nc->loc, DG_LINT_DESTRUCTIVE, DG_LINT_NOT_NULL_NO_DEFAULT,
                    "column %s.%s becomes NOT NULL without a default: fails when it holds NULL", pr->n->name, nc->name);
        }
        set_not_null(c, pr, tq, nc, cq);
    } else if (!nn_n && nn_o && !identity_of(oc) && !nc->pk) {
        pd_stmt(c, PD_COLS, "ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL;", tq, cq);
    }
    if (gen_change && nc->generated == DG_GEN_STORED) {   /* a new expression: the column is computed again */
        char *def = pd_column_def(c->to, pr->n, nc, true);
        pd_stmt(c, PD_COLS, "ALTER TABLE %s DROP COLUMN %s;", tq, cq);
        pd_stmt(c, PD_COLS, "ALTER TABLE %s ADD COLUMN %s;", tq, def);
        if (oc->generated == DG_GEN_NONE)
            pd_lint(c, nc->loc, DG_LINT_DESTRUCTIVE, DG_LINT_DROP_COLUMN,
                    "column %s.%s becomes generated: its values are replaced by the expression's", pr->n->name, nc->name);
        free(def);
    }
    if (c->phase[PD_COLS].len != before) pr->changed = true;
    free(cq);
}

static void add_column(pd_ctx *c, pd_pair *pr, const char *tq, const dg_column *nc)
{
    char *def = pd_column_def(c->to, pr->n, nc, true);
    pd_stmt(c, PD_COLS, "ALTER TABLE %s ADD COLUMN %s;", tq, def);
    free(def);
    pr->changed = true;
    if (nc->not_null && !nc->default_sql && nc->generated == DG_GEN_NONE && !identity_of(nc))
        pd_lint(c, nc->loc, DG_LINT_DESTRUCTIVE, DG_LINT_NOT_NULL_NO_DEFAULT,
                "column %s.%s is added NOT NULL without a default: fails when the table holds rows", pr->n->name, nc->name);
}

static bool kept(const pd_pair *pr, size_t oi)
{
    for (size_t i = 0; i < pr->n->columns.len; i++)
        if (pr->col_map[i] == (int)oi) return true;
    return false;
}

static void drop_columns(pd_ctx *c, pd_pair *pr)
{
    char *oq = pd_qq(pr->o->schema, pr->o->name);
    for (size_t k = 0; k < pr->o->columns.len; k++) {
        if (kept(pr, k)) continue;
        const dg_column *col = &pr->o->columns.items[k];
        char *cq = pd_q(col->name);
        pd_stmt(c, PD_DROP_COL, "ALTER TABLE %s DROP COLUMN %s;", oq, cq);
        free(cq);
        pr->changed = true;
        if (col->generated != DG_GEN_NONE) continue;   /* computed: nothing is lost */
        pd_lint(c, loc_of(c, pr->o, pr->n), DG_LINT_DESTRUCTIVE, DG_LINT_DROP_COLUMN,
                "column %s.%s is dropped with its values", pr->o->name, col->name);
        pd_lint(c, loc_of(c, pr->o, pr->n), DG_LINT_NOTE, DG_LINT_DOWN_DATA_LOSS,
                "the down migration re-creates %s.%s but cannot restore its values", pr->n->name, col->name);
    }
    free(oq);
}

/* Whether old column `name` of pr's table still exists when column renames run. */
static bool name_taken(const pd_pair *pr, const char *name, size_t except)
{
    for (size_t k = 0; k < pr->o->columns.len; k++)
        if (k != except && kept(pr, k) && !strcmp(pr->o->columns.items[k].name, name)) return true;
    return false;
}

static void rename_columns(pd_ctx *c, pd_pair *pr, const char *tq)
{
    bool cycle = false;
    for (size_t i = 0; i < pr->n->columns.len; i++) {
        int oi = pr->col_map[i];
        if (oi >= 0 && strcmp(pr->o->columns.items[oi].name, pr->n->columns.items[i].name) != 0)
            cycle = cycle || name_taken(pr, pr->n->columns.items[i].name, (size_t)oi);
    }
    for (size_t i = 0; i < pr->n->columns.len; i++) {
        int oi = pr->col_map[i];
        if (oi < 0 || !strcmp(pr->o->columns.items[oi].name, pr->n->columns.items[i].name)) continue;
        char *from = pd_q(pr->o->columns.items[oi].name), *to = pd_q(pr->n->columns.items[i].name);
        if (cycle) {
            char *tmp = dg_xprintf("\"_dalgen_tmp_%d\"", c->tmp++);
            pd_stmt(c, PD_RENAME_TMP, "ALTER TABLE %s RENAME COLUMN %s TO %s;", tq, from, tmp);
            pd_stmt(c, PD_RENAME, "ALTER TABLE %s RENAME COLUMN %s TO %s;", tq, tmp, to);
            free(tmp);
        } else {
            pd_stmt(c, PD_RENAME, "ALTER TABLE %s RENAME COLUMN %s TO %s;", tq, from, to);
        }
        pr->changed = true;
        free(from);
        free(to);
    }
}

/* Whether a table of `from` other than o, kept, holds the name (schema, name) when renames run. */
static bool table_taken(pd_ctx *c, const dg_table *o, const char *schema, const char *name)
{
    for (size_t i = 0; i < c->from->tables.len; i++) {
        const dg_table *t = &c->from->tables.items[i];
        if (t != o && c->pair_of_old[i] >= 0 && !strcmp(t->name, name) && same_str(t->schema, schema)) return true;
    }
    return false;
}

/* Renames (and moves between schemas) of pr's table, through a temporary
 * name when the new name is still another table's; columns are renamed
 * under the table's new name. */
static void rename_table(pd_ctx *c, pd_pair *pr)
{
    const dg_table *o = pr->o, *n = pr->n;
    bool moved = !same_str(o->schema, n->schema), renamed = strcmp(o->name, n->name) != 0;
    if (!moved && !renamed) return;
    pr->changed = true;
    char *cur = pd_qq(o->schema, o->name), *name = dg_xstrdup(o->name);
    if (table_taken(c, o, n->schema, n->name) || (moved && table_taken(c, o, n->schema, o->name))) {
        free(name);
        name = dg_xprintf("_dalgen_tmp_%d", c->tmp++);
        char *tq = pd_q(name);
        pd_stmt(c, PD_RENAME_TMP, "ALTER TABLE %s RENAME TO %s;", cur, tq);
        free(tq);
        free(cur);
        cur = pd_qq(o->schema, name);
    }
    if (moved) {
        char *ns = pd_q(n->schema ? n->schema : "public");
        pd_stmt(c, PD_RENAME, "ALTER TABLE %s SET SCHEMA %s;", cur, ns);
        free(ns);
        free(cur);
        cur = pd_qq(n->schema, name);
    }
    if (strcmp(name, n->name) != 0) {
        char *nq = pd_q(n->name);
        pd_stmt(c, PD_RENAME, "ALTER TABLE %s RENAME TO %s;", cur, nq);
        free(nq);
    }
    free(cur);
    free(name);
}

static void drop_table(pd_ctx *c, const dg_table *o)
{
    char *oq = pd_qq(o->schema, o->name);
    pd_stmt(c, PD_DROP_TABLE, "DROP TABLE %s;", oq);
    free(oq);
    pd_lint(c, o->loc, DG_LINT_DESTRUCTIVE, DG_LINT_DROP_TABLE, "table %s is dropped with its rows", o->name);
    pd_lint(c, o->loc, DG_LINT_NOTE, DG_LINT_DOWN_DATA_LOSS,
            "the down migration re-creates table %s but cannot restore its rows", o->name);
}

void pd_tables(pd_ctx *c)
{
    dg_schema_lookup from_lk, to_lk;   /* the tables' UNIQUE indexes, for DATA_DEPENDENT */
    dg_schema_lookup_init(&from_lk, c->from);
    dg_schema_lookup_init(&to_lk, c->to);
    for (size_t i = 0; i < c->from->tables.len; i++)
        if (c->pair_of_old[i] < 0 && !dd_is_ignored_table(c->from->tables.items[i].name))
            drop_table(c, &c->from->tables.items[i]);
    for (size_t i = 0; i < c->pairs.len; i++) {
        pd_pair *pr = &c->pairs.items[i];
        if (dd_is_ignored_table(pr->n->name)) continue;
        if (!pr->o) {
            char *sql = pd_create_table(c->to, pr->n);
            DG_VEC_PUSH(&c->phase[PD_CREATE], sql);
            continue;
        }
        drop_columns(c, pr);
        rename_table(c, pr);
        char *tq = pd_qq(pr->n->schema, pr->n->name);
        rename_columns(c, pr, tq);
        for (size_t k = 0; k < pr->n->columns.len; k++) {
            const dg_column *nc = &pr->n->columns.items[k];
            if (pr->col_map[k] < 0) add_column(c, pr, tq, nc);
            else alter_column(c, pr, tq, &pr->o->columns.items[pr->col_map[k]], nc);
        }
        free(tq);
        dd_lint_data(c->p, c->reverse, &from_lk, &to_lk,
                     &(dd_data_pair){pr->o, pr->n, pr->col_map, &pr->col_renames, &c->table_renames, widens});
    }
    dg_schema_lookup_free(&from_lk);
    dg_schema_lookup_free(&to_lk);
}
