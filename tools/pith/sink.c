/*
 * sink.c — output formats, and where finished results go: standard output
 * or one file per input in --output-dir.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* ------------------------------------------------------------------------
 * Formats. A per-input record format (JSON Lines) is a row with
 * records = 1: the standard-output sink then writes one line per input
 * and no headers. A failed input writes no line (it is reported on
 * stderr and in the exit status), so every line is a complete record.
 * ------------------------------------------------------------------------ */
static const cli_format formats[] = {
    {.name = "text", .format = PITH_FORMAT_TEXT, .extension = "txt", .records = 0},
    {.name = "markdown", .format = PITH_FORMAT_MARKDOWN, .extension = "md", .records = 0},
    {.name = "json", .format = PITH_FORMAT_JSON, .extension = "json", .records = 1},
    {.name = "html", .format = PITH_FORMAT_HTML, .extension = "html", .records = 0},
    {.name = "explain", .format = PITH_FORMAT_EXPLAIN, .extension = "html", .records = 0},
};

const cli_format *cli_format_find(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        if (!strcmp(formats[i].name, name))
            return &formats[i];
    }
    return NULL;
}

const char *cli_format_names(void)
{
    return "text, markdown, json, html or explain";
}

/* ------------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------------ */

/* Writes all of data to fd, across short writes and signals. */
static int write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Standard output: the documents one after the other; with several inputs
 * each is preceded by `==> NAME <==` and, from the second on, a blank line,
 * as head(1) does. Failed inputs leave no trace here (only on stderr). */
static int emit_stdout(cli_sink *sink, const cli_input *input, cli_result *result)
{
    if (result->failed)
        return 0;
    if (sink->several && !sink->cfg->format->records) {
        cli_buf *h = &sink->header;
        h->len = 0;
        if ((sink->emitted && cli_buf_append(h, "\n", 1)) || cli_buf_append(h, "==> ", 4) ||
            cli_buf_append(h, input->name, strlen(input->name)) || cli_buf_append(h, " <==\n", 5)) {
            errno = ENOMEM;
            goto fail;
        }
        if (write_all(STDOUT_FILENO, h->data, h->len))
            goto fail;
    }
    sink->emitted++;
    if (write_all(STDOUT_FILENO, result->body.data, result->body.len))
        goto fail;
    return 0;
fail:
    snprintf(sink->fatal, sizeof sink->fatal, "standard output: %s", strerror(errno));
    return -1;
}

/* --output-dir: DIR/<output name>. A failed input writes no file and
 * removes the one an earlier run left, so the directory never holds a
 * stale article next to a reported failure. */
static int emit_file(cli_sink *sink, const cli_input *input, cli_result *result)
{
    const char *name = input->output_name;
    if (!name)
        return 0; /* failed before it was named (cli_inputs_name_outputs) */
    if (result->failed) {
        unlinkat(sink->dir_fd, name, 0);
        return 0;
    }
    int fd = openat(sink->dir_fd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    int err = fd < 0 ? errno : 0;
    if (fd >= 0) {
        if (write_all(fd, result->body.data, result->body.len))
            err = errno;
        if (close(fd) && !err)
            err = errno;
        if (err)
            unlinkat(sink->dir_fd, name, 0);
    }
    if (err) {
        result->failed = 1;
        snprintf(result->reason, sizeof result->reason, "cannot write %s/%s: %s",
                 sink->cfg->output_dir, name, strerror(err));
    }
    sink->emitted++;
    return 0;
}

/* ------------------------------------------------------------------------
 * The JSON Lines of archives: one input, many lines
 * ------------------------------------------------------------------------ */
int cli_sink_begin_lines(cli_sink *sink, const cli_input *input, char *reason, size_t size)
{
    sink->lines_err = 0;
    sink->lines_name = input->output_name;
    if (sink->dir_fd < 0) {
        /* the header a document of this input would have */
        cli_result none = {.failed = 0};
        return emit_stdout(sink, input, &none);
    }
    if (!input->output_name)
        return 0; /* failed before it was named; nothing is written */
    sink->lines_fd = openat(sink->dir_fd, input->output_name,
                            O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (sink->lines_fd >= 0)
        return 0;
    sink->lines_err = errno;
    snprintf(reason, size, "cannot write %s/%s: %s", sink->cfg->output_dir, input->output_name,
             strerror(errno));
    return 1;
}

int cli_sink_line(cli_sink *sink, const char *data, size_t len)
{
    if (sink->dir_fd < 0) {
        if (write_all(STDOUT_FILENO, data, len)) {
            snprintf(sink->fatal, sizeof sink->fatal, "standard output: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    if (sink->lines_fd >= 0 && !sink->lines_err && write_all(sink->lines_fd, data, len))
        sink->lines_err = errno;
    return 0;
}

int cli_sink_end_lines(cli_sink *sink, char *reason, size_t size)
{
    if (sink->lines_fd < 0)
        return 0;
    int err = sink->lines_err;
    if (close(sink->lines_fd) && !err)
        err = errno;
    sink->lines_fd = -1;
    if (!err)
        return 0;
    /* a partial file would pass for the archive's whole output */
    unlinkat(sink->dir_fd, sink->lines_name, 0);
    snprintf(reason, size, "cannot write %s/%s: %s", sink->cfg->output_dir, sink->lines_name,
             strerror(err));
    return 1;
}

/* mkdir -p: creates `dir` and its missing parents. */
static int make_directories(const char *dir)
{
    char path[8192];
    size_t len = strlen(dir);
    if (len == 0 || len >= sizeof path) {
        errno = len ? ENAMETOOLONG : ENOENT;
        return -1;
    }
    memcpy(path, dir, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        /* an existing file in the way fails the next mkdir, or the
         * caller's open(O_DIRECTORY), with ENOTDIR */
        char saved = path[i];
        path[i] = '\0';
        if (mkdir(path, 0777) && errno != EEXIST)
            return -1;
        path[i] = saved;
    }
    return 0;
}

int cli_sink_open(cli_sink *sink, const cli_config *cfg, int several)
{
    memset(sink, 0, sizeof *sink);
    sink->cfg = cfg;
    sink->several = several;
    sink->dir_fd = -1;
    sink->lines_fd = -1;
    sink->emit = cfg->output_dir ? emit_file : emit_stdout;
    if (cfg->output_dir &&
        (make_directories(cfg->output_dir) ||
         (sink->dir_fd = open(cfg->output_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)) {
        snprintf(sink->fatal, sizeof sink->fatal, "cannot create output directory %s: %s",
                 cfg->output_dir, strerror(errno));
        return -1;
    }
    return 0;
}

void cli_sink_close(cli_sink *sink)
{
    if (sink->lines_fd >= 0)
        close(sink->lines_fd);
    sink->lines_fd = -1;
    if (sink->dir_fd >= 0)
        close(sink->dir_fd);
    sink->dir_fd = -1;
    cli_buf_free(&sink->header);
}
