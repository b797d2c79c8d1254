/* pgmigrate_describe URL: dal_schema_describe of a PostgreSQL database on
 * stdout (the kill test compares a database with references built by
 * `dalgen migrate apply --to N`). */
#include <stdio.h>

#include <dal.h>

int main(int argc, char **argv)
{
    dal_db *db = NULL;
    char *out = NULL;
    if (argc != 2) {
        fprintf(stderr, "usage: pgmigrate_describe URL\n");
        return 2;
    }
    int rc = dal_open(&db, argv[1], NULL);
    if (rc == DAL_OK) rc = dal_schema_describe(db, &out);
    if (rc != DAL_OK) fprintf(stderr, "%s: %s\n", argv[1], db ? dal_errmsg(db) : "out of memory");
    else fputs(out, stdout);
    sqlite3_free(out);
    dal_close(db);
    return rc == DAL_OK ? 0 : 1;
}
