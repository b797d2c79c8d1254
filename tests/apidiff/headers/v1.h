/* Version 1 of an annotated header; v2.h is the next version. */
#include <dal_annotate.h>
#include <app_types.h>

struct DAL_TABLE("users") user {
    int64_t     id    DAL_PK;
    const char *email DAL_UNIQUE;
    char        name[APP_NAME_LEN];
};

struct DAL_TABLE("posts") post {
    int64_t     id        DAL_PK;
    int64_t     author_id DAL_REFERENCES("users", "id");
    const char *title;
};
