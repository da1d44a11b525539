/*
 * explain.c — -f explain: one self-contained HTML page for a person who
 * wants to know why a paragraph vanished (or stayed).
 *
 * Top to bottom: the page (title, URL, encoding and why, counts); how many
 * blocks and words each rule kept or dropped; the record's fields with
 * their sources; then every text block of the page in document order,
 * green when kept and red when dropped, with the rule that decided, the
 * element that carries that rule, the content score of the nearest scored
 * ancestor and the block's link density. The blocks of the main container
 * sit in a blue frame.
 *
 * A block is a run of text between block boundaries (TF_BLOCK elements
 * and <br>, where refine.c cuts its blocks too), cut further where the
 * decision changes, so that each block has exactly one decision: a
 * dropped permalink inside a kept heading is a block of its own. Script,
 * style and template contents are not page text and are not shown.
 *
 * The page runs no script and loads nothing: a Content-Security-Policy
 * allows its inline style only, URLs from the page are shown as text and
 * never linked, and the kept/dropped filters are CSS checkboxes. Every
 * string from the page is cleaned (invalid UTF-8, control characters and
 * noncharacters become U+FFFD) and escaped, and the page is bounded in
 * size by the caps below, which say what they left out.
 *
 * The tree is walked twice, without recursion (tree_walker): once for the
 * counts the header shows, once to write the blocks.
 */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/extract.h"
#include "render/render.h"

/* Blocks and bytes of block text shown. A long forum thread has a few
 * thousand blocks; past the caps the page would be too slow to open and
 * too long to read, and the counts in the header still cover every block.
 * (EXPLAIN_MAX_BLOCKS is in render.h: tests count with it.) */
#define EXPLAIN_MAX_TEXT_BYTES ((size_t)2 << 20)
/* Text kept of one block: a "paragraph" of this size is a dump, not
 * something to read in this view. */
#define EXPLAIN_BLOCK_BYTES ((size_t)8192)
/* Longer blocks show this much, the rest behind a <details>: three to
 * four lines at the view's width, enough to recognise a paragraph. */
#define EXPLAIN_PREVIEW_BYTES ((size_t)400)
/* A record value (a description, a caption) shown in the record table. */
#define EXPLAIN_VALUE_BYTES ((size_t)600)
/* Items of a list field (authors, figures, tags) shown. */
#define EXPLAIN_LIST_ITEMS 30
/* An element described as tag#id.class: long class lists are cut. */
#define EXPLAIN_DESC_BYTES ((size_t)80)
/* Output is handed to the write callback in chunks of about this size. */
#define EXPLAIN_CHUNK ((size_t)64 << 10)

/* The rule slot of a block kept or dropped without any rule: outside
 * every kept part of the page (dropped), or undecided (kept). */
#define NO_RULE ER_NONE

/* ---- output ---------------------------------------------------------- */

typedef struct xo {
    buf out;
    pith_write_fn write;
    void *user;
    pith_status status;
} xo;

static void flush(xo *o)
{
    if (o->status == PITH_OK && o->out.len && o->write(o->out.data, o->out.len, o->user))
        o->status = PITH_ERR_WRITE;
    buf_reset(&o->out);
}

static void put(xo *o, const char *s, size_t n)
{
    if (o->status != PITH_OK)
        return;
    if (buf_append(&o->out, s, n)) {
        o->status = PITH_ERR_NOMEM;
        return;
    }
    if (o->out.len >= EXPLAIN_CHUNK)
        flush(o);
}

static void puts_(xo *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_uint(xo *o, unsigned long long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(o, tmp + i, sizeof tmp - i);
}

/* v with `decimals` digits after the point. Written by hand: printf's %f
 * follows the host's locale ("12,5"), and the view must not. */
static void put_fixed(xo *o, double v, int decimals)
{
    double scale = decimals == 2 ? 100.0 : 10.0;
    if (v != v) {
        puts_(o, "NaN");
        return;
    }
    if (v < 0) {
        v = -v;
        if (v * scale >= 0.5)
            puts_(o, "-");
    }
    if (v > 1e12)
        v = 1e12; /* beyond any score, and the integer below cannot overflow */
    unsigned long long x = (unsigned long long)(v * scale + 0.5);
    unsigned long long unit = decimals == 2 ? 100 : 10;
    put_uint(o, x / unit);
    puts_(o, ".");
    if (decimals == 2 && x % unit < 10)
        puts_(o, "0");
    put_uint(o, x % unit);
}

/* Clean UTF-8 text (as text_append makes it), HTML-escaped for both text
 * and attribute values. */
static void put_esc(xo *o, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        put(o, s + from, i - from);
        puts_(o, rep);
        from = i + 1;
    }
    put(o, s + from, n - from);
}

/* ---- clean text -------------------------------------------------------- */

/* Text as the view shows it: whitespace runs collapsed to one space and
 * trimmed, code points an HTML document must not hold replaced, the first
 * `cap` bytes stored and the rest counted. */
typedef struct xtext {
    buf text;
    size_t cap;
    size_t bytes;        /* the whole text's length, stored or not */
    uint32_t chars;      /* code points other than spaces */
    uint32_t link_chars; /* of those, inside links */
    uint32_t words;      /* \w+ runs, as utf8_count_words counts */
    int space;           /* a space is due before the next character */
    int in_word;
    int full; /* stopped storing: the stored text stays a prefix */
} xtext;

static void text_reset(xtext *t, size_t cap)
{
    buf_reset(&t->text);
    t->cap = cap;
    t->bytes = 0;
    t->chars = t->link_chars = t->words = 0;
    t->space = t->in_word = t->full = 0;
}

