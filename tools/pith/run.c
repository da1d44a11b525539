/*
 * run.c — the workers and the ordered writer.
 *
 * Workers take the next input from a shared atomic index, extract and
 * render it with their own pith_extractor into a result slot, and go on.
 * The main thread is the writer: it waits for the slot of the next input
 * in order, hands it to the sink, and frees the slot. Slots form a ring of
 * SLOTS_PER_WORKER × workers entries, so a worker runs at most that many
 * inputs ahead of the writer and memory stays bounded however many inputs
 * there are, while one slow page does not idle the other workers for long.
 * Output is identical for any number of workers because only the writer
 * writes, in input order.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
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

typedef struct slot {
    cli_result result;
    int done; /* the result is complete; guarded by pool.lock */
} slot;

typedef struct pool {
    const cli_config *cfg;
    const cli_inputs *inputs;
    size_t input_limit;       /* bytes; see pith_limits.max_input_bytes */
    atomic_size_t next_input; /* the next input a worker takes */
    slot *slots;
    size_t ring; /* number of slots; input i uses slots[i % ring] */
    pthread_mutex_t lock;
    pthread_cond_t slot_done; /* a worker completed a slot */
    pthread_cond_t slot_free; /* the writer emitted a slot */
    size_t next_emit;         /* the input the writer waits for; guarded */
    int stop;                 /* the writer gave up; guarded */
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
    if (input->is_url) {
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

static void *work(void *arg)
{
    worker *w = arg;
    pool *p = w->pool;
    for (;;) {
        size_t i = atomic_fetch_add(&p->next_input, 1);
        if (i >= p->inputs->len)
            break;
        pthread_mutex_lock(&p->lock);
        while (i >= p->next_emit + p->ring && !p->stop)
            pthread_cond_wait(&p->slot_free, &p->lock);
        int stop = p->stop;
        pthread_mutex_unlock(&p->lock);
        if (stop)
            break;
        /* Slot i % ring is this worker's alone until it is marked done:
         * the writer has emitted input i - ring and no other worker holds i. */
        slot *s = &p->slots[i % p->ring];
        process(w, &p->inputs->items[i], &s->result);
        pthread_mutex_lock(&p->lock);
        s->done = 1;
        pthread_cond_signal(&p->slot_done);
        pthread_mutex_unlock(&p->lock);
    }
    return NULL;
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

/* One worker: everything on the calling thread, in order. Threads would
 * only add the cost of handing results over (and make -j1 use more than
 * one core, which `make bench` compares -j2 against). */
static long run_sequential(pool *p, worker *w, cli_sink *sink)
{
    long failed = 0;
    cli_result *r = &p->slots[0].result;
    for (size_t i = 0; i < p->inputs->len && failed >= 0; i++) {
        process(w, &p->inputs->items[i], r);
        emit(p, sink, &p->inputs->items[i], r, &failed);
    }
    return failed;
}

/* The writer: emits results in input order until all are out. */
static long write_in_order(pool *p, cli_sink *sink)
{
    long failed = 0;
    for (size_t i = 0; i < p->inputs->len; i++) {
        slot *s = &p->slots[i % p->ring];
        const cli_input *input = &p->inputs->items[i];
        pthread_mutex_lock(&p->lock);
        while (!s->done)
            pthread_cond_wait(&p->slot_done, &p->lock);
        pthread_mutex_unlock(&p->lock);
        emit(p, sink, input, &s->result, &failed);
        pthread_mutex_lock(&p->lock);
        s->done = 0;
        p->next_emit++;
        p->stop = failed < 0;
        pthread_cond_broadcast(&p->slot_free);
        pthread_mutex_unlock(&p->lock);
        if (failed < 0)
            break;
    }
    return failed;
}

long cli_run(const cli_config *cfg, const cli_inputs *inputs, cli_sink *sink)
{
    size_t nworkers = cfg->jobs < inputs->len ? cfg->jobs : inputs->len;
    if (nworkers == 0)
        return 0;
    pool p = {.cfg = cfg, .inputs = inputs, .ring = SLOTS_PER_WORKER * nworkers};
    p.input_limit = cfg->options.limits.max_input_bytes ? cfg->options.limits.max_input_bytes
                                                        : PITH_DEFAULT_MAX_INPUT_BYTES;
    atomic_init(&p.next_input, 0);
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.slot_done, NULL);
    pthread_cond_init(&p.slot_free, NULL);
    p.slots = calloc(p.ring, sizeof *p.slots);
    worker *workers = calloc(nworkers, sizeof *workers);
    long result = -1;
    if (!p.slots || !workers) {
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
        result = run_sequential(&p, &workers[0], sink);
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
    result = write_in_order(&p, sink);
done:
    for (size_t i = 0; workers && i < nworkers; i++) {
        if (workers[i].started)
            pthread_join(workers[i].thread, NULL);
        pith_extractor_free(workers[i].ex);
        cli_buf_free(&workers[i].bytes);
    }
    for (size_t i = 0; p.slots && i < p.ring; i++)
        cli_buf_free(&p.slots[i].result.body);
    free(workers);
    free(p.slots);
    pthread_cond_destroy(&p.slot_free);
    pthread_cond_destroy(&p.slot_done);
    pthread_mutex_destroy(&p.lock);
    return result;
}
