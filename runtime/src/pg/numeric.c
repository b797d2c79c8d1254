/* numeric.c - PostgreSQL's binary numeric <-> exact decimal text.
 *
 * Written by hand because no packaged library does it: libpq sends
 * numeric as text or as these base-10000 digits and has no codec; libpgtypes
 * (ECPG's, packaged as libpgtypes3) has PGTYPESnumeric_from_asc/to_asc but
 * no binary wire form, allocates per value and caps the scale at ECPG's
 * limits.  The wire form (src/backend/utils/adt/numeric.c, numeric_send):
 *   int16 ndigits, int16 weight, uint16 sign, uint16 dscale,
 *   ndigits x int16 base-10000 digits, most significant first;
 * digit i is worth 10000^(weight - i); dscale is the number of decimal
 * digits after the point to display.  The text follows get_str_from_var:
 * no exponent, exactly dscale fraction digits. */
#include "pg_int.h"

#define NUMERIC_POS 0x0000
#define NUMERIC_NEG 0x4000
#define NUMERIC_NAN 0xC000
#define NUMERIC_PINF 0xD000
#define NUMERIC_NINF 0xF000
#define NUMERIC_DSCALE_MASK 0x3FFF

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int malformed(dal_db *db)
{
    return dal__error_state(db, DAL_ERROR, "22P03", "malformed binary numeric from the server");
}

static const char *special(uint16_t sign)
{
    switch (sign) {
    case NUMERIC_NAN:  return "NaN";
    case NUMERIC_PINF: return "Infinity";
    case NUMERIC_NINF: return "-Infinity";
    default:           return NULL;
    }
}

/* The base-10000 digit worth 10000^w. */
static int digit_at(const char *digits, int ndigits, int weight, int w)
{
    int i = weight - w;
    return i >= 0 && i < ndigits ? (int16_t)dal__pg_get16(digits + 2 * i) : 0;
}

/* Write 4 decimal digits of d (0..9999) to out. */
static void put4(char *out, int d)
{
    out[0] = (char)('0' + d / 1000);
    out[1] = (char)('0' + d / 100 % 10);
    out[2] = (char)('0' + d / 10 % 10);
    out[3] = (char)('0' + d % 10);
}

int dal_pg_numeric_to_text(dal_db *db, const char *bin, size_t len, dal_arena *a, const char **out)
{
    int ndigits, weight, dscale, w, i, written;
    uint16_t sign;
    char *buf, *p;
    if (len < 8) return malformed(db);
    ndigits = (int16_t)dal__pg_get16(bin);
    weight = (int16_t)dal__pg_get16(bin + 2);
    sign = dal__pg_get16(bin + 4);
    dscale = dal__pg_get16(bin + 6) & NUMERIC_DSCALE_MASK;
    if (special(sign)) return (*out = dal_arena_strdup(a, special(sign))) ? DAL_OK : dal__oom(db);
    if (ndigits < 0 || len != 8 + 2 * (size_t)ndigits || (sign != NUMERIC_POS && sign != NUMERIC_NEG))
        return malformed(db);
    for (i = 0; i < ndigits; i++)
        if (dal__pg_get16(bin + 8 + 2 * i) > 9999) return malformed(db);
    buf = dal_arena_alloc(a, 1 + (size_t)(weight >= 0 ? weight + 1 : 1) * 4 + 1 + (size_t)dscale + 4 + 1);
    if (!buf) return dal__oom(db);
    p = buf;
    if (sign == NUMERIC_NEG) *p++ = '-';
    if (weight < 0) *p++ = '0';
    for (w = weight; w >= 0; w--) {
        int d = digit_at(bin + 8, ndigits, weight, w);
        if (w == weight) {  /* the first group without its leading zeros */
            char tmp[4];
            int k = 0;
            put4(tmp, d);
            while (k < 3 && tmp[k] == '0') k++;
            memcpy(p, tmp + k, (size_t)(4 - k));
            p += 4 - k;
        } else {
            put4(p, d);
            p += 4;
        }
    }
    if (dscale > 0) *p++ = '.';
    for (w = -1, written = 0; written < dscale; w--, written += 4) {
        put4(p, digit_at(bin + 8, ndigits, weight, w));
        p += dscale - written < 4 ? dscale - written : 4;
    }
    *p = '\0';
    *out = buf;
    return DAL_OK;
}

/* ---- text -> binary ---------------------------------------------------- */