/* HTML § 13.2.5 makes control characters other than ASCII whitespace and
 * noncharacters parse errors; they become U+FFFD. */
static uint32_t displayable(uint32_t cp)
{
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f' && cp != '\r') ||
        (cp >= 0x7F && cp < 0xA0) || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
        return 0xFFFD;
    return cp;
}

static int text_store(xtext *t, const char *s, size_t n)
{
    t->bytes += n;
    if (t->full)
        return 0;
    if (t->text.len + n > t->cap) {
        t->full = 1;
        return 0;
    }
    return buf_append(&t->text, s, n);
}

/* Appends s[0..len); `link`: the text is inside a link. 0, or -1 when out
 * of memory. */
static int text_append(xtext *t, const char *s, size_t len, int link)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t adv = 1;
        uint32_t cp = p[i] < 0x80 ? p[i] : utf8_decode(p + i, len - i, &adv);
        i += adv;
        if (utf8_is_space(cp)) {
            t->space = t->chars > 0;
            t->in_word = 0;
            continue;
        }
        if (t->space && text_store(t, " ", 1))
            return -1;
        t->space = 0;
        cp = displayable(cp);
        char enc[4];
        size_t n = utf8_encode(cp, enc);
        if (text_store(t, enc, n))
            return -1;
        int word = utf8_is_word(cp);
        if (word && !t->in_word)
            t->words++;
        t->in_word = word;
        t->chars++;
        t->link_chars += link != 0;
    }
    return 0;
}

/* Writes a text's stored part escaped, with "…" when it was cut. */
static void put_text(xo *o, const xtext *t)
{
    put_esc(o, t->text.data, t->text.len);
    if (t->bytes > t->text.len)
        puts_(o, "…");
}

/* A string from the record, cleaned, cut at `cap` bytes, escaped. */
static void put_value(xo *o, xtext *scratch, const char *s, size_t cap)
{
    text_reset(scratch, cap);
    if (text_append(scratch, s, strlen(s), 0)) {
        o->status = PITH_ERR_NOMEM;
        return;
    }
    put_text(o, scratch);
}

/* ---- the walk --------------------------------------------------------- */

/* What a text node inherits from the elements around it. */
typedef struct xstate {
    node_id decider;   /* the nearest node with a rule of its own, 0: none */
    node_id scored;    /* the nearest candidate with a content score */
    node_id container; /* the innermost block element */
    uint32_t links;    /* <a> elements open */
    uint8_t keep;      /* the effective mark (extract.h) is KEEP */
} xstate;

enum xevent { XE_END, XE_BLOCK, XE_MAIN_OPEN, XE_MAIN_CLOSE };

typedef struct xwalk {
    const render_doc *rd;
    tree_walker w;
    vec frames; /* xstate: the state outside each open element (depth-bounded) */
    xstate cur;
    node_id main; /* the main container open, 0: none */
    int redo;     /* handle the current node again (after a block ends) */
    int ready;    /* a block was handed out: start a new one */
    int nomem;
    /* The block being built, handed out with XE_BLOCK. */
    xstate at; /* the state of its first visible text */
    int started;
    xtext text;
} xwalk;

static int has_rule(const render_doc *rd, node_id n)
{
    return rd->rules && rd->rules[n] != ER_NONE && rd->rules[n] < ER__COUNT;
}

/* The rule of a decider (see xstate). */
static unsigned rule_of(const render_doc *rd, node_id decider)
{
    return decider ? rd->rules[decider] : NO_RULE;
}

/* The main container: the node the best score kept (one of several, for
 * repeated posts). */
static int is_main(const render_doc *rd, node_id n)
{
    return rd->rules && (rd->rules[n] == ER_BEST_CANDIDATE || rd->rules[n] == ER_REPEATED_UNIT);
}

static void walk_init(xwalk *x, const render_doc *rd)
{
    x->cur = (xstate){0};
    x->rd = rd;
    tree_walker_init(&x->w, rd->tree, 0);
    vec_reset(&x->frames);
    x->main = 0;
    x->redo = x->ready = x->nomem = x->started = 0;
    text_reset(&x->text, EXPLAIN_BLOCK_BYTES);
}

static void walk_free(xwalk *x)
{
    vec_free(&x->frames);
    buf_free(&x->text.text);
}

/* Ends the block at a boundary. 1 when it holds text to hand out, else it
 * is forgotten (whitespace between elements is not a block). */
static int block_end(xwalk *x)
{
    if (x->started && x->text.chars) {
        x->ready = 1;
        return 1;
    }
    x->started = 0;
    text_reset(&x->text, EXPLAIN_BLOCK_BYTES);
    return 0;
}

static int is_blank(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t adv = 1;
        uint32_t cp = p[i] < 0x80 ? p[i] : utf8_decode(p + i, len - i, &adv);
        if (!utf8_is_space(cp))
            return 0;
        i += adv;
    }
    return 1;
}

/* Elements whose contents are not page text: script and style (their
 * contents were cut before parsing, but JSON-LD's were not), templates,
 * and the head. */
static int not_text(unsigned tag)
{
    return tag == TAG_SCRIPT || tag == TAG_STYLE || tag == TAG_TEMPLATE || tag == TAG_HEAD;
}

/* One event: a block (x->at, x->text), the main container opening or
 * closing, or the end. */
