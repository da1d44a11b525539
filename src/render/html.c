/*
 * html.c — -f html: the article as a clean HTML5 document, for read-later
 * apps and archives.
 *
 *     <!DOCTYPE html>
 *     <html lang="de">            (the record's language, when known)
 *     <head>
 *     <meta charset="utf-8">
 *     <title>headline</title>
 *     </head>
 *     <body>
 *     <article>
 *     <h1>headline</h1>           (unless the article starts with it)
 *     ... the article ...
 *     </article>
 *     </body>
 *     </html>
 *
 * The article holds exactly the text -f text writes (the same marks, the
 * same walk: rd_iter), in semantic elements only: p, h1-h6, ul/ol/li,
 * dl/dt/dd, blockquote, pre with code, table/caption/thead/tbody/tfoot/
 * tr/th/td, figure/figcaption, hr, br, a, img, and the phrase elements
 * (strong for b, em for i, code, sub, sup, q...). Every other element
 * (div, section, span, font...) is transparent: its content stays, its
 * tag goes. The only attributes are href, src and alt; URLs are absolute
 * against the page's base URL (<base href>, else the page URL), images
 * take data-src and the like when src is a placeholder, "javascript:"
 * links lose their link. Text is escaped (& < > ") and its whitespace
 * collapsed as the text renderer does; <pre> keeps its lines.
 *
 * Structure is repaired where the page's was loose, so that the output is
 * valid and reads like the text format:
 *   - text and inline elements directly in the article or a blockquote
 *     (a <div> of text, text between <br><br>) are put in <p>; a block
 *     boundary (a <div> starting or ending) ends that paragraph, and two
 *     <br> in a row start a new one;
 *   - inside list items, cells, figures and phrase elements, a block
 *     boundary after text becomes a <br>, and block elements that cannot
 *     be there (a <p> in an <a>, a list in a heading) are transparent;
 *   - elements with nothing visible in them (no text, no image) are not
 *     written, empty cells of a table aside; a <br> at the start or end of
 *     a block is dropped;
 *   - a table used for layout (role=presentation, a table inside it, or a
 *     single column) is transparent: its cells are blocks.
 * Links and images are always rendered (--links and --images are
 * Markdown's); tables follow --no-tables. The output is linear in the
 * page: no recursion, no look-ahead beyond a table's own rows.
 */
#include <stdlib.h>

#include "core/url.h"
#include "core/utf8.h"
#include "extract/extract.h"
#include "render/render_int.h"

/* Per node, computed before the walk (see node_flags). */
enum {
    HF_CONTENT = 1, /* the subtree shows text or an image */
    HF_VISIBLE = 2, /* the node itself is shown (marks, as rd_iter says) */
    HF_NEVER = 4,   /* the node is never shown (TF_NEVER and below it) */
    HF_TABLE = 8,   /* a table with content lies below the node */
};

/* What a written element is, for what may go inside it. */
enum frame_kind {
    K_FLOW,    /* the article, blockquote: loose text goes in <p> */
    K_BOX,     /* li, dd, td, th, figure: holds text and blocks */
    K_PHRASE,  /* p, h1-h6, dt, caption, figcaption, inline elements: text only */
    K_LIST,    /* ul, ol, dl */
    K_TABLE,   /* table */
    K_SECTION, /* thead, tbody, tfoot */
    K_ROW,     /* tr */
    K_PRE,     /* pre: text as it is */
};

typedef struct frame {
    node_id node;
    const char *tag; /* the element written */
    uint8_t kind;    /* enum frame_kind */
    uint8_t inline_; /* a phrase element: no line breaks around it */
    uint8_t open_p;  /* the implicit child (implicit_tag) is open */
} frame;

