/*
 * render_int.h — what the text and Markdown renderers share: the walk over
 * the kept nodes, the stack of element frames, lists, table analysis and
 * URL resolution. Internal to src/render/.
 *
 * The walk (render.c, rd_run) is cmark's render loop: one pass of ENTER
 * and EXIT events, a format's enter/exit called for each visible element,
 * no recursion. A format keeps what it must undo at an element's EXIT in a
 * frame pushed at its ENTER; frames are pushed only by elements that need
 * one, so 100k nested <div>s cost no memory.
 */
#ifndef PITH_RENDER_INT_H
#define PITH_RENDER_INT_H

#include "render/layout.h"
#include "render/render.h"

typedef struct rd rd;

typedef struct rd_format {
    const char *hard_break; /* see lay_init */
    /* Lists follow CommonMark: continuation lines indented to the item's
     * content column, and a blank line before a nested ordered list that
     * does not start at 1 (§ 5.2, 5.3). Else 2 spaces per level. */
    int commonmark;
    /* Installs escapers and the like on r->L before the walk; may be NULL. */
    void (*setup)(rd *r);
    /* ENTER of a visible element. Returning 0 skips its subtree: the
     * element then gets no exit call. */
    int (*enter)(rd *r, node_id n, unsigned tag);
    void (*exit)(rd *r, node_id n, unsigned tag);
} rd_format;

/* Iterates over the events of a subtree with the effective mark of each
 * node (extract.h: the nearest marked ancestor decides). Elements that are
 * never content (TF_NEVER) are stepped over, subtree and all, except
 * <noscript>, which follows its marks like any element. */
typedef struct rd_keep {
    node_id node;
    uint8_t prev;
} rd_keep;

typedef struct rd_iter {
    tree_walker w;
    const uint8_t *marks; /* NULL: everything is kept */
    vec *stack;           /* rd_keep: the marked elements open */
    uint8_t keep;         /* in effect inside the current element */
    uint8_t entering, visible;
    node_id node;
    int nomem;
} rd_iter;

void rd_iter_init(rd_iter *it, const tree_doc *d, const uint8_t *marks, vec *stack, node_id root,
                  int keep);
/* Next event: an element's ENTER or EXIT, or a text node (entering = 1).
 * Returns 0 at the end. */
int rd_iter_next(rd_iter *it);
/* After an element's ENTER: steps over its subtree and its EXIT. */
void rd_iter_skip(rd_iter *it);

enum rd_frame_kind {
    RD_OTHER = 0,
    RD_LIST,
    RD_ITEM,
    RD_TABLE,
    RD_ROW,
    RD_CELL,
};

typedef struct rd_frame {
    node_id node;
    uint8_t kind;          /* enum rd_frame_kind */
    uint8_t pushed_level;  /* a layout level to pop at EXIT */
    uint8_t pushed_inline; /* a layout inline to pop at EXIT */
    uint8_t flag;          /* list: kind; item: numbered in sequence; table: grid */
    int32_t saved, saved2; /* enclosing list / table, row frame indexes */
    uint32_t count;        /* list: next number; table: rows; row: columns filled */
    uint32_t aux;          /* table: columns; format-specific elsewhere */
    uint64_t mark;         /* row: lay_mark at its start */
} rd_frame;

struct rd {
    const tree_doc *doc;
    const uint8_t *marks;
    const render_options *opt;
    const rd_format *fmt;
    lay L;
    rd_iter it;
    vec keep_stack, scan_stack;           /* rd_keep, for the walk and for look-ahead scans */
    vec frames;                           /* rd_frame */
    vec spans;                            /* uint32 per column: rows a rowspan still covers */
    buf url;                              /* scratch: the last resolved URL */
    buf tmp;                              /* scratch for a format's markup */
    buf base;                             /* the effective base URL; empty: none */
    int32_t list, table, row;             /* innermost frames of each kind, -1: none */
    uint64_t list_end_at;                 /* lay_mark where the last list ended */
    unsigned list_end_levels;             /* and the layout levels then */
    int list_end_alt;                     /* it used the other bullet */
    int list_end_ordered;                 /* it was ordered */
    unsigned strong, em, code, link, pre; /* Markdown: open constructs */
};

