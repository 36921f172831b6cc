/**
 * Turns a transport outcome into a {@link SendResult} for endpoints without per-item results
 * (OTLP/HTTP): 2xx is success, 413 may be split, 429/5xx/network errors are retried, the rest is final.
 *
 * @module
 */
import { describeError } from "../../diag/error-sink";
import type { HttpOutcome } from "./http-transport";
import { isRetryable, parseRetryAfter } from "./retry-policy";
import type { SendResult } from "./send-result";

/** Server messages quoted in logs are cut to this many characters. */
export const MAX_SERVER_MESSAGE_CHARS = 300;

/** The most useful short text of an error response body: its `message`/`error` field, or the raw text. */
export function serverMessage(body: string): string {
  const text = body.trim();
  if (text === "") return "";
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null) {
      const { message, error } = parsed as { message?: unknown; error?: unknown };
      const picked = typeof message === "string" ? message : typeof error === "string" ? error : undefined;
      if (picked !== undefined) return shorten(picked);
    }
  } catch {
    // Not JSON: quote the text itself.
  }
  return shorten(text);
}

function shorten(text: string): string {
  return text.length > MAX_SERVER_MESSAGE_CHARS ? `${text.slice(0, MAX_SERVER_MESSAGE_CHARS)}…` : text;
}

/** A short, credential-free description of a transport error (`timeout`, `ECONNRESET: …`). */
export function describeTransportError(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const { name, code } = error as { name?: unknown; code?: unknown };
    if (name === "TimeoutError" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
      return "timeout";
    }
    if (typeof code === "string") return code;
  }
  return describeError(error);
}

/** Maps a whole-request outcome to `{ ok } | { retryable, afterMs } | { fatal }`. */
export function interpretResponse(outcome: HttpOutcome, nowMs: number): SendResult {
  if ("error" in outcome) {
    const reason = describeTransportError(outcome.error);
    return isRetryable(outcome.error) ? { retryable: true, reason } : { fatal: true, reason };
  }
  const { status, headers, body } = outcome.response;
  if (status >= 200 && status < 300) return { ok: true };
  const message = serverMessage(body);
  const reason = message === "" ? `HTTP ${status}` : `HTTP ${status}: ${message}`;
  if (status === 413) return { fatal: true, reason, status, tooLarge: true };
  if (isRetryable(status)) {
    const afterMs = parseRetryAfter(headers["retry-after"], nowMs);
    return afterMs === undefined ? { retryable: true, reason } : { retryable: true, reason, afterMs };
  }
  return { fatal: true, reason, status };
}
