/* An attached in-memory schema (cases/attached): the schema file ATTACHes
 * ':memory:' AS baz and creates baz.users; the table's functions
 * (P_baz_user_*) and the queries over baz.users read and write that table,
 * not a main one. */
#include "at.h"
#include "e2e.h"

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc - 1, argv + 1);   /* runs the ATTACH and the CREATEs */
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    /* a main table named users would take these rows: there is none */
    CHECK(sqlite3_exec(dal_sqlite(db), "SELECT 1 FROM main.users", NULL, NULL, NULL) != SQLITE_OK);

    at_baz_user u = {0};
    u.name = "ann";
    CHECK_RC(db, at_baz_user_insert(db, &u, &arena), DAL_OK);
    CHECK(u.id == 1);
    int64_t id = 0;
    CHECK_RC(db, at_add_user(db, "bob", "bob@x", &id), DAL_OK);
    CHECK(id == 2);
    at_users_log l = {0};
    l.user_id = id;
    l.note = "joined";
    CHECK_RC(db, at_users_log_insert(db, &l, NULL), DAL_OK);

    at_baz_user got;
    CHECK_RC(db, at_get_user(db, 2, &got, &arena), DAL_OK);   /* SELECT * over baz.users: its struct */
    CHECK_STR(got.name, "bob");
    CHECK_STR(got.email, "bob@x");
    CHECK_RC(db, at_baz_user_get_by_email(db, "bob@x", &got, &arena), DAL_OK);
    CHECK(got.id == 2);

    int64_t rows = 0;
    CHECK_RC(db, at_rename(db, "ann", 2, &rows), DAL_OK);
    CHECK(rows == 1);
    at_baz_user_iter it = {0};
    CHECK_RC(db, at_baz_user_list_by_name(db, "ann", &it), DAL_OK);
    int n = 0;
    while (at_baz_user_next(&it, &got, &arena) == DAL_ROW) n++;
    at_baz_user_iter_end(&it);
    CHECK(n == 2);

    at_users_named_iter ni = {0};
    CHECK_RC(db, at_users_named(db, "ann", &ni), DAL_OK);
    at_users_named_row r;
    CHECK(at_users_named_next(&ni, &r, &arena) == DAL_ROW && r.id == 1 && r.note == NULL);
    CHECK(at_users_named_next(&ni, &r, &arena) == DAL_ROW && r.id == 2);
    CHECK_STR(r.note, "joined");
    CHECK(at_users_named_next(&ni, &r, &arena) == DAL_DONE);
    at_users_named_iter_end(&ni);

    /* three-part names: baz.users.id, main.users_log.note */
    at_notes_iter nt = {0};
    CHECK_RC(db, at_notes(db, &nt), DAL_OK);
    at_notes_row nr;
    CHECK(at_notes_next(&nt, &nr, &arena) == DAL_ROW && nr.id == 2);
    CHECK_STR(nr.note, "joined");
    CHECK(at_notes_next(&nt, &nr, &arena) == DAL_DONE);
    at_notes_iter_end(&nt);

    int64_t count = 0;
    CHECK_RC(db, at_baz_user_count(db, &count), DAL_OK);
    CHECK(count == 2);
    CHECK_RC(db, at_baz_user_delete(db, 1), DAL_OK);
    CHECK_RC(db, at_baz_user_count(db, &count), DAL_OK);
    CHECK(count == 1);
    dal_arena_free(&arena);
    dal_close(db);
    puts("ok");
    return 0;
}
