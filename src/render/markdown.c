/* markdown.c — the CommonMark renderer (with GFM pipe tables): the shared
 * layout plus Markdown's markup, and escapes for text that would otherwise
 * read as markup (CommonMark § 2.4). */
#include "core/url.h"
#include "core/utf8.h"
#include "render/render_int.h"

/* L->esc flags */
enum {
    MD_ESC_TEXT = 1,    /* ordinary text: escape what Markdown would read as markup */
    MD_ESC_PIPE = 2,    /* inside a table cell, code spans included: escape | */
    MD_ESC_LINK = 4,    /* inside link text or an image's alt: escape ] too */
    MD_ESC_HEADING = 8, /* inside an ATX heading: a word of #s could close it */
};

/* Bytes that may need a backslash anywhere in a line... */
static const uint8_t md_esc_class[256] = {
    ['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1,
    [']'] = 1,  ['<'] = 1, ['&'] = 1, ['|'] = 1, ['#'] = 1,
};
/* ...and bytes that may start a block when they start a line. */
static const uint8_t md_esc_bol[256] = {
    ['#'] = 1, ['-'] = 1, ['+'] = 1, ['='] = 1, ['>'] = 1, ['~'] = 1,
    ['*'] = 1, ['['] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
    ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
};

static int is_digit(unsigned c)
{
    return c - '0' < 10;
}
static int is_alpha(unsigned c)
{
    return (c | 0x20) - 'a' < 26;
}
/* Letters and digits for emphasis flanking; any non-ASCII byte counts,
 * which errs on the side of escaping nothing inside words. */
static int is_wordish(unsigned c)
{
    return c >= 0x80 || is_digit(c) || is_alpha(c);
}
static int is_punct(unsigned c)
{
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
           (c >= 0x7B && c <= 0x7E);
}

/* Where a line starting with word p[0..n) needs a backslash to stay text
 * (CommonMark § 4.1 thematic breaks, § 4.2-4.3 headings, § 4.5 fences,
 * § 4.7 link reference definitions, § 5.1 quotes, § 5.2 list items); n
 * when nowhere. */
static size_t bol_escape(const unsigned char *p, size_t n)
{
    size_t w = 0;
    while (w < n && p[w] != ' ')
        w++;
    unsigned c = p[0];
    size_t same = 1;
    while (same < w && p[same] == c)
        same++;
    switch (c) {
    case '#':
        return same == w && w <= 6 ? 0 : n;
    case '-':
    case '+':
    case '=':
        return same == w ? 0 : n; /* "-", "+", "---", "===" */
    case '*':
        return w == 1 ? 0 : n; /* longer runs are escaped as emphasis */
    case '>':
        return 0; /* a quote */
    case '[':     /* a link reference definition, "[x]: /url" */
        for (size_t i = 1; i + 1 < n; i++) {
            if (p[i] == ']' && p[i + 1] == ':')
                return 0;
        }
        return n;
    case '~':
        return same >= 3 ? 0 : n;
    }
    size_t k = 0;
    while (k < w && k < 10 && is_digit(p[k]))
        k++;
    if (k && k <= 9 && k + 1 == w && (p[k] == '.' || p[k] == ')'))
        return k; /* "1." "2)": escape the delimiter */
    return n;
}

/* An entity or numeric character reference starts at p (CommonMark
 * § 6.2): "&amp;", "&#38;", "&#x26;". */
static int entity_like(const unsigned char *p, size_t n)
{
    size_t i = 1;
    if (i < n && p[i] == '#') {
        i++;
        int hex = i < n && (p[i] == 'x' || p[i] == 'X');
        i += hex;
        size_t d = i;
        while (i < n && i - d < 8 &&
               (is_digit(p[i]) || (hex && is_alpha(p[i]) && (p[i] | 0x20) <= 'f')))
            i++;
        return i > d && i < n && p[i] == ';';
    }
    size_t a = i;
    while (i < n && i - a < 32 && (is_alpha(p[i]) || is_digit(p[i])))
        i++;
    return i > a && i < n && p[i] == ';';
}

/* Escapes a run (words separated by single spaces) as little as it can:
 * only where CommonMark would read markup. Where the byte after the run
 * is not known (the next text node), it is taken for one that needs the
 * escape; the one exception is "]", whose "](" split across text nodes
 * goes unescaped rather than every footnote mark "[1]" getting one. */
static void md_escape(lay *L, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned esc = L->esc;
    unsigned before = lay_last(L), after = L->run_at_end ? 0 : ' ';
    size_t from = 0;
    size_t at_bol = (L->bol && (esc & MD_ESC_TEXT)) ? bol_escape(p, n) : n;
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        int need;
        if (i == at_bol) {
            need = 1;
        } else if (!md_esc_class[c]) {
            continue;
        } else if (c == '|') {
            need = esc & MD_ESC_PIPE;
        } else if (!(esc & MD_ESC_TEXT)) {
            need = 0;
        } else {
            unsigned prev = i ? p[i - 1] : before, next = i + 1 < n ? p[i + 1] : after;
            switch (c) {
            case '\\': /* escapes only punctuation; at the end it could meet a newline */
                need = i + 1 == n || is_punct(next);
                break;
            case '*': /* a lone star cannot open or close emphasis */
                need = !(prev == ' ' && next == ' ');
                break;
            case '_': /* nor can an underscore inside a word (snake_case) */
                need = !(prev == ' ' && next == ' ') && !(is_wordish(prev) && is_wordish(next));
                break;
            case '[': /* brackets make links only with a destination after them */
                need = esc & MD_ESC_LINK;
                break;
            case ']':
                need = (esc & MD_ESC_LINK) || next == '(' || next == '[' || next == ':';
                break;
            case '#': { /* "## Issue #": a closing sequence (CommonMark § 4.2) */
                size_t e = i;
                while (e < n && p[e] == '#')
                    e++;
                need = (esc & MD_ESC_HEADING) && prev == ' ' && (e == n || p[e] == ' ');
                break;
            }
            case '<': /* raw HTML and autolinks start "<a", "</", "<!", "<?" */
                need = !next || is_alpha(next) || next == '/' || next == '!' || next == '?';
                break;
            case '&':
                need = entity_like(p + i, n - i);
                break;
            default: /* ` */
                need = 1;
            }
        }
        if (need) {
            lay_put(L, s + from, i - from);
            lay_putc(L, '\\');
            from = i;
        }
    }
    lay_put(L, s + from, n - from);
}

