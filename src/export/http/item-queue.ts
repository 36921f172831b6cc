/**
 * A FIFO of encoded items with O(1) push and shift and running byte totals: the memory the batch
 * engine holds between `export()` and a request.
 *
 * @module
 */
import type { ItemData } from "./batch-body";
import { Fifo } from "./fifo";

/** One record (or one of its wire events) encoded for the wire. */
export interface EncodedItem {
  /** The id the server knows it by (span id, event id): used to match per-item results and in logs. */
  readonly key: string;
  /** Its wire form (JSON text or protobuf bytes), ready to be joined into a request body. */
  readonly data: ItemData;
  /** Byte length of `data` (UTF-8 for text). */
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

/** FIFO of {@link QueuedItem}s ordered by `seq`, with a running byte total. */
export class ItemQueue {
  private readonly items = new Fifo<QueuedItem>();
  private byteCount = 0;

  /** Number of queued items. */
  get length(): number {
    return this.items.length;
  }

  /** Total wire bytes of the queued items. */
  get bytes(): number {
    return this.byteCount;
  }

  /** The oldest item, if any. */
  peek(): QueuedItem | undefined {
    return this.items.peek();
  }

  /** Appends an item. */
  push(item: QueuedItem): void {
    this.items.push(item);
    this.byteCount += item.bytes;
  }

  /** Removes and returns the oldest item. */
  shift(): QueuedItem | undefined {
    const item = this.items.shift();
    if (item !== undefined) this.byteCount -= item.bytes;
    return item;
  }

  /** Removes every item and returns how many there were. */
  clear(): number {
    this.byteCount = 0;
    return this.items.clear();
  }
}
