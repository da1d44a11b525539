/*
 * warc.c — archive inputs: WARC and ARC files, read with pith_warc_*.
 *
 * Each response or resource record becomes one JSON line, in file order:
 *
 *   {"warc_record_id":...,"target_uri":...,"warc_date":...,"http_status":...,
 *    "content_type":..., <the fields of -f json for the page>}
 *
 * or the same five fields and "skipped": "<reason>" (not HTML, HTTP 404,
 * over the size limit, empty, no text) or "error": "<what, at which byte
 * offset>". Faults of a file (garbage, bad compressed data) go to stderr
 * as "pith: NAME: what". The page's JSON is the library's own rendering,
 * whose opening brace becomes the comma after the fields in front: the
 * line is one valid object without parsing anything.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Bytes read to tell whether a file is an archive: a record header fits
 * in far less. A compressed file is read further, up to PROBE_COMPRESSED,
 * so that a zstd dictionary frame (the proposal allows up to 8 MiB;
 * `zstd --train` makes 110 KiB by default) fits before the first record. */
#define PROBE_PLAIN ((size_t)4 << 10)
#define PROBE_COMPRESSED ((size_t)1 << 20)
/* A worker's extractor gives back memory after a record this large, as
 * run.c does after a large page. */
#define KEEP_PAYLOAD_BYTES ((size_t)8 << 20)
/* Reasons the summary counts apart; further ones count as "other". */
#define MAX_REASONS 24
/* The progress line is redrawn at most this often (seconds). */
#define PROGRESS_EVERY 0.2

/* ------------------------------------------------------------------------
 * Telling archives apart
 * ------------------------------------------------------------------------ */

/* The first bytes of gzip, zstd (and the skippable frames of zstd and
 * lz4) and lz4 data: worth reading further before asking pith_is_warc. */
static int compressed(const unsigned char *b, size_t len)
{
    if (len >= 2 && b[0] == 0x1f && b[1] == 0x8b)
        return 1;
    if (len < 4)
        return 0;
    return !memcmp(b, "\x28\xb5\x2f\xfd", 4) || !memcmp(b, "\x04\x22\x4d\x18", 4) ||
           ((b[0] & 0xf0) == 0x50 && !memcmp(b + 1, "\x2a\x4d\x18", 3));
}

/* Whether the regular file at `path` is an archive; its size in *size. */
static int probe(const char *path, unsigned long long *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0; /* reading it as a page reports why */
    struct stat st;
    int yes = 0;
    unsigned char *b = NULL;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode))
        goto done;
    *size = (unsigned long long)st.st_size;
    size_t cap = PROBE_PLAIN, len = 0;
    b = malloc(PROBE_COMPRESSED);
    while (b) {
        ssize_t n = read(fd, b + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len == cap && cap == PROBE_PLAIN && compressed(b, len))
            cap = PROBE_COMPRESSED;
        else if (len == cap)
            break;
    }
    yes = b && pith_is_warc(b, len);
done:
    free(b);
    close(fd);
    return yes;
}

void cli_inputs_find_archives(cli_inputs *list, const cli_config *cfg)
{
    for (size_t i = 0; i < list->len; i++) {
        cli_input *in = &list->items[i];
        if (in->error)
            continue;
        if (in->is_url) {
            /* fetched as a page: archives are read from files (out of
             * memory, the URL is fetched and fails as a page would) */
            if (cfg->warc)
                in->error = strdup("--warc reads archive files, not URLs");
            continue;
        }
        if (cfg->warc) {
            struct stat st;
            in->archive = 1;
            if (in->path && !stat(in->path, &st) && S_ISREG(st.st_mode))
                in->size = (unsigned long long)st.st_size;
        } else if (in->path) {
            in->archive = probe(in->path, &in->size);
        }
    }
}

