/* render-explain.c — writes the -f explain page of one HTML file to
 * stdout through the public API, for tests/browser/run while the CLI may
 * not know -f explain yet.
 *
 *     render-explain PAGE.html [URL] > explain.html
 */
#include <stdio.h>
#include <stdlib.h>

#include "pith.h"

static int to_stdout(const char *data, size_t len, void *user)
{
    return fwrite(data, 1, len, user) == len ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: render-explain PAGE.html [URL]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    char *bytes = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len == cap) {
            cap = cap ? cap * 2 : 1 << 16;
            char *grown = realloc(bytes, cap);
            if (!grown) {
                fprintf(stderr, "render-explain: out of memory\n");
                return 1;
            }
            bytes = grown;
        }
        got = fread(bytes + len, 1, cap - len, f);
        len += got;
    } while (got);
    fclose(f);
    pith_extractor *ex = NULL;
    const pith_doc *doc = NULL;
    pith_input in = {.url = argc == 3 ? argv[2] : NULL, .name = argv[1]};
    pith_status st = pith_extractor_new(NULL, &ex);
    if (st == PITH_OK)
        st = pith_extract(ex, bytes, len, &in, &doc);
    if (st == PITH_OK)
        st = pith_render(doc, PITH_FORMAT_EXPLAIN, to_stdout, stdout);
    if (st != PITH_OK)
        fprintf(stderr, "render-explain: %s: %s %s\n", argv[1], pith_strerror(st),
                ex ? pith_extractor_error(ex) : "");
    pith_extractor_free(ex);
    free(bytes);
    return st == PITH_OK && fflush(stdout) == 0 ? 0 : 1;
}
