/* Every query kind and parameter form against a real database: positional,
 * numbered, :@$ named, sqlc.arg/narg/slice/embed, slices of 0, 1 and 1000
 * elements of each element type, RETURNING, CTEs, unions, upserts, nullable
 * parameters and results. */
#include "forms.h"
#include "e2e.h"

static int64_t add(dal_db *db, const char *name, const char *kind, const double *w, int64_t qty, dal_blob data)
{
    int64_t id = 0;
    dal_value extra = {DAL_TYPE_INTEGER, {.integer = qty * 10}};
    forms_add_item_params p = {.name = name, .kind = kind, .weight = w, .qty = qty, .active = true, .data = data,
                               .extra = &extra};   /* 7 parameters: past the limit of 4, a struct */
    CHECK_RC(db, forms_add_item(db, &p, &id), DAL_OK);
    return id;
}

static int count_ids(dal_db *db, const int64_t *ids, size_t n, dal_arena *arena)
{
    forms_by_ids_iter it;
    memset(&it, 0, sizeof it);
    CHECK_RC(db, forms_by_ids(db, ids, n, &it), DAL_OK);
    forms_by_ids_row r;
    int c = 0, rc;
    int64_t last = 0;
    while ((rc = forms_by_ids_next(&it, &r, arena)) == DAL_ROW) {
        CHECK(r.id > last);
        last = r.id;
        c++;
    }
    CHECK(rc == DAL_DONE);
    forms_by_ids_iter_end(&it);
    return c;
}

static void kinds_and_named(dal_db *db, dal_arena *arena)
{
    double w = 1.5;
    unsigned char bytes[] = {1, 2, 3};
    dal_blob blob = {bytes, 3}, none = {NULL, 0};
    int64_t a = add(db, "apple", "fruit", &w, 3, blob);
    int64_t b = add(db, "bolt", "plain", NULL, 7, none);
    add(db, "fruit", "plain", NULL, 1, none);
    CHECK(a == 1 && b == 2);

    forms_item it;
    CHECK_RC(db, forms_get_item(db, a, &it, arena), DAL_OK);
    CHECK_STR(it.name, "apple");
    CHECK(it.has_weight && it.weight == 1.5 && it.qty == 3 && it.active);
    CHECK(it.data.len == 3 && memcmp(it.data.data, bytes, 3) == 0);
    CHECK(it.extra.type == DAL_TYPE_INTEGER && it.extra.as.integer == 30);
    CHECK_RC(db, forms_get_item(db, b, &it, arena), DAL_OK);
    CHECK(!it.has_weight && it.data.data == NULL);
    CHECK_RC(db, forms_get_item(db, 99, &it, arena), DAL_NOTFOUND);

    /* :n @n $n are one C argument bound to three SQLite parameters */
    forms_by_name_any_form_iter ni;
    memset(&ni, 0, sizeof ni);
    CHECK_RC(db, forms_by_name_any_form(db, "fruit", &ni), DAL_OK);
    int64_t nr = 0;   /* one column: yielded as its C type */
    CHECK(forms_by_name_any_form_next(&ni, &nr) == DAL_ROW && nr == a);
    CHECK(forms_by_name_any_form_next(&ni, &nr) == DAL_ROW && nr == 3);
    CHECK(forms_by_name_any_form_next(&ni, &nr) == DAL_DONE);
    forms_by_name_any_form_iter_end(&ni);

    /* ?2 ?1 then a bare ? which is ?3 */
    forms_by_numbered_iter bn;
    memset(&bn, 0, sizeof bn);
    CHECK_RC(db, forms_by_numbered(db, "bolt", 1, 0, &bn), DAL_OK);
    int64_t br = 0;
    CHECK(forms_by_numbered_next(&bn, &br) == DAL_ROW && br == a);
    CHECK(forms_by_numbered_next(&bn, &br) == DAL_ROW && br == 3);
    CHECK(forms_by_numbered_next(&bn, &br) == DAL_DONE);
    forms_by_numbered_iter_end(&bn);

    /* sqlc.narg: NULL pointer = SQL NULL */
    forms_sqlc_args_iter sa;
    memset(&sa, 0, sizeof sa);
    double min = 1.0;
    CHECK_RC(db, forms_sqlc_args(db, "plain", NULL, &sa), DAL_OK);
    forms_sqlc_args_row sr;
    int n = 0;
    while (forms_sqlc_args_next(&sa, &sr, arena) == DAL_ROW) {
        CHECK(!sr.has_weight);
        n++;
    }
    forms_sqlc_args_iter_end(&sa);
    CHECK(n == 2);
    memset(&sa, 0, sizeof sa);
    CHECK_RC(db, forms_sqlc_args(db, "fruit", &min, &sa), DAL_OK);
    CHECK(forms_sqlc_args_next(&sa, &sr, arena) == DAL_ROW && sr.id == a && sr.has_weight);
    CHECK(forms_sqlc_args_next(&sa, &sr, arena) == DAL_DONE);
    forms_sqlc_args_iter_end(&sa);
}