static void md_setup(rd *r)
{
    lay_set_escape(&r->L, md_esc_class, md_esc_bol, md_escape);
    r->L.esc = MD_ESC_TEXT;
}

/* Appends a link destination (CommonMark § 6.3) that needs no <...>:
 * bytes that would end or confuse it are percent-encoded, as are pipes,
 * which would split a table cell. */
static int put_destination(buf *out, const char *url, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    if (buf_reserve(out, len * 3))
        return -1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '(' || c == ')' || c == '\\' ||
            c == '|') {
            out->data[out->len++] = '%';
            out->data[out->len++] = hex[c >> 4];
            out->data[out->len++] = hex[c & 15];
        } else {
            out->data[out->len++] = (char)c;
        }
    }
    return 0;
}

/* r->tmp = "](destination)" for a resolved URL. */
static int closing_destination(rd *r, const char *url, size_t len)
{
    buf_reset(&r->tmp);
    return buf_append(&r->tmp, "](", 2) || put_destination(&r->tmp, url, len) ||
           buf_append_char(&r->tmp, ')');
}

static void md_link_enter(rd *r, node_id n)
{
    size_t len;
    const char *href = tree_attr_get(r->doc, n, ATTR_HREF, &len);
    if (!r->opt->links || r->link || r->code || r->pre || !href)
        return;
    const char *url = rd_resolve(r, href, len, &len);
    /* A script is no destination for a reader: its text stays, unlinked. */
    if (!url || rd_is_scheme(url, len, "javascript"))
        return;
    if (closing_destination(r, url, len)) {
        r->L.status = PITH_ERR_NOMEM;
        return;
    }
    rd_frame *f = rd_push(r, n, RD_OTHER);
    if (!f)
        return;
    lay_escape_last(&r->L, '!'); /* "![" would make the link an image */
    f->pushed_inline = (uint8_t)lay_push_inline(&r->L, "[", 1, r->tmp.data, r->tmp.len);
    if (f->pushed_inline) {
        r->link++;
        f->aux = r->L.esc;
        r->L.esc |= MD_ESC_LINK;
    }
}

