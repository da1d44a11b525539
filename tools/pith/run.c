/*
 * run.c — the pipeline: jobs in, workers, the ordered writer.
 *
 * The main thread turns the inputs into jobs: a page file is one job (its
 * worker reads it), an archive is one job per response or resource record
 * and per fault, framed by a start and an end job (warc.c reads it). Jobs
 * go into a ring of SLOTS_PER_WORKER × workers slots, in order. Workers
 * take the next job that needs work, extract and render it with their own
 * pith_extractor into the slot, and go on. The main thread is also the
 * writer: it hands the oldest slot to the sink as soon as it is done, and
 * fills a slot whenever one is free. The ring bounds how far reading runs
 * ahead of writing, so memory stays bounded however many inputs or
 * records there are, while one slow page does not idle the other workers
 * for long. Output is identical for any number of workers because only
 * the writer writes, in job order.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Buffers above these sizes are freed after use: a rare huge page must
 * not pin its memory in every slot and worker for the rest of the run. */
#define KEEP_INPUT_BYTES ((size_t)8 << 20)
#define KEEP_OUTPUT_BYTES ((size_t)4 << 20)

/* Ring slots per worker. A slot holds one rendered article (kilobytes),
 * so more would cost little memory; 2 is the bound the design asks for.
 * What it costs in speed, simulated with the per-page CPU times of the
 * scrapinghub dev pages in their own order (no copies): the speedup over
 * one worker is 1.87 / 3.17 / 5.30 with 2, 4, 8 workers at 2 slots each,
 * 1.95 / 3.73 / 6.03 at 4 slots each; a slow page holds the writer back,
 * and the workers wait once they are a ring ahead of it. */
#define SLOTS_PER_WORKER 2

enum slot_state {
    SLOT_FREE,  /* the writer emitted it: the feeder may fill it */
    SLOT_READY, /* filled with a job a worker is to do */
    SLOT_DONE,  /* the result is complete (or the job needs no worker) */
};

typedef struct slot {
    cli_job job;
    cli_result result;
    enum slot_state state; /* guarded by pool.lock */
} slot;

typedef struct pool {
    const cli_config *cfg;
    const cli_inputs *inputs;
    cli_sink *sink;
    cli_archives *archives; /* NULL when no input is an archive */
    size_t input_limit;     /* bytes; see pith_limits.max_input_bytes */
    slot *slots;
    size_t ring; /* number of slots; job i uses slots[i % ring] */
    pthread_mutex_t lock;
    pthread_cond_t slot_ready; /* the feeder filled a slot */
    pthread_cond_t slot_done;  /* a worker completed a slot */
    size_t filled;             /* jobs put into the ring; guarded */
    size_t taken;              /* jobs workers took or passed over; guarded */
    int finished;              /* no more jobs come; guarded */
    /* the feeder (main thread only) */
    size_t next_input;  /* the input after the one being fed */
    int in_archive;     /* the input before next_input is an archive being read */
} pool;

typedef struct worker {
    pool *pool;
    pith_extractor *ex;
    cli_buf bytes; /* the input being extracted; reused */
    pthread_t thread;
    int started;
} worker;

static int append_output(const char *data, size_t len, void *user)
{
    return cli_buf_append(user, data, len);
}

static void fail(cli_result *r, const char *reason)
{
    r->failed = 1;
    r->body.len = 0;
    snprintf(r->reason, sizeof r->reason, "%s", reason);
}

/* Reads, extracts and renders one input into `r`. */
static void process(worker *w, const cli_input *input, cli_result *r)
{
    const cli_config *cfg = w->pool->cfg;
    r->failed = 0;
    r->reason[0] = '\0';
    r->body.len = 0;
    pith_input in = {.url = input->url, .charset = cfg->charset, .name = input->name};
    pith_fetched page = {0}; /* a URL input's response */
    if (input->is_url && !input->error) {
        if (cli_fetch_input(input, cfg, &page, &in, r->reason, sizeof r->reason)) {
            r->failed = 1;
            pith_fetched_free(&page);
            return;
        }
    } else if (cli_read_input(input, &w->bytes, w->pool->input_limit, r->reason,
                              sizeof r->reason)) {
        r->failed = 1;
        return;
    }
    const void *bytes = input->is_url ? page.body : w->bytes.data;
    size_t len = input->is_url ? page.body_len : w->bytes.len;
    const pith_doc *doc = NULL;
    pith_status st = pith_extract(w->ex, bytes, len, &in, &doc);
    if (st == PITH_OK) {
        st = pith_render(doc, cfg->format->format, append_output, &r->body);
        if (st != PITH_OK)
            fail(r, pith_strerror(st == PITH_ERR_WRITE ? PITH_ERR_NOMEM : st));
        else if (r->body.len == 0)
            /* An empty article is reported, never written silently: for a
             * reader of the output it is a failure all the same. (The
             * library says PITH_ERR_NO_CONTENT when it knows the page has
             * no text; this is the net for when it does not.) */
            fail(r, "the extracted article is empty");
    } else {
        const char *detail = pith_extractor_error(w->ex);
        fail(r, *detail ? detail : pith_strerror(st));
    }
    pith_fetched_free(&page);
    if (w->bytes.cap > KEEP_INPUT_BYTES) {
        cli_buf_clear(&w->bytes, KEEP_INPUT_BYTES);
        pith_extractor_reset(w->ex);
    }
}

