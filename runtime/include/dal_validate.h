/* dal_validate.h - part of libdal, included by dal.h. */
#ifndef DAL_VALIDATE_H
#define DAL_VALIDATE_H

#endif
