/*
 * inputs.c — turns the command line's INPUT arguments into the list of
 * inputs the workers extract, and reads one input's bytes.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* ------------------------------------------------------------------------
 * cli_buf
 * ------------------------------------------------------------------------ */
int cli_buf_set_capacity(cli_buf *b, size_t cap)
{
    if (cap < b->len)
        return -1;
    char *data = realloc(b->data, cap ? cap : 1);
    if (!data)
        return -1;
    b->data = data;
    b->cap = cap;
    return 0;
}

int cli_buf_reserve(cli_buf *b, size_t extra)
{
    if (extra <= b->cap - b->len)
        return 0;
    if (extra > SIZE_MAX / 2 - b->len)
        return -1;
    /* at least double, so that appends stay linear */
    size_t cap = b->cap < 2048 ? 4096 : b->cap * 2;
    return cli_buf_set_capacity(b, cap < b->len + extra ? b->len + extra : cap);
}

int cli_buf_append(cli_buf *b, const void *data, size_t len)
{
    if (cli_buf_reserve(b, len))
        return -1;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    return 0;
}

void cli_buf_clear(cli_buf *b, size_t keep)
{
    b->len = 0;
    if (b->cap > keep) {
        free(b->data);
        b->data = NULL;
        b->cap = 0;
    }
}

void cli_buf_free(cli_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ------------------------------------------------------------------------
 * Expanding the command line
 * ------------------------------------------------------------------------ */
static char *copy_string(const char *s)
{
    size_t len = strlen(s) + 1;
    char *c = malloc(len);
    return c ? memcpy(c, s, len) : NULL;
}

static cli_input *add_input(cli_inputs *list)
{
    if (list->len == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        cli_input *items = realloc(list->items, cap * sizeof *items);
        if (!items)
            return NULL;
        list->items = items;
        list->cap = cap;
    }
    cli_input *in = &list->items[list->len++];
    memset(in, 0, sizeof *in);
    return in;
}

/* Adds the file at `path`, a string the list owns from now on (NULL: out
 * of memory, reported as such). */
static int add_file(cli_inputs *list, char *path)
{
    cli_input *in = path ? add_input(list) : NULL;
    if (!in) {
        free(path);
        return -1;
    }
    in->path = in->name = path;
    return 0;
}

/* Adds an input that fails with `error` before being read. */
static int add_failed(cli_inputs *list, const char *name, const char *error)
{
    if (add_file(list, copy_string(name)))
        return -1;
    cli_input *in = &list->items[list->len - 1];
    return (in->error = copy_string(error)) ? 0 : -1;
}

/* Adds standard input. Only its first mention reads it: two workers
 * reading one descriptor would each get some of its bytes. */
static int add_stdin(cli_inputs *list)
{
    for (size_t i = 0; i < list->len; i++) {
        if (!list->items[i].path)
            return add_failed(list, "stdin", "standard input is already an earlier input");
    }
    cli_input *in = add_input(list);
    return in && (in->name = copy_string("stdin")) ? 0 : -1;
}

/* A name ends in .html or .htm (any case: pages saved on Windows are
 * often PAGE.HTM). The length of that suffix, else 0. */
static size_t page_suffix(const char *name)
{
    size_t len = strlen(name);
    if (len > 5 && !strcasecmp(name + len - 5, ".html"))
        return 5;
    if (len > 4 && !strcasecmp(name + len - 4, ".htm"))
        return 4;
    return 0;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(((const cli_input *)a)->path, ((const cli_input *)b)->path);
}

/* Adds the pages of directory `dir`: its *.html and *.htm entries that are
 * not directories, sorted bytewise (the same order in every locale).
 * Hidden names (".x.html") are skipped as the shell's `*.html` skips them.
 * Dangling links are kept, so that reading them reports the problem. */
static int add_directory(cli_inputs *list, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot list directory: %s", strerror(errno));
        return add_failed(list, dir, msg);
    }
    size_t first = list->len, dlen = strlen(dir);
    const char *sep = dlen && dir[dlen - 1] == '/' ? "" : "/";
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        struct stat st;
        if (e->d_name[0] == '.' || !page_suffix(e->d_name))
            continue;
        if (!fstatat(dirfd(d), e->d_name, &st, 0) && S_ISDIR(st.st_mode))
            continue;
        size_t len = dlen + 1 + strlen(e->d_name) + 1;
        char *path = malloc(len);
        if (path)
            snprintf(path, len, "%s%s%s", dir, sep, e->d_name);
        rc = add_file(list, path);
    }
    closedir(d);
    if (rc)
        return -1;
    if (list->len == first)
        return add_failed(list, dir, "directory has no *.html or *.htm files");
    /* one directory prefix: sorting paths sorts names */
    qsort(list->items + first, list->len - first, sizeof *list->items, compare_paths);
    return 0;
}

