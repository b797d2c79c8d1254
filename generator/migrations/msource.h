/* msource.h - the schema a migrations folder builds, and the list libdal's
 * runner takes. */
#ifndef DG_MSOURCE_H
#define DG_MSOURCE_H

#include <dal.h>

#include "frontend/sources.h"
#include "migrations/mfolder.h"

/* The schema a migrations folder builds (empty when it has no migration). */
int dg_load_folder_schema(const dg_mfolder *f, dg_schema **out, dg_diags *d);

/* dal_migration views of the folder's migrations (pointers into f). Caller
 * frees the array with free(). */
dal_migration *dg_mfolder_to_dal(const dg_mfolder *f);

#endif
