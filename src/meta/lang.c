/* lang.c — placeholder: <html lang> only (being written). */
#include "meta/meta.h"

#include <string.h>

int meta_find_language(const meta_input *in, const meta_lang_hint *hints, size_t count, arena *a,
                       meta_record *rec)
{
    (void)hints;
    (void)count;
    const tree_doc *d = in->doc;
    size_t len;
    const char *lang = d->html ? tree_attr_get(d, d->html, ATTR_LANG, &len) : NULL;
    if (lang && len) {
        rec->pub.language = arena_strndup(a, lang, len);
        if (!rec->pub.language)
            return -1;
        rec->sources[MF_LANGUAGE] = META_SRC_HTML_LANG;
        rec->pub.language_source = meta_source_name(META_SRC_HTML_LANG);
    }
    return 0;
}
