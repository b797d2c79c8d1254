/* arena.c - bump allocator whose blocks are kept across resets. */
#include "dal_internal.h"

#include <string.h>

#define ARENA_ALIGN 16u
#define ARENA_FIRST 4096u
#define ARENA_MAX_STEP (1u << 20)

struct dal_arena_block {
    dal_arena_block *next;
    size_t size;   /* bytes of data after the header */
    size_t pad;    /* keeps the data 16-byte aligned on 64-bit targets */
};

static char *block_data(dal_arena_block *b) { return (char *)(b + 1); }

static const dal_allocator *arena_alloc(const dal_arena *a)
{
    return a->alloc ? a->alloc : &dal__malloc_allocator;
}

void dal_arena_init(dal_arena *a, const dal_allocator *alloc)
{
    memset(a, 0, sizeof *a);
    a->alloc = alloc;
}

static void use_block(dal_arena *a, dal_arena_block *b)
{
    a->cur = b;
    a->ptr = b ? block_data(b) : NULL;
    a->end = b ? block_data(b) + b->size : NULL;
}

/* Move to the next kept block that holds need bytes, or add one after cur. */
static int grow(dal_arena *a, size_t need)
{
    dal_arena_block *b = a->cur ? a->cur->next : a->first;
    size_t size;
    const dal_allocator *al;
    while (b && b->size < need) b = b->next;
    if (b) {
        use_block(a, b);
        return 0;
    }
    size = a->cur ? a->cur->size * 2 : ARENA_FIRST;
    if (size > ARENA_MAX_STEP) size = ARENA_MAX_STEP;
    if (size < need) size = need;
    if (size > SIZE_MAX - sizeof *b) return -1;
    al = arena_alloc(a);
    b = al->alloc(al->ctx, sizeof *b + size);
    if (!b) return -1;
    b->size = size;
    if (a->cur) {
        b->next = a->cur->next;
        a->cur->next = b;
    } else {
        b->next = a->first;
        a->first = b;
    }
    use_block(a, b);
    return 0;
}

void *dal_arena_alloc(dal_arena *a, size_t n)
{
    uintptr_t p = ((uintptr_t)a->ptr + (ARENA_ALIGN - 1)) & ~(uintptr_t)(ARENA_ALIGN - 1);
    if (!a->ptr || p > (uintptr_t)a->end || (uintptr_t)a->end - p < n) {
        if (n > SIZE_MAX - ARENA_ALIGN || grow(a, n + ARENA_ALIGN) != 0) return NULL;
        p = ((uintptr_t)a->ptr + (ARENA_ALIGN - 1)) & ~(uintptr_t)(ARENA_ALIGN - 1);
    }
    a->ptr = (char *)p + n;
    return (char *)p;
}

/* Unaligned bytes: the path of every TEXT and BLOB read. */
static char *arena_bytes(dal_arena *a, size_t n)
{
    char *p;
    if (!a->ptr || (size_t)(a->end - a->ptr) < n) {
        if (grow(a, n ? n : 1) != 0) return NULL;
    }
    p = a->ptr;
    a->ptr += n;
    return p;
}

void *dal_arena_memdup(dal_arena *a, const void *src, size_t n)
{
    char *p = arena_bytes(a, n);
    if (p && n) memcpy(p, src, n);
    return p;
}

char *dal_arena_strndup(dal_arena *a, const char *s, size_t n)
{
    char *p;
    if (!s) return NULL;
    if (n == SIZE_MAX || !(p = arena_bytes(a, n + 1))) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *dal_arena_strdup(dal_arena *a, const char *s)
{
    return s ? dal_arena_strndup(a, s, strlen(s)) : NULL;
}

void dal_arena_reset(dal_arena *a)
{
    use_block(a, a->first);
}

void dal_arena_free(dal_arena *a)
{
    const dal_allocator *al;
    dal_arena_block *b, *next;
    if (!a) return;
    al = arena_alloc(a);
    for (b = a->first; b; b = next) {
        next = b->next;
        al->free(al->ctx, b, sizeof *b + b->size);
    }
    dal_arena_init(a, a->alloc);
}

size_t dal_arena_capacity(const dal_arena *a)
{
    size_t n = 0;
    const dal_arena_block *b;
    for (b = a->first; b; b = b->next) n += b->size;
    return n;
}
