/* utf8.c - UTF-8 well-formedness (RFC 3629), by hand: no Debian C library
 * small enough to take for one function.  Most text is ASCII: one pass
 * ORs its words together; only text with a non-ASCII byte is decoded, and
 * that pass too skips ASCII runs 8 bytes at a time. */
#include <string.h>

#include "dal_internal.h"

#define HIGH_BITS UINT64_C(0x8080808080808080)

/* 8 bytes from p in any alignment (memcpy: no aliasing or alignment UB;
 * compilers turn it into one load). */
static inline uint64_t load8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return w;
}

static inline uint32_t load4(const unsigned char *p)
{
    uint32_t w;
    memcpy(&w, p, sizeof w);
    return w;
}

/* True when s[0..len) is all ASCII.  No branch per word: the words are
 * ORed together, short strings with overlapping loads (a string of 8-16
 * bytes is its first 8 and its last 8). */
static inline bool all_ascii(const unsigned char *s, size_t len)
{
    uint64_t acc;
    if (len > 32) {
        const unsigned char *last = s + len - 8;
        acc = load8(last);
        for (const unsigned char *p = s; p < last; p += 8) acc |= load8(p);
    } else if (len > 16) {
        acc = load8(s) | load8(s + 8) | load8(s + len - 16) | load8(s + len - 8);
    } else if (len >= 8) {
        acc = load8(s) | load8(s + len - 8);
    } else if (len >= 4) {
        return !((load4(s) | load4(s + len - 4)) & UINT32_C(0x80808080));
    } else {
        for (size_t i = 0; i < len; i++)
            if (s[i] >= 0x80) return false;
        return true;
    }
    return !(acc & HIGH_BITS);
}

/* Length of the well-formed sequence that starts with the non-ASCII byte
 * s[0] within s[0..rem), or 0 when there is none. */
static size_t sequence(const unsigned char *s, size_t rem)
{
    unsigned c = s[0];
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        if (c == 0xE0) lo = 0xA0;        /* overlong */
        else if (c == 0xED) hi = 0x9F;   /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        if (c == 0xF0) lo = 0x90;        /* overlong */
        else if (c == 0xF4) hi = 0x8F;   /* past U+10FFFF */
    } else {
        return 0;
    }
    if (rem <= n) return 0;
    if (s[1] < lo || s[1] > hi) return 0;
    for (size_t k = 2; k <= n; k++)
        if ((s[k] & 0xC0) != 0x80) return 0;
    return n + 1;
}

/* The check of text with a non-ASCII byte.  Out of line so that the ASCII
 * path saves no registers. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static bool decode(const unsigned char *s, size_t len)
{
    const unsigned char *p = s, *end = s + len;
    while (p < end) {
        size_t n;
        while (end - p >= 8 && !(load8(p) & HIGH_BITS)) p += 8;
        if (end - p >= 8) {
            while (*p < 0x80) p++;  /* stops inside this word */
        } else {
            /* Fewer than 8 bytes left: the string's last 8 bytes, when it
             * has 8, cover them in one load. */
            if (len >= 8 && !(load8(end - 8) & HIGH_BITS)) return true;
            while (p < end && *p < 0x80) p++;
            if (p == end) return true;
        }
        if (!(n = sequence(p, (size_t)(end - p)))) return false;
        p += n;
    }
    return true;
}

static inline bool valid(const unsigned char *s, size_t len)
{
    return all_ascii(s, len) || decode(s, len);
}

bool dal_utf8_valid(const char *s, size_t len)
{
    return valid((const unsigned char *)s, len);
}

bool dal_text_valid_utf8(const char *s)
{
    /* strlen first: reading whole words could pass the NUL and the end of
     * the buffer. */
    return !s || valid((const unsigned char *)s, strlen(s));
}
