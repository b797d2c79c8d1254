/* pgmigrate.generated: the code `dalgen generate --engine postgresql
 * --migrations mig` writes (gm_migrate, gm_schema_check), run on a new
 * database: the check fails before the migrations, they apply, the check
 * passes, the generated table code works on the migrated tables, a second
 * gm_migrate does nothing, and hand-made drifts make the check fail naming
 * them.   usage: gm_prog POSTGRESQL_URL */
#include <stdio.h>
#include <string.h>

#include "gm.h"

static int fails;

static void expect(int ok, const char *what, const char *detail)
{
    if (ok) return;
    fprintf(stderr, "FAIL: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    fails++;
}

/* gm_schema_check fails with a message holding `want`. */
static void expect_drift(dal_db *db, const char *what, const char *want)
{
    int rc = gm_schema_check(db);
    expect(rc == DAL_ERROR && strstr(dal_errmsg(db), want) != NULL, what, dal_errmsg(db));
    printf("%s: %s\n", what, dal_errmsg(db));
}

static int count_applied(void *ctx, const dal_migrate_entry *e)
{
    if (!strcmp(e->state, "applied") && e->duration_ms >= 0) ++*(int *)ctx;
    return 0;
}

static void use_tables(dal_db *db)
{
    dal_arena arena = DAL_ARENA_INIT;
    gm_author a = {0};
    gm_book b = {0}, got = {0};
    dal_arena_init(&arena, NULL);
    a.name = "Ursula";
    int rc = gm_author_insert(db, &a, &arena);
    expect(rc == DAL_OK && a.id > 0 && a.mood == GM_MOOD_OK, "insert an author", dal_errmsg(db));
    b.author_id = a.id;
    b.title = "The Dispossessed";
    if (rc == DAL_OK) rc = gm_book_insert(db, &b, &arena);
    if (rc == DAL_OK) rc = gm_book_get(db, b.id, &got, &arena);
    expect(rc == DAL_OK && !strcmp(got.title, "The Dispossessed"), "insert and read a book", dal_errmsg(db));
    dal_arena_free(&arena);
}

int main(int argc, char **argv)
{
    dal_db *db = NULL;
    int applied = 0;
    if (argc < 2 || dal_open(&db, argv[1], NULL) != DAL_OK) {
        fprintf(stderr, "gm_prog: cannot open %s: %s\n", argc > 1 ? argv[1] : "(no URL)", db ? dal_errmsg(db) : "");
        dal_close(db);
        return 2;
    }
    expect_drift(db, "check before migrating", "schema differs: the database lacks `column authors.created");
    expect(gm_migrate(db) == DAL_OK, "gm_migrate", dal_errmsg(db));
    expect(gm_schema_check(db) == DAL_OK, "gm_schema_check after gm_migrate", dal_errmsg(db));
    expect(dal_migrate_history(db, count_applied, &applied) == DAL_OK && applied == 2, "two migrations applied",
           dal_errmsg(db));
    use_tables(db);
    expect(gm_migrate(db) == DAL_OK, "gm_migrate again (nothing to do)", dal_errmsg(db));
    expect(gm_schema_check(db) == DAL_OK, "gm_schema_check with rows", dal_errmsg(db));

    expect(dal_exec(db, "ALTER TABLE books ALTER COLUMN title DROP NOT NULL") == DAL_OK, "drift 1", dal_errmsg(db));
    expect_drift(db, "a column made nullable", "schema differs: books.title is nullable in the database, NOT NULL "
                 "in the generated code");
    expect(dal_exec(db, "ALTER TABLE books ALTER COLUMN title SET NOT NULL") == DAL_OK, "undo 1", dal_errmsg(db));
    expect(gm_schema_check(db) == DAL_OK, "gm_schema_check after the undo", dal_errmsg(db));

    expect(dal_exec(db, "ALTER TABLE authors ALTER COLUMN mood SET DEFAULT 'happy'") == DAL_OK, "drift 2",
           dal_errmsg(db));
    expect_drift(db, "a default changed", "schema differs: the DEFAULT of authors.mood is 'happy'::mood in the "
                 "database, 'ok'::mood in the generated code");
    expect(dal_exec(db, "ALTER TABLE authors ALTER COLUMN mood SET DEFAULT 'ok'") == DAL_OK, "undo 2", dal_errmsg(db));

    expect(dal_exec(db, "ALTER TABLE books DROP COLUMN tags") == DAL_OK, "drift 3", dal_errmsg(db));
    expect_drift(db, "a column dropped", "schema differs: the database lacks `column books.tags type=text[]");
    dal_close(db);
    printf("gm_prog: %d failures\n", fails);
    return fails ? 1 : 0;
}
