/* text.c — the plain-text renderer: the article's words laid out in
 * paragraphs, with nothing of HTML or Markdown in them (render.h). */
#include "render/render_int.h"

static int text_enter(rd *r, node_id n, unsigned tag)
{
    lay *L = &r->L;
    rd_frame *f;
    switch (tag) {
    case TAG_BR:
        lay_break(L, LAY_HARD);
        return 1;
    case TAG_UL:
    case TAG_OL:
    case TAG_MENU:
    case TAG_DIR:
        rd_list_enter(r, n, tag);
        return 1;
    case TAG_LI:
        rd_item_enter(r, n);
        return 1;
    case TAG_PRE:
    case TAG_LISTING:
    case TAG_XMP:
    case TAG_PLAINTEXT:
        lay_break(L, LAY_PARA);
        if (!lay_no_blocks(L) && rd_push(r, n, RD_OTHER))
            lay_verbatim_begin(L);
        return 1;
    case TAG_H1:
    case TAG_H2:
    case TAG_H3:
    case TAG_H4:
    case TAG_H5:
    case TAG_H6:
        lay_break(L, LAY_PARA);
        if (rd_push(r, n, RD_OTHER))
            L->flatten++;
        return 1;
    case TAG_TABLE:
        return rd_table_enter(r, n);
    case TAG_TR:
        if (rd_row_enter(r, n))
            lay_break(L, LAY_LINE);
        else
            rd_block(r, tag);
        return 1;
    case TAG_TD:
    case TAG_TH:
        if (r->row >= 0 && (f = rd_push(r, n, RD_CELL))) {
            uint32_t skipped, width;
            rd_cell_place(r, n, &skipped, &width);
            /* " | " between cells with text; empty cells leave no trace,
             * which a reader of text wants more than aligned columns. */
            if (lay_mark(L) != rd_frame_at(r, r->row)->mark) {
                lay_space(L);
                f->pushed_inline = (uint8_t)lay_push_inline(L, "| ", 2, "", 0);
            }
            L->flatten++;
        } else {
            rd_block(r, tag);
        }
        return 1;
    }
    rd_block(r, tag);
    return 1;
}

static void text_exit(rd *r, node_id n, unsigned tag)
{
    lay *L = &r->L;
    rd_frame *f = rd_frame_of(r, n);
    switch (tag) {
    case TAG_UL:
    case TAG_OL:
    case TAG_MENU:
    case TAG_DIR:
        rd_list_exit(r, n);
        return;
    case TAG_LI:
        rd_item_exit(r, n);
        return;
    case TAG_PRE:
    case TAG_LISTING:
    case TAG_XMP:
    case TAG_PLAINTEXT:
        if (f)
            lay_verbatim_end(L);
        lay_break(L, LAY_PARA);
        return;
    case TAG_H1:
    case TAG_H2:
    case TAG_H3:
    case TAG_H4:
    case TAG_H5:
    case TAG_H6:
        if (f)
            L->flatten--;
        lay_break(L, LAY_PARA);
        return;
    case TAG_TABLE:
        rd_table_exit(r, n);
        return;
    case TAG_TR:
        if (f && f->kind == RD_ROW) {
            rd_row_rest(r);
            rd_row_exit(r, n);
            lay_break(L, LAY_LINE);
            return;
        }
        break;
    case TAG_TD:
    case TAG_TH:
        if (f && f->kind == RD_CELL) {
            L->flatten--;
            if (f->pushed_inline)
                lay_pop_inline(L);
            return;
        }
        break;
    }
    rd_block(r, tag);
}

static const rd_format text_format = {
    .hard_break = "\n",
    .commonmark = 0,
    .setup = NULL,
    .enter = text_enter,
    .exit = text_exit,
};

pith_status render_text(const tree_doc *doc, const uint8_t *marks, const render_options *opt,
                        pith_write_fn write, void *user)
{
    return rd_run(doc, marks, opt, &text_format, write, user);
}
