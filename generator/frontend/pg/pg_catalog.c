/* pg_catalog.c - the model read from pg_catalog (pg_int.h): schemas,
 * extensions, types, sequences, then tables and indexes
 * (pg_catalog_rel.c), views, functions and triggers; each in OID order,
 * which is creation order (file order for a database built from files).
 * Sequences alone are sorted by schema and name: an identity column
 * creates its sequence with its table, so no DDL that recreates a schema
 * can keep their OID order among free-standing ones. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "frontend/pg/pg_int.h"

static int read_schemas(PGconn *c, dg_schema *s, dg_loc where, dg_diags *d)
{
    PGresult *r = dg_pg__rows(c, "SELECT n.nspname FROM pg_namespace n WHERE n.nspname <> 'public' AND"
                                 DG_PG_USER_NS("n.oid", "pg_namespace") " ORDER BY n.oid", where, d);
    if (!r) return -1;
    for (int i = 0; i < PQntuples(r); i++) dg_strings_push(&s->schemas, dg_pg__val(r, i, 0));
    PQclear(r);
    r = dg_pg__rows(c, "SELECT x.extname, n.nspname, x.extversion FROM pg_extension x JOIN pg_namespace n"
                       " ON n.oid = x.extnamespace WHERE x.extname <> 'plpgsql' ORDER BY x.oid", where, d);
    if (!r) return -1;
    for (int i = 0; i < PQntuples(r); i++) {
        dg_pg_extension *x = DG_VEC_ADD(&s->extensions);
        x->name = dg_pg__dup(r, i, 0), x->schema = dg_pg__dup(r, i, 1), x->version = dg_pg__dup(r, i, 2);
    }
    PQclear(r);
    return 0;
}

static void json_strings(const char *text, dg_strings *out)
{
    json_t *a = text ? json_loads(text, 0, NULL) : NULL;
    for (size_t i = 0; i < json_array_size(a); i++) dg_strings_push(out, json_string_value(json_array_get(a, i)));
    json_decref(a);
}

static void domain_checks(dg_pg_domain *dm, const char *text)
{
    json_t *a = text ? json_loads(text, 0, NULL) : NULL;
    for (size_t i = 0; i < json_array_size(a); i++) {
        const char *def = json_string_value(json_array_get(json_array_get(a, i), 1));
        dg_check *ck = DG_VEC_ADD(&dm->checks);
        ck->name = dg_xstrdup(json_string_value(json_array_get(json_array_get(a, i), 0)));
        ck->column = -1;
        const char *end = strrchr(def, ')');
        ck->expr = !strncmp(def, "CHECK (", 7) && end ? dg_xstrndup(def + 7, (size_t)(end - def - 7)) : dg_xstrdup(def);
    }
    json_decref(a);
}

static int read_types(PGconn *c, dg_schema *s, dg_loc where, dg_diags *d)
{
    PGresult *r = dg_pg__rows(c,
        "SELECT n.nspname, t.typname, t.typtype, obj_description(t.oid, 'pg_type'),"
        " array_to_json(ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder))::text,"
        " format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,"
        " CASE WHEN t.typcollation <> b.typcollation THEN co.collname END,"
        " (SELECT json_agg(json_build_array(k.conname, pg_get_constraintdef(k.oid)) ORDER BY k.oid)"
        "   FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c')::text"
        " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_type b ON b.oid = t.typbasetype"
        " LEFT JOIN pg_collation co ON co.oid = t.typcollation"
        " WHERE t.typtype IN ('e', 'd') AND" DG_PG_USER_NS("t.oid", "pg_type") " ORDER BY t.oid", where, d);
    if (!r) return -1;
    for (int i = 0; i < PQntuples(r); i++) {
        if (dg_pg__val(r, i, 2)[0] == 'e') {
            dg_pg_enum *e = DG_VEC_ADD(&s->enums);
            e->schema = dg_pg__dup(r, i, 0), e->name = dg_pg__dup(r, i, 1), e->comment = dg_pg__dup(r, i, 3);
            json_strings(dg_pg__val(r, i, 4), &e->labels);
            continue;
        }
        dg_pg_domain *dm = DG_VEC_ADD(&s->domains);
        dm->schema = dg_pg__dup(r, i, 0), dm->name = dg_pg__dup(r, i, 1), dm->comment = dg_pg__dup(r, i, 3);
        dm->base = dg_pg__dup(r, i, 5), dm->not_null = dg_pg__bool(r, i, 6);
        dm->default_sql = dg_pg__dup(r, i, 7), dm->collation = dg_pg__dup(r, i, 8);
        domain_checks(dm, dg_pg__val(r, i, 9));
    }
    PQclear(r);
    return 0;
}

static int read_sequences(PGconn *c, dg_schema *s, dg_loc where, dg_diags *d)
{
    PGresult *r = dg_pg__rows(c,
        "SELECT n.nspname, c.relname, format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin,"
        " q.seqmax, q.seqcache, q.seqcycle, t.relname, a.attname, p.deptype"
        " FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
        " LEFT JOIN pg_depend p ON p.objid = q.seqrelid AND p.classid = 'pg_class'::regclass"
        "   AND p.refclassid = 'pg_class'::regclass AND p.deptype IN ('a', 'i')"
        " LEFT JOIN pg_class t ON t.oid = p.refobjid"
        " LEFT JOIN pg_attribute a ON a.attrelid = p.refobjid AND a.attnum = p.refobjsubid"
        " WHERE" DG_PG_USER_NS("c.oid", "pg_class") " ORDER BY n.nspname, c.relname", where, d);
    if (!r) return -1;
    for (int i = 0; i < PQntuples(r); i++) {
        dg_pg_sequence *q = DG_VEC_ADD(&s->sequences);
        q->schema = dg_pg__dup(r, i, 0), q->name = dg_pg__dup(r, i, 1), q->type = dg_pg__dup(r, i, 2);
        q->start = dg_pg__int(r, i, 3), q->increment = dg_pg__int(r, i, 4), q->min = dg_pg__int(r, i, 5);
        q->max = dg_pg__int(r, i, 6), q->cache = dg_pg__int(r, i, 7), q->cycle = dg_pg__bool(r, i, 8);
        q->owned_table = dg_pg__dup(r, i, 9), q->owned_column = dg_pg__dup(r, i, 10);
        const char *k = dg_pg__val(r, i, 11);
        q->owner_kind = k ? dg_xstrdup(k[0] == 'i' ? "identity" : "serial") : NULL;
    }
    PQclear(r);
    return 0;
}

/* "... ;" -> "..." */
static char *no_semicolon(const char *sql)
{
    size_t n = strlen(sql);
    while (n > 0 && (sql[n - 1] == ';' || sql[n - 1] == ' ' || sql[n - 1] == '\n')) n--;
    return dg_xstrndup(sql, n);
}

