/* validate_text.c - UTF-8 validity and length in characters of C strings. */
#include <string.h>

#include "dal.h"

bool dal_text_valid_utf8(const char *s)
{
    if (!s) return true;
    /* Most text is ASCII: one pass to the NUL, and the full decoder only
     * from the first non-ASCII byte on (a character boundary). */
    const unsigned char *p = (const unsigned char *)s;
    while (*p && *p < 0x80) p++;
    return !*p || dal_utf8_valid((const char *)p, strlen((const char *)p));
}

size_t dal_text_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if ((*p & 0xc0) != 0x80) n++;
    return n;
}