typedef struct html {
    const render_doc *rd;
    const tree_doc *doc;
    uint8_t *flags; /* HF_* per node */
    rd_iter it;
    vec keep_stack;
    vec frames; /* frame; [0] is the article */
    buf base, url;
    /* the sink */
    buf out;
    pith_write_fn write;
    void *user;
    pith_status status;
    /* what waits for the next content */
    uint8_t space;      /* collapsed whitespace */
    uint8_t spaced;     /* a space, then only openers: no second space */
    uint8_t line_start; /* nothing written in the current block yet */
    uint8_t hr;         /* a <hr> */
    uint8_t any;        /* article content has been written */
    uint32_t brs;       /* <br> elements */
    int32_t sep;        /* frame index: a block boundary there wants a <br> */
    unsigned links;     /* <a> frames open */
    /* <pre>: verbatim text, its trailing whitespace held back */
    unsigned pre;
    uint32_t v_newlines;
    uint8_t v_any;
    buf v_space;
} html;

/* Bytes collected before each call of the write callback. */
#define HTML_CHUNK ((size_t)64 << 10)

/* ---- output --------------------------------------------------------- */

static void flush(html *h)
{
    if (h->out.len && !h->status && h->write(h->out.data, h->out.len, h->user))
        h->status = PITH_ERR_WRITE;
    h->out.len = 0;
}

static void put(html *h, const char *s, size_t n)
{
    if (h->status)
        return;
    if (buf_append(&h->out, s, n)) {
        h->status = PITH_ERR_NOMEM;
        return;
    }
    if (h->out.len >= HTML_CHUNK)
        flush(h);
}

static void puts_(html *h, const char *s)
{
    put(h, s, strlen(s));
}

/* Text and attribute values: & < > " as references (HTML § 13.3). */
static void put_escaped(html *h, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *ref;
        switch (s[i]) {
        case '&':
            ref = "&amp;";
            break;
        case '<':
            ref = "&lt;";
            break;
        case '>':
            ref = "&gt;";
            break;
        case '"':
            ref = "&quot;";
            break;
        default:
            continue;
        }
        put(h, s + run, i - run);
        puts_(h, ref);
        run = i + 1;
    }
    put(h, s + run, n - run);
}

static void put_attr(html *h, const char *name, const char *value, size_t len)
{
    put(h, " ", 1);
    puts_(h, name);
    put(h, "=\"", 2);
    put_escaped(h, value, len);
    put(h, "\"", 1);
}

/* ---- what is visible ------------------------------------------------ */

/* Spaces the text renderer collapses (layout.c): ASCII whitespace and the
 * Unicode spaces; zero-width ones are characters. *len: bytes. */
static int space_at(const unsigned char *p, const unsigned char *end, size_t *len)
{
    *len = 1;
    switch (*p) {
    case ' ':
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
        return 1;
    }
    if (*p != 0xC2 && (*p < 0xE1 || *p > 0xE3))
        return 0;
    uint32_t cp = utf8_decode(p, (size_t)(end - p), len);
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static int has_text(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        size_t len;
        if (!space_at(p, end, &len))
            return 1;
        p += len;
    }
    return 0;
}

/* HF_* for every node in two linear passes: visibility top-down (ids are
 * in document order), then content bottom-up (in reverse). Visibility
 * follows rd_iter: the nearest mark decides, TF_NEVER elements hide their
 * subtree (but <noscript>), and tables hide theirs when tables are off. */
