/* --clang-arg values reach clang: an include path and a define. */
#include <dal_annotate.h>
#include "shared_types.h"

struct DAL_TABLE("invoices") invoice {
    int64_t       id DAL_PK;
    money_cents   total;
    enum currency currency DAL_DEFAULT("'EUR'");
#ifdef WITH_NOTES
    const char   *notes DAL_NULLABLE;
#endif
};