static int walk_next(xwalk *x)
{
    const render_doc *rd = x->rd;
    const tree_doc *d = rd->tree;
    if (x->ready) {
        x->ready = x->started = 0;
        text_reset(&x->text, EXPLAIN_BLOCK_BYTES);
    }
    for (;;) {
        if (x->redo)
            x->redo = 0;
        else if (!tree_walker_step(&x->w))
            return block_end(x) ? XE_BLOCK : XE_END;
        node_id n = x->w.node;
        const tree_node *t = tree_node_at(d, n);
        if (t->kind == TREE_TEXT) {
            xstate s = x->cur;
            if (rd->marks && rd->marks[n] != EXT_NONE)
                s.keep = rd->marks[n] == EXT_KEEP;
            if (has_rule(rd, n))
                s.decider = n;
            size_t len;
            const char *str = tree_text(d, n, &len);
            if (is_blank(str, len)) {
                /* Whitespace never cuts a block: it is a space in it. */
                x->text.space = x->text.chars > 0;
                x->text.in_word = 0;
                continue;
            }
            /* A new decision starts a new block. Only the rule counts, not
             * the node carrying it: the text and inline nodes of a run
             * kept as a paragraph each carry the run's rule. */
            if (x->started &&
                (s.keep != x->at.keep || rule_of(rd, s.decider) != rule_of(rd, x->at.decider)) &&
                block_end(x)) {
                x->redo = 1; /* the text starts the next block */
                return XE_BLOCK;
            }
            if (!x->started) {
                x->at = s;
                x->started = 1;
            }
            if (text_append(&x->text, str, len, s.links > 0)) {
                x->nomem = 1;
                return XE_END;
            }
            continue;
        }
        if (t->kind != TREE_ELEMENT)
            continue;
        if (x->w.entering && not_text(t->tag)) {
            tree_walker_skip(&x->w);
            tree_walker_step(&x->w); /* its EXIT */
            continue;
        }
        unsigned fl = tree_tag_flags(t->tag);
        int main_edge = x->w.entering ? !x->main && is_main(rd, n) : n == x->main;
        if (((fl & TF_BLOCK) || t->tag == TAG_BR || main_edge) && block_end(x)) {
            x->redo = 1; /* the element is handled once the block is out */
            return XE_BLOCK;
        }
        if (x->w.entering) {
            xstate *saved = vec_push(&x->frames, sizeof *saved);
            if (!saved) {
                x->nomem = 1;
                return XE_END;
            }
            *saved = x->cur;
            if (rd->marks && rd->marks[n] != EXT_NONE)
                x->cur.keep = rd->marks[n] == EXT_KEEP;
            if (has_rule(rd, n))
                x->cur.decider = n;
            if (rd->scores && rd->scores[n] != 0.0f)
                x->cur.scored = n;
            if (fl & TF_BLOCK)
                x->cur.container = n;
            if (t->tag == TAG_A)
                x->cur.links++;
            if (!x->main && is_main(rd, n)) {
                x->main = n;
                return XE_MAIN_OPEN;
            }
        } else {
            if (x->frames.len) {
                x->cur = VEC_AT(x->frames, xstate, x->frames.len - 1);
                x->frames.len--;
            }
            if (n == x->main) {
                x->main = 0;
                return XE_MAIN_CLOSE;
            }
        }
    }
}

/* The rule that decided the current block. */
static unsigned block_rule(const xwalk *x)
{
    return rule_of(x->rd, x->at.decider);
}

/* ---- counts ------------------------------------------------------------- */

typedef struct xcounts {
    uint32_t blocks[2]; /* [0] dropped, [1] kept */
    uint64_t words[2];
    uint32_t rule_blocks[2][ER__COUNT];
    uint64_t rule_words[2][ER__COUNT];
    uint32_t rule_first[2][ER__COUNT]; /* first block (1-based) shown with it, 0: none */
    uint32_t shown;                    /* blocks within the caps */
    size_t shown_bytes;
    uint32_t main_after; /* blocks before the first main container, + 1; 0: none */
    /* The page map: each block shown, in order. */
    struct xmap {
        uint32_t words;
        uint8_t keep, rule, in_main;
    } map[EXPLAIN_MAX_BLOCKS];
} xcounts;

/* Whether the next block still fits the caps. */
static int fits(const xcounts *c, const xtext *t)
{
    return c->shown < EXPLAIN_MAX_BLOCKS && c->shown_bytes + t->text.len <= EXPLAIN_MAX_TEXT_BYTES;
}

static int count_blocks(xwalk *x, xcounts *c)
{
    *c = (xcounts){0};
    walk_init(x, x->rd);
    int capped = 0, e;
    uint32_t index = 0;
    while ((e = walk_next(x)) != XE_END) {
        if (e == XE_MAIN_OPEN && !c->main_after)
            c->main_after = index + 1;
        if (e != XE_BLOCK)
            continue;
        int k = x->at.keep;
        unsigned r = block_rule(x);
        index++;
        c->blocks[k]++;
        c->words[k] += x->text.words;
        c->rule_blocks[k][r]++;
        c->rule_words[k][r] += x->text.words;
        if (!capped && fits(c, &x->text)) {
            c->map[c->shown] = (struct xmap){x->text.words, (uint8_t)k, (uint8_t)r, x->main != 0};
            c->shown++;
            c->shown_bytes += x->text.text.len;
            if (!c->rule_first[k][r])
                c->rule_first[k][r] = index;
        } else {
            capped = 1; /* the blocks shown are a prefix of the page */
        }
    }
    return x->nomem ? -1 : 0;
}

/* ---- the parts of the page ---------------------------------------------- */