static void node_flags(html *h)
{
    const tree_doc *d = h->doc;
    const uint8_t *marks = h->rd->marks;
    uint8_t *fl = h->flags;
    uint32_t n = tree_node_count(d);
    fl[0] = (uint8_t)(!marks || marks[0] == EXT_KEEP ? HF_VISIBLE : 0);
    for (node_id i = 1; i < n; i++) {
        const tree_node *x = tree_node_at(d, i);
        uint8_t parent = fl[x->parent];
        int never = (parent & HF_NEVER) != 0;
        if (x->kind == TREE_ELEMENT) {
            unsigned tf = tree_tag_flags(x->tag);
            never |= ((tf & TF_NEVER) && x->tag != TAG_NOSCRIPT) ||
                     (x->tag == TAG_TABLE && !h->rd->opt.tables);
        } else if (x->kind != TREE_TEXT) {
            never = 1; /* comments, doctypes */
        }
        uint8_t m = marks ? marks[i] : EXT_NONE;
        int visible = !never && (m == EXT_NONE ? (parent & HF_VISIBLE) != 0 : m == EXT_KEEP);
        fl[i] = (uint8_t)((never ? HF_NEVER : 0) | (visible ? HF_VISIBLE : 0));
        if (!visible)
            continue;
        if (x->kind == TREE_TEXT) {
            size_t len;
            const char *t = tree_text(d, i, &len);
            if (has_text(t, len))
                fl[i] |= HF_CONTENT;
        } else if (x->tag == TAG_IMG || x->tag == TAG_IMAGE) {
            size_t len;
            if (rd_image_source(d, i, &len))
                fl[i] |= HF_CONTENT;
        }
    }
    for (node_id i = n; i-- > 1;) {
        const tree_node *x = tree_node_at(d, i);
        uint8_t up = fl[i] & (HF_CONTENT | HF_TABLE);
        if (x->kind == TREE_ELEMENT && x->tag == TAG_TABLE && (fl[i] & HF_CONTENT))
            up |= HF_TABLE;
        fl[x->parent] |= up;
    }
}

/* ---- frames and pending breaks -------------------------------------- */

static frame *top(html *h)
{
    return &VEC_AT(h->frames, frame, h->frames.len - 1);
}

static int can_hold_blocks(const frame *f)
{
    return f->kind == K_FLOW || f->kind == K_BOX;
}

/* The element that loose text and inline elements are put in, inside
 * containers that may not hold them: a <p> in the article or a quote, an
 * item in a list (text right inside a <ul> is a page's mistake, but its
 * lines stay apart this way). NULL: text goes in as it is. */
static const char *implicit_tag(const frame *f)
{
    if (f->kind == K_FLOW)
        return "p";
    if (f->kind == K_LIST)
        return strcmp(f->tag, "dl") ? "li" : "dd";
    return NULL;
}

static void close_p(html *h, frame *f)
{
    if (f->open_p) {
        put(h, "</", 2);
        puts_(h, implicit_tag(f));
        put(h, ">", 1);
        f->open_p = 0;
    }
}

/* A block boundary in frame f (index i) ends the line of text in it: the
 * implicit paragraph closes, or a <br> waits for more text. */
static void end_line(html *h, frame *f, int32_t i)
{
    if (implicit_tag(f))
        close_p(h, f);
    else
        h->sep = i;
}

/* A block starts or ends here (a <div>, a hidden paragraph...). */
static void boundary(html *h)
{
    if (h->pre) {
        if (h->v_any && !h->v_newlines)
            h->v_newlines = 1;
        return;
    }
    if (!h->line_start || implicit_tag(top(h)))
        end_line(h, top(h), (int32_t)h->frames.len - 1);
    h->brs = 0;
    h->space = h->spaced = 0;
    h->line_start = 1;
}

/* Writes what waits for the next content: a rule, the paragraph, line
 * breaks, a space. */
static void before_content(html *h)
{
    frame *f = top(h);
    int32_t here = (int32_t)h->frames.len - 1;
    if (h->hr && can_hold_blocks(f)) {
        close_p(h, f);
        put(h, "\n<hr>", 5);
    }
    h->hr = 0;
    if (implicit_tag(f) && !f->open_p) {
        put(h, "\n<", 2);
        puts_(h, implicit_tag(f));
        put(h, ">", 1);
        f->open_p = 1;
        h->brs = 0;
        h->sep = -1;
        h->line_start = 1;
    }
    if (h->brs) {
        /* <br><br>: the old way of starting a paragraph */
        if (h->brs >= 2 && (f->kind == K_FLOW || !strcmp(f->tag, "p")))
            put(h, "</p>\n<p>", 8);
        else
            put(h, h->brs >= 2 ? "<br><br>" : "<br>", h->brs >= 2 ? 8 : 4);
        h->brs = 0;
        h->space = 0;
        h->line_start = 1;
    } else if (h->sep == here) {
        put(h, "<br>", 4);
        h->space = 0;
        h->line_start = 1;
    }
    h->sep = -1;
    if (h->space && !h->line_start && !h->spaced) {
        put(h, " ", 1);
        h->spaced = 1; /* "a <em> b" is "a <em>b" */
    }
    h->space = 0;
    h->any = 1;
}

