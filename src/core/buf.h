/*
 * buf.h — growable byte buffers and typed vectors that keep their storage
 * across documents (reset sets the length to 0; free releases it).
 */
#ifndef PITH_CORE_BUF_H
#define PITH_CORE_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct buf {
    char *data;
    size_t len;
    size_t cap;
} buf;

void buf_free(buf *b);
static inline void buf_reset(buf *b) { b->len = 0; }
/* Makes room for `extra` more bytes; 0 on success, -1 when out of memory. */
int buf_reserve(buf *b, size_t extra);
int buf_append(buf *b, const void *data, size_t len);
int buf_append_char(buf *b, char c);
int buf_append_str(buf *b, const char *s);
/* Appends a NUL without counting it in len (for C-string views). */
int buf_terminate(buf *b);
/* Shrinks storage above `keep` bytes back to nothing (after a huge page). */
void buf_trim(buf *b, size_t keep);

/* Vectors of fixed-size items: the same growth rule with an item size. */
typedef struct vec {
    void *items;
    uint32_t len;
    uint32_t cap;
} vec;

void vec_free(vec *v);
static inline void vec_reset(vec *v) { v->len = 0; }
/* Room for `extra` more items of `size` bytes; 0 or -1 (out of memory, or
 * more than UINT32_MAX - 1 items). */
int vec_reserve(vec *v, size_t size, size_t extra);
/* Appends one zeroed item and returns it, or NULL. */
void *vec_push(vec *v, size_t size);
void vec_trim(vec *v, size_t keep_items);

#define VEC_AT(v, type, i) (((type *)(v).items)[i])

#endif
