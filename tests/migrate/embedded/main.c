/* Uses the embedded migrations of the generated notes.h: a fresh database
 * fails the schema check, notes_migrate brings it to the schema, a second
 * run changes nothing, migrating inside a transaction is refused, and a
 * changed database is named by the check. */
#include <stdio.h>
#include <string.h>

#include "notes.h"

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return 1;                                                          \
        }                                                                      \
    } while (0)

int main(int argc, char **argv)
{
    dal_db *db = NULL;
    CHECK(argc == 2);
    CHECK(dal_open(&db, argv[1], NULL) == DAL_OK);
    CHECK(notes_schema_check(db) == DAL_ERROR);
    CHECK(strstr(dal_errmsg(db), "notes") != NULL);
    CHECK(notes_migrate(db) == DAL_OK);
    CHECK(notes_schema_check(db) == DAL_OK);
    CHECK(notes_migrate(db) == DAL_OK);
    CHECK(dal_exec(db, "INSERT INTO notes (body) VALUES ('x')") == DAL_OK);
    CHECK(dal_begin(db) == DAL_OK);
    CHECK(notes_migrate(db) == DAL_MISUSE);
    CHECK(dal_rollback(db) == DAL_OK);
    CHECK(dal_exec(db, "ALTER TABLE tags ADD COLUMN color TEXT") == DAL_OK);
    CHECK(notes_schema_check(db) == DAL_ERROR);
    CHECK(strstr(dal_errmsg(db), "tags.color") != NULL);
    printf("embedded migrations: ok (%s)\n", dal_errmsg(db));
    dal_close(db);
    return 0;
}
