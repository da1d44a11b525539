#include "render/layout.h"

#include <stdlib.h>

int lay_init(lay *L, pith_write_fn write, void *user, const char *hard_break)
{
    memset(L, 0, sizeof *L);
    L->write = write;
    L->user = user;
    L->hard_break = hard_break;
    L->hard_break_len = strlen(hard_break);
    L->line_start = 1;
    L->chunk = malloc(LAY_CHUNK);
    if (!L->chunk) {
        L->status = PITH_ERR_NOMEM;
        return -1;
    }
    return 0;
}

void lay_free(lay *L)
{
    free(L->chunk);
    buf_free(&L->inline_text);
    buf_free(&L->v_space);
    L->chunk = NULL;
}

void lay_set_escape(lay *L, const uint8_t *esc_class, const uint8_t *esc_bol, lay_escape_fn fn)
{
    L->esc_class = esc_class;
    L->esc_bol = esc_bol;
    L->escape = fn;
}

static void flush_chunk(lay *L)
{
    if (L->len && !L->status && L->write(L->chunk, L->len, L->user))
        L->status = PITH_ERR_WRITE;
    L->flushed += L->len;
    L->len = 0;
}

void lay_put_slow(lay *L, const char *s, size_t n)
{
    flush_chunk(L);
    if (n >= LAY_CHUNK) {
        /* Large enough to be worth a write of its own, and no copy. */
        if (!L->status && L->write(s, n, L->user))
            L->status = PITH_ERR_WRITE;
        L->flushed += n;
        return;
    }
    memcpy(L->chunk, s, n);
    L->len = n;
}

pith_status lay_finish(lay *L)
{
    while (L->ninlines)
        lay_pop_inline(L);
    if (L->any)
        lay_putc(L, '\n');
    flush_chunk(L);
    return L->status;
}

/* ---- line prefixes -------------------------------------------------- */

/* The prefix of a new line: every level's marker, the first one where it
 * has not been written yet. */
static void put_prefix(lay *L)
{
    for (unsigned i = 0; i < L->nlevels; i++) {
        lay_level *lv = &L->levels[i];
        if (lv->used) {
            lay_put(L, lv->rest, lv->rest_len);
        } else {
            lay_put(L, lv->first, lv->first_len);
            lv->used = 1;
        }
    }
    L->line_start = 0;
    L->nospace = 1;
    L->bol = !(L->nlevels && L->levels[L->nlevels - 1].kind == LAY_HEADING);
}

/* The prefix of a blank line: the rests of the levels already started
 * (new levels begin after the blank line), without trailing spaces. */
static void put_blank_prefix(lay *L)
{
    unsigned n = 0;
    size_t tail = 0; /* bytes of levels[n - 1].rest up to its last non-space */
    for (unsigned i = 0; i < L->nlevels && L->levels[i].used; i++) {
        const lay_level *lv = &L->levels[i];
        size_t t = lv->rest_len;
        while (t && lv->rest[t - 1] == ' ')
            t--;
        if (t) {
            n = i + 1;
            tail = t;
        }
    }
    for (unsigned i = 0; i < n; i++)
        lay_put(L, L->levels[i].rest, i + 1 == n ? tail : L->levels[i].rest_len);
}

static void put_newlines(lay *L, unsigned brk)
{
    if (brk == LAY_NONE)
        return;
    if (brk == LAY_HARD) {
        lay_put(L, L->hard_break, L->hard_break_len);
    } else {
        lay_putc(L, '\n');
        if (brk == LAY_PARA) {
            put_blank_prefix(L);
            lay_putc(L, '\n');
        }
    }
}

/* Writes the pending break (and rule) if anything came before; either
 * way the next content starts a line. */
static void put_break(lay *L)
{
    if (L->any) {
        if (L->rule) {
            put_newlines(L, LAY_PARA);
            put_prefix(L);
            lay_put(L, L->rule, L->rule_len);
            L->brk = LAY_PARA;
        }
        put_newlines(L, L->brk);
    }
    L->brk = LAY_NONE;
    L->rule = NULL;
    L->line_start = 1;
}

