/*
 * cli.h — the insides of the `pith` command-line tool.
 *
 * The tool is a client of the public API (include/pith.h) only; it is
 * compiled without access to src/. Its parts, in the order data flows:
 *
 *   main.c    options, --help, the exit status
 *   inputs.c  command-line inputs → a list of inputs (directories expanded,
 *             URLs from --url-list attached); reading one input's bytes
 *   url.c     inputs given as http(s) URLs: fetched by the worker
 *   run.c     N worker threads (one pith_extractor each) that extract and
 *             render into per-input result slots, and the ordered writer
 *             that hands finished results to the sink in input order
 *   sink.c    where results go: standard output (with `==> NAME <==`
 *             headers) or one file per input in --output-dir
 */
#ifndef PITH_CLI_H
#define PITH_CLI_H

#include <stddef.h>

#include "pith.h"

/* ------------------------------------------------------------------------
 * A growable byte buffer (the tool may not use the library's internal one).
 * ------------------------------------------------------------------------ */
typedef struct cli_buf {
    char *data;
    size_t len, cap;
} cli_buf;

/* Make room for `extra` more bytes. 0 on success, -1 when out of memory. */
int cli_buf_reserve(cli_buf *b, size_t extra);
/* Sets the capacity to exactly `cap` bytes (>= len). 0 or -1. */
int cli_buf_set_capacity(cli_buf *b, size_t cap);
int cli_buf_append(cli_buf *b, const void *data, size_t len);
/* Empties the buffer; frees its storage when it is above `keep` bytes, so
 * that one huge input does not pin memory for the rest of the run. */
void cli_buf_clear(cli_buf *b, size_t keep);
void cli_buf_free(cli_buf *b);

/* ------------------------------------------------------------------------
 * Output formats
 * ------------------------------------------------------------------------ */
typedef struct cli_format {
    const char *name;      /* as given to --format */
    pith_format format;    /* what pith_render is asked for */
    const char *extension; /* of the files written to --output-dir */
    /* 0: a document per input; on standard output several documents are
     * each preceded by a `==> NAME <==` line. 1: a record per input
     * (JSON Lines: one line per input that succeeded; a failed input
     * writes no line): no headers. */
    int records;
} cli_format;

/* The format called `name`, or NULL. */
const cli_format *cli_format_find(const char *name);
/* "text, markdown, json, html or explain", for messages. */
const char *cli_format_names(void);

/* ------------------------------------------------------------------------
 * What the command line asked for
 * ------------------------------------------------------------------------ */
typedef struct cli_config {
    pith_options options;
    const cli_format *format;
    const char *output_dir; /* NULL: standard output */
    const char *url;        /* --url: for inputs without a --url-list entry */
    const char *url_list;   /* --url-list FILE */
    const char *charset;    /* --charset */
    unsigned jobs;          /* worker threads, >= 1 */
    int quiet;              /* -q: failed inputs are not reported on stderr */
    /* URL inputs: --connect-timeout, --timeout, --max-redirects */
    pith_fetch_options fetch;
} cli_config;

/* ------------------------------------------------------------------------
 * Inputs (inputs.c)
 * ------------------------------------------------------------------------ */
typedef struct cli_input {
    char *path;        /* what to open (or fetch); NULL: standard input */
    char *name;        /* how messages and headers call it */
    const char *url;   /* the page URL, or NULL (not owned) */
    char *output_name; /* file name inside --output-dir, or NULL */
    /* Set when the input is known to fail before it is read (a directory
     * without pages, a clash of output names); static storage or owned. */
    char *error;
    /* path is a URL (scheme://...): fetched, not opened */
    int is_url;
} cli_input;

typedef struct cli_inputs {
    cli_input *items;
    size_t len, cap;
    /* Several documents on standard output get `==> NAME <==` headers:
     * set when more than one INPUT was given or any INPUT is a directory,
     * so the output of `pith DIR` has one shape whatever DIR holds. */
    int several;
    cli_buf url_list; /* the --url-list file; items' urls point into it */
} cli_inputs;

/* Expands the command-line inputs (files, directories, "-"; none means
 * standard input) into `list`, in order, each directory's pages sorted by
 * name. Inputs that cannot be opened are kept: reading them reports the
 * error in its place. 0 on success, -1 when out of memory. */
