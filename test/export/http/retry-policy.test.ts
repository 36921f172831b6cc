import { describe, expect, it } from "vitest";
import { backoffDelayMs, isRetryable, nextRetryDelayMs, parseRetryAfter } from "../../../src/export/http/retry-policy";

const backoff = { initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2 };

describe("isRetryable", () => {
  it("retries 408, 429 and 5xx except 501", () => {
    for (const status of [408, 429, 500, 502, 503, 504]) expect(isRetryable(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 413, 501]) expect(isRetryable(status)).toBe(false);
  });

  it("retries network errors and timeouts, also when wrapped in a cause", () => {
    expect(isRetryable(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBe(true);
    expect(isRetryable(new DOMException("t", "TimeoutError"))).toBe(true);
    expect(isRetryable(new Error("fetch failed", { cause: Object.assign(new Error("y"), { code: "ECONNREFUSED" }) }))).toBe(true);
    expect(isRetryable(new TypeError("Invalid URL"))).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });
  it("reads an HTTP date relative to now, never negative", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
  });
  it("ignores absent and garbage values", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter(["7"], now)).toBe(7000);
  });
});

describe("backoffDelayMs (full jitter)", () => {
  it("spans [0, cap) where the cap doubles per attempt up to the maximum", () => {
    expect(backoffDelayMs(1, backoff, 0)).toBe(0);
    expect(backoffDelayMs(1, backoff, 0.999_999)).toBe(99);
    expect(backoffDelayMs(3, backoff, 0.5)).toBe(200);
    expect(backoffDelayMs(20, backoff, 0.5)).toBe(500);
  });
});

describe("nextRetryDelayMs", () => {
  const base = { attempt: 1, firstAttemptAtMs: 0, nowMs: 0, maxRetryDurationMs: 5000, maxRetryAfterMs: 2000, backoff, random: 0.5 };
  it("uses the backoff when the server gave no Retry-After", () => {
    expect(nextRetryDelayMs(base)).toBe(50);
  });
  it("honours a longer Retry-After, capped", () => {
    expect(nextRetryDelayMs({ ...base, retryAfterMs: 1500 })).toBe(1500);
    expect(nextRetryDelayMs({ ...base, retryAfterMs: 60_000 })).toBe(2000);
  });
  it("gives up when the wait would pass the overall deadline", () => {
    expect(nextRetryDelayMs({ ...base, nowMs: 4990, retryAfterMs: 1000 })).toBeUndefined();
    expect(nextRetryDelayMs({ ...base, nowMs: 5000 })).toBeUndefined();
  });
});
