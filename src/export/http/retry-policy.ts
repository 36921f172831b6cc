/**
 * Retry policy as small pure functions: which failures are transient, how long the server asked us to
 * wait, how long to back off, and whether the overall deadline still allows another attempt.
 *
 * @module
 */

/** Node/undici error codes that mean the request may not have reached the server, or its answer was lost. */
const RETRYABLE_ERROR_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENOTFOUND",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_ABORTED",
]);

/**
 * True when a response status or a thrown transport error is worth retrying: 408, 429, every 5xx
 * (except 501, "not implemented", which will not change), network errors and timeouts.
 * 400, 401, 403, 404 and 413 are not retryable (413 is split, not retried).
 */
export function isRetryable(statusOrError: unknown): boolean {
  if (typeof statusOrError === "number") {
    if (statusOrError === 408 || statusOrError === 429) return true;
    return statusOrError >= 500 && statusOrError !== 501;
  }
  return isTransientError(statusOrError);
}

function isTransientError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, code, cause } = error as { name?: unknown; code?: unknown; cause?: unknown };
  if (name === "AbortError" || name === "TimeoutError") return true;
  if (typeof code === "string" && RETRYABLE_ERROR_CODES.has(code)) return true;
  return cause !== undefined && cause !== error && isTransientError(cause);
}

/**
 * Parses a `Retry-After` header: either delta-seconds (`"120"`, fractions tolerated) or an HTTP date.
 * Returns milliseconds from `nowMs`, never negative, or `undefined` when absent or unparseable.
 */
export function parseRetryAfter(value: string | readonly string[] | undefined, nowMs: number): number | undefined {
  const raw: unknown = typeof value === "string" ? value : value?.[0];
  if (typeof raw !== "string") return undefined;
  const text = raw.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date always names its day and month; anything else ("-5", "2026") is not one.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Parameters of exponential backoff. */
export interface BackoffOptions {
  /** Delay cap of the first retry, in milliseconds. */
  readonly initialDelayMs: number;
  /** The largest delay cap, in milliseconds. */
  readonly maxDelayMs: number;
  /** Growth factor of the cap per attempt. */
  readonly multiplier: number;
}

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
 * a uniform delay in `[0, min(maxDelayMs, initialDelayMs · multiplier^(attempt−1)))`.
 *
 * @param attempt - 1 for the first retry.
 * @param random - a uniform random number in [0, 1).
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: number): number {
  const exponent = Math.max(0, attempt - 1);
  const cap = Math.min(options.maxDelayMs, options.initialDelayMs * options.multiplier ** exponent);
  return Math.floor(cap * Math.min(Math.max(random, 0), 1));
}

/** Inputs of {@link nextRetryDelayMs}. */
export interface RetryPlanInput {
  /** 1 for the first retry. */
  readonly attempt: number;
  /** When the batch was first sent (epoch ms). */
  readonly firstAttemptAtMs: number;
  readonly nowMs: number;
  /** The overall time budget of one batch's attempts. */
  readonly maxRetryDurationMs: number;
  /** The server's `Retry-After` in ms, if any. */
  readonly retryAfterMs?: number;
  /** Never wait longer than this for one retry, even if the server asks for more. */
  readonly maxRetryAfterMs: number;
  readonly backoff: BackoffOptions;
  /** A uniform random number in [0, 1). */
  readonly random: number;
}

/**
 * How long to wait before the next attempt, or `undefined` when the overall deadline does not allow one.
 * The server's `Retry-After` (capped) wins over a shorter backoff; the wait never runs past the deadline.
 */
export function nextRetryDelayMs(input: RetryPlanInput): number | undefined {
  const deadline = input.firstAttemptAtMs + input.maxRetryDurationMs;
  const remaining = deadline - input.nowMs;
  if (remaining <= 0) return undefined;
  const backoff = backoffDelayMs(input.attempt, input.backoff, input.random);
  const asked = input.retryAfterMs === undefined ? 0 : Math.min(input.retryAfterMs, input.maxRetryAfterMs);
  const delay = Math.max(backoff, asked);
  if (delay >= remaining) return undefined;
  return delay;
}