int cli_inputs_expand(cli_inputs *list, char **args, size_t nargs);

/* Attaches page URLs: the --url-list entry for each input's base name,
 * else --url. On a malformed or unreadable list, prints the problem and
 * returns -1 (a usage error); 0 on success. */
int cli_inputs_attach_urls(cli_inputs *list, const cli_config *cfg);

/* Names each input's file inside --output-dir (NAME minus a final .html or
 * .htm, plus the format's extension) and marks as failed every input whose
 * name another input already took. 0 on success, -1 when out of memory. */
int cli_inputs_name_outputs(cli_inputs *list, const cli_format *format);

void cli_inputs_free(cli_inputs *list);

/* Reads the whole of `input` into `into` (its previous contents dropped).
 * Refuses inputs above `limit` bytes without reading them all. On failure
 * returns -1 with a reason in `reason`. */
int cli_read_input(const cli_input *input, cli_buf *into, size_t limit, char *reason,
                   size_t reason_size);

/* ------------------------------------------------------------------------
 * URLs (url.c)
 * ------------------------------------------------------------------------ */

/* 1 when an INPUT argument is a URL (`scheme://...`) rather than a file
 * name. Every scheme counts, so that `pith ftp://x` is refused as a URL
 * by pith_fetch instead of being looked for on disk. */
int cli_is_url(const char *arg);

/* Fetches the URL input `input` into `page` (the caller frees it with
 * pith_fetched_free, also on failure) and points `hints` at the
 * response's final URL, charset and Content-Language, which live in
 * `page`. On failure returns -1 with pith_fetch's message in `reason`. */
int cli_fetch_input(const cli_input *input, const cli_config *cfg, pith_fetched *page,
                    pith_input *hints, char *reason, size_t reason_size);

/* The file name that stands for `url` in --output-dir (before the
 * format's extension replaces a final .html): its last path segment, or
 * its host when the path is empty, with bytes unsafe in a file name
 * replaced by '_'. Written to out[0..size); returns out. */
const char *cli_url_file_name(const char *url, char *out, size_t size);

/* Parses a duration in seconds ("10", "0.5", at most millisecond
 * precision) into milliseconds within 1 .. PITH_MAX_FETCH_TIMEOUT_MS.
 * 0, or -1 when `s` is not such a number. */
int cli_parse_seconds(const char *s, long *ms);

/* ------------------------------------------------------------------------
 * Results and sinks (sink.c)
 * ------------------------------------------------------------------------ */
typedef struct cli_result {
    int failed;       /* nonzero: `reason` says why, `body` is empty */
    char reason[320]; /* "input is a PNG image, not HTML", "No such file..." */
    cli_buf body;     /* the rendered article */
} cli_result;

/* Where finished results go, one call per input, in input order. */
typedef struct cli_sink {
    const cli_config *cfg;
    int several; /* headers on standard output (cli_inputs.several) */
    size_t emitted;
    /* Writes one result. A failure to write the output of one input
     * (--output-dir) turns the result into a failure and returns 0; a
     * failure that ends the run (standard output closed) returns -1 with
     * `fatal` filled in. */
    int (*emit)(struct cli_sink *sink, const cli_input *input, cli_result *result);
    char fatal[320];
    cli_buf header; /* scratch for the `==> NAME <==` line */
    int dir_fd;     /* the open --output-dir, or -1 */
} cli_sink;

/* A sink for cfg->output_dir when set, else standard output. Creates the
 * output directory (and its parents) when missing. -1 with sink->fatal
 * filled in when it cannot. */
int cli_sink_open(cli_sink *sink, const cli_config *cfg, int several);
void cli_sink_close(cli_sink *sink);

/* ------------------------------------------------------------------------
 * The run (run.c)
 * ------------------------------------------------------------------------ */

/* Extracts every input with cfg->jobs workers and emits the results to
 * `sink` in input order, reporting failures on stderr unless cfg->quiet.
 * Returns the number of failed inputs, or -1 when the run had to stop
 * early (the reason is printed). */
long cli_run(const cli_config *cfg, const cli_inputs *inputs, cli_sink *sink);

#endif /* PITH_CLI_H */
