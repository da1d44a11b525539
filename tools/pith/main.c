/*
 * main.c — `pith [OPTIONS] [INPUT...]`: the options, --help, and the exit
 * status (0: every input succeeded; 1: some failed; 2: a usage error).
 *
 * The options live in one table that both the parser and --help read, so
 * the help cannot drift from what is accepted. docs/pith.1 holds the same
 * table for the manual; tests/cli/run checks that they list the same options.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum {
    EXIT_ALL_OK = 0,
    EXIT_SOME_FAILED = 1,
    EXIT_USAGE = 2,
};

/* -j accepts up to this many workers: far above any machine's cores, low
 * enough that a typo (-j 10000) does not start ten thousand threads. */
#define MAX_JOBS 1024

typedef enum option_id {
    OPT_FORMAT,
    OPT_OUTPUT_DIR,
    OPT_URL,
    OPT_URL_LIST,
    OPT_CHARSET,
    OPT_PRECISION,
    OPT_RECALL,
    OPT_NO_TABLES,
    OPT_LINKS,
    OPT_IMAGES,
    OPT_COMMENTS,
    OPT_CONNECT_TIMEOUT,
    OPT_TIMEOUT,
    OPT_MAX_REDIRECTS,
    OPT_JOBS,
    OPT_WARC,
    OPT_QUIET,
    OPT_HELP,
    OPT_VERSION,
} option_id;

typedef struct option_spec {
    option_id id;
    char short_name; /* 0: long form only */
    const char *long_name;
    const char *value; /* the value's name in --help; NULL: a flag */
    const char *help;  /* lines after the first are indented under it */
} option_spec;

static const option_spec option_table[] = {
    {OPT_FORMAT, 'f', "format", "FORMAT",
     "output format: text (default), markdown, json\n"
     "(the page's record, one line per input), html\n"
     "(the article as a clean HTML document) or\n"
     "explain (why each block was kept or dropped)"},
    {OPT_OUTPUT_DIR, 0, "output-dir", "DIR",
     "write one file per input: DIR/NAME.txt (.md,\n"
     ".json, .html for the other formats), NAME being\n"
     "the input's file name minus a final .html or\n"
     ".htm; DIR is created if missing; a failed input\n"
     "writes no file"},
    {OPT_URL, 0, "url", "URL",
     "the page's URL (resolves relative links), for\n"
     "every input without a --url-list entry"},
    {OPT_URL_LIST, 0, "url-list", "FILE",
     "page URLs of many inputs: lines NAME<TAB>URL,\n"
     "NAME being an input's file name (no directory)"},
    {OPT_CHARSET, 0, "charset", "NAME",
     "the charset an HTTP Content-Type gave: it outranks\n"
     "<meta charset>, not a byte-order mark or UTF-8"},
    {OPT_PRECISION, 0, "precision", NULL, "drop doubtful blocks: less chrome, may lose text"},
    {OPT_RECALL, 0, "recall", NULL, "keep doubtful blocks: nothing lost, more chrome"},
    {OPT_NO_TABLES, 0, "no-tables", NULL, "leave tables out of the article"},
    {OPT_LINKS, 0, "links", NULL, "keep link targets (markdown; html always does)"},
    {OPT_IMAGES, 0, "images", NULL,
     "keep images (markdown; html always does) and\n"
     "the captions of figures"},
    {OPT_COMMENTS, 0, "comments", NULL, "keep the readers' comments section"},
    {OPT_CONNECT_TIMEOUT, 0, "connect-timeout", "S",
     "URL inputs: give up when name lookup and\n"
     "connection take over S seconds (default 10)"},
    {OPT_TIMEOUT, 0, "timeout", "S",
     "URL inputs: give up when a fetch takes over S\n"
     "seconds in all (default 30)"},
    {OPT_MAX_REDIRECTS, 0, "max-redirects", "N",
     "URL inputs: follow at most N redirects, 0 to 50\n"
     "(default 5)"},
    {OPT_JOBS, 'j', "jobs", "N",
     "extract with N worker threads (default: the\n"
     "number of CPUs); the output is the same for any N"},
    {OPT_WARC, 0, "warc", NULL,
     "read every INPUT as a WARC or ARC archive (plain,\n"
     "gzip, zstd or lz4; without it, files whose bytes\n"
     "start like one are): a JSON line per response or\n"
     "resource record, a summary on stderr"},
    {OPT_QUIET, 'q', "quiet", NULL,
     "do not report failed inputs on stderr (the exit\n"
     "status still does), nor progress and summary"},
    {OPT_HELP, 'h', "help", NULL, "show this help and exit"},
    {OPT_VERSION, 'V', "version", NULL, "show the version and exit"},
};

