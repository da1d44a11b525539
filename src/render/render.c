/* render.c — the walk shared by the text and Markdown renderers, and the
 * structure both render alike: lists, table analysis; URLs and image
 * sources, which the HTML renderer shares too. */
#include <stdio.h>
#include <stdlib.h>

#include "core/url.h"
#include "core/utf8.h"
#include "extract/extract.h"
#include "render/render_int.h"

/* Columns tracked in a grid table. Wider tables are junk or layout; the cap
 * also bounds the padding a hostile colspan can make each row carry. */
#define RD_MAX_COLS 64
/* Blocks (paragraphs, divs, list items, line breaks) a grid cell may hold.
 * Cells with more are page layout, not data: flattened onto one line they
 * would lose all their structure. */
#define RD_CELL_MAX_BLOCKS 3
/* HTML § 4.9.11 clamps rowspan to 65534. */
#define RD_MAX_ROWSPAN 65534u

/* ---- the walk ------------------------------------------------------- */

void rd_iter_init(rd_iter *it, const tree_doc *d, const uint8_t *marks, vec *stack, node_id root,
                  int keep)
{
    tree_walker_init(&it->w, d, root);
    it->marks = marks;
    it->stack = stack;
    vec_reset(stack);
    it->keep = (uint8_t)keep;
    it->entering = it->visible = 0;
    it->node = 0;
    it->nomem = 0;
}

int rd_iter_next(rd_iter *it)
{
    const tree_doc *d = it->w.doc;
    while (tree_walker_step(&it->w)) {
        node_id n = it->w.node;
        const tree_node *x = tree_node_at(d, n);
        uint8_t m = it->marks ? it->marks[n] : EXT_NONE;
        it->node = n;
        it->entering = (uint8_t)it->w.entering;
        if (x->kind == TREE_TEXT) {
            it->visible = m == EXT_NONE ? it->keep : m == EXT_KEEP;
            return 1;
        }
        if (x->kind != TREE_ELEMENT)
            continue;
        if (it->w.entering) {
            /* <noscript> is the exception: pages built by scripts put
             * their text there, and extraction marks it when it does. */
            if ((tree_tag_flags(x->tag) & TF_NEVER) && x->tag != TAG_NOSCRIPT) {
                tree_walker_skip(&it->w);
                tree_walker_step(&it->w); /* its EXIT */
                continue;
            }
            if (m != EXT_NONE) {
                rd_keep *k = vec_push(it->stack, sizeof *k);
                if (!k) {
                    it->nomem = 1;
                    return 0;
                }
                k->node = n;
                k->prev = it->keep;
                it->keep = m == EXT_KEEP;
            }
            it->visible = it->keep;
        } else {
            it->visible = it->keep;
            if (it->stack->len) {
                const rd_keep *k = &VEC_AT(*it->stack, rd_keep, it->stack->len - 1);
                if (k->node == n) {
                    it->keep = k->prev;
                    it->stack->len--;
                }
            }
        }
        return 1;
    }
    return 0;
}

void rd_iter_skip(rd_iter *it)
{
    tree_walker_skip(&it->w);
    tree_walker_step(&it->w);
    if (it->stack->len) {
        const rd_keep *k = &VEC_AT(*it->stack, rd_keep, it->stack->len - 1);
        if (k->node == it->w.node) {
            it->keep = k->prev;
            it->stack->len--;
        }
    }
}

rd_frame *rd_push(rd *r, node_id n, enum rd_frame_kind kind)
{
    rd_frame *f = vec_push(&r->frames, sizeof *f);
    if (!f) {
        r->L.status = PITH_ERR_NOMEM;
        return NULL;
    }
    f->node = n;
    f->kind = (uint8_t)kind;
    f->saved = f->saved2 = -1;
    return f;
}

