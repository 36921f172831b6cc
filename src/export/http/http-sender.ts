/**
 * Binds a transport, an endpoint and a response interpreter into the {@link BatchSender} a batch
 * engine calls.
 *
 * @module
 */
import type { BatchSender } from "./batch-engine";
import type { HttpOutcome, HttpTransport } from "./http-transport";
import { interpretResponse } from "./interpret-response";
import type { ItemRef } from "./item-queue";
import type { SendResult } from "./send-result";
import type { ContentEncoding } from "./wire-body";

/** Where and how a sender posts. */
export interface HttpEndpoint {
  readonly url: string;
  /** Request headers (credentials included); never logged. */
  readonly headers: Readonly<Record<string, string>>;
  /** @default true */
  readonly gzip?: boolean;
  readonly timeoutMs: number;
}

/** Maps a transport outcome for these items to a result; the default knows no per-item results. */
export type ResponseInterpreter = (outcome: HttpOutcome, items: readonly Pick<ItemRef, "key">[], nowMs: number) => SendResult;

/**
 * A {@link BatchSender} posting to `endpoint` through `transport`; it asks the engine for gzip-compressed
 * bodies unless `endpoint.gzip` is false.
 */
export function createHttpSender(
  transport: HttpTransport,
  endpoint: HttpEndpoint,
  interpret: ResponseInterpreter = (outcome, _items, nowMs) => interpretResponse(outcome, nowMs),
  now: () => number = Date.now,
): BatchSender {
  const contentEncoding: ContentEncoding = endpoint.gzip === false ? "identity" : "gzip";
  const send = async (wire: Buffer, items: readonly ItemRef[]): Promise<SendResult> => {
    const outcome = await transport.send({ url: endpoint.url, headers: endpoint.headers, body: wire, contentEncoding, timeoutMs: endpoint.timeoutMs });
    return interpret(outcome, items, now());
  };
  return Object.assign(send, { contentEncoding });
}