int cli_inputs_expand(cli_inputs *list, char **args, size_t nargs)
{
    list->several = nargs > 1;
    if (nargs == 0)
        return add_stdin(list);
    for (size_t i = 0; i < nargs; i++) {
        struct stat st;
        int rc;
        if (!strcmp(args[i], "-")) {
            rc = add_stdin(list);
        } else if (cli_is_url(args[i])) {
            rc = add_file(list, copy_string(args[i]));
            if (rc == 0)
                list->items[list->len - 1].is_url = 1;
        } else if (!stat(args[i], &st) && S_ISDIR(st.st_mode)) {
            list->several = 1;
            rc = add_directory(list, args[i]);
        } else {
            rc = add_file(list, copy_string(args[i]));
        }
        if (rc)
            return -1;
    }
    return 0;
}

void cli_inputs_free(cli_inputs *list)
{
    for (size_t i = 0; i < list->len; i++) {
        cli_input *in = &list->items[i];
        if (in->name != in->path)
            free(in->name);
        free(in->path);
        free(in->output_name);
        free(in->error);
    }
    free(list->items);
    cli_buf_free(&list->url_list);
    memset(list, 0, sizeof *list);
}

/* ------------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------------ */

/* Read size for inputs whose size is unknown (pipes, terminals). */
#define STREAM_CHUNK ((size_t)64 << 10)

int cli_read_input(const cli_input *input, cli_buf *into, size_t limit, char *reason,
                   size_t reason_size)
{
    into->len = 0;
    if (input->error) {
        snprintf(reason, reason_size, "%s", input->error);
        return -1;
    }
    int fd = input->path ? open(input->path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
    if (fd < 0) {
        snprintf(reason, reason_size, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    int rc = -1;
    if (fstat(fd, &st)) {
        snprintf(reason, reason_size, "%s", strerror(errno));
        goto done;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(reason, reason_size, "%s", strerror(EISDIR));
        goto done;
    }
    /* A regular file is read with one buffer of its size (+1, so that the
     * read that sees end-of-file needs no growth); anything else grows. */
    size_t hint = STREAM_CHUNK;
    if (S_ISREG(st.st_mode)) {
        if ((uintmax_t)st.st_size > limit) {
            snprintf(reason, reason_size, "input is %jd bytes, above the limit of %zu bytes",
                     (intmax_t)st.st_size, limit);
            goto done;
        }
        hint = (size_t)st.st_size + 1;
    }
    for (;;) {
        if (into->len > limit) {
            snprintf(reason, reason_size, "input is over the limit of %zu bytes", limit);
            goto done;
        }
        if (into->len == into->cap || into->cap < hint) {
            /* grow to the hint, else double, but never past limit + 1:
             * one byte over is enough to know */
            size_t cap = into->cap < hint ? hint : into->cap * 2;
            if (cap > limit + 1)
                cap = limit + 1;
            if (cli_buf_set_capacity(into, cap)) {
                snprintf(reason, reason_size, "%s", strerror(ENOMEM));
                goto done;
            }
        }
        ssize_t got = read(fd, into->data + into->len, into->cap - into->len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            snprintf(reason, reason_size, "%s", strerror(errno));
            goto done;
        }
        if (got == 0)
            break;
        into->len += (size_t)got;
    }
    rc = 0;
done:
    if (input->path)
        close(fd);
    return rc;
}

/* ------------------------------------------------------------------------
 * URLs from --url-list and --url
 * ------------------------------------------------------------------------ */
typedef struct url_entry {
    const char *name; /* a base name */
    const char *url;
    size_t line;
} url_entry;

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const url_entry *)a)->name, ((const url_entry *)b)->name);
}

