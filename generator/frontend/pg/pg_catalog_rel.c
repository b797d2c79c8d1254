/* pg_catalog_rel.c - tables (columns, constraints) and indexes from
 * pg_catalog, in OID order (pg_int.h; design/postgres.md 2.5). */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "frontend/pg/pg_int.h"

/* Table index of relation oid `oid` (tables are in OID order), -1 when none. */
static int table_of(const long long *oids, size_t n, long long oid)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (oids[mid] == oid) return (int)mid;
        if (oids[mid] < oid) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

static const char *const COLUMNS_SQL =
    "SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
    " pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,"
    " CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, col_description(a.attrelid, a.attnum),"
    " a.atttypmod, a.attndims, t.typcategory = 'A', et.typname, en.nspname, et.typtype,"
    " CASE WHEN et.typtype = 'd' THEN format_type(et.typbasetype, et.typtypmod) END,"
    " CASE WHEN et.typtype = 'd' THEN format_type(et.oid, NULL) END,"
    " pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)"
    " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
    " JOIN pg_type t ON t.oid = a.atttypid"
    " JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END"
    " JOIN pg_namespace en ON en.oid = et.typnamespace"
    " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
    " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
    " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND" DG_PG_USER_NS("c.oid", "pg_class")
    " ORDER BY a.attrelid, a.attnum";

const char *dg_pg__type_kind(const char *t)
{
    switch (t ? t[0] : 'b') {
    case 'e': return "enum";
    case 'd': return "domain";
    case 'c': return "composite";
    case 'r': return "range";
    case 'm': return "multirange";
    case 'p': return "pseudo";
    }
    return "base";
}

static void read_column(dg_column *col, const PGresult *r, int i)
{
    col->name = dg_pg__dup(r, i, 1);
    col->type = dg_pg__dup(r, i, 2);
    col->not_null = dg_pg__bool(r, i, 3);
    const char *gen = dg_pg__val(r, i, 6), *ident = dg_pg__val(r, i, 5);
    if (gen && gen[0] == 's') {
        col->generated = DG_GEN_STORED;
        col->generated_expr = dg_pg__dup(r, i, 4);
    } else {
        col->default_sql = dg_pg__dup(r, i, 4);
    }
    col->collation = dg_pg__dup(r, i, 7);
    dg_pg_column *p = col->pg = dg_xcalloc(1, sizeof *p);
    dg_pg_comment_split(dg_pg__val(r, i, 8), &col->annotations, &p->comment);
    p->typmod = (int)dg_pg__int(r, i, 9);
    p->array_dims = (int)dg_pg__int(r, i, 10);
    if (p->array_dims == 0 && dg_pg__bool(r, i, 11)) p->array_dims = 1;
    p->type_name = dg_pg__dup(r, i, 12);
    p->type_schema = dg_pg__dup(r, i, 13);
    p->type_kind = dg_xstrdup(dg_pg__type_kind(dg_pg__val(r, i, 14)));
    p->base_type = dg_pg__dup(r, i, 15);
    p->domain = dg_pg__dup(r, i, 16);
    p->identity = dg_xstrdup(ident && ident[0] == 'a' ? "always" : ident && ident[0] == 'd' ? "by default" : NULL);
    p->sequence = dg_pg__dup(r, i, 17);
}

static int read_columns(PGconn *c, dg_schema *s, const long long *oids, dg_loc where, dg_diags *d)
{
    PGresult *r = dg_pg__rows(c, COLUMNS_SQL, where, d);
    if (!r) return -1;
    for (int i = 0; i < PQntuples(r); i++) {
        int t = table_of(oids, s->tables.len, dg_pg__int(r, i, 0));
        if (t >= 0) read_column(DG_VEC_ADD(&s->tables.items[t].columns), r, i);
    }
    PQclear(r);
    return 0;
}

static const char *const CONSTRAINTS_SQL =
    "SELECT k.conrelid, k.conname, k.contype, pg_get_constraintdef(k.oid), k.condeferrable, k.condeferred,"
    " (SELECT json_agg(a.attname ORDER BY u.o) FROM unnest(k.conkey) WITH ORDINALITY u(n, o)"
    "   JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n)::text,"
    " (SELECT json_agg(a.attname ORDER BY u.o) FROM unnest(k.confkey) WITH ORDINALITY u(n, o)"
    "   JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n)::text,"
    " ft.relname, fn.nspname, k.confupdtype, k.confdeltype, k.confmatchtype"
    " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
    " LEFT JOIN pg_class ft ON ft.oid = k.confrelid LEFT JOIN pg_namespace fn ON fn.oid = ft.relnamespace"
    " WHERE c.relkind IN ('r', 'p') AND" DG_PG_USER_NS("c.oid", "pg_class") " ORDER BY k.conrelid, k.oid";