size_t cli_archive_suffix(const char *name)
{
    static const char *const compressions[] = {".gz", ".zst", ".zstd", ".lz4", ""};
    static const char *const formats[] = {".warc", ".arc"};
    size_t len = strlen(name);
    for (size_t c = 0; c < sizeof compressions / sizeof *compressions; c++) {
        size_t clen = strlen(compressions[c]);
        if (len < clen || strcasecmp(name + len - clen, compressions[c]))
            continue;
        for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
            size_t flen = strlen(formats[f]);
            if (len - clen > flen && !strncasecmp(name + len - clen - flen, formats[f], flen))
                return clen + flen;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * The run's archive side
 * ------------------------------------------------------------------------ */
typedef struct reason_count {
    char reason[48];
    unsigned long long count;
} reason_count;

typedef struct reasons {
    reason_count items[MAX_REASONS];
    size_t len;
    unsigned long long other, total;
} reasons;

struct cli_archives {
    const cli_config *cfg;
    const cli_inputs *inputs;
    cli_sink *sink;
    /* the feeder */
    pith_warc_reader *reader;        /* of the archive being read */
    int started;                     /* its START job was given */
    unsigned long long bytes_done;   /* bytes of the archives read to their end */
    unsigned long long records_done; /* their records of every type */
    unsigned long long total_bytes;  /* sizes of all archive inputs (0: unknown) */
    /* the writer */
    unsigned long long archives, lines, extracted, faults;
    reasons skipped, failed;
    struct timespec start, last_progress;
    int progress;       /* a progress line is wanted (stderr is a terminal) */
    int progress_shown; /* one is on the screen */
};

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

cli_archives *cli_archives_new(const cli_config *cfg, const cli_inputs *inputs, cli_sink *sink)
{
    cli_archives *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->cfg = cfg;
    a->inputs = inputs;
    a->sink = sink;
    for (size_t i = 0; i < inputs->len; i++)
        a->total_bytes += inputs->items[i].archive ? inputs->items[i].size : 0;
    a->progress = !cfg->quiet && isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &a->start);
    a->last_progress = a->start;
    return a;
}

/* ------------------------------------------------------------------------
 * The feeder
 * ------------------------------------------------------------------------ */

/* Appends s and its NUL to b; returns its offset or (size_t)-1. */
static size_t keep_string(cli_buf *b, const char *s)
{
    if (!s)
        return (size_t)-1;
    size_t at = b->len;
    return cli_buf_append(b, s, strlen(s) + 1) ? (size_t)-1 : at;
}

/* Gives the job its own copy of the record's strings and payload. */
static int copy_record(cli_job *job)
{
    pith_warc_record *r = &job->record;
    cli_buf *b = &job->copy;
    cli_buf_clear(b, KEEP_PAYLOAD_BYTES);
    const char **fields[] = {&r->type,         &r->record_id, &r->target_uri,       &r->date,
                             &r->content_type, &r->charset,   &r->content_language, &r->skip,
                             &r->error};
    size_t at[sizeof fields / sizeof *fields];
    if (cli_buf_reserve(b, r->payload_len + 512) || cli_buf_append(b, r->payload, r->payload_len))
        return -1;
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        at[i] = keep_string(b, *fields[i]);
        if (*fields[i] && at[i] == (size_t)-1)
            return -1;
    }
    /* pointers only now: the buffer may have moved while it grew */
    if (r->payload)
        r->payload = b->data;
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        *fields[i] = at[i] == (size_t)-1 ? NULL : b->data + at[i];
    return 0;
}

int cli_archives_next(cli_archives *a, size_t index, cli_job *job, int copy)
{
    const cli_input *in = &a->inputs->items[index];
    job->input = index;
    job->work = 0;
    memset(&job->record, 0, sizeof job->record);
    if (!a->started) {
        a->started = 1;
        if (pith_warc_open(in->path ? in->path : "-", 0, &a->reader) != PITH_OK) {
            /* a FAULT without START: no output opens for it */
            job->kind = CLI_JOB_FAULT;
            job->record.kind = PITH_WARC_FAULT;
            job->record.error = strerror(errno);
            return 1;
        }
        job->kind = CLI_JOB_ARCHIVE_START;
        return 1;
    }
    if (!a->reader) {
        a->started = 0; /* the next archive starts afresh */
        return 0;
    }
    pith_warc_next(a->reader, &job->record);
    if (job->record.kind == PITH_WARC_END) {
        const pith_warc_stats *st = pith_warc_stats_of(a->reader);
        a->bytes_done += st->bytes_in;
        a->records_done += st->records;
        pith_warc_close(a->reader);
        a->reader = NULL;
        job->kind = CLI_JOB_ARCHIVE_END;
        return 1;
    }
    job->kind = job->record.kind == PITH_WARC_FAULT ? CLI_JOB_FAULT : CLI_JOB_RECORD;
    job->work = job->record.kind == PITH_WARC_PAGE;
    if (copy && copy_record(job)) {
        /* the record cannot be kept: its line says so */
        job->record.kind = PITH_WARC_ERROR;
        job->record.payload = NULL;
        job->record.error = "out of memory";
        job->work = 0;
    }
    return 1;
}

