/**
 * Promises of `flush()` calls, each waiting until every item with a sequence number up to its mark
 * has settled (delivered or finally failed).
 *
 * @module
 */

interface Waiter {
  readonly mark: number;
  readonly resolve: () => void;
}

/** The pending `flush()` promises of one batch engine. */
export class FlushWaiters {
  private waiters: Waiter[] = [];

  /** True when at least one flush is pending. */
  get pending(): boolean {
    return this.waiters.length > 0;
  }

  /** The highest mark any pending flush waits for (0 when none). */
  get highestMark(): number {
    let mark = 0;
    for (const waiter of this.waiters) mark = Math.max(mark, waiter.mark);
    return mark;
  }

  /** A promise that resolves once {@link FlushWaiters.settle} reports everything up to `mark` settled. */
  wait(mark: number): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ mark, resolve }));
  }

  /** Resolves every waiter whose mark is below `lowestUnsettledSeq`. */
  settle(lowestUnsettledSeq: number): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.mark < lowestUnsettledSeq) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  /** Resolves every waiter (at shutdown). */
  releaseAll(): void {
    const all = this.waiters;
    this.waiters = [];
    for (const waiter of all) waiter.resolve();
  }
}
