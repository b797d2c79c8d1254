/* End-to-end tests of generated code (blog example schema) against a real
 * SQLite database file: every function, NULLs, defaults, constraint
 * violations, not-found, Unicode, blobs, exact and lenient reads, nested
 * iteration, two units on one connection, zero steady-state allocations. */
#include "e2e.h"

void *e2e_alloc(void *ctx, size_t size)
{
    counter *c = ctx;
    c->allocs++;
    c->live++;
    return malloc(size);
}

void e2e_free(void *ctx, void *ptr, size_t size)
{
    counter *c = ctx;
    (void)size;
    if (ptr) c->live--;
    free(ptr);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

void e2e_exec(dal_db *db, const char *sql)
{
    int rc = dal_exec(db, sql);
    if (rc != DAL_OK) fail_msg("%s: %s", sql, dal_errmsg(db));
}

dal_db *e2e_reopen(const char *name, const dal_options *opts)
{
    char path[512];
    dal_db *db = NULL;
    snprintf(path, sizeof path, "%s/%s", E2E_WORK, name);
    int rc = dal_open(&db, path, opts);
    if (rc != DAL_OK) fail_msg("dal_open %s: %s", path, dal_errmsg(db));
    return db;
}

dal_db *e2e_open(const char *name, const dal_options *opts)
{
    char path[512];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s%s", E2E_WORK, name, suffix[i]);
        remove(path);
    }
    dal_db *db = e2e_reopen(name, opts);
    char *blog = slurp(BLOG_SCHEMA), *tt = slurp(TORTURE_SCHEMA);
    e2e_exec(db, blog);
    e2e_exec(db, tt);
    free(blog);
    free(tt);
    return db;
}

static blog_user new_user(const char *email, const char *name)
{
    blog_user u;
    memset(&u, 0, sizeof u);
    u.email = email;
    u.name = name;
    return u;
}

static void insert_writes_back_rowid_and_defaults(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-insert.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    blog_user u = new_user("a@example.com", "A"), got;
    OK(blog_user_insert(db, &u, &a));
    assert_int_equal(u.id, 1);
    assert_true(u.has_admin);           /* DEFAULT 0 written back */
    assert_false(u.admin);
    assert_non_null(u.created_at);      /* DEFAULT strftime(...) written back */
    assert_int_equal(strlen(u.created_at), 24);
    OK(blog_user_get(db, 1, &got, &a));
    assert_string_equal(got.email, "a@example.com");
    assert_false(got.has_age);          /* NULL */
    assert_null(got.avatar.data);       /* NULL blob */
    assert_true(got.has_admin);
    assert_string_equal(got.created_at, u.created_at);

    /* an explicit id and explicit values beat the defaults */
    blog_user v = new_user("b@example.com", "B");
    v.id = 42;
    v.has_admin = true;
    v.admin = true;
    v.created_at = "2020-01-01T00:00:00.000Z";
    OK(blog_user_insert(db, &v, &a));
    assert_int_equal(v.id, 42);
    OK(blog_user_get_by_email(db, "b@example.com", &got, &a));
    assert_int_equal(got.id, 42);
    assert_true(got.admin);
    assert_string_equal(got.created_at, "2020-01-01T00:00:00.000Z");

    /* with no arena, scalars are still written back, text is not */
    blog_user w = new_user("c@example.com", "C");
    OK(blog_user_insert(db, &w, NULL));
    assert_int_equal(w.id, 43);
    assert_true(w.has_admin);
    assert_null(w.created_at);
    dal_arena_free(&a);
    dal_close(db);
}

/* insert_many: every row written back in one transaction; a row that
 * fails (validator, constraint) leaves none of its batch; inside an open
 * transaction the batch is a savepoint the caller's rows survive. */
