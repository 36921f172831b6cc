/**
 * The value an HTTP send returns. I/O failures are results, never exceptions, so the batch engine
 * decides what to do with a plain `switch` and nothing can escape into user code.
 *
 * @module
 */

/** One item of a batch that the server refused on its own (a 207 multi-status entry). */
export interface ItemRejection {
  /** Index of the item in the batch that was sent. */
  readonly index: number;
  /** The per-item HTTP status the server reported. */
  readonly status: number;
  /** The server's message for this item (already shortened, never containing credentials). */
  readonly message: string;
}

/** The server accepted the request. `rejected` and `retry` list per-item outcomes of a partial success. */
export interface SendOk {
  readonly ok: true;
  /** Items the server refused for good; the rest of the batch was accepted. */
  readonly rejected?: readonly ItemRejection[];
  /** Indexes of items that failed transiently (per-item 429/5xx) and may be retried alone. */
  readonly retry?: readonly number[];
  /** How many items the server refused without naming them (OTLP `partialSuccess.rejectedSpans`). */
  readonly rejectedCount?: number;
  /** The server's message for {@link SendOk.rejectedCount}. */
  readonly message?: string;
}

/** A transient failure: the whole batch may be sent again, not before `afterMs` when the server said so. */
export interface SendRetryable {
  readonly retryable: true;
  /** The server's `Retry-After`, in milliseconds from now, when it sent one. */
  readonly afterMs?: number;
  /** A short description for logs (`HTTP 503`, `timeout`, `ECONNRESET`). */
  readonly reason: string;
}

/** A final failure: the batch must not be sent again as it is. */
export interface SendFatal {
  readonly fatal: true;
  /** A short description for logs, with the server's message when it gave one. */
  readonly reason: string;
  /** The HTTP status, when there was a response. */
  readonly status?: number;
  /** True for 413: the batch may be split and its halves sent again. */
  readonly tooLarge?: boolean;
}

/** `{ ok } | { retryable, afterMs } | { fatal }`. */
export type SendResult = SendOk | SendRetryable | SendFatal;
