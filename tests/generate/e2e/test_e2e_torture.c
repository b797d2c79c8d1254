/* End-to-end tests of the torture schema's generated code: keyword and odd
 * identifiers, WITHOUT ROWID, composite keys, generated columns, FTS5,
 * BLOBs, a table with no primary key, a wide table, a view. */
#include "e2e.h"

void torture_keywords_defaults_and_values(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-tt-default.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    tt_default d, got;
    memset(&d, 0, sizeof d);
    d.case_ = "case";
    d.anything.type = DAL_TYPE_TEXT;
    d.anything.as.text.data = "any text";
    d.anything.as.text.len = 8;
    OK(tt_default_insert(db, &d, &a));
    assert_int_equal(d.int_, 1);
    assert_true(d.has_errno_);
    assert_int_equal(d.errno_, -1);
    assert_true(d.has_a_b);
    assert_true(d.a_b == 1.5);
    assert_string_equal(d.user_name, "it's \"quoted\" \\ and ?\?= */ here");
    assert_non_null(d.quote_d);         /* CURRENT_TIMESTAMP */
    OK(tt_default_get(db, d.int_, &got, &a));
    assert_string_equal(got.case_, "case");
    assert_null(got.class_);
    assert_false(got.has_n2fa);
    assert_false(got.has_x_y);
    assert_int_equal(got.anything.type, DAL_TYPE_TEXT);
    assert_string_equal(got.anything.as.text.data, "any text");
    assert_string_equal(got.user_name, d.user_name);

    got.anything.type = DAL_TYPE_INTEGER;
    got.anything.as.integer = 7;
    got.has_n2fa = true;
    got.n2fa = true;
    got.has_it_s = true;
    got.it_s = 12.25;
    got.caf_u00e9 = "cr\xc3\xa8me";
    got.has_db_ = true;
    got.db_ = 5;
    OK(tt_default_update(db, &got, &a));
    OK(tt_default_get(db, d.int_, &d, &a));
    assert_int_equal(d.anything.type, DAL_TYPE_INTEGER);
    assert_int_equal(d.anything.as.integer, 7);
    assert_true(d.n2fa);
    assert_true(d.it_s == 12.25);
    assert_string_equal(d.caf_u00e9, "cr\xc3\xa8me");
    assert_int_equal(d.db_, 5);
    assert_int_equal(d.errno_, -1);     /* unchanged: update kept the value */

    d.int_ = 0;
    OK(tt_default_upsert(db, &d, &a));
    assert_int_equal(d.int_, 2);
    int64_t n;
    OK(tt_default_count(db, &n));
    assert_int_equal(n, 2);
    OK(tt_default_delete(db, 2));
    assert_int_equal(tt_default_get(db, 2, &got, &a), DAL_NOTFOUND);
    dal_arena_free(&a);
    dal_close(db);
}

void torture_without_rowid_composite_key_and_blobs(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-tt-kv.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    tt_key_value kv, got;
    memset(&kv, 0, sizeof kv);
    kv.namespace_ = "ns";
    kv.version = 1;
    OK(tt_key_value_insert(db, &kv, &a));
    assert_non_null(kv.payload.data);   /* DEFAULT x'' written back: empty, not NULL */
    assert_int_equal(kv.payload.len, 0);
    OK(tt_key_value_get(db, "ns", 1, &got, &a));
    assert_non_null(got.payload.data);
    assert_int_equal(got.payload.len, 0);
    assert_null(got.note);

    static const unsigned char bytes[] = {0xff, 0, 0x7f};
    got.payload.data = bytes;
    got.payload.len = sizeof bytes;
    got.note = "note";
    OK(tt_key_value_update(db, &got, &a));
    kv.version = 2;
    kv.payload = got.payload;
    OK(tt_key_value_upsert(db, &kv, &a));
    OK(tt_key_value_get(db, "ns", 1, &got, &a));
    assert_int_equal(got.payload.len, 3);
    assert_memory_equal(got.payload.data, bytes, 3);
    assert_string_equal(got.note, "note");
    assert_int_equal(tt_key_value_get(db, "ns", 3, &got, &a), DAL_NOTFOUND);
    assert_int_equal(tt_key_value_insert(db, &kv, &a), DAL_CONSTRAINT);   /* same key */

    tt_key_value_iter it;
    int64_t versions = 0;
    OK(tt_key_value_list(db, &it));
    while (tt_key_value_next(&it, &got, &a) == DAL_ROW) versions = versions * 10 + got.version;
    tt_key_value_iter_end(&it);
    assert_int_equal(versions, 12);     /* primary-key order */
    int64_t n;
    OK(tt_key_value_count(db, &n));
    assert_int_equal(n, 2);
    /* the key's first column lists its rows in key order */
    kv.namespace_ = "other";
    kv.version = 7;
    OK(tt_key_value_insert(db, &kv, &a));
    versions = 0;
    OK(tt_key_value_list_by_namespace_(db, "ns", &it));
    while (tt_key_value_next(&it, &got, &a) == DAL_ROW) versions = versions * 10 + got.version;
    tt_key_value_iter_end(&it);
    assert_int_equal(versions, 12);
    OK(tt_key_value_delete(db, "other", 7));
    OK(tt_key_value_delete(db, "ns", 1));
    assert_int_equal(tt_key_value_delete(db, "ns", 1), DAL_NOTFOUND);
    dal_arena_free(&a);
    dal_close(db);
}