static void json_names(const char *text, dg_strings *out)
{
    json_t *a = text ? json_loads(text, 0, NULL) : NULL;
    for (size_t i = 0; i < json_array_size(a); i++) dg_strings_push(out, json_string_value(json_array_get(a, i)));
    json_decref(a);
}

static const char *action(const char *c)
{
    switch (c ? c[0] : 'a') {
    case 'r': return "RESTRICT";
    case 'c': return "CASCADE";
    case 'n': return "SET NULL";
    case 'd': return "SET DEFAULT";
    }
    return "NO ACTION";
}

/* "CHECK ((x > 0))" -> "(x > 0)" (NOT VALID kept after it). */
static char *check_expr(const char *def)
{
    if (strncmp(def, "CHECK (", 7) != 0) return dg_xstrdup(def);
    const char *end = strrchr(def, ')');
    return dg_xstrndup(def + 7, (size_t)(end - def - 7));
}

static void read_fk(dg_table *t, const PGresult *r, int i)
{
    dg_foreign_key *fk = DG_VEC_ADD(&t->foreign_keys);
    fk->name = dg_pg__dup(r, i, 1);
    json_names(dg_pg__val(r, i, 6), &fk->columns);
    json_names(dg_pg__val(r, i, 7), &fk->to);
    fk->table = dg_pg__dup(r, i, 8);
    fk->table_schema = dg_pg__dup(r, i, 9);
    fk->on_update = dg_xstrdup(action(dg_pg__val(r, i, 10)));
    fk->on_delete = dg_xstrdup(action(dg_pg__val(r, i, 11)));
    bool deferrable = dg_pg__bool(r, i, 4), deferred = dg_pg__bool(r, i, 5);
    fk->deferrable = deferrable && deferred;
    fk->deferrable_sql = deferrable ? dg_xstrdup(deferred ? "DEFERRABLE INITIALLY DEFERRED" : "DEFERRABLE") : NULL;
    const char *m = dg_pg__val(r, i, 12);
    fk->match = m && m[0] == 'f' ? dg_xstrdup("FULL") : m && m[0] == 'p' ? dg_xstrdup("PARTIAL") : NULL;
}

static void read_constraint(dg_table *t, const PGresult *r, int i)
{
    char type = dg_pg__val(r, i, 2)[0];
    dg_strings cols = {0};
    json_names(dg_pg__val(r, i, 6), &cols);
    if (type == 'p') {
        t->pk_name = dg_pg__dup(r, i, 1);
        for (size_t k = 0; k < cols.len; k++) {
            dg_column *col = dg_table_column(t, cols.items[k]);
            if (col) col->pk = (int)k + 1;
        }
    } else if (type == 'u') {
        dg_unique *u = DG_VEC_ADD(&t->uniques);
        u->name = dg_pg__dup(r, i, 1);
        u->columns = cols, cols = (dg_strings){0};
    } else if (type == 'c') {
        dg_check *ck = DG_VEC_ADD(&t->checks);
        ck->name = dg_pg__dup(r, i, 1);
        ck->expr = check_expr(dg_pg__val(r, i, 3));
        ck->column = cols.len == 1 ? dg_table_column_index(t, cols.items[0]) : -1;
    } else if (type == 'f') {
        read_fk(t, r, i);
    } else if (type == 'x') {
        dg_exclusion *x = DG_VEC_ADD(&t->exclusions);
        x->name = dg_pg__dup(r, i, 1);
        x->sql = dg_pg__dup(r, i, 3);
    }
    dg_strings_free(&cols);
}

static int read_constraints(PGconn *c, dg_schema *s, const long long *oids, dg_loc where, dg_diags *d)
{
    PGresult *r = dg_pg__rows(c, CONSTRAINTS_SQL, where, d);
    if (!r) return -1;
    for (int i = 0; i < PQntuples(r); i++) {
        int t = table_of(oids, s->tables.len, dg_pg__int(r, i, 0));
        if (t >= 0) read_constraint(&s->tables.items[t], r, i);
    }
    PQclear(r);
    return 0;
}

