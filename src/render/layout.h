/*
 * layout.h — the line and block writer that the text and Markdown
 * renderers share (cmark's render.c plays this part for cmark's formats).
 *
 * Renderers describe structure; the layout decides the bytes. Everything
 * is lazy: a break, a space, a list marker or an emphasis opener is only
 * recorded when asked for, and written when the next piece of content
 * arrives. That is what makes the output free of leading, trailing and
 * doubled blank lines, trailing spaces, empty list items and empty
 * emphasis, without renderers having to look ahead.
 *
 *   - Breaks: LAY_HARD (<br>), LAY_LINE (a new line: list items, table
 *     rows), LAY_PARA (a blank line: paragraphs). Pending breaks merge to
 *     the strongest; two <br> in a row make a paragraph break.
 *   - Levels: a stack of line prefixes (blockquote "> ", list item "- "
 *     whose later lines are indented "  ", Markdown heading "## "). A
 *     level's first marker goes on its first line, its `rest` on the
 *     lines after; blank lines carry the rests right-trimmed.
 *   - Inlines: a stack of opener/closer pairs (emphasis, code, links).
 *     Openers wait for content; at a break, open ones are closed and
 *     reopened after it, since Markdown emphasis cannot span paragraphs.
 *   - Flatten: inside headings and table cells every break becomes a
 *     space, so the construct stays on one line.
 *   - Verbatim: inside <pre>, whitespace and newlines are kept; only
 *     trailing whitespace at line ends and leading/trailing blank lines go.
 *   - Sink: output is collected in a 64 KiB chunk and handed to the write
 *     callback a chunk at a time.
 *
 * Text outside verbatim is normalised: runs of whitespace (ASCII and the
 * Unicode spaces, NBSP included) become one space. Every other character
 * is kept as it is, invisible ones (soft hyphen, zero-width space)
 * included.
 */
#ifndef PITH_RENDER_LAYOUT_H
#define PITH_RENDER_LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "pith.h"

/* Bytes collected before each call of the write callback. */
#define LAY_CHUNK ((size_t)64 << 10)
/* Prefix levels kept; deeper quotes and list items are flattened into the
 * deepest kept one. A prefix is written on every line, so its length must
 * stay bounded for the output to stay linear in the input on hostile
 * pages nesting lists 100k deep; 32 levels exceed any real document. */
#define LAY_MAX_LEVELS 32
/* Longest level marker: "999999999. " plus slack. */
#define LAY_MARKER_MAX 16
/* Open inline constructs kept. Renderers do not nest an inline construct
 * in one of its own kind, so 5 or 6 is the most real pages reach. */
#define LAY_MAX_INLINES 16

enum lay_break {
    LAY_NONE = 0,
    LAY_HARD = 1, /* a line break inside a paragraph (<br>) */
    LAY_LINE = 2, /* a new line for a new item */
    LAY_PARA = 3, /* a blank line */
};

enum lay_level_kind {
    LAY_QUOTE = 0,
    LAY_ITEM = 1,    /* a list item: its first block does not need a blank line */
    LAY_HEADING = 2, /* a Markdown heading marker: content after it is not at line start */
};

typedef struct lay lay;

/* Writes s[0..n) with the format's escapes, through lay_put. Called only
 * for runs holding a byte flagged in esc_class, or starting a line with a
 * byte flagged in esc_bol (see lay_set_escape). A run is one or more words
 * separated by single spaces; the byte before it is the last one written
 * (lay_last), the byte after it a space unless L->run_at_end. */
typedef void (*lay_escape_fn)(lay *L, const char *s, size_t n);

typedef struct lay_level {
    char first[LAY_MARKER_MAX], rest[LAY_MARKER_MAX];
    uint8_t first_len, rest_len;
    uint8_t kind;
    uint8_t used; /* first has been written */
} lay_level;

typedef struct lay_inline {
    uint32_t off; /* opener then closer, in lay.inline_text */
    uint32_t open_len, close_len;
} lay_inline;

struct lay {
    /* the sink */
    pith_write_fn write;
    void *user;
    char *chunk;
    size_t len;
    uint64_t flushed;   /* bytes handed to write so far */
    pith_status status; /* sticky: once set, nothing more is written */

    /* what waits for the next content */
    uint8_t brk;        /* enum lay_break */
    uint8_t space;      /* a space is due between words */
    uint8_t nospace;    /* the last byte written was a separator: no space */
    uint8_t line_start; /* the line's prefix is not written yet */
    uint8_t bol;        /* nothing but the prefix on this line: escape line-start syntax */
    uint8_t any;        /* anything written at all */
    const char *rule;   /* a thematic break line waiting for content */
    size_t rule_len;

    lay_level levels[LAY_MAX_LEVELS];
    unsigned nlevels;

    lay_inline inlines[LAY_MAX_INLINES];
    unsigned ninlines;
    unsigned inlines_open; /* inlines[0..inlines_open) have their opener written */
    buf inline_text;
    /* The closers written last, with nothing after them: the same
     * constructs opening right there take them back instead, innermost
     * first ("**a****b**" would not parse; "**ab**" does). */
    struct {
        char text[LAY_MARKER_MAX];
        uint8_t len;
    } closed[LAY_MAX_INLINES];
    unsigned nclosed;
    uint64_t closed_at; /* lay_mark just after the last of them */