/* ------------------------------------------------------------------------
 * Lines
 * ------------------------------------------------------------------------ */

/* A JSON string (RFC 8259 § 7) of s, which is valid UTF-8 (pith.h
 * promises it for the record's strings), or null. U+2028 and U+2029 are
 * escaped as the library's JSON writer does: they end lines for some
 * JSON Lines readers. */
static int json_string(cli_buf *b, const char *s)
{
    if (!s)
        return cli_buf_append(b, "null", 4);
    if (cli_buf_append(b, "\"", 1))
        return -1;
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s;; p++) {
        char esc[8];
        const char *e = NULL;
        size_t skip = 1;
        if (*p == '"')
            e = "\\\"";
        else if (*p == '\\')
            e = "\\\\";
        else if (*p == '\n')
            e = "\\n";
        else if (*p == '\t')
            e = "\\t";
        else if (*p == '\r')
            e = "\\r";
        else if (*p && *p < 0x20)
            snprintf(esc, sizeof esc, "\\u%04x", *p), e = esc;
        else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
            e = p[2] == 0xa8 ? "\\u2028" : "\\u2029", skip = 3;
        if (!e && *p)
            continue;
        if (cli_buf_append(b, run, (size_t)((const char *)p - run)))
            return -1;
        if (!*p)
            break;
        if (cli_buf_append(b, e, strlen(e)))
            return -1;
        p += skip - 1;
        run = (const char *)p + 1;
    }
    return cli_buf_append(b, "\"", 1);
}

static int member(cli_buf *b, const char *key, const char *value, int first)
{
    return (!first && cli_buf_append(b, ",", 1)) || json_string(b, key) ||
           cli_buf_append(b, ":", 1) || json_string(b, value);
}

/* The five fields every line starts with, without the closing brace. */
static int line_start(cli_buf *b, const pith_warc_record *r)
{
    char status[16] = "null";
    if (r->http_status)
        snprintf(status, sizeof status, "%d", r->http_status);
    return cli_buf_append(b, "{", 1) || member(b, "warc_record_id", r->record_id, 1) ||
           member(b, "target_uri", r->target_uri, 0) || member(b, "warc_date", r->date, 0) ||
           cli_buf_append(b, ",\"http_status\":", 15) ||
           cli_buf_append(b, status, strlen(status)) ||
           member(b, "content_type", r->content_type, 0);
}

/* A line that ends in "skipped" or "error": `key` and its reason. */
static int line_with_reason(cli_buf *b, const pith_warc_record *r, const char *key,
                            const char *reason)
{
    b->len = 0;
    return line_start(b, r) || member(b, key, reason, 0) || cli_buf_append(b, "}\n", 2);
}

static int append_output(const char *data, size_t len, void *user)
{
    return cli_buf_append(user, data, len);
}

/* What a status of pith_extract means for a record: a skip with a reason
 * for pages that hold no article to extract, else NULL (an error). */
static const char *skip_reason(pith_status st)
{
    switch (st) {
    case PITH_ERR_EMPTY:
        return "empty";
    case PITH_ERR_NOT_HTML:
        return "not HTML";
    case PITH_ERR_NO_CONTENT:
        return "no text";
    case PITH_ERR_LIMIT:
        return "over the size limit";
    default:
        return NULL;
    }
}

/* Where a record is, for messages: "record at byte N". */
static void record_at(const pith_warc_record *r, char *out, size_t size)
{
    if (r->offset == r->stream_offset)
        snprintf(out, size, "record at byte %llu", r->offset);
    else
        snprintf(out, size,
                 "record at byte %llu of the decompressed data, in the member at byte %llu",
                 r->stream_offset, r->offset);
}