/* The job's work, on a worker. */
static void process_job(worker *w, cli_job *job, cli_result *r)
{
    pool *p = w->pool;
    if (job->kind == CLI_JOB_PAGE)
        process(w, &p->inputs->items[job->input], r);
    else
        cli_archives_process(p->archives, w->ex, job, r);
}

static void *work(void *arg)
{
    worker *w = arg;
    pool *p = w->pool;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->taken == p->filled && !p->finished)
            pthread_cond_wait(&p->slot_ready, &p->lock);
        if (p->taken == p->filled)
            break;
        /* Slot `taken` is this worker's alone until it is marked done: the
         * writer waits for it, the feeder cannot reach it before that. */
        slot *s = &p->slots[p->taken++ % p->ring];
        if (s->state != SLOT_READY) {
            /* a job without work: the writer does it. Passing it lets the
             * feeder reuse its slot (see feed_and_write). */
            pthread_cond_signal(&p->slot_done);
            continue;
        }
        pthread_mutex_unlock(&p->lock);
        process_job(w, &s->job, &s->result);
        pthread_mutex_lock(&p->lock);
        s->state = SLOT_DONE;
        pthread_cond_signal(&p->slot_done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* The feeder: the next job, in input order. 0 when there is none left.
 * `copy`: an archive record must outlive the reading of the next one. */
static int next_job(pool *p, cli_job *job, int copy)
{
    for (;;) {
        if (p->in_archive) {
            if (cli_archives_next(p->archives, p->next_input - 1, job, copy))
                return 1;
            p->in_archive = 0;
        }
        if (p->next_input >= p->inputs->len)
            return 0;
        size_t i = p->next_input++;
        if (p->inputs->items[i].archive && !p->inputs->items[i].error) {
            p->in_archive = 1;
            continue;
        }
        job->kind = CLI_JOB_PAGE;
        job->input = i;
        job->work = 1;
        return 1;
    }
}

/* Hands one result to the sink and reports it; counts failures into
 * *failed, or sets it to -1 when the sink cannot go on. */
static void emit(pool *p, cli_sink *sink, const cli_input *input, cli_result *r, long *failed)
{
    if (sink->emit(sink, input, r)) {
        fprintf(stderr, "pith: %s\n", sink->fatal);
        *failed = -1;
    } else if (r->failed) {
        (*failed)++;
        if (!p->cfg->quiet)
            fprintf(stderr, "pith: %s: %s\n", input->name, r->reason);
    }
    cli_buf_clear(&r->body, KEEP_OUTPUT_BYTES);
}

/* Hands one finished job to the sink and reports it; counts failures into
 * *failed, or sets it to -1 when the sink cannot go on. */
static void emit_job(pool *p, cli_job *job, cli_result *r, long *failed)
{
    if (job->kind == CLI_JOB_PAGE) {
        emit(p, p->sink, &p->inputs->items[job->input], r, failed);
        return;
    }
    if (cli_archives_emit(p->archives, job, r, failed))
        *failed = -1;
    cli_buf_clear(&r->body, KEEP_OUTPUT_BYTES);
    cli_archives_progress(p->archives);
}

/* One worker: everything on the calling thread, in order. Threads would
 * only add the cost of handing results over (and make -j1 use more than
 * one core, which `make bench` compares -j2 against). Archive records are
 * used where the reader keeps them, without a copy. */
static long run_sequential(pool *p, worker *w)
{
    long failed = 0;
    slot *s = &p->slots[0];
    while (failed >= 0 && next_job(p, &s->job, 0)) {
        s->result.failed = 0;
        s->result.body.len = 0;
        if (s->job.work)
            process_job(w, &s->job, &s->result);
        emit_job(p, &s->job, &s->result, &failed);
    }
    return failed;
}

/* The main thread with workers: fills free slots and emits done ones, in
 * order, until every job is out (or the sink gave up). */
static long feed_and_write(pool *p)
{
    long failed = 0;
    size_t emitted = 0;
    int more = 1;
    for (;;) {
        slot *oldest = &p->slots[emitted % p->ring];
        int can_emit = 0, can_fill = 0;
        pthread_mutex_lock(&p->lock);
        for (;;) {
            can_emit = emitted < p->filled && oldest->state == SLOT_DONE;
            /* A slot is filled again once its job is emitted and workers
             * have passed it: a job that needs no worker is emitted at
             * once, and a worker still to pass it must not find the
             * next job there (it would take that one out of turn). */
            can_fill = more && p->filled < emitted + p->ring && p->filled < p->taken + p->ring;
            if (can_emit || can_fill || (!more && emitted == p->filled))
                break;
            pthread_cond_wait(&p->slot_done, &p->lock);
        }
        pthread_mutex_unlock(&p->lock);
        if (can_emit) {
            /* emit first: it frees a slot for the feeder */
            emit_job(p, &oldest->job, &oldest->result, &failed);
            pthread_mutex_lock(&p->lock);
            oldest->state = SLOT_FREE;
            pthread_mutex_unlock(&p->lock);
            emitted++;
            if (failed < 0)
                break;
        } else if (can_fill) {
            /* slot `filled` is free and no worker looks at it before it
             * is published below */
            slot *s = &p->slots[p->filled % p->ring];
            s->result.failed = 0;
            s->result.body.len = 0;
            more = next_job(p, &s->job, 1);
            if (more) {
                pthread_mutex_lock(&p->lock);
                s->state = s->job.work ? SLOT_READY : SLOT_DONE;
                p->filled++;
                pthread_cond_signal(&p->slot_ready);
                pthread_mutex_unlock(&p->lock);
            }
        } else {
            break;
        }
    }
    pthread_mutex_lock(&p->lock);
    p->finished = 1;
    pthread_cond_broadcast(&p->slot_ready);
    pthread_mutex_unlock(&p->lock);
    return failed;
}

long cli_run(const cli_config *cfg, const cli_inputs *inputs, cli_sink *sink)
{
    int archives = 0;
    for (size_t i = 0; i < inputs->len; i++)
        archives |= inputs->items[i].archive;
    /* pages: no more workers than pages; an archive has many records */
    size_t nworkers = archives || cfg->jobs < inputs->len ? cfg->jobs : inputs->len;
    if (nworkers == 0)
        return 0;
    pool p = {.cfg = cfg, .inputs = inputs, .sink = sink, .ring = SLOTS_PER_WORKER * nworkers};
    p.input_limit = cfg->options.limits.max_input_bytes ? cfg->options.limits.max_input_bytes
                                                        : PITH_DEFAULT_MAX_INPUT_BYTES;
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.slot_ready, NULL);
    pthread_cond_init(&p.slot_done, NULL);
    p.slots = calloc(p.ring, sizeof *p.slots);
    worker *workers = calloc(nworkers, sizeof *workers);
    long result = -1;
    if (!p.slots || !workers || (archives && !(p.archives = cli_archives_new(cfg, inputs, sink)))) {
        fprintf(stderr, "pith: %s\n", strerror(ENOMEM));
        goto done;
    }
    for (size_t i = 0; i < nworkers; i++) {
        workers[i].pool = &p;
        pith_status st = pith_extractor_new(&cfg->options, &workers[i].ex);
        if (st != PITH_OK) {
            fprintf(stderr, "pith: cannot create an extractor: %s\n", pith_strerror(st));
            goto done;
        }
    }
    if (nworkers == 1) {
        result = run_sequential(&p, &workers[0]);
        goto done;
    }
    /* Fewer threads than asked for still produce the same output. */
    for (size_t i = 0; i < nworkers; i++) {
        if (pthread_create(&workers[i].thread, NULL, work, &workers[i]))
            break;
        workers[i].started = 1;
    }
    if (!workers[0].started) {
        fprintf(stderr, "pith: cannot start a worker thread\n");
        goto done;
    }
    result = feed_and_write(&p);
done:
    for (size_t i = 0; workers && i < nworkers; i++) {
        if (workers[i].started)
            pthread_join(workers[i].thread, NULL);
        pith_extractor_free(workers[i].ex);
        cli_buf_free(&workers[i].bytes);
    }
    cli_archives_finish(p.archives);
    for (size_t i = 0; p.slots && i < p.ring; i++) {
        cli_buf_free(&p.slots[i].result.body);
        cli_buf_free(&p.slots[i].job.copy);
    }
    free(workers);
    free(p.slots);
    pthread_cond_destroy(&p.slot_done);
    pthread_cond_destroy(&p.slot_ready);
    pthread_mutex_destroy(&p.lock);
    return result;
}
