/* sha256hex.h - the lowercase hex SHA-256 of a byte string (nettle). */
#ifndef DG_SHA256HEX_H
#define DG_SHA256HEX_H

#include <stddef.h>

/* out: 64 hex digits and a NUL. */
void dg_sha256_hex(const void *data, size_t len, char out[65]);

#endif
