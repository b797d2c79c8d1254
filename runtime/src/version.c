#include "dal.h"

int dal_version_major(void);
int dal_version_major(void) { return DAL_VERSION_MAJOR; }
