/**
 * A batch: items cut off the queue together and sent in one request, with its attempt count and
 * the time of its first attempt (where its retry budget starts).
 *
 * A batch keeps its items' JSON texts only until its body is built; then the body holds them, and
 * the texts are read back from it in the rare cases that need them (a 413 split, a per-item retry).
 * In-flight items thus cost their bytes once, in the body, instead of twice on the V8 heap.
 *
 * @module
 */
import type { ItemRef } from "./item-queue";

/** Items sent together, and their retry state. */
export interface Batch {
  readonly items: readonly ItemRef[];
  /** The items' JSON texts, index for index, until {@link Batch.body} holds them. */
  texts: readonly string[] | undefined;
  /** The request body once built (reused by retries). */
  body: string | Buffer | undefined;
  /** Request body bytes: the envelope plus each item and its separator. */
  readonly bytes: number;
  /** The lowest sequence number among the items (what `flush()` waits for). */
  readonly minSeq: number;
  attempt: number;
  firstAttemptAt: number | undefined;
}

/** A batch of `items` (with their JSON `texts`) whose body has `envelopeBytes` around them. */
export function makeBatch(
  items: readonly ItemRef[],
  texts: readonly string[],
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
  return { items, texts, body: undefined, bytes, minSeq, attempt, firstAttemptAt };
}

/**
 * The two halves of a batch a server refused as too large (`texts` are its items' texts); they start
 * over with fresh budgets.
 */
export function splitBatch(batch: Batch, texts: readonly string[], envelopeBytes: number): [Batch, Batch] {
  const half = Math.ceil(batch.items.length / 2);
  return [
    makeBatch(batch.items.slice(0, half), texts.slice(0, half), envelopeBytes),
    makeBatch(batch.items.slice(half), texts.slice(half), envelopeBytes),
  ];
}

/** The items at `indexes` (those to retry alone), keeping the batch's retry state. */
export function subBatch(batch: Batch, texts: readonly string[], indexes: readonly number[], envelopeBytes: number): Batch | undefined {
  const items: ItemRef[] = [];
  const picked: string[] = [];
  for (const i of indexes) {
    const item = batch.items[i];
    const text = texts[i];
    if (item === undefined || text === undefined) continue;
    items.push(item);
    picked.push(text);
  }
  return items.length === 0 ? undefined : makeBatch(items, picked, envelopeBytes, batch.attempt, batch.firstAttemptAt);
}