void torture_generated_columns_and_finders(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-tt-shape.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    tt_shape s, got;
    memset(&s, 0, sizeof s);
    s.w = 2;
    s.h = 3;
    OK(tt_shape_insert(db, &s, &a));
    assert_true(s.has_area);            /* generated columns written back */
    assert_true(s.area == 6.0);
    assert_string_equal(s.label, "shape 1");
    assert_string_equal(s.kind, "box");
    memset(&s, 0, sizeof s);
    s.w = 20;
    s.h = 1;
    s.kind = "bar";
    s.area = 999;                       /* generated: never written */
    OK(tt_shape_insert(db, &s, &a));
    assert_true(s.area == 20.0);
    OK(tt_shape_get_by_w_and_h(db, 20, 1, &got, &a));
    assert_int_equal(got.id, 2);
    assert_int_equal(tt_shape_get_by_w_and_h(db, 1, 1, &got, &a), DAL_NOTFOUND);
    tt_shape_iter it;
    int rows = 0;
    OK(tt_shape_list_by_kind(db, "box", &it));
    while (tt_shape_next(&it, &got, &a) == DAL_ROW) {
        rows++;
        assert_int_equal(got.id, 1);
    }
    tt_shape_iter_end(&it);
    assert_int_equal(rows, 1);
    /* the partial unique index shapes_big (WHERE w > 10): a get among the
     * rows it keeps; shape 1 (w = 2) is not one of them */
    OK(tt_shape_get_by_label_big(db, "shape 2", &got, &a));
    assert_int_equal(got.id, 2);
    assert_int_equal(tt_shape_get_by_label_big(db, "shape 1", &got, &a), DAL_NOTFOUND);
    got.w = 5;
    OK(tt_shape_update(db, &got, &a));
    OK(tt_shape_get(db, 2, &got, &a));
    assert_true(got.area == 5.0);
    got.h = 4;
    OK(tt_shape_upsert(db, &got, &a));
    assert_true(got.area == 20.0);      /* written back from the update */
    int64_t n;
    OK(tt_shape_count(db, &n));
    assert_int_equal(n, 2);
    OK(tt_shape_delete(db, 1));
    rows = 0;
    OK(tt_shape_list(db, &it));
    while (tt_shape_next(&it, &got, &a) == DAL_ROW) rows++;
    tt_shape_iter_end(&it);
    assert_int_equal(rows, 1);

    /* foreign-key finder of the renamed member_lists (P_member_list_2) */
    tt_member m;
    memset(&m, 0, sizeof m);
    m.email = "m@x";
    OK(tt_member_insert(db, &m, &a));
    for (int i = 0; i < 2; i++) {
        tt_member_list_2 l;
        memset(&l, 0, sizeof l);
        l.has_member_id = true;
        l.member_id = m.id;
        l.title = i ? "two" : "one";
        OK(tt_member_list_2_insert(db, &l, &a));
    }
    tt_member_list_2_iter li;
    tt_member_list_2 l;
    rows = 0;
    OK(tt_member_list_2_list_by_member_id(db, m.id, &li));
    while (tt_member_list_2_next(&li, &l, &a) == DAL_ROW) rows++;
    tt_member_list_2_iter_end(&li);
    assert_int_equal(rows, 2);
    dal_arena_free(&a);
    dal_close(db);
}

