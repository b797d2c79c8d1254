/* Embedded migrations (generate --migrations DIR): the view model behind
 * P_migrate(dal_db *) and P_schema_check(dal_db *) (view_migrations.h). */
#include <stdlib.h>
#include <string.h>

#include <dal.h>

#include "analysis/diff/diff.h"
#include "frontend/schema_db.h"
#include "migrations/msource.h"
#include "migrations/sum.h"
#include "c/template.h"
#include "c/view_migrations.h"

/* dal_schema_describe of the schema being generated: what P_schema_check
 * compares a database against (the same libdal code on both sides). */
static char *describe(const dg_schema *s, sqlite3 *h, dg_diags *d)
{
    dal_db *db = NULL;
    char *desc = NULL, *out = NULL;
    bool owned = h == NULL;
    if (owned && dg_schema_open_db(s, &h, d) != 0) return NULL;
    if (dal_wrap(&db, h, NULL) == DAL_OK && dal_schema_describe(db, &desc) == DAL_OK) out = dg_xstrdup(desc);
    else {
        dg_loc loc = {NULL, 0, 0};
        dg_error(d, loc, "cannot describe the schema: %s", db ? dal_errmsg(db) : "out of memory");
    }
    sqlite3_free(desc);
    dal_close(db);
    if (owned) sqlite3_close(h);
    return out;
}

/* Warns when replaying the folder does not give the schema being generated. */
static void check_reaches(const dg_mfolder *f, const dg_schema *s, dg_diags *d)
{
    dg_diags quiet = DG_DIAGS_INIT;   /* the replay's own messages are not reported */
    dg_schema *replay = NULL;
    if (dg_load_folder_schema(f, &replay, &quiet) == 0) {
        dg_plan p;
        dg_diff_plan(replay, s, NULL, &p);
        if (p.stmts.len) {
            dg_loc loc = {f->dir, 1, 1};
            dg_warning(d, loc, "the migrations do not reach the schema (%zu statements differ): "
                       "run `dalgen migrate new NAME --dir %s` with this schema", p.stmts.len, f->dir);
        }
        dg_plan_free(&p);
    }
    dg_schema_free(replay);
    dg_diags_free(&quiet);
}

int dg_vmigrations_build(dg_vmigrations *out, const char *dir, const dg_schema *s, sqlite3 *db,
                         const char *description, const dg_view_opts *opts, dg_diags *d)
{
    memset(out, 0, sizeof *out);
    if (!dir) return 0;
    dg_mfolder *f = &out->folder;
    if (dg_mfolder_read(dir, false, f, d) != 0 || dg_sum_verify(f, f->items.len == 0, d) != 0) return -1;
    if (description) {
        out->description = dg_xstrdup(description);   /* PostgreSQL: the typing server checked the folder */
    } else {
        if (!(out->description = describe(s, db, d))) return -1;
        check_reaches(f, s, d);
    }
    bool long_sql = strlen(out->description) > DG_TMPL_MAX_LITERAL;
    for (size_t i = 0; i < f->items.len; i++) {
        const dg_migration *m = &f->items.items[i];
        if (strlen(m->up) > DG_TMPL_MAX_LITERAL || (m->down && strlen(m->down) > DG_TMPL_MAX_LITERAL))
            long_sql = true;
    }
    out->long_sql = long_sql;
    const char *p = opts->prefix;
    out->migrate_fn = dg_xprintf("%s_migrate", p);
    out->check_fn = dg_xprintf("%s_schema_check", p);
    out->list = dg_xprintf("%s__migrations", p);
    out->schema = dg_xprintf("%s__schema", p);
    return 0;
}

void dg_vmigrations_free(dg_vmigrations *m)
{
    free(m->migrate_fn);
    free(m->check_fn);
    free(m->list);
    free(m->schema);
    free(m->description);
    dg_mfolder_free(&m->folder);
    memset(m, 0, sizeof *m);
}

static json_t *migration_json(const dg_migration *m)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer((json_int_t)m->id));
    json_object_set_new(o, "name", json_string(m->name));
    json_object_set_new(o, "up", json_string(m->up));
    json_object_set_new(o, "down", m->down ? json_string(m->down) : json_null());
    json_object_set_new(o, "checksum", json_string(m->checksum));
    return o;
}

void dg_vmigrations_to_json(const dg_vmigrations *m, json_t *root)
{
    if (!m->migrate_fn) {   /* no folder */
        json_object_set_new(root, "migrations", json_array());
        return;
    }
    json_t *items = json_array(), *o = json_object();
    for (size_t i = 0; i < m->folder.items.len; i++)
        json_array_append_new(items, migration_json(&m->folder.items.items[i]));
    json_object_set_new(o, "migrate_fn", json_string(m->migrate_fn));
    json_object_set_new(o, "check_fn", json_string(m->check_fn));
    json_object_set_new(o, "list", json_string(m->list));
    json_object_set_new(o, "schema", json_string(m->schema));
    json_object_set_new(o, "count", json_integer((json_int_t)m->folder.items.len));
    json_object_set_new(o, "items", items);
    json_object_set_new(o, "description", json_string(m->description));
    json_object_set_new(o, "long_sql", json_boolean(m->long_sql));
    json_object_set_new(root, "migrations", o);
}