/* The element n as tag#id.class.class. */
static void put_element(xo *o, xtext *scratch, const tree_doc *d, node_id n)
{
    if (tree_kind(d, n) != TREE_ELEMENT) {
        puts_(o, "document");
        return;
    }
    size_t len;
    const char *name = tree_tag_name(d, tree_tag(d, n), &len);
    text_reset(scratch, EXPLAIN_DESC_BYTES);
    int rc = text_append(scratch, name, len, 0);
    const char *id = tree_attr_get(d, n, ATTR_ID, &len);
    if (id && len && !rc) {
        rc = text_append(scratch, "#", 1, 0) || text_append(scratch, id, len, 0);
    }
    const char *cls = tree_attr_get(d, n, ATTR_CLASS, &len);
    for (size_t i = 0; cls && i < len && !rc;) {
        while (i < len && (cls[i] == ' ' || cls[i] == '\t' || cls[i] == '\n' || cls[i] == '\r' ||
                           cls[i] == '\f'))
            i++;
        size_t start = i;
        while (i < len && cls[i] != ' ' && cls[i] != '\t' && cls[i] != '\n' && cls[i] != '\r' &&
               cls[i] != '\f')
            i++;
        if (i > start)
            rc = text_append(scratch, ".", 1, 0) || text_append(scratch, cls + start, i - start, 0);
    }
    if (rc) {
        o->status = PITH_ERR_NOMEM;
        return;
    }
    put_text(o, scratch);
}

static const char *rule_phrase(int keep, unsigned rule)
{
    if (rule == NO_RULE)
        return keep ? "kept (no rule recorded)" : "not in the chosen article";
    return ext_rule_name(rule);
}

/* What a decoder's reason code means (pith.h, pith_doc_encoding_source). */
static const char *encoding_reason(const char *source)
{
    static const struct {
        const char *code, *why;
    } reasons[] = {
        {"bom", "a byte-order mark"},
        {"utf8-valid", "the bytes are valid UTF-8"},
        {"transport", "the HTTP charset"},
        {"meta-prescan", "a <meta> charset in the first 1024 bytes"},
        {"meta-in-parse", "a <meta> charset found while parsing"},
        {"detector", "statistical detection"},
        {"default", "nothing declared it: the default"},
    };
    for (size_t i = 0; source && i < sizeof reasons / sizeof *reasons; i++) {
        if (!strcmp(source, reasons[i].code))
            return reasons[i].why;
    }
    return source ? source : "unknown";
}

static const char STYLE_SHEET[] =
    "*{box-sizing:border-box}"
    "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',"
    "sans-serif;color:#1d2327;background:#f4f5f7}"
    "code{font:12px/1.3 ui-monospace,'DejaVu Sans Mono',monospace}"
    "header{background:#1f2a37;color:#fff;padding:18px 28px 16px}"
    "header .tool{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#9fb0c3}"
    "header h1{margin:4px 0 2px;font-size:22px;line-height:1.25}"
    "header .url{color:#c9d4e0;font-size:13px;word-break:break-all}"
    ".stats{display:flex;flex-wrap:wrap;gap:10px;margin-top:12px}"
    ".stat{border-radius:6px;padding:6px 12px;background:#2c3a4b;font-size:14px}"
    ".stat b{font-size:18px}"
    ".stat.k{background:#1e5631}.stat.d{background:#7a2424}"
    ".map{display:flex;height:22px;margin-top:14px;background:#2c3a4b;border-radius:3px;"
    "overflow:hidden}"
    ".map a{flex:1 1 0;min-width:1px;border-right:1px solid #1f2a37}"
    ".map a.k{background:#4caf50}.map a.d{background:#e57373}"
    ".map a.in{box-shadow:inset 0 -5px 0 #64b5f6}"
    ".map a:hover{opacity:.7}"
    ".maplbl{font-size:12px;color:#9fb0c3;margin-top:3px}"
    "nav.toc{padding:8px 28px;background:#e6e9ee;font-size:14px}"
    "nav.toc a{margin-right:18px;color:#1f4e8c}"
    "section{padding:8px 28px 4px}"
    "h2{font-size:17px;margin:14px 0 8px}"
    ".top{display:grid;grid-template-columns:minmax(0,1.1fr) minmax(0,1fr);gap:0 8px}"
    "@media (max-width:1000px){.top{grid-template-columns:1fr}}"
    "table{border-collapse:collapse;background:#fff;width:100%;font-size:14px;"
    "box-shadow:0 1px 2px rgba(0,0,0,.08)}"
    "th,td{text-align:left;vertical-align:top;padding:4px 10px;border-bottom:1px solid #e3e6ea}"
    "th{background:#eef0f3;font-weight:600}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "td.f{font-weight:600;white-space:nowrap}"
    "td.src{white-space:nowrap;color:#35506b}"
    ".absent td{color:#9aa3ad}"
    ".val{word-break:break-word}"
    ".val ul{margin:0;padding-left:18px}"
    ".badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:11px;"
    "font-weight:700;letter-spacing:.04em;color:#fff}"
    ".badge.k{background:#2e7d32}.badge.d{background:#c62828}"
    ".filters{position:sticky;top:0;z-index:2;background:#f4f5f7;padding:6px 0;"
    "border-bottom:1px solid #d9dde2;font-size:14px}"
    ".filters label{margin-right:16px;cursor:pointer}"
    ".filters label::before{content:'\\2610  '}"
    "#hk:checked~.filters label[for=hk]::before,"
    "#hd:checked~.filters label[for=hd]::before{content:'\\2611  '}"
    ".legend{color:#5b6670;margin-left:8px}"
    "#hk:checked~#list .g.k,#hd:checked~#list .g.d{display:none}"
    ".g{margin:6px 0;border-left:6px solid;border-radius:3px;padding:0 10px 2px}"
    ".g.k{background:#e7f5e9;border-color:#2e7d32}"
    ".g.d{background:#f9eded;border-color:#c62828}"
    ".gh{font-size:13px;padding:5px 0 3px;color:#4a5560}"
    ".gh .r{font-weight:600;color:#1b5e20}"
    ".g.d .gh .r{color:#a31f1f}"
    ".gh code{color:#33414e}"
    ".i{color:#7d8792}"
    ".b{display:grid;grid-template-columns:150px minmax(0,1fr);gap:10px;padding:3px 0;"
    "border-top:1px solid rgba(0,0,0,.06)}"
    ".m{font-size:12px;line-height:1.5;color:#4a5560;white-space:nowrap}"
    ".ld{color:#7a5b00;background:#fff3c4;border-radius:3px;padding:0 3px}"
    ".t{word-break:break-word}"
    ".g.k .t{color:#10261a}"
    ".g.d .t{color:#5e4a4a}"
    ".t.h{font-weight:700;font-size:16px}"
    "details summary{cursor:pointer}"
    "details[open] .more{display:none}"
    ".more{color:#1f4e8c;font-size:12px;white-space:nowrap}"
    ".main{border:3px solid #1565c0;border-radius:6px;padding:0 8px 6px;margin:10px 0;"
    "background:#fff}"
    ".main>.lbl{background:#1565c0;color:#fff;font-size:13px;margin:0 -8px 6px;"
    "padding:4px 10px;border-radius:2px 2px 0 0}"
    ".note{color:#5b6670;font-size:13px;padding:8px 0 24px}";

