/* Version 2: email renamed to login, a nullable bio added, a new table. */
#include <dal_annotate.h>

struct DAL_TABLE("users") user {
    int64_t     id    DAL_PK;
    const char *login DAL_UNIQUE DAL_RENAMED_FROM("email");
    bool        has_age;
    int32_t     age;
    const char *bio   DAL_NULLABLE;
};

struct DAL_TABLE("tags") tag {
    int64_t     id    DAL_PK;
    const char *name  DAL_UNIQUE;
};
