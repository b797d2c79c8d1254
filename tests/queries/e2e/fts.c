/* Full-text search through queries (cases/fts): rowid and docid are
 * non-null integers, rank and bm25() doubles, the MATCH parameter over the
 * whole table is `query`, `_fts` tables keep their names, and their structs
 * hold no hidden column (the struct's size says so at compile time). */
#include "ft.h"
#include "e2e.h"

/* rowid, title, body: no rank, no table-named column */
typedef char post_fts_has_no_hidden_fields[sizeof(ft_post_fts) == sizeof(int64_t) + 2 * sizeof(const char *) ? 1 : -1];

static void add_post(dal_db *db, const char *title, const char *body)
{
    ft_post p = {0};
    p.title = title;
    p.body = body;
    CHECK_RC(db, ft_post_insert(db, &p, NULL), DAL_OK);
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc - 1, argv + 1);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    add_post(db, "hello world", "the first post says hello");
    add_post(db, "other", "hello hello hello, more hellos than any other");
    add_post(db, "third", "nothing to see");
    CHECK_RC(db, ft_reindex(db), DAL_OK);   /* external content: rebuild the index */

    ft_search_iter it = {0};
    CHECK_RC(db, ft_search(db, "hello", &it), DAL_OK);
    ft_search_row r;
    int n = 0;
    double last_rank = -1e300;
    while (ft_search_next(&it, &r, &arena) == DAL_ROW) {
        CHECK(r.rowid == 1 || r.rowid == 2);
        CHECK(r.has_rank && r.rank < 0 && r.rank >= last_rank);   /* bm25: lower is better, ascending */
        CHECK(r.score == r.rank);   /* rank is bm25() by default */
        last_rank = r.rank;
        n++;
    }
    ft_search_iter_end(&it);
    CHECK(n == 2);

    ft_search_title_iter ti = {0};
    CHECK_RC(db, ft_search_title(db, "third", &ti), DAL_OK);
    ft_search_title_row tr;
    CHECK(ft_search_title_next(&ti, &tr, &arena) == DAL_ROW && tr.rowid == 3);
    CHECK_STR(tr.title, "third");
    CHECK(ft_search_title_next(&ti, &tr, &arena) == DAL_DONE);
    ft_search_title_iter_end(&ti);

    int64_t id = 0, docid = 41;
    CHECK_RC(db, ft_add_note(db, &docid, "remember the milk", &id), DAL_OK);
    CHECK(id == 41);
    CHECK_RC(db, ft_add_note(db, NULL, "milk again", &id), DAL_OK);   /* NULL docid: assigned */
    CHECK(id == 42);
    ft_search_notes_iter ni = {0};
    CHECK_RC(db, ft_search_notes(db, "milk", &ni), DAL_OK);
    ft_search_notes_row nr;
    CHECK(ft_search_notes_next(&ni, &nr, &arena) == DAL_ROW && nr.rowid == 41 && nr.docid == 41);
    CHECK(ft_search_notes_next(&ni, &nr, &arena) == DAL_ROW && nr.docid == 42);
    CHECK_STR(nr.text, "milk again");
    CHECK(ft_search_notes_next(&ni, &nr, &arena) == DAL_DONE);
    ft_search_notes_iter_end(&ni);

    /* the table's own functions: insert writes the visible columns only */
    ft_note_fts note = {0};
    note.text = "a third note";
    CHECK_RC(db, ft_note_fts_insert(db, &note, &arena), DAL_OK);
    CHECK(note.rowid == 43);

    dal_arena_free(&arena);
    dal_close(db);
    puts("ok");
    return 0;
}