int dg_pg__read_tables(PGconn *c, dg_schema *s, dg_loc where, dg_diags *d)
{
    PGresult *r = dg_pg__rows(c,
        "SELECT c.oid, n.nspname, c.relname, obj_description(c.oid, 'pg_class'),"
        " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, pc.relname, pn.nspname,"
        " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END FROM pg_class c"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " LEFT JOIN pg_inherits h ON c.relispartition AND h.inhrelid = c.oid"
        " LEFT JOIN pg_class pc ON pc.oid = h.inhparent LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace"
        " WHERE c.relkind IN ('r', 'p') AND"
        DG_PG_USER_NS("c.oid", "pg_class") " ORDER BY c.oid", where, d);
    if (!r) return -1;
    long long *oids = dg_xcalloc((size_t)PQntuples(r) + 1, sizeof *oids);
    for (int i = 0; i < PQntuples(r); i++) {
        dg_table *t = DG_VEC_ADD(&s->tables);
        oids[i] = dg_pg__int(r, i, 0);
        t->schema = dg_pg__dup(r, i, 1);
        t->name = dg_pg__dup(r, i, 2);
        dg_pg_comment_split(dg_pg__val(r, i, 3), &t->annotations, &t->comment);
        t->partition_by = dg_pg__dup(r, i, 4);
        t->partition_of = dg_pg__dup(r, i, 5), t->partition_of_schema = dg_pg__dup(r, i, 6);
        t->partition_bound = dg_pg__dup(r, i, 7);
    }
    PQclear(r);
    int rc = read_columns(c, s, oids, where, d);
    if (rc == 0) rc = read_constraints(c, s, oids, where, d);
    free(oids);
    return rc;
}

static const char *const INDEXES_SQL =
    "SELECT ic.relname, t.relname, i.indisunique, pg_get_indexdef(i.indexrelid), am.amname,"
    " pg_get_expr(i.indpred, i.indrelid, true), i.indnkeyatts,"
    " (SELECT json_agg(json_build_array(pg_get_indexdef(i.indexrelid, g, true), i.indkey[g - 1],"
    "   i.indoption[g - 1]) ORDER BY g) FROM generate_series(1, i.indnatts) g)::text,"
    " NULLIF(n.nspname, 'public')"
    " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
    " JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = ic.relam"
    " WHERE t.relkind IN ('r', 'p') AND" DG_PG_USER_NS("t.oid", "pg_class")
    /* a partition's part of a partitioned table's index: that index implies it */
    " AND NOT ic.relispartition"
    " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))"
    " ORDER BY i.indexrelid";

static void read_terms(dg_index *ix, const char *text, int nkey)
{
    json_t *a = text ? json_loads(text, 0, NULL) : NULL;
    for (size_t g = 0; g < json_array_size(a); g++) {
        json_t *e = json_array_get(a, g);
        const char *def = json_string_value(json_array_get(e, 0));
        if ((int)g >= nkey) {
            dg_strings_push(&ix->include, def);
            continue;
        }
        dg_index_term *t = DG_VEC_ADD(&ix->terms);
        bool column = json_integer_value(json_array_get(e, 1)) != 0;
        t->column = column ? dg_xstrdup(def) : NULL;
        t->expr = column ? NULL : dg_xstrdup(def);
        t->desc = (json_integer_value(json_array_get(e, 2)) & 1) != 0;
    }
    json_decref(a);
}

int dg_pg__read_indexes(PGconn *c, dg_schema *s, dg_loc where, dg_diags *d)
{
    PGresult *r = dg_pg__rows(c, INDEXES_SQL, where, d);
    if (!r) return -1;
    for (int i = 0; i < PQntuples(r); i++) {
        dg_index *ix = DG_VEC_ADD(&s->indexes);
        ix->name = dg_pg__dup(r, i, 0);
        ix->table = dg_pg__dup(r, i, 1);
        ix->unique = dg_pg__bool(r, i, 2);
        ix->sql = dg_pg__dup(r, i, 3);
        ix->method = dg_pg__dup(r, i, 4);
        ix->where = dg_pg__dup(r, i, 5);
        read_terms(ix, dg_pg__val(r, i, 7), (int)dg_pg__int(r, i, 6));
        ix->schema = dg_pg__dup(r, i, 8);   /* NULL in public */
    }
    PQclear(r);
    return 0;
}