static void slices(dal_db *db, dal_arena *arena)
{
    static int64_t ids[1000];
    for (int i = 0; i < 1000; i++) ids[i] = 1000 - i;   /* includes 1..3 */
    CHECK(count_ids(db, ids, 0, arena) == 0);
    CHECK(count_ids(db, ids + 998, 1, arena) == 1);
    CHECK(count_ids(db, ids, 1000, arena) == 3);

    const char *names[] = {"apple", NULL, "nothing"};
    int64_t c = -1;
    CHECK_RC(db, forms_count_by_names(db, names, 0, &c), DAL_OK);
    CHECK(c == 0);
    CHECK_RC(db, forms_count_by_names(db, names, 3, &c), DAL_OK);
    CHECK(c == 1);
    double weights[] = {1.5, 2.5};
    int64_t cw = -1;
    CHECK_RC(db, forms_count_by_weights(db, weights, 2, &cw), DAL_OK);
    CHECK(cw == 1);
    unsigned char bytes[] = {1, 2, 3};
    dal_blob blobs[] = {{bytes, 3}, {bytes, 2}};
    int64_t cd = -1;
    CHECK_RC(db, forms_count_by_data(db, blobs, 2, &cd), DAL_OK);
    CHECK(cd == 1);

    int64_t rows = -1;
    CHECK_RC(db, forms_delete_by_ids(db, ids, 1000, "nothing-matches", &rows), DAL_OK);
    CHECK(rows == 0);
}

static void writes_and_reads(dal_db *db, dal_arena *arena)
{
    int64_t rows = 0;
    double w = 9.25;
    CHECK_RC(db, forms_set_weight(db, &w, 2, &rows), DAL_OK);
    CHECK(rows == 1);
    CHECK_RC(db, forms_set_weight(db, NULL, 42, &rows), DAL_OK);
    CHECK(rows == 0);

    forms_bump_iter bi;
    memset(&bi, 0, sizeof bi);
    CHECK_RC(db, forms_bump(db, 10, "plain", &bi), DAL_OK);
    forms_bump_row br;
    int n = 0;
    while (forms_bump_next(&bi, &br, arena) == DAL_ROW) {
        CHECK((br.id == 2 && br.qty == 17) || (br.id == 3 && br.qty == 11));
        n++;
    }
    forms_bump_iter_end(&bi);
    CHECK(n == 2);

    forms_owner o;
    CHECK_RC(db, forms_add_owner(db, &(int64_t){1}, "ann", &o, arena), DAL_OK);
    CHECK(o.id == 1 && o.has_item_id && o.item_id == 1);
    CHECK_STR(o.owner, "ann");
    CHECK_RC(db, forms_add_owner(db, NULL, "nobody", &o, arena), DAL_OK);
    CHECK(!o.has_item_id);

    forms_items_with_owners_iter wi;
    memset(&wi, 0, sizeof wi);
    CHECK_RC(db, forms_items_with_owners(db, 2, &wi), DAL_OK);
    forms_items_with_owners_row wr;
    CHECK(forms_items_with_owners_next(&wi, &wr, arena) == DAL_ROW);
    CHECK(wr.items.id == 1);
    CHECK_STR(wr.items.name, "apple");
    CHECK_STR(wr.owner, "ann");
    CHECK(forms_items_with_owners_next(&wi, &wr, arena) == DAL_ROW);
    CHECK(wr.items.id == 2 && wr.owner == NULL);
    CHECK(wr.items.has_weight && wr.items.weight == 9.25);
    CHECK(forms_items_with_owners_next(&wi, &wr, arena) == DAL_DONE);
    forms_items_with_owners_iter_end(&wi);

    /* :exec and :execrows on statements that return rows: the rows are
     * dropped, the writes done and counted */
    CHECK_RC(db, forms_ping(db), DAL_OK);
    CHECK_RC(db, forms_add_owner_quietly(db, NULL, "quiet"), DAL_OK);
    sqlite3_stmt *q = NULL;
    CHECK(sqlite3_prepare_v2(dal_sqlite(db), "SELECT count(*) FROM owners WHERE owner = 'quiet'", -1, &q, NULL) == 0);
    CHECK(sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 1);
    sqlite3_finalize(q);
    int64_t bumped = 0;
    CHECK_RC(db, forms_bump_all_counted(db, &bumped), DAL_OK);
    CHECK(bumped == 3);
    CHECK_RC(db, dal_exec(db, "UPDATE items SET qty = qty - 1; DELETE FROM owners WHERE owner = 'quiet'"), DAL_OK);

    forms_stats_row st;
    CHECK_RC(db, forms_stats(db, "plain", &st, arena), DAL_OK);
    CHECK(st.n == 2 && st.has_total && st.total == 28);
    CHECK(st.has_mean && st.mean == 9.25);
    CHECK_STR(st.last_name, "fruit");
    CHECK(st.lightest == 9.25);
    CHECK_RC(db, forms_stats(db, "none", &st, arena), DAL_OK);
    CHECK(st.n == 0 && !st.has_total && !st.has_mean && st.last_name == NULL && st.lightest == -1.0);
}