void cli_archives_process(const cli_archives *a, pith_extractor *ex, cli_job *job, cli_result *r)
{
    const pith_warc_record *rec = &job->record;
    const cli_input *in = &a->inputs->items[job->input];
    r->failed = r->skipped = 0;
    r->reason[0] = '\0';
    pith_input pin = {.url = rec->target_uri,
                      .charset = rec->charset,
                      .name = in->name,
                      .content_language = rec->content_language,
                      .fetched_at = rec->date_unix};
    const pith_doc *doc = NULL;
    pith_status st = pith_extract(ex, rec->payload, rec->payload_len, &pin, &doc);
    cli_buf *b = &r->body;
    b->len = 0;
    int nomem = 0;
    if (st == PITH_OK) {
        size_t at;
        nomem = line_start(b, rec);
        at = b->len;
        if (!nomem)
            st = pith_render(doc, PITH_FORMAT_JSON, append_output, b);
        if (!nomem && st == PITH_OK && b->len - at >= 2 && b->data[at] == '{') {
            /* the page's object continues the line's */
            if (b->data[at + 1] == '}')
                memmove(b->data + at, b->data + at + 1, b->len - at - 1), b->len--;
            else
                b->data[at] = ',';
        } else if (!nomem) {
            st = st == PITH_OK ? PITH_ERR_WRITE : st;
        }
    }
    if (st != PITH_OK || nomem) {
        const char *skip = nomem ? NULL : skip_reason(st);
        const char *detail = pith_extractor_error(ex);
        char where[160];
        record_at(rec, where, sizeof where);
        if (skip) {
            r->skipped = 1;
            snprintf(r->reason, sizeof r->reason, "%s", skip);
        } else {
            r->failed = 1;
            snprintf(r->reason, sizeof r->reason, "%s (%s)",
                     nomem     ? pith_strerror(PITH_ERR_NOMEM)
                     : *detail ? detail
                               : pith_strerror(st),
                     where);
        }
        if (line_with_reason(b, rec, skip ? "skipped" : "error", r->reason))
            b->len = 0; /* out of memory: the writer notices the missing line */
    }
    if (rec->payload_len > KEEP_PAYLOAD_BYTES)
        pith_extractor_reset(ex);
}

/* ------------------------------------------------------------------------
 * The writer
 * ------------------------------------------------------------------------ */

/* The kind of a reason, for counting: up to its first ':' or " (". */
static void count(reasons *rs, const char *reason)
{
    size_t n = strcspn(reason, ":(");
    while (n && reason[n - 1] == ' ')
        n--;
    if (n >= sizeof rs->items[0].reason)
        n = sizeof rs->items[0].reason - 1;
    rs->total++;
    for (size_t i = 0; i < rs->len; i++) {
        if (strlen(rs->items[i].reason) == n && !strncmp(rs->items[i].reason, reason, n)) {
            rs->items[i].count++;
            return;
        }
    }
    if (rs->len == MAX_REASONS) {
        rs->other++;
        return;
    }
    memcpy(rs->items[rs->len].reason, reason, n);
    rs->items[rs->len].reason[n] = '\0';
    rs->items[rs->len++].count = 1;
}

static void clear_progress(cli_archives *a)
{
    if (a->progress_shown)
        fputs("\r\033[K", stderr);
    a->progress_shown = 0;
}

/* A problem of an input, on stderr unless -q. */
static void report(cli_archives *a, const cli_input *in, const char *what)
{
    if (a->cfg->quiet)
        return;
    clear_progress(a);
    fprintf(stderr, "pith: %s: %s\n", in->name, what);
}