static void insert_many_all_or_none(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-insert-many.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    blog_user rows[3] = {new_user("m1@x", "M1"), new_user("m2@x", "M2"), new_user("m3@x", "M3")};
    rows[1].id = 10;
    OK(blog_user_insert_many(db, rows, 3, &a));
    assert_int_equal(rows[0].id, 1);
    assert_int_equal(rows[1].id, 10);
    assert_int_equal(rows[2].id, 11);
    assert_true(rows[2].has_admin);               /* DEFAULTs written back as insert does */
    assert_non_null(rows[2].created_at);
    int64_t n = 0;
    OK(blog_user_count(db, &n));
    assert_int_equal(n, 3);
    OK(blog_user_insert_many(db, NULL, 0, &a));   /* nothing to do */

    /* the validator refuses the second row: the first is not kept */
    blog_user bad[2] = {new_user("ok@x", "OK"), new_user(NULL, "no email")};
    assert_int_equal(blog_user_insert_many(db, bad, 2, &a), DAL_INVALID);
    assert_non_null(strstr(dal_errmsg(db), "email"));   /* the failed row's message survives the rollback */
    OK(blog_user_count(db, &n));
    assert_int_equal(n, 3);
    /* a constraint (UNIQUE email) in the third row */
    blog_user dup[3] = {new_user("d1@x", "D1"), new_user("d2@x", "D2"), new_user("m1@x", "again")};
    assert_int_equal(blog_user_insert_many(db, dup, 3, &a), DAL_CONSTRAINT);
    OK(blog_user_count(db, &n));
    assert_int_equal(n, 3);

    /* inside the caller's transaction: a savepoint */
    OK(dal_begin(db));
    blog_user mine = new_user("outer@x", "Outer");
    OK(blog_user_insert(db, &mine, &a));
    assert_int_equal(blog_user_insert_many(db, dup, 3, &a), DAL_CONSTRAINT);
    blog_user more[2] = {new_user("s1@x", "S1"), new_user("s2@x", "S2")};
    OK(blog_user_insert_many(db, more, 2, &a));
    OK(dal_commit(db));
    OK(blog_user_count(db, &n));
    assert_int_equal(n, 6);                       /* 3 + outer + s1 + s2 */
    blog_user got;
    assert_int_equal(blog_user_get_by_email(db, "d1@x", &got, &a), DAL_NOTFOUND);
    OK(blog_user_get_by_email(db, "s2@x", &got, &a));
    assert_int_equal(got.id, more[1].id);
    dal_arena_free(&a);
    dal_close(db);
}

static void update_delete_count_and_not_found(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-update.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    blog_user u = new_user("a@example.com", "A"), got;
    int64_t n = -1;
    OK(blog_user_insert(db, &u, &a));
    u.name = "A2";
    u.has_age = true;
    u.age = 30;
    u.has_admin = false;                /* NOT NULL DEFAULT left unset: kept */
    const char *created = u.created_at;
    u.created_at = NULL;                /* NOT NULL DEFAULT left unset: kept */
    OK(blog_user_update(db, &u, &a));
    OK(blog_user_get(db, u.id, &got, &a));
    assert_string_equal(got.name, "A2");
    assert_int_equal(got.age, 30);
    assert_string_equal(got.created_at, created);
    u.has_age = false;                  /* nullable: has_ false writes NULL */
    OK(blog_user_update(db, &u, &a));
    OK(blog_user_get(db, u.id, &got, &a));
    assert_false(got.has_age);
    OK(blog_user_count(db, &n));
    assert_int_equal(n, 1);

    assert_int_equal(blog_user_get(db, 999, &got, &a), DAL_NOTFOUND);
    assert_int_equal(blog_user_get_by_email(db, "nobody", &got, &a), DAL_NOTFOUND);
    u.id = 999;
    assert_int_equal(blog_user_update(db, &u, &a), DAL_NOTFOUND);
    assert_int_equal(blog_user_delete(db, 999), DAL_NOTFOUND);
    OK(blog_user_delete(db, 1));
    OK(blog_user_count(db, &n));
    assert_int_equal(n, 0);
    dal_arena_free(&a);
    dal_close(db);
}

