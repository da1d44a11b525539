#include "tree/serialize.h"

#include <stdlib.h>
#include <string.h>

enum ns { NS_HTML, NS_SVG, NS_MATH };

/* The serializer's stack entry: an enum ns, and this flag. */
enum { NS_MASK = 3, TEMPLATE_CONTENT = 4 };

typedef struct name_map {
    const char *lower, *spec;
} name_map;

/* HTML § 13.2.6.5 "any other start tag" in foreign content: the SVG tag
 * name adjustments. Sorted by the lowercase name. */
static const name_map svg_tags[] = {
    {"altglyph", "altGlyph"},
    {"altglyphdef", "altGlyphDef"},
    {"altglyphitem", "altGlyphItem"},
    {"animatecolor", "animateColor"},
    {"animatemotion", "animateMotion"},
    {"animatetransform", "animateTransform"},
    {"clippath", "clipPath"},
    {"feblend", "feBlend"},
    {"fecolormatrix", "feColorMatrix"},
    {"fecomponenttransfer", "feComponentTransfer"},
    {"fecomposite", "feComposite"},
    {"feconvolvematrix", "feConvolveMatrix"},
    {"fediffuselighting", "feDiffuseLighting"},
    {"fedisplacementmap", "feDisplacementMap"},
    {"fedistantlight", "feDistantLight"},
    {"fedropshadow", "feDropShadow"},
    {"feflood", "feFlood"},
    {"fefunca", "feFuncA"},
    {"fefuncb", "feFuncB"},
    {"fefuncg", "feFuncG"},
    {"fefuncr", "feFuncR"},
    {"fegaussianblur", "feGaussianBlur"},
    {"feimage", "feImage"},
    {"femerge", "feMerge"},
    {"femergenode", "feMergeNode"},
    {"femorphology", "feMorphology"},
    {"feoffset", "feOffset"},
    {"fepointlight", "fePointLight"},
    {"fespecularlighting", "feSpecularLighting"},
    {"fespotlight", "feSpotLight"},
    {"fetile", "feTile"},
    {"feturbulence", "feTurbulence"},
    {"foreignobject", "foreignObject"},
    {"glyphref", "glyphRef"},
    {"lineargradient", "linearGradient"},
    {"radialgradient", "radialGradient"},
    {"textpath", "textPath"},
};

/* HTML § 13.2.6.1 "adjust SVG attributes", "adjust MathML attributes" and
 * "adjust foreign attributes" (printed with the namespace designator the
 * format uses, a space for the colon). Sorted by the lowercase name. */
static const name_map svg_attrs[] = {
    {"attributename", "attributeName"},
    {"attributetype", "attributeType"},
    {"basefrequency", "baseFrequency"},
    {"baseprofile", "baseProfile"},
    {"calcmode", "calcMode"},
    {"clippathunits", "clipPathUnits"},
    {"diffuseconstant", "diffuseConstant"},
    {"edgemode", "edgeMode"},
    {"filterunits", "filterUnits"},
    {"glyphref", "glyphRef"},
    {"gradienttransform", "gradientTransform"},
    {"gradientunits", "gradientUnits"},
    {"kernelmatrix", "kernelMatrix"},
    {"kernelunitlength", "kernelUnitLength"},
    {"keypoints", "keyPoints"},
    {"keysplines", "keySplines"},
    {"keytimes", "keyTimes"},
    {"lengthadjust", "lengthAdjust"},
    {"limitingconeangle", "limitingConeAngle"},
    {"markerheight", "markerHeight"},
    {"markerunits", "markerUnits"},
    {"markerwidth", "markerWidth"},
    {"maskcontentunits", "maskContentUnits"},
    {"maskunits", "maskUnits"},
    {"numoctaves", "numOctaves"},
    {"pathlength", "pathLength"},
    {"patterncontentunits", "patternContentUnits"},
    {"patterntransform", "patternTransform"},
    {"patternunits", "patternUnits"},
    {"pointsatx", "pointsAtX"},
    {"pointsaty", "pointsAtY"},
    {"pointsatz", "pointsAtZ"},
    {"preservealpha", "preserveAlpha"},
    {"preserveaspectratio", "preserveAspectRatio"},
    {"primitiveunits", "primitiveUnits"},
    {"refx", "refX"},
    {"refy", "refY"},
    {"repeatcount", "repeatCount"},
    {"repeatdur", "repeatDur"},
    {"requiredextensions", "requiredExtensions"},
    {"requiredfeatures", "requiredFeatures"},
    {"specularconstant", "specularConstant"},
    {"specularexponent", "specularExponent"},
    {"spreadmethod", "spreadMethod"},
    {"startoffset", "startOffset"},
    {"stddeviation", "stdDeviation"},
    {"stitchtiles", "stitchTiles"},
    {"surfacescale", "surfaceScale"},
    {"systemlanguage", "systemLanguage"},
    {"tablevalues", "tableValues"},
    {"targetx", "targetX"},
    {"targety", "targetY"},
    {"textlength", "textLength"},
    {"viewbox", "viewBox"},
    {"viewtarget", "viewTarget"},
    {"xchannelselector", "xChannelSelector"},
    {"ychannelselector", "yChannelSelector"},
    {"zoomandpan", "zoomAndPan"},
};