int lay_push_level(lay *L, enum lay_level_kind kind, const char *first, size_t first_len,
                   const char *rest, size_t rest_len)
{
    if (L->nlevels == LAY_MAX_LEVELS || first_len > LAY_MARKER_MAX || rest_len > LAY_MARKER_MAX)
        return 0;
    lay_level *lv = &L->levels[L->nlevels++];
    memcpy(lv->first, first, first_len);
    memcpy(lv->rest, rest, rest_len);
    lv->first_len = (uint8_t)first_len;
    lv->rest_len = (uint8_t)rest_len;
    lv->kind = (uint8_t)kind;
    lv->used = 0;
    return 1;
}

void lay_pop_level(lay *L)
{
    if (!L->nlevels)
        return;
    const lay_level *lv = &L->levels[--L->nlevels];
    /* The blank line after a paragraph that ended an item is not needed
     * before the next item: lists of <li><p>..</p></li> stay tight. */
    if (lv->kind == LAY_ITEM && lv->used && L->brk == LAY_PARA)
        L->brk = LAY_LINE;
}

/* ---- inline constructs ---------------------------------------------- */

static void put_openers(lay *L)
{
    const char *t = L->inline_text.data;
    if (lay_mark(L) != L->closed_at)
        L->nclosed = 0;
    for (unsigned i = L->inlines_open; i < L->ninlines; i++) {
        const lay_inline *in = &L->inlines[i];
        const char *open = t + in->off;
        size_t n = in->open_len;
        if (L->nclosed && L->closed[L->nclosed - 1].len == n && in->close_len == n && L->len >= n &&
            !memcmp(open, L->closed[L->nclosed - 1].text, n) && !memcmp(open, open + n, n)) {
            /* <b>x</b><b>y</b>: the construct just closed goes on */
            L->len -= n;
            L->nclosed--;
            continue;
        }
        L->nclosed = 0;
        lay_put(L, open, n);
        if (n) {
            L->bol = 0;
            L->nospace = open[n - 1] == ' ';
        }
    }
    L->inlines_open = L->ninlines;
}

/* Closes every open inline; each reopens before the next content. */
static void close_inlines(lay *L)
{
    const char *t = L->inline_text.data;
    while (L->inlines_open) {
        const lay_inline *in = &L->inlines[--L->inlines_open];
        lay_put(L, t + in->off + in->open_len, in->close_len);
    }
}

int lay_push_inline(lay *L, const char *open, size_t open_len, const char *close, size_t close_len)
{
    if (L->ninlines == LAY_MAX_INLINES || open_len + close_len > UINT32_MAX - L->inline_text.len)
        return 0;
    uint32_t off = (uint32_t)L->inline_text.len;
    if (buf_append(&L->inline_text, open, open_len) ||
        buf_append(&L->inline_text, close, close_len)) {
        L->status = PITH_ERR_NOMEM;
        return 0;
    }
    lay_inline *in = &L->inlines[L->ninlines++];
    in->off = off;
    in->open_len = (uint32_t)open_len;
    in->close_len = (uint32_t)close_len;
    return 1;
}

void lay_pop_inline(lay *L)
{
    if (!L->ninlines)
        return;
    const lay_inline *in = &L->inlines[--L->ninlines];
    if (L->inlines_open > L->ninlines) {
        /* Written at once, before any pending space: "**bold** next",
         * never "**bold **next", which would not close the emphasis. */
        const char *close = L->inline_text.data + in->off + in->open_len;
        if (lay_mark(L) != L->closed_at)
            L->nclosed = 0;
        lay_put(L, close, in->close_len);
        L->inlines_open = L->ninlines;
        L->nospace = 0;
        if (in->close_len <= LAY_MARKER_MAX && L->nclosed < LAY_MAX_INLINES) {
            memcpy(L->closed[L->nclosed].text, close, in->close_len);
            L->closed[L->nclosed++].len = (uint8_t)in->close_len;
            L->closed_at = lay_mark(L);
        } else {
            L->nclosed = 0;
        }
    }
    L->inline_text.len = in->off;
}