void torture_no_primary_key(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-tt-events.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    const char *at[] = {"t1", "t2", "t3"};
    for (int i = 0; i < 3; i++) {
        tt_event e;
        memset(&e, 0, sizeof e);
        e.at = at[i];
        e.has_level = i == 2;
        e.level = 9;
        OK(tt_event_insert(db, &e, &a));
        assert_true(e.has_level);
        assert_int_equal(e.level, i == 2 ? 9 : 0);
    }
    int64_t n;
    OK(tt_event_count(db, &n));
    assert_int_equal(n, 3);
    tt_event_iter it;
    tt_event e;
    int i = 0;
    OK(tt_event_list(db, &it));
    while (tt_event_next(&it, &e, &a) == DAL_ROW) {
        assert_string_equal(e.at, at[i]);   /* rowid order */
        assert_null(e.payload.data);
        i++;
    }
    tt_event_iter_end(&it);
    assert_int_equal(i, 3);
    dal_arena_free(&a);
    dal_close(db);
}

void torture_fts5_insert_match_delete(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-tt-fts.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    tt_doc d;
    memset(&d, 0, sizeof d);
    d.title = "first";
    d.body = "hello world, hello again";
    OK(tt_doc_insert(db, &d, &a));
    assert_int_equal(d.rowid, 1);
    d.rowid = 10;
    d.title = "second";
    d.body = "hello there";
    OK(tt_doc_insert(db, &d, &a));
    assert_int_equal(d.rowid, 10);
    tt_doc_iter it;
    tt_doc got;
    int64_t order = 0;
    OK(tt_doc_match(db, "hello", &it));
    while (tt_doc_next(&it, &got, &a) == DAL_ROW) order = order * 100 + got.rowid;   /* rank is not a field */
    tt_doc_iter_end(&it);
    assert_int_equal(order, 110);       /* rank: more matches first */
    OK(tt_doc_match(db, "there", &it));
    assert_int_equal(tt_doc_next(&it, &got, &a), DAL_ROW);
    assert_string_equal(got.title, "second");
    tt_doc_iter_end(&it);
    OK(tt_doc_delete(db, 1));
    assert_int_equal(tt_doc_delete(db, 1), DAL_NOTFOUND);
    int rows = 0;
    OK(tt_doc_list(db, &it));
    while (tt_doc_next(&it, &got, &a) == DAL_ROW) rows++;
    tt_doc_iter_end(&it);
    assert_int_equal(rows, 1);
    dal_arena_free(&a);
    dal_close(db);
}

void torture_wide_table_and_view(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-tt-wide.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    tt_wide w, got;
    memset(&w, 0, sizeof w);
    w.has_a_rather_long_column_name_to_push_the_statement_past_the_limit_000 = true;
    w.a_rather_long_column_name_to_push_the_statement_past_the_limit_000 = 1;
    w.has_a_rather_long_column_name_to_push_the_statement_past_the_limit_069 = true;
    w.a_rather_long_column_name_to_push_the_statement_past_the_limit_069 = 69;
    OK(tt_wide_insert(db, &w, &a));
    OK(tt_wide_upsert(db, &w, &a));
    OK(tt_wide_get(db, w.id, &got, &a));
    assert_int_equal(got.a_rather_long_column_name_to_push_the_statement_past_the_limit_069, 69);
    assert_false(got.has_a_rather_long_column_name_to_push_the_statement_past_the_limit_068);

    tt_shape s;
    memset(&s, 0, sizeof s);
    s.w = 2;
    s.h = 2;
    OK(tt_shape_insert(db, &s, &a));
    tt_shape_summary sum;
    tt_shape_summary_iter it;
    OK(tt_shape_summary_list(db, &it));
    assert_int_equal(tt_shape_summary_next(&it, &sum, &a), DAL_ROW);
    assert_string_equal(sum.kind, "box");
    assert_int_equal(sum.n.as.integer, 1);
    assert_string_equal(sum.last_label.as.text.data, "shape 1");
    assert_int_equal(tt_shape_summary_next(&it, &sum, &a), DAL_DONE);
    tt_shape_summary_iter_end(&it);
    dal_arena_free(&a);
    dal_close(db);
}