static void md_image(rd *r, node_id n)
{
    if (!r->opt->images || r->code || r->pre)
        return;
    const tree_doc *d = r->doc;
    size_t len = 0, alt_len = 0;
    const char *src = rd_image_source(d, n, &len);
    if (!src)
        return; /* nothing worth pointing at */
    const char *url = rd_resolve(r, src, len, &len);
    if (!url || closing_destination(r, url, len)) {
        if (url)
            r->L.status = PITH_ERR_NOMEM;
        return;
    }
    const char *alt = tree_attr_get(d, n, ATTR_ALT, &alt_len);
    lay *L = &r->L;
    lay_raw(L, "![", 2);
    lay_nospace(L);
    if (alt) {
        unsigned esc = L->esc;
        L->esc |= MD_ESC_LINK;
        lay_text(L, alt, alt_len);
        L->esc = esc;
    }
    lay_nospace(L);
    lay_raw(L, r->tmp.data, r->tmp.len);
}

/* An inline code span (CommonMark § 6.1) whose backtick string is longer
 * than any run of backticks inside it. */
static void md_code_enter(rd *r, node_id n)
{
    if (r->code || r->pre)
        return;
    size_t ticks;
    int has_text;
    rd_scan_text(r, n, &ticks, &has_text);
    if (!has_text)
        return;
    /* With backticks inside, a space on either side keeps them off the
     * delimiters (CommonMark strips one such space on each side). */
    buf_reset(&r->tmp);
    int rc = 0;
    for (size_t i = 0; i <= ticks && !rc; i++)
        rc = buf_append_char(&r->tmp, '`');
    if (ticks && !rc)
        rc = buf_append_char(&r->tmp, ' ');
    if (rc) {
        r->L.status = PITH_ERR_NOMEM;
        return;
    }
    rd_frame *f = rd_push(r, n, RD_OTHER);
    if (!f)
        return;
    size_t fence = ticks + 1, pad = ticks ? 1 : 0;
    /* the closer is the opener reversed: " ``" */
    if (buf_reserve(&r->tmp, fence + pad)) {
        r->L.status = PITH_ERR_NOMEM;
        return;
    }
    if (pad)
        r->tmp.data[r->tmp.len++] = ' ';
    memset(r->tmp.data + r->tmp.len, '`', fence);
    r->tmp.len += fence;
    f->pushed_inline = (uint8_t)lay_push_inline(&r->L, r->tmp.data, fence + pad,
                                                r->tmp.data + fence + pad, fence + pad);
    if (f->pushed_inline) {
        r->code++;
        f->aux = r->L.esc;
        r->L.esc &= MD_ESC_PIPE; /* code is literal, but a pipe still ends a cell (GFM § 4.10) */
    }
}

/* The language of a code block: class="language-x" (the HTML standard's
 * convention, § 4.5.15) or "lang-x", on the <pre> or on its <code>. */