static frame *push(html *h, node_id n, const char *tag, enum frame_kind kind, int inline_)
{
    frame *f = vec_push(&h->frames, sizeof *f);
    if (!f) {
        h->status = PITH_ERR_NOMEM;
        return NULL;
    }
    f->node = n;
    f->tag = tag;
    f->kind = (uint8_t)kind;
    f->inline_ = (uint8_t)inline_;
    return f;
}

static int is_cell_name(const char *tag)
{
    return tag[0] == 't' && (tag[1] == 'd' || tag[1] == 'h') && !tag[2];
}

/* A block element written: what was pending in the parent is settled. */
static void open_block(html *h, node_id n, const char *tag, enum frame_kind kind)
{
    boundary(h);
    h->sep = -1;
    if (h->hr && can_hold_blocks(top(h)))
        put(h, "\n<hr>", 5);
    h->hr = 0;
    /* a line per block, a row's cells on its line */
    put(h, is_cell_name(tag) ? "<" : "\n<", is_cell_name(tag) ? 1 : 2);
    puts_(h, tag);
    put(h, ">", 1);
    if (kind == K_PRE) {
        put(h, "<code>", 6);
        h->pre++;
        h->v_newlines = 0;
        h->v_any = 0;
        h->v_space.len = 0;
    }
    push(h, n, tag, kind, 0);
}

static void close_frame(html *h)
{
    frame *f = top(h);
    if (f->inline_) {
        /* A block boundary inside it that no content followed is one
         * outside it now: "<a><div>x</div></a><a>y</a>" is two lines. */
        int pending = h->sep == (int32_t)h->frames.len - 1;
        if (f->tag[0] == 'a' && !f->tag[1])
            h->links--;
        put(h, "</", 2);
        puts_(h, f->tag);
        put(h, ">", 1);
        h->frames.len--;
        if (pending) {
            h->sep = -1;
            end_line(h, top(h), (int32_t)h->frames.len - 1);
        }
        return;
    }
    if (f->kind == K_PRE) {
        h->pre--;
        put(h, "</code></pre>", 13);
    } else {
        close_p(h, f);
        /* containers end on a line of their own; text blocks right after
         * their text */
        int container = f->kind != K_PHRASE && f->kind != K_BOX && f->kind != K_ROW;
        put(h, container ? "\n</" : "</", container ? 3 : 2);
        puts_(h, f->tag);
        put(h, ">", 1);
    }
    h->frames.len--;
    h->brs = 0;
    h->space = h->spaced = 0;
    h->line_start = 1;
    h->sep = -1;
}

/* ---- text ----------------------------------------------------------- */

static void verbatim_text(html *h, const char *s, size_t n)
{
    const char *end = s + n;
    while (s < end) {
        char c = *s;
        if (c == '\n' || c == '\r') {
            s += (c == '\r' && s + 1 < end && s[1] == '\n') ? 2 : 1;
            h->v_space.len = 0; /* trailing whitespace of the line */
            if (h->v_any)
                h->v_newlines++;
            continue;
        }
        const char *q = s;
        if (c == ' ' || c == '\t') {
            while (q < end && (*q == ' ' || *q == '\t'))
                q++;
            if (buf_append(&h->v_space, s, (size_t)(q - s)))
                h->status = PITH_ERR_NOMEM;
            s = q;
            continue;
        }
        while (q < end && *q != '\n' && *q != '\r' && *q != ' ' && *q != '\t')
            q++;
        for (; h->v_newlines; h->v_newlines--)
            put(h, "\n", 1);
        put(h, h->v_space.data, h->v_space.len);
        h->v_space.len = 0;
        put_escaped(h, s, (size_t)(q - s));
        h->v_any = 1;
        s = q;
    }
}

