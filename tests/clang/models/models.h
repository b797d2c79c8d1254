/* Every annotation of dal_annotate.h and every type mapping of the header
 * front end; models_equivalent.sql is the same schema written by hand. */
#ifndef MODELS_H
#define MODELS_H

#include <dal_annotate.h>

enum mood { MOOD_HAPPY, MOOD_SAD, MOOD_ANGRY };
typedef enum { PRIO_LOW = 1, PRIO_HIGH = 2 } priority;

struct DAL_TABLE("authors") DAL_ANNOTATE("name", "writer") author {
    int64_t     id            DAL_PK DAL_AUTOINCREMENT;
    const char *email         DAL_UNIQUE DAL_FORMAT("email") DAL_COLLATE("NOCASE");
    char        handle[16]    DAL_INDEX("authors_handle");
    char       *bio           DAL_NULLABLE DAL_ANNOTATE("length", "1..500");
    bool        active        DAL_DEFAULT("1");
    double     *rating        DAL_CHECK("rating BETWEEN 0 AND 5");
    bool        has_age;
    int32_t     age           DAL_MIN("0") DAL_MAX("150");
    enum mood   mood          DAL_DEFAULT("'MOOD_HAPPY'");
    priority    prio          DAL_ENUM_AS_INT;
    dal_blob    avatar        DAL_NULLABLE;
    dal_blob    key;
    float       score;
    long        karma;
    int         scratch       DAL_IGNORE;
    const char *display_name  DAL_COLUMN("name") DAL_PATTERN("^[A-Za-z ]+$");
};

typedef struct DAL_TABLE("posts") DAL_CHECK("length(title) > 0") {
    int64_t     id            DAL_PK;
    int64_t     author_id     DAL_REFERENCES("authors", "id") DAL_ON_DELETE("cascade")
                              DAL_ON_UPDATE("NO ACTION") DAL_INDEX("posts_author_created");
    const char *title;
    const char *created_at    DAL_DEFAULT("(datetime('now'))") DAL_INDEX("posts_author_created")
                              DAL_FORMAT("datetime");
    const char *slug          DAL_UNIQUE_INDEX("posts_slug") DAL_RENAMED_FROM("permalink");
    bool        has_words;
    int64_t     words;
} post;

struct DAL_TABLE("post_tags") DAL_STRICT DAL_WITHOUT_ROWID post_tag {
    int64_t post_id   DAL_PK DAL_REFERENCES("posts", "") DAL_ON_DELETE("CASCADE");
    char    tag[32]   DAL_PK;
    bool    pinned;
    int64_t *weight;
};

/* The remaining field kinds: pointers to narrower scalars, narrow and
 * unsigned integers, and has_ companions of a buffer, an enum and a float. */
struct DAL_TABLE("readings") reading {
    int64_t     id        DAL_PK;
    int32_t    *level;
    float      *ratio;
    bool       *ok;
    int16_t     small;
    uint8_t     octet;
    bool        has_code;
    char        code[4];
    bool        has_mood;
    enum mood   mood;
    bool        has_weight;
    float       weight;
};

/* Not annotated: not a table. */
struct point {
    int x, y;
};

#endif
