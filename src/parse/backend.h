/*
 * backend.h — the one interface between HTML parser front ends and the
 * rest of pith. A backend reads UTF-8 and drives a tree_builder; no other
 * stage ever sees a backend's own types.
 *
 * libxml2's HTML parser (through SAX callbacks) is the first backend; a
 * native WHATWG tokenizer and tree builder will be the second.
 */
#ifndef PITH_PARSE_BACKEND_H
#define PITH_PARSE_BACKEND_H

#include <stddef.h>

#include "tree/builder.h"

typedef struct parse_backend {
    const char *name;
    /* Per-extractor state (a parser context to reuse); NULL when out of memory. */
    void *(*create)(void);
    void (*destroy)(void *state);
    /* Parses utf8[0..len) into b, stopping early when b->stop is set.
     * utf8 is valid UTF-8 without NUL bytes (decode/ makes it so); the
     * backend drives b as builder.h describes, calls tree_builder_complete
     * unless stopped, then tree_builder_finish. Returns 0, or -1 when the
     * parser failed outright (b->status says why when the builder stopped
     * it; TREE_BUILD_OK with -1: the input is more than the parser takes). */
    int (*run)(void *state, const char *utf8, size_t len, tree_builder *b);
} parse_backend;

extern const parse_backend parse_backend_libxml2;

#endif