static void constraints_are_dal_constraint_with_sqlite_message(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-constraint.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    blog_user u = new_user("dup@example.com", "A"), v = new_user("dup@example.com", "B");
    OK(blog_user_insert(db, &u, &a));
    assert_int_equal(blog_user_insert(db, &v, &a), DAL_CONSTRAINT);
    assert_non_null(strstr(dal_errmsg(db), "UNIQUE constraint failed: users.email"));
    blog_post p;
    memset(&p, 0, sizeof p);
    p.author_id = 999;
    p.title = "orphan";
    assert_int_equal(blog_post_insert(db, &p, &a), DAL_CONSTRAINT);
    assert_non_null(strstr(dal_errmsg(db), "FOREIGN KEY"));
    int64_t n;
    OK(blog_post_count(db, &n));
    assert_int_equal(n, 0);
    dal_arena_free(&a);
    dal_close(db);
}

static void validator_refuses_before_the_database_sees_the_row(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-valid.db", NULL);
    blog_user u = new_user(NULL, "no email");
    assert_int_equal(blog_user_insert(db, &u, NULL), DAL_INVALID);
    assert_non_null(strstr(dal_errmsg(db), "email"));
    dal_close(db);
    dal_options o = DAL_OPTIONS_INIT;
    o.skip_validation = true;
    db = e2e_reopen("e2e-valid.db", &o);
    assert_int_equal(blog_user_insert(db, &u, NULL), DAL_CONSTRAINT);
    assert_non_null(strstr(dal_errmsg(db), "NOT NULL"));
    dal_close(db);
}

static void unicode_text_and_blobs_round_trip(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-blob.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    static const unsigned char nul_blob[] = {0, 1, 0, 2, 0};
    blog_user u = new_user("u@example.com", "Zo\xc3\xab \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x8e\x89"), got;
    u.avatar.data = nul_blob;
    u.avatar.len = sizeof nul_blob;
    OK(blog_user_insert(db, &u, &a));
    OK(blog_user_get(db, u.id, &got, &a));
    assert_string_equal(got.name, u.name);
    assert_int_equal(got.avatar.len, sizeof nul_blob);
    assert_memory_equal(got.avatar.data, nul_blob, sizeof nul_blob);

    blog_user e = new_user("e@example.com", "empty");
    e.avatar.data = "";
    e.avatar.len = 0;
    OK(blog_user_insert(db, &e, &a));
    OK(blog_user_get(db, e.id, &got, &a));
    assert_non_null(got.avatar.data);   /* empty BLOB is not NULL */
    assert_int_equal(got.avatar.len, 0);
    dal_arena_free(&a);
    dal_close(db);
}

static void text_in_integer_column_is_exact_or_lenient(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-exact.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    blog_user u = new_user("t@example.com", "T"), got;
    OK(blog_user_insert(db, &u, &a));
    e2e_exec(db, "UPDATE users SET age = 'abc'");
    assert_int_equal(blog_user_get(db, u.id, &got, &a), DAL_ERROR);
    assert_non_null(strstr(dal_errmsg(db), "users.age"));
    blog_user_iter it;
    OK(blog_user_list(db, &it));
    assert_int_equal(blog_user_next(&it, &got, &a), DAL_ERROR);
    blog_user_iter_end(&it);
    dal_close(db);

    dal_options o = DAL_OPTIONS_INIT;
    o.lenient = true;
    db = e2e_reopen("e2e-exact.db", &o);
    OK(blog_user_get(db, u.id, &got, &a));
    assert_true(got.has_age);
    assert_int_equal(got.age, 0);       /* SQLite's conversion of 'abc' */
    dal_arena_free(&a);
    dal_close(db);
}

/* A BOOLEAN column holding 2 (SQLite keeps any integer): get and list
 * refuse it, naming users.admin and the value, so a read-modify-write can
 * never store 1 in its place; a lenient connection reads it as true. */