void rd_block(rd *r, unsigned tag)
{
    /* A hidden row or cell of a grid must not break the grid's lines. */
    if (rd_in_grid(r) && (tree_tag_flags(tag) & TF_TABLE)) {
        lay_space(&r->L);
        return;
    }
    if (tag == TAG_LI || tag == TAG_TR)
        lay_break(&r->L, LAY_LINE);
    else if (tree_tag_flags(tag) & TF_BLOCK)
        lay_break(&r->L, LAY_PARA);
}

int rd_base_url(const tree_doc *d, const char *page_url, buf *out)
{
    size_t page_len = page_url ? strlen(page_url) : 0;
    if (d->head) {
        for (node_id c = tree_first_child(d, d->head); c; c = tree_next_sibling(d, c)) {
            size_t len;
            const char *href;
            if (!tree_is_element(d, c, TAG_BASE) || !(href = tree_attr_get(d, c, ATTR_HREF, &len)))
                continue;
            while (len && (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r' ||
                           *href == '\f')) {
                href++;
                len--;
            }
            if (!len)
                continue;
            return url_resolve(page_url, page_len, href, len, out);
        }
    }
    return buf_append(out, page_url, page_len);
}

pith_status rd_run(const tree_doc *doc, const uint8_t *marks, const render_options *opt,
                   const rd_format *fmt, pith_write_fn write, void *user)
{
    rd r;
    memset(&r, 0, sizeof r);
    r.doc = doc;
    r.marks = marks;
    r.opt = opt;
    r.fmt = fmt;
    r.list = r.table = r.row = -1;
    r.list_end_at = UINT64_MAX;
    if (!lay_init(&r.L, write, user, fmt->hard_break) && rd_base_url(doc, opt->base_url, &r.base))
        r.L.status = PITH_ERR_NOMEM;
    if (fmt->setup)
        fmt->setup(&r);
    /* The document counts as dropped unless marked itself. */
    rd_iter_init(&r.it, doc, marks, &r.keep_stack, 0, marks ? marks[0] == EXT_KEEP : 1);
    while (!r.L.status && rd_iter_next(&r.it)) {
        node_id n = r.it.node;
        const tree_node *x = tree_node_at(doc, n);
        if (x->kind == TREE_TEXT) {
            if (r.it.visible)
                lay_text(&r.L, doc->chars.data + x->text_off, x->text_len);
            continue;
        }
        if (!r.it.visible) {
            rd_block(&r, x->tag);
            continue;
        }
        if (r.it.entering) {
            if (!fmt->enter(&r, n, x->tag))
                rd_iter_skip(&r.it);
        } else {
            fmt->exit(&r, n, x->tag);
            if (rd_frame_of(&r, n))
                r.frames.len--;
        }
    }
    if (r.it.nomem && !r.L.status)
        r.L.status = PITH_ERR_NOMEM;
    pith_status st = r.L.chunk ? lay_finish(&r.L) : r.L.status;
    lay_free(&r.L);
    vec_free(&r.keep_stack);
    vec_free(&r.scan_stack);
    vec_free(&r.frames);
    vec_free(&r.spans);
    buf_free(&r.url);
    buf_free(&r.tmp);
    buf_free(&r.base);
    return st;
}

/* ---- lists ---------------------------------------------------------- */

/* A non-negative decimal attribute, clamped to max; def when absent or
 * not a number. */
