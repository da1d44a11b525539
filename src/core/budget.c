#include "core/budget.h"

/* One open budget per thread: each extractor runs on one thread at a time
 * (pith.h), so the thread's budget is its document's. */
static _Thread_local mem_budget *current;

void budget_open(mem_budget *b, size_t limit)
{
    b->limit = limit;
    b->used = 0;
    b->exceeded = 0;
    current = b;
}

void budget_close(void) { current = NULL; }

int budget_charge(size_t bytes)
{
    mem_budget *b = current;
    if (!b || !b->limit)
        return 0;
    if (bytes > b->limit - b->used) {
        b->exceeded = 1;
        return -1;
    }
    b->used += bytes;
    return 0;
}
