#include <dal_annotate.h>

struct DAL_TABLE("users") user {
    int64_t id DAL_PK
    const char *name;
    undeclared_t when;
};