static uint32_t attr_number(const tree_doc *d, node_id n, const char *name, uint32_t def,
                            uint32_t max)
{
    size_t len;
    const char *v = tree_attr_get_named(d, n, name, &len);
    if (!v)
        return def;
    size_t i = 0;
    while (i < len && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n'))
        i++;
    if (i == len || v[i] < '0' || v[i] > '9')
        return def;
    uint64_t x = 0;
    for (; i < len && v[i] >= '0' && v[i] <= '9'; i++) {
        x = x * 10 + (uint64_t)(v[i] - '0');
        if (x > max)
            return max;
    }
    return (uint32_t)x;
}

/* CommonMark § 5.2 allows at most 9 digits in an ordered list marker. */
#define RD_MAX_ITEM_NUMBER 999999999u

/* rd_frame.flag of lists */
enum { RD_LIST_ORDERED = 1, RD_LIST_ALT = 2 };

void rd_list_enter(rd *r, node_id n, unsigned tag)
{
    const lay *L = &r->L;
    int ordered = tag == TAG_OL;
    uint32_t start = ordered ? attr_number(r->doc, n, "start", 1, RD_MAX_ITEM_NUMBER) : 1;
    /* A list right inside an item goes on the next line; anywhere else it
     * is a block of its own. CommonMark § 5.3: an ordered list
     * interrupting a paragraph must start at 1, so others get a blank
     * line. */
    int in_item = L->nlevels && L->levels[L->nlevels - 1].kind == LAY_ITEM;
    lay_break(&r->L, in_item && (start == 1 || !r->fmt->commonmark) ? LAY_LINE : LAY_PARA);
    /* CommonMark joins two lists of one type with nothing but a blank
     * line between them into one; the other bullet or delimiter keeps
     * them apart (§ 5.3), as cmark does. */
    int alt = r->fmt->commonmark && lay_mark(L) == r->list_end_at &&
              L->nlevels == r->list_end_levels && r->list_end_ordered == ordered &&
              !r->list_end_alt;
    rd_frame *f = rd_push(r, n, RD_LIST);
    if (!f)
        return;
    f->flag = (uint8_t)((ordered ? RD_LIST_ORDERED : 0) | (alt ? RD_LIST_ALT : 0));
    f->count = start;
    f->saved = r->list;
    r->list = (int32_t)r->frames.len - 1;
}

void rd_list_exit(rd *r, node_id n)
{
    rd_frame *f = rd_frame_of(r, n);
    if (f) {
        r->list = f->saved;
        r->list_end_at = lay_mark(&r->L);
        r->list_end_levels = r->L.nlevels;
        r->list_end_alt = (f->flag & RD_LIST_ALT) != 0;
        r->list_end_ordered = (f->flag & RD_LIST_ORDERED) != 0;
    }
    /* A blank line, so that text after a nested list is not taken for a
     * lazy continuation of its last item; a following item needs only a
     * line (lay_pop_level). */
    lay_break(&r->L, LAY_PARA);
}

void rd_item_enter(rd *r, node_id n)
{
    lay_break(&r->L, LAY_LINE);
    if (lay_no_blocks(&r->L))
        return;
    char marker[LAY_MARKER_MAX];
    static const char spaces[LAY_MARKER_MAX] = "                ";
    size_t len = 2;
    int numbered = 0;
    rd_frame *list = r->list >= 0 ? rd_frame_at(r, r->list) : NULL;
    int alt = list && (list->flag & RD_LIST_ALT);
    if (list && (list->flag & RD_LIST_ORDERED)) {
        uint32_t num = attr_number(r->doc, n, "value", list->count, RD_MAX_ITEM_NUMBER);
        numbered = num == list->count;
        list->count = num < RD_MAX_ITEM_NUMBER ? num + 1 : num;
        len = (size_t)snprintf(marker, sizeof marker, alt ? "%u) " : "%u. ", (unsigned)num);
    } else {
        memcpy(marker, alt ? "* " : "- ", 2);
    }
    rd_frame *f = rd_push(r, n, RD_ITEM);
    if (!f)
        return;
    f->flag = (uint8_t)numbered;
    f->pushed_level =
        (uint8_t)lay_push_level(&r->L, LAY_ITEM, marker, len, spaces, r->fmt->commonmark ? len : 2);
}

void rd_item_exit(rd *r, node_id n)
{
    lay_break(&r->L, LAY_LINE);
    rd_frame *f = rd_frame_of(r, n);
    if (!f || !f->pushed_level)
        return;
    /* An empty item vanishes, and with it its number: the next item
     * takes it, as it does in CommonMark, which numbers on. */
    if (f->flag && !lay_level_used(&r->L) && r->list >= 0)
        rd_frame_at(r, r->list)->count--;
    lay_pop_level(&r->L);
}

/* ---- tables --------------------------------------------------------- */

static int is_cell(unsigned tag)
{
    return tag == TAG_TD || tag == TAG_TH;
}

/* Places a cell at the first column of the row not covered by a rowspan
 * from above; returns how many covered columns it passed, and sets
 * *width to the columns it covers (0: past RD_MAX_COLS). */
static uint32_t grid_place(vec *spans, uint32_t *col, uint32_t colspan, uint32_t rowspan,
                           uint32_t *width)
{
    uint32_t *s = spans->items, skipped = 0;
    while (*col < RD_MAX_COLS && s[*col]) {
        s[*col]--;
        (*col)++;
        skipped++;
    }
    *width = 0;
    for (; *width < colspan && *col < RD_MAX_COLS; (*width)++)
        s[(*col)++] = rowspan - 1;
    return skipped;
}

/* Ends a row: the columns a rowspan covered past its last cell. */
static void grid_row_end(vec *spans, uint32_t col)
{
    uint32_t *s = spans->items;
    for (; col < RD_MAX_COLS; col++) {
        if (s[col])
            s[col]--;
    }
}

static int grid_reset(rd *r)
{
    if (vec_reserve(&r->spans, sizeof(uint32_t), RD_MAX_COLS))
        return -1;
    memset(r->spans.items, 0, RD_MAX_COLS * sizeof(uint32_t));
    return 0;
}

static void cell_spans(const tree_doc *d, node_id cell, uint32_t *colspan, uint32_t *rowspan)
{
    *colspan = attr_number(d, cell, "colspan", 1, RD_MAX_COLS);
    *rowspan = attr_number(d, cell, "rowspan", 1, RD_MAX_ROWSPAN);
    if (!*colspan)
        *colspan = 1;
    if (!*rowspan) /* "0: to the end of the section" — not worth following */
        *rowspan = 1;
}

static int has_role_presentation(const tree_doc *d, node_id n)
{
    size_t len;
    const char *v = tree_attr_get(d, n, ATTR_ROLE, &len);
    return v && (ascii_ieq(v, len, "presentation") || ascii_ieq(v, len, "none"));
}

/* Looks through a table once: is it a grid, how many columns, any text.
 * The look stops at the first sign of layout, before any nested table, so
 * that every node is looked at by one table at most: linear however
 * tables nest. */
static int table_scan(rd *r, node_id table, uint32_t *ncols, int *has_text)
{
    const tree_doc *d = r->doc;
    rd_iter it;
    rd_iter_init(&it, d, r->marks, &r->scan_stack, table, r->it.keep);
    node_id row = 0, cell = 0;
    uint32_t col = 0, blocks = 0;
    int grid = 1;
    *ncols = 0;
    *has_text = 0;
    if (grid_reset(r))
        return -1;
    while (grid && rd_iter_next(&it)) {
        node_id n = it.node;
        const tree_node *x = tree_node_at(d, n);
        if (x->kind == TREE_TEXT) {
            if (it.visible && !*has_text) {
                for (uint32_t i = 0; i < x->text_len; i++) {
                    char c = d->chars.data[x->text_off + i];
                    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                        *has_text = 1;
                        break;
                    }
                }
            }
            continue;
        }
        if (!it.visible)
            continue;
        unsigned tag = x->tag;
        if (!it.entering) {
            if (n == row) {
                grid_row_end(&r->spans, col);
                row = 0;
            } else if (n == cell) {
                cell = 0;
            }
            continue;
        }
        if (n == table)
            continue;
        if (tag == TAG_TABLE) {
            grid = 0;
        } else if (tag == TAG_TR) {
            row = n;
            col = 0;
        } else if (is_cell(tag)) {
            if (!row || cell) {
                grid = 0; /* a cell outside a row, or in a cell: not a grid we can draw */
                break;
            }
            uint32_t colspan, rowspan, width;
            cell_spans(d, n, &colspan, &rowspan);
            grid_place(&r->spans, &col, colspan, rowspan, &width);
            if (col > *ncols)
                *ncols = col;
            cell = n;
            blocks = 0;
        } else if (cell) {
            unsigned fl = tree_tag_flags(tag);
            if ((fl & TF_HEADING) || tag == TAG_PRE || tag == TAG_LISTING || tag == TAG_XMP ||
                tag == TAG_PLAINTEXT || tag == TAG_BLOCKQUOTE)
                grid = 0;
            else if (((fl & TF_BLOCK) || tag == TAG_BR) && ++blocks > RD_CELL_MAX_BLOCKS)
                grid = 0;
        }
    }
    if (it.nomem)
        return -1;
    if (*ncols < 2)
        grid = 0;
    return grid;
}

