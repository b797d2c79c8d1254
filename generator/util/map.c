/* Open addressing with linear probing; the table doubles at 50% load, so a
 * probe sequence stays short.  FNV-1a over the (folded) bytes. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/map.h"

static unsigned char fold_byte(bool fold, unsigned char c)
{
    return fold && c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static size_t hash_of(bool fold, const char *key)
{
    size_t h = (size_t)14695981039346656037ULL;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        h ^= fold_byte(fold, *p);
        h *= (size_t)1099511628211ULL;
    }
    return h;
}

static bool same_key(bool fold, const char *a, const char *b)
{
    if (!fold) return strcmp(a, b) == 0;
    for (;; a++, b++) {
        unsigned char ca = fold_byte(true, (unsigned char)*a), cb = fold_byte(true, (unsigned char)*b);
        if (ca != cb) return false;
        if (!ca) return true;
    }
}

void dg_map_init(dg_map *m, bool fold)
{
    memset(m, 0, sizeof *m);
    m->fold = fold;
}

void dg_map_free(dg_map *m)
{
    if (!m) return;
    free(m->slots);
    m->slots = NULL;
    m->cap = m->len = 0;
}

/* The slot holding `key`, or the empty slot where it would go. */
static dg_map_slot *find(const dg_map *m, const char *key, size_t hash)
{
    size_t mask = m->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        dg_map_slot *s = &m->slots[i];
        if (!s->key || (s->hash == hash && same_key(m->fold, s->key, key))) return s;
    }
}

static void grow(dg_map *m)
{
    dg_map old = *m;
    m->cap = old.cap ? old.cap * 2 : 16;
    m->slots = dg_xcalloc(m->cap, sizeof *m->slots);
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].key) *find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
    free(old.slots);
}

size_t dg_map_put(dg_map *m, const char *key, size_t value)
{
    if ((m->len + 1) * 2 > m->cap) grow(m);
    size_t hash = hash_of(m->fold, key);
    dg_map_slot *s = find(m, key, hash);
    if (s->key) return s->value;
    s->key = key;
    s->hash = hash;
    s->value = value;
    m->len++;
    return value;
}

bool dg_map_get(const dg_map *m, const char *key, size_t *value)
{
    if (!m->len) return false;
    const dg_map_slot *s = find(m, key, hash_of(m->fold, key));
    if (!s->key) return false;
    *value = s->value;
    return true;
}