#define OPTION_COUNT (sizeof option_table / sizeof *option_table)

static void print_help(FILE *out)
{
    fprintf(out, "Usage: pith [OPTIONS] [INPUT...]\n"
                 "Extract the main article of web pages: the text a person came to read,\n"
                 "without navigation, teasers, cookie layers and newsletter boxes.\n"
                 "\n"
                 "An INPUT is an HTML file in any charset, a directory (its *.html and *.htm\n"
                 "files, sorted by name), an http:// or https:// URL (fetched: the URL after\n"
                 "redirects is the page's URL, the Content-Type charset its --charset),\n"
                 "or - for standard input; no INPUT reads standard input. Several documents\n"
                 "on standard output are each preceded by a line ==> NAME <== (as head(1)\n"
                 "does), also when an INPUT is a directory; with -f json they are JSON Lines\n"
                 "instead: a line per input, no headers (a failed input writes no line).\n"
                 "\n"
                 "A WARC or ARC archive (with --warc, or a file whose bytes start like one,\n"
                 "plain or compressed) writes JSON Lines whatever the format: a line per\n"
                 "response or resource record with warc_record_id, target_uri, warc_date,\n"
                 "http_status and content_type, then the page's record as -f json has it, or\n"
                 "\"skipped\" or \"error\" with the reason; a summary follows on stderr.\n"
                 "\n"
                 "Options:\n");
    for (size_t i = 0; i < OPTION_COUNT; i++) {
        const option_spec *o = &option_table[i];
        char left[64];
        snprintf(left, sizeof left, "%c%c%c --%s%s%s", o->short_name ? '-' : ' ',
                 o->short_name ? o->short_name : ' ', o->short_name ? ',' : ' ', o->long_name,
                 o->value ? " " : "", o->value ? o->value : "");
        /* an option too long for the column gets a line of its own */
        int own_line = strlen(left) > 21;
        fprintf(out, "  %-21s%s", left, own_line ? "\n" : "");
        for (const char *line = o->help; line;) {
            const char *nl = strchr(line, '\n');
            int len = nl ? (int)(nl - line) : (int)strlen(line);
            fprintf(out, "%*s%.*s\n", line == o->help && !own_line ? 1 : 24, "", len, line);
            line = nl ? nl + 1 : NULL;
        }
    }
    fprintf(out, "\n"
                 "Examples:\n"
                 "  pith page.html                      the article as plain text\n"
                 "  pith -f markdown --links page.html  as Markdown, with link targets\n"
                 "  pith https://example.com/a          fetched, then extracted\n"
                 "  curl -s https://example.com/a | pith --url https://example.com/a\n"
                 "  pith --output-dir out/ pages/       out/NAME.txt for each pages/NAME.html\n"
                 "  pith -f json pages/ > records.jsonl title, authors, dates... and text\n"
                 "  pith --warc -j 8 crawl.warc.gz > records.jsonl   a record per page\n"
                 "\n"
                 "Exit status:\n"
                 "  0  every input succeeded (archives: read to their end without a fault,\n"
                 "     every record extracted or skipped)\n"
                 "  1  some input failed, or an archive has a fault or a record error; each\n"
                 "     is reported on stderr as \"pith: NAME: reason\" while the others\n"
                 "     still complete\n"
                 "  2  usage error (unknown option, bad value, unusable --url-list or\n"
                 "     --output-dir)\n"
                 "\n"
                 "Full documentation: man pith\n");
}

/* Reports a usage error and returns EXIT_USAGE. */
__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    /* clang-analyzer 14 misses the va_start above on glibc */
    vsnprintf(msg, sizeof msg, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
    va_end(ap);
    fprintf(stderr, "pith: %s\nTry 'pith --help' for more information.\n", msg);
    return EXIT_USAGE;
}