static void queries_over_queries(dal_db *db, dal_arena *arena)
{
    forms_chain_iter ci;
    memset(&ci, 0, sizeof ci);
    CHECK_RC(db, forms_chain(db, 5, &ci), DAL_OK);
    int64_t cr = 0, sum = 0;
    while (forms_chain_next(&ci, &cr) == DAL_ROW) sum += cr;
    forms_chain_iter_end(&ci);
    CHECK(sum == 15);

    forms_names_iter ni;
    memset(&ni, 0, sizeof ni);
    CHECK_RC(db, forms_names(db, &ni), DAL_OK);
    const char *nr = NULL;   /* text: copied into the arena */
    const char *want[] = {"ann", "bolt", "fruit", "nobody"};
    int n = 0;
    while (forms_names_next(&ni, &nr, arena) == DAL_ROW) {
        CHECK(n < 4);
        CHECK_STR(nr, want[n]);
        n++;
    }
    forms_names_iter_end(&ni);
    CHECK(n == 4);

    CHECK_RC(db, forms_upsert(db, 1, "apricot", "!"), DAL_OK);
    forms_item it;
    CHECK_RC(db, forms_get_item(db, 1, &it, arena), DAL_OK);
    CHECK_STR(it.name, "apricot!");

    forms_extra_row ex;
    CHECK_RC(db, forms_extra(db, 1, &ex, arena), DAL_OK);
    CHECK(ex.extra.type == DAL_TYPE_INTEGER);
    CHECK_STR(ex.t, "integer");

    /* an iterator keeps its statement: a second one runs at the same time */
    forms_owner_or_null_iter a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    CHECK_RC(db, forms_owner_or_null(db, &a), DAL_OK);
    CHECK_RC(db, forms_owner_or_null(db, &b), DAL_OK);
    forms_owner_or_null_row ra, rb;
    CHECK(forms_owner_or_null_next(&a, &ra, arena) == DAL_ROW);
    CHECK(forms_owner_or_null_next(&b, &rb, arena) == DAL_ROW);
    CHECK_STR(ra.name, rb.name);
    forms_owner_or_null_iter_end(&a);
    forms_owner_or_null_iter_end(&b);
    forms_owner_or_null_iter_end(&b);   /* idempotent */
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc - 1, argv + 1);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    kinds_and_named(db, &arena);
    slices(db, &arena);
    writes_and_reads(db, &arena);
    queries_over_queries(db, &arena);
    dal_arena_free(&arena);
    dal_close(db);
    puts("ok");
    return 0;
}
