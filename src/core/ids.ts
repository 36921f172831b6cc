import { createHash, randomFillSync } from "node:crypto";

/**
 * Bytes drawn from the OS's CSPRNG at a time. One `randomFillSync` call per 4,096 trace ids: its
 * fixed cost per call was a third of an id's cost when drawing 8 KiB at a time.
 */
const ENTROPY_BYTES = 65_536;
/**
 * Bytes turned into hex text at a time (a window of the entropy). Hex-encoding all 64 KiB at once
 * makes a string V8 handles far more slowly than eight of 16 KiB.
 */
const WINDOW_BYTES = 8192;

const entropy = Buffer.allocUnsafe(ENTROPY_BYTES);
/** Start of the current window in `entropy`; past the end until the first draw fills it. */
let windowStart = ENTROPY_BYTES;
/** The current window of `entropy`. */
let pool = entropy.subarray(0, WINDOW_BYTES);
/**
 * The current window as hex text, made in one native call per window: an id is then a slice of this
 * string (V8 shares the characters), about five times cheaper than one `toString("hex")` call per id.
 */
let poolHex = "";
let offset = WINDOW_BYTES;

function nextWindow(): void {
  windowStart += WINDOW_BYTES;
  if (windowStart >= ENTROPY_BYTES) {
    randomFillSync(entropy);
    windowStart = 0;
  }
  pool = entropy.subarray(windowStart, windowStart + WINDOW_BYTES);
  poolHex = pool.toString("hex");
  offset = 0;
}

function take(bytes: number): number {
  if (offset + bytes > WINDOW_BYTES) nextWindow();
  const start = offset;
  offset += bytes;
  return start;
}

function randomHex(bytes: number): string {
  // An all-zero id is invalid in W3C trace context; the odds are 2^-64 or less, but retry anyway.
  for (;;) {
    const start = take(bytes);
    if (!allZero(start, start + bytes)) return poolHex.slice(start * 2, (start + bytes) * 2);
  }
}

function allZero(start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (pool[i] !== 0) return false;
  return true;
}

/** A random W3C trace id: 32 lowercase hex characters, every bit random (so the W3C "random" flag holds). */
export function randomTraceId(): string {
  return randomHex(16);
}

/** A random W3C span id: 16 lowercase hex characters. */
export function randomSpanId(): string {
  return randomHex(8);
}

/**
 * A W3C trace id. With a seed, the id is derived from it (the first 16 bytes of its SHA-256), so the
 * same seed always gives the same id, in any process: use it to find a trace again from your own key.
 * Without a seed, the id is random.
 *
 * @example
 * ```ts
 * const trace = tw.trace({ id: createTraceId("order-1234"), name: "checkout" });
 * ```
 */
export function createTraceId(seed?: string): string {
  if (seed === undefined) return randomTraceId();
  return createHash("sha256").update(seed).digest("hex").slice(0, 32);
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/** True for a valid W3C trace id (32 lowercase hex, not all zero). */
export function isValidTraceId(id: string): boolean {
  return TRACE_ID.test(id) && id !== "00000000000000000000000000000000";
}

/** True for a valid W3C span id (16 lowercase hex, not all zero). */
export function isValidSpanId(id: string): boolean {
  return SPAN_ID.test(id) && id !== "0000000000000000";
}
