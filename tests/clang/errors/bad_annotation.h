#include <dal_annotate.h>

struct DAL_TABLE("") empty_name {
    int64_t id;
};

struct DAL_TABLE("orders") DAL_PK order {
    int64_t     id        DAL_PK;
    int64_t     user_id   DAL_REFERENCES("users", "id") DAL_ON_DELETE("EXPLODE");
    int64_t     qty       DAL_NULLABLE;
    const char *note      DAL_ON_UPDATE("CASCADE");
    double      total     DAL_CHECK("total > 0, extra TEXT");
    const char *code      DAL_COLLATE("no case") DAL_ANNOTATE("Bad Key", "x");
    int64_t     n         DAL_ENUM_AS_INT DAL_AUTOINCREMENT;
};
