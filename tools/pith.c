/* pith.c — PROVISIONAL command-line tool: sequential, minimal options. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pith.h"

static int write_file(const char *data, size_t len, void *user)
{
    return fwrite(data, 1, len, (FILE *)user) == len ? 0 : -1;
}

static int read_all(const char *path, char **out, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f)
        return -1;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            b = realloc(b, cap);
        }
        size_t r = fread(b + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    if (f != stdin)
        fclose(f);
    *out = b;
    *len = n;
    return 0;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv)
{
    const char *outdir = NULL;
    pith_format fmt = PITH_FORMAT_TEXT;
    char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t ninputs = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--output-dir") && i + 1 < argc)
            outdir = argv[++i];
        else if (!strcmp(argv[i], "-j") && i + 1 < argc)
            i++;
        else if (!strncmp(argv[i], "-j", 2))
            ;
        else if (!strcmp(argv[i], "-f") && i + 1 < argc)
            fmt = !strcmp(argv[++i], "markdown") ? PITH_FORMAT_MARKDOWN : PITH_FORMAT_TEXT;
        else
            inputs[ninputs++] = argv[i];
    }
    size_t cap = 64, nfiles = 0;
    char **files = malloc(cap * sizeof *files);
    for (size_t i = 0; i < ninputs; i++) {
        struct stat st;
        if (!stat(inputs[i], &st) && S_ISDIR(st.st_mode)) {
            DIR *d = opendir(inputs[i]);
            struct dirent *e;
            size_t first = nfiles;
            while (d && (e = readdir(d))) {
                size_t l = strlen(e->d_name);
                if ((l > 5 && !strcmp(e->d_name + l - 5, ".html")) || (l > 4 && !strcmp(e->d_name + l - 4, ".htm"))) {
                    if (nfiles == cap)
                        files = realloc(files, (cap *= 2) * sizeof *files);
                    char *p = malloc(strlen(inputs[i]) + l + 2);
                    sprintf(p, "%s/%s", inputs[i], e->d_name);
                    files[nfiles++] = p;
                }
            }
            if (d)
                closedir(d);
            qsort(files + first, nfiles - first, sizeof *files, cmp);
        } else {
            if (nfiles == cap)
                files = realloc(files, (cap *= 2) * sizeof *files);
            files[nfiles++] = strdup(inputs[i]);
        }
    }
    pith_options opt = pith_options_default();
    pith_extractor *ex;
    if (pith_extractor_new(&opt, &ex) != PITH_OK)
        return 1;
    int rc = 0;
    for (size_t i = 0; i < nfiles; i++) {
        char *data;
        size_t len;
        if (read_all(files[i], &data, &len)) {
            fprintf(stderr, "pith: %s: %s\n", files[i], strerror(errno));
            rc = 1;
            continue;
        }
        const pith_doc *doc;
        pith_input in = {0};
        pith_status st = pith_extract(ex, data, len, &in, &doc);
        free(data);
        if (st != PITH_OK) {
            fprintf(stderr, "pith: %s: %s\n", files[i], pith_extractor_error(ex));
            rc = 1;
        }
        FILE *out = stdout;
        if (outdir) {
            const char *base = strrchr(files[i], '/');
            base = base ? base + 1 : files[i];
            char path[4096];
            size_t bl = strlen(base);
            if (bl > 5 && !strcmp(base + bl - 5, ".html"))
                bl -= 5;
            else if (bl > 4 && !strcmp(base + bl - 4, ".htm"))
                bl -= 4;
            snprintf(path, sizeof path, "%s/%.*s.%s", outdir, (int)bl, base, fmt == PITH_FORMAT_MARKDOWN ? "md" : "txt");
            out = fopen(path, "wb");
            if (!out) {
                rc = 1;
                continue;
            }
        }
        if (st == PITH_OK)
            pith_render(doc, fmt, write_file, out);
        if (out != stdout)
            fclose(out);
    }
    pith_extractor_free(ex);
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    free(inputs);
    return rc;
}