static const name_map foreign_attrs[] = {
    {"definitionurl", "definitionURL"}, /* MathML only; checked below */
    {"xlink:actuate", "xlink actuate"}, {"xlink:arcrole", "xlink arcrole"},
    {"xlink:href", "xlink href"},       {"xlink:role", "xlink role"},
    {"xlink:show", "xlink show"},       {"xlink:title", "xlink title"},
    {"xlink:type", "xlink type"},       {"xml:lang", "xml lang"},
    {"xml:space", "xml space"},         {"xmlns", "xmlns"},
    {"xmlns:xlink", "xmlns xlink"},
};

/* The spec name for s[0..len) in a sorted map, or NULL. */
static const char *map_find(const name_map *m, size_t count, const char *s, size_t len)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t mlen = strlen(m[mid].lower);
        int c = memcmp(s, m[mid].lower, len < mlen ? len : mlen);
        if (!c)
            c = len < mlen ? -1 : len > mlen;
        if (!c)
            return m[mid].spec;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int name_is(const char *s, size_t len, const char *lit)
{
    return strlen(lit) == len && !memcmp(s, lit, len);
}

/* The namespace of an element named `name` whose parent is in `parent_ns`
 * with the name `parent`: HTML § 13.2.6.5 puts everything under <svg> or
 * <math> in that namespace, except below the HTML integration points
 * (§ 13.2.6.1 "HTML integration point", "MathML text integration point"). */
static enum ns child_ns(enum ns parent_ns, const char *parent, size_t plen, const char *name,
                        size_t len)
{
    if (parent_ns == NS_SVG && (name_is(parent, plen, "foreignobject") ||
                                name_is(parent, plen, "desc") || name_is(parent, plen, "title")))
        parent_ns = NS_HTML;
    if (parent_ns == NS_MATH &&
        (name_is(parent, plen, "mi") || name_is(parent, plen, "mo") ||
         name_is(parent, plen, "mn") || name_is(parent, plen, "ms") ||
         name_is(parent, plen, "mtext") || name_is(parent, plen, "annotation-xml")))
        parent_ns = NS_HTML;
    if (parent_ns == NS_HTML) {
        if (name_is(name, len, "svg"))
            return NS_SVG;
        if (name_is(name, len, "math"))
            return NS_MATH;
    }
    return parent_ns;
}

typedef struct shown_attr {
    const char *name, *value;
    size_t name_len, value_len;
} shown_attr;

static int shown_attr_cmp(const void *a, const void *b)
{
    const shown_attr *x = a, *y = b;
    size_t n = x->name_len < y->name_len ? x->name_len : y->name_len;
    int c = memcmp(x->name, y->name, n);
    if (c)
        return c;
    return x->name_len < y->name_len ? -1 : x->name_len > y->name_len;
}

static int indent(buf *out, size_t depth)
{
    if (buf_append(out, "| ", 2))
        return -1;
    for (size_t i = 0; i < depth; i++) {
        if (buf_append(out, "  ", 2))
            return -1;
    }
    return 0;
}

static int put_attrs(buf *out, const tree_doc *d, node_id n, enum ns ns, size_t depth,
                     shown_attr **scratch, size_t *scratch_cap)
{
    const tree_node *x = tree_node_at(d, n);
    if (!x->attr_count)
        return 0;
    if (x->attr_count > *scratch_cap) {
        shown_attr *p = realloc(*scratch, x->attr_count * sizeof *p);
        if (!p)
            return -1;
        *scratch = p;
        *scratch_cap = x->attr_count;
    }
    shown_attr *s = *scratch;
    for (uint32_t i = 0; i < x->attr_count; i++) {
        const tree_attr *a = tree_attr_at(d, x->attr_first + i);
        const char *name = d->chars.data + a->name_off;
        const char *spec = NULL;
        if (ns == NS_SVG)
            spec = map_find(svg_attrs, COUNT(svg_attrs), name, a->name_len);
        if (!spec && ns != NS_HTML) {
            spec = map_find(foreign_attrs, COUNT(foreign_attrs), name, a->name_len);
            if (spec && ns != NS_MATH && !strcmp(spec, "definitionURL"))
                spec = NULL;
        }
        s[i].name = spec ? spec : name;
        s[i].name_len = spec ? strlen(spec) : a->name_len;
        s[i].value = d->chars.data + a->value_off;
        s[i].value_len = a->value_len;
    }
    qsort(s, x->attr_count, sizeof *s, shown_attr_cmp);
    for (uint32_t i = 0; i < x->attr_count; i++) {
        if (indent(out, depth) || buf_append(out, s[i].name, s[i].name_len) ||
            buf_append(out, "=\"", 2) || buf_append(out, s[i].value, s[i].value_len) ||
            buf_append(out, "\"\n", 2))
            return -1;
    }
    return 0;
}