/* Renders doc through fmt. */
pith_status rd_run(const tree_doc *doc, const uint8_t *marks, const render_options *opt,
                   const rd_format *fmt, pith_write_fn write, void *user);

/* Frames. rd_push returns NULL when out of memory (the status is set). */
rd_frame *rd_push(rd *r, node_id n, enum rd_frame_kind kind);
/* The frame that n pushed, or NULL. */
static inline rd_frame *rd_frame_of(rd *r, node_id n)
{
    if (!r->frames.len)
        return NULL;
    rd_frame *f = &VEC_AT(r->frames, rd_frame, r->frames.len - 1);
    return f->node == n ? f : NULL;
}
static inline rd_frame *rd_frame_at(rd *r, int32_t i)
{
    return &VEC_AT(r->frames, rd_frame, i);
}

/* The break an element makes around itself: a new line for list items
 * and table rows, a blank line for other blocks, nothing for inline
 * elements. Hidden elements make it too, so that kept text on either side
 * of them does not run together. */
void rd_block(rd *r, unsigned tag);

/* Lists: <ul>, <ol>, <menu>, <dir> and their <li>, with the "- " and
 * "1. " markers both formats use. */
void rd_list_enter(rd *r, node_id n, unsigned tag);
void rd_list_exit(rd *r, node_id n);
void rd_item_enter(rd *r, node_id n);
void rd_item_exit(rd *r, node_id n);

/* Tables. A table is a grid (rows of cells, rendered one row per line)
 * unless it is used for layout: it nests a table, has one column, or a
 * cell holds headings, preformatted text, quotes or several paragraphs,
 * which one line per row would mangle. Layout tables render their cells as
 * ordinary blocks. rd_table_enter returns 0 when the table is to be
 * skipped (tables off, or a grid with no text). */
int rd_table_enter(rd *r, node_id n);
void rd_table_exit(rd *r, node_id n);
/* The current table is a grid and its rows are rows. */
static inline int rd_in_grid(rd *r)
{
    return r->table >= 0 && rd_frame_at(r, r->table)->flag;
}
/* Row and cell bookkeeping for grids, with colspan and rowspan (HTML
 * § 4.9.12, simplified). rd_row_enter makes n the current row (r->row)
 * and returns 1 when the table is a grid. rd_cell_place places a cell of
 * the current row: *skipped is how many columns a rowspan from above
 * fills before it, *width how many it spans; it returns 0 when the cell
 * falls past the last column kept. rd_row_rest ends the row and returns
 * how many of the table's columns it left empty. */
int rd_row_enter(rd *r, node_id n);
void rd_row_exit(rd *r, node_id n);
int rd_cell_place(rd *r, node_id cell, uint32_t *skipped, uint32_t *width);
uint32_t rd_row_rest(rd *r);

/* The visible text of n's subtree: its longest run of backticks, and
 * whether it holds anything but whitespace. */
void rd_scan_text(rd *r, node_id n, size_t *max_ticks, int *has_text);

/* URLs, shared with the HTML renderer. The base URL of a page is its
 * <base href> (HTML § 4.2.3), itself resolved against the URL the page
 * came from, else that URL: into out. 0, or -1 when out of memory. */
int rd_base_url(const tree_doc *d, const char *page_url, buf *out);
/* Resolves an attribute URL (whitespace stripped as HTML does) against
 * base into out (emptied first). 1 when resolved, 0 when the attribute is
 * empty, -1 when out of memory. */
int rd_resolve_url(const buf *base, const char *ref, size_t len, buf *out);
/* rd_resolve_url against the walk's base into r->url. Returns r->url.data,
 * or NULL when empty or out of memory (the status is set). */
const char *rd_resolve(rd *r, const char *ref, size_t len, size_t *out_len);
/* Whether url[0..len) has the scheme `scheme` (lowercase), e.g. "data". */
int rd_is_scheme(const char *url, size_t len, const char *scheme);
/* The URL an image shows: its src, or data-src and the like when src is a
 * placeholder (none, a data: URI, "blank.gif"...); NULL when there is
 * nothing worth pointing at. Unresolved, not NUL-terminated. */
const char *rd_image_source(const tree_doc *d, node_id img, size_t *len);

#endif
