/* Version 1 of an annotated header (v2.h is the next version). */
#include <dal_annotate.h>

struct DAL_TABLE("users") user {
    int64_t     id    DAL_PK;
    const char *email DAL_UNIQUE;
    bool        has_age;
    int32_t     age;
};
