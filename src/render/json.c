/*
 * json.c — -f json: the record of one page as one JSON object on one
 * line, then "\n" (docs/record.md). Keys always appear, in a fixed order,
 * with pinned types: strings or null, lists always arrays, numbers.
 *
 * "text" and "markdown" are what -f text and -f markdown write, rendered
 * straight into the JSON string through the writer's string sink: no copy
 * of the article is held. With --comments, the comment sections (rule
 * ER_COMMENTS, extract.h) are taken out of both and rendered as text into
 * "comments" instead, so that corpus builders get the article alone.
 */
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "extract/extract.h"
#include "render/render.h"

/* The article's marks split in two when extraction kept comment sections:
 * the article without them, and them alone. Both NULL when there are
 * none (the marks are then used as they are). */
typedef struct split {
    uint8_t *article, *comments;
} split;

static int comment_root(const render_doc *rd, node_id n)
{
    return rd->rules[n] == ER_COMMENTS && rd->marks[n] == EXT_KEEP;
}

/* 0, or -1 when out of memory. */
static int split_comments(const render_doc *rd, split *s)
{
    s->article = s->comments = NULL;
    if (!rd->marks || !rd->rules)
        return 0;
    const tree_doc *d = rd->tree;
    uint32_t n = tree_node_count(d);
    node_id first = 0;
    for (node_id i = 1; i < n && !first; i++) {
        if (comment_root(rd, i))
            first = i;
    }
    if (!first)
        return 0;
    s->article = malloc(n);
    s->comments = calloc(n, 1); /* EXT_NONE: the document, and so all else, dropped */
    if (!s->article || !s->comments)
        return -1;
    memcpy(s->article, rd->marks, n);
    for (node_id i = first; i < n; i++) {
        if (!comment_root(rd, i))
            continue;
        node_id end = tree_next(d, 0, i, 1);
        if (!end)
            end = n;
        /* The section with the marks inside it (its dropped forms and
         * names stay dropped); the article loses it whole. */
        memcpy(s->comments + i, rd->marks + i, end - i);
        s->article[i] = EXT_DROP;
        i = end - 1;
    }
    return 0;
}

static void string_list(json_writer *w, const char *key, const char *const *items, size_t count)
{
    json_key(w, key, strlen(key));
    json_array_begin(w);
    for (size_t i = 0; i < count; i++)
        json_cstring(w, items[i]);
    json_array_end(w);
}

static void image_object(json_writer *w, const pith_image *img, const char *url_key)
{
    json_object_begin(w);
    json_member_cstring(w, url_key, img->url);
    if (!strcmp(url_key, "src")) /* figures carry their alt text */
        json_member_cstring(w, "alt", img->alt);
    json_member_cstring(w, "caption", img->caption);
    json_member_cstring(w, "credit", img->credit);
    json_object_end(w);
}

typedef pith_status (*render_fn)(const tree_doc *, const uint8_t *, const render_options *,
                                 pith_write_fn, void *);

/* A member whose value is a renderer's output, streamed into the string. */
static pith_status rendered_member(json_writer *w, const char *key, render_fn render,
                                   const render_doc *rd, const uint8_t *marks)
{
    json_key(w, key, strlen(key));
    json_string_begin(w);
    pith_status st = render(rd->tree, marks, &rd->opt, json_string_sink, w);
    json_string_end(w);
    /* A write failure here is the writer's own, which json_finish tells. */
    return st == PITH_ERR_WRITE ? PITH_OK : st;
}

static void write_record(json_writer *w, const meta_record *rec)
{
    const pith_record *r = &rec->pub;
    json_member_int(w, "schema_version", PITH_RECORD_SCHEMA_VERSION);
    json_member_cstring(w, "url", r->url);
    json_member_cstring(w, "canonical_url", r->canonical_url);
    json_member_cstring(w, "title", r->title);
    json_member_cstring(w, "kicker", r->kicker);
    json_member_cstring(w, "subtitle", r->subtitle);
    json_member_cstring(w, "description", r->description);
    string_list(w, "authors", r->authors, r->author_count);
    json_member_cstring(w, "date_published", r->date_published);
    json_member_cstring(w, "date_modified", r->date_modified);
    json_member_cstring(w, "site_name", r->site_name);
    json_member_cstring(w, "language", r->language);
    json_key(w, "image", 5);
    if (r->image.url)
        image_object(w, &r->image, "url");
    else
        json_null(w);
    json_key(w, "figures", 7);
    json_array_begin(w);
    for (size_t i = 0; i < r->figure_count; i++)
        image_object(w, &r->figures[i], "src");
    json_array_end(w);
    string_list(w, "categories", r->categories, r->category_count);
    string_list(w, "tags", r->tags, r->tag_count);
    json_member_cstring(w, "license", r->license);
    json_key(w, "word_count", 10);
    json_uint(w, r->word_count);
    json_member_int(w, "reading_time_minutes", r->reading_time_minutes);
    /* A confidence: three decimals say all it knows, without binary
     * noise (0.7000000000000001). */
    json_key(w, "is_article", 10);
    json_fixed(w, r->is_article, 3);
}

static void write_encoding_and_sources(json_writer *w, const meta_record *rec)
{
    json_key(w, "encoding", 8);
    json_object_begin(w);
    json_member_cstring(w, "name", rec->pub.encoding);
    json_member_cstring(w, "source", rec->pub.encoding_source);
    json_object_end(w);
    json_key(w, "sources", 7);
    json_object_begin(w);
    for (int f = 0; f < MF__COUNT; f++) {
        const char *source = meta_source_name((meta_source)rec->sources[f]);
        if (source)
            json_member_cstring(w, meta_field_name((enum meta_field)f), source);
    }
    json_object_end(w);
}

pith_status render_json(const render_doc *rd, pith_write_fn write, void *user)
{
    if (!rd || !rd->tree || !rd->record || !write)
        return PITH_ERR_INVALID;
    split s;
    if (split_comments(rd, &s)) {
        free(s.article);
        free(s.comments);
        return PITH_ERR_NOMEM;
    }
    const uint8_t *article = s.article ? s.article : rd->marks;
    json_writer w;
    json_init_sink(&w, write, user);
    json_object_begin(&w);
    write_record(&w, rd->record);
    pith_status st = PITH_OK;
    if (s.comments) {
        st = rendered_member(&w, "comments", render_text, rd, s.comments);
    } else {
        json_key(&w, "comments", 8);
        json_null(&w);
    }
    write_encoding_and_sources(&w, rd->record);
    if (st == PITH_OK)
        st = rendered_member(&w, "text", render_text, rd, article);
    if (st == PITH_OK)
        st = rendered_member(&w, "markdown", render_markdown, rd, article);
    json_object_end(&w);
    json_raw(&w, "\n", 1);
    int js = json_finish(&w);
    json_free(&w);
    free(s.article);
    free(s.comments);
    if (st != PITH_OK)
        return st;
    switch (js) {
    case JSON_OK:
        return PITH_OK;
    case JSON_ERR_NOMEM:
        return PITH_ERR_NOMEM;
    case JSON_ERR_WRITE:
        return PITH_ERR_WRITE;
    }
    return PITH_ERR_INVALID; /* a writer misuse: a bug here, never the page's */
}
