/**
 * A batch: items cut off the queue together and sent in one request, with its attempt count and
 * the time of its first attempt (where its retry budget starts).
 *
 * A batch keeps its items' wire data only until its body is built; then its wire body (the body as
 * sent, usually gzip-compressed) holds them, and the items are read back from it in the rare cases
 * that need them (a 413 split, a per-item retry). In-flight items thus cost their compressed bytes
 * once, instead of their encoded bytes twice.
 *
 * @module
 */
import type { ItemData } from "./batch-body";
import type { ItemRef } from "./item-queue";

/** Items sent together, and their retry state. */
export interface Batch {
  readonly items: readonly ItemRef[];
  /** The items' wire data, index for index, until {@link Batch.wire} holds them. */
  data: readonly ItemData[] | undefined;
  /** The request body as sent (compressed when the sender asks for it), once built; reused by retries. */
  wire: Buffer | undefined;
  /** Request body bytes: the envelope plus each item and its separator. */
  readonly bytes: number;
  /** The lowest sequence number among the items (what `flush()` waits for). */
  readonly minSeq: number;
  attempt: number;
  firstAttemptAt: number | undefined;
}

/** A batch of `items` (with their wire `data`) whose body has at most `envelopeBytes` around them. */
export function makeBatch(
  items: readonly ItemRef[],
  data: readonly ItemData[],
  envelopeBytes: number,
  attempt = 0,
  firstAttemptAt: number | undefined = undefined,
): Batch {
  let bytes = envelopeBytes;
  let minSeq = Number.POSITIVE_INFINITY;
  for (const item of items) {
    bytes += item.bytes + 1;
    if (item.seq < minSeq) minSeq = item.seq;
  }
  return { items, data, wire: undefined, bytes, minSeq, attempt, firstAttemptAt };
}

/**
 * The two halves of a batch a server refused as too large (`data` is its items' wire data); they start
 * over with fresh budgets.
 */
export function splitBatch(batch: Batch, data: readonly ItemData[], envelopeBytes: number): [Batch, Batch] {
  const half = Math.ceil(batch.items.length / 2);
  return [
    makeBatch(batch.items.slice(0, half), data.slice(0, half), envelopeBytes),
    makeBatch(batch.items.slice(half), data.slice(half), envelopeBytes),
  ];
}

/** The items at `indexes` (those to retry alone), keeping the batch's retry state. */
export function subBatch(batch: Batch, data: readonly ItemData[], indexes: readonly number[], envelopeBytes: number): Batch | undefined {
  const items: ItemRef[] = [];
  const picked: ItemData[] = [];
  for (const i of indexes) {
    const item = batch.items[i];
    const part = data[i];
    if (item === undefined || part === undefined) continue;
    items.push(item);
    picked.push(part);
  }
  return items.length === 0 ? undefined : makeBatch(items, picked, envelopeBytes, batch.attempt, batch.firstAttemptAt);
}