    unsigned flatten;

    unsigned verbatim;
    uint32_t v_newlines; /* newlines waiting inside verbatim text */
    uint8_t v_any;       /* verbatim content written since verbatim began */
    buf v_space;         /* spaces and tabs waiting inside verbatim text */

    /* the format */
    const char *hard_break; /* written for LAY_HARD: "\n", or "\\\n" in Markdown */
    size_t hard_break_len;
    unsigned esc; /* format escape flags in force; 0: none */
    /* The run being escaped ends its text node: what follows is unknown. */
    uint8_t run_at_end;
    const uint8_t *esc_class, *esc_bol;
    lay_escape_fn escape;
};

/* Prepares L to write through write(data, len, user). hard_break is a
 * static string. 0, or -1 when out of memory. */
int lay_init(lay *L, pith_write_fn write, void *user, const char *hard_break);
void lay_free(lay *L);
/* Ends the output (one final newline when anything was written) and hands
 * the rest to write. Returns the sticky status. */
pith_status lay_finish(lay *L);

/* Installs the escaper: esc_class and esc_bol are 256-entry tables; runs
 * are passed to fn only when one of their bytes is flagged in esc_class
 * (or the first, at line start, in esc_bol) and L->esc is nonzero. */
void lay_set_escape(lay *L, const uint8_t *esc_class, const uint8_t *esc_bol, lay_escape_fn fn);

/* Text from the document: normalised, or kept as is in verbatim mode. */
void lay_text(lay *L, const char *s, size_t n);
/* Asks for a break before the next content (a space when flattening). */
void lay_break(lay *L, enum lay_break level);
/* Asks for a space before the next content. */
static inline void lay_space(lay *L)
{
    L->space = 1;
}
/* Cancels a pending space, and any whitespace up to the next content. */
static inline void lay_nospace(lay *L)
{
    L->space = 0;
    L->nospace = 1;
}
/* A thematic break line before the next content (none at the very start
 * or end of the output). The string must outlive the call (a literal). */
void lay_rule(lay *L, const char *s, size_t n);
/* Content that is not text (an image's markup): written after the pending
 * break, space and openers, without escapes. */
void lay_raw(lay *L, const char *s, size_t n);
/* Structure (a code fence, a table's pipes): written after the pending
 * break; a pending space is dropped and open inlines are closed first, so
 * that no emphasis straddles it. */
void lay_markup(lay *L, const char *s, size_t n);

/* Whether block structure (prefix levels, lines of a grid) has no place
 * here: inside a one-line construct or verbatim text. */
static inline int lay_no_blocks(const lay *L)
{
    return L->flatten || L->verbatim;
}

/* Pushes a prefix level. Returns 1 when pushed, 0 when LAY_MAX_LEVELS are
 * in use (pop only what was pushed). */
int lay_push_level(lay *L, enum lay_level_kind kind, const char *first, size_t first_len,
                   const char *rest, size_t rest_len);
void lay_pop_level(lay *L);
/* Whether the innermost level's marker has been written. */
static inline int lay_level_used(const lay *L)
{
    return L->nlevels && L->levels[L->nlevels - 1].used;
}

/* Puts a backslash before the last byte written when it is c and nothing
 * is pending between it and the next content: for a byte that the next
 * opener would change the meaning of (Markdown's "!" before a link's
 * "["). Does nothing once the byte has gone to the sink. */
void lay_escape_last(lay *L, char c);

/* Pushes an inline construct; the opener is written before the next
 * content, the closer at its pop (when the opener was written). Returns 1
 * when pushed, 0 when full or out of memory (pop only what was pushed). */
int lay_push_inline(lay *L, const char *open, size_t open_len, const char *close, size_t close_len);
void lay_pop_inline(lay *L);

void lay_verbatim_begin(lay *L);
void lay_verbatim_end(lay *L);

/* Bytes of output so far: equal before and after a construct when it
 * produced nothing. */
static inline uint64_t lay_mark(const lay *L)
{
    return L->flushed + L->len;
}

void lay_put_slow(lay *L, const char *s, size_t n);
/* Appends bytes to the output (for escapers). */
static inline void lay_put(lay *L, const char *s, size_t n)
{
    if (n <= LAY_CHUNK - L->len) {
        memcpy(L->chunk + L->len, s, n);
        L->len += n;
        return;
    }
    lay_put_slow(L, s, n);
}
/* The last byte written, or 0 when it has gone to the sink already. */
static inline unsigned char lay_last(const lay *L)
{
    return L->len ? (unsigned char)L->chunk[L->len - 1] : 0;
}
static inline void lay_putc(lay *L, char c)
{
    if (L->len < LAY_CHUNK) {
        L->chunk[L->len++] = c;
        return;
    }
    lay_put_slow(L, &c, 1);
}

#endif
