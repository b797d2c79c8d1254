/* dal_migrate.h - part of libdal, included by dal.h. */
#ifndef DAL_MIGRATE_H
#define DAL_MIGRATE_H

#endif
