/* map.h - a hash map from borrowed NUL-terminated strings to size_t values
 * (usually positions in a DG_VEC), for lookups by name that must not scan.
 *
 * Why our own: the generator's lookups are "first item of this name" over
 * arrays that stay put once built; a hash table of (key pointer, value) is
 * 150 lines, where jansson objects (used as maps elsewhere) copy every key,
 * allocate a node per value and sort nothing we need, and Debian's generic C
 * maps (glib's GHashTable) would add a dependency dalgen has no other use for.
 *
 * Keys are borrowed: they must outlive the map and not change.  A map made
 * with `fold` compares keys ASCII case-insensitively (SQLite's rule for
 * identifiers); otherwise byte for byte.  dg_map_put keeps the first value
 * put for a key (later puts of an equal key change nothing), so a map filled
 * in array order answers "the first item of that name". */
#ifndef DG_MAP_H
#define DG_MAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct dg_map_slot {
    const char *key;     /* NULL: empty */
    size_t      hash;
    size_t      value;
} dg_map_slot;

typedef struct dg_map {
    dg_map_slot *slots;  /* owned; cap is 0 or a power of two */
    size_t       cap, len;
    bool         fold;
} dg_map;

void dg_map_init(dg_map *m, bool fold);
void dg_map_free(dg_map *m);   /* NULL-safe; the map is empty (and usable) afterwards */
/* Puts key -> value unless the map holds an equal key; returns the value the
 * map holds for the key afterwards (the earlier one, or `value`). */
size_t dg_map_put(dg_map *m, const char *key, size_t value);
/* True and *value set when the map holds `key`. */
bool dg_map_get(const dg_map *m, const char *key, size_t *value);

#endif
