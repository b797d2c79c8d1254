/* template_value.c - the arena and the value tree of template_value.h. */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "c/template_value.h"

#define CHUNK 65536

struct dg_tchunk {
    dg_tchunk *next;
    size_t     size;   /* usable bytes after the header */
    alignas(max_align_t) unsigned char data[];
};

static size_t align_up(size_t n)
{
    return (n + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
}

/* The next chunk with room for n bytes after a->cur: a kept one when it is
 * big enough, else a new one linked in after cur. */
static dg_tchunk *next_chunk(dg_tarena *a, size_t n)
{
    dg_tchunk *next = a->cur ? a->cur->next : a->head;
    if (next && next->size >= n) return next;
    size_t size = n > CHUNK ? n : CHUNK;
    dg_tchunk *c = dg_xmalloc(sizeof *c + size);
    c->size = size;
    c->next = next;
    if (a->cur) a->cur->next = c;
    else a->head = c;
    return c;
}

/* n bytes, n aligned (inlined where values are made: a million a file). */
static inline void *take(dg_tarena *a, size_t n)
{
    if (!a->cur || a->cur->size - a->used < n) {
        a->cur = next_chunk(a, n);
        a->used = 0;
    }
    void *p = a->cur->data + a->used;
    a->used += n;
    return p;
}

void *dg_tarena_alloc(dg_tarena *a, size_t n)
{
    return take(a, align_up(n ? n : 1));
}

void dg_tarena_reset(dg_tarena *a)
{
    a->cur = NULL;   /* the next allocation starts over at head */
    a->used = 0;
}

void dg_tarena_free(dg_tarena *a)
{
    for (dg_tchunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    *a = (dg_tarena)DG_TARENA_INIT;
}

static inline dg_tval *make(dg_tarena *a, dg_tkind kind)
{
    dg_tval *v = take(a, align_up(sizeof *v));
    v->kind = kind;
    v->len = v->cap = 0;
    v->keys[0] = v->keys[1] = 0;
    v->u.s = NULL;
    return v;
}

dg_tval *dg_tv_obj(dg_tarena *a) { return make(a, DG_TV_OBJ); }
dg_tval *dg_tv_arr(dg_tarena *a) { return make(a, DG_TV_ARR); }
dg_tval *dg_tv_bool(dg_tarena *a, bool b) { return make(a, b ? DG_TV_TRUE : DG_TV_FALSE); }
dg_tval *dg_tv_true(dg_tarena *a) { return make(a, DG_TV_TRUE); }

dg_tval *dg_tv_int(dg_tarena *a, json_int_t i)
{
    dg_tval *v = make(a, DG_TV_INT);
    v->u.i = i;
    return v;
}

/* Whether s[0, n) is valid UTF-8: plain ASCII here, anything else asked of
 * jansson (rare), so that what it refuses is refused alike. */
static bool utf8_ok(const char *s, size_t n)
{
    size_t i = 0;
    uint64_t w, high = 0;
    for (; i + 8 <= n && !high; i += 8) {   /* eight bytes at a time: SQL text is long */
        memcpy(&w, s + i, 8);
        high = w & UINT64_C(0x8080808080808080);
    }
    if (high) {
        i -= 8;
    } else if (i < n && n >= 8) {   /* the last eight bytes, some read already */
        memcpy(&w, s + n - 8, 8);
        if (!(w & UINT64_C(0x8080808080808080))) i = n;
    }
    while (i < n && (unsigned char)s[i] < 0x80) i++;
    if (i == n) return true;
    json_t *j = json_stringn(s, n);
    json_decref(j);
    return j != NULL;
}

dg_tval *dg_tv_strn(dg_tarena *a, const char *s, size_t n)
{
    if (!s || !utf8_ok(s, n)) return NULL;
    dg_tval *v = make(a, DG_TV_STR);
    v->u.s = s;
    v->len = n;
    return v;
}

dg_tval *dg_tv_str(dg_tarena *a, const char *s)
{
    return s ? dg_tv_strn(a, s, strlen(s)) : NULL;
}

dg_tval *dg_tv_strdup(dg_tarena *a, const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s);
    char *copy = dg_tarena_alloc(a, n + 1);
    memcpy(copy, s, n + 1);
    return dg_tv_strn(a, copy, n);
}

/* Room for one more item of `size` bytes in v's array (doubled in the arena:
 * the old one is left behind until the reset). */
static void *grow(dg_tarena *a, dg_tval *v, void *items, size_t size)
{
    if (v->len < v->cap) return items;
    size_t cap = v->cap ? 2 * v->cap : 8;
    void *bigger = dg_tarena_alloc(a, cap * size);
    if (v->len) memcpy(bigger, items, v->len * size);
    v->cap = cap;
    return bigger;
}

/* The first four bytes of key, or fewer up to its NUL (never read past it). */
static uint32_t key_head(const char *key)
{
    const unsigned char *k = (const unsigned char *)key;
    uint32_t h = k[0];
    if (k[0]) {
        h |= (uint32_t)k[1] << 8;
        if (k[1]) {
            h |= (uint32_t)k[2] << 16;
            if (k[2]) h |= (uint32_t)k[3] << 24;
        }
    }
    return h;
}

/* The bit of a key's head among an object's 128 `keys` bits: word, bit. */
static unsigned key_bit(uint32_t head)
{
    return (unsigned)((head * UINT32_C(2654435761)) >> 25);
}

void dg_tv_set(dg_tarena *a, dg_tval *o, const char *key, dg_tval *v)
{
    if (!v) return;
    uint32_t head = key_head(key);
    unsigned bit = key_bit(head);
    if (o->len == o->cap) o->u.members = grow(a, o, o->u.members, sizeof *o->u.members);
    o->u.members[o->len++] = (dg_tmember){key, v, head};
    o->keys[bit >> 6] |= UINT64_C(1) << (bit & 63);
}

/* A string's len until it is measured (dg_tv_member); invalid text keeps
 * it, with a NULL u.s. */
#define UNMEASURED SIZE_MAX

void dg_tv_set_str(dg_tarena *a, dg_tval *o, const char *key, const char *s)
{
    if (!s) return;
    dg_tval *v = make(a, DG_TV_STR);
    v->u.s = s;
    v->len = UNMEASURED;
    dg_tv_set(a, o, key, v);
}

dg_tval *dg_tv_member(const dg_tval *o, size_t i)
{
    dg_tval *v = o->u.members[i].val;
    if (v->kind != DG_TV_STR || v->len != UNMEASURED) return v;
    if (!v->u.s) return NULL;
    size_t n = strlen(v->u.s);
    if (utf8_ok(v->u.s, n)) v->len = n;
    else v->u.s = NULL;
    return v->u.s ? v : NULL;
}

void dg_tv_set_int(dg_tarena *a, dg_tval *o, const char *key, json_int_t i)
{
    dg_tv_set(a, o, key, dg_tv_int(a, i));
}

void dg_tv_set_bool(dg_tarena *a, dg_tval *o, const char *key, bool b)
{
    dg_tv_set(a, o, key, dg_tv_bool(a, b));
}

dg_tval *dg_tv_obj1(dg_tarena *a, const char *key, const char *s)
{
    dg_tval *v = dg_tv_str(a, s);
    if (!v) return NULL;
    dg_tval *o = dg_tv_obj(a);
    dg_tv_set(a, o, key, v);
    return o;
}

void dg_tv_push(dg_tarena *a, dg_tval *arr, dg_tval *v)
{
    if (!v) return;
    if (arr->len == arr->cap) arr->u.items = grow(a, arr, arr->u.items, sizeof *arr->u.items);
    arr->u.items[arr->len++] = v;
}

dg_tval *dg_tv_copy(dg_tarena *a, const dg_tval *o)
{
    dg_tval *c = dg_tv_obj(a);
    c->u.members = dg_tarena_alloc(a, (o->len + 2) * sizeof *c->u.members);   /* room for a few more */
    if (o->len) memcpy(c->u.members, o->u.members, o->len * sizeof *c->u.members);
    c->len = o->len;
    c->cap = o->len + 2;
    c->keys[0] = o->keys[0];
    c->keys[1] = o->keys[1];
    return c;
}

size_t dg_tv_index(const dg_tval *o, const char *key)
{
    uint32_t head = key_head(key);
    unsigned bit = key_bit(head);
    if (!(o->keys[bit >> 6] & (UINT64_C(1) << (bit & 63)))) return o->len;
    bool longer = head >> 24 != 0;   /* the rest of the key after its head */
    for (size_t i = 0; i < o->len; i++)
        if (o->u.members[i].head == head && (!longer || !strcmp(o->u.members[i].key + 4, key + 4))) return i;
    return o->len;
}

dg_tval *dg_tv_get(const dg_tval *o, const char *key)
{
    if (!o || o->kind != DG_TV_OBJ) return NULL;
    size_t i = dg_tv_index(o, key);
    return i < o->len ? dg_tv_member(o, i) : NULL;
}

dg_tval *dg_tv_at(const dg_tval *arr, size_t i)
{
    return arr && arr->kind == DG_TV_ARR && i < arr->len ? arr->u.items[i] : NULL;
}

/* v (empty) with room for n items of `size` bytes: a copy's size is known. */
static void *reserve(dg_tarena *a, dg_tval *v, size_t n, size_t size)
{
    v->cap = n;
    return n ? dg_tarena_alloc(a, n * size) : NULL;
}

static dg_tval *from_json_obj(dg_tarena *a, json_t *j)
{
    dg_tval *o = dg_tv_obj(a);
    o->u.members = reserve(a, o, json_object_size(j), sizeof *o->u.members);
    const char *key;
    json_t *x;
    json_object_foreach(j, key, x) dg_tv_set(a, o, key, dg_tv_from_json(a, x));
    return o;
}

dg_tval *dg_tv_from_json(dg_tarena *a, json_t *j)
{
    dg_tval *v;
    size_t i;
    json_t *x;
    if (!j) return NULL;
    switch (json_typeof(j)) {
    case JSON_OBJECT: return from_json_obj(a, j);
    case JSON_ARRAY:
        v = dg_tv_arr(a);
        v->u.items = reserve(a, v, json_array_size(j), sizeof *v->u.items);
        json_array_foreach(j, i, x) dg_tv_push(a, v, dg_tv_from_json(a, x));
        return v;
    case JSON_STRING:
        v = make(a, DG_TV_STR);
        v->u.s = json_string_value(j);
        v->len = json_string_length(j);
        return v;
    case JSON_INTEGER: return dg_tv_int(a, json_integer_value(j));
    case JSON_REAL:
        v = make(a, DG_TV_REAL);
        v->u.r = json_real_value(j);
        return v;
    case JSON_TRUE:  return make(a, DG_TV_TRUE);
    case JSON_FALSE: return make(a, DG_TV_FALSE);
    default:         return make(a, DG_TV_NULL);
    }
}

json_t *dg_tv_to_json(const dg_tval *v)
{
    json_t *j;
    switch (v->kind) {
    case DG_TV_OBJ:
        j = json_object();
        for (size_t i = 0; i < v->len; i++)
            if (dg_tv_member(v, i)) json_object_set_new_nocheck(j, v->u.members[i].key, dg_tv_to_json(v->u.members[i].val));
        return j;
    case DG_TV_ARR:
        j = json_array();
        for (size_t i = 0; i < v->len; i++) json_array_append_new(j, dg_tv_to_json(v->u.items[i]));
        return j;
    case DG_TV_STR:   return json_stringn_nocheck(v->u.s, v->len);
    case DG_TV_INT:   return json_integer(v->u.i);
    case DG_TV_REAL:  return json_real(v->u.r);
    case DG_TV_TRUE:  return json_true();
    case DG_TV_FALSE: return json_false();
    default:          return json_null();
    }
}
