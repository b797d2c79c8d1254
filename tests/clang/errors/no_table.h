#include <dal_annotate.h>

/* A header without any DAL_TABLE struct. */
struct user {
    int64_t id;
};
