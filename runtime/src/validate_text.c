/* validate_text.c - UTF-8 validity and length in characters.
 * Written by hand: neither SQLite nor libc offers a strict UTF-8 check. */
#include "dal_validate.h"

/* Length of the valid UTF-8 sequence at s (RFC 3629), 0 when invalid. */
static int utf8_seq(const unsigned char *s)
{
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    if (c < 0xc2) return 0;                       /* continuation or overlong */
    if (c < 0xe0) return (s[1] & 0xc0) == 0x80 ? 2 : 0;
    if (c < 0xf0) {
        if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80) return 0;
        if (c == 0xe0 && s[1] < 0xa0) return 0;    /* overlong */
        if (c == 0xed && s[1] >= 0xa0) return 0;   /* surrogates */
        return 3;
    }
    if (c < 0xf5) {
        if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80) return 0;
        if (c == 0xf0 && s[1] < 0x90) return 0;    /* overlong */
        if (c == 0xf4 && s[1] >= 0x90) return 0;   /* above U+10FFFF */
        return 4;
    }
    return 0;
}

bool dal_text_valid_utf8(const char *s)
{
    if (!s) return true;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = utf8_seq(p);
        if (n == 0) return false;
        p += n;
    }
    return true;
}

size_t dal_text_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if ((*p & 0xc0) != 0x80) n++;
    return n;
}
