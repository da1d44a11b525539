/*
 * cli.h — the insides of the `pith` command-line tool.
 *
 * The tool is a client of the public API (include/pith.h) only; it is
 * compiled without access to src/. Its parts, in the order data flows:
 *
 *   main.c    options, --help, the exit status
 *   inputs.c  command-line inputs → a list of inputs (directories expanded,
 *             URLs from --url-list attached); reading one input's bytes
 *   warc.c    archive inputs (WARC, ARC): telling them apart, their records
 *             as jobs, their JSON Lines, the summary and progress line
 *   run.c     the pipeline: the main thread turns inputs into jobs (a page,
 *             an archive's record) in a bounded ring; N worker threads (one
 *             pith_extractor each) extract and render them; the main thread
 *             hands finished jobs to the sink in order
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
    int warc;               /* --warc: every input is an archive */
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
    int archive;             /* a WARC or ARC file (cli_inputs_find_archives) */
    unsigned long long size; /* its size in bytes when known, else 0 */
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
 * .htm, plus the format's extension; for an archive NAME minus its
 * cli_archive_suffix, plus .jsonl) and marks as failed every input whose
 * name another input already took. 0 on success, -1 when out of memory. */
int cli_inputs_name_outputs(cli_inputs *list, const cli_format *format);

void cli_inputs_free(cli_inputs *list);

/* Reads the whole of `input` into `into` (its previous contents dropped).
 * Refuses inputs above `limit` bytes without reading them all. On failure
 * returns -1 with a reason in `reason`. */
int cli_read_input(const cli_input *input, cli_buf *into, size_t limit, char *reason,
                   size_t reason_size);

/* ------------------------------------------------------------------------
 * Archives (warc.c)
 * ------------------------------------------------------------------------ */

/* Marks the inputs that are archives: every one with --warc, else each
 * regular file whose first bytes start a WARC or ARC file, compressed or
 * not (pith_is_warc). Pipes and standard input are not looked at: their
 * bytes, once read, are gone for the extractor. */
void cli_inputs_find_archives(cli_inputs *list, const cli_config *cfg);

/* The length of the archive suffix of a file name (".warc.gz", ".arc",
 * ".warc.zst", ...; any case), 0 when it has none. */
size_t cli_archive_suffix(const char *name);

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
    int skipped;      /* an archive's record was skipped: `reason` says why */
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
    int lines_fd;   /* the open file of an archive in --output-dir, or -1 */
    int lines_err;  /* errno of a failed write to it, or 0 */
    const char *lines_name;
} cli_sink;

/* A sink for cfg->output_dir when set, else standard output. Creates the
 * output directory (and its parents) when missing. -1 with sink->fatal
 * filled in when it cannot. */
int cli_sink_open(cli_sink *sink, const cli_config *cfg, int several);
void cli_sink_close(cli_sink *sink);

/* The JSON Lines of an archive input, written as they come: to standard
 * output (after a `==> NAME <==` header when the format has headers and
 * there are several inputs, as a document would have) or to the input's
 * file in --output-dir. begin and end frame one input's lines. Each
 * returns 0; -1 with sink->fatal filled in when output must stop; a file
 * of --output-dir that cannot be written makes begin or end return 1 with
 * the reason in `reason` (the lines in between are dropped). */
int cli_sink_begin_lines(cli_sink *sink, const cli_input *input, char *reason, size_t size);
int cli_sink_line(cli_sink *sink, const char *data, size_t len);
int cli_sink_end_lines(cli_sink *sink, char *reason, size_t size);

/* ------------------------------------------------------------------------
 * Jobs: what flows through the pipeline (run.c), in input order
 * ------------------------------------------------------------------------ */
typedef enum cli_job_kind {
    CLI_JOB_PAGE,          /* a page file: read, extract, render */
    CLI_JOB_RECORD,        /* an archive's response or resource record */
    CLI_JOB_FAULT,         /* a fault of an archive file (or it cannot be opened) */
    CLI_JOB_ARCHIVE_START, /* an archive input begins: its output opens */
    CLI_JOB_ARCHIVE_END,   /* it is read to its end: its output closes */
} cli_job_kind;

typedef struct cli_job {
    cli_job_kind kind;
    size_t input; /* its index in the input list */
    int work;     /* a worker extracts it; else the writer does all */
    /* RECORD and FAULT: the reader's record. Its strings and payload are
     * the reader's own, valid until its next record (one worker, which
     * finishes each job before the next is read), or copies in `copy`. */
    pith_warc_record record;
    cli_buf copy;
} cli_job;

/* The archive side of a run (warc.c): the reader of the archive being
 * read, the counts of everything read and written, the progress line. The
 * feeder and the writer calls are made by the main thread; process by
 * workers. */
typedef struct cli_archives cli_archives;

/* NULL when out of memory. */
cli_archives *cli_archives_new(const cli_config *cfg, const cli_inputs *inputs, cli_sink *sink);
/* Feeder: the next job of archive input `index`, which it starts reading
 * at its first call: ARCHIVE_START, its records and faults, ARCHIVE_END.
 * Returns 0 (with no job) once the END job was given. With `copy` the job
 * holds its own copy of the record, which outlives the next call. */
int cli_archives_next(cli_archives *a, size_t index, cli_job *job, int copy);
/* Worker: extracts the page of a RECORD job and renders its JSON line
 * into r->body. */
void cli_archives_process(const cli_archives *a, pith_extractor *ex, cli_job *job,
                          cli_result *r);
/* Writer: writes the job's line (made here when no worker did), reports
 * errors and faults on stderr, counts. Adds failures to *failed; -1 when
 * output must stop (printed), else 0. */
int cli_archives_emit(cli_archives *a, cli_job *job, cli_result *r, long *failed);
/* Writer: the live progress line on a terminal, at most every 200 ms. */
void cli_archives_progress(cli_archives *a);
/* Clears the progress line, prints the summary (unless -q), frees. NULL
 * is fine. */
void cli_archives_finish(cli_archives *a);

/* ------------------------------------------------------------------------
 * The run (run.c)
 * ------------------------------------------------------------------------ */

/* Extracts every input (every record of an archive input) with cfg->jobs
 * workers and emits the results to `sink` in input order, reporting
 * failures on stderr unless cfg->quiet. Returns the number of failed
 * inputs (with archives: plus failed records and file faults), or -1 when
 * the run had to stop early (the reason is printed). */
long cli_run(const cli_config *cfg, const cli_inputs *inputs, cli_sink *sink);

#endif /* PITH_CLI_H */
