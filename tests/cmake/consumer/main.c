/* Inserts two notes through the generated code and prints the latest one.
 * argv[1] is the schema file, executed first. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "notes.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

int main(int argc, char **argv)
{
    dal_db *db = NULL;
    dal_arena arena;
    char *schema = argc > 1 ? slurp(argv[1]) : NULL;
    int rc = 1;
    if (!schema) return 2;
    dal_arena_init(&arena, NULL);
    if (dal_open(&db, ":memory:", NULL) != DAL_OK) goto done;
    if (sqlite3_exec(dal_sqlite(db), schema, NULL, NULL, NULL) != SQLITE_OK) goto done;
    notes_note a = {0}, b = {0}, latest = {0};
    a.title = "first";
    b.title = "second";
    b.body = "hello";
    if (notes_note_insert(db, &a, &arena) != DAL_OK) goto done;
    if (notes_note_insert(db, &b, &arena) != DAL_OK) goto done;
    if (notes_latest_note(db, &latest, &arena) != DAL_OK) goto done;
    printf("latest: %lld %s %s\n", (long long)latest.id, latest.title, latest.body ? latest.body : "(null)");
    rc = 0;
done:
    if (rc) fprintf(stderr, "notes: %s\n", db ? dal_errmsg(db) : "cannot open");
    dal_arena_free(&arena);
    dal_close(db);
    return rc;
}
