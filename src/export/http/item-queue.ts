/**
 * A FIFO of encoded items with O(1) push and shift and running byte totals: the memory the batch
 * engine holds between `export()` and a request.
 *
 * @module
 */

/** One record (or one of its wire events) encoded for the wire. */
export interface EncodedItem {
  /** The id the server knows it by (span id, event id): used to match per-item results and in logs. */
  readonly key: string;
  /** Its JSON text, ready to be joined into a request body. */
  readonly json: string;
  /** UTF-8 length of `json`. */
  readonly bytes: number;
}

/** What a batch keeps of an item once its text is in the request body. */
export interface ItemRef {
  /** See {@link EncodedItem.key}. */
  readonly key: string;
  /** See {@link EncodedItem.bytes}. */
  readonly bytes: number;
  /** The sequence number of the `export()` call that produced it. */
  readonly seq: number;
}

/** An item with the sequence number of the `export()` call that produced it. */
export interface QueuedItem extends EncodedItem, ItemRef {}

/** FIFO of {@link QueuedItem}s ordered by `seq`. */
export class ItemQueue {
  private items: QueuedItem[] = [];
  private head = 0;
  private byteCount = 0;

  /** Number of queued items. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Total UTF-8 bytes of the queued items. */
  get bytes(): number {
    return this.byteCount;
  }

  /** The oldest item, if any. */
  peek(): QueuedItem | undefined {
    return this.items[this.head];
  }

  /** Appends an item. */
  push(item: QueuedItem): void {
    this.items.push(item);
    this.byteCount += item.bytes;
  }

  /** Removes and returns the oldest item. */
  shift(): QueuedItem | undefined {
    const item = this.items[this.head];
    if (item === undefined) return undefined;
    this.items[this.head] = undefined as unknown as QueuedItem;
    this.head += 1;
    this.byteCount -= item.bytes;
    // Compact once the consumed prefix dominates, so memory follows the live length.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes every item and returns how many there were. */
  clear(): number {
    const count = this.length;
    this.items = [];
    this.head = 0;
    this.byteCount = 0;
    return count;
  }
}