static void text(html *h, node_id n)
{
    size_t len;
    const char *s = tree_text(h->doc, n, &len);
    if (h->pre) {
        verbatim_text(h, s, len);
        return;
    }
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        size_t sl;
        if (space_at(p, end, &sl)) {
            h->space = 1;
            p += sl;
            continue;
        }
        const unsigned char *q = p + sl;
        while (q < end && !space_at(q, end, &sl))
            q += sl;
        before_content(h);
        put_escaped(h, (const char *)p, (size_t)(q - p));
        h->line_start = h->spaced = 0;
        p = q;
    }
}

/* ---- elements ------------------------------------------------------- */

static void image(html *h, node_id n)
{
    size_t len, alt_len;
    const char *src = rd_image_source(h->doc, n, &len);
    int rc = src ? rd_resolve_url(&h->base, src, len, &h->url) : 0;
    if (rc < 0)
        h->status = PITH_ERR_NOMEM;
    if (rc <= 0 || h->pre)
        return;
    before_content(h);
    put(h, "<img", 4);
    put_attr(h, "src", h->url.data, h->url.len);
    const char *alt = tree_attr_get(h->doc, n, ATTR_ALT, &alt_len);
    if (alt)
        put_attr(h, "alt", alt, alt_len);
    put(h, ">", 1);
    h->line_start = h->spaced = 0;
}

/* A link with somewhere to go; else its text alone. */
static void link(html *h, node_id n)
{
    size_t len;
    const char *href = tree_attr_get(h->doc, n, ATTR_HREF, &len);
    if (h->links)
        return; /* no link inside a link (HTML § 4.5.1) */
    int rc = href ? rd_resolve_url(&h->base, href, len, &h->url) : 0;
    if (rc < 0)
        h->status = PITH_ERR_NOMEM;
    if (rc <= 0 || rd_is_scheme(h->url.data, h->url.len, "javascript"))
        return;
    before_content(h);
    put(h, "<a", 2);
    put_attr(h, "href", h->url.data, h->url.len);
    put(h, ">", 1);
    if (push(h, n, "a", K_PHRASE, 1))
        h->links++;
}

static int is_cell(unsigned tag)
{
    return tag == TAG_TD || tag == TAG_TH;
}

/* A table laid out for the page rather than for data: said so, holding
 * another table, or one column wide. Looks at its rows only, not into
 * its cells, so that nested tables stay linear. */
static int layout_table(html *h, node_id table)
{
    const tree_doc *d = h->doc;
    size_t len;
    const char *role = tree_attr_get(d, table, ATTR_ROLE, &len);
    if (role && (ascii_ieq(role, len, "presentation") || ascii_ieq(role, len, "none")))
        return 1;
    for (node_id c = tree_first_child(d, table); c; c = tree_next_sibling(d, c)) {
        if ((h->flags[c] & HF_TABLE) || tree_is_element(d, c, TAG_TABLE))
            return 1;
    }
    uint32_t columns = 0;
    for (node_id c = tree_first_child(d, table); c; c = tree_next_sibling(d, c)) {
        unsigned tag = tree_tag(d, c);
        if (tree_kind(d, c) != TREE_ELEMENT)
            continue;
        node_id first = tag == TAG_TR ? c : tree_first_child(d, c);
        for (node_id row = first; row; row = tag == TAG_TR ? 0 : tree_next_sibling(d, row)) {
            if (!tree_is_element(d, row, TAG_TR))
                continue;
            uint32_t cells = 0;
            for (node_id cell = tree_first_child(d, row); cell; cell = tree_next_sibling(d, cell))
                cells += tree_kind(d, cell) == TREE_ELEMENT && is_cell(tree_tag(d, cell));
            if (cells > columns)
                columns = cells;
        }
    }
    return columns < 2;
}

typedef struct element_map {
    uint16_t tag;     /* the page's element */
    uint8_t kind;     /* enum frame_kind, for blocks */
    const char *name; /* the element written */
} element_map;