int rd_table_enter(rd *r, node_id n)
{
    if (!r->opt->tables) {
        lay_break(&r->L, LAY_PARA);
        return 0;
    }
    uint32_t ncols = 0;
    int has_text = 1, grid = 0;
    if (!lay_no_blocks(&r->L) && !has_role_presentation(r->doc, n)) {
        grid = table_scan(r, n, &ncols, &has_text);
        if (grid < 0) {
            r->L.status = PITH_ERR_NOMEM;
            return 0;
        }
        /* The scan used the spans; the render starts them afresh. */
        if (grid && grid_reset(r)) {
            r->L.status = PITH_ERR_NOMEM;
            return 0;
        }
    }
    lay_break(&r->L, LAY_PARA);
    if (grid && !has_text)
        return 0;
    rd_frame *f = rd_push(r, n, RD_TABLE);
    if (!f)
        return 0;
    f->flag = (uint8_t)grid;
    f->aux = ncols;
    f->saved = r->table;
    f->saved2 = r->row;
    r->table = (int32_t)r->frames.len - 1;
    r->row = -1;
    return 1;
}

void rd_table_exit(rd *r, node_id n)
{
    rd_frame *f = rd_frame_of(r, n);
    if (f) {
        r->table = f->saved;
        r->row = f->saved2;
    }
    lay_break(&r->L, LAY_PARA);
}

