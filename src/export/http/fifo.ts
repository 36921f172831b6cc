/**
 * A FIFO over an array with O(1) push and shift: taken slots are cleared at once (so their values can
 * be collected) and the array is compacted when the consumed prefix dominates, so memory follows the
 * live length. The batch engine's record inbox and encoded-item queue are both built on it.
 *
 * @module
 */

/** Consumed slots kept at most before the array is compacted (when they are also the majority). */
const COMPACT_AFTER = 1024;

/** First in, first out. */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  /** Values waiting. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** The oldest value, if any, without removing it. */
  peek(): T | undefined {
    return this.items[this.head];
  }

  /** Appends a value. */
  push(value: T): void {
    this.items.push(value);
  }

  /** Removes and returns the oldest value; `undefined` when empty. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const value = this.items[this.head];
    this.items[this.head] = undefined;
    this.head += 1;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > COMPACT_AFTER && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return value;
  }

  /** Removes every value and returns how many there were. */
  clear(): number {
    const count = this.length;
    this.items = [];
    this.head = 0;
    return count;
  }
}