static void boolean_holding_2_is_an_error_not_true(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-bool.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    blog_user u = new_user("b@example.com", "B"), got;
    OK(blog_user_insert(db, &u, &a));
    e2e_exec(db, "UPDATE users SET admin = 2");
    memset(&got, 0, sizeof got);
    assert_int_equal(blog_user_get(db, u.id, &got, &a), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), "column \"users.admin\": expected BOOLEAN (0 or 1), found INTEGER 2");
    blog_user_iter it;
    OK(blog_user_list(db, &it));
    assert_int_equal(blog_user_next(&it, &got, &a), DAL_ERROR);
    blog_user_iter_end(&it);
    /* nothing was read, so nothing can be written back: the 2 stays */
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(dal_sqlite(db), "SELECT admin FROM users", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int64(st, 0), 2);
    sqlite3_finalize(st);
    e2e_exec(db, "UPDATE users SET admin = 1");
    OK(blog_user_get(db, u.id, &got, &a));
    assert_true(got.has_admin && got.admin);
    e2e_exec(db, "UPDATE users SET admin = -1");
    assert_int_equal(blog_user_get(db, u.id, &got, &a), DAL_ERROR);
    assert_non_null(strstr(dal_errmsg(db), "users.admin"));
    dal_close(db);

    dal_options o = DAL_OPTIONS_INIT;
    o.lenient = true;
    db = e2e_reopen("e2e-bool.db", &o);
    OK(blog_user_get(db, u.id, &got, &a));
    assert_true(got.has_admin && got.admin);   /* SQLite's conversion: non-zero */
    dal_arena_free(&a);
    dal_close(db);
}

static void nested_iteration_over_the_same_finder(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-nested.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    const char *emails[] = {"1@x", "2@x", "3@x"};
    for (int i = 0; i < 3; i++) {
        blog_user u = new_user(emails[i], "n");
        OK(blog_user_insert(db, &u, &a));
    }
    blog_user_iter outer, inner;
    blog_user o, in;
    int pairs = 0, rc;
    int64_t sum = 0;
    OK(blog_user_list(db, &outer));
    while ((rc = blog_user_next(&outer, &o, &a)) == DAL_ROW) {
        OK(blog_user_list(db, &inner));
        while ((rc = blog_user_next(&inner, &in, &a)) == DAL_ROW) {
            pairs++;
            sum += o.id * 10 + in.id;
        }
        assert_int_equal(rc, DAL_DONE);
        blog_user_iter_end(&inner);
    }
    assert_int_equal(rc, DAL_DONE);
    blog_user_iter_end(&outer);
    blog_user_iter_end(&outer);         /* idempotent */
    assert_int_equal(pairs, 9);
    assert_int_equal(sum, (10 + 20 + 30) * 3 + (1 + 2 + 3) * 3);
    dal_arena_free(&a);
    dal_close(db);
}

static void two_units_share_one_connection(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-units.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    /* statement 0 of each unit is a different INSERT */
    for (int i = 0; i < 3; i++) {
        blog_user u = new_user(i == 0 ? "x@x" : i == 1 ? "y@x" : "z@x", "u");
        tt_member m;
        memset(&m, 0, sizeof m);
        m.email = u.email;
        OK(blog_user_insert(db, &u, &a));
        OK(tt_member_insert(db, &m, &a));
        tt_default d;
        memset(&d, 0, sizeof d);
        d.case_ = "c";
        OK(tt_default_insert(db, &d, &a));
    }
    int64_t users = 0, members = 0, defaults = 0;
    OK(blog_user_count(db, &users));
    OK(tt_member_count(db, &members));
    OK(tt_default_count(db, &defaults));
    assert_int_equal(users, 3);
    assert_int_equal(members, 3);
    assert_int_equal(defaults, 3);
    blog_user bu;
    tt_member tm;
    OK(blog_user_get_by_email(db, "y@x", &bu, &a));
    OK(tt_member_get_by_email(db, "y@x", &tm, &a));
    assert_int_equal(bu.id, 2);
    assert_int_equal(tm.id, 2);
    dal_arena_free(&a);
    dal_close(db);
}

