import { performance } from "node:perf_hooks";

/** A source of wall-clock time in unix epoch milliseconds (fractional). Injectable for tests. */
export interface Clock {
  /** Current time, unix epoch milliseconds with sub-millisecond precision. */
  now(): number;
}

/**
 * `performance.timeOrigin`, read once: it is fixed for the life of the process, and its getter
 * recomputes (and allocates) the value on every read, six times per traced call of three functions.
 */
const TIME_ORIGIN = performance.timeOrigin;

/**
 * High-resolution wall clock: `performance.timeOrigin + performance.now()`. Monotonic within the
 * process, so durations never go negative when the system clock is adjusted.
 */
export const hrClock: Clock = {
  now: () => TIME_ORIGIN + performance.now(),
};

/** Converts a `Date` or epoch milliseconds to epoch milliseconds. */
export function toEpochMs(value: Date | number): number {
  return typeof value === "number" ? value : value.getTime();
}