/* [name, format_type, typmod, ndims, is array, element typname, its
 * schema, its typtype, a domain's base type, the domain's name] */
static void view_columns(dg_view *v, const char *text)
{
    json_t *a = text ? json_loads(text, 0, NULL) : NULL;
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *c = json_array_get(a, i);
        dg_view_column *vc = DG_VEC_ADD(&v->columns);
        vc->name = dg_xstrdup(json_string_value(json_array_get(c, 0)));
        vc->decltype = dg_xstrdup(json_string_value(json_array_get(c, 1)));
        dg_pg_column *p = vc->pg = dg_xcalloc(1, sizeof *p);
        p->typmod = (int)json_integer_value(json_array_get(c, 2));
        p->array_dims = (int)json_integer_value(json_array_get(c, 3));
        if (p->array_dims == 0 && json_is_true(json_array_get(c, 4))) p->array_dims = 1;
        p->type_name = dg_xstrdup(json_string_value(json_array_get(c, 5)));
        p->type_schema = dg_xstrdup(json_string_value(json_array_get(c, 6)));
        p->type_kind = dg_xstrdup(dg_pg__type_kind(json_string_value(json_array_get(c, 7))));
        p->base_type = dg_xstrdup(json_string_value(json_array_get(c, 8)));
        p->domain = dg_xstrdup(json_string_value(json_array_get(c, 9)));
    }
    json_decref(a);
}

