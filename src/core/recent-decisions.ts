/**
 * A bounded memory of the latest sampling decisions by trace id: exactly the last `capacity`
 * decisions, O(1) to record.
 *
 * Recording happens for every trace (kept or dropped), looking up only when a score arrives by trace
 * id, which is rare. So decisions go into a ring of ids and flags, with no hashing on the hot path,
 * and a lookup scans the ring from the newest entry (tens of microseconds at 10k entries). A FIFO
 * over one `Map` (evicting `keys().next()`) cost microseconds per *record*: V8 leaves deleted entries
 * at the front of the table until it rehashes and the iterator walks over them every time; even a
 * plain `Map.set` of a fresh id costs more than the rest of a dropped trace's decision.
 */
export class RecentDecisions {
  private readonly ids: (string | undefined)[];
  private readonly sampled: Uint8Array;
  private next = 0;

  /** @param capacity - decisions remembered. */
  constructor(private readonly capacity: number) {
    this.ids = new Array<string | undefined>(capacity).fill(undefined);
    this.sampled = new Uint8Array(capacity);
  }

  /** Remembers the decision for `traceId`; a later decision for the same id wins. */
  set(traceId: string, sampled: boolean): void {
    const at = this.next;
    this.ids[at] = traceId;
    this.sampled[at] = sampled ? 1 : 0;
    this.next = at + 1 === this.capacity ? 0 : at + 1;
  }

  /** The latest decision remembered for `traceId`, if any. */
  get(traceId: string): boolean | undefined {
    const { ids, capacity } = this;
    for (let k = 1; k <= capacity; k++) {
      const at = (this.next - k + capacity) % capacity;
      if (ids[at] === traceId) return this.sampled[at] === 1;
    }
    return undefined;
  }
}
