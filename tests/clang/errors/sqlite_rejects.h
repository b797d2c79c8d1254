#include <dal_annotate.h>

struct DAL_TABLE("accounts") account {
    int64_t     id      DAL_PK;
    const char *owner;
    int64_t     balance DAL_CHECK("no_such_column >= 0");
};
