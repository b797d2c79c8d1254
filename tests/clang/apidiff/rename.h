/* The public API of a generated blog unit: users, posts, one named query. */
#ifndef BLOG_H
#define BLOG_H

#include <dal.h>

typedef int64_t blog_id;

typedef enum blog_post_status {
    BLOG_POST_STATUS_UNKNOWN = 0,
    BLOG_POST_STATUS_DRAFT = 1,
    BLOG_POST_STATUS_PUBLISHED = 2
} blog_post_status;

typedef struct blog_user {
    int64_t     id;
    const char *login;
    bool        has_age;
    int64_t     age;
} blog_user;

typedef struct blog_post {
    int64_t          id;
    int64_t          author_id;
    const char      *title;
    blog_post_status status;
} blog_post;

typedef struct blog_user_iter {
    dal_db       *db;
    sqlite3_stmt *stmt;
} blog_user_iter;

int  blog_user_insert(dal_db *db, blog_user *row, dal_arena *arena);
int  blog_user_get(dal_db *db, int64_t id, blog_user *out, dal_arena *arena);
int  blog_user_get_by_login(dal_db *db, const char *login, blog_user *out, dal_arena *arena);
int  blog_user_update(dal_db *db, blog_user *row, dal_arena *arena);
int  blog_user_delete(dal_db *db, int64_t id);
int  blog_user_list(dal_db *db, blog_user_iter *it);
int  blog_user_next(blog_user_iter *it, blog_user *out, dal_arena *arena);
void blog_user_iter_end(blog_user_iter *it);

int blog_post_insert(dal_db *db, blog_post *row, dal_arena *arena);
int blog_post_get(dal_db *db, int64_t id, blog_post *out, dal_arena *arena);
int blog_post_delete(dal_db *db, int64_t id);

int blog_count_posts_by_author(dal_db *db, int64_t author_id, int64_t *out);

#endif