/* The page at a glance: one bar per block shown, as wide as its words
 * (a line of chrome still gets a sliver), green or red, the main
 * container's underlined; each links to its block. */
static void put_map(xo *o, const xcounts *c)
{
    if (!c->shown)
        return;
    puts_(o, "<div class=\"map\">");
    for (uint32_t i = 0; i < c->shown; i++) {
        const struct xmap *m = &c->map[i];
        puts_(o, m->keep ? "<a class=\"k" : "<a class=\"d");
        puts_(o, m->in_main ? " in\" href=\"#b" : "\" href=\"#b");
        put_uint(o, i + 1);
        puts_(o, "\" title=\"#");
        put_uint(o, i + 1);
        puts_(o, m->keep ? " kept: " : " dropped: ");
        const char *phrase = rule_phrase(m->keep, m->rule);
        put_esc(o, phrase, strlen(phrase));
        puts_(o, "\" style=\"flex-grow:");
        put_uint(o, m->words + 1);
        puts_(o, "\"></a>");
    }
    puts_(o, "</div>\n<div class=\"maplbl\">the page, block by block, each as wide as its words, "
             "the main container underlined in blue (click one to go to it)</div>\n");
}

static void put_head(xo *o, xtext *scratch, const render_doc *rd, const xcounts *c)
{
    const tree_doc *d = rd->tree;
    const pith_record *r = &rd->record->pub;
    /* The <title> as a browser shows it in its tab. */
    text_reset(scratch, EXPLAIN_VALUE_BYTES);
    for (node_id k = d->title ? tree_first_child(d, d->title) : 0; k; k = tree_next_sibling(d, k)) {
        size_t len;
        const char *s = tree_kind(d, k) == TREE_TEXT ? tree_text(d, k, &len) : NULL;
        if (s && text_append(scratch, s, len, 0)) {
            o->status = PITH_ERR_NOMEM;
            return;
        }
    }
    puts_(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
             "style-src 'unsafe-inline'\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             "<meta name=\"generator\" content=\"pith " PITH_VERSION_STRING "\">\n"
             "<title>pith explain: ");
    if (scratch->text.len)
        put_text(o, scratch);
    else
        puts_(o, "(untitled page)");
    puts_(o, "</title>\n<style>");
    puts_(o, STYLE_SHEET);
    puts_(o, "</style>\n</head>\n<body>\n<header>\n<div class=\"tool\">pith explain</div>\n<h1>");
    if (scratch->text.len)
        put_text(o, scratch);
    else
        puts_(o, "(untitled page)");
    puts_(o, "</h1>\n<div class=\"url\">");
    if (r->url)
        put_value(o, scratch, r->url, EXPLAIN_VALUE_BYTES);
    else
        puts_(o, "(no URL given)");
    puts_(o, "</div>\n<div class=\"stats\">\n<span class=\"stat k\"><b>");
    put_uint(o, c->blocks[1]);
    puts_(o, "</b> blocks kept · <b>");
    put_uint(o, c->words[1]);
    puts_(o, "</b> words</span>\n<span class=\"stat d\"><b>");
    put_uint(o, c->blocks[0]);
    puts_(o, "</b> blocks dropped · <b>");
    put_uint(o, c->words[0]);
    puts_(o, "</b> words</span>\n<span class=\"stat\">encoding <b>");
    put_value(o, scratch, r->encoding ? r->encoding : "unknown", EXPLAIN_DESC_BYTES);
    puts_(o, "</b> — ");
    put_value(o, scratch, encoding_reason(r->encoding_source), EXPLAIN_VALUE_BYTES);
    puts_(o, "</span>\n</div>\n");
    put_map(o, c);
    puts_(o, "</header>\n<nav class=\"toc\"><a href=\"#decisions\">Decisions</a>"
             "<a href=\"#record\">Record</a><a href=\"#blocks\">Blocks</a>");
    if (c->main_after && c->main_after <= c->shown) /* as put_blocks frames it */
        puts_(o, "<a href=\"#main\">Main container</a>");
    puts_(o, "</nav>\n");
}

