#include "core/buf.h"

#include "core/budget.h"

#include <stdlib.h>

void buf_free(buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int buf_reserve(buf *b, size_t extra)
{
    if (extra <= b->cap - b->len)
        return 0;
    if (extra > SIZE_MAX / 2 - b->len)
        return -1;
    size_t need = b->len + extra;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    if (budget_charge(cap - b->cap))
        return -1;
    char *p = realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int buf_append(buf *b, const void *data, size_t len)
{
    if (buf_reserve(b, len))
        return -1;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    return 0;
}

int buf_append_char(buf *b, char c)
{
    if (b->len == b->cap && buf_reserve(b, 1))
        return -1;
    b->data[b->len++] = c;
    return 0;
}

int buf_append_str(buf *b, const char *s) { return buf_append(b, s, strlen(s)); }

int buf_terminate(buf *b)
{
    if (buf_reserve(b, 1))
        return -1;
    b->data[b->len] = '\0';
    return 0;
}

void buf_trim(buf *b, size_t keep)
{
    if (b->cap > keep)
        buf_free(b);
    else
        b->len = 0;
}

void vec_free(vec *v)
{
    free(v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}

int vec_reserve(vec *v, size_t size, size_t extra)
{
    if (extra <= (size_t)(v->cap - v->len))
        return 0;
    if (extra >= UINT32_MAX - 1 - v->len)
        return -1;
    size_t need = (size_t)v->len + extra;
    size_t cap = v->cap ? v->cap : 64;
    while (cap < need)
        cap *= 2;
    if (cap > UINT32_MAX - 1)
        cap = UINT32_MAX - 1;
    if (cap > SIZE_MAX / size)
        return -1;
    if (budget_charge((cap - v->cap) * size))
        return -1;
    void *p = realloc(v->items, cap * size);
    if (!p)
        return -1;
    v->items = p;
    v->cap = (uint32_t)cap;
    return 0;
}

void *vec_push(vec *v, size_t size)
{
    if (v->len == v->cap && vec_reserve(v, size, 1))
        return NULL;
    void *p = (char *)v->items + (size_t)v->len * size;
    memset(p, 0, size);
    v->len++;
    return p;
}

void vec_trim(vec *v, size_t keep_items)
{
    if (v->cap > keep_items)
        vec_free(v);
    else
        v->len = 0;
}