static const option_spec *find_long(const char *name, size_t len)
{
    for (size_t i = 0; i < OPTION_COUNT; i++) {
        const char *l = option_table[i].long_name;
        if (strlen(l) == len && !strncmp(l, name, len))
            return &option_table[i];
    }
    return NULL;
}

static const option_spec *find_short(char c)
{
    for (size_t i = 0; i < OPTION_COUNT; i++) {
        if (option_table[i].short_name == c)
            return &option_table[i];
    }
    return NULL;
}

static unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

/* What the command line says, beyond cli_config. */
typedef struct command {
    cli_config cfg;
    char **inputs;
    size_t ninputs;
    int help, version;
    int precision, recall;
    int format_given; /* -f was on the command line */
} command;

/* Applies one option; `value` is NULL for flags. Returns 0, or EXIT_USAGE
 * after reporting the problem. */
static int apply(command *c, const option_spec *o, const char *value)
{
    cli_config *cfg = &c->cfg;
    if (!value)
        value = ""; /* flags ignore it; options always get one from parse_args */
    switch (o->id) {
    case OPT_FORMAT:
        c->format_given = 1;
        cfg->format = cli_format_find(value);
        if (!cfg->format)
            return usage_error("unknown format '%s' (choose %s)", value, cli_format_names());
        break;
    case OPT_OUTPUT_DIR:
        if (!*value)
            return usage_error("--output-dir needs a directory name");
        cfg->output_dir = value;
        break;
    case OPT_URL:
        cfg->url = value;
        break;
    case OPT_URL_LIST:
        cfg->url_list = value;
        break;
    case OPT_CHARSET:
        cfg->charset = value;
        break;
    case OPT_PRECISION:
        c->precision = 1;
        break;
    case OPT_RECALL:
        c->recall = 1;
        break;
    case OPT_NO_TABLES:
        cfg->options.tables = 0;
        break;
    case OPT_LINKS:
        cfg->options.links = 1;
        break;
    case OPT_IMAGES:
        cfg->options.images = 1;
        break;
    case OPT_COMMENTS:
        cfg->options.comments = 1;
        break;
    case OPT_CONNECT_TIMEOUT:
    case OPT_TIMEOUT: {
        long *ms =
            o->id == OPT_TIMEOUT ? &cfg->fetch.total_timeout_ms : &cfg->fetch.connect_timeout_ms;
        if (cli_parse_seconds(value, ms))
            return usage_error("--%s wants a number of seconds above 0, not '%s'", o->long_name,
                               value);
        break;
    }
    case OPT_MAX_REDIRECTS: {
        char *end;
        errno = 0;
        long n = strtol(value, &end, 10);
        if (errno || end == value || *end || n < 0 || n > PITH_MAX_FETCH_REDIRECTS) {
            return usage_error("--max-redirects wants a number from 0 to %d, not '%s'",
                               PITH_MAX_FETCH_REDIRECTS, value);
        }
        cfg->fetch.max_redirects = (int)n;
        break;
    }
    case OPT_JOBS: {
        char *end;
        errno = 0;
        long n = strtol(value, &end, 10);
        if (errno || end == value || *end || n < 1 || n > MAX_JOBS) {
            return usage_error("-j wants a number of workers from 1 to %d, not '%s'", MAX_JOBS,
                               value);
        }
        cfg->jobs = (unsigned)n;
        break;
    }
    case OPT_WARC:
        cfg->warc = 1;
        break;
    case OPT_QUIET:
        cfg->quiet = 1;
        break;
    case OPT_HELP:
        c->help = 1;
        break;
    case OPT_VERSION:
        c->version = 1;
        break;
    }
    return 0;
}

/* Parses argv: options anywhere before "--", long ones as --name VALUE or
 * --name=VALUE, short ones grouped (-qj4) with a value attached or next. */
