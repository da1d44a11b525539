#include "core/arena.h"

#include "core/budget.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    arena_chunk *next;
    size_t size; /* usable bytes after the header */
    max_align_t data[];
};

/* 64 KiB holds the small allocations of a typical page in one chunk. */
#define ARENA_MIN_CHUNK ((size_t)64 << 10)
#define ARENA_ALIGN (sizeof(max_align_t))

void arena_init(arena *a, size_t cap)
{
    a->head = NULL;
    a->used = 0;
    a->total = 0;
    a->cap = cap;
}

void arena_free(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    arena_init(a, a->cap);
}

void arena_reset(arena *a)
{
    arena_chunk *keep = a->head;
    if (!keep)
        return;
    /* Keep the oldest chunk only when it is the standard size, so that one
     * huge document does not pin a huge chunk forever. */
    arena_chunk *c = keep;
    arena_chunk *oldest = NULL;
    while (c) {
        arena_chunk *next = c->next;
        if (!next && c->size == ARENA_MIN_CHUNK)
            oldest = c;
        else
            free(c);
        c = next;
    }
    a->head = oldest;
    if (oldest)
        oldest->next = NULL;
    a->total = oldest ? oldest->size : 0;
    a->used = 0;
}

void *arena_alloc(arena *a, size_t size)
{
    size = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    if (!a->head || a->head->size - a->used < size) {
        size_t want = size > ARENA_MIN_CHUNK ? size : ARENA_MIN_CHUNK;
        if (want > SIZE_MAX - sizeof(arena_chunk))
            return NULL;
        if (a->cap && a->total + want > a->cap)
            return NULL;
        if (budget_charge(sizeof(arena_chunk) + want))
            return NULL;
        arena_chunk *c = malloc(sizeof(arena_chunk) + want);
        if (!c)
            return NULL;
        c->size = want;
        c->next = a->head;
        a->head = c;
        a->used = 0;
        a->total += want;
    }
    void *p = (char *)a->head->data + a->used;
    a->used += size;
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
