#include <dal_annotate.h>

struct other { int x; };

struct DAL_TABLE("things") thing {
    int64_t     id DAL_PK;
    uint64_t    counter;
    struct other nested;
    void       *opaque;
    char        initial;
    const char **names;
    long double precise;
};
