/**
 * Reads the 207 multi-status answer of `POST /api/public/ingestion`: accepted events are done for
 * good, rejected ones are reported with the server's message, and per-event 429/5xx are retried alone.
 *
 * @module
 */
import type { HttpOutcome } from "../http/http-transport";
import { interpretResponse, MAX_SERVER_MESSAGE_CHARS } from "../http/interpret-response";
import type { QueuedItem } from "../http/batch-engine";
import { isRetryable } from "../http/retry-policy";
import type { ItemRejection, SendResult } from "../http/send-result";

interface IngestionErrorEntry {
  readonly id?: unknown;
  readonly status?: unknown;
  readonly message?: unknown;
  readonly error?: unknown;
}

/**
 * Maps an ingestion response to a result. Events the response does not mention count as accepted:
 * resending them could only create duplicates.
 */
export function interpretIngestionResponse(outcome: HttpOutcome, items: readonly Pick<QueuedItem, "key">[], nowMs: number): SendResult {
  const whole = interpretResponse(outcome, nowMs);
  if (!("ok" in whole) || "error" in outcome) return whole;
  const errors = parseErrors(outcome.response.body);
  if (errors.length === 0) return whole;
  const indexByKey = new Map<string, number>();
  items.forEach((item, index) => indexByKey.set(item.key, index));
  const rejected: ItemRejection[] = [];
  const retry: number[] = [];
  for (const entry of errors) {
    const index = typeof entry.id === "string" ? indexByKey.get(entry.id) : undefined;
    if (index === undefined) continue;
    indexByKey.delete(entry.id as string);
    const status = typeof entry.status === "number" ? entry.status : 400;
    if (isRetryable(status)) retry.push(index);
    else rejected.push({ index, status, message: entryMessage(entry) });
  }
  return { ok: true, rejected, retry };
}

function parseErrors(body: string): readonly IngestionErrorEntry[] {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    return Array.isArray(parsed.errors) ? (parsed.errors as IngestionErrorEntry[]) : [];
  } catch {
    return [];
  }
}

function entryMessage(entry: IngestionErrorEntry): string {
  const detail = entry.error === undefined ? undefined : typeof entry.error === "string" ? entry.error : JSON.stringify(entry.error);
  const message = typeof entry.message === "string" ? entry.message : undefined;
  const text = [message, detail].filter((part) => part !== undefined && part !== "").join(": ") || "no message";
  return text.length > MAX_SERVER_MESSAGE_CHARS ? `${text.slice(0, MAX_SERVER_MESSAGE_CHARS)}…` : text;
}
