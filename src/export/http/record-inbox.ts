/**
 * The records a batch engine accepted and has not encoded yet: a FIFO that numbers them as they come
 * (the sequence numbers `flush()` waits for) and lets go of each record as it is taken out, so an
 * encoded record can be collected while the rest of a large backlog waits.
 *
 * @module
 */
import { Fifo } from "./fifo";

/** FIFO of records not yet encoded, with their sequence numbers. */
export class RecordInbox<R> {
  private readonly records = new Fifo<R>();
  private last = 0;

  /** Records waiting. */
  get length(): number {
    return this.records.length;
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
    return this.records.shift();
  }

  /** Removes every record and returns how many there were (sequence numbers keep counting). */
  clear(): number {
    return this.records.clear();
  }
}
