/* uuid.c - dal_uuid as text and back (PostgreSQL's uuid; any engine). */
#include "dal_internal.h"

static const char hex[] = "0123456789abcdef";

void dal_uuid_format(const dal_uuid *u, char out[37])
{
    int i, k = 0;
    for (i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out[k++] = '-';
        out[k++] = hex[u->b[i] >> 4];
        out[k++] = hex[u->b[i] & 15];
    }
    out[k] = '\0';
}

static int nibble(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int dal_uuid_parse(const char *s, dal_uuid *out)
{
    int i, k = 0;
    if (!s) return DAL_INVALID;
    for (i = 0; i < 16; i++) {
        int hi, lo;
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            if (s[k] != '-') return DAL_INVALID;
            k++;
        }
        if ((hi = nibble(s[k])) < 0 || (lo = nibble(s[k + 1])) < 0) return DAL_INVALID;
        out->b[i] = (uint8_t)(hi << 4 | lo);
        k += 2;
    }
    return s[k] == '\0' ? DAL_OK : DAL_INVALID;
}
