/*
 * render.h — the article out as bytes, through the caller's write callback.
 *
 * Renderers read the tree and the extraction marks; they never decide what
 * is content. Text and Markdown share one layout core (layout.h: blocks,
 * blank lines, prefixes, whitespace) and one walk (render_int.h); each
 * format adds its own markup.
 *
 * Both formats output exactly the text under effective EXT_KEEP
 * (extract.h), never that of TF_NEVER elements (scripts, styles, forms,
 * media; tags.def) except <noscript>, whose text extraction keeps when
 * script-built pages hold their article there and drops otherwise. The
 * output is UTF-8 ending in one newline (or nothing at all),
 * with no trailing spaces and no leading, trailing or doubled blank lines.
 * Inline elements never break a line; block elements (TF_BLOCK) always do,
 * so "a</div><div>b" is two paragraphs while "a</span><span>b" is "ab", as
 * a browser shows them. Whitespace is collapsed to single spaces (NBSP and
 * the other Unicode spaces included; other characters, soft hyphens and
 * zero-width spaces among them, are kept) except inside <pre>, which keeps
 * its lines and indentation (trailing spaces and leading/trailing blank
 * lines aside).
 *
 * Text (render_text), for reading and for corpora:
 *   - paragraphs, headings, quotes, <pre> and tables are separated by one
 *     blank line; <br> ends a line, two <br> in a row end a paragraph;
 *   - list items are lines of their own, "- " for unordered and "1. " for
 *     ordered lists (numbered from start= and value=), nested lists
 *     indented to their parent item's text;
 *   - a data table is one line per row, its non-empty cells joined by
 *     " | "; a layout table (nested tables, one column, or cells holding
 *     headings, quotes, <pre> or several paragraphs) renders its cells as
 *     paragraphs;
 *   - captions, <figcaption>, <dt> and <dd> are lines of their own;
 *   - no markup: no heading marks, no emphasis, no quote prefixes, no
 *     image alt text, no URLs.
 *
 * Markdown (render_markdown): CommonMark with GFM pipe tables. ATX
 * headings; *emphasis* and **strong**; `code` spans and fenced code blocks
 * (```lang from class="language-x") with fences longer than any backtick
 * run inside; nested "- " and "1. " lists; "> " quotes, nested; pipe tables
 * with the first row as header, cells on one line with | escaped; "---"
 * for <hr>; [text](href) when links is set and ![alt](src) when images is
 * set, resolved against the base URL (the page's <base href> first), src
 * taken from data-src and the like when src is a placeholder or data: URI.
 * Characters that would read as markup are backslash-escaped where, and
 * only where, they would (a "1." or "#" starting a line, "*", "_" at word
 * edges, "](", "`", "<tag", "&name;"...). <br> is a backslash hard break.
 */
#ifndef PITH_RENDER_H
#define PITH_RENDER_H

#include "pith.h"
#include "meta/meta.h"
#include "tree/tree.h"

typedef struct render_options {
    int links;            /* Markdown: [text](href) */
    int images;           /* Markdown: ![alt](src) */
    int tables;           /* tables are rendered (else skipped) */
    const char *base_url; /* resolves relative href/src; may be NULL */
} render_options;

/* Renders the nodes under effective EXT_KEEP (extract.h) of doc; marks
 * holds one mark per node, or is NULL to render the whole document. Output
 * goes to write in chunks of up to 64 KiB. The tree is only read.
 * Returns PITH_OK, PITH_ERR_WRITE when write returned nonzero (nothing is
 * written after that), or PITH_ERR_NOMEM. */
pith_status render_text(const tree_doc *doc, const uint8_t *marks, const render_options *opt,
                        pith_write_fn write, void *user);
pith_status render_markdown(const tree_doc *doc, const uint8_t *marks, const render_options *opt,
                            pith_write_fn write, void *user);

/* Everything the record-level formats (JSON, HTML, explain) read. */
typedef struct render_doc {
    const tree_doc *tree;
    const uint8_t *marks;      /* enum ext_mark per node */
    const uint8_t *rules;      /* enum ext_rule per node (extract.h) */
    const float *scores;       /* candidates' content scores per node */
    const meta_record *record;
    render_options opt;
} render_doc;

/* -f json: one object on one line (then "\n"): the record's fields,
 * "sources", "text" and "markdown" (docs/record.md). */
pith_status render_json(const render_doc *rd, pith_write_fn write, void *user);
/* -f html: the article as a clean HTML5 document (html.c says what is
 * kept and how loose markup is repaired). */
pith_status render_html(const render_doc *rd, pith_write_fn write, void *user);
/* -f explain: one self-contained HTML page (inline style, no script, no
 * external resource) showing the page's text blocks in document order,
 * kept or dropped, each with the rule that decided (ext_rule_name), the
 * element carrying that rule, the nearest candidate's score and the link
 * density, the main container framed; above them the counts per rule and
 * the record's fields with their sources. Page text is escaped and
 * cleaned to valid UTF-8. At most EXPLAIN_MAX_BLOCKS blocks are shown
 * (and 2 MiB of their text); the page says how many more there were. */
#define EXPLAIN_MAX_BLOCKS 2000
pith_status render_explain(const render_doc *rd, pith_write_fn write, void *user);

#endif
