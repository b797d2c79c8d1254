/* validate_text.c - UTF-8 validity and length in characters of C strings. */
#include <string.h>

#include "dal.h"

bool dal_text_valid_utf8(const char *s)
{
    return !s || dal_utf8_valid(s, strlen(s));
}

size_t dal_text_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if ((*p & 0xc0) != 0x80) n++;
    return n;
}
