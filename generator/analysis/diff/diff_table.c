/* One table of the new schema against its old counterpart: what changed,
 * whether ALTER TABLE can do it, and the statements (native or rebuild). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sql/sqltok.h"
#include "analysis/diff/diff_int.h"

char *dd_fold(const char *s)
{
    char *r = dg_xstrdup(s);
    for (char *p = r; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
    return r;
}

dd_pair *dd_pair_of_old(dd_ctx *c, const char *old_name)
{
    if (c->pair_of_old) {
        char *key = dd_fold(old_name);
        json_t *k = json_object_get(c->pair_of_old, key);
        free(key);
        return k ? &c->pairs.items[json_integer_value(k)] : NULL;
    }
    for (size_t i = 0; i < c->pairs.len; i++)
        if (c->pairs.items[i].o && !dg_strcasecmp_ascii(c->pairs.items[i].o->name, old_name))
            return &c->pairs.items[i];
    return NULL;
}

void dd_pair_free(dd_pair *pr)
{
    free(pr->col_map);
    DG_VEC_FREE(&pr->col_renames);
    free(pr->reason);
}

static char *lower(const char *s)
{
    char *r = dg_xstrdup(s ? s : "");
    for (char *p = r; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
    return r;
}

/* Everything about a column of table t but its position and annotations.
 * A double-quoted word in a generated column's expression that names no
 * column of t is the string SQLite reads it as: when a later schema adds
 * that column, the same text computes something else (a STORED column
 * would keep the old values), so the table is rebuilt. */
static char *col_sig(const dg_table *t, const dg_column *col, const char *name, const dd_renames *cols,
                     const dd_renames *tables)
{
    char *ty = dd_canon(col->type, NULL, NULL), *df = dd_canon(col->default_sql, NULL, NULL);
    char *ge = dd_canon_in_table(col->generated_expr, cols, tables, t), *nm = lower(name),
         *co = lower(col->collation), *nc = lower(col->not_null_conflict);
    char *s = dg_xprintf("%s|%s|nn%d:%s|d:%s|pk%d%d|c:%s|g%d:%s|ai%d|u%d", nm, ty, col->not_null, nc, df,
                         col->pk, col->pk_desc, co, (int)col->generated, ge, col->autoincrement,
                         col->unique);
    free(ty); free(df); free(ge); free(nm); free(co); free(nc);
    return s;
}

static bool same_text(const char *a, const char *b)
{
    return !a || !b ? a == b : !strcmp(a, b);
}

static bool same_lower(const char *a, const char *b)   /* as lower() compares them */
{
    return !dg_strcasecmp_ascii(a ? a : "", b ? b : "");
}

/* Whether columns a and b have the same col_sig, decided without building
 * it: the same texts have the same canonical forms.  A generated column's
 * expression depends on its table and the renames: never decided here. */
static bool same_col_cheap(const dg_column *a, const dg_column *b)
{
    return !a->generated_expr && !b->generated_expr && a->generated == b->generated &&
           a->not_null == b->not_null && a->pk == b->pk && a->pk_desc == b->pk_desc &&
           a->autoincrement == b->autoincrement && a->unique == b->unique && same_text(a->type, b->type) &&
           same_text(a->default_sql, b->default_sql) && same_lower(a->collation, b->collation) &&
           same_lower(a->not_null_conflict, b->not_null_conflict);
}

