/* A header whose structs generated code can reuse (users), and one it
 * cannot yet (tags: an int32_t field). */
#include <dal_annotate.h>

struct DAL_TABLE("users") user {
    int64_t     id      DAL_PK;
    const char *email   DAL_UNIQUE;
    bool        has_age;
    int64_t     age;
    double      score   DAL_DEFAULT("0");
    dal_blob    avatar  DAL_NULLABLE;
    const char *display DAL_COLUMN("name");
};

struct DAL_TABLE("tags") tag {
    int64_t id     DAL_PK;
    int32_t weight;
};