static int put_element(buf *out, const tree_doc *d, node_id n, enum ns ns, size_t depth)
{
    size_t len;
    const char *name = tree_tag_name(d, tree_tag(d, n), &len);
    const char *spec = ns == NS_SVG ? map_find(svg_tags, COUNT(svg_tags), name, len) : NULL;
    if (indent(out, depth) || buf_append_char(out, '<'))
        return -1;
    if (ns == NS_SVG && buf_append(out, "svg ", 4))
        return -1;
    if (ns == NS_MATH && buf_append(out, "math ", 5))
        return -1;
    if (spec ? buf_append_str(out, spec) : buf_append(out, name, len))
        return -1;
    return buf_append(out, ">\n", 2);
}

/* <!DOCTYPE name "public" "system">, the ids only when one is non-empty. */
static int put_doctype(buf *out, const tree_doc *d, node_id n, size_t depth)
{
    size_t len, plen = 0, slen = 0;
    const char *name = tree_text(d, n, &len);
    const char *pub = tree_doctype_id(d, n, 0, &plen);
    const char *sys = tree_doctype_id(d, n, 1, &slen);
    if (indent(out, depth) || buf_append(out, "<!DOCTYPE ", 10) || buf_append(out, name, len))
        return -1;
    if (plen || slen) {
        if (buf_append(out, " \"", 2) || buf_append(out, pub, plen) ||
            buf_append(out, "\" \"", 3) || buf_append(out, sys, slen) || buf_append_char(out, '"'))
            return -1;
    }
    return buf_append(out, ">\n", 2);
}

int tree_serialize_html5lib(const tree_doc *d, buf *out)
{
    /* Per open element, pushed on ENTER and popped on EXIT: its namespace,
     * and whether its children print under "content". The walk is
     * iterative; this is the only stack. */
    vec stack = {0};
    shown_attr *scratch = NULL;
    size_t scratch_cap = 0;
    size_t depth = 0;
    int rc = 0;
    tree_walker w;
    tree_walker_init(&w, d, 0);
    while (rc == 0 && tree_walker_step(&w)) {
        node_id n = w.node;
        const tree_node *x = tree_node_at(d, n);
        size_t len;
        const char *s;
        switch (x->kind) {
        case TREE_DOCUMENT:
            break;
        case TREE_ELEMENT: {
            if (!w.entering) {
                /* Every EXIT follows its ENTER, which pushed. */
                uint8_t top = stack.len ? VEC_AT(stack, uint8_t, stack.len - 1) : 0;
                stack.len -= stack.len ? 1 : 0;
                depth -= top & TEMPLATE_CONTENT ? 2 : 1;
                break;
            }
            enum ns pns =
                stack.len ? (enum ns)(VEC_AT(stack, uint8_t, stack.len - 1) & NS_MASK) : NS_HTML;
            size_t plen = 0;
            const char *pname = x->parent ? tree_tag_name(d, tree_tag(d, x->parent), &plen) : "";
            const char *name = tree_tag_name(d, x->tag, &len);
            enum ns ns = child_ns(pns, pname, plen, name, len);
            uint8_t *slot = vec_push(&stack, 1);
            if (!slot || put_element(out, d, n, ns, depth) ||
                put_attrs(out, d, n, ns, depth + 1, &scratch, &scratch_cap)) {
                rc = -1;
                break;
            }
            *slot = (uint8_t)ns;
            depth++;
            if (x->tag == TAG_TEMPLATE && ns == NS_HTML) {
                if (indent(out, depth) || buf_append(out, "content\n", 8))
                    rc = -1;
                *slot |= TEMPLATE_CONTENT;
                depth++;
            }
            break;
        }
        case TREE_TEXT:
            s = tree_text(d, n, &len);
            if (indent(out, depth) || buf_append_char(out, '"') || buf_append(out, s, len) ||
                buf_append(out, "\"\n", 2))
                rc = -1;
            break;
        case TREE_COMMENT:
            s = tree_text(d, n, &len);
            if (indent(out, depth) || buf_append(out, "<!-- ", 5) || buf_append(out, s, len) ||
                buf_append(out, " -->\n", 5))
                rc = -1;
            break;
        case TREE_DOCTYPE:
            rc = put_doctype(out, d, n, depth);
            break;
        }
    }
    vec_free(&stack);
    free(scratch);
    return rc;
}