static int code_language(rd *r, node_id pre, const char **lang, size_t *lang_len)
{
    const tree_doc *d = r->doc;
    /* The <code> among the first children, past whitespace and empty
     * elements (highlighters put a <span></span> first); bounded, since
     * text before it means there is none. */
    node_id code = 0;
    node_id c = tree_first_child(d, pre);
    for (int k = 0; c && k < 16 && !code; k++, c = tree_next_sibling(d, c)) {
        if (tree_kind(d, c) == TREE_TEXT) {
            size_t len;
            const char *t = tree_text(d, c, &len);
            size_t i = 0;
            while (i < len && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r'))
                i++;
            if (i < len)
                break;
        } else if (tree_is_element(d, c, TAG_CODE)) {
            code = c;
        } else if (tree_first_child(d, c)) {
            break;
        }
    }
    node_id where[2] = {pre, code};
    for (int k = 0; k < 2; k++) {
        size_t len;
        const char *cls = where[k] ? tree_attr_get(d, where[k], ATTR_CLASS, &len) : NULL;
        for (size_t i = 0; cls && i < len;) {
            while (i < len && (cls[i] == ' ' || cls[i] == '\t' || cls[i] == '\n'))
                i++;
            size_t s = i;
            while (i < len && cls[i] != ' ' && cls[i] != '\t' && cls[i] != '\n')
                i++;
            size_t p = 0;
            if (i - s > 9 && ascii_ieq(cls + s, 9, "language-"))
                p = 9;
            else if (i - s > 5 && ascii_ieq(cls + s, 5, "lang-"))
                p = 5;
            if (!p)
                continue;
            /* An info string must not hold backticks (§ 4.5); keep the
             * characters language names use, and a sane length. */
            size_t e = s + p;
            while (e < i && e - s - p < 32 &&
                   (is_alpha((unsigned char)cls[e]) || is_digit((unsigned char)cls[e]) ||
                    cls[e] == '+' || cls[e] == '-' || cls[e] == '#' || cls[e] == '.' ||
                    cls[e] == '_'))
                e++;
            if (e > s + p) {
                *lang = cls + s + p;
                *lang_len = e - s - p;
                return 1;
            }
        }
    }
    return 0;
}

/* r->tmp = a fence of `len` backticks. */
static int make_fence(rd *r, size_t len)
{
    buf_reset(&r->tmp);
    if (buf_reserve(&r->tmp, len))
        return -1;
    memset(r->tmp.data, '`', len);
    r->tmp.len = len;
    return 0;
}

/* A fenced code block (CommonMark § 4.5). Returns 0 to skip an empty one. */
static int md_pre_enter(rd *r, node_id n)
{
    lay *L = &r->L;
    lay_break(L, LAY_PARA);
    if (lay_no_blocks(L))
        return 1; /* inside another <pre>, a heading or a cell: its text only */
    size_t ticks;
    int has_text;
    rd_scan_text(r, n, &ticks, &has_text);
    if (!has_text)
        return 0;
    size_t fence = ticks < 3 ? 3 : ticks + 1;
    const char *lang = NULL;
    size_t lang_len = 0;
    code_language(r, n, &lang, &lang_len);
    rd_frame *f = rd_push(r, n, RD_OTHER);
    if (!f || make_fence(r, fence) || buf_append(&r->tmp, lang, lang_len)) {
        L->status = PITH_ERR_NOMEM;
        return 0;
    }
    f->aux = (uint32_t)(fence < UINT32_MAX ? fence : UINT32_MAX);
    lay_markup(L, r->tmp.data, r->tmp.len);
    lay_break(L, LAY_LINE);
    lay_verbatim_begin(L);
    r->pre++;
    return 1;
}

static void md_pre_exit(rd *r, node_id n)
{
    lay *L = &r->L;
    rd_frame *f = rd_frame_of(r, n);
    if (f) {
        lay_verbatim_end(L);
        r->pre--;
        lay_break(L, LAY_LINE);
        if (make_fence(r, f->aux)) {
            L->status = PITH_ERR_NOMEM;
            return;
        }
        lay_markup(L, r->tmp.data, r->tmp.len);
    }
    lay_break(L, LAY_PARA);
}

/* Emphasis with * (never _, which does not work inside words); not nested
 * in its own kind, where it would only double the markers. */
static void md_emphasis_enter(rd *r, node_id n, unsigned *depth, const char *mark, size_t len)
{
    if (*depth || r->code || r->pre)
        return;
    rd_frame *f = rd_push(r, n, RD_OTHER);
    if (f && (f->pushed_inline = (uint8_t)lay_push_inline(&r->L, mark, len, mark, len)))
        (*depth)++;
}

static void md_cell_enter(rd *r, node_id n)
{
    lay *L = &r->L;
    uint32_t skipped, width;
    int placed = rd_cell_place(r, n, &skipped, &width);
    rd_frame *f = rd_push(r, n, RD_CELL);
    if (!f)
        return;
    for (uint32_t i = 0; i < skipped; i++)
        lay_markup(L, "  |", 3);
    if (placed)
        lay_markup(L, " ", 1);
    else
        lay_space(L); /* past the last column: joins the cell before */
    f->aux = width;
    f->saved = (int32_t)L->esc;
    L->esc |= MD_ESC_PIPE;
    L->flatten++;
}

static void md_cell_exit(rd *r, rd_frame *f)
{
    lay *L = &r->L;
    L->flatten--;
    L->esc = (unsigned)f->saved;
    if (f->aux)
        lay_markup(L, " |", 2);
    for (uint32_t i = 1; i < f->aux; i++)
        lay_markup(L, "  |", 3);
}

static void md_row_exit(rd *r, rd_frame *f)
{
    lay *L = &r->L;
    for (uint32_t i = rd_row_rest(r); i; i--)
        lay_markup(L, "  |", 3);
    if (f->flag) {
        /* GFM § 4.10: the delimiter row after the header; every table has
         * one, so a table without <th> takes its first row as header. */
        uint32_t ncols = rd_frame_at(r, r->table)->aux;
        buf_reset(&r->tmp);
        int rc = buf_append_char(&r->tmp, '|');
        for (uint32_t i = 0; i < ncols && !rc; i++)
            rc = buf_append(&r->tmp, " --- |", 6);
        if (rc) {
            L->status = PITH_ERR_NOMEM;
            return;
        }
        lay_break(L, LAY_LINE);
        lay_markup(L, r->tmp.data, r->tmp.len);
    }
    lay_break(L, LAY_LINE);
}

static int md_enter(rd *r, node_id n, unsigned tag)
{
    lay *L = &r->L;
    rd_frame *f;
    switch (tag) {
    case TAG_BR:
        lay_break(L, LAY_HARD);
        return 1;
    case TAG_HR:
        lay_rule(L, "---", 3);
        return 1;
    case TAG_IMG:
    case TAG_IMAGE:
        md_image(r, n);
        return 1;
    case TAG_B:
    case TAG_STRONG:
        md_emphasis_enter(r, n, &r->strong, "**", 2);
        return 1;
    case TAG_I:
    case TAG_EM:
        md_emphasis_enter(r, n, &r->em, "*", 1);
        return 1;
    case TAG_CODE:
    case TAG_KBD:
    case TAG_SAMP:
    case TAG_TT:
        md_code_enter(r, n);
        return 1;
    case TAG_A:
        md_link_enter(r, n);
        return 1;
    case TAG_PRE:
    case TAG_LISTING:
    case TAG_XMP:
    case TAG_PLAINTEXT:
        return md_pre_enter(r, n);
    case TAG_UL:
    case TAG_OL:
    case TAG_MENU:
    case TAG_DIR:
        rd_list_enter(r, n, tag);
        return 1;
    case TAG_LI:
        rd_item_enter(r, n);
        return 1;
    case TAG_BLOCKQUOTE:
        lay_break(L, LAY_PARA);
        if (!lay_no_blocks(L) && (f = rd_push(r, n, RD_OTHER)))
            f->pushed_level = (uint8_t)lay_push_level(L, LAY_QUOTE, "> ", 2, "> ", 2);
        return 1;
    case TAG_H1:
    case TAG_H2:
    case TAG_H3:
    case TAG_H4:
    case TAG_H5:
    case TAG_H6:
        lay_break(L, LAY_PARA);
        if ((f = rd_push(r, n, RD_OTHER))) {
            /* ATX (CommonMark § 4.2): "## " as the line's last prefix */
            static const char hashes[] = "###### ";
            size_t level = tag - TAG_H1 + 1;
            if (!lay_no_blocks(L))
                f->pushed_level =
                    (uint8_t)lay_push_level(L, LAY_HEADING, hashes + 6 - level, level + 1, "", 0);
            L->flatten++;
            f->aux = L->esc;
            if (f->pushed_level && (L->esc & MD_ESC_TEXT))
                L->esc |= MD_ESC_HEADING;
        }
        return 1;
    case TAG_TABLE:
        return rd_table_enter(r, n);
    case TAG_TR:
        if (rd_row_enter(r, n)) {
            lay_break(L, LAY_LINE);
            lay_markup(L, "|", 1);
        } else {
            rd_block(r, tag);
        }
        return 1;
    case TAG_TD:
    case TAG_TH:
        if (r->row >= 0)
            md_cell_enter(r, n);
        else
            rd_block(r, tag);
        return 1;
    }
    rd_block(r, tag);
    return 1;
}

static void md_exit(rd *r, node_id n, unsigned tag)
{
    lay *L = &r->L;
    rd_frame *f = rd_frame_of(r, n);
    switch (tag) {
    case TAG_B:
    case TAG_STRONG:
    case TAG_I:
    case TAG_EM:
    case TAG_CODE:
    case TAG_KBD:
    case TAG_SAMP:
    case TAG_TT:
    case TAG_A:
        if (f && f->pushed_inline) {
            lay_pop_inline(L);
            if (tag == TAG_B || tag == TAG_STRONG) {
                r->strong--;
            } else if (tag == TAG_I || tag == TAG_EM) {
                r->em--;
            } else {
                L->esc = f->aux;
                if (tag == TAG_A)
                    r->link--;
                else
                    r->code--;
            }
        }
        return;
    case TAG_PRE:
    case TAG_LISTING:
    case TAG_XMP:
    case TAG_PLAINTEXT:
        md_pre_exit(r, n);
        return;
    case TAG_UL:
    case TAG_OL:
    case TAG_MENU:
    case TAG_DIR:
        rd_list_exit(r, n);
        return;
    case TAG_LI:
        rd_item_exit(r, n);
        return;
    case TAG_BLOCKQUOTE:
        lay_break(L, LAY_PARA);
        if (f && f->pushed_level)
            lay_pop_level(L);
        return;
    case TAG_H1:
    case TAG_H2:
    case TAG_H3:
    case TAG_H4:
    case TAG_H5:
    case TAG_H6:
        if (f) {
            L->flatten--;
            L->esc = f->aux;
            if (f->pushed_level)
                lay_pop_level(L);
        }
        lay_break(L, LAY_PARA);
        return;
    case TAG_TABLE:
        rd_table_exit(r, n);
        return;
    case TAG_TR:
        if (f && f->kind == RD_ROW) {
            md_row_exit(r, f);
            rd_row_exit(r, n);
            return;
        }
        break;
    case TAG_TD:
    case TAG_TH:
        if (f && f->kind == RD_CELL) {
            md_cell_exit(r, f);
            return;
        }
        break;
    }
    rd_block(r, tag);
}

static const rd_format md_format = {
    .hard_break = "\\\n",
    .commonmark = 1,
    .setup = md_setup,
    .enter = md_enter,
    .exit = md_exit,
};

pith_status render_markdown(const tree_doc *doc, const uint8_t *marks, const render_options *opt,
                            pith_write_fn write, void *user)
{
    return rd_run(doc, marks, opt, &md_format, write, user);
}