/* By name, then line: a repeated name is reported at its second line. */
static int compare_entries_by_line(const void *a, const void *b)
{
    const url_entry *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Parses the list in list->url_list (NUL bytes written over TABs and line
 * ends) into a sorted array. -1 with the problem printed. */
static int parse_url_list(cli_inputs *list, const char *file, url_entry **out, size_t *count)
{
    cli_buf *b = &list->url_list;
    url_entry *entries = NULL;
    size_t n = 0, cap = 0, line = 0;
    char *p = b->data, *end = b->data + b->len;
    while (p < end) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end; /* the NUL that cli_buf_append added below */
        *eol = '\0';
        line++;
        if (eol > p && eol[-1] == '\r')
            eol[-1] = '\0';
        if (*p == '\0') {
            p = eol + 1;
            continue;
        }
        char *tab = strchr(p, '\t');
        if (!tab || tab == p || tab[1] == '\0' || strchr(tab + 1, '\t')) {
            fprintf(stderr, "pith: %s:%zu: expected NAME<TAB>URL\n", file, line);
            free(entries);
            return -1;
        }
        *tab = '\0';
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            url_entry *grown = realloc(entries, cap * sizeof *grown);
            if (!grown) {
                fprintf(stderr, "pith: %s: %s\n", file, strerror(ENOMEM));
                free(entries);
                return -1;
            }
            entries = grown;
        }
        entries[n++] = (url_entry){base_name(p), tab + 1, line};
        p = eol + 1;
    }
    if (n)
        qsort(entries, n, sizeof *entries, compare_entries_by_line);
    for (size_t i = 1; i < n; i++) {
        if (!strcmp(entries[i - 1].name, entries[i].name)) {
            fprintf(stderr, "pith: %s:%zu: %s is listed again (first on line %zu)\n", file,
                    entries[i].line, entries[i].name, entries[i - 1].line);
            free(entries);
            return -1;
        }
    }
    *out = entries;
    *count = n;
    return 0;
}

int cli_inputs_attach_urls(cli_inputs *list, const cli_config *cfg)
{
    url_entry *entries = NULL;
    size_t count = 0;
    if (cfg->url_list) {
        cli_input file = {.path = (char *)cfg->url_list, .name = (char *)cfg->url_list};
        char reason[320];
        int failed = cli_read_input(&file, &list->url_list, SIZE_MAX / 4, reason, sizeof reason);
        if (!failed && cli_buf_append(&list->url_list, "", 1)) {
            failed = 1;
            snprintf(reason, sizeof reason, "%s", strerror(ENOMEM));
        }
        if (failed) {
            fprintf(stderr, "pith: %s: %s\n", cfg->url_list, reason);
            return -1;
        }
        list->url_list.len--; /* the terminating NUL is not part of the list */
        if (parse_url_list(list, cfg->url_list, &entries, &count))
            return -1;
    }
    for (size_t i = 0; i < list->len; i++) {
        cli_input *in = &list->items[i];
        url_entry key = {in->path ? base_name(in->path) : "", NULL, 0};
        const url_entry *hit =
            count ? bsearch(&key, entries, count, sizeof *entries, compare_entries) : NULL;
        in->url = hit ? hit->url : cfg->url;
    }
    free(entries);
    return 0;
}

/* ------------------------------------------------------------------------
 * Output file names
 * ------------------------------------------------------------------------ */
static int compare_outputs(const void *a, const void *b)
{
    const cli_input *x = *(const cli_input *const *)a, *y = *(const cli_input *const *)b;
    int c = strcmp(x->output_name, y->output_name);
    /* equal names: input order, so that the first input keeps its name */
    return c ? c : (x < y ? -1 : x > y);
}

int cli_inputs_name_outputs(cli_inputs *list, const cli_format *format)
{
    cli_input **order = malloc((list->len ? list->len : 1) * sizeof *order);
    if (!order)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < list->len; i++) {
        cli_input *in = &list->items[i];
        if (in->error)
            continue; /* it writes nothing, so it takes no name */
        char url_name[128];
        const char *base = in->is_url ? cli_url_file_name(in->path, url_name, sizeof url_name)
                           : in->path ? base_name(in->path)
                                      : "stdin";
        /* an archive writes JSON Lines, whatever the format */
        const char *extension = in->archive ? "jsonl" : format->extension;
        size_t stem = strlen(base) - (in->archive ? cli_archive_suffix(base) : page_suffix(base));
        size_t len = stem + 1 + strlen(extension) + 1;
        if (!(in->output_name = malloc(len))) {
            free(order);
            return -1;
        }
        snprintf(in->output_name, len, "%.*s.%s", (int)stem, base, extension);
        order[n++] = in;
    }
    qsort(order, n, sizeof *order, compare_outputs);
    int rc = 0;
    const cli_input *owner = NULL; /* the first input of a run of equal names */
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!owner || strcmp(owner->output_name, order[i]->output_name)) {
            owner = order[i];
            continue;
        }
        char msg[600];
        snprintf(msg, sizeof msg, "output file %s is already taken by %s", owner->output_name,
                 owner->name);
        if (!(order[i]->error = copy_string(msg)))
            rc = -1;
        /* nameless, so that its failure does not remove the owner's file */
        free(order[i]->output_name);
        order[i]->output_name = NULL;
    }
    free(order);
    return rc;
}
