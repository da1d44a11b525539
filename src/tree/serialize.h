/*
 * serialize.h — a tree as text in the html5lib tree-construction format
 * (html5lib-tests/tree-construction/README.md, the "#document" section),
 * shared by the unit tests and the html5lib runner so that both pin the
 * same thing.
 *
 *   | <html>
 *   |   <head>
 *   |   <body>
 *   |     <p>
 *   |       class="x"
 *   |       "text"
 *   |     <!-- comment -->
 *
 * One line per node, "| " then two spaces per ancestor below the document;
 * attributes on the lines after their element, one level deeper, sorted by
 * name; text in double quotes, unescaped (newlines stay). Every line ends
 * with "\n".
 *
 * The tree has no namespaces; the format wants them, so elements under
 * <svg> or <math> get the "svg "/"math " designator and the spec's SVG
 * camel-case names (HTML § 13.2.6.5, the SVG tag name table), and the
 * HTML integration points (foreignObject, desc, title; mi, mo, mn, ms,
 * mtext, annotation-xml) switch back to HTML for their children. The
 * tree has no template contents fragment either: the children of a
 * <template> are printed under a "content" line, as the format shows
 * template contents.
 */
#ifndef PITH_TREE_SERIALIZE_H
#define PITH_TREE_SERIALIZE_H

#include "core/buf.h"
#include "tree/tree.h"

/* Appends the html5lib form of the whole document to *out (not
 * NUL-terminated). Returns 0, or -1 when out of memory. */
int tree_serialize_html5lib(const tree_doc *doc, buf *out);

#endif
