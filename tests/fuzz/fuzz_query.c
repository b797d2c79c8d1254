/* fuzz_query.c - the query analyser: any text as a query file (headers,
 * annotations, SQLite's prepare, dalgen's parser and typer) against a fixed
 * schema that has the usual shapes (keys, NULLs, a foreign key, a view). */
#include "fuzz.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>

#include "analysis/query/queries.h"
#include "frontend/schema_db.h"
#include "frontend/sources.h"
#include "util/fsutil.h"

static const char schema_sql[] =
    "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, bio TEXT, born DATE);\n"
    "CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, author_id INTEGER NOT NULL REFERENCES authors(id),\n"
    "  title TEXT NOT NULL UNIQUE, price REAL DEFAULT 0, tags BLOB, status TEXT CHECK (status IN ('a', 'b')));\n"
    "CREATE INDEX books_author ON books(author_id);\n"
    "CREATE VIEW book_titles AS SELECT b.id, b.title, a.name FROM books b JOIN authors a ON a.id = b.author_id;\n";

static dg_schema *fixed_schema(void)
{
    static dg_schema *s;   /* loaded once per process: harness state */
    if (!s) {
        dg_diags d = {0};
        if (dg_schema_load_text("schema.sql", schema_sql, sizeof schema_sql - 1, &s, &d) != 0) abort();
        dg_diags_free(&d);
    }
    return s;
}

/* The database of the fixed schema, built once: building it was half of
 * each input's cost (profiled with callgrind), and the analyser only
 * prepares statements on it, which changes nothing. */
static sqlite3 *fixed_db(void)
{
    static sqlite3 *db;   /* harness state */
    dg_diags d = {0};
    if (!db && dg_schema_open_db(fixed_schema(), &db, &d) != 0) abort();
    dg_diags_free(&d);
    return db;
}

/* Whether the input may declare a function (`-- @function`): the analyser
 * registers it on the database, which must not carry over to the next
 * input, so such an input gets a database of its own (NULL). */
static bool may_declare_function(const uint8_t *data, size_t size)
{
    static const char word[] = "function";
    for (size_t i = 0; i + sizeof word - 1 <= size; i++) {
        size_t k = 0;
        while (k < sizeof word - 1 && tolower(data[i + k]) == word[k]) k++;
        if (k == sizeof word - 1) return true;
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dg_schema *s = fixed_schema();
    const char *path = dg_fuzz_write("query.sql", data, size);
    dg_strings paths = {0};
    DG_VEC_PUSH(&paths, dg_xstrdup(path));
    dg_diags d = {0};
    dg_query_set *q = NULL;
    (void)dg_queries_load(&paths, s, may_declare_function(data, size) ? NULL : fixed_db(), &q, &d);
    dg_query_set_free(q);
    dg_strings_free(&paths);
    dg_diags_free(&d);
    return 0;
}
