/* UTF-8 validity: dal_utf8_valid (length-bounded) and dal_text_valid_utf8
 * (C strings, used by generated validators).  Both check ASCII 8 bytes at a
 * time and decode from the first non-ASCII byte, so the tests put every
 * kind of sequence at every byte position of one to three words, at every
 * alignment, against an independent reference decoder.  Strings sit at the
 * very end of their heap block, so that a read past the end fails under
 * ASan. */
#include "rt_util.h"

static void utf8_validity(void **state)
{
    (void)state;
    assert_true(dal_utf8_valid("", 0));
    assert_true(dal_utf8_valid("plain ascii", 11));
    assert_true(dal_utf8_valid("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80", 15));
    assert_true(dal_utf8_valid("a\0b", 3));                  /* NUL is a code point */
    assert_true(dal_utf8_valid("\xf4\x8f\xbf\xbf", 4));      /* U+10FFFF */
    assert_true(dal_utf8_valid("\xed\x9f\xbf", 3));          /* U+D7FF */
    assert_false(dal_utf8_valid("\xc3", 1));                 /* truncated */
    assert_false(dal_utf8_valid("\xe2\x82", 2));
    assert_false(dal_utf8_valid("\xc0\xaf", 2));             /* overlong '/' */
    assert_false(dal_utf8_valid("\xe0\x80\xaf", 3));         /* overlong */
    assert_false(dal_utf8_valid("\xf0\x80\x80\xaf", 4));     /* overlong */
    assert_false(dal_utf8_valid("\xed\xa0\x80", 3));         /* surrogate U+D800 */
    assert_false(dal_utf8_valid("\xf4\x90\x80\x80", 4));     /* U+110000 */
    assert_false(dal_utf8_valid("\xff", 1));
    assert_false(dal_utf8_valid("\x80", 1));                 /* lone continuation */
    assert_false(dal_utf8_valid("\xe2\x28\xa1", 3));         /* bad continuation */
    /* the length bounds the check: a valid prefix of a broken string */
    assert_true(dal_utf8_valid("ab\xff", 2));
}

/* The C-string form (used by generated validators) has an ASCII fast path:
 * it must judge every string as the length-bounded decoder does, whatever
 * ASCII prefix comes before the first non-ASCII byte. */
static void c_string_form_agrees_with_the_decoder(void **state)
{
    static const char *const tails[] = {
        "", "\xc3\xa9", "\xc3", "\xe2\x82\xac", "\xe2\x82", "\xed\xa0\x80", "\xf0\x9f\x98\x80",
        "\xf4\x90\x80\x80", "\xff", "\x80", "\xc0\xaf", "\xc3\xa9z", "\xe2\x28\xa1",
    };
    char buf[64];
    (void)state;
    assert_true(dal_text_valid_utf8(NULL));
    for (size_t prefix = 0; prefix < 9; prefix++)
        for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++) {
            memset(buf, 'a', prefix);
            strcpy(buf + prefix, tails[k]);
            assert_int_equal(dal_text_valid_utf8(buf), dal_utf8_valid(buf, strlen(buf)));
        }
}

/* An independent reference: decode by the bit patterns, then require the
 * shortest encoding and a scalar value (RFC 3629). */