/* Phrase elements and what they are written as; others are transparent. */
static const element_map phrases[] = {
    {TAG_B, K_PHRASE, "strong"},  {TAG_STRONG, K_PHRASE, "strong"}, {TAG_I, K_PHRASE, "em"},
    {TAG_EM, K_PHRASE, "em"},     {TAG_CODE, K_PHRASE, "code"},     {TAG_TT, K_PHRASE, "code"},
    {TAG_KBD, K_PHRASE, "kbd"},   {TAG_SAMP, K_PHRASE, "samp"},     {TAG_VAR, K_PHRASE, "var"},
    {TAG_SUB, K_PHRASE, "sub"},   {TAG_SUP, K_PHRASE, "sup"},       {TAG_Q, K_PHRASE, "q"},
    {TAG_CITE, K_PHRASE, "cite"}, {TAG_ABBR, K_PHRASE, "abbr"},     {TAG_ACRONYM, K_PHRASE, "abbr"},
    {TAG_DFN, K_PHRASE, "dfn"},   {TAG_MARK, K_PHRASE, "mark"},     {TAG_SMALL, K_PHRASE, "small"},
    {TAG_S, K_PHRASE, "s"},       {TAG_STRIKE, K_PHRASE, "s"},      {TAG_DEL, K_PHRASE, "del"},
    {TAG_INS, K_PHRASE, "ins"},   {TAG_U, K_PHRASE, "u"},           {TAG_TIME, K_PHRASE, "time"},
    {TAG_RUBY, K_PHRASE, "ruby"}, {TAG_RT, K_PHRASE, "rt"},         {TAG_RP, K_PHRASE, "rp"},
    {TAG_RB, K_PHRASE, "rb"},
};

/* Block elements, written where their parent may hold them. */
static const element_map blocks[] = {
    {TAG_P, K_PHRASE, "p"},        {TAG_H1, K_PHRASE, "h1"},
    {TAG_H2, K_PHRASE, "h2"},      {TAG_H3, K_PHRASE, "h3"},
    {TAG_H4, K_PHRASE, "h4"},      {TAG_H5, K_PHRASE, "h5"},
    {TAG_H6, K_PHRASE, "h6"},      {TAG_BLOCKQUOTE, K_FLOW, "blockquote"},
    {TAG_FIGURE, K_BOX, "figure"}, {TAG_UL, K_LIST, "ul"},
    {TAG_MENU, K_LIST, "ul"},      {TAG_DIR, K_LIST, "ul"},
    {TAG_OL, K_LIST, "ol"},        {TAG_DL, K_LIST, "dl"},
    {TAG_PRE, K_PRE, "pre"},       {TAG_LISTING, K_PRE, "pre"},
    {TAG_XMP, K_PRE, "pre"},       {TAG_PLAINTEXT, K_PRE, "pre"},
    {TAG_TABLE, K_TABLE, "table"},
};

static const element_map *map_find(const element_map *map, size_t count, unsigned tag)
{
    for (size_t i = 0; i < count; i++) {
        if (map[i].tag == tag)
            return &map[i];
    }
    return NULL;
}

/* The elements a written container takes as structure: list items in
 * lists, rows and cells in tables, captions, and the blocks of the
 * containers that hold blocks. Returns 1 when n was opened. */
static int open_structure(html *h, node_id n, unsigned tag)
{
    const frame *f = top(h);
    int dl = !strcmp(f->tag, "dl");
    const char *name = NULL;
    enum frame_kind kind = K_BOX;
    switch (f->kind) {
    case K_LIST:
        if (tag == TAG_LI && !dl)
            name = "li";
        else if (tag == TAG_DD && dl)
            name = "dd";
        else if (tag == TAG_DT && dl)
            name = "dt", kind = K_PHRASE;
        break;
    case K_TABLE:
    case K_SECTION:
        if (tag == TAG_TR)
            name = "tr", kind = K_ROW;
        else if (f->kind == K_TABLE && tag == TAG_CAPTION)
            name = "caption", kind = K_PHRASE;
        else if (f->kind == K_TABLE && tag == TAG_THEAD)
            name = "thead", kind = K_SECTION;
        else if (f->kind == K_TABLE && tag == TAG_TBODY)
            name = "tbody", kind = K_SECTION;
        else if (f->kind == K_TABLE && tag == TAG_TFOOT)
            name = "tfoot", kind = K_SECTION;
        break;
    case K_ROW:
        if (is_cell(tag))
            name = tag == TAG_TD ? "td" : "th";
        break;
    case K_BOX:
    case K_FLOW: {
        const element_map *b = map_find(blocks, sizeof blocks / sizeof *blocks, tag);
        if (tag == TAG_FIGCAPTION && !strcmp(f->tag, "figure"))
            name = "figcaption", kind = K_PHRASE;
        else if (b && !(tag == TAG_TABLE && layout_table(h, n)))
            name = b->name, kind = (enum frame_kind)b->kind;
        break;
    }
    default:
        break;
    }
    if (!name)
        return 0;
    open_block(h, n, name, kind);
    return 1;
}