static void join_names(dg_buf *b, const dg_strings *v, const dd_renames *r)
{
    for (size_t i = 0; i < v->len; i++) {
        const char *m = dd_rename_lookup(r, v->items[i]);
        char *l = lower(m ? m : v->items[i]);
        dg_buf_printf(b, "%s%s", i ? "," : "", l);
        free(l);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Table-level facts as sorted strings.  `skip_col` flags columns whose
 * column-level CHECK / REFERENCES travel with ADD/DROP COLUMN. */
static void table_sigs(dd_ctx *c, const dg_table *t, const dd_renames *cols, const bool *skip_col,
                       dg_strings *out)
{
    const dd_renames *tr = &c->table_renames;
    bool old_side = cols != NULL;
    char *mod = lower(t->module), *args = dd_canon(t->module_args, NULL, NULL);
    char *pkn = lower(t->pk_name), *pkc = lower(t->pk_conflict);
    /* The key's columns and order are in the columns' pk; DESC and COLLATE
     * of a table-constraint key's terms change what it orders and treats as
     * equal.  (FK MATCH is parsed and ignored by SQLite: not compared.) */
    dg_buf pk = DG_BUF_INIT;
    bool plain = true;
    for (size_t i = 0; i < t->pk_terms.len; i++)
        if (t->pk_terms.items[i].desc || t->pk_terms.items[i].collation) plain = false;
    for (size_t i = 0; !plain && i < t->pk_terms.len; i++) {
        char *tc = lower(t->pk_terms.items[i].collation);
        dg_buf_printf(&pk, " %d:%s", (int)t->pk_terms.items[i].desc, tc);
        free(tc);
    }
    DG_VEC_PUSH(out, dg_xprintf("flags s%d w%d m:%s(%s) pk:%s:%s%s", t->strict, t->without_rowid,
                                mod, args, pkn, pkc, pk.len ? pk.data : ""));
    dg_buf_free(&pk);
    free(mod); free(args); free(pkn); free(pkc);
    for (size_t i = 0; i < t->uniques.len; i++) {
        dg_buf b = DG_BUF_INIT;
        char *nm = lower(t->uniques.items[i].name), *cf = lower(t->uniques.items[i].conflict);
        dg_buf_printf(&b, "unique %s %s ", nm, cf);
        join_names(&b, &t->uniques.items[i].columns, cols);
        DG_VEC_PUSH(out, dg_buf_steal(&b));
        free(nm); free(cf);
    }
    for (size_t i = 0; i < t->checks.len; i++) {
        const dg_check *k = &t->checks.items[i];
        if (k->column >= 0 && skip_col && skip_col[k->column]) continue;
        const char *cn = k->column >= 0 ? t->columns.items[k->column].name : "";
        const char *m = old_side ? dd_rename_lookup(cols, cn) : NULL;
        char *nm = lower(k->name), *cl = lower(m ? m : cn);
        char *e = dd_canon_in_table(k->expr, cols, old_side ? tr : NULL, t);
        DG_VEC_PUSH(out, dg_xprintf("check %s %s %s", nm, cl, e));
        free(nm); free(cl); free(e);
    }
    for (size_t i = 0; i < t->foreign_keys.len; i++) {
        const dg_foreign_key *fk = &t->foreign_keys.items[i];
        if (fk->columns.len == 1 && skip_col) {
            int ci = dg_table_column_index(t, fk->columns.items[0]);
            if (ci >= 0 && skip_col[ci]) continue;
        }
        const char *parent = old_side ? dd_rename_lookup(tr, fk->table) : NULL;
        if (!parent) parent = fk->table;
        dd_pair *pp = old_side ? dd_pair_of_old(c, fk->table) : NULL;
        dg_buf b = DG_BUF_INIT;
        char *nm = lower(fk->name), *pt = lower(parent), *od = lower(fk->on_delete),
             *ou = lower(fk->on_update);
        dg_buf_printf(&b, "fk %s ", nm);
        join_names(&b, &fk->columns, cols);
        dg_buf_printf(&b, " -> %s(", pt);
        join_names(&b, &fk->to, pp ? &pp->col_renames : NULL);
        dg_buf_printf(&b, ") %s %s %d", od, ou, fk->deferrable);
        DG_VEC_PUSH(out, dg_buf_steal(&b));
        free(nm); free(pt); free(od); free(ou);
    }
    qsort(out->items, out->len, sizeof *out->items, cmp_str);
}

static bool same_strings(const dg_strings *a, const dg_strings *b)
{
    if (a->len != b->len) return false;
    for (size_t i = 0; i < a->len; i++)
        if (strcmp(a->items[i], b->items[i]) != 0) return false;
    return true;
}

static bool is_constant_default(const char *d)
{
    if (!d) return true;
    dg_lexer lx;
    dg_lexer_init(&lx, d, strlen(d));
    dg_tok t = dg_tok_next_sig(&lx);
    if (dg_tok_is_punct(&lx, t, "-") || dg_tok_is_punct(&lx, t, "+")) t = dg_tok_next_sig(&lx);
    bool ok = t.kind == DG_TOK_NUMBER || t.kind == DG_TOK_STRING || t.kind == DG_TOK_BLOB ||
              (t.kind == DG_TOK_IDENT && (dg_tok_is_kw(&lx, t, "NULL") || dg_tok_is_kw(&lx, t, "TRUE") ||
                                          dg_tok_is_kw(&lx, t, "FALSE")));
    return ok && dg_tok_next_sig(&lx).kind == DG_TOK_EOF;
}

/* Why SQLite's ADD COLUMN cannot add this column (NULL when it can). */
static const char *add_column_blocker(const dg_table *t, const dg_column *col, const char *def)
{
    if (!def) return "its definition was not found";
    if (col->pk) return "it is part of the PRIMARY KEY";
    if (col->unique || dd_def_has_kw(def, "UNIQUE")) return "it is UNIQUE";
    if (col->generated == DG_GEN_STORED) return "it is a STORED generated column";
    if (col->generated == DG_GEN_NONE && !is_constant_default(col->default_sql))
        return "its DEFAULT is not a constant";
    if (col->not_null && col->generated == DG_GEN_NONE && dd_is_null_default(col->default_sql))
        return "it is NOT NULL without a default";
    if (dd_def_has_kw(def, "REFERENCES") && !dd_is_null_default(col->default_sql))
        return "it references another table and has a non-NULL default";
    for (size_t i = 0; i < t->uniques.len; i++)
        for (size_t k = 0; k < t->uniques.items[i].columns.len; k++)
            if (!dg_strcasecmp_ascii(t->uniques.items[i].columns.items[k], col->name))
                return "it is part of a UNIQUE constraint";
    for (size_t i = 0; i < t->foreign_keys.len; i++) {
        const dg_foreign_key *fk = &t->foreign_keys.items[i];
        for (size_t k = 0; k < fk->columns.len; k++)
            if (!dg_strcasecmp_ascii(fk->columns.items[k], col->name) &&
                (fk->columns.len > 1 || !dd_def_has_kw(def, "REFERENCES")))
                return "it is part of a table-level FOREIGN KEY";
    }
    return NULL;
}

/* Why SQLite's DROP COLUMN cannot drop column `ci` of the old table. */
static const char *drop_column_blocker(const dd_ctx *c, const dg_table *t, size_t ci)
{
    const dg_column *col = &t->columns.items[ci];
    if (col->pk) return "it is part of the PRIMARY KEY";
    if (col->unique) return "it is UNIQUE";
    if (t->columns.len < 2) return "it is the only column";
    for (size_t i = 0; i < t->uniques.len; i++)
        for (size_t k = 0; k < t->uniques.items[i].columns.len; k++)
            if (!dg_strcasecmp_ascii(t->uniques.items[i].columns.items[k], col->name))
                return "it is part of a UNIQUE constraint";
    for (size_t i = 0; i < t->foreign_keys.len; i++)
        for (size_t k = 0; k < t->foreign_keys.items[i].columns.len; k++)
            if (!dg_strcasecmp_ascii(t->foreign_keys.items[i].columns.items[k], col->name))
                return "it is part of a FOREIGN KEY";
    for (size_t i = 0; i < t->checks.len; i++)
        if (t->checks.items[i].column != (int)ci && dd_mentions(t->checks.items[i].expr, col->name))
            return "a CHECK constraint uses it";
    for (size_t i = 0; i < t->columns.len; i++)
        if (i != ci && dd_mentions(t->columns.items[i].generated_expr, col->name))
            return "a generated column uses it";
    for (size_t i = dg_lookup_first_index(&c->to_lk, t); i != SIZE_MAX; i = dg_lookup_next_index(&c->to_lk, i))
        if (dd_mentions(c->to->indexes.items[i].sql, col->name)) return "an index uses it";
    return NULL;
}

/* Fills col_map and col_renames (dd_match_sides: renames first, swaps,
 * chains and reused names included). */
static void map_columns(dd_ctx *c, dd_pair *pr)
{
    const dg_table *o = pr->o, *n = pr->n;
    dd_names on, nn;
    dd_names_of_columns(c->from, o, &on);
    dd_names_of_columns(c->to, n, &nn);
    pr->col_map = dg_xmalloc((n->columns.len + 1) * sizeof *pr->col_map);
    dd_match_sides(&on, &nn, c->reverse, pr->col_map);
    for (size_t i = 0; i < n->columns.len && !c->reverse; i++)
        if (dd_rename_unknown(&on, &nn, pr->col_map, i))
            dd_lint_rename_unknown(c->p, &n->columns.items[i].annotations, n->name, o->name,
                                   n->columns.items[i].name);
    dd_names_free(&on);
    dd_names_free(&nn);
    for (size_t i = 0; i < n->columns.len; i++) {
        int oi = pr->col_map[i];
        if (oi < 0) continue;
        const char *oname = o->columns.items[oi].name, *nname = n->columns.items[i].name;
        if (dg_strcasecmp_ascii(oname, nname) != 0) {
            dd_rename *r = DG_VEC_ADD(&pr->col_renames);
            r->old_name = oname;
            r->new_name = nname;
        }
    }
}

/* A rename onto a name the old table still has (a swap, a chain, or a new
 * column taking the old name): ALTER TABLE RENAME COLUMN would collide, so
 * the table is rebuilt and its rows copied by identity. */
static const char *rename_in_use(const dd_pair *pr)
{
    for (size_t i = 0; i < pr->col_renames.len; i++)
        if (dg_table_column(pr->o, pr->col_renames.items[i].new_name)) return pr->col_renames.items[i].new_name;
    return NULL;
}

static bool old_col_kept(const dd_pair *pr, size_t oi)
{
    for (size_t i = 0; i < pr->n->columns.len; i++)
        if (pr->col_map[i] == (int)oi) return true;
    return false;
}

static void set_reason(dd_pair *pr, char *why)
{
    if (!pr->reason) pr->reason = why;
    else free(why);
    pr->rebuild = true;
}

void dd_pair_analyse(dd_ctx *c, dd_pair *pr)
{
    const dg_table *o = pr->o, *n = pr->n;
    map_columns(c, pr);
    pr->renamed = strcmp(o->name, n->name) != 0;
    const char *reused = rename_in_use(pr);
    if (reused)
        set_reason(pr, dg_xprintf("a column is renamed to %s, a name the table still has (swap, chain or reuse)",
                                  reused));
    if (pr->swapped) set_reason(pr, dg_xstrdup("the table's name is swapped with another table's"));
    bool *skip_new = dg_xcalloc(n->columns.len + 1, 1), *skip_old = dg_xcalloc(o->columns.len + 1, 1);
    for (size_t i = 0; i < n->columns.len; i++) {
        const dg_column *nc = &n->columns.items[i];
        if (pr->col_map[i] < 0) {
            pr->changed = true;
            skip_new[i] = true;
            char *def = dd_column_def(n->sql, nc->name);
            const char *why = add_column_blocker(n, nc, def);
            if (why) set_reason(pr, dg_xprintf("column %s cannot be added with ALTER TABLE: %s", nc->name, why));
            free(def);
            continue;
        }
        const dg_column *oc = &o->columns.items[pr->col_map[i]];
        if (same_col_cheap(oc, nc)) continue;   /* the common case: no signature to build */
        char *a = col_sig(o, oc, nc->name, &pr->col_renames, &c->table_renames);
        char *b = col_sig(n, nc, nc->name, NULL, NULL);
        if (strcmp(a, b) != 0)
            set_reason(pr, dg_xprintf("column %s changed", nc->name));
        free(a);
        free(b);
    }
    for (size_t k = 0; k < o->columns.len; k++) {
        if (old_col_kept(pr, k)) continue;
        pr->changed = pr->cols_dropped = true;
        skip_old[k] = true;
        const char *why = drop_column_blocker(c, o, k);
        if (why) set_reason(pr, dg_xprintf("column %s cannot be dropped with ALTER TABLE: %s",
                                           o->columns.items[k].name, why));
    }
    dg_strings so = {0}, sn = {0};
    table_sigs(c, o, &pr->col_renames, skip_old, &so);
    table_sigs(c, n, NULL, skip_new, &sn);
    if (!same_strings(&so, &sn)) set_reason(pr, dg_xstrdup("table constraints or options changed"));
    if (o->module || n->module) {
        if (pr->rebuild || pr->changed) pr->rebuild = true;
    }
    if (pr->rebuild || pr->renamed || pr->col_renames.len) pr->changed = true;
    pr->rename_first = pr->rebuild && !reused && pr->col_renames.len && !o->module && !n->module;
    dg_strings_free(&so);
    dg_strings_free(&sn);
    free(skip_new);
    free(skip_old);
}

/* The old column of parent pair `pp` that a foreign key of `fk` names
 * and the rebuild of `pp` renames by copy, or NULL. */
static const char *fk_col_renamed_by_copy(const dd_pair *pp, const dg_foreign_key *fk)
{
    if (!pp->rebuild || pp->rename_first || pp->o->module) return NULL;
    for (size_t k = 0; k < fk->to.len; k++)
        if (dd_rename_lookup(&pp->col_renames, fk->to.items[k])) return fk->to.items[k];
    return NULL;
}

/* The child's stored text still names the parent's old column, and after
 * a swap or chain that name belongs to another column (or to none): its
 * foreign key would mismatch, or point elsewhere.  Rebuilt from the new
 * schema's text, the child names the parent's new column.  A child rebuilt
 * so renames nothing by copy (its renames, if any, can run first), so one
 * pass is enough. */
void dd_pair_rebuild_children(dd_ctx *c)
{
    for (size_t k = 0; k < c->pairs.len; k++) {
        dd_pair *ch = &c->pairs.items[k];
        if (!ch->o || ch->rebuild || ch->o->module || ch->n->module) continue;
        for (size_t i = 0; i < ch->o->foreign_keys.len && !ch->rebuild; i++) {
            const dg_foreign_key *fk = &ch->o->foreign_keys.items[i];
            const dd_pair *pp = dd_pair_of_old(c, fk->table);
            const char *col = pp && pp != ch ? fk_col_renamed_by_copy(pp, fk) : NULL;
            if (col)
                set_reason(ch, dg_xprintf("its foreign key references %s(%s), which the rebuild of %s renames "
                                          "by copy (swap, chain or reuse)",
                                          fk->table, col, pp->n->name));
        }
        if (!ch->rebuild) continue;
        ch->changed = true;
        ch->rename_first = ch->col_renames.len > 0;   /* no swap or chain: the pair was not rebuilt */
    }
}

/* A swapped table's CREATE text records its `@renamed_from` (before the
 * '(', where it belongs to the table) when the annotation was written above
 * the statement: the stored schema then shows the swap as done, and the
 * next diff does not swap back (diff_match.c). */
static char *record_rename(const dd_ctx *c, const dd_pair *pr, char *create, const char *qname)
{
    const char *rf = dg_annotation_get(&pr->n->annotations, "renamed_from");
    const char *at = strstr(create, qname);
    if (!pr->swapped || c->reverse || !rf || !at) return create;
    size_t cut = (size_t)(at - create) + strlen(qname);
    const char *open = strchr(create + cut, '(');
    const char *has = strstr(create + cut, "@renamed_from");
    if (has && (!open || has < open)) return create;   /* the statement holds it already */
    /* The value must read back the same (diff_match.c compares it): a block
     * comment cannot hold `*` `/`, a line comment cannot hold a newline. */
    bool block = !strstr(rf, "*/");
    if (!block && strchr(rf, '\n')) return create;   /* no comment holds it (no annotation wrote it either) */
    char *out = dg_xprintf(block ? "%.*s /* @renamed_from %s */%s" : "%.*s -- @renamed_from %s\n%s", (int)cut, create,
                           rf, create + cut);
    free(create);
    return out;
}

static bool name_taken(const dg_schema_lookup *lk, const char *name)
{
    return dg_lookup_trigger(lk, name) || dg_lookup_table(lk, name) || dg_lookup_index(lk, name) ||
           dg_lookup_view(lk, name);
}

char *dd_temp_name(const dd_ctx *c, const char *prefix, const char *table)
{
    char *tmp = dg_xprintf("%s%s", prefix, table);
    for (int k = 2; name_taken(&c->from_lk, tmp) || name_taken(&c->to_lk, tmp); k++) {
        free(tmp);
        tmp = dg_xprintf("%s%s_%d", prefix, table, k);
    }
    return tmp;
}

/* A name of the rowid that no column of `t` hides (SQLite's three aliases,
 * in the order tried), NULL when the table has columns named all three;
 * its columns named as the renames `applied` (or NULL) left them. */
static const char *rowid_name(const dg_table *t, const dd_renames *applied)
{
    static const char *const names[] = {"rowid", "_rowid_", "oid"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        bool hidden = false;
        for (size_t i = 0; i < t->columns.len && !hidden; i++) {
            const char *now = dd_rename_lookup(applied, t->columns.items[i].name);
            hidden = dg_strcasecmp_ascii(now ? now : t->columns.items[i].name, names[k]) == 0;
        }
        if (!hidden) return names[k];
    }
    return NULL;
}

/* The pair's column renames as RENAME COLUMN (none is onto a name the
 * table has: rename_in_use); SQLite renames the column in the table's
 * constraints, indexes, and the foreign keys of the tables referencing it. */
static void emit_col_renames(dd_ctx *c, const dd_pair *pr)
{
    char *qn = dd_q(pr->n->name);   /* table renames ran before */
    for (size_t i = 0; i < pr->col_renames.len; i++) {
        char *a = dd_q(pr->col_renames.items[i].old_name), *b = dd_q(pr->col_renames.items[i].new_name);
        dd_stmt(c, "ALTER TABLE %s RENAME COLUMN %s TO %s;", qn, a, b);
        free(a);
        free(b);
    }
    free(qn);
}

/* A STRICT column of type ANY, which holds every value as it is. */
static bool strict_any(const dg_table *t, const dg_column *col)
{
    return t->strict && !dg_strcasecmp_ascii(col->type, "ANY");
}

/* What the rebuild's copy writes into column `nc` of a STRICT table for the
 * value `v` of `oc` (v is taken over).  A STRICT column refuses a value its
 * type does not hold without loss (SQLITE_CONSTRAINT_DATATYPE; the
 * migration fails and is rolled back), so the copy converts only what
 * converts without loss, and leaves the rest to that refusal:
 * - into BLOB, a value's bytes (CAST AS BLOB: a number's text); a REAL
 *   whose text does not read back the same stays REAL, and is refused;
 * - into TEXT, INTEGER or REAL from a column declared for blobs (BLOB, no
 *   type, ANY: the down of a change to BLOB), a blob's bytes read as text,
 *   which SQLite then converts as it converts any text, or refuses.
 * Other values are SQLite's to convert (docs/migrations.md, "STRICT tables"). */
static char *strict_copy_value(const dg_table *o, const dg_column *oc, const dg_table *n, const dg_column *nc,
                               char *v)
{
    if (!n->strict || strict_any(n, nc)) return v;
    bool o_only = o->strict && !strict_any(o, oc);   /* oc holds only values of its affinity */
    char *r = NULL;
    if (nc->affinity == DG_AFF_BLOB) {
        if (o_only && oc->affinity == DG_AFF_BLOB) return v;
        bool reals = oc->affinity != DG_AFF_TEXT && !(o_only && oc->affinity == DG_AFF_INTEGER);
        r = reals ? dg_xprintf("CASE WHEN typeof(%s) = 'real' AND CAST(CAST(%s AS TEXT) AS REAL) <> %s "
                               "THEN %s ELSE CAST(%s AS BLOB) END", v, v, v, v, v)
                  : dg_xprintf("CAST(%s AS BLOB)", v);
    } else if (oc->affinity == DG_AFF_BLOB || strict_any(o, oc)) {
        r = nc->affinity == DG_AFF_TEXT
                ? dg_xprintf("CAST(%s AS TEXT)", v)
                : dg_xprintf("CASE WHEN typeof(%s) = 'blob' THEN CAST(%s AS TEXT) ELSE %s END", v, v, v);
    } else {
        return v;
    }
    free(v);
    return r;
}

/* Statements that rebuild `o` into `n` (12-step procedure, steps 4-7 and
 * 10; the caller handles indexes, views and triggers). */
static void emit_rebuild(dd_ctx *c, dd_pair *pr)
{
    const dg_table *o = pr->o, *n = pr->n;
    const dd_renames *applied = pr->rename_first ? &pr->col_renames : NULL;
    if (applied) emit_col_renames(c, pr);
    char *tmp = dd_temp_name(c, "_dalgen_new_", n->name);
    char *qt = dd_q(tmp), *qn = dd_q(n->name);
    char *create = record_rename(c, pr, dd_create_table_named(n->sql, tmp), qt);
    char *cm = dd_comment("rebuild %s: %s", n->name, pr->reason ? pr->reason : "changed");
    dd_stmt(c, "%s\n%s;", cm, create);
    free(cm);
    free(create);
    dg_buf cols = DG_BUF_INIT, vals = DG_BUF_INIT;
    if (!n->without_rowid && !o->without_rowid && !dg_table_has_rowid_alias(n)) {
        const char *rn = rowid_name(n, NULL), *ro = rowid_name(o, applied);
        if (!rn || !ro)
            dd_lint_at(c, (rn ? o : n)->loc, DG_LINT_ERROR, DG_LINT_CANNOT_APPLY,
                       "table %s is rebuilt, but its columns named rowid, _rowid_ and oid hide its rowids, "
                       "which the rebuild could not keep; rename one of them",
                       (rn ? o : n)->name);
        dg_buf_puts(&cols, rn ? rn : "rowid");
        dg_buf_puts(&vals, ro ? ro : "rowid");
    }
    for (size_t i = 0; i < n->columns.len; i++) {
        const dg_column *nc = &n->columns.items[i];
        if (pr->col_map[i] < 0 || nc->generated != DG_GEN_NONE || nc->hidden) continue;
        const dg_column *oc = &o->columns.items[pr->col_map[i]];
        char *qnc = dd_q(nc->name), *qoc = dd_q(applied ? nc->name : oc->name);
        dg_buf_printf(&cols, "%s%s", cols.len ? ", " : "", qnc);
        bool fill = nc->not_null && !oc->not_null && nc->default_sql;
        char *v = strict_copy_value(o, oc, n, nc, fill ? dg_xprintf("IFNULL(%s, %s)", qoc, nc->default_sql)
                                                       : dg_xstrdup(qoc));
        dg_buf_printf(&vals, "%s%s", vals.len ? ", " : "", v);
        free(v);
        free(qnc);
        free(qoc);
    }
    char *qo = dd_q(n->name);   /* table renames ran before */
    if (cols.len) {
        char *cm = dd_comment("copy rows of %s", n->name);
        dd_stmt(c, "%s\nINSERT INTO %s (%s)\n  SELECT %s FROM %s;", cm, qt, dg_buf_cstr(&cols),
                dg_buf_cstr(&vals), qo);
        free(cm);
    }
    bool ai_o = false, ai_n = false;
    for (size_t i = 0; i < o->columns.len; i++) ai_o |= o->columns.items[i].autoincrement;
    for (size_t i = 0; i < n->columns.len; i++) ai_n |= n->columns.items[i].autoincrement;
    if (ai_o && ai_n) {
        char *sq = dg_sql_quote_string(tmp), *so = dg_sql_quote_string(n->name);
        dd_stmt(c, "DELETE FROM sqlite_sequence WHERE name = %s;", sq);
        dd_stmt(c, "INSERT INTO sqlite_sequence (name, seq)\n  SELECT %s, seq FROM sqlite_sequence WHERE name = %s;",
                sq, so);
        free(sq);
        free(so);
    }
    dd_stmt(c, "DROP TABLE %s;", qo);
    dd_stmt(c, "ALTER TABLE %s RENAME TO %s;", qt, qn);
    c->p->rebuilds++;
    dg_buf_free(&cols);
    dg_buf_free(&vals);
    free(qo);
    free(qt);
    free(qn);
    free(tmp);
}

/* The column's annotations that its definition text does not hold yet
 * (a trailing `-- @key` after the last column lies outside it), appended as
 * block comments so that they survive in the database's schema. */
static char *with_annotations(char *def, const dg_column *col)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_puts(&b, def ? def : "");
    for (size_t i = 0; i < col->annotations.len; i++) {
        const dg_annotation *a = &col->annotations.items[i];
        char *key = dg_xprintf("@%s", a->key);
        if (!def || !strstr(def, key)) {
            char *v = dg_sql_comment_text(a->value);   /* a value must not close the comment */
            dg_buf_printf(&b, " /* %s%s%s */", key, *v ? " " : "", v);
            free(v);
        }
        free(key);
    }
    free(def);
    return dg_buf_steal(&b);
}

/* Native ALTER TABLE: RENAME COLUMN, DROP COLUMN, ADD COLUMN. */
static void emit_native(dd_ctx *c, dd_pair *pr)
{
    const dg_table *o = pr->o, *n = pr->n;
    char *qn = dd_q(n->name);
    emit_col_renames(c, pr);
    for (size_t k = 0; k < o->columns.len; k++) {
        if (old_col_kept(pr, k)) continue;
        char *q = dd_q(o->columns.items[k].name);
        dd_stmt(c, "ALTER TABLE %s DROP COLUMN %s;", qn, q);
        free(q);
    }
    for (size_t i = 0; i < n->columns.len; i++) {
        if (pr->col_map[i] >= 0) continue;
        char *def = with_annotations(dd_column_def(n->sql, n->columns.items[i].name), &n->columns.items[i]);
        dd_stmt(c, "ALTER TABLE %s ADD COLUMN %s;", qn, def);
        free(def);
    }
    free(qn);
}

void dd_pair_emit(dd_ctx *c, dd_pair *pr)
{
    if (!pr->changed) return;
    if ((pr->o->module || pr->n->module) && pr->rebuild) {
        char *qo = dd_q(pr->n->name), *sql = dd_sql_out(pr->n->sql);
        char *cm = dd_comment("virtual table %s is recreated: %s", pr->n->name, pr->reason ? pr->reason : "changed");
        dd_stmt(c, "%s\nDROP TABLE %s;", cm, qo);
        free(cm);
        dd_stmt(c, "%s;", sql);
        free(qo);
        free(sql);
        return;
    }
    if (pr->rebuild) emit_rebuild(c, pr);
    else emit_native(c, pr);
}