static int parse_args(command *c, int argc, char **argv)
{
    int only_inputs = 0;
    for (int i = 1; i < argc; i++) {
        char *arg = argv[i];
        if (only_inputs || arg[0] != '-' || !strcmp(arg, "-")) {
            c->inputs[c->ninputs++] = arg;
        } else if (!strcmp(arg, "--")) {
            only_inputs = 1;
        } else if (arg[1] == '-') {
            const char *name = arg + 2, *eq = strchr(name, '=');
            const option_spec *o = find_long(name, eq ? (size_t)(eq - name) : strlen(name));
            if (!o)
                return usage_error("unknown option '%s'", arg);
            const char *value = eq ? eq + 1 : NULL;
            if (!o->value && value)
                return usage_error("option '--%s' takes no value", o->long_name);
            if (o->value && !value) {
                if (i + 1 >= argc)
                    return usage_error("option '--%s' needs a value %s", o->long_name, o->value);
                value = argv[++i];
            }
            if (apply(c, o, value))
                return EXIT_USAGE;
        } else {
            for (const char *p = arg + 1; *p; p++) {
                const option_spec *o = find_short(*p);
                if (!o) {
                    return usage_error("unknown option '-%c'", *p);
                }
                const char *value = NULL;
                if (o->value) {
                    if (p[1])
                        value = p + 1;
                    else if (i + 1 < argc)
                        value = argv[++i];
                    else
                        return usage_error("option '-%c' needs a value %s", *p, o->value);
                }
                if (apply(c, o, value))
                    return EXIT_USAGE;
                if (value)
                    break;
            }
        }
    }
    if (c->precision && c->recall)
        return usage_error("--precision and --recall exclude each other");
    if (c->cfg.warc && c->format_given && c->cfg.format->format != PITH_FORMAT_JSON)
        return usage_error("--warc writes JSON Lines: -f %s does not apply", c->cfg.format->name);
    if (c->precision)
        c->cfg.options.tradeoff = PITH_PRECISION;
    if (c->recall)
        c->cfg.options.tradeoff = PITH_RECALL;
    return 0;
}

int main(int argc, char **argv)
{
    command c = {0};
    c.cfg.options = pith_options_default();
    c.cfg.fetch = pith_fetch_options_default();
    c.cfg.format = cli_format_find("text");
    c.cfg.jobs = default_jobs();
    c.inputs = calloc((size_t)argc + 1, sizeof *c.inputs);
    if (!c.inputs) {
        fprintf(stderr, "pith: %s\n", strerror(ENOMEM));
        return EXIT_SOME_FAILED;
    }
    int status = parse_args(&c, argc, argv);
    if (status || c.help || c.version) {
        if (!status && c.help)
            print_help(stdout);
        else if (!status)
            printf("pith %s\n", pith_version());
        if (fflush(stdout) || ferror(stdout)) { /* pith --help >/dev/full */
            fprintf(stderr, "pith: standard output: %s\n", strerror(errno));
            status = EXIT_SOME_FAILED;
        }
        free(c.inputs);
        return status;
    }
    if (c.ninputs == 0 && isatty(STDIN_FILENO)) {
        free(c.inputs);
        return usage_error("no INPUT given and standard input is a terminal");
    }

    cli_inputs inputs = {0};
    cli_sink sink = {.dir_fd = -1, .lines_fd = -1};
    int expanded = !cli_inputs_expand(&inputs, c.inputs, c.ninputs);
    if (expanded)
        cli_inputs_find_archives(&inputs, &c.cfg);
    if (!expanded || (c.cfg.output_dir && cli_inputs_name_outputs(&inputs, c.cfg.format))) {
        fprintf(stderr, "pith: %s\n", strerror(ENOMEM));
        status = EXIT_SOME_FAILED;
    } else if (cli_inputs_attach_urls(&inputs, &c.cfg)) {
        status = EXIT_USAGE;
    } else if (cli_sink_open(&sink, &c.cfg, inputs.several)) {
        fprintf(stderr, "pith: %s\n", sink.fatal);
        status = EXIT_USAGE;
    } else {
        status = cli_run(&c.cfg, &inputs, &sink) == 0 ? EXIT_ALL_OK : EXIT_SOME_FAILED;
    }
    cli_sink_close(&sink);
    cli_inputs_free(&inputs);
    free(c.inputs);
    return status;
}