/* ENTER of a visible element. Returns 0 to skip its subtree. */
static int enter(html *h, node_id n, unsigned tag)
{
    unsigned tf = tree_tag_flags(tag);
    if (tag == TAG_BR) {
        if (h->pre) {
            if (h->v_any)
                h->v_newlines++;
        } else if (!h->line_start) {
            h->brs++;
        }
        return 0;
    }
    if (tag == TAG_HR) {
        boundary(h);
        /* written before the next content, so never first or last */
        h->hr = !h->pre && h->any && can_hold_blocks(top(h));
        return 0;
    }
    if (tag == TAG_IMG || tag == TAG_IMAGE) {
        image(h, n);
        return 0;
    }
    if (h->pre) { /* everything is transparent, and whitespace is text */
        if (tf & TF_BLOCK)
            boundary(h);
        return 1;
    }
    if (!(h->flags[n] & HF_CONTENT)) {
        /* A block with nothing to show is left out, but for the empty
         * cells of a table; an inline element is walked for its
         * whitespace and <br>s, but not written. */
        if (top(h)->kind == K_ROW && is_cell(tag)) {
            open_block(h, n, tag == TAG_TD ? "td" : "th", K_BOX);
            return 1;
        }
        if (tf & TF_BLOCK) {
            boundary(h);
            return 0;
        }
        return 1;
    }
    if (open_structure(h, n, tag))
        return 1;
    if (tf & TF_BLOCK) {
        boundary(h);
        return 1;
    }
    if (tag == TAG_A) {
        link(h, n);
        return 1;
    }
    const element_map *phrase = map_find(phrases, sizeof phrases / sizeof *phrases, tag);
    const char *name = phrase ? phrase->name : NULL;
    /* <em> right inside <em> says nothing more */
    if (name && strcmp(top(h)->tag, name)) {
        before_content(h);
        put(h, "<", 1);
        puts_(h, name);
        put(h, ">", 1);
        push(h, n, name, K_PHRASE, 1);
    }
    return 1;
}

static void leave(html *h, node_id n, unsigned tag)
{
    if (h->frames.len > 1 && top(h)->node == n) {
        if (!top(h)->inline_)
            boundary(h);
        close_frame(h);
        return;
    }
    if (tree_tag_flags(tag) & TF_BLOCK)
        boundary(h);
}

/* ---- the document --------------------------------------------------- */

/* Appends s[0..n) to out without its spaces. 0, or -1 out of memory. */
static int append_squeezed(buf *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        size_t sl;
        if (space_at(p, end, &sl)) {
            p += sl;
            continue;
        }
        if (buf_append(out, p, sl))
            return -1;
        p += sl;
    }
    return 0;
}

/* Whether the article opens with a heading that holds the title (spaces
 * aside): "Nordkorea spielt die russische Karte", or the page's longer
 * "Werben um Putins Gunst: Nordkorea spielt die russische Karte". Then
 * the title is not written a second time above it. */
