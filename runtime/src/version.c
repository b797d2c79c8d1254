/* version.c - the run-time version of libdal. */
#include "dal.h"

const char *dal_version(void) { return DAL_VERSION_STRING; }
int dal_version_number(void) { return DAL_VERSION_NUMBER; }