void lay_escape_last(lay *L, char c)
{
    if (L->brk || L->rule || L->line_start || (L->space && !L->nospace) ||
        L->inlines_open != L->ninlines || !L->len || L->chunk[L->len - 1] != c)
        return;
    L->chunk[L->len - 1] = '\\';
    lay_putc(L, c);
}

/* ---- content -------------------------------------------------------- */

/* Everything that waits for content, in order: break, prefix, space,
 * openers. */
static inline void put_pending(lay *L)
{
    if (L->brk || L->rule)
        put_break(L);
    if (L->line_start)
        put_prefix(L);
    else if (L->space && !L->nospace)
        lay_putc(L, ' ');
    L->space = 0;
    if (L->inlines_open != L->ninlines)
        put_openers(L);
}

static void put_run(lay *L, const char *s, size_t n)
{
    if (L->brk | (L->rule != NULL) | L->line_start | L->space | (L->inlines_open != L->ninlines))
        put_pending(L);
    if (L->esc) {
        const unsigned char *p = (const unsigned char *)s;
        int special = L->bol && L->esc_bol[p[0]];
        for (size_t i = 0; i < n && !special; i++)
            special = L->esc_class[p[i]];
        if (special) {
            L->escape(L, s, n);
            goto done;
        }
    }
    lay_put(L, s, n);
done:
    L->any = 1;
    L->bol = 0;
    L->nospace = 0;
}

void lay_raw(lay *L, const char *s, size_t n)
{
    put_pending(L);
    lay_put(L, s, n);
    L->any = 1;
    L->bol = 0;
    L->nospace = 0;
}

void lay_markup(lay *L, const char *s, size_t n)
{
    close_inlines(L);
    if (L->brk || L->rule)
        put_break(L);
    if (L->line_start)
        put_prefix(L);
    L->space = 0;
    lay_put(L, s, n);
    L->any = 1;
    L->bol = 0;
    L->nospace = n && s[n - 1] == ' ';
}

void lay_break(lay *L, enum lay_break level)
{
    if (L->verbatim) {
        /* Blocks inside <pre> start lines as a browser shows them. */
        if (L->v_any && (level == LAY_HARD || !L->v_newlines))
            L->v_newlines++;
        return;
    }
    if (L->flatten) {
        L->space = 1;
        return;
    }
    close_inlines(L);
    if (level == LAY_HARD && L->brk == LAY_HARD)
        level = LAY_PARA; /* <br><br>: the old way of starting a paragraph */
    else if (level == LAY_PARA && L->nlevels && L->levels[L->nlevels - 1].kind == LAY_ITEM &&
             !L->levels[L->nlevels - 1].used)
        level = LAY_LINE; /* an item's first block starts on the marker's line */
    if (level > L->brk)
        L->brk = (uint8_t)level;
}

void lay_rule(lay *L, const char *s, size_t n)
{
    lay_break(L, LAY_PARA);
    if (L->flatten || L->verbatim)
        return;
    L->rule = s;
    L->rule_len = n;
}

/* Bytes that end a run of ordinary text: ASCII whitespace (1), and the
 * lead bytes of the Unicode spaces (2, checked by unicode_space()). */
static const uint8_t stop_byte[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
    [' '] = 1,  [0xC2] = 2, [0xE1] = 2, [0xE2] = 2, [0xE3] = 2,
};

/* Whether the character at p (lead byte flagged 2 in stop_byte) is a space
 * a browser collapses or shows as blank; sets *len to its byte length.
 * Invisible characters that are not spaces (soft hyphen, zero-width space,
 * joiners, BOM) are kept: they are the page's text, and tokenizers of
 * corpora expect them where the page had them. */
