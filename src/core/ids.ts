import { createHash, randomFillSync } from "node:crypto";

/**
 * Bytes drawn from the OS's CSPRNG at a time. One `randomFillSync` call per 512 ids keeps id
 * generation off the syscall path without holding much memory.
 */
const POOL_BYTES = 8192;

const pool = Buffer.allocUnsafe(POOL_BYTES);
/**
 * The pool as hex text, made in one native call per refill: an id is then a slice of this string
 * (V8 shares the characters), about five times cheaper than one `toString("hex")` call per id.
 */
let poolHex = "";
let offset = POOL_BYTES;

function take(bytes: number): number {
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    poolHex = pool.toString("hex");
    offset = 0;
  }
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
