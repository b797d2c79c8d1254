/* dal.h - libdal (placeholder: the runtime issue fills this in). */
#ifndef DAL_H
#define DAL_H
#define DAL_VERSION_MAJOR 0
#define DAL_VERSION_MINOR 1
#endif