/* One row per decision taken, the rules that moved the most words first. */
static void put_decisions(xo *o, const xcounts *c)
{
    typedef struct {
        int keep;
        unsigned rule;
    } row;
    row rows[2 * ER__COUNT] = {{0, 0}};
    size_t n = 0;
    for (int k = 1; k >= 0; k--) {
        for (unsigned r = 0; r < ER__COUNT; r++) {
            if (!c->rule_blocks[k][r])
                continue;
            /* Insertion sort: kept before dropped, then by words, then by rule. */
            size_t i = n++;
            while (i > 0 && rows[i - 1].keep == k &&
                   c->rule_words[k][rows[i - 1].rule] < c->rule_words[k][r]) {
                rows[i] = rows[i - 1];
                i--;
            }
            rows[i] = (row){k, r};
        }
    }
    puts_(o, "<section id=\"decisions\"><h2>Decisions</h2>\n<table>\n<tr><th></th><th>rule</th>"
             "<th>blocks</th><th>words</th><th>first</th></tr>\n");
    for (size_t i = 0; i < n; i++) {
        int k = rows[i].keep;
        unsigned r = rows[i].rule;
        puts_(o, k ? "<tr><td><span class=\"badge k\">KEPT</span></td><td>"
                   : "<tr><td><span class=\"badge d\">DROPPED</span></td><td>");
        put_esc(o, rule_phrase(k, r), strlen(rule_phrase(k, r)));
        puts_(o, "</td><td class=\"n\">");
        put_uint(o, c->rule_blocks[k][r]);
        puts_(o, "</td><td class=\"n\">");
        put_uint(o, c->rule_words[k][r]);
        puts_(o, "</td><td class=\"n\">");
        if (c->rule_first[k][r]) {
            puts_(o, "<a href=\"#b");
            put_uint(o, c->rule_first[k][r]);
            puts_(o, "\">#");
            put_uint(o, c->rule_first[k][r]);
            puts_(o, "</a>");
        }
        puts_(o, "</td></tr>\n");
    }
    if (!n)
        puts_(o, "<tr><td colspan=\"5\">The page has no text blocks.</td></tr>\n");
    puts_(o, "</table>\n</section>\n");
}

static void put_list(xo *o, xtext *scratch, const char *const *items, size_t count)
{
    puts_(o, "<ul>");
    for (size_t i = 0; i < count && i < EXPLAIN_LIST_ITEMS; i++) {
        puts_(o, "<li>");
        put_value(o, scratch, items[i] ? items[i] : "", EXPLAIN_VALUE_BYTES);
        puts_(o, "</li>");
    }
    if (count > EXPLAIN_LIST_ITEMS) {
        puts_(o, "<li>… ");
        put_uint(o, count - EXPLAIN_LIST_ITEMS);
        puts_(o, " more</li>");
    }
    puts_(o, "</ul>");
}

static void put_image(xo *o, xtext *scratch, const pith_image *im)
{
    put_value(o, scratch, im->url ? im->url : "(no URL)", EXPLAIN_VALUE_BYTES);
    static const char *const labels[] = {"alt", "caption", "credit"};
    const char *values[] = {im->alt, im->caption, im->credit};
    for (size_t i = 0; i < 3; i++) {
        if (!values[i])
            continue;
        puts_(o, "<br><span class=\"i\">");
        puts_(o, labels[i]);
        puts_(o, ":</span> ");
        put_value(o, scratch, values[i], EXPLAIN_VALUE_BYTES);
    }
}

/* Whether field f holds a value, and writes it when `write` is set. */
static int put_field(xo *o, xtext *scratch, const pith_record *r, int f, int write)
{
    const char *s = NULL;
    switch (f) {
    case MF_URL:
        s = r->url;
        break;
    case MF_CANONICAL_URL:
        s = r->canonical_url;
        break;
    case MF_TITLE:
        s = r->title;
        break;
    case MF_KICKER:
        s = r->kicker;
        break;
    case MF_SUBTITLE:
        s = r->subtitle;
        break;
    case MF_DESCRIPTION:
        s = r->description;
        break;
    case MF_DATE_PUBLISHED:
        s = r->date_published;
        break;
    case MF_DATE_MODIFIED:
        s = r->date_modified;
        break;
    case MF_SITE_NAME:
        s = r->site_name;
        break;
    case MF_LANGUAGE:
        s = r->language;
        break;
    case MF_LICENSE:
        s = r->license;
        break;
    case MF_ENCODING:
        s = r->encoding;
        break;
    case MF_AUTHORS:
    case MF_CATEGORIES:
    case MF_TAGS: {
        const char *const *items = f == MF_AUTHORS ? r->authors
                                   : f == MF_TAGS  ? r->tags
                                                   : r->categories;
        size_t count = f == MF_AUTHORS ? r->author_count
                       : f == MF_TAGS  ? r->tag_count
                                       : r->category_count;
        if (count && items && write)
            put_list(o, scratch, items, count);
        return count && items;
    }
    case MF_IMAGE:
        if (r->image.url && write)
            put_image(o, scratch, &r->image);
        return r->image.url != NULL;
    case MF_FIGURES:
        if (r->figure_count && r->figures && write) {
            puts_(o, "<ul>");
            for (size_t i = 0; i < r->figure_count && i < EXPLAIN_LIST_ITEMS; i++) {
                puts_(o, "<li>");
                put_image(o, scratch, &r->figures[i]);
                puts_(o, "</li>");
            }
            if (r->figure_count > EXPLAIN_LIST_ITEMS) {
                puts_(o, "<li>… ");
                put_uint(o, r->figure_count - EXPLAIN_LIST_ITEMS);
                puts_(o, " more</li>");
            }
            puts_(o, "</ul>");
        }
        return r->figure_count && r->figures;
    case MF_WORD_COUNT:
        if (r->word_count && write)
            put_uint(o, r->word_count);
        return r->word_count > 0;
    case MF_READING_TIME:
        if (r->reading_time_minutes > 0 && write) {
            put_uint(o, (unsigned)r->reading_time_minutes);
            puts_(o, " min");
        }
        return r->reading_time_minutes > 0;
    case MF_IS_ARTICLE:
        if (write)
            put_fixed(o, r->is_article, 2);
        return 1;
    default:
        return 0;
    }
    if (s && write)
        put_value(o, scratch, s, EXPLAIN_VALUE_BYTES);
    return s != NULL;
}