static int unicode_space(const unsigned char *p, const unsigned char *end, size_t *len)
{
    size_t avail = (size_t)(end - p);
    *len = p[0] == 0xC2 ? 2 : 3;
    if (avail < *len)
        return 0;
    unsigned b1 = p[1], b2 = *len == 3 ? p[2] : 0;
    switch (p[0]) {
    case 0xC2:
        return b1 == 0xA0; /* NBSP */
    case 0xE1:
        return b1 == 0x9A && b2 == 0x80; /* U+1680 ogham space mark */
    case 0xE2:
        /* U+2000..200A, line and paragraph separators, narrow NBSP,
         * medium mathematical space */
        return (b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF)) ||
               (b1 == 0x81 && b2 == 0x9F);
    case 0xE3:
        return b1 == 0x80 && b2 == 0x80; /* ideographic space */
    }
    return 0;
}

static void verbatim_text(lay *L, const char *s, size_t n)
{
    const char *end = s + n;
    while (s < end) {
        char c = *s;
        if (c == '\n' || c == '\r') {
            s += (c == '\r' && s + 1 < end && s[1] == '\n') ? 2 : 1;
            L->v_space.len = 0; /* trailing whitespace of the line */
            if (L->v_any)
                L->v_newlines++;
            continue;
        }
        const char *q = s;
        if (c == ' ' || c == '\t') {
            while (q < end && (*q == ' ' || *q == '\t'))
                q++;
            if (buf_append(&L->v_space, s, (size_t)(q - s)))
                L->status = PITH_ERR_NOMEM;
            s = q;
            continue;
        }
        while (q < end && *q != '\n' && *q != '\r' && *q != ' ' && *q != '\t')
            q++;
        if (L->brk || L->rule || L->line_start) {
            if (L->brk || L->rule)
                put_break(L);
            put_prefix(L);
        } else if (L->v_newlines) {
            for (uint32_t i = 1; i < L->v_newlines; i++) {
                lay_putc(L, '\n');
                put_blank_prefix(L);
            }
            lay_putc(L, '\n');
            put_prefix(L);
        }
        L->v_newlines = 0;
        if (L->v_space.len)
            lay_put(L, L->v_space.data, L->v_space.len);
        L->v_space.len = 0;
        lay_put(L, s, (size_t)(q - s));
        L->v_any = 1;
        L->any = 1;
        L->bol = 0;
        L->nospace = 0;
        s = q;
    }
}

void lay_text(lay *L, const char *s, size_t n)
{
    if (L->status)
        return;
    if (L->verbatim) {
        verbatim_text(L, s, n);
        return;
    }
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        size_t len;
        uint8_t stop = stop_byte[*p];
        if (stop == 1 || (stop == 2 && unicode_space(p, end, &len))) {
            L->space = 1;
            p += stop == 1 ? 1 : len;
            continue;
        }
        /* A run of words separated by single ASCII spaces goes out in one
         * piece: most text needs no normalising beyond its two ends. */
        const unsigned char *q = p + 1;
        for (;;) {
            while (q < end && !stop_byte[*q])
                q++;
            if (q + 1 < end && *q == ' ' && !stop_byte[q[1]]) {
                q += 2;
                continue;
            }
            if (q < end && stop_byte[*q] == 2 && !unicode_space(q, end, &len)) {
                q++;
                continue;
            }
            break;
        }
        L->run_at_end = q == end;
        put_run(L, (const char *)p, (size_t)(q - p));
        p = q;
    }
}

void lay_verbatim_begin(lay *L)
{
    if (L->verbatim++ == 0) {
        L->v_newlines = 0;
        L->v_any = 0;
        L->v_space.len = 0;
    }
}

void lay_verbatim_end(lay *L)
{
    if (L->verbatim && --L->verbatim == 0) {
        /* Trailing blank lines and spaces of the block are not written. */
        L->v_newlines = 0;
        L->v_space.len = 0;
        L->v_any = 0;
    }
}