static int starts_with_title(html *h, const char *title)
{
    const tree_doc *d = h->doc;
    rd_iter it;
    rd_iter_init(&it, d, h->rd->marks, &h->keep_stack, 0, (h->flags[0] & HF_VISIBLE) != 0);
    node_id heading = 0;
    while (rd_iter_next(&it)) {
        const tree_node *x = tree_node_at(d, it.node);
        if (x->kind == TREE_ELEMENT) {
            if (it.visible && (tree_tag_flags(x->tag) & TF_HEADING) &&
                (h->flags[it.node] & HF_CONTENT))
                heading = it.entering ? it.node : 0;
            continue;
        }
        if (!it.visible || !(h->flags[it.node] & HF_CONTENT))
            continue;
        if (!heading)
            return 0;
        buf text = {0}, want = {0};
        node_id stop = tree_next(d, 0, heading, 1);
        int rc = append_squeezed(&want, title, strlen(title));
        for (node_id c = heading; !rc && c && c != stop; c = tree_next(d, heading, c, 0)) {
            if (tree_kind(d, c) != TREE_TEXT || !(h->flags[c] & HF_VISIBLE))
                continue;
            size_t len;
            const char *t = tree_text(d, c, &len);
            rc = append_squeezed(&text, t, len);
        }
        int found = !rc && want.len && mem_find(text.data, text.len, want.data, want.len);
        if (rc)
            h->status = PITH_ERR_NOMEM;
        buf_free(&text);
        buf_free(&want);
        return found;
    }
    return 0;
}

static void document_start(html *h)
{
    const pith_record *r = &h->rd->record->pub;
    puts_(h, "<!DOCTYPE html>\n<html");
    if (r->language)
        put_attr(h, "lang", r->language, strlen(r->language));
    puts_(h, ">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    if (r->title)
        put_escaped(h, r->title, strlen(r->title));
    puts_(h, "</title>\n</head>\n<body>\n<article>");
    if (r->title && *r->title && !starts_with_title(h, r->title)) {
        puts_(h, "\n<h1>");
        put_escaped(h, r->title, strlen(r->title));
        puts_(h, "</h1>");
    }
}

static void walk(html *h)
{
    const tree_doc *d = h->doc;
    rd_iter_init(&h->it, d, h->rd->marks, &h->keep_stack, 0, (h->flags[0] & HF_VISIBLE) != 0);
    while (!h->status && rd_iter_next(&h->it)) {
        node_id n = h->it.node;
        const tree_node *x = tree_node_at(d, n);
        if (x->kind == TREE_TEXT) {
            if (h->it.visible)
                text(h, n);
            continue;
        }
        if (!h->it.visible) {
            if (tree_tag_flags(x->tag) & TF_BLOCK)
                boundary(h);
            continue;
        }
        if (!h->it.entering)
            leave(h, n, x->tag);
        else if (!enter(h, n, x->tag))
            rd_iter_skip(&h->it);
    }
    if (h->it.nomem && !h->status)
        h->status = PITH_ERR_NOMEM;
    while (h->frames.len > 1)
        close_frame(h);
    close_p(h, top(h));
}

pith_status render_html(const render_doc *in, pith_write_fn write, void *user)
{
    if (!in || !in->tree || !in->record || !write)
        return PITH_ERR_INVALID;
    html h;
    memset(&h, 0, sizeof h);
    h.rd = in;
    h.doc = in->tree;
    h.write = write;
    h.user = user;
    h.sep = -1;
    h.line_start = 1;
    h.flags = malloc(tree_node_count(in->tree));
    if (!h.flags || buf_reserve(&h.out, HTML_CHUNK) ||
        rd_base_url(in->tree, in->opt.base_url, &h.base) || !push(&h, 0, "article", K_FLOW, 0)) {
        h.status = PITH_ERR_NOMEM;
    } else {
        node_flags(&h);
        document_start(&h);
        walk(&h);
        puts_(&h, "\n</article>\n</body>\n</html>\n");
        flush(&h);
    }
    free(h.flags);
    vec_free(&h.keep_stack);
    vec_free(&h.frames);
    buf_free(&h.base);
    buf_free(&h.url);
    buf_free(&h.out);
    buf_free(&h.v_space);
    return h.status;
}
