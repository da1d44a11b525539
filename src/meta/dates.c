/* dates.c — placeholder: the first hint wins, unchecked (being written). */
#include "meta/meta.h"

#include <string.h>

int meta_find_dates(const meta_input *in, const meta_date_hint *hints, size_t count, arena *a,
                    meta_record *rec)
{
    (void)in;
    for (size_t i = 0; i < count; i++) {
        const char **field = hints[i].modified ? &rec->pub.date_modified : &rec->pub.date_published;
        if (*field || !hints[i].value)
            continue;
        *field = arena_strndup(a, hints[i].value, strlen(hints[i].value));
        if (!*field)
            return -1;
        rec->sources[hints[i].modified ? MF_DATE_MODIFIED : MF_DATE_PUBLISHED] =
            (uint8_t)hints[i].source;
    }
    return 0;
}