static bool ref_valid(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i], n, k;
        uint32_t cp;
        if (c < 0x80) { i++; continue; }
        if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
        else return false;
        if (i + n >= len) return false;
        for (k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

/* Every 1-, 2- and 3-byte string, and a fixed-seed sample of 4-byte ones,
 * judged the same as the reference. */
static void utf8_agrees_with_a_reference_exhaustively(void **state)
{
    unsigned char b[4];
    uint32_t x, seed = 12345;
    int i;
    (void)state;
    for (x = 0; x < (1u << 24); x++) {
        b[0] = (unsigned char)(x >> 16);
        b[1] = (unsigned char)(x >> 8);
        b[2] = (unsigned char)x;
        if (x < (1u << 8) && dal_utf8_valid((const char *)b + 2, 1) != ref_valid(b + 2, 1))
            fail_msg("1 byte %02x", b[2]);
        if (x < (1u << 16) && dal_utf8_valid((const char *)b + 1, 2) != ref_valid(b + 1, 2))
            fail_msg("2 bytes %02x %02x", b[1], b[2]);
        if (dal_utf8_valid((const char *)b, 3) != ref_valid(b, 3))
            fail_msg("3 bytes %02x %02x %02x", b[0], b[1], b[2]);
    }
    for (i = 0; i < 2000000; i++) {
        seed = seed * 1103515245u + 12345u;
        b[0] = (unsigned char)(0xE8 + ((seed >> 8) & 0x17));  /* lead bytes around F0..F7 */
        b[1] = (unsigned char)(seed >> 16);
        b[2] = (unsigned char)(seed >> 24);
        seed = seed * 1103515245u + 12345u;
        b[3] = (unsigned char)(seed >> 16);
        if (i & 1) { b[1] = (unsigned char)(0x80 | (b[1] & 0x3F)); b[2] = (unsigned char)(0x80 | (b[2] & 0x3F)); b[3] = (unsigned char)(0x80 | (b[3] & 0x3F)); }
        if (dal_utf8_valid((const char *)b, 4) != ref_valid(b, 4))
            fail_msg("4 bytes %02x %02x %02x %02x", b[0], b[1], b[2], b[3]);
    }
}

/* Sequences to plant: well-formed ones of each length, and each way to be
 * ill-formed (the buffer's end truncates some of them as well). */
static const char *const planted[] = {
    "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", "\xed\x9f\xbf",
    "\xc3", "\xe2\x82", "\xf0\x9f\x98",                     /* truncated */
    "\x80", "\xbf", "\xff", "\xfe", "\xf5\x80\x80\x80",    /* never valid bytes */
    "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xe0\x9f\xbf", /* overlong */
    "\xf0\x80\x80\xaf", "\xf0\x8f\xbf\xbf",
    "\xed\xa0\x80", "\xed\xbf\xbf",                          /* surrogates */
    "\xf4\x90\x80\x80",                                      /* past U+10FFFF */
    "\xe2\x28\xa1", "\xc3\x41", "\xf0\x9f\x41\x80",          /* bad continuation */
};
#define NPLANTED (sizeof planted / sizeof planted[0])

/* Judge s[0..len) with both entry points, each on a copy that ends its heap
 * block at offset off from a fresh allocation's start, against ref_valid. */
static void judge(const unsigned char *s, size_t len, size_t off)
{
    bool want = ref_valid(s, len);
    unsigned char *exact = malloc(off + len > 0 ? off + len : 1);
    assert_non_null(exact);
    memcpy(exact + off, s, len);
    if (dal_utf8_valid((const char *)exact + off, len) != want)
        fail_msg("dal_utf8_valid: len %zu off %zu: expected %d", len, off, want);
    free(exact);
    if (memchr(s, 0, len)) return;
    exact = malloc(off + len + 1);
    assert_non_null(exact);
    memcpy(exact + off, s, len);
    exact[off + len] = 0;
    if (dal_text_valid_utf8((const char *)exact + off) != want)
        fail_msg("dal_text_valid_utf8: len %zu off %zu: expected %d", len, off, want);
    free(exact);
}

/* One sequence at every position of ASCII strings of 0..40 bytes (every
 * length class of the ASCII pass: under 4, 4-7, 8-16, 17-32 and the loop
 * past 32; tails; sequences that cross a word boundary), at eight
 * alignments; a sequence that runs past the end is cut there. */
static void every_sequence_at_every_position(void **state)
{
    unsigned char buf[48];
    (void)state;
    for (size_t len = 0; len <= 40; len++)
        for (size_t pos = 0; pos <= len; pos++)
            for (size_t k = 0; k < NPLANTED; k++) {
                size_t n = strlen(planted[k]);
                memset(buf, 'a', len);
                memcpy(buf + pos, planted[k], pos + n <= len ? n : len - pos);
                for (size_t off = 0; off < 8; off++) judge(buf, len, off);
            }
}

/* A valid character at one position and any sequence at another: the word
 * path must resume after a non-ASCII character, in the same word or a later
 * one. */
static void two_sequences_at_every_pair_of_positions(void **state)
{
    unsigned char buf[32];
    (void)state;
    for (size_t len = 2; len <= 20; len++)
        for (size_t p1 = 0; p1 + 2 <= len; p1++)
            for (size_t p2 = p1 + 2; p2 <= len; p2++)
                for (size_t k = 0; k < NPLANTED; k++) {
                    size_t n = strlen(planted[k]);
                    memset(buf, 'b', len);
                    memcpy(buf + p1, "\xc3\xa9", 2);
                    memcpy(buf + p2, planted[k], p2 + n <= len ? n : len - p2);
                    judge(buf, len, p2 & 7);
                }
}

/* Fixed-seed random strings, mostly ASCII with some high bytes, up to 72
 * bytes: all four byte classes in all positions. */
static void random_mixed_strings_agree(void **state)
{
    unsigned char buf[72];
    uint32_t seed = 20261122;
    (void)state;
    for (int i = 0; i < 300000; i++) {
        size_t len;
        seed = seed * 1103515245u + 12345u;
        len = (seed >> 16) % (sizeof buf + 1);
        for (size_t j = 0; j < len; j++) {
            unsigned r;
            seed = seed * 1103515245u + 12345u;
            r = seed >> 16;
            buf[j] = (r & 7) ? (unsigned char)(0x20 + (r >> 3) % 0x5f)   /* ASCII */
                             : (unsigned char)(0x80 | (r >> 3));         /* any high byte */
        }
        judge(buf, len, (size_t)i & 7);
    }
}

/* The C-string form stops at the NUL: what follows it is not read. */
static void c_string_form_ends_at_the_nul(void **state)
{
    static const char s[] = "abcdefgh\0\xff\xff\xff\xff\xff\xff\xff\xff";
    (void)state;
    assert_true(dal_text_valid_utf8(s));
    assert_false(dal_utf8_valid(s, sizeof s - 1));
    assert_true(dal_text_valid_utf8(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_validity),
        cmocka_unit_test(utf8_agrees_with_a_reference_exhaustively),
        cmocka_unit_test(c_string_form_agrees_with_the_decoder),
        cmocka_unit_test(every_sequence_at_every_position),
        cmocka_unit_test(two_sequences_at_every_pair_of_positions),
        cmocka_unit_test(random_mixed_strings_agree),
        cmocka_unit_test(c_string_form_ends_at_the_nul),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