static void upsert_inserts_then_updates(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-upsert.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    blog_user u = new_user("up@x", "first"), got;
    OK(blog_user_upsert(db, &u, &a));
    assert_int_equal(u.id, 1);
    u.name = "second";
    OK(blog_user_upsert(db, &u, &a));
    assert_int_equal(u.id, 1);
    OK(blog_user_get(db, 1, &got, &a));
    assert_string_equal(got.name, "second");
    blog_tag t = {0, "tag"};
    OK(blog_tag_insert(db, &t, &a));
    blog_post p;
    memset(&p, 0, sizeof p);
    p.author_id = 1;
    p.title = "p";
    OK(blog_post_insert(db, &p, &a));
    blog_post_tag pt = {p.id, t.id};
    OK(blog_post_tag_upsert(db, &pt, &a));
    OK(blog_post_tag_upsert(db, &pt, &a));   /* DO NOTHING on the key */
    int64_t n;
    OK(blog_post_tag_count(db, &n));
    assert_int_equal(n, 1);
    blog_post_summary s;
    blog_post_summary_iter it;
    OK(blog_post_summary_list(db, &it));
    assert_int_equal(blog_post_summary_next(&it, &s, &a), DAL_ROW);
    assert_string_equal(s.author, "second");
    assert_int_equal(s.tag_count.type, DAL_TYPE_INTEGER);
    assert_int_equal(s.tag_count.as.integer, 1);
    assert_int_equal(blog_post_summary_next(&it, &s, &a), DAL_DONE);
    blog_post_summary_iter_end(&it);
    dal_arena_free(&a);
    dal_close(db);
}

static void posts_tags_and_finders(void **state)
{
    (void)state;
    dal_db *db = e2e_open("e2e-posts.db", NULL);
    dal_arena a;
    dal_arena_init(&a, NULL);
    blog_user u = new_user("p@x", "P");
    OK(blog_user_insert(db, &u, &a));
    blog_post p, got;
    for (int i = 0; i < 3; i++) {
        memset(&p, 0, sizeof p);
        p.author_id = u.id;
        p.title = i == 0 ? "zero" : i == 1 ? "one" : "two";
        p.has_published = i > 0;
        p.published = true;
        p.created_at = "2026-01-01T00:00:00.000Z";
        OK(blog_post_insert(db, &p, &a));
        assert_string_equal(p.body, "");            /* DEFAULT '' written back */
        assert_true(p.published == (i > 0));         /* DEFAULT 0 when unset */
    }
    blog_post_iter it;
    int64_t ids = 0;
    OK(blog_post_list_by_published_and_created_at(db, true, "2026-01-01T00:00:00.000Z", &it));
    while (blog_post_next(&it, &got, &a) == DAL_ROW) ids = ids * 10 + got.id;
    blog_post_iter_end(&it);
    assert_int_equal(ids, 23);
    OK(blog_post_get(db, 1, &got, &a));
    got.has_score = true;
    got.score = 2.5;
    OK(blog_post_update(db, &got, &a));
    got.title = "zero!";
    OK(blog_post_upsert(db, &got, &a));
    OK(blog_post_get(db, 1, &p, &a));
    assert_true(p.score == 2.5);
    assert_string_equal(p.title, "zero!");
    OK(blog_post_delete(db, 3));
    int64_t n;
    OK(blog_post_count(db, &n));
    assert_int_equal(n, 2);

    blog_tag t;
    memset(&t, 0, sizeof t);
    t.name = "c";
    OK(blog_tag_insert(db, &t, &a));
    OK(blog_tag_get_by_name(db, "c", &t, &a));
    t.name = "C";
    OK(blog_tag_update(db, &t, &a));
    OK(blog_tag_get(db, t.id, &t, &a));
    assert_string_equal(t.name, "C");
    blog_post_tag pt = {1, t.id}, pg;
    OK(blog_post_tag_insert(db, &pt, &a));
    assert_int_equal(blog_post_tag_insert(db, &pt, &a), DAL_CONSTRAINT);
    OK(blog_post_tag_get(db, 1, t.id, &pg, &a));
    blog_post_tag_iter pi;
    int rows = 0;
    OK(blog_post_tag_list_by_tag_id(db, t.id, &pi));
    while (blog_post_tag_next(&pi, &pg, &a) == DAL_ROW) rows++;
    blog_post_tag_iter_end(&pi);
    OK(blog_post_tag_list_by_post_id(db, 1, &pi));
    while (blog_post_tag_next(&pi, &pg, &a) == DAL_ROW) rows++;
    blog_post_tag_iter_end(&pi);
    assert_int_equal(rows, 2);
    OK(blog_user_delete(db, u.id));             /* ON DELETE CASCADE */
    OK(blog_post_tag_count(db, &n));
    assert_int_equal(n, 0);
    assert_int_equal(blog_post_tag_delete(db, 1, t.id), DAL_NOTFOUND);
    OK(blog_tag_delete(db, t.id));
    dal_arena_free(&a);
    dal_close(db);
}

