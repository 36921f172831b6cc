/**
 * A batch: items cut off the queue together and sent in one request, with its attempt count and
 * the time of its first attempt (where its retry budget starts).
 *
 * @module
 */
import type { QueuedItem } from "./item-queue";

/** Items sent together, and their retry state. */
export interface Batch {
  readonly items: readonly QueuedItem[];
  /** Request body bytes: the envelope plus each item and its separator. */
  readonly bytes: number;
  /** The lowest sequence number among the items (what `flush()` waits for). */
  readonly minSeq: number;
  attempt: number;
  firstAttemptAt: number | undefined;
}

/** A batch of `items` whose body has `envelopeBytes` around them. */
export function makeBatch(
  items: readonly QueuedItem[],
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
  return { items, bytes, minSeq, attempt, firstAttemptAt };
}

/** The two halves of a batch a server refused as too large; they start over with fresh budgets. */
export function splitBatch(batch: Batch, envelopeBytes: number): [Batch, Batch] {
  const half = Math.ceil(batch.items.length / 2);
  return [makeBatch(batch.items.slice(0, half), envelopeBytes), makeBatch(batch.items.slice(half), envelopeBytes)];
}

/** The items at `indexes` (those to retry alone), keeping the batch's retry state. */
export function subBatch(batch: Batch, indexes: readonly number[], envelopeBytes: number): Batch | undefined {
  const items = indexes.map((i) => batch.items[i]).filter((item): item is QueuedItem => item !== undefined);
  return items.length === 0 ? undefined : makeBatch(items, envelopeBytes, batch.attempt, batch.firstAttemptAt);
}