/* floor(a / 4) for negative a too. */
static int fdiv4(int a) { return a >= 0 ? a / 4 : -((-a + 3) / 4); }

/* Parsed decimal text: digits[0..len) with the point before digit
 * `point` (which may lie outside the digits after an exponent). */
typedef struct decimal {
    char *digits;
    int len, point;
    bool negative;
} decimal;

static int invalid(dal_db *db, const char *text)
{
    return dal__error_state(db, DAL_INVALID, "22P02", "invalid numeric \"%.64s\"", text);
}

/* sign, digits with at most one point, optional e[+-]N (|N| <= 100000). */
static bool parse_decimal(const char *s, char *digits, decimal *d)
{
    bool seen_point = false, any = false;
    d->digits = digits;
    d->len = 0;
    d->point = -1;
    d->negative = *s == '-';
    if (*s == '-' || *s == '+') s++;
    for (; (*s >= '0' && *s <= '9') || *s == '.'; s++) {
        if (*s == '.') {
            if (seen_point) return false;
            seen_point = true;
            d->point = d->len;
            continue;
        }
        digits[d->len++] = *s;
        any = true;
    }
    if (!any) return false;
    if (!seen_point) d->point = d->len;
    if (*s == 'e' || *s == 'E') {
        long e = 0;
        bool neg = *++s == '-';
        if (*s == '-' || *s == '+') s++;
        if (*s < '0' || *s > '9') return false;
        for (; *s >= '0' && *s <= '9'; s++)
            if ((e = e * 10 + (*s - '0')) > 100000) return false;
        d->point += (int)(neg ? -e : e);
    }
    return *s == '\0';
}

/* The base-10000 digit of weight w. */
static int group_value(const decimal *d, int w)
{
    int v = 0, k;
    for (k = 4 * w + 3; k >= 4 * w; k--) {
        int i = d->point - 1 - k;  /* the digit worth 10^k */
        v = v * 10 + (i >= 0 && i < d->len ? d->digits[i] - '0' : 0);
    }
    return v;
}

static bool iequal(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if ((*a | 0x20) != (*b | 0x20)) return false;
    return *a == *b;
}

static int special_bin(dal_db *db, uint16_t sign, dal_arena *a, const char **out, size_t *len)
{
    char *buf = dal_arena_alloc(a, 8);
    if (!buf) return dal__oom(db);
    memset(buf, 0, 8);
    dal__pg_put16(buf + 4, sign);
    *out = buf;
    *len = 8;
    return DAL_OK;
}

int dal_pg_numeric_from_text(dal_db *db, const char *text, dal_arena *a, const char **out, size_t *len)
{
    const char *t = text + (*text == '+' || *text == '-');
    decimal d;
    char *digits, *buf;
    int hi, lo, w, n, dscale;
    if (iequal(text, "NaN")) return special_bin(db, NUMERIC_NAN, a, out, len);
    if (iequal(t, "Infinity") || iequal(t, "inf"))
        return special_bin(db, *text == '-' ? NUMERIC_NINF : NUMERIC_PINF, a, out, len);
    if (!(digits = dal_arena_alloc(a, strlen(text) + 1))) return dal__oom(db);
    if (!parse_decimal(text, digits, &d)) return invalid(db, text);
    dscale = d.len - d.point > 0 ? d.len - d.point : 0;
    hi = fdiv4(d.point - 1);
    lo = fdiv4(d.point - d.len);
    while (hi >= lo && group_value(&d, hi) == 0) hi--;
    while (lo <= hi && group_value(&d, lo) == 0) lo++;
    n = hi >= lo ? hi - lo + 1 : 0;
    if (dscale > NUMERIC_DSCALE_MASK || hi > INT16_MAX || lo < INT16_MIN) return invalid(db, text);
    if (!(buf = dal_arena_alloc(a, 8 + 2 * (size_t)n))) return dal__oom(db);
    dal__pg_put16(buf, (uint16_t)n);
    dal__pg_put16(buf + 2, (uint16_t)(int16_t)(n ? hi : 0));
    dal__pg_put16(buf + 4, n && d.negative ? NUMERIC_NEG : NUMERIC_POS);
    dal__pg_put16(buf + 6, (uint16_t)dscale);
    for (w = hi; w >= lo; w--) dal__pg_put16(buf + 8 + 2 * (hi - w), (uint16_t)group_value(&d, w));
    *out = buf;
    *len = 8 + 2 * (size_t)n;
    return DAL_OK;
}