static void put_record(xo *o, xtext *scratch, const render_doc *rd)
{
    const meta_record *rec = rd->record;
    const pith_record *r = &rec->pub;
    puts_(o, "<section id=\"record\"><h2>Record</h2>\n<table>\n<tr><th>field</th><th>value</th>"
             "<th>source</th></tr>\n");
    for (int f = 0; f < MF__COUNT; f++) {
        int present = put_field(o, scratch, r, f, 0);
        puts_(o, present ? "<tr><td class=\"f\">" : "<tr class=\"absent\"><td class=\"f\">");
        puts_(o, meta_field_name((enum meta_field)f));
        puts_(o, "</td><td class=\"val\">");
        if (present)
            put_field(o, scratch, r, f, 1);
        else
            puts_(o, "—");
        puts_(o, "</td><td class=\"src\">");
        /* The language and the encoding say how they were decided in
         * words of their own (pith.h). */
        const char *src = f == MF_LANGUAGE && r->language_source ? r->language_source
                          : f == MF_ENCODING                     ? r->encoding_source
                                             : meta_source_name((meta_source)rec->sources[f]);
        if (present && src)
            put_value(o, scratch, src, EXPLAIN_DESC_BYTES);
        puts_(o, "</td></tr>\n");
    }
    puts_(o, "</table>\n</section>\n");
}

/* The element a decider names: a rule on a text node is on a run of an
 * element's phrasing children kept as a paragraph, named by the element. */
static node_id deciding_element(const tree_doc *d, node_id decider)
{
    return decider && tree_kind(d, decider) != TREE_ELEMENT ? tree_parent(d, decider) : decider;
}

/* The decision shared by a run of blocks: the badge, the rule, the
 * element whose rule it is and the nearest score. */
static void put_group_open(xo *o, xtext *scratch, const xwalk *x)
{
    const render_doc *rd = x->rd;
    int k = x->at.keep;
    unsigned rule = block_rule(x);
    const char *phrase = rule_phrase(k, rule);
    puts_(o, k ? "<div class=\"g k\"><div class=\"gh\"><span class=\"badge k\">KEPT</span> "
               : "<div class=\"g d\"><div class=\"gh\"><span class=\"badge d\">DROPPED</span> ");
    puts_(o, "<span class=\"r\">");
    put_esc(o, phrase, strlen(phrase));
    puts_(o, "</span>");
    node_id by = deciding_element(rd->tree, x->at.decider);
    if (by != x->at.decider) {
        puts_(o, " <span class=\"i\">by text in</span> <code>");
        put_element(o, scratch, rd->tree, by);
        puts_(o, "</code>");
    } else if (by) {
        puts_(o, " <span class=\"i\">by</span> <code>");
        put_element(o, scratch, rd->tree, by);
        puts_(o, "</code>");
    }
    if (x->at.scored) {
        puts_(o, " <span class=\"i\">· score</span> ");
        put_fixed(o, rd->scores[x->at.scored], 1);
        if (x->at.scored != by) {
            puts_(o, " <span class=\"i\">of</span> <code>");
            put_element(o, scratch, rd->tree, x->at.scored);
            puts_(o, "</code>");
        }
    }
    puts_(o, "</div>\n");
}

/* Cuts a preview at a space when one is near the end, else at a character
 * boundary. A block not much longer than a preview is shown whole: hiding
 * its last line behind a click helps nobody. */
static size_t preview_len(const char *s, size_t len)
{
    if (len <= EXPLAIN_PREVIEW_BYTES + EXPLAIN_PREVIEW_BYTES / 2)
        return len;
    size_t cut = EXPLAIN_PREVIEW_BYTES;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    for (size_t i = cut; i > EXPLAIN_PREVIEW_BYTES - 60; i--) {
        if (s[i] == ' ')
            return i;
    }
    return cut;
}

/* One block: its number, its element and link density, its text (long
 * ones cut, the rest in a <details>). */
static void put_block(xo *o, xtext *scratch, const xwalk *x, uint32_t index)
{
    const tree_doc *d = x->rd->tree;
    const xtext *t = &x->text;
    puts_(o, "<div class=\"b\" id=\"b");
    put_uint(o, index);
    puts_(o, "\"><div class=\"m\">#");
    put_uint(o, index);
    node_id box = x->at.container;
    size_t len = 0;
    const char *name = box ? tree_tag_name(d, tree_tag(d, box), &len) : NULL;
    if (len) {
        puts_(o, " <span class=\"i\">");
        text_reset(scratch, EXPLAIN_DESC_BYTES);
        if (text_append(scratch, name, len, 0))
            o->status = PITH_ERR_NOMEM;
        put_text(o, scratch);
        puts_(o, "</span>");
    }
    if (t->link_chars) {
        puts_(o, " <span class=\"ld\">links ");
        put_uint(o, (t->link_chars * 100ull + t->chars / 2) / t->chars);
        puts_(o, "%</span>");
    }
    puts_(o, "</div>");
    int heading = box && (tree_tag_flags(tree_tag(d, box)) & TF_HEADING);
    puts_(o, heading ? "<div class=\"t h\">" : "<div class=\"t\">");
    size_t cut = preview_len(t->text.data, t->text.len);
    if (cut == t->text.len) {
        put_text(o, t);
        puts_(o, "</div></div>\n");
        return;
    }
    puts_(o, "<details><summary>");
    put_esc(o, t->text.data, cut);
    puts_(o, " <span class=\"more\">… ");
    put_uint(o, t->bytes - cut);
    puts_(o, " more bytes</span></summary>");
    put_esc(o, t->text.data + cut, t->text.len - cut);
    if (t->bytes > t->text.len) {
        puts_(o, " <span class=\"i\">[… ");
        put_uint(o, t->bytes - t->text.len);
        puts_(o, " bytes not shown]</span>");
    }
    puts_(o, "</details></div></div>\n");
}