static int read_views(PGconn *c, dg_schema *s, dg_loc where, dg_diags *d)
{
    PGresult *r = dg_pg__rows(c,
        "SELECT n.nspname, c.relname, format('CREATE %sVIEW %I.%I AS' || E'\\n', CASE c.relkind WHEN 'm'"
        " THEN 'MATERIALIZED ' ELSE '' END, n.nspname, c.relname) || pg_get_viewdef(c.oid, true),"
        " obj_description(c.oid, 'pg_class'),"
        " (SELECT json_agg(json_build_array(a.attname, format_type(a.atttypid, a.atttypmod), a.atttypmod, a.attndims,"
        "   t.typcategory = 'A', et.typname, en.nspname, et.typtype,"
        "   CASE WHEN et.typtype = 'd' THEN format_type(et.typbasetype, et.typtypmod) END,"
        "   CASE WHEN et.typtype = 'd' THEN format_type(et.oid, NULL) END) ORDER BY a.attnum)"
        "   FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
        "   JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END"
        "   JOIN pg_namespace en ON en.oid = et.typnamespace"
        "   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)::text"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND"
        DG_PG_USER_NS("c.oid", "pg_class") " ORDER BY c.oid", where, d);
    if (!r) return -1;
    for (int i = 0; i < PQntuples(r); i++) {
        dg_view *v = DG_VEC_ADD(&s->views);
        v->schema = dg_pg__dup(r, i, 0), v->name = dg_pg__dup(r, i, 1);
        v->sql = no_semicolon(dg_pg__val(r, i, 2));
        char *text = NULL;
        dg_pg_comment_split(dg_pg__val(r, i, 3), &v->annotations, &text);
        free(text);   /* a view's plain comment has no place in the model yet */
        view_columns(v, dg_pg__val(r, i, 4));
    }
    PQclear(r);
    return 0;
}

/* CREATE AGGREGATE of an ordinary aggregate (pg_get_functiondef refuses
 * aggregates): every pg_aggregate option that is set, in the order of
 * PostgreSQL's own syntax. */
#define AGGREGATE_DEF \
    "(SELECT format('CREATE AGGREGATE %I.%I(%s) (SFUNC = %s, STYPE = %s', n.nspname, p.proname," \
    " pg_get_function_identity_arguments(p.oid), a.aggtransfn::regproc, format_type(a.aggtranstype, NULL))" \
    " || CASE WHEN a.aggtransspace <> 0 THEN ', SSPACE = ' || a.aggtransspace ELSE '' END" \
    " || CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc ELSE '' END" \
    " || CASE WHEN a.aggfinalextra THEN ', FINALFUNC_EXTRA' ELSE '' END" \
    " || CASE WHEN a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || a.aggcombinefn::regproc ELSE '' END" \
    " || CASE WHEN a.aggserialfn <> 0 THEN ', SERIALFUNC = ' || a.aggserialfn::regproc ELSE '' END" \
    " || CASE WHEN a.aggdeserialfn <> 0 THEN ', DESERIALFUNC = ' || a.aggdeserialfn::regproc ELSE '' END" \
    " || CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || quote_literal(a.agginitval) ELSE '' END" \
    " || CASE WHEN a.aggmtransfn <> 0 THEN format(', MSFUNC = %s, MINVFUNC = %s, MSTYPE = %s', a.aggmtransfn::regproc," \
    "   a.aggminvtransfn::regproc, format_type(a.aggmtranstype, NULL)) ELSE '' END" \
    " || CASE WHEN a.aggmfinalfn <> 0 THEN ', MFINALFUNC = ' || a.aggmfinalfn::regproc ELSE '' END" \
    " || CASE WHEN a.aggminitval IS NOT NULL THEN ', MINITCOND = ' || quote_literal(a.aggminitval) ELSE '' END" \
    " || COALESCE((SELECT ', SORTOP = ' || o.oprname FROM pg_operator o WHERE o.oid = a.aggsortop), '')" \
    " || CASE p.proparallel WHEN 's' THEN ', PARALLEL = SAFE' WHEN 'r' THEN ', PARALLEL = RESTRICTED' ELSE '' END" \
    " || ')' FROM pg_aggregate a WHERE a.aggfnoid = p.oid)"

