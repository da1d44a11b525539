/* html.c — the clean HTML (being written; this placeholder refuses). */
#include "render/render.h"

pith_status render_html(const render_doc *rd, pith_write_fn write, void *user)
{
    (void)rd;
    (void)write;
    (void)user;
    return PITH_ERR_INVALID;
}
