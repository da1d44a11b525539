/*
 * json.h — a streaming JSON writer (RFC 8259).
 *
 * The writer appends to a growable buffer, or collects output in chunks of
 * JSON_CHUNK bytes and hands each to a sink callback, so a record of any
 * size goes out with bounded memory. Calls never fail one by one: the
 * first error (out of memory, the sink refusing, a call out of place,
 * nesting past JSON_MAX_DEPTH) is kept, everything after it is ignored,
 * and json_finish reports it.
 *
 * What comes out is always valid UTF-8 JSON, whatever bytes go in:
 *   - strings escape '"', '\' and the control characters U+0000..U+001F
 *     (RFC 8259 § 7: \b \f \n \r \t, the rest as \u00XX), and U+2028 and
 *     U+2029, which are valid JSON but end a line in JavaScript before
 *     ES2019 and in some JSON Lines readers;
 *   - bytes that are not valid UTF-8 become U+FFFD, one per byte that
 *     cannot start or continue a sequence (as utf8_decode reads them): the
 *     decoder upstream guarantees valid UTF-8, this is the defence;
 *   - a string may be written in pieces (json_string_begin/_append/_end),
 *     split anywhere, even inside a UTF-8 sequence: the result is the same
 *     as writing it whole;
 *   - numbers: integers exactly; doubles in the shortest of 15, 16 or 17
 *     significant digits that reads back as the same double, "." as the
 *     decimal point whatever the locale; NaN and infinities (which JSON
 *     cannot hold) as null.
 * Structure is checked: a key outside an object, a value where a key is
 * due, or an unbalanced end is an error (JSON_ERR_STATE), so a writer bug
 * cannot produce malformed output silently.
 */
#ifndef PITH_CORE_JSON_H
#define PITH_CORE_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Nesting depth of objects and arrays. The record nests three deep; the
 * bound keeps the stack a fixed array and catches a runaway caller. */
#define JSON_MAX_DEPTH 64
/* Bytes collected before each call of the sink; a longer piece (a run of
 * plain text) goes to the sink on its own, uncopied. */
#define JSON_CHUNK ((size_t)64 << 10)

/* The sink: the same shape as pith_write_fn; returns 0 on success. */
typedef int (*json_sink_fn)(const char *data, size_t len, void *user);

enum json_status {
    JSON_OK = 0,
    JSON_ERR_NOMEM = 1, /* the buffer could not grow */
    JSON_ERR_WRITE = 2, /* the sink returned nonzero */
    JSON_ERR_DEPTH = 3, /* nesting past JSON_MAX_DEPTH */
    JSON_ERR_STATE = 4, /* a call out of place (the caller's bug) */
};

typedef struct json_writer {
    buf *out; /* where bytes go: the caller's buffer, or own */
    buf own;  /* the chunk, in sink mode */
    json_sink_fn sink;
    void *user;
    int status; /* enum json_status; sticky */
    unsigned depth;
    /* Per open container: 'o' object or 'a' array, and whether it holds
     * a member already (a comma is due before the next). */
    char kind[JSON_MAX_DEPTH];
    uint8_t members[JSON_MAX_DEPTH];
    uint8_t want_value; /* a key was written: its value is due */
    uint8_t in_string;  /* between json_string_begin and _end */
    /* The start of a UTF-8 sequence that a json_string_append piece cut
     * short, waiting for the next piece. */
    unsigned char pending[4];
    uint8_t npending;
} json_writer;

/* Appends to `out` (not reset: output follows what it holds). */
void json_init_buf(json_writer *w, buf *out);
/* Sends output to sink(data, len, user) in chunks of up to JSON_CHUNK
 * bytes (a longer run of plain text in one piece of its own). */
void json_init_sink(json_writer *w, json_sink_fn sink, void *user);
/* Hands what is left to the sink and returns the status. Closing every
 * container is the caller's job; an unclosed one is JSON_ERR_STATE. */
int json_finish(json_writer *w);
/* Frees the writer's own chunk (after json_finish or instead of it). */
void json_free(json_writer *w);

void json_object_begin(json_writer *w);
void json_object_end(json_writer *w);
void json_array_begin(json_writer *w);
void json_array_end(json_writer *w);
/* A member's key, inside an object; its value must follow. */
void json_key(json_writer *w, const char *key, size_t len);

void json_string(json_writer *w, const char *s, size_t len);
/* A NUL-terminated string, or null for NULL. */
void json_cstring(json_writer *w, const char *s);
void json_null(json_writer *w);
void json_bool(json_writer *w, int value);
void json_int(json_writer *w, long long value);
void json_uint(json_writer *w, unsigned long long value);
void json_double(json_writer *w, double value);
/* value rounded to `decimals` (0..9) places, trailing zeros dropped
 * ("0.85", "1", "-2.5"): for quantities with a known precision, where the
 * shortest round trip would show binary noise (0.1 + 0.2). Written
 * without printf. |value| beyond 1e15 falls back to json_double. */
void json_fixed(json_writer *w, double value, int decimals);

/* A string in pieces: begin, any number of appends, end. Nothing else may
 * be written in between. */
void json_string_begin(json_writer *w);
void json_string_append(json_writer *w, const char *s, size_t len);
void json_string_end(json_writer *w);
/* json_string_append as a sink: (data, len, writer) → 0, or nonzero once
 * the writer has failed (so a producer writing through it stops). */
int json_string_sink(const char *data, size_t len, void *writer);

/* Bytes outside the JSON value, written as they are: a newline between
 * JSON Lines records. Only between top-level values. */
void json_raw(json_writer *w, const char *s, size_t len);

/* Member shorthands: key then value. */
void json_member_cstring(json_writer *w, const char *key, const char *value);
void json_member_int(json_writer *w, const char *key, long long value);

#endif
