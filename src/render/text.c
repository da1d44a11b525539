/* text.c — PROVISIONAL plain-text renderer; the shared layout core replaces it. */
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "extract/extract.h"
#include "render/render.h"

typedef struct out {
    buf b;
    int pending_space;
    int pending_break; /* 0 none, 1 newline, 2 blank line */
    int at_start;
} out;

static int out_text(out *o, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t adv = 1;
        uint32_t cp = p[i] < 0x80 ? p[i] : utf8_decode(p + i, len - i, &adv);
        if (utf8_is_space(cp)) {
            o->pending_space = 1;
        } else {
            if (!o->at_start) {
                if (o->pending_break) {
                    if (buf_append(&o->b, o->pending_break == 2 ? "\n\n" : "\n", (size_t)o->pending_break))
                        return -1;
                } else if (o->pending_space && buf_append_char(&o->b, ' ')) {
                    return -1;
                }
            }
            o->at_start = 0;
            o->pending_break = 0;
            o->pending_space = 0;
            if (buf_append(&o->b, s + i, adv))
                return -1;
        }
        i += adv;
    }
    return 0;
}

static void out_break(out *o, int level)
{
    if (level > o->pending_break)
        o->pending_break = level;
}

pith_status render_text(const tree_doc *doc, const uint8_t *marks, const render_options *opt,
                        pith_write_fn write, void *user)
{
    (void)opt;
    out o;
    memset(&o, 0, sizeof o);
    o.at_start = 1;
    tree_walker w;
    tree_walker_init(&w, doc, 0);
    int keep_depth = 0; /* nesting of kept regions */
    vec stack = {0};   /* per open element: did it change keep state */
    pith_status st = PITH_OK;
    while (tree_walker_step(&w)) {
        node_id n = w.node;
        const tree_node *x = tree_node_at(doc, n);
        if (x->kind == TREE_ELEMENT) {
            unsigned fl = tree_tag_flags(x->tag);
            if (w.entering) {
                uint8_t m = marks[n];
                if (m == EXT_DROP || ((fl & TF_NEVER) && x->tag != TAG_NOSCRIPT) || (x->tag == TAG_TABLE && !opt->tables)) {
                    tree_walker_skip(&w);
                    uint8_t *s = vec_push(&stack, 1);
                    if (!s) { st = PITH_ERR_NOMEM; break; }
                    *s = 2;
                    continue;
                }
                uint8_t *s = vec_push(&stack, 1);
                if (!s) { st = PITH_ERR_NOMEM; break; }
                *s = (m == EXT_KEEP);
                if (m == EXT_KEEP)
                    keep_depth++;
                if (keep_depth && (fl & TF_BLOCK))
                    out_break(&o, (x->tag == TAG_TD || x->tag == TAG_TH) ? 0 : 2);
                if (keep_depth && x->tag == TAG_BR)
                    out_break(&o, 1);
            } else {
                uint8_t s = VEC_AT(stack, uint8_t, stack.len - 1);
                stack.len--;
                if (s == 2)
                    continue;
                if (keep_depth && (fl & TF_BLOCK))
                    out_break(&o, (x->tag == TAG_TD || x->tag == TAG_TH) ? 0 : 2);
                if ((x->tag == TAG_TD || x->tag == TAG_TH) && keep_depth)
                    o.pending_space = 1;
                if (s == 1)
                    keep_depth--;
            }
        } else if (x->kind == TREE_TEXT && keep_depth) {
            size_t len;
            const char *t = tree_text(doc, n, &len);
            if (out_text(&o, t, len)) { st = PITH_ERR_NOMEM; break; }
        }
    }
    if (st == PITH_OK && o.b.len) {
        if (buf_append_char(&o.b, '\n'))
            st = PITH_ERR_NOMEM;
        else if (write(o.b.data, o.b.len, user))
            st = PITH_ERR_WRITE;
    }
    vec_free(&stack);
    buf_free(&o.b);
    return st;
}

pith_status render_markdown(const tree_doc *doc, const uint8_t *marks, const render_options *opt,
                            pith_write_fn write, void *user)
{
    return render_text(doc, marks, opt, write, user);
}
