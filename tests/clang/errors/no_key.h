#include <dal_annotate.h>

struct DAL_TABLE("events") DAL_WITHOUT_ROWID event {
    const char *name;
};