static void put_main_open(xo *o, xtext *scratch, const render_doc *rd, node_id n, int first)
{
    puts_(o, first ? "<div class=\"main\" id=\"main\"><div class=\"lbl\">main container "
                   : "<div class=\"main\"><div class=\"lbl\">main container ");
    puts_(o, "<code>");
    put_element(o, scratch, rd->tree, n);
    puts_(o, "</code>");
    if (rd->scores && rd->scores[n] != 0.0f) {
        puts_(o, " · score ");
        put_fixed(o, rd->scores[n], 1);
    }
    puts_(o, " · ");
    put_esc(o, ext_rule_name(rd->rules[n]), strlen(ext_rule_name(rd->rules[n])));
    puts_(o, "</div>\n");
}

/* The blocks in document order. Consecutive blocks with one decision (the
 * same mark, deciding element and scored ancestor) share a group whose
 * header says it once: a cookie layer of twenty blocks reads as one
 * decision, not twenty. */
static void put_blocks(xo *o, xtext *scratch, xwalk *x, const xcounts *c)
{
    puts_(o,
          "<section id=\"blocks\"><h2>Blocks</h2>\n"
          "<input type=\"checkbox\" id=\"hk\" hidden><input type=\"checkbox\" id=\"hd\" hidden>\n"
          "<div class=\"filters\"><label for=\"hk\">hide kept</label>"
          "<label for=\"hd\">hide dropped</label><span class=\"legend\">"
          "<span class=\"badge k\">KEPT</span> in the article · "
          "<span class=\"badge d\">DROPPED</span> left out · "
          "blue frame: the main container · “by”: the element whose rule decided</span>"
          "</div>\n<div id=\"list\">\n");
    const tree_doc *d = x->rd->tree;
    walk_init(x, x->rd);
    uint32_t index = 0, mains = 0;
    int in_main = 0, in_group = 0, e;
    xstate group = {0};
    while (o->status == PITH_OK && (e = walk_next(x)) != XE_END) {
        if (e != XE_BLOCK) {
            if (in_group)
                puts_(o, "</div>\n");
            in_group = 0;
            if (e == XE_MAIN_OPEN && index < c->shown) {
                put_main_open(o, scratch, x->rd, x->main, mains++ == 0);
                in_main = 1;
            } else if (e == XE_MAIN_CLOSE && in_main) {
                puts_(o, "</div>\n");
                in_main = 0;
            }
            continue;
        }
        if (index >= c->shown)
            break;
        if (in_group &&
            (group.keep != x->at.keep || group.scored != x->at.scored ||
             rule_of(x->rd, group.decider) != block_rule(x) ||
             deciding_element(d, group.decider) != deciding_element(d, x->at.decider))) {
            puts_(o, "</div>\n");
            in_group = 0;
        }
        if (!in_group) {
            put_group_open(o, scratch, x);
            group = x->at;
            in_group = 1;
        }
        put_block(o, scratch, x, ++index);
    }
    if (x->nomem)
        o->status = PITH_ERR_NOMEM;
    if (in_group)
        puts_(o, "</div>\n");
    if (in_main)
        puts_(o, "</div>\n");
    puts_(o, "</div>\n<p class=\"note\">");
    uint32_t total = c->blocks[0] + c->blocks[1];
    if (total > c->shown) {
        put_uint(o, total - c->shown);
        puts_(o, " more blocks not shown: this view shows at most ");
        put_uint(o, EXPLAIN_MAX_BLOCKS);
        puts_(o, " blocks and ");
        put_uint(o, EXPLAIN_MAX_TEXT_BYTES >> 20);
        puts_(o, " MiB of text. The counts above cover every block.");
    } else {
        puts_(o, "End of the page: ");
        put_uint(o, total);
        puts_(o, " blocks.");
    }
    puts_(o, "</p>\n</section>\n");
}

pith_status render_explain(const render_doc *rd, pith_write_fn write, void *user)
{
    if (!rd || !rd->tree || !rd->record || !write)
        return PITH_ERR_INVALID;
    xo o = {.write = write, .user = user, .status = PITH_OK};
    xwalk x = {.rd = rd};
    xtext scratch = {.cap = 0};
    xcounts *c = malloc(sizeof *c);
    if (!c || count_blocks(&x, c)) {
        o.status = PITH_ERR_NOMEM;
    } else {
        put_head(&o, &scratch, rd, c);
        puts_(&o, "<div class=\"top\">\n");
        put_decisions(&o, c);
        put_record(&o, &scratch, rd);
        puts_(&o, "</div>\n");
        put_blocks(&o, &scratch, &x, c);
        puts_(&o, "</body>\n</html>\n");
        flush(&o);
    }
    free(c);
    walk_free(&x);
    buf_free(&scratch.text);
    buf_free(&o.out);
    return o.status;
}