int rd_row_enter(rd *r, node_id n)
{
    if (!rd_in_grid(r) || r->row >= 0)
        return 0;
    rd_frame *f = rd_push(r, n, RD_ROW);
    if (!f)
        return 0;
    rd_frame *t = rd_frame_at(r, r->table); /* after the push: it may move frames */
    f->flag = t->count == 0;                /* the first row: Markdown's header */
    t->count++;
    f->mark = lay_mark(&r->L);
    f->saved = r->row;
    r->row = (int32_t)r->frames.len - 1;
    return 1;
}

void rd_row_exit(rd *r, node_id n)
{
    rd_frame *f = rd_frame_of(r, n);
    if (f && f->kind == RD_ROW)
        r->row = f->saved;
}

int rd_cell_place(rd *r, node_id cell, uint32_t *skipped, uint32_t *width)
{
    rd_frame *row = rd_frame_at(r, r->row);
    uint32_t colspan, rowspan;
    cell_spans(r->doc, cell, &colspan, &rowspan);
    *skipped = grid_place(&r->spans, &row->count, colspan, rowspan, width);
    return *width > 0;
}

uint32_t rd_row_rest(rd *r)
{
    rd_frame *row = rd_frame_at(r, r->row);
    uint32_t ncols = rd_frame_at(r, r->table)->aux;
    uint32_t rest = row->count < ncols ? ncols - row->count : 0;
    grid_row_end(&r->spans, row->count);
    return rest;
}

/* ---- look-ahead and URLs -------------------------------------------- */