void torture_names_and_enums(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-tt-enum.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    tt_person_row p, got;                /* @name person_row */
    memset(&p, 0, sizeof p);
    p.name = "Ada";                      /* full_name, @name name */
    p.has_mood = true;
    p.mood = TT_PERSON_ROW_MOOD_HAPPY;
    OK(tt_person_row_insert(db, &p, &a));
    assert_true(p.has_status);           /* the enum's DEFAULT, written back */
    assert_int_equal(p.status, TT_PERSON_ROW_STATUS_DRAFT);
    OK(tt_person_row_get(db, p.id, &got, &a));
    assert_string_equal(got.name, "Ada");
    assert_true(got.has_status);
    assert_int_equal(got.status, TT_PERSON_ROW_STATUS_DRAFT);   /* DEFAULT 'draft' */
    assert_int_equal(got.mood, TT_PERSON_ROW_MOOD_HAPPY);
    got.has_mood = false;
    got.status = TT_PERSON_ROW_STATUS_LIVE;
    OK(tt_person_row_update(db, &got, &a));
    OK(tt_person_row_get(db, p.id, &got, &a));
    assert_false(got.has_mood);
    assert_int_equal(got.status, TT_PERSON_ROW_STATUS_LIVE);
    e2e_exec(db, "UPDATE people SET mood = 'sad'");
    OK(tt_person_row_get(db, p.id, &got, &a));
    assert_int_equal(got.mood, TT_PERSON_ROW_MOOD_SAD);
    dal_arena_free(&a);
    dal_close(db);
}

void torture_rowid_only_table(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-tt-tickets.db", NULL);
    tt_ticket t = {0}, got = {0};
    int64_t n = 0;
    OK(tt_ticket_insert(db, &t, NULL));   /* id 0: DEFAULT VALUES, SQLite assigns */
    assert_int_equal(t.id, 1);
    t.id = 0;
    OK(tt_ticket_insert(db, &t, NULL));
    assert_int_equal(t.id, 2);
    t.id = 10;                            /* an id the row sets is written */
    OK(tt_ticket_insert(db, &t, NULL));
    assert_int_equal(t.id, 10);
    assert_int_equal(tt_ticket_insert(db, &t, NULL), DAL_CONSTRAINT);
    t.id = 0;                             /* and the next assigned one follows it */
    OK(tt_ticket_insert(db, &t, NULL));
    assert_int_equal(t.id, 11);
    OK(tt_ticket_get(db, 10, &got, NULL));
    assert_int_equal(got.id, 10);
    OK(tt_ticket_count(db, &n));
    assert_int_equal(n, 4);
    dal_close(db);
}

/* Finders of a partial index: soft-deleted rows are not listed, and the
 * leftmost prefix lists a session's rows in the index's order. */
void torture_partial_index_finders(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-tt-history.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    e2e_exec(db, "INSERT INTO history (session, ts, deleted_at) VALUES"
                 " ('s1', 3, NULL), ('s1', 1, NULL), ('s1', 2, '2026-01-01'), ('s2', 1, NULL)");
    tt_history_iter it;
    tt_history got;
    int64_t seen = 0;
    OK(tt_history_list_by_session_live(db, "s1", &it));
    while (tt_history_next(&it, &got, &a) == DAL_ROW) seen = seen * 10 + got.ts;
    tt_history_iter_end(&it);
    assert_int_equal(seen, 13);          /* ts 1 then 3; ts 2 is deleted */
    int rows = 0;
    OK(tt_history_list_by_session_and_ts_live(db, "s1", 2, &it));
    while (tt_history_next(&it, &got, &a) == DAL_ROW) rows++;
    tt_history_iter_end(&it);
    assert_int_equal(rows, 0);
    OK(tt_history_list_by_session_and_ts_live(db, "s1", 3, &it));
    while (tt_history_next(&it, &got, &a) == DAL_ROW) rows++;
    tt_history_iter_end(&it);
    assert_int_equal(rows, 1);
    dal_arena_free(&a);
    dal_close(db);
}
