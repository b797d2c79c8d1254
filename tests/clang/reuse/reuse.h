/* A header whose structs generated code reuses (users; tags, whose fields
 * need converting), and one it cannot (widgets: a pointer to an enum). */
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

enum shade { SHADE_LIGHT, SHADE_DARK };
typedef unsigned short level_t;

struct DAL_TABLE("tags") tag {
    int64_t     id     DAL_PK;
    int32_t     weight;
    char        label[8];
    double     *ratio;
    enum shade  shade;
    level_t     level;     /* @c_type records its canonical type */
    const char *kind       DAL_CHECK("kind IN ('a', 'b')");
};

struct DAL_TABLE("widgets") widget {
    int64_t     id     DAL_PK;
    enum shade *shade;
};

/* @version on a user's int32_t: reused, but dalgen does not fill it. */
struct DAL_TABLE("counters") counter {
    int64_t     id     DAL_PK;
    int32_t     rev    DAL_ANNOTATE("version", "");
};
