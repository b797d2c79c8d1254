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
    /* a changed column is named by what changed */
    static const struct {
        const char *tag, *msg;
    } changed[] = {
        {"tag TEXT", "tags.tag is nullable in the database, NOT NULL in the generated code"},
        {"tag TEXT NOT NULL DEFAULT 'x'", "the DEFAULT of tags.tag is 'x' in the database, (none) in the"},
        {"tag VARCHAR(8) NOT NULL", "the declared type of tags.tag is VARCHAR(8) in the database, TEXT in"},
    };
    for (size_t i = 0; i < sizeof changed / sizeof changed[0]; i++) {
        char sql[512];
        snprintf(sql, sizeof sql,
                 "DROP TABLE tags; CREATE TABLE tags (id INTEGER PRIMARY KEY, note_id INTEGER NOT NULL "
                 "REFERENCES notes(id) ON DELETE CASCADE, %s); CREATE INDEX tags_note ON tags(note_id)",
                 changed[i].tag);
        CHECK(dal_exec(db, sql) == DAL_OK);
        CHECK(notes_schema_check(db) == DAL_ERROR);
        if (!strstr(dal_errmsg(db), changed[i].msg)) fprintf(stderr, "got: %s\n", dal_errmsg(db));
        CHECK(strstr(dal_errmsg(db), changed[i].msg) != NULL);
    }
    dal_close(db);
    return 0;
}
