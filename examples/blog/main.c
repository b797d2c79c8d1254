/* The blog example: every function dalgen generates for examples/blog/schema.sql,
 * each call printed with what it did.
 *
 *   blog_example [DB]     (default: blog.db in the current folder, recreated) */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blog.h"

#define CHECK(call)                                                           \
    do {                                                                      \
        int rc_ = (call);                                                     \
        if (rc_ != DAL_OK) {                                                  \
            fprintf(stderr, "%s:%d: %s -> %s: %s\n", __FILE__, __LINE__,      \
                    #call, dal_rc_name(rc_), dal_errmsg(db));                 \
            exit(1);                                                          \
        }                                                                     \
    } while (0)

static void print_user(const char *what, const blog_user *u)
{
    printf("%-28s user #%" PRId64 " %s <%s>", what, u->id, u->name, u->email);
    if (u->has_age) printf(", %" PRId64 " years", u->age);
    printf("%s, avatar %s, created %s\n", u->admin ? ", admin" : "",
           u->avatar.data ? "set" : "none", u->created_at ? "(set)" : "(null)");
}

static void print_post(const char *what, const blog_post *p)
{
    printf("%-28s post #%" PRId64 " by #%" PRId64 " \"%s\"", what, p->id, p->author_id, p->title);
    if (p->has_score) printf(" score %.1f", p->score);
    printf("%s\n", p->published ? " (published)" : " (draft)");
}

static void users(dal_db *db, dal_arena *arena, blog_user *alice, blog_user *bob)
{
    static const unsigned char avatar[] = {0x89, 'P', 'N', 'G'};
    blog_user u;
    int64_t n;
    memset(alice, 0, sizeof *alice);
    alice->email = "alice@example.com";
    alice->name = "Alice";
    alice->has_age = true;
    alice->age = 34;
    alice->avatar.data = avatar;
    alice->avatar.len = sizeof avatar;
    CHECK(blog_user_insert(db, alice, arena));
    print_user("blog_user_insert:", alice);

    memset(bob, 0, sizeof *bob);
    bob->email = "bob@example.com";
    bob->name = "Bob";
    bob->has_admin = true;
    bob->admin = true;
    CHECK(blog_user_insert(db, bob, arena));
    print_user("blog_user_insert:", bob);

    CHECK(blog_user_get(db, alice->id, &u, arena));
    print_user("blog_user_get:", &u);
    CHECK(blog_user_get_by_email(db, "bob@example.com", &u, arena));
    print_user("blog_user_get_by_email:", &u);

    bob->has_age = true;
    bob->age = 41;
    CHECK(blog_user_update(db, bob, arena));
    print_user("blog_user_update:", bob);

    blog_user carol;
    memset(&carol, 0, sizeof carol);
    carol.email = "carol@example.com";
    carol.name = "Carol";
    CHECK(blog_user_upsert(db, &carol, arena));
    print_user("blog_user_upsert (new):", &carol);
    carol.name = "Carol B.";
    CHECK(blog_user_upsert(db, &carol, arena));
    print_user("blog_user_upsert (existing):", &carol);

    CHECK(blog_user_count(db, &n));
    printf("%-28s %" PRId64 " users\n", "blog_user_count:", n);
    CHECK(blog_user_delete(db, carol.id));
    printf("%-28s user #%" PRId64 "; get now says %s\n", "blog_user_delete:", carol.id,
           dal_rc_name(blog_user_get(db, carol.id, &u, arena)));
}

static void posts(dal_db *db, dal_arena *arena, const blog_user *alice, blog_post *first)
{
    const char *titles[] = {"Hello, world", "Typed SQL in C", "Draft ideas"};
    blog_post p;
    int64_t n;
    for (int i = 0; i < 3; i++) {
        memset(&p, 0, sizeof p);
        p.author_id = alice->id;
        p.title = titles[i];
        p.has_published = true;
        p.published = i < 2;
        p.has_score = i == 0;
        p.score = 4.5;
        CHECK(blog_post_insert(db, &p, arena));
        print_post("blog_post_insert:", &p);
        if (i == 0) *first = p;
    }
    CHECK(blog_post_get(db, first->id, &p, arena));
    print_post("blog_post_get:", &p);
    p.body = "Now with a body.";
    CHECK(blog_post_update(db, &p, arena));
    print_post("blog_post_update:", &p);
    p.title = "Hello again";
    CHECK(blog_post_upsert(db, &p, arena));
    print_post("blog_post_upsert:", &p);
    CHECK(blog_post_count(db, &n));
    printf("%-28s %" PRId64 " posts\n", "blog_post_count:", n);

    blog_post_iter it;
    int rc;
    CHECK(blog_post_list(db, &it));
    while ((rc = blog_post_next(&it, &p, arena)) == DAL_ROW) print_post("blog_post_list:", &p);
    blog_post_iter_end(&it);
    CHECK(blog_post_list_by_author_id(db, alice->id, &it));
    while ((rc = blog_post_next(&it, &p, arena)) == DAL_ROW) print_post("blog_post_list_by_author_id:", &p);
    blog_post_iter_end(&it);
    CHECK(blog_post_list_by_published_and_created_at(db, true, first->created_at, &it));
    while ((rc = blog_post_next(&it, &p, arena)) == DAL_ROW)
        print_post("..._list_by_published_and_created_at:", &p);
    blog_post_iter_end(&it);
    if (rc != DAL_DONE) CHECK(rc);
}

static void tags(dal_db *db, dal_arena *arena, const blog_post *post)
{
    const char *names[] = {"c", "sqlite"};
    blog_tag t;
    blog_post_tag pt;
    int64_t n;
    for (int i = 0; i < 2; i++) {
        memset(&t, 0, sizeof t);
        t.name = names[i];
        CHECK(blog_tag_insert(db, &t, arena));
        printf("%-28s tag #%" PRId64 " %s\n", "blog_tag_insert:", t.id, t.name);
        pt.post_id = post->id;
        pt.tag_id = t.id;
        CHECK(blog_post_tag_insert(db, &pt, arena));
        printf("%-28s post #%" PRId64 " tagged #%" PRId64 "\n", "blog_post_tag_insert:", pt.post_id, pt.tag_id);
    }
    CHECK(blog_tag_get(db, t.id, &t, arena));
    printf("%-28s tag #%" PRId64 " %s\n", "blog_tag_get:", t.id, t.name);
    CHECK(blog_tag_get_by_name(db, "c", &t, arena));
    printf("%-28s tag #%" PRId64 " %s\n", "blog_tag_get_by_name:", t.id, t.name);
    t.name = "C";
    CHECK(blog_tag_update(db, &t, arena));
    CHECK(blog_tag_upsert(db, &t, arena));
    printf("%-28s tag #%" PRId64 " renamed %s\n", "blog_tag_update/upsert:", t.id, t.name);
    CHECK(blog_tag_count(db, &n));
    printf("%-28s %" PRId64 " tags\n", "blog_tag_count:", n);

    blog_tag_iter ti;
    CHECK(blog_tag_list(db, &ti));
    while (blog_tag_next(&ti, &t, arena) == DAL_ROW) printf("%-28s tag #%" PRId64 " %s\n", "blog_tag_list:", t.id, t.name);
    blog_tag_iter_end(&ti);

    blog_post_tag_iter pi;
    CHECK(blog_post_tag_get(db, post->id, t.id, &pt, arena));
    printf("%-28s (%" PRId64 ", %" PRId64 ")\n", "blog_post_tag_get:", pt.post_id, pt.tag_id);
    CHECK(blog_post_tag_upsert(db, &pt, arena));
    CHECK(blog_post_tag_list(db, &pi));
    while (blog_post_tag_next(&pi, &pt, arena) == DAL_ROW)
        printf("%-28s (%" PRId64 ", %" PRId64 ")\n", "blog_post_tag_list:", pt.post_id, pt.tag_id);
    blog_post_tag_iter_end(&pi);
    CHECK(blog_post_tag_list_by_post_id(db, post->id, &pi));
    while (blog_post_tag_next(&pi, &pt, arena) == DAL_ROW)
        printf("%-28s (%" PRId64 ", %" PRId64 ")\n", "blog_post_tag_list_by_post_id:", pt.post_id, pt.tag_id);
    blog_post_tag_iter_end(&pi);
    CHECK(blog_post_tag_list_by_tag_id(db, t.id, &pi));
    while (blog_post_tag_next(&pi, &pt, arena) == DAL_ROW)
        printf("%-28s (%" PRId64 ", %" PRId64 ")\n", "blog_post_tag_list_by_tag_id:", pt.post_id, pt.tag_id);
    blog_post_tag_iter_end(&pi);
    CHECK(blog_post_tag_count(db, &n));
    printf("%-28s %" PRId64 " links\n", "blog_post_tag_count:", n);
    CHECK(blog_post_tag_delete(db, post->id, t.id));
    printf("%-28s (%" PRId64 ", %" PRId64 ")\n", "blog_post_tag_delete:", post->id, t.id);
    CHECK(blog_tag_delete(db, t.id));
    printf("%-28s tag #%" PRId64 "\n", "blog_tag_delete:", t.id);
}

/* Record conveniences: the id and timestamps are made by insert, a patch
 * writes only the columns it sets, and the version turns a write based on a
 * stale read into DAL_CONFLICT. */
static void comments(dal_db *db, dal_arena *arena, const blog_post *post)
{
    blog_comment c = {0}, stale;
    c.post_id = post->id;
    c.author = "Bob";
    c.body = "Nice post!";
    CHECK(blog_comment_insert(db, &c, arena));
    printf("%-28s comment %s at %s, version %" PRId64 "\n", "blog_comment_insert:", c.id, c.created_at, c.version);
    stale = c;

    blog_comment_patch fix = {0};
    fix.set_body = true;
    fix.body = "Nice post, thanks!";
    fix.version = c.version;
    CHECK(blog_comment_update_patch(db, c.id, &fix, arena));
    printf("%-28s body only; updated %s, version %" PRId64 "\n", "blog_comment_update_patch:", fix.updated_at,
           fix.version);

    stale.author = "Mallory";
    int rc = blog_comment_update(db, &stale, arena);
    printf("%-28s with version %" PRId64 ": %s (%s)\n", "blog_comment_update:", stale.version, dal_rc_name(rc),
           dal_errmsg(db));
    if (rc != DAL_CONFLICT) exit(1);

    CHECK(blog_comment_get(db, c.id, &c, arena));
    printf("%-28s by %s: \"%s\", version %" PRId64 "\n", "blog_comment_get:", c.author, c.body, c.version);
    CHECK(blog_comment_delete(db, c.id, c.version));
    printf("%-28s comment %s\n", "blog_comment_delete:", c.id);
}

static void summaries(dal_db *db, dal_arena *arena)
{
    blog_post_summary s;
    blog_post_summary_iter it;
    CHECK(blog_post_summary_list(db, &it));
    while (blog_post_summary_next(&it, &s, arena) == DAL_ROW)
        printf("%-28s post #%" PRId64 " \"%s\" by %s, %" PRId64 " tags\n", "blog_post_summary_list:", s.post_id,
               s.title, s.author, s.tag_count.as.integer);
    blog_post_summary_iter_end(&it);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "blog.db";
    dal_db *db = NULL;
    dal_arena arena;
    blog_user alice = {0}, bob = {0};
    blog_post first = {0};
    remove(path);
    if (dal_open(&db, path, NULL) != DAL_OK) {
        fprintf(stderr, "%s: %s\n", path, dal_errmsg(db));
        dal_close(db);
        return 1;
    }
    FILE *schema = fopen(BLOG_SCHEMA, "rb");
    static char sql[1 << 16];
    size_t len = schema ? fread(sql, 1, sizeof sql - 1, schema) : 0;
    if (schema) fclose(schema);
    sql[len] = '\0';
    CHECK(dal_exec(db, sql));
    dal_arena_init(&arena, NULL);
    users(db, &arena, &alice, &bob);
    posts(db, &arena, &alice, &first);
    tags(db, &arena, &first);
    comments(db, &arena, &first);
    summaries(db, &arena);
    CHECK(blog_user_delete(db, bob.id));
    printf("%-28s user #%" PRId64 "\n", "blog_user_delete:", bob.id);
    dal_arena_free(&arena);
    dal_close(db);
    return 0;
}