static void steady_state_reads_allocate_nothing(void **state)
{
    (void)state;
    counter c = {0, 0};
    dal_allocator alloc = {e2e_alloc, e2e_free, &c};
    dal_options o = DAL_OPTIONS_INIT;
    o.allocator = &alloc;
    dal_db *db = e2e_open("e2e-alloc.db", &o);
    dal_arena a;
    dal_arena_init(&a, &alloc);
    blog_user u = new_user("alloc@x", "author");
    OK(blog_user_insert(db, &u, &a));
    OK(dal_begin(db));
    for (int i = 0; i < 200; i++) {
        blog_post p;
        memset(&p, 0, sizeof p);
        p.author_id = u.id;
        p.title = "a title long enough to need some arena space";
        OK(blog_post_insert(db, &p, NULL));
    }
    OK(dal_commit(db));
    size_t before = 0;
    for (int pass = 0; pass < 3; pass++) {
        if (pass == 2) before = c.allocs;
        blog_post_iter it;
        blog_post p;
        int rows = 0, rc;
        OK(blog_post_list_by_author_id(db, u.id, &it));
        while ((rc = blog_post_next(&it, &p, &a)) == DAL_ROW) {
            rows++;
            dal_arena_reset(&a);
        }
        assert_int_equal(rc, DAL_DONE);
        blog_post_iter_end(&it);
        assert_int_equal(rows, 200);
        for (int64_t id = 1; id <= 200; id++) {
            OK(blog_post_get(db, id, &p, &a));
            dal_arena_reset(&a);
        }
    }
    assert_true(before > 0);            /* the counter does see libdal's allocations */
    assert_int_equal(c.allocs, before); /* ...and the third pass made none */
    dal_arena_free(&a);
    dal_close(db);
    assert_int_equal(c.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(insert_writes_back_rowid_and_defaults),
        cmocka_unit_test(update_delete_count_and_not_found),
        cmocka_unit_test(constraints_are_dal_constraint_with_sqlite_message),
        cmocka_unit_test(validator_refuses_before_the_database_sees_the_row),
        cmocka_unit_test(unicode_text_and_blobs_round_trip),
        cmocka_unit_test(text_in_integer_column_is_exact_or_lenient),
        cmocka_unit_test(boolean_holding_2_is_an_error_not_true),
        cmocka_unit_test(nested_iteration_over_the_same_finder),
        cmocka_unit_test(two_units_share_one_connection),
        cmocka_unit_test(upsert_inserts_then_updates),
        cmocka_unit_test(posts_tags_and_finders),
        cmocka_unit_test(steady_state_reads_allocate_nothing),
        cmocka_unit_test(torture_keywords_defaults_and_values),
        cmocka_unit_test(torture_without_rowid_composite_key_and_blobs),
        cmocka_unit_test(torture_generated_columns_and_finders),
        cmocka_unit_test(torture_no_primary_key),
        cmocka_unit_test(torture_fts5_insert_match_delete),
        cmocka_unit_test(torture_wide_table_and_view),
        cmocka_unit_test(insert_many_all_or_none),
        cmocka_unit_test(torture_names_and_enums),
        cmocka_unit_test(torture_rowid_only_table),
        cmocka_unit_test(torture_partial_index_finders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
