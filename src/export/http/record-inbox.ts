/**
 * The records a batch engine accepted and has not encoded yet: a FIFO that numbers them as they come
 * (the sequence numbers `flush()` waits for) and lets go of each record as it is taken out, so an
 * encoded record can be collected while the rest of a large backlog waits.
 *
 * @module
 */

/** Consumed slots kept at most before the array is compacted (when they are also the majority). */
const COMPACT_AFTER = 4096;

/** FIFO of records not yet encoded, with their sequence numbers. */
export class RecordInbox<R> {
  private records: (R | undefined)[] = [];
  private head = 0;
  private last = 0;

  /** Records waiting. */
  get length(): number {
    return this.records.length - this.head;
  }

  /** The sequence number of the latest record pushed (0 before the first). */
  get lastSeq(): number {
    return this.last;
  }

  /**
   * The sequence number of the oldest waiting record, or of the next one pushed when empty. Records
   * leave in order, so the waiting ones hold the latest numbers and none is stored per record.
   */
  get firstSeq(): number {
    return this.last - this.length + 1;
  }

  /** Appends a record and returns its sequence number. */
  push(record: R): number {
    this.records.push(record);
    this.last += 1;
    return this.last;
  }

  /** Removes the oldest record; `undefined` when empty. */
  shift(): R | undefined {
    if (this.head >= this.records.length) return undefined;
    const record = this.records[this.head];
    this.records[this.head] = undefined;
    this.head += 1;
    if (this.head === this.records.length) {
      this.records = [];
      this.head = 0;
    } else if (this.head > COMPACT_AFTER && this.head * 2 > this.records.length) {
      this.records = this.records.slice(this.head);
      this.head = 0;
    }
    return record;
  }

  /** Removes every record and returns how many there were (sequence numbers keep counting). */
  clear(): number {
    const count = this.length;
    this.records = [];
    this.head = 0;
    return count;
  }
}
