/* Version 2: email renamed to login; with -DWITH_BIO a nullable bio. */
#include <dal_annotate.h>
#include <app_types.h>

struct DAL_TABLE("users") user {
    int64_t     id    DAL_PK;
    const char *login DAL_UNIQUE DAL_RENAMED_FROM("email");
    char        name[APP_NAME_LEN];
#ifdef WITH_BIO
    const char *bio   DAL_NULLABLE;
#endif
};

struct DAL_TABLE("posts") post {
    int64_t     id        DAL_PK;
    int64_t     author_id DAL_REFERENCES("users", "id");
    const char *title;
};
