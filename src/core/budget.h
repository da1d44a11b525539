/*
 * budget.h — the memory one document may take.
 *
 * pith_extract opens a budget for the calling thread; while it is open,
 * every growth of a buf, a vec or an arena is charged to it, and a growth
 * past its limit fails as an allocation failure would (the budget records
 * that it was the limit, so that the caller reports PITH_ERR_LIMIT rather
 * than running out of memory). Charges add up allocations, never subtract
 * frees: `used` is an upper bound of what the document made pith hold.
 * Storage kept from earlier documents and reused is not charged again.
 * Outside an open budget (rendering, the CLI) nothing is charged.
 */
#ifndef PITH_CORE_BUDGET_H
#define PITH_CORE_BUDGET_H

#include <stddef.h>

typedef struct mem_budget {
    size_t limit;  /* bytes; 0: no limit */
    size_t used;   /* bytes charged since budget_open */
    int exceeded;  /* a charge was refused */
} mem_budget;

/* Makes b the calling thread's budget, emptied, with `limit` bytes. */
void budget_open(mem_budget *b, size_t limit);
/* Ends the calling thread's budget (charges go nowhere after it). */
void budget_close(void);
/* Charges `bytes` to the thread's open budget: 0, or -1 when they do not
 * fit (then nothing is charged and the budget is marked exceeded). */
int budget_charge(size_t bytes);

#endif