static int read_functions(PGconn *c, dg_schema *s, dg_loc where, dg_diags *d)
{
    PGresult *r = dg_pg__rows(c,
        "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),"
        " CASE p.prokind WHEN 'a' THEN " AGGREGATE_DEF " ELSE pg_get_functiondef(p.oid) END"
        " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE (p.prokind IN ('f', 'p', 'w') OR"
        " p.prokind = 'a' AND (SELECT a.aggkind FROM pg_aggregate a WHERE a.aggfnoid = p.oid) = 'n') AND"
        DG_PG_USER_NS("p.oid", "pg_proc")
        /* by name, not by creation order, so that --sql (which creates them in
         * another order) reloads to the same model; aggregates after the
         * functions they call */
        " ORDER BY p.prokind = 'a', n.nspname COLLATE \"C\", p.proname COLLATE \"C\", pg_get_function_identity_arguments(p.oid) COLLATE \"C\"", where, d);
    if (!r) return -1;
    for (int i = 0; i < PQntuples(r); i++) {
        dg_pg_function *f = DG_VEC_ADD(&s->functions);
        f->schema = dg_pg__dup(r, i, 0), f->name = dg_pg__dup(r, i, 1), f->args = dg_pg__dup(r, i, 2);
        f->sql = no_semicolon(dg_pg__val(r, i, 3));
    }
    PQclear(r);
    return 0;
}

static int read_triggers(PGconn *c, dg_schema *s, dg_loc where, dg_diags *d)
{
    PGresult *r = dg_pg__rows(c,
        "SELECT t.tgname, c.relname, t.tgtype, pg_get_triggerdef(t.oid, true), format('%I.%I', pn.nspname, p.proname)"
        " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
        " JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace"
        " WHERE NOT t.tgisinternal AND" DG_PG_USER_NS("c.oid", "pg_class") " ORDER BY t.oid", where, d);
    if (!r) return -1;
    for (int i = 0; i < PQntuples(r); i++) {
        dg_trigger *tr = DG_VEC_ADD(&s->triggers);
        long long type = dg_pg__int(r, i, 2);   /* TRIGGER_TYPE_*: 2 BEFORE, 64 INSTEAD, 4 INSERT, 8 DELETE */
        tr->name = dg_pg__dup(r, i, 0), tr->table = dg_pg__dup(r, i, 1);
        tr->timing = type & 64 ? DG_TRIGGER_INSTEAD_OF : type & 2 ? DG_TRIGGER_BEFORE : DG_TRIGGER_AFTER;
        tr->event = type & 4 ? DG_TRIGGER_INSERT : type & 8 ? DG_TRIGGER_DELETE : DG_TRIGGER_UPDATE;
        tr->sql = dg_pg__dup(r, i, 3), tr->function = dg_pg__dup(r, i, 4);
    }
    PQclear(r);
    return 0;
}

int dg_pg_catalog_read(PGconn *c, dg_schema *s, dg_loc where, dg_diags *d)
{
    PGresult *b = PQexec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = public");
    bool ok = PQresultStatus(b) == PGRES_COMMAND_OK;
    PQclear(b);
    if (!ok) {
        char *line = dg_xstrdup(PQerrorMessage(c));
        line[strcspn(line, "\n")] = '\0';
        dg_error(d, where, "reading the catalog: %s", line);
        free(line);
        return -1;
    }
    int rc = read_schemas(c, s, where, d);
    if (rc == 0) rc = read_types(c, s, where, d);
    if (rc == 0) rc = read_sequences(c, s, where, d);
    if (rc == 0) rc = dg_pg__read_tables(c, s, where, d);
    if (rc == 0) rc = dg_pg__read_indexes(c, s, where, d);
    if (rc == 0) rc = read_views(c, s, where, d);
    if (rc == 0) rc = read_functions(c, s, where, d);
    if (rc == 0) rc = read_triggers(c, s, where, d);
    PQclear(PQexec(c, "COMMIT"));
    return rc;
}
