/* validate_text.c - length in characters of C strings (UTF-8 validity of
 * C strings, dal_text_valid_utf8, is in utf8.c). */
#include "dal.h"

size_t dal_text_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if ((*p & 0xc0) != 0x80) n++;
    return n;
}

size_t dal_text_chars_trimmed(const char *s)
{
    size_t n = 0, spaces = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p & 0xc0) == 0x80) continue;
        n++;
        spaces = *p == ' ' ? spaces + 1 : 0;
    }
    return n - spaces;
}