void rd_scan_text(rd *r, node_id n, size_t *max_ticks, int *has_text)
{
    const tree_doc *d = r->doc;
    rd_iter it;
    rd_iter_init(&it, d, r->marks, &r->scan_stack, n, r->it.keep);
    size_t run = 0;
    *max_ticks = 0;
    *has_text = 0;
    while (rd_iter_next(&it)) {
        const tree_node *x = tree_node_at(d, it.node);
        if (x->kind != TREE_TEXT || !it.visible)
            continue;
        const char *t = d->chars.data + x->text_off;
        for (uint32_t i = 0; i < x->text_len; i++) {
            char c = t[i];
            if (c == '`') {
                if (++run > *max_ticks)
                    *max_ticks = run;
                *has_text = 1;
                continue;
            }
            run = 0;
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f')
                *has_text = 1;
        }
    }
    if (it.nomem)
        r->L.status = PITH_ERR_NOMEM;
}

static int url_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

int rd_resolve_url(const buf *base, const char *ref, size_t len, buf *out)
{
    /* HTML strips leading and trailing ASCII whitespace from URLs, and
     * the URL parser drops tabs and newlines inside them. */
    while (len && url_space(*ref)) {
        ref++;
        len--;
    }
    while (len && url_space(ref[len - 1]))
        len--;
    buf_reset(out);
    if (!len)
        return 0;
    int rc;
    if (memchr(ref, '\n', len) || memchr(ref, '\t', len) || memchr(ref, '\r', len)) {
        buf clean = {0};
        rc = 0;
        for (size_t i = 0; i < len && !rc; i++) {
            if (ref[i] != '\n' && ref[i] != '\t' && ref[i] != '\r')
                rc = buf_append_char(&clean, ref[i]);
        }
        rc = rc || url_resolve(base->data, base->len, clean.data, clean.len, out);
        buf_free(&clean);
    } else {
        rc = url_resolve(base->data, base->len, ref, len, out);
    }
    return rc ? -1 : 1;
}

const char *rd_resolve(rd *r, const char *ref, size_t len, size_t *out_len)
{
    int rc = rd_resolve_url(&r->base, ref, len, &r->url);
    if (rc < 0)
        r->L.status = PITH_ERR_NOMEM;
    if (rc <= 0)
        return NULL;
    *out_len = r->url.len;
    return r->url.data;
}

int rd_is_scheme(const char *url, size_t len, const char *scheme)
{
    size_t sl = url_scheme_len(url, len);
    return sl && ascii_ieq(url, sl, scheme);
}

/* ---- images --------------------------------------------------------- */

/* A lazy-loading image keeps its real URL in one of these while src holds
 * a placeholder. */
static const char *const lazy_src_attrs[] = {"data-src", "data-lazy-src", "data-original"};

/* The src is a stand-in: none, an inline data: image (a blurred preview or
 * a transparent pixel), or a placeholder file named for what it is. */
static int placeholder_src(const char *s, size_t len)
{
    while (len && url_space(*s)) {
        s++;
        len--;
    }
    if (!len || rd_is_scheme(s, len, "data"))
        return 1;
    /* Only the file name tells: look at the last path segment. */
    size_t end = 0;
    while (end < len && s[end] != '?' && s[end] != '#')
        end++;
    size_t start = end;
    while (start && s[start - 1] != '/')
        start--;
    static const char *const names[] = {"placeholder",  "blank.", "spacer.",  "pixel.",
                                        "transparent.", "lazy.",  "loading.", "loader."};
    for (size_t i = start; i < end; i++) {
        for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
            size_t nl = strlen(names[k]);
            if (nl <= end - i && ascii_lower(s[i]) == names[k][0] && ascii_ieq(s + i, nl, names[k]))
                return 1;
        }
    }
    return 0;
}

const char *rd_image_source(const tree_doc *d, node_id img, size_t *len)
{
    const char *src = tree_attr_get(d, img, ATTR_SRC, len);
    if (src && !placeholder_src(src, *len))
        return src;
    for (size_t k = 0; k < sizeof lazy_src_attrs / sizeof *lazy_src_attrs; k++) {
        const char *lazy = tree_attr_get_named(d, img, lazy_src_attrs[k], len);
        if (lazy && !placeholder_src(lazy, *len))
            return lazy;
    }
    return NULL;
}
