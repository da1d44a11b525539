/*
 * arena.h — a chunked bump allocator: one per document, reset, not freed.
 *
 * Objects are never freed one by one: the whole arena is reset between
 * documents (its first chunk is kept, the rest returned), which makes a
 * page's many small allocations cost a pointer bump each.
 */
#ifndef PITH_CORE_ARENA_H
#define PITH_CORE_ARENA_H

#include <stddef.h>

typedef struct arena_chunk arena_chunk;

typedef struct arena {
    arena_chunk *head;  /* current chunk (newest first) */
    size_t used;        /* bytes handed out from head */
    size_t total;       /* bytes held in all chunks */
    size_t cap;         /* most bytes the arena may hold; 0 = no cap */
} arena;

void arena_init(arena *a, size_t cap);
/* Frees every chunk. */
void arena_free(arena *a);
/* Forgets every allocation; keeps one chunk for the next document. */
void arena_reset(arena *a);
/* size bytes aligned for any type, or NULL when memory or the cap runs out. */
void *arena_alloc(arena *a, size_t size);
/* A NUL-terminated copy of s[0..len), or NULL. */
char *arena_strndup(arena *a, const char *s, size_t len);

#endif
