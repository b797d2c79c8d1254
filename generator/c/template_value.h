/* template_value.h - the values templates render: a small tree in an arena.
 *
 * Why not jansson objects: a table's element is made and dropped by every
 * section that renders it, and jansson puts each node, each object's hash
 * table and each key on the heap and frees them one by one (at 1,000 tables
 * more than half of the render went to malloc and free).  Here a whole
 * element lives in one arena, reset once it is rendered.
 *
 * Objects keep their keys in the order they were set (the order --dump-view
 * prints) and are searched linearly: they hold a few dozen keys at most.
 * A key is set once per object (dg_tv_set does not look for it).  Strings
 * and keys are borrowed: strings must outlive every use of the value
 * (dg_tv_strdup copies one into the arena), keys the whole render, for the
 * renderer remembers where it found them (string literals; the root's JSON
 * keys). */
#ifndef DG_TEMPLATE_VALUE_H
#define DG_TEMPLATE_VALUE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bump allocation in chunks; reset keeps the chunks for the next element. */
typedef struct dg_tchunk dg_tchunk;
typedef struct dg_tarena {
    dg_tchunk *head, *cur;
    size_t     used;   /* bytes taken in cur */
} dg_tarena;

#define DG_TARENA_INIT {NULL, NULL, 0}

void *dg_tarena_alloc(dg_tarena *a, size_t n);   /* aligned for any value */
void  dg_tarena_reset(dg_tarena *a);             /* every value made in it is gone */
void  dg_tarena_free(dg_tarena *a);

typedef enum dg_tkind {
    DG_TV_NULL,
    DG_TV_FALSE,
    DG_TV_TRUE,
    DG_TV_INT,
    DG_TV_REAL,
    DG_TV_STR,
    DG_TV_ARR,
    DG_TV_OBJ
} dg_tkind;

typedef struct dg_tval dg_tval;
typedef struct dg_tmember {
    const char *key;
    dg_tval    *val;
    uint32_t    head;    /* key's first four bytes (fewer: up to its NUL) */
} dg_tmember;

struct dg_tval {
    dg_tkind kind;
    size_t   len, cap;   /* STR: its length; ARR, OBJ: the items / members */
    uint64_t keys[2];    /* OBJ: a bit per key's head (key_bit), so that a
                          * search for a missing key is mostly one test */
    union {
        json_int_t  i;
        double      r;
        const char *s;
        dg_tval   **items;
        dg_tmember *members;
    } u;
};

/* Makers (in `a`).  dg_tv_str and dg_tv_strn return NULL for NULL or text
 * that is not valid UTF-8, as jansson's json_string does. */
dg_tval *dg_tv_obj(dg_tarena *a);
dg_tval *dg_tv_arr(dg_tarena *a);
dg_tval *dg_tv_int(dg_tarena *a, json_int_t i);
dg_tval *dg_tv_bool(dg_tarena *a, bool b);
dg_tval *dg_tv_true(dg_tarena *a);
dg_tval *dg_tv_str(dg_tarena *a, const char *s);
dg_tval *dg_tv_strn(dg_tarena *a, const char *s, size_t n);
dg_tval *dg_tv_strdup(dg_tarena *a, const char *s);
/* A new object with o's members (the values shared). */
dg_tval *dg_tv_copy(dg_tarena *a, const dg_tval *o);

/* o[key] = v and arr += v; nothing when v is NULL (as jansson's setters
 * refuse a NULL value). */
void dg_tv_set(dg_tarena *a, dg_tval *o, const char *key, dg_tval *v);
void dg_tv_push(dg_tarena *a, dg_tval *arr, dg_tval *v);

/* o[key] = a string (nothing for NULL; for invalid text nothing either,
 * but found out when the key is first read: the member is there in o->len
 * and the readers below skip it, for most strings made are never read), an
 * integer, a boolean; {key: s} (NULL for NULL or invalid text). */
void     dg_tv_set_str(dg_tarena *a, dg_tval *o, const char *key, const char *s);
void     dg_tv_set_int(dg_tarena *a, dg_tval *o, const char *key, json_int_t i);
void     dg_tv_set_bool(dg_tarena *a, dg_tval *o, const char *key, bool b);
dg_tval *dg_tv_obj1(dg_tarena *a, const char *key, const char *s);

/* o[key], NULL when o is not an object or has no such key; arr[i]. */
dg_tval *dg_tv_get(const dg_tval *o, const char *key);
/* The index of key among o's members, o->len when absent (o an object);
 * member i's value, NULL for invalid text (dg_tv_set_str). */
size_t   dg_tv_index(const dg_tval *o, const char *key);
dg_tval *dg_tv_member(const dg_tval *o, size_t i);
dg_tval *dg_tv_at(const dg_tval *arr, size_t i);

/* j as a value in `a` (strings and keys borrowed from j: it must outlive
 * the value; NULL for NULL); a new JSON value of v. */
dg_tval *dg_tv_from_json(dg_tarena *a, json_t *j);
json_t  *dg_tv_to_json(const dg_tval *v);

#endif