int cli_archives_emit(cli_archives *a, cli_job *job, cli_result *r, long *failed)
{
    const cli_input *in = &a->inputs->items[job->input];
    cli_sink *sink = a->sink;
    pith_warc_record *rec = &job->record;
    char reason[400];
    int rc = 0;
    switch (job->kind) {
    case CLI_JOB_ARCHIVE_START:
        a->archives++;
        rc = cli_sink_begin_lines(sink, in, reason, sizeof reason);
        break;
    case CLI_JOB_ARCHIVE_END:
        rc = cli_sink_end_lines(sink, reason, sizeof reason);
        break;
    case CLI_JOB_FAULT:
        a->faults++;
        (*failed)++;
        report(a, in, rec->error ? rec->error : "unknown fault");
        return 0;
    case CLI_JOB_RECORD:
        if (!job->work) {
            /* skipped or failed by the reader: the line is made here */
            int skip = rec->kind == PITH_WARC_SKIPPED;
            r->skipped = skip;
            r->failed = !skip;
            snprintf(r->reason, sizeof r->reason, "%s",
                     skip         ? rec->skip
                     : rec->error ? rec->error
                                  : "unknown error");
            if (line_with_reason(&r->body, rec, skip ? "skipped" : "error", r->reason))
                r->body.len = 0;
        }
        if (r->body.len == 0) {
            /* no line could be made: out of memory */
            r->failed = 1;
            snprintf(r->reason, sizeof r->reason, "%s", pith_strerror(PITH_ERR_NOMEM));
        }
        a->lines++;
        if (r->failed) {
            count(&a->failed, r->reason);
            (*failed)++;
            report(a, in, r->reason);
        } else if (r->skipped) {
            count(&a->skipped, r->reason);
        } else {
            a->extracted++;
        }
        rc = cli_sink_line(sink, r->body.data, r->body.len);
        break;
    case CLI_JOB_PAGE:
        break;
    }
    if (rc < 0) {
        clear_progress(a);
        fprintf(stderr, "pith: %s\n", sink->fatal);
        return -1;
    }
    if (rc > 0) {
        (*failed)++;
        report(a, in, reason);
    }
    return 0;
}

void cli_archives_progress(cli_archives *a)
{
    if (!a || !a->progress || seconds_since(&a->last_progress) < PROGRESS_EVERY)
        return;
    clock_gettime(CLOCK_MONOTONIC, &a->last_progress);
    double secs = seconds_since(&a->start);
    unsigned long long bytes =
        a->bytes_done + (a->reader ? pith_warc_stats_of(a->reader)->bytes_in : 0);
    char eta[64] = "";
    if (a->total_bytes && bytes) {
        double share = (double)bytes / (double)a->total_bytes;
        long left = (long)(secs / share * (1 - share) + 0.5);
        snprintf(eta, sizeof eta, ", %.0f%%, ETA %ld:%02ld", share * 100, left / 60, left % 60);
    }
    fprintf(stderr, "\r\033[Kpith: %llu records, %.1f MB/s%s", a->lines,
            secs > 0 ? (double)bytes / 1e6 / secs : 0.0, eta);
    a->progress_shown = 1;
}

/* " (3 not HTML, 2 HTTP 404)" */
static void print_reasons(const reasons *rs)
{
    if (!rs->total)
        return;
    fputs(" (", stderr);
    for (size_t i = 0; i < rs->len; i++)
        fprintf(stderr, "%s%llu %s", i ? ", " : "", rs->items[i].count, rs->items[i].reason);
    if (rs->other)
        fprintf(stderr, ", %llu other", rs->other);
    fputs(")", stderr);
}

void cli_archives_finish(cli_archives *a)
{
    if (!a)
        return;
    if (a->reader) { /* the run stopped early */
        const pith_warc_stats *st = pith_warc_stats_of(a->reader);
        a->bytes_done += st->bytes_in;
        a->records_done += st->records;
        pith_warc_close(a->reader);
    }
    clear_progress(a);
    if (!a->cfg->quiet) {
        double secs = seconds_since(&a->start);
        double per = secs > 0 ? 1 / secs : 0;
        fprintf(stderr,
                "pith: %llu archive%s: %llu records read, %llu response/resource: %llu "
                "extracted, %llu skipped",
                a->archives, a->archives == 1 ? "" : "s", a->records_done, a->lines, a->extracted,
                a->skipped.total);
        print_reasons(&a->skipped);
        fprintf(stderr, ", %llu failed", a->failed.total);
        print_reasons(&a->failed);
        fprintf(stderr, "; %llu file fault%s\n", a->faults, a->faults == 1 ? "" : "s");
        fprintf(stderr, "pith: %.1f MB in %.2f s: %.1f records/s, %.1f MB/s\n",
                (double)a->bytes_done / 1e6, secs, (double)a->records_done * per,
                (double)a->bytes_done / 1e6 * per);
    }
    free(a);
}
